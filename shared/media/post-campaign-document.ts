import { csvText } from '../platform/csv.js';
import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, formatDay, formatDayRange, formatMoment, type Language } from '../platform/i18n.js';
import { currencyExponent, roundHalfEven, toMajorString } from '../platform/money.js';
import { type BookedLine, bookedLines, deliveryOf } from './delivery-rule.js';
import { discrepancyDetail } from './discrepancy-detail.js';
import { mediaWords, postCampaignReportWords } from './messages.js';
import type { KpiResult } from './report-schemas.js';
import type {
  Booking,
  Campaign,
  Channel,
  DeliveryRow,
  Discrepancy,
  KpiMetric,
  Line,
  PlanVersion,
  UnitType,
} from './schemas.js';

/**
 * The post-campaign analysis (issue 4 §4) as a streaming aggregation: monitoring rows arrive
 * page by page and are folded into per-line and per-day sums at once, so memory holds the
 * aggregates (lines of the plan and bookings, days of the flight) and one page — never the
 * campaign's rows. Plans, bookings and discrepancies are small and given whole.
 *
 * Line identity across stages: a master-plan line, the monthly-schedule lines booked from it
 * and the monitoring rows of its airing share vendor and placement (line ids are per version),
 * so a "line" of the report is one vendor + placement (case and spacing ignored). A row matched
 * to a booking line (bookingId + lineId) counts on that booking line's vendor + placement.
 *
 * Money: planned and booked are line costs; delivered is the value of the units delivered at the
 * booked unit price (else the planned one; else, for a placement neither planned nor booked, the
 * billed cost); billed is what the rows state. All money figures are minor units of the campaign's
 * currency: sums of costs are exact; the delivered value (units × a unit price that may be a
 * fraction) is rounded half to even to the minor unit when the figures are rounded.
 */

/** A monitoring row as the report reads it (a stored DeliveryRow item; other attributes ignored). */
export type DeliveryRowInput = Pick<
  DeliveryRow,
  'date' | 'vendor' | 'placement' | 'unitsDelivered' | 'cost'
> &
  Partial<Pick<DeliveryRow, 'impressions' | 'audience' | 'clicks' | 'bookingId' | 'lineId'>>;

export interface ReportContext {
  reportId: string;
  generatedAt: string;
  agencyName: string;
  clientName: string;
  campaign: Campaign;
  /** The master plan version to compare with (confirmed, else latest); none when there is no master plan. */
  plan?: { planId: string; title: string; version: PlanVersion; confirmed: boolean };
  bookings: Booking[];
  discrepancies: Discrepancy[];
}

/**
 * Sums of one line, channel, vendor or the whole campaign. Units are only ever added up within
 * one unit type (spots, insertions, impressions bought): `plannedUnits`… are a line's own, in its
 * unit; groups carry them per unit type (`units`). Delivery follows the one rule of
 * `delivery-rule.ts`: rows dated outside their booked line count only as `wrongDate…` (and in
 * `billed`, which is what the rows state), never as delivery.
 */
export interface Figures {
  plannedUnits: number;
  plannedCost: number;
  plannedImpressions: number;
  plannedClicks: number;
  bookedUnits: number;
  bookedCost: number;
  deliveredUnits: number;
  deliveredValue: number;
  deliveredImpressions: number;
  deliveredClicks: number;
  deliveredAudience: number;
  billed: number;
  rows: number;
  /** Units in rows of a booked vendor and placement dated outside the booked line: not delivery. */
  wrongDateUnits: number;
  wrongDateRows: number;
  wrongDateBilled: number;
  /** Billed cost and delivered impressions of lines priced per thousand impressions: the CPM's terms. */
  cpmBilled: number;
  cpmImpressions: number;
  plannedSpots: number;
  bookedSpots: number;
  deliveredSpots: number;
  plannedInsertions: number;
  bookedInsertions: number;
  deliveredInsertions: number;
  plannedImpressionsBought: number;
  bookedImpressionsBought: number;
  deliveredImpressionsBought: number;
}

/** The per-unit-type fields of Figures: units add up only within their own type. */
const unitFields: Record<
  UnitType,
  { planned: keyof Figures; booked: keyof Figures; delivered: keyof Figures }
> = {
  spots: { planned: 'plannedSpots', booked: 'bookedSpots', delivered: 'deliveredSpots' },
  insertions: { planned: 'plannedInsertions', booked: 'bookedInsertions', delivered: 'deliveredInsertions' },
  impressions: {
    planned: 'plannedImpressionsBought',
    booked: 'bookedImpressionsBought',
    delivered: 'deliveredImpressionsBought',
  },
};

/** One booked line against what was delivered on it (the discrepancy list's numbers). */
export interface BookingLineDelivery {
  bookingId: string;
  lineId: string;
  vendor: string;
  placement: string;
  startDate: string;
  endDate: string;
  unitType: UnitType;
  bookedUnits: number;
  deliveredUnits: number;
  wrongDateUnits: number;
}

export interface LineFigures extends Figures {
  /** Vendor + placement, normalized. */
  key: string;
  channel: Channel;
  vendor: string;
  placement: string;
  unitType?: UnitType;
  inPlan: boolean;
  inBookings: boolean;
}

export interface GroupFigures extends Figures {
  name: string;
}

export interface Pacing {
  days: string[];
  /** Cumulative, per day of the flight. */
  plannedCost: number[];
  billed: number[];
  delivered: number[];
  plannedImpressions: number[];
  deliveredImpressions: number[];
}

export interface DiscrepancySummary {
  items: Discrepancy[];
  open: number;
  resolved: number;
  withMakegood: number;
  makegoodUnits: number;
  byType: Record<string, number>;
}

export interface PostCampaignAnalysis {
  context: ReportContext;
  currency: string;
  rows: number;
  totals: Figures;
  lines: LineFigures[];
  /** Each line of the live bookings: booked, delivered (by the one rule) and wrong-date units. */
  bookingLines: BookingLineDelivery[];
  channels: GroupFigures[];
  vendors: GroupFigures[];
  kpis: KpiResult[];
  pacing: Pacing;
  /** Rows dated outside the flight: in the totals, not in the pacing. */
  outsideFlight: { rows: number; billed: number; deliveredImpressions: number };
  bookings: { active: number; cancelled: number };
  discrepancies: DiscrepancySummary;
  /** What the numbers say, as data: each reader's copy words them in its language. */
  findings: { worked: Finding[]; didNotWork: Finding[] };
  /** The findings in the agency's language (the staff copy, stored with the report). */
  summary: { worked: string[]; didNotWork: string[] };
}

/**
 * One finding of the summary. Money is in minor units of the campaign's currency; percentages
 * are percent (125 = 125%); counts are plain numbers: each copy formats them for its reader.
 */
export type Finding =
  | { kind: 'noMonitoringData' }
  | { kind: 'kpi'; metric: KpiMetric; actual: number; target: number; percent?: number }
  | { kind: 'channelImpressions' | 'channelValue'; channel: string; percent: number; met: boolean }
  | { kind: 'bestChannelCpm' | 'worstChannelCpm'; channel: string; cpm: number }
  | { kind: 'bestVendorCpm'; vendor: string; cpm: number }
  | { kind: 'overBudget'; billed: number; overPercent?: number; budget: number }
  | { kind: 'withinBudget'; billed: number; percent?: number }
  | { kind: 'billedOverDelivered'; delivered: number; excess: number }
  | { kind: 'behindPlan'; day: string; percent: number }
  | { kind: 'keptPace' | 'aheadOfPlan'; percent: number }
  | { kind: 'unplanned'; placements: number; billed: number }
  | { kind: 'wrongDates'; rows: number; units: number; billed: number }
  | { kind: 'outsideFlight'; rows: number; billed: number }
  | { kind: 'openDiscrepancies'; count: number }
  | { kind: 'madeGood'; count: number; units: number };

