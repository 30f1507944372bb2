import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * The client record's items in the single table (docs/data-model.md, "Client record").
 */

// ---------------------------------------------------------------------------------------------
// Competitive activity, pitches, staff evaluations (issue 15 §3–§5)
// ---------------------------------------------------------------------------------------------

/** A normalized category: what "the same category" compares (case and spacing folded). */
export const categoryKey = (category: string): string => category.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A competitor's advertising seen in the market, or a store check: under the client it was
 * gathered for; by category and first day seen (GSI1) for the share of voice of a period.
 */
export const CompetitiveEntry = {
  type: 'competitiveEntry',
  key: (clientId: string, entryId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `COMPETITIVE#${entryId}`,
  }),
  indexes: (e: { clientId: string; entryId: string; category: string; seenFrom: string }): IndexKeys => ({
    GSI1PK: `CLIENT#${e.clientId}#COMPETITIVE#${categoryKey(e.category)}`,
    GSI1SK: `${e.seenFrom}#${e.entryId}`,
  }),
  ofCategory: (clientId: string, category: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CLIENT#${clientId}#COMPETITIVE#${categoryKey(category)}`,
  }),
} as const;

/** A brief citing a competitive entry (both the client's): kept here, above traffic, so briefs stay unaware. */
export const BriefCitation = {
  type: 'briefCitation',
  key: (clientId: string, briefId: string, entryId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRIEFCITATION#${briefId}#${entryId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'BRIEFCITATION#',
  }),
  ofBrief: (clientId: string, briefId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `BRIEFCITATION#${briefId}#`,
  }),
} as const;

/** A new-business pitch: the agency's, not a client's (the prospect is not a client yet). */
export const Pitch = {
  type: 'pitch',
  key: (pitchId: string): PrimaryKey => ({ PK: `PITCH#${pitchId}`, SK: 'PITCH' }),
  indexes: (p: { pitchId: string; pitchDate: string }): IndexKeys => ({
    GSI1PK: 'PITCHES',
    GSI1SK: `${p.pitchDate}#${p.pitchId}`,
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'PITCHES' }),
} as const;

/** A staff evaluation: one per person per period, in the evaluated person's partition. */
export const StaffEvaluation = {
  type: 'staffEvaluation',
  key: (staffId: string, period: string): PrimaryKey => ({
    PK: `STAFF#${staffId}`,
    SK: `EVALUATION#${period}`,
  }),
  ofStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'EVALUATION#' }),
} as const;

// ---------------------------------------------------------------------------------------------
// Contact reports (meeting minutes) and call reports. A report and everything of it — its issued
// versions, the task token of the version whose window is open, the evidence of every answer and
// the pages opened — share the prefix `CONTACTREPORT#<reportId>`, so one query reads the record.
// ---------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(4, '0');

/** A contact or call report: the draft being written, the latest issued version's number, the next steps' progress. */
export const ContactReport = {
  type: 'contactReport',
  key: (clientId: string, reportId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTREPORT#${reportId}`,
  }),
  indexes: (r: { clientId: string; reportId: string; meetingAt: string }): IndexKeys => ({
    GSI1PK: `CLIENT#${r.clientId}#CONTACTREPORTS`,
    GSI1SK: `${r.meetingAt}#${r.reportId}`,
  }),
  /** A client's reports by meeting time (newest first when read descending). */
  ofClient: (clientId: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CLIENT#${clientId}#CONTACTREPORTS`,
  }),
  withParts: (clientId: string, reportId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CONTACTREPORT#${reportId}`,
  }),
} as const;

/** An issued version of the minutes: frozen content, its document, recipients, its window and answers. */
export const MinutesVersion = {
  type: 'minutesVersion',
  key: (clientId: string, reportId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTREPORT#${reportId}#V#${pad(number)}`,
  }),
} as const;

/** The task token of the workflow waiting out a version's window (never leaves the server). */
export const MinutesToken = {
  type: 'minutesToken',
  key: (clientId: string, reportId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTREPORT#${reportId}#TOKEN#${pad(number)}`,
  }),
} as const;

/** Append-only evidence of a client's answer (a confirm, or a question). */
export const MinutesAnswer = {
  type: 'minutesAnswer',
  key: (clientId: string, reportId: string, at: string, answerId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTREPORT#${reportId}#ANSWER#${at}#${answerId}`,
  }),
} as const;

/** Append-only: a minutes page opened (scanners open links too: a view is not an answer). */
export const MinutesPageView = {
  type: 'minutesPageView',
  key: (clientId: string, reportId: string, at: string, viewId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTREPORT#${reportId}#VIEW#${at}#${viewId}`,
  }),
} as const;

/**
 * An attendee's emailed minutes link, found by the SHA-256 of its token (purpose-salted,
 * `shared/platform/link-tokens.ts`), with the nonces of the pages it showed in its partition.
 */
export const MinutesLink = {
  type: 'minutesLink',
  key: (tokenHash: string): PrimaryKey => ({ PK: `MINUTESLINK#${tokenHash}`, SK: 'LINK' }),
  nonceKey: (tokenHash: string, nonce: string): PrimaryKey => ({
    PK: `MINUTESLINK#${tokenHash}`,
    SK: `NONCE#${nonce}`,
  }),
} as const;

// ---------------------------------------------------------------------------------------------
// Status reports (issue 15 §2): one per client and period, its HTML and CSV in the reports bucket.
// ---------------------------------------------------------------------------------------------

/**
 * A client's status report, by its period's first day and the frequency it was made by (sorts by
 * period): a month and the week starting on its 1st are two reports, so a changed cadence keeps both.
 */
export const StatusReport = {
  type: 'statusReport',
  key: (clientId: string, frequency: string, start: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `STATUSREPORT#${start}#${frequency}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'STATUSREPORT#',
  }),
} as const;

/** How often a client's status report is made and the weekday it goes out (absent: weekly, Mondays). */
export const StatusReportCadence = {
  type: 'statusReportCadence',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'REPORTCADENCE' }),
} as const;

// ---------------------------------------------------------------------------------------------
// The account manager's monthly work report to their account director (issue 15 §2)
// ---------------------------------------------------------------------------------------------

/**
 * An account manager's work report of a month, in the manager's partition; once sent, found by
 * the director it was sent to (GSI1, newest month first).
 */
export const WorkReport = {
  type: 'workReport',
  key: (staffId: string, month: string): PrimaryKey => ({
    PK: `STAFF#${staffId}`,
    SK: `WORKREPORT#${month}`,
  }),
  ofStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'WORKREPORT#' }),
  indexes: (r: { staffId: string; month: string; sentTo?: { staffId: string } }): IndexKeys =>
    r.sentTo ? { GSI1PK: `WORKREPORTS#TO#${r.sentTo.staffId}`, GSI1SK: `${r.month}#${r.staffId}` } : {},
  sentTo: (staffId: string): KeyQuery => ({ index: 'GSI1', partition: `WORKREPORTS#TO#${staffId}` }),
} as const;
