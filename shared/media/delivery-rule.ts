import type { Booking, Line } from './schemas.js';

/**
 * The one rule for what counts as delivery, used by the discrepancy list and the post-campaign
 * report alike (so the two can never disagree): a monitoring row is delivery of a booked line when
 * its vendor and placement are the line's (case and spacing folded) and its date lies within the
 * line's dates, on a live (not cancelled) booking. A row of a booked vendor and placement dated
 * outside every such line is a wrong date: never delivery (the nearest line names it). A row no
 * live booking has the vendor and placement of is unbooked delivery.
 */

/** Vendors and placements are matched case-insensitively, with runs of white space folded. */
export const normalName = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** A line of a live (not cancelled) booking, with its booking. */
export interface BookedLine {
  bookingId: string;
  line: Line;
}

/** Every line of the live bookings, in booking then line order (matching is deterministic). */
export function bookedLines(bookings: readonly Booking[]): BookedLine[] {
  return bookings
    .filter((b) => b.status !== 'cancelled')
    .sort((a, b) => (a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : 0))
    .flatMap((b) => b.lines.map((line) => ({ bookingId: b.bookingId, line })));
}

interface RowSlot {
  vendor: string;
  placement: string;
  date: string;
}

const sameSlot = (row: Pick<RowSlot, 'vendor' | 'placement'>, line: Line) =>
  normalName(row.vendor) === normalName(line.vendor) &&
  normalName(row.placement) === normalName(line.placement);

/** The booking line a delivery row belongs to: same vendor and placement, dated within the line. */
export function matchLine(lines: readonly BookedLine[], row: RowSlot): BookedLine | undefined {
  return lines.find(
    (l) => sameSlot(row, l.line) && l.line.startDate <= row.date && row.date <= l.line.endDate,
  );
}

const daysApart = (a: string, b: string) =>
  Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`));

/** For a row of a booked vendor and placement dated outside every such line: the nearest line. */
function nearestLine(lines: readonly BookedLine[], row: RowSlot): BookedLine | undefined {
  let best: BookedLine | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const l of lines) {
    if (!sameSlot(row, l.line)) continue;
    const distance = Math.min(daysApart(row.date, l.line.startDate), daysApart(row.date, l.line.endDate));
    if (distance < bestDistance) {
      best = l;
      bestDistance = distance;
    }
  }
  return best;
}

export type Delivery =
  | { kind: 'delivered'; booked: BookedLine }
  | { kind: 'wrong_dates'; booked: BookedLine }
  | { kind: 'unbooked' };

/** What one monitoring row is, by the rule above. */
export function deliveryOf(lines: readonly BookedLine[], row: RowSlot): Delivery {
  const matched = matchLine(lines, row);
  if (matched) return { kind: 'delivered', booked: matched };
  const near = nearestLine(lines, row);
  return near ? { kind: 'wrong_dates', booked: near } : { kind: 'unbooked' };
}
