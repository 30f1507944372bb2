import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endOfWorkingDaysAfter,
  isWorkingDay,
  localDate,
  type WorkingCalendar,
} from '../../shared/platform/working-days.js';

/**
 * The rule for minutes (domain.md §6, seeds 004): a question must come within one working day of
 * receiving them, on the client's calendar and in its time zone. The window ends when the zone's
 * clocks pass midnight after the next working day.
 */
const calendar = (timeZone: string, holidays: string[] = [], weekend = [0, 6]): WorkingCalendar => ({
  timeZone,
  weekend,
  holidays,
});

/** The wall-clock time of an instant in a zone: "2027-03-08 24:00" style via the day before midnight. */
const wall = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

const endOf = (sentAt: string, cal: WorkingCalendar) => endOfWorkingDaysAfter(new Date(sentAt), 1, cal);

describe('the one-working-day window of minutes', () => {
  it('issued Friday 17:00 in the client’s zone binds at the end of Monday', () => {
    // Friday 5 March 2027, 17:00 in Madrid (UTC+1).
    const deadline = endOf('2027-03-05T16:00:00Z', calendar('Europe/Madrid'));
    expect(deadline.toISOString()).toBe('2027-03-08T23:00:00.000Z');
    expect(wall(deadline, 'Europe/Madrid')).toBe('Tue, 09/03/2027, 00:00');
    expect(localDate(new Date(deadline.getTime() - 1), 'Europe/Madrid')).toBe('2027-03-08');
  });

  it('a holiday on Monday moves it to the end of Tuesday', () => {
    const deadline = endOf('2027-03-05T16:00:00Z', calendar('Europe/Madrid', ['2027-03-08']));
    expect(deadline.toISOString()).toBe('2027-03-09T23:00:00.000Z');
  });

  it('a holiday on a weekend day changes nothing; two holidays in a row are both skipped', () => {
    expect(endOf('2027-03-05T16:00:00Z', calendar('Europe/Madrid', ['2027-03-06'])).toISOString()).toBe(
      '2027-03-08T23:00:00.000Z',
    );
    expect(
      endOf('2027-03-05T16:00:00Z', calendar('Europe/Madrid', ['2027-03-08', '2027-03-09'])).toISOString(),
    ).toBe('2027-03-10T23:00:00.000Z');
  });

  it('counts in the client’s zone: one instant is Thursday in Los Angeles and Friday in Shanghai', () => {
    const sentAt = '2027-03-04T20:00:00Z'; // Thu 12:00 in Los Angeles, Fri 04:00 in Shanghai
    expect(endOf(sentAt, calendar('America/Los_Angeles')).toISOString()).toBe('2027-03-06T08:00:00.000Z');
    expect(endOf(sentAt, calendar('Asia/Shanghai')).toISOString()).toBe('2027-03-08T16:00:00.000Z');
  });

  it('sent late on Friday evening or over the weekend, Monday is still the working day', () => {
    const shanghai = calendar('Asia/Shanghai');
    for (const sentAt of ['2027-03-05T15:59:00Z', '2027-03-06T02:00:00Z', '2027-03-07T15:59:00Z']) {
      expect(endOf(sentAt, shanghai).toISOString()).toBe('2027-03-08T16:00:00.000Z');
    }
  });

  it('keeps local midnight across a daylight-saving change (London, clocks forward on Sunday 28 March 2027)', () => {
    const deadline = endOf('2027-03-26T17:00:00Z', calendar('Europe/London'));
    expect(deadline.toISOString()).toBe('2027-03-29T23:00:00.000Z');
    expect(wall(deadline, 'Europe/London')).toBe('Tue, 30/03/2027, 00:00');
  });

  it('follows a client’s own weekend (Friday and Saturday)', () => {
    // Thursday 4 March 2027, 15:00 in Dubai: the next working day is Sunday.
    const deadline = endOf('2027-03-04T11:00:00Z', calendar('Asia/Dubai', [], [5, 6]));
    expect(deadline.toISOString()).toBe('2027-03-07T20:00:00.000Z');
  });

  it('always ends at local midnight after exactly one working day (bounded property)', () => {
    const zones = ['UTC', 'Europe/Madrid', 'Asia/Shanghai', 'America/Los_Angeles', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
        (sentAt, zone, holidayOffsets) => {
          const day = (offset: number) => localDate(new Date(sentAt.getTime() + offset * 86_400_000), zone);
          const cal = calendar(zone, holidayOffsets.map(day));
          const deadline = endOfWorkingDaysAfter(sentAt, 1, cal);
          expect(deadline.getTime()).toBeGreaterThan(sentAt.getTime());
          expect(wall(deadline, zone).endsWith('00:00')).toBe(true);
          const lastDay = localDate(new Date(deadline.getTime() - 1), zone);
          expect(isWorkingDay(lastDay, cal)).toBe(true);
          // Every day strictly between the sending day and the last day is not a working day.
          const sentDay = localDate(sentAt, zone);
          for (
            let t = sentAt.getTime() + 6 * 3_600_000;
            localDate(new Date(t), zone) < lastDay;
            t += 6 * 3_600_000
          ) {
            const d = localDate(new Date(t), zone);
            if (d > sentDay) expect(isWorkingDay(d, cal)).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
