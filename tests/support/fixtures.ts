/**
 * Fixtures for the integration tests: an agency, staff, clients (intake, team, contacts,
 * brands) and jobs built through the HTTP API (only the head is bootstrapped in the table),
 * with unique names, emails and client codes since every file of a run shares one table;
 * status and problem assertions; the route list derived from `apiAreas`; and a raw item
 * count of the shared table.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect, inject } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import type { RouteSpec } from '../../functions/http/route-spec.js';
import { type ApiResponse, api, bootstrapHead, mintToken, uniqueEmail } from './api.js';
import './context.js';

// biome-ignore lint/suspicious/noExplicitAny: records as the API returns them, asserted field by field
export type Json = any;

/** A staff member as the API returned them, and a token to act as them. */
export interface Person {
  staff: Json;
  token: string;
}

// Names, codes and ids.

export const year = (): number => new Date().getUTCFullYear();

/** An amount of US dollars as the API takes and answers it (integer cents). */
export const usd = (dollars: number) => ({ amountMinor: Math.round(dollars * 100), currency: 'USD' });

/** 6 random capital letters: a client code unlikely to collide within a run. */
export const clientCode = (): string =>
  Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');

/** A well-formed id (ULID alphabet) that no record has. */
export const unknownId = (): string =>
  Array.from({ length: 26 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[randomInt(32)]).join('');

export const uniqueName = (prefix: string): string => `${prefix} ${randomUUID().slice(0, 8)}`;

// The routes of the API.

/** Every route of the API, as the CDK stack and the local runner see it. */
export const allRoutes = (): RouteSpec[] => apiAreas.flatMap((area) => area.routes);

export const writeRoutes = (): RouteSpec[] =>
  allRoutes().filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');

/** The `{name}` placeholders of a route path. */
export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** Fills a route path from a map of ids; fails loudly on a placeholder it does not know. */
export function fillPath(path: string, ids: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`No id for path parameter {${name}} of ${path}: add one to the fixtures.`);
    return encodeURIComponent(id);
  });
}

// Assertions.

/** The response has this status; the message shows the body (and `what` was asked), so a failure says why. */
export function expectStatus(res: ApiResponse, status: number, what?: string): void {
  expect(res.status, `${what ? `${what}: ` : ''}${res.status} ${JSON.stringify(res.body)}`).toBe(status);
}

/** An RFC 9457 problem with the given status (and stable code). */
export function expectProblem(res: ApiResponse<Json>, status: number, code?: string): void {
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (code) {
    expect(res.body.code).toBe(code);
    expect(res.body.type).toBe(`urn:account-desk:problem:${code}`);
  }
}

/** The fields named in a problem's `errors[]`. */
export const problemFields = (res: ApiResponse<Json>): string[] =>
  (res.body.errors ?? []).map((e: { field: string }) => e.field);

// Staff.

/** A new staff member appointed by `by` (the head), reporting to `reportsTo` when given. */
export async function appoint(
  by: Person,
  role: string,
  reportsTo?: Person,
  name = uniqueName(role),
): Promise<Person> {
  const res = await api('POST', '/staff', {
    token: by.token,
    body: {
      email: uniqueEmail(role.replace(/_/g, '-')),
      name,
      role,
      ...(reportsTo ? { reportsTo: reportsTo.staff.staffId } : {}),
    },
  });
  expectStatus(res, 201, `POST /staff ${role}`);
  return { staff: res.body, token: await mintToken(res.body.staffId, res.body.email) };
}

export interface AccountLine {
  ad: Person;
  am: Person;
  ae: Person;
}

/** An account line appointed by the head: AD (under `director`), AM, AE. */
export async function accountLine(by: Person, director: Person, label: string): Promise<AccountLine> {
  const ad = await appoint(by, 'account_director', director, uniqueName(`AD ${label}`));
  const am = await appoint(by, 'account_manager', ad, uniqueName(`AM ${label}`));
  const ae = await appoint(by, 'account_executive', am, uniqueName(`AE ${label}`));
  return { ad, am, ae };
}

export interface Agency extends AccountLine {
  head: Person;
  gad: Person;
  aae: Person;
  rep: Person;
  traffic: Person;
  creative: Person;
}

/** head → GAD → AD → AM → AE → (AAE, rep); traffic → head; a creative. */
export async function buildAgency(): Promise<Agency> {
  const head: Person = await bootstrapHead();
  const gad = await appoint(head, 'group_account_director', head);
  const { ad, am, ae } = await accountLine(head, gad, 'agency');
  const [aae, rep, traffic, creative] = await Promise.all([
    appoint(head, 'assistant_account_executive', ae),
    appoint(head, 'account_rep', ae),
    appoint(head, 'traffic_coordinator', head),
    appoint(head, 'creative'),
  ]);
  return { head, gad, ad, am, ae, aae, rep, traffic, creative };
}

// Clients, their teams, contacts and brands; jobs.

/** Every field of the intake: a client with it may have jobs. */
export const fullIntake = {
  productKnowledge: 'Premium tea, three SKUs.',
  marketSituation: 'Crowded category, price war.',
  advertisingBudget: { amountMinor: 25_000_000, currency: 'USD' },
  marketingPlan: 'Grow share in tier-1 cities.',
};

