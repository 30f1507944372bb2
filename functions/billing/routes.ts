import * as z from 'zod';
import {
  applyPaymentSchema,
  billingDecisionsSchema,
  billingTermsSchema,
  clientAgeingSchema,
  creditNoteSchema,
  draftInvoiceSchema,
  invoiceDocumentSchema,
  invoiceListQuery,
  invoiceSchema,
  paymentSchema,
  putBillingTermsSchema,
  recordPaymentSchema,
  updateDraftInvoiceSchema,
} from '../../shared/billing/index.js';
import { idSchema, scopedIdSchema } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

const clientParams = z.strictObject({ clientId: idSchema });
const invoiceParams = z.strictObject({ invoiceId: scopedIdSchema });
const jobParams = z.strictObject({ jobId: scopedIdSchema });
const paymentParams = z.strictObject({ paymentId: scopedIdSchema });
const invoiceList = z.object({ items: z.array(invoiceSchema) }).meta({ id: 'InvoiceList' });

const invoiceStep = (name: string, path: string, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `/invoices/{invoiceId}/${path}`,
    operationId: name,
    summary,
    params: invoiceParams,
    optimisticLock: 'required',
    response: { status: 200, description: 'The invoice.', schema: invoiceSchema },
  });

/**
 * Billing (issue 14 §1–§2): the client's billing terms, invoices drafted from what is billable,
 * reviewed, approved and issued (gap-free numbers; immutable once issued), credit notes, payments
 * and their applications, ageing with the chasing history.
 */
