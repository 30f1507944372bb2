import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dueDayOf,
  duePeriod,
  periodOf,
  type ReportCadence,
  reportFrequencies,
} from '../../shared/client-record/status-report-cadence.js';

/**
 * The status report's cadence (issue 15 §2): periods tile the calendar, a finished period's report
 * is due on the first cadence weekday after it, and the scheduled run picks the latest period due.
 */
const day = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2035, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const scheduled = fc.constantFrom('weekly', 'fortnightly', 'monthly') as fc.Arbitrary<
  'weekly' | 'fortnightly' | 'monthly'
>;
const weekday = fc.integer({ min: 1, max: 5 });
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('status report cadence', () => {
  it('weekly on Mondays reports the last full week on Monday, as before cadences', () => {
    expect(duePeriod({ frequency: 'weekly', weekday: 1 }, '2026-11-23')).toEqual({
      start: '2026-11-16',
      end: '2026-11-22',
    });
    // On Sunday the week before is the latest due (already made on its Monday).
    expect(duePeriod({ frequency: 'weekly', weekday: 1 }, '2026-11-22')?.start).toBe('2026-11-09');
  });

  it('on Wednesdays: not before Wednesday, then the week just finished', () => {
    const cadence: ReportCadence = { frequency: 'weekly', weekday: 3 };
    expect(duePeriod(cadence, '2026-11-24')?.start).toBe('2026-11-09');
    expect(duePeriod(cadence, '2026-11-25')?.start).toBe('2026-11-16');
  });

  it('monthly on the first Friday of the month reports the last month', () => {
    const cadence: ReportCadence = { frequency: 'monthly', weekday: 5 };
    expect(periodOf('monthly', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('monthly', '2028-02-14')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(duePeriod(cadence, '2026-12-03')?.start).toBe('2026-10-01');
    expect(duePeriod(cadence, '2026-12-04')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
  });

  it('fortnights are two weeks from a Monday, the same for every client', () => {
    const a = periodOf('fortnightly', '2026-11-09');
    const b = periodOf('fortnightly', '2026-11-22');
    expect(a).toEqual(b);
    expect(weekdayOf(a.start)).toBe(1);
    expect(addDays(a.start, 13)).toBe(a.end);
  });

  it('none: the schedule never makes one', () => {
    expect(reportFrequencies).toContain('none');
    expect(duePeriod({ frequency: 'none', weekday: 1 }, '2026-11-23')).toBeUndefined();
  });

  it('periods hold their day and tile the calendar', () => {
    fc.assert(
      fc.property(scheduled, day, (frequency, date) => {
        const p = periodOf(frequency, date);
        expect(p.start <= date && date <= p.end).toBe(true);
        // The next period starts the day after this one ends; the day before starts an earlier one.
        expect(periodOf(frequency, addDays(p.end, 1)).start).toBe(addDays(p.end, 1));
        expect(periodOf(frequency, addDays(p.start, -1)).end).toBe(addDays(p.start, -1));
        expect(periodOf(frequency, p.end)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('the due period is finished, due by today, and the latest such', () => {
    fc.assert(
      fc.property(scheduled, weekday, day, (frequency, wd, today) => {
        const due = duePeriod({ frequency, weekday: wd }, today)!;
        const dueDay = dueDayOf(due, wd);
        expect(due.end < today).toBe(true);
        expect(dueDay <= today).toBe(true);
        expect(weekdayOf(dueDay)).toBe(wd);
        expect(dueDay > due.end && addDays(due.end, 7) >= dueDay).toBe(true);
        // The period after it is not due yet (or not finished).
        const next = periodOf(frequency, addDays(due.end, 1));
        expect(next.end >= today || dueDayOf(next, wd) > today).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