export async function createClient(by: Person, extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await api('POST', '/clients', {
    token: by.token,
    body: { name: uniqueName('Client'), code: clientCode(), industry: 'Beverages', ...extra },
  });
  expectStatus(res, 201, 'POST /clients');
  return res.body;
}

/** Patches the client (at its version) with the full intake; returns the updated client. */
export async function completeIntake(by: Person, client: Json): Promise<Json> {
  const res = await api('PATCH', `/clients/${client.clientId}`, {
    token: by.token,
    headers: { 'if-match': `"${client.version}"` },
    body: { intake: fullIntake },
  });
  expectStatus(res, 200, 'PATCH /clients/{clientId}');
  return res.body;
}

/** Replaces the team (reads its version first; If-Match only when it exists). */
export async function setTeam(by: Person, clientId: string, members: Person[]): Promise<Json> {
  const current = await api('GET', `/clients/${clientId}/team`, { token: by.token });
  expectStatus(current, 200, 'GET /clients/{clientId}/team');
  const res = await api('PUT', `/clients/${clientId}/team`, {
    token: by.token,
    headers: current.body.version > 0 ? { 'if-match': `"${current.body.version}"` } : {},
    body: { members: members.map((m) => ({ staffId: m.staff.staffId, role: m.staff.role })) },
  });
  expectStatus(res, 200, 'PUT /clients/{clientId}/team');
  return res.body;
}

export async function createContact(
  by: Person,
  clientId: string,
  name = uniqueName('Contact'),
): Promise<Json> {
  const res = await api('POST', `/clients/${clientId}/contacts`, {
    token: by.token,
    body: { name, email: uniqueEmail('contact'), level: 'senior', approves: ['creative', 'estimate'] },
  });
  expectStatus(res, 201, 'POST /clients/{clientId}/contacts');
  return res.body;
}

export async function createBrand(by: Person, clientId: string, name = uniqueName('Brand')): Promise<Json> {
  const res = await api('POST', `/clients/${clientId}/brands`, {
    token: by.token,
    body: { name, positioning: 'The clear choice.', competitors: ['Rival One'] },
  });
  expectStatus(res, 201, 'POST /clients/{clientId}/brands');
  return res.body;
}

export async function openJob(
  by: Person,
  clientId: string,
  brandId: string,
  title = uniqueName('Job'),
): Promise<Json> {
  const res = await api('POST', '/jobs', {
    token: by.token,
    body: { clientId, brandId, title, type: 'campaign' },
  });
  expectStatus(res, 201, 'POST /jobs');
  return res.body;
}

/** A client created by `by`, intake complete, with a team (when given), a contact and a brand. */
export async function readyClient(
  by: Person,
  team: Person[],
): Promise<{ client: Json; brand: Json; contact: Json }> {
  const client = await completeIntake(by, await createClient(by));
  expect(client.intakeCompleteness.complete).toBe(true);
  if (team.length > 0) await setTeam(by, client.clientId, team);
  const contact = await createContact(by, client.clientId);
  const brand = await createBrand(by, client.clientId);
  return { client, brand, contact };
}

// Drafts.

/** The specs of the drafts the fixtures open: a 1080×1920 PNG. */
export const artworkSpecs = { fileTypes: ['image/png'], width: 1080, height: 1920 };

/**
 * Opens a draft on a job (artwork, a 1080×1920 PNG unless `body` says otherwise); returns
 * the draft, its version 1 (awaiting upload) and the presigned upload.
 */
export async function createDraft(
  by: Person,
  jobId: string,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const res = await api('POST', `/jobs/${jobId}/drafts`, {
    token: by.token,
    body: {
      title: uniqueName('Draft'),
      kind: 'artwork',
      specs: artworkSpecs,
      file: { name: 'artwork.png', contentType: 'image/png' },
      ...body,
    },
  });
  expectStatus(res, 201, 'POST /jobs/{jobId}/drafts');
  return res.body;
}

/** What a browser does with a presigned POST: the policy fields, then the file. */
export async function uploadFile(
  presigned: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  type: string,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), 'file');
  const res = await fetch(presigned.url, { method: 'POST', body: form });
  expect(res.status, await res.text()).toBeLessThan(300);
}

// Reading back.

/** Every item of a list as `by` sees it, following nextToken. */
export async function listAll(path: string, by: Person, limit = 100): Promise<Json[]> {
  const items: Json[] = [];
  let nextToken: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 500; page++) {
    const res = await api(
      'GET',
      `${path}${sep}limit=${limit}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`,
      { token: by.token },
    );
    expectStatus(res, 200, `GET ${path}`);
    items.push(...res.body.items);
    nextToken = res.body.nextToken;
    if (!nextToken) return items;
  }
  throw new Error(`list ${path}: too many pages`);
}

let dynamo: DynamoDBClient | undefined;

/**
 * Every item in the shared table. DynamoDB Local's DescribeTable counts the table's items on each
 * call (AWS refreshes ItemCount only every few hours; these tests run on DynamoDB Local alone), so
 * the count is exact and takes one round trip, where a COUNT Scan reads the whole shared table:
 * seconds per count once the run's earlier files have filled it.
 */
export async function countItems(): Promise<number> {
  dynamo ??= new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: inject('tableName') }));
  if (Table?.ItemCount === undefined) throw new Error('DynamoDB Local did not report an ItemCount');
  return Table.ItemCount;
}