/** Placements neither planned nor booked get their own line, up to this many; the rest share one. */
export const maxUnplannedLines = 200;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const normalize = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
const lineKey = (vendor: string, placement: string) => `${normalize(vendor)}\u0001${normalize(placement)}`;
const overflowKey = '\u0002unplanned';

/** A finite, non-negative number, or 0: stored rows are trusted only this far. */
const amount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/** The minor units of a stored amount of money (a line cost, a row's billed cost), or 0. */
const minorOf = (value: unknown) => amount((value as { amountMinor?: unknown } | undefined)?.amountMinor);

/** Counts and measures (units, impressions, audience) to 2 decimals. */
const round2 = (value: number) => Math.round(value * 100) / 100;

const emptyFigures = (): Figures => ({
  plannedUnits: 0,
  plannedCost: 0,
  plannedImpressions: 0,
  plannedClicks: 0,
  bookedUnits: 0,
  bookedCost: 0,
  deliveredUnits: 0,
  deliveredValue: 0,
  deliveredImpressions: 0,
  deliveredClicks: 0,
  deliveredAudience: 0,
  billed: 0,
  rows: 0,
  wrongDateUnits: 0,
  wrongDateRows: 0,
  wrongDateBilled: 0,
  cpmBilled: 0,
  cpmImpressions: 0,
  plannedSpots: 0,
  bookedSpots: 0,
  deliveredSpots: 0,
  plannedInsertions: 0,
  bookedInsertions: 0,
  deliveredInsertions: 0,
  plannedImpressionsBought: 0,
  bookedImpressionsBought: 0,
  deliveredImpressionsBought: 0,
});

const figureFields = Object.keys(emptyFigures()) as (keyof Figures)[];
/** The figures that are money (minor units); the others are counts and measures. */
const moneyFigures = new Set<keyof Figures>(['plannedCost', 'bookedCost', 'deliveredValue', 'billed']);

function addFigures(into: Figures, from: Figures): void {
  for (const field of figureFields) into[field] += from[field];
}

function roundFigures<T extends Figures>(f: T): T {
  const out = { ...f };
  for (const field of figureFields) {
    out[field] = moneyFigures.has(field) ? roundHalfEven(f[field]) : round2(f[field]);
  }
  return out;
}

/** Impressions a plan line targets: its units when bought by the thousand, else its stated contribution. */
const plannedImpressionsOf = (line: Line) =>
  line.unitType === 'impressions' ? line.units : amount(line.kpiContribution?.impressions);

interface LineState extends LineFigures {
  /** Price of one unit: booked, else planned; undefined for a placement neither planned nor booked. */
  unitValue?: number;
}

interface BookingLineRef {
  line: LineState;
  unitValue?: number;
  unitType: UnitType;
  delivery?: BookingLineDelivery;
}

/** Adds units to a figure set, both as the line's own units and in its unit type's bucket. */
function addUnits(
  f: Figures,
  stage: 'planned' | 'booked' | 'delivered',
  unitType: UnitType | undefined,
  units: number,
) {
  f[`${stage}Units`] += units;
  if (unitType) f[unitFields[unitType][stage]] += units;
}

/**
 * Folds monitoring rows into the analysis. `add` takes one page at a time; `finish` computes
 * the rollups, KPI results, pacing and summary. Memory: O(lines + days of the flight).
 */
export class PostCampaignAggregator {
  private readonly lines = new Map<string, LineState>();
  private readonly bookingLines = new Map<string, BookingLineRef>();
  /** The live bookings' lines, as the delivery rule reads them. */
  private readonly booked: BookedLine[];
  private readonly vendorChannels = new Map<string, Set<Channel>>();
  private unplannedLines = 0;
  private readonly firstDay: number;
  private readonly dayCount: number;
  private readonly daily: {
    billed: Float64Array;
    delivered: Float64Array;
    impressions: Float64Array;
    plannedCost: Float64Array;
    plannedImpressions: Float64Array;
  };
  private readonly outside = { rows: 0, billed: 0, deliveredImpressions: 0 };
  private rows = 0;
  /** Which measures the rows carried at all (a KPI nobody measured is not "missed"). */
  private readonly measured: Measured = { impressions: false, clicks: false, audience: false };

  constructor(private readonly context: ReportContext) {
    const { campaign } = context;
    this.firstDay = dayNumber(campaign.flightStart);
    this.dayCount = Math.max(1, dayNumber(campaign.flightEnd) - this.firstDay + 1);
    this.daily = {
      billed: new Float64Array(this.dayCount),
      delivered: new Float64Array(this.dayCount),
      impressions: new Float64Array(this.dayCount),
      plannedCost: new Float64Array(this.dayCount),
      plannedImpressions: new Float64Array(this.dayCount),
    };
    const plannedLines = context.plan?.version.lines ?? [];
    for (const line of plannedLines) {
      const state = this.lineOf(line.channel, line.vendor, line.placement, line.unitType);
      state.inPlan = true;
      addUnits(state, 'planned', line.unitType, amount(line.units));
      state.plannedCost += minorOf(line.cost);
      state.plannedImpressions += plannedImpressionsOf(line);
      state.plannedClicks += amount(line.kpiContribution?.clicks);
    }
    const activeBookings = context.bookings.filter((b) => b.status !== 'cancelled');
    this.booked = bookedLines(context.bookings);
    for (const booking of context.bookings) {
      const active = booking.status !== 'cancelled';
      for (const line of booking.lines) {
        const state = this.lineOf(line.channel, line.vendor, line.placement, line.unitType);
        if (active) {
          state.inBookings = true;
          addUnits(state, 'booked', line.unitType, amount(line.units));
          state.bookedCost += minorOf(line.cost);
        }
        this.bookingLines.set(`${booking.bookingId}#${line.lineId}`, {
          line: state,
          unitValue: line.units > 0 ? minorOf(line.cost) / line.units : undefined,
          unitType: line.unitType,
          delivery: active
            ? {
                bookingId: booking.bookingId,
                lineId: line.lineId,
                vendor: line.vendor,
                placement: line.placement,
                startDate: line.startDate,
                endDate: line.endDate,
                unitType: line.unitType,
                bookedUnits: amount(line.units),
                deliveredUnits: 0,
                wrongDateUnits: 0,
              }
            : undefined,
        });
      }
    }
    for (const state of this.lines.values()) {
      state.unitValue =
        state.bookedUnits > 0
          ? state.bookedCost / state.bookedUnits
          : state.plannedUnits > 0
            ? state.plannedCost / state.plannedUnits
            : undefined;
    }
    // The linear plan: each line's cost and impressions spread evenly over its own days.
    const pacedLines =
      plannedLines.length > 0 ? plannedLines : activeBookings.flatMap((booking) => booking.lines);
    for (const line of pacedLines) this.spread(line);
  }

