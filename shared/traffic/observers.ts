import type { ActiveMember } from '../accounts/index.js';
import { loadActiveTeam } from '../accounts/index.js';
import {
  backoff,
  fromItem,
  getItems,
  putIfVersion,
  putItem,
  TransactionRaceError,
  transact,
} from '../platform/db/table.js';
import { AppError } from '../platform/errors.js';
import { formatDay } from '../platform/i18n.js';
import { patched, storedItem } from '../platform/records.js';
import type { WorkingCalendar } from '../platform/working-days.js';
import type {
  SignOffObserver,
  SignOffReviewEndedFacts,
  SignOffStepFacts,
  SignOffStepSettledFacts,
} from '../signoff/index.js';
import { briefItem, briefVersionItem } from './briefs.js';
import {
  Brief as BriefEntity,
  BriefVersion as BriefVersionEntity,
  CreativeBriefApproval,
} from './entities.js';
import { trafficNoticeWords } from './messages.js';
import { milestoneName } from './milestone-names.js';
import {
  computeSchedule,
  recordReviewEnded,
  recordStepOpened,
  recordStepSettled,
  type StoredSchedule,
} from './milestones.js';
import { pathUrl, readerLanguage, schedulePath, sendNotice, timeKeepers } from './notices.js';
import { dateInZone, WorkingDayLine, workingDayDistance } from './planning.js';
import { closeRevisionTask, openRevisionTask } from './revision-tasks.js';
import { loadScheduleForJob, persistSchedule } from './schedules.js';
import type { Brief, BriefVersion, StoredMilestone } from './schemas.js';

/**
 * The job's schedule hears how its sign-offs go (the engine's observer registry): a followed
 * step that opens starts its milestone, one that settles ends it, and what depends on it moves
 * with the facts — a client who answers three working days late moves every dependant three
 * working days, and the job's AE and traffic coordinator hear of the new end date. The account
 * manager's approval of a creative brief lets creative work start.
 *
 * Runs in the review workflow's tasks, after the engine's commits. Everything here is idempotent
 * (a step's facts are recorded once, by review and step number); a failure throws, the task is
 * retried, and the facts come again.
 */
class Raced extends AppError {
  constructor() {
    super(409, 'version_conflict', 'Conflict', 'The schedule changed at the same moment.');
  }
}

type Mutation = (schedule: StoredSchedule, calendar: WorkingCalendar) => StoredMilestone[] | undefined;

/** Applies facts to the job's schedule (if it has one), saving with its optimistic version; re-read on a race. */
async function onSchedule(
  facts: { clientId: string; jobId: string; startedBy: string },
  action: string,
  mutate: Mutation,
  tell?: (before: StoredSchedule, after: StoredSchedule, calendar: WorkingCalendar) => Promise<void>,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const scope = await loadScheduleForJob(facts.clientId, facts.jobId);
    if (!scope?.schedule) return;
    const current = computeSchedule(scope.schedule, scope.calendar);
    const milestones = mutate(current, scope.calendar);
    if (!milestones) return;
    const next = computeSchedule({ ...current, milestones }, scope.calendar);
    try {
      // Told before the change is recorded: a retry may tell twice, never not at all.
      await tell?.(current, next, scope.calendar);
      await persistSchedule({
        scope,
        before: current,
        after: next,
        actorId: facts.startedBy,
        action,
        onVersionConflict: () => new Raced(),
      });
      return;
    } catch (error) {
      if (!(error instanceof Raced || error instanceof TransactionRaceError) || attempt >= 10) throw error;
      await backoff(attempt);
    }
  }
}

/** When the job's end moves later with the facts (a step opened or answered late), the AE and the traffic coordinator hear it. */
async function tellEndMoved(
  before: StoredSchedule,
  after: StoredSchedule,
  calendar: WorkingCalendar,
): Promise<void> {
  const line = new WorkingDayLine(before.startDate, calendar);
  const shift = workingDayDistance(line, before.endDate, after.endDate);
  if (shift <= 0) return;
  const finished = after.milestones.filter(
    (m) =>
      m.status === 'done' &&
      before.milestones.find((b) => b.milestoneId === m.milestoneId)?.status !== 'done',
  );
  const late = finished
    .map((m) => {
      const planned = before.milestones.find((b) => b.milestoneId === m.milestoneId)!;
      return { m, days: workingDayDistance(line, planned.due, m.due) };
    })
    .filter((x) => x.days > 0);
  const moved = after.milestones.filter((m) => {
    const b = before.milestones.find((x) => x.milestoneId === m.milestoneId);
    return b && b.status !== 'done' && m.status !== 'done' && b.start !== m.start;
  });
  for (const person of await timeKeepers(after.clientId, after.jobOwnerId)) {
    const language = readerLanguage(person);
    const words = trafficNoticeWords[language];
    const day = (date: string) => formatDay(date, language);
    await sendNotice({
      to: person.email,
      language,
      subject: words.endMoved.subject(after.jobNumber, day(after.endDate)),
      greeting: words.hello(person.name),
      paragraphs: [
        late.length > 0
          ? words.endMoved.finishedLate(
              late.map((x) => ({ name: milestoneName(x.m, language), days: words.workingDays(x.days) })),
            )
          : words.endMoved.stepLate,
        words.endMoved.endsNow(
          `${after.jobNumber} — ${after.jobTitle} (${after.clientName})`,
          day(after.endDate),
          words.workingDays(shift),
          day(before.endDate),
        ),
      ],
      table: {
        header: words.endMoved.header,
        rows: moved.slice(0, 30).map((m) => {
          const b = before.milestones.find((x) => x.milestoneId === m.milestoneId)!;
          return [
            milestoneName(m, language),
            `${day(b.start)} – ${day(b.due)}`,
            `${day(m.start)} – ${day(m.due)}`,
          ];
        }),
      },
      action: { label: words.openSchedule, url: pathUrl(schedulePath(after.jobId)) },
    });
  }
}

