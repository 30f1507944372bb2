import { clientPartition, type PrimaryKey } from '../platform/db/keys.js';

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
