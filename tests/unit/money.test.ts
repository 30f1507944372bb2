import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/platform/errors.js';
import {
  allocate,
  currencyCodes,
  currencyExponent,
  formatMoney,
  fromMajor,
  type Money,
  maxMinorUnits,
  money,
  multiply,
  percentOf,
  roundHalfEven,
  subtract,
  sum,
  tax,
  toMajorString,
  withMarkup,
} from '../../shared/platform/money.js';
import { moneySchema } from '../../shared/platform/schemas.js';

const currencies = [...currencyCodes];
const currency = fc.constantFrom(...currencies);
/** Amounts small enough that a few of them add up within the bound. */
const amount = (code = 'USD') => fc.integer({ min: -1e12, max: 1e12 }).map((n) => money(n, code));
const percent = fc.integer({ min: 0, max: 100_000 }).map((basisPoints) => (basisPoints / 100).toFixed(2));

/** Whether `r` is `numerator / denominator` rounded half to even (checked exactly, in BigInt). */
function isHalfEven(r: number, numerator: bigint, denominator: bigint): boolean {
  const diff = numerator - BigInt(r) * denominator;
  const twice = 2n * (diff < 0n ? -diff : diff);
  if (twice < denominator) return true;
  return twice === denominator && BigInt(r) % 2n === 0n;
}

