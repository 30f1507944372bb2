/**
 * Post-campaign analyses (issue 4 §4): the daily job (`runDuePostCampaignReports`, called
 * in-process with the day it runs for) generates one report per due campaign — HTML and CSV in
 * the reports bucket, an email with presigned links to each account-team member — and a
 * doubled or repeated run generates nothing more; the numbers match a calculation made here
 * from the monitoring rows the test wrote; reports are listed and regenerated on demand.
 *
 * The campaigns fly in January 2026 (due 2026-02-07 with the default 7-day delay) and February
 * 2026 (due 2026-03-07), windows no other test uses, so the job's runs for those days concern
 * only them.
 */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DeliveryRow, Discrepancy, MonitoringImport } from '../../shared/media/entities.js';
import {
  generateReport,
  postCampaignReportsJob,
  reportGenerationLimit,
  runDuePostCampaignReports,
} from '../../shared/media/post-campaign-reports.js';
import { ScheduledRun } from '../../shared/platform/entities.js';
import { newId } from '../../shared/platform/ids.js';
import { counterKey } from '../../shared/platform/rate-limit.js';
import { api, uniqueEmail } from '../support/api.js';
import { cents, parseCsv, sum } from '../support/csv.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import * as rv from '../support/reviews.js';
import { documents } from '../support/table.js';

type Json = fx.Json;

async function writeItems(items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await documents().send(
        new BatchWriteCommand({ RequestItems: { [inject('tableName')]: pending } }),
      );
      pending = (out.UnprocessedItems?.[inject('tableName')] ?? []) as typeof pending;
    }
  }
}

