import { Client, Staff } from '../accounts/entities.js';
import {
  type Caller,
  type Client as ClientView,
  isUpReportingLine,
  loadCaller,
  type StaffMember,
  visibleClientIds,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import type { PrimaryKey } from '../platform/db/keys.js';
import { fromItem, getItems, type Item, queryPage } from '../platform/db/table.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { defaultCalendar, type WorkingCalendar } from '../platform/working-days.js';
import { ApprovalRequest as ApprovalEntity, Review as ReviewEntity } from '../signoff/entities.js';
import { type ApprovalRequest, type Review, reviewTitle } from '../signoff/index.js';
import { type ActionTaskInput, actionTitle } from './action-tasks.js';
import { ActionTask, BoardEntry as BoardEntity, MilestoneTask, ScheduleBaseline } from './entities.js';
import { taskWords } from './messages.js';
import { milestoneName } from './milestone-names.js';
import { dateInZone, dayNumber, WorkingDayLine, workingDayDistance } from './planning.js';
import type { TaskFields } from './projection.js';
import { revisionTaskSource } from './revision-tasks.js';
import type { Baseline, BoardEntry, Task, TaskListQuery } from './schemas.js';

/**
 * Everyone's work (issue 12 §3): a person's open milestones (their task items, by due date) and
 * their pending approvals (the sign-off engine's queue, by deadline), merged into one list sorted
 * by urgency — overdue first, then due today, this week, later — with the client and the job, one
 * page at a time. Each stream is a key-condition query on its index; the page token carries where
 * each stream stands. And the traffic coordinator's board: every active job's next milestone,
 * late ones first.
 */

/** An owner's milestones and the actions other contexts set them share one index partition (`TASKS#`). */
type Stream = 'milestones' | 'approvals';

/** Where each stream stands: a position in it, not started, or read to the end. */
type Cursor = string | 'start' | 'done';

interface PageToken {
  m: Cursor;
  a: Cursor;
}

const encodeToken = (t: PageToken) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decodeToken(token: string | undefined): PageToken {
  if (!token) return { m: 'start', a: 'start' };
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (typeof t.m === 'string' && typeof t.a === 'string') return t;
  } catch {
    // answered below
  }
  throw badRequest('invalid_next_token', 'nextToken is not valid for this list.', 'query.nextToken');
}

/** The position just after an item of an index list (its table and index keys), as `queryPage` reads it. */
const positionAfter = (item: Item) =>
  Buffer.from(
    JSON.stringify({ PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK }),
  ).toString('base64url');

interface Entry {
  stream: Stream;
  /** Ascending order of both streams: the due date (milestones) or the deadline's UTC date (approvals). */
  order: string;
  item: Item;
}

/** The end of the client's current week (Sunday), for "due this week". */
const weekEnd = (today: string) => {
  const day = dayNumber(today);
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return new Date((day + ((7 - weekday) % 7)) * 86_400_000).toISOString().slice(0, 10);
};

function urgencyOf(due: string, today: string): Task['urgency'] {
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return due <= weekEnd(today) ? 'this_week' : 'later';
}

const wanted: Record<TaskListQuery['due'], readonly Task['urgency'][]> = {
  all: ['overdue', 'today', 'this_week', 'later'],
  overdue: ['overdue'],
  today: ['overdue', 'today'],
  week: ['overdue', 'today', 'this_week'],
};

const calendarOf = (client: ClientView | undefined): WorkingCalendar => client?.calendar ?? defaultCalendar;

async function readStream(stream: Stream, ownerId: string, cursor: Cursor, limit: number) {
  if (cursor === 'done') return { items: [] as Item[], more: false };
  const query =
    stream === 'milestones' ? MilestoneTask.ofOwner(ownerId) : ApprovalEntity.ofAssignee(ownerId, 'pending');
  const page = await queryPage(query, { limit, nextToken: cursor === 'start' ? undefined : cursor });
  return { items: page.items, more: Boolean(page.nextToken) };
}

