/**
 * How often a client's status report is made (issue 15 §2): weekly (the default), fortnightly,
 * monthly, or never by the schedule (on demand only), and the weekday it goes out. Dates are the
 * client's own calendar days (YYYY-MM-DD); weekdays count 0 = Sunday … 6 = Saturday, as `Date` does.
 *
 * A period is a week (Monday to Sunday), a fortnight (two weeks; fortnights start on the Mondays an
 * even number of weeks after Monday 5 January 1970, so every client's fortnights line up), or a
 * calendar month. A finished period's report is due on the first cadence weekday after it ends.
 */
export const reportFrequencies = ['weekly', 'fortnightly', 'monthly', 'none'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];
/** The frequency a report was made by ('none' makes weekly reports, on demand). */
export type ReportedFrequency = Exclude<ReportFrequency, 'none'>;
export const reportedFrequencies = [
  'weekly',
  'fortnightly',
  'monthly',
] as const satisfies ReportedFrequency[];

/**
 * A status report's id: the frequency it was made by and its period's first day
 * (`monthly-2026-11-01`, `weekly-2026-11-02`), so a month and a week starting the same day differ.
 */
export const statusReportId = (frequency: ReportedFrequency, start: string) => `${frequency}-${start}`;
export const statusReportIdPattern = /^(weekly|fortnightly|monthly)-(\d{4}-\d{2}-\d{2})$/;

/** The frequency and first day a status report id names (the schema checked its shape). */
export function periodOfReportId(reportId: string): { frequency: ReportedFrequency; start: string } {
  const [, frequency, start] = statusReportIdPattern.exec(reportId) ?? [];
  return { frequency: frequency as ReportedFrequency, start: start! };
}

export interface ReportCadence {
  frequency: ReportFrequency;
  /** The weekday the report of a finished period goes out (1 = Monday … 5 = Friday). */
  weekday: number;
}

export const defaultCadence: ReportCadence = { frequency: 'weekly', weekday: 1 };

export interface ReportPeriod {
  start: string;
  end: string;
}

const dayMs = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;
const dateOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => dateOf(dayNumber(date) + days);

/** The Monday of the week `date` falls in. */
function weekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** Monday 5 January 1970: fortnights start an even number of weeks after it. */
const fortnightAnchor = dayNumber('1970-01-05');

/** The period of a frequency that `date` falls in ('none' reports by the week, on demand). */
export function periodOf(frequency: ReportFrequency, date: string): ReportPeriod {
  if (frequency === 'monthly') {
    const start = `${date.slice(0, 7)}-01`;
    const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
    return { start, end: dateOf(Date.UTC(year, month, 0) / dayMs) };
  }
  const monday = weekStartOf(date);
  if (frequency === 'fortnightly') {
    const weeks = Math.floor((dayNumber(monday) - fortnightAnchor) / 7);
    const start = addDays(monday, weeks % 2 === 0 ? 0 : -7);
    return { start, end: addDays(start, 13) };
  }
  return { start: monday, end: addDays(monday, 6) };
}

/** The first day after `period` that is the cadence's weekday: when its report goes out. */
export function dueDayOf(period: ReportPeriod, weekday: number): string {
  const after = addDays(period.end, 1);
  const shift = (weekday - new Date(`${after}T00:00:00Z`).getUTCDay() + 7) % 7;
  return addDays(after, shift);
}

/**
 * The latest finished period whose report is due by `today` (the scheduled run makes it if it is
 * not made yet, so a run a failure missed is caught by the next); none when the cadence is 'none'.
 */
export function duePeriod(cadence: ReportCadence, today: string): ReportPeriod | undefined {
  if (cadence.frequency === 'none') return undefined;
  const current = periodOf(cadence.frequency, today);
  const last = periodOf(cadence.frequency, addDays(current.start, -1));
  if (dueDayOf(last, cadence.weekday) <= today) return last;
  return periodOf(cadence.frequency, addDays(last.start, -1));
}
