import type { Money } from '../platform/money.js';
import { localDate, type WorkingCalendar, workingDaysBetween } from '../platform/working-days.js';
import type { ReviewTitleParts } from '../signoff/index.js';
import { addDays } from './status-report-cadence.js';

/**
 * The status report's numbers (issue 15 §2), computed from plain inputs so the report and its test
 * agree on what they count. A period (a week, a fortnight or a month: the client's cadence) runs on
 * the client's calendar; "as of" is when the report was made (the period's end for a finished one).
 */
export interface StatusInputs {
  jobs: { jobId: string; jobNumber: string; title: string; status: string }[];
  milestones: {
    jobId: string;
    name: string;
    due: string;
    status: string;
    owner: { kind: string };
    removed?: boolean;
    updatedAt?: string;
  }[];
  approvals: {
    approvalId: string;
    jobId?: string;
    subjectTitle?: string;
    /** What the title is made of (each reader's document words it); absent for a review opened before parts. */
    subjectTitleParts?: ReviewTitleParts;
    status: string;
    assignee: { kind: string; name?: string };
    createdAt: string;
  }[];
  contactReports: {
    reportId: string;
    subject: string;
    meetingAt: string;
    status: string;
    nextSteps: {
      stepId: string;
      action: string;
      owner: { kind: string; name: string };
      due: string;
      status: string;
    }[];
  }[];
  ledgers: { jobId: string; signedTotalMinor?: number; committedMinor?: number; currency?: string }[];
}

export interface StatusFigures {
  jobs: { jobId: string; jobNumber: string; title: string; phase: string; openMilestones: number }[];
  milestonesDone: { jobNumber: string; name: string; due: string }[];
  milestonesDueNext: { jobNumber: string; name: string; due: string; owner: string }[];
  overdueMilestones: { jobNumber: string; name: string; due: string; owner: string }[];
  waitingOnClient: {
    approvalId: string;
    jobNumber: string;
    /** The review's title as recorded (the agency's language), and its parts for other readers. */
    what: string;
    whatParts?: ReviewTitleParts;
    who: string;
    since: string;
    workingDays: number;
  }[];
  waitingOnAgency: {
    approvalId: string;
    jobNumber: string;
    what: string;
    whatParts?: ReviewTitleParts;
    who: string;
    since: string;
    workingDays: number;
  }[];
  contactReports: { reportId: string; subject: string; meetingAt: string; status: string }[];
  clientNextSteps: { reportId: string; action: string; owner: string; due: string; overdue: boolean }[];
  spend: { jobNumber: string; title: string; signed: Money; committed: Money; remaining: Money }[];
}

const closedJobs = new Set(['completed', 'cancelled']);
/** A contact report still in play is listed whatever its meeting date. */
const settledReports = new Set(['confirmed', 'confirmed_by_silence']);

export function statusFigures(
  inputs: StatusInputs,
  week: { start: string; end: string; asOf: Date },
  calendar: WorkingCalendar,
): StatusFigures {
  // A finished week is reported as it stood at its end.
  const asOfDay = localDate(week.asOf, calendar.timeZone);
  const today = asOfDay > week.end ? week.end : asOfDay;
  const nextWeekEnd = addDays(today, 7);
  const jobs = new Map(inputs.jobs.map((j) => [j.jobId, j]));
  const numberOf = (jobId: string | undefined) => (jobId ? (jobs.get(jobId)?.jobNumber ?? '') : '');
  const openJobs = new Set(inputs.jobs.filter((j) => !closedJobs.has(j.status)).map((j) => j.jobId));
  const live = inputs.milestones.filter((m) => !m.removed && openJobs.has(m.jobId));
  const ownerWord = (o: { kind: string }) => (o.kind === 'client' ? 'client' : 'agency');
  const byDue = <T extends { due: string }>(list: T[]) => list.sort((a, b) => a.due.localeCompare(b.due));

  const waiting = (kind: 'contact' | 'staff') =>
    inputs.approvals
      .filter((a) => a.status === 'pending' && a.assignee.kind === kind)
      .map((a) => ({
        approvalId: a.approvalId,
        jobNumber: numberOf(a.jobId),
        what: a.subjectTitle ?? '',
        ...(a.subjectTitleParts ? { whatParts: a.subjectTitleParts } : {}),
        who: a.assignee.name ?? '',
        since: a.createdAt,
        workingDays: workingDaysBetween(new Date(a.createdAt), week.asOf, calendar),
      }))
      .sort((a, b) => b.workingDays - a.workingDays || a.since.localeCompare(b.since));

  const inWeek = (iso: string) => {
    const day = localDate(new Date(iso), calendar.timeZone);
    return day >= week.start && day <= today;
  };

  return {
    jobs: inputs.jobs
      .filter((j) => !closedJobs.has(j.status))
      .map((j) => ({
        jobId: j.jobId,
        jobNumber: j.jobNumber,
        title: j.title,
        phase: j.status,
        openMilestones: live.filter((m) => m.jobId === j.jobId && m.status !== 'done').length,
      }))
      .sort((a, b) => a.jobNumber.localeCompare(b.jobNumber)),
    milestonesDone: byDue(
      live
        .filter((m) => m.status === 'done' && m.updatedAt !== undefined && inWeek(m.updatedAt))
        .map((m) => ({ jobNumber: numberOf(m.jobId), name: m.name, due: m.due })),
    ),
    milestonesDueNext: byDue(
      live
        .filter((m) => m.status !== 'done' && m.due >= today && m.due <= nextWeekEnd)
        .map((m) => ({ jobNumber: numberOf(m.jobId), name: m.name, due: m.due, owner: ownerWord(m.owner) })),
    ),
    overdueMilestones: byDue(
      live
        .filter((m) => m.status !== 'done' && m.due < today)
        .map((m) => ({ jobNumber: numberOf(m.jobId), name: m.name, due: m.due, owner: ownerWord(m.owner) })),
    ),
    waitingOnClient: waiting('contact'),
    waitingOnAgency: waiting('staff'),
    contactReports: inputs.contactReports
      .filter((r) => inWeek(r.meetingAt) || !settledReports.has(r.status))
      .map((r) => ({ reportId: r.reportId, subject: r.subject, meetingAt: r.meetingAt, status: r.status }))
      .sort((a, b) => a.meetingAt.localeCompare(b.meetingAt)),
    clientNextSteps: byDue(
      inputs.contactReports.flatMap((r) =>
        r.nextSteps
          .filter((s) => s.owner.kind === 'contact' && s.status === 'open')
          .map((s) => ({
            reportId: r.reportId,
            action: s.action,
            owner: s.owner.name,
            due: s.due,
            overdue: s.due < today,
          })),
      ),
    ),
    spend: inputs.ledgers
      .filter((l) => jobs.has(l.jobId) && l.signedTotalMinor !== undefined && l.currency)
      .map((l) => {
        const job = jobs.get(l.jobId)!;
        const currency = l.currency as string;
        const signed = l.signedTotalMinor ?? 0;
        const committed = l.committedMinor ?? 0;
        return {
          jobNumber: job.jobNumber,
          title: job.title,
          signed: { amountMinor: signed, currency },
          committed: { amountMinor: committed, currency },
          remaining: { amountMinor: signed - committed, currency },
        };
      })
      .sort((a, b) => a.jobNumber.localeCompare(b.jobNumber)),
  };
}
