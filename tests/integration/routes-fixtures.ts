/**
 * Fixtures for the route tests: builds an agency, clients, teams and brands through the
 * HTTP API (never the table), with unique emails and client codes, since every file of a
 * run shares one table.
 */
import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { type ApiResponse, api, bootstrapHead, mintToken, uniqueEmail } from '../support/api.js';

// biome-ignore lint/suspicious/noExplicitAny: records as the API returns them
export type Json = any;

export interface Person {
  staff: Json;
  token: string;
}

export const year = (): number => new Date().getUTCFullYear();

/** 6 random capital letters: a client code unlikely to collide within a run. */
export const clientCode = (): string =>
  Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');

/** A well-formed id (ULID alphabet) that no record has. */
export const unknownId = (): string =>
  Array.from({ length: 26 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[randomInt(32)]).join('');

const tag = () => Math.random().toString(36).slice(2, 8);

export function expectStatus(res: ApiResponse, status: number): void {
  expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBe(status);
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

export async function appoint(
  headToken: string,
  role: string,
  reportsTo?: string,
  name = `${role} ${tag()}`,
): Promise<Person> {
  const res = await api('POST', '/staff', {
    token: headToken,
    body: { email: uniqueEmail(role.replace(/_/g, '-')), name, role, ...(reportsTo ? { reportsTo } : {}) },
  });
  if (res.status !== 201) throw new Error(`appoint ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  return { staff: res.body, token: await mintToken(res.body.staffId, res.body.email) };
}

export interface Agency {
  head: Person;
  gad: Person;
  ad: Person;
  am: Person;
  ae: Person;
  aae: Person;
  rep: Person;
  traffic: Person;
  creative: Person;
}

/** head → GAD → AD → AM → AE → (AAE, rep); traffic → head; a creative. */
export async function buildAgency(): Promise<Agency> {
  const head = await bootstrapHead();
  const h = head.token;
  const gad = await appoint(h, 'group_account_director', head.staff.staffId);
  const ad = await appoint(h, 'account_director', gad.staff.staffId);
  const am = await appoint(h, 'account_manager', ad.staff.staffId);
  const ae = await appoint(h, 'account_executive', am.staff.staffId);
  const [aae, rep, traffic, creative] = await Promise.all([
    appoint(h, 'assistant_account_executive', ae.staff.staffId),
    appoint(h, 'account_rep', ae.staff.staffId),
    appoint(h, 'traffic_coordinator', head.staff.staffId),
    appoint(h, 'creative'),
  ]);
  return { head, gad, ad, am, ae, aae, rep, traffic, creative };
}

export const fullIntake = {
  productKnowledge: 'Premium tea, three SKUs.',
  marketSituation: 'Crowded category, price war.',
  advertisingBudget: { amount: 250000, currency: 'USD' },
  marketingPlan: 'Grow share in tier-1 cities.',
};

export async function createClient(token: string, extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await api('POST', '/clients', {
    token,
    body: { name: `Client ${tag()}`, code: clientCode(), industry: 'Beverages', ...extra },
  });
  if (res.status !== 201) throw new Error(`createClient: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function completeIntake(token: string, client: Json): Promise<Json> {
  const res = await api('PATCH', `/clients/${client.clientId}`, {
    token,
    headers: { 'if-match': `"${client.version}"` },
    body: { intake: fullIntake },
  });
  if (res.status !== 200) throw new Error(`completeIntake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Replaces the team (reads its version first; If-Match only when it exists). */
export async function setTeam(token: string, clientId: string, members: Person[]): Promise<Json> {
  const current = await api('GET', `/clients/${clientId}/team`, { token });
  if (current.status !== 200) throw new Error(`getTeam: ${current.status} ${JSON.stringify(current.body)}`);
  const res = await api('PUT', `/clients/${clientId}/team`, {
    token,
    headers: current.body.version > 0 ? { 'if-match': `"${current.body.version}"` } : {},
    body: { members: members.map((m) => ({ staffId: m.staff.staffId, role: m.staff.role })) },
  });
  if (res.status !== 200) throw new Error(`putTeam: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createBrand(token: string, clientId: string, name = `Brand ${tag()}`): Promise<Json> {
  const res = await api('POST', `/clients/${clientId}/brands`, { token, body: { name } });
  if (res.status !== 201) throw new Error(`createBrand: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every item of a list, following nextToken. */
export async function listAll(path: string, token: string, limit = 100): Promise<Json[]> {
  const items: Json[] = [];
  let nextToken: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 500; page++) {
    const res = await api(
      'GET',
      `${path}${sep}limit=${limit}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`,
      { token },
    );
    if (res.status !== 200) throw new Error(`list ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    nextToken = res.body.nextToken;
    if (!nextToken) return items;
  }
  throw new Error(`list ${path}: too many pages`);
}
