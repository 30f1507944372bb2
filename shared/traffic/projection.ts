import {
  backoff,
  deleteWhen,
  fromItem,
  getItem,
  type Item,
  putItem,
  putWhen,
  queryPage,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { storedItem } from '../platform/records.js';
import { BoardEntry, MilestoneTask, PendingTaskProjection, Schedule } from './entities.js';
import type { StoredSchedule } from './milestones.js';

/**
 * What a schedule shows outside itself: one task item per milestone (an owner's list, and every
 * open milestone by due date) and the job's entry on the traffic board. The schedule is the truth;
 * these are projections of one of its versions (`scheduleVersion`).
 *
 * - A change that touches few task items writes them in its own transaction: lists are exact at
 *   once.
 * - A larger one (a move that shifts 300 milestones) cannot: a transaction holds 100 items. The
 *   schedule is saved with a pending-projection marker; right after, every task item of the job is
 *   rewritten at the new version, in transactions of up to 100 conditional puts (`scheduleVersion`
 *   lower than the new one, so an older, slower projection can never overwrite a newer one), and
 *   the marker is removed (if no newer version marked it again). Until then the lists lag that
 *   change; a projection that died is finished by the next change of the schedule or by the daily
 *   overdue-milestones job, which sweeps the markers first.
 */

/** The fields of a task item that a change can alter (what decides whether it must be rewritten). */
export interface TaskFields {
  clientId: string;
  clientName: string;
  jobId: string;
  jobNumber: string;
  jobTitle: string;
  jobOwnerId: string;
  milestoneId: string;
  name: string;
  /** A built-in template milestone's key, while its name is unchanged (`milestoneName` words it per reader). */
  nameKey?: string;
  department: string;
  owner: { kind: 'staff'; staffId: string } | { kind: 'client' };
  start: string;
  due: string;
  status: string;
  critical: boolean;
  open: boolean;
  timeZone: string;
}

export function taskFieldsOf(schedule: StoredSchedule, timeZone: string): Map<string, TaskFields> {
  return new Map(
    schedule.milestones.map((m) => [
      m.milestoneId,
      {
        clientId: schedule.clientId,
        clientName: schedule.clientName,
        jobId: schedule.jobId,
        jobNumber: schedule.jobNumber,
        jobTitle: schedule.jobTitle,
        jobOwnerId: schedule.jobOwnerId,
        milestoneId: m.milestoneId,
        name: m.name,
        ...(m.nameKey ? { nameKey: m.nameKey } : {}),
        department: m.department,
        owner: m.owner,
        start: m.start,
        due: m.due,
        status: m.status,
        critical: m.critical,
        open: m.status !== 'done',
        timeZone,
      },
    ]),
  );
}

const taskItem = (fields: TaskFields, scheduleVersion: number): Item =>
  storedItem(
    MilestoneTask.type,
    MilestoneTask.key(fields.clientId, fields.jobId, fields.milestoneId),
    MilestoneTask.indexes(fields),
    { ...fields, scheduleVersion },
  );

/** A milestone removed from the schedule: out of every list, kept as a tombstone at that version. */
const tombstone = (clientId: string, jobId: string, milestoneId: string, scheduleVersion: number): Item =>
  storedItem(
    MilestoneTask.type,
    MilestoneTask.key(clientId, jobId, milestoneId),
    {},
    {
      clientId,
      jobId,
      milestoneId,
      open: false,
      removed: true,
      scheduleVersion,
    },
  );

/** The task items that differ between two versions of a schedule (puts at the new version). */
export function changedTaskItems(
  before: Map<string, TaskFields> | undefined,
  after: Map<string, TaskFields>,
  clientId: string,
  jobId: string,
  scheduleVersion: number,
): Item[] {
  const items: Item[] = [];
  for (const [id, fields] of after) {
    const old = before?.get(id);
    if (!old || JSON.stringify(old) !== JSON.stringify(fields)) items.push(taskItem(fields, scheduleVersion));
  }
  for (const id of before?.keys() ?? []) {
    if (!after.has(id)) items.push(tombstone(clientId, jobId, id, scheduleVersion));
  }
  return items;
}

/** The job's board entry: its open milestone due first (none: off the board). */
export function boardEntryItem(schedule: StoredSchedule, timeZone: string): Item {
  const next = schedule.milestones
    .filter((m) => m.status !== 'done')
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.start < b.start ? -1 : 1))[0];
  const fields = {
    clientId: schedule.clientId,
    clientName: schedule.clientName,
    jobId: schedule.jobId,
    jobNumber: schedule.jobNumber,
    jobTitle: schedule.jobTitle,
    jobOwnerId: schedule.jobOwnerId,
    endDate: schedule.endDate,
    timeZone,
    scheduleVersion: schedule.version,
    ...(next
      ? {
          nextDue: next.due,
          next: {
            milestoneId: next.milestoneId,
            name: next.name,
            ...(next.nameKey ? { nameKey: next.nameKey } : {}),
            department: next.department,
            owner: next.owner,
            start: next.start,
            due: next.due,
            status: next.status,
            critical: next.critical,
          },
        }
      : {}),
  };
  return storedItem(
    BoardEntry.type,
    BoardEntry.key(schedule.clientId, schedule.jobId),
    BoardEntry.indexes(fields),
    fields,
  );
}

