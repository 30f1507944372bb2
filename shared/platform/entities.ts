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

/**
 * A fixed-window counter of one rate limit for one subject (a caller, an address, a link): removed
 * by TTL after its window. The subject is hashed where it is personal data (an IP address).
 */
export const RateCounter = {
  type: 'rateCounter',
  key: (scope: string, subject: string, window: number): PrimaryKey => ({
    PK: `RATE#${scope}#${subject}`,
    SK: `WINDOW#${window}`,
  }),
} as const;

/**
 * A link to one stored file, emailed to one reader (a staff member, a client contact, a vendor),
 * found by the SHA-256 of its token. Clicking it checks the reader again and presigns then.
 */
export const DocumentLink = {
  type: 'documentLink',
  key: (tokenHash: string): PrimaryKey => ({ PK: `DOCLINK#${tokenHash}`, SK: 'DOCLINK' }),
} as const;

/**
 * A lease: one holder at a time does a piece of work on a subject (one post-campaign report
 * generation per campaign). It lapses at `leaseUntil`, so a holder that died does not block the
 * next; its last holder leaves the outcome on it for those who waited.
 */
export const Lease = {
  type: 'lease',
  key: (work: string, subjectId: string): PrimaryKey => ({ PK: `LEASE#${work}#${subjectId}`, SK: 'LEASE' }),
} as const;

/** A data migration that ran to the end over the whole table (`migrations.ts`), with its counts. */
export const Migration = {
  type: 'migration',
  key: (name: string): PrimaryKey => ({ PK: 'MIGRATION', SK: name }),
} as const;
