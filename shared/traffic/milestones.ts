import { conflict, unprocessable } from '../platform/errors.js';
import type { WorkingCalendar } from '../platform/working-days.js';
import type {
  SignOffReviewEndedFacts,
  SignOffStepFacts,
  SignOffStepSettledFacts,
  Stage,
} from '../signoff/index.js';
import {
  DependencyCycleError,
  dateInZone,
  type Plan,
  planSchedule,
  stepWorkingDays,
  WorkingDayLine,
  workingDayDistance,
} from './planning.js';
import {
  type Baseline,
  type Milestone,
  maxMilestones,
  type ScheduleChange,
  type StoredMilestone,
  type WaitingSegment,
} from './schemas.js';

/**
 * A schedule as stored (one item): its milestones with their plan, their facts and their computed
 * dates, and what it shows of its job and client. The functions here are pure: the change a
 * preview shows is exactly the change a save writes.
 */
export interface StoredSchedule {
  jobId: string;
  clientId: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  jobOwnerId: string;
  templateJobType?: string;
  startDate: string;
  milestones: StoredMilestone[];
  nextMilestoneNo: number;
  endDate: string;
  criticalPath: string[];
  createdBy: string;
  updatedBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const milestoneIdOf = (n: number) => `M${String(n).padStart(3, '0')}`;

const nameOf = (milestones: readonly StoredMilestone[], id: string) =>
  milestones.find((m) => m.milestoneId === id)?.name ?? id;

/** The schedule with every milestone's dates, slack and critical flag computed on its calendar. */
export function computeSchedule(schedule: StoredSchedule, calendar: WorkingCalendar): StoredSchedule {
  const line = new WorkingDayLine(schedule.startDate, calendar);
  let plan: Plan;
  try {
    plan = planSchedule(schedule.startDate, line, schedule.milestones);
  } catch (error) {
    if (error instanceof DependencyCycleError) {
      throw unprocessable(
        'dependency_cycle',
        `These milestones depend on each other in a circle: ${error.milestoneIds.map((id) => `“${nameOf(schedule.milestones, id)}”`).join(' → ')}.`,
        'body',
      );
    }
    throw error;
  }
  return {
    ...schedule,
    milestones: schedule.milestones.map((m) => {
      const d = plan.dates.get(m.milestoneId)!;
      return { ...m, start: d.start, due: d.due, critical: d.critical, slackDays: d.slackDays };
    }),
    endDate: plan.endDate,
    criticalPath: plan.criticalPath,
  };
}

/** Dependencies must name milestones of this schedule, once each, never the milestone itself. */
function checkDependencies(milestones: readonly StoredMilestone[], fieldOf: (id: string) => string): void {
  const ids = new Set(milestones.map((m) => m.milestoneId));
  for (const m of milestones) {
    const seen = new Set<string>();
    for (const dep of m.dependsOn) {
      if (dep.milestoneId === m.milestoneId) {
        throw unprocessable(
          'self_dependency',
          `“${m.name}” cannot depend on itself.`,
          fieldOf(m.milestoneId),
        );
      }
      if (!ids.has(dep.milestoneId)) {
        throw unprocessable(
          'unknown_dependency',
          `“${m.name}” depends on ${dep.milestoneId}, which is not a milestone of this schedule.`,
          fieldOf(m.milestoneId),
        );
      }
      if (seen.has(dep.milestoneId)) {
        throw unprocessable(
          'duplicate_dependency',
          `“${m.name}” names “${nameOf(milestones, dep.milestoneId)}” twice.`,
          fieldOf(m.milestoneId),
        );
      }
      seen.add(dep.milestoneId);
    }
  }
}

const formatDay = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/**
 * The schedule after a change (moves, additions, updates, removals), validated and computed.
 * Refusals name the milestone and say why, in the words of the trade.
 */
export function applyChange(
  schedule: StoredSchedule,
  change: ScheduleChange,
  calendar: WorkingCalendar,
): StoredSchedule {
  const line = new WorkingDayLine(schedule.startDate, calendar);
  let milestones = schedule.milestones.map((m) => ({ ...m }));
  const find = (id: string, field: string) => {
    const found = milestones.find((m) => m.milestoneId === id);
    if (!found) throw unprocessable('unknown_milestone', `${id} is not a milestone of this schedule.`, field);
    return found;
  };
  const fieldOfMilestone = new Map<string, string>();

  change.remove?.forEach((id, i) => {
    const m = find(id, `body.remove.${i}`);
    if (m.status !== 'not_started') {
      throw conflict(
        'milestone_started',
        `“${m.name}” has started (${formatDay(m.actualStart ?? m.start)}): it stays in the schedule.`,
        `body.remove.${i}`,
      );
    }
  });
  if (change.remove?.length) {
    const removed = new Set(change.remove);
    milestones = milestones.filter((m) => !removed.has(m.milestoneId));
  }

  change.update?.forEach((u, i) => {
    const field = `body.update.${i}`;
    const m = find(u.milestoneId, `${field}.milestoneId`);
    fieldOfMilestone.set(m.milestoneId, `${field}.dependsOn`);
    if (u.name !== undefined && u.name !== m.name) {
      // A name typed stays as typed, in every reader's language.
      m.name = u.name;
      delete m.nameKey;
    }
    if (u.department !== undefined) m.department = u.department;
    if (u.owner !== undefined) m.owner = u.owner;
    if (u.dependsOn !== undefined) m.dependsOn = u.dependsOn;
    if (u.maxDurationDays === null) delete m.maxDurationDays;
    else if (u.maxDurationDays !== undefined) m.maxDurationDays = u.maxDurationDays;
    if (u.deliverable !== undefined && u.deliverable !== m.deliverable) {
      // A deliverable typed (or removed) stays as typed, in every reader's language.
      delete m.deliverableKey;
      if (u.deliverable === null) delete m.deliverable;
      else m.deliverable = u.deliverable;
    }
    if (u.link === null) delete m.link;
    else if (u.link !== undefined) m.link = u.link;
  });

  let next = schedule.nextMilestoneNo;
  change.add?.forEach((a, i) => {
    const milestoneId = milestoneIdOf(next++);
    fieldOfMilestone.set(milestoneId, `body.add.${i}.dependsOn`);
    milestones.push({
      milestoneId,
      name: a.name,
      department: a.department,
      owner: a.owner,
      ownerName: '',
      durationDays: a.durationDays,
      ...(a.maxDurationDays !== undefined ? { maxDurationDays: a.maxDurationDays } : {}),
      dependsOn: a.dependsOn,
      ...(a.deliverable ? { deliverable: a.deliverable } : {}),
      ...(a.link ? { link: a.link } : {}),
      status: 'not_started',
      // Computed below.
      start: schedule.startDate,
      due: schedule.startDate,
      critical: false,
      slackDays: 0,
    });
  });
  if (milestones.length > maxMilestones) {
    throw unprocessable(
      'too_many_milestones',
      `A schedule holds at most ${maxMilestones} milestones; this change would make ${milestones.length}.`,
      'body.add',
    );
  }

  change.moves?.forEach((move, i) => {
    const field = `body.moves.${i}`;
    const m = find(move.milestoneId, `${field}.milestoneId`);
    if (move.start !== undefined) {
      if (m.status !== 'not_started') {
        throw conflict(
          'milestone_started',
          `“${m.name}” started on ${formatDay(m.actualStart ?? m.start)}: its start is a fact, not a plan.`,
          `${field}.start`,
        );
      }
      if (!line.isWorkingDate(move.start)) {
        throw unprocessable(
          'not_a_working_day',
          `${formatDay(move.start)} is not a working day on the client's calendar.`,
          `${field}.start`,
        );
      }
      m.notBefore = move.start;
    }
    if (move.durationDays !== undefined) {
      if (m.status === 'done') {
        throw conflict(
          'milestone_done',
          `“${m.name}” is done: its length is a fact.`,
          `${field}.durationDays`,
        );
      }
      m.durationDays = move.durationDays;
    }
  });

  checkDependencies(milestones, (id) => fieldOfMilestone.get(id) ?? 'body');
  const computed = computeSchedule({ ...schedule, milestones, nextMilestoneNo: next }, calendar);

  // A milestone moved to a day its predecessors do not allow is refused, naming the one in the way.
  change.moves?.forEach((move, i) => {
    if (move.start === undefined) return;
    const m = computed.milestones.find((x) => x.milestoneId === move.milestoneId)!;
    if (m.start === move.start) return;
    const blocker = m.dependsOn
      .map((dep) => ({ dep, pred: computed.milestones.find((x) => x.milestoneId === dep.milestoneId)! }))
      .sort((a, b) => (b.pred.due > a.pred.due ? 1 : -1))[0];
    throw unprocessable(
      'before_predecessor',
      blocker
        ? `“${m.name}” cannot start on ${formatDay(move.start)}: “${blocker.pred.name}” ends on ${formatDay(blocker.pred.due)}${blocker.dep.lagDays ? ` and ${blocker.dep.lagDays} working days must pass after it` : ''}. The first possible start is ${formatDay(m.start)}.`
        : `“${m.name}” cannot start on ${formatDay(move.start)}; the first possible start is ${formatDay(m.start)}.`,
      `body.moves.${i}.start`,
    );
  });
  return computed;
}

// ---------------------------------------------------------------------------------------------
// Facts from the sign-off engine
// ---------------------------------------------------------------------------------------------

const clientStages: readonly Stage[] = ['client', 'final_artwork'];

/** When a followed stage counts as done: the client answered; the agency approved; a new version came. */
const doneWhen: Record<Stage, readonly string[]> = {
  internal: ['approved'],
  client: ['approved', 'changes_requested', 'rejected'],
  final_artwork: ['approved', 'changes_requested', 'rejected'],
  revision: ['revised'],
};

const follows = (m: StoredMilestone, subjectId: string, stage: Stage) =>
  m.link?.subjectId === subjectId && (m.link.stage === 'signed_off' || m.link.stage === stage);

/** Keeps the last steps a milestone saw: enough to count its waiting time, bounded in size. */
const maxStepFacts = 20;

/**
 * Whether a milestone's turn has come when a step opens on `openedOn`: every milestone it depends
 * on has started, is done, or was planned to start by then. An early look (a draft shown to the
 * client while Planning runs) is then no milestone's step, and its dependants keep their order.
 */
function predecessorsUnderWay(m: StoredMilestone, milestones: readonly StoredMilestone[], openedOn: string) {
  return m.dependsOn.every((dep) => {
    const pred = milestones.find((x) => x.milestoneId === dep.milestoneId);
    return pred?.status !== 'not_started' || pred.start <= openedOn;
  });
}

/**
 * A sign-off step opened: the first matching milestone without a link whose turn has come takes
 * it (its template's rule), and a linked milestone that had not started starts. Undefined: nothing changes (a
 * repeat, or nothing follows this sign-off).
 */
export function recordStepOpened(
  milestones: readonly StoredMilestone[],
  facts: SignOffStepFacts,
  timeZone: string,
): StoredMilestone[] | undefined {
  let changed = false;
  let next = milestones.map((m) => ({ ...m }));
  const alreadyLinked = next.some((m) => follows(m, facts.subjectId, facts.stage));
  const openedOn = dateInZone(facts.openedAt, timeZone);
  if (!alreadyLinked) {
    const candidate = next
      .filter(
        (m) =>
          m.status !== 'done' &&
          !m.link &&
          m.follows?.subjectType === facts.subjectType &&
          (m.follows.stage === facts.stage || m.follows.stage === 'signed_off') &&
          (!m.follows.kind || m.follows.kind === facts.kind) &&
          predecessorsUnderWay(m, next, openedOn),
      )
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))[0];
    if (candidate) {
      candidate.link = {
        subjectType: facts.subjectType,
        subjectId: facts.subjectId,
        stage: candidate.follows!.stage,
      };
      changed = true;
    }
  }
  next = next.map((m) => {
    if (m.status === 'done' || !follows(m, facts.subjectId, facts.stage)) return m;
    const steps = m.signOffSteps ?? [];
    if (steps.some((s) => s.reviewId === facts.reviewId && s.stepNo === facts.stepNo)) return m;
    changed = true;
    const started =
      m.status === 'not_started'
        ? {
            status: 'in_progress' as const,
            actualStart: dateInZone(facts.openedAt, timeZone),
            startedAt: facts.openedAt,
          }
        : {};
    return {
      ...m,
      ...started,
      signOffSteps: [
        ...steps,
        { reviewId: facts.reviewId, stepNo: facts.stepNo, stage: facts.stage, openedAt: facts.openedAt },
      ].slice(-maxStepFacts),
    };
  });
  return changed ? next : undefined;
}

