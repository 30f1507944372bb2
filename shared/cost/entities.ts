import {
  clientPartition,
  type IndexKeys,
  type KeyQuery,
  namePrefix,
  nameSortKey,
  type PrimaryKey,
} from '../platform/db/keys.js';

/**
 * Cost's items in the single table (docs/data-model.md, "Cost"), in the client's partition.
 */

/**
 * A job's spend ledger: what the client has signed for and what the agency has committed.
 * One item per job, so the guard is one conditional update: a purchase order or a booking adds
 * to `committedMinor` only if the sum stays within `signedTotalMinor`, and parallel requests
 * cannot pass the total together. Signing an estimate (or a change order) raises
 * `signedTotalMinor` in the transaction that records the signature.
 *
 * Attributes: `currency` (ISO 4217, the job's), `signedTotalMinor`, `committedMinor` (integers,
 * minor units), `signedEstimateId`, `signedEstimateVersion`, `estimateCarriesMedia` (bookings
 * count against the job's total only when the signed estimate has media lines), `version`.
 */
export const JobSpendLedger = {
  type: 'jobSpendLedger',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `COST#${jobId}#LEDGER`,
  }),
} as const;

/** An estimate of a job; its versions share its prefix. GSI1 lists a job's estimates. */
export const Estimate = {
  type: 'estimate',
  key: (clientId: string, estimateId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `ESTIMATE#${estimateId}`,
  }),
  indexes: (e: { jobId: string; estimateId: string }): IndexKeys => ({
    GSI1PK: `JOB#${e.jobId}#ESTIMATES`,
    GSI1SK: `ESTIMATE#${e.estimateId}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#ESTIMATES` }),
  withVersions: (clientId: string, estimateId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `ESTIMATE#${estimateId}#V#`,
  }),
} as const;

/** A version of an estimate: its priced lines and totals (a draft is edited in place; sent for sign-off it is fixed). */
export const EstimateVersion = {
  type: 'estimateVersion',
  key: (clientId: string, estimateId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `ESTIMATE#${estimateId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;

/**
 * A supplier in the agency's vendor register (production house, photographer, printer, research
 * firm, media owner). Agency-wide, not a client's: one vendor serves many clients. Proposed by an
 * AE, approved by an account director; only approved vendors receive orders.
 */
export const Vendor = {
  type: 'vendor',
  key: (vendorId: string): PrimaryKey => ({ PK: `VENDOR#${vendorId}`, SK: 'VENDOR' }),
  indexes: (v: { vendorId: string; name: string }): IndexKeys => ({
    GSI1PK: 'VENDORS',
    GSI1SK: nameSortKey(v.name, v.vendorId),
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'VENDORS' }),
} as const;

/** One vendor per name (case and spacing aside): a uniqueness marker in the creating transaction. */
export const VendorName = {
  type: 'vendorName',
  key: (name: string): PrimaryKey => ({ PK: `VENDORNAME#${namePrefix(name)}`, SK: 'VENDORNAME' }),
} as const;

/**
 * A purchase order of a job to one vendor, against lines of the signed estimate. Under the job's
 * cost prefix, so a job's ledger, orders and bills are one query, and a client's cost items one
 * more (the monthly reconciliation).
 */
export const PurchaseOrder = {
  type: 'purchaseOrder',
  key: (clientId: string, jobId: string, purchaseOrderId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `COST#${jobId}#PO#${purchaseOrderId}`,
  }),
  ofJob: (clientId: string, jobId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `COST#${jobId}#PO#`,
  }),
} as const;

/** A vendor's bill, matched to one purchase order of the job. */
export const VendorBill = {
  type: 'vendorBill',
  key: (clientId: string, jobId: string, billId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `COST#${jobId}#BILL#${billId}`,
  }),
  ofJob: (clientId: string, jobId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `COST#${jobId}#BILL#`,
  }),
} as const;

/** Every cost item of a client (ledgers, orders, bills of all its jobs): the reconciliation's read. */
export const CostOfClient = {
  all: (clientId: string): KeyQuery => ({ partition: clientPartition(clientId), sortPrefix: 'COST#' }),
} as const;

/** A vendor's bill number is billed once per vendor: a marker in the bill's transaction. */
export const VendorBillNumber = {
  type: 'vendorBillNumber',
  key: (clientId: string, vendorId: string, billNumber: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BILLNO#${vendorId}#${billNumber.trim().toLowerCase()}`,
  }),
} as const;

/** The AE's expected spend of a brand in a month (`yyyy-mm`). */
export const BrandForecast = {
  type: 'brandForecast',
  key: (clientId: string, brandId: string, month: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `FORECAST#${month}#${brandId}`,
  }),
  ofClient: (clientId: string, month?: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: month ? `FORECAST#${month}#` : 'FORECAST#',
  }),
} as const;

/**
 * A client's monthly budget reconciliation (`yyyy-mm`): its figures, variances with the AE's
 * reasons, and its HTML and CSV in the reports bucket. Put if absent: one per client and month.
 */
export const Reconciliation = {
  type: 'reconciliation',
  key: (clientId: string, month: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `RECONCILIATION#${month}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'RECONCILIATION#',
  }),
} as const;

/**
 * A client's credit standing, written by billing (issuing, payments, the collections job) and read
 * where purchase orders are raised: `flagged` when the client is over its credit limit or owes
 * money 60 or more days overdue, with `reasons` in words, `outstanding` and `oldestOverdueDays`.
 * Here, not in billing, because cost sits below billing and reads it. A change of what the client
 * owes marks it due for a refresh in its own transaction (`refreshesDue`, listed by GSI2); the
 * refresh that follows clears the mark, and the daily collections job refreshes any left marked.
 */
export const CreditStanding = {
  type: 'creditStanding',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'CREDITSTANDING' }),
  /** While a change of what the client owes is not yet reflected (`refreshesDue` > 0): GSI2 lists it. */
  refreshDue: (clientId: string): IndexKeys => ({ GSI2PK: 'CREDITSTANDING#DUE', GSI2SK: clientId }),
  due: (): KeyQuery => ({ index: 'GSI2', partition: 'CREDITSTANDING#DUE' }),
} as const;