  private spread(line: Line): void {
    const from = Math.max(0, dayNumber(line.startDate) - this.firstDay);
    const to = Math.min(this.dayCount - 1, dayNumber(line.endDate) - this.firstDay);
    const lineDays = dayNumber(line.endDate) - dayNumber(line.startDate) + 1;
    if (!(lineDays > 0) || to < from) return;
    const cost = minorOf(line.cost) / lineDays;
    const impressions = plannedImpressionsOf(line) / lineDays;
    for (let d = from; d <= to; d++) {
      this.daily.plannedCost[d]! += cost;
      this.daily.plannedImpressions[d]! += impressions;
    }
  }

  private lineOf(channel: Channel, vendor: string, placement: string, unitType?: UnitType): LineState {
    const key = lineKey(vendor, placement);
    let state = this.lines.get(key);
    if (!state) {
      state = {
        ...emptyFigures(),
        key,
        channel,
        vendor,
        placement,
        unitType,
        inPlan: false,
        inBookings: false,
      };
      this.lines.set(key, state);
      const normalizedVendor = normalize(vendor);
      const channels = this.vendorChannels.get(normalizedVendor) ?? new Set<Channel>();
      channels.add(channel);
      this.vendorChannels.set(normalizedVendor, channels);
    }
    return state;
  }

  /** The line of a row that names no booking line: its vendor + placement, planned or not. */
  private lineOfRow(vendor: string, placement: string): LineState {
    const key = lineKey(vendor, placement);
    const known = this.lines.get(key);
    if (known) return known;
    if (this.unplannedLines >= maxUnplannedLines) {
      let overflow = this.lines.get(overflowKey);
      if (!overflow) {
        overflow = {
          ...emptyFigures(),
          key: overflowKey,
          channel: 'other',
          vendor: '(various)',
          placement: '(other unplanned placements)',
          inPlan: false,
          inBookings: false,
        };
        this.lines.set(overflowKey, overflow);
      }
      return overflow;
    }
    this.unplannedLines++;
    const channels = this.vendorChannels.get(normalize(vendor));
    const channel = channels?.size === 1 ? [...channels][0]! : 'other';
    return this.lineOf(channel, vendor, placement);
  }

  /**
   * Folds one page of monitoring rows in. Each row is judged by the delivery rule against the live
   * bookings as they are now (not as they were when it was imported): delivery of a booked line,
   * a wrong date (billed, never delivery), or unbooked delivery on its own vendor + placement.
   */
  add(rows: Iterable<DeliveryRowInput>): void {
    for (const row of rows) {
      this.rows++;
      const vendor = String(row.vendor ?? '');
      const placement = String(row.placement ?? '');
      const verdict = deliveryOf(this.booked, { vendor, placement, date: String(row.date ?? '') });
      const ref =
        verdict.kind === 'unbooked'
          ? undefined
          : this.bookingLines.get(`${verdict.booked.bookingId}#${verdict.booked.line.lineId}`);
      const line = ref?.line ?? this.lineOfRow(vendor, placement);
      const unitValue = ref ? ref.unitValue : line.unitValue;
      const unitType = ref ? ref.unitType : line.unitType;
      const units = amount(row.unitsDelivered);
      const billed = minorOf(row.cost);
      if (row.impressions !== undefined || unitType === 'impressions') this.measured.impressions = true;
      if (row.clicks !== undefined) this.measured.clicks = true;
      if (row.audience !== undefined) this.measured.audience = true;
      line.rows++;
      line.billed += billed;
      const day = typeof row.date === 'string' ? dayNumber(row.date) - this.firstDay : Number.NaN;
      const inFlight = day >= 0 && day < this.dayCount;
      if (inFlight) this.daily.billed[day]! += billed;
      if (verdict.kind === 'wrong_dates') {
        // Aired outside the booked line's dates: billed as stated, never delivery.
        line.wrongDateUnits += units;
        line.wrongDateRows++;
        line.wrongDateBilled += billed;
        if (ref?.delivery) ref.delivery.wrongDateUnits += units;
        if (!inFlight) {
          this.outside.rows++;
          this.outside.billed += billed;
        }
        continue;
      }
      const impressions =
        row.impressions !== undefined ? amount(row.impressions) : unitType === 'impressions' ? units : 0;
      const delivered = unitValue !== undefined ? units * unitValue : billed;
      addUnits(line, 'delivered', unitType, units);
      if (ref?.delivery) ref.delivery.deliveredUnits += units;
      line.deliveredValue += delivered;
      line.deliveredImpressions += impressions;
      line.deliveredClicks += amount(row.clicks);
      line.deliveredAudience += amount(row.audience);
      if (unitType === 'impressions') {
        // CPM only over lines bought per thousand impressions.
        line.cpmBilled += billed;
        line.cpmImpressions += impressions;
      }
      if (inFlight) {
        this.daily.delivered[day]! += delivered;
        this.daily.impressions[day]! += impressions;
      } else {
        this.outside.rows++;
        this.outside.billed += billed;
        this.outside.deliveredImpressions += impressions;
      }
    }
  }

  finish(): PostCampaignAnalysis {
    const { context } = this;
    const lines = [...this.lines.values()]
      .filter((l) => l.inPlan || l.inBookings || l.rows > 0)
      .sort(
        (a, b) =>
          a.channel.localeCompare(b.channel) ||
          a.vendor.localeCompare(b.vendor) ||
          a.placement.localeCompare(b.placement),
      );
    const totals = emptyFigures();
    const channels = new Map<string, GroupFigures>();
    const vendors = new Map<string, GroupFigures>();
    for (const line of lines) {
      addFigures(totals, line);
      const channel = channels.get(line.channel) ?? { ...emptyFigures(), name: line.channel };
      addFigures(channel, line);
      channels.set(line.channel, channel);
      const vendorKey = normalize(line.vendor);
      const vendor = vendors.get(vendorKey) ?? { ...emptyFigures(), name: line.vendor };
      addFigures(vendor, line);
      vendors.set(vendorKey, vendor);
    }
    const cumulative = (daily: Float64Array, round: (v: number) => number) => {
      let sum = 0;
      return Array.from(daily, (v) => {
        sum += v;
        return round(sum);
      });
    };
    const pacing: Pacing = {
      days: Array.from({ length: this.dayCount }, (_, d) => dateOfDay(this.firstDay + d)),
      plannedCost: cumulative(this.daily.plannedCost, roundHalfEven),
      billed: cumulative(this.daily.billed, roundHalfEven),
      delivered: cumulative(this.daily.delivered, roundHalfEven),
      plannedImpressions: cumulative(this.daily.plannedImpressions, round2),
      deliveredImpressions: cumulative(this.daily.impressions, round2),
    };
    const rounded = roundFigures(totals);
    const analysis: PostCampaignAnalysis = {
      context,
      currency: context.campaign.budget.currency,
      rows: this.rows,
      totals: rounded,
      lines: lines.map((l) => {
        const { unitValue: _unitValue, ...figures } = l;
        return roundFigures(figures);
      }),
      bookingLines: [...this.bookingLines.values()]
        .flatMap((ref) => (ref.delivery ? [ref.delivery] : []))
        .sort((a, b) =>
          a.bookingId === b.bookingId ? a.lineId.localeCompare(b.lineId) : a.bookingId < b.bookingId ? -1 : 1,
        ),
      channels: [...channels.values()].map(roundFigures),
      vendors: [...vendors.values()].map(roundFigures).sort((a, b) => a.name.localeCompare(b.name)),
      kpis: kpiResults(context.campaign, rounded, this.measured),
      pacing,
      outsideFlight: {
        rows: this.outside.rows,
        billed: roundHalfEven(this.outside.billed),
        deliveredImpressions: round2(this.outside.deliveredImpressions),
      },
      bookings: {
        active: context.bookings.filter((b) => b.status !== 'cancelled').length,
        cancelled: context.bookings.filter((b) => b.status === 'cancelled').length,
      },
      discrepancies: summarizeDiscrepancies(context.discrepancies),
      findings: { worked: [], didNotWork: [] },
      summary: { worked: [], didNotWork: [] },
    };
    analysis.findings = summarize(analysis);
    analysis.summary = summaryIn(analysis, agencyLanguage);
    return analysis;
  }
}

