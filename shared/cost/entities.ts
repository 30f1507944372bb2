import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

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
