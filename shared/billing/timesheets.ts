import { Client, Staff, TeamMembership } from '../accounts/entities.js';
import { type Caller, isUpReportingLine, type LineManagerFollower, loadCaller } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import { staffAuditEvent } from '../platform/audit.js';
import {
  checkWhen,
  deleteItem,
  fromItem,
  getItem,
  getItems,
  type Item,
  putIfVersion,
  putItem,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { notFound, preconditionRequired, versionConflict } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { now } from '../platform/records.js';
import { TimeEntry, Timesheet, TimesheetSubmissions } from './entities.js';
import { daysOfIsoWeek, jobsInReach, ratesFor, type TimeCell } from './time-entries.js';
import { timeRefusal } from './time-messages.js';
import type { PutTimesheetInput, TimesheetDecisionInput, TimesheetView } from './time-schemas.js';

/**
 * Weekly timesheets (issue 14 §3): a staff member fills in the week grid (jobs × days) while it is
 * a draft — each save is the whole week, against the sheet's version (optimistic locking) — then
 * submits it to their line manager (`reportsTo`), who approves it (its time is locked) or returns
 * it with what to correct. The sheet holds the week's cells, so a save is checked against one
 * consistent item; each cell is also a `TimeEntry` in its client's partition, written in the same
 * transaction (at most `maxCellsPerWeek` cells, time-schemas.ts: removing and adding a whole week fits in one).
 */
interface StoredSheet {
  staffId: string;
  week: string;
  status: TimesheetView['status'];
  entries: TimeCell[];
  approverId?: string;
  submittedAt?: string;
  decidedBy?: string;
  decidedAt?: string;
  returnReason?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const emptySheet = (staffId: string, week: string): StoredSheet => ({
  staffId,
  week,
  status: 'draft',
  entries: [],
  version: 0,
  createdAt: '',
  updatedAt: '',
});

function viewOf(sheet: StoredSheet, staffName?: string): TimesheetView {
  const entries = [...sheet.entries].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.jobId.localeCompare(b.jobId) || a.activity.localeCompare(b.activity),
  );
  return {
    staffId: sheet.staffId,
    ...(staffName ? { staffName } : {}),
    week: sheet.week,
    days: daysOfIsoWeek(sheet.week),
    status: sheet.status,
    entries: entries as TimesheetView['entries'],
    totalMinutes: entries.reduce((s, e) => s + e.minutes, 0),
    ...(sheet.approverId ? { approverId: sheet.approverId } : {}),
    ...(sheet.submittedAt ? { submittedAt: sheet.submittedAt } : {}),
    ...(sheet.decidedBy ? { decidedBy: sheet.decidedBy, decidedAt: sheet.decidedAt } : {}),
    ...(sheet.returnReason ? { returnReason: sheet.returnReason } : {}),
    version: sheet.version,
  };
}

const weekDays = (week: string) => {
  const days = daysOfIsoWeek(week);
  if (days.length === 0) throw notFound('Week');
  return days;
};

const sheetItem = (sheet: StoredSheet) =>
  ({
    ...sheet,
    ...Timesheet.key(sheet.staffId, sheet.week),
    ...(sheet.status === 'submitted' && sheet.approverId
      ? Timesheet.awaiting({ approverId: sheet.approverId, week: sheet.week, staffId: sheet.staffId })
      : {}),
    itemType: Timesheet.type,
  }) as Item;

const entryItem = (cell: TimeCell) =>
  ({
    ...cell,
    ...TimeEntry.key(cell.clientId, cell.date, cell.entryId),
    ...TimeEntry.indexes(cell),
    itemType: TimeEntry.type,
  }) as Item;

/** The sheet as stored now, and the write that keeps everyone else's change out of the way. */
function sheetWrite(next: StoredSheet, current: StoredSheet): WriteOp {
  const conflict = () => versionConflict('The timesheet', current.version);
  return current.version === 0
    ? putNew(sheetItem(next), conflict)
    : putIfVersion(sheetItem(next), current.version, conflict);
}

async function loadSheet(staffId: string, week: string): Promise<StoredSheet> {
  const [item] = await getItems([Timesheet.key(staffId, week)]);
  return item ? fromItem<StoredSheet>(item) : emptySheet(staffId, week);
}

const expectVersion = (sheet: StoredSheet, expected: number | undefined) => {
  if (expected === undefined) {
    if (sheet.version > 0) throw preconditionRequired();
    return;
  }
  if (expected !== sheet.version) throw versionConflict('The timesheet', expected);
};

/** The caller's week and the jobs they may log time on (their clients' open jobs). */
export async function getMyTimesheet(actorId: string, week: string) {
  weekDays(week);
  const [{ caller }, sheet] = await Promise.all([loadCaller(actorId), loadSheet(actorId, week)]);
  const memberships = await queryAll(TeamMembership.clientsOf(caller.staffId));
  const clientIds = memberships.map((m) => m.clientId as string);
  const [clients, jobLists] = await Promise.all([
    clientIds.length ? getItems(clientIds.map((c) => Client.key(c))) : Promise.resolve([]),
    Promise.all(clientIds.map((c) => queryAll(Job.ofClient(c)))),
  ]);
  const logged = new Set(sheet.entries.map((e) => e.jobId));
  const jobs = jobLists.flatMap((items, i) =>
    items
      .filter(
        (j) => logged.has(j.jobId as string) || !['completed', 'cancelled'].includes(j.status as string),
      )
      .map((j) => ({
        jobId: j.jobId as string,
        clientId: clientIds[i]!,
        clientName: (clients[i]?.name as string | undefined) ?? '',
        jobNumber: j.jobNumber as string,
        title: j.title as string,
      })),
  );
  jobs.sort((a, b) => a.clientName.localeCompare(b.clientName) || a.jobNumber.localeCompare(b.jobNumber));
  return { ...viewOf(sheet, caller.name), jobs };
}

const assertEditable = (sheet: StoredSheet) => {
  if (sheet.status === 'submitted' || sheet.status === 'approved') {
    const status = sheet.status;
    throw timeRefusal(409, 'timesheet_locked', (w) => w.weekLocked(status));
  }
};

const cellKey = (c: { jobId: string; date: string; activity: string }) =>
  `${c.jobId}|${c.date}|${c.activity}`;

/** Saves the whole week grid: new cells priced and added, changed ones repriced, missing ones removed. */
export async function putMyTimesheet(
  actorId: string,
  week: string,
  expectedVersion: number | undefined,
  input: PutTimesheetInput,
) {
  const days = weekDays(week);
  const [{ caller }, current] = await Promise.all([loadCaller(actorId), loadSheet(actorId, week)]);
  expectVersion(current, expectedVersion);
  assertEditable(current);
  validateCells(input, days, week);
  const fieldOf = (jobId: string) =>
    `body.entries.${input.entries.findIndex((e) => e.jobId === jobId)}.jobId`;
  const reach = await jobsInReach(caller, [...new Set(input.entries.map((e) => e.jobId))], fieldOf);
  const clientIds = [...new Set(input.entries.map((e) => reach.jobs.get(e.jobId)!.clientId))];
  const rates = await ratesFor(clientIds);
  const before = new Map(current.entries.map((c) => [cellKey(c), c]));
  const at = now();
  const ops: WriteOp[] = [];
  const cells: TimeCell[] = input.entries.map((input, index) => {
    const job = reach.jobs.get(input.jobId)!;
    const old = before.get(cellKey(input));
    before.delete(cellKey(input));
    if (old && old.minutes === input.minutes && old.note === input.note) return old;
    const currency = reach.currencyOf(input.jobId);
    const priced = rates.price(
      { clientId: job.clientId, date: input.date, minutes: input.minutes },
      caller.role,
      currency,
      `body.entries.${index}.minutes`,
    );
    const cell: TimeCell = {
      entryId: old?.entryId ?? newId(),
      staffId: caller.staffId,
      clientId: job.clientId,
      jobId: input.jobId,
      date: input.date,
      minutes: input.minutes,
      activity: input.activity,
      ...(input.note ? { note: input.note } : {}),
      role: caller.role,
      currency,
      ...priced,
      status: 'draft',
      version: (old?.version ?? 0) + 1,
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
    };
    ops.push(putItem(entryItem(cell)));
    return cell;
  });
  for (const removed of before.values())
    ops.push(deleteItem(TimeEntry.key(removed.clientId, removed.date, removed.entryId)));
  const next: StoredSheet = {
    ...current,
    status: 'draft',
    entries: cells,
    version: current.version + 1,
    createdAt: current.createdAt || at,
    updatedAt: at,
  };
  delete next.approverId;
  await transact([
    sheetWrite(next, current),
    ...ops,
    staffAuditEvent(caller.staffId, {
      actorId,
      action: 'timesheet.saved',
      entityType: 'timesheet',
      entityId: week,
      before: { version: current.version },
      after: { version: next.version },
    }),
  ]);
  return viewOf(next, caller.name);
}

function validateCells(input: PutTimesheetInput, days: string[], week: string) {
  const seen = new Set<string>();
  const perDay = new Map<string, number>();
  input.entries.forEach((cell, index) => {
    if (!days.includes(cell.date)) {
      throw timeRefusal(
        422,
        'date_outside_week',
        (w) => w.outsideWeek(cell.date, week),
        `body.entries.${index}.date`,
      );
    }
    if (seen.has(cellKey(cell))) {
      throw timeRefusal(422, 'duplicate_cell', (w) => w.duplicateCell, `body.entries.${index}`);
    }
    seen.add(cellKey(cell));
    const total = (perDay.get(cell.date) ?? 0) + cell.minutes;
    if (total > 24 * 60) {
      throw timeRefusal(
        422,
        'day_over_24_hours',
        (w) => w.dayOver24Hours(cell.date),
        `body.entries.${index}.minutes`,
      );
    }
    perDay.set(cell.date, total);
  });
}

/** Every cell's entry in its client's partition, with the sheet's new status. */
const entriesWithStatus = (cells: TimeCell[], status: TimeCell['status']) =>
  cells.map((c) => ({ ...c, status }));

/** Submits the week to the caller's line manager; read again when their manager changed meanwhile. */
export async function submitMyTimesheet(actorId: string, week: string, expectedVersion: number) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitTo(actorId, week, expectedVersion);
    } catch (error) {
      if (!(error instanceof TransactionRaceError) || attempt >= 2) throw error;
    }
  }
}

