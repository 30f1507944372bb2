/**
 * Billing (issue 14): invoices drafted from what is billable, reviewed, approved and issued with
 * gap-free numbers, credit notes, payments and their applications, ageing and the collections job
 * (§1–§2); time capture and profitability (§3). Its items meet in entities.ts (`RevenueEntry`
 * written by issued invoices, `TimeEntry` by timesheets).
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
// Profit per job and client (§3).
export { getClientProfit, getJobProfit } from './profit.js';
/*
 * Time and profit (issue 14 §3): cost and bill rates, weekly timesheets of time entries, profit
 * per job and client, the monthly profitability report (scheduled job `profitability`).
 */
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
} from './timesheets.js';
