/** Rounded to whole cents (amounts, costs, report figures). */
export const cents = (value: number) => Math.round(value * 100) / 100;

/** A number with `digits` decimals, grouped in thousands (en-US). */
export const grouped = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** An amount as documents and emails show it: `EUR 1,234.50`. */
export const formatMoney = (value: number, currency: string) => `${currency} ${grouped(value, 2)}`;
