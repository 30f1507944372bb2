import { escapeHtml } from '../platform/emails.js';
import { AppError, unprocessable } from '../platform/errors.js';
import { intlLocale, type Language } from '../platform/i18n.js';
import { formatNumber, formatMoney as money, multiply, sum } from '../platform/money.js';
import { mediaWords } from './messages.js';
import type { Campaign, Line, LineInput, PlanKind } from './schemas.js';

const planKindLabels: Record<PlanKind, string> = {
  recommendation: 'Media recommendation',
  master_plan: 'Media master plan',
  monthly_schedule: 'Monthly media schedule',
};

/** "40 spots", "2,000,000 impressions", in the reader's language. */
export const unitsLabel = (line: Pick<Line, 'unitType' | 'units'>, language: Language = 'en') =>
  mediaWords[language].units[line.unitType](
    formatNumber(line.units, 0, intlLocale(language)),
    line.units === 1,
  );

/** A line's rate as people read it: per spot or insertion; impressions per thousand (CPM). */
export const rateLabel = (line: Pick<Line, 'unitType' | 'rate'>, language: Language = 'en'): string =>
  mediaWords[language].rate[line.unitType](money(line.rate, intlLocale(language)));

export const planTitle = (kind: PlanKind, month?: string) =>
  month ? `${planKindLabels[kind]} ${month}` : planKindLabels[kind];

/**
 * A line's cost, computed, never taken from the request: units × rate; impressions are bought per
 * thousand (CPM), rounded half to even to the minor unit.
 */
const lineCost = (line: Pick<LineInput, 'unitType' | 'units' | 'rate'>) =>
  multiply(line.rate, { numerator: line.units, denominator: line.unitType === 'impressions' ? 1000 : 1 });

/** The lines of a plan version, numbered and priced; every rate in the campaign's currency. */
export function pricedLines(lines: LineInput[], currency: string): Line[] {
  return lines.map((line, index) => {
    const field = `body.lines.${index}.rate`;
    if (line.rate.currency !== currency) {
      throw unprocessable(
        'currency_mismatch',
        `Line ${index + 1} is priced in ${line.rate.currency}; the campaign's budget is in ${currency}.`,
        `${field}.currency`,
      );
    }
    try {
      return { lineId: `L${String(index + 1).padStart(3, '0')}`, ...line, cost: lineCost(line) };
    } catch (error) {
      if (error instanceof AppError)
        throw unprocessable(error.code, `Line ${index + 1}: ${error.message}`, field);
      throw error;
    }
  });
}

export const totalOf = (lines: Line[], currency: string) =>
  sum(
    lines.map((line) => line.cost),
    currency,
  );

/**
 * A plan version as the client confirms it: one self-contained HTML document, stored in S3 and
 * identified by its SHA-256, so a confirmation names exactly what was confirmed.
 */
export function renderPlanDocument(input: {
  agencyName: string;
  clientName: string;
  campaign: Campaign;
  kind: PlanKind;
  month?: string;
  number: number;
  briefVersion: number;
  lines: Line[];
  notes?: string;
}): string {
  const { campaign } = input;
  const currency = campaign.budget.currency;
  const title = `${planTitle(input.kind, input.month)} — ${campaign.name}, version ${input.number}`;
  const rows = input.lines
    .map(
      (l) =>
        `<tr><td>${l.lineId}</td><td>${escapeHtml(l.channel)}</td><td>${escapeHtml(l.vendor)}</td><td>${escapeHtml(
          l.placement,
        )}</td><td>${l.startDate}</td><td>${l.endDate}</td><td>${unitsLabel(l)}</td><td>${escapeHtml(
          rateLabel(l),
        )}</td><td>${money(l.cost)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(input.agencyName)} for ${escapeHtml(input.clientName)}. Flight ${campaign.flightStart} to ${campaign.flightEnd}; budget ${money(campaign.budget)}; answers brief version ${input.briefVersion}.</p>
<table><thead><tr><th>Line</th><th>Channel</th><th>Vendor</th><th>Placement</th><th>Start</th><th>End</th><th>Units</th><th>Rate</th><th>Cost</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="8">Total</th><th>${money(totalOf(input.lines, currency))}</th></tr></tfoot></table>
${input.notes ? `<p>${escapeHtml(input.notes)}</p>` : ''}
</body></html>
`;
}
