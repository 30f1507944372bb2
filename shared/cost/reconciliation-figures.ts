import { type Money, money } from '../platform/money.js';

/**
 * The arithmetic of the monthly budget reconciliation (issue 13 §3), apart from any I/O so that a
 * test can check it against an independent calculation. Amounts are integers of minor units; a
 * client's figures are in the currency most of its signed jobs use, and jobs in another currency
 * keep their own rows but stay out of the brand rows and totals (never converted).
 *
 * The figures come from the jobs' spend ledgers alone (`ledger.ts`): the transactions that commit,
 * release and bill spend add it to the ledger's month as well as to its running total, so a client's
 * month is one small item per job, not every order and bill. For month M:
 * - job row: signed = the signed total on the job's ledger; committed = what was committed up to the
 *   end of M (orders, and bookings where the estimate carries the media), less what cancellations
 *   gave back up to then; billed = the vendors' bills dated up to the end of M;
 * - brand row: the sums of its jobs, the AE's forecast for M, and `committedInMonth` = what its jobs
 *   committed in M, net of releases in M;
 * - flags, when the variance passes `thresholdPercent`: committed over signed (any amount: the
 *   guard should have stopped it, so it is always worth a reason), billed over committed, and the
 *   month's committed spend off the forecast (either way).
 */
export interface CostInputs {
  jobs: { jobId: string; jobNumber: string; title: string; brandId: string }[];
  brands: { brandId: string; name: string }[];
  ledgers: {
    jobId: string;
    signedTotalMinor?: number;
    currency?: string;
    /** By `yyyy-mm`: committed in the month net of releases, and billed (by bill date). */
    committed: Record<string, number>;
    billed: Record<string, number>;
  }[];
  forecasts: { brandId: string; amount: Money }[];
}

export type VarianceKind = 'committed_over_signed' | 'billed_over_committed' | 'committed_vs_forecast';

export interface Flag {
  kind: VarianceKind;
  variance: Money;
  percent: number;
  reason?: string;
  reasonBy?: string;
}

export interface Row {
  kind: 'job' | 'brand';
  id: string;
  label: string;
  brandId: string;
  signed: Money;
  committed: Money;
  billed: Money;
  forecast?: Money;
  committedInMonth?: Money;
  flags: Flag[];
}

export interface Figures {
  currency: string;
  rows: Row[];
  totals: { signed: Money; committed: Money; billed: Money; forecast?: Money };
  otherCurrencies: string[];
}

const percentOfBase = (variance: number, base: number) =>
  base === 0 ? 100 : Math.round((Math.abs(variance) / base) * 10_000) / 100;

export function reconcile(
  inputs: CostInputs,
  month: string,
  thresholdPercent: number,
  fallbackCurrency: string,
): Figures {
  type Acc = {
    signed: number;
    committed: number;
    billed: number;
    committedInMonth: number;
    currency?: string;
  };
  const upTo = (byMonth: Record<string, number>) =>
    Object.entries(byMonth).reduce((sum, [m, amount]) => (m <= month ? sum + amount : sum), 0);
  const acc = new Map<string, Acc>();
  for (const ledger of inputs.ledgers) {
    acc.set(ledger.jobId, {
      signed: ledger.signedTotalMinor ?? 0,
      committed: upTo(ledger.committed),
      billed: upTo(ledger.billed),
      committedInMonth: ledger.committed[month] ?? 0,
      currency: ledger.currency,
    });
  }
  // The client's currency: the one most of its jobs with figures use.
  const counts = new Map<string, number>();
  for (const a of acc.values()) if (a.currency) counts.set(a.currency, (counts.get(a.currency) ?? 0) + 1);
  const currency =
    [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? fallbackCurrency;
  const other = new Set<string>();
  const threshold = thresholdPercent / 100;
  const rows: Row[] = [];
  const brandAcc = new Map<string, Acc>();
  const jobs = [...inputs.jobs].sort((a, b) => a.jobNumber.localeCompare(b.jobNumber));
  for (const job of jobs) {
    const a = acc.get(job.jobId);
    if (!a) continue;
    const cur = a.currency ?? currency;
    const flags: Flag[] = [];
    if (a.committed > a.signed) {
      flags.push({
        kind: 'committed_over_signed',
        variance: money(a.committed - a.signed, cur),
        percent: percentOfBase(a.committed - a.signed, a.signed),
      });
    }
    if (a.billed > a.committed * (1 + threshold)) {
      flags.push({
        kind: 'billed_over_committed',
        variance: money(a.billed - a.committed, cur),
        percent: percentOfBase(a.billed - a.committed, a.committed),
      });
    }
    rows.push({
      kind: 'job',
      id: job.jobId,
      label: `${job.jobNumber} ${job.title}`,
      brandId: job.brandId,
      signed: money(a.signed, cur),
      committed: money(a.committed, cur),
      billed: money(a.billed, cur),
      flags,
    });
    if (cur !== currency) {
      other.add(cur);
      continue;
    }
    const b = brandAcc.get(job.brandId) ?? { signed: 0, committed: 0, billed: 0, committedInMonth: 0 };
    b.signed += a.signed;
    b.committed += a.committed;
    b.billed += a.billed;
    b.committedInMonth += a.committedInMonth;
    brandAcc.set(job.brandId, b);
  }
  const forecastOf = new Map(
    inputs.forecasts.filter((f) => f.amount.currency === currency).map((f) => [f.brandId, f.amount]),
  );
  let forecastTotal: number | undefined;
  for (const brand of [...inputs.brands].sort((a, b) => a.name.localeCompare(b.name))) {
    const b = brandAcc.get(brand.brandId);
    const forecast = forecastOf.get(brand.brandId);
    if (!b && !forecast) continue;
    const f = b ?? { signed: 0, committed: 0, billed: 0, committedInMonth: 0 };
    const flags: Flag[] = [];
    if (forecast) {
      forecastTotal = (forecastTotal ?? 0) + forecast.amountMinor;
      const variance = f.committedInMonth - forecast.amountMinor;
      if (Math.abs(variance) > forecast.amountMinor * threshold) {
        flags.push({
          kind: 'committed_vs_forecast',
          variance: money(Math.abs(variance), currency),
          percent: percentOfBase(variance, forecast.amountMinor),
        });
      }
    }
    rows.push({
      kind: 'brand',
      id: brand.brandId,
      label: brand.name,
      brandId: brand.brandId,
      signed: money(f.signed, currency),
      committed: money(f.committed, currency),
      billed: money(f.billed, currency),
      forecast,
      committedInMonth: money(f.committedInMonth, currency),
      flags,
    });
  }
  const inCurrency = rows.filter((r) => r.kind === 'brand');
  const total = (pick: (r: Row) => Money) =>
    money(
      inCurrency.reduce((s, r) => s + pick(r).amountMinor, 0),
      currency,
    );
  return {
    currency,
    rows,
    totals: {
      signed: total((r) => r.signed),
      committed: total((r) => r.committed),
      billed: total((r) => r.billed),
      forecast: forecastTotal === undefined ? undefined : money(forecastTotal, currency),
    },
    otherCurrencies: [...other].sort(),
  };
}