export interface Measured {
  impressions: boolean;
  clicks: boolean;
  audience: boolean;
}

/** What monitoring measures for a KPI metric (and which rows' field it needs); none for the others. */
const measuredBy: Partial<Record<KpiMetric, { field: keyof Measured; of: (f: Figures) => number }>> = {
  impressions: { field: 'impressions', of: (f) => f.deliveredImpressions },
  clicks: { field: 'clicks', of: (f) => f.deliveredClicks },
  // Monitoring reports audience per row; summed, it is gross (not de-duplicated) reach.
  reach: { field: 'audience', of: (f) => f.deliveredAudience },
};

const plannedBy: Partial<Record<KpiMetric, (f: Figures) => number>> = {
  impressions: (f) => f.plannedImpressions,
  clicks: (f) => f.plannedClicks,
};

function kpiResults(campaign: Campaign, totals: Figures, measured: Measured): KpiResult[] {
  return campaign.kpis.map(({ metric, target }) => {
    const planned = round2(plannedBy[metric]?.(totals) ?? 0);
    const measure = measuredBy[metric];
    if (!measure || !measured[measure.field])
      return { metric, target, planned, status: 'not_measured' as const };
    const actual = round2(measure.of(totals));
    const percentOfTarget = target > 0 ? Math.round((actual / target) * 1000) / 10 : 0;
    const status = percentOfTarget >= 100 ? 'met' : percentOfTarget >= 90 ? 'close' : 'missed';
    return { metric, target, planned, actual, percentOfTarget, status };
  });
}

function summarizeDiscrepancies(items: Discrepancy[]): DiscrepancySummary {
  const byType: Record<string, number> = {};
  let open = 0;
  let resolved = 0;
  let withMakegood = 0;
  let makegoodUnits = 0;
  for (const d of items) {
    byType[d.type] = (byType[d.type] ?? 0) + 1;
    if (d.status === 'resolved') resolved++;
    else open++;
    if (d.makegood) {
      withMakegood++;
      makegoodUnits += amount(d.makegood.units);
    }
  }
  return { items, open, resolved, withMakegood, makegoodUnits, byType };
}

// Formatting: each copy formats in its reader's language, with `Intl` objects made once per copy.

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : undefined);
/** A money figure in major units, for chart axes. */
const toMajor = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency);
/** Billed cost per thousand delivered impressions, over lines priced per thousand only (else none). */
const costPerThousand = (f: Figures) =>
  f.cpmImpressions > 0 ? (f.cpmBilled / f.cpmImpressions) * 1000 : undefined;

/** The words and formats of one copy of the report: its language and the campaign's currency. */
interface Copy {
  language: Language;
  words: (typeof postCampaignReportWords)[Language];
  /** Counts and measures: whole, or to 2 decimals. */
  count: (value: number) => string;
  /** Percent (125 = 125%), to one decimal; a dash when there is nothing to divide by. */
  percent: (value: number | undefined) => string;
  /** A money figure (minor units, possibly a fraction) as a person reads it. */
  money: (minor: number) => string;
  /** A day of the pacing axis, short ("3 Mar"). */
  axisDay: (date: string) => string;
  channel: (name: string) => string;
}