async function submitTo(actorId: string, week: string, expectedVersion: number) {
  weekDays(week);
  const [{ caller }, current] = await Promise.all([loadCaller(actorId), loadSheet(actorId, week)]);
  expectVersion(current, expectedVersion);
  assertEditable(current);
  if (current.entries.length === 0) throw timeRefusal(409, 'nothing_to_submit', (w) => w.nothingToSubmit);
  if (!caller.reportsTo) throw timeRefusal(409, 'no_line_manager', (w) => w.noLineManager);
  const at = now();
  const entries = entriesWithStatus(current.entries, 'submitted');
  const next: StoredSheet = {
    ...current,
    status: 'submitted',
    entries,
    approverId: caller.reportsTo,
    submittedAt: at,
    version: current.version + 1,
    updatedAt: at,
  };
  delete next.returnReason;
  await transact([
    sheetWrite(next, current),
    // Submitted to the line manager as read: a change of manager meanwhile moved the sheets it
    // found waiting, not this one, so this one waits for the change to be read again.
    checkWhen(
      Staff.key(caller.staffId),
      {
        expression: '#reportsTo = :manager',
        names: { '#reportsTo': 'reportsTo' },
        values: { ':manager': caller.reportsTo },
      },
      () => new TransactionRaceError(),
    ),
    putItem({
      ...TimesheetSubmissions.key(caller.staffId),
      itemType: TimesheetSubmissions.type,
      staffId: caller.staffId,
      submission: newId(),
      at,
    }),
    ...entries.map((e) => putItem(entryItem(e))),
    staffAuditEvent(caller.staffId, {
      actorId,
      action: 'timesheet.submitted',
      entityType: 'timesheet',
      entityId: week,
      before: { version: current.version },
      after: { version: next.version },
    }),
  ]);
  return viewOf(next, caller.name);
}

