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

// ---------------------------------------------------------------------------------------------
// Time and profit (issue 14 §3): rates, weekly timesheets, the monthly profitability report
// ---------------------------------------------------------------------------------------------

/** The agency's rates: one small partition read whole when an entry is priced. */
const ratesPartition = 'RATES';

/**
 * An hourly cost rate of a staff role in one currency from a date on (`effectiveFrom`): what an
 * hour of that role costs the agency. Set by the head of accounts; a new rate from a later date
 * never rewrites entries already priced. `hourlyMinor`, `currency`, `role`, `setBy`, `version`.
 */
export const CostRate = {
  type: 'costRate',
  key: (role: string, currency: string, effectiveFrom: string): PrimaryKey => ({
    PK: ratesPartition,
    SK: `COST#${role}#${currency}#${effectiveFrom}`,
  }),
  all: (): KeyQuery => ({ partition: ratesPartition, sortPrefix: 'COST#' }),
} as const;

/**
 * An hourly bill rate of a staff role for a client that pays by the hour, in the client's
 * partition, from a date on. Set by the account manager and above on the client's team.
 */
export const BillRate = {
  type: 'billRate',
  key: (clientId: string, role: string, currency: string, effectiveFrom: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BILLRATE#${role}#${currency}#${effectiveFrom}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'BILLRATE#',
  }),
} as const;

/**
 * A staff member's week (`week`: ISO week, `2027-W09`): the cells of the week grid (`entries`:
 * entry id, client, job, date, activity, minutes), `status` (`draft` | `submitted` | `approved` |
 * `returned`), who decides (`approverId`: the line manager when submitted), `version`. The sheet
 * is the consistent copy of the week the grid is saved against (optimistic locking); each cell is
 * also a `TimeEntry` in its client's partition. GSI1 lists the sheets waiting for an approver.
 */
export const Timesheet = {
  type: 'timesheet',
  key: (staffId: string, week: string): PrimaryKey => ({ PK: `STAFF#${staffId}`, SK: `TIMESHEET#${week}` }),
  awaiting: (t: { approverId: string; week: string; staffId: string }): IndexKeys => ({
    GSI1PK: `APPROVER#${t.approverId}#TIMESHEETS`,
    GSI1SK: `${t.week}#${t.staffId}`,
  }),
  awaitingApprover: (approverId: string): KeyQuery => ({
    index: 'GSI1',
    partition: `APPROVER#${approverId}#TIMESHEETS`,
  }),
} as const;

/**
 * One client's profit figures for a month (`yyyy-mm`), written by a segment of the profitability
 * job so the report is assembled from one partition; overwritten by every run of that month.
 */
export const ClientMonthProfit = {
  type: 'clientMonthProfit',
  key: (month: string, clientId: string): PrimaryKey => ({
    PK: `PROFITABILITY#${month}`,
    SK: `CLIENT#${clientId}`,
  }),
  ofMonth: (month: string): KeyQuery => ({ partition: `PROFITABILITY#${month}`, sortPrefix: 'CLIENT#' }),
} as const;

/** The agency's monthly profitability report for the head of accounts: its figures and files. */
export const ProfitabilityReport = {
  type: 'profitabilityReport',
  key: (month: string): PrimaryKey => ({ PK: 'PROFITABILITY', SK: `REPORT#${month}` }),
  all: (): KeyQuery => ({ partition: 'PROFITABILITY', sortPrefix: 'REPORT#' }),
} as const;
