/**
 * Fixtures for the adversarial integration tests: staff, clients, teams, contacts, brands
 * and jobs built through the HTTP API (only the head is bootstrapped in the table), the
 * route list derived from `apiAreas`, and a raw item count of the shared table.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect, inject } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import type { RouteSpec } from '../../functions/http/route-spec.js';
import { api, bootstrapHead, mintToken, uniqueEmail } from '../support/api.js';
import '../support/context.js';

// biome-ignore lint/suspicious/noExplicitAny: API payloads, asserted field by field
export type Loose = any;

export interface Actor {
  staffId: string;
  email: string;
  name: string;
  role: string;
  token: string;
}

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

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A random client code of 6 capital letters (the table is shared by the whole run). */
export const randomCode = (): string => Array.from({ length: 6 }, () => letters[randomInt(26)]).join('');

export const uniqueName = (prefix: string): string => `${prefix} ${randomUUID().slice(0, 8)}`;

/** Fails with the response in the message, so a broken fixture says why. */
export function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function head(): Promise<Actor> {
  const { staff, token } = await bootstrapHead();
  return { staffId: staff.staffId, email: staff.email, name: staff.name, role: staff.role, token };
}

export async function createStaff(
  by: Actor,
  role: string,
  reportsTo?: Actor,
  name = uniqueName(role),
): Promise<Actor> {
  const email = uniqueEmail(role.replace(/_/g, '-'));
  const res = await api('POST', '/staff', {
    token: by.token,
    body: { email, name, role, ...(reportsTo ? { reportsTo: reportsTo.staffId } : {}) },
  });
  expectStatus(res, 201, `POST /staff ${role}`);
  const token = await mintToken(res.body.staffId, res.body.email);
  return { staffId: res.body.staffId, email: res.body.email, name, role, token };
}

export const completeIntake = {
  productKnowledge: 'Sparkling water in glass bottles.',
  marketSituation: 'Premium segment grows 8% a year.',
  advertisingBudget: { amount: 250000, currency: 'USD' },
  marketingPlan: 'National launch in spring.',
};

export async function createClient(by: Actor, overrides: Record<string, unknown> = {}): Promise<Loose> {
  const res = await api('POST', '/clients', {
    token: by.token,
    body: { name: uniqueName('Client'), code: randomCode(), industry: 'Beverages', ...overrides },
  });
  expectStatus(res, 201, 'POST /clients');
  return res.body;
}

export async function patchClient(by: Actor, client: Loose, body: unknown): Promise<Loose> {
  const res = await api('PATCH', `/clients/${client.clientId}`, {
    token: by.token,
    body,
    headers: { 'if-match': `"${client.version}"` },
  });
  expectStatus(res, 200, 'PATCH /clients/{clientId}');
  return res.body;
}

export async function getTeamVersion(by: Actor, clientId: string): Promise<number | undefined> {
  const res = await api('GET', `/clients/${clientId}/team`, { token: by.token });
  if (res.status === 200 && typeof res.body.version === 'number' && res.body.version > 0)
    return res.body.version;
  return undefined;
}

export async function putTeam(by: Actor, clientId: string, members: Actor[]): Promise<Loose> {
  const version = await getTeamVersion(by, clientId);
  const res = await api('PUT', `/clients/${clientId}/team`, {
    token: by.token,
    body: { members: members.map((m) => ({ staffId: m.staffId, role: m.role })) },
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
  expectStatus(res, 200, 'PUT /clients/{clientId}/team');
  return res.body;
}

export async function createContact(
  by: Actor,
  clientId: string,
  name = uniqueName('Contact'),
): Promise<Loose> {
  const res = await api('POST', `/clients/${clientId}/contacts`, {
    token: by.token,
    body: { name, email: uniqueEmail('contact'), level: 'senior', approves: ['creative', 'estimate'] },
  });
  expectStatus(res, 201, 'POST /clients/{clientId}/contacts');
  return res.body;
}

export async function createBrand(by: Actor, clientId: string, name = uniqueName('Brand')): Promise<Loose> {
  const res = await api('POST', `/clients/${clientId}/brands`, {
    token: by.token,
    body: { name, positioning: 'The clear choice.', competitors: ['Rival One'] },
  });
  expectStatus(res, 201, 'POST /clients/{clientId}/brands');
  return res.body;
}

export async function openJob(
  by: Actor,
  clientId: string,
  brandId: string,
  title = uniqueName('Job'),
): Promise<Loose> {
  const res = await api('POST', '/jobs', {
    token: by.token,
    body: { clientId, brandId, title, type: 'campaign' },
  });
  expectStatus(res, 201, 'POST /jobs');
  return res.body;
}

/** A client created by the head, intake complete, with a team, a contact and a brand. */
export async function readyClient(
  by: Actor,
  team: Actor[],
): Promise<{ client: Loose; brand: Loose; contact: Loose }> {
  let client = await createClient(by);
  client = await patchClient(by, client, { intake: completeIntake });
  expect(client.intakeCompleteness.complete).toBe(true);
  if (team.length > 0) await putTeam(by, client.clientId, team);
  const contact = await createContact(by, client.clientId);
  const brand = await createBrand(by, client.clientId);
  return { client, brand, contact };
}

/** An account line under the head: AD (under GAD or head), AM, AE. */
export async function accountLine(h: Actor, director: Actor, label: string) {
  const ad = await createStaff(h, 'account_director', director, uniqueName(`AD ${label}`));
  const am = await createStaff(h, 'account_manager', ad, uniqueName(`AM ${label}`));
  const ae = await createStaff(h, 'account_executive', am, uniqueName(`AE ${label}`));
  return { ad, am, ae };
}

let dynamo: DynamoDBClient | undefined;

/** Every item in the shared table, counted with a paginated COUNT Scan. */
export async function countItems(): Promise<number> {
  dynamo ??= new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
  let total = 0;
  let start: Record<string, Loose> | undefined;
  do {
    const out = await dynamo.send(
      new ScanCommand({ TableName: inject('tableName'), Select: 'COUNT', ExclusiveStartKey: start }),
    );
    total += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return total;
}
