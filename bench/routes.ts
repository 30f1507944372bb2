/**
 * Route latency against its floor (issue 10 §7), printed, never asserted. Per route, three
 * things are timed interleaved — raw, floor, route, raw, floor, route… — so machine load
 * falls on all alike:
 *
 * - raw: the DynamoDB operations the route needs, sent straight with a low-level SDK client
 *   on items of the same shapes (copies under bench-only keys where the route writes), in the
 *   same order: together where the route sends them together (one round trip), one after the
 *   other where it must read before it writes (PATCH, and POST /jobs numbering off the
 *   client's counter);
 * - floor: a no-database route served the same way as every route — the local HTTP API
 *   (JWT check, API Gateway event), the same middy stack (`httpApi`: Powertools, headers,
 *   body parsing, problem details) — answering the body the route answered (the same JSON
 *   serialized, sent and parsed): one loopback HTTP hop through the stack, nothing read;
 * - route: the real route.
 *
 * Overhead = route − raw − floor: what the route's own code adds. Target ≤ 0.5 ms p50.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { httpApi, implement, ok } from '../functions/http/api.js';
import { defineRoute } from '../functions/http/route-spec.js';
import { createJwtVerifier } from '../infra/local/identity.js';
import type { LoadedFunction } from '../infra/local/lambda.js';
import type { LocalStack } from '../infra/local/stack.js';
import { Brand, Client, Contact, ContactEmail, Staff, TeamMembership } from '../shared/accounts/entities.js';
import { Draft } from '../shared/creative/entities.js';
import { Job, JobSequence } from '../shared/jobs/entities.js';
import { withoutSdkLogFilter } from '../shared/platform/db/client.js';
import type { KeyQuery, PrimaryKey } from '../shared/platform/db/keys.js';
import { tableSchema } from '../shared/platform/db/table-schema.js';
import { ClientEvent } from '../shared/platform/entities.js';

type Raw = Record<string, AttributeValue>;

export interface RoundTripCounter {
  reset(): void;
  /** DynamoDB requests and round trips (requests sent while none was in flight) since the last reset. */
  read(): { requests: number; roundTrips: number; commands: Map<string, number> };
}

export interface RouteBenchOptions {
  stack: LocalStack;
  /** The staff member the routes are called as (on the demo client's team). */
  email: string;
  counter: RoundTripCounter;
  samples: number;
  warmup: number;
  /** Only the routes whose label contains one of these (all when empty). */
  only?: string[];
}

export interface RouteRow {
  route: string;
  /** What the raw column sends. */
  rawShape: string;
  requestsPerCall: number;
  roundTripsPerCall: number;
  commands: string;
  raw: number[];
  floor: number[];
  times: number[];
  /** Mean CPU time of this process (bench client, local API, handler, SDK) per call, ms. */
  cpu: { raw: number; floor: number; route: number };
}

interface Case {
  route: string;
  rawShape: string;
  raw: () => Promise<unknown>;
  run: () => Promise<unknown>;
}

const floorPath = '/bench/floor';
const floorRoutes = (['GET', 'POST', 'PATCH'] as const).map((method) =>
  defineRoute({
    method,
    path: floorPath,
    operationId: `benchFloor${method}`,
    summary: 'No database: the HTTP floor of the bench.',
    ...(method === 'GET' ? {} : { body: z.unknown() }),
    response: { status: 200, description: 'The body of the route it stands for.', schema: z.unknown() },
  }),
);

/** A request as the bench sent it, so the floor can be sent the same. */
interface Sent {
  method: string;
  body?: string;
  headers: Record<string, string>;
}

/**
 * A second local HTTP API serving only the floor routes, through the same server code and
 * middleware: it takes the request the measured route took last (method, headers, body) and
 * answers `body()`, the answer that route gave.
 */
async function startFloor(stack: LocalStack, body: () => unknown) {
  const template = stack.functions.values().next().value;
  if (!template) throw new Error('The stack has no functions');
  const { startHttpApi } = await import('../infra/local/http-api.js');
  const handler = httpApi(floorRoutes.map((route) => implement(route, async () => ok(body()))));
  return startHttpApi({
    routes: floorRoutes.map((route) => ({
      routeKey: `${route.method} ${route.path}`,
      method: route.method,
      path: route.path,
      authorizationType: 'JWT',
      functionLogicalId: 'BenchFloor',
    })),
    functions: new Map([
      [
        'BenchFloor',
        { ...template, logicalId: 'BenchFloor', handler: handler as unknown as LoadedFunction['handler'] },
      ],
    ]),
    verify: createJwtVerifier(stack.publicJwk, stack.issuer, stack.audience),
  });
}