function copyIn(language: Language, currency: string): Copy {
  const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const twoDecimals = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const moneyFormat = new Intl.NumberFormat(language, { style: 'currency', currency });
  const axisFormat = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const words = postCampaignReportWords[language];
  return {
    language,
    words,
    count: (value) => (Number.isInteger(value) ? whole : twoDecimals).format(value),
    percent: (value) => (value === undefined ? '–' : percentFormat.format(value / 100)),
    money: (minor) =>
      moneyFormat.format(
        toMajorString({ amountMinor: roundHalfEven(minor), currency }) as Intl.StringNumericLiteral,
      ),
    axisDay: (date) => (date ? axisFormat.format(new Date(`${date}T00:00:00Z`)) : ''),
    channel: (name) => words.channels[name as Channel] ?? name,
  };
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}B`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}
const trim = (value: number) => String(Math.round(value * 10) / 10);

const lineLabel = (l: { vendor: string; placement: string }) => `${l.vendor} — ${l.placement}`;

// The summary: what worked and what did not, from the numbers alone.

function summarize(a: PostCampaignAnalysis): { worked: Finding[]; didNotWork: Finding[] } {
  const worked: Finding[] = [];
  const didNotWork: Finding[] = [];
  const { totals } = a;
  const budget = a.context.campaign.budget.amountMinor;

  if (a.rows === 0) didNotWork.push({ kind: 'noMonitoringData' });
  for (const kpi of a.kpis) {
    if (kpi.status === 'not_measured') continue;
    (kpi.status === 'met' ? worked : didNotWork).push({
      kind: 'kpi',
      metric: kpi.metric,
      actual: kpi.actual ?? 0,
      target: kpi.target,
      percent: kpi.percentOfTarget,
    });
  }
  for (const channel of a.channels) {
    const impressionRate = percent(channel.deliveredImpressions, channel.plannedImpressions);
    const deliveryRate = percent(channel.deliveredValue, channel.bookedCost || channel.plannedCost);
    const [kind, rate] =
      impressionRate !== undefined
        ? (['channelImpressions', impressionRate] as const)
        : (['channelValue', deliveryRate] as const);
    if (rate === undefined) continue;
    if (rate >= 100) worked.push({ kind, channel: channel.name, percent: rate, met: true });
    else if (rate < 90) didNotWork.push({ kind, channel: channel.name, percent: rate, met: false });
  }
  const priced = a.channels
    .map((c) => ({ name: c.name, cpm: costPerThousand(c) }))
    .filter((c): c is { name: string; cpm: number } => c.cpm !== undefined && c.cpm > 0)
    .sort((x, y) => x.cpm - y.cpm);
  if (priced.length > 0)
    worked.push({ kind: 'bestChannelCpm', channel: priced[0]!.name, cpm: priced[0]!.cpm });
  if (priced.length > 1) {
    const worst = priced[priced.length - 1]!;
    didNotWork.push({ kind: 'worstChannelCpm', channel: worst.name, cpm: worst.cpm });
  }
  const vendorPriced = a.vendors
    .map((v) => ({ name: v.name, cpm: costPerThousand(v) }))
    .filter((v): v is { name: string; cpm: number } => v.cpm !== undefined && v.cpm > 0)
    .sort((x, y) => x.cpm - y.cpm);
  if (vendorPriced.length > 1) {
    worked.push({ kind: 'bestVendorCpm', vendor: vendorPriced[0]!.name, cpm: vendorPriced[0]!.cpm });
  }
  if (a.rows > 0 && budget > 0) {
    if (totals.billed > budget) {
      didNotWork.push({
        kind: 'overBudget',
        billed: totals.billed,
        overPercent: percent(totals.billed - budget, budget),
        budget,
      });
    } else {
      worked.push({ kind: 'withinBudget', billed: totals.billed, percent: percent(totals.billed, budget) });
    }
  }
  if (totals.deliveredValue > 0 && totals.billed > totals.deliveredValue * 1.02) {
    didNotWork.push({
      kind: 'billedOverDelivered',
      delivered: totals.deliveredValue,
      excess: totals.billed - totals.deliveredValue,
    });
  }
  const mid = Math.floor((a.pacing.days.length - 1) / 2);
  const plannedMid = a.pacing.plannedImpressions[mid] ?? 0;
  if (a.rows > 0 && plannedMid > 0) {
    const midRate = percent(a.pacing.deliveredImpressions[mid] ?? 0, plannedMid) ?? 0;
    if (midRate < 85) didNotWork.push({ kind: 'behindPlan', day: a.pacing.days[mid]!, percent: midRate });
    else if (midRate <= 115) worked.push({ kind: 'keptPace', percent: midRate });
    else didNotWork.push({ kind: 'aheadOfPlan', percent: midRate });
  }
  const unplanned = a.lines.filter((l) => !l.inPlan && !l.inBookings && l.rows > 0);
  if (unplanned.length > 0) {
    const billed = unplanned.reduce((sum, l) => sum + l.billed, 0);
    didNotWork.push({ kind: 'unplanned', placements: unplanned.length, billed });
  }
  if (totals.wrongDateRows > 0) {
    didNotWork.push({
      kind: 'wrongDates',
      rows: totals.wrongDateRows,
      units: totals.wrongDateUnits,
      billed: totals.wrongDateBilled,
    });
  }
  if (a.outsideFlight.rows > 0) {
    didNotWork.push({ kind: 'outsideFlight', rows: a.outsideFlight.rows, billed: a.outsideFlight.billed });
  }
  const d = a.discrepancies;
  if (d.open > 0) didNotWork.push({ kind: 'openDiscrepancies', count: d.open });
  if (d.withMakegood > 0) worked.push({ kind: 'madeGood', count: d.withMakegood, units: d.makegoodUnits });
  return { worked, didNotWork };
}

/** One finding in the copy's language. */
function wordFinding(f: Finding, c: Copy): string {
  const w = c.words.findings;
  switch (f.kind) {
    case 'noMonitoringData':
      return w.noMonitoringData;
    case 'kpi':
      return w.kpi(c.words.kpiNames[f.metric], c.count(f.actual), c.count(f.target), c.percent(f.percent));
    case 'channelImpressions':
    case 'channelValue':
      return w[f.kind](c.channel(f.channel), c.percent(f.percent), f.met);
    case 'bestChannelCpm':
    case 'worstChannelCpm':
      return w[f.kind](c.channel(f.channel), c.money(f.cpm));
    case 'bestVendorCpm':
      return w.bestVendorCpm(f.vendor, c.money(f.cpm));
    case 'overBudget':
      return w.overBudget(c.money(f.billed), c.percent(f.overPercent), c.money(f.budget));
    case 'withinBudget':
      return w.withinBudget(c.money(f.billed), c.percent(f.percent));
    case 'billedOverDelivered':
      return w.billedOverDelivered(c.money(f.delivered), c.money(f.excess));
    case 'behindPlan':
      return w.behindPlan(formatDay(f.day, c.language), c.percent(f.percent));
    case 'keptPace':
    case 'aheadOfPlan':
      return w[f.kind](c.percent(f.percent));
    case 'unplanned':
      return w.unplanned(String(f.placements), c.money(f.billed));
    case 'wrongDates':
      return w.wrongDates(c.count(f.rows), c.count(f.units), c.money(f.billed));
    case 'outsideFlight':
      return w.outsideFlight(String(f.rows), c.money(f.billed));
    case 'openDiscrepancies':
      return w.openDiscrepancies(f.count);
    case 'madeGood':
      return w.madeGood(f.count, c.count(f.units));
  }
}

/** The findings of an analysis, worded in one language. */
export function summaryIn(
  a: Pick<PostCampaignAnalysis, 'findings' | 'currency'>,
  language: Language,
): { worked: string[]; didNotWork: string[] } {
  const c = copyIn(language, a.currency);
  return {
    worked: a.findings.worked.map((f) => wordFinding(f, c)),
    didNotWork: a.findings.didNotWork.map((f) => wordFinding(f, c)),
  };
}

// SVG charts, drawn here: no chart library, every text escaped.

interface Series {
  name: string;
  color: string;
  values: number[];
  dashed?: boolean;
}

/** A round axis maximum at or above `max` (1, 2 or 5 × a power of ten). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const svgText = (x: number, y: number, text: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}"${attrs ? ` ${attrs}` : ''}>${escapeHtml(text)}</text>`;

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function legend(series: { name: string; color: string }[], x: number, y: number): string {
  let cursor = x;
  return series
    .map((s) => {
      const item = `<rect x="${cursor}" y="${y - 9}" width="10" height="10" fill="${s.color}"/>${svgText(cursor + 14, y, s.name)}`;
      cursor += 24 + s.name.length * 6.5;
      return item;
    })
    .join('');
}

function yAxis(width: number, top: number, bottom: number, left: number, max: number) {
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    const y = bottom - ((bottom - top) / 4) * i;
    parts.push(
      `<line x1="${left}" x2="${width - 10}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/>`,
      svgText(left - 6, y + 4, compact(value), 'text-anchor="end"'),
    );
  }
  return parts.join('');
}