/**
 * One page of someone's tasks, as `caller` may see them (only clients the caller sees), titled in
 * the caller's language (a manager reading a report's tasks reads them in theirs).
 */
async function tasksOf(caller: Caller, ownerId: string, query: TaskListQuery, at: Date) {
  const language = caller.language ?? agencyLanguage;
  const token = decodeToken(query.nextToken);
  const [visible, milestones, approvals] = await Promise.all([
    caller.role === 'head_of_accounts' ? undefined : visibleClientIds(caller).then((ids) => new Set(ids)),
    readStream('milestones', ownerId, token.m, query.limit),
    readStream('approvals', ownerId, token.a, query.limit),
  ]);
  const entries: Entry[] = [
    ...milestones.items.map((item) => ({ stream: 'milestones' as const, order: item.due as string, item })),
    ...approvals.items.map((item) => ({
      stream: 'approvals' as const,
      order: (item.deadline as string).slice(0, 10),
      item,
    })),
  ].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.stream === 'milestones' ? -1 : 1));

  // What the page shows of its clients (calendars, names), reviews and jobs: one or two batches.
  const taken = entries.slice(0, query.limit);
  const approvalItems = taken
    .filter((e) => e.stream === 'approvals')
    .map((e) => fromItem<ApprovalRequest>(e.item));
  const clientIds = [...new Set(taken.map((e) => e.item.clientId as string))];
  const milestoneJobKeys = [
    ...new Map(
      taken
        .filter((e) => e.stream === 'milestones' && e.item.jobId)
        .map((e) => [e.item.jobId as string, Job.key(e.item.clientId as string, e.item.jobId as string)]),
    ).values(),
  ];
  const firstKeys: PrimaryKey[] = [
    ...clientIds.map((id) => Client.key(id)),
    ...approvalItems.map((a) => ReviewEntity.key(a.clientId, a.reviewId)),
    ...milestoneJobKeys,
  ];
  const first = firstKeys.length ? await getItems(firstKeys) : [];
  const clients = new Map(
    clientIds.map((id, i) => [id, first[i] ? fromItem<ClientView>(first[i]!) : undefined] as const),
  );
  const reviews = new Map(
    approvalItems.map(
      (a, i) =>
        [
          a.approvalId,
          first[clientIds.length + i] ? fromItem<Review>(first[clientIds.length + i]!) : undefined,
        ] as const,
    ),
  );
  const jobs = new Map(
    first
      .slice(clientIds.length + approvalItems.length)
      .filter(Boolean)
      .map((j) => [j!.jobId as string, fromItem<JobView>(j!)]),
  );
  const approvalJobKeys = approvalItems.flatMap((a) => {
    const review = reviews.get(a.approvalId);
    return review && !jobs.has(review.jobId) ? [Job.key(a.clientId, review.jobId)] : [];
  });
  for (const j of approvalJobKeys.length ? await getItems(approvalJobKeys) : []) {
    if (j) jobs.set(j.jobId as string, fromItem<JobView>(j));
  }

  const items: Task[] = [];
  const lastTaken: Record<Stream, Item | undefined> = { milestones: undefined, approvals: undefined };
  let reachedHorizon = false;
  for (const entry of taken) {
    const clientId = entry.item.clientId as string;
    const client = clients.get(clientId);
    const calendar = calendarOf(client);
    const today = dateInZone(at, calendar.timeZone);
    const task =
      entry.stream === 'approvals'
        ? approvalTask(entry.item, today, calendar, reviews, jobs, language)
        : entry.item.itemType === ActionTask.type
          ? actionTask(entry.item, today, calendar, jobs, language)
          : milestoneTask(entry.item, today, calendar, language);
    if (!wanted[query.due].includes(task.urgency)) {
      // Both lists are sorted by date and each filter is a prefix of the urgencies: past the
      // filter's horizon, nothing more qualifies.
      reachedHorizon = true;
      break;
    }
    lastTaken[entry.stream] = entry.item;
    if (visible && !visible.has(clientId)) continue;
    // A completed or cancelled job's milestones are nobody's work any more.
    const job =
      entry.stream === 'milestones' && entry.item.itemType === MilestoneTask.type
        ? jobs.get(entry.item.jobId as string)
        : undefined;
    if (job && closedStatuses.has(job.status)) continue;
    items.push({ ...task, clientName: client?.name ?? '' });
  }

  const next = (stream: Stream, cursor: Cursor, read: { items: Item[]; more: boolean }): Cursor => {
    const last = lastTaken[stream];
    if (!last) return read.items.length === 0 && !read.more ? 'done' : cursor;
    const all = read.items.at(-1) === last;
    return all && !read.more ? 'done' : positionAfter(last);
  };
  const cursors: PageToken = reachedHorizon
    ? { m: 'done', a: 'done' }
    : { m: next('milestones', token.m, milestones), a: next('approvals', token.a, approvals) };
  return {
    items,
    ...(cursors.m !== 'done' || cursors.a !== 'done' ? { nextToken: encodeToken(cursors) } : {}),
  };
}

