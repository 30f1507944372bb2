/**
 * Hostile request bodies and headers against every write route of the API (derived from
 * `apiAreas`, so a new route is covered automatically), property-based with fast-check.
 * Every answer must be a 4xx problem (never 5xx, never a success), and the table must
 * hold exactly as many items afterwards as before. Routes without a body schema take no
 * body: any non-empty one is refused (400 on `body` once it is JSON) and changes nothing.
 * The public form route of the approval page answers with HTML pages, not problems: it is
 * listed in `coveredElsewhere` and has its own file (approval-page-hostile.test.ts).
 * Several routes set things off when they succeed (a campaign starts its media chain, a plan
 * review its workflow; plans, bookings, imports and reports write to S3): the hostile runs never
 * send a body a route takes, and the last tests send the fixtures' valid bodies once, to show
 * every route was live, waiting for what they set off to settle.
 */
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { maxBodyBytes } from '../../functions/http/api.js';
import type { RouteSpec } from '../../functions/http/route-spec.js';
import { reviewRoutes } from '../../functions/reviews/routes.js';
import { api, apiUrl } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import * as rv from '../support/reviews.js';
import { buildRouteWorld, idsOf as idsOfWorld, type World } from '../support/route-world.js';

/**
 * Bounded by count over the whole file, not per route, so the file's time stays put as routes
 * are added: each route gets its share of the budget, never fewer than the floor.
 */
const bodyBudget = 4000;
const headerBudget = 800;
const runsFor = (budget: number, routeCount: number, floor: number) =>
  Math.max(floor, Math.floor(budget / Math.max(1, routeCount)));

interface Hostile {
  label: string;
  /** The raw request body; undefined sends none. */
  raw?: string;
  contentType?: string;
}

/**
 * Write routes this file does not send JSON to, each with the file that covers it instead:
 * a browser form answered with HTML pages (its token, not a bearer token, is the credential).
 */
const coveredElsewhere: Record<string, string> = {
  submitApprovalPage: 'tests/integration/approval-page-hostile.test.ts',
  answerMinutesPage: 'tests/integration/contact-reports.test.ts',
};

/** The path ids of one route. */
const idsOf = (route: RouteSpec): Record<string, string> => idsOfWorld(world, route);

let world: World;
let requests = 0;
const sfn = new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
afterAll(() => sfn.destroy());
const statuses: Record<string, number> = {};

/** The fields a body schema names (strict objects, possibly refined or optional; a union: every option's). */
function keysOf(schema: fx.Json): string[] {
  while (schema?.def?.innerType) schema = schema.def.innerType;
  if (Array.isArray(schema?.def?.options)) return [...new Set<string>(schema.def.options.flatMap(keysOf))];
  const shape = schema?.shape ?? schema?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

const schemaKeys = (route: RouteSpec): string[] => keysOf(route.body);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isEmptyObject = (v: unknown): boolean => isPlainObject(v) && Object.keys(v).length === 0;

/** Whether the route takes this body (undefined: none sent); a route without a body schema takes none, or `{}`. */
function accepts(route: RouteSpec, value: unknown): boolean {
  if (route.body) return route.body.safeParse(value).success;
  return value === undefined || isEmptyObject(value);
}

/** Makes a JSON value certainly invalid for the route: a valid object gets a field it may not set. */
function ensureInvalid(route: RouteSpec, value: unknown): unknown {
  if (!accepts(route, value)) return value;
  if (isPlainObject(value)) return { ...value, 'unexpected\u0007field': true };
  return [value];
}

/** The media types the API reads as JSON. */
const jsonContentType = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

/** What the route gets of a raw body: nothing, a JSON value, or a refusal before parsing (size, type, syntax). */
type Arrival = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'unreadable' };