/** Whether the caller may read a staff member's timesheets: themselves, up their line, or the head. */
async function mayRead(caller: Caller, staff: Item): Promise<boolean> {
  if (caller.staffId === staff.staffId || caller.role === 'head_of_accounts') return true;
  return isUpReportingLine(staff as { reportsTo?: string }, caller.staffId);
}

export async function getStaffTimesheet(actorId: string, staffId: string, week: string) {
  weekDays(week);
  const [{ caller, items }, sheet] = await Promise.all([
    loadCaller(actorId, [Staff.key(staffId)]),
    loadSheet(staffId, week),
  ]);
  const staff = items[0];
  if (!staff || !(await mayRead(caller, staff))) throw notFound('Timesheet');
  return viewOf(sheet, staff.name as string);
}

export async function decideTimesheet(
  actorId: string,
  staffId: string,
  week: string,
  expectedVersion: number,
  input: TimesheetDecisionInput,
) {
  weekDays(week);
  const [{ caller, items }, current] = await Promise.all([
    loadCaller(actorId, [Staff.key(staffId)]),
    loadSheet(staffId, week),
  ]);
  const staff = items[0];
  if (!staff || !(await mayRead(caller, staff))) throw notFound('Timesheet');
  if (caller.staffId === staffId) throw timeRefusal(403, 'own_timesheet', (w) => w.ownTimesheet);
  // The line manager as they are now: a sheet submitted to an earlier one moved with the change.
  if (staff.reportsTo !== caller.staffId && caller.role !== 'head_of_accounts') {
    throw timeRefusal(403, 'not_line_manager', (w) => w.notLineManager(staff.name as string));
  }
  expectVersion(current, expectedVersion);
  if (current.status !== 'submitted')
    throw timeRefusal(409, 'timesheet_not_submitted', (w) => w.notSubmitted);
  if (input.decision === 'return' && !input.reason) {
    throw timeRefusal(422, 'reason_required', (w) => w.reasonRequired, 'body.reason');
  }
  const at = now();
  const approved = input.decision === 'approve';
  const entries = entriesWithStatus(current.entries, approved ? 'approved' : 'draft');
  const next: StoredSheet = {
    ...current,
    status: approved ? 'approved' : 'returned',
    entries,
    decidedBy: caller.staffId,
    decidedAt: at,
    ...(approved ? {} : { returnReason: input.reason }),
    version: current.version + 1,
    updatedAt: at,
  };
  await transact([
    sheetWrite(next, current),
    ...entries.map((e) => putItem(entryItem(e))),
    staffAuditEvent(staffId, {
      actorId,
      action: approved ? 'timesheet.approved' : 'timesheet.returned',
      entityType: 'timesheet',
      entityId: week,
      before: { version: current.version },
      after: { version: next.version },
    }),
  ]);
  return viewOf(next, staff.name as string);
}

