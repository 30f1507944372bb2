/**
 * Airing and monitoring (issue 4 §2–3): monitoring imports (CSV through a presigned upload, JSON
 * rows through the API) that store good rows and list bad ones with line numbers and reasons;
 * matching rows to booking lines; discrepancies with exact numbers, resolved with a makegood and
 * kept resolved by a recompute; material requisitions linked only to released, spec-checked draft
 * versions; and the daily missing-material warning (called in-process, as the scheduler would).
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as executionStopped } from '../../functions/workflow/execution-status.js';
import { DraftVersion } from '../../shared/creative/entities.js';
import { recomputeDiscrepancies } from '../../shared/media/discrepancies.js';
import { MonitoringImport } from '../../shared/media/entities.js';
import { warnMissingMaterials } from '../../shared/media/materials.js';
import { completeMonitoringImport } from '../../shared/media/monitoring.js';
import { s3Client } from '../../shared/platform/storage.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { testContext } from '../support/lambda-context.js';
import * as md from '../support/media.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';
import { documents } from '../support/table.js';

type Json = fx.Json;

let s: md.MediaSetup;
let campaignId: string;
let clientId: string;
let bookingA: Json; // Star TV, L001: Prime time 30s, 40 spots, 2027-03-01–31
let bookingB: Json; // AdNet, L002: Homepage banner, 2,000,000 impressions, 2027-03-01–31
let csvImport: Json;

const table = documents;

const token = () => s.agency.ae.token;
const path = (suffix: string) => `/media-campaigns/${campaignId}${suffix}`;

async function book(lineIds: string[], schedule: Json): Promise<Json> {
  const res = await api('POST', path('/bookings'), {
    token: token(),
    body: {
      planId: schedule.plan.planId,
      version: schedule.version.number,
      lineIds,
      vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
    },
  });
  fx.expectStatus(res, 201, 'POST bookings');
  return res.body;
}

async function importRows(rows: Json[]): Promise<Json> {
  const res = await api('POST', path('/monitoring-imports'), { token: token(), body: { rows } });
  fx.expectStatus(res, 201, 'POST monitoring-imports (JSON)');
  return res.body;
}

async function uploadCsv(fileName: string, text: string): Promise<Json> {
  const res = await api('POST', path('/monitoring-imports'), { token: token(), body: { fileName } });
  fx.expectStatus(res, 201, 'POST monitoring-imports (CSV)');
  expect(res.body).toMatchObject({ source: 'csv', status: 'awaiting_upload', fileName });
  expect(res.body.upload.fields.key).toBe(
    `clients/${clientId}/media/${campaignId}/monitoring/${res.body.importId}.csv`,
  );
  expect(res.body.upload.maxBytes).toBe(20 * 1024 * 1024);
  await fx.uploadFile(res.body.upload, new TextEncoder().encode(text), 'text/csv');
  return res.body;
}

const complete = (importId: string) =>
  api('POST', path(`/monitoring-imports/${importId}/complete`), { token: token() });

const deliveryRows = () => fx.listAll(path('/delivery-rows'), s.agency.ae);

/** The campaign's discrepancies by type (unbooked delivery: by the placement in its detail). */
async function discrepancies(): Promise<Record<string, Json>> {
  const res = await api('GET', path('/discrepancies'), { token: token() });
  fx.expectStatus(res, 200, 'GET discrepancies');
  return Object.fromEntries(
    res.body.items.map((d: Json) => [
      d.type === 'unbooked_delivery' ? `unbooked: ${/— ([^:]+):/.exec(d.detail)?.[1]}` : d.type,
      d,
    ]),
  );
}

/** Lines 1–17, CRLF: 6 good rows, 8 bad ones, a blank line and a record spanning two lines. */
const csvLines = [
  'date,vendor,placement,units_delivered,impressions,audience,clicks,cost', // 1 header
  '2027-03-01,Star TV,Prime time 30s,10,,1200.5,,15000', // 2 → A/L001
  '2027-03-02,Star TV,"Prime time 30s",12,,,,18000', // 3 → A/L001
  '2027-03-03,"Star TV","Prime time 30s",-1,,,,0', // 4 negative
  '2027-02-30,Star TV,Prime time 30s,1,,,,1500', // 5 no such day
  '2027-05-02,Star TV,Prime time 30s,1,,,,1500', // 6 after the flight
  '2027-03-05,AdNet,Homepage banner,800000,800000,,4000,10000', // 7 → B/L002
  '2027-03-06,AdNet,Homepage banner,abc,,,,-10', // 8 two reasons
  '2027-04-02,star tv,Prime  time 30s,3,,,,4500', // 9 L001's vendor and placement, after its end
  '2027-03-07,Radio One,"Morning drive, 20s",5,,,,500', // 10 booked by nobody
  '2027-03-08,Star TV,Prime time 30s,1,,,,1500,extra', // 11 a field too many
  '2027-03-09,Star TV', // 12 fields missing
  '', // 13 blank: skipped
  '2027-13-01,Radio One,"Morning drive,', // 14 a quoted field over two lines…
  '20s ""weekday""",2,,,,200', // 15 …ending here
  '2027-03-11,Radio One,"Morning drive, 20s"x,1,,,,1', // 16 text after a closing quote
  '2027-03-12,Radio One,"Morning drive, 20s",4,,,,400', // 17 booked by nobody
];

