import { escapeHtml } from '../platform/emails.js';
import type { Email } from '../platform/mailer.js';
import { type Money, formatMoney as money } from '../platform/money.js';
import { rateLabel, unitsLabel } from './plan-document.js';
import type { Campaign, Line } from './schemas.js';

/** What an insertion order says: what is booked, when, at what cost, on whose confirmation, whom to answer. */
export interface InsertionOrderInput {
  agencyName: string;
  clientName: string;
  campaign: Campaign;
  bookingId: string;
  vendor: string;
  vendorContact?: { name: string; email: string };
  buyer?: { name: string; email: string };
  lines: Line[];
  totalCost: Money;
  planTitle: string;
  planVersion: number;
  confirmationRef: string;
  issuedAt: string;
  notes?: string;
}

const columns = ['Line', 'Placement', 'Start', 'End', 'Units', 'Rate', 'Cost'];
const cellsOf = (l: Line) => [
  l.lineId,
  l.placement,
  l.startDate,
  l.endDate,
  unitsLabel(l),
  rateLabel(l),
  money(l.cost),
];

function linesTable(input: InsertionOrderInput, style = ''): string {
  const cell = (v: string) => `<td${style}>${escapeHtml(v)}</td>`;
  const rows = input.lines.map((l) => `<tr>${cellsOf(l).map(cell).join('')}</tr>`).join('\n');
  return `<table${style ? ' style="border-collapse:collapse"' : ''}><thead><tr>${columns.map((c) => `<th${style}>${c}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="6"${style}>Total</th><th${style}>${escapeHtml(money(input.totalCost))}</th></tr></tfoot></table>`;
}

/** The insertion order sent to a vendor: what is booked, when, at what cost, on whose confirmation. */
export function renderInsertionOrder(input: InsertionOrderInput): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Insertion order ${escapeHtml(input.bookingId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}@media print{body{margin:0}}</style></head>
<body>
<h1>Insertion order</h1>
<p><strong>${escapeHtml(input.agencyName)}</strong> books, on behalf of <strong>${escapeHtml(input.clientName)}</strong>, with <strong>${escapeHtml(
    input.vendor,
  )}</strong>${input.vendorContact ? ` (attention of ${escapeHtml(input.vendorContact.name)}, ${escapeHtml(input.vendorContact.email)})` : ''}:</p>
<p>Campaign ${escapeHtml(input.campaign.name)} (flight ${input.campaign.flightStart} to ${input.campaign.flightEnd}). Order ${escapeHtml(
    input.bookingId,
  )}, issued ${input.issuedAt}. From ${escapeHtml(input.planTitle)}, version ${input.planVersion}, confirmed by the client (${escapeHtml(
    input.confirmationRef,
  )}).</p>
${linesTable(input)}
${input.notes ? `<p>Notes: ${escapeHtml(input.notes)}</p>` : ''}
<p>Please confirm this order, and the material requirements for each placement, to ${
    input.buyer
      ? `the agency's buyer, ${escapeHtml(input.buyer.name)} (${escapeHtml(input.buyer.email)})`
      : 'the account team'
  }.</p>
</body></html>
`;
}

/**
 * The email that carries an insertion order: the order itself in the body (HTML and plain text),
 * and a link to the stored document through the API (`/documents/{token}`: checked and presigned
 * on each click), never a presigned URL baked into the mail.
 */
export function renderInsertionOrderEmail(
  input: InsertionOrderInput,
  to: { name: string; email: string; role: 'vendor' | 'buyer' },
  documentUrl: string,
): Email {
  const reply = input.buyer ? `${input.buyer.name} (${input.buyer.email})` : 'the account team';
  const intro =
    to.role === 'vendor'
      ? `${input.agencyName} books the placements below with ${input.vendor} on behalf of ${input.clientName}. Please confirm the order, and the material you need for each placement, to ${reply}.`
      : `Your booking with ${input.vendor} is placed: this insertion order went to ${input.vendorContact ? `${input.vendorContact.name} (${input.vendorContact.email})` : 'the vendor'}. When the vendor confirms, record it on the booking.`;
  const facts: [string, string][] = [
    ['Client', input.clientName],
    [
      'Campaign',
      `${input.campaign.name} (flight ${input.campaign.flightStart} to ${input.campaign.flightEnd})`,
    ],
    ['Vendor', input.vendor],
    ['Order', input.bookingId],
    ['Issued', input.issuedAt],
    ['From', `${input.planTitle}, version ${input.planVersion}, confirmed by the client`],
    ['Total', money(input.totalCost)],
    ...(input.notes ? ([['Notes', input.notes]] as [string, string][]) : []),
  ];
  const text = [
    `Dear ${to.name},`,
    '',
    intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    'Lines:',
    ...input.lines.map((l) => `- ${cellsOf(l).join(' | ')}`),
    '',
    `The insertion order (document): ${documentUrl}`,
    '',
    `— ${input.agencyName}`,
  ].join('\n');
  const cellStyle = ' style="border:1px solid #ccc;padding:4px 8px;text-align:left"';
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:760px">
<p>${escapeHtml(`Dear ${to.name},`)}</p>
<p>${escapeHtml(intro)}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h3>Lines</h3>
${linesTable(input, cellStyle)}
<p><a href="${escapeHtml(documentUrl)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">Download the insertion order</a></p>
<p style="color:#555">— ${escapeHtml(input.agencyName)}</p>
</body></html>`;
  return {
    to: to.email,
    subject: `[${input.agencyName}] Insertion order for ${input.vendor}: ${input.campaign.name} (${input.clientName})`,
    html,
    text,
  };
}
