/**
 * Money as integers (issue 9 §4): every amount the API takes or answers is `{ amountMinor,
 * currency }`, computed amounts are rounded half to even on minor units, hostile numbers are a 400
 * that writes nothing — and items stored before (amounts in major units) are migrated, once, to
 * exactly what the API would have stored.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../scripts/migration-runner.js';
import { migrations } from '../../scripts/migrations.js';
import { Client } from '../../shared/accounts/entities.js';
import { Job } from '../../shared/jobs/entities.js';
import {
  Booking,
  CampaignReport,
  DeliveryRow,
  MediaBriefVersion,
  MediaCampaign,
  MediaPlanVersion,
} from '../../shared/media/entities.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import { documents, tableName } from '../support/table.js';

type Json = fx.Json;

let s: md.MediaSetup;
const as = () => ({ token: s.agency.ae.token });
const campaignPath = () => `/media-campaigns/${s.campaign.campaignId}`;

beforeAll(async () => {
  s = await md.mediaSettled();
}, 60_000);

describe('money in the API', () => {
  it('takes and answers whole minor units of a currency', async () => {
    expect(s.campaign.budget).toEqual({ amountMinor: 50_000_000, currency: 'USD' });
    const job = await api('POST', '/jobs', {
      ...as(),
      body: {
        clientId: s.client.clientId,
        brandId: (await fx.createBrand(s.agency.ad, s.client.clientId)).brandId,
        title: 'Yen budget',
        type: 'media',
        budget: { amountMinor: 1_500_000, currency: 'JPY' },
      },
    });
    fx.expectStatus(job, 201);
    expect(job.body.budget).toEqual({ amountMinor: 1_500_000, currency: 'JPY' });
  });

  it('prices plan lines in minor units, rounding a CPM cost half to even, in the campaign’s currency only', async () => {
    const line = (units: number, rateMinor: number) => ({
      ...md.onlineLine('2027-03-01', '2027-03-31', units),
      rate: { amountMinor: rateMinor, currency: 'USD' },
    });
    // 1,000,500 impressions at 1 cent CPM = 1000.5 cents → 1000; 1,001,500 → 1001.5 → 1002.
    const created = await md.planVersion(s.agency.ae, s.campaign.campaignId, {
      kind: 'recommendation',
      lines: [line(1_000_500, 1), line(1_001_500, 1), md.tvLine('2027-03-01', '2027-03-31', 3)],
    });
    expect(created.version.lines.map((l: Json) => l.cost.amountMinor)).toEqual([1000, 1002, 450_000]);
    expect(created.version.totalCost).toEqual({ amountMinor: 452_002, currency: 'USD' });
    const euro = await api('POST', `${campaignPath()}/plans`, {
      ...as(),
      body: {
        kind: 'recommendation',
        lines: [{ ...line(1000, 100), rate: { amountMinor: 100, currency: 'EUR' } }],
      },
    });
    fx.expectProblem(euro, 422, 'currency_mismatch');
    expect(fx.problemFields(euro)).toEqual(['body.lines.0.rate.currency']);
    const huge = await api('POST', `${campaignPath()}/plans`, {
      ...as(),
      body: {
        kind: 'recommendation',
        lines: [{ ...md.tvLine('2027-03-01', '2027-03-31', 1e12), kpiContribution: {}, rate: fx.usd(9e12) }],
      },
    });
    fx.expectProblem(huge, 422, 'amount_out_of_range');
    expect(fx.problemFields(huge)).toEqual(['body.lines.0.rate']);
  });

  it('reads monitoring costs exactly in the campaign currency’s major units', async () => {
    const row = (cost: unknown) => ({
      date: '2027-03-10',
      vendor: 'Radio One',
      placement: 'Drive time',
      units_delivered: 1,
      cost,
    });
    const res = await api('POST', `${campaignPath()}/monitoring-imports`, {
      ...as(),
      body: { rows: [row('18.75'), row(18.75), row('12.345'), row(1e-131), row('1e3'), row(0.1 + 0.2)] },
    });
    fx.expectStatus(res, 201);
    expect(res.body).toMatchObject({ rowsStored: 2, rowsRejected: 4 });
    expect(res.body.rejects.map((r: Json) => r.reasons[0])).toEqual([
      'cost: "12.345" is not an amount of USD (at most 2 decimals)',
      'cost: "1e-131" is not an amount of USD (at most 2 decimals)',
      'cost: "1e3" is not a number',
      'cost: "0.30000000000000004" is not an amount of USD (at most 2 decimals)',
    ]);
    const rows = await fx.listAll(`${campaignPath()}/delivery-rows`, s.agency.ae);
    expect(rows.filter((r) => r.importId === res.body.importId).map((r) => r.cost)).toEqual([
      fx.usd(18.75),
      fx.usd(18.75),
    ]);
  });

  it('refuses hostile numbers anywhere money or a measure is taken, and writes nothing', async () => {
    const before = await fx.countItems();
    const hostile = [1e-131, 1e-20, 1e308, -1, 0.5, Number.MAX_SAFE_INTEGER + 2, 'NaN', '1e3'];
    for (const amountMinor of hostile) {
      const res = await api('PATCH', `/jobs/${s.jobId}`, {
        ...as(),
        headers: { 'if-match': '"1"' },
        body: { budget: { amountMinor, currency: 'USD' } },
      });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(new Set(fx.problemFields(res))).toEqual(new Set(['body.budget.amountMinor']));
    }
    const booking = (await api('GET', `${campaignPath()}/bookings`, as())).body.items[0];
    for (const durationSeconds of [1e-131, 0.0001, 86_401, 'NaN']) {
      if (!booking) break;
      const res = await api('POST', `${campaignPath()}/bookings/${booking.bookingId}/materials`, {
        ...as(),
        body: { format: 'TVC', durationSeconds, deliveryDeadline: '2027-02-20' },
      });
      fx.expectProblem(res, 400, 'validation_failed');
    }
    for (const target of [1e-131, 0.001, 1e14]) {
      const res = await api('POST', `/jobs/${s.jobId}/media-campaigns`, {
        ...as(),
        body: {
          name: 'Hostile KPI',
          flightStart: '2027-03-01',
          flightEnd: '2027-03-31',
          budget: fx.usd(1),
          kpis: [{ metric: 'grps', target }],
        },
      });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(new Set(fx.problemFields(res))).toEqual(new Set(['body.kpis.0.target']));
    }
    expect(await fx.countItems()).toBe(before);
  });
});

/** An amount as it was stored before: major units. */
const legacy = (m: { amountMinor: number; currency: string }) => ({
  amount: m.amountMinor / 100,
  currency: m.currency,
});

