/**
 * The scheduling maths of issue 12 on a known calendar (Madrid, weekends, holidays): the seeds'
 * creative timeline drawn from the built-in template, re-planned when the client's review finishes
 * three working days late, waiting-on-client days counted, moves and their refusals, and the
 * fast-check properties: for random dependency graphs and random moves, no milestone starts before
 * its predecessors end, and a change computes to the same schedule every time (what a preview shows
 * is what a save writes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/platform/db/table.js';
import { AppError } from '../../shared/platform/errors.js';
import type { MigrationTools } from '../../shared/platform/migrations.js';
import { addWorkingDays, type WorkingCalendar } from '../../shared/platform/working-days.js';
import type { SignOffStepFacts, SignOffStepSettledFacts } from '../../shared/signoff/index.js';
import { milestonesKeepBuiltInNames } from '../../shared/traffic/migrations.js';
import { milestoneDeliverable } from '../../shared/traffic/milestone-names.js';
import {
  applyChange,
  computeSchedule,
  readSchedule,
  recordStepOpened,
  recordStepSettled,
  type StoredSchedule,
} from '../../shared/traffic/milestones.js';
import { planSchedule, WorkingDayLine } from '../../shared/traffic/planning.js';
import type { StoredMilestone } from '../../shared/traffic/schemas.js';
import { builtInTemplate, milestonesFromTemplate } from '../../shared/traffic/templates.js';

const madrid: WorkingCalendar = {
  timeZone: 'Europe/Madrid',
  weekend: [0, 6],
  // New Year, Epiphany, Maundy Thursday and Good Friday 2027, Labour Day.
  holidays: ['2027-01-01', '2027-01-06', '2027-03-25', '2027-03-26', '2027-05-01'],
};

const team = [
  { staffId: 'AE', name: 'Ana Executive', email: 'ae@x', role: 'account_executive' },
  { staffId: 'CR', name: 'Carla Creative', email: 'cr@x', role: 'creative' },
  { staffId: 'PR', name: 'Pedro Production', email: 'pr@x', role: 'production' },
];

function seedSchedule(startDate = '2027-01-04'): StoredSchedule {
  const template = builtInTemplate('campaign');
  return computeSchedule(
    {
      jobId: 'C_J',
      clientId: 'C',
      clientName: 'Client',
      jobNumber: 'CLI-2027-0001',
      jobTitle: 'Spring',
      jobOwnerId: 'AE',
      startDate,
      milestones: milestonesFromTemplate(template, startDate, 'AE', team, 'Ana Executive'),
      nextMilestoneNo: template.milestones.length + 1,
      endDate: startDate,
      criticalPath: [],
      createdBy: 'AE',
      updatedBy: 'AE',
      version: 1,
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
    },
    madrid,
  );
}

const dates = (s: StoredSchedule) =>
  Object.fromEntries(s.milestones.map((m) => [m.name, `${m.start}..${m.due}`]));

describe('the seeds’ creative timeline on the client’s calendar', () => {
  it('is drawn from the built-in template with exact dates (weekends and holidays skipped)', () => {
    const schedule = seedSchedule();
    // planning 10; plan revision and confirmation 10; creative development 10 (–15); presentation 1;
    // client feedback 5; revisions 5 (–10); production 20 — working days, Epiphany and Easter skipped.
    expect(dates(schedule)).toEqual({
      Planning: '2027-01-04..2027-01-18',
      'Plan revision and client confirmation': '2027-01-19..2027-02-01',
      'Creative development': '2027-02-02..2027-02-15',
      'Creative presentation': '2027-02-16..2027-02-16',
      'Client feedback': '2027-02-17..2027-02-23',
      Revisions: '2027-02-24..2027-03-02',
      Production: '2027-03-03..2027-04-01',
    });
    expect(schedule.endDate).toBe('2027-04-01');
    // A chain: everything is critical.
    expect(schedule.criticalPath).toHaveLength(7);
    expect(schedule.milestones.every((m) => m.slackDays === 0)).toBe(true);
    // Owners come from the team by role; the client owns its feedback.
    const owner = (name: string) => schedule.milestones.find((m) => m.name === name)!.owner;
    expect(owner('Creative development')).toEqual({ kind: 'staff', staffId: 'CR' });
    expect(owner('Production')).toEqual({ kind: 'staff', staffId: 'PR' });
    expect(owner('Client feedback')).toEqual({ kind: 'client' });
    expect(owner('Planning')).toEqual({ kind: 'staff', staffId: 'AE' });
  });

  it('keeps the built-in deliverables’ key, so each reader reads them in their language, until one is changed', () => {
    const schedule = seedSchedule();
    const production = schedule.milestones.find((m) => m.name === 'Production')!;
    expect(production.deliverableKey).toBe('production');
    expect(milestoneDeliverable(production, 'en')).toBe(
      'Final artwork and produced material, approved by the client',
    );
    expect(milestoneDeliverable(production, 'es')).toBe(
      'Artes finales y material producido, aprobados por el cliente',
    );
    expect(milestoneDeliverable(production, 'zh-CN')).toBe('经客户批准的完稿和制作物料');
    const changed = applyChange(
      schedule,
      { update: [{ milestoneId: production.milestoneId, deliverable: 'Print-ready files' }] },
      madrid,
    ).milestones.find((m) => m.milestoneId === production.milestoneId)!;
    expect(changed).not.toHaveProperty('deliverableKey');
    expect(milestoneDeliverable(changed, 'zh-CN')).toBe('Print-ready files');
    // The built-in templates' names are the catalogue's English words (every language has them).
    expect(builtInTemplate('pr').name).toBe('Public relations job');
  });

  it('starts on the first working day on or after the start date', () => {
    // 1 Jan 2027 is a holiday, 2–3 Jan a weekend.
    expect(seedSchedule('2027-01-01').milestones[0]!.start).toBe('2027-01-04');
  });

  it('is re-planned when the client’s review finishes three working days late, and counts the client’s days', () => {
    const schedule = seedSchedule();
    const feedback = schedule.milestones.find((m) => m.name === 'Client feedback')!;
    // The draft's client review opens on the planned first day of client feedback, 09:00 in Madrid…
    const openedAt = '2027-02-17T08:00:00.000Z';
    const facts: SignOffStepFacts = {
      clientId: 'C',
      jobId: 'C_J',
      reviewId: 'C_R1',
      subjectType: 'draft',
      subjectId: 'C_D1',
      kind: 'layout',
      startedBy: 'AE',
      stepNo: 2,
      stage: 'client',
      version: 1,
      openedAt,
      deadline: addWorkingDays(new Date(openedAt), 5, madrid).toISOString(),
    };
    const opened = recordStepOpened(schedule.milestones, facts, madrid.timeZone)!;
    expect(opened.find((m) => m.milestoneId === feedback.milestoneId)).toMatchObject({
      link: { subjectType: 'draft', subjectId: 'C_D1', stage: 'client' },
      status: 'in_progress',
      actualStart: '2027-02-17',
    });
    // … the same facts again change nothing.
    expect(recordStepOpened(opened, facts, madrid.timeZone)).toBeUndefined();

    // The client answers after 8 working days instead of 5.
    const settledAt = addWorkingDays(new Date(openedAt), 8, madrid).toISOString();
    expect(settledAt).toBe('2027-03-01T08:00:00.000Z');
    const settledFacts: SignOffStepSettledFacts = { ...facts, status: 'changes_requested', settledAt };
    const settled = recordStepSettled(opened, settledFacts, madrid)!;
    expect(recordStepSettled(settled, settledFacts, madrid)).toBeUndefined();
    const replanned = computeSchedule({ ...schedule, milestones: settled }, madrid);
    const done = replanned.milestones.find((m) => m.milestoneId === feedback.milestoneId)!;
    expect(done).toMatchObject({ status: 'done', actualEnd: '2027-03-01', actualWorkingDays: 8 });
    // Everything after it moved three working days; the job ends three working days later.
    expect(dates(replanned)).toMatchObject({
      Revisions: '2027-03-01..2027-03-05',
      Production: '2027-03-08..2027-04-06',
    });
    expect(replanned.endDate).toBe('2027-04-06');
    const line = new WorkingDayLine(schedule.startDate, madrid);
    expect(line.indexOnOrAfter(replanned.endDate) - line.indexOnOrAfter(schedule.endDate)).toBe(3);

    // Waiting: 8 working days on the client, none on the agency (nothing else has started).
    const reading = readSchedule(replanned, madrid, undefined, new Date('2027-03-02T10:00:00Z'));
    const read = reading.milestones.find((m) => m.milestoneId === feedback.milestoneId)!;
    expect(read.waiting).toEqual({ clientDays: 8, agencyDays: 0 });
    expect(read.waitingSegments).toEqual([
      { party: 'client', from: '2027-02-17', to: '2027-03-01', stage: 'client', workingDays: 8 },
    ]);
    expect(reading.waiting).toEqual({ clientDays: 8, agencyDays: 0 });
  });

  it('takes no early client look at a draft as Client feedback: Production stays after Planning, the later review links', () => {
    const schedule = seedSchedule();
    const planning = schedule.milestones.find((m) => m.name === 'Planning')!;
    const feedback = schedule.milestones.find((m) => m.name === 'Client feedback')!;
    // Planning runs; the AE shows a first draft to the client on 12 Jan and the client answers on 13 Jan.
    const milestones = schedule.milestones.map((m) =>
      m.milestoneId === planning.milestoneId
        ? { ...m, status: 'in_progress' as const, actualStart: '2027-01-04' }
        : m,
    );
    const early: SignOffStepFacts = {
      clientId: 'C',
      jobId: 'C_J',
      reviewId: 'C_R1',
      subjectType: 'draft',
      subjectId: 'C_D1',
      kind: 'layout',
      startedBy: 'AE',
      stepNo: 2,
      stage: 'client',
      version: 1,
      openedAt: '2027-01-12T08:00:00.000Z',
      deadline: '2027-01-19T08:00:00.000Z',
    };
    expect(recordStepOpened(milestones, early, madrid.timeZone)).toBeUndefined();
    const earlyAnswer = {
      ...early,
      status: 'changes_requested',
      settledAt: '2027-01-13T08:00:00.000Z',
    } as const;
    expect(recordStepSettled(milestones, earlyAnswer, madrid)).toBeUndefined();
    const replanned = computeSchedule({ ...schedule, milestones }, madrid);
    const byName = Object.fromEntries(replanned.milestones.map((m) => [m.name, m]));
    expect(byName['Client feedback']).toMatchObject({ status: 'not_started' });
    expect(byName.Production!.start > byName.Planning!.due).toBe(true);
    expect(dates(replanned)).toMatchObject({ Production: '2027-03-03..2027-04-01' });

    // The draft's review at its turn (presentation planned for 16 Feb) links and completes as before.
    const onTime = {
      ...early,
      reviewId: 'C_R2',
      openedAt: '2027-02-17T08:00:00.000Z',
      deadline: '2027-02-24T08:00:00.000Z',
    };
    const opened = recordStepOpened(milestones, onTime, madrid.timeZone)!;
    expect(opened.find((m) => m.milestoneId === feedback.milestoneId)).toMatchObject({
      link: { subjectType: 'draft', subjectId: 'C_D1', stage: 'client' },
      status: 'in_progress',
      actualStart: '2027-02-17',
    });
    const settled = recordStepSettled(
      opened,
      { ...onTime, status: 'approved', settledAt: '2027-02-23T08:00:00.000Z' },
      madrid,
    )!;
    expect(settled.find((m) => m.milestoneId === feedback.milestoneId)).toMatchObject({
      status: 'done',
      actualEnd: '2027-02-23',
    });
  });

  it('counts the agency’s days for revisions and a running milestone, each day once per party', () => {
    const schedule = seedSchedule();
    const milestones = schedule.milestones.map((m) =>
      m.name === 'Planning'
        ? {
            ...m,
            status: 'done' as const,
            actualStart: '2027-01-04',
            actualEnd: '2027-01-15',
            actualWorkingDays: 9,
          }
        : m.name === 'Plan revision and client confirmation'
          ? { ...m, status: 'in_progress' as const, actualStart: '2027-01-18' }
          : m,
    );
    const replanned = computeSchedule({ ...schedule, milestones }, madrid);
    // Planning finished a day early: what follows (not started) moves a day earlier, the
    // running confirmation keeps its actual start.
    expect(dates(replanned)['Plan revision and client confirmation']).toBe('2027-01-18..2027-01-29');
    const reading = readSchedule(replanned, madrid, undefined, new Date('2027-01-20T12:00:00Z'));
    const byName = Object.fromEntries(reading.milestones.map((m) => [m.name, m.waiting]));
    expect(byName.Planning).toEqual({ clientDays: 0, agencyDays: 9 });
    // Running since Monday 18th, read on Wednesday 20th: three working days so far.
    expect(byName['Plan revision and client confirmation']).toEqual({ clientDays: 0, agencyDays: 3 });
    expect(reading.waiting).toEqual({ clientDays: 0, agencyDays: 12 });
  });

  it('compares with the signed baseline', () => {
    const schedule = seedSchedule();
    const baseline = {
      jobId: 'C_J',
      clientId: 'C',
      timetableVersion: 1,
      signedAt: '2027-01-02T10:00:00.000Z',
      endDate: schedule.endDate,
      dates: Object.fromEntries(
        schedule.milestones.map((m) => [m.milestoneId, { start: m.start, due: m.due }]),
      ),
    };
    const moved = applyChange(schedule, { moves: [{ milestoneId: 'M003', durationDays: 12 }] }, madrid);
    const reading = readSchedule(moved, madrid, baseline, new Date('2027-01-10T10:00:00Z'));
    expect(reading.baseline).toMatchObject({ endDate: '2027-04-01', slipDays: 2 });
    const production = reading.milestones.find((m) => m.name === 'Production')!;
    expect(production.slipDays).toBe(2);
    expect(production.baseline).toEqual({ start: '2027-03-03', due: '2027-04-01' });
  });
});

describe('moves', () => {
  const problem = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof AppError)
        return {
          status: error.status,
          code: error.code,
          detail: error.message,
          field: error.errors?.[0]?.field,
        };
      throw error;
    }
    throw new Error('no refusal');
  };

  it('moves dependants with the moved milestone and shows the new end', () => {
    const schedule = seedSchedule();
    const moved = applyChange(schedule, { moves: [{ milestoneId: 'M001', start: '2027-01-11' }] }, madrid);
    expect(moved.milestones[0]!.start).toBe('2027-01-11');
    // Four working days later (Epiphany is not one): so is everything after it.
    expect(moved.milestones.at(-1)!.due).toBe('2027-04-07');
    expect(moved.endDate).toBe('2027-04-07');
  });

  it('refuses a start before a predecessor ends, a weekend, a started milestone — naming them', () => {
    const schedule = seedSchedule();
    expect(
      problem(() => applyChange(schedule, { moves: [{ milestoneId: 'M003', start: '2027-01-25' }] }, madrid)),
    ).toEqual({
      status: 422,
      code: 'before_predecessor',
      field: 'body.moves.0.start',
      detail:
        '“Creative development” cannot start on Mon, 25 Jan 2027: “Plan revision and client confirmation” ends on Mon, 1 Feb 2027. The first possible start is Tue, 2 Feb 2027.',
    });
    expect(
      problem(() => applyChange(schedule, { moves: [{ milestoneId: 'M001', start: '2027-01-09' }] }, madrid)),
    ).toMatchObject({
      status: 422,
      code: 'not_a_working_day',
    });
    const started = {
      ...schedule,
      milestones: schedule.milestones.map((m, i) =>
        i === 0 ? { ...m, status: 'in_progress' as const, actualStart: '2027-01-04' } : m,
      ),
    };
    expect(
      problem(() => applyChange(started, { moves: [{ milestoneId: 'M001', start: '2027-01-11' }] }, madrid)),
    ).toMatchObject({
      status: 409,
      code: 'milestone_started',
    });
    expect(
      problem(() =>
        applyChange(
          schedule,
          { update: [{ milestoneId: 'M001', dependsOn: [{ milestoneId: 'M007', lagDays: 0 }] }] },
          madrid,
        ),
      ),
    ).toMatchObject({ status: 422, code: 'dependency_cycle' });
    expect(problem(() => applyChange(schedule, { remove: ['M009'] }, madrid))).toMatchObject({
      code: 'unknown_milestone',
    });
    expect(problem(() => applyChange(schedule, { remove: ['M003'] }, madrid))).toMatchObject({
      code: 'unknown_dependency',
    });
  });

  it('adds milestones with new ids and computes them', () => {
    const schedule = seedSchedule();
    const next = applyChange(
      schedule,
      {
        add: [
          {
            name: 'Regulatory review of the ads',
            department: 'account',
            owner: { kind: 'staff', staffId: 'AE' },
            durationDays: 3,
            dependsOn: [{ milestoneId: 'M006', lagDays: 2 }],
          },
        ],
      },
      madrid,
    );
    const added = next.milestones.at(-1)!;
    expect(added).toMatchObject({
      milestoneId: 'M008',
      start: '2027-03-05',
      due: '2027-03-09',
      critical: false,
    });
    expect(next.nextMilestoneNo).toBe(9);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const calendarArb = fc.record({
  timeZone: fc.constantFrom('UTC', 'Europe/Madrid', 'Asia/Shanghai', 'America/New_York'),
  weekend: fc.constantFrom([0, 6], [5, 6], [0], [] as number[]),
  holidays: fc.uniqueArray(
    fc
      .integer({ min: 0, max: 400 })
      .map((d) => new Date(Date.UTC(2027, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
    { maxLength: 30 },
  ),
});

/** A random DAG: each milestone depends on some earlier ones (so no cycle), with lags and durations. */
const scheduleArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
      fc.array(
        fc.array(fc.record({ pred: fc.nat(), lag: fc.integer({ min: 0, max: 4 }) }), { maxLength: 3 }),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([durations, deps]) =>
    durations.map(
      (durationDays, i): StoredMilestone => ({
        milestoneId: `M${String(i + 1).padStart(3, '0')}`,
        name: `Milestone ${i + 1}`,
        department: 'account',
        owner: { kind: 'staff', staffId: 'AE' },
        ownerName: 'Ana',
        durationDays,
        dependsOn:
          i === 0
            ? []
            : [...new Map(deps[i]!.map((d) => [d.pred % i, d.lag]))].map(([pred, lag]) => ({
                milestoneId: `M${String(pred + 1).padStart(3, '0')}`,
                lagDays: lag,
              })),
        status: 'not_started',
        start: '2027-01-04',
        due: '2027-01-04',
        critical: false,
        slackDays: 0,
      }),
    ),
  );

