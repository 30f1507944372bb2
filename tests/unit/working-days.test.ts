import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  type WorkingCalendar,
  workingCalendarSchema,
  workingDaysBetween,
} from '../../shared/platform/working-days.js';

const utc: WorkingCalendar = { timeZone: 'UTC', weekend: [0, 6], holidays: [] };

describe('working days', () => {
  it('skips the weekend: Friday + 1 working day is Monday, same time', () => {
    expect(addWorkingDays(new Date('2026-11-20T17:30:00Z'), 1, utc).toISOString()).toBe(
      '2026-11-23T17:30:00.000Z',
    );
  });

  it('counts 5 working days over a weekend and a holiday', () => {
    const calendar = { ...utc, holidays: ['2026-12-08'] };
    // Thu 3 Dec → Fri 4, Mon 7, (Tue 8 holiday), Wed 9, Thu 10, Fri 11.
    expect(addWorkingDays(new Date('2026-12-03T09:00:00Z'), 5, calendar).toISOString()).toBe(
      '2026-12-11T09:00:00.000Z',
    );
  });

  it('starts counting after a non-working start day', () => {
    // Sunday → Monday is the first working day.
    expect(addWorkingDays(new Date('2026-11-22T10:00:00Z'), 1, utc).toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
  });

  it('uses the client’s time zone and weekend', () => {
    // A Friday-Saturday weekend (e.g. Gulf clients): Thursday evening + 1 → Sunday.
    const dubai: WorkingCalendar = { timeZone: 'Asia/Dubai', weekend: [5, 6], holidays: [] };
    // 2026-11-19T18:00 in Dubai (UTC+4) is 14:00Z, a Thursday there.
    expect(addWorkingDays(new Date('2026-11-19T14:00:00Z'), 1, dubai).toISOString()).toBe(
      '2026-11-22T14:00:00.000Z',
    );
    // 23:30 on Friday in New York is already Saturday in UTC: the local day counts.
    const newYork: WorkingCalendar = { timeZone: 'America/New_York', weekend: [0, 6], holidays: [] };
    expect(addWorkingDays(new Date('2026-11-21T04:30:00Z'), 1, newYork).toISOString()).toBe(
      '2026-11-24T04:30:00.000Z',
    );
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const madrid: WorkingCalendar = { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: [] };
    // Fri 23 Oct 2026 10:00 CEST (08:00Z) + 1 → Mon 26 Oct 10:00 CET (09:00Z).
    expect(addWorkingDays(new Date('2026-10-23T08:00:00Z'), 1, madrid).toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
  });

  it('knows working days and counts between dates', () => {
    expect(isWorkingDay('2026-11-21', utc)).toBe(false);
    expect(isWorkingDay('2026-11-23', utc)).toBe(true);
    expect(isWorkingDay('2026-12-25', { ...utc, holidays: ['2026-12-25'] })).toBe(false);
    expect(workingDaysBetween(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-24T08:00:00Z'), utc)).toBe(
      2,
    );
    expect(workingDaysBetween(new Date('2026-11-24T12:00:00Z'), new Date('2026-11-24T08:00:00Z'), utc)).toBe(
      0,
    );
  });

  it('agrees with itself: the deadline is exactly n working days away', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('UTC', 'Europe/Madrid', 'Asia/Shanghai', 'America/Mexico_City'),
        (start, n, timeZone) => {
          const calendar = { timeZone, weekend: [0, 6], holidays: ['2026-01-01', '2027-05-01'] };
          const due = addWorkingDays(start, n, calendar);
          expect(workingDaysBetween(start, due, calendar)).toBe(n);
          expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('validates calendars', () => {
    expect(workingCalendarSchema.parse({})).toEqual(utc);
    expect(workingCalendarSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ weekend: [6, 6] }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ holidays: ['2026-13-01'] }).success).toBe(false);
  });
});
