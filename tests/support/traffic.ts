/**
 * Fixtures of traffic: an agency with a production person, a client on a known calendar (Madrid,
 * holidays), its team (AD, AM, AE, creative, production, traffic coordinator), a campaign job and
 * its schedule drawn from the built-in template; helpers for changes, briefs and task lists.
 */
import { expect } from 'vitest';
import { type ApiResponse, api } from './api.js';
import * as fx from './fixtures.js';

type Json = fx.Json;

export const madrid = {
  timeZone: 'Europe/Madrid',
  weekend: [0, 6],
  holidays: ['2027-01-01', '2027-01-06', '2027-03-25', '2027-03-26', '2027-05-01'],
};

export interface TrafficSetup {
  agency: fx.Agency;
  production: fx.Person;
  client: Json;
  contact: Json;
  brand: Json;
  job: Json;
  schedule: Json;
}

/** A client on the Madrid calendar whose team includes creative, production and traffic, a job, and (unless `startDate` is null) its schedule. */
export async function trafficReady(
  options: { agency?: fx.Agency; startDate?: string | null; production?: fx.Person } = {},
): Promise<TrafficSetup> {
  const agency = options.agency ?? (await fx.buildAgency());
  const production = options.production ?? (await fx.appoint(agency.head, 'production'));
  const { ad, am, ae, creative, traffic } = agency;
  const { client, brand, contact } = await fx.readyClient(ad, [ad, am, ae, creative, production, traffic]);
  const withCalendar = await api('PATCH', `/clients/${client.clientId}`, {
    token: ad.token,
    headers: { 'if-match': `"${client.version}"` },
    body: { calendar: madrid },
  });
  fx.expectStatus(withCalendar, 200, 'PATCH client calendar');
  const job = await fx.openJob(ae, client.clientId, brand.brandId);
  let schedule: Json;
  if (options.startDate !== null) {
    const res = await api('POST', `/jobs/${job.jobId}/schedule`, {
      token: ae.token,
      body: { startDate: options.startDate ?? '2027-01-04' },
    });
    fx.expectStatus(res, 201, 'POST /jobs/{jobId}/schedule');
    schedule = res.body;
  }
  return { agency, production, client: withCalendar.body, contact, brand, job, schedule };
}

export const milestoneNamed = (schedule: Json, name: string): Json => {
  const found = schedule.milestones.find((m: Json) => m.name === name);
  expect(found, `milestone ${name}`).toBeDefined();
  return found;
};

export async function getSchedule(by: fx.Person, jobId: string): Promise<Json> {
  const res = await api('GET', `/jobs/${jobId}/schedule`, { token: by.token });
  fx.expectStatus(res, 200, 'GET /jobs/{jobId}/schedule');
  return res.body;
}

export function change(
  by: fx.Person,
  jobId: string,
  version: number,
  body: Json,
): Promise<ApiResponse<Json>> {
  return api('PATCH', `/jobs/${jobId}/schedule`, {
    token: by.token,
    headers: { 'if-match': `"${version}"` },
    body,
  });
}

export function preview(by: fx.Person, jobId: string, body: Json): Promise<ApiResponse<Json>> {
  return api('POST', `/jobs/${jobId}/schedule/preview`, { token: by.token, body });
}

export function progress(by: fx.Person, jobId: string, milestoneId: string, body: Json) {
  return api('POST', `/jobs/${jobId}/schedule/milestones/${milestoneId}/progress`, { token: by.token, body });
}

export const creativeBrief = {
  kind: 'creative',
  title: 'Spring relaunch',
  background: 'Sales of the premium range fell 8% last year.',
  objective: 'Make the premium range the obvious gift.',
  targetAudience: 'Urban professionals, 25–40.',
  keyMessage: 'A better cup, every morning.',
  mandatories: 'Logo top right; legal line.',
  deliverables: ['Press layout A4', 'Social 1080×1920'],
  budget: { amountMinor: 4_000_000, currency: 'EUR' },
  timing: 'On air in April.',
};

export async function createBrief(by: fx.Person, jobId: string, body: Json = creativeBrief): Promise<Json> {
  const res = await api('POST', `/jobs/${jobId}/briefs`, { token: by.token, body });
  fx.expectStatus(res, 201, 'POST /jobs/{jobId}/briefs');
  return res.body;
}

export async function briefChain(by: fx.Person, briefId: string): Promise<Json> {
  const res = await api('GET', `/briefs/${briefId}/approvals`, { token: by.token });
  fx.expectStatus(res, 200, 'GET /briefs/{briefId}/approvals');
  return res.body;
}

/** Polls until `probe` answers something truthy; throws after `timeoutMs` (usable in hooks). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The caller's pending approval of a subject (a brief, a timetable). */
export async function pendingApprovalOf(by: fx.Person, subjectId: string): Promise<Json> {
  return until(`a pending approval of ${subjectId} for ${by.staff.name}`, async () =>
    (await fx.listAll('/approvals?assignee=me&status=pending', by)).find(
      (a: Json) => a.subjectId === subjectId,
    ),
  );
}

/** Every task of `by` (following nextToken), with the query given. */
export async function allTasks(by: fx.Person, path = '/me/tasks', limit = 25): Promise<Json[]> {
  return fx.listAll(path, by, limit);
}
