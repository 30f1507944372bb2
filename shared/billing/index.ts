/**
 * Billing (issue 14): invoices drafted from what is billable, reviewed, approved and issued with
 * gap-free numbers, credit notes, payments and their applications, ageing and the collections job
 * (§1–§2); cost and bill rates, weekly timesheets, profit per job and client and the monthly
 * profitability report (§3). Its items meet in entities.ts (`RevenueEntry`
 * written by issued invoices, `TimeEntry` by timesheets).
 */
export { getClientAgeing, refreshCreditStanding } from './ageing.js';
export { collections } from './collections.js';
export { listBillingDecisions } from './decisions-waiting.js';
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
  previewInvoiceDocument,
  resendInvoice,
  reviewInvoice,
  updateDraftInvoice,
} from './invoices.js';
export { applyPayment, listPayments, recordPayment } from './payments.js';
export { getClientProfit, getJobProfit } from './profit.js';
export {
  generateProfitabilityReport,
  getProfitabilityReport,
  listProfitabilityReports,
  profitabilityJob,
} from './profit-report.js';
export { listBillRates, listCostRates, putBillRate, putCostRate } from './rates.js';
export * from './schemas.js';
export { getBillingTerms, putBillingTerms } from './terms.js';
export * from './time-schemas.js';
export {
  decideTimesheet,
  getMyTimesheet,
  getStaffTimesheet,
  listTimesheetsToApprove,
  putMyTimesheet,
  submitMyTimesheet,
  timesheetsFollowLineManager,
} from './timesheets.js';
