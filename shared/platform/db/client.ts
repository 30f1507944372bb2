import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { marshall as marshallWith } from '@aws-sdk/util-dynamodb';
import { getTableConfig } from '../config.js';
import { sdkRetryOptions } from '../retries.js';
import { traced } from '../telemetry.js';

/**
 * The middleware chain of each command is built once and reused (`cacheMiddleware`): building it
 * per call (copying and sorting ~30 middlewares, twice through the document client) was a
 * noticeable part of a write's CPU. A middleware added later (tests' fault injection, the bench's
 * request counter) clears the cache, so it still applies from the next call on.
 */
function cachingMiddleware(client: DynamoDBClient): DynamoDBClient {
  const stack = client.middlewareStack;
  const forget = () => {
    delete (client as unknown as { handlers?: unknown }).handlers;
  };
  for (const method of ['add', 'addRelativeTo', 'use', 'remove', 'removeByTag'] as const) {
    const original = stack[method].bind(stack) as (...args: unknown[]) => unknown;
    (stack as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      forget();
      return original(...args);
    };
  }
  return client;
}

/**
 * Without the SDK's logger middleware. With no logger configured, it still ran every answer
 * through the service schema's sensitive-data filter — each attribute of each item of a query,
 * walked and copied — for a logger that drops it: the largest CPU cost of a list call. Errors
 * still reach the caller and are logged where they are handled.
 */
export function withoutSdkLogFilter<C extends { middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

/**
 * One client per container, built at cold start. The endpoint comes from the standard
 * SDK configuration (AWS_ENDPOINT_URL_DYNAMODB locally), never from code; retries follow
 * `retries.ts`. Items are converted to and from DynamoDB's attribute values by `marshall` /
 * `unmarshall` in `table.ts` (what the document client did, once per value, without its extra
 * middleware per call).
 */
export const tableClient = traced(
  cachingMiddleware(withoutSdkLogFilter(new DynamoDBClient({ ...sdkRetryOptions(), cacheMiddleware: true }))),
);

const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

/** Whether a value is left out of a map or list, as `removeUndefinedValues` leaves it out. */
const leftOut = (value: unknown) => value === undefined || typeof value === 'function';

/**
 * One value as an attribute value: what the SDK's `marshall` gives, written out for the values
 * items are made of (strings, safe numbers, booleans, null, lists, plain objects). The SDK tried
 * each type by its constructor's name in turn and checked every number against a freshly built
 * list of special values, the larger part of a write's own CPU; anything else (sets, binary,
 * BigInt, numbers it refuses) still goes through the SDK, which converts it or says why not.
 */
function attributeOf(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      // The SDK's range: finite, within the safe integers (beyond them it asks for a BigInt).
      if (Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return { N: String(value) };
      break;
    case 'boolean':
      return { BOOL: value };
    case 'object': {
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) {
        const list: AttributeValue[] = [];
        for (const entry of value) if (!leftOut(entry)) list.push(attributeOf(entry));
        return { L: list };
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null)
        return { M: marshall(value as Record<string, unknown>) };
      break;
    }
  }
  return marshallWith({ value } as Record<string, NativeAttributeValue>, marshallOptions).value!;
}

/** A plain object as DynamoDB attribute values (undefined fields left out). */
export function marshall(value: Record<string, NativeAttributeValue>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name in value) {
    const field = value[name];
    if (!leftOut(field)) out[name] = attributeOf(field);
  }
  return out;
}

/** A number as `unmarshall` reads it: beyond the safe integers, a BigInt (else it would lose digits). */
function numberOf(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) || !Number.isInteger(value) || !Number.isFinite(value)
    ? value
    : BigInt(text);
}

/** One attribute value as a plain value: what the SDK's `unmarshall` returns, without its per-value entry arrays. */
function nativeOf(value: AttributeValue): NativeAttributeValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return numberOf(value.N);
  if (value.M !== undefined) return unmarshall(value.M);
  if (value.L !== undefined) return value.L.map(nativeOf);
  if (value.BOOL !== undefined) return Boolean(value.BOOL);
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return value.B;
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(numberOf));
  if (value.BS !== undefined) return new Set(value.BS);
  throw new Error(`Unsupported attribute value: ${JSON.stringify(value)}`);
}

/**
 * DynamoDB attribute values as a plain object. The same as the SDK's `unmarshall`, which copied
 * each value's entries into arrays to find its one type: a list of 25 audit events spent more
 * time here than in its own code.
 */
export function unmarshall(
  item: Record<string, AttributeValue>,
  /** Top-level attributes not to read (a list's views skip the storage attributes). */
  leaveOut?: ReadonlySet<string>,
): Record<string, NativeAttributeValue> {
  const out: Record<string, NativeAttributeValue> = {};
  for (const name in item) if (!leaveOut?.has(name)) out[name] = nativeOf(item[name]!);
  return out;
}

export const tableName = (): string => getTableConfig().tableName;
