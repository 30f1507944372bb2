import { escapeHtml } from '../platform/emails.js';
import { AppError, unprocessable } from '../platform/errors.js';
import { formatDay, formatDayRange, type Language } from '../platform/i18n.js';
import { formatNumber, formatMoney as money, multiply, sum } from '../platform/money.js';
import { mediaWords, planDocumentWords } from './messages.js';
import type { Campaign, Line, LineInput, PlanKind } from './schemas.js';

/** "40 spots", "2,000,000 impressions", in the reader's language. */
export const unitsLabel = (line: Pick<Line, 'unitType' | 'units'>, language: Language = 'en') =>
  mediaWords[language].units[line.unitType](formatNumber(line.units, 0, language), line.units === 1);

/** A line's rate as people read it: per spot or insertion; impressions per thousand (CPM). */
export const rateLabel = (line: Pick<Line, 'unitType' | 'rate'>, language: Language = 'en'): string =>
  mediaWords[language].rate[line.unitType](money(line.rate, language));

/** A plan's name: its kind (and month), in the reader's language (the agency's for the team). */
export const planTitle = (kind: PlanKind, month?: string, language: Language = 'en') => {
  const name = planDocumentWords[language].kinds[kind];
  return month ? `${name} ${month}` : name;
};

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
  /** The client's language (`clientDocumentLanguage`): the words, money and dates are written in it. */
  language: Language;
}): string {
  const { campaign, language } = input;
  const words = planDocumentWords[language];
  // Money and numbers by Intl in the reader's language (dates: `formatDay`).
  const locale = language;
  const currency = campaign.budget.currency;
  const title = words.title(planTitle(input.kind, input.month, language), campaign.name, input.number);
  const rows = input.lines
    .map(
      (l) =>
        `<tr><td>${l.lineId}</td><td>${escapeHtml(l.channel)}</td><td>${escapeHtml(l.vendor)}</td><td>${escapeHtml(
          l.placement,
        )}</td><td>${escapeHtml(formatDay(l.startDate, language))}</td><td>${escapeHtml(formatDay(l.endDate, language))}</td><td>${escapeHtml(unitsLabel(l, language))}</td><td>${escapeHtml(
          rateLabel(l, language),
        )}</td><td>${money(l.cost, locale)}</td></tr>`,
    )
    .join('\n');
  const intro = words.intro(
    input.agencyName,
    input.clientName,
    formatDayRange(campaign.flightStart, campaign.flightEnd, language),
    money(campaign.budget, locale),
    input.briefVersion,
  );
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(intro)}</p>
<table><thead><tr>${words.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="8">${escapeHtml(words.total)}</th><th>${money(totalOf(input.lines, currency), locale)}</th></tr></tfoot></table>
${input.notes ? `<p>${escapeHtml(input.notes)}</p>` : ''}
</body></html>
`;
}
