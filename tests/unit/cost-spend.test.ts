import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../shared/cost/reconciliation-figures.js';
import { bookingsNameRegisteredVendors } from '../../shared/media/index.js';
import type { MigrationTools } from '../../shared/platform/migrations.js';

/** The reconciliation's arithmetic against a plain recount, and the bookings' vendor migration. */
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('the reconciliation figures', () => {
  it('add up, for any jobs, orders and bills, to what a plain recount of the month gives', () => {
    const job = fc.record({
      brand: fc.constantFrom('b1', 'b2', 'b3'),
      signed: fc.integer({ min: 0, max: 10_000_000 }),
    });
    const entry = fc.record({
      job: fc.nat(9),
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      day: fc.constantFrom('2027-02-27', '2027-03-01', '2027-03-31', '2027-04-01'),
      cancelled: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(job, { minLength: 10, maxLength: 10 }),
        fc.array(entry),
        fc.array(entry),
        (jobs, orders, bills) => {
          const inputs = {
            jobs: jobs.map((j, i) => ({
              jobId: `j${i}`,
              jobNumber: `N${String(i).padStart(2, '0')}`,
              title: 'Job',
              brandId: j.brand,
            })),
            brands: ['b1', 'b2', 'b3'].map((brandId) => ({ brandId, name: brandId })),
            ledgers: jobs.map((j, i) => ({ jobId: `j${i}`, signedTotalMinor: j.signed, currency: 'USD' })),
            orders: orders.map((o) => ({
              jobId: `j${o.job}`,
              total: usd(o.amount),
              status: o.cancelled ? 'cancelled' : 'issued',
              createdAt: `${o.day}T10:00:00.000Z`,
            })),
            bills: bills.map((b) => ({ jobId: `j${b.job}`, total: usd(b.amount), billDate: b.day })),
            forecasts: [{ brandId: 'b1', amount: usd(500_000) }],
          };
          const figures = reconcile(inputs, '2027-03', 10, 'USD');
          const byEnd = (d: string) => d <= '2027-03-31';
          const committed = orders
            .filter((o) => !o.cancelled && byEnd(o.day))
            .reduce((s, o) => s + o.amount, 0);
          const billed = bills.filter((b) => byEnd(b.day)).reduce((s, b) => s + b.amount, 0);
          expect(figures.totals.signed.amountMinor).toBe(jobs.reduce((s, j) => s + j.signed, 0));
          expect(figures.totals.committed.amountMinor).toBe(committed);
          expect(figures.totals.billed.amountMinor).toBe(billed);
          const b1Month = orders
            .filter((o) => !o.cancelled && o.day.startsWith('2027-03') && jobs[o.job]!.brand === 'b1')
            .reduce((s, o) => s + o.amount, 0);
          const b1 = figures.rows.find((r) => r.kind === 'brand' && r.id === 'b1')!;
          expect(b1.committedInMonth?.amountMinor).toBe(b1Month);
          expect(b1.flags.some((f) => f.kind === 'committed_vs_forecast')).toBe(
            Math.abs(b1Month - 500_000) > 50_000,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the bookings’ vendor migration', () => {
  const tools = (vendors: Record<string, string>) => {
    const notes: string[] = [];
    const t: MigrationTools = {
      read: async (key) => {
        if (key.PK.startsWith('VENDORNAME#')) {
          const id = vendors[key.PK.slice('VENDORNAME#'.length)];
          return id ? { vendorId: id } : undefined;
        }
        return key.PK.startsWith('VENDOR#') ? { vendorId: key.PK.slice('VENDOR#'.length) } : undefined;
      },
      note: (what) => notes.push(what),
    };
    return { t, notes };
  };
  const upgrade = bookingsNameRegisteredVendors[0]!.upgrade;

  it('links a registered name, keeps the text, and changes nothing the second time', async () => {
    const { t } = tools({ 'star tv': 'V1' });
    const once = await upgrade({ itemType: 'booking', vendor: 'Star TV ' }, t);
    expect(once).toMatchObject({ vendorId: 'V1', vendorText: 'Star TV ', vendor: 'Star TV ' });
    expect(await upgrade(once!, t)).toBeUndefined();
  });

  it('keeps an unregistered name as history, notes it, and links it on a later run', async () => {
    const { t, notes } = tools({});
    const once = await upgrade({ itemType: 'booking', vendor: 'Radio One' }, t);
    expect(once).toMatchObject({ vendorText: 'Radio One' });
    expect(once?.vendorId).toBeUndefined();
    expect(notes).toEqual(['bookings of vendors not in the register yet']);
    expect(await upgrade(once!, t)).toBeUndefined();
    expect(await upgrade(once!, tools({ 'radio one': 'V9' }).t)).toMatchObject({ vendorId: 'V9' });
  });
});
