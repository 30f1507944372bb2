import { Client, Staff, TeamMembership } from '../accounts/entities.js';
import {
  type Caller,
  type Client as ClientView,
  clientView,
  isAllowed,
  loadActiveTeam,
  openClient,
  type StaffMember,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  backoff,
  fromItem,
  getItems,
  putIfVersion,
  putItem,
  putNew,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { AppError, conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId } from '../platform/ids.js';
import { now, storedItem } from '../platform/records.js';
import { defaultCalendar, isWorkingDay, type WorkingCalendar } from '../platform/working-days.js';
import { subjectItemKey } from '../signoff/index.js';
import {
  assertMayDrawUp,
  assertMayMove,
  assertMayReportProgress,
  assertMayReshape,
  mayFreezeTimetable,
  mayMove,
  mayReportProgress,
  mayReshape,
} from './authority.js';
import { CreativeBriefApproval, PendingTaskProjection, Schedule, ScheduleBaseline } from './entities.js';
import {
  applyChange,
  computeSchedule,
  readSchedule,
  type ScheduleReading,
  type StoredSchedule,
} from './milestones.js';
import { dateInZone, WorkingDayLine, workingDayDistance } from './planning.js';
import { boardEntryItem, changedTaskItems, pendingMarker, projectTasks, taskFieldsOf } from './projection.js';
import type {
  Baseline,
  CreateScheduleInput,
  MilestoneOwner,
  ProgressInput,
  ScheduleChange,
  ScheduleView,
  StoredMilestone,
} from './schemas.js';
import { milestonesFromTemplate, templateFor } from './templates.js';

/**
 * A schedule item must stay under DynamoDB's 400 KB — and so must the idempotency record that
 * keeps a new schedule's first answer (the schedule with what a reader sees): refuse well before.
 */
const maxScheduleBytes = 300_000;
/** What one transaction may hold (100 items), less the schedule, audit event, board entry and extras. */
const maxItemsPerTransaction = 100;

/** Everything a schedule operation needs, read in one round trip with the caller and their visibility. */
export interface ScheduleScope {
  caller: Caller;
  clientId: string;
  client: ClientView;
  calendar: WorkingCalendar;
  job: JobView;
  schedule?: StoredSchedule;
  baseline?: Baseline;
  /** Task items lag the schedule's version (a large change's projection has not finished). */
  projectionPending: boolean;
  creativeBriefApproved: boolean;
}

const calendarOf = (client: ClientView): WorkingCalendar => client.calendar ?? defaultCalendar;

export async function openScheduleScope(actorId: string, jobId: string): Promise<ScheduleScope> {
  const clientId = clientOfScopedId(jobId);
  if (!clientId) throw notFound('Job');
  const { caller, clientItem, items } = await openClient(actorId, clientId, [
    Job.key(clientId, jobId),
    Schedule.key(clientId, jobId),
    ScheduleBaseline.key(clientId, jobId),
    PendingTaskProjection.key(clientId, jobId),
    CreativeBriefApproval.key(clientId, jobId),
  ]);
  const [jobItem, scheduleItem, baselineItem, pendingItem, approvalItem] = items;
  if (!jobItem) throw notFound('Job');
  const client = clientView(clientItem);
  return {
    caller,
    clientId,
    client,
    calendar: calendarOf(client),
    job: fromItem<JobView>(jobItem),
    schedule: scheduleItem ? fromItem<StoredSchedule>(scheduleItem) : undefined,
    baseline: baselineItem ? fromItem<Baseline>(baselineItem) : undefined,
    projectionPending: Boolean(pendingItem),
    creativeBriefApproved: Boolean(approvalItem),
  };
}

/** The same scope without a caller: for the sign-off observer and the daily job. */
export async function loadScheduleForJob(
  clientId: string,
  jobId: string,
): Promise<Omit<ScheduleScope, 'caller'> | undefined> {
  const [clientItem, jobItem, scheduleItem, baselineItem, pendingItem, approvalItem] = await getItems([
    Client.key(clientId),
    Job.key(clientId, jobId),
    Schedule.key(clientId, jobId),
    ScheduleBaseline.key(clientId, jobId),
    PendingTaskProjection.key(clientId, jobId),
    CreativeBriefApproval.key(clientId, jobId),
  ]);
  if (!clientItem || !jobItem || !scheduleItem) return undefined;
  const client = clientView(clientItem);
  return {
    clientId,
    client,
    calendar: calendarOf(client),
    job: fromItem<JobView>(jobItem),
    schedule: fromItem<StoredSchedule>(scheduleItem),
    baseline: baselineItem ? fromItem<Baseline>(baselineItem) : undefined,
    projectionPending: Boolean(pendingItem),
    creativeBriefApproved: Boolean(approvalItem),
  };
}

function requireSchedule(scope: Pick<ScheduleScope, 'schedule'>): StoredSchedule {
  if (!scope.schedule) throw notFound('Schedule');
  return scope.schedule;
}

/** What a reader gets: the stored schedule, recomputed on the client's current calendar, read as of now. */
export function scheduleView(
  schedule: StoredSchedule,
  scope: Pick<ScheduleScope, 'calendar' | 'baseline' | 'projectionPending'>,
  at = new Date(),
): ScheduleView {
  const computed = computeSchedule(schedule, scope.calendar);
  const reading = readSchedule(computed, scope.calendar, scope.baseline, at);
  return {
    jobId: computed.jobId,
    clientId: computed.clientId,
    clientName: computed.clientName,
    jobNumber: computed.jobNumber,
    jobTitle: computed.jobTitle,
    jobOwnerId: computed.jobOwnerId,
    ...(computed.templateJobType
      ? { templateJobType: computed.templateJobType as ScheduleView['templateJobType'] }
      : {}),
    startDate: computed.startDate,
    timeZone: scope.calendar.timeZone,
    today: reading.today,
    endDate: computed.endDate,
    criticalPath: computed.criticalPath,
    milestones: reading.milestones,
    waiting: reading.waiting,
    ...(reading.baseline ? { baseline: reading.baseline } : {}),
    tasksUpToDate: !scope.projectionPending,
    calendar: calendarAround(computed, reading, scope.calendar),
    createdBy: computed.createdBy,
    updatedBy: computed.updatedBy,
    version: computed.version,
    createdAt: computed.createdAt,
    updatedAt: computed.updatedAt,
  };
}

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The client's non-working days around the schedule (two weeks before its first day or today, three
 * months after its end): a chart greys them out, a move by keyboard skips them.
 */
