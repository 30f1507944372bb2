import type { Item } from './db/table.js';
import { currencyCodes, currencyExponent, fromMajor, type Money, roundHalfEven } from './money.js';

/**
 * Data migrations: a change to how stored items look, run over the whole table once — by the
 * local stack when it starts, and by `npm run migrate` against a deployed stack. Each context
 * says how its own items change (`ItemMigration`); `scripts/migrations.ts` lists them in order and
 * `scripts/migration-runner.ts` runs them (operator tooling: the one place that scans the table,
 * never request or job code — no function's role may Scan).
 *
 * Idempotent: an upgrade returns nothing for an item already in the new shape, so a migration
 * run twice (or stopped halfway and run again) changes each item once. Safe next to a running
 * API: an item is replaced only if it is still at the version it was read at (else it is read
 * again and upgraded again). Versions, `updatedAt` and ETags do not change: the content is the
 * same, only its representation is. A finished migration leaves a marker (`MIGRATION` /
 * `<name>`) with its counts, so the local stack does not scan again on every start.
 */
export interface ItemMigration {
  /** The `itemType`s this step upgrades. */
  itemTypes: readonly string[];
  /** The item in the new shape, or undefined when it already is. */
  upgrade: (item: Item, tools: MigrationTools) => Promise<Item | undefined> | Item | undefined;
}

export interface MigrationTools {
  /** Reads another item (strongly consistent), e.g. the campaign a row belongs to. */
  read: (key: { PK: string; SK: string }) => Promise<Item | undefined>;
  /** Counts something worth reporting (`rounded`: an amount that had more decimals than its currency). */
  note: (what: string) => void;
}

export interface Migration {
  name: string;
  description: string;
  steps: ItemMigration[];
}

/**
 * An amount in the shape stored before money was integer minor units — `{ amount: 1234.5,
 * currency }`, or a bare number of major units with the currency known from elsewhere — as
 * Money; undefined when it is not such an amount (already Money, or absent). Converted exactly;
 * an amount with more decimals than its currency has (JPY 1000.5, a stored 1e-20) is rounded
 * half to even to the minor unit, and noted as `rounded`.
 */
export function legacyMoney(value: unknown, tools: MigrationTools, currency?: string): Money | undefined {
  let amount: unknown = value;
  let code = currency;
  if (typeof value === 'object' && value !== null) {
    if ('amountMinor' in value) return undefined;
    amount = (value as { amount?: unknown }).amount;
    code = (value as { currency?: unknown }).currency as string | undefined;
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || !code || !currencyCodes.has(code)) {
    return undefined;
  }
  try {
    return fromMajor(amount, code);
  } catch {
    tools.note('rounded');
    return { amountMinor: roundHalfEven(amount * 10 ** currencyExponent(code)), currency: code };
  }
}
