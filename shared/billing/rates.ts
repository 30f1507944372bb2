import { authorize, loadCaller, openClient, openClientWith } from '../accounts/index.js';
import { clientAuditEvent, staffAuditEvent } from '../platform/audit.js';
import {
  fromItem,
  getItem,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { preconditionRequired, versionConflict } from '../platform/errors.js';
import { type Money, money } from '../platform/money.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { BillRate, CostRate } from './entities.js';
import type { PutRateInput, RateView } from './time-schemas.js';

/**
 * Rates (issue 14 §3): what an hour of each role costs the agency (agency-wide, per currency, the
 * head's), and what a client that pays by the hour is billed for it (per client, its AM and
 * above). A rate applies from its `effectiveFrom` day until a later rate of the same role and
 * currency: a time entry is priced at the rate in force on its own date, once, when it is saved.
 */
interface StoredRate {
  role: string;
  hourlyMinor: number;
  currency: string;
  effectiveFrom: string;
  clientId?: string;
  setBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const view = (item: Item): RateView => {
  const r = fromItem<StoredRate>(item);
  return {
    role: r.role as RateView['role'],
    hourlyRate: money(r.hourlyMinor, r.currency),
    effectiveFrom: r.effectiveFrom,
    ...(r.clientId ? { clientId: r.clientId } : {}),
    setBy: r.setBy,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
};

const byRoleThenDate = (a: RateView, b: RateView) =>
  a.role.localeCompare(b.role) ||
  a.hourlyRate.currency.localeCompare(b.hourlyRate.currency) ||
  a.effectiveFrom.localeCompare(b.effectiveFrom);

/** A table of rates for pricing: per role and currency, its periods by start date. */
export type RateTable = ReadonlyMap<string, readonly { from: string; hourlyMinor: number }[]>;

const tableKey = (role: string, currency: string) => `${role}#${currency}`;

export function rateTableOf(items: readonly Item[]): RateTable {
  const table = new Map<string, { from: string; hourlyMinor: number }[]>();
  for (const item of items) {
    const key = tableKey(item.role as string, item.currency as string);
    const periods = table.get(key) ?? [];
    periods.push({ from: item.effectiveFrom as string, hourlyMinor: item.hourlyMinor as number });
    table.set(key, periods);
  }
  for (const periods of table.values()) periods.sort((a, b) => a.from.localeCompare(b.from));
  return table;
}

/** The hourly rate of a role in a currency in force on `date` (the latest period started by then). */
export function rateInForce(
  table: RateTable,
  role: string,
  currency: string,
  date: string,
): Money | undefined {
  const periods = table.get(tableKey(role, currency)) ?? [];
  let found: number | undefined;
  for (const p of periods) if (p.from <= date) found = p.hourlyMinor;
  return found === undefined ? undefined : money(found, currency);
}

export const loadCostRates = async (): Promise<RateTable> => rateTableOf(await queryAll(CostRate.all()));
export const loadBillRates = async (clientId: string): Promise<RateTable> =>
  rateTableOf(await queryAll(BillRate.ofClient(clientId)));

/** Puts a rate: new, or (If-Match) the same role, currency and start day corrected. */
async function putRate(
  key: ReturnType<typeof CostRate.key>,
  itemType: string,
  fields: Omit<StoredRate, 'version' | 'createdAt' | 'updatedAt'>,
  expectedVersion: number | undefined,
  audit: (before: Item | undefined, after: Item) => ReturnType<typeof clientAuditEvent>,
): Promise<RateView> {
  const existing = await getItem(key);
  if (existing) {
    const current = fromItem<StoredRate>(existing);
    if (expectedVersion === undefined) throw preconditionRequired();
    if (expectedVersion !== current.version) throw versionConflict('This rate', expectedVersion ?? 0);
    const next = storedItem(itemType, key, {}, patched(current, fields));
    await transact([
      putIfVersion(next, current.version, () => versionConflict('This rate', current.version)),
      audit(existing, next),
    ]);
    return view(next);
  }
  if (expectedVersion !== undefined && expectedVersion !== 0)
    throw versionConflict('This rate', expectedVersion);
  const item = newRecord(itemType, key, {}, fields);
  await transact([putNew(item, () => versionConflict('This rate', 0)), audit(undefined, item)]);
  return view(item);
}

export async function listCostRates(actorId: string): Promise<RateView[]> {
  const { caller } = await loadCaller(actorId);
  authorize(caller, 'rates.cost');
  return (await queryAll(CostRate.all())).map(view).sort(byRoleThenDate);
}

export async function putCostRate(
  actorId: string,
  role: string,
  input: PutRateInput,
  expectedVersion?: number,
): Promise<RateView> {
  const { caller } = await loadCaller(actorId);
  authorize(caller, 'rates.cost');
  const { currency, amountMinor } = input.hourlyRate;
  return putRate(
    CostRate.key(role, currency, input.effectiveFrom),
    CostRate.type,
    { role, currency, hourlyMinor: amountMinor, effectiveFrom: input.effectiveFrom, setBy: caller.staffId },
    expectedVersion,
    (before, after) =>
      staffAuditEvent(caller.staffId, {
        actorId,
        action: 'cost_rate.set',
        entityType: 'costRate',
        entityId: `${role}#${currency}#${input.effectiveFrom}`,
        before,
        after,
      }),
  );
}

/** The client's bill rates: what its account team quotes an hour at (set by the AM and above). */
export async function listBillRates(actorId: string, clientId: string): Promise<RateView[]> {
  const { result } = await openClientWith(actorId, clientId, () => queryAll(BillRate.ofClient(clientId)));
  return result.map(view).sort(byRoleThenDate);
}

export async function putBillRate(
  actorId: string,
  clientId: string,
  role: string,
  input: PutRateInput,
  expectedVersion?: number,
): Promise<RateView> {
  const { caller } = await openClient(actorId, clientId);
  authorize(caller, 'rates.bill');
  const { currency, amountMinor } = input.hourlyRate;
  return putRate(
    BillRate.key(clientId, role, currency, input.effectiveFrom),
    BillRate.type,
    {
      role,
      currency,
      hourlyMinor: amountMinor,
      effectiveFrom: input.effectiveFrom,
      clientId,
      setBy: caller.staffId,
    },
    expectedVersion,
    (before, after) =>
      clientAuditEvent(clientId, {
        actorId,
        action: 'bill_rate.set',
        entityType: 'billRate',
        entityId: `${role}#${currency}#${input.effectiveFrom}`,
        before,
        after,
      }),
  );
}
