import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './db/client.js';
import { getItem, type Item } from './db/table.js';
import { Migration as MigrationRecord } from './entities.js';
import { currencyCodes, currencyExponent, fromMajor, type Money, roundHalfEven } from './money.js';
import { now } from './records.js';

/**
 * Data migrations: a change to how stored items look, run over the whole table once — by the
 * local stack when it starts, and by `npm run migrate` against a deployed stack. Each context
 * says how its own items change (`ItemMigration`); `scripts/migrations.ts` lists them in order.
 *
 * Idempotent: an upgrade returns nothing for an item already in the new shape, so a migration
 * run twice (or stopped halfway and run again) changes each item once. Safe next to a running
 * API: an item is replaced only if it is still at the version it was read at (else it is read
 * again and upgraded again). Versions, `updatedAt` and ETags do not change: the content is the
 * same, only its representation is. A finished migration leaves a marker (`MIGRATION` /
 * `<name>`) with its counts, so the local stack does not scan again on every start.
 *
 * The one place that scans the table: never on a request path (the API's roles cannot Scan).
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

export interface MigrationReport {
  name: string;
  /** True when the marker said it was done and nothing was scanned. */
  alreadyDone: boolean;
  scanned: number;
  upgraded: number;
  notes: Record<string, number>;
}

const maxAttempts = 5;

/** Runs one migration over the table (skipped when its marker exists, unless `force`). */
export async function runMigration(
  migration: Migration,
  options: { force?: boolean } = {},
): Promise<MigrationReport> {
  const report: MigrationReport = {
    name: migration.name,
    alreadyDone: false,
    scanned: 0,
    upgraded: 0,
    notes: {},
  };
  const marker = MigrationRecord.key(migration.name);
  if (!options.force && (await getItem(marker))) return { ...report, alreadyDone: true };
  const byType = new Map<string, ItemMigration>();
  for (const step of migration.steps) for (const type of step.itemTypes) byType.set(type, step);
  const reads = new Map<string, Promise<Item | undefined>>();
  const tools: MigrationTools = {
    read: (key) => {
      const id = `${key.PK}\u0000${key.SK}`;
      let read = reads.get(id);
      if (!read) {
        read = getItem(key);
        reads.set(id, read);
      }
      return read;
    },
    note: (what) => {
      report.notes[what] = (report.notes[what] ?? 0) + 1;
    },
  };
  const types = [...byType.keys()];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName(),
        ConsistentRead: true,
        ExclusiveStartKey: start,
        FilterExpression: `#itemType IN (${types.map((_, i) => `:t${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#itemType': 'itemType' },
        ExpressionAttributeValues: Object.fromEntries(types.map((t, i) => [`:t${i}`, t])),
      }),
    );
    for (const item of page.Items ?? []) {
      report.scanned++;
      if (await upgradeOne(item, byType.get(item.itemType as string)!, tools)) report.upgraded++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...marker,
        itemType: MigrationRecord.type,
        description: migration.description,
        completedAt: now(),
        scanned: report.scanned,
        upgraded: report.upgraded,
        notes: report.notes,
      },
    }),
  );
  return report;
}

/** Replaces one item by its upgrade, if it is still the item that was read; true when it changed. */
async function upgradeOne(read: Item, step: ItemMigration, tools: MigrationTools): Promise<boolean> {
  let item: Item | undefined = read;
  for (let attempt = 0; item && attempt < maxAttempts; attempt++) {
    const next = await step.upgrade(item, tools);
    if (!next) return false;
    const versioned = typeof item.version === 'number';
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName(),
          Item: next,
          ConditionExpression: versioned ? '#version = :version' : 'attribute_exists(PK)',
          ExpressionAttributeNames: versioned ? { '#version': 'version' } : undefined,
          ExpressionAttributeValues: versioned ? { ':version': item.version } : undefined,
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      item = await getItem({ PK: item.PK as string, SK: item.SK as string });
    }
  }
  if (item) throw new Error(`Item ${item.PK} / ${item.SK} kept changing during the migration`);
  return false;
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