const toSchedule = (milestones: StoredMilestone[]): StoredSchedule => ({
  ...seedSchedule(),
  milestones,
  nextMilestoneNo: milestones.length + 1,
});

function assertPrecedence(schedule: StoredSchedule, calendar: WorkingCalendar) {
  const line = new WorkingDayLine(schedule.startDate, calendar);
  const byId = new Map(schedule.milestones.map((m) => [m.milestoneId, m]));
  for (const m of schedule.milestones) {
    expect(line.isWorkingDate(m.start)).toBe(true);
    expect(m.due >= m.start).toBe(true);
    for (const dep of m.dependsOn) {
      const pred = byId.get(dep.milestoneId)!;
      // A predecessor of at least one day ends on its due day: the successor starts after it
      // (plus the lag); a point in time (0 days) may be followed the same day.
      const predEnd = line.indexOnOrAfter(pred.start) + pred.durationDays;
      expect(line.indexOnOrAfter(m.start)).toBeGreaterThanOrEqual(predEnd + dep.lagDays);
      if (pred.durationDays > 0) expect(m.start > pred.due).toBe(true);
      else expect(m.start >= pred.start).toBe(true);
    }
  }
}

describe('properties (fast-check)', () => {
  it('for random dependency graphs, no milestone starts before its predecessors end; the critical path reaches the end', () => {
    fc.assert(
      fc.property(scheduleArb, calendarArb, (milestones, calendar) => {
        const schedule = computeSchedule(toSchedule(milestones), calendar);
        assertPrecedence(schedule, calendar);
        expect(schedule.milestones.every((m) => m.slackDays >= 0)).toBe(true);
        const last = schedule.milestones.filter((m) => m.due === schedule.endDate);
        expect(last.some((m) => m.critical)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('for random moves, the moved schedule keeps every dependency, and computing the change again gives the same schedule', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        calendarArb,
        fc.array(
          fc.record({
            which: fc.nat(),
            shift: fc.integer({ min: -15, max: 30 }),
            duration: fc.option(fc.integer({ min: 0, max: 15 })),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (milestones, calendar, moves) => {
          const schedule = computeSchedule(toSchedule(milestones), calendar);
          const line = new WorkingDayLine(schedule.startDate, calendar);
          const change = {
            moves: [
              ...new Map(
                moves.map((mv) => {
                  const m = schedule.milestones[mv.which % schedule.milestones.length]!;
                  const start = line.dateOf(line.indexOnOrAfter(m.start) + mv.shift);
                  return [
                    m.milestoneId,
                    {
                      milestoneId: m.milestoneId,
                      start,
                      ...(mv.duration !== null ? { durationDays: mv.duration } : {}),
                    },
                  ];
                }),
              ).values(),
            ],
          };
          let previewed: StoredSchedule;
          try {
            previewed = applyChange(schedule, change, calendar);
          } catch (error) {
            // A refused move is refused for a reason it names: a predecessor in the way.
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('before_predecessor');
            return;
          }
          assertPrecedence(previewed, calendar);
          for (const move of change.moves) {
            expect(previewed.milestones.find((m) => m.milestoneId === move.milestoneId)!.start).toBe(
              move.start,
            );
          }
          // Saving computes the same change from the same schedule: equal to the preview.
          const saved = applyChange(schedule, change, calendar);
          expect(saved).toEqual(previewed);
          // And what is saved reads back the same (recomputed on the same calendar).
          expect(computeSchedule(saved, calendar)).toEqual(saved);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the plan and the line agree on every date (dates round-trip through working-day indices)', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: -300, max: 600 }), (calendar, index) => {
        const line = new WorkingDayLine('2027-03-10', calendar);
        const date = line.dateOf(index);
        expect(line.isWorkingDate(date)).toBe(true);
        expect(line.indexOnOrAfter(date)).toBe(index);
        expect(line.indexOnOrBefore(date)).toBe(index);
      }),
      { numRuns: 200 },
    );
    expect(planSchedule('2027-01-04', new WorkingDayLine('2027-01-04', madrid), []).endDate).toBe(
      '2027-01-04',
    );
  });
});

describe('the migration of milestones made before built-in names were translated', () => {
  const [scheduleStep, timetableStep, taskStep, boardStep, proposalStep] = milestonesKeepBuiltInNames;
  /** A schedule stored before nameKey: no keys, Production renamed by staff. */
  const storedBeforeNameKeys = () => {
    const schedule = seedSchedule();
    return {
      ...schedule,
      itemType: 'schedule',
      milestones: schedule.milestones.map(({ nameKey: _, deliverableKey: __, ...m }) =>
        m.name === 'Production' ? { ...m, name: 'Print production' } : m,
      ),
    } as unknown as Item;
  };
  const toolsWith = (schedule: Item, template?: Item): MigrationTools => ({
    read: async (key) =>
      key.SK === 'JOB#C_J'
        ? ({ type: 'campaign' } as Item)
        : key.PK.startsWith('SCHEDULETEMPLATE#')
          ? template
          : key.SK.startsWith('SCHEDULE#')
            ? schedule
            : undefined,
    note: () => {},
  });

  it('sets nameKey by the creation rule on the schedule, its timetable versions, task items and board entry — once', async () => {
    const schedule = storedBeforeNameKeys();
    const tools = toolsWith(schedule);
    const upgraded = (await scheduleStep!.upgrade(schedule, tools))!;
    const keys = Object.fromEntries(
      (upgraded.milestones as StoredMilestone[]).map((m) => [m.name, m.nameKey]),
    );
    expect(keys).toEqual({
      ...Object.fromEntries(
        seedSchedule()
          .milestones.filter((m) => m.name !== 'Production')
          .map((m) => [m.name, m.nameKey]),
      ),
      'Print production': undefined,
    });
    expect(keys['Client feedback']).toBe('client_feedback');
    // The deliverables' keys by the same rule, the renamed milestone's included (its deliverable is unchanged).
    expect((upgraded.milestones as StoredMilestone[]).map((m) => m.deliverableKey)).toEqual(
      seedSchedule().milestones.map((m) => m.deliverableKey),
    );
    // What the creation rule gives is what a schedule made today has; a second run changes nothing.
    expect(await scheduleStep!.upgrade(upgraded, tools)).toBeUndefined();

    const timetable = {
      itemType: 'timetableVersion',
      clientId: 'C',
      jobId: 'C_J',
      milestones: schedule.milestones,
    } as Item;
    const frozen = (await timetableStep!.upgrade(timetable, tools))!;
    expect((frozen.milestones as StoredMilestone[]).map((m) => m.nameKey)).toEqual(
      (upgraded.milestones as StoredMilestone[]).map((m) => m.nameKey),
    );
    const task = {
      itemType: 'milestoneTask',
      clientId: 'C',
      jobId: 'C_J',
      milestoneId: 'M005',
      name: 'Client feedback',
    };
    expect(await taskStep!.upgrade(task as Item, tools)).toMatchObject({ nameKey: 'client_feedback' });
    const renamed = { ...task, milestoneId: 'M007', name: 'Print production' };
    expect(await taskStep!.upgrade(renamed as Item, tools)).toBeUndefined();
    const board = {
      itemType: 'boardEntry',
      clientId: 'C',
      jobId: 'C_J',
      next: { milestoneId: 'M001', name: 'Planning' },
    };
    const proposal = {
      clientId: 'C',
      jobId: 'C_J',
      milestoneId: 'M004',
      milestoneName: 'Creative presentation',
    };
    expect(await proposalStep!.upgrade(proposal as Item, tools)).toMatchObject({
      milestoneNameKey: 'creative_presentation',
    });
    expect(await boardStep!.upgrade(board as Item, tools)).toMatchObject({
      next: { milestoneId: 'M001', name: 'Planning', nameKey: 'planning' },
    });
  });

  it('gives no key where the template it was drawn from had another key, or is no longer known', async () => {
    const schedule = storedBeforeNameKeys();
    const template = builtInTemplate('campaign');
    // The agency's template, edited before the schedule: its first milestone keyed “kickoff”, named “Planning”.
    const edited = {
      ...template,
      milestones: template.milestones.map((m, i) => (i === 0 ? { ...m, key: 'kickoff' } : m)),
      version: 1,
      updatedAt: '2026-12-01T00:00:00.000Z',
    } as unknown as Item;
    const upgraded = (await scheduleStep!.upgrade(schedule, toolsWith(schedule, edited)))!;
    expect((upgraded.milestones as StoredMilestone[])[0]).not.toHaveProperty('nameKey');
    expect((upgraded.milestones as StoredMilestone[])[1]!.nameKey).toBe('plan_confirmation');
    // Edited twice, the last time after the schedule: the template then is unknown, names stay as stored.
    const since = { ...edited, version: 2, updatedAt: '2027-02-01T00:00:00.000Z' } as Item;
    expect(await scheduleStep!.upgrade(schedule, toolsWith(schedule, since))).toBeUndefined();
  });
});
