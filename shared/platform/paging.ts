import type { Page } from './db/table.js';
import { badRequest } from './errors.js';

const invalidToken = () =>
  badRequest('invalid_next_token', 'nextToken is not valid for this list.', 'query.nextToken');

/**
 * Pages through a list assembled in memory (the clients a staff member can see come
 * from several partitions), with the same opaque `nextToken` contract as a query. A
 * token names the list it belongs to (`scope`) and only continues that list.
 */
export function pageInMemory<T>(
  list: { scope: string; sorted: T[]; sortKey: (item: T) => string },
  limit: number,
  nextToken?: string,
): Page<T> {
  const { scope, sorted, sortKey } = list;
  let after: string | undefined;
  if (nextToken) {
    let decoded: { scope?: unknown; after?: unknown } = {};
    try {
      decoded = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8'));
    } catch {
      throw invalidToken();
    }
    if (typeof decoded?.after !== 'string' || decoded.scope !== scope) throw invalidToken();
    after = decoded.after;
  }
  const remaining = after === undefined ? sorted : sorted.filter((item) => sortKey(item) > (after as string));
  const items = remaining.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextToken:
      remaining.length > limit && last
        ? Buffer.from(JSON.stringify({ scope, after: sortKey(last) })).toString('base64url')
        : undefined,
  };
}
