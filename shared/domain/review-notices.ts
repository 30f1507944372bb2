import { getMailConfig } from '../config.js';
import { Client, Job, Staff, Team } from '../db/entities.js';
import { fromItem, getItem, getItems, type Item } from '../db/table.js';
import { notFound } from '../errors.js';
import { renderEmail, type SignOffSubject } from '../notify/emails.js';
import { sendEmail } from '../notify/mailer.js';
import type { Client as ClientView } from '../schemas/clients.js';
import type { Job as JobView } from '../schemas/jobs.js';
import type { ApprovalRequest, Assignee, Review, ReviewStep, Stage } from '../schemas/reviews.js';
import type { StaffMember } from '../schemas/staff.js';
import { issueLink } from './approval-links.js';
import { subjectOf } from './review-subjects.js';
import type { StaffRole } from './roles.js';
import { defaultCalendar, type WorkingCalendar } from './working-days.js';

export const stageLabels: Record<Stage, string> = {
  internal: 'internal review',
  client: 'client review',
  final_artwork: 'final artwork approval',
  revision: 'revision by the creative team',
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

/** A client's active account-team members, as assignees. */
export async function loadTeam(clientId: string): Promise<StaffAssignee[]> {
  return teamOf(await getItem(Team.key(clientId)));
}

async function teamOf(teamItem: Item | undefined): Promise<StaffAssignee[]> {
  const members = (teamItem?.members as { staffId: string }[] | undefined) ?? [];
  const staff = await getItems(members.map((m) => Staff.key(m.staffId)));
  return staff
    .filter((s) => s?.active)
    .map((s) => ({
      kind: 'staff' as const,
      staffId: s!.staffId as string,
      name: s!.name as string,
      email: s!.email as string,
      role: s!.role as string,
    }));
}

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
    team: await teamOf(teamItem),
  };
}

export const teamWithRole = (ctx: ReviewContext, role: StaffRole) => ctx.team.filter((m) => m.role === role);

/** What every sign-off email (and the approval page) names about the item awaiting a decision. */
export function emailFacts(review: Review, step: ReviewStep, ctx: ReviewContext): SignOffSubject {
  return {
    agencyName: getMailConfig().agencyName,
    clientName: ctx.client.name,
    jobNumber: ctx.job.jobNumber,
    jobTitle: ctx.job.title,
    subjectNoun: subjectOf(review).noun,
    title: review.title,
    version: step.file.draftVersion,
    stepLabel: stageLabels[step.stage],
    deadline: step.deadline,
    timeZone: ctx.calendar.timeZone,
    requestedBy: ctx.starter?.name ?? 'the account team',
    message: review.message,
  };
}

/** A page of the staff console (the console's routes mirror the API's resource paths). */
const consolePage = (path: string) => `${getMailConfig().publicBaseUrl}${path}`;

/**
 * Asks one approver for a decision. A client contact gets a fresh approval link (expiring with
 * the step's deadline); a staff member gets the console page where they decide.
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
  const subjectLine = {
    request: 'Approval requested',
    reminder: 'Reminder: approval due',
    overdue: 'Overdue: approval needed',
  }[kind];
  const subject = emailFacts(review, step, ctx);
  const content =
    assignee.kind === 'contact'
      ? {
          to: assignee.email,
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
            'Open it in Account Desk to see exactly this version and approve, approve with changes, request changes or reject it; everything waiting for you is under My work.',
          ],
          action: { label: 'Open the approval', url: consolePage(`/approvals/${approval.approvalId}`) },
        };
  await sendEmail(renderEmail(subject, content));
}

/** Tells staff about a step without asking them to decide (escalations, revisions, outcomes). */
export async function tellStaff(
  review: Review,
  step: ReviewStep,
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
        subject: `${message.subject}: ${review.title} v${step.file.draftVersion} (${ctx.job.jobNumber})`,
        greeting: `Hello ${person.name},`,
        paragraphs: message.paragraphs,
        action: {
          label: 'Open its approvals',
          url: consolePage(subjectOf(review).chainPath(review.subjectId)),
        },
      }),
    );
  }
}