function overdueDaysOf(due: string, today: string, calendar: WorkingCalendar): number {
  if (due >= today) return 0;
  const line = new WorkingDayLine(due, calendar);
  return Math.max(0, workingDayDistance(line, due, today));
}

function milestoneTask(
  item: Item,
  today: string,
  calendar: WorkingCalendar,
  language: Language,
): Omit<Task, 'clientName'> {
  const t = fromItem<TaskFields>(item);
  return {
    kind: 'milestone',
    urgency: urgencyOf(t.due, today),
    due: t.due,
    overdueDays: overdueDaysOf(t.due, today, calendar),
    clientId: t.clientId,
    jobId: t.jobId,
    jobNumber: t.jobNumber,
    jobTitle: t.jobTitle,
    title: milestoneName(t, language),
    milestoneId: t.milestoneId,
    department: t.department as Task['department'],
    status: t.status,
    critical: t.critical,
    start: t.start,
    path: `/jobs/${t.jobId}/schedule`,
  };
}

/** An action set someone (a next step agreed in a meeting, changes the client asked for): handled where its `path` says. */
function actionTask(
  item: Item,
  today: string,
  calendar: WorkingCalendar,
  jobs: Map<string, JobView>,
  language: Language,
): Omit<Task, 'clientName'> {
  const t = fromItem<ActionTaskInput>(item);
  const job = t.jobId ? jobs.get(t.jobId) : undefined;
  return {
    kind: t.source === revisionTaskSource ? 'revision' : 'action',
    urgency: urgencyOf(t.due, today),
    due: t.due,
    overdueDays: overdueDaysOf(t.due, today, calendar),
    clientId: t.clientId,
    ...(t.jobId ? { jobId: t.jobId } : {}),
    jobNumber: job?.jobNumber ?? '',
    jobTitle: job?.title ?? '',
    title: actionTitle(t, language),
    status: t.open ? 'open' : 'done',
    source: t.source,
    sourceId: t.sourceId,
    actionId: t.actionId,
    path: t.path,
  };
}

function approvalTask(
  item: Item,
  today: string,
  calendar: WorkingCalendar,
  reviews: Map<string, Review | undefined>,
  jobs: Map<string, JobView>,
  language: Language,
): Omit<Task, 'clientName'> {
  const a = fromItem<ApprovalRequest>(item);
  const review = reviews.get(a.approvalId);
  const job = review ? jobs.get(review.jobId) : undefined;
  const due = dateInZone(a.deadline, calendar.timeZone);
  return {
    kind: 'approval',
    urgency: urgencyOf(due, today),
    due,
    dueAt: a.deadline,
    overdueDays: overdueDaysOf(due, today, calendar),
    clientId: a.clientId,
    jobId: review?.jobId ?? '',
    jobNumber: job?.jobNumber ?? '',
    jobTitle: job?.title ?? '',
    title: review
      ? taskWords[language].approval(reviewTitle(review, language), a.file.draftVersion)
      : taskWords[language].approvalOf(a.approvalId),
    status: a.status,
    approvalId: a.approvalId,
    stage: a.stage,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    path: `/approvals/${a.approvalId}`,
  };
}

