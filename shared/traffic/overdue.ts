import { Client, Staff } from '../accounts/entities.js';
import type { Client as ClientView, StaffMember } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import {
  deleteItem,
  fromItem,
  getItems,
  type Item,
  putNew,
  queryAll,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { ScheduledRun } from '../platform/entities.js';
import { formatDay } from '../platform/i18n.js';
import type { SegmentedJob } from '../platform/job-segments.js';
import { storedItem } from '../platform/records.js';
import { defaultCalendar, type WorkingCalendar } from '../platform/working-days.js';
import { finishPendingReviewEnds } from '../signoff/index.js';
import { BoardEntry, MilestoneTask, PendingTaskProjection, ScheduleBaseline } from './entities.js';
import { trafficNoticeWords } from './messages.js';
import { milestoneName } from './milestone-names.js';
import { pathUrl, readerLanguage, schedulePath, sendNotice, timeKeepers } from './notices.js';
import { dateInZone, WorkingDayLine, workingDayDistance } from './planning.js';
import { projectTasks, type TaskFields } from './projection.js';
import type { Baseline } from './schemas.js';

/**
 * The daily overdue-milestones job (EventBridge Scheduler, each working morning in the agency's
 * time zone; `npm run job -- overdue-milestones`):
 *
 * 1. finishes any task projection a failure left pending, and tells the schedules of any cancelled
 *    review whose end they did not hear (an observer failed), so the lists below are the schedules';
 * 2. reads every open milestone due by today from the open-milestones index (ascending, no Scan),
 *    checks each against the table, and keeps those overdue or due today on their client's calendar
 *    (a client's weekend or holiday is not a working morning: its items wait);
 * 3. emails each staff owner one digest of their overdue and due-today milestones;
 * 4. tells each job's AE and traffic coordinator of overdue milestones on its critical path — the
 *    job's end slips with them — with the end date against the signed timetable.
 *
 * Idempotent per day: a `ScheduledRun` marker per owner and per job is put (if not exists) before
 * the email, so a doubled or retried run sends nothing twice; a failed send removes its marker and
 * fails the run at the end, so the scheduler's retry sends it.
 */
const job = 'overdue-milestones';
const markerRetentionSeconds = 60 * 24 * 3600;

class AlreadySent extends Error {}

/** Takes the day's marker for one email; false when this run (or an earlier one today) already has. */
async function claim(subjectId: string, day: string, at: Date): Promise<boolean> {
  try {
    await transact([
      putNew(
        storedItem(
          ScheduledRun.type,
          ScheduledRun.key(job, subjectId, day),
          {},
          {
            job,
            subjectId,
            runKey: day,
            at: at.toISOString(),
            expiresAt: Math.floor(at.getTime() / 1000) + markerRetentionSeconds,
          },
        ),
        () => new AlreadySent(),
      ),
    ]);
    return true;
  } catch (error) {
    if (error instanceof AlreadySent) return false;
    throw error;
  }
}

const release = (subjectId: string, day: string) =>
  transact([deleteItem(ScheduledRun.key(job, subjectId, day))]);

interface Due extends TaskFields {
  today: string;
  overdueDays: number;
}

export async function runOverdueMilestones(at: Date): Promise<Record<string, number>> {
  const summary = {
    projectionsFinished: 0,
    reviewEndsFinished: 0,
    overdue: 0,
    dueToday: 0,
    ownersEmailed: 0,
    criticalSlipsReported: 0,
    alreadySent: 0,
    failed: 0,
  };
  const clients = new Map<string, ClientView | undefined>();
  const clientOf = async (clientId: string) => {
    if (!clients.has(clientId)) {
      const [item] = await getItems([Client.key(clientId)]);
      clients.set(clientId, item ? fromItem<ClientView>(item) : undefined);
    }
    return clients.get(clientId);
  };
  const calendarOf = async (clientId: string): Promise<WorkingCalendar> =>
    (await clientOf(clientId))?.calendar ?? defaultCalendar;

  // 1. Lists that still lag a large change catch up first.
  for (const pending of await queryAll(PendingTaskProjection.pending())) {
    const tz = (await calendarOf(pending.clientId as string)).timeZone;
    await projectTasks(pending.clientId as string, pending.jobId as string, tz);
    summary.projectionsFinished++;
  }
  summary.reviewEndsFinished = await finishPendingReviewEnds();

  // 2. Open milestones due by today anywhere (the index is sorted by due date; stop past tomorrow, UTC).
  const horizon = new Date(at.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const listed: Item[] = [];
  let nextToken: string | undefined;
  scan: do {
    const page = await queryPage(MilestoneTask.open(), { limit: 500, nextToken });
    nextToken = page.nextToken;
    for (const item of page.items) {
      if ((item.due as string) > horizon) break scan;
      listed.push(item);
    }
  } while (nextToken);
  // The index is eventually consistent: the table says whether each is still open and when due.
  const current: Item[] = [];
  for (let start = 0; start < listed.length; start += 100) {
    const found = await getItems(
      listed
        .slice(start, start + 100)
        .map((i) => MilestoneTask.key(i.clientId as string, i.jobId as string, i.milestoneId as string)),
    );
    current.push(...(found.filter(Boolean) as Item[]));
  }
  // Only live jobs' milestones: a job on hold, completed or cancelled nags nobody.
  const jobKeys = [
    ...new Map(
      current.map((i) => [i.jobId as string, Job.key(i.clientId as string, i.jobId as string)]),
    ).values(),
  ];
  const liveJobs = new Set<string>();
  for (let start = 0; start < jobKeys.length; start += 100) {
    for (const job of await getItems(jobKeys.slice(start, start + 100))) {
      if (job && (job.status === 'open' || job.status === 'in_progress')) liveJobs.add(job.jobId as string);
    }
  }
  const due: Due[] = [];
  for (const item of current) {
    const t = fromItem<TaskFields>(item);
    if (!t.open || !liveJobs.has(t.jobId)) continue;
    const calendar = await calendarOf(t.clientId);
    const today = dateInZone(at, calendar.timeZone);
    const line = new WorkingDayLine(today, calendar);
    if (!line.isWorkingDate(today) || t.due > today) continue;
    const overdueDays = t.due < today ? workingDayDistance(line, t.due, today) : 0;
    if (overdueDays > 0) summary.overdue++;
    else summary.dueToday++;
    due.push({ ...t, today, overdueDays });
  }

  const failures: unknown[] = [];
  const runDay = at.toISOString().slice(0, 10);

  // 3. One digest per staff owner.
  const byOwner = new Map<string, Due[]>();
  for (const d of due) {
    if (d.owner.kind !== 'staff') continue;
    byOwner.set(d.owner.staffId, [...(byOwner.get(d.owner.staffId) ?? []), d]);
  }
  const ownerIds = [...byOwner.keys()];
  const owners = new Map<string, StaffMember>();
  for (let start = 0; start < ownerIds.length; start += 100) {
    for (const item of await getItems(ownerIds.slice(start, start + 100).map((id) => Staff.key(id)))) {
      if (item?.active) owners.set(item.staffId as string, fromItem<StaffMember>(item));
    }
  }
  for (const [ownerId, items] of byOwner) {
    const owner = owners.get(ownerId);
    if (!owner) continue;
    if (!(await claim(ownerId, runDay, at))) {
      summary.alreadySent++;
      continue;
    }
    const overdue = items.filter((i) => i.overdueDays > 0).sort((a, b) => b.overdueDays - a.overdueDays);
    const today = items.filter((i) => i.overdueDays === 0);
    try {
      const language = readerLanguage(owner);
      const words = trafficNoticeWords[language];
      await sendNotice({
        to: owner.email,
        language,
        subject: words.yourMilestones.subject(overdue.length, today.length),
        greeting: words.goodMorning(owner.name),
        paragraphs: [
          overdue.length > 0
            ? words.yourMilestones.overdue(overdue.length, today.length)
            : words.yourMilestones.dueToday(today.length),
        ],
        table: {
          header: words.yourMilestones.header,
          rows: [...overdue, ...today].map((i) => [
            i.clientName,
            `${i.jobNumber} — ${i.jobTitle}`,
            milestoneName(i, language),
            formatDay(i.due, language),
            i.overdueDays > 0 ? words.workingDays(i.overdueDays) : words.yourMilestones.today,
            i.critical ? words.yourMilestones.critical : '',
          ]),
        },
        action: { label: words.yourMilestones.openTasks, url: pathUrl('/me/tasks?due=today') },
      });
      summary.ownersEmailed++;
    } catch (error) {
      summary.failed++;
      failures.push(error);
      await release(ownerId, runDay);
    }
  }

  // 4. Overdue milestones on a job's critical path: its end slips with them.
  const slipping = new Map<string, Due[]>();
  for (const d of due) {
    if (d.critical && d.overdueDays > 0) slipping.set(d.jobId, [...(slipping.get(d.jobId) ?? []), d]);
  }
  for (const [jobId, items] of slipping) {
    const first = items[0]!;
    if (!(await claim(`slip-${jobId}`, runDay, at))) {
      summary.alreadySent++;
      continue;
    }
    try {
      const [boardItem, baselineItem] = await getItems([
        BoardEntry.key(first.clientId, jobId),
        ScheduleBaseline.key(first.clientId, jobId),
      ]);
      const endDate = boardItem?.endDate as string | undefined;
      const baseline = baselineItem ? fromItem<Baseline>(baselineItem) : undefined;
      const calendar = await calendarOf(first.clientId);
      const line = new WorkingDayLine(first.today, calendar);
      const worst = Math.max(...items.map((i) => i.overdueDays));
      const slip = baseline && endDate ? workingDayDistance(line, baseline.endDate, endDate) : 0;
      const job = `${first.jobNumber} — ${first.jobTitle} (${first.clientName})`;
      for (const person of await timeKeepers(first.clientId, first.jobOwnerId)) {
        const language = readerLanguage(person);
        const words = trafficNoticeWords[language];
        const day = (date: string) => formatDay(date, language);
        const endLine = endDate
          ? baseline
            ? words.slipping.endAgainstBaseline(day(endDate), day(baseline.endDate), slip)
            : words.slipping.end(day(endDate))
          : '';
        await sendNotice({
          to: person.email,
          language,
          subject: words.slipping.subject(first.jobNumber, words.workingDays(worst)),
          greeting: words.goodMorning(person.name),
          paragraphs: [words.slipping.paragraph(items.length, job), endLine].filter(Boolean),
          table: {
            header: words.slipping.header,
            rows: items.map((i) => [
              milestoneName(i, language),
              i.owner.kind === 'client'
                ? words.slipping.theClient
                : (owners.get(i.owner.staffId)?.name ?? ''),
              day(i.due),
              words.workingDays(i.overdueDays),
            ]),
          },
          action: { label: words.openSchedule, url: pathUrl(schedulePath(jobId)) },
        });
      }
      summary.criticalSlipsReported++;
    } catch (error) {
      summary.failed++;
      failures.push(error);
      await release(`slip-${jobId}`, runDay);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `${failures.length} overdue-milestone emails failed; the retry sends them`,
    );
  }
  return summary;
}

/**
 * The run as a scheduled job (`functions/scheduled/registry.ts`). It is one segment: the digest
 * groups the day's items per owner across the whole index. A failed email makes the run throw, so
 * the schedule's retry sends it (the run markers keep the rest from going twice).
 */
export const overdueMilestones: SegmentedJob = async (at) => ({
  summary: await runOverdueMilestones(at),
  failures: [],
});
