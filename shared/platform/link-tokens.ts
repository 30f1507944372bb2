import { createHash, randomBytes } from 'node:crypto';
import type { PrimaryKey } from './db/keys.js';
import { fromItem, getItems } from './db/table.js';
import { tooManyRequests } from './errors.js';
import { countAgainst, counterKey, type RateLimit, secondsLeftInWindow } from './rate-limit.js';

/**
 * Tokens of links emailed to people who do not sign in (approval links, document links): 256
 * random bits, of which only a SHA-256 (salted by purpose) is stored, so the table holds no
 * working link. Looking a token up is throttled two ways: bad tokens (malformed, unknown,
 * expired) count against the address that presents them, and each valid link against itself —
 * so a guesser's address never blocks a real link, and a real link cannot be hammered.
 */
const tokenBytes = 32;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Bad tokens one address may present per 15 minutes; then its bad tokens answer 429. */
export const badTokenLimit: RateLimit = { scope: 'link-address', limit: 20, windowSeconds: 15 * 60 };
/** Opens of one valid link per 15 minutes (mail scanners open a link many times; 1,500 is ~2 a second). */
export const linkUseLimit: RateLimit = { scope: 'link-use', limit: 1500, windowSeconds: 15 * 60 };

export const newToken = (): string => randomBytes(tokenBytes).toString('base64url');

export const hashOf = (purpose: string, token: string): string =>
  createHash('sha256').update(`${purpose}:${token}`).digest('hex');

export const addressHash = (ip: string): string =>
  createHash('sha256').update(`link-address:${ip}`).digest('hex');

export type TokenLookup<T> =
  | { kind: 'valid'; record: T; tokenHash: string }
  | { kind: 'expired'; record: T; tokenHash: string }
  | { kind: 'invalid' };

/**
 * Finds the record of a token presented by `ip` (one round trip for the record and the
 * address's counter). A live record counts one use of its link (429 past `linkUseLimit`); a
 * malformed, unknown or expired token counts against the address (429 once it is past
 * `badTokenLimit`, for bad tokens only).
 */
export async function lookUpToken<T>(
  token: string,
  ip: string,
  link: { purpose: string; keyOf: (tokenHash: string) => PrimaryKey; live: (record: T) => boolean },
): Promise<TokenLookup<T>> {
  const tokenHash = tokenPattern.test(token) ? hashOf(link.purpose, token) : undefined;
  const address = addressHash(ip);
  const [counter, item] = await getItems([
    counterKey(badTokenLimit, address),
    ...(tokenHash ? [link.keyOf(tokenHash)] : []),
  ]);
  const record = item ? fromItem<T>(item) : undefined;
  if (record && tokenHash && link.live(record)) {
    if ((await countAgainst(linkUseLimit, tokenHash)) > linkUseLimit.limit) {
      throw tooManyRequests(
        'This link has been opened too many times in a short while; try again later.',
        secondsLeftInWindow(linkUseLimit),
        linkUseLimit.limit,
      );
    }
    return { kind: 'valid', record, tokenHash };
  }
  if (Number(counter?.count ?? 0) >= badTokenLimit.limit) {
    throw tooManyRequests(
      'Too many links that are not valid came from this address; try again later.',
      secondsLeftInWindow(badTokenLimit),
      badTokenLimit.limit,
    );
  }
  await countAgainst(badTokenLimit, address);
  return record && tokenHash ? { kind: 'expired', record, tokenHash } : { kind: 'invalid' };
}
