import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { badRequest } from '../errors.js';
import type { Page } from '../paging.js';
import { marshall, tableClient, tableName, unmarshall } from './client.js';
import { type KeyQuery, type PrimaryKey, storageAttributes } from './keys.js';
import { tableSchema } from './table-schema.js';

export type Item = Record<string, unknown>;

/** Reads are strongly consistent: an approval or a role change must be seen at once. */
export async function getItem(key: PrimaryKey): Promise<Item | undefined> {
  const out = await tableClient.send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(key), ConsistentRead: true }),
  );
  return out.Item && unmarshall(out.Item);
}

const batchGetLimit = 100;

const keyId = (key: PrimaryKey) => `${key.PK}\u0000${key.SK}`;

/**
 * Several items in one round trip (one BatchGetItem per 100 keys), answered in the order asked;
 * missing items are undefined. Unprocessed keys are retried with backoff.
 */
export async function getItems(keys: PrimaryKey[]): Promise<(Item | undefined)[]> {
  if (keys.length === 1) return [await getItem(keys[0]!)];
  const unique = [...new Map(keys.map((k) => [keyId(k), k])).values()];
  const found = new Map<string, Item>();
  for (let start = 0; start < unique.length; start += batchGetLimit) {
    let pending = unique.slice(start, start + batchGetLimit).map((key) => marshall(key));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
      if (attempt > 0) await backoff(attempt);
      const out = await tableClient.send(
        new BatchGetItemCommand({
          RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const raw of out.Responses?.[tableName()] ?? []) {
        const item = unmarshall(raw);
        found.set(keyId(item as PrimaryKey), item);
      }
      pending = out.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  return keys.map((k) => found.get(keyId(k)));
}

const batchWriteLimit = 25;

/**
 * Puts many items that need no condition and no audit event of their own — derived rows under
 * deterministic keys, so writing them again rewrites the same items — with BatchWriteItem in
 * chunks of 25 (a few chunks at a time); unprocessed items are retried with backoff. Not
 * atomic: the caller records its work as done (in a transaction) only after this returned.
 */
export async function putBatch(items: Item[], concurrency = 4): Promise<void> {
  const unique = [...new Map(items.map((i) => [keyId(i as unknown as PrimaryKey), i])).values()];
  const chunks: Item[][] = [];
  for (let start = 0; start < unique.length; start += batchWriteLimit) {
    chunks.push(unique.slice(start, start + batchWriteLimit));
  }
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await writeChunk(chunks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}

async function writeChunk(chunk: Item[]): Promise<void> {
  let pending: WriteRequest[] = chunk.map((item) => ({ PutRequest: { Item: marshall(item) } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 8) throw new Error('BatchWriteItem kept returning unprocessed items');
    if (attempt > 0) await backoff(attempt);
    const out = await tableClient.send(
      new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending } }),
    );
    pending = out.UnprocessedItems?.[tableName()] ?? [];
  }
}

export type { Page } from '../paging.js';

export interface QueryOptions {
  limit: number;
  nextToken?: string;
  newestFirst?: boolean;
  /** Only these attributes (a large stream reads less; DynamoDB fills 1 MB pages with more items). */
  attributes?: readonly string[];
  /** Narrows an already key-bounded query (never a Scan). */
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

function keyAttributes(query: KeyQuery) {
  const index = tableSchema.globalSecondaryIndexes.find((i) => i.indexName === query.index);
  return index
    ? { partitionKey: index.partitionKey, sortKey: index.sortKey }
    : { partitionKey: tableSchema.partitionKey, sortKey: tableSchema.sortKey };
}

/**
 * A query's cursor (its last evaluated key; callers only ever see it sealed, `paging.ts`) is
 * checked on the way back in: one that does not point into the partition being queried is
 * rejected, so it can never be used to read another partition.
 */
function decodeNextToken(token: string, query: KeyQuery): Record<string, string> {
  const invalid = () =>
    badRequest('invalid_next_token', 'nextToken is not valid for this list.', 'query.nextToken');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { partitionKey, sortKey } = keyAttributes(query);
  // Exactly the key of an item of this list: the table's key, plus the index's on an index.
  const expected = new Set<string>([tableSchema.partitionKey, tableSchema.sortKey, partitionKey, sortKey]);
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    Array.isArray(decoded) ||
    !Object.values(decoded).every((v) => typeof v === 'string') ||
    Object.keys(decoded).length !== expected.size ||
    !Object.keys(decoded).every((k) => expected.has(k)) ||
    (decoded as Record<string, string>)[partitionKey] !== query.partition
  ) {
    throw invalid();
  }
  return decoded as Record<string, string>;
}

const encodeNextToken = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** The page token that continues `query` right after `item` (an item it returned). */
export function pageTokenAfter(item: Item, query: KeyQuery): string {
  const { partitionKey, sortKey } = keyAttributes(query);
  const names = new Set([tableSchema.partitionKey, tableSchema.sortKey, partitionKey, sortKey]);
  return encodeNextToken(Object.fromEntries([...names].map((name) => [name, item[name]])));
}

export function queryPage(query: KeyQuery, options: QueryOptions): Promise<Page<Item>> {
  return runQuery(query, options, (item) => unmarshall(item));
}

/**
 * A page of a list as the domain sees its items (`fromItem`), read in one pass: the storage
 * attributes are never converted and no second copy of each item is made (a page of 25 jobs
 * or audit events took twice the time the other way).
 */
export function queryViews<T>(query: KeyQuery, options: QueryOptions): Promise<Page<T>> {
  return runQuery(query, options, (item) => unmarshall(item, storage) as T);
}

async function runQuery<T>(
  query: KeyQuery,
  options: QueryOptions,
  convert: (item: Record<string, AttributeValue>) => T,
): Promise<Page<T>> {
  const { partitionKey, sortKey } = keyAttributes(query);
  const values: Item = {
    ':pk': query.partition,
    ...(query.sortPrefix ? { ':sk': query.sortPrefix } : {}),
  };
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: query.index,
    KeyConditionExpression: query.sortPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': partitionKey, ...(query.sortPrefix ? { '#sk': sortKey } : {}) },
    // The table (not an index) is read consistently, like getItem: a workflow step just written is seen.
    ConsistentRead: !query.index,
    ScanIndexForward: !options.newestFirst,
    Limit: options.limit,
    ExclusiveStartKey: options.nextToken ? marshall(decodeNextToken(options.nextToken, query)) : undefined,
  };
  if (options.attributes) {
    input.ProjectionExpression = options.attributes.map((_, i) => `#a${i}`).join(', ');
    options.attributes.forEach((attribute, i) => {
      input.ExpressionAttributeNames![`#a${i}`] = attribute;
    });
  }
  if (options.filter) {
    input.FilterExpression = options.filter.expression;
    Object.assign(input.ExpressionAttributeNames!, options.filter.names);
    Object.assign(values, options.filter.values);
  }
  input.ExpressionAttributeValues = marshall(values);
  const out = await tableClient.send(new QueryCommand(input));
  return {
    items: (out.Items ?? []).map(convert),
    nextToken: out.LastEvaluatedKey ? encodeNextToken(unmarshall(out.LastEvaluatedKey)) : undefined,
  };
}

/** Every item under a key condition, for small bounded sets (a manager's direct reports). */
export async function queryAll(query: KeyQuery): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(query, { limit: 100, nextToken });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

interface Condition {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD';
}

/** One item of a transaction, in plain values (converted to attribute values when sent). */
type TransactItem =
  | { Put: { TableName: string; Item: Item } & Condition }
  | { Delete: { TableName: string; Key: PrimaryKey } & Condition }
  | { Update: { TableName: string; Key: PrimaryKey; UpdateExpression: string } & Condition }
  | { ConditionCheck: { TableName: string; Key: PrimaryKey; ConditionExpression: string } & Condition };

const values = (given: Item | undefined) => (given ? marshall(given) : undefined);

/** A transaction item as DynamoDB takes it. */
function toTransactWriteItem(item: TransactItem): TransactWriteItem {
  if ('Put' in item) {
    const { Item: plain, ExpressionAttributeValues, ...rest } = item.Put;
    return {
      Put: { ...rest, Item: marshall(plain), ExpressionAttributeValues: values(ExpressionAttributeValues) },
    };
  }
  if ('Delete' in item) {
    const { Key, ExpressionAttributeValues, ...rest } = item.Delete;
    return {
      Delete: { ...rest, Key: marshall(Key), ExpressionAttributeValues: values(ExpressionAttributeValues) },
    };
  }
  if ('Update' in item) {
    const { Key, ExpressionAttributeValues, ...rest } = item.Update;
    return {
      Update: { ...rest, Key: marshall(Key), ExpressionAttributeValues: values(ExpressionAttributeValues) },
    };
  }
  const { Key, ExpressionAttributeValues, ...rest } = item.ConditionCheck;
  return {
    ConditionCheck: {
      ...rest,
      Key: marshall(Key),
      ExpressionAttributeValues: values(ExpressionAttributeValues),
    },
  };
}

/** One write of a transaction, with the domain error to raise if its condition fails. */
export interface WriteOp {
  item: TransactItem;
  onConditionFailed?: (current: Item | undefined) => Error;
}

/** Create an item that must not exist yet (ids, uniqueness markers, audit events). */
export const putNew = (item: Item, onConditionFailed?: WriteOp['onConditionFailed']): WriteOp => ({
  item: {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: 'attribute_not_exists(PK)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed,
});

/** Write an item whose condition is given by the caller (counters, guarded markers). */
export const putWhen = (
  item: Item,
  condition: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp => ({
  item: {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed,
});

/** Replace an item only if it is still at the version the change was based on. */
export const putIfVersion = (
  item: Item,
  expectedVersion: number,
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp =>
  putWhen(
    item,
    {
      expression: '#version = :expectedVersion',
      names: { '#version': 'version' },
      values: { ':expectedVersion': expectedVersion },
    },
    onConditionFailed,
  );

/** An unconditional write, for items derived from one already guarded in the same transaction. */
export const putItem = (item: Item): WriteOp => ({ item: { Put: { TableName: tableName(), Item: item } } });

export const deleteItem = (key: PrimaryKey): WriteOp => ({
  item: { Delete: { TableName: tableName(), Key: key } },
});

/** A condition on an item the transaction does not write (a step still pending, a nonce still unused). */
export const checkWhen = (
  key: PrimaryKey,
  condition: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp => ({
  item: {
    ConditionCheck: {
      TableName: tableName(),
      Key: key,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  onConditionFailed,
});

/**
 * Update some attributes of an item in a transaction, leaving the others as they are (a ledger whose
 * other fields another writer owns), optionally only while a condition holds.
 */
export const updateWhen = (
  key: PrimaryKey,
  update: {
    expression: string;
    condition?: string;
    names?: Record<string, string>;
    values?: Record<string, unknown>;
  },
  onConditionFailed?: WriteOp['onConditionFailed'],
): WriteOp => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: update.expression,
      ConditionExpression: update.condition,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
      ...(update.condition ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    },
  },
  onConditionFailed,
});

/** Delete an item only while a condition holds (a single-use marker is consumed once). */
export const deleteWhen = (
  key: PrimaryKey,
  condition: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp => ({
  item: {
    Delete: {
      TableName: tableName(),
      Key: key,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
    },
  },
  onConditionFailed,
});

/**
 * Adds one to a counter item (created on first use, removed by TTL at `expiresAtEpoch`) and
 * returns the new count: one atomic UpdateItem, so concurrent increments are never lost.
 */
export async function incrementCounter(
  key: PrimaryKey,
  itemType: string,
  expiresAtEpoch: number,
): Promise<number> {
  const out = await tableClient.send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(key),
      UpdateExpression: 'ADD #count :one SET #itemType = :itemType, #expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#count': 'count', '#itemType': 'itemType', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: marshall({ ':one': 1, ':itemType': itemType, ':expiresAt': expiresAtEpoch }),
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count?.N ?? 0);
}

/** Another transaction touched the same items at the same moment: safe to retry. */
export class TransactionRaceError extends Error {
  constructor() {
    super('A concurrent transaction touched the same items');
    this.name = 'TransactionRaceError';
  }
}

/**
 * All or nothing: every multi-item change goes through here. A failed condition
 * raises the domain error of the write that failed.
 *
 * Each transaction carries its own client request token, and the SDK's retries (`retries.ts`)
 * resend it unchanged: when an attempt's outcome is unknown (a timeout, a 5xx, a lost answer)
 * and the retry finds the transaction already applied, DynamoDB answers it as a success
 * instead of applying it again (tokens are remembered for 10 minutes), so a create retried
 * after an unknown outcome never creates twice. A new call (a domain retry after a race,
 * with new reads) gets a new token.
 */
export async function transact(ops: WriteOp[]): Promise<void> {
  try {
    await tableClient.send(
      new TransactWriteItemsCommand({
        TransactItems: ops.map((o) => toTransactWriteItem(o.item)),
        ClientRequestToken: randomUUID(),
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failedAt = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (failedAt >= 0) {
      const handler = ops[failedAt]?.onConditionFailed;
      const current = reasons[failedAt]?.Item;
      if (handler) throw handler(current ? unmarshall(current as Record<string, AttributeValue>) : undefined);
      throw error;
    }
    if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionRaceError();
    throw error;
  }
}

/** Full-jitter exponential backoff (AWS Architecture Blog), capped at ~1 s. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 20 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

const storage: ReadonlySet<string> = new Set(storageAttributes);

/**
 * The item as the domain sees it: storage keys and markers removed. Built by copying the other
 * attributes (a list maps every item through here; deleting from a copy made each one slow).
 */
export function fromItem<T>(item: Item): T {
  const view: Item = {};
  for (const name in item) if (!storage.has(name)) view[name] = item[name];
  return view as T;
}