/** A campaign flying one month of 2026 on the setup's job, its plans confirmed (in the table) and both lines booked. */
async function pastCampaign(s: md.MediaSetup, name: string, month = '2026-01', lastDay = 31) {
  const [start, end] = [`${month}-01`, `${month}-${lastDay}`];
  const created = await api('POST', `/jobs/${s.jobId}/media-campaigns`, {
    token: s.agency.ae.token,
    body: {
      name,
      flightStart: start,
      flightEnd: end,
      budget: fx.usd(100_000),
      kpis: [
        { metric: 'impressions', target: 5_000_000 },
        { metric: 'clicks', target: 12_000 },
        { metric: 'reach', target: 1000 },
      ],
      brief: md.brief,
    },
  });
  fx.expectStatus(created, 201, 'POST campaign');
  const campaign = created.body;
  const lines = [md.tvLine(start, end), md.onlineLine(start, end)];
  for (const kind of ['recommendation', 'master_plan'] as const) {
    const plan = await md.planVersion(s.agency.ae, campaign.campaignId, { kind, lines });
    await md.confirmInTable(s.client.clientId, plan.plan.planId, plan.version.number, s.contact.contactId);
  }
  const schedule = await md.planVersion(s.agency.ae, campaign.campaignId, {
    kind: 'monthly_schedule',
    month,
    lines,
  });
  await md.confirmInTable(
    s.client.clientId,
    schedule.plan.planId,
    schedule.version.number,
    s.contact.contactId,
  );
  const bookings: Json[] = [];
  for (const lineId of ['L001', 'L002']) {
    const res = await api('POST', `/media-campaigns/${campaign.campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: schedule.version.number,
        lineIds: [lineId],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectStatus(res, 201, 'POST booking');
    bookings.push(res.body);
  }
  return { campaign, bookings };
}

interface Row {
  date: string;
  vendor: string;
  placement: string;
  unitsDelivered: number;
  impressions?: number;
  audience?: number;
  clicks?: number;
  /** Dollars (stored as integer cents). */
  cost: number;
  bookingId?: string;
  lineId?: string;
}

const jan = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;

/** 1,279 rows (two query pages): TV spots billed above the booked rate, online impressions, an unplanned placement. */
function monitoringRows(tvBooking: string, onlineBooking: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 36; i++) {
    rows.push({
      date: jan(1 + (i % 31)),
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unitsDelivered: 1,
      impressions: 100_000,
      audience: 50,
      cost: 1600,
      bookingId: tvBooking,
      lineId: 'L001',
    });
  }
  for (let d = 1; d <= 31; d++) {
    for (let i = 0; i < 40; i++) {
      rows.push({
        date: jan(d),
        vendor: 'AdNet',
        placement: 'Homepage banner',
        unitsDelivered: 1500,
        impressions: 1500,
        clicks: 8,
        cost: 18.75,
        bookingId: onlineBooking,
        lineId: 'L002',
      });
    }
  }
  for (let d = 10; d < 13; d++) {
    rows.push({
      date: jan(d),
      vendor: 'Metro Ads',
      placement: 'Station posters',
      unitsDelivered: 4,
      cost: 800,
    });
  }
  return rows;
}

async function reports(by: fx.Person, campaignId: string): Promise<Json[]> {
  const res = await api('GET', `/media-campaigns/${campaignId}/reports`, { token: by.token });
  fx.expectStatus(res, 200, 'GET reports');
  return res.body.items;
}

/** The report's emails to an address (in its reader's language: the subject names the campaign in each). */
const reportMails = async (address: string, campaignName: string) =>
  (await rv.mailsTo(address)).filter(
    (m) =>
      /Post-campaign analysis|Análisis poscampaña|投放后分析/.test(m.subject) &&
      m.subject.includes(campaignName),
  );

let s: md.MediaSetup;
let withData: { campaign: Json; bookings: Json[] };
let empty: { campaign: Json; bookings: Json[] };
let rows: Row[];
let team: fx.Person[];

beforeAll(async () => {
  s = await md.mediaReady();
  team = [s.agency.ad, s.agency.am, s.agency.ae];
  // The AE reads Account Desk in Chinese: their report emails are written in it.
  fx.expectStatus(await api('PATCH', '/me', { token: s.agency.ae.token, body: { language: 'zh-CN' } }), 200);
  withData = await pastCampaign(s, fx.uniqueName('January flight'));
  empty = await pastCampaign(s, fx.uniqueName('Quiet flight'));
  const [tvBooking, onlineBooking] = withData.bookings;
  rows = monitoringRows(tvBooking.bookingId, onlineBooking.bookingId);
  const campaignId = withData.campaign.campaignId;
  const clientId = s.client.clientId;
  const now = new Date().toISOString();
  // As an import leaves them: the rows, then the import marked completed. Rows of an import
  // still running (stopped halfway) count nowhere.
  const [completed, halfway] = [newId(), newId()];
  const deliveryItems = (importId: string, of: Row[]) =>
    of.map((r, i) => ({
      ...DeliveryRow.key(campaignId, r.date, importId, i + 2),
      itemType: DeliveryRow.type,
      campaignId,
      importId,
      row: i + 2,
      ...r,
      cost: fx.usd(r.cost),
    }));
  const importItem = (importId: string, status: string, count: number) => ({
    ...MonitoringImport.key(clientId, campaignId, importId),
    itemType: MonitoringImport.type,
    importId,
    campaignId,
    clientId,
    source: 'json',
    objectKey: `clients/${clientId}/media/${campaignId}/monitoring/${importId}.ndjson`,
    status,
    rowsTotal: count,
    rowsStored: count,
    rowsRejected: 0,
    rowsMatched: count,
    rejects: [],
    createdBy: s.agency.ae.staff.staffId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await writeItems(deliveryItems(completed, rows));
  await writeItems(deliveryItems(halfway, rows.slice(0, 50)));
  await writeItems([importItem(completed, 'completed', rows.length), importItem(halfway, 'importing', 50)]);
  await writeItems([
    {
      ...Discrepancy.key(clientId, campaignId, 'D1'),
      itemType: Discrepancy.type,
      discrepancyId: 'D1',
      campaignId,
      bookingId: tvBooking.bookingId,
      lineId: 'L001',
      type: 'under_delivery',
      expected: 40,
      actual: 36,
      detail: 'Star TV aired 36 of 40 spots.',
      status: 'resolved',
      makegood: { units: 4, date: '2026-02-03', note: 'Re-aired in February' },
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
  ]);
}, 120_000);

describe('post-campaign reports', () => {
  it('are due flight end + 7 days, and the job leaves a campaign alone until then', async () => {
    expect(withData.campaign.reportDueOn).toBe('2026-02-07');
    await runDuePostCampaignReports(new Date('2026-02-06T23:59:59Z'));
    expect(await reports(s.agency.ae, withData.campaign.campaignId)).toEqual([]);
  });

  it('a doubled run generates one report per due campaign, stored in S3 and emailed once to each team member', {
    timeout: 60_000,
  }, async () => {
    const due = new Date('2026-02-07T02:00:00Z');
    const outcomes = await Promise.all([runDuePostCampaignReports(due), runDuePostCampaignReports(due)]);
    expect(outcomes[0]!.generated + outcomes[1]!.generated).toBe(2);

    for (const c of [withData, empty]) {
      const list = await reports(s.agency.ae, c.campaign.campaignId);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ trigger: 'scheduled', final: true, generatedBy: 'scheduler' });
      const campaign = (
        await api('GET', `/media-campaigns/${c.campaign.campaignId}`, { token: s.agency.ae.token })
      ).body;
      expect(campaign.lastReportAt).toBe(list[0].generatedAt);
      for (const member of team)
        expect(await reportMails(member.staff.email, c.campaign.name)).toHaveLength(1);
      // Client media approvers only when POST_CAMPAIGN_REPORT_TO_CLIENT_APPROVERS=true.
      expect(await reportMails(s.contact.email, c.campaign.name)).toHaveLength(0);
    }

    const again = await runDuePostCampaignReports(due);
    expect(again).toEqual({ generated: 0, skipped: 0 });
    const later = await runDuePostCampaignReports(new Date('2026-02-08T02:00:00Z'));
    expect(later.generated).toBe(0);
    for (const c of [withData, empty]) {
      expect(await reports(s.agency.ae, c.campaign.campaignId)).toHaveLength(1);
      for (const member of team)
        expect(await reportMails(member.staff.email, c.campaign.name)).toHaveLength(1);
    }
  });

  it('matches an independent calculation from the monitoring rows, in the record, the CSV and the HTML', async () => {
    // The AM reads English: the links are the agency's copy (the AE, who reads Chinese, gets theirs).
    const [report] = await reports(s.agency.am, withData.campaign.campaignId);
    const tv = rows.filter((r) => r.vendor === 'Star TV');
    const online = rows.filter((r) => r.vendor === 'AdNet');
    const unplanned = rows.filter((r) => r.vendor === 'Metro Ads');
    // Delivered value: TV spots at the booked 1,500 each, online impressions at the booked 12.50 CPM,
    // the unplanned placement at its billed cost.
    const delivered = cents(
      sum(tv, (r) => r.unitsDelivered) * 1500 +
        (sum(online, (r) => r.unitsDelivered) / 1000) * 12.5 +
        sum(unplanned, (r) => r.cost),
    );
    const billed = cents(sum(rows, (r) => r.cost));
    const impressions = sum(rows, (r) => r.impressions ?? 0);
    const clicks = sum(rows, (r) => r.clicks ?? 0);
    const audience = sum(rows, (r) => r.audience ?? 0);
    expect(report.deliveryRows).toBe(rows.length);
    expect(report.plan).toMatchObject({ version: 1, confirmed: true });
    expect(report.totals).toEqual({
      budget: fx.usd(100_000),
      planned: fx.usd(85_000),
      booked: fx.usd(85_000),
      delivered: fx.usd(delivered),
      billed: fx.usd(billed),
      deliveredImpressions: impressions,
      deliveredClicks: clicks,
    });
    expect(report.kpis).toEqual([
      expect.objectContaining({ metric: 'impressions', actual: impressions, status: 'met' }),
      expect.objectContaining({ metric: 'clicks', actual: clicks, status: 'missed' }),
      expect.objectContaining({ metric: 'reach', actual: audience, status: 'met' }),
    ]);
    expect(report.kpis[1].percentOfTarget).toBe(Math.round((clicks / 12_000) * 1000) / 10);
    expect(report.summary.didNotWork).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Billed exceeds the value delivered/),
        expect.stringMatching(/^1 placement\(s\) delivered outside the plan/),
      ]),
    );
    expect(report.summary.worked).toContain('1 discrepancy was made good (4 units).');

    const html = await fetch(report.links.html);
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(createHash('sha256').update(page).digest('hex')).toBe(report.html.sha256);
    expect(report.html.objectKey).toBe(
      `clients/${s.client.clientId}/media/${withData.campaign.campaignId}/reports/${report.reportId}.html`,
    );
    expect(page).toContain(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(billed),
    );
    expect(page).toContain('Re-aired in February');
    expect(page.match(/<svg /g)?.length).toBe(4);

    const csv = await fetch(report.links.csv);
    expect(csv.status).toBe(200);
    const table = parseCsv(await csv.text());
    const total = (metric: string) => Number(table.find((r) => r[0] === 'total' && r[6] === metric)?.[7]);
    expect(total('billed_cost')).toBe(billed);
    expect(total('delivered_value')).toBe(delivered);
    expect(total('delivered_impressions')).toBe(impressions);
    expect(total('monitoring_rows')).toBe(rows.length);
    const onlineLine = (metric: string) =>
      Number(table.find((r) => r[0] === 'line' && r[3] === 'AdNet' && r[6] === metric)?.[7]);
    expect(onlineLine('delivered_units')).toBe(sum(online, (r) => r.unitsDelivered));
    expect(onlineLine('cpm_billed')).toBe(12.5);
    // Pacing: cumulative billed cost on the last day of the flight is everything billed (all rows are in January).
    const lastDay = table.find((r) => r[0] === 'pacing' && r[5] === '2026-01-31' && r[6] === 'billed_cost');
    expect(Number(lastDay?.[7])).toBe(billed);
  });

  it('emails links through the API that check the reader and presign on each click', async () => {
    const [mail] = await reportMails(s.agency.ad.staff.email, withData.campaign.name);
    expect(mail!.text).toContain(`/media-campaigns/${withData.campaign.campaignId}/reports`);
    const link = mail!.text.match(/Report \(HTML\): (\S+)/)?.[1];
    const data = mail!.text.match(/Data \(CSV\): (\S+)/)?.[1];
    expect(link).toMatch(/\/documents\/[A-Za-z0-9_-]{43}$/);
    // No presigned URL in the email: it would die with the signing credentials.
    expect(mail!.text).not.toMatch(/X-Amz-Signature/);
    const click = await fetch(link!, { redirect: 'manual' });
    expect(click.status).toBe(303);
    expect(click.headers.get('x-content-type-options')).toBe('nosniff');
    expect(click.headers.get('cache-control')).toBe('no-store');
    expect(click.headers.get('location')).toMatch(/X-Amz-Expires=300/);
    const file = await fetch(click.headers.get('location')!);
    expect(file.status).toBe(200);
    // An HTML file is downloaded, never shown in place from the bucket's origin.
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="post-campaign-analysis-/);
    expect(await file.text()).toContain('Post-campaign analysis');
    const csv = await fetch(data!);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/^section,subject,channel/);
    // Each reader's language: the AE chose Chinese (money and dates by Intl in it).
    const [aeMail] = await reportMails(s.agency.ae.staff.email, withData.campaign.name);
    expect(aeMail!.subject).toContain(`投放后分析：${withData.campaign.name}`);
    expect(aeMail!.text).toMatch(/报告（HTML）: \S+\/documents\//);
    expect(aeMail!.text).toMatch(/投放期: 2026\/1\/\d+ – 2026\/1\/\d+/);
    expect(aeMail!.html).toContain('<html lang="zh-CN">');
    expect(mail!.text).not.toContain('投放');
    // The same link, once its reader has left the team: refused, not presigned.
    const [amMail] = await reportMails(s.agency.am.staff.email, withData.campaign.name);
    const amLink = amMail!.text.match(/Report \(HTML\): (\S+)/)?.[1];
    await fx.setTeam(s.agency.ad, s.client.clientId, [s.agency.ad, s.agency.ae]);
    try {
      const refused = await fetch(amLink!, { redirect: 'manual' });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('no longer works on this client');
    } finally {
      await fx.setTeam(s.agency.ad, s.client.clientId, [s.agency.ad, s.agency.am, s.agency.ae]);
    }
    expect((await fetch(amLink!, { redirect: 'manual' })).status).toBe(303);
    const guessed = await fetch(link!.replace(/[^/]+$/, 'A'.repeat(43)), { redirect: 'manual' });
    expect(guessed.status).toBe(404);
  });

  it('downloads one file of a report through the API, as an attachment', async () => {
    const [report] = await reports(s.agency.am, withData.campaign.campaignId);
    const res = await api(
      'GET',
      `/media-campaigns/${withData.campaign.campaignId}/reports/${report.reportId}/csv`,
      { token: s.agency.am.token },
    );
    fx.expectStatus(res, 200, 'GET …/reports/{reportId}/csv');
    expect(res.body).toMatchObject({ sha256: report.csv.sha256, contentType: 'text/csv; charset=utf-8' });
    const file = await fetch(res.body.url);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(
      createHash('sha256')
        .update(await file.text())
        .digest('hex'),
    ).toBe(report.csv.sha256);
    const stranger = await fx.appoint(s.agency.head, 'account_executive');
    fx.expectProblem(
      await api('GET', `/media-campaigns/${withData.campaign.campaignId}/reports/${report.reportId}/html`, {
        token: stranger.token,
      }),
      404,
    );
  });

  it('regenerates on demand, once per Idempotency-Key, without emailing', async () => {
    const { campaignId, name } = withData.campaign;
    const before = await reports(s.agency.ae, campaignId);
    const key = `regen-${Date.now()}`;
    const first = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
      token: s.agency.ae.token,
      headers: { 'idempotency-key': key },
    });
    fx.expectStatus(first, 201, 'POST post-campaign-report');
    expect(first.body).toMatchObject({
      campaignId,
      trigger: 'on_demand',
      final: true,
      generatedBy: s.agency.ae.staff.staffId,
      deliveryRows: rows.length,
      totals: before[0].totals,
    });
    expect((await fetch(first.body.links.csv)).status).toBe(200);
    const replay = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
      token: s.agency.ae.token,
      headers: { 'idempotency-key': key },
    });
    fx.expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.reportId).toBe(first.body.reportId);
    const after = await reports(s.agency.ae, campaignId);
    expect(after.map((r: Json) => r.reportId)).toEqual([first.body.reportId, before[0].reportId]);
    for (const member of team) expect(await reportMails(member.staff.email, name)).toHaveLength(1);
  });

  it('generates one report per campaign at a time: of 30 asks at once, none fails, each answer names a stored report', {
    timeout: 60_000,
  }, async () => {
    const { campaignId } = withData.campaign;
    const before = (await reports(s.agency.ae, campaignId)).length;
    const askers = [s.agency.ad, s.agency.am, s.agency.ae];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, { token: askers[i % 3]!.token }),
      ),
    );
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.reportId as string));
    const after = await reports(s.agency.ae, campaignId);
    console.log(
      `[reports] 30 concurrent asks: statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${ids.size} generation(s), ${after.length - before} report(s) stored`,
    );
    expect([...statuses.keys()].every((status) => status === 201 || status === 409)).toBe(true);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.code).toBe('report_in_progress');
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(after.length - before).toBe(ids.size);
    for (const id of ids) expect(after.map((r: Json) => r.reportId)).toContain(id);
  });

  it('limits how many analyses one person may ask for: past the limit, 429 with Retry-After', async () => {
    const { campaignId } = withData.campaign;
    const asker = s.agency.ad;
    await documents().send(
      new PutCommand({
        TableName: inject('tableName'),
        Item: {
          ...counterKey(reportGenerationLimit, asker.staff.staffId),
          itemType: 'rateCounter',
          count: reportGenerationLimit.limit,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
    const before = (await reports(s.agency.ae, campaignId)).length;
    const refused = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
      token: asker.token,
    });
    fx.expectProblem(refused, 429, 'too_many_requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.detail).toContain(`${reportGenerationLimit.limit} post-campaign analyses`);
    expect(await reports(s.agency.ae, campaignId)).toHaveLength(before);
    // Someone else may still ask.
    fx.expectStatus(
      await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, { token: s.agency.am.token }),
      201,
    );
  });

  it('before the due day an on-demand report is interim: the campaign stays due', async () => {
    const { campaignId } = s.campaign; // flies March–April 2027
    const res = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
      token: s.agency.ae.token,
    });
    fx.expectStatus(res, 201);
    expect(res.body).toMatchObject({ final: false, deliveryRows: 0, trigger: 'on_demand' });
    const campaign = (await api('GET', `/media-campaigns/${campaignId}`, { token: s.agency.ae.token })).body;
    expect(campaign.lastReportAt).toBeUndefined();
  });

  it('is refused to roles that do not plan media, and invisible to staff off the account', async () => {
    const { campaignId } = withData.campaign;
    const creative = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
      token: s.agency.creative.token,
    });
    expect([403, 404]).toContain(creative.status);
    const stranger = await fx.appoint(s.agency.head, 'account_executive');
    fx.expectProblem(
      await api('GET', `/media-campaigns/${campaignId}/reports`, { token: stranger.token }),
      404,
    );
  });
  it('finishes the emails of a run that died halfway, and waits for a run whose hold has not lapsed', {
    timeout: 60_000,
  }, async () => {
    const crashed = await pastCampaign(s, fx.uniqueName('Crashed flight'), '2026-02', 28);
    const held = await pastCampaign(s, fx.uniqueName('Held flight'), '2026-02', 28);
    const due = new Date(`${crashed.campaign.reportDueOn}T02:00:00Z`);
    expect(crashed.campaign.reportDueOn).toBe('2026-03-07');
    const marker = (campaignId: string, fields: Record<string, unknown>) => ({
      ...ScheduledRun.key(postCampaignReportsJob, campaignId, 'scheduled'),
      itemType: ScheduledRun.type,
      job: postCampaignReportsJob,
      campaignId,
      clientId: s.client.clientId,
      runId: newId(),
      notified: [],
      updatedAt: new Date().toISOString(),
      ...fields,
    });
    // As a run leaves it when it dies after storing the report and emailing the AD only.
    const current = (
      await api('GET', `/media-campaigns/${crashed.campaign.campaignId}`, { token: s.agency.ae.token })
    ).body;
    const stored = await generateReport(current, { trigger: 'scheduled', now: due, settle: false });
    await writeItems([
      marker(crashed.campaign.campaignId, {
        status: 'generated',
        reportId: stored.reportId,
        leaseUntil: Date.now() - 1,
        notified: [s.agency.ad.staff.email.toLowerCase()],
      }),
      // Another run holds this one, for a minute more.
      marker(held.campaign.campaignId, { status: 'running', leaseUntil: Date.now() + 60_000 }),
    ]);

    const first = await runDuePostCampaignReports(due);
    expect(first).toEqual({ generated: 1, skipped: 1 });
    const list = await reports(s.agency.ae, crashed.campaign.campaignId);
    expect(list.map((r: Json) => r.reportId)).toEqual([stored.reportId]);
    expect(await reportMails(s.agency.ad.staff.email, crashed.campaign.name)).toHaveLength(0);
    for (const member of [s.agency.am, s.agency.ae]) {
      expect(await reportMails(member.staff.email, crashed.campaign.name)).toHaveLength(1);
    }
    const settled = (
      await api('GET', `/media-campaigns/${crashed.campaign.campaignId}`, { token: s.agency.ae.token })
    ).body;
    expect(settled.lastReportAt).toBe(stored.generatedAt);
    expect(await reports(s.agency.ae, held.campaign.campaignId)).toEqual([]);

    // The holder died: once its lease lapsed, the next run takes the campaign over.
    await writeItems([marker(held.campaign.campaignId, { status: 'running', leaseUntil: Date.now() - 1 })]);
    expect(await runDuePostCampaignReports(due)).toEqual({ generated: 1, skipped: 0 });
    expect(await reports(s.agency.ae, held.campaign.campaignId)).toHaveLength(1);
    for (const member of team)
      expect(await reportMails(member.staff.email, held.campaign.name)).toHaveLength(1);
    expect(await runDuePostCampaignReports(due)).toEqual({ generated: 0, skipped: 0 });
  });
  it('gives the client media approvers the report in their own language, one copy per language read', {
    timeout: 60_000,
  }, async () => {
    const approvers: Record<'es' | 'zh-CN', Json> = {} as Record<'es' | 'zh-CN', Json>;
    for (const [name, language] of [
      ['Lucía Gómez', 'es'],
      ['王芳', 'zh-CN'],
    ] as const) {
      const res = await api('POST', `/clients/${s.client.clientId}/contacts`, {
        token: s.agency.ad.token,
        body: { name, email: uniqueEmail('media'), level: 'senior', approves: ['media'], language },
      });
      fx.expectStatus(res, 201, 'POST contact');
      approvers[language] = res.body;
    }
    const campaign = (
      await api('GET', `/media-campaigns/${withData.campaign.campaignId}`, { token: s.agency.ae.token })
    ).body;
    const report = await generateReport(campaign, {
      trigger: 'on_demand',
      actorId: s.agency.am.staff.staffId,
      notify: true,
      includeClientApprovers: true,
    });
    // The agency's copy (the team's AD and AM read English) and one per other language read.
    expect(Object.keys(report.translations ?? {}).sort()).toEqual(['es', 'zh-CN']);
    expect(report.summary.worked).toContain('1 discrepancy was made good (4 units).');

    const opened = async (mail: { text: string }, label: RegExp) => {
      const link = mail.text.match(label)?.[1];
      expect(link).toMatch(/\/documents\//);
      const click = await fetch(link!, { redirect: 'manual' });
      expect(click.status).toBe(303);
      return (await fetch(click.headers.get('location')!)).text();
    };
    const [esMail] = await reportMails(approvers.es.email, campaign.name);
    expect(esMail!.subject).toContain(`Análisis poscampaña: ${campaign.name}`);
    expect(esMail!.text).toContain('1 discrepancia fue compensada (4 unidades).');
    const esHtml = await opened(esMail!, /Informe \(HTML\): (\S+)/);
    expect(esHtml).toContain('<html lang="es">');
    expect(esHtml).toContain(`Análisis poscampaña — ${campaign.name}`);
    expect(esHtml).toContain('<h3>Lo que funcionó</h3>');
    expect(esHtml).toContain('Entrega frente a las reservas');
    // Money and dates by Intl in Spanish: the budget in dollars, the flight in Spanish words.
    expect(esHtml).toMatch(/presupuesto 100\.000,00\sUS\$/);
    expect(esHtml).toContain('enero de 2026');
    expect(esHtml).not.toMatch(/What worked|Planned, booked, delivered and billed/);
    const esCsv = await opened(esMail!, /Datos \(CSV\): (\S+)/);
    expect(esCsv).toMatch(/^sección,asunto,canal,proveedor/);
    expect(esCsv).toContain('summary,worked,,,,,finding,1 discrepancia fue compensada (4 unidades).');

    const [zhMail] = await reportMails(approvers['zh-CN'].email, campaign.name);
    expect(zhMail!.subject).toContain(`投放后分析：${campaign.name}`);
    const zhHtml = await opened(zhMail!, /报告（HTML）: (\S+)/);
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain(`投放后分析 — ${campaign.name}`);
    expect(zhHtml).toContain('<h3>有效的做法</h3>');
    expect(zhHtml).toContain('1 项差异已补播（4 个单位）。');
    expect(zhHtml).toContain('US$100,000.00');
    expect(zhHtml).not.toContain('What worked');

    // The team's copy stays in the agency's language; the AE, who reads Chinese, gets the Chinese one.
    const adMails = await reportMails(s.agency.ad.staff.email, campaign.name);
    const adHtml = await opened(adMails.at(-1)!, /Report \(HTML\): (\S+)/);
    expect(adHtml).toContain('<html lang="en">');
    expect(adHtml).toContain('<h3>What worked</h3>');
    const aeMails = await reportMails(s.agency.ae.staff.email, campaign.name);
    expect(await opened(aeMails.at(-1)!, /报告（HTML）: (\S+)/)).toContain('<html lang="zh-CN">');

    // In the console's list and download, each staff member gets the copy in their own language.
    const listed = async (who: fx.Person) => {
      const res = await api('GET', `/media-campaigns/${campaign.campaignId}/reports`, { token: who.token });
      fx.expectStatus(res, 200);
      return res.body.items.find((r: Json) => r.reportId === report.reportId);
    };
    const aeListed = await listed(s.agency.ae);
    expect(aeListed.translations['zh-CN'].summary.worked).toContain('1 项差异已补播（4 个单位）。');
    expect(await (await fetch(aeListed.links.html)).text()).toContain('<html lang="zh-CN">');
    expect(await (await fetch((await listed(s.agency.ad)).links.html)).text()).toContain('<html lang="en">');
    const download = await api(
      'GET',
      `/media-campaigns/${campaign.campaignId}/reports/${report.reportId}/html`,
      { token: s.agency.ae.token },
    );
    fx.expectStatus(download, 200);
    expect(await (await fetch(download.body.url)).text()).toContain('<html lang="zh-CN">');

    // One asked for on demand has a copy in the asker's language (the AE's Chinese).
    const asked = await api('POST', `/media-campaigns/${campaign.campaignId}/post-campaign-report`, {
      token: s.agency.ae.token,
      headers: { 'idempotency-key': `asked-${report.reportId}` },
    });
    fx.expectStatus(asked, 201);
    expect(Object.keys(asked.body.translations)).toEqual(['zh-CN']);
    expect(asked.body.translations['zh-CN'].summary.worked).toContain('1 项差异已补播（4 个单位）。');
    expect(await (await fetch(asked.body.links.html)).text()).toContain('<html lang="zh-CN">');
  });
});
