/**
 * Hours as people type them in a timesheet cell: `2.5` or `2,5` (a decimal comma, as Spanish
 * readers write it) or `1:30`. Answers minutes, 0 for an empty cell, and undefined for what is not
 * hours of one day — which the grid marks instead of silently dropping.
 */
export function minutesOf(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return 0;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  const decimal = /^\d{1,2}(?:[.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : undefined;
  const minutes = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : decimal === undefined
      ? undefined
      : Math.round(decimal * 60);
  return minutes !== undefined && minutes <= 24 * 60 ? minutes : undefined;
}
