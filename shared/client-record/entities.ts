import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * The client record's items in the single table (docs/data-model.md, "The client record").
 */

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
