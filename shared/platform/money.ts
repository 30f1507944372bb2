import { unprocessable } from './errors.js';

/**
 * Money is an integer number of minor units of one ISO 4217 currency: `{ amountMinor: 123450,
 * currency: 'EUR' }` is EUR 1,234.50; `{ amountMinor: 1500, currency: 'JPY' }` is ¥1,500 (no
 * minor unit); `{ amountMinor: 1500, currency: 'KWD' }` is KWD 1.500. A currency's exponent (its
 * number of decimals) is what `Intl.NumberFormat` knows of it. Amounts are whole numbers, so they
 * add up exactly; every computation that divides (a percentage, a CPM line cost, a share) rounds
 * once, to the nearest minor unit, **half to even** (banker's rounding: 0.5 → 0, 1.5 → 2,
 * 2.5 → 2), which neither favours the agency nor the client over many lines. Intermediate values
 * are exact (BigInt); a result beyond `maxMinorUnits` is refused (422), never rounded or lost.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * The largest amount held, in minor units (10^15 − 1: a quadrillion yen, a trillion euros): every
 * amount and every sum of a plan or an invoice stays an exact integer in JavaScript (below 2^53).
 */
export const maxMinorUnits = 999_999_999_999_999;

/** The ISO 4217 codes of currencies in use, as this runtime's Intl knows them (162 on Node 20). */
export const currencyCodes: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

const exponents = new Map<string, number>();

/** Decimals of a currency's minor unit: USD 2, JPY 0, KWD 3, CLF 4. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    if (!currencyCodes.has(currency)) throw new RangeError(`Unknown currency ${currency}`);
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(currency, exponent);
  }
  return exponent;
}

const outOfRange = () =>
  unprocessable(
    'amount_out_of_range',
    `An amount or a total exceeds what Account Desk holds (${maxMinorUnits} minor units of a currency).`,
  );

const checked = (amountMinor: bigint, currency: string): Money => {
  if (amountMinor > BigInt(maxMinorUnits) || amountMinor < -BigInt(maxMinorUnits)) throw outOfRange();
  // -0 is 0.
  return { amountMinor: Number(amountMinor) || 0, currency };
};

/** An amount of `currency` in minor units (a whole number within ±`maxMinorUnits`). */
export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor))
    throw new RangeError(`Not a whole number of minor units: ${amountMinor}`);
  currencyExponent(currency);
  return checked(BigInt(amountMinor), currency);
}

function sameCurrency(amounts: readonly Money[], currency: string): void {
  const other = amounts.find((m) => m.currency !== currency);
  if (other) {
    throw unprocessable(
      'currency_mismatch',
      `Amounts in ${other.currency} and ${currency} cannot be added: use one currency.`,
    );
  }
}

/** The sum of amounts of one currency (an empty sum is zero of `currency`). */
export function sum(amounts: readonly Money[], currency = amounts[0]?.currency): Money {
  if (!currency) throw new RangeError('The currency of an empty sum must be given');
  sameCurrency(amounts, currency);
  return checked(
    amounts.reduce((total, m) => total + BigInt(m.amountMinor), 0n),
    currency,
  );
}

/** `a − b`, of one currency. */
export function subtract(a: Money, b: Money): Money {
  sameCurrency([b], a.currency);
  return checked(BigInt(a.amountMinor) - BigInt(b.amountMinor), a.currency);
}

/** `numerator / denominator`, rounded to the nearest integer, half to even. */
function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator; // truncated toward zero
  const remainder = numerator - quotient * denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < denominator) return quotient;
  const away = quotient + (numerator < 0n ? -1n : 1n);
  if (twice > denominator) return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** A decimal (a number or its text, e.g. 12.5 or "7.25") as an exact fraction `units / 10^scale`. */
function exactDecimal(value: number | string): { units: bigint; scale: number } {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new RangeError(`Not a plain decimal number: ${text}`);
  }
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