const twoDecimals = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Grouped vertical bars: one group per label, one bar per series; `number` writes a bar's value in its tooltip. */
export function barChart(
  title: string,
  labels: string[],
  series: Series[],
  number: (value: number) => string = (value) => twoDecimals.format(value),
): string {
  const width = 760;
  const height = 320;
  const [left, top, bottom] = [64, 40, height - 48];
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const groupWidth = (width - left - 10) / Math.max(1, labels.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const bars = labels
    .map((label, g) => {
      const x0 = left + g * groupWidth + groupWidth * 0.1;
      const groupBars = series
        .map((s, i) => {
          const value = s.values[g] ?? 0;
          const h = ((bottom - top) * Math.max(0, value)) / max;
          return `<rect x="${(x0 + i * barWidth).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${Math.max(1, barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${label} — ${s.name}: ${number(value)}`)}</title></rect>`;
        })
        .join('');
      return `${groupBars}${svgText(x0 + (groupWidth * 0.8) / 2, bottom + 18, shorten(label, 22), 'text-anchor="middle"')}`;
    })
    .join('');
  return svg(
    title,
    width,
    height,
    `${yAxis(width, top, bottom, left, max)}${bars}${legend(series, left, 20)}`,
  );
}

/** Lines over days (cumulative pacing); `dayLabel` writes the days under the axis. */
export function lineChart(
  title: string,
  days: string[],
  series: Series[],
  dayLabel: (day: string) => string = (day) => day,
): string {
  const width = 760;
  const height = 300;
  const [left, top, bottom] = [64, 40, height - 40];
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const span = Math.max(1, days.length - 1);
  const x = (i: number) => left + ((width - left - 10) * i) / span;
  const y = (v: number) => bottom - ((bottom - top) * Math.max(0, v)) / max;
  const paths = series
    .map((s) => {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${points}"><title>${escapeHtml(s.name)}</title></polyline>`;
    })
    .join('');
  const ticks = Math.min(6, days.length);
  const xLabels = Array.from({ length: ticks }, (_, t) => {
    const i = ticks === 1 ? 0 : Math.round((span * t) / (ticks - 1));
    const anchor = t === 0 ? 'start' : t === ticks - 1 ? 'end' : 'middle';
    return svgText(x(i), bottom + 18, dayLabel(days[i] ?? ''), `text-anchor="${anchor}"`);
  }).join('');
  return svg(
    title,
    width,
    height,
    `${yAxis(width, top, bottom, left, max)}${paths}${xLabels}${legend(series, left, 20)}`,
  );
}

/** Horizontal bars of percent of target, with the 100% mark. */
function kpiChart(title: string, kpis: KpiResult[], c: Copy): string {
  const measured = kpis.filter((k) => k.percentOfTarget !== undefined);
  const width = 760;
  const rowHeight = 30;
  const height = 50 + Math.max(1, measured.length) * rowHeight;
  const [left, right] = [140, width - 70];
  const scale = Math.max(150, ...measured.map((k) => Math.min(300, k.percentOfTarget ?? 0)));
  const xOf = (p: number) => left + ((right - left) * Math.min(p, scale)) / scale;
  const rows = measured
    .map((k, i) => {
      const y = 30 + i * rowHeight;
      const p = k.percentOfTarget ?? 0;
      const color = k.status === 'met' ? '#16a34a' : k.status === 'close' ? '#d97706' : '#dc2626';
      return `${svgText(left - 8, y + 15, c.words.kpiNames[k.metric], 'text-anchor="end"')}<rect x="${left}" y="${y}" width="${(xOf(p) - left).toFixed(1)}" height="20" fill="${color}"/>${svgText(xOf(p) + 6, y + 15, c.percent(p))}`;
    })
    .join('');
  const mark = `<line x1="${xOf(100).toFixed(1)}" x2="${xOf(100).toFixed(1)}" y1="22" y2="${height - 10}" stroke="#111827" stroke-dasharray="4 3"/>${svgText(xOf(100), 16, c.words.ofTargetMark, 'text-anchor="middle"')}`;
  return svg(title, width, height, `${rows}${mark}`);
}

/**
 * A chart's element id from its title: its Latin words, and a hash of the title where it has other
 * letters (Chinese titles differ in words the slug drops).
 */
function chartId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (/^[\p{ASCII}]*$/u.test(title)) return `chart-${slug}`;
  let hash = 0;
  for (const char of title) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `chart-${slug ? `${slug}-` : ''}${hash.toString(36)}`;
}

function svg(title: string, width: number, height: number, body: string): string {
  const id = chartId(title);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}" font-family="system-ui,sans-serif" font-size="11" fill="#111827"><title id="${id}">${escapeHtml(title)}</title>${body}</svg>`;
}

// HTML.

const palette = { planned: '#94a3b8', booked: '#3b82f6', delivered: '#16a34a', billed: '#f59e0b' };

/** "40 spots", or a bare count when the line's unit is not known (a placement neither planned nor booked). */
const inUnits = (c: Copy, value: number, unitType: UnitType | undefined) =>
  unitType ? mediaWords[c.language].units[unitType](c.count(value), value === 1) : c.count(value);

const headRow = (columns: readonly string[]) =>
  `<thead><tr>${columns.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;

function figuresTable(
  c: Copy,
  caption: string,
  rows: { label: string; f: Figures; extra?: string; unitType?: UnitType }[],
  withUnits: boolean,
): string {
  const head = [caption, ...(withUnits ? c.words.unitColumns : []), ...c.words.figureColumns];
  const body = rows
    .map(({ label, f, extra, unitType }) => {
      const cpm = costPerThousand(f);
      const cells = [
        `${escapeHtml(label)}${extra ? ` <small>${escapeHtml(extra)}</small>` : ''}`,
        ...(withUnits
          ? [
              inUnits(c, f.plannedUnits, unitType),
              inUnits(c, f.bookedUnits, unitType),
              inUnits(c, f.deliveredUnits, unitType),
              c.percent(percent(f.deliveredUnits, f.bookedUnits || f.plannedUnits)),
              f.wrongDateRows > 0 ? inUnits(c, f.wrongDateUnits, unitType) : '–',
            ]
          : []),
        c.money(f.plannedCost),
        c.money(f.bookedCost),
        c.money(f.deliveredValue),
        c.money(f.billed),
        c.count(f.plannedImpressions),
        c.count(f.deliveredImpressions),
        c.count(f.deliveredClicks),
        cpm === undefined ? '–' : c.money(cpm),
      ];
      return `<tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`;
    })
    .join('\n');
  return `<table>${headRow(head)}<tbody>\n${body}\n</tbody></table>`;
}

function bookingLinesTable(a: PostCampaignAnalysis, c: Copy): string {
  if (a.bookingLines.length === 0) return `<p>${escapeHtml(c.words.noLiveBookings)}</p>`;
  const rows = a.bookingLines
    .map((b) =>
      [
        `<th scope="row">${escapeHtml(`${b.vendor} — ${b.placement}`)} <small>${escapeHtml(c.words.bookingRef(b.lineId, b.bookingId.slice(-6)))}</small></th>`,
        ...[
          formatDayRange(b.startDate, b.endDate, c.language),
          inUnits(c, b.bookedUnits, b.unitType),
          inUnits(c, b.deliveredUnits, b.unitType),
          c.percent(percent(b.deliveredUnits, b.bookedUnits)),
          b.wrongDateUnits > 0 ? inUnits(c, b.wrongDateUnits, b.unitType) : '–',
        ].map((cell) => `<td>${escapeHtml(cell)}</td>`),
      ].join(''),
    )
    .map((cells) => `<tr>${cells}</tr>`)
    .join('\n');
  return `<table>${headRow(c.words.bookingColumns)}<tbody>\n${rows}\n</tbody></table>`;
}

/**
 * Screen: tables wrap their text (long details break across lines) and never run wider than the
 * page; print: A4 or Letter, portrait, margins of 12 mm, small type, headers repeated, charts and
 * rows kept whole.
 */
const reportCss = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111827;max-width:1100px}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;max-width:100%}
td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:right;vertical-align:top;overflow-wrap:anywhere}
th[scope=row],thead th:first-child,td.text{text-align:left}
td.text{min-width:14em}
caption{text-align:left;font-weight:600}
svg{max-width:100%;height:auto;display:block;margin:0.5rem 0 1.5rem}
.worked li{color:#166534}.didnot li{color:#991b1b}
@page{margin:12mm}
@media print{
  body{margin:0;max-width:none;font-size:9pt}
  table{width:100%;font-size:7.5pt;margin:0.25rem 0 0.75rem}
  td,th{padding:2px 3px}
  thead{display:table-header-group}
  tr,svg,li{break-inside:avoid}
  h2,h3{break-after:avoid}
}`;