/** The marker of a schedule whose task items lag `scheduleVersion`. */
export const pendingMarker = (clientId: string, jobId: string, scheduleVersion: number): WriteOp =>
  putItem(
    storedItem(
      PendingTaskProjection.type,
      PendingTaskProjection.key(clientId, jobId),
      PendingTaskProjection.indexes({ jobId }),
      { clientId, jobId, scheduleVersion },
    ),
  );

/** Every task item of a job (at most ~300, about 600 bytes each): pages of 1,000, usually one. */
async function jobTaskItems(clientId: string, jobId: string): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(MilestoneTask.ofJob(clientId, jobId), { limit: 1000, nextToken });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** A newer projection has written (some of) these items: this one is out of date. */
class Overtaken extends Error {}

const chunkSize = 100;

/**
 * Rewrites every task item of a job at the schedule's current version (see above), then removes
 * the pending marker unless a newer version set it again. Idempotent; concurrent runs converge on
 * the newest version. Answers how many items it wrote.
 */
export async function projectTasks(clientId: string, jobId: string, timeZone: string): Promise<number> {
  const [scheduleItem, existing] = await Promise.all([
    getItem(Schedule.key(clientId, jobId)),
    jobTaskItems(clientId, jobId),
  ]);
  if (!scheduleItem) return 0;
  const schedule = fromItem<StoredSchedule>(scheduleItem);
  const version = schedule.version;
  const fields = taskFieldsOf(schedule, timeZone);
  const items: Item[] = [...fields.values()].map((f) => taskItem(f, version));
  for (const old of existing) {
    const id = old.milestoneId as string;
    if (!fields.has(id) && !old.removed) items.push(tombstone(clientId, jobId, id, version));
  }
  const stale = items.filter((item) => {
    const old = existing.find((e) => e.SK === item.SK);
    return !old || (old.scheduleVersion as number) < version;
  });
  let written = 0;
  try {
    for (let start = 0; start < stale.length; start += chunkSize) {
      const chunk = stale.slice(start, start + chunkSize).map((item) =>
        putWhen(
          item,
          {
            expression: 'attribute_not_exists(PK) OR #v < :v',
            names: { '#v': 'scheduleVersion' },
            values: { ':v': version },
          },
          () => new Overtaken(),
        ),
      );
      for (let attempt = 0; ; attempt++) {
        try {
          await transact(chunk);
          break;
        } catch (error) {
          if (!(error instanceof TransactionRaceError) || attempt >= 8) throw error;
          await backoff(attempt);
        }
      }
      written += chunk.length;
    }
  } catch (error) {
    if (error instanceof Overtaken) return written;
    throw error;
  }
  await transact([
    deleteWhen(
      PendingTaskProjection.key(clientId, jobId),
      {
        expression: 'attribute_not_exists(PK) OR #v <= :v',
        names: { '#v': 'scheduleVersion' },
        values: { ':v': version },
      },
      () => new Overtaken(),
    ),
  ]).catch((error) => {
    // A newer version marked it again: that version's projection removes it.
    if (!(error instanceof Overtaken)) throw error;
  });
  return written;
}