/** The timesheets waiting for the caller's decision (their direct reports'), oldest week first. */
export async function listTimesheetsToApprove(actorId: string) {
  const [, waiting] = await Promise.all([loadCaller(actorId), queryAll(Timesheet.awaitingApprover(actorId))]);
  const sheets = waiting.map((i) => fromItem<StoredSheet>(i));
  const staff = sheets.length
    ? await getItems([...new Set(sheets.map((s) => s.staffId))].map((id) => Staff.key(id)))
    : [];
  const names = new Map(staff.filter(Boolean).map((s) => [s!.staffId as string, s!.name as string]));
  return sheets.map((s) => {
    const { entries: _entries, ...summary } = viewOf(s, names.get(s.staffId));
    return summary;
  });
}

/**
 * At most this many waiting sheets move with a change of line manager: they join the change's
 * transaction (100 writes) with the staff member, its audit event and the submissions check, so
 * the two are one —
 * no moment in which a sheet waits for a manager who no longer decides it.
 */
const maxWaitingSheetsMoved = 90;

/**
 * A staff member's timesheets waiting for a decision follow their line manager: each is
 * rewritten with the new approver (listed under them; with no line manager, under nobody, and
 * the head decides) and a new version, so a decision the old manager read before the change
 * fails on its version. Conditional on the version read: a sheet decided meanwhile makes the
 * change read again (`TransactionRaceError`). Past `maxWaitingSheetsMoved` the change is refused
 * rather than split, which would leave sheets with the old manager.
 */
export const timesheetsFollowLineManager: LineManagerFollower = async ({ staffId, reportsTo }) => {
  // Read before the sheets: a submission after this read changes it, and the check below fails.
  const last = await getItem(TimesheetSubmissions.key(staffId));
  const unchanged = checkWhen(
    TimesheetSubmissions.key(staffId),
    last
      ? {
          expression: '#submission = :read',
          names: { '#submission': 'submission' },
          values: { ':read': last.submission },
        }
      : { expression: 'attribute_not_exists(PK)' },
    () => new TransactionRaceError(),
  );
  const waiting = (await queryAll(Timesheet.ofStaff(staffId)))
    .map((i) => fromItem<StoredSheet>(i))
    .filter((sheet) => sheet.status === 'submitted');
  if (waiting.length > maxWaitingSheetsMoved)
    throw timeRefusal(409, 'too_many_waiting_timesheets', (w) => w.tooManyWaiting(maxWaitingSheetsMoved));
  const at = now();
  const moved = waiting.map((sheet) => {
    const { approverId: _, ...rest } = sheet;
    const next: StoredSheet = {
      ...rest,
      ...(reportsTo ? { approverId: reportsTo } : {}),
      version: sheet.version + 1,
      updatedAt: at,
    };
    return putIfVersion(sheetItem(next), sheet.version, () => new TransactionRaceError());
  });
  return [unchanged, ...moved];
};