beforeAll(async () => {
  s = await md.mediaReady();
  campaignId = s.campaign.campaignId;
  clientId = s.campaign.clientId;
  const schedule = await md.confirmedSchedule(s);
  bookingA = await book(['L001'], schedule);
  bookingB = await book(['L002'], schedule);
});

describe('monitoring imports', () => {
  it('refuses to complete a CSV import before its file arrived', async () => {
    const res = await api('POST', path('/monitoring-imports'), {
      token: token(),
      body: { fileName: 'not-yet.csv' },
    });
    fx.expectStatus(res, 201);
    fx.expectProblem(await complete(res.body.importId), 409, 'upload_missing');
  });

  it('imports a CSV from S3: stores good rows, lists bad ones with line numbers and reasons', async () => {
    csvImport = await uploadCsv('star-adnet-march.csv', `${csvLines.join('\r\n')}\r\n`);
    const res = await complete(csvImport.importId);
    fx.expectStatus(res, 200, 'complete');
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsTotal: 14,
      rowsStored: 6,
      rowsRejected: 8,
      rowsMatched: 3,
    });
    expect(res.body.rejectsTruncated).toBeUndefined();
    expect(res.body.rejects).toEqual([
      { line: 4, reasons: ['units_delivered: "-1" is negative'] },
      { line: 5, reasons: ['date: "2027-02-30" is not a calendar date (YYYY-MM-DD)'] },
      { line: 6, reasons: ['date: 2027-05-02 is outside the flight 2027-03-01–2027-04-30'] },
      { line: 8, reasons: ['units_delivered: "abc" is not a number', 'cost: "-10" is negative'] },
      { line: 11, reasons: ['unknown columns: 9 fields, the header names 8 columns'] },
      {
        line: 12,
        reasons: [
          'missing columns: 2 fields, the header names 8 columns',
          'placement: missing (required)',
          'units_delivered: missing (required)',
          'cost: missing (required)',
        ],
      },
      { line: 14, reasons: ['date: "2027-13-01" is not a calendar date (YYYY-MM-DD)'] },
      { line: 16, reasons: ['unreadable CSV: text after a closing quote'] },
    ]);
    const got = await api('GET', path(`/monitoring-imports/${csvImport.importId}`), { token: token() });
    expect(got.body).toEqual(res.body);
    const list = await api('GET', path('/monitoring-imports'), { token: token() });
    const listed = list.body.items.find((i: Json) => i.importId === csvImport.importId);
    expect(listed).toMatchObject({ status: 'completed', rowsStored: 6, rowsRejected: 8 });
    expect(listed.rejects).toBeUndefined();
  });

  it('matches each stored row to its booking line (vendor, placement, date within the line)', async () => {
    const rows = (await deliveryRows()).filter((r) => r.importId === csvImport.importId);
    const byLine = Object.fromEntries(rows.map((r) => [r.row, r]));
    expect(
      Object.keys(byLine)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([2, 3, 7, 9, 10, 17]);
    expect(byLine[2]).toMatchObject({
      date: '2027-03-01',
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unitsDelivered: 10,
      audience: 1200.5,
      cost: fx.usd(15000),
      bookingId: bookingA.bookingId,
      lineId: 'L001',
    });
    expect(byLine[3]).toMatchObject({ bookingId: bookingA.bookingId, lineId: 'L001' });
    expect(byLine[7]).toMatchObject({
      unitsDelivered: 800000,
      impressions: 800000,
      clicks: 4000,
      bookingId: bookingB.bookingId,
      lineId: 'L002',
    });
    // Right vendor and placement (case and spaces folded), wrong date: stored, not matched.
    expect(byLine[9]).toMatchObject({ vendor: 'star tv', placement: 'Prime time 30s', unitsDelivered: 3 });
    expect(byLine[9].bookingId).toBeUndefined();
    expect(byLine[10].bookingId).toBeUndefined();
    expect(byLine[17]).toMatchObject({ placement: 'Morning drive, 20s', unitsDelivered: 4 });
  });

  it('completes idempotently: again as it is, and after an interruption under the same row keys', async () => {
    const before = (await deliveryRows()).length;
    const again = await complete(csvImport.importId);
    fx.expectStatus(again, 200);
    expect(again.body.version).toBe(3); // created, started, completed: nothing written again
    expect(again.body.rowsStored).toBe(6);

    // As if the import had stopped after writing its rows, before its status.
    await table().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: MonitoringImport.key(clientId, campaignId, csvImport.importId),
        UpdateExpression: 'SET #status = :importing, #version = :v REMOVE completedAt',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':importing': 'importing', ':v': 4 },
      }),
    );
    const interrupted = await deliveryRows();
    expect(interrupted.filter((r) => r.importId === csvImport.importId)).toHaveLength(0); // counts only once completed
    const resumed = await complete(csvImport.importId);
    fx.expectStatus(resumed, 200);
    expect(resumed.body).toMatchObject({ status: 'completed', version: 5, rowsStored: 6, rowsRejected: 8 });
    expect(await deliveryRows()).toHaveLength(before);
  });

  it('fails a CSV whose header cannot be read, storing nothing: 422 naming every problem of the header', async () => {
    const bad = await uploadCsv('bad-header.csv', 'Date,Vendor,Spots\n2027-03-01,Star TV,4\n');
    const res = await complete(bad.importId);
    fx.expectProblem(res, 422, 'monitoring_file_unusable');
    expect(res.body.errors.map((e: Json) => e.field)).toEqual(Array(4).fill('file.line1'));
    expect(res.body.errors[0].message).toBe(
      'unknown column "spots" (columns: date, vendor, placement, units_delivered, impressions, audience, clicks, cost)',
    );
    const stored = await api('GET', path(`/monitoring-imports/${bad.importId}`), { token: token() });
    expect(stored.body).toMatchObject({ status: 'failed', rowsStored: 0, fileUnusable: true });
    expect(stored.body.rejects).toEqual([
      {
        line: 1,
        reasons: [
          'unknown column "spots" (columns: date, vendor, placement, units_delivered, impressions, audience, clicks, cost)',
          'missing required column placement',
          'missing required column units_delivered',
          'missing required column cost',
        ],
      },
    ]);
    expect((await deliveryRows()).filter((r) => r.importId === bad.importId)).toHaveLength(0);
    // Completing it again answers the same: the file is what it is.
    fx.expectProblem(await complete(bad.importId), 422, 'monitoring_file_unusable');
  });

  it('imports JSON rows at once, with the same checks (row numbers from 1)', async () => {
    const res = await importRows([
      { date: '2027-03-10', vendor: 'Star TV', placement: 'Prime time 30s', units_delivered: 8, cost: 12000 },
      {
        date: '2027-03-12',
        vendor: 'AdNet',
        placement: 'Homepage banner',
        units_delivered: 700000,
        impressions: 700000,
        clicks: 3500,
        cost: 8750,
      },
      {
        date: '2027-03-13',
        vendor: 'Star TV',
        placement: 'Prime time 30s',
        units_delivered: 2,
        cost: 1,
        spots: 2,
      },
      { date: '2027-03-14', vendor: 'AdNet', Units_Delivered: '5' },
      { date: '2027-03-15', vendor: 'AdNet', placement: 'Homepage banner', units_delivered: 1.5, cost: 1 },
    ]);
    expect(res).toMatchObject({
      source: 'json',
      status: 'completed',
      rowsTotal: 5,
      rowsStored: 2,
      rowsRejected: 3,
      rowsMatched: 2,
    });
    expect(res.rejects).toEqual([
      { line: 3, reasons: ['unknown column "spots"'] },
      { line: 4, reasons: ['placement: missing (required)', 'cost: missing (required)'] },
      { line: 5, reasons: ['units_delivered: "1.5" is not a whole number'] },
    ]);
    const rows = (await deliveryRows()).filter((r) => r.importId === res.importId);
    expect(rows.map((r) => [r.row, r.lineId])).toEqual([
      [1, 'L001'],
      [2, 'L002'],
    ]);
  });

  it('replays a JSON import for the same Idempotency-Key: one import, rows stored once', async () => {
    const key = `monitoring-${crypto.randomUUID()}`;
    const body = {
      rows: [{ date: '2027-04-20', vendor: 'Radio One', placement: 'Evening', units_delivered: 1, cost: 1 }],
    };
    const first = await api('POST', path('/monitoring-imports'), {
      token: token(),
      body,
      headers: { 'idempotency-key': key },
    });
    const second = await api('POST', path('/monitoring-imports'), {
      token: token(),
      body,
      headers: { 'idempotency-key': key },
    });
    fx.expectStatus(first, 201);
    fx.expectStatus(second, 201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect((await deliveryRows()).filter((r) => r.placement === 'Evening')).toHaveLength(1);
  });
});

