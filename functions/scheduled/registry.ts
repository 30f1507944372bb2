import { collections, profitabilityJob } from '../../shared/billing/index.js';
import { statusReports, workReports } from '../../shared/client-record/index.js';
import { budgetReconciliation } from '../../shared/cost/index.js';
import { duePostCampaignReports, materialWarnings } from '../../shared/media/index.js';
import type { SegmentedJob } from '../../shared/platform/job-segments.js';
import { overdueMilestones } from '../../shared/traffic/index.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

// The overdue-milestones job tells the sign-off observers of review ends they did not hear.
registerSignOffSubjects();

/**
 * Every scheduled job by name: what a schedule's `{ job }` input (`infra/constructs/schedules.ts`,
 * one schedule per entry, checked by the infra tests), the scheduled-jobs function
 * (`functions/scheduled/handler.ts`) and `npm run job -- <name>` run. A job takes its "now" (the
 * time the run was due) and a segment (`shared/platform/job-segments.ts`): it does its due units
 * one by one while the segment has time, and says where the next segment resumes. Jobs are
 * idempotent: a retried or doubled run changes nothing twice.
 */
export type Job = SegmentedJob;

export const jobs: Record<string, Job> = {
  /** Daily 02:00 UTC: post-campaign analyses of campaigns whose flight ended long enough ago. */
  'post-campaign-reports': duePostCampaignReports,
  /** Daily 07:00 UTC: warnings for booking materials still missing before their deadline. */
  'material-warnings': materialWarnings,
  /** Each working morning (agency's time zone): overdue and due-today milestones, critical-path slips. */
  'overdue-milestones': overdueMilestones,
  /** Each working morning (agency's time zone): last month's budget reconciliation of each client on its first working day. */
  'budget-reconciliation': budgetReconciliation,
  /** Each working morning (agency's time zone): each client's status report of its latest period due by its cadence, once. */
  'status-reports': statusReports,
  /** Each working morning (agency's time zone): from the first working day of a month, each account manager's draft work report of last month, once. */
  'work-reports': workReports,
  /** Each working morning (agency's time zone): last month's profitability report for the head of accounts, once. */
  profitability: profitabilityJob,
  /** Each working morning (agency's time zone): payment reminders due on invoices, escalating AE → AM → AD. */
  collections,
};

export class UnknownJobError extends Error {
  constructor(readonly job: string) {
    super(`Unknown scheduled job "${job}"; known jobs: ${Object.keys(jobs).join(', ')}`);
    this.name = 'UnknownJobError';
  }
}

/** The job of that name; an `UnknownJobError` for anything else (inherited names included). */
export function jobNamed(name: string): Job {
  const job = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
  if (!job) throw new UnknownJobError(name);
  return job;
}
