import {
  applyPayment,
  approveInvoice,
  discardInvoice,
  downloadInvoiceDocument,
  draftCreditNote,
  draftInvoice,
  getBillingTerms,
  getClientAgeing,
  getInvoice,
  issueInvoice,
  listBillingDecisions,
  listClientInvoices,
  listJobInvoices,
  listPayments,
  previewInvoiceDocument,
  putBillingTerms,
  recordPayment,
  resendInvoice,
  reviewInvoice,
  updateDraftInvoice,
} from '../../shared/billing/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { billingRoutes as r } from './routes.js';

const invoiceLocation = (i: { invoiceId: string }) => `/invoices/${i.invoiceId}`;

export const handler = httpApi([
  implement(r.getBillingTerms, async (req) => ok(await getBillingTerms(req.actorId, req.params.clientId))),
  implement(r.putBillingTerms, async (req) =>
    ok(await putBillingTerms(req.actorId, req.params.clientId, req.expectedVersion, req.body)),
  ),
  implement(r.draftInvoice, async (req) =>
    created(await draftInvoice(req.actorId, req.params.clientId, req.body, req.idempotency), invoiceLocation),
  ),
  implement(r.listClientInvoices, async (req) =>
    ok({ items: await listClientInvoices(req.actorId, req.params.clientId, req.query) }),
  ),
  implement(r.listJobInvoices, async (req) =>
    ok({ items: await listJobInvoices(req.actorId, req.params.jobId) }),
  ),
  implement(r.getInvoice, async (req) => ok(await getInvoice(req.actorId, req.params.invoiceId))),
  implement(r.updateDraftInvoice, async (req) =>
    ok(await updateDraftInvoice(req.actorId, req.params.invoiceId, req.expectedVersion, req.body)),
  ),
  implement(r.reviewInvoice, async (req) =>
    ok(await reviewInvoice(req.actorId, req.params.invoiceId, req.expectedVersion)),
  ),
  implement(r.approveInvoice, async (req) =>
    ok(await approveInvoice(req.actorId, req.params.invoiceId, req.expectedVersion)),
  ),
  implement(r.issueInvoice, async (req) =>
    ok(await issueInvoice(req.actorId, req.params.invoiceId, req.expectedVersion)),
  ),
  implement(r.sendInvoice, async (req) =>
    ok(await resendInvoice(req.actorId, req.params.invoiceId, req.expectedVersion)),
  ),
  implement(r.discardInvoice, async (req) =>
    ok(await discardInvoice(req.actorId, req.params.invoiceId, req.expectedVersion)),
  ),
  implement(r.draftCreditNote, async (req) =>
    created(
      await draftCreditNote(req.actorId, req.params.invoiceId, req.body, req.idempotency),
      invoiceLocation,
    ),
  ),
  implement(r.getInvoiceDocument, async (req) => ({
    status: 200,
    body: await downloadInvoiceDocument(req.actorId, req.params.invoiceId),
  })),
  implement(r.listBillingDecisions, async (req) => ok(await listBillingDecisions(req.actorId))),
  implement(r.previewInvoiceDocument, async (req) => ({
    status: 200,
    body: await previewInvoiceDocument(req.actorId, req.params.invoiceId),
  })),
  implement(r.recordPayment, async (req) =>
    created(
      await recordPayment(req.actorId, req.params.clientId, req.body, req.idempotency),
      (p: { paymentId: string }) => `/payments/${p.paymentId}`,
    ),
  ),
  implement(r.listPayments, async (req) =>
    ok({ items: await listPayments(req.actorId, req.params.clientId) }),
  ),
  implement(r.applyPayment, async (req) =>
    ok(await applyPayment(req.actorId, req.params.paymentId, req.body)),
  ),
  implement(r.getClientAgeing, async (req) => ok(await getClientAgeing(req.actorId, req.params.clientId))),
]);
