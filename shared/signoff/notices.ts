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
import { sendEmail } from '../platform/mailer.js';
import { businessMetric, countEvent } from '../platform/telemetry.js';
import { defaultCalendar, type WorkingCalendar } from '../platform/working-days.js';
import { issueLink } from './approval-links.js';
import { whoToTell, withheldNotice } from './mail-problem-notices.js';
import type { ApprovalRequest, Assignee, Review, ReviewStep, Stage } from './schemas.js';
import { subjectOf } from './subjects.js';

export const stageLabels: Record<Stage, string> = {
  internal: 'internal review',
  client: 'client review',
  final_artwork: 'final artwork approval',
  revision: 'revision by the creative team',
};

/**
 * Each step's emails have their own subject, so an approver tells the first client review from
 * the final artwork approval (or an internal review) in their inbox.
 */
const subjectLines: Record<Stage, Record<'request' | 'reminder' | 'overdue', string>> = {
  internal: {
    request: 'Internal review requested',
    reminder: 'Reminder: internal review due',
    overdue: 'Overdue: internal review needed',
  },
  client: {
    request: 'Approval requested',
    reminder: 'Reminder: approval due',
    overdue: 'Overdue: approval needed',
  },
  final_artwork: {
    request: 'Final artwork approval requested',
    reminder: 'Reminder: final artwork approval due',
    overdue: 'Overdue: final artwork approval needed',
  },
  revision: {
    request: 'Revision requested',
    reminder: 'Reminder: revision due',
    overdue: 'Overdue: revision needed',
  },
};

export type StaffAssignee = Extract<Assignee, { kind: 'staff' }>;

/** Everything around a review that its steps and emails need, read in one round trip (plus the team's staff). */
export interface ReviewContext {
  client: ClientView;
  calendar: WorkingCalendar;
  job: JobView;
  starter: StaffMember | undefined;
  /** Active team members, as assignees. */
  team: StaffAssignee[];
}

/** The team's active members as assignees of approval requests. */
const asAssignees = (members: ActiveMember[]): StaffAssignee[] =>
  members.map((member) => ({ kind: 'staff' as const, ...member }));

export async function loadReviewContext(review: Review): Promise<ReviewContext> {
  const [clientItem, teamItem, jobItem, starterItem] = await getItems([
    Client.key(review.clientId),
    Team.key(review.clientId),
    Job.key(review.clientId, review.jobId),
    Staff.key(review.startedBy),
  ]);
  if (!clientItem || !jobItem) throw notFound('Review subject');
  const client = fromItem<ClientView>(clientItem);
  return {
    client,
    calendar: client.calendar ?? defaultCalendar,
    job: fromItem<JobView>(jobItem),
    starter: starterItem ? fromItem<StaffMember>(starterItem) : undefined,
    team: asAssignees(await activeMembersOf(teamItem)),
  };
}

export const teamWithRole = (ctx: ReviewContext, role: StaffRole) => ctx.team.filter((m) => m.role === role);

/**
 * What every sign-off email (and the approval page) names about the item awaiting a decision:
 * the review at `step` (before its first step opened: its version, no deadline).
 */
export function emailFacts(review: Review, step: ReviewStep | undefined, ctx: ReviewContext): SignOffSubject {
  return {
    agencyName: getMailConfig().agencyName,
    clientName: ctx.client.name,
    jobNumber: ctx.job.jobNumber,
    jobTitle: ctx.job.title,
    subjectNoun: subjectOf(review).noun,
    title: review.title,
    version: step?.file.draftVersion ?? review.currentVersion,
    stepLabel: step ? stageLabels[step.stage] : 'not opened yet',
    deadline: step?.deadline ?? '',
    timeZone: ctx.calendar.timeZone,
    requestedBy: ctx.starter?.name ?? 'the account team',
    message: review.message,
  };
}

const apiPath = (path: string) => `${getMailConfig().publicBaseUrl}${path}`;

/**
 * Asks one approver for a decision. A client contact gets a fresh approval link (expiring with
 * the step's deadline); a staff member gets the API call that decides.
 */
export async function requestDecision(
  review: Review,
  step: ReviewStep,
  ctx: ReviewContext,
  approval: ApprovalRequest,
  kind: 'request' | 'reminder' | 'overdue',
): Promise<void> {
  const { assignee } = approval;
  const intro = {
    request: `${ctx.starter?.name ?? 'The account team'} asks for your decision on the item below.`,
    reminder: 'A reminder: your decision on the item below is due soon.',
    overdue: 'Your decision on the item below is overdue; the deadline has been extended once.',
  }[kind];
  const subjectLine = subjectLines[step.stage][kind];
  const subject = emailFacts(review, step, ctx);
  let contactAddress: string | undefined;
  if (assignee.kind === 'contact') {
    // A contact whose address bounced or complained is not written to again: the team hears instead.
    const contact = await loadContact(review.clientId, assignee.contactId);
    const undeliverable = contact && undeliverableStatus(contact);
    if (contact && undeliverable) {
      countEvent(businessMetric.emailWithheld);
      await tellStaff(
        review,
        step,
        ctx,
        whoToTell(ctx.team, ctx.starter),
        withheldNotice(contact, undeliverable, kind),
      );
      return;
    }
    contactAddress = contact?.email ?? assignee.email;
  }
  const content =
    assignee.kind === 'contact'
      ? {
          to: contactAddress ?? assignee.email,
          subject: `${subjectLine}: ${review.title} v${step.file.draftVersion} (${ctx.job.jobNumber})`,
          greeting: `Dear ${assignee.name},`,
          paragraphs: [
            intro,
            'The link opens a page showing exactly this version; you can approve, approve with changes, request changes or reject it there, with a comment. The link is for you alone and works once.',
          ],
          action: { label: 'Review and decide', url: await issueLink(approval, step.deadline) },
        }
      : {
          to: assignee.email,
          subject: `${subjectLine}: ${review.title} v${step.file.draftVersion} (${ctx.job.jobNumber})`,
          greeting: `Hello ${assignee.name},`,
          paragraphs: [
            intro,
            `Decide in Account Desk: POST /approvals/${approval.approvalId}/decision with approve, approve_with_changes, request_changes or reject. Your queue: GET /approvals?assignee=me&status=pending.`,
          ],
          action: { label: 'Open the approval', url: apiPath(`/approvals/${approval.approvalId}`) },
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

/** Tells staff about a step (or the review) without asking them to decide (escalations, revisions, outcomes, stops). */
export async function tellStaff(
  review: Review,
  step: ReviewStep | undefined,
  ctx: ReviewContext,
  people: StaffAssignee[],
  message: { subject: string; paragraphs: string[] },
): Promise<void> {
  const subject = emailFacts(review, step, ctx);
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.staffId)) continue;
    seen.add(person.staffId);
    await sendEmail(
      renderEmail(subject, {
        to: person.email,
        subject: `${message.subject}: ${review.title} v${subject.version} (${ctx.job.jobNumber})`,
        greeting: `Hello ${person.name},`,
        paragraphs: message.paragraphs,
        action: { label: 'Open its approvals', url: apiPath(subjectOf(review).chainPath(review.subjectId)) },
      }),
    );
  }
}
