/**
 * Share of voice (issue 15 §3): what the server answers adds up — every channel's total is its
 * brands' spend, the whole is its channels', an entry counts only its days inside the period, and
 * shares are percents of those totals. Property-based, bounded by count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareOfVoice, spendInPeriod } from '../../shared/client-record/competitive.js';
import type { CompetitiveEntry } from '../../shared/client-record/competitive-schemas.js';

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);

const entry = fc
  .record({
    brand: fc.constantFrom('Rival A', 'Rival B', 'Rival C'),
    channel: fc.constantFrom('tv', 'radio', 'social', 'outdoor'),
    currency: fc.constantFrom('USD', 'EUR'),
    amount: fc.integer({ min: 0, max: 1_000_000_00 }),
    start: fc.integer({ min: -20, max: 40 }),
    days: fc.integer({ min: 1, max: 30 }),
    id: fc.nat(),
  })
  .map(
    (e) =>
      ({
        entryId: `E${e.id}`,
        clientId: 'C',
        kind: 'advertising',
        competitorBrand: e.brand,
        category: 'Cola',
        channel: e.channel,
        seenFrom: day(e.start),
        seenTo: day(e.start + e.days - 1),
        estimatedSpend: { amountMinor: e.amount, currency: e.currency },
        reportedBy: 'S',
        version: 1,
        createdAt: '',
        updatedAt: '',
      }) as CompetitiveEntry,
  );

const from = day(0);
const to = day(30);

describe('share of voice', () => {
  it('adds up: brands to channels, channels to the whole, only the days inside the period', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const answer = shareOfVoice(entries, from, to);
        for (const sov of answer) {
          const mine = entries.filter((e) => e.estimatedSpend?.currency === sov.currency);
          const inPeriod = mine.map((e) => spendInPeriod(e, from, to)?.amountMinor ?? 0);
          expect(sov.total.amountMinor).toBe(inPeriod.reduce((a, b) => a + b, 0));
          expect(sov.channels.reduce((t, c) => t + c.total.amountMinor, 0)).toBe(sov.total.amountMinor);
          for (const c of sov.channels) {
            expect(c.brands.reduce((t, b) => t + b.spend.amountMinor, 0)).toBe(c.total.amountMinor);
            if (c.total.amountMinor > 0) {
              const shares = c.brands.reduce((t, b) => t + b.share, 0);
              expect(Math.abs(shares - 100)).toBeLessThanOrEqual(0.01 * c.brands.length);
            }
          }
        }
        for (const e of entries) {
          const part = spendInPeriod(e, from, to)?.amountMinor ?? 0;
          expect(part).toBeLessThanOrEqual(e.estimatedSpend!.amountMinor);
          if (e.seenFrom >= from && e.seenTo <= to) expect(part).toBe(e.estimatedSpend!.amountMinor);
          if (e.seenTo < from || e.seenFrom > to) expect(part).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts the days inside the period: 4 of 10 days is 4/10 of the estimate, and the two parts add up to it', () => {
    const e = {
      kind: 'advertising',
      seenFrom: '2026-10-28',
      seenTo: '2026-11-06',
      estimatedSpend: { amountMinor: 1005, currency: 'USD' },
    } as CompetitiveEntry;
    expect(spendInPeriod(e, '2026-10-01', '2026-10-31')).toEqual({ amountMinor: 402, currency: 'USD' });
    expect(spendInPeriod(e, '2026-11-01', '2026-11-30')).toEqual({ amountMinor: 603, currency: 'USD' });
  });
});
