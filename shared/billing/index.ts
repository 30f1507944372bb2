/**
 * Billing (issue 14): invoices drafted from what is billable, reviewed, approved and issued with
 * gap-free numbers, credit notes, payments and their applications, ageing and the collections job
 * (§1–§2); time capture and profit (§3) add their exports below.
 */
// Invoices, payments and collections (§1–§2).
export { getClientAgeing, refreshCreditStanding } from './ageing.js';
export { collections } from './collections.js';
export {
  approveInvoice,
  discardInvoice,
  downloadInvoiceDocument,
  draftCreditNote,
  draftInvoice,
  getInvoice,
  issueInvoice,
  listClientInvoices,
  listJobInvoices,
  reviewInvoice,
  updateDraftInvoice,
} from './invoices.js';
export { applyPayment, listPayments, recordPayment } from './payments.js';
export * from './schemas.js';
export { getBillingTerms, putBillingTerms } from './terms.js';
