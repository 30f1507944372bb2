import * as z from 'zod';

/**
 * A client's working calendar: deadlines (client feedback in 5 working days, minutes
 * challenged within one working day) count the client's working days, in the client's
 * time zone, skipping its weekend and its holidays.
 */
export const workingCalendarSchema = z
  .strictObject({
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'Must be an IANA time zone, e.g. Europe/Madrid.')
      .default('UTC'),
    /** Days of the week that are not worked: 0 = Sunday … 6 = Saturday. */
    weekend: z
      .array(z.number().int().min(0).max(6).meta({ format: 'int32' }))
      .max(6)
      .refine((days) => new Set(days).size === days.length, 'Must not repeat a day.')
      .default([0, 6]),
    holidays: z.array(z.iso.date().max(10)).max(400).default([]),
  })
  .meta({ id: 'WorkingCalendar' });

export type WorkingCalendar = z.output<typeof workingCalendarSchema>;

export const defaultCalendar: WorkingCalendar = { timeZone: 'UTC', weekend: [0, 6], holidays: [] };

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  } as WallTime;
}

/** The instant at which a zone's clocks show a wall time (the later one across a DST gap). */
function instantOf(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let guess = asUtc;
  // Two corrections converge for every real zone offset, DST transitions included.
  for (let i = 0; i < 2; i++) {
    const shown = wallTime(new Date(guess), timeZone);
    const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

const isoDate = (w: Pick<WallTime, 'year' | 'month' | 'day'>) =>
  `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;

/** Calendar arithmetic on a date alone; UTC so no zone shifts the day. */
function nextDay(w: WallTime): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const weekday = (w: WallTime) => new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = { year, month, day, hour: 0, minute: 0, second: 0 };
  return !calendar.weekend.includes(weekday(wall)) && !calendar.holidays.includes(date);
}

/**
 * The deadline `days` working days after `start`: the same wall-clock time on the
 * `days`-th working day after the start day (the start day itself never counts, so
 * something sent on Friday evening with 1 working day is due Monday evening).
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar = defaultCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
  let wall = wallTime(start, calendar.timeZone);
  for (let counted = 0; counted < days; ) {
    wall = nextDay(wall);
    if (isWorkingDay(isoDate(wall), calendar)) counted++;
  }
  return days === 0 ? start : instantOf(wall, calendar.timeZone);
}

/** Whole working days from `from` to `to` (0 when `to` is on the same or an earlier day). */
export function workingDaysBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar = defaultCalendar,
): number {
  const end = isoDate(wallTime(to, calendar.timeZone));
  let wall = wallTime(from, calendar.timeZone);
  let count = 0;
  while (isoDate(wall) < end) {
    wall = nextDay(wall);
    if (isWorkingDay(isoDate(wall), calendar)) count++;
  }
  return count;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export const localDate = (instant: Date, timeZone: string): string => isoDate(wallTime(instant, timeZone));

/**
 * The end of the `days`-th working day after `start` (the start day never counts): the instant the
 * zone's clocks pass midnight after that day. Minutes received on Friday at 17:00 with one working
 * day to question them may be questioned until the end of Monday — of Tuesday when Monday is a
 * holiday.
 */
export function endOfWorkingDaysAfter(
  start: Date,
  days: number,
  calendar: WorkingCalendar = defaultCalendar,
): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a whole number ≥ 1');
  let wall = wallTime(start, calendar.timeZone);
  for (let counted = 0; counted < days; ) {
    wall = nextDay(wall);
    if (isWorkingDay(isoDate(wall), calendar)) counted++;
  }
  return instantOf({ ...nextDay(wall), hour: 0, minute: 0, second: 0 }, calendar.timeZone);
}
