import { escapeHtml } from '../platform/emails.js';
import type { Language } from '../platform/i18n.js';
import { formatMoney, formatNumber, type Money } from '../platform/money.js';
import { costWords, estimateDocumentWords } from './messages.js';
import type { ChangeOrder, EstimateLine, EstimateTotals } from './schemas.js';

/**
 * The document the client signs (domain.md §4 step 8): the estimate — or the change order, only
 * its difference — and the job's timetable, in one self-contained HTML file with print CSS (A4,
 * page margins, table headers repeated on each page, no row split), stored in S3 and identified by
 * its SHA-256. The timetable's own document hash is printed in it, so the file signed names both.
 */
/** A rate as the reader writes it ("17.65%", "17,65 %"): a line's markup, the tax. */
export const percent = (value: number, language: Language) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 3 }).format(value / 100);

const styles = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:62rem;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:600}.grand td{border-top:2px solid #111;font-size:1rem}
.critical{font-weight:600}.added{background:#eef8ee}.removed{background:#fbeeee;text-decoration:line-through}
.meta{color:#444}.hash{font-family:ui-monospace,monospace;font-size:.75rem;word-break:break-all}
@page{size:A4;margin:18mm 15mm}
@media print{body{margin:0;max-width:none;font-size:10pt}thead{display:table-header-group}tfoot{display:table-row-group}tr,td,th{page-break-inside:avoid;break-inside:avoid}h2{page-break-after:avoid;break-after:avoid}a{color:inherit;text-decoration:none}}
`;

type Words = ReturnType<typeof wordsOf>;
const wordsOf = (language: Language) => ({
  ...costWords[language],
  ...estimateDocumentWords[language],
  language,
  money: (m: Money) => formatMoney(m, language),
});

const lineRow = (w: Words, l: EstimateLine, className = '') =>
  `<tr${className ? ` class="${className}"` : ''}><td>${l.lineId}</td><td>${escapeHtml(w.categories[l.category])}</td><td>${escapeHtml(
    l.description,
  )}</td><td class="n">${formatNumber(l.quantity, l.quantity % 1 === 0 ? 0 : 3, w.language)}</td><td class="n">${w.money(
    l.unitCost,
  )}</td><td class="n">${w.money(l.net)}</td><td class="n">${percent(l.markupPercent, w.language)}</td><td class="n">${w.money(
    l.markup,
  )}</td><td class="n">${w.money(l.total)}</td></tr>`;

const head = (w: Words) =>
  `<thead><tr>${w.documentColumns
    .map((c, i) => `<th${i >= 3 ? ' class="n"' : ''}>${escapeHtml(c)}</th>`)
    .join('')}</tr></thead>`;

function totalsRows(w: Words, totals: EstimateTotals): string {
  const rows: [string, string, string?][] = [
    [w.net, w.money(totals.net)],
    [w.markup, w.money(totals.markup)],
    [w.subtotal, w.money(totals.subtotal)],
    [w.tax(percent(totals.taxRateBasisPoints / 100, w.language)), w.money(totals.tax)],
    [w.total, w.money(totals.grandTotal), 'grand'],
  ];
  return rows
    .map(
      ([label, value, className]) =>
        `<tr${className ? ` class="${className}"` : ''}><td colspan="8">${escapeHtml(label)}</td><td class="n">${value}</td></tr>`,
    )
    .join('\n');
}

export interface EstimateDocumentInput {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  title: string;
  number: number;
  lines: EstimateLine[];
  totals: EstimateTotals;
  notes?: string;
  changeOrder?: ChangeOrder;
  /** The job's timetable section (`timetableSection`, in this document's language) and its own document's hash. */
  timetable: { number: number; sha256: string; html: string };
  /** The language of the client's contacts who sign estimates (`clientDocumentLanguage`). */
  language: Language;
}

export function renderEstimateDocument(input: EstimateDocumentInput): string {
  const w = wordsOf(input.language);
  const co = input.changeOrder;
  const heading = co
    ? w.changeOrderTitle(input.title, input.number, co.basedOnVersion)
    : w.estimateTitle(input.title, input.number);
  const body = co
    ? `<h2>${escapeHtml(w.whatChanges)}</h2>
<table>${head(w)}
<tbody>
${co.added.map((l) => lineRow(w, l, 'added')).join('\n')}
${co.changed.map((c) => `${lineRow(w, c.before, 'removed')}\n${lineRow(w, c.after, 'added')}`).join('\n')}
${co.removed.map((l) => lineRow(w, l, 'removed')).join('\n')}
</tbody></table>
<p>${escapeHtml(w.changeSummary(co.added.length, co.changed.length, co.removed.length))} ${escapeHtml(
        w.totalsMove(
          w.money(co.previousSubtotal),
          w.money(co.newSubtotal),
          w.money(co.previousGrandTotal),
          w.money(co.newGrandTotal),
        ),
      )}</p>
<h2>${escapeHtml(w.afterTheChange)}</h2>`
    : `<h2>${escapeHtml(w.estimate)}</h2>`;
  return `<!doctype html>
<html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title>
<style>${styles}</style></head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p class="meta">${escapeHtml(
    w.preparedFor(
      input.agencyName,
      input.clientName,
      input.jobNumber,
      input.jobTitle,
      input.totals.grandTotal.currency,
    ),
  )}</p>
${body}
<table>${head(w)}
<tbody>
${input.lines.map((l) => lineRow(w, l)).join('\n')}
</tbody>
<tfoot>
${totalsRows(w, input.totals)}
</tfoot></table>
${input.notes ? `<p>${escapeHtml(input.notes)}</p>` : ''}
<p class="meta">${escapeHtml(w.rounding)}</p>
<h2>${escapeHtml(w.timetable(input.timetable.number))}</h2>
${input.timetable.html}
<p class="meta">${escapeHtml(w.signsBoth(input.timetable.number))} <span class="hash">${input.timetable.sha256}</span></p>
</body></html>
`;
}