/**
 * `m × factor`, rounded half to even: units × a rate, a share. `factor` is a decimal (a number
 * or its text) or an exact fraction `{ numerator, denominator }` of integers.
 */
export function multiply(
  m: Money,
  factor: number | string | { numerator: number | bigint; denominator: number | bigint },
): Money {
  const { numerator, denominator } =
    typeof factor === 'object'
      ? { numerator: BigInt(factor.numerator), denominator: BigInt(factor.denominator) }
      : (() => {
          const { units, scale } = exactDecimal(factor);
          return { numerator: units, denominator: 10n ** BigInt(scale) };
        })();
  return checked(divideHalfEven(BigInt(m.amountMinor) * numerator, denominator), m.currency);
}

/** `percent` % of `m` (e.g. 15 or "7.5"), rounded half to even. */
export const percentOf = (m: Money, percent: number | string): Money => {
  const { units, scale } = exactDecimal(percent);
  return multiply(m, { numerator: units, denominator: 100n * 10n ** BigInt(scale) });
};

/** `m` with a markup of `percent` % added (agency commission on media, handling fees). */
export const withMarkup = (m: Money, percent: number | string): Money => sum([m, percentOf(m, percent)]);

/** The tax on a net amount at `ratePercent` %, and the gross amount (net + tax). */
export function tax(net: Money, ratePercent: number | string): { net: Money; tax: Money; gross: Money } {
  const taxAmount = percentOf(net, ratePercent);
  return { net, tax: taxAmount, gross: sum([net, taxAmount]) };
}

/**
 * Splits `m` into parts proportional to `weights` (non-negative integers, not all zero), in
 * minor units that add up to exactly `m`: each part is rounded down, and the units left over go
 * one each to the parts with the largest remainders (ties to the earlier part).
 */
export function allocate(m: Money, weights: readonly number[]): Money[] {
  const ws = weights.map((w) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`Not a whole, non-negative weight: ${w}`);
    return BigInt(w);
  });
  const total = ws.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new RangeError('The weights add up to zero');
  const amount = BigInt(m.amountMinor);
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const parts = ws.map((w) => (magnitude * w) / total);
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  const byRemainder = ws
    .map((w, i) => ({ i, remainder: (magnitude * w) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => checked(p * sign, m.currency));
}

/**
 * A computed amount of minor units (a value delivered at a fractional unit price, an average)
 * to a whole number, by the same rule: half to even.
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor || 0;
  return floor % 2 === 0 ? floor || 0 : floor + 1;
}

/** The exact amount in major units, as text: "1234.50", "1500" (JPY), "-0.125" (KWD). */
export function toMajorString(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const negative = m.amountMinor < 0;
  const digits = String(Math.abs(m.amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * An amount given in major units (a vendor report's "1234.5"), converted exactly. More decimals
 * than the currency has are refused (RangeError) rather than rounded away.
 */
export function fromMajor(value: number | string, currency: string): Money {
  const exponent = currencyExponent(currency);
  const { units, scale } = exactDecimal(value);
  if (scale > exponent) {
    throw new RangeError(`${currency} has ${exponent} decimal${exponent === 1 ? '' : 's'}`);
  }
  const minor = units * 10n ** BigInt(exponent - scale);
  if (minor > BigInt(maxMinorUnits) || minor < -BigInt(maxMinorUnits)) throw new RangeError('Too large');
  return { amountMinor: Number(minor) || 0, currency };
}

/**
 * An amount as a person reads it, by `Intl` in the reader's language (English unless given):
 * "€1,234.50" in en, "1234,50 €" in es, "€1,234.50" in zh-CN; exact, from the major-unit text.
 */
export const formatMoney = (m: Money, locale = 'en'): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(
    toMajorString(m) as Intl.StringNumericLiteral,
  );

/** A number as a person reads it, with exactly `digits` decimals, in the reader's language. */
export const formatNumber = (value: number, digits = 0, locale = 'en'): string =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
