import { escapeHtml } from '../platform/emails.js';
import { formatDay, type Language } from '../platform/i18n.js';
import type { Email } from '../platform/mailer.js';
import { formatMoney, formatNumber } from '../platform/money.js';
import { billingWords } from './messages.js';
import type { Invoice } from './schemas.js';

/** What the document says beyond the invoice: who bills whom. */
export interface InvoiceContext {
  agencyName: string;
  clientName: string;
  /** The number of the invoice a credit note corrects. */
  correctsNumber?: string;
  /** A draft shown before it is issued: marked as such on the page and in its title. */
  preview?: boolean;
}

const percentText = (basisPoints: number, language: Language) =>
  `${formatNumber(basisPoints / 100, basisPoints % 100 === 0 ? 0 : 2, language)} %`;

/**
 * The invoice or credit note as the client's billing contact reads it, in their language: an HTML
 * document with print CSS (A4, page margins, no screen chrome), so printing it or saving it as PDF
 * gives the paper invoice. Money and dates by `Intl` in the reader's language.
 */
export function renderInvoice(invoice: Invoice, context: InvoiceContext): string {
  const language = invoice.billingContact.language;
  const w = billingWords[language];
  const m = (amount: Invoice['total']) => escapeHtml(formatMoney(amount, language));
  const kind = invoice.kind === 'invoice' ? w.invoice : w.creditNote;
  const title = context.preview ? `${kind} (${w.preview})` : kind;
  const rows = invoice.lines
    .map((line) => {
      const detail = line.media
        ? `<div class="detail">${escapeHtml(w.mediaDetail(formatMoney(line.media.gross, language), formatMoney(line.media.commission, language), formatMoney(line.media.net, language)))}</div>`
        : '';
      return `<tr><td>${escapeHtml(line.jobNumber)}</td><td>${escapeHtml(line.description)}${detail}</td><td class="num">${m(line.amount)}</td></tr>`;
    })
    .join('\n');
  const facts: [string, string][] = [
    [w.number, invoice.number ?? ''],
    [w.issuedOn, invoice.issuedOn ? formatDay(invoice.issuedOn, language) : ''],
    ...(invoice.kind === 'invoice' && invoice.dueOn
      ? ([[w.dueOn, formatDay(invoice.dueOn, language)]] as [string, string][])
      : []),
    [w.billTo, `${context.clientName} — ${invoice.billingContact.name}`],
  ];
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)} ${escapeHtml(invoice.number ?? '')}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
.num{text-align:right;white-space:nowrap}tfoot th{text-align:right}.facts th,.facts td{border:none}.facts th{width:12rem}
.detail{color:#555;font-size:.85em}
.preview{border:3px dashed #b91c1c;color:#b91c1c;padding:.5rem 1rem;font-weight:bold}
@page{size:A4;margin:18mm}
@media print{body{margin:0}a{color:inherit;text-decoration:none}thead{display:table-header-group}tr{break-inside:avoid}}
</style></head>
<body>
<header><strong>${escapeHtml(context.agencyName)}</strong></header>
${context.preview ? `<p class="preview">${escapeHtml(w.preview)}. ${escapeHtml(w.previewNote)}</p>\n` : ''}<h1>${escapeHtml(title)} ${escapeHtml(invoice.number ?? '')}</h1>
${context.correctsNumber ? `<p>${escapeHtml(w.corrects(context.correctsNumber))}</p>` : ''}
<table class="facts">${facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<table><thead><tr>${w.columns.map((c, i) => `<th${i === 2 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><th colspan="2">${escapeHtml(w.subtotal)}</th><td class="num">${m(invoice.subtotal)}</td></tr>
<tr><th colspan="2">${escapeHtml(w.tax(percentText(invoice.taxRateBasisPoints, language)))}</th><td class="num">${m(invoice.tax)}</td></tr>
<tr><th colspan="2">${escapeHtml(w.total)}</th><td class="num"><strong>${m(invoice.total)}</strong></td></tr>
</tfoot></table>
${invoice.kind === 'invoice' && invoice.dueOn ? `<p>${escapeHtml(w.payBy(formatDay(invoice.dueOn, language)))}</p>` : ''}
${invoice.notes ? `<p>${escapeHtml(invoice.notes)}</p>` : ''}
</body></html>
`;
}

/** The email that carries the document's link to the billing contact, in their language. */
export function renderInvoiceEmail(invoice: Invoice, context: InvoiceContext, link: string): Email {
  const language = invoice.billingContact.language;
  const w = billingWords[language];
  const kind = invoice.kind === 'invoice' ? w.invoice : w.creditNote;
  const body = w.emailBody(
    invoice.billingContact.name,
    kind,
    invoice.number ?? '',
    formatMoney(invoice.total, language),
    invoice.dueOn ? formatDay(invoice.dueOn, language) : '',
  );
  return {
    to: invoice.billingContact.email,
    subject: w.emailSubject(context.agencyName, kind, invoice.number ?? ''),
    html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(w.openDocument)}</a></p>`,
    text: `${body}\n\n${w.openDocument}: ${link}\n`,
    tags: { clientId: invoice.clientId, contactId: invoice.billingContact.contactId },
  };
}