describe('money', () => {
  it('knows each currency’s exponent from Intl (USD 2, JPY 0, KWD 3)', () => {
    expect(['USD', 'JPY', 'KWD'].map(currencyExponent)).toEqual([2, 0, 3]);
    expect(currencies.length).toBeGreaterThan(150);
    expect(() => currencyExponent('XYZ')).toThrow(RangeError);
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
    expect(money(-0, 'USD')).toEqual({ amountMinor: 0, currency: 'USD' });
  });

  it('adds exactly: order does not matter, and subtracting undoes adding', () => {
    fc.assert(
      fc.property(fc.array(amount(), { maxLength: 50 }), (amounts) => {
        const total = sum(amounts, 'USD');
        expect(total.amountMinor).toBe(amounts.reduce((s, m) => s + m.amountMinor, 0));
        expect(sum([...amounts].reverse(), 'USD')).toEqual(total);
        if (amounts.length > 0) expect(subtract(total, amounts[0]!)).toEqual(sum(amounts.slice(1), 'USD'));
      }),
    );
  });

  it('refuses to add currencies together, and totals beyond the bound (422, never a wrong number)', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(error(() => sum([money(1, 'USD'), money(1, 'EUR')]))).toMatchObject({
      status: 422,
      code: 'currency_mismatch',
    });
    const big = money(maxMinorUnits, 'USD');
    expect(error(() => sum([big, money(1, 'USD')]))).toBeInstanceOf(AppError);
    expect(error(() => sum([big, money(1, 'USD')]))).toMatchObject({
      status: 422,
      code: 'amount_out_of_range',
    });
    expect(error(() => multiply(big, 2))).toMatchObject({ code: 'amount_out_of_range' });
  });

  it('rounds every percentage half to even on minor units', () => {
    fc.assert(
      fc.property(amount(), percent, (m, p) => {
        const r = percentOf(m, p).amountMinor;
        // p has two decimals: m × p / 100 = m × (p × 100) / 10 000, exactly.
        expect(isHalfEven(r, BigInt(m.amountMinor) * BigInt(Math.round(Number(p) * 100)), 10_000n)).toBe(
          true,
        );
      }),
    );
    expect(percentOf(money(5, 'USD'), 10).amountMinor).toBe(0); // 0.5 → 0
    expect(percentOf(money(15, 'USD'), 10).amountMinor).toBe(2); // 1.5 → 2
    expect(percentOf(money(25, 'USD'), 10).amountMinor).toBe(2); // 2.5 → 2
    expect(percentOf(money(-15, 'USD'), 10).amountMinor).toBe(-2); // −1.5 → −2
    expect(percentOf(money(1000, 'USD'), '7.5').amountMinor).toBe(75);
  });

  it('multiplies by a decimal or a fraction, rounding once (CPM: units × rate / 1000)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e12 }),
        fc.constantFrom(1, 1000),
        (rate, units, per) => {
          const exact = BigInt(rate) * BigInt(units);
          const cost = () => multiply(money(rate, 'EUR'), { numerator: units, denominator: per });
          // Beyond the bound once rounded (at or past max + ½, the odd max rounding up): refused.
          if (2n * exact >= (2n * BigInt(maxMinorUnits) + 1n) * BigInt(per)) expect(cost).toThrow(AppError);
          else expect(isHalfEven(cost().amountMinor, exact, BigInt(per))).toBe(true);
        },
      ),
      { examples: [[1250, 2_000_000, 1000]] },
    );
    expect(multiply(money(1250, 'USD'), { numerator: 2_000_000, denominator: 1000 }).amountMinor).toBe(
      2_500_000,
    );
    expect(multiply(money(333, 'USD'), '0.5').amountMinor).toBe(166); // 166.5 → 166
  });

  it('adds a markup and a tax on top of the amount, each rounded once', () => {
    fc.assert(
      fc.property(amount('EUR'), percent, (m, p) => {
        expect(withMarkup(m, p)).toEqual(sum([m, percentOf(m, p)]));
        const t = tax(m, p);
        expect(t.gross.amountMinor).toBe(t.net.amountMinor + t.tax.amountMinor);
      }),
    );
    expect(tax(money(10_000, 'EUR'), 21)).toEqual({
      net: money(10_000, 'EUR'),
      tax: money(2100, 'EUR'),
      gross: money(12_100, 'EUR'),
    });
  });

  it('allocates without losing or inventing a minor unit', () => {
    fc.assert(
      fc.property(
        amount(),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0)),
        (m, weights) => {
          const parts = allocate(m, weights);
          expect(sum(parts, 'USD')).toEqual(m);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            expect(Math.abs(part.amountMinor - (m.amountMinor * weights[i]!) / total)).toBeLessThan(1);
          });
        },
      ),
    );
    expect(allocate(money(100, 'USD'), [1, 1, 1]).map((p) => p.amountMinor)).toEqual([34, 33, 33]);
  });

  it('writes and reads major units exactly, in every currency', () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: -maxMinorUnits, max: maxMinorUnits }), (code, n) => {
        const m = money(n, code);
        const text = toMajorString(m);
        expect(text).toMatch(currencyExponent(code) > 0 ? /^-?\d+\.\d+$/ : /^-?\d+$/);
        expect(fromMajor(text, code)).toEqual(m);
      }),
    );
    expect(toMajorString(money(123_450, 'EUR'))).toBe('1234.50');
    expect(toMajorString(money(5, 'KWD'))).toBe('0.005');
    expect(fromMajor('18.75', 'USD')).toEqual(money(1875, 'USD'));
    expect(fromMajor(18.75, 'USD')).toEqual(money(1875, 'USD'));
    for (const bad of ['12.345', '1e-131', 'NaN', '', '1,5'])
      expect(() => fromMajor(bad, 'USD')).toThrow(RangeError);
    expect(() => fromMajor('1000.5', 'JPY')).toThrow(RangeError);
  });

  it('is formatted by Intl for the reader: English, Spanish, Simplified Chinese', () => {
    const m: Money = money(123_450, 'EUR');
    expect(formatMoney(m)).toBe('€1,234.50');
    expect(formatMoney(m, 'es')).toBe('1234,50\u00a0€');
    expect(formatMoney(money(123_450, 'CNY'), 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(money(1500, 'JPY'))).toBe('¥1,500');
    expect(formatMoney(money(maxMinorUnits, 'USD'))).toBe('$9,999,999,999,999.99');
    fc.assert(
      fc.property(
        currency,
        fc.integer({ min: 0, max: maxMinorUnits }),
        fc.constantFrom('en', 'es', 'zh-CN'),
        (code, n, locale) => {
          expect(formatMoney(money(n, code), locale)).toMatch(/\d/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds a computed amount half to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
  });
});

describe('the Money schema of the API', () => {
  it('takes whole minor units of a currency in use, within the bound, and nothing else', () => {
    expect(moneySchema.safeParse({ amountMinor: 123_450, currency: 'EUR' }).success).toBe(true);
    expect(moneySchema.safeParse({ amountMinor: maxMinorUnits, currency: 'JPY' }).success).toBe(true);
    for (const hostile of [
      { amountMinor: 1e-131, currency: 'USD' },
      { amountMinor: 1e308, currency: 'USD' },
      { amountMinor: maxMinorUnits + 1, currency: 'USD' },
      { amountMinor: 12.5, currency: 'USD' },
      { amountMinor: -1, currency: 'USD' },
      { amountMinor: 'NaN', currency: 'USD' },
      { amountMinor: 100, currency: 'usd' },
      { amountMinor: 100, currency: 'XYZ' },
      { amountMinor: 100, currency: 'USD', amount: 1 },
      { amount: 1, currency: 'USD' },
    ]) {
      expect(moneySchema.safeParse(hostile).success, JSON.stringify(hostile)).toBe(false);
    }
  });
});
