import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderLevel } from '../../shared/billing/collections.js';

/**
 * The reminder due on a day (issue 14 §2): one per N working days since the due date, with no
 * ceiling (the AD is chased from the third on until the invoice is paid), on the client's
 * calendar. Checked against an independent count of the working days in between.
 */
const calendar = { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: ['2027-01-06', '2027-04-02'] };

/** Independent: working days after `from` up to and including `to` (Mon–Fri, not a holiday). */
function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (
    let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000;
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    const day = new Date(t);
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !calendar.holidays.includes(iso)) count++;
  }
  return count;
}

const day = (offset: number) =>
  new Date(Date.UTC(2026, 11, 1) + offset * 86_400_000).toISOString().slice(0, 10);

describe('reminderLevel', () => {
  it('is the number of whole periods of N working days since the due date, past the third too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 30 }),
        (dueOffset, daysLater, n) => {
          const dueOn = day(dueOffset);
          const today = day(dueOffset + daysLater);
          expect(reminderLevel(dueOn, today, n, calendar)).toBe(
            Math.floor(workingDaysBetween(dueOn, today) / n),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches the fourth period and beyond (the AD chased again every N working days)', () => {
    // Due Friday 2027-01-01; N = 3 working days, Twelfth Night (6 January) a holiday.
    expect(reminderLevel('2027-01-01', '2027-01-06', 3, calendar)).toBe(0);
    expect(reminderLevel('2027-01-01', '2027-01-07', 3, calendar)).toBe(1);
    expect(reminderLevel('2027-01-01', '2027-01-20', 3, calendar)).toBe(4);
    expect(reminderLevel('2027-01-01', '2027-02-26', 3, calendar)).toBe(13);
  });
});