describe('discrepancies', () => {
  const ae = () => s.agency.ae.staff.staffId;
  const afterFlight = new Date('2027-04-05T12:00:00Z');

  it('after each import: wrong dates and unbooked delivery; shortfalls only once a line has ended', async () => {
    const found = await discrepancies();
    expect(Object.keys(found).sort()).toEqual([
      'unbooked: Evening',
      'unbooked: Morning drive, 20s',
      'wrong_dates',
    ]);
    expect(found.wrong_dates).toMatchObject({
      discrepancyId: `${bookingA.bookingId}.L001.wrong_dates`,
      bookingId: bookingA.bookingId,
      lineId: 'L001',
      expected: 0,
      actual: 3,
      status: 'open',
    });
    const morning = found['unbooked: Morning drive, 20s'];
    expect(morning).toMatchObject({ expected: 0, actual: 9, status: 'open' }); // rows 10 and 17
    expect(morning.discrepancyId).toMatch(/^unbooked\.[0-9a-f]{16}\.unbooked_delivery$/);
    expect(morning.detail).toBe(
      'Radio One — Morning drive, 20s: 9 units in 2 rows (2027-03-07–2027-03-12) match no booking.',
    );
    expect(found['unbooked: Evening']).toMatchObject({ actual: 1 }); // the replayed import's one row
  });

  it('counts missed spots and under-delivery once the lines have ended, with exact numbers', async () => {
    const all = await recomputeDiscrepancies(ae(), campaignId, afterFlight);
    const found: Record<string, Json> = Object.fromEntries(
      all.filter((d) => d.type !== 'unbooked_delivery').map((d) => [d.type, d]),
    );
    expect(found.missed_spots).toMatchObject({
      discrepancyId: `${bookingA.bookingId}.L001.missed_spots`,
      lineId: 'L001',
      expected: 40,
      actual: 30, // 10 + 12 (CSV) + 8 (JSON); the 3 spots of 2 April are wrong dates, not delivery
      status: 'open',
    });
    expect(found.missed_spots.detail).toContain('10 spots missed, 30 of 40 aired');
    expect(found.under_delivery).toMatchObject({
      discrepancyId: `${bookingB.bookingId}.L002.under_delivery`,
      lineId: 'L002',
      expected: 2_000_000,
      actual: 1_500_000, // 800,000 + 700,000
      status: 'open',
    });
    expect(found.under_delivery.detail).toContain('500,000 short (75.0%)');
    // Each caller reads the details in their language (stored as facts, worded on the way out).
    for (const [language, missed, short] of [
      ['es', '10 spots sin emitir; emitidos 30 de 40.', 'faltan 500.000 (75,0\u00a0%)'],
      ['zh-CN', '漏播 10 次，已播 30/40。', '短缺 500,000（75.0%）'],
    ] as const) {
      fx.expectStatus(await api('PATCH', '/me', { token: token(), body: { language } }), 200);
      const read = await discrepancies();
      expect(read.missed_spots!.detail).toContain(missed);
      expect(read.under_delivery!.detail).toContain(short);
    }
    fx.expectStatus(await api('PATCH', '/me', { token: token(), body: { language: 'en' } }), 200);
    expect(found.wrong_dates).toMatchObject({ expected: 0, actual: 3 });
    const unbooked = all.filter((d) => d.type === 'unbooked_delivery');
    expect(unbooked.map((d) => d.actual).sort()).toEqual([1, 9]); // Morning drive 5 + 4; Evening 1
    expect(await recomputeDiscrepancies(ae(), campaignId, afterFlight)).toEqual(all); // nothing changes
  });

  it('resolves one with a makegood (If-Match required), and a recompute keeps it resolved', async () => {
    const missed = (await discrepancies()).missed_spots;
    const url = path(`/discrepancies/${missed.discrepancyId}`);
    const body = { status: 'resolved', makegood: { units: 10, date: '2027-04-10', note: 'Bonus spots' } };
    fx.expectProblem(await api('PATCH', url, { token: token(), body }), 428, 'precondition_required');
    fx.expectProblem(
      await api('PATCH', url, { token: token(), body, headers: { 'if-match': '"9"' } }),
      409,
      'version_conflict',
    );
    const resolved = await api('PATCH', url, {
      token: token(),
      body,
      headers: { 'if-match': `"${missed.version}"` },
    });
    fx.expectStatus(resolved, 200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      makegood: body.makegood,
      resolvedBy: s.agency.ae.staff.staffId,
      version: missed.version + 1,
    });
    const twice = await api('PATCH', url, {
      token: token(),
      body,
      headers: { 'if-match': `"${resolved.body.version}"` },
    });
    fx.expectProblem(twice, 409, 'already_resolved');

    // More delivery arrives (an import recomputes), then a recompute after the flight.
    await importRows([
      { date: '2027-03-20', vendor: 'Star TV', placement: 'Prime time 30s', units_delivered: 5, cost: 7500 },
      {
        date: '2027-03-21',
        vendor: 'AdNet',
        placement: 'Homepage banner',
        units_delivered: 100000,
        cost: 1250,
      },
    ]);
    const all = await recomputeDiscrepancies(ae(), campaignId, afterFlight);
    const after = Object.fromEntries(all.map((d) => [d.type, d]));
    expect(after.missed_spots).toEqual(resolved.body); // untouched: still resolved, same numbers and version
    expect(after.under_delivery).toMatchObject({ expected: 2_000_000, actual: 1_600_000, status: 'open' });
  });
});

