import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { marshall as marshallWith, unmarshall as unmarshallWith } from '@aws-sdk/util-dynamodb';
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
 * One client per container, built at cold start. The endpoint comes from the standard
 * SDK configuration (AWS_ENDPOINT_URL_DYNAMODB locally), never from code; retries follow
 * `retries.ts`. Items are converted to and from DynamoDB's attribute values by `marshall` /
 * `unmarshall` in `table.ts` (what the document client did, once per value, without its extra
 * middleware per call).
 */
export const tableClient = traced(
  cachingMiddleware(new DynamoDBClient({ ...sdkRetryOptions(), cacheMiddleware: true })),
);

/** A plain object as DynamoDB attribute values (undefined fields left out). */
export const marshall = (value: Record<string, NativeAttributeValue>) =>
  marshallWith(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** DynamoDB attribute values as a plain object. */
export const unmarshall = unmarshallWith;

export const tableName = (): string => getTableConfig().tableName;
