import { authorize, clientView, openClientWith } from '../accounts/index.js';
import { directCostsOfClient, directCostsOfJob, type PlannedMargin, plannedMargins } from '../cost/index.js';
import { Job } from '../jobs/entities.js';
import { openJobScope } from '../jobs/index.js';
import type { KeyQuery } from '../platform/db/keys.js';
import { type Item, queryAll, queryPage } from '../platform/db/table.js';
import { RevenueEntry, TimeEntry } from './entities.js';
import {
  type BillInput,
  figuresOf,
  monthsOf,
  type ProfitFigures,
  type ProfitInputs,
  percentOf,
  type RevenueInput,
  type Sums,
  sumBy,
  type TimeInput,
  totalsByCurrency,
  within,
} from './profit-figures.js';
import type { JobProfit } from './time-schemas.js';

/**
 * Profit per job, per client over a period and per month (issue 14 §3): revenue from billing's
 * revenue entries (written by issued invoices and credit notes), direct costs from cost's vendors'
 * bills, staff time at cost from time entries, against each signed estimate's planned margin.
 * Seen by the account manager and above on the client's team (and the head, for every client):
 * margins show what staff cost, which the AE and below do not see (`profit.view`).
 */
const revenueFields = [
  'jobId',
  'issuedOn',
  'kind',
  'currency',
  'feesMinor',
  'commissionMinor',
  'rebilledMinor',
];
const timeFields = ['jobId', 'date', 'minutes', 'costMinor', 'currency'];

/** Every item of a key condition, only the fields profit reads (large pages). */
export async function queryFields(query: KeyQuery, attributes: readonly string[]): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(query, { limit: 10_000, nextToken, attributes });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

export const asRevenue = (items: Item[]) => items as unknown as RevenueInput[];
export const asTime = (items: Item[]) => items as unknown as TimeInput[];

/** A client's revenue entries and time entries over the months of a period (by the date prefix of their keys). */
export async function clientActivity(clientId: string, months: readonly string[]) {
  const [revenue, time] = await Promise.all([
    Promise.all(months.map((m) => queryFields(RevenueEntry.ofClient(clientId, m), revenueFields))),
    Promise.all(months.map((m) => queryFields(TimeEntry.ofClient(clientId, m), timeFields))),
  ]);
  return { revenue: asRevenue(revenue.flat()), time: asTime(time.flat()) };
}

export function plannedView(planned: PlannedMargin | undefined) {
  if (!planned) return {};
  const plannedMarginPercent = percentOf(planned.agencyIncome.amountMinor, planned.subtotal.amountMinor);
  return {
    planned: {
      estimateId: planned.estimateId,
      version: planned.version,
      subtotal: planned.subtotal,
      agencyIncome: planned.agencyIncome,
      plannedMarginPercent,
    },
  };
}

export function jobRow(
  job: { jobId: string; clientId: string; jobNumber: string; title: string },
  figures: ProfitFigures,
  planned: PlannedMargin | undefined,
): JobProfit {
  const plan = plannedView(planned && planned.subtotal.currency === figures.currency ? planned : undefined);
  const plannedPercent = plan.planned?.plannedMarginPercent;
  return {
    jobId: job.jobId,
    clientId: job.clientId,
    jobNumber: job.jobNumber,
    title: job.title,
    ...figures,
    ...plan,
    ...(plan.planned
      ? {
          marginVsPlan:
            figures.marginPercent === null || plannedPercent === null || plannedPercent === undefined
              ? null
              : Math.round((figures.marginPercent - plannedPercent) * 100) / 100,
        }
      : {}),
  };
}

const zeroSums: Sums = { fees: 0, commission: 0, rebilled: 0, directCosts: 0, timeCost: 0, minutes: 0 };

/** `GET /jobs/{jobId}/profit`: the job over its whole life, in its currency. */
export async function getJobProfit(actorId: string, jobId: string): Promise<JobProfit> {
  const { caller, clientId, job } = await openJobScope(actorId, jobId);
  authorize(caller, 'profit.view');
  const [revenue, time, costs] = await Promise.all([
    queryFields(RevenueEntry.ofJob(jobId), revenueFields),
    queryFields(TimeEntry.ofJob(jobId), timeFields),
    directCostsOfJob(clientId, jobId),
  ]);
  const [planned] = await plannedMargins(clientId, costs.signed);
  const inputs: ProfitInputs = { revenue: asRevenue(revenue), bills: costs.bills, time: asTime(time) };
  const sums = sumBy(inputs, () => jobId).get(jobId) ?? new Map<string, Sums>();
  const currency = planned?.subtotal.currency ?? job.budget?.currency ?? [...sums.keys()][0] ?? 'USD';
  return jobRow({ ...job, clientId }, figuresOf(sums.get(currency) ?? zeroSums, currency), planned);
}

/** `GET /clients/{clientId}/profit?from&to`: per job, per month and in total, per currency. */
export async function getClientProfit(actorId: string, clientId: string, from: string, to: string) {
  const months = monthsOf(from, to);
  const { caller, clientItem, result } = await openClientWith(actorId, clientId, () =>
    Promise.all([
      clientActivity(clientId, months),
      directCostsOfClient(clientId),
      queryAll(Job.ofClient(clientId)),
    ]),
  );
  authorize(caller, 'profit.view');
  const [activity, costs, jobItems] = result;
  const bills: BillInput[] = costs.bills;
  const inputs: ProfitInputs = { ...activity, bills };
  const inPeriod = (date: string) => within(date, from, to);
  const byJob = sumBy(inputs, (jobId, date) => (inPeriod(date) ? jobId : undefined));
  const byMonth = sumBy(inputs, (_jobId, date) => (inPeriod(date) ? date.slice(0, 7) : undefined));
  const planned = await plannedMargins(
    clientId,
    costs.signed.filter((s) => byJob.has(s.jobId)),
  );
  const plannedOf = new Map(planned.map((p) => [p.jobId, p]));
  const jobsById = new Map(jobItems.map((j) => [j.jobId as string, j]));
  const jobs = [...byJob].flatMap(([jobId, byCurrency]) => {
    const job = jobsById.get(jobId);
    const label = {
      jobId,
      clientId,
      jobNumber: (job?.jobNumber as string | undefined) ?? '',
      title: (job?.title as string | undefined) ?? '',
    };
    return [...byCurrency].map(([currency, s]) =>
      jobRow(label, figuresOf(s, currency), plannedOf.get(jobId)),
    );
  });
  jobs.sort((a, b) => a.jobNumber.localeCompare(b.jobNumber) || a.currency.localeCompare(b.currency));
  return {
    clientId,
    clientName: clientView(clientItem).name,
    from,
    to,
    totals: totalsByCurrency(byJob.values()),
    jobs,
    months: [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([month, byCurrency]) =>
        [...byCurrency]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, s]) => ({ month, ...figuresOf(s, currency) })),
      ),
  };
}
