import { describe, expect, it } from 'vitest';
import {
  barChart,
  buildPostCampaignReport,
  csvCell,
  csvHeader,
  type DeliveryRowInput,
  lineChart,
  maxUnplannedLines,
  niceMax,
  PostCampaignAggregator,
  type ReportContext,
  renderPostCampaignReport,
} from '../../shared/media/post-campaign-document.js';
import type { Booking, Campaign, Discrepancy, Line, PlanVersion } from '../../shared/media/schemas.js';
import { parseCsv } from '../support/csv.js';

const usd = (dollars: number) => ({ amountMinor: Math.round(dollars * 100), currency: 'USD' });

const meta = { version: 1, createdAt: '2027-02-01T00:00:00.000Z', updatedAt: '2027-02-01T00:00:00.000Z' };

const campaign = (extra: Partial<Campaign> = {}): Campaign =>
  ({
    campaignId: 'C1',
    clientId: 'CL',
    jobId: 'J1',
    name: 'Spring <script>alert("x")</script> & Co',
    flightStart: '2027-03-01',
    flightEnd: '2027-03-31',
    budget: usd(500_000),
    kpis: [
      { metric: 'impressions', target: 20_000_000 },
      { metric: 'clicks', target: 12_000 },
      { metric: 'reach', target: 1000 },
      { metric: 'grps', target: 100 },
    ],
    briefVersion: 1,
    stage: 'booking',
    reportDueOn: '2027-04-07',
    createdBy: 'S1',
    ...meta,
    ...extra,
  }) as Campaign;

const tv: Line = {
  lineId: 'L001',
  channel: 'tv',
  vendor: 'Star TV',
  placement: 'Prime time 30s',
  startDate: '2027-03-01',
  endDate: '2027-03-31',
  unitType: 'spots',
  units: 40,
  rate: usd(1500),
  cost: usd(60_000),
  kpiContribution: { impressions: 4_000_000 },
};
const online: Line = {
  lineId: 'L002',
  channel: 'online',
  vendor: 'AdNet',
  placement: 'Homepage banner',
  startDate: '2027-03-01',
  endDate: '2027-03-31',
  unitType: 'impressions',
  units: 2_000_000,
  rate: usd(12.5),
  cost: usd(25_000),
  kpiContribution: { impressions: 2_000_000, clicks: 10_000 },
};

const planVersion = (lines: Line[]): PlanVersion =>
  ({
    planId: 'P1',
    campaignId: 'C1',
    kind: 'master_plan',
    number: 2,
    status: 'confirmed',
    lines,
    totalCost: usd(lines.reduce((s, l) => s + l.cost.amountMinor, 0) / 100),
    briefVersion: 1,
    document: { objectKey: 'x', sha256: 'y' },
    createdBy: 'S1',
    ...meta,
  }) as PlanVersion;

const booking = (bookingId: string, lines: Line[], status: Booking['status'] = 'requested'): Booking =>
  ({
    bookingId,
    campaignId: 'C1',
    clientId: 'CL',
    planId: 'P3',
    planVersion: 1,
    vendor: lines[0]!.vendor,
    lines,
    totalCost: usd(lines.reduce((s, l) => s + l.cost.amountMinor, 0) / 100),
    status,
    insertionOrder: { objectKey: 'io', sha256: 'h' },
    confirmationRef: 'ref',
    createdBy: 'S1',
    ...meta,
  }) as Booking;

const discrepancy = (extra: Partial<Discrepancy>): Discrepancy => ({
  discrepancyId: 'D1',
  campaignId: 'C1',
  type: 'under_delivery',
  expected: 40,
  actual: 31,
  detail: 'Star TV aired 31 of 40 <spots>',
  status: 'open',
  ...meta,
  ...extra,
});

