import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeOrderOf, priceLines, totalsOf } from '../../shared/cost/pricing.js';
import { type EstimateLineInput, lineCategories } from '../../shared/cost/schemas.js';

/**
 * Issue 13 §5: an estimate's money properties, over random estimates. One rounding rule (half to
 * even to the minor unit, at a line's net, a line's markup and the tax; shared/cost/pricing.ts):
 * totals always equal the sum of the lines, and no amount is ever more than half a minor unit away
 * from the exact value — so rounding cannot drift, however many estimates and lines.
 */
const currencies = ['EUR', 'USD', 'JPY', 'KWD'] as const;

/** A decimal with `places` places as an exact fraction. */
const fraction = (value: number, places: number) => ({
  numerator: BigInt(Math.round(value * 10 ** places)),
  denominator: 10n ** BigInt(places),
});

/** |rounded − exact| ≤ ½, and a tie goes to the even neighbour: the rule, checked on exact fractions. */
function isHalfEven(rounded: number, numerator: bigint, denominator: bigint): boolean {
  const twiceError = 2n * (BigInt(rounded) * denominator - numerator);
  const abs = twiceError < 0n ? -twiceError : twiceError;
  if (abs < denominator) return true;
  return abs === denominator && BigInt(rounded) % 2n === 0n;
}

const lineArb = (currency: string) =>
  fc.record({
    category: fc.constantFrom(...lineCategories),
    description: fc.constant('Line'),
    quantity: fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 1000),
    unitCost: fc.record({
      amountMinor: fc.integer({ min: 0, max: 50_000_000 }),
      currency: fc.constant(currency),
    }),
    markupPercent: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000),
  }) as fc.Arbitrary<EstimateLineInput>;

const estimateArb = fc.constantFrom(...currencies).chain((currency) =>
  fc.record({
    currency: fc.constant(currency),
    lines: fc.array(lineArb(currency), { minLength: 0, maxLength: 12 }),
    taxRateBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  }),
);

const price = (e: { currency: string; lines: EstimateLineInput[]; taxRateBasisPoints: number }) => {
  const { lines } = priceLines(e.lines, e.currency, { nextLineNumber: 1 });
  return { lines, totals: totalsOf(lines, e.currency, e.taxRateBasisPoints) };
};

const total = (amounts: { amountMinor: number }[]) => amounts.reduce((a, m) => a + m.amountMinor, 0);

