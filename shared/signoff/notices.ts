import { Client, Staff, Team } from '../accounts/entities.js';
import {
  type ActiveMember,
  activeMembersOf,
  type Client as ClientView,
  loadContact,
  type StaffMember,
  type StaffRole,
  undeliverableStatus,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItems } from '../platform/db/table.js';
import { renderEmail, type SignOffSubject } from '../platform/emails.js';
import { notFound } from '../platform/errors.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { sendEmail } from '../platform/mailer.js';
import { businessMetric, countEvent } from '../platform/telemetry.js';
import { defaultCalendar, type WorkingCalendar } from '../platform/working-days.js';
import { issueLink } from './approval-links.js';
import { whoToTell, withheldNotice } from './mail-problem-notices.js';
import { signOffWords, staffNoticeWords } from './messages.js';
import type { ApprovalRequest, Assignee, Review, ReviewStep } from './schemas.js';
import { subjectOf } from './subjects.js';
import { reviewTitle } from './titles.js';

export type StaffAssignee = Extract<Assignee, { kind: 'staff' }>;

/** Everything around a review that its steps and emails need, read in one round trip (plus the team's staff). */
export interface ReviewContext {
  client: ClientView;
  calendar: WorkingCalendar;
  job: JobView;
  starter: StaffMember | undefined;
  /** Active team members, as assignees. */
  team: StaffAssignee[];
  /** The language each active team member reads their emails in (their console's). */
  staffLanguages: ReadonlyMap<string, Language>;
}

/** The team's active members as assignees of approval requests. */
const asAssignees = (members: ActiveMember[]): StaffAssignee[] =>
  members.map(({ staffId, name, email, role }) => ({ kind: 'staff' as const, staffId, name, email, role }));

export async function loadReviewContext(review: Review): Promise<ReviewContext> {
  const [clientItem, teamItem, jobItem, starterItem] = await getItems([
    Client.key(review.clientId),
    Team.key(review.clientId),
    Job.key(review.clientId, review.jobId),
    Staff.key(review.startedBy),
  ]);
  if (!clientItem || !jobItem) throw notFound('Review subject');
  const client = fromItem<ClientView>(clientItem);
  const members = await activeMembersOf(teamItem);
  return {
    client,
    calendar: client.calendar ?? defaultCalendar,
    job: fromItem<JobView>(jobItem),
    starter: starterItem ? fromItem<StaffMember>(starterItem) : undefined,
    team: asAssignees(members),
    staffLanguages: new Map(members.flatMap((m) => (m.language ? [[m.staffId, m.language] as const] : []))),
  };
}

export const teamWithRole = (ctx: ReviewContext, role: StaffRole) => ctx.team.filter((m) => m.role === role);

/**
 * What every sign-off email (and the approval page) names about the item awaiting a decision:
 * the review at `step` (before its first step opened: its version, no deadline), in the reader's
 * language.
 */
export function emailFacts(
  review: Review,
  step: ReviewStep | undefined,
  ctx: ReviewContext,
  language: Language,
): SignOffSubject {
  const words = signOffWords[language];
  return {
    agencyName: getMailConfig().agencyName,
    clientName: ctx.client.name,
    jobNumber: ctx.job.jobNumber,
    jobTitle: ctx.job.title,
    subjectNoun: words.nouns[review.subjectType],
    title: reviewTitle(review, language),
    version: step?.file.draftVersion ?? review.currentVersion,
    stepLabel: step ? words.stages[step.stage] : words.notOpened,
    deadline: step?.deadline ?? '',
    timeZone: ctx.calendar.timeZone,
    requestedBy: ctx.starter?.name ?? words.theAccountTeam,
    message: review.message,
    language,
  };
}

/** The language a staff member reads their emails in (their console's), else the agency's. */
const staffLanguage = (ctx: ReviewContext, staffId: string): Language =>
  ctx.staffLanguages.get(staffId) ?? agencyLanguage;

