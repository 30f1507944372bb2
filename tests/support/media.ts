/**
 * Fixtures of media planning: a client ready for media (team, a contact who approves media, a
 * job), a campaign with its brief, plan versions through the API, and — until a test goes
 * through the client's confirmation itself — a confirmation written straight into the table.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { DraftVersion } from '../../shared/creative/entities.js';
import { MediaPlan, MediaPlanVersion } from '../../shared/media/entities.js';
import { api } from './api.js';
import * as fx from './fixtures.js';
import * as samples from './media-samples.js';
import * as rv from './reviews.js';
import { documents } from './table.js';

type Json = fx.Json;

export const brief = {
  objective: 'Relaunch awareness in tier-1 cities.',
  targetAudience: 'Urban professionals 25–40.',
  markets: ['Shanghai', 'Beijing'],
  channelsConsidered: ['tv', 'online', 'outdoor'],
  budget: fx.usd(500_000),
  timing: 'March–April 2027',
};

export interface MediaSetup {
  agency: fx.Agency;
  client: Json;
  contact: Json;
  jobId: string;
  campaign: Json;
}

/** A campaign's flight (default: March–April 2027). */
export interface Flight {
  flightStart: string;
  flightEnd: string;
}

/** The vendors the fixtures' plan lines name (`tvLine`, `onlineLine`): bookings go only to registered, approved vendors. */
export const mediaVendorNames = ['Star TV', 'AdNet'] as const;

let mediaVendors: Promise<Record<string, Json>> | undefined;

/**
 * The fixtures' media vendors in the register, approved — once per test process. The register is
 * agency-wide and the local stack is shared by every file of a run, so another file may have
 * proposed or approved a vendor already (or be doing it now): a name taken is looked up, a
 * decision lost to a parallel one is read again.
 */
export function registeredMediaVendors(a: fx.AccountLine): Promise<Record<string, Json>> {
  mediaVendors ??= (async () => {
    const found: Record<string, Json> = {};
    for (const name of mediaVendorNames) found[name] = await approvedVendor(name, a);
    return found;
  })();
  return mediaVendors;
}

/** A vendor of that name in the register, approved (registered by another file of the run, or now). */
export async function approvedVendor(name: string, a: fx.AccountLine): Promise<Json> {
  const proposed = await api('POST', '/vendors', {
    token: a.ae.token,
    body: {
      name,
      categories: ['media_owner'],
      contact: {
        name: `${name} bookings`,
        email: `bookings-${name.replace(/\W+/g, '').toLowerCase()}@vendor.example`,
      },
      paymentTermsDays: 30,
      taxId: 'ES-B00000000',
    },
  });
  if (proposed.status !== 201) fx.expectProblem(proposed, 409, 'vendor_exists');
  for (let attempt = 0; attempt < 10; attempt++) {
    const listed = await api('GET', '/vendors', { token: a.ae.token });
    const vendor = (listed.body.items as Json[]).find((v) => v.name === name);
    if (!vendor) throw new Error(`Vendor ${name} is not in the register.`);
    if (vendor.status === 'approved') return vendor;
    const decided = await api('POST', `/vendors/${vendor.vendorId}/decision`, {
      token: a.ad.token,
      headers: { 'if-match': `"${vendor.version}"` },
      body: { decision: 'approve' },
    });
    if (decided.status === 200) return decided.body;
    fx.expectProblem(decided, 409, 'version_conflict');
  }
  throw new Error(`Vendor ${name} could not be approved.`);
}

/** A client whose team is AD, AM, AE; a contact approving creative, estimates and media; a job; a campaign (March–April 2027 unless `flight` says otherwise) with its brief; the media vendors its lines name registered and approved. */
export async function mediaReady(agency?: fx.Agency, flight?: Flight): Promise<MediaSetup> {
  const a = agency ?? (await fx.buildAgency());
  await registeredMediaVendors(a);
  const { client, brand } = await fx.readyClient(a.ad, [a.ad, a.am, a.ae]);
  const contactRes = await api('POST', `/clients/${client.clientId}/contacts`, {
    token: a.ad.token,
    body: {
      name: fx.uniqueName('Media approver'),
      email: `media-${Date.now()}-${Math.random().toString(36).slice(2)}@client.example`,
      level: 'senior',
      approves: ['media'],
    },
  });
  fx.expectStatus(contactRes, 201, 'POST contact');
  const job = await fx.openJob(a.ae, client.clientId, brand.brandId);
  const res = await api('POST', `/jobs/${job.jobId}/media-campaigns`, {
    token: a.ae.token,
    body: {
      name: fx.uniqueName('Spring flight'),
      flightStart: '2027-03-01',
      flightEnd: '2027-04-30',
      ...flight,
      budget: fx.usd(500_000),
      kpis: [
        { metric: 'impressions', target: 20000000 },
        { metric: 'clicks', target: 150000 },
      ],
      brief,
    },
  });
  fx.expectStatus(res, 201, 'POST /jobs/{jobId}/media-campaigns');
  return { agency: a, client, contact: contactRes.body, jobId: job.jobId, campaign: res.body };
}