describe('estimate money', () => {
  it('totals equal the sum of the lines, for any lines', () => {
    fc.assert(
      fc.property(estimateArb, (e) => {
        const { lines, totals } = price(e);
        expect(totals.net.amountMinor).toBe(total(lines.map((l) => l.net)));
        expect(totals.markup.amountMinor).toBe(total(lines.map((l) => l.markup)));
        expect(totals.subtotal.amountMinor).toBe(total(lines.map((l) => l.total)));
        expect(totals.subtotal.amountMinor).toBe(totals.net.amountMinor + totals.markup.amountMinor);
        expect(totals.grandTotal.amountMinor).toBe(totals.subtotal.amountMinor + totals.tax.amountMinor);
        expect(total(totals.byCategory.map((c) => c.subtotal))).toBe(totals.subtotal.amountMinor);
        const fees = total(lines.filter((l) => l.category === 'agency_fee').map((l) => l.net));
        expect(totals.agencyIncome.amountMinor).toBe(totals.markup.amountMinor + fees);
        for (const l of lines) expect(l.total.amountMinor).toBe(l.net.amountMinor + l.markup.amountMinor);
        expect(totals.carriesMedia).toBe(lines.some((l) => l.category === 'media'));
      }),
      { numRuns: 500 },
    );
  });

  it('rounds tax and markup half to even, never drifting, across 10,000 random estimates', () => {
    let rounded = 0;
    fc.assert(
      fc.property(estimateArb, (e) => {
        const { lines, totals } = price(e);
        const linesRounded = lines.every((line, i) => {
          const input = e.lines[i]!;
          const q = fraction(input.quantity, 3);
          const p = fraction(input.markupPercent, 3);
          rounded += 2;
          return (
            // net: quantity × unit cost, exact, then rounded once.
            isHalfEven(
              line.net.amountMinor,
              BigInt(input.unitCost.amountMinor) * q.numerator,
              q.denominator,
            ) &&
            // markup: the percent of the rounded net, rounded once.
            isHalfEven(
              line.markup.amountMinor,
              BigInt(line.net.amountMinor) * p.numerator,
              p.denominator * 100n,
            )
          );
        });
        // tax: the client's rate of the subtotal, rounded once.
        const taxRounded = isHalfEven(
          totals.tax.amountMinor,
          BigInt(totals.subtotal.amountMinor) * BigInt(e.taxRateBasisPoints),
          10_000n,
        );
        // The same lines in another order, or totalled again from what was stored, come to the same totals.
        const reordered = totalsOf([...lines].reverse(), e.currency, e.taxRateBasisPoints);
        const same = JSON.stringify(reordered) === JSON.stringify(totals);
        return linesRounded && taxRounded && same;
      }),
      { numRuns: 10_000 },
    );
    expect(rounded).toBeGreaterThan(10_000);
  });

  it('a change order shows only the difference', () => {
    const base: EstimateLineInput[] = [
      {
        category: 'production',
        description: 'Shoot',
        quantity: 2,
        unitCost: { amountMinor: 150_000, currency: 'EUR' },
        markupPercent: 15,
      },
      {
        category: 'research',
        description: 'Pre-test',
        quantity: 1,
        unitCost: { amountMinor: 80_000, currency: 'EUR' },
        markupPercent: 0,
      },
      {
        category: 'agency_fee',
        description: 'Fee',
        quantity: 10,
        unitCost: { amountMinor: 9_000, currency: 'EUR' },
        markupPercent: 0,
      },
    ];
    const signed = { number: 1, ...price({ currency: 'EUR', lines: base, taxRateBasisPoints: 2100 }) };
    const known = new Set(signed.lines.map((l) => l.lineId));
    const { lines } = priceLines(
      [
        { ...base[0]!, lineId: 'L001', quantity: 3 },
        { ...base[2]!, lineId: 'L003' },
        {
          category: 'media',
          description: 'Radio',
          quantity: 1,
          unitCost: { amountMinor: 50_000, currency: 'EUR' },
          markupPercent: 10,
        },
      ],
      'EUR',
      { nextLineNumber: 4, known },
    );
    const co = changeOrderOf(signed, { lines, totals: totalsOf(lines, 'EUR', 2100) });
    expect(co.added.map((l) => l.lineId)).toEqual(['L004']);
    expect(co.removed.map((l) => l.lineId)).toEqual(['L002']);
    expect(co.changed.map((c) => [c.lineId, c.fields])).toEqual([['L001', ['quantity']]]);
    // Net 450,000 + 15 % = 517,500; fee 90,000; radio 55,000 → 662,500 (was 345,000 + 80,000 + 90,000).
    expect(co.previousSubtotal.amountMinor).toBe(515_000);
    expect(co.newSubtotal.amountMinor).toBe(662_500);
    expect(co.difference.subtotal.amountMinor).toBe(147_500);
    expect(co.difference.grandTotal.amountMinor).toBe(
      co.newGrandTotal.amountMinor - co.previousGrandTotal.amountMinor,
    );
  });

  it('refuses a unit cost in another currency, naming the field', () => {
    expect(() =>
      priceLines(
        [
          {
            category: 'other',
            description: 'x',
            quantity: 1,
            unitCost: { amountMinor: 1, currency: 'USD' },
            markupPercent: 0,
          },
        ],
        'EUR',
        { nextLineNumber: 1 },
      ),
    ).toThrowError(
      expect.objectContaining({
        code: 'currency_mismatch',
        errors: [expect.objectContaining({ field: 'body.lines.0.unitCost.currency' })],
      }),
    );
  });
});