/** A page of the staff console (the console's routes mirror the API's resource paths). */
const consolePage = (path: string) => `${getMailConfig().publicBaseUrl}${path}`;

/**
 * Asks one approver for a decision, in their language: a client contact (their recorded language,
 * else the agency's) gets a fresh approval link (expiring with the step's deadline); a staff
 * member (their console's language) gets the console page where they decide.
 */
export async function requestDecision(
  review: Review,
  step: ReviewStep,
  ctx: ReviewContext,
  approval: ApprovalRequest,
  kind: 'request' | 'reminder' | 'overdue',
): Promise<void> {
  const { assignee } = approval;
  let contactAddress: string | undefined;
  let language: Language = agencyLanguage;
  if (assignee.kind === 'contact') {
    // A contact whose address bounced or complained is not written to again: the team hears instead.
    const contact = await loadContact(review.clientId, assignee.contactId);
    const undeliverable = contact && undeliverableStatus(contact);
    if (contact && undeliverable) {
      countEvent(businessMetric.emailWithheld);
      await tellStaff(review, step, ctx, whoToTell(ctx.team, ctx.starter), (reader) =>
        withheldNotice(contact, undeliverable, kind, reader),
      );
      return;
    }
    contactAddress = contact?.email ?? assignee.email;
    language = contact?.language ?? agencyLanguage;
  } else {
    language = staffLanguage(ctx, assignee.staffId);
  }
  const words = signOffWords[language];
  const subject = emailFacts(review, step, ctx, language);
  const intro = words.intro[kind](ctx.starter?.name ?? words.theAccountTeam);
  const subjectLine = `${words.subjectLines[step.stage][kind]}: ${subject.title} v${step.file.draftVersion} (${ctx.job.jobNumber})`;
  const content =
    assignee.kind === 'contact'
      ? {
          to: contactAddress ?? assignee.email,
          subject: subjectLine,
          greeting: words.contact.greeting(assignee.name),
          paragraphs: [intro, words.contact.howToDecide],
          action: { label: words.contact.action, url: await issueLink(approval, step.deadline) },
        }
      : {
          to: assignee.email,
          subject: subjectLine,
          greeting: words.staff.greeting(assignee.name),
          paragraphs: [intro, words.staff.howToDecide],
          action: { label: words.staff.action, url: consolePage(`/approvals/${approval.approvalId}`) },
        };
  await sendEmail({
    ...renderEmail(subject, content),
    tags: {
      clientId: review.clientId,
      reviewId: review.reviewId,
      approvalId: approval.approvalId,
      ...(assignee.kind === 'contact' ? { contactId: assignee.contactId } : {}),
    },
  });
}

/** What the team is told, in one reader's language. */
interface StaffNotice {
  subject: string;
  paragraphs: string[];
}

/**
 * Tells staff about a step (or the review) without asking them to decide (escalations, revisions,
 * outcomes, stops). Each person reads the whole email in their own language: `message` words it.
 */
export async function tellStaff(
  review: Review,
  step: ReviewStep | undefined,
  ctx: ReviewContext,
  people: StaffAssignee[],
  message: (language: Language) => StaffNotice,
): Promise<void> {
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.staffId)) continue;
    seen.add(person.staffId);
    const language = staffLanguage(ctx, person.staffId);
    const subject = emailFacts(review, step, ctx, language);
    const { subject: notice, paragraphs } = message(language);
    await sendEmail(
      renderEmail(subject, {
        to: person.email,
        subject: staffNoticeWords[language].subjectLine(
          notice,
          `${subject.title} v${subject.version} (${ctx.job.jobNumber})`,
        ),
        greeting: signOffWords[language].staff.greeting(person.name),
        paragraphs,
        action: {
          label: signOffWords[language].staff.chainAction,
          url: consolePage(subjectOf(review).chainPath(review.subjectId)),
        },
      }),
    );
  }
}
