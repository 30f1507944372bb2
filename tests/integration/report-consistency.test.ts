/**
 * The post-campaign report agrees with itself (issue 10 §2): one rule for what counts as
 * delivery — a row of a booked line's vendor and placement dated outside the line never counts —
 * applied by the discrepancy list and the report alike, checked line by line against each other;
 * totals in the CSV only over like units; CPM only over lines bought per thousand impressions;
 * and the HTML fits an 1,100 px window and an A4 or Letter page in Chromium.
 *
 * The campaign flies in March 2028 (due after every run of the daily job in the other files).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { recomputeDiscrepancies } from '../../shared/media/discrepancies.js';
import { api } from '../support/api.js';
import { chromiumPath, launchBrowser } from '../support/browser.js';
import { cents, parseCsv, sum } from '../support/csv.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';

type Json = fx.Json;

const vendorContact = { name: 'Vera Vendor', email: 'bookings@vendor.example' };
const tv = {
  channel: 'tv',
  vendor: 'Star TV',
  placement: 'Prime time 30s',
  startDate: '2028-03-01',
  endDate: '2028-03-15',
  unitType: 'spots',
  units: 20,
  rate: fx.usd(1500),
};
const online = {
  channel: 'online',
  vendor: 'AdNet',
  placement: 'Homepage banner',
  startDate: '2028-03-01',
  endDate: '2028-03-31',
  unitType: 'impressions',
  units: 2_000_000,
  rate: fx.usd(12.5),
};
const day = (d: number) => `2028-03-${String(d).padStart(2, '0')}`;

/** 15 TV spots within the line, 2 TV spots after it ends (wrong dates), online at 75 %, an unbooked placement. */
const rows = [
  ...Array.from({ length: 15 }, (_, i) => ({
    date: day(i + 1),
    vendor: 'Star TV',
    placement: 'Prime time 30s',
    units_delivered: 1,
    impressions: 90_000,
    cost: 1500,
  })),
  ...[20, 21].map((d) => ({
    date: day(d),
    vendor: 'star tv',
    placement: 'Prime  time 30s',
    units_delivered: 1,
    impressions: 90_000,
    cost: 1500,
  })),
  ...Array.from({ length: 30 }, (_, i) => ({
    date: day(i + 1),
    vendor: 'AdNet',
    placement: 'Homepage banner',
    units_delivered: 50_000,
    impressions: 50_000,
    clicks: 120,
    cost: 625,
  })),
  ...[5, 6].map((d) => ({
    date: day(d),
    vendor: 'Metro Ads',
    placement: 'Station posters — a long placement name that must wrap in the table',
    units_delivered: 3,
    cost: 900,
  })),
];

let s: md.MediaSetup;
let campaign: Json;
let bookings: Json[];
let discrepancies: Json[];
let report: Json;
let csv: string[][];
let html: string;

const cell = (section: string, where: (r: string[]) => boolean, metric: string) =>
  csv.filter((r) => r[0] === section && where(r) && r[6] === metric).map((r) => r[7]);

beforeAll(async () => {
  s = await md.mediaReady();
  const created = await api('POST', `/jobs/${s.jobId}/media-campaigns`, {
    token: s.agency.ae.token,
    body: {
      name: fx.uniqueName('March 2028 flight'),
      flightStart: '2028-03-01',
      flightEnd: '2028-03-31',
      budget: { amountMinor: 10_000_000, currency: 'USD' },
      kpis: [{ metric: 'impressions', target: 3_000_000 }],
      brief: md.brief,
    },
  });
  fx.expectStatus(created, 201, 'POST campaign');
  campaign = created.body;
  const { campaignId } = campaign;
  for (const kind of ['recommendation', 'master_plan'] as const) {
    const plan = await md.planVersion(s.agency.ae, campaignId, { kind, lines: [tv, online] });
    await md.confirmInTable(s.client.clientId, plan.plan.planId, plan.version.number, s.contact.contactId);
  }
  const schedule = await md.planVersion(s.agency.ae, campaignId, {
    kind: 'monthly_schedule',
    month: '2028-03',
    lines: [tv, online],
  });
  await md.confirmInTable(s.client.clientId, schedule.plan.planId, 1, s.contact.contactId);
  bookings = [];
  for (const lineId of ['L001', 'L002']) {
    const res = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: { planId: schedule.plan.planId, version: 1, lineIds: [lineId], vendorContact },
    });
    fx.expectStatus(res, 201, 'POST booking');
    bookings.push(res.body);
  }
  const imported = await api('POST', `/media-campaigns/${campaignId}/monitoring-imports`, {
    token: s.agency.ae.token,
    body: { rows },
  });
  fx.expectStatus(imported, 201, 'POST monitoring-imports');
  expect(imported.body).toMatchObject({ status: 'completed', rowsStored: rows.length, rowsRejected: 0 });
  // As of after the flight (in-process, with the day it runs for): shortfalls count once lines ended.
  discrepancies = await recomputeDiscrepancies(
    s.agency.ae.staff.staffId,
    campaignId,
    new Date('2028-04-10T00:00:00Z'),
  );
  const generated = await api('POST', `/media-campaigns/${campaignId}/post-campaign-report`, {
    token: s.agency.ae.token,
  });
  fx.expectStatus(generated, 201, 'POST post-campaign-report');
  report = generated.body;
  csv = parseCsv(await (await fetch(report.links.csv)).text());
  html = await (await fetch(report.links.html)).text();
}, 120_000);