function calendarAround(
  schedule: StoredSchedule,
  reading: ScheduleReading,
  calendar: WorkingCalendar,
): ScheduleView['calendar'] {
  const dates = [
    schedule.startDate,
    schedule.endDate,
    reading.today,
    ...(reading.baseline ? [reading.baseline.endDate] : []),
  ];
  for (const m of reading.milestones) dates.push(m.start, m.due, ...(m.baseline ? [m.baseline.start] : []));
  dates.sort();
  const from = shiftDate(dates[0]!, -14);
  const to = shiftDate(dates[dates.length - 1]!, 92);
  const nonWorkingDays: string[] = [];
  for (let day = from; day <= to; day = shiftDate(day, 1)) {
    if (!isWorkingDay(day, calendar)) nonWorkingDays.push(day);
  }
  return { from, to, nonWorkingDays };
}

/** The schedule as `caller` reads it: with what they may do with it. */
export function readerView(view: ScheduleView, scope: Pick<ScheduleScope, 'caller' | 'job'>): ScheduleView {
  const { caller, job } = scope;
  return {
    ...view,
    allowed: {
      move: mayMove(caller, job),
      reshape: mayReshape(caller, job),
      decideProposals: mayMove(caller, job),
      freezeTimetable: mayFreezeTimetable(caller),
      sendTimetable: isAllowed(caller.role, 'review.start'),
      reportProgress: view.milestones
        .filter((m) => !m.link && m.status !== 'done' && mayReportProgress(caller, job, m))
        .map((m) => m.milestoneId),
    },
  };
}

/** Milestones in the audit trail: only those that changed, by id, with what a reader recognises. */
function auditSnapshot(schedule: StoredSchedule | undefined, ids: string[]) {
  const snapshot: Record<string, unknown> = {};
  if (!schedule) return snapshot;
  snapshot.version = schedule.version;
  snapshot.endDate = schedule.endDate;
  for (const id of ids) {
    const m = schedule.milestones.find((x) => x.milestoneId === id);
    snapshot[id] = m
      ? {
          name: m.name,
          start: m.start,
          due: m.due,
          status: m.status,
          owner: m.owner.kind === 'client' ? 'client' : m.owner.staffId,
          durationDays: m.durationDays,
          dependsOn: m.dependsOn,
          link: m.link,
        }
      : undefined;
  }
  return snapshot;
}