const context = (extra: Partial<ReportContext> = {}): ReportContext => ({
  reportId: 'R1',
  generatedAt: '2027-04-07T02:00:00.000Z',
  agencyName: 'Harbour & Finch',
  clientName: 'Tea <Co>',
  campaign: campaign(),
  plan: { planId: 'P1', title: 'Media master plan', version: planVersion([tv, online]), confirmed: true },
  bookings: [booking('B1', [tv]), booking('B2', [online])],
  discrepancies: [
    discrepancy({}),
    discrepancy({
      discrepancyId: 'D2',
      type: 'missed_spots',
      expected: 2,
      actual: 0,
      status: 'resolved',
      makegood: { units: 2, date: '2027-03-30', note: 'Re-aired' },
      detail: 'Star TV — Prime 30s (2027-03-01–2027-03-31): 2 spots missed, 0 of 2 aired.',
      facts: {
        vendor: 'Star TV',
        placement: 'Prime 30s',
        unitType: 'spots',
        lineStart: '2027-03-01',
        lineEnd: '2027-03-31',
        units: 2,
        booked: 2,
      },
    }),
  ],
  ...extra,
});

const day = (n: number) => `2027-03-${String(n).padStart(2, '0')}`;

/**
 * TV: 10 rows within booking B1/L001; online: 25 rows of B2/L002's vendor and placement (case and
 * spacing aside); 2 unplanned; 1 TV row after the flight — outside its booked line, so by the one
 * delivery rule a wrong date: billed, never delivered, whatever booking it was tagged with.
 */
function rows(): DeliveryRowInput[] {
  const out: DeliveryRowInput[] = [];
  for (let i = 1; i <= 10; i++) {
    out.push({
      date: day(i),
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unitsDelivered: 3,
      impressions: 300_000,
      audience: 120,
      cost: usd(4500),
      bookingId: 'B1',
      lineId: 'L001',
    });
  }
  for (let i = 1; i <= 25; i++) {
    out.push({
      date: day(i),
      vendor: 'adnet',
      placement: ' Homepage  banner ',
      unitsDelivered: 100_000,
      clicks: 600,
      cost: usd(1250),
    });
  }
  out.push({
    date: day(5),
    vendor: 'Metro Ads',
    placement: '=HYPERLINK("http://x")',
    unitsDelivered: 5,
    cost: usd(1000),
  });
  out.push({
    date: day(6),
    vendor: 'Metro Ads',
    placement: '=HYPERLINK("http://x")',
    unitsDelivered: 5,
    cost: usd(1000),
  });
  out.push({
    date: '2027-04-05',
    vendor: 'Star TV',
    placement: 'Prime time 30s',
    unitsDelivered: 1,
    impressions: 100_000,
    cost: usd(1500),
    bookingId: 'B1',
    lineId: 'L001',
  });
  return out;
}

