/**
 * Cost: a job's estimates — priced lines, versions, the client's signature with the timetable
 * through the sign-off engine (`estimateSubject`), change orders — and the job's spend ledger
 * (entities.ts) that purchase orders and bookings are checked against.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { costRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(costRefusalWords);

export {
  createEstimate,
  downloadEstimateDocument,
  getEstimate,
  getEstimateVersion,
  listEstimateVersions,
  listJobEstimates,
  previewEstimate,
  reviseEstimate,
  updateDraft,
} from './estimates.js';
/*
 * Spend (issue 13 §2–§3): the vendor register, purchase orders guarded by the job's spend ledger
 * (`ledger.ts`: committed spend never passes the signed total), vendors' bills matched to orders,
 * the AE's monthly forecast per brand and the monthly budget reconciliation job.
 */
export { listForecasts, putForecast } from './forecasts.js';
export {
  commitToLedger,
  noticeThresholds,
  releaseFromLedger,
  type SignedLedger,
  SignedTotalMoved,
  type SpendLedger,
  sameCurrencyAsSigned,
  signedLedger,
} from './ledger.js';
export { signedEstimateLines } from './lines.js';
export { ledgersKeepMonthlyFigures } from './migrations.js';
export {
  directCostsOfClient,
  directCostsOfJob,
  type PlannedMargin,
  plannedMargins,
} from './profit-inputs.js';
export {
  cancelPurchaseOrder,
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
  reconciliationInputs,
} from './reconciliation.js';
export * from './schemas.js';
export * from './spend-schemas.js';
export { estimateSubject } from './subject.js';
export { getJobSpend, recordVendorBill } from './vendor-bills.js';
export { decideVendor, getVendor, listVendors, proposeVendor } from './vendors.js';
