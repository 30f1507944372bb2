/**
 * Fixtures of media planning: a client ready for media (team, a contact who approves media, a
 * job), a campaign with its brief, plan versions through the API, and — until a test goes
 * through the client's confirmation itself — a confirmation written straight into the table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { MediaPlan, MediaPlanVersion } from '../../shared/db/entities.js';
import { api } from './api.js';
import * as fx from './fixtures.js';

type Json = fx.Json;

export const brief = {
  objective: 'Relaunch awareness in tier-1 cities.',
  targetAudience: 'Urban professionals 25–40.',
  markets: ['Shanghai', 'Beijing'],
  channelsConsidered: ['tv', 'online', 'outdoor'],
  budget: { amount: 500000, currency: 'USD' },
  timing: 'March–April 2027',
};

export interface MediaSetup {
  agency: fx.Agency;
  client: Json;
  contact: Json;
  jobId: string;
  campaign: Json;
}

/** A client whose team is AD, AM, AE; a contact approving creative, estimates and media; a job; a March–April campaign with its brief. */
export async function mediaReady(agency?: fx.Agency): Promise<MediaSetup> {
  const a = agency ?? (await fx.buildAgency());
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
      budget: { amount: 500000, currency: 'USD' },
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
  rate: 1500,
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
  rate: 12.5,
  kpiContribution: { impressions: units, clicks: Math.round(units / 200) },
});

export async function planVersion(by: fx.Person, campaignId: string, body: Json): Promise<Json> {
  const res = await api('POST', `/media-campaigns/${campaignId}/plans`, { token: by.token, body });
  fx.expectStatus(res, 201, 'POST /media-campaigns/{campaignId}/plans');
  return res.body;
}

let documents: DynamoDBDocumentClient | undefined;

/**
 * Marks a plan version confirmed by the client, straight in the table — as the confirmation
 * flow leaves it — for tests about what comes after a confirmation.
 */
export async function confirmInTable(clientId: string, planId: string, number: number, contactId: string) {
  documents ??= DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint') }));
  const confirmation = {
    via: 'written',
    contactId,
    confirmedAt: new Date().toISOString(),
    recordedBy: 'test',
  };
  await documents.send(
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
