import { type Caller, isExecutiveOrAbove, rank, type StaffRole } from '../accounts/index.js';
import { forbidden } from '../platform/errors.js';
import type { BriefKind, StoredMilestone } from './schemas.js';

/**
 * Who may do what with schedules and briefs (domain.md §2). Visibility — whether the caller sees
 * the client at all — is decided by `openClient`; these rules decide what they may do with it, and
 * every refusal says in plain words who may, and what to do instead.
 *
 * - The traffic coordinator may move any milestone (rescheduling only, not reshaping the plan).
 * - The job's account executive (its owner) moves the milestones of their own jobs.
 * - Everyone else who sees the job proposes a move, which the job's AE or the traffic coordinator
 *   accepts or declines.
 * - Reshaping a schedule (milestones added, removed, renamed, owners, dependencies, links): the job's
 *   AE, and account managers and above.
 */
const isManagerOrAbove = (role: StaffRole) => rank(role) >= rank('account_manager');
const isTraffic = (caller: Caller) => caller.role === 'traffic_coordinator';
const ownsJob = (caller: Caller, job: { ownerId: string }) => job.ownerId === caller.staffId;

export const mayMove = (caller: Caller, job: { ownerId: string }) =>
  isTraffic(caller) || ownsJob(caller, job);

export function assertMayMove(caller: Caller, job: { ownerId: string }): void {
  if (!mayMove(caller, job)) {
    throw forbidden(
      "Only the job's account executive or the traffic coordinator may move this milestone; propose the change instead.",
    );
  }
}

export function assertMayReshape(caller: Caller, job: { ownerId: string }): void {
  if (!ownsJob(caller, job) && !isManagerOrAbove(caller.role)) {
    throw forbidden(
      isTraffic(caller)
        ? 'The traffic coordinator reschedules milestones; adding, removing or reworking them is for the job’s account executive or an account manager.'
        : "Only the job's account executive, or an account manager or above, may add, remove or rework milestones.",
    );
  }
}

export function assertMayDrawUp(caller: Caller): void {
  if (!isExecutiveOrAbove(caller.role) && !isTraffic(caller)) {
    throw forbidden(
      'Only an account executive or above, or the traffic coordinator, draws up a job’s schedule.',
    );
  }
}

export function assertMayReportProgress(
  caller: Caller,
  job: { ownerId: string },
  milestone: StoredMilestone,
) {
  const ownsMilestone = milestone.owner.kind === 'staff' && milestone.owner.staffId === caller.staffId;
  if (!ownsMilestone && !ownsJob(caller, job) && !isTraffic(caller)) {
    throw forbidden(
      "Only the milestone's owner, the job's account executive or the traffic coordinator may report its progress.",
    );
  }
}

export function assertMayDecideProposal(caller: Caller, job: { ownerId: string }): void {
  if (!mayMove(caller, job)) {
    throw forbidden(
      "Only the job's account executive or the traffic coordinator may accept or decline a proposed change.",
    );
  }
}

export function assertMayEditTemplates(caller: Caller): void {
  if (caller.role !== 'head_of_accounts' && !isTraffic(caller)) {
    throw forbidden(
      'Only the head of account services or the traffic coordinator may change schedule templates.',
    );
  }
}

export function assertMayFreezeTimetable(caller: Caller): void {
  if (!isExecutiveOrAbove(caller.role) && !isTraffic(caller)) {
    throw forbidden(
      'Only an account executive or above, or the traffic coordinator, prepares the timetable for the client.',
    );
  }
}

/** Who writes which brief: the account people, the media team a media brief, planning a research brief. */
const briefWriters: Record<BriefKind, readonly StaffRole[]> = {
  client: ['assistant_account_executive'],
  creative: ['assistant_account_executive'],
  media: ['assistant_account_executive', 'media'],
  research: ['assistant_account_executive', 'planning'],
};

export function assertMayWriteBrief(caller: Caller, kind: BriefKind): void {
  if (!isExecutiveOrAbove(caller.role) && !briefWriters[kind].includes(caller.role)) {
    const others = { client: '', creative: '', media: ', or the media team', research: ', or planning' }[
      kind
    ];
    throw forbidden(
      `A ${kind} brief is written by the account team (an assistant account executive or above)${others}.`,
    );
  }
}
