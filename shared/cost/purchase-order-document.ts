import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, formatDay, type Language } from '../platform/i18n.js';
import type { Email } from '../platform/mailer.js';
import { formatMoney, formatNumber } from '../platform/money.js';
import {
  purchaseOrderCancelledWords,
  purchaseOrderDocumentWords,
  purchaseOrderEmailWords,
} from './messages.js';
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

/** The language the vendor's contact reads (the agency's while none is recorded). */
export const vendorLanguage = (vendor: Pick<VendorView, 'contact'>): Language =>
  vendor.contact.language ?? agencyLanguage;

function linesTable(order: PurchaseOrderView, language: Language): string {
  const words = purchaseOrderDocumentWords[language];
  const rows = order.lines
    .map((l) =>
      [
        String(l.lineNumber),
        l.description,
        l.estimateLineId,
        formatNumber(l.quantity, Number.isInteger(l.quantity) ? 0 : 3, language),
        formatMoney(l.unitCost, language),
        formatMoney(l.total, language),
      ]
        .map((v) => `<td>${escapeHtml(v)}</td>`)
        .join(''),
    )
    .map((r) => `<tr>${r}</tr>`)
    .join('\n');
  return `<table><thead><tr>${words.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="5">${escapeHtml(words.total)}</th><th>${escapeHtml(formatMoney(order.total, language))}</th></tr></tfoot></table>`;
}

/**
 * The purchase order as the vendor receives it, in the vendor contact's language: an HTML document
 * with print CSS (A4, page margins, no screen chrome), so printing it or saving it as PDF gives the
 * paper order. A cancelled order is rendered again with the cancellation on top (the same link
 * then shows the vendor that it no longer stands).
 */
export function renderPurchaseOrder(order: PurchaseOrderView, context: PurchaseOrderContext): string {
  const { vendor } = context;
  const language = vendorLanguage(vendor);
  const words = purchaseOrderDocumentWords[language];
  const cancelled = order.status === 'cancelled' && order.cancelledAt;
  const title = cancelled ? words.cancelledTitle(order.number) : words.title(order.number);
  const fact = (label: string, value: string) => `<tr><th>${escapeHtml(label)}</th><td>${value}</td></tr>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}
tfoot th{text-align:right}.facts th{border:none;width:12rem}.facts td{border:none}
.cancelled{border:2px solid #b91c1c;color:#b91c1c;padding:8px 12px}
@page{size:A4;margin:18mm}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${
  cancelled
    ? `<p class="cancelled" role="note">${escapeHtml(
        words.cancelledNote(
          formatDay(order.cancelledAt!, language),
          order.cancelReason ?? '',
          formatMoney(order.released ?? order.total, language),
        ),
      )}</p>`
    : ''
}
<table class="facts">
${fact(words.from, escapeHtml(words.fromValue(context.agencyName, context.clientName)))}
${fact(words.to, `${escapeHtml(words.attention(vendor.name, vendor.contact.name))} (${escapeHtml(vendor.contact.email)})${vendor.address ? `<br>${escapeHtml(vendor.address)}` : ''}`)}
${fact(words.vendorTaxId, escapeHtml(vendor.taxId))}
${fact(words.job, escapeHtml(`${context.jobNumber} — ${context.jobTitle}`))}
${fact(words.issued, escapeHtml(formatDay(order.createdAt, language)))}
${order.deliverBy ? fact(words.deliverBy, escapeHtml(formatDay(order.deliverBy, language))) : ''}
${fact(words.paymentTerms, escapeHtml(words.paymentTermsValue(vendor.paymentTermsDays)))}
${fact(words.approvedBy, `${escapeHtml(context.approver.name)} (${escapeHtml(context.approver.email)})`)}
</table>
<h2>${escapeHtml(words.lines)}</h2>
${linesTable(order, language)}
${order.notes ? `<p>${escapeHtml(words.notes)}: ${escapeHtml(order.notes)}</p>` : ''}
<p>${escapeHtml(words.quoteNumber(order.number))}</p>
</body></html>
`;
}

export function renderPurchaseOrderEmail(
  order: PurchaseOrderView,
  context: PurchaseOrderContext,
  to: { name: string; email: string; role: 'vendor' | 'approver'; language?: Language },
  documentUrl: string,
): Email {
  // The vendor reads its contact's language; the approving staff member their own.
  const language = (to.role === 'approver' ? to.language : vendorLanguage(context.vendor)) ?? agencyLanguage;
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

/** The cancellation of an order, to the vendor (in its contact's language) and to the approver (in theirs). */
export function renderPurchaseOrderCancelledEmail(
  order: PurchaseOrderView,
  context: PurchaseOrderContext,
  to: { name: string; email: string; role: 'vendor' | 'approver'; language?: Language },
  documentUrl: string,
): Email {
  const language = (to.role === 'approver' ? to.language : vendorLanguage(context.vendor)) ?? agencyLanguage;
  const words = purchaseOrderCancelledWords[language];
  const orderWords = purchaseOrderEmailWords[language];
  const { vendor } = context;
  const intro =
    to.role === 'vendor'
      ? words.toVendor(context.agencyName, order.number, context.clientName)
      : words.toApprover(order.number, vendor.name);
  const facts: [string, string][] = [
    [orderWords.labels.order, order.number],
    [orderWords.labels.job, `${context.jobNumber} — ${context.jobTitle}`],
    [words.reason, order.cancelReason ?? ''],
    [words.released, formatMoney(order.released ?? order.total, language)],
    ...(order.billed.amountMinor > 0
      ? ([[words.billedBefore, formatMoney(order.billed, language)]] as [string, string][])
      : []),
  ];
  const text = [
    orderWords.greeting(to.name),
    '',
    intro,
    '',
    ...facts.map(([l, v]) => `${l}: ${v}`),
    '',
    `${words.open}: ${documentUrl}`,
    '',
    `— ${context.agencyName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;max-width:760px">
<p>${escapeHtml(orderWords.greeting(to.name))}</p>
<p>${escapeHtml(intro)}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(documentUrl)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(words.open)}</a></p>
<p style="color:#555">— ${escapeHtml(context.agencyName)}</p>
</body></html>`;
  return { to: to.email, subject: words.subject(context.agencyName, order.number, vendor.name), html, text };
}
