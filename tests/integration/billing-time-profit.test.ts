import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import { writeRevenue } from '../support/billing-time.js';
import { approvedNewVendor, signedEstimate } from '../support/cost.js';
import * as fx from '../support/fixtures.js';

/**
 * Issue 14 §5, the property: for random revenue (invoices and credit notes), vendors' bills and
 * week grids, a job's profit as the API answers it is revenue − direct costs − time at cost, each
 * checked against a calculation of its own here (time priced with BigInt, half to even, at the
 * rate in force on each day). Bounded by count: `runs` jobs, each a few requests.
 *
 * Revenue is written by the fixture with billing's key builders (tests/support/billing-time.ts).
 */
type Json = fx.Json;
const runs = 6;
const eur = (minor: number) => ({ amountMinor: minor, currency: 'EUR' });
/** The AE's cost rates in EUR: odd numbers, so rounding is exercised; the second from mid-June. */
const rates = [
  { from: '2027-06-01', hourlyMinor: 7_333 },
  { from: '2027-06-16', hourlyMinor: 11_111 },
];
const weeks = ['2027-W23', '2027-W24', '2027-W25'];
const daysOf = (week: string) => {
  const monday = { '2027-W23': 7, '2027-W24': 14, '2027-W25': 21 }[week]!;
  return Array.from({ length: 7 }, (_, i) => `2027-06-${String(monday + i).padStart(2, '0')}`);
};
const activities = ['account_management', 'client_meeting', 'strategy', 'media'] as const;

/** minutes × rate / 60, rounded half to even, in BigInt: this file's own arithmetic. */
function timeCost(minutes: number, hourlyMinor: number): number {
  const n = BigInt(minutes) * BigInt(hourlyMinor);
  const q = n / 60n;
  const r = n % 60n;
  if (r * 2n > 60n || (r * 2n === 60n && q % 2n === 1n)) return Number(q + 1n);
  return Number(q);
}
const rateOn = (date: string) => [...rates].reverse().find((r) => r.from <= date)!.hourlyMinor;

let agency: fx.Agency;
let client: Json;
let brand: Json;
let vendor: Json;

beforeAll(async () => {
  agency = await fx.buildAgency();
  ({ client, brand } = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]));
  for (const rate of rates) {
    const res = await api('PUT', '/cost-rates/account_executive', {
      token: agency.head.token,
      body: { hourlyRate: eur(rate.hourlyMinor), effectiveFrom: rate.from },
    });
    fx.expectStatus(res, 200, 'PUT cost rate');
  }
  vendor = await approvedNewVendor(agency.ae, agency.ad);
}, 60_000);

