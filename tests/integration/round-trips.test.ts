/**
 * One round trip per call (issue 10 §7): the routes' handlers run in this process against the
 * shared local stack, and an SDK middleware on the shared DynamoDB client counts round trips —
 * a round trip starts whenever a request goes out while none is in flight, so requests sent
 * together count once and requests sent one after the other count each. Reads and lists send
 * the access check with their read; writes that need nothing read carry the check in their
 * transaction; a write that changes what it read (PATCH, and POST /jobs numbering from the
 * client's counter) reads once and writes once.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as clientsHandler } from '../../functions/clients/handler.js';
import { handler as jobsHandler } from '../../functions/jobs/handler.js';
import { buildEvent } from '../../infra/local/http-api.js';
import { tableClient } from '../../shared/platform/db/client.js';
import { uniqueEmail } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { testContext } from '../support/lambda-context.js';

let inFlight = 0;
let roundTrips = 0;
let requests = 0;
const counterName = 'roundTripCounter';
tableClient.middlewareStack.add(
  (next) => async (args) => {
    requests++;
    if (inFlight++ === 0) roundTrips++;
    try {
      return await next(args);
    } finally {
      inFlight--;
    }
  },
  { step: 'finalizeRequest', name: counterName },
);
afterAll(() => {
  tableClient.middlewareStack.remove(counterName);
});

type Handler = (event: never, context: never) => Promise<unknown>;

/** Calls a route's handler in this process as API Gateway would; returns the reply and what it cost. */
async function call(
  handler: Handler,
  routeKey: string,
  person: fx.Person,
  options: { path: string; params?: Record<string, string>; body?: unknown; headers?: string[] },
) {
  const [method, path] = routeKey.split(' ') as [string, string];
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(options.body));
  const event = buildEvent({
    method,
    rawUrl: options.path,
    rawHeaders: [
      ...(options.body === undefined ? [] : ['content-type', 'application/json']),
      ...(options.headers ?? []),
    ],
    body,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    route: { routeKey, method, path, authorizationType: 'JWT', functionLogicalId: 'test' },
    pathParameters: options.params,
    claims: { staff_id: person.staff.staffId, email: person.staff.email },
    apiId: 'test',
    domainName: 'localhost',
  });
  roundTrips = 0;
  requests = 0;
  const result = (await handler(event as never, testContext() as never)) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    body: result.body ? JSON.parse(result.body) : undefined,
    roundTrips,
    requests,
  };
}

