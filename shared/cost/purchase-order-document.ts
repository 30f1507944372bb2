import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, formatDay, type Language } from '../platform/i18n.js';
import type { Email } from '../platform/mailer.js';
import { formatMoney, formatNumber } from '../platform/money.js';
import { purchaseOrderEmailWords } from './messages.js';
import type { PurchaseOrderView, VendorView } from './spend-schemas.js';

/** What a purchase order says beyond the order itself: who orders, for whom, whom to bill. */
export interface PurchaseOrderContext {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  vendor: VendorView;
  approver: { name: string; email: string; language?: Language };
}

const columns = ['#', 'Description', 'Estimate line', 'Quantity', 'Unit cost', 'Total'];

function linesTable(order: PurchaseOrderView): string {
  const rows = order.lines
    .map((l) =>
      [
        String(l.lineNumber),
        l.description,
        l.estimateLineId,
        formatNumber(l.quantity, Number.isInteger(l.quantity) ? 0 : 3),
        formatMoney(l.unitCost),
        formatMoney(l.total),
      ]
        .map((v) => `<td>${escapeHtml(v)}</td>`)
        .join(''),
    )
    .map((r) => `<tr>${r}</tr>`)
    .join('\n');
  return `<table><thead><tr>${columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="5">Total</th><th>${escapeHtml(formatMoney(order.total))}</th></tr></tfoot></table>`;
}

/**
 * The purchase order as the vendor receives it: an HTML document with print CSS (A4, page
 * margins, no screen chrome), so printing it or saving it as PDF gives the paper order.
 */
export function renderPurchaseOrder(order: PurchaseOrderView, context: PurchaseOrderContext): string {
  const { vendor } = context;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Purchase order ${escapeHtml(order.number)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}
tfoot th{text-align:right}.facts th{border:none;width:12rem}.facts td{border:none}
@page{size:A4;margin:18mm}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}
</style></head>
<body>
<h1>Purchase order ${escapeHtml(order.number)}</h1>
<table class="facts">
<tr><th>From</th><td>${escapeHtml(context.agencyName)}, on behalf of ${escapeHtml(context.clientName)}</td></tr>
<tr><th>To</th><td>${escapeHtml(vendor.name)}, attention of ${escapeHtml(vendor.contact.name)} (${escapeHtml(vendor.contact.email)})${vendor.address ? `<br>${escapeHtml(vendor.address)}` : ''}</td></tr>
<tr><th>Vendor tax id</th><td>${escapeHtml(vendor.taxId)}</td></tr>
<tr><th>Job</th><td>${escapeHtml(context.jobNumber)} — ${escapeHtml(context.jobTitle)}</td></tr>
<tr><th>Issued</th><td>${escapeHtml(order.createdAt.slice(0, 10))}</td></tr>
${order.deliverBy ? `<tr><th>Deliver by</th><td>${escapeHtml(order.deliverBy)}</td></tr>` : ''}
<tr><th>Payment terms</th><td>${vendor.paymentTermsDays} days from a matching bill</td></tr>
<tr><th>Approved by</th><td>${escapeHtml(context.approver.name)} (${escapeHtml(context.approver.email)})</td></tr>
</table>
<h2>Lines</h2>
${linesTable(order)}
${order.notes ? `<p>Notes: ${escapeHtml(order.notes)}</p>` : ''}
<p>Quote order number ${escapeHtml(order.number)} on your bill. Bills are matched to this order line by line: quantities and amounts above what was ordered are queried before payment.</p>
</body></html>
`;
}

export function renderPurchaseOrderEmail(
  order: PurchaseOrderView,
  context: PurchaseOrderContext,
  to: { name: string; email: string; role: 'vendor' | 'approver'; language?: Language },
  documentUrl: string,
): Email {
  // The vendor reads the agency's language; the approving staff member their own.
  const language = (to.role === 'approver' && to.language) || agencyLanguage;
  const words = purchaseOrderEmailWords[language];
  const { approver, vendor } = context;
  const intro =
    to.role === 'vendor'
      ? words.toVendor(
          context.agencyName,
          vendor.name,
          context.clientName,
          order.number,
          `${approver.name} (${approver.email})`,
        )
      : words.toApprover(order.number, `${vendor.name} (${vendor.contact.email})`);
  const facts: [string, string][] = [
    [words.labels.order, order.number],
    [words.labels.client, context.clientName],
    [words.labels.job, `${context.jobNumber} — ${context.jobTitle}`],
    [words.labels.vendor, vendor.name],
    [words.labels.total, formatMoney(order.total, language)],
    ...(order.deliverBy
      ? ([[words.labels.deliverBy, formatDay(order.deliverBy, language)]] as [string, string][])
      : []),
  ];
  const text = [
    words.greeting(to.name),
    '',
    intro,
    '',
    ...facts.map(([l, v]) => `${l}: ${v}`),
    '',
    `${words.document}: ${documentUrl}`,
    '',
    `— ${context.agencyName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;max-width:760px">
<p>${escapeHtml(words.greeting(to.name))}</p>
<p>${escapeHtml(intro)}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(documentUrl)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(words.open)}</a></p>
<p style="color:#555">— ${escapeHtml(context.agencyName)}</p>
</body></html>`;
  return {
    to: to.email,
    subject: words.subject(context.agencyName, order.number, vendor.name, context.clientName),
    html,
    text,
  };
}
