import { isWorkingDay, localDate, type WorkingCalendar } from '../platform/working-days.js';
import { addDays } from './status-report-cadence.js';

/**
 * What an account manager's monthly work report to their account director counts (issue 15 §2;
 * domain.md §2: "sends the director a monthly work report and next month's plan"), across every
 * client on the manager's team, each on its own calendar. Pure: the inputs are the items as
 * stored; `work-reports.ts` reads them.
 *
 * - jobs opened (created in the month), moved (a status change in the month other than to
 *   completed) and finished (to completed in the month), each on the client's local date;
 * - decisions: the client's sign-offs recorded in the month (approval requests on a contact,
 *   decided), and contact reports confirmed (explicitly or by silence) or disputed in the month;
 * - time waiting: for every approval request, the working days of the month (client's calendar)
 *   it was open — from the day after it was created to the day it was decided (closed, or still
 *   open: to today) — on the client (a contact decides) or on the agency (staff decide);
 * - next month's plan: open jobs due next month and open milestones due next month.
 */
export interface WorkClientInputs {
  clientId: string;
  name: string;
  calendar: WorkingCalendar;
  jobs: {
    jobId: string;
    jobNumber: string;
    title: string;
    status: string;
    createdAt: string;
    dueDate?: string;
    statusHistory: { from?: string; to: string; at: string }[];
  }[];
  milestones: { jobId: string; name: string; due: string; status: string; removed: boolean }[];
  approvals: {
    approvalId: string;
    jobId?: string;
    what?: string;
    assignee: { kind: string; name?: string };
    status: string;
    decision?: string;
    createdAt: string;
    decidedAt?: string;
    updatedAt: string;
  }[];
  contactReportVersions: {
    reportId: string;
    subject: string;
    number: number;
    status: string;
    settledAt?: string;
  }[];
}

export interface WorkFigures {
  jobsOpened: { client: string; jobNumber: string; title: string; on: string }[];
  jobsMoved: { client: string; jobNumber: string; title: string; from: string; to: string; on: string }[];
  jobsFinished: { client: string; jobNumber: string; title: string; on: string }[];
  signOffs: { client: string; jobNumber: string; what: string; who: string; decision: string; on: string }[];
  contactReports: { client: string; subject: string; version: number; status: string; on: string }[];
  waiting: { client: string; onClient: number; onAgency: number }[];
  waitingTotals: { onClient: number; onAgency: number };
  nextMonthJobs: { client: string; jobNumber: string; title: string; due: string }[];
  nextMonthMilestones: { client: string; jobNumber: string; name: string; due: string }[];
}

const settledMinutes = new Set(['confirmed', 'confirmed_by_silence', 'disputed']);
const closedJob = new Set(['completed', 'cancelled']);

/** The first and last days of a month (`yyyy-mm`), and of the month after it. */
export function monthDays(month: string) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const day = (y: number, mm: number, d: number) => new Date(Date.UTC(y, mm, d)).toISOString().slice(0, 10);
  return {
    first: day(year, m - 1, 1),
    last: day(year, m, 0),
    nextFirst: day(year, m, 1),
    nextLast: day(year, m + 1, 0),
  };
}

/** Working days d with from < d ≤ to, inside [first, last]. */
function workingDaysWithin(from: string, to: string, first: string, last: string, calendar: WorkingCalendar) {
  let count = 0;
  for (
    let d = addDays(from > first ? from : addDays(first, -1), 1);
    d <= to && d <= last;
    d = addDays(d, 1)
  ) {
    if (isWorkingDay(d, calendar)) count++;
  }
  return count;
}

const byClientThen =
  <T extends { client: string }>(key: (row: T) => string) =>
  (a: T, b: T) =>
    a.client.localeCompare(b.client) || key(a).localeCompare(key(b));

