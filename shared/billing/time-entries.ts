import { Client, TeamMembership } from '../accounts/entities.js';
import { type Caller, roleWords, type StaffRole } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { getItems, type Item } from '../platform/db/table.js';
import { formatDay, type Language } from '../platform/i18n.js';
import { clientOfScopedId } from '../platform/ids.js';
import { money, multiply } from '../platform/money.js';
import { loadBillRates, loadCostRates, type RateTable, rateInForce } from './rates.js';
import { timeRefusal } from './time-messages.js';
import type { Activity } from './time-schemas.js';

/**
 * Time entries (issue 14 §3): the hours a staff member spent on a job, priced when saved. An
 * entry's cost is its minutes at the role's hourly cost rate in force on its date (and, where the
 * client pays by the hour, its bill amount at the client's bill rate), rounded once to the minor
 * unit, half to even (`shared/platform/money.ts`, as cost's pricing) — so a later rate never
 * rewrites time already recorded.
 */

/** The seven dates (Monday first) of an ISO week `YYYY-Www`; empty when the year has no such week. */
export function daysOfIsoWeek(week: string): string[] {
  const [yearText, weekText] = week.split('-W') as [string, string];
  const year = Number(yearText);
  const number = Number(weekText);
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  const start = monday.getTime() + (number - 1) * 7 * 86_400_000;
  const days = Array.from({ length: 7 }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
  return isoWeekOf(days[3]!) === week ? days : [];
}

/** The ISO week (`YYYY-Www`) a date falls in. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A cell of a week as stored on the sheet and as its `TimeEntry` in the client's partition. */
export interface TimeCell {
  entryId: string;
  staffId: string;
  clientId: string;
  jobId: string;
  date: string;
  minutes: number;
  activity: Activity;
  note?: string;
  role: string;
  currency: string;
  costMinor: number;
  billMinor?: number;
  status: 'draft' | 'submitted' | 'approved';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What one cell of the grid is worth: minutes × hourly rate / 60, rounded once. */
export const priceMinutes = (hourlyMinor: number, currency: string, minutes: number): number =>
  multiply(money(hourlyMinor, currency), { numerator: minutes, denominator: 60 }).amountMinor;

/** The jobs the cells name, each checked to be a job of a client the caller is on the team of. */
export interface JobsInReach {
  jobs: Map<string, JobView>;
  clientNames: Map<string, string>;
  /** The currency time on a job is priced in: its budget's, else its client's advertising budget's. */
  currencyOf: (jobId: string) => string;
}

export async function jobsInReach(
  caller: Caller,
  jobIds: readonly string[],
  fieldOf: (jobId: string) => string,
) {
  const byClient = new Map<string, string[]>();
  for (const jobId of jobIds) {
    const clientId = clientOfScopedId(jobId);
    if (!clientId) throw notOnTeam(jobId, fieldOf(jobId));
    byClient.set(clientId, [...(byClient.get(clientId) ?? []), jobId]);
  }
  const clients = [...byClient.keys()];
  const keys = clients.flatMap((c) => [TeamMembership.key(c, caller.staffId), Client.key(c)]);
  const jobKeys = [...byClient].flatMap(([c, ids]) => ids.map((j) => Job.key(c, j)));
  const read = await getItems([...keys, ...jobKeys]);
  const jobs = new Map<string, JobView>();
  const clientNames = new Map<string, string>();
  const clientItems = new Map<string, Item>();
  clients.forEach((clientId, i) => {
    const membership = read[2 * i];
    const client = read[2 * i + 1];
    if (!membership || !client) {
      const first = byClient.get(clientId)![0]!;
      throw notOnTeam(first, fieldOf(first));
    }
    clientNames.set(clientId, client.name as string);
    clientItems.set(clientId, client);
  });
  jobKeys.forEach((_, i) => {
    const item = read[keys.length + i];
    if (item) jobs.set(item.jobId as string, item as unknown as JobView);
  });
  for (const jobId of jobIds) if (!jobs.has(jobId)) throw notOnTeam(jobId, fieldOf(jobId));
  const currencyOf = (jobId: string) => {
    const job = jobs.get(jobId)!;
    const client = clientItems.get(job.clientId);
    const intake = client?.intake as { advertisingBudget?: { currency?: string } } | undefined;
    return job.budget?.currency ?? intake?.advertisingBudget?.currency ?? 'USD';
  };
  return { jobs, clientNames, currencyOf } satisfies JobsInReach;
}

/** Missing, or another client's: the same answer, so no one learns of jobs they do not work on. */
const notOnTeam = (jobId: string, field: string) =>
  timeRefusal(403, 'not_on_team', (w) => w.notOnTeam(jobId), field);

/** Prices cells at the rates in force on their dates; a role without a cost rate is refused. */
export async function ratesFor(clientIds: readonly string[]) {
  const [cost, ...bill] = await Promise.all([loadCostRates(), ...clientIds.map((c) => loadBillRates(c))]);
  const billOf = new Map<string, RateTable>(clientIds.map((c, i) => [c, bill[i]!]));
  return {
    price(
      cell: { clientId: string; date: string; minutes: number },
      role: StaffRole,
      currency: string,
      field: string,
    ) {
      const costRate = rateInForce(cost, role, currency, cell.date);
      if (!costRate) {
        throw timeRefusal(
          422,
          'no_cost_rate',
          (w, language: Language) =>
            w.noCostRate(roleWords[language][role], currency, formatDay(cell.date, language)),
          field,
        );
      }
      const billRate =
        billOf.get(cell.clientId) && rateInForce(billOf.get(cell.clientId)!, role, currency, cell.date);
      return {
        costMinor: priceMinutes(costRate.amountMinor, currency, cell.minutes),
        ...(billRate ? { billMinor: priceMinutes(billRate.amountMinor, currency, cell.minutes) } : {}),
      };
    },
  };
}
