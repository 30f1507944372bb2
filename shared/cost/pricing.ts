import { AppError, unprocessable } from '../platform/errors.js';
import { type Money, multiply, percentOf, subtract, sum } from '../platform/money.js';
import {
  type ChangeOrder,
  type EstimateLine,
  type EstimateLineInput,
  type EstimateTotals,
  lineCategories,
} from './schemas.js';

/**
 * An estimate's arithmetic, on the server only (the console shows what this answers). Money is
 * integer minor units; there is ONE rounding rule, half to even to the minor unit
 * (`shared/platform/money.ts`), applied at exactly three places and nowhere else:
 *
 * 1. a line's net = quantity × unit cost (quantity has up to 3 decimals), rounded once;
 * 2. a line's markup = markup % of that rounded net, rounded once;
 * 3. the tax = the client's rate (basis points) of the estimate's subtotal, rounded once.
 *
 * Everything else is exact integer addition: a line's total = net + markup; the subtotal = the sum
 * of the line totals; the grand total = subtotal + tax; agency income = the sum of markups plus the
 * net of agency-fee lines. So the totals always equal the sum of the lines, and the same lines
 * always give the same totals in any order (tests/unit/estimate-money.test.ts).
 */

/** A line id as the estimate numbers them: L001, L002… */
export const lineIdOf = (n: number) => `L${String(n).padStart(3, '0')}`;

export function priceLine(input: Omit<EstimateLineInput, 'lineId'> & { lineId: string }): EstimateLine {
  const net = multiply(input.unitCost, String(input.quantity));
  const markup = percentOf(net, String(input.markupPercent));
  return {
    lineId: input.lineId,
    category: input.category,
    description: input.description,
    quantity: input.quantity,
    unitCost: input.unitCost,
    markupPercent: input.markupPercent,
    ...(input.vendorId ? { vendorId: input.vendorId } : {}),
    net,
    markup,
    total: sum([net, markup]),
  };
}

export function totalsOf(
  lines: readonly EstimateLine[],
  currency: string,
  taxRateBasisPoints: number,
): EstimateTotals {
  const net = sum(
    lines.map((l) => l.net),
    currency,
  );
  const markup = sum(
    lines.map((l) => l.markup),
    currency,
  );
  const subtotal = sum(
    lines.map((l) => l.total),
    currency,
  );
  const tax = multiply(subtotal, { numerator: taxRateBasisPoints, denominator: 10_000 });
  const agencyFees = lines.filter((l) => l.category === 'agency_fee').map((l) => l.net);
  const byCategory = lineCategories
    .map((category) => ({
      category,
      subtotal: sum(
        lines.filter((l) => l.category === category).map((l) => l.total),
        currency,
      ),
      present: lines.some((l) => l.category === category),
    }))
    .filter((c) => c.present)
    .map(({ category, subtotal: s }) => ({ category, subtotal: s }));
  return {
    net,
    markup,
    subtotal,
    taxRateBasisPoints,
    tax,
    grandTotal: sum([subtotal, tax]),
    agencyIncome: sum([markup, ...agencyFees], currency),
    byCategory,
    carriesMedia: lines.some((l) => l.category === 'media'),
  };
}

/**
 * Prices the lines of a request in `currency`: every unit cost in that currency (422 naming the
 * line's field otherwise), ids kept where given (they must be the estimate's, `known`), new ones
 * numbered from `nextLineNumber`.
 */
export function priceLines(
  inputs: readonly EstimateLineInput[],
  currency: string,
  numbering: { nextLineNumber: number; known?: ReadonlySet<string> },
): { lines: EstimateLine[]; nextLineNumber: number } {
  let next = numbering.nextLineNumber;
  const seen = new Set<string>();
  const lines = inputs.map((input, index) => {
    const field = `body.lines.${index}`;
    if (input.unitCost.currency !== currency) {
      throw unprocessable(
        'currency_mismatch',
        `Line ${index + 1} is priced in ${input.unitCost.currency}; this estimate is in ${currency}, the job's currency.`,
        `${field}.unitCost.currency`,
      );
    }
    if (input.lineId !== undefined) {
      if (!numbering.known?.has(input.lineId)) {
        throw unprocessable(
          'unknown_line',
          `Line ${index + 1} names ${input.lineId}, which is not a line of this estimate: leave the id out for a new line.`,
          `${field}.lineId`,
        );
      }
      if (seen.has(input.lineId)) {
        throw unprocessable('duplicate_line', `Line ${input.lineId} is given twice.`, `${field}.lineId`);
      }
      seen.add(input.lineId);
    }
    const lineId = input.lineId ?? lineIdOf(next++);
    try {
      return priceLine({ ...input, lineId });
    } catch (error) {
      if (error instanceof AppError)
        throw unprocessable(error.code, `Line ${index + 1}: ${error.message}`, field);
      throw error;
    }
  });
  return { lines, nextLineNumber: next };
}

const comparedFields = [
  'category',
  'description',
  'quantity',
  'unitCost',
  'markupPercent',
  'vendorId',
] as const;

/** A change order against the signed version: lines added, removed and changed, and the new totals. */
export function changeOrderOf(
  signed: { number: number; lines: EstimateLine[]; totals: EstimateTotals },
  next: { lines: EstimateLine[]; totals: EstimateTotals },
): ChangeOrder {
  const before = new Map(signed.lines.map((l) => [l.lineId, l]));
  const after = new Map(next.lines.map((l) => [l.lineId, l]));
  const changed = next.lines
    .filter((l) => before.has(l.lineId))
    .map((l) => {
      const old = before.get(l.lineId)!;
      const fields = comparedFields.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(l[f]));
      return { lineId: l.lineId, before: old, after: l, fields: [...fields] };
    })
    .filter((c) => c.fields.length > 0);
  const signedMoney = (m: Money) => ({ amountMinor: m.amountMinor, currency: m.currency });
  return {
    basedOnVersion: signed.number,
    added: next.lines.filter((l) => !before.has(l.lineId)),
    removed: signed.lines.filter((l) => !after.has(l.lineId)),
    changed,
    previousSubtotal: signed.totals.subtotal,
    newSubtotal: next.totals.subtotal,
    previousGrandTotal: signed.totals.grandTotal,
    newGrandTotal: next.totals.grandTotal,
    difference: {
      subtotal: signedMoney(subtract(next.totals.subtotal, signed.totals.subtotal)),
      grandTotal: signedMoney(subtract(next.totals.grandTotal, signed.totals.grandTotal)),
    },
  };
}