async function* pages(all: DeliveryRowInput[], size = 4) {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

describe('post-campaign report: aggregation', () => {
  it('sums planned, booked, delivered and billed per line, channel, vendor and in total', async () => {
    const { analysis: a } = await buildPostCampaignReport(context(), pages(rows()));
    expect(a.rows).toBe(38);
    // Money figures are minor units (cents).
    expect(a.totals).toMatchObject({
      plannedCost: 8_500_000,
      bookedCost: 8_500_000,
      // TV 30 spots at 1,500; online 2.5M impressions at 12.50 CPM; unplanned at their billed cost.
      deliveredValue: 4_500_000 + 3_125_000 + 200_000,
      // Billed is what the rows state: the wrong-date TV spot included.
      billed: 4_650_000 + 3_125_000 + 200_000,
      deliveredImpressions: 3_000_000 + 2_500_000,
      deliveredClicks: 15_000,
      deliveredAudience: 1200,
      wrongDateUnits: 1,
      wrongDateRows: 1,
      wrongDateBilled: 150_000,
      // Units only within one unit type: 40 spots planned, 2,000,000 impressions bought.
      plannedSpots: 40,
      deliveredSpots: 30,
      plannedImpressionsBought: 2_000_000,
      deliveredImpressionsBought: 2_500_000,
    });
    const line = (vendor: string) => a.lines.find((l) => l.vendor === vendor)!;
    expect(line('Star TV')).toMatchObject({
      channel: 'tv',
      plannedUnits: 40,
      bookedUnits: 40,
      deliveredUnits: 30,
      wrongDateUnits: 1,
      plannedCost: 6_000_000,
      bookedCost: 6_000_000,
      deliveredValue: 4_500_000,
      billed: 4_650_000,
      rows: 11,
      inPlan: true,
      inBookings: true,
    });
    // Case and spacing of vendor and placement are ignored: the rows land on the planned line.
    expect(line('AdNet')).toMatchObject({
      deliveredUnits: 2_500_000,
      deliveredImpressions: 2_500_000,
      rows: 25,
    });
    // A placement neither planned nor booked: its own line, channel unknown (other), valued at its billed cost.
    expect(line('Metro Ads')).toMatchObject({
      channel: 'other',
      inPlan: false,
      inBookings: false,
      deliveredValue: 200_000,
      billed: 200_000,
    });
    expect(a.channels.map((c) => [c.name, c.billed])).toEqual(
      expect.arrayContaining([
        ['tv', 4_650_000],
        ['online', 3_125_000],
        ['other', 200_000],
      ]),
    );
    expect(a.vendors.map((v) => v.name)).toEqual(['AdNet', 'Metro Ads', 'Star TV']);
    expect(a.outsideFlight).toEqual({ rows: 1, billed: 150_000, deliveredImpressions: 0 });
    expect(a.bookingLines).toEqual([
      expect.objectContaining({
        bookingId: 'B1',
        lineId: 'L001',
        bookedUnits: 40,
        deliveredUnits: 30,
        wrongDateUnits: 1,
      }),
      expect.objectContaining({
        bookingId: 'B2',
        lineId: 'L002',
        bookedUnits: 2_000_000,
        deliveredUnits: 2_500_000,
      }),
    ]);
  });

  it('judges rows by the live bookings as they are now, not by the booking a row was tagged with', async () => {
    // A row tagged with B1/L001 but dated within the line counts; one dated outside never does,
    // even tagged; an untagged row within the line counts on it.
    const tagged = (date: string, extra: Partial<DeliveryRowInput> = {}): DeliveryRowInput => ({
      date,
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unitsDelivered: 1,
      cost: usd(1500),
      ...extra,
    });
    const short = { ...tv, endDate: '2027-03-15' };
    const { analysis: a } = await buildPostCampaignReport(
      context({ bookings: [booking('B1', [short])] }),
      pages([
        tagged(day(2), { bookingId: 'B1', lineId: 'L001' }),
        tagged(day(20), { bookingId: 'B1', lineId: 'L001' }),
        tagged(day(3)),
      ]),
    );
    expect(a.lines.find((l) => l.vendor === 'Star TV')).toMatchObject({
      deliveredUnits: 2,
      wrongDateUnits: 1,
      billed: 450_000,
    });
    expect(a.pacing.delivered[30]).toBe(300_000);
    expect(a.pacing.billed[30]).toBe(450_000);
  });

  it('excludes cancelled bookings from booked but still counts what they delivered', async () => {
    const { analysis: a } = await buildPostCampaignReport(
      context({ bookings: [booking('B1', [tv], 'cancelled'), booking('B2', [online])] }),
      pages(rows()),
    );
    expect(a.totals.bookedCost).toBe(2_500_000);
    expect(a.bookings).toEqual({ active: 1, cancelled: 1 });
    // Without a live booking of its vendor and placement, TV is unbooked delivery: every row counts.
    expect(a.lines.find((l) => l.vendor === 'Star TV')).toMatchObject({ bookedCost: 0, deliveredUnits: 31 });
  });

  it('scores KPIs against targets; a metric monitoring does not measure is not "missed"', async () => {
    const { analysis: a } = await buildPostCampaignReport(context(), pages(rows()));
    expect(a.kpis).toEqual([
      {
        metric: 'impressions',
        target: 20_000_000,
        planned: 6_000_000,
        actual: 5_500_000,
        percentOfTarget: 27.5,
        status: 'missed',
      },
      {
        metric: 'clicks',
        target: 12_000,
        planned: 10_000,
        actual: 15_000,
        percentOfTarget: 125,
        status: 'met',
      },
      { metric: 'reach', target: 1000, planned: 0, actual: 1200, percentOfTarget: 120, status: 'met' },
      { metric: 'grps', target: 100, planned: 0, status: 'not_measured' },
    ]);
  });

  it('paces cumulative delivery per day against the linear plan of each line', async () => {
    const { analysis: a } = await buildPostCampaignReport(context(), pages(rows()));
    const p = a.pacing;
    expect(p.days).toHaveLength(31);
    expect(p.days[0]).toBe('2027-03-01');
    expect(p.days[30]).toBe('2027-03-31');
    expect(p.plannedCost[0]).toBe(Math.round(8_500_000 / 31));
    expect(p.plannedCost[30]).toBe(8_500_000);
    expect(p.plannedImpressions[30]).toBe(6_000_000);
    // Day 1: one TV row and one online row.
    expect(p.billed[0]).toBe(450_000 + 125_000);
    expect(p.deliveredImpressions[0]).toBe(300_000 + 100_000);
    // The row after the flight is in the totals (billed), not in the pacing.
    expect(p.billed[30]).toBe(4_500_000 + 3_125_000 + 200_000);
    expect(p.deliveredImpressions[30]).toBe(5_500_000);
  });

  it('lists discrepancies and makegoods', async () => {
    const { analysis: a } = await buildPostCampaignReport(context(), pages(rows()));
    expect(a.discrepancies).toMatchObject({
      open: 1,
      resolved: 1,
      withMakegood: 1,
      makegoodUnits: 2,
      byType: { under_delivery: 1, missed_spots: 1 },
    });
  });

  it('derives what worked and what did not from the numbers', async () => {
    const { analysis: a } = await buildPostCampaignReport(context(), pages(rows()));
    expect(a.summary.worked).toEqual(
      expect.arrayContaining([
        'KPI clicks: 15,000 delivered against a target of 12,000 (125.0%).',
        'Online delivered 125.0% of its planned impressions.',
        'Best cost per thousand impressions: Online at $12.50.',
        '1 discrepancy was made good (2 units).',
      ]),
    );
    // TV is bought per spot: it has no cost per thousand, so nothing to compare.
    expect(a.summary.didNotWork.join('\n')).not.toContain('Highest cost per thousand');
    expect(a.summary.didNotWork).toEqual(
      expect.arrayContaining([
        'KPI impressions: 5,500,000 delivered against a target of 20,000,000 (27.5%).',
        'TV delivered only 75.0% of its planned impressions.',
        '1 placement(s) delivered outside the plan and the bookings, billed $2,000.00.',
        '1 monitoring row(s) (1 units) aired outside their booked dates: not counted as delivery, billed $1,500.00.',
        '1 monitoring row(s) are dated outside the flight (billed $1,500.00).',
        '1 discrepancy is still open.',
      ]),
    );
  });

  it('says so when there is no monitoring data, and tolerates no plan, no bookings and no discrepancies', async () => {
    const {
      analysis: a,
      html,
      csv,
    } = await buildPostCampaignReport(
      context({ plan: undefined, bookings: [], discrepancies: [] }),
      pages([]),
    );
    expect(a.rows).toBe(0);
    expect(a.lines).toEqual([]);
    expect(a.kpis.every((k) => k.status === 'not_measured')).toBe(true);
    expect(a.summary.didNotWork).toContain(
      'No monitoring data was imported: delivery and billing could not be assessed.',
    );
    expect(html).toContain('no master plan');
    expect(csv.startsWith(`${csvHeader.join(',')}\r\n`)).toBe(true);
  });

  it('falls back to the booked lines for the linear plan when there is no master plan', async () => {
    const { analysis: a } = await buildPostCampaignReport(context({ plan: undefined }), pages(rows()));
    expect(a.totals.plannedCost).toBe(0);
    expect(a.pacing.plannedCost[30]).toBe(8_500_000);
  });

  it('keeps memory to lines and days: unplanned placements beyond the cap share one line', () => {
    const aggregator = new PostCampaignAggregator(context());
    for (let page = 0; page < 50; page++) {
      aggregator.add(
        Array.from({ length: 100 }, (_, i) => ({
          date: day(1 + (i % 31)),
          vendor: `Vendor ${page}`,
          placement: `Placement ${i}`,
          unitsDelivered: 1,
          cost: usd(1),
        })),
      );
    }
    const a = aggregator.finish();
    expect(a.rows).toBe(5000);
    expect(a.lines.length).toBe(2 + maxUnplannedLines + 1);
    expect(a.totals.billed).toBe(500_000);
    expect(a.lines.find((l) => l.placement === '(other unplanned placements)')?.rows).toBe(
      5000 - maxUnplannedLines,
    );
  });
});

describe("post-campaign report: each reader's language", () => {
  it('words the document, its findings and its CSV header in Spanish, money and dates by Intl', async () => {
    const { analysis } = await buildPostCampaignReport(context(), pages(rows()));
    const { html, csv, summary } = renderPostCampaignReport(analysis, 'es');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h2>Resumen</h2>');
    expect(html).toContain('<h3>Lo que funcionó</h3>');
    expect(html).toContain('Planificado, reservado, entregado y facturado');
    expect(html).toContain('1–31 de marzo de 2027');
    expect(html).toMatch(/presupuesto 500\.000,00\sUS\$/);
    expect(html).toContain('30 spots');
    expect(summary.worked).toEqual(
      expect.arrayContaining([
        'KPI clics: 15.000 entregados frente a un objetivo de 12.000 (125,0\u00a0%).',
        'Online entregó el 125,0\u00a0% de sus impresiones planificadas.',
        '1 discrepancia fue compensada (2 unidades).',
      ]),
    );
    expect(summary.didNotWork).toContain('1 discrepancia sigue abierta.');
    const table = parseCsv(csv);
    expect(table[0]).toEqual([
      'sección',
      'asunto',
      'canal',
      'proveedor',
      'ubicación',
      'fecha',
      'métrica',
      'valor',
    ]);
    // Cells stay codes and plain numbers: every copy reads alike in a spreadsheet.
    expect(table.find((r) => r[0] === 'total' && r[6] === 'billed_cost')?.[7]).toBe('79750.00');
    expect(html).not.toMatch(/What worked|Delivery pacing|Billed of budget/);
    // A discrepancy's detail is worded from its facts; one found before facts were kept stays as recorded.
    expect(html).toContain(
      'Star TV — Prime 30s (2027-03-01–2027-03-31): 2 spots sin emitir; emitidos 0 de 2.',
    );
    expect(html).toContain('Star TV aired 31 of 40 &lt;spots&gt;');
  });

  it('words it in Chinese, and keeps the English copy as it was', async () => {
    const { analysis, html: english } = await buildPostCampaignReport(context(), pages(rows()));
    const { html, summary } = renderPostCampaignReport(analysis, 'zh-CN');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h3>有效的做法</h3>');
    expect(html).toContain('<h2>执行进度</h2>');
    expect(html).toContain('US$500,000.00');
    expect(summary.worked).toContain('1 项差异已补播（2 个单位）。');
    expect(html).toContain('Star TV — Prime 30s（2027-03-01–2027-03-31）：漏播 2 次，已播 0/2。');
    // Chart ids stay unique where a title has no Latin letters.
    const ids = [...html.matchAll(/<title id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(renderPostCampaignReport(analysis, 'en').html).toBe(english);
    expect(english).toContain('<h3>What worked</h3>');
  });
});

describe('post-campaign report: HTML and SVG', () => {
  it('escapes every text, in the page and in the charts', async () => {
    const evil = {
      date: day(2),
      vendor: '<img src=x onerror=alert(1)>',
      placement: '"><svg onload=alert(2)>',
      unitsDelivered: 1,
      cost: usd(10),
    };
    const { html } = await buildPostCampaignReport(context(), pages([...rows(), evil]));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('Spring &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Star TV aired 31 of 40 &lt;spots&gt;');
    expect(html).toContain('Tea &lt;Co&gt;');
    // Only the elements the report draws.
    const allowed = new Set(
      'html head meta title style body h1 h2 h3 p ul li div table thead tbody tr th td small svg rect text line polyline'.split(
        ' ',
      ),
    );
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((t) => !allowed.has(t))).toEqual([]);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
  });

  it('draws bars and lines with escaped labels and titles', () => {
    const bars = barChart(
      'Spend <by> "channel"',
      ['<b>TV</b>', 'Online & more'],
      [
        { name: 'Planned', color: '#999', values: [100, 50] },
        { name: 'Billed', color: '#f90', values: [80, 0] },
      ],
    );
    expect(bars).toContain('<title id="chart-spend-by-channel">Spend &lt;by&gt; &quot;channel&quot;</title>');
    expect(bars).toContain('&lt;b&gt;TV&lt;/b&gt;');
    expect(bars).toContain('Online &amp; more');
    expect(bars).not.toContain('<b>');
    expect((bars.match(/<rect /g) ?? []).length).toBe(4 + 2); // 4 bars, 2 legend swatches
    const lines = lineChart(
      'Pacing',
      ['2027-03-01', '2027-03-02', '2027-03-03'],
      [{ name: 'Plan', color: '#999', values: [1, 2, 3], dashed: true }],
    );
    expect(lines).toMatch(
      /<polyline fill="none" stroke="#999" stroke-width="2" stroke-dasharray="6 4" points="[\d., ]+">/,
    );
    expect(niceMax(0)).toBe(1);
    expect(niceMax(85_000)).toBe(100_000);
    expect(niceMax(1200)).toBe(2000);
  });
});

describe('post-campaign report: CSV', () => {
  it('is one tidy table that parses back to the numbers', async () => {
    const { csv } = await buildPostCampaignReport(context(), pages(rows()));
    expect(csv.endsWith('\r\n')).toBe(true);
    const table = parseCsv(csv);
    expect(table[0]).toEqual(csvHeader);
    expect(table.every((r) => r.length === csvHeader.length)).toBe(true);
    const value = (section: string, where: (r: string[]) => boolean, metric: string) =>
      table.find((r) => r[0] === section && where(r) && r[6] === metric)?.[7];
    expect(value('total', () => true, 'billed_cost')).toBe('79750.00');
    expect(value('total', () => true, 'planned_cost')).toBe('85000.00');
    expect(value('line', (r) => r[3] === 'Star TV', 'delivered_units')).toBe('30');
    expect(value('line', (r) => r[3] === 'Star TV', 'wrong_date_units')).toBe('1');
    expect(value('line', (r) => r[3] === 'Star TV', 'unit_type')).toBe('spots');
    expect(value('line', (r) => r[3] === 'AdNet', 'cpm_billed')).toBe('12.50');
    expect(value('channel', (r) => r[2] === 'tv', 'delivered_impressions')).toBe('3000000');
    // Totals only over like units: no spots added to impressions.
    expect(value('total', () => true, 'planned_units')).toBeUndefined();
    expect(value('total', () => true, 'planned_units_spots')).toBe('40');
    expect(value('total', () => true, 'planned_units_impressions')).toBe('2000000');
    expect(value('total', () => true, 'planned_units_insertions')).toBeUndefined();
    // CPM only over lines priced per thousand: the total's is online's alone.
    expect(value('total', () => true, 'cpm_billed')).toBe('12.50');
    expect(value('channel', (r) => r[2] === 'tv', 'cpm_billed')).toBeUndefined();
    expect(value('booking_line', (r) => r[1] === 'B1.L001', 'delivered_units')).toBe('30');
    expect(value('booking_line', (r) => r[1] === 'B1.L001', 'wrong_date_units')).toBe('1');
    expect(value('kpi', (r) => r[1] === 'clicks', 'status')).toBe('met');
    expect(value('pacing', (r) => r[5] === '2027-03-31', 'planned_cost')).toBe('85000.00');
    expect(table.filter((r) => r[0] === 'pacing')).toHaveLength(31 * 5);
    expect(value('discrepancy', (r) => r[1] === 'D2', 'makegood_units')).toBe('2');
    // The campaign name with quotes and commas survives quoting.
    expect(table[1]![1]).toBe('Spring <script>alert("x")</script> & Co');
    // A cell a spreadsheet would run as a formula is defused.
    expect(value('line', (r) => r[3] === 'Metro Ads', 'billed_cost')).toBe('2000.00');
    expect(table.find((r) => r[0] === 'line' && r[3] === 'Metro Ads')?.[4]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('quotes and defuses cells', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(1 / 3)).toBe('0.33');
    expect(csvCell(undefined)).toBe('');
  });
});
