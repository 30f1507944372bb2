/**
 * Billing fixtures (issue 14 §1–§2): a client's terms, an invoice issued from a job whose estimate
 * the client signed (drafted, reviewed, approved and issued through the API) and a payment kept
 * unapplied — for the tests that send requests to every route.
 */
import { api } from './api.js';
import * as fx from './fixtures.js';

export const billingTermsBody = (billingContactId: string) => ({
  schedule: 'on_signature',
  mediaRemuneration: 'commission',
  paymentDays: 30,
  currency: 'USD',
  billingContactId,
  approvalThreshold: fx.usd(1_000),
  reminderDays: 3,
});

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
    const res = await api('POST', `/invoices/${invoice.invoiceId}/${step}`, {
      token: h.token,
      headers: { 'if-match': `"${invoice.version}"` },
    });
    fx.expectStatus(res, 200, `invoice ${step}`);
    invoice = res.body;
  }
  const payment = await api('POST', `/clients/${clientId}/payments`, {
    token: h.token,
    body: { amount: fx.usd(100), receivedOn: '2027-01-15', reference: 'WORLD-1' },
  });
  fx.expectStatus(payment, 201, 'record payment');
  return { invoice, payment: payment.body };
}
