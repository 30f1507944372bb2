import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * Billing's items in the single table (docs/data-model.md, "Billing"), in the client's partition.
 * The two below are where invoicing and time capture meet profitability: an issued invoice or
 * credit note writes its revenue entries in the issuing transaction; a time entry carries its
 * cost at the staff member's rate; profit reads both with the cost context's vendor bills.
 */

/**
 * What one issued invoice (or credit note, negative) earned on one job: `issuedOn`
 * (YYYY-MM-DD on the client's calendar), `jobId`, `documentId`, `documentNumber`,
 * `kind` (`invoice` | `creditNote`), `currency`, and integer minor-unit amounts before tax:
 * `feesMinor` (agency fees and hourly time), `commissionMinor` (media commission),
 * `rebilledMinor` (third-party and production costs passed on, markup included),
 * `mediaNetMinor` (media paid on to the owner), `netMinor` (their sum).
 * The client's entries sort by date (profit over a period); GSI1 lists a job's.
 */
export const RevenueEntry = {
  type: 'revenueEntry',
  key: (clientId: string, issuedOn: string, documentId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVENUE#${issuedOn}#${documentId}#${jobId}`,
  }),
  indexes: (e: { jobId: string; issuedOn: string; documentId: string }): IndexKeys => ({
    GSI1PK: `JOB#${e.jobId}#REVENUE`,
    GSI1SK: `${e.issuedOn}#${e.documentId}`,
  }),
  ofClient: (clientId: string, datePrefix = ''): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `REVENUE#${datePrefix}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#REVENUE` }),
} as const;

/**
 * Hours a staff member spent on a job: `staffId`, `jobId`, `date` (YYYY-MM-DD), `minutes`
 * (integer), `activity`, `role` (at the time), `costMinor` (at the role's cost rate),
 * `billMinor` (at the client's bill rate when the client pays by the hour, else absent),
 * `currency`, `status` (`draft` | `submitted` | `approved`), `billedBy` (the invoice that
 * billed it, once billed), `version`. In the client's partition by date (profit over a
 * period); GSI1 the job's; GSI2 the staff member's week.
 */
export const TimeEntry = {
  type: 'timeEntry',
  key: (clientId: string, date: string, entryId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `TIME#${date}#${entryId}`,
  }),
  indexes: (e: { jobId: string; staffId: string; date: string; entryId: string }): IndexKeys => ({
    GSI1PK: `JOB#${e.jobId}#TIME`,
    GSI1SK: `${e.date}#${e.entryId}`,
    GSI2PK: `STAFF#${e.staffId}#TIME`,
    GSI2SK: `${e.date}#${e.entryId}`,
  }),
  ofClient: (clientId: string, datePrefix = ''): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `TIME#${datePrefix}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#TIME` }),
  ofStaff: (staffId: string, datePrefix = ''): KeyQuery => ({
    index: 'GSI2',
    partition: `STAFF#${staffId}#TIME`,
    sortPrefix: datePrefix,
  }),
} as const;