describe('one rule for delivery, in the discrepancy list and the report', () => {
  it('never counts rows dated outside their booked line as delivery', () => {
    const isTv = (r: string[]) => r[3] === 'Star TV';
    expect(cell('line', isTv, 'delivered_units')).toEqual(['15']);
    expect(cell('line', isTv, 'wrong_date_units')).toEqual(['2']);
    expect(cell('line', isTv, 'booked_units')).toEqual(['20']);
    // Billed is what the rows state (money in the CSV in major units, to the cent): the two
    // wrong-date spots are billed, not delivered.
    expect(cell('line', isTv, 'billed_cost')).toEqual([(17 * 1500).toFixed(2)]);
    expect(cell('line', isTv, 'delivered_value')).toEqual([(15 * 1500).toFixed(2)]);
    expect(report.summary.didNotWork).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2 monitoring row\(s\) \(2 units\) aired outside their booked dates/),
      ]),
    );
  });

  it('gives each booking line the numbers the discrepancy list gives it', () => {
    const byType = (type: string, bookingId: string) =>
      discrepancies.find((d) => d.type === type && d.bookingId === bookingId);
    const [tvBooking, onlineBooking] = bookings;
    const missed = byType('missed_spots', tvBooking.bookingId);
    const wrong = byType('wrong_dates', tvBooking.bookingId);
    const under = byType('under_delivery', onlineBooking.bookingId);
    expect(missed).toMatchObject({ expected: 20, actual: 15 });
    expect(wrong).toMatchObject({ actual: 2 });
    expect(under).toMatchObject({ expected: 2_000_000, actual: 1_500_000 });
    const lines = csv.filter((r) => r[0] === 'booking_line');
    const of = (bookingId: string, metric: string) =>
      Number(
        lines.find(
          (r) => r[1] === `${bookingId}.L00${bookingId === tvBooking.bookingId ? 1 : 2}` && r[6] === metric,
        )?.[7],
      );
    for (const d of discrepancies.filter((x) => x.bookingId)) {
      const metric = d.type === 'wrong_dates' ? 'wrong_date_units' : 'delivered_units';
      expect(of(d.bookingId, metric), `${d.type} of ${d.lineId}`).toBe(d.actual);
      if (d.type !== 'wrong_dates') expect(of(d.bookingId, 'booked_units')).toBe(d.expected);
    }
    expect(html).toContain('Delivery against bookings');
    expect(html).toContain('15 spots');
  });

  it('adds units up only within one unit, and prices CPM only over lines bought per thousand', () => {
    const total = (metric: string) => cell('total', () => true, metric);
    expect(total('planned_units')).toEqual([]);
    expect(total('delivered_units')).toEqual([]);
    expect(total('planned_units_spots')).toEqual(['20']);
    expect(total('delivered_units_spots')).toEqual(['15']);
    expect(total('planned_units_impressions')).toEqual(['2000000']);
    expect(total('delivered_units_impressions')).toEqual(['1500000']);
    const onlineRows = rows.filter((r) => r.vendor === 'AdNet') as unknown as {
      cost: number;
      impressions: number;
    }[];
    const cpm = cents((sum(onlineRows, (r) => r.cost) / sum(onlineRows, (r) => r.impressions)) * 1000);
    expect(total('cpm_billed')).toEqual([cpm.toFixed(2)]);
    expect(cell('channel', (r) => r[1] === 'online', 'cpm_billed')).toEqual([cpm.toFixed(2)]);
    // TV is bought per spot: no CPM, although its rows report impressions.
    expect(cell('channel', (r) => r[1] === 'tv', 'cpm_billed')).toEqual([]);
    expect(cell('line', (r) => r[3] === 'Star TV', 'cpm_billed')).toEqual([]);
  });
});

describe.skipIf(!chromiumPath)('the report in Chromium', () => {
  it('fits a 1,100 px window and prints on A4 and Letter: long text wraps, nothing runs off the page', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      // Runs in the page: measured there (this file is compiled without the DOM's types).
      const measure = `(() => ({
        page: document.documentElement.scrollWidth,
        tables: Math.max(...[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right)),
        view: document.documentElement.clientWidth,
      }))()`;
      const widest = () => page.evaluate<{ page: number; tables: number; view: number }>(measure);
      const screen = await widest();
      console.log(
        `[report] 1100 px window: page ${screen.page} px, widest table ends at ${Math.round(screen.tables)} px`,
      );
      expect(screen.page).toBeLessThanOrEqual(1100);
      expect(screen.tables).toBeLessThanOrEqual(screen.view);
      await page.emulateMedia({ media: 'print' });
      // The printable width of A4 and Letter at 96 px per inch, less the report's 12 mm margins.
      for (const [paper, widthMm] of [
        ['A4', 210],
        ['Letter', 215.9],
      ] as const) {
        const width = Math.floor(((widthMm - 24) / 25.4) * 96);
        await page.setViewportSize({ width, height: 1000 });
        const printed = await widest();
        console.log(
          `[report] ${paper} print width ${width} px: page ${printed.page} px, widest table ${Math.round(printed.tables)} px`,
        );
        expect(printed.page, paper).toBeLessThanOrEqual(width);
        expect(printed.tables, paper).toBeLessThanOrEqual(width + 0.5);
        const pdf = await page.pdf({
          format: paper,
          margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' },
        });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
    } finally {
      await browser.close();
    }
  });
});
