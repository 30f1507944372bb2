import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyFiguresOf } from '../../shared/cost/ledger.js';
import { monthlyFiguresFromHistory } from '../../shared/cost/migrations.js';
import { reconcile } from '../../shared/cost/reconciliation-figures.js';
import { bookingsNameRegisteredVendors } from '../../shared/media/index.js';
import type { MigrationTools } from '../../shared/platform/migrations.js';

/** The reconciliation's arithmetic against a plain recount, and the bookings' vendor migration. */
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('the reconciliation figures', () => {
  const days = ['2027-02-27', '2027-03-01', '2027-03-31', '2027-04-01'] as const;
  const entry = fc.record({
    job: fc.nat(9),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    day: fc.constantFrom(...days),
    /** An order cancelled on that day (at or after its issue), unbilled: the whole total released. */
    cancelledOn: fc.option(fc.constantFrom(...days), { nil: undefined }),
  });
  const job = fc.record({
    brand: fc.constantFrom('b1', 'b2', 'b3'),
    signed: fc.integer({ min: 0, max: 10_000_000 }),
  });

  it('add up, for any jobs, orders, cancellations and bills, to what a plain recount of the month gives', () => {
    fc.assert(
      fc.property(
        fc.array(job, { minLength: 10, maxLength: 10 }),
        fc.array(entry),
        fc.array(entry),
        (jobs, raw, bills) => {
          const orders = raw.map((o) => ({
            ...o,
            cancelledOn: o.cancelledOn && o.cancelledOn >= o.day ? o.cancelledOn : undefined,
          }));
          // The ledgers as the transactions leave them: each writes its amount into its month.
          const ledgers = jobs.map((j, i) => ({
            jobId: `j${i}`,
            signedTotalMinor: j.signed,
            currency: 'USD',
            committed: {} as Record<string, number>,
            billed: {} as Record<string, number>,
          }));
          const add = (into: Record<string, number>, day: string, amount: number) => {
            into[day.slice(0, 7)] = (into[day.slice(0, 7)] ?? 0) + amount;
          };
          for (const o of orders) {
            add(ledgers[o.job]!.committed, o.day, o.amount);
            if (o.cancelledOn) add(ledgers[o.job]!.committed, o.cancelledOn, -o.amount);
          }
          for (const b of bills) add(ledgers[b.job]!.billed, b.day, b.amount);
          const figures = reconcile(
            {
              jobs: jobs.map((j, i) => ({
                jobId: `j${i}`,
                jobNumber: `N${String(i).padStart(2, '0')}`,
                title: 'Job',
                brandId: j.brand,
              })),
              brands: ['b1', 'b2', 'b3'].map((brandId) => ({ brandId, name: brandId })),
              ledgers,
              forecasts: [{ brandId: 'b1', amount: usd(500_000) }],
            },
            '2027-03',
            10,
            'USD',
          );
          // The plain recount: orders issued by the end of March and not cancelled by then; bills dated by then.
          const byEnd = (d: string) => d <= '2027-03-31';
          const standing = (o: (typeof orders)[number]) =>
            byEnd(o.day) && !(o.cancelledOn && byEnd(o.cancelledOn));
          const committed = orders.filter(standing).reduce((s, o) => s + o.amount, 0);
          const billed = bills.filter((b) => byEnd(b.day)).reduce((s, b) => s + b.amount, 0);
          expect(figures.totals.signed.amountMinor).toBe(jobs.reduce((s, j) => s + j.signed, 0));
          expect(figures.totals.committed.amountMinor).toBe(committed);
          expect(figures.totals.billed.amountMinor).toBe(billed);
          const inMarch = (d: string | undefined) => d?.startsWith('2027-03') === true;
          const b1Month = orders
            .filter((o) => jobs[o.job]!.brand === 'b1')
            .reduce(
              (s, o) => s + (inMarch(o.day) ? o.amount : 0) - (inMarch(o.cancelledOn) ? o.amount : 0),
              0,
            );
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

  it("a ledger's monthly attributes read back as its figures; other attributes are not figures", () => {
    expect(
      monthlyFiguresOf({
        committedMinor: 5,
        'committed@2027-03': 7,
        'committed@2027-04': -2,
        'billed@2027-03': 4,
        'billed@march': 1,
        billedMinor: 4,
      }),
    ).toEqual({ committed: { '2027-03': 7, '2027-04': -2 }, billed: { '2027-03': 4 } });
  });

  it("the ledger migration rebuilds a ledger's months from its orders and bills, and puts bookings' rest in its last month", () => {
    const figures = monthlyFiguresFromHistory(
      { committedMinor: 1_000 + 300 - 200 + 50, updatedAt: '2027-04-02T09:00:00.000Z' },
      [
        { total: usd(1_000), createdAt: '2027-02-10T10:00:00.000Z' },
        {
          total: usd(300),
          createdAt: '2027-03-05T10:00:00.000Z',
          cancelledAt: '2027-04-01T10:00:00.000Z',
          released: usd(200),
        },
      ],
      [{ total: usd(100), billDate: '2027-03-20' }],
    );
    expect(figures).toEqual({
      committed: { '2027-02': 1_000, '2027-03': 300, '2027-04': -200 + 50 },
      billed: { '2027-03': 100 },
    });
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