/**
 * The account manager approved a brief (its internal step): the version and brief record it; for
 * a creative brief, the job's creative milestones may start — those whose predecessors are done
 * start now — and their owners hear it.
 */
async function briefApproved(facts: SignOffStepSettledFacts): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const [briefStored, versionStored] = await getItems([
      BriefEntity.key(facts.clientId, facts.subjectId),
      BriefVersionEntity.key(facts.clientId, facts.subjectId, facts.version),
    ]);
    if (!briefStored || !versionStored) return;
    const brief = fromItem<Brief>(briefStored);
    const version = fromItem<BriefVersion>(versionStored);
    if (version.approvedAt && (brief.approvedVersion ?? 0) >= facts.version) break;
    try {
      await transact([
        putIfVersion(
          briefVersionItem(
            facts.clientId,
            patched(version, { approvedAt: facts.settledAt, approvedInReview: facts.reviewId }),
          ),
          version.version,
          () => new Raced(),
        ),
        putIfVersion(
          briefItem(patched(brief, { approvedVersion: Math.max(facts.version, brief.approvedVersion ?? 0) })),
          brief.version,
          () => new Raced(),
        ),
        ...(brief.kind === 'creative'
          ? [
              putItem(
                storedItem(
                  CreativeBriefApproval.type,
                  CreativeBriefApproval.key(facts.clientId, facts.jobId),
                  {},
                  {
                    jobId: facts.jobId,
                    briefId: facts.subjectId,
                    version: facts.version,
                    approvedAt: facts.settledAt,
                    reviewId: facts.reviewId,
                  },
                ),
              ),
            ]
          : []),
      ]);
      break;
    } catch (error) {
      if (!(error instanceof Raced || error instanceof TransactionRaceError) || attempt >= 10) throw error;
      await backoff(attempt);
    }
  }
  if (facts.kind !== 'creative') return;
  let team: ActiveMember[] | undefined;
  await onSchedule(
    facts,
    'schedule.creative_work_started',
    (schedule, calendar) => {
      const done = new Set(schedule.milestones.filter((m) => m.status === 'done').map((m) => m.milestoneId));
      let changed = false;
      const milestones = schedule.milestones.map((m) => {
        if (m.department !== 'creative' || m.status !== 'not_started' || m.link) return m;
        if (!m.dependsOn.every((d) => done.has(d.milestoneId))) return m;
        changed = true;
        return {
          ...m,
          status: 'in_progress' as const,
          actualStart: dateInZone(facts.settledAt, calendar.timeZone),
          startedAt: facts.settledAt,
        };
      });
      return changed ? milestones : undefined;
    },
    async (_before, after) => {
      team ??= await loadActiveTeam(facts.clientId);
      const creative = after.milestones.filter((m) => m.department === 'creative' && m.status !== 'done');
      const owners = new Set(creative.flatMap((m) => (m.owner.kind === 'staff' ? [m.owner.staffId] : [])));
      for (const person of team.filter((t) => owners.has(t.staffId))) {
        const theirs = creative.filter((m) => m.owner.kind === 'staff' && m.owner.staffId === person.staffId);
        const language = readerLanguage(person);
        const words = trafficNoticeWords[language].creativeMayStart;
        await sendNotice({
          to: person.email,
          language,
          subject: words.subject(after.jobNumber),
          greeting: trafficNoticeWords[language].hello(person.name),
          paragraphs: [words.paragraph(`${after.jobNumber} — ${after.jobTitle} (${after.clientName})`)],
          table: {
            header: words.header,
            rows: theirs.map((m) => [
              milestoneName(m, language),
              m.status === 'in_progress' ? words.started : words.waiting,
              formatDay(m.start, language),
              formatDay(m.due, language),
            ]),
          },
          action: {
            label: trafficNoticeWords[language].openSchedule,
            url: pathUrl(schedulePath(after.jobId)),
          },
        });
      }
    },
  );
}

export const trafficSignOffObserver: SignOffObserver = {
  async stepOpened(facts: SignOffStepFacts) {
    if (facts.stage === 'revision') await openRevisionTask(facts);
    await onSchedule(
      facts,
      'schedule.sign_off_step_opened',
      (schedule, calendar) => recordStepOpened(schedule.milestones, facts, calendar.timeZone),
      (before, after, calendar) => tellEndMoved(before, after, calendar),
    );
  },
  async stepSettled(facts: SignOffStepSettledFacts) {
    if (facts.stage === 'revision') await closeRevisionTask(facts);
    if (facts.subjectType === 'brief' && facts.stage === 'internal' && facts.status === 'approved') {
      await briefApproved(facts);
    }
    await onSchedule(
      facts,
      'schedule.sign_off_step_settled',
      (schedule, calendar) => recordStepSettled(schedule.milestones, facts, calendar),
      (before, after, calendar) => tellEndMoved(before, after, calendar),
    );
  },
  async reviewEnded(facts: SignOffReviewEndedFacts) {
    await closeRevisionTask(facts);
    await onSchedule(
      facts,
      'schedule.sign_off_ended',
      (schedule, calendar) => recordReviewEnded(schedule.milestones, facts, calendar),
      (before, after, calendar) => tellEndMoved(before, after, calendar),
    );
  },
};
