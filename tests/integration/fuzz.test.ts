/**
 * Fuzz of every route of the API (issue 9 §4), the route list taken from `apiAreas`, so a new
 * route is fuzzed without anyone adding it here. Each request starts from a request the route
 * takes — real ids of a world of resources (`route-world.ts`), the route's valid body — and
 * spoils one thing: a leaf of the body, a query parameter or a path parameter becomes a hostile
 * number (1e-131, 1e308, -0, 1e309 and 1e-400 as raw JSON, "NaN", huge integers), a hostile
 * string (control characters, CR/LF, lone surrogates, bidi overrides, zero-width and combining
 * runs, 1 MB) or hostile nesting (thousands of levels, thousands of items).
 *
 * The route's own schemas say beforehand whether the request gets past validation. Those that do
 * not must be answered 4xx, and together they must leave the table as it was (its item count,
 * before and after, with nothing else running). Those that do may do what the route does, and
 * are capped per write route. Every answer, of either kind: no 5xx. The approval page's routes
 * are public and count a bad token against the caller's address (a write, by design): their
 * requests come from addresses of their own (127.88.x.y) and are held to no 5xx only.
 *
 * Bounded by count: `randomRequests` random requests over the file, shared by the routes (never
 * fewer than `minimumPerRoute` each, so the file's time stays put as routes are added), plus each
 * poison number on every number a route takes; 4 at a time.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../functions/http/route-spec.js';
import { apiUrl } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { buildRouteWorld, idsOf, type World } from '../support/route-world.js';

const randomRequests = 1400;
const minimumPerRoute = 6;
/** Requests that get past validation, per write route (each may create something). */
const acceptedWritesPerRoute = 4;
const concurrency = 4;

// ---- Hostile values ----

/** Numbers as JSON text: what JSON.stringify can write, and what it cannot (1e309 parses to Infinity, 1e-400 to 0). */
const hostileNumbers = [
  '1e-131',
  '-1e-131',
  '1e-20',
  '5e-324',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '0',
  '0.5',
  '-1',
  '1.5',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e21',
  '0.30000000000000004',
];
const hostileStrings = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  ' 5 ',
  '١٢٣',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f\u0085',
  'Subject\r\nBcc: victim@example.com',
  '\u2028\u2029',
  '\ud800',
  'x\udfffy',
  '\ufeffBOM',
  '\u202eevil.exe',
  '\u200b\u200c\u200d\u2060',
  'e\u0301'.repeat(2000),
  '𝕏'.repeat(3000),
  '👩‍👩‍👧‍👦'.repeat(500),
  'x'.repeat(1024 * 1024),
  'ä'.repeat(40_000),
  '../../etc/passwd',
  '%00%0d%0a',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text on purpose
  '${7*7}{{7*7}}',
  '__proto__',
  '2020-02-30',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV_01ARZ3NDEKTSV4RRFFQ69G5FAV',
];
/** Put systematically on every number a route takes: what DynamoDB cannot store, or not exactly. */
const poisonNumbers = [
  '1e-131',
  '-1e-131',
  '1e-20',
  '5e-324',
  '1e-400',
  '1e308',
  '1e309',
  '9007199254740993',
  '123456789012345678901234567890',
  '0.30000000000000004',
  '1e21',
  '"NaN"',
  '"1e-131"',
  '-0',
];

/** Poisons JSON turns into ordinary numbers (1e-400 parses to 0): taken like any number, not sent first. */
const harmless = new Set(['-0', '1e-400']);

/** Hostile structures, as JSON text. */
const hostileNesting = [
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  JSON.stringify(Array.from({ length: 8000 }, () => 0)),
  JSON.stringify(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]))),
  '[]',
  '{}',
  'null',
  'true',
  '[null]',
  '{"__proto__":{"admin":true}}',
];
const hostileJson = [...hostileNumbers, ...hostileStrings.map((s) => JSON.stringify(s)), ...hostileNesting];

// ---- Requests ----

interface Planned {
  route: RouteSpec;
  what: string;
  path: string;
  query: Record<string, string>;
  body?: string;
  /** Whether the route's schemas take the request (path, query and body). */
  accepted: boolean;
  /** Send the resource's current version in If-Match (else a version that is not current). */
  currentVersion: boolean;
  /** A number that must never reach storage (1e-131, 1e308, …) put where the route takes a number. */
  poison: boolean;
}

/** Every path to a leaf (or a whole value) of a JSON value: ['lines', 0, 'rate', 'amountMinor'], …. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return here;
}

const marker = 'HOSTILE-VALUE-8d1f5c';

/** The body with the value at `at` replaced by raw JSON text. */
function spliced(body: unknown, at: (string | number)[], raw: string): string {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, () => raw);
}

const isEmptyObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

