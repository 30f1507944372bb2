/**
 * Runs a data migration (`shared/platform/migrations.ts`) over the whole table: operator tooling
 * for `npm run migrate` and the local stack's start, the one place that scans the table — never a
 * request or a scheduled job (no function's role may Scan, `infra/constructs/table-grants.ts`).
 */
import {
  ConditionalCheckFailedException,
  PutItemCommand,
  ScanCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, tableClient, tableName, unmarshall } from '../shared/platform/db/client.js';
import { getItem, type Item } from '../shared/platform/db/table.js';
import { Migration as MigrationRecord } from '../shared/platform/entities.js';
import type { ItemMigration, Migration, MigrationTools } from '../shared/platform/migrations.js';
import { now } from '../shared/platform/records.js';

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
    const page = await tableClient.send(
      new ScanCommand({
        TableName: tableName(),
        ConsistentRead: true,
        ExclusiveStartKey: start && marshall(start),
        FilterExpression: `#itemType IN (${types.map((_, i) => `:t${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#itemType': 'itemType' },
        ExpressionAttributeValues: marshall(Object.fromEntries(types.map((t, i) => [`:t${i}`, t]))),
      }),
    );
    for (const item of (page.Items ?? []).map((raw) => unmarshall(raw))) {
      report.scanned++;
      if (await upgradeOne(item, byType.get(item.itemType as string)!, tools)) report.upgraded++;
    }
    start = page.LastEvaluatedKey && unmarshall(page.LastEvaluatedKey);
  } while (start);
  await tableClient.send(
    new PutItemCommand({
      TableName: tableName(),
      Item: marshall({
        ...marker,
        itemType: MigrationRecord.type,
        description: migration.description,
        completedAt: now(),
        scanned: report.scanned,
        upgraded: report.upgraded,
        notes: report.notes,
      }),
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
    const unchanged = {
      TableName: tableName(),
      ConditionExpression: versioned ? '#version = :version' : 'attribute_exists(PK)',
      ExpressionAttributeNames: versioned ? { '#version': 'version' } : undefined,
      ExpressionAttributeValues: versioned ? marshall({ ':version': item.version }) : undefined,
    };
    const moved = next.PK !== item.PK || next.SK !== item.SK;
    try {
      if (moved) {
        // A new key: the item is written there and removed from the old one in one transaction.
        await tableClient.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName(),
                  Item: marshall(next),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              { Delete: { ...unchanged, Key: marshall({ PK: item.PK, SK: item.SK }) } },
            ],
          }),
        );
      } else {
        await tableClient.send(new PutItemCommand({ ...unchanged, Item: marshall(next) }));
      }
      return true;
    } catch (error) {
      if (
        !(error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException)
      )
        throw error;
      item = await getItem({ PK: item.PK as string, SK: item.SK as string });
    }
  }
  if (item) throw new Error(`Item ${item.PK} / ${item.SK} kept changing during the migration`);
  return false;
}
