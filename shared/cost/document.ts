import { escapeHtml } from '../platform/emails.js';
import { formatMoney, formatNumber } from '../platform/money.js';
import { costWords } from './messages.js';
import type { ChangeOrder, EstimateLine, EstimateTotals } from './schemas.js';

/**
 * The document the client signs (domain.md §4 step 8): the estimate — or the change order, only
 * its difference — and the job's timetable, in one self-contained HTML file with print CSS (A4,
 * page margins, table headers repeated on each page, no row split), stored in S3 and identified by
 * its SHA-256. The timetable's own document hash is printed in it, so the file signed names both.
 */
const percent = (value: number) => `${formatNumber(value, value % 1 === 0 ? 0 : 3).replace(/0+$/, '')}%`;

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

const lineRow = (l: EstimateLine, className = '') =>
  `<tr${className ? ` class="${className}"` : ''}><td>${l.lineId}</td><td>${costWords.en.categories[l.category]}</td><td>${escapeHtml(
    l.description,
  )}</td><td class="n">${formatNumber(l.quantity, l.quantity % 1 === 0 ? 0 : 3)}</td><td class="n">${formatMoney(
    l.unitCost,
  )}</td><td class="n">${formatMoney(l.net)}</td><td class="n">${percent(l.markupPercent)}</td><td class="n">${formatMoney(
    l.markup,
  )}</td><td class="n">${formatMoney(l.total)}</td></tr>`;

const head = `<thead><tr><th>Line</th><th>Category</th><th>Description</th><th class="n">Qty</th><th class="n">Unit cost</th><th class="n">Net</th><th class="n">Markup</th><th class="n">Markup amount</th><th class="n">Total</th></tr></thead>`;

function totalsRows(totals: EstimateTotals): string {
  const rows: [string, string, string?][] = [
    ['Net', formatMoney(totals.net)],
    ['Markup and commission', formatMoney(totals.markup)],
    ['Subtotal (before tax)', formatMoney(totals.subtotal)],
    [`Tax (${percent(totals.taxRateBasisPoints / 100)})`, formatMoney(totals.tax)],
    ['Total', formatMoney(totals.grandTotal), 'grand'],
  ];
  return rows
    .map(
      ([label, value, className]) =>
        `<tr${className ? ` class="${className}"` : ''}><td colspan="8">${label}</td><td class="n">${value}</td></tr>`,
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
  timetable: { number: number; sha256: string; html: string };
}

export function renderEstimateDocument(input: EstimateDocumentInput): string {
  const co = input.changeOrder;
  const heading = co
    ? `Change order: ${input.title} — version ${input.number} (changes signed version ${co.basedOnVersion})`
    : `Estimate: ${input.title} — version ${input.number}`;
  const body = co
    ? `<h2>What changes</h2>
<table>${head}
<tbody>
${co.added.map((l) => lineRow(l, 'added')).join('\n')}
${co.changed.map((c) => `${lineRow(c.before, 'removed')}\n${lineRow(c.after, 'added')}`).join('\n')}
${co.removed.map((l) => lineRow(l, 'removed')).join('\n')}
</tbody></table>
<p>${co.added.length} line(s) added, ${co.changed.length} changed, ${co.removed.length} removed. The subtotal before tax goes from ${formatMoney(
        co.previousSubtotal,
      )} to ${formatMoney(co.newSubtotal)}; the total from ${formatMoney(co.previousGrandTotal)} to ${formatMoney(
        co.newGrandTotal,
      )}.</p>
<h2>The estimate as it stands after the change</h2>`
    : '<h2>Estimate</h2>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title>
<style>${styles}</style></head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p class="meta">${escapeHtml(input.agencyName)} for ${escapeHtml(input.clientName)}; job ${escapeHtml(input.jobNumber)} — ${escapeHtml(
    input.jobTitle,
  )}. Amounts in ${input.totals.grandTotal.currency}.</p>
${body}
<table>${head}
<tbody>
${input.lines.map((l) => lineRow(l)).join('\n')}
</tbody>
<tfoot>
${totalsRows(input.totals)}
</tfoot></table>
${input.notes ? `<p>${escapeHtml(input.notes)}</p>` : ''}
<p class="meta">Every amount is rounded once to the smallest unit of the currency, half to even: a line's net (quantity × unit cost), its markup, and the tax on the subtotal.</p>
<h2>Timetable (version ${input.timetable.number})</h2>
${input.timetable.html}
<p class="meta">Signing this document signs this estimate and version ${input.timetable.number} of the job's timetable together. Timetable document SHA-256: <span class="hash">${input.timetable.sha256}</span></p>
</body></html>
`;
}