export const tvLine = (start: string, end: string, units = 40) => ({
  channel: 'tv',
  vendor: 'Star TV',
  placement: 'Prime time 30s',
  startDate: start,
  endDate: end,
  unitType: 'spots',
  units,
  rate: fx.usd(1500),
  kpiContribution: { impressions: units * 100000 },
});

export const onlineLine = (start: string, end: string, units = 2_000_000) => ({
  channel: 'online',
  vendor: 'AdNet',
  placement: 'Homepage banner',
  startDate: start,
  endDate: end,
  unitType: 'impressions',
  units,
  rate: fx.usd(12.5),
  kpiContribution: { impressions: units, clicks: Math.round(units / 200) },
});

export async function planVersion(by: fx.Person, campaignId: string, body: Json): Promise<Json> {
  const res = await api('POST', `/media-campaigns/${campaignId}/plans`, { token: by.token, body });
  fx.expectStatus(res, 201, 'POST /media-campaigns/{campaignId}/plans');
  return res.body;
}

/**
 * Marks a plan version confirmed by the client, straight in the table — as the confirmation
 * flow leaves it — for tests about what comes after a confirmation.
 */
export async function confirmInTable(clientId: string, planId: string, number: number, contactId: string) {
  const confirmation = {
    via: 'written',
    contactId,
    confirmedAt: new Date().toISOString(),
    recordedBy: 'test',
  };
  await documents().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: inject('tableName'),
            Key: MediaPlanVersion.key(clientId, planId, number),
            UpdateExpression: 'SET #status = :confirmed, confirmation = :c',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':confirmed': 'confirmed', ':c': confirmation },
          },
        },
        {
          Update: {
            TableName: inject('tableName'),
            Key: MediaPlan.key(clientId, planId),
            UpdateExpression: 'SET confirmedVersion = :n',
            ConditionExpression: 'latestVersion = :n',
            ExpressionAttributeValues: { ':n': number },
          },
        },
      ],
    }),
  );
}

/** Recommendation, master plan and the March schedule, each confirmed; returns the March schedule's plan and version. */
export async function confirmedSchedule(s: MediaSetup): Promise<{ plan: Json; version: Json }> {
  const { campaignId, clientId } = s.campaign;
  const lines = [tvLine('2027-03-01', '2027-03-31'), onlineLine('2027-03-01', '2027-03-31')];
  for (const kind of ['recommendation', 'master_plan'] as const) {
    const created = await planVersion(s.agency.ae, campaignId, { kind, lines });
    await confirmInTable(clientId, created.plan.planId, created.version.number, s.contact.contactId);
  }
  const schedule = await planVersion(s.agency.ae, campaignId, {
    kind: 'monthly_schedule',
    month: '2027-03',
    lines,
  });
  await confirmInTable(clientId, schedule.plan.planId, schedule.version.number, s.contact.contactId);
  return schedule;
}

/** Confirms the recommendation and master plan once per campaign, then a new confirmed version of `month`'s schedule. */
export async function confirmedSchedulePlain(
  s: MediaSetup,
  month: string,
): Promise<{ plan: Json; version: Json }> {
  const { campaignId, clientId } = s.campaign;
  const lines = [tvLine(`${month}-01`, `${month}-28`), onlineLine(`${month}-01`, `${month}-28`)];
  const plans = (await api('GET', `/media-campaigns/${campaignId}/plans`, { token: s.agency.ae.token })).body
    .items as Json[];
  for (const kind of ['recommendation', 'master_plan'] as const) {
    if (plans.some((p) => p.kind === kind && p.confirmedVersion)) continue;
    const created = await planVersion(s.agency.ae, campaignId, { kind, lines });
    await confirmInTable(clientId, created.plan.planId, created.version.number, s.contact.contactId);
  }
  const schedule = await planVersion(s.agency.ae, campaignId, { kind: 'monthly_schedule', month, lines });
  await confirmInTable(clientId, schedule.plan.planId, schedule.version.number, s.contact.contactId);
  return schedule;
}

// The media chain workflow, releases, and plans through the sign-off engine.

/** The execution of a campaign's media chain (named after the campaign). */
export function chainExecutionArn(campaignId: string): string {
  const machine = inject('env').MEDIA_CHAIN_STATE_MACHINE_ARN ?? '';
  return `${machine.replace(':stateMachine:', ':execution:')}:${campaignId}`;
}

let sfn: SFNClient | undefined;

/** The execution of one run of a monitoring import (named after the import and its attempt). */
export function importExecutionArn(importId: string, attempt: number): string {
  const machine = inject('env').MONITORING_IMPORT_STATE_MACHINE_ARN ?? '';
  return `${machine.replace(':stateMachine:', ':execution:')}:monitoring-${importId}-${attempt}`;
}

/** The events of a monitoring import run's execution, oldest first. */
export async function importHistory(importId: string, attempt: number) {
  sfn ??= new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
  const { events = [] } = await sfn.send(
    new GetExecutionHistoryCommand({ executionArn: importExecutionArn(importId, attempt), maxResults: 1000 }),
  );
  return events;
}

