import type { Money } from '../platform/money.js';

/**
 * The arithmetic of profitability (issue 14 §3), apart from any I/O so that a property test can
 * check it against an independent calculation. Amounts are integer minor units of one currency;
 * nothing is converted: figures are kept per job and currency, and added up per currency.
 *
 *   revenue = fees + commission + rebilled (a credit note's amounts count negative; media paid
 *             on to the owner is not the agency's revenue)
 *   margin  = revenue − direct costs (vendors' bills) − staff time at cost
 *   margin% = margin / revenue, to 2 decimals (none without revenue)
 * against the signed estimate's planned margin: its agency income on its subtotal.
 */
export interface RevenueInput {
  jobId: string;
  issuedOn: string;
  kind: 'invoice' | 'creditNote';
  currency: string;
  feesMinor: number;
  commissionMinor: number;
  rebilledMinor: number;
}

export interface BillInput {
  jobId: string;
  billDate: string;
  total: Money;
}

export interface TimeInput {
  jobId: string;
  date: string;
  minutes: number;
  costMinor: number;
  currency: string;
}

export interface ProfitInputs {
  revenue: readonly RevenueInput[];
  bills: readonly BillInput[];
  time: readonly TimeInput[];
}

export interface Sums {
  fees: number;
  commission: number;
  rebilled: number;
  directCosts: number;
  timeCost: number;
  minutes: number;
}

export interface ProfitFigures {
  currency: string;
  revenue: Money;
  fees: Money;
  commission: Money;
  rebilled: Money;
  directCosts: Money;
  timeCost: Money;
  minutes: number;
  margin: Money;
  marginPercent: number | null;
}

const zero = (): Sums => ({ fees: 0, commission: 0, rebilled: 0, directCosts: 0, timeCost: 0, minutes: 0 });

/** A percentage of `base` to 2 decimals; null without a base. */
export const percentOf = (part: number, base: number): number | null =>
  base === 0 ? null : Math.round((part / base) * 10_000) / 100;

/** A credit note reduces revenue whichever sign its amounts were written with. */
const signed = (kind: RevenueInput['kind'], amount: number) =>
  kind === 'creditNote' ? -Math.abs(amount) : amount;

/** Sums per key (`keyOf` a job and a date: the job, or the job and month…) and currency, within the period. */
export function sumBy(
  inputs: ProfitInputs,
  keyOf: (jobId: string, date: string) => string | undefined,
): Map<string, Map<string, Sums>> {
  const out = new Map<string, Map<string, Sums>>();
  const acc = (key: string | undefined, currency: string) => {
    if (key === undefined) return undefined;
    const byCurrency = out.get(key) ?? new Map<string, Sums>();
    out.set(key, byCurrency);
    const sums = byCurrency.get(currency) ?? zero();
    byCurrency.set(currency, sums);
    return sums;
  };
  for (const r of inputs.revenue) {
    const s = acc(keyOf(r.jobId, r.issuedOn), r.currency);
    if (!s) continue;
    s.fees += signed(r.kind, r.feesMinor);
    s.commission += signed(r.kind, r.commissionMinor);
    s.rebilled += signed(r.kind, r.rebilledMinor);
  }
  for (const b of inputs.bills) {
    const s = acc(keyOf(b.jobId, b.billDate), b.total.currency);
    if (s) s.directCosts += b.total.amountMinor;
  }
  for (const t of inputs.time) {
    const s = acc(keyOf(t.jobId, t.date), t.currency);
    if (!s) continue;
    s.timeCost += t.costMinor;
    s.minutes += t.minutes;
  }
  return out;
}

export function add(a: Sums, b: Sums): Sums {
  return {
    fees: a.fees + b.fees,
    commission: a.commission + b.commission,
    rebilled: a.rebilled + b.rebilled,
    directCosts: a.directCosts + b.directCosts,
    timeCost: a.timeCost + b.timeCost,
    minutes: a.minutes + b.minutes,
  };
}

export function figuresOf(sums: Sums, currency: string): ProfitFigures {
  const m = (amountMinor: number): Money => ({ amountMinor: amountMinor || 0, currency });
  const revenue = sums.fees + sums.commission + sums.rebilled;
  const margin = revenue - sums.directCosts - sums.timeCost;
  return {
    currency,
    revenue: m(revenue),
    fees: m(sums.fees),
    commission: m(sums.commission),
    rebilled: m(sums.rebilled),
    directCosts: m(sums.directCosts),
    timeCost: m(sums.timeCost),
    minutes: sums.minutes,
    margin: m(margin),
    marginPercent: percentOf(margin, revenue),
  };
}

/** Totals per currency of per-key sums, currencies in alphabetical order. */
export function totalsByCurrency(sums: Iterable<Map<string, Sums>>): ProfitFigures[] {
  const totals = new Map<string, Sums>();
  for (const byCurrency of sums) {
    for (const [currency, s] of byCurrency) totals.set(currency, add(totals.get(currency) ?? zero(), s));
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => figuresOf(s, currency));
}

/** Whether a date (`YYYY-MM-DD…`) is within `from`..`to`, both included. */
export const within = (date: string, from: string, to: string) => {
  const day = date.slice(0, 10);
  return day >= from && day <= to;
};

/** The calendar months (`yyyy-mm`) a period touches. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}