describe('material requisitions', () => {
  let forTv: Json; // booking A, L001, due 2027-02-25
  let forBanner: Json; // booking B, 1080×1920, due 2027-02-24
  let later: Json; // booking A, due 2027-03-20
  let draft: Json;

  const requisition = async (booking: Json, body: Json) => {
    const res = await api('POST', path(`/bookings/${booking.bookingId}/materials`), { token: token(), body });
    fx.expectStatus(res, 201, 'POST materials');
    return res.body;
  };
  const link = (r: Json, body: Json, version = r.version) =>
    api('PATCH', path(`/materials/${r.requisitionId}`), {
      token: token(),
      body,
      headers: { 'if-match': `"${version}"` },
    });
  const release = (draftId: string, n: number) =>
    table().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: DraftVersion.key(clientId, draftId, n),
        UpdateExpression: 'SET releasedToProductionAt = :at',
        ExpressionAttributeValues: { ':at': new Date().toISOString() },
      }),
    );

  beforeAll(async () => {
    forTv = await requisition(bookingA, {
      lineId: 'L001',
      format: 'TVC 30s, ProRes 422',
      durationSeconds: 30,
      deliveryDeadline: '2027-02-25',
    });
    forBanner = await requisition(bookingB, {
      format: 'Homepage takeover, PNG',
      widthPx: 1080,
      heightPx: 1920,
      deliveryDeadline: '2027-02-24',
    });
    later = await requisition(bookingA, { format: 'TVC 15s cut-down', deliveryDeadline: '2027-03-20' });
    const created = await fx.createDraft(s.agency.ae, s.jobId);
    await rv.uploadVersion(s.agency.ae, created.draft.draftId, created, png(1080, 1920));
    draft = created.draft;
  });

  it('opens requisitions per booking and lists them by booking and by campaign', async () => {
    expect(forTv).toMatchObject({
      status: 'open',
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      lineId: 'L001',
      bookingId: bookingA.bookingId,
    });
    const unknown = await api('POST', path(`/bookings/${bookingA.bookingId}/materials`), {
      token: token(),
      body: { lineId: 'L002', format: 'x', deliveryDeadline: '2027-02-25' },
    });
    fx.expectProblem(unknown, 422, 'unknown_line');
    const ofA = await api('GET', path(`/bookings/${bookingA.bookingId}/materials`), { token: token() });
    expect(ofA.body.items.map((r: Json) => r.requisitionId).sort()).toEqual(
      [forTv.requisitionId, later.requisitionId].sort(),
    );
    const all = await api('GET', path('/materials'), { token: token() });
    expect(all.body.items).toHaveLength(3);
  });

  it('refuses a draft version not released, of another client, or failing its spec check', async () => {
    const unreleased = await link(forBanner, { draftId: draft.draftId, draftVersion: 1 });
    fx.expectProblem(unreleased, 409, 'draft_version_not_released');
    expect(unreleased.body.detail).toContain('has not passed final artwork approval');

    const foreign = await link(forBanner, {
      draftId: `${fx.unknownId()}_${fx.unknownId()}`,
      draftVersion: 1,
    });
    fx.expectProblem(foreign, 409, 'draft_of_other_client');

    // Version 2 is 300×250: it fails the draft's spec check and the requisition's size.
    await rv.nextVersion(s.agency.ae, draft.draftId, png(300, 250));
    await release(draft.draftId, 2);
    const failing = await link(forBanner, { draftId: draft.draftId, draftVersion: 2 });
    fx.expectProblem(failing, 409, 'spec_check_not_passed');
    expect(failing.body.errors.map((e: Json) => e.message).join(' ')).toContain(
      'is 300×250 px; the vendor needs 1080×1920 px',
    );
    const still = await api('GET', path(`/materials/${forBanner.requisitionId}`), { token: token() });
    expect(still.body).toMatchObject({ status: 'open', version: 1 });
  });

  it('links a released, spec-checked version: the requisition closes', async () => {
    await release(draft.draftId, 1);
    const linked = await link(forBanner, { draftId: draft.draftId, draftVersion: 1 });
    fx.expectStatus(linked, 200);
    expect(linked.body).toMatchObject({
      status: 'linked',
      version: 2,
      material: { draftId: draft.draftId, draftVersion: 1, draftTitle: draft.title },
    });
    expect(linked.body.material.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await link(forBanner, { draftId: draft.draftId, draftVersion: 1 }, 2);
    fx.expectProblem(again, 409, 'material_already_linked');
  });

  it('warns the account team once a day while material is missing, N working days ahead', async () => {
    const team = [s.agency.ad, s.agency.am, s.agency.ae].map((p) => p.staff.email as string);
    const monday = new Date('2027-02-22T09:00:00Z'); // + 3 working days: Thursday 25th
    // Each member reads it in their own language: the AM in Chinese.
    const setLanguage = (language: string) =>
      api('PATCH', '/me', { token: s.agency.am.token, body: { language } });
    fx.expectStatus(await setLanguage('zh-CN'), 200);
    const first = await warnMissingMaterials(monday);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const about = async (format: string) =>
      (await Promise.all(team.map((to) => rv.mailsTo(to)))).map(
        (mails) => mails.filter((m) => m.text.includes(format)).length,
      );
    expect(await about('TVC 30s, ProRes 422')).toEqual([1, 1, 1]);
    expect(await about('Homepage takeover')).toEqual([0, 0, 0]); // linked
    expect(await about('TVC 15s cut-down')).toEqual([0, 0, 0]); // due later
    const [mail] = (await rv.mailsTo(team[0]!)).filter((m) => m.text.includes('TVC 30s, ProRes 422'));
    expect(mail!.subject).toContain('Material missing for Star TV: due Thu, 25 Feb 2027');
    expect(mail!.text).toContain('Delivery deadline: Thu, 25 Feb 2027 (in 3 working days)');
    const [chinese] = (await rv.mailsTo(team[1]!)).filter((m) => m.text.includes('TVC 30s, ProRes 422'));
    expect(chinese!.subject).toContain('Star TV 的素材缺失：2027年2月25日周四 到期');
    expect(chinese!.text).toContain('交付截止: 2027年2月25日周四 (3 个工作日后)');
    expect(chinese!.html).toContain('<html lang="zh-CN">');
    expect(chinese!.text).not.toMatch(/Hello|Delivery deadline|working day/);
    fx.expectStatus(await setLanguage('en'), 200);

    expect(await warnMissingMaterials(monday)).toEqual({ warned: 0 });
    expect(await warnMissingMaterials(new Date('2027-02-22T18:00:00Z'))).toEqual({ warned: 0 });
    expect(await about('TVC 30s, ProRes 422')).toEqual([1, 1, 1]);

    const tuesday = await warnMissingMaterials(new Date('2027-02-23T09:00:00Z'));
    expect(tuesday.warned).toBeGreaterThanOrEqual(1);
    expect(await about('TVC 30s, ProRes 422')).toEqual([2, 2, 2]);
    expect(forTv.requisitionId).toBeTruthy();
  });
});

