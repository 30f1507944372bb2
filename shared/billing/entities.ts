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

/*
 * Invoicing, payments and collections (issue 14 §1–§2). Written by shared/billing's invoices,
 * payments and collections; the credit standing they feed lives in the cost context's entities
 * (cost checks it where purchase orders are raised and cannot import billing).
 */

/** A client's billing terms (one item; optimistic locking on changes). */
export const BillingTerms = {
  type: 'billingTerms',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'BILLING#TERMS' }),
} as const;

/**
 * An invoice or a credit note of the client: a draft (lines, optimistic locking), reviewed,
 * approved, then issued with its number (immutable from then on but for what was paid). GSI1
 * lists the client's documents by number once issued; GSI2 holds an issued document while money
 * is still owed on it, by due date (the collections job and ageing walk it); GSI3 is the agency's
 * register of a year's numbers (gap-free, one sequence per kind).
 */
export const Invoice = {
  type: 'invoice',
  key: (clientId: string, invoiceId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `INVOICE#${invoiceId}`,
  }),
  receivable: (e: { dueOn: string; invoiceId: string }): IndexKeys => ({
    GSI2PK: 'RECEIVABLE',
    GSI2SK: `${e.dueOn}#${e.invoiceId}`,
  }),
  register: (e: { kind: string; year: number; sequence: number }): IndexKeys => ({
    GSI3PK: `INVOICENO#${e.kind}#${e.year}`,
    GSI3SK: String(e.sequence).padStart(8, '0'),
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'INVOICE#',
  }),
  receivables: (): KeyQuery => ({ index: 'GSI2', partition: 'RECEIVABLE' }),
  ofYear: (kind: string, year: number): KeyQuery => ({
    index: 'GSI3',
    partition: `INVOICENO#${kind}#${year}`,
  }),
} as const;

/** Which invoices bill a job: one link per job an invoice has lines of (GSI1 lists a job's). */
export const InvoiceOfJob = {
  type: 'invoiceOfJob',
  key: (clientId: string, invoiceId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `INVOICEJOB#${invoiceId}#${jobId}`,
  }),
  indexes: (e: { jobId: string; invoiceId: string }): IndexKeys => ({
    GSI1PK: `JOB#${e.jobId}#INVOICES`,
    GSI1SK: e.invoiceId,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#INVOICES` }),
} as const;

/**
 * The last number issued of a kind (`invoice` | `creditNote`) in a year, agency-wide: taken in the
 * issuing transaction only if the counter is still where it was read (as job numbers are).
 */
export const InvoiceSequence = {
  type: 'invoiceSequence',
  key: (kind: string, year: number): PrimaryKey => ({ PK: 'BILLING#SEQUENCE', SK: `${kind}#${year}` }),
} as const;

/**
 * What has been billed of a job, by source (`estimate#<estimateId>#<lineId>#<stage>`,
 * `bill#<billId>`, `media#<bookingId>#<month>`): amounts in minor units, and a version. Written
 * by the issuing transaction only if still at the version read, so nothing is billed twice.
 */
export const JobBilled = {
  type: 'jobBilled',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BILLING#${jobId}#BILLED`,
  }),
} as const;

/**
 * A payment received from the client: its amount, what of it is applied to which invoices and
 * what is left unapplied (the client's credit, applied later). Sorted by the day received.
 */
export const Payment = {
  type: 'payment',
  key: (clientId: string, paymentId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `PAYMENT#${paymentId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'PAYMENT#',
  }),
} as const;

/**
 * What the client owes and holds as credit, kept as running totals: `outstandingMinor` (the
 * balances of its issued invoices) and `creditMinor` (its payments' unapplied amounts, by
 * currency). Every write that moves either changes it in the same transaction, and one that
 * raises it only on the condition that it stays within what Account Desk holds — so two
 * requests at once can never both pass the largest amount. Made from the invoices and payments
 * on first use (a client billed before it existed).
 */
export const BillingTotals = {
  type: 'billingTotals',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'BILLING#TOTALS' }),
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
 * also a `TimeEntry` in its client's partition. GSI1 lists the sheets waiting for an approver;
 * a new line manager takes them over (`timesheetsFollowLineManager`).
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
  ofStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'TIMESHEET#' }),
} as const;

/**
 * The last submission of any of a staff member's timesheets (`submission`: an id new with each,
 * `at`), written by every submission. A change of line manager reads it before the waiting sheets
 * and checks it is unchanged in its transaction: a sheet submitted in between (to the old manager)
 * makes the change read again, so none is left behind.
 */
export const TimesheetSubmissions = {
  type: 'timesheetSubmissions',
  key: (staffId: string): PrimaryKey => ({ PK: `STAFF#${staffId}`, SK: 'SUBMITTED#TIMESHEETS' }),
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