function finished(m: StoredMilestone, at: string, calendar: WorkingCalendar): StoredMilestone {
  const startedAt = m.startedAt ?? at;
  return {
    ...m,
    status: 'done',
    actualStart: m.actualStart ?? dateInZone(startedAt, calendar.timeZone),
    startedAt,
    actualEnd: dateInZone(at, calendar.timeZone),
    endedAt: at,
    actualWorkingDays: stepWorkingDays(startedAt, at, calendar),
  };
}

/** A sign-off step settled: its fact is kept, and a milestone that follows that stage may be done. */
export function recordStepSettled(
  milestones: readonly StoredMilestone[],
  facts: SignOffStepSettledFacts,
  calendar: WorkingCalendar,
): StoredMilestone[] | undefined {
  let changed = false;
  const next = milestones.map((m) => {
    if (m.status === 'done' || !follows(m, facts.subjectId, facts.stage)) return m;
    const steps = [...(m.signOffSteps ?? [])];
    const index = steps.findIndex((s) => s.reviewId === facts.reviewId && s.stepNo === facts.stepNo);
    if (index >= 0 && steps[index]!.settledAt) return m;
    const step = {
      reviewId: facts.reviewId,
      stepNo: facts.stepNo,
      stage: facts.stage,
      openedAt: facts.openedAt,
      settledAt: facts.settledAt,
      status: facts.status,
    };
    if (index >= 0) steps[index] = step;
    else steps.push(step);
    changed = true;
    let updated: StoredMilestone = {
      ...m,
      signOffSteps: steps.slice(-maxStepFacts),
      ...(m.status === 'not_started'
        ? {
            status: 'in_progress' as const,
            actualStart: dateInZone(facts.openedAt, calendar.timeZone),
            startedAt: facts.openedAt,
          }
        : {}),
    };
    if (m.link!.stage === facts.stage && doneWhen[facts.stage].includes(facts.status)) {
      updated = finished(updated, facts.settledAt, calendar);
    }
    return updated;
  });
  return changed ? next : undefined;
}