/** Ids of milestones that differ between two versions (at most 150 named in an audit event). */
export function changedMilestoneIds(before: StoredSchedule | undefined, after: StoredSchedule): string[] {
  const ids = new Set([...(before?.milestones ?? []), ...after.milestones].map((m) => m.milestoneId));
  return [...ids]
    .filter((id) => {
      const a = before?.milestones.find((m) => m.milestoneId === id);
      const b = after.milestones.find((m) => m.milestoneId === id);
      return JSON.stringify(a) !== JSON.stringify(b);
    })
    .slice(0, 150);
}

export interface PersistOptions {
  scope: Omit<ScheduleScope, 'caller'>;
  /** The schedule as read (absent: a new schedule). */
  before?: StoredSchedule;
  /** The computed schedule to write (its version is set here). */
  after: StoredSchedule;
  actorId: string;
  action: string;
  note?: string;
  /** More writes for the same transaction, made from the schedule as it will be stored. */
  extra?: (schedule: StoredSchedule) => WriteOp[];
  onVersionConflict?: () => Error;
}

/**
 * Writes a schedule in one transaction: the schedule (conditional on the version it was read at,
 * or on not existing), its audit event, its board entry, and either the task items it changed
 * (when they fit) or a pending-projection marker, whose projection runs right after.
 */