const keyAttributes = (query: KeyQuery) => {
  const index = tableSchema.globalSecondaryIndexes.find((i) => i.indexName === query.index);
  return index ?? { partitionKey: tableSchema.partitionKey, sortKey: tableSchema.sortKey };
};

/** Index keys of a copy point into bench-only partitions: written like the original, listed nowhere. */
function benchCopy(item: Raw, sortKey: string): Raw {
  const copy: Raw = { ...item, SK: { S: sortKey } };
  for (const name of Object.keys(copy)) {
    if (/^GSI\dPK$/.test(name)) copy[name] = { S: `BENCHRAW#${copy[name]!.S}` };
  }
  return copy;
}

export async function benchRoutes(o: RouteBenchOptions): Promise<RouteRow[]> {
  const { stack } = o;
  const token = await stack.mintToken(o.email);
  let last: Sent = { method: 'GET', headers: {} };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    last = {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    };
    const res = await fetch(`${stack.apiUrl}${path}`, last);
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    const json = text ? JSON.parse(text) : undefined;
    floorBody = json;
    return { json, etag: res.headers.get('etag') ?? '' };
  };

  let floorBody: unknown;
  const floor = await startFloor(stack, () => floorBody);
  const floorCall = () =>
    fetch(`${floor.url}${floorPath}`, last)
      .then((r) => r.text())
      .then((text) => JSON.parse(text));

  // The demo client, its first brand and job (with a draft), as the caller sees them.
  const me = (await call('GET', '/me')).json;
  const client = (await call('GET', '/clients')).json.items[0];
  const clientId: string = client.clientId;
  const brand = (await call('GET', `/clients/${clientId}/brands`)).json.items[0];
  const job = (await call('GET', `/jobs?clientId=${clientId}`)).json.items[0];
  let jobEtag = (await call('GET', `/jobs/${job.jobId}`)).etag;
  const year = new Date().getUTCFullYear();

  const table = stack.tableName;
  // Configured as the routes' own client is (middleware chain cached, no SDK log filter), so the
  // overhead is the route's code, not a difference of SDK settings.
  const ddb = withoutSdkLogFilter(new DynamoDBClient({ cacheMiddleware: true }));
  const key = (k: PrimaryKey) => marshall(k);
  const getRaw = async (k: PrimaryKey) => {
    const out = await ddb.send(new GetItemCommand({ TableName: table, Key: key(k), ConsistentRead: true }));
    if (!out.Item) throw new Error(`No item ${k.PK} ${k.SK}`);
    return out.Item;
  };
  const batchGet = (keys: PrimaryKey[]) =>
    ddb.send(
      new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys.map(key), ConsistentRead: true } } }),
    );
  const query = (q: KeyQuery, limit: number, newestFirst = false) => {
    const { partitionKey, sortKey } = keyAttributes(q);
    const input: QueryCommandInput = {
      TableName: table,
      IndexName: q.index,
      KeyConditionExpression: q.sortPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionKey, ...(q.sortPrefix ? { '#sk': sortKey } : {}) },
      ExpressionAttributeValues: marshall({
        ':pk': q.partition,
        ...(q.sortPrefix ? { ':sk': q.sortPrefix } : {}),
      }),
      ConsistentRead: !q.index,
      ScanIndexForward: !newestFirst,
      Limit: limit,
    };
    return ddb.send(new QueryCommand(input));
  };
  const transact = (items: TransactWriteItem[]) =>
    ddb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  const check = (
    k: PrimaryKey,
    expression: string,
    names?: Record<string, string>,
    values?: Record<string, unknown>,
  ): TransactWriteItem => ({
    ConditionCheck: {
      TableName: table,
      Key: key(k),
      ConditionExpression: expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values && marshall(values),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });
  const putNew = (item: Raw): TransactWriteItem => ({
    Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
  });

  // Items of the shapes the writes write: a brand, a contact and its email marker, a job, the
  // year's job counter and an audit event, made by the routes once and copied under bench keys.
  const madeBrand = (
    await call('POST', `/clients/${clientId}/brands`, { name: 'Bench shape', competitors: [] })
  ).json;
  const madeContact = (
    await call('POST', `/clients/${clientId}/contacts`, {
      name: 'Bench Shape',
      email: `bench-shape-${Date.now()}@client.example`,
      level: 'brand',
      approves: ['creative'],
    })
  ).json;
  const brandItem = await getRaw(Brand.key(clientId, madeBrand.brandId));
  const contactItem = await getRaw(Contact.key(clientId, madeContact.contactId));
  const markerItem = await getRaw(ContactEmail.key(clientId, madeContact.email));
  const jobItem = await getRaw(Job.key(clientId, job.jobId));
  const sequenceItem = await getRaw(JobSequence.key(clientId, year));
  const events = await query(ClientEvent.ofClient(clientId), 1);
  const eventItem = events.Items?.[0];
  if (!eventItem) throw new Error('The demo client has no audit event');
  const jobCopyKey = { PK: `CLIENT#${clientId}`, SK: 'BENCHRAW#JOB' };
  const sequenceCopyKey = { PK: `CLIENT#${clientId}`, SK: 'BENCHRAW#JOBSEQ' };
  await transact([
    { Put: { TableName: table, Item: benchCopy(jobItem, jobCopyKey.SK) } },
    { Put: { TableName: table, Item: benchCopy(sequenceItem, sequenceCopyKey.SK) } },
  ]);
  let copies = 0;
  const copyOf = (item: Raw, what: string) => benchCopy(item, `BENCHRAW#${what}#${++copies}`);

  const caller = Staff.key(me.staffId);
  const member = TeamMembership.key(clientId, me.staffId);
  const access = [caller, member, Client.key(clientId)];
  // The folded check: the caller's staff item active in an allowed role, and their membership.
  const foldedCheck = (roles: string[]) => [
    check(
      caller,
      `#active = :active AND #role IN (${roles.map((_, i) => `:r${i}`).join(', ')})`,
      { '#active': 'active', '#role': 'role' },
      { ':active': true, ...Object.fromEntries(roles.map((r, i) => [`:r${i}`, r])) },
    ),
    check(member, 'attribute_exists(PK)'),
  ];
  const managers = ['head_of_accounts', 'group_account_director', 'account_director', 'account_manager'];
  const executives = [...managers, 'account_executive'];
  let rawJobVersion = Number(jobItem.version?.N ?? 1);
  let rawSequence = Number(sequenceItem.last?.N ?? 0);

  const cases: Case[] = [
    {
      route: 'GET /me',
      rawShape: 'GetItem',
      raw: () => getRaw(caller),
      run: () => call('GET', '/me'),
    },
    {
      route: 'GET /clients/{clientId}',
      rawShape: 'BatchGetItem ×3 keys',
      raw: () => batchGet(access),
      run: () => call('GET', `/clients/${clientId}`),
    },
    {
      route: 'GET /clients/{clientId}/activity (25)',
      rawShape: 'BatchGetItem ×3 ‖ Query (25, newest first)',
      raw: () => Promise.all([batchGet(access), query(ClientEvent.ofClient(clientId), 25, true)]),
      run: () => call('GET', `/clients/${clientId}/activity?limit=25`),
    },
    {
      route: 'GET /jobs/{jobId}',
      rawShape: 'BatchGetItem ×4 keys',
      raw: () => batchGet([...access, Job.key(clientId, job.jobId)]),
      run: () => call('GET', `/jobs/${job.jobId}`),
    },
    {
      route: 'GET /jobs?clientId= (25)',
      rawShape: 'BatchGetItem ×3 ‖ Query GSI1 (25)',
      raw: () => Promise.all([batchGet(access), query(Job.ofClient(clientId), 25)]),
      run: () => call('GET', `/jobs?clientId=${clientId}&limit=25`),
    },
    {
      route: 'GET /clients/{clientId}/contacts (25)',
      rawShape: 'BatchGetItem ×3 ‖ Query (25)',
      raw: () => Promise.all([batchGet(access), query(Contact.ofClient(clientId), 25)]),
      run: () => call('GET', `/clients/${clientId}/contacts?limit=25`),
    },
    {
      route: 'GET /jobs/{jobId}/drafts (25)',
      rawShape: 'BatchGetItem ×4 ‖ Query GSI1 (25)',
      raw: () =>
        Promise.all([batchGet([...access, Job.key(clientId, job.jobId)]), query(Draft.ofJob(job.jobId), 25)]),
      run: () => call('GET', `/jobs/${job.jobId}/drafts?limit=25`),
    },
    {
      route: 'POST /clients/{clientId}/brands',
      rawShape: 'TransactWriteItems (2 checks, 2 puts)',
      raw: () =>
        transact([
          ...foldedCheck(managers),
          putNew(copyOf(brandItem, 'BRAND')),
          putNew(copyOf(eventItem, 'EVENT')),
        ]),
      run: () =>
        call('POST', `/clients/${clientId}/brands`, { name: `Bench ${Math.random()}`, competitors: [] }),
    },
    {
      route: 'POST /clients/{clientId}/contacts',
      rawShape: 'TransactWriteItems (2 checks, 3 puts)',
      raw: () =>
        transact([
          ...foldedCheck(executives),
          putNew(copyOf(contactItem, 'CONTACT')),
          putNew(copyOf(markerItem, 'CONTACTEMAIL')),
          putNew(copyOf(eventItem, 'EVENT')),
        ]),
      run: () =>
        call('POST', `/clients/${clientId}/contacts`, {
          name: 'Bench Contact',
          email: `bench-${Math.random().toString(36).slice(2)}@client.example`,
          level: 'brand',
          approves: ['creative'],
        }),
    },
    {
      route: 'PATCH /jobs/{jobId}',
      rawShape: 'BatchGetItem ×4 → TransactWriteItems (2 puts)',
      raw: async () => {
        await batchGet([...access, jobCopyKey]);
        const next = { ...benchCopy(jobItem, jobCopyKey.SK), version: { N: String(rawJobVersion + 1) } };
        await transact([
          {
            Put: {
              TableName: table,
              Item: next,
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': { N: String(rawJobVersion) } },
            },
          },
          putNew(copyOf(eventItem, 'EVENT')),
        ]);
        rawJobVersion++;
      },
      run: async () => {
        const r = await call(
          'PATCH',
          `/jobs/${job.jobId}`,
          { title: `Bench ${Math.random()}` },
          { 'if-match': jobEtag },
        );
        jobEtag = r.etag;
      },
    },
    {
      route: 'POST /jobs',
      rawShape: 'BatchGetItem ×5 → TransactWriteItems (3 puts)',
      raw: async () => {
        await batchGet([...access, Brand.key(clientId, brand.brandId), sequenceCopyKey]);
        await transact([
          {
            Put: {
              TableName: table,
              Item: { ...benchCopy(sequenceItem, sequenceCopyKey.SK), last: { N: String(rawSequence + 1) } },
              ConditionExpression: '#last = :last',
              ExpressionAttributeNames: { '#last': 'last' },
              ExpressionAttributeValues: { ':last': { N: String(rawSequence) } },
            },
          },
          putNew(copyOf(jobItem, 'JOB')),
          putNew(copyOf(eventItem, 'EVENT')),
        ]);
        rawSequence++;
      },
      run: () =>
        call('POST', '/jobs', { clientId, brandId: brand.brandId, title: 'Bench job', type: 'creative' }),
    },
  ];

  const cpuSpent = { raw: 0, floor: 0, route: 0 };
  const timed = async (times: number[], run: () => Promise<unknown>, kind: keyof typeof cpuSpent) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuSpent[kind] += (used.user + used.system) / 1000;
  };
  const measured = o.only?.length
    ? cases.filter((c) => o.only!.some((part) => c.route.includes(part)))
    : cases;
  // Every path warm (JIT, connections) before the first is measured.
  for (let i = 0; i < o.warmup; i++) {
    for (const c of measured) {
      await c.raw();
      await c.run();
      await floorCall();
    }
  }
  const rows: RouteRow[] = [];
  for (const c of measured) {
    const row: RouteRow = {
      route: c.route,
      rawShape: c.rawShape,
      requestsPerCall: 0,
      roundTripsPerCall: 0,
      commands: '',
      raw: [],
      floor: [],
      times: [],
      cpu: { raw: 0, floor: 0, route: 0 },
    };
    cpuSpent.raw = cpuSpent.floor = cpuSpent.route = 0;
    for (let i = 0; i < 5; i++) {
      await c.raw();
      await c.run();
      await floorCall();
    }
    let requests = 0;
    let roundTrips = 0;
    const commands = new Map<string, number>();
    for (let i = 0; i < o.samples; i++) {
      // Raw, floor and route in turn, starting at a different one each round.
      const order = [
        () => timed(row.raw, c.raw, 'raw'),
        () => timed(row.floor, floorCall, 'floor'),
        async () => {
          o.counter.reset();
          await timed(row.times, c.run, 'route');
          const counted = o.counter.read();
          requests += counted.requests;
          roundTrips += counted.roundTrips;
          for (const [name, n] of counted.commands) commands.set(name, (commands.get(name) ?? 0) + n);
        },
      ];
      for (let k = 0; k < order.length; k++) await order[(i + k) % order.length]!();
    }
    row.cpu = {
      raw: cpuSpent.raw / o.samples,
      floor: cpuSpent.floor / o.samples,
      route: cpuSpent.route / o.samples,
    };
    row.requestsPerCall = requests / o.samples;
    row.roundTripsPerCall = roundTrips / o.samples;
    row.commands = [...commands.entries()]
      // Requests of the demo's review workflow still settling are not the route's.
      .filter(([, k]) => k / o.samples >= 0.05)
      .map(([n, k]) => `${n.replace('Command', '')}×${(k / o.samples).toFixed(1)}`)
      .join(' ');
    rows.push(row);
  }
  await floor.close();
  ddb.destroy();
  return rows;
}