const parses = (schema: { safeParse: (v: unknown) => { success: boolean } } | undefined, value: unknown) =>
  !schema || schema.safeParse(value).success;

const hostileToken = () => randomBytes(32).toString('base64url');

/** Every byte of the value's UTF-8 percent-encoded (lone surrogates become U+FFFD, as on the wire). */
const percentEncoded = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function plan(world: World, route: RouteSpec, runs: number, seed: number): Planned[] {
  const ids: Record<string, string> = { ...idsOf(world, route), token: hostileToken() };
  const params = Object.fromEntries(fx.pathParams(route.path).map((p) => [p, ids[p] ?? '']));
  const validBody =
    route.body && route.bodyMediaType !== 'application/x-www-form-urlencoded'
      ? world.valid[route.operationId]?.()
      : undefined;
  const queryKeys = Object.keys(route.query?.shape ?? {});
  type Spoil =
    | { kind: 'body'; at: (string | number)[]; raw: string }
    | { kind: 'rawBody'; raw: string }
    | { kind: 'query'; key: string; value: string }
    | { kind: 'path'; param: string; value: string };
  const spoils: fc.Arbitrary<Spoil>[] = [];
  const bodyPaths = validBody ? paths(validBody) : [];
  if (bodyPaths.length > 0) {
    spoils.push(
      fc.record({
        kind: fc.constant('body' as const),
        at: fc.constantFrom(...bodyPaths),
        raw: fc.constantFrom(...hostileJson),
      }),
    );
  }
  if (!route.body) {
    // A route that takes no body: any body but {} is refused.
    spoils.push(fc.record({ kind: fc.constant('rawBody' as const), raw: fc.constantFrom(...hostileJson) }));
  }
  // A route without a query schema ignores query parameters (API Gateway passes them on).
  spoils.push(
    fc.record({
      kind: fc.constant('query' as const),
      key: fc.constantFrom(...queryKeys, 'unknown\u0000key'),
      value: fc.constantFrom(...hostileNumbers, ...hostileStrings.filter((s) => s.length < 8000)),
    }),
  );
  if (Object.keys(params).length > 0) {
    spoils.push(
      fc.record({
        kind: fc.constant('path' as const),
        param: fc.constantFrom(...Object.keys(params)),
        value: fc.constantFrom(
          ...hostileNumbers,
          ...hostileStrings.filter((s) => s.length < 4000),
          '..',
          '.',
        ),
      }),
    );
  }
  /** The spoil, whether to send the current version, whether it is a poison number. */
  const samples: [Spoil, boolean, boolean][] = fc
    .sample(fc.tuple(fc.oneof(...spoils), fc.boolean()), { numRuns: runs, seed })
    .map(([spoil, current]) => [spoil, current, false]);
  // Every number the route takes, and every numeric query or path parameter, gets every poison.
  const valueAt = (at: (string | number)[]) =>
    at.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], validBody);
  for (const at of bodyPaths.filter((at) => typeof valueAt(at) === 'number')) {
    for (const raw of poisonNumbers) samples.push([{ kind: 'body', at, raw }, true, !harmless.has(raw)]);
  }
  for (const raw of poisonNumbers) {
    const text = raw.startsWith('"') ? JSON.parse(raw) : raw;
    if (queryKeys.includes('limit')) samples.push([{ kind: 'query', key: 'limit', value: text }, true, true]);
    if ('n' in params) samples.push([{ kind: 'path', param: 'n', value: text }, true, true]);
  }
  return samples.map(([spoil, currentVersion, poison]) => {
    const p = { ...params };
    const query: Record<string, string> = {};
    let body = validBody === undefined ? undefined : JSON.stringify(validBody);
    if (spoil.kind === 'body') body = spliced(validBody, spoil.at, spoil.raw);
    if (spoil.kind === 'rawBody') body = spoil.raw;
    if (spoil.kind === 'query') query[spoil.key] = spoil.value;
    if (spoil.kind === 'path') p[spoil.param] = spoil.value;
    let parsedBody: unknown;
    let bodyParses = true;
    try {
      parsedBody = body === undefined ? undefined : JSON.parse(body);
    } catch {
      bodyParses = false;
    }
    // An empty or dot segment names another path ('/staff/' is '/staff'): held to no 5xx only.
    // So does an id the route world has none of (a post-campaign report's, for one).
    const otherPath = fx.pathParams(route.path).some((name) => ['', '.', '..'].includes(p[name] ?? ''));
    const accepted =
      otherPath ||
      (bodyParses &&
        parses(route.params, p) &&
        parses(route.query, query) &&
        (route.body
          ? route.bodyMediaType !== 'application/x-www-form-urlencoded' && parses(route.body, parsedBody)
          : parsedBody === undefined || isEmptyObject(parsedBody)));
    const what =
      spoil.kind === 'body'
        ? `body.${spoil.at.join('.')} = ${spoil.raw.slice(0, 40)}`
        : spoil.kind === 'rawBody'
          ? `body = ${spoil.raw.slice(0, 40)}`
          : spoil.kind === 'query'
            ? `query.${spoil.key} = ${JSON.stringify(spoil.value.slice(0, 40))}`
            : `path.${spoil.param} = ${JSON.stringify(spoil.value.slice(0, 40))}`;
    return {
      route,
      what,
      path: route.path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncoded(p[name] ?? '')),
      query,
      body,
      accepted,
      currentVersion: Boolean(route.optimisticLock && currentVersion),
      poison,
    };
  });
}

