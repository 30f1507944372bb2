import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { envNames, required } from './config.js';
import { badRequest } from './errors.js';
import { sdkRetryOptions } from './retries.js';
import { traced } from './telemetry.js';

/** One page of a list, and the token of the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Page tokens. Inside, a list continues from a cursor: where the last page ended (a query's
 * last evaluated key, or the sort key of an in-memory list). Outside, a caller only ever sees
 * a **sealed** token: the cursor encrypted with AES-256-GCM (authenticated encryption) under a
 * key from configuration, together with what the token is bound to —
 *
 * - the caller (staff id): a token does not work for anyone else;
 * - the list: the route and the exact path (`GET /clients/{clientId}/brands` for that client);
 * - the filters: every query parameter but `nextToken` and `limit` (the page size may change);
 * - the time it was issued: tokens last 24 hours.
 *
 * So a token says nothing of the keys it holds, cannot be altered or made up, and only
 * continues the list it came from, for the person it was given to. A token that fails any of
 * this is a 400 (`invalid_next_token`) saying why, and nothing is read. The HTTP layer seals
 * every `nextToken` it answers and opens every one it is sent (`sealPageToken`,
 * `openPageToken`), so no list can forget to; the queries still check that a cursor points
 * into the partition they read (`db/table.ts`).
 *
 * The key is derived (HKDF-SHA256) from a secret: in AWS a Secrets Manager secret that the
 * stack generates (`PAGE_TOKEN_SECRET_ARN`, read once per container); locally a secret the local
 * stack generates (`PAGE_TOKEN_SECRET`). Replacing the secret invalidates open tokens only:
 * their lists start again.
 */
export interface PageBinding {
  /** The caller's staff id. */
  caller: string;
  /** Route and path: `GET /clients/{clientId}/brands /clients/01H…/brands`. */
  list: string;
  /** The list's query without `nextToken` and `limit`. */
  filters: Record<string, unknown>;
}

const tokenVersion = 1;
const ivBytes = 12;
const tagBytes = 16;
const maxAgeSeconds = 24 * 60 * 60;

interface Sealed {
  /** The cursor. */
  c: string;
  /** Caller. */
  u: string;
  /** Hash of the list. */
  l: string;
  /** Hash of the filters. */
  f: string;
  /** Issued at (epoch seconds). */
  t: number;
}

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/** The filters in one canonical form: keys sorted, absent values left out. */
const filtersDigest = (filters: Record<string, unknown>) =>
  digest(
    JSON.stringify(
      Object.keys(filters)
        .filter((k) => filters[k] !== undefined && k !== 'nextToken' && k !== 'limit')
        .sort()
        .map((k) => [k, filters[k]]),
    ),
  );

let secret: Promise<string> | undefined;

function pageTokenSecret(): Promise<string> {
  const given = process.env[envNames.pageTokenSecret];
  if (given) return Promise.resolve(given);
  secret ??= traced(new SecretsManagerClient({ ...sdkRetryOptions() }))
    .send(new GetSecretValueCommand({ SecretId: required(envNames.pageTokenSecretArn) }))
    .then((out) => {
      if (!out.SecretString) throw new Error(`${envNames.pageTokenSecretArn} names a secret without a value`);
      return out.SecretString;
    })
    .catch((error: unknown) => {
      secret = undefined; // tried again on the next request
      throw error;
    });
  return secret;
}

const keys = new Map<string, Buffer>();

async function sealingKey(): Promise<Buffer> {
  const value = await pageTokenSecret();
  let key = keys.get(value);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', value, 'account-desk', 'page-token/v1', 32));
    keys.set(value, key);
  }
  return key;
}

const invalid = (detail: string) => badRequest('invalid_next_token', detail, 'query.nextToken');

/** Seals the cursor of the next page for this caller, list and filters. */
export async function sealPageToken(cursor: string, binding: PageBinding): Promise<string> {
  const sealed: Sealed = {
    c: cursor,
    u: binding.caller,
    l: digest(binding.list),
    f: filtersDigest(binding.filters),
    t: Math.floor(Date.now() / 1000),
  };
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([tokenVersion]), iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The cursor a sealed token holds, if it was issued to this caller for this list and filters; else a 400 saying why. */
export async function openPageToken(token: string, binding: PageBinding): Promise<string> {
  const raw = Buffer.from(token, 'base64url');
  let sealed: Sealed;
  try {
    if (
      raw.length < 1 + ivBytes + tagBytes + 1 ||
      raw[0] !== tokenVersion ||
      raw.toString('base64url') !== token
    ) {
      throw new Error('not a sealed token');
    }
    const decipher = createDecipheriv('aes-256-gcm', await sealingKey(), raw.subarray(1, 1 + ivBytes));
    decipher.setAuthTag(raw.subarray(raw.length - tagBytes));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(1 + ivBytes, raw.length - tagBytes)),
      decipher.final(),
    ]);
    sealed = JSON.parse(plain.toString('utf8')) as Sealed;
  } catch {
    throw invalid(
      'nextToken was altered or was not issued by Account Desk: start the list again without it.',
    );
  }
  if (sealed.u !== binding.caller) {
    throw invalid('nextToken was issued to someone else: start the list again without it.');
  }
  if (sealed.l !== digest(binding.list)) {
    throw invalid('nextToken belongs to another list: start this list without it.');
  }
  if (sealed.f !== filtersDigest(binding.filters)) {
    throw invalid(
      'nextToken was issued for other filters: send the same filters as for the first page, or start again.',
    );
  }
  if (Date.now() / 1000 - sealed.t > maxAgeSeconds) {
    throw invalid('nextToken has expired (tokens last 24 hours): start the list again without it.');
  }
  return sealed.c;
}

/**
 * Pages through a list assembled in memory (the clients a staff member can see come
 * from several partitions), with the same cursor contract as a query. A cursor names the
 * list it belongs to (`scope`) and only continues that list.
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
      throw invalid('nextToken is not valid for this list.');
    }
    if (typeof decoded?.after !== 'string' || decoded.scope !== scope) {
      throw invalid('nextToken is not valid for this list.');
    }
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
