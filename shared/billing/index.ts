/**
 * Billing (issue 14): invoices, payments and collections; time capture and profitability. Its
 * items meet in entities.ts (`RevenueEntry` written by issued invoices, `TimeEntry` by timesheets).
 */

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
export * from './time-schemas.js';
export {
  decideTimesheet,
  getMyTimesheet,
  getStaffTimesheet,
  listTimesheetsToApprove,
  putMyTimesheet,
  submitMyTimesheet,
} from './timesheets.js';