function arrival(hostile: Hostile): Arrival {
  if (hostile.raw === undefined || hostile.raw === '') return { kind: 'none' };
  if (Buffer.byteLength(hostile.raw) > maxBodyBytes) return { kind: 'unreadable' };
  if (!jsonContentType.test(hostile.contentType ?? 'application/json')) return { kind: 'unreadable' };
  try {
    return { kind: 'json', value: JSON.parse(hostile.raw) };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** A request the route must take (no body where none is needed, `{}` where none is taken): not hostile. */
function isAcceptable(route: RouteSpec, hostile: Hostile): boolean {
  const arrived = arrival(hostile);
  if (arrived.kind === 'none') return accepts(route, undefined);
  return arrived.kind === 'json' && accepts(route, arrived.value);
}

/** Fields the server sets; a body naming one the route does not accept must be refused. */
const serverFields: Record<string, unknown> = {
  version: 1,
  clientId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  staffId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  jobId: '01ARZ3NDEKTSV4RRFFQ69G5FAV_01ARZ3NDEKTSV4RRFFQ69G5FAV',
  contactId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  brandId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  jobNumber: 'ZZZZZZ-2099-0001',
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  createdBy: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  statusHistory: [{ to: 'completed', at: '2020-01-01T00:00:00.000Z', by: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
  ownerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  intakeCompleteness: { complete: true, missing: [] },
  code: 'HACKED',
  email: 'root@agency.example',
  role: 'head_of_accounts',
  members: [],
  PK: 'STAFF#x',
  SK: 'STAFF',
  type: 'staff',
};

const wrongValues = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0.001,
    1e21,
    Number.MAX_SAFE_INTEGER + 2,
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '',
    ' ',
    '\u0000',
    '\t\n\r',
    '\u202e\u0000admin',
    '\ud800',
    '💥'.repeat(3000),
    'x'.repeat(20_000),
    [],
    [null],
    {},
    { $ne: null },
    { __proto__: null },
    '2020-02-30',
    '01ARZ3NDEKTSV4RRFFQ69G5FA', // 25 chars
    'o'.repeat(26), // lowercase
    'head_of_accounts ',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const nonJsonTexts = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"a":1,}',
    '{a:1}',
    "{'a':1}",
    'NaN',
    'undefined',
    'Infinity',
    '-',
    '[1,2',
    '\uFEFF{}',
    '{"name":"x"}{"name":"y"}',
    '{"name":"x"',
    '<xml/>',
    'name=x&code=ABC',
    '\u0000',
    '{"amount": 1e309x}',
    '/* */ {}',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

function without(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _, ...rest } = base;
  return rest;
}

function splice(base: Record<string, unknown>, extra: string): string {
  const json = JSON.stringify(base);
  return json === '{}' ? `{${extra}}` : `${json.slice(0, -1)},${extra}}`;
}

/** Every flavour of hostile body, as raw text, for one route. */
function hostileBodies(route: RouteSpec): fc.Arbitrary<Hostile> {
  const keys = schemaKeys(route);
  const validBase = () => world.valid[route.operationId]?.() ?? {};
  const fieldKeys = keys.length > 0 ? keys : ['name'];
  const json = (label: string, value: unknown): Hostile => ({
    label,
    raw: JSON.stringify(ensureInvalid(route, value)),
  });
  const notAllowed = Object.keys(serverFields).filter((f) => !keys.includes(f));
  return fc.oneof(
    // Arbitrary JSON values (objects made invalid for certain).
    fc.jsonValue({ maxDepth: 4 }).map((v) => json('jsonValue', v)),
    // A valid body with one field of the wrong type or shape.
    fc
      .tuple(fc.constantFrom(...fieldKeys), wrongValues)
      .map(([k, v]) => json(`wrongType:${k}`, { ...validBase(), [k]: v })),
    // A valid body with a field only the server sets.
    fc
      .constantFrom(...notAllowed)
      .map((f) => json(`serverField:${f}`, { ...validBase(), [f]: serverFields[f] })),
    // Prototype pollution keys, spliced in as raw JSON so they arrive as own properties.
    fc
      .constantFrom(
        '"__proto__":{"isAdmin":true,"role":"head_of_accounts"}',
        '"__proto__":null',
        '"constructor":{"prototype":{"isAdmin":true}}',
        '"prototype":{"version":1}',
        '"__proto__":{"version":1},"__proto__":[]',
        '"toString":"x","hasOwnProperty":1',
      )
      .map((extra) => ({ label: 'pollution', raw: splice(validBase(), extra) })),
    fc.constantFrom(...fieldKeys).map((k) => ({
      label: `pollution-nested:${k}`,
      raw: splice(validBase(), `"${k}":{"__proto__":{"x":1}}`),
    })),
    // Control characters, bidi overrides and lone surrogates in an unknown key.
    fc
      .tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }))
      .map(([k, v]) => json('unicodeKey', { ...validBase(), [`\u0000${k}\u202e\ud800`]: v })),
    // Numbers JSON cannot round-trip.
    fc
      .tuple(
        fc.constantFrom(...fieldKeys),
        fc.constantFrom('1e309', '-1e309', '1e-400', '123456789012345678901234567890'),
      )
      .map(([k, n]) => ({ label: `bigNumber:${k}`, raw: splice({}, `"${k}":${n}`) })),
    fc.constantFrom('1e309', '-1e309').map((n) => ({
      label: 'bigNumber:money',
      raw: splice(validBase(), `"budget":{"amountMinor":${n},"currency":"USD"}`),
    })),
    // Deeply nested structures.
    fc.integer({ min: 50, max: 15_000 }).map((depth) => ({
      label: `deepArray:${depth}`,
      raw: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    })),
    fc.tuple(fc.constantFrom(...fieldKeys), fc.integer({ min: 50, max: 5_000 })).map(([k, depth]) => ({
      label: `deepObject:${k}:${depth}`,
      raw: splice(without(validBase(), k), `"${k}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    })),
    // Arrays instead of objects.
    fc.constant(null).map(() => ({ label: 'array', raw: JSON.stringify([validBase()]) })),
    // Huge bodies: over the limit, and under it with overlong strings.
    fc.integer({ min: 65 * 1024, max: 300 * 1024 }).map((n) => ({
      label: `huge:${n}`,
      raw: JSON.stringify(ensureInvalid(route, { ...validBase(), [fieldKeys[0] ?? 'name']: 'x'.repeat(n) })),
    })),
    fc.constantFrom(...fieldKeys).map((k) => json(`long:${k}`, { ...validBase(), [k]: 'y'.repeat(60_000) })),
    // Not JSON at all, labelled as JSON.
    nonJsonTexts.map((raw) => ({ label: 'notJson', raw })),
    // Empty and trivial bodies.
    fc.constantFrom<Hostile>(
      { label: 'none' },
      { label: 'emptyString', raw: '' },
      { label: 'null', raw: 'null' },
      { label: 'emptyObject', raw: '{}' },
      { label: 'emptyArray', raw: '[]' },
      { label: 'string', raw: '"x"' },
      { label: 'number', raw: '0' },
      { label: 'whitespace', raw: ' \n\t ' },
    ),
    // A valid body, but not declared as JSON.
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'json',
        'application/jsonp',
      )
      .map((contentType) => ({
        label: `contentType:${contentType}`,
        raw: JSON.stringify(validBase()),
        contentType,
      })),
  );
}

const ifMatchPattern = /^(?:W\/)?"?(\d{1,9})"?$/;

/** If-Match values that can never name the current version. */
const badIfMatch = fc.oneof(
  fc.constantFrom(
    '',
    '*',
    'abc',
    '"abc"',
    '"-1"',
    '"1.5"',
    '1e3',
    '"0x1"',
    '"1234567890"',
    'W/"x"',
    '"1", "2"',
    '""',
    '"',
    'null',
    '"999999999"',
    '"0"',
    "'1'",
    '\u00e9',
  ),
  fc
    .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 })
    .filter((s) => !ifMatchPattern.test(s.trim())),
);

/** Idempotency-Key values outside 8 to 255 visible ASCII characters. */
const badIdempotencyKey = fc.oneof(
  fc.constantFrom(
    'a',
    'short',
    '1234567',
    'k'.repeat(256),
    'has space inside',
    'tab\tinside-key',
    'ünïcödé-key',
    'x'.repeat(4000),
  ),
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 7,
  }),
);

async function send(route: RouteSpec, hostile: Hostile, headers: Record<string, string>) {
  const path = fx.fillPath(route.path, idsOf(route));
  const allHeaders: Record<string, string> = { ...headers };
  if (hostile.raw !== undefined) allHeaders['content-type'] = hostile.contentType ?? 'application/json';
  requests++;
  const res = await fetch(`${apiUrl()}${path}`, {
    method: route.method,
    headers: { authorization: `Bearer ${world.h.token}`, ...allHeaders },
    body: hostile.raw,
  });
  const text = await res.text();
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

function expectRefused(
  route: RouteSpec,
  what: string,
  res: { status: number; type: string; text: string },
): void {
  const context = `${route.method} ${route.path} ${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.type, context).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.text);
  expect(problem.status, context).toBe(res.status);
  expect(typeof problem.code, context).toBe('string');
}

/** A route without a body schema refuses any JSON body but `{}` as a validation failure on `body`. */
function expectBodyRefused(route: RouteSpec, what: string, res: { status: number; text: string }): void {
  const context = `${route.method} ${route.path} ${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBe(400);
  const problem = JSON.parse(res.text);
  expect(problem.code, context).toBe('validation_failed');
  expect(
    (problem.errors ?? []).map((e: { field: string }) => e.field),
    context,
  ).toContain('body');
}

/** What every route without a body schema would change, read now. */
async function readTargets(): Promise<Record<string, unknown>> {
  const read: Record<string, unknown> = {};
  for (const [operationId, target] of Object.entries(world.targets)) read[operationId] = await target();
  return read;
}

beforeAll(async () => {
  world = await buildRouteWorld();
});

describe('hostile bodies and headers on every write route', () => {
  const routes = fx.writeRoutes().filter((r) => !coveredElsewhere[r.operationId]);

  it(`covers every POST/PUT/PATCH route of apiAreas (${routes.length}, and ${Object.keys(coveredElsewhere).length} elsewhere)`, () => {
    expect(routes.length).toBeGreaterThanOrEqual(11);
    // Only form routes answered with pages are left to another file; the rest are JSON routes.
    const elsewhere = fx.writeRoutes().filter((r) => coveredElsewhere[r.operationId]);
    expect(elsewhere.map((r) => r.operationId).sort()).toEqual(Object.keys(coveredElsewhere).sort());
    for (const route of elsewhere) {
      expect(route.bodyMediaType, `${route.operationId} is a form route`).toBe(
        'application/x-www-form-urlencoded',
      );
      expect(route.response.mediaType, `${route.operationId} answers with a page`).toBe('text/html');
    }
    for (const route of routes) {
      const what = `${route.method} ${route.path}`;
      expect(route.bodyMediaType ?? 'application/json', `${what} takes JSON`).toBe('application/json');
      for (const param of fx.pathParams(route.path))
        expect(idsOf(route)[param], `${what}: a real id for {${param}}`).toBeDefined();
      if (route.body) {
        // A body schema, and a valid body for it (the base the hostile variants spoil).
        const valid = world.valid[route.operationId];
        expect(valid, `${what} has a body schema: a valid body for it in the fixtures`).toBeDefined();
        expect(route.body.safeParse(valid?.()).success, `${what}: the fixtures' body is valid`).toBe(true);
      } else {
        // No body schema: the route takes no body, and a body must change nothing it could.
        expect(
          world.targets[route.operationId],
          `${what} has no body schema: what a request would change, in the fixtures`,
        ).toBeDefined();
      }
    }
    expect(routes.filter((r) => !r.body).length, 'routes that take no body').toBeGreaterThanOrEqual(1);
  });

  it('refuses every hostile body with a 4xx problem and writes nothing', { timeout: 300_000 }, async () => {
    const before = await fx.countItems();
    const targetsBefore = await readTargets();
    const started = requests;
    for (const route of routes) {
      const version = world.versions[route.operationId];
      const headers = fc.record(
        {
          ifMatch: route.optimisticLock
            ? fc.oneof(
                fc.constant('current'),
                badIfMatch.filter((v) => v !== ''),
              )
            : fc.constant(undefined),
          idempotencyKey: route.idempotent ? fc.oneof(fc.uuid(), badIdempotencyKey) : fc.constant(undefined),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(
          // A trivial body the route takes (none where the body is optional, `{}` where none is taken) is not hostile.
          hostileBodies(route).filter((hostile) => !isAcceptable(route, hostile)),
          headers,
          async (hostile, h) => {
            const sent: Record<string, string> = {};
            if (h.ifMatch === 'current' && version) sent['if-match'] = `"${await version()}"`;
            else if (h.ifMatch) sent['if-match'] = h.ifMatch;
            if (h.idempotencyKey) sent['idempotency-key'] = h.idempotencyKey;
            const res = await send(route, hostile, sent);
            const what = `${hostile.label} ${(hostile.raw ?? '').slice(0, 120)}`;
            expectRefused(route, what, res);
            if (!route.body && arrival(hostile).kind === 'json') expectBodyRefused(route, what, res);
          },
        ),
        { numRuns: runsFor(bodyBudget, routes.length, 30), endOnFailure: true },
      );
    }
    const after = await fx.countItems();
    console.log(
      `hostile bodies: ${requests - started} requests on ${routes.length} routes; items ${before} → ${after}`,
    );
    expect(after).toBe(before);
    expect(await readTargets()).toEqual(targetsBefore);
  });

  it('refuses valid bodies sent with a hostile If-Match or Idempotency-Key, and writes nothing', {
    timeout: 180_000,
  }, async () => {
    const before = await fx.countItems();
    const started = requests;
    const guarded = routes.filter((r) => r.optimisticLock || r.idempotent);
    for (const route of guarded) {
      const header = route.optimisticLock ? 'if-match' : 'idempotency-key';
      await fc.assert(
        fc.asyncProperty(route.optimisticLock ? badIfMatch : badIdempotencyKey, async (value) => {
          // A route that takes no body gets none (what a valid request of it sends).
          const body = route.body ? world.valid[route.operationId]?.() : undefined;
          if (route.body) expect(body, `a valid body for ${route.operationId} in the fixtures`).toBeDefined();
          const raw = body === undefined ? undefined : JSON.stringify(body);
          const res = await send(route, { label: 'valid', raw }, { [header]: value });
          expectRefused(route, `${header}: ${JSON.stringify(value).slice(0, 80)}`, res);
        }),
        { numRuns: runsFor(headerBudget, guarded.length, 10), endOnFailure: true },
      );
    }
    const after = await fx.countItems();
    console.log(`hostile headers: ${requests - started} requests; items ${before} → ${after}`);
    console.log(`statuses over the file: ${JSON.stringify(statuses)}`);
    expect(after).toBe(before);
  });

  it('the routes that take no body were live: without one, or with {}, they go through', async () => {
    const draft = (await world.targets.completeDraftUpload?.()) as fx.Json;
    expect(draft).toMatchObject({ latestVersion: 1, versions: [{ number: 1, status: 'awaiting_upload' }] });
    const path = fx.fillPath('/drafts/{draftId}/versions/{n}/complete', world.ids);
    const res = await api('POST', path, { token: world.h.token, body: {} });
    fx.expectStatus(res, 200, `POST ${path} {}`);
    expect(res.body).toMatchObject({ number: 1, status: 'uploaded' });
    fx.expectStatus(await api('POST', path, { token: world.h.token }), 200, `POST ${path} (no body)`);
  });

  it('the review routes were live: the valid bodies of the fixtures go through', async () => {
    const start = fx.fillPath('/drafts/{draftId}/versions/{n}/reviews', {
      ...world.ids,
      ...world.routeIds.startReview,
    });
    expect(await world.targets.startReview?.()).toEqual([]);
    const started = await api('POST', start, {
      token: world.h.token,
      body: world.valid.startReview?.(),
      headers: { 'idempotency-key': `live-${crypto.randomUUID()}` },
    });
    fx.expectStatus(started, 201, `POST ${start}`);
    expect(started.body).toMatchObject({ status: 'in_review', currentVersion: 1, approvalMode: 'any' });
    // Let the workflow open its first step, so nothing writes after this file.
    await rv.waitForStep(world.h, started.body.draftId, 1);

    const decide = fx.fillPath('/approvals/{approvalId}/decision', world.ids);
    expect(await world.targets.decideApproval?.()).toMatchObject({ status: 'pending' });
    const decided = await api('POST', decide, { token: world.h.token, body: world.valid.decideApproval?.() });
    fx.expectStatus(decided, 200, `POST ${decide}`);
    expect(decided.body.approval).toMatchObject({
      status: 'decided',
      decision: 'approve_with_changes',
      decidedBy: world.h.staff.staffId,
    });
    // A request for changes settles the internal step: wait for the revision step the workflow opens.
    expect(decided.body.stepSettled).toBe(true);
    await rv.waitForStep(world.h, decided.body.approval.draftId, 2);
  });

  it('the media routes were live: the valid request of each goes through, once', {
    timeout: 120_000,
  }, async () => {
    const { h, ids } = world;
    const sent: string[] = [];
    /** Sends a route's valid request: the fixtures' body (none where it takes none), the current If-Match, a fresh Idempotency-Key. */
    const live = async (operationId: string, status: number): Promise<fx.Json> => {
      const route = fx.writeRoutes().find((r) => r.operationId === operationId);
      if (!route) throw new Error(`No write route ${operationId}`);
      const path = fx.fillPath(route.path, idsOf(route));
      const headers: Record<string, string> = {};
      if (route.optimisticLock) headers['if-match'] = `"${await world.versions[operationId]?.()}"`;
      if (route.idempotent) headers['idempotency-key'] = `live-${crypto.randomUUID()}`;
      const body = route.body ? world.valid[operationId]?.() : undefined;
      const res = await api(route.method, path, { token: h.token, body, headers });
      fx.expectStatus(res, status, `${route.method} ${path}`);
      sent.push(operationId);
      return res.body;
    };
    const target = (operationId: string) => (world.targets[operationId] as () => Promise<fx.Json>)();

    expect(await live('reviseMediaBrief', 200)).toMatchObject({ briefVersion: 2 });
    // The recompute clears Star TV's unbooked delivery (booked since); Radio One's stays open.
    const before = await target('recomputeDiscrepancies');
    expect(before.map((d: fx.Json) => d.detail.split(' — ')[0]).sort()).toEqual(['Radio One', 'Star TV']);
    const recomputed = await live('recomputeDiscrepancies', 200);
    expect(recomputed.items.map((d: fx.Json) => d.discrepancyId)).toEqual([ids.discrepancyId]);
    expect(await live('resolveDiscrepancy', 200)).toMatchObject({
      status: 'resolved',
      makegood: { units: 4, date: '2027-04-10' },
      resolvedBy: h.staff.staffId,
    });
    expect(await live('updateBooking', 200)).toMatchObject({
      status: 'confirmed_by_vendor',
      vendorReference: 'STV-2027-0301',
    });
    expect(await live('createMaterialRequisition', 201)).toMatchObject({
      bookingId: ids.bookingId,
      lineId: 'L001',
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      durationSeconds: 30,
      status: 'open',
    });
    expect(await live('linkMaterial', 200)).toMatchObject({
      status: 'linked',
      material: { draftId: world.valid.linkMaterial?.().draftId, draftVersion: 1 },
    });
    const sent1 = await target('sendInsertionOrder');
    expect((await live('sendInsertionOrder', 200)).insertionOrderSentAt > sent1.insertionOrderSentAt).toBe(
      true,
    );
    // The failed import: a retry reads its file again (still unreadable: 422), a replacement opens a new import.
    expect(await target('retryMonitoringImport')).toMatchObject({ status: 'failed', fileUnusable: true });
    expect(await live('retryMonitoringImport', 422)).toMatchObject({ code: 'monitoring_file_unusable' });
    expect(await target('retryMonitoringImport')).toMatchObject({ status: 'failed', attempt: 2 });
    expect(await live('replaceMonitoringImport', 201)).toMatchObject({
      status: 'awaiting_upload',
      fileName: 'star-tv-corrected.csv',
      replaces: expect.any(String),
    });
    expect(await live('createBooking', 201)).toMatchObject({
      vendor: 'AdNet',
      lines: [{ lineId: 'L002' }],
      status: 'requested',
      notes: 'Homepage banner, March.',
    });
    expect(await target('completeMonitoringImport')).toMatchObject({ status: 'awaiting_upload' });
    expect(await live('completeMonitoringImport', 200)).toMatchObject({
      status: 'completed',
      rowsStored: 1,
      rowsMatched: 1,
    });
    expect(await live('createMonitoringImport', 201)).toMatchObject({
      source: 'json',
      status: 'completed',
      rowsStored: 1,
      rowsMatched: 1,
    });
    expect(await target('generatePostCampaignReport')).toEqual([]);
    const report = await live('generatePostCampaignReport', 201);
    expect(report).toMatchObject({ trigger: 'on_demand', final: false, generatedBy: h.staff.staffId });
    expect(await target('generatePostCampaignReport')).toEqual([report.reportId]);
    expect(await live('createMediaPlanVersion', 201)).toMatchObject({
      plan: { kind: 'monthly_schedule', month: '2027-03', latestVersion: 2 },
      version: { number: 2, status: 'draft', notes: 'Fewer spots, a later banner start.' },
    });

    // The plan reviews: a review of the recommendation's version 2 starts (wait for its first step) ...
    expect(await target('startPlanReview')).toEqual([]);
    const review = await live('startPlanReview', 201);
    expect(review).toMatchObject({ subjectType: 'media_plan', currentVersion: 2, approvalMode: 'any' });
    await rv.planStepOpened(h, review.planId, 1);
    // ... and the April schedule's written confirmation is recorded: the version is confirmed.
    expect(await live('requestWrittenConfirmation', 201)).toMatchObject({ uploadId: expect.any(String) });
    const recorded = await live('completeWrittenConfirmation', 200);
    expect(recorded).toMatchObject({ status: 'awaiting_countersign', recordedBy: h.staff.staffId });
    // It counts once the account director countersigns it (the person who recorded it may not).
    const countersign = fx.fillPath(
      reviewRoutes.countersignWrittenConfirmation.path,
      idsOf(reviewRoutes.countersignWrittenConfirmation),
    );
    const confirmed = await api('POST', countersign, {
      token: world.ad.token,
      body: world.valid.countersignWrittenConfirmation?.(),
    });
    fx.expectStatus(confirmed, 200, `POST ${countersign}`);
    sent.push('countersignWrittenConfirmation');
    expect(confirmed.body).toMatchObject({
      status: 'countersigned',
      countersignedBy: world.ad.staff.staffId,
    });
    await rv.planReviewEnded(h, ids.planId ?? '', 'released');
    const april = await api('GET', `/media-plans/${ids.planId}/versions/1`, { token: h.token });
    expect(april.body).toMatchObject({ status: 'confirmed', confirmation: { via: 'written' } });

    // The campaign's media chain, stopped (as in the console), restarts and parks again.
    await sfn.send(
      new StopExecutionCommand({
        executionArn: md.chainExecutionArn(ids.campaignId ?? ''),
        error: 'Operator.Stopped',
      }),
    );
    await expect
      .poll(async () => (await target('restartMediaChain')).chainFailure?.status, { timeout: 15_000 })
      .toBe('ABORTED');
    expect(await live('restartMediaChain', 200)).toMatchObject({ chainExecution: `${ids.campaignId}-run2` });
    expect(await md.chainParked(`${ids.campaignId}-run2`)).toBe('AwaitRecommendation');

    // A campaign: its media chain starts, and parks at the recommendation.
    const opened = await live('createMediaCampaign', 201);
    expect(opened).toMatchObject({ jobId: ids.jobId, briefVersion: 1, stage: 'recommendation' });
    expect(await md.chainParked(opened.campaignId)).toBe('AwaitRecommendation');

    const expected = [
      ...apiAreas
        .filter((a) => ['media', 'media-delivery', 'media-reports'].includes(a.name))
        .flatMap((a) => a.routes),
      reviewRoutes.startPlanReview,
      reviewRoutes.requestWrittenConfirmation,
      reviewRoutes.completeWrittenConfirmation,
      reviewRoutes.countersignWrittenConfirmation,
    ]
      .filter((r) => r.method !== 'GET')
      .map((r) => r.operationId);
    expect(sent.sort()).toEqual(expected.sort());
  });
});