/** A review ended: milestones that follow the whole sign-off are done when it was signed off. */
export function recordReviewEnded(
  milestones: readonly StoredMilestone[],
  facts: SignOffReviewEndedFacts,
  calendar: WorkingCalendar,
): StoredMilestone[] | undefined {
  if (facts.outcome !== 'released') return undefined;
  let changed = false;
  const next = milestones.map((m) => {
    if (m.status === 'done' || m.link?.subjectId !== facts.subjectId || m.link.stage !== 'signed_off')
      return m;
    changed = true;
    return finished(m, facts.endedAt, calendar);
  });
  return changed ? next : undefined;
}

// ---------------------------------------------------------------------------------------------
// Waiting on the client vs on the agency
// ---------------------------------------------------------------------------------------------

/**
 * The spans a milestone waited, and on whom: a sign-off step's client stages wait on the client,
 * its internal review and revisions on the agency (counted as the engine counts deadlines: the
 * working days after the day it opened); a milestone without sign-off steps waits on its owner —
 * the client for the client's own steps — from its first day to its last (both counted).
 */
export function waitingSegments(
  m: StoredMilestone,
  line: WorkingDayLine,
  now: Date,
): { segment: WaitingSegment; days: string[] }[] {
  const tz = line.calendar.timeZone;
  const today = dateInZone(now, tz);
  if (m.signOffSteps?.length) {
    return m.signOffSteps.map((step) => {
      const from = dateInZone(step.openedAt, tz);
      const to = step.settledAt ? dateInZone(step.settledAt, tz) : undefined;
      const days: string[] = [];
      for (let i = line.indexOnOrAfter(from); line.dateOf(i) <= (to ?? today); i++) {
        if (line.dateOf(i) > from) days.push(line.dateOf(i));
      }
      return {
        segment: {
          party: clientStages.includes(step.stage) ? ('client' as const) : ('agency' as const),
          from,
          ...(to ? { to } : {}),
          stage: step.stage,
          workingDays: days.length,
        },
        days,
      };
    });
  }
  if (!m.actualStart) return [];
  const to = m.status === 'done' ? m.actualEnd : undefined;
  const days: string[] = [];
  for (let i = line.indexOnOrAfter(m.actualStart); line.dateOf(i) <= (to ?? today); i++)
    days.push(line.dateOf(i));
  return [
    {
      segment: {
        party: m.owner.kind === 'client' || m.department === 'client' ? 'client' : 'agency',
        from: m.actualStart,
        ...(to ? { to } : {}),
        workingDays:
          m.status === 'done' && m.actualWorkingDays !== undefined ? m.actualWorkingDays : days.length,
      },
      days,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// What a reader sees
// ---------------------------------------------------------------------------------------------

export interface ScheduleReading {
  milestones: Milestone[];
  waiting: { clientDays: number; agencyDays: number };
  baseline?: {
    timetableVersion: number;
    signedAt: string;
    reviewId?: string;
    endDate: string;
    slipDays: number;
  };
  today: string;
}

/** Overdue, readiness, baseline slip and waiting time of every milestone, as of `now`. */
export function readSchedule(
  schedule: StoredSchedule,
  calendar: WorkingCalendar,
  baseline: Baseline | undefined,
  now: Date,
): ScheduleReading {
  const line = new WorkingDayLine(schedule.startDate, calendar);
  const today = dateInZone(now, calendar.timeZone);
  const done = new Set(schedule.milestones.filter((m) => m.status === 'done').map((m) => m.milestoneId));
  const partyDays = { client: new Set<string>(), agency: new Set<string>() };
  const milestones = schedule.milestones.map((m): Milestone => {
    const segments = waitingSegments(m, line, now);
    const waiting = { clientDays: 0, agencyDays: 0 };
    for (const { segment, days } of segments) {
      if (segment.party === 'client') waiting.clientDays += segment.workingDays;
      else waiting.agencyDays += segment.workingDays;
      for (const day of days) partyDays[segment.party].add(day);
    }
    const base = baseline?.dates[m.milestoneId];
    return {
      ...m,
      ready: m.dependsOn.every((dep) => done.has(dep.milestoneId)),
      overdueDays: m.status !== 'done' && m.due < today ? workingDayDistance(line, m.due, today) : 0,
      ...(base ? { baseline: base, slipDays: workingDayDistance(line, base.due, m.due) } : {}),
      waiting,
      waitingSegments: segments.map((s) => s.segment),
    };
  });
  return {
    milestones,
    waiting: { clientDays: partyDays.client.size, agencyDays: partyDays.agency.size },
    ...(baseline
      ? {
          baseline: {
            timetableVersion: baseline.timetableVersion,
            signedAt: baseline.signedAt,
            ...(baseline.reviewId ? { reviewId: baseline.reviewId } : {}),
            endDate: baseline.endDate,
            slipDays: workingDayDistance(line, baseline.endDate, schedule.endDate),
          },
        }
      : {}),
    today,
  };
}
