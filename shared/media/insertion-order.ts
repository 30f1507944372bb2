import { escapeHtml } from '../platform/emails.js';
import { formatNumber, type Money, formatMoney as money } from '../platform/money.js';
import type { Campaign, Line } from './schemas.js';

/** The insertion order sent to a vendor: what is booked, when, at what cost, on whose confirmation. */
export function renderInsertionOrder(input: {
  agencyName: string;
  clientName: string;
  campaign: Campaign;
  bookingId: string;
  vendor: string;
  lines: Line[];
  totalCost: Money;
  planTitle: string;
  planVersion: number;
  confirmationRef: string;
  issuedAt: string;
}): string {
  const rows = input.lines
    .map(
      (l) =>
        `<tr><td>${l.lineId}</td><td>${escapeHtml(l.placement)}</td><td>${l.startDate}</td><td>${l.endDate}</td><td>${formatNumber(l.units)} ${
          l.unitType
        }</td><td>${money(l.rate)}</td><td>${money(l.cost)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Insertion order ${escapeHtml(input.bookingId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>
<body>
<h1>Insertion order</h1>
<p><strong>${escapeHtml(input.agencyName)}</strong> books, on behalf of <strong>${escapeHtml(input.clientName)}</strong>, with <strong>${escapeHtml(
    input.vendor,
  )}</strong>:</p>
<p>Campaign ${escapeHtml(input.campaign.name)} (flight ${input.campaign.flightStart} to ${input.campaign.flightEnd}). Order ${escapeHtml(
    input.bookingId,
  )}, issued ${input.issuedAt}. From ${escapeHtml(input.planTitle)}, version ${input.planVersion}, confirmed by the client (${escapeHtml(
    input.confirmationRef,
  )}).</p>
<table><thead><tr><th>Line</th><th>Placement</th><th>Start</th><th>End</th><th>Units</th><th>Rate</th><th>Cost</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="6">Total</th><th>${money(input.totalCost)}</th></tr></tfoot></table>
<p>Please confirm this order, and the material requirements for each placement, to the account team.</p>
</body></html>
`;
}