export async function listMyTasks(actorId: string, query: TaskListQuery, at = new Date()) {
  const { caller } = await loadCaller(actorId);
  return tasksOf(caller, caller.staffId, query, at);
}

/** Someone's tasks, for their managers up the reporting line (and the head of account services). */
export async function listStaffTasks(
  actorId: string,
  staffId: string,
  query: TaskListQuery,
  at = new Date(),
) {
  const { caller, items } = await loadCaller(actorId, [Staff.key(staffId)]);
  const target = items[0] ? fromItem<StaffMember>(items[0]) : undefined;
  if (!target) throw notFound('Staff member');
  if (staffId !== caller.staffId && caller.role !== 'head_of_accounts') {
    if (!(await isUpReportingLine(target, caller.staffId))) {
      throw forbidden("Only the people someone reports to, up the line, see that person's tasks.");
    }
  }
  return tasksOf(caller, staffId, query, at);
}

// ---------------------------------------------------------------------------------------------
// The traffic coordinator's board
// ---------------------------------------------------------------------------------------------

interface StoredBoardEntry {
  clientId: string;
  clientName: string;
  jobId: string;
  jobNumber: string;
  jobTitle: string;
  jobOwnerId: string;
  endDate: string;
  next?: BoardEntry['next'];
}

const closedStatuses = new Set(['completed', 'cancelled']);

/**
 * Every active job's next milestone (the open one due first), soonest due first — so the late
 * ones, most overdue first, lead — with how late it is and how far the job's end slipped against
 * the signed timetable. Jobs of clients the caller does not see are left out.
 */
export async function trafficBoard(
  actorId: string,
  query: { limit: number; nextToken?: string },
  at = new Date(),
) {
  const { caller } = await loadCaller(actorId);
  const [visible, page] = await Promise.all([
    caller.role === 'head_of_accounts' ? undefined : visibleClientIds(caller).then((ids) => new Set(ids)),
    queryPage(BoardEntity.board(), query),
  ]);
  const entries = page.items
    .map((i) => fromItem<StoredBoardEntry>(i))
    .filter((e) => e.next && (!visible || visible.has(e.clientId)));
  const found = entries.length
    ? await getItems(
        entries.flatMap((e) => [
          Job.key(e.clientId, e.jobId),
          ScheduleBaseline.key(e.clientId, e.jobId),
          Client.key(e.clientId),
        ]),
      )
    : [];
  const items: BoardEntry[] = [];
  entries.forEach((e, i) => {
    const job = found[3 * i] ? fromItem<JobView>(found[3 * i]!) : undefined;
    if (!job || closedStatuses.has(job.status)) return;
    const baseline = found[3 * i + 1] ? fromItem<Baseline>(found[3 * i + 1]!) : undefined;
    const calendar = calendarOf(found[3 * i + 2] ? fromItem<ClientView>(found[3 * i + 2]!) : undefined);
    const today = dateInZone(at, calendar.timeZone);
    const line = new WorkingDayLine(e.next!.start, calendar);
    const overdueDays = e.next!.due < today ? workingDayDistance(line, e.next!.due, today) : 0;
    items.push({
      clientId: e.clientId,
      clientName: e.clientName,
      jobId: e.jobId,
      jobNumber: job.jobNumber,
      jobTitle: job.title,
      jobOwnerId: job.ownerId,
      jobStatus: job.status,
      next: e.next!,
      late: overdueDays > 0,
      overdueDays,
      endDate: e.endDate,
      ...(baseline
        ? {
            baselineEndDate: baseline.endDate,
            slipDays: workingDayDistance(line, baseline.endDate, e.endDate),
          }
        : {}),
    });
  });
  return { items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