function renderReportHtml(a: PostCampaignAnalysis, c: Copy): string {
  const { context, currency, totals } = a;
  const { campaign } = context;
  const w = c.words;
  const title = w.title(campaign.name);
  const planRef = context.plan
    ? w.planRef(context.plan.title, context.plan.version.number, context.plan.confirmed)
    : w.noPlan;
  const summary = summaryIn(a, c.language);
  const list = (items: string[]) =>
    items.length > 0
      ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
      : `<p>${escapeHtml(w.nothingStandsOut)}</p>`;
  const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
  const kpiRows = a.kpis
    .map(
      (k) =>
        `<tr><th scope="row">${escapeHtml(w.kpiNames[k.metric])}</th>${cell(c.count(k.target))}${cell(c.count(k.planned))}${cell(k.actual === undefined ? w.kpiStatus.not_measured : c.count(k.actual))}${cell(c.percent(k.percentOfTarget))}${cell(w.kpiStatus[k.status])}</tr>`,
    )
    .join('\n');
  const discrepancyRows = a.discrepancies.items
    .map(
      (d) =>
        `<tr>${cell(w.discrepancyTypes[d.type])}${cell(d.lineId ?? '–')}${cell(c.count(d.expected))}${cell(c.count(d.actual))}${cell(w.discrepancyStatus[d.status])}${cell(
          d.makegood
            ? w.makegood(
                c.count(d.makegood.units),
                d.makegood.date && formatDay(d.makegood.date, c.language),
                d.makegood.note,
              )
            : '–',
        )}<td class="text">${escapeHtml(discrepancyDetail(d, c.language))}</td></tr>`,
    )
    .join('\n');
  const channelNames = a.channels.map((ch) => c.channel(ch.name));
  const moneySeries = (pick: (f: Figures) => number) => a.channels.map((ch) => toMajor(pick(ch), currency));
  const majorSeries = (values: number[]) => values.map((v) => toMajor(v, currency));
  const overflowLabel = (l: LineFigures) => (l.key === overflowKey ? w.otherUnplanned : l.placement);
  const d = a.discrepancies;
  return `<!doctype html>
<html lang="${c.language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>${reportCss}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(
    [
      w.intro(
        context.agencyName,
        context.clientName,
        formatDayRange(campaign.flightStart, campaign.flightEnd, c.language),
        c.money(campaign.budget.amountMinor),
      ),
      w.comparedWith(
        planRef,
        w.bookings(a.bookings.active, a.bookings.cancelled),
        w.monitoringRows(c.count(a.rows)),
      ),
      w.generated(formatMoment(context.generatedAt, 'UTC', c.language), context.reportId),
    ].join(' '),
  )}</p>
<h2>${escapeHtml(w.summary)}</h2>
<h3>${escapeHtml(w.worked)}</h3>
<div class="worked">${list(summary.worked)}</div>
<h3>${escapeHtml(w.didNotWork)}</h3>
<div class="didnot">${list(summary.didNotWork)}</div>
<h2>${escapeHtml(w.totalsHeading)}</h2>
<table>${headRow(w.totalsColumns)}
<tbody><tr><th scope="row">${escapeHtml(currency)}</th>${cell(c.money(totals.plannedCost))}${cell(c.money(totals.bookedCost))}${cell(c.money(totals.deliveredValue))}${cell(c.money(totals.billed))}${cell(c.percent(percent(totals.billed, campaign.budget.amountMinor)))}</tr></tbody></table>
${barChart(
  w.byChannelChart(currency),
  channelNames,
  [
    { name: w.series.planned, color: palette.planned, values: moneySeries((f) => f.plannedCost) },
    { name: w.series.booked, color: palette.booked, values: moneySeries((f) => f.bookedCost) },
    { name: w.series.delivered, color: palette.delivered, values: moneySeries((f) => f.deliveredValue) },
    { name: w.series.billed, color: palette.billed, values: moneySeries((f) => f.billed) },
  ],
  c.count,
)}
<h3>${escapeHtml(w.byChannel)}</h3>
${figuresTable(
  c,
  w.figureLabels.channel,
  a.channels.map((ch) => ({ label: c.channel(ch.name), f: ch })),
  false,
)}
<h3>${escapeHtml(w.byVendor)}</h3>
${figuresTable(
  c,
  w.figureLabels.vendor,
  a.vendors.map((v) => ({ label: v.name, f: v })),
  false,
)}
<h3>${escapeHtml(w.byLine)}</h3>
${figuresTable(
  c,
  w.figureLabels.line,
  a.lines.map((l) => ({
    label: `${c.channel(l.channel)}: ${lineLabel({ vendor: l.vendor, placement: overflowLabel(l) })}`,
    f: l,
    unitType: l.unitType,
    extra: l.inPlan
      ? l.inBookings
        ? undefined
        : w.lineStatus.notBooked
      : l.inBookings
        ? w.lineStatus.bookedNotPlanned
        : w.lineStatus.notPlanned,
  })),
  true,
)}
<h3>${escapeHtml(w.againstBookings)}</h3>
<p><small>${escapeHtml(w.againstBookingsNote)}</small></p>
${bookingLinesTable(a, c)}
<h2>${escapeHtml(w.kpisHeading)}</h2>
${a.kpis.length > 0 ? kpiChart(w.kpiChart, a.kpis, c) : ''}
<table>${headRow(w.kpiColumns)}<tbody>
${kpiRows || `<tr><td colspan="6">${escapeHtml(w.noKpis)}</td></tr>`}
</tbody></table>
<p><small>${escapeHtml(w.reachNote)}</small></p>
<h2>${escapeHtml(w.pacingHeading)}</h2>
${lineChart(
  w.costPacingChart(currency),
  a.pacing.days,
  [
    {
      name: w.series.linearPlan,
      color: palette.planned,
      values: majorSeries(a.pacing.plannedCost),
      dashed: true,
    },
    { name: w.series.deliveredValue, color: palette.delivered, values: majorSeries(a.pacing.delivered) },
    { name: w.series.billed, color: palette.billed, values: majorSeries(a.pacing.billed) },
  ],
  c.axisDay,
)}
${lineChart(
  w.impressionsPacingChart,
  a.pacing.days,
  [
    { name: w.series.linearPlan, color: palette.planned, values: a.pacing.plannedImpressions, dashed: true },
    { name: w.series.delivered, color: palette.delivered, values: a.pacing.deliveredImpressions },
  ],
  c.axisDay,
)}
${a.outsideFlight.rows > 0 ? `<p>${escapeHtml(w.outsideFlightNote(c.count(a.outsideFlight.rows), c.money(a.outsideFlight.billed)))}</p>` : ''}
<h2>${escapeHtml(w.discrepanciesHeading)}</h2>
<p>${escapeHtml(w.discrepancyCounts(d.items.length, d.open, d.resolved, d.withMakegood, c.count(d.makegoodUnits)))}</p>
${discrepancyRows ? `<table>${headRow(w.discrepancyColumns)}<tbody>\n${discrepancyRows}\n</tbody></table>` : ''}
<p><small>${escapeHtml(w.footnote)}</small></p>
</body></html>
`;
}

// CSV: one tidy table (section, subject, channel, vendor, placement, date, metric, value).

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(round2(value)) : '';
  return csvText(value);
}

/**
 * The CSV's columns, in English. A copy in another language names the columns in it; the cells
 * stay codes (sections, metrics, units) and plain numbers, so a spreadsheet reads every copy alike.
 */
export const csvHeader = postCampaignReportWords.en.csvHeader;