export const billingRoutes = {
  getBillingTerms: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/billing-terms',
    operationId: 'getBillingTerms',
    summary: "The client's billing terms (with the tax rate of the client record).",
    params: clientParams,
    response: { status: 200, description: 'The billing terms.', schema: billingTermsSchema },
  }),
  putBillingTerms: defineRoute({
    method: 'PUT',
    path: '/clients/{clientId}/billing-terms',
    operationId: 'putBillingTerms',
    summary: "Set the client's billing terms (account manager and above); If-Match once they exist.",
    params: clientParams,
    body: putBillingTermsSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The billing terms.', schema: billingTermsSchema },
  }),
  draftInvoice: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/invoices',
    operationId: 'draftInvoice',
    summary:
      'Draft an invoice from what is billable under the terms and not yet billed: signed estimate lines by stage, rebillable vendor bills, media bookings by month, approved hourly time.',
    params: clientParams,
    body: draftInvoiceSchema,
    idempotent: true,
    response: { status: 201, description: 'The draft.', schema: invoiceSchema },
  }),
  listClientInvoices: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/invoices',
    operationId: 'listClientInvoices',
    summary: "The client's invoices and credit notes, newest number first (drafts first).",
    params: clientParams,
    query: invoiceListQuery,
    response: { status: 200, description: 'The invoices.', schema: invoiceList },
  }),
  listJobInvoices: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/invoices',
    operationId: 'listJobInvoices',
    summary: 'The invoices with lines of the job.',
    params: jobParams,
    response: { status: 200, description: 'The invoices.', schema: invoiceList },
  }),
  getInvoice: defineRoute({
    method: 'GET',
    path: '/invoices/{invoiceId}',
    operationId: 'getInvoice',
    summary: 'One invoice or credit note, with its lines, payments so far and chasing history.',
    params: invoiceParams,
    response: { status: 200, description: 'The invoice.', schema: invoiceSchema },
  }),
  updateDraftInvoice: defineRoute({
    method: 'PATCH',
    path: '/invoices/{invoiceId}',
    operationId: 'updateDraftInvoice',
    summary: 'Change a draft (leave lines for a later invoice, notes); it goes back to the AE’s review.',
    params: invoiceParams,
    body: updateDraftInvoiceSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The draft.', schema: invoiceSchema },
  }),
  reviewInvoice: invoiceStep(
    'reviewInvoice',
    'review',
    'The AE has reviewed the draft (account executive and above).',
  ),
  approveInvoice: invoiceStep(
    'approveInvoice',
    'approve',
    'Approve a reviewed draft (account manager and above): needed before issue above the client’s threshold.',
  ),
  issueInvoice: invoiceStep(
    'issueInvoice',
    'issue',
    'Issue the invoice or credit note: the next number of the year, revenue recorded per job; then the document stored and emailed to the billing contact (if either fails, the invoice is issued without `document` or `sendings`: `…/send` finishes it).',
  ),
  sendInvoice: defineRoute({
    method: 'POST',
    path: '/invoices/{invoiceId}/send',
    operationId: 'sendInvoice',
    summary:
      'Email an issued invoice or credit note to the billing contact again (account executive and above, or finance), its document stored first if issuing could not store it; recorded in its sendings. A draft is refused with 409 not_sendable. Claimed under the version given in If-Match (else the one read) before the email goes: of sends at once, one emails and the others get 409 version_conflict.',
    params: invoiceParams,
    optimisticLock: 'optional',
    response: {
      status: 200,
      description: 'The invoice, with its document and sendings.',
      schema: invoiceSchema,
    },
  }),
  discardInvoice: invoiceStep('discardInvoice', 'discard', 'Discard a draft; what it held stays billable.'),
  draftCreditNote: defineRoute({
    method: 'POST',
    path: '/invoices/{invoiceId}/credit-notes',
    operationId: 'draftCreditNote',
    summary:
      'Draft a credit note correcting an issued invoice, line by line (at most what each line has left).',
    params: invoiceParams,
    body: creditNoteSchema,
    idempotent: true,
    response: { status: 201, description: 'The credit note, as a draft.', schema: invoiceSchema },
  }),
  getInvoiceDocument: defineRoute({
    method: 'GET',
    path: '/invoices/{invoiceId}/document',
    operationId: 'getInvoiceDocument',
    summary: 'The issued document (HTML with print CSS), presigned for a few minutes.',
    params: invoiceParams,
    response: { status: 200, description: 'The document.', schema: invoiceDocumentSchema },
  }),
  previewInvoiceDocument: defineRoute({
    method: 'GET',
    path: '/invoices/{invoiceId}/preview',
    operationId: 'previewInvoiceDocument',
    summary:
      'A draft’s document exactly as issuing will render it (the billing contact’s language, dated as if issued today, marked as a preview, without its number), presigned for a few minutes; account executive and above, or finance. An issued or discarded invoice is refused with 409.',
    params: invoiceParams,
    response: { status: 200, description: 'The preview.', schema: invoiceDocumentSchema },
  }),
  listBillingDecisions: defineRoute({
    method: 'GET',
    path: '/me/billing-decisions',
    operationId: 'listBillingDecisions',
    summary:
      "What waits on the caller's decision in billing and cost: reviewed drafts above their client's approval threshold (account manager and above, on the clients they see) and proposed suppliers (directors). Estimates wait in GET /me/approvals.",
    response: { status: 200, description: 'Invoices and suppliers waiting.', schema: billingDecisionsSchema },
  }),
  recordPayment: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/payments',
    operationId: 'recordPayment',
    summary:
      'Record money received; with an invoice, applied up to what it owes, the rest kept as the client’s unapplied credit.',
    params: clientParams,
    body: recordPaymentSchema,
    idempotent: true,
    response: { status: 201, description: 'The payment.', schema: paymentSchema },
  }),
  listPayments: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/payments',
    operationId: 'listPayments',
    summary: "The client's payments, newest first.",
    params: clientParams,
    response: {
      status: 200,
      description: 'The payments.',
      schema: z.object({ items: z.array(paymentSchema) }).meta({ id: 'PaymentList' }),
    },
  }),
  applyPayment: defineRoute({
    method: 'POST',
    path: '/payments/{paymentId}/applications',
    operationId: 'applyPayment',
    summary: 'Apply unapplied money of a payment to an issued invoice (never more than it owes).',
    params: paymentParams,
    body: applyPaymentSchema,
    response: { status: 200, description: 'The payment.', schema: paymentSchema },
  }),
  getClientAgeing: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/ageing',
    operationId: 'getClientAgeing',
    summary:
      "What the client owes by age (current, 1–30, 31–60, 61–90, 90+ days overdue) on its calendar, each open invoice's chasing history, its credit standing.",
    params: clientParams,
    response: { status: 200, description: 'The ageing.', schema: clientAgeingSchema },
  }),
};
