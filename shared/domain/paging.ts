import type { Page } from '../db/table.js';
import { badRequest } from '../errors.js';

/**
 * Pages through a list assembled in memory (the clients a staff member can see come
 * from several partitions), with the same opaque `nextToken` contract as a query.
 */
export function pageInMemory<T>(
  sorted: T[],
  sortKey: (item: T) => string,
  limit: number,
  nextToken?: string,
): Page<T> {
  let after: string | undefined;
  if (nextToken) {
    try {
      after = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')).after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string') {
      throw badRequest('invalid_next_token', 'nextToken is not valid for this list.', 'query.nextToken');
    }
  }
  const remaining = after === undefined ? sorted : sorted.filter((item) => sortKey(item) > (after as string));
  const items = remaining.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextToken:
      remaining.length > limit && last
        ? Buffer.from(JSON.stringify({ after: sortKey(last) })).toString('base64url')
        : undefined,
  };
}