// ---- Sending ----

interface Answer {
  status: number;
  type: string;
  text: string;
}

let address = 0;

/** One request over HTTP, as it is (no client-side checks); public pages from an address of their own. */
function send(planned: Planned, headers: Record<string, string>): Promise<Answer> {
  const target = new URL(apiUrl());
  const search = new URLSearchParams(planned.query).toString();
  const body = planned.body === undefined ? undefined : Buffer.from(planned.body);
  const from = planned.route.public ? `127.88.${(++address >> 8) & 255}.${address & 255 || 1}` : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${planned.path}${search ? `?${search}` : ''}`,
        method: planned.route.method,
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
        },
        localAddress: from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let world: World;
const statuses: Record<string, number> = {};
const serverErrors: string[] = [];

async function run(all: Planned[], check: (p: Planned, a: Answer) => void): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < all.length) {
        const planned = all[next++]!;
        const headers: Record<string, string> = {};
        if (!planned.route.public) headers.authorization = `Bearer ${world.h.token}`;
        if (planned.route.optimisticLock) {
          const version = planned.currentVersion
            ? await world.versions[planned.route.operationId]?.()
            : undefined;
          headers['if-match'] = `"${version ?? 999_999}"`;
        }
        const answer = await send(planned, headers);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status >= 500) {
          serverErrors.push(
            `${planned.route.method} ${planned.route.path} ${planned.what} → ${answer.status} ${answer.text.slice(0, 200)}`,
          );
        }
        check(planned, answer);
      }
    }),
  );
}

beforeAll(async () => {
  world = await buildRouteWorld();
}, 120_000);

describe('fuzz of every route', () => {
  const routes = fx.allRoutes();
  const seed = Date.now();

  it(`answers hostile numbers, strings and nesting on all ${routes.length} routes without a 5xx, and writes nothing when it refuses`, {
    timeout: 120_000,
  }, async () => {
    const requestsPerRoute = Math.max(minimumPerRoute, Math.floor(randomRequests / routes.length));
    const planned = routes.flatMap((route, i) => plan(world, route, requestsPerRoute, seed + i));
    // Every route is fuzzed: by path, query or body.
    expect(new Set(planned.map((p) => p.route.operationId)).size).toBe(routes.length);

    const refused = planned.filter((p) => !p.accepted && !p.route.public);
    const before = await fx.countItems();
    const notRefused: string[] = [];
    // 4xx: from the route (problem+json), or from the gateway before it (an unknown path, a URL too long).
    await run(refused, (p, a) => {
      if (a.status < 400 || a.status >= 500) {
        notRefused.push(`${p.route.method} ${p.route.path} ${p.what} → ${a.status} ${a.text.slice(0, 200)}`);
      }
    });
    const after = await fx.countItems();

    // Writes the schemas take are capped per route, poisoned numbers first: those must never pass.
    const acceptedWrites = new Map<string, number>();
    const accepted = [...planned.filter((p) => p.poison), ...planned.filter((p) => !p.poison)].filter((p) => {
      if (!p.accepted && !p.route.public) return false;
      if (p.route.method === 'GET' || p.route.method === 'HEAD' || p.route.public) return true;
      const n = acceptedWrites.get(p.route.operationId) ?? 0;
      acceptedWrites.set(p.route.operationId, n + 1);
      return n < acceptedWritesPerRoute;
    });
    await run(accepted, (p, a) => {
      if (p.poison) console.log('POISON', p.route.operationId, p.what, a.status, a.text.slice(0, 120));
    });

    console.log(
      `fuzz (seed ${seed}): ${refused.length + accepted.length} requests on ${routes.length} routes — ${refused.length} refused by the schemas (items ${before} → ${after}), ${accepted.length} taken; statuses ${JSON.stringify(statuses)}; ${serverErrors.length} × 5xx`,
    );
    expect(serverErrors, serverErrors.slice(0, 10).join('\n')).toEqual([]);
    expect(notRefused, notRefused.slice(0, 10).join('\n')).toEqual([]);
    expect(after).toBe(before);
  });
});