/** Waits until a monitoring import run's execution has ended; its status. */
export async function importEnded(importId: string, attempt: number, timeoutMs = 30_000): Promise<string> {
  sfn ??= new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const execution = await sfn
      .send(new DescribeExecutionCommand({ executionArn: importExecutionArn(importId, attempt) }))
      .catch(() => undefined);
    if (execution && execution.status !== 'RUNNING') return execution.status ?? 'UNKNOWN';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The import run monitoring-${importId}-${attempt} did not end in ${timeoutMs} ms.`);
}

/**
 * Waits until a campaign's media chain is parked: the handler of its waiting task has returned
 * (the stage's token kept, the campaign moved, the team told) and it waits for a confirmation —
 * or the execution has ended. Returns the state it waits in (`AwaitRecommendation`, …) or the
 * execution's status. A campaign's chain starts with the campaign and writes on its own: wait for
 * this before counting items, and before confirming plans in the table (a chain that has not yet
 * looked would see the confirmation and move on). Once parked, it writes nothing until a plan of
 * that stage is confirmed through a review (or a week passes on its clock).
 */
export async function chainParked(campaignId: string, timeoutMs = 15_000): Promise<string> {
  sfn ??= new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
  const executionArn = chainExecutionArn(campaignId);
  const until = Date.now() + timeoutMs;
  let seen = 'none';
  while (Date.now() < until) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn })).catch(() => undefined);
    if (execution && execution.status !== 'RUNNING') return execution.status ?? 'UNKNOWN';
    if (execution) {
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 20 }),
      );
      const entered = events.find((e) => e.type === 'TaskStateEntered')?.stateEnteredEventDetails?.name;
      seen = `${entered ?? '?'}:${events[0]?.type ?? '-'}`;
      if (events[0]?.type === 'TaskSubmitted' && entered?.startsWith('Await')) return entered;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The media chain of ${campaignId} did not park in ${timeoutMs} ms (${seen}).`);
}

/** `mediaReady`, then waits for the new campaign's chain to park at the recommendation. */
export async function mediaSettled(agency?: fx.Agency, flight?: Flight): Promise<MediaSetup> {
  const s = await mediaReady(agency, flight);
  expect(await chainParked(s.campaign.campaignId)).toBe('AwaitRecommendation');
  return s;
}

/**
 * Marks a draft version released to production, straight in the table — as final artwork
 * approval leaves it — for tests about what needs released material.
 */
export async function releaseInTable(clientId: string, draftId: string, number: number) {
  await documents().send(
    new UpdateCommand({
      TableName: inject('tableName'),
      Key: DraftVersion.key(clientId, draftId, number),
      UpdateExpression: 'SET releasedToProductionAt = :at',
      ExpressionAttributeValues: { ':at': new Date().toISOString() },
    }),
  );
}

/** A signed confirmation of a plan, as a client sends it back: a PDF that opens. */
export const signedPdf = samples.signedPdf('Media plan confirmed.');

/**
 * Puts a plan version through internal approval to the client's step (usable in hooks): the AE
 * starts the review, the account director approves, and the client step is opened and notified.
 * Returns the review as the chain shows it then.
 */
export async function planAtClientStep(s: MediaSetup, planId: string, number: number): Promise<Json> {
  const { ae, ad } = s.agency;
  const started = await api('POST', `/media-plans/${planId}/versions/${number}/reviews`, {
    token: ae.token,
    body: { clientApproverIds: [s.contact.contactId], message: fx.uniqueName('Plan review') },
  });
  fx.expectStatus(started, 201, 'POST /media-plans/{planId}/versions/{n}/reviews');
  await rv.planStepOpened(ae, planId, 1);
  const internal = (await rv.planChain(ae, planId)).reviews
    .at(-1)
    .approvals.find((a: Json) => a.assignee.staffId === ad.staff.staffId);
  if (!internal) throw new Error(`No approval of plan ${planId} for the account director.`);
  fx.expectStatus(await rv.decide(ad, internal.approvalId, 'approve'), 200, 'internal approval of the plan');
  await rv.planStepOpened(ae, planId, 2);
  return (await rv.planChain(ae, planId)).reviews.at(-1);
}

/** Asks for a written confirmation upload of a plan version at its client step and uploads the signed PDF. */
export async function writtenConfirmationUploaded(
  s: MediaSetup,
  planId: string,
  number: number,
): Promise<{ uploadId: string; approvalId: string }> {
  const res = await api('POST', `/media-plans/${planId}/versions/${number}/written-confirmations`, {
    token: s.agency.ae.token,
    body: {
      contactId: s.contact.contactId,
      file: { name: 'signed-plan.pdf', contentType: 'application/pdf' },
    },
  });
  fx.expectStatus(res, 201, 'POST /media-plans/{planId}/versions/{n}/written-confirmations');
  await fx.uploadFile(res.body.upload, signedPdf, 'application/pdf');
  return { uploadId: res.body.uploadId, approvalId: res.body.approvalId };
}
