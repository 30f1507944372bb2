import { clientPartition, type KeyQuery, type PrimaryKey } from './db/keys.js';

/** Audit events about a staff member (appointment, role and reporting-line changes). */
export const StaffEvent = {
  type: 'event',
  key: (staffId: string, at: string, eventId: string): PrimaryKey => ({
    PK: `STAFF#${staffId}`,
    SK: `EVENT#${at}#${eventId}`,
  }),
  forStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'EVENT#' }),
} as const;

/** Append-only audit events of everything under a client, newest last in key order. */
export const ClientEvent = {
  type: 'event',
  key: (clientId: string, at: string, eventId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `EVENT#${at}#${eventId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({ partition: clientPartition(clientId), sortPrefix: 'EVENT#' }),
} as const;

/** The first response to a creating POST, replayed for the same Idempotency-Key. */
export const IdempotencyRecord = {
  type: 'idempotency',
  key: (actorId: string, idempotencyKey: string): PrimaryKey => ({
    PK: `IDEMPOTENCY#${actorId}#${idempotencyKey}`,
    SK: 'IDEMPOTENCY',
  }),
} as const;

/** One scheduled run of a job for one campaign (e.g. the report due on a day): a doubled run finds it and does nothing. */
export const ScheduledRun = {
  type: 'scheduledRun',
  key: (job: string, subjectId: string, runKey: string): PrimaryKey => ({
    PK: `JOBRUN#${job}#${subjectId}`,
    SK: `RUN#${runKey}`,
  }),
} as const;

/** A data migration that ran to the end over the whole table (`migrations.ts`), with its counts. */
export const Migration = {
  type: 'migration',
  key: (name: string): PrimaryKey => ({ PK: 'MIGRATION', SK: name }),
} as const;
