import { type WorkingCalendar, workingDaysBetween } from '../platform/working-days.js';
import type { Dependency, MilestoneStatus } from './schemas.js';

/**
 * The scheduling maths, without I/O: working-day arithmetic on the client's calendar, the
 * forward pass (finish-to-start dependencies with lags, moves as "start no earlier than", facts
 * as facts), the backward pass (slack, critical path).
 *
 * Days are counted as indices of working days: index 0 is the schedule's first working day on or
 * after its start date. A milestone of d working days starting at index s occupies s … s+d−1 and
 * finishes at s+d (exclusive); its successor may start at that finish plus the lag. A milestone of
 * 0 days is a point in time (start = due; a successor may start the same day).
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC arithmetic: a date has no time zone). */
export const dayNumber = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
};
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The calendar date an instant falls on in a time zone. */
export function dateInZone(instant: Date | string, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** Working days of one calendar as a line of indices around an anchor day. */
export class WorkingDayLine {
  private readonly holidays: Set<string>;
  private readonly weekend: Set<number>;
  /** Day numbers of the working days from the anchor on (index 0, 1, …). */
  private readonly forward: number[] = [];
  /** Day numbers of the working days before the anchor (index −1, −2, …). */
  private readonly backward: number[] = [];

  constructor(
    anchorDate: string,
    readonly calendar: WorkingCalendar,
  ) {
    this.holidays = new Set(calendar.holidays);
    this.weekend = new Set(calendar.weekend);
    if (this.weekend.size >= 7) throw new RangeError('A calendar needs at least one working weekday');
    let day = dayNumber(anchorDate);
    while (!this.isWorking(day)) day++;
    this.forward.push(day);
  }

  isWorking(day: number): boolean {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    return !this.weekend.has(weekday) && !this.holidays.has(dateOfDay(day));
  }

  private extendForward(untilDay: number): void {
    let last = this.forward.at(-1)!;
    while (last < untilDay) {
      do last++;
      while (!this.isWorking(last));
      this.forward.push(last);
    }
  }

  private extendBackward(untilDay: number): void {
    let first = this.backward.at(-1) ?? this.forward[0]!;
    while (first > untilDay) {
      do first--;
      while (!this.isWorking(first));
      this.backward.push(first);
    }
  }

  /** The date of working day `index`. */
  dateOf(index: number): string {
    if (index >= 0) {
      while (this.forward.length <= index) this.extendForward(this.forward.at(-1)! + 1);
      return dateOfDay(this.forward[index]!);
    }
    while (this.backward.length < -index) this.extendBackward((this.backward.at(-1) ?? this.forward[0]!) - 1);
    return dateOfDay(this.backward[-index - 1]!);
  }

  /** The index of the first working day on or after `date`. */
  indexOnOrAfter(date: string): number {
    const day = dayNumber(date);
    if (day >= this.forward[0]!) {
      this.extendForward(day);
      return lowerBound(this.forward, day);
    }
    this.extendBackward(day);
    // backward is descending: the working days before the anchor that are ≥ day.
    let count = 0;
    while (count < this.backward.length && this.backward[count]! >= day) count++;
    return -count;
  }

  /** The index of the last working day on or before `date`. */
  indexOnOrBefore(date: string): number {
    const after = this.indexOnOrAfter(date);
    return this.dateOf(after) === date ? after : after - 1;
  }

  isWorkingDate(date: string): boolean {
    return this.isWorking(dayNumber(date));
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the maths needs of a milestone. */
export interface PlanMilestone {
  milestoneId: string;
  durationDays: number;
  dependsOn: readonly Dependency[];
  /** Start no earlier than (a move). */
  notBefore?: string;
  status: MilestoneStatus;
  /** Facts: when it started, and (done) how many working days it took. */
  actualStart?: string;
  actualWorkingDays?: number;
}

export interface PlannedDates {
  start: string;
  due: string;
  startIndex: number;
  finishIndex: number;
  slackDays: number;
  critical: boolean;
}

export interface Plan {
  dates: Map<string, PlannedDates>;
  /** The last due date of the schedule. */
  endDate: string;
  /** Critical milestones in start order. */
  criticalPath: string[];
}

/** Dependencies that form a cycle (their ids, in cycle order). */
export class DependencyCycleError extends Error {
  constructor(readonly milestoneIds: string[]) {
    super(`Dependencies form a cycle: ${milestoneIds.join(' → ')}`);
    this.name = 'DependencyCycleError';
  }
}

/** Milestones in an order where every predecessor comes first (Kahn); a cycle throws. */
export function topologicalOrder(milestones: readonly PlanMilestone[]): string[] {
  const ids = new Set(milestones.map((m) => m.milestoneId));
  const indegree = new Map<string, number>();
  const successors = new Map<string, string[]>();
  for (const m of milestones) {
    indegree.set(m.milestoneId, indegree.get(m.milestoneId) ?? 0);
    for (const dep of m.dependsOn) {
      if (!ids.has(dep.milestoneId)) continue;
      indegree.set(m.milestoneId, (indegree.get(m.milestoneId) ?? 0) + 1);
      successors.set(dep.milestoneId, [...(successors.get(dep.milestoneId) ?? []), m.milestoneId]);
    }
  }
  // Ties in list order, so the same schedule always yields the same order.
  const queue = milestones.filter((m) => indegree.get(m.milestoneId) === 0).map((m) => m.milestoneId);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const next of successors.get(id) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length < milestones.length) throw new DependencyCycleError(findCycle(milestones, new Set(order)));
  return order;
}

function findCycle(milestones: readonly PlanMilestone[], ordered: Set<string>): string[] {
  const byId = new Map(milestones.map((m) => [m.milestoneId, m]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (ordered.has(dep.milestoneId) || !byId.has(dep.milestoneId)) continue;
      if (state.get(dep.milestoneId) === 'visiting')
        return [...path.slice(path.indexOf(dep.milestoneId)), dep.milestoneId];
      if (!state.has(dep.milestoneId)) {
        const found = visit(dep.milestoneId);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const m of milestones) {
    if (ordered.has(m.milestoneId) || state.has(m.milestoneId)) continue;
    const cycle = visit(m.milestoneId);
    if (cycle) return cycle.reverse();
  }
  return [];
}

/** The earliest index a milestone may start at, given its predecessors' finishes. */
export function earliestStartIndex(
  milestone: Pick<PlanMilestone, 'dependsOn'>,
  finishes: ReadonlyMap<string, number>,
  floor: number,
): { index: number; limitedBy?: string } {
  let index = floor;
  let limitedBy: string | undefined;
  for (const dep of milestone.dependsOn) {
    const finish = finishes.get(dep.milestoneId);
    if (finish === undefined) continue;
    if (finish + dep.lagDays > index) {
      index = finish + dep.lagDays;
      limitedBy = dep.milestoneId;
    }
  }
  return { index, limitedBy };
}

/**
 * Dates of every milestone: the forward pass in dependency order, then the backward pass for
 * slack. A milestone that started keeps its actual start; one that is done keeps its actual
 * length; every other one starts as soon as its predecessors (plus lags) and its move allow.
 */
export function planSchedule(
  startDate: string,
  line: WorkingDayLine,
  milestones: readonly PlanMilestone[],
): Plan {
  const byId = new Map(milestones.map((m) => [m.milestoneId, m]));
  const order = topologicalOrder(milestones);
  const anchor = line.indexOnOrAfter(startDate);
  const starts = new Map<string, number>();
  const finishes = new Map<string, number>();
  for (const id of order) {
    const m = byId.get(id)!;
    let s: number;
    if (m.actualStart !== undefined) s = line.indexOnOrAfter(m.actualStart);
    else {
      // A move may bring a milestone before the schedule's first day: the move says when.
      const floor = m.notBefore !== undefined ? line.indexOnOrAfter(m.notBefore) : anchor;
      s = earliestStartIndex(m, finishes, floor).index;
    }
    const length =
      m.status === 'done' && m.actualWorkingDays !== undefined ? m.actualWorkingDays : m.durationDays;
    starts.set(id, s);
    finishes.set(id, s + length);
  }

  // Backward pass: the latest finish that does not move the schedule's end.
  const end = Math.max(...[...finishes.values(), anchor]);
  const latestStart = new Map<string, number>();
  const successors = new Map<string, { id: string; lag: number }[]>();
  for (const m of milestones) {
    for (const dep of m.dependsOn) {
      if (!byId.has(dep.milestoneId)) continue;
      successors.set(dep.milestoneId, [
        ...(successors.get(dep.milestoneId) ?? []),
        { id: m.milestoneId, lag: dep.lagDays },
      ]);
    }
  }
  const dates = new Map<string, PlannedDates>();
  for (const id of [...order].reverse()) {
    const s = starts.get(id)!;
    const f = finishes.get(id)!;
    let latestFinish = end;
    for (const next of successors.get(id) ?? []) {
      latestFinish = Math.min(latestFinish, latestStart.get(next.id)! - next.lag);
    }
    const ls = latestFinish - (f - s);
    latestStart.set(id, ls);
    const slack = ls - s;
    dates.set(id, {
      start: line.dateOf(s),
      due: line.dateOf(f > s ? f - 1 : s),
      startIndex: s,
      finishIndex: f,
      slackDays: slack,
      critical: slack <= 0,
    });
  }
  const endDate = [...dates.values()].reduce((max, d) => (d.due > max ? d.due : max), line.dateOf(anchor));
  const criticalPath = [...dates.entries()]
    .filter(([, d]) => d.critical)
    .sort((a, b) => a[1].startIndex - b[1].startIndex || a[1].finishIndex - b[1].finishIndex)
    .map(([id]) => id);
  return { dates, endDate, criticalPath };
}

/** Working days from one date to a later one (negative when earlier): for slips and shifts. */
export function workingDayDistance(line: WorkingDayLine, from: string, to: string): number {
  return line.indexOnOrBefore(to) - line.indexOnOrBefore(from);
}

/**
 * How many working days a sign-off step was open: as the engine counts its deadlines (the day
 * it opened does not count), at least 1 for a step that took any time at all.
 */
export function stepWorkingDays(openedAt: string, settledAt: string, calendar: WorkingCalendar): number {
  return Math.max(1, workingDaysBetween(new Date(openedAt), new Date(settledAt), calendar));
}