describe('a large monitoring file', () => {
  it('is imported to the end by itself, chunk by chunk, its progress visible, and the uploader told', async () => {
    const other = await md.mediaReady(s.agency);
    const id = other.campaign.campaignId;
    const lines = ['date,vendor,placement,units_delivered,impressions,audience,clicks,cost'];
    for (let line = 2; line <= 252; line++) {
      lines.push(
        line === 150
          ? '2027-03-01,Outdoor Co,Metro panels,many,,,,1'
          : `2027-03-${String((line % 28) + 1).padStart(2, '0')},Outdoor Co,Metro panels,1,,,,100`,
      );
    }
    const res = await api('POST', `/media-campaigns/${id}/monitoring-imports`, {
      token: token(),
      body: { fileName: 'metro.csv' },
    });
    await fx.uploadFile(res.body.upload, new TextEncoder().encode(lines.join('\n')), 'text/csv');
    const importId = res.body.importId as string;
    const get = async () =>
      (await api('GET', `/media-campaigns/${id}/monitoring-imports/${importId}`, { token: token() })).body;
    const listed = async () => (await fx.listAll(`/media-campaigns/${id}/delivery-rows`, s.agency.ae)).length;
    const mailsBefore = (await rv.mailsTo(s.agency.ae.staff.email)).length;

    // A budget of 0 ms: the call stores one round of 100 rows, saves how far it got and answers
    // `importing`; the import workflow goes on at the same pace (100 rows a chunk) to the end.
    const first = await completeMonitoringImport(s.agency.ae.staff.staffId, id, importId, 0);
    expect(first).toMatchObject({
      status: 'importing',
      resumeFromLine: 102,
      rowsStored: 100,
      rowsExpected: 251,
    });
    const progress: string[] = [`${first.rowsTotal}/${first.rowsExpected}`];
    let current = await get();
    for (let i = 0; i < 200 && current.status === 'importing'; i++) {
      progress.push(`${current.rowsTotal}/${current.rowsExpected} (${current.rowsRejected} rejected)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await get();
    }
    expect(current).toMatchObject({
      status: 'completed',
      rowsExpected: 251,
      rowsTotal: 251,
      rowsStored: 250,
      rowsRejected: 1,
    });
    expect(current.resumeFromLine).toBeUndefined();
    expect(current.rejects).toEqual([{ line: 150, reasons: ['units_delivered: "many" is not a number'] }]);
    expect(await listed()).toBe(250);
    // The workflow's chunks: the rest of the file, 100 rows at a time.
    const history = await md.importHistory(importId, 1);
    const chunks = history.filter(
      (e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'Chunk',
    );
    console.log(
      `[monitoring] progress seen: ${[...new Set(progress)].join(' → ')}; workflow chunks ${chunks.length}`,
    );
    expect(chunks.length).toBe(2);
    // The uploader is told once the workflow has ended (its last task, after the import completed).
    expect(await md.importEnded(importId, 1)).toBe('SUCCEEDED');
    const mails = (await rv.mailsTo(s.agency.ae.staff.email)).slice(mailsBefore);
    const told = mails.filter((m) => m.subject.includes('Monitoring import completed: metro.csv'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Rows stored: 250 (0 matched to a booking line)');
    expect(told[0]!.text).toContain('Line 150: units_delivered: "many" is not a number');
  });
});

describe('bounded input, and imports that fail', () => {
  it('fails a header of 20,005 columns as a whole (422, one reason), and the import says so', async () => {
    const header = [
      'date',
      'vendor',
      'placement',
      'units_delivered',
      'cost',
      ...Array.from({ length: 20_000 }, (_, i) => `extra_${i}`),
    ];
    const bad = await uploadCsv(
      'wide.csv',
      `${header.join(',')}\n2027-03-01,Star TV,Prime time 30s,1,1500\n`,
    );
    const res = await complete(bad.importId);
    fx.expectProblem(res, 422, 'monitoring_file_unusable');
    expect(res.body.errors).toEqual([
      {
        field: 'file.line1',
        message:
          'the header names 20,005 columns; a monitoring report has at most 50 (its columns: date, vendor, placement, units_delivered, impressions, audience, clicks, cost)',
      },
    ]);
    const stored = await api('GET', path(`/monitoring-imports/${bad.importId}`), { token: token() });
    expect(stored.body).toMatchObject({ status: 'failed', rowsStored: 0, fileUnusable: true });
    expect(JSON.stringify(stored.body).length).toBeLessThan(4000);
  });

  it('rejects a row that is too long, has too many fields or a field too long — per row, the rest imported', async () => {
    const header = 'date,vendor,placement,units_delivered,impressions,audience,clicks,cost';
    const ok = '2027-03-02,Radio One,Late night,1,,,,10';
    const lines = [
      header,
      ok,
      `2027-03-03,Radio One,Late night,1,,,,10${',x'.repeat(100)}`, // 108 fields
      `2027-03-04,Radio One,"${'y'.repeat(12_000)}",1,,,,10`, // a field over 10,000 characters
      `2027-03-05,${Array.from({ length: 7 }, () => `"${'z'.repeat(3_000)}"`).join(',')}`, // a row over 20,000
      ok.replace('03-02', '03-06'),
    ];
    const upload = await uploadCsv('long-rows.csv', lines.join('\n'));
    const res = await complete(upload.importId);
    fx.expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'completed', rowsTotal: 5, rowsStored: 2, rowsRejected: 3 });
    const reasons = Object.fromEntries(res.body.rejects.map((r: Json) => [r.line, r.reasons.join('; ')]));
    expect(reasons[3]).toContain('unknown columns: 108 fields, the header names 8 columns');
    expect(reasons[4]).toContain('unreadable CSV: a field is longer than 10,000 characters');
    expect(reasons[5]).toContain('unreadable CSV: the row is longer than 20,000 characters');
  });

  it('never leaves an import `importing`: a lost file fails it with the reason, and a retry runs it again', async () => {
    const good = ['date,vendor,placement,units_delivered,cost', '2027-03-07,Radio One,Late night,2,20'].join(
      '\n',
    );
    const upload = await uploadCsv('lost.csv', good);
    const bucket = inject('env').DRAFTS_BUCKET!;
    const key = upload.upload.fields.key as string;
    // As if it had started, then its file went missing from storage.
    await table().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: MonitoringImport.key(clientId, campaignId, upload.importId),
        UpdateExpression: 'SET #status = :importing, #version = :v',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':importing': 'importing', ':v': 2 },
      }),
    );
    await s3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const res = await complete(upload.importId);
    fx.expectStatus(res, 200);
    expect(res.body).toMatchObject({
      status: 'failed',
      failure: 'The file of this import is no longer in storage: replace it with a new upload.',
    });
    // The file is back (restored): a retry runs the import again from it.
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: good, ContentType: 'text/csv' }),
    );
    const retried = await api('POST', path(`/monitoring-imports/${upload.importId}/retry`), {
      token: token(),
    });
    fx.expectStatus(retried, 200, 'POST …/retry');
    expect(retried.body).toMatchObject({ status: 'completed', attempt: 2, rowsStored: 1, rowsRejected: 0 });
    expect(retried.body.failure).toBeUndefined();
    fx.expectProblem(
      await api('POST', path(`/monitoring-imports/${upload.importId}/retry`), { token: token() }),
      409,
      'import_not_failed',
    );
  });

  it('fails an import whose workflow run stopped (timed out, aborted), and tells the uploader', async () => {
    const upload = await uploadCsv('stopped.csv', 'date,vendor,placement,units_delivered,cost\n');
    // As a run leaves it when its execution stops mid-way: importing, progress saved.
    await table().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: MonitoringImport.key(clientId, campaignId, upload.importId),
        UpdateExpression: 'SET #status = :importing, resumeFromLine = :line, #version = :v',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':importing': 'importing', ':line': 1002, ':v': 2 },
      }),
    );
    const run = {
      clientId,
      campaignId,
      importId: upload.importId,
      attempt: 1,
      actorId: s.agency.ae.staff.staffId,
    };
    const stopped = (status: string, attempt = 1) => ({
      version: '0',
      id: `status-${status}`,
      'detail-type': 'Step Functions Execution Status Change' as const,
      source: 'aws.states',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: {
        executionArn: md.importExecutionArn(upload.importId, attempt),
        stateMachineArn: inject('env').MONITORING_IMPORT_STATE_MACHINE_ARN!,
        name: `monitoring-${upload.importId}-${attempt}`,
        status,
        startDate: Date.now() - 60_000,
        stopDate: Date.now(),
        input: JSON.stringify({ ...run, attempt, pace: { budgetMs: null } }),
      },
    });
    // A stop of another run (an earlier attempt) changes nothing.
    expect(await executionStopped(stopped('ABORTED', 7), testContext('workflow-recovery'))).toEqual({
      marked: false,
    });
    expect(await executionStopped(stopped('TIMED_OUT'), testContext('workflow-recovery'))).toEqual({
      marked: true,
    });
    const failed = await api('GET', path(`/monitoring-imports/${upload.importId}`), { token: token() });
    expect(failed.body).toMatchObject({
      status: 'failed',
      failure:
        'The import stopped: its workflow ran past its time limit. Nothing of it counts; retry it, or replace the file.',
    });
    const told = (await rv.mailsTo(s.agency.ae.staff.email)).filter((m) =>
      m.subject.includes('Monitoring import failed: stopped.csv'),
    );
    expect(told).toHaveLength(1);
    // Delivered again (EventBridge retries): nothing twice.
    expect(await executionStopped(stopped('TIMED_OUT'), testContext('workflow-recovery'))).toEqual({
      marked: false,
    });
  });

  it('replaces the file of a failed import: a new import names the one it replaces', async () => {
    const bad = await uploadCsv('wrong-file.csv', 'Spots,Station\n4,Star TV\n');
    fx.expectProblem(await complete(bad.importId), 422, 'monitoring_file_unusable');
    const replaced = await api('POST', path(`/monitoring-imports/${bad.importId}/replacement`), {
      token: token(),
      body: { fileName: 'right-file.csv' },
    });
    fx.expectStatus(replaced, 201, 'POST …/replacement');
    expect(replaced.body).toMatchObject({
      status: 'awaiting_upload',
      replaces: bad.importId,
      fileName: 'right-file.csv',
    });
    await fx.uploadFile(
      replaced.body.upload,
      new TextEncoder().encode(
        'date,vendor,placement,units_delivered,cost\n2027-03-08,Radio One,Late night,3,30\n',
      ),
      'text/csv',
    );
    const done = await complete(replaced.body.importId);
    expect(done.body).toMatchObject({ status: 'completed', rowsStored: 1 });
    const old = await api('GET', path(`/monitoring-imports/${bad.importId}`), { token: token() });
    expect(old.body).toMatchObject({ status: 'failed', replacedBy: replaced.body.importId });
    fx.expectProblem(
      await api('POST', path(`/monitoring-imports/${bad.importId}/replacement`), {
        token: token(),
        body: { fileName: 'again.csv' },
      }),
      409,
      'import_replaced',
    );
    const names = await Promise.all(
      ['..', 'a\r\nBcc: x@y.z', '\u202Egpj.exe', '\u200B\u200B'].map((fileName) =>
        api('POST', path('/monitoring-imports'), { token: token(), body: { fileName } }),
      ),
    );
    for (const refused of names) fx.expectProblem(refused, 400, 'validation_failed');
  });
});

describe('a large JSON import', () => {
  it('takes 5,000 JSON rows in one request (the route’s own body limit, above the API default of 64 KB)', async () => {
    const own = await md.mediaReady();
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      date: `2027-04-${String((i % 28) + 1).padStart(2, '0')}`,
      vendor: 'Radio One',
      placement: 'Late night',
      units_delivered: 1,
      cost: 10,
    }));
    expect(Buffer.byteLength(JSON.stringify({ rows }))).toBeGreaterThan(64 * 1024);
    const res = await api('POST', `/media-campaigns/${own.campaign.campaignId}/monitoring-imports`, {
      token: own.agency.ae.token,
      body: { rows },
    });
    fx.expectStatus(res, 201);
    // Imported within the request's time, or — on a slow machine — the rest in the background.
    let imported = res.body;
    for (let i = 0; imported.status === 'importing' && i < 300; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      imported = (
        await api(
          'GET',
          `/media-campaigns/${own.campaign.campaignId}/monitoring-imports/${res.body.importId}`,
          { token: own.agency.ae.token },
        )
      ).body;
    }
    expect(imported).toMatchObject({ status: 'completed', rowsStored: 5000, rowsRejected: 0 });
  });
});
