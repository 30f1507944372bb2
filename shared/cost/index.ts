/**
 * Cost: what the client signed for on each job and what the agency spends against it.
 *
 * Spend (issue 13 §2–§3): the vendor register, purchase orders guarded by the job's spend ledger
 * (`ledger.ts`: committed spend never passes the signed total), vendors' bills matched to orders,
 * the AE's monthly forecast per brand and the monthly budget reconciliation job.
 */
export { listForecasts, putForecast } from './forecasts.js';
export {
  commitToLedger,
  noticeThresholds,
  type SignedLedger,
  SignedTotalMoved,
  type SpendLedger,
  sameCurrencyAsSigned,
  signedLedger,
} from './ledger.js';
export {
  createPurchaseOrder,
  getPurchaseOrder,
  listJobPurchaseOrders,
  resendPurchaseOrder,
} from './purchase-orders.js';
export {
  budgetReconciliation,
  explainVariance,
  getReconciliation,
  listReconciliations,
  reconcileClientMonth,
} from './reconciliation.js';
export * from './spend-schemas.js';
export { getJobSpend, recordVendorBill } from './vendor-bills.js';
export { decideVendor, getVendor, listVendors, proposeVendor } from './vendors.js';
