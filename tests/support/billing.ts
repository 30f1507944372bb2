/**
 * Billing fixtures (issue 14 §1–§2): a client's terms, an invoice issued from a job whose estimate
 * the client signed (drafted, reviewed, approved and issued through the API) and a payment kept
 * unapplied — for the tests that send requests to every route; and the steps the billing tests share.
 */
import { api } from './api.js';
import * as fx from './fixtures.js';

/** Billing terms with `billingContactId` as the billing contact; `extra` replaces any of them. */
export const billingTermsBody = (billingContactId: string, extra: Record<string, unknown> = {}) => ({
  schedule: 'on_signature',
  mediaRemuneration: 'commission',
  paymentDays: 30,
  currency: 'USD',
  billingContactId,
  approvalThreshold: fx.usd(1_000),
  reminderDays: 3,
  ...extra,
});

/** `POST /invoices/{id}/{name}` (review, approve, issue, …) by `by`, at the invoice's version. */
export const invoiceStep = (invoice: fx.Json, name: string, by: fx.Person) =>
  api('POST', `/invoices/${invoice.invoiceId}/${name}`, {
    token: by.token,
    headers: { 'if-match': `"${invoice.version}"` },
  });

/** The invoice as `by` reads it. */
export async function readInvoice(by: fx.Person, invoiceId: string): Promise<fx.Json> {
  const res = await api('GET', `/invoices/${invoiceId}`, { token: by.token });
  fx.expectStatus(res, 200, 'GET invoice');
  return res.body;
}

/** The day `days` working days (Mon–Fri: the calendar of the demo and test clients) after `date`. */
export function workingDaysAfter(date: string, days: number): string {
  let d = new Date(`${date}T00:00:00Z`);
  for (let n = 0; n < days; ) {
    d = new Date(d.getTime() + 86_400_000);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
  }
  return d.toISOString().slice(0, 10);
}

/** Terms set by `h`, the job's signed work invoiced and issued, and an unapplied payment. */
export async function billingWorld(h: fx.Person, clientId: string, contactId: string, jobId: string) {
  const terms = await api('PUT', `/clients/${clientId}/billing-terms`, {
    token: h.token,
    body: billingTermsBody(contactId),
  });
  fx.expectStatus(terms, 200, 'PUT billing terms');
  const drafted = await api('POST', `/clients/${clientId}/invoices`, {
    token: h.token,
    body: { jobIds: [jobId] },
  });
  fx.expectStatus(drafted, 201, 'draft invoice');
  let invoice = drafted.body;
  for (const step of ['review', 'approve', 'issue']) {
    const res = await invoiceStep(invoice, step, h);
    fx.expectStatus(res, 200, `invoice ${step}`);
    invoice = res.body;
  }
  const payment = await api('POST', `/clients/${clientId}/payments`, {
    token: h.token,
    body: { amount: fx.usd(100), receivedOn: '2026-01-15', reference: 'WORLD-1' },
  });
  fx.expectStatus(payment, 201, 'record payment');
  return { invoice, payment: payment.body };
}