describe('one round trip per call', () => {
  let head: fx.Person;
  let gad: fx.Person;
  let ad: fx.Person;
  let am: fx.Person;
  let ae: fx.Person;
  let stranger: fx.Person;
  let clientId: string;
  let brandId: string;
  let job: fx.Json;

  beforeAll(async () => {
    const agency = await fx.buildAgency();
    ({ head, gad, ad, am, ae } = agency);
    stranger = await fx.appoint(head, 'account_manager');
    const ready = await fx.readyClient(head, [am, ae]);
    clientId = ready.client.clientId;
    brandId = ready.brand.brandId;
    job = await fx.openJob(ae, clientId, brandId);
  });

  it('reads a job in one round trip', async () => {
    const r = await call(jobsHandler, 'GET /jobs/{jobId}', ae, {
      path: `/jobs/${job.jobId}`,
      params: { jobId: job.jobId },
    });
    expect(r.status).toBe(200);
    expect(r.roundTrips).toBe(1);
  });

  it("lists a client's jobs and contacts in one round trip: the check and the query go together", async () => {
    const jobs = await call(jobsHandler, 'GET /jobs', ae, { path: `/jobs?clientId=${clientId}` });
    expect(jobs.status).toBe(200);
    expect(jobs.body.items.map((j: fx.Json) => j.jobId)).toContain(job.jobId);
    expect(jobs).toMatchObject({ roundTrips: 1, requests: 2 });
    const contacts = await call(clientsHandler, 'GET /clients/{clientId}/contacts', ae, {
      path: `/clients/${clientId}/contacts`,
      params: { clientId },
    });
    expect(contacts.status).toBe(200);
    expect(contacts).toMatchObject({ roundTrips: 1, requests: 2 });
  });

  it('creates a brand and a contact in one transaction that carries the access check', async () => {
    const brand = await call(clientsHandler, 'POST /clients/{clientId}/brands', am, {
      path: `/clients/${clientId}/brands`,
      params: { clientId },
      body: { name: fx.uniqueName('Brand'), positioning: 'Round trips.', competitors: [] },
    });
    expect(brand.status).toBe(201);
    expect(brand).toMatchObject({ roundTrips: 1, requests: 1 });
    const contact = await call(clientsHandler, 'POST /clients/{clientId}/contacts', ae, {
      path: `/clients/${clientId}/contacts`,
      params: { clientId },
      body: { name: 'Round Trip', email: uniqueEmail('contact'), level: 'brand', approves: ['creative'] },
    });
    expect(contact.status).toBe(201);
    expect(contact).toMatchObject({ roundTrips: 1, requests: 1 });
  });

  it('creates with an Idempotency-Key in one round trip, and replays the first result', async () => {
    const key = `round-trip-${Date.now()}`;
    const body = {
      name: 'Keyed Contact',
      email: uniqueEmail('contact'),
      level: 'brand',
      approves: ['creative'],
    };
    const send = () =>
      call(clientsHandler, 'POST /clients/{clientId}/contacts', ae, {
        path: `/clients/${clientId}/contacts`,
        params: { clientId },
        body,
        headers: ['idempotency-key', key],
      });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first).toMatchObject({ roundTrips: 1, requests: 1 });
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const reused = await call(clientsHandler, 'POST /clients/{clientId}/contacts', ae, {
      path: `/clients/${clientId}/contacts`,
      params: { clientId },
      body: { ...body, name: 'Another Body' },
      headers: ['idempotency-key', key],
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('changes and opens a job with one read and one write', async () => {
    const patch = await call(jobsHandler, 'PATCH /jobs/{jobId}', ae, {
      path: `/jobs/${job.jobId}`,
      params: { jobId: job.jobId },
      body: { title: fx.uniqueName('Renamed') },
      headers: ['if-match', `"${job.version}"`],
    });
    expect(patch.status).toBe(200);
    expect(patch).toMatchObject({ roundTrips: 2, requests: 2 });
    const opened = await call(jobsHandler, 'POST /jobs', ae, {
      path: '/jobs',
      body: { clientId, brandId, title: fx.uniqueName('Job'), type: 'campaign' },
    });
    expect(opened.status).toBe(201);
    expect(opened).toMatchObject({ roundTrips: 2, requests: 2 });
  });

  it('refuses exactly as before: the check answers, whatever the write or the query would have done', async () => {
    // Not on the team: the client is not theirs to see, whether the write is valid or not.
    const brand = await call(clientsHandler, 'POST /clients/{clientId}/brands', stranger, {
      path: `/clients/${clientId}/brands`,
      params: { clientId },
      body: { name: fx.uniqueName('Brand'), positioning: 'Hostile.', competitors: [] },
    });
    expect(brand.status).toBe(404);
    expect(brand.body.code).toBe('not_found');
    // On the team but not a manager: may not run brands.
    const byAe = await call(clientsHandler, 'POST /clients/{clientId}/brands', ae, {
      path: `/clients/${clientId}/brands`,
      params: { clientId },
      body: { name: fx.uniqueName('Brand'), positioning: 'Too junior.', competitors: [] },
    });
    expect(byAe.status).toBe(403);
    // The list's query went out with the check; the check's refusal is the answer.
    const list = await call(clientsHandler, 'GET /clients/{clientId}/contacts', stranger, {
      path: `/clients/${clientId}/contacts`,
      params: { clientId },
    });
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('not_found');
  });

  it("lets a group account director write on their director's client, and no other", async () => {
    const brandBody = { name: fx.uniqueName('Brand'), positioning: 'Through the line.', competitors: [] };
    const theirs = await fx.createClient(head);
    await fx.setTeam(head, theirs.clientId, [ad]);
    const allowed = await call(clientsHandler, 'POST /clients/{clientId}/brands', gad, {
      path: `/clients/${theirs.clientId}/brands`,
      params: { clientId: theirs.clientId },
      body: brandBody,
    });
    expect(allowed.status).toBe(201);
    const notTheirs = await fx.createClient(head);
    const refused = await call(clientsHandler, 'POST /clients/{clientId}/brands', gad, {
      path: `/clients/${notTheirs.clientId}/brands`,
      params: { clientId: notTheirs.clientId },
      body: brandBody,
    });
    expect(refused.status).toBe(404);
  });

  it('lets the head write on a client whose team they are not on (the check the long way, then as before)', async () => {
    const first = await call(clientsHandler, 'POST /clients/{clientId}/brands', head, {
      path: `/clients/${clientId}/brands`,
      params: { clientId },
      body: { name: fx.uniqueName('Brand'), positioning: 'From the top.', competitors: [] },
    });
    expect(first.status).toBe(201);
    const again = await call(clientsHandler, 'POST /clients/{clientId}/brands', head, {
      path: `/clients/${clientId}/brands`,
      params: { clientId },
      body: { name: fx.uniqueName('Brand'), positioning: 'From the top.', competitors: [] },
    });
    expect(again.status).toBe(201);
    expect(again.roundTrips).toBe(2);
  });
});