export async function persistSchedule(
  options: PersistOptions,
): Promise<{ schedule: StoredSchedule; tasksUpToDate: boolean }> {
  const { scope, before, actorId } = options;
  const at = now();
  const schedule: StoredSchedule = {
    ...options.after,
    // What the schedule shows of its job and client follows them.
    clientName: scope.client.name,
    jobNumber: scope.job.jobNumber,
    jobTitle: scope.job.title,
    jobOwnerId: scope.job.ownerId,
    updatedBy: actorId,
    version: (before?.version ?? 0) + 1,
    createdAt: before?.createdAt ?? at,
    updatedAt: at,
  };
  const item = storedItem(Schedule.type, Schedule.key(schedule.clientId, schedule.jobId), {}, schedule);
  if (Buffer.byteLength(JSON.stringify(item)) > maxScheduleBytes) {
    throw unprocessable(
      'schedule_too_large',
      'This schedule would be too large to keep as one record: shorten names and deliverables, or split the job.',
      'body',
    );
  }
  const tz = scope.calendar.timeZone;
  const changed = changedMilestoneIds(before, schedule);
  const ops: WriteOp[] = [
    before
      ? putIfVersion(
          item,
          before.version,
          options.onVersionConflict ?? (() => versionConflict('This schedule', before.version)),
        )
      : putNew(item, () => conflict('schedule_exists', 'This job already has a schedule.')),
    clientAuditEvent(schedule.clientId, {
      actorId,
      action: options.action,
      entityType: 'schedule',
      entityId: schedule.jobId,
      before: { ...auditSnapshot(before, changed), version: before?.version } as { version?: number },
      after: { ...auditSnapshot(schedule, changed), note: options.note } as { version?: number },
    }),
    putItem(boardEntryItem(schedule, tz)),
    ...(options.extra?.(schedule) ?? []),
  ];
  const beforeTasks = before ? taskFieldsOf(before, tz) : undefined;
  const taskWrites = changedTaskItems(
    scope.projectionPending ? undefined : beforeTasks,
    taskFieldsOf(schedule, tz),
    schedule.clientId,
    schedule.jobId,
    schedule.version,
  );
  const inline = !scope.projectionPending && ops.length + taskWrites.length <= maxItemsPerTransaction;
  ops.push(
    ...(inline
      ? taskWrites.map(putItem)
      : [pendingMarker(schedule.clientId, schedule.jobId, schedule.version)]),
  );
  await transact(ops);
  if (inline) return { schedule, tasksUpToDate: true };
  // Committed: the lists catch up now. Should this fail, the marker stays and the next change of
  // the schedule, or the daily job, finishes it; the answer says the lists lag.
  try {
    await projectTasks(schedule.clientId, schedule.jobId, tz);
    return { schedule, tasksUpToDate: true };
  } catch {
    return { schedule, tasksUpToDate: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Creating a schedule from the job type's template
// ---------------------------------------------------------------------------------------------

export async function createSchedule(
  actorId: string,
  jobId: string,
  input: CreateScheduleInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<ScheduleView>(actorId, idempotency, async (remember) => {
    const scope = await openScheduleScope(actorId, jobId);
    assertMayDrawUp(scope.caller);
    if (scope.schedule)
      throw conflict('schedule_exists', 'This job already has a schedule: change it instead.');
    if (scope.job.status === 'completed' || scope.job.status === 'cancelled') {
      throw conflict('job_closed', `This job is ${scope.job.status}: it needs no schedule.`);
    }
    const [template, team] = await Promise.all([
      templateFor(input.templateJobType ?? scope.job.type),
      loadActiveTeam(scope.clientId),
    ]);
    const ownerItem = team.find((m) => m.staffId === scope.job.ownerId);
    const fresh: StoredSchedule = {
      jobId,
      clientId: scope.clientId,
      clientName: scope.client.name,
      jobNumber: scope.job.jobNumber,
      jobTitle: scope.job.title,
      jobOwnerId: scope.job.ownerId,
      templateJobType: template.jobType,
      startDate: input.startDate,
      milestones: milestonesFromTemplate(
        template,
        input.startDate,
        scope.job.ownerId,
        team,
        ownerItem?.name ?? (scope.caller.staffId === scope.job.ownerId ? scope.caller.name : ''),
      ),
      nextMilestoneNo: template.milestones.length + 1,
      endDate: input.startDate,
      criticalPath: [],
      createdBy: actorId,
      updatedBy: actorId,
      version: 0,
      createdAt: now(),
      updatedAt: now(),
    };
    let view: ScheduleView | undefined;
    await persistSchedule({
      scope,
      after: computeSchedule(fresh, scope.calendar),
      actorId,
      action: 'schedule.created',
      extra: (schedule) => {
        view = scheduleView(schedule, { ...scope, projectionPending: false });
        return remember(view);
      },
    });
    return view!;
  });
}

export async function getSchedule(actorId: string, jobId: string): Promise<ScheduleView> {
  const scope = await openScheduleScope(actorId, jobId);
  return readerView(scheduleView(requireSchedule(scope), scope), scope);
}

// ---------------------------------------------------------------------------------------------
// Changes: preview, then save in one transaction
// ---------------------------------------------------------------------------------------------

/** Staff owners must be active and on the client's team (they must see the job to work on it). */
async function ownerNames(scope: ScheduleScope, change: ScheduleChange): Promise<Map<string, string>> {
  const named: { owner: MilestoneOwner; field: string }[] = [
    ...(change.add ?? []).map((a, i) => ({ owner: a.owner, field: `body.add.${i}.owner` })),
    ...(change.update ?? []).flatMap((u, i) =>
      u.owner ? [{ owner: u.owner, field: `body.update.${i}.owner` }] : [],
    ),
  ];
  const staff = [
    ...new Map(
      named
        .filter((n) => n.owner.kind === 'staff')
        .map((n) => [(n.owner as { staffId: string }).staffId, n.field]),
    ),
  ];
  const names = new Map<string, string>();
  if (staff.length === 0) return names;
  const found = await getItems(
    staff.flatMap(([staffId]) => [Staff.key(staffId), TeamMembership.key(scope.clientId, staffId)]),
  );
  staff.forEach(([staffId, field], i) => {
    const person = found[2 * i] ? fromItem<StaffMember>(found[2 * i]!) : undefined;
    const member = found[2 * i + 1];
    if (!person?.active || (!member && person.role !== 'head_of_accounts')) {
      throw unprocessable(
        'owner_not_on_team',
        "A milestone's owner must be an active member of the client's account team.",
        field,
      );
    }
    names.set(staffId, person.name);
  });
  return names;
}

/** A linked sign-off must be one of this client's, and (drafts, briefs, timetables) of this job. */
async function checkLinks(scope: ScheduleScope, change: ScheduleChange): Promise<void> {
  const links = [
    ...(change.add ?? []).flatMap((a, i) => (a.link ? [{ link: a.link, field: `body.add.${i}.link` }] : [])),
    ...(change.update ?? []).flatMap((u, i) =>
      u.link ? [{ link: u.link, field: `body.update.${i}.link` }] : [],
    ),
  ];
  if (links.length === 0) return;
  const missing = (field: string) =>
    unprocessable(
      'unknown_sign_off',
      'The linked sign-off is not one of this job’s drafts, plans, briefs or timetable.',
      field,
    );
  for (const { link, field } of links) {
    if (clientOfScopedId(link.subjectId) !== scope.clientId) throw missing(field);
    if (link.subjectType === 'timetable' && link.subjectId !== scope.job.jobId) throw missing(field);
  }
  const found = await getItems(
    links.map(({ link }) => subjectItemKey(link.subjectType, scope.clientId, link.subjectId)),
  );
  links.forEach(({ field }, i) => {
    const item = found[i];
    if (!item || (typeof item.jobId === 'string' && item.jobId !== scope.job.jobId)) throw missing(field);
  });
}

function withOwnerNames(schedule: StoredSchedule, names: Map<string, string>): StoredSchedule {
  return {
    ...schedule,
    milestones: schedule.milestones.map((m) =>
      m.owner.kind === 'client'
        ? { ...m, ownerName: 'Client' }
        : names.has(m.owner.staffId)
          ? { ...m, ownerName: names.get(m.owner.staffId)! }
          : m,
    ),
  };
}

interface ChangeOutcome {
  schedule: ScheduleView;
  moved: {
    milestoneId: string;
    name: string;
    nameKey?: string;
    from?: { start: string; due: string };
    to?: { start: string; due: string };
  }[];
  endDate: { from: string; to: string };
  shiftDays: number;
  saved: boolean;
}

/** Which milestones' dates differ, and how far the job's end moves. */
export function describeChange(
  before: StoredSchedule,
  after: StoredSchedule,
  calendar: WorkingCalendar,
): Omit<ChangeOutcome, 'schedule' | 'saved'> {
  const line = new WorkingDayLine(before.startDate, calendar);
  const ids = new Set([...before.milestones, ...after.milestones].map((m) => m.milestoneId));
  const moved: ChangeOutcome['moved'] = [];
  for (const id of ids) {
    const a = before.milestones.find((m) => m.milestoneId === id);
    const b = after.milestones.find((m) => m.milestoneId === id);
    if (a && b && a.start === b.start && a.due === b.due) continue;
    moved.push({
      milestoneId: id,
      name: (b ?? a)!.name,
      ...((b ?? a)!.nameKey ? { nameKey: (b ?? a)!.nameKey } : {}),
      ...(a ? { from: { start: a.start, due: a.due } } : {}),
      ...(b ? { to: { start: b.start, due: b.due } } : {}),
    });
  }
  return {
    moved,
    endDate: { from: before.endDate, to: after.endDate },
    shiftDays: workingDayDistance(line, before.endDate, after.endDate),
  };
}

/**
 * A change checked against the caller's authority and applied to the current schedule. A preview of
 * moves is open to everyone who sees the job (it changes nothing: someone who may not move a
 * milestone sees what their proposal would do); saving them is not.
 */
async function prepareChange(actorId: string, jobId: string, change: ScheduleChange, saving: boolean) {
  const scope = await openScheduleScope(actorId, jobId);
  const current = requireSchedule({
    schedule: scope.schedule && computeSchedule(scope.schedule, scope.calendar),
  });
  if (change.moves?.length && saving) assertMayMove(scope.caller, scope.job);
  if (change.add?.length || change.update?.length || change.remove?.length)
    assertMayReshape(scope.caller, scope.job);
  const [names] = await Promise.all([ownerNames(scope, change), checkLinks(scope, change)]);
  const next = withOwnerNames(applyChange(current, change, scope.calendar), names);
  return { scope, current, next };
}

/** What a change would do, without saving it. */
export async function previewChange(
  actorId: string,
  jobId: string,
  change: ScheduleChange,
): Promise<ChangeOutcome> {
  const { scope, current, next } = await prepareChange(actorId, jobId, change, false);
  return {
    schedule: readerView(scheduleView(next, scope), scope),
    ...describeChange(current, next, scope.calendar),
    saved: false,
  };
}

/** The same change, saved in one transaction at the version the caller saw. */
export async function saveChange(
  actorId: string,
  jobId: string,
  expectedVersion: number,
  change: ScheduleChange,
  extra?: (saved: StoredSchedule) => WriteOp[],
): Promise<ChangeOutcome> {
  const { scope, current, next } = await prepareChange(actorId, jobId, change, true);
  if (current.version !== expectedVersion) throw versionConflict('This schedule', expectedVersion);
  const { schedule, tasksUpToDate } = await persistSchedule({
    scope,
    before: current,
    after: next,
    actorId,
    action:
      change.moves?.length && !change.add?.length && !change.update?.length && !change.remove?.length
        ? 'schedule.rescheduled'
        : 'schedule.changed',
    note: change.note,
    extra,
  });
  return {
    schedule: readerView(scheduleView(schedule, { ...scope, projectionPending: !tasksUpToDate }), scope),
    ...describeChange(current, schedule, scope.calendar),
    saved: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Progress of a milestone that follows no sign-off
// ---------------------------------------------------------------------------------------------

const signOffNames: Record<string, string> = {
  draft: 'draft',
  media_plan: 'media plan',
  brief: 'brief',
  timetable: 'timetable',
};

export async function recordProgress(
  actorId: string,
  jobId: string,
  milestoneId: string,
  input: ProgressInput,
): Promise<ScheduleView> {
  for (let attempt = 0; ; attempt++) {
    const scope = await openScheduleScope(actorId, jobId);
    const current = computeSchedule(requireSchedule(scope), scope.calendar);
    const m = current.milestones.find((x) => x.milestoneId === milestoneId);
    if (!m) throw notFound('Milestone');
    assertMayReportProgress(scope.caller, scope.job, m);
    const next = {
      ...current,
      milestones: current.milestones.map((x) =>
        x.milestoneId === milestoneId ? progressed(m, input, scope) : x,
      ),
    };
    try {
      const { schedule, tasksUpToDate } = await persistSchedule({
        scope,
        before: current,
        after: computeSchedule(next, scope.calendar),
        actorId,
        action: input.status === 'done' ? 'schedule.milestone_done' : 'schedule.milestone_started',
        onVersionConflict: () => new ConcurrentChange(),
      });
      return readerView(scheduleView(schedule, { ...scope, projectionPending: !tasksUpToDate }), scope);
    } catch (error) {
      // Progress names no version: someone else's change meanwhile is read again, not refused.
      if (!(error instanceof ConcurrentChange || error instanceof TransactionRaceError) || attempt >= 5)
        throw error;
      await backoff(attempt);
    }
  }
}

class ConcurrentChange extends AppError {
  constructor() {
    super(409, 'version_conflict', 'Conflict', 'The schedule changed at the same moment; retry.');
  }
}

function progressed(m: StoredMilestone, input: ProgressInput, scope: ScheduleScope): StoredMilestone {
  const tz = scope.calendar.timeZone;
  const today = dateInZone(new Date(), tz);
  const on = input.on ?? today;
  if (m.link) {
    throw conflict(
      'milestone_follows_sign_off',
      `“${m.name}” follows the ${m.link.stage === 'signed_off' ? 'sign-off' : m.link.stage.replace('_', ' ') + ' step'} of its ${signOffNames[m.link.subjectType]}: it starts and ends with it.`,
    );
  }
  if (on > today)
    throw unprocessable('future_date', 'Progress is reported for today or an earlier day.', 'body.on');
  if (m.status === 'done') throw conflict('milestone_done', `“${m.name}” is already done.`);
  if (input.status === 'in_progress' && m.status === 'in_progress') {
    throw conflict('milestone_started', `“${m.name}” has already started.`);
  }
  if (m.department === 'creative' && m.status === 'not_started' && !scope.creativeBriefApproved) {
    throw conflict(
      'creative_brief_not_approved',
      "Creative work starts once the account manager has approved the job's creative brief.",
    );
  }
  const line = new WorkingDayLine(scope.schedule!.startDate, scope.calendar);
  const start = m.actualStart ?? on;
  if (input.status === 'in_progress') {
    return { ...m, status: 'in_progress', actualStart: on, startedAt: now() };
  }
  if (on < start) {
    throw unprocessable(
      'before_start',
      `“${m.name}” started on ${start}: it cannot be done before.`,
      'body.on',
    );
  }
  const days = Math.max(
    m.durationDays === 0 ? 0 : 1,
    line.indexOnOrBefore(on) - line.indexOnOrAfter(start) + 1,
  );
  return {
    ...m,
    status: 'done',
    actualStart: start,
    startedAt: m.startedAt ?? now(),
    actualEnd: on,
    endedAt: now(),
    actualWorkingDays: days,
  };
}