/** A line's own units, in its one unit type (groups report units per type instead). */
const lineUnitMetrics: [keyof Figures, string][] = [
  ['plannedUnits', 'planned_units'],
  ['bookedUnits', 'booked_units'],
  ['deliveredUnits', 'delivered_units'],
];

const figureMetrics: [keyof Figures, string][] = [
  ['plannedCost', 'planned_cost'],
  ['bookedCost', 'booked_cost'],
  ['deliveredValue', 'delivered_value'],
  ['billed', 'billed_cost'],
  ['plannedImpressions', 'planned_impressions'],
  ['deliveredImpressions', 'delivered_impressions'],
  ['plannedClicks', 'planned_clicks'],
  ['deliveredClicks', 'delivered_clicks'],
  ['deliveredAudience', 'delivered_audience'],
  ['rows', 'monitoring_rows'],
  ['wrongDateUnits', 'wrong_date_units'],
  ['wrongDateRows', 'wrong_date_rows'],
  ['wrongDateBilled', 'wrong_date_billed_cost'],
];

function renderReportCsv(a: PostCampaignAnalysis, c: Copy): string {
  const out: string[] = [c.words.csvHeader.map((h) => csvCell(h)).join(',')];
  /** Money in major units, exact: "1234.50". */
  const major = (minor: number | undefined) =>
    minor === undefined
      ? undefined
      : toMajorString({ amountMinor: roundHalfEven(minor), currency: a.currency });
  const row = (
    section: string,
    subject: string,
    where: { channel?: string; vendor?: string; placement?: string; date?: string },
    metric: string,
    value: string | number | undefined,
  ) =>
    out.push(
      [section, subject, where.channel, where.vendor, where.placement, where.date, metric, value]
        .map((v) => csvCell(v))
        .join(','),
    );
  const figures = (section: string, subject: string, where: Parameters<typeof row>[2], f: Figures) => {
    for (const [field, metric] of figureMetrics) {
      row(section, subject, where, metric, moneyFigures.has(field) ? major(f[field]) : f[field]);
    }
    const cpm = costPerThousand(f);
    if (cpm !== undefined) row(section, subject, where, 'cpm_billed', major(cpm));
  };
  /** A group's units, per unit type (`planned_units_spots` …): never spots added to impressions. */
  const unitsByType = (section: string, subject: string, where: Parameters<typeof row>[2], f: Figures) => {
    for (const [unitType, fields] of Object.entries(unitFields)) {
      const values = [fields.planned, fields.booked, fields.delivered].map((field) => f[field]);
      if (values.every((v) => v === 0)) continue;
      for (const [i, stage] of (['planned', 'booked', 'delivered'] as const).entries()) {
        row(section, subject, where, `${stage}_units_${unitType}`, values[i]);
      }
    }
  };
  figures('total', a.context.campaign.name, {}, a.totals);
  unitsByType('total', a.context.campaign.name, {}, a.totals);
  row('total', a.context.campaign.name, {}, 'budget', toMajorString(a.context.campaign.budget));
  for (const c of a.channels) {
    figures('channel', c.name, { channel: c.name }, c);
    unitsByType('channel', c.name, { channel: c.name }, c);
  }
  for (const v of a.vendors) {
    figures('vendor', v.name, { vendor: v.name }, v);
    unitsByType('vendor', v.name, { vendor: v.name }, v);
  }
  for (const l of a.lines) {
    const where = { channel: l.channel, vendor: l.vendor, placement: l.placement };
    row('line', lineLabel(l), where, 'unit_type', l.unitType ?? 'unknown');
    for (const [field, metric] of lineUnitMetrics) row('line', lineLabel(l), where, metric, l[field]);
    figures('line', lineLabel(l), where, l);
  }
  for (const b of a.bookingLines) {
    const subject = `${b.bookingId}.${b.lineId}`;
    const where = { vendor: b.vendor, placement: b.placement };
    row('booking_line', subject, where, 'unit_type', b.unitType);
    row('booking_line', subject, where, 'booked_units', b.bookedUnits);
    row('booking_line', subject, where, 'delivered_units', b.deliveredUnits);
    row('booking_line', subject, where, 'wrong_date_units', b.wrongDateUnits);
  }
  for (const k of a.kpis) {
    row('kpi', k.metric, {}, 'target', k.target);
    row('kpi', k.metric, {}, 'planned', k.planned);
    row('kpi', k.metric, {}, 'delivered', k.actual);
    row('kpi', k.metric, {}, 'percent_of_target', k.percentOfTarget);
    row('kpi', k.metric, {}, 'status', k.status);
  }
  a.pacing.days.forEach((date, i) => {
    row('pacing', 'cumulative', { date }, 'planned_cost', major(a.pacing.plannedCost[i]));
    row('pacing', 'cumulative', { date }, 'delivered_value', major(a.pacing.delivered[i]));
    row('pacing', 'cumulative', { date }, 'billed_cost', major(a.pacing.billed[i]));
    row('pacing', 'cumulative', { date }, 'planned_impressions', a.pacing.plannedImpressions[i]);
    row('pacing', 'cumulative', { date }, 'delivered_impressions', a.pacing.deliveredImpressions[i]);
  });
  if (a.outsideFlight.rows > 0) {
    row('outside_flight', 'rows dated outside the flight', {}, 'monitoring_rows', a.outsideFlight.rows);
    row('outside_flight', 'rows dated outside the flight', {}, 'billed_cost', major(a.outsideFlight.billed));
  }
  for (const d of a.discrepancies.items) {
    const subject = d.discrepancyId;
    row('discrepancy', subject, {}, 'type', d.type);
    if (d.bookingId) row('discrepancy', subject, {}, 'booking', d.bookingId);
    if (d.lineId) row('discrepancy', subject, {}, 'line', d.lineId);
    row('discrepancy', subject, {}, 'expected', d.expected);
    row('discrepancy', subject, {}, 'actual', d.actual);
    row('discrepancy', subject, {}, 'status', d.status);
    if (d.makegood)
      row('discrepancy', subject, { date: d.makegood.date }, 'makegood_units', d.makegood.units);
  }
  const summary = summaryIn(a, c.language);
  for (const text of summary.worked) row('summary', 'worked', {}, 'finding', text);
  for (const text of summary.didNotWork) row('summary', 'did_not_work', {}, 'finding', text);
  return `${out.join('\r\n')}\r\n`;
}

/** The report's HTML, CSV and findings in one reader's language. */
export function renderPostCampaignReport(
  analysis: PostCampaignAnalysis,
  language: Language,
): { html: string; csv: string; summary: { worked: string[]; didNotWork: string[] } } {
  const copy = copyIn(language, analysis.currency);
  return {
    html: renderReportHtml(analysis, copy),
    csv: renderReportCsv(analysis, copy),
    summary: summaryIn(analysis, language),
  };
}

/**
 * Streams the pages into the analysis and renders it in the agency's language: the whole
 * generator, without I/O of its own. Copies for other readers: `renderPostCampaignReport`.
 */
export async function buildPostCampaignReport(
  context: ReportContext,
  pages: AsyncIterable<readonly DeliveryRowInput[]>,
): Promise<{ analysis: PostCampaignAnalysis; html: string; csv: string }> {
  const aggregator = new PostCampaignAggregator(context);
  for await (const page of pages) aggregator.add(page);
  const analysis = aggregator.finish();
  const { html, csv } = renderPostCampaignReport(analysis, agencyLanguage);
  return { analysis, html, csv };
}