describe('the money migration', () => {
  it('turns items stored in major units into exactly what the API stores now, once', {
    timeout: 60_000,
  }, async () => {
    const db = documents();
    const get = async (key: { PK: string; SK: string }) =>
      (await db.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })))
        .Item as Json;
    const put = (item: Json) => db.send(new PutCommand({ TableName: tableName(), Item: item }));
    const { clientId, campaignId } = s.campaign;

    // A campaign with every kind of money: a plan version, a booking, delivery rows, a report.
    const schedule = await md.confirmedSchedule(s);
    const booked = await api('POST', `${campaignPath()}/bookings`, {
      ...as(),
      body: {
        planId: schedule.plan.planId,
        version: schedule.version.number,
        lineIds: ['L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@startv.example' },
      },
    });
    fx.expectStatus(booked, 201);
    const imported = await api('POST', `${campaignPath()}/monitoring-imports`, {
      ...as(),
      body: {
        rows: [
          {
            date: '2027-03-02',
            vendor: 'Star TV',
            placement: 'Prime time 30s',
            units_delivered: 2,
            cost: '3000.5',
          },
        ],
      },
    });
    fx.expectStatus(imported, 201);
    const report = await api('POST', `${campaignPath()}/post-campaign-report`, as());
    fx.expectStatus(report, 201);
    const [row] = (await fx.listAll(`${campaignPath()}/delivery-rows`, s.agency.ae)).filter(
      (r) => r.importId === imported.body.importId,
    );

    const keys = {
      client: Client.key(clientId),
      job: Job.key(clientId, s.jobId),
      campaign: MediaCampaign.key(clientId, campaignId),
      brief: MediaBriefVersion.key(clientId, campaignId, 1),
      version: MediaPlanVersion.key(clientId, schedule.plan.planId, schedule.version.number),
      booking: Booking.key(clientId, campaignId, booked.body.bookingId),
      row: DeliveryRow.key(campaignId, row.date, row.importId, row.row),
      report: CampaignReport.key(clientId, campaignId, report.body.reportId),
    };
    const current: Record<string, Json> = {};
    for (const [name, key] of Object.entries(keys)) current[name] = await get(key);
    // A job budget set in yen with decimals, as the old schema let through: rounded half to even.
    await put({ ...current.job, budget: { amount: 1000.5, currency: 'JPY' } });
    const linesBack = (lines: Json[]) =>
      lines.map((l) => ({ ...l, rate: legacy(l.rate).amount, cost: legacy(l.cost).amount }));
    await put({
      ...current.client,
      intake: {
        ...current.client.intake,
        advertisingBudget: legacy(current.client.intake.advertisingBudget),
      },
    });
    await put({ ...current.campaign, budget: legacy(current.campaign.budget) });
    await put({ ...current.brief, budget: legacy(current.brief.budget) });
    for (const name of ['version', 'booking']) {
      await put({
        ...current[name],
        lines: linesBack(current[name].lines),
        totalCost: legacy(current[name].totalCost).amount,
        currency: 'USD',
      });
    }
    await put({ ...current.row, cost: legacy(current.row.cost).amount });
    const t = current.report.totals;
    await put({
      ...current.report,
      totals: {
        ...t,
        currency: 'USD',
        budget: legacy(t.budget).amount,
        planned: legacy(t.planned).amount,
        booked: legacy(t.booked).amount,
        delivered: legacy(t.delivered).amount,
        billed: legacy(t.billed).amount,
      },
    });

    const first = await runMigration(migrations[0]!, { force: true });
    expect(first.upgraded).toBeGreaterThanOrEqual(8);
    expect(first.notes.rounded).toBeGreaterThanOrEqual(1);
    for (const [name, key] of Object.entries(keys)) {
      const migrated = await get(key);
      if (name === 'job') {
        expect(migrated).toEqual({ ...current.job, budget: { amountMinor: 1000, currency: 'JPY' } });
      } else expect(migrated, name).toEqual(current[name]);
    }
    // The API reads them as before; versions (and ETags) did not move.
    const got = await api('GET', campaignPath(), as());
    expect(got.body.budget).toEqual(s.campaign.budget);
    expect(got.headers.get('etag')).toBe(`"${current.campaign.version}"`);

    const again = await runMigration(migrations[0]!, { force: true });
    expect(again.upgraded).toBe(0);
    const skipped = await runMigration(migrations[0]!);
    expect(skipped).toMatchObject({ alreadyDone: true, scanned: 0, upgraded: 0 });
  });
});