export function workFigures(clients: WorkClientInputs[], month: string, asOf: Date): WorkFigures {
  const { first, last, nextFirst, nextLast } = monthDays(month);
  const f: WorkFigures = {
    jobsOpened: [],
    jobsMoved: [],
    jobsFinished: [],
    signOffs: [],
    contactReports: [],
    waiting: [],
    waitingTotals: { onClient: 0, onAgency: 0 },
    nextMonthJobs: [],
    nextMonthMilestones: [],
  };
  const inMonth = (date: string) => date >= first && date <= last;
  for (const c of clients) {
    const on = (iso: string) => localDate(new Date(iso), c.calendar.timeZone);
    const jobs = new Map(c.jobs.map((j) => [j.jobId, j]));
    const numberOf = (jobId?: string) => (jobId ? (jobs.get(jobId)?.jobNumber ?? '') : '');
    for (const j of c.jobs) {
      const job = { client: c.name, jobNumber: j.jobNumber, title: j.title };
      if (inMonth(on(j.createdAt))) f.jobsOpened.push({ ...job, on: on(j.createdAt) });
      for (const change of j.statusHistory) {
        if (!change.from || !inMonth(on(change.at))) continue;
        if (change.to === 'completed') f.jobsFinished.push({ ...job, on: on(change.at) });
        else f.jobsMoved.push({ ...job, from: change.from, to: change.to, on: on(change.at) });
      }
      if (!closedJob.has(j.status) && j.dueDate && j.dueDate >= nextFirst && j.dueDate <= nextLast) {
        f.nextMonthJobs.push({ ...job, due: j.dueDate });
      }
    }
    for (const m of c.milestones) {
      const job = jobs.get(m.jobId);
      if (m.removed || m.status === 'done' || !job || closedJob.has(job.status)) continue;
      if (m.due >= nextFirst && m.due <= nextLast) {
        f.nextMonthMilestones.push({ client: c.name, jobNumber: job.jobNumber, name: m.name, due: m.due });
      }
    }
    const today = on(asOf.toISOString());
    const waiting = { client: c.name, onClient: 0, onAgency: 0 };
    for (const a of c.approvals) {
      const onClient = a.assignee.kind === 'contact';
      if (onClient && a.decidedAt && a.decision && inMonth(on(a.decidedAt))) {
        f.signOffs.push({
          client: c.name,
          jobNumber: numberOf(a.jobId),
          what: a.what ?? '',
          who: a.assignee.name ?? '',
          decision: a.decision,
          on: on(a.decidedAt),
        });
      }
      const end = a.decidedAt ?? (a.status === 'pending' ? undefined : a.updatedAt);
      const days = workingDaysWithin(on(a.createdAt), end ? on(end) : today, first, last, c.calendar);
      if (onClient) waiting.onClient += days;
      else waiting.onAgency += days;
    }
    if (c.approvals.length > 0) f.waiting.push(waiting);
    for (const v of c.contactReportVersions) {
      if (settledMinutes.has(v.status) && v.settledAt && inMonth(on(v.settledAt))) {
        f.contactReports.push({
          client: c.name,
          subject: v.subject,
          version: v.number,
          status: v.status,
          on: on(v.settledAt),
        });
      }
    }
  }
  f.waitingTotals = {
    onClient: f.waiting.reduce((s, w) => s + w.onClient, 0),
    onAgency: f.waiting.reduce((s, w) => s + w.onAgency, 0),
  };
  f.jobsOpened.sort(byClientThen((r) => `${r.on}${r.jobNumber}`));
  f.jobsMoved.sort(byClientThen((r) => `${r.on}${r.jobNumber}`));
  f.jobsFinished.sort(byClientThen((r) => `${r.on}${r.jobNumber}`));
  f.signOffs.sort(byClientThen((r) => `${r.on}${r.jobNumber}`));
  f.contactReports.sort(byClientThen((r) => `${r.on}${r.subject}`));
  f.waiting.sort(byClientThen(() => ''));
  f.nextMonthJobs.sort(byClientThen((r) => `${r.due}${r.jobNumber}`));
  f.nextMonthMilestones.sort(byClientThen((r) => `${r.due}${r.jobNumber}`));
  return f;
}