const cell = fc.record({
  week: fc.constantFrom(...weeks),
  day: fc.integer({ min: 0, max: 6 }),
  activity: fc.constantFrom(...activities),
  minutes: fc.integer({ min: 1, max: 300 }),
});
const revenue = fc.record({
  day: fc.integer({ min: 1, max: 30 }),
  kind: fc.constantFrom('invoice', 'invoice', 'creditNote'),
  fees: fc.integer({ min: 0, max: 2_000_000 }),
  commission: fc.integer({ min: 0, max: 500_000 }),
  rebilled: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('profit = revenue − vendors’ bills − time at cost', () => {
  it(`holds for ${runs} jobs of random data, by an independent calculation`, {
    timeout: 180_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(revenue, { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 800_000 }), { maxLength: 3 }),
        fc.uniqueArray(cell, { maxLength: 12, selector: (c) => `${c.week}|${c.day}|${c.activity}` }),
        async (revenueRows, bills, cells) => {
          const opened = await api('POST', '/jobs', {
            token: agency.ae.token,
            body: {
              clientId: client.clientId,
              brandId: brand.brandId,
              title: fx.uniqueName('Property job'),
              type: 'campaign',
              budget: eur(10_000_000),
            },
          });
          fx.expectStatus(opened, 201, 'POST /jobs');
          const jobId = opened.body.jobId as string;
          await signedEstimate(agency.ae, jobId, [{ amountMinor: 9_000_000 }], 'EUR');
          if (bills.length > 0) {
            const order = await api('POST', `/jobs/${jobId}/purchase-orders`, {
              token: agency.ae.token,
              body: {
                vendorId: vendor.vendorId,
                category: 'production',
                lines: [
                  {
                    estimateLineId: 'L001',
                    description: 'Studio day',
                    quantity: 1,
                    unitCost: eur(3_000_000),
                  },
                ],
              },
            });
            fx.expectStatus(order, 201, 'purchase order');
            for (const [i, amount] of bills.entries()) {
              fx.expectStatus(
                await api('POST', `/jobs/${jobId}/vendor-bills`, {
                  token: agency.ae.token,
                  body: {
                    purchaseOrderId: order.body.purchaseOrderId,
                    billNumber: fx.uniqueName(`B${i}`),
                    billDate: `2027-06-${String(10 + i).padStart(2, '0')}`,
                    lines: [{ lineNumber: 1, quantity: 1, amount: eur(amount) }],
                  },
                }),
                201,
              );
            }
          }
          await writeRevenue(
            revenueRows.map((r) => ({
              clientId: client.clientId,
              jobId,
              issuedOn: `2027-06-${String(r.day).padStart(2, '0')}`,
              kind: r.kind as 'invoice' | 'creditNote',
              currency: 'EUR',
              // Credit notes are written negative, as issuing writes them.
              feesMinor: r.kind === 'creditNote' ? -r.fees : r.fees,
              commissionMinor: r.kind === 'creditNote' ? -r.commission : r.commission,
              rebilledMinor: r.kind === 'creditNote' ? -r.rebilled : r.rebilled,
            })),
          );
          for (const week of weeks) {
            const mine = cells.filter((c) => c.week === week);
            const current = await api('GET', `/me/timesheets/${week}`, { token: agency.ae.token });
            const saved = await api('PUT', `/me/timesheets/${week}`, {
              token: agency.ae.token,
              headers: current.body.version > 0 ? { 'if-match': `"${current.body.version}"` } : {},
              body: {
                entries: mine.map((c) => ({
                  jobId,
                  date: daysOf(week)[c.day],
                  activity: c.activity,
                  minutes: c.minutes,
                })),
              },
            });
            fx.expectStatus(saved, 200, `PUT ${week}`);
          }

          // The independent calculation.
          const sign = (kind: string) => (kind === 'creditNote' ? -1 : 1);
          const fees = revenueRows.reduce((s, r) => s + sign(r.kind) * r.fees, 0);
          const commission = revenueRows.reduce((s, r) => s + sign(r.kind) * r.commission, 0);
          const rebilled = revenueRows.reduce((s, r) => s + sign(r.kind) * r.rebilled, 0);
          const income = fees + commission + rebilled;
          const direct = bills.reduce((s, b) => s + b, 0);
          const time = cells.reduce((s, c) => s + timeCost(c.minutes, rateOn(daysOf(c.week)[c.day]!)), 0);
          const margin = income - direct - time;

          const res = await api('GET', `/jobs/${jobId}/profit`, { token: agency.am.token });
          fx.expectStatus(res, 200, 'GET job profit');
          expect(res.body).toMatchObject({
            currency: 'EUR',
            fees: { amountMinor: fees },
            commission: { amountMinor: commission },
            rebilled: { amountMinor: rebilled },
            revenue: { amountMinor: income },
            directCosts: eur(direct),
            timeCost: eur(time),
            minutes: cells.reduce((s, c) => s + c.minutes, 0),
            margin: { amountMinor: margin, currency: 'EUR' },
            marginPercent: income === 0 ? null : Math.round((margin / income) * 10_000) / 100,
          });
          const june = await api('GET', `/clients/${client.clientId}/profit?from=2027-06-01&to=2027-06-30`, {
            token: agency.am.token,
          });
          const row = june.body.jobs.find((j: Json) => j.jobId === jobId);
          if (income !== 0 || direct !== 0 || cells.length > 0) {
            expect(row).toMatchObject({ margin: { amountMinor: margin }, timeCost: eur(time) });
          }
        },
      ),
      { numRuns: runs, endOnFailure: true },
    );
  });
});
