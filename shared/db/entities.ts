import type { IndexName } from './table-schema.js';

/**
 * Every entity of the single table and every key it is stored or found under, in one
 * module (ElectroDB-style: the entity owns its key builders). Client-owned items all
 * live in the client's partition `CLIENT#<clientId>`, so an item of one client can
 * never be read through another client's keys.
 *
 * `docs/data-model.md` lists these keys with the access patterns they serve.
 */
export interface PrimaryKey {
  PK: string;
  SK: string;
}

export type IndexKeys = Partial<Record<`${IndexName}PK` | `${IndexName}SK`, string>>;

/** A key condition: a partition on the table or an index, optionally a sort-key prefix. */
export interface KeyQuery {
  index?: IndexName;
  partition: string;
  sortPrefix?: string;
}

const clientPartition = (clientId: string) => `CLIENT#${clientId}`;
/**
 * Sort key of a list ordered by name: case-insensitive, ties broken by id. The
 * separator sorts below every character a name can hold (control characters are
 * folded to spaces), so "Ana" comes before "Ana Ruiz".
 */
export const nameSortKey = (name: string, id: string) =>
  `${name
    .trim()
    .toLowerCase()
    .replace(/\p{Cc}/gu, ' ')}\u0001${id}`;

export const Staff = {
  type: 'staff',
  key: (staffId: string): PrimaryKey => ({ PK: `STAFF#${staffId}`, SK: 'STAFF' }),
  indexes: (s: { staffId: string; name: string; role: string; reportsTo?: string }): IndexKeys => ({
    GSI1PK: 'STAFF',
    GSI1SK: nameSortKey(s.name, s.staffId),
    GSI2PK: s.reportsTo ? `REPORTSTO#${s.reportsTo}` : undefined,
    GSI2SK: s.reportsTo ? `STAFF#${s.staffId}` : undefined,
    GSI3PK: `ROLE#${s.role}`,
    GSI3SK: `STAFF#${s.staffId}`,
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'STAFF' }),
  reportingTo: (managerId: string): KeyQuery => ({ index: 'GSI2', partition: `REPORTSTO#${managerId}` }),
  withRole: (role: string): KeyQuery => ({ index: 'GSI3', partition: `ROLE#${role}` }),
} as const;

/** Uniqueness of a staff email, and the sign-in lookup from email to staff id. */
export const StaffEmail = {
  type: 'staffEmail',
  key: (email: string): PrimaryKey => ({ PK: `STAFFEMAIL#${email.toLowerCase()}`, SK: 'STAFFEMAIL' }),
} as const;

/** Audit events about a staff member (appointment, role and reporting-line changes). */
export const StaffEvent = {
  type: 'event',
  key: (staffId: string, at: string, eventId: string): PrimaryKey => ({
    PK: `STAFF#${staffId}`,
    SK: `EVENT#${at}#${eventId}`,
  }),
  forStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'EVENT#' }),
} as const;

export const Client = {
  type: 'client',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'CLIENT' }),
  indexes: (c: { clientId: string; name: string }): IndexKeys => ({
    GSI1PK: 'CLIENTS',
    GSI1SK: nameSortKey(c.name, c.clientId),
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'CLIENTS' }),
} as const;

/** Uniqueness of a client code (the prefix of its job numbers). */
export const ClientCode = {
  type: 'clientCode',
  key: (code: string): PrimaryKey => ({ PK: `CLIENTCODE#${code}`, SK: 'CLIENTCODE' }),
} as const;

export const Contact = {
  type: 'contact',
  key: (clientId: string, contactId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACT#${contactId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'CONTACT#',
  }),
} as const;

/** Uniqueness of a contact's email within its client (sign-off links go to it). */
export const ContactEmail = {
  type: 'contactEmail',
  key: (clientId: string, email: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTEMAIL#${email.toLowerCase()}`,
  }),
} as const;

export const Brand = {
  type: 'brand',
  key: (clientId: string, brandId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRAND#${brandId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({ partition: clientPartition(clientId), sortPrefix: 'BRAND#' }),
} as const;

export const Team = {
  type: 'team',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'TEAM' }),
} as const;

/**
 * One item per account-team member: what makes a client visible to that member, and
 * (through GSI1) the list of clients a member works on.
 */
export const TeamMembership = {
  type: 'teamMembership',
  key: (clientId: string, staffId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEMBER#${staffId}`,
  }),
  indexes: (m: { clientId: string; staffId: string }): IndexKeys => ({
    GSI1PK: `STAFF#${m.staffId}#CLIENTS`,
    GSI1SK: `CLIENT#${m.clientId}`,
  }),
  clientsOf: (staffId: string): KeyQuery => ({ index: 'GSI1', partition: `STAFF#${staffId}#CLIENTS` }),
} as const;

/** The job's own sort key and its index keys order by status, then job number. */
const jobSort = (j: { status: string; jobNumber: string }) => `${j.status}#${j.jobNumber}`;

export const Job = {
  type: 'job',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `JOB#${jobId}`,
  }),
  indexes: (j: {
    clientId: string;
    brandId: string;
    ownerId: string;
    status: string;
    jobNumber: string;
  }): IndexKeys => ({
    GSI1PK: `CLIENT#${j.clientId}#JOBS`,
    GSI1SK: jobSort(j),
    GSI2PK: `BRAND#${j.brandId}#JOBS`,
    GSI2SK: jobSort(j),
    GSI3PK: `OWNER#${j.ownerId}#JOBS`,
    GSI3SK: jobSort(j),
  }),
  ofClient: (clientId: string, status?: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CLIENT#${clientId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
  ofBrand: (brandId: string, status?: string): KeyQuery => ({
    index: 'GSI2',
    partition: `BRAND#${brandId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
  ofOwner: (ownerId: string, status?: string): KeyQuery => ({
    index: 'GSI3',
    partition: `OWNER#${ownerId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
} as const;

/**
 * A creative draft and its versions share the prefix `DRAFT#<draftId>`, so one query
 * reads a draft with all its versions; draft ids have a fixed length, so one draft's
 * prefix never matches another's.
 */
export const Draft = {
  type: 'draft',
  key: (clientId: string, draftId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `DRAFT#${draftId}`,
  }),
  indexes: (d: { jobId: string; draftId: string }): IndexKeys => ({
    GSI1PK: `JOB#${d.jobId}#DRAFTS`,
    GSI1SK: `DRAFT#${d.draftId}`,
  }),
  withVersions: (clientId: string, draftId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `DRAFT#${draftId}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#DRAFTS` }),
} as const;

export const DraftVersion = {
  type: 'draftVersion',
  key: (clientId: string, draftId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `DRAFT#${draftId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;

/** The last job number issued for a client in a year; advanced in the job's transaction. */
export const JobSequence = {
  type: 'jobSequence',
  key: (clientId: string, year: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `JOBSEQ#${year}`,
  }),
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

/**
 * A review (sign-off run) of a draft; its steps, evidence and page views share its sort-key
 * prefix, so one query returns the whole run. GSI1 lists a draft's reviews.
 */
export const Review = {
  type: 'review',
  key: (clientId: string, reviewId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEW#${reviewId}`,
  }),
  indexes: (r: { draftId: string; reviewId: string }): IndexKeys => ({
    GSI1PK: `DRAFT#${r.draftId}#REVIEWS`,
    GSI1SK: `REVIEW#${r.reviewId}`,
  }),
  withParts: (clientId: string, reviewId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `REVIEW#${reviewId}`,
  }),
  ofDraft: (draftId: string): KeyQuery => ({ index: 'GSI1', partition: `DRAFT#${draftId}#REVIEWS` }),
} as const;

/** At most one review of a draft runs at a time: this marker names it while it runs. */
export const ActiveReview = {
  type: 'activeReview',
  key: (clientId: string, draftId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `ACTIVEREVIEW#${draftId}`,
  }),
} as const;

export const ReviewStep = {
  type: 'reviewStep',
  key: (clientId: string, reviewId: string, stepNo: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEW#${reviewId}#STEP#${String(stepNo).padStart(3, '0')}`,
  }),
  ofReview: (clientId: string, reviewId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `REVIEW#${reviewId}#STEP#`,
  }),
} as const;

/**
 * The Step Functions task token a waiting step resumes with. Kept apart from the step, so
 * writes of the step never carry (or clobber) it; it never leaves the server.
 */
export const StepToken = {
  type: 'stepToken',
  key: (clientId: string, reviewId: string, stepNo: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEW#${reviewId}#TOKEN#${String(stepNo).padStart(3, '0')}`,
  }),
} as const;

/** Append-only: a decision's evidence. */
export const Evidence = {
  type: 'evidence',
  key: (clientId: string, reviewId: string, at: string, evidenceId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEW#${reviewId}#EVIDENCE#${at}#${evidenceId}`,
  }),
} as const;

/** Append-only: an approval page opened. */
export const PageView = {
  type: 'pageView',
  key: (clientId: string, reviewId: string, at: string, viewId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEW#${reviewId}#VIEW#${at}#${viewId}`,
  }),
} as const;

/**
 * One approver's part of a step (a step lists its requests' ids). GSI1 is the approver's queue
 * (staff only), ordered by status then deadline.
 */
export const ApprovalRequest = {
  type: 'approvalRequest',
  key: (clientId: string, approvalId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `APPROVAL#${approvalId}`,
  }),
  indexes: (a: {
    approvalId: string;
    status: string;
    deadline: string;
    assignee: { kind: string; staffId?: string };
  }): IndexKeys =>
    a.assignee.kind === 'staff'
      ? { GSI1PK: `ASSIGNEE#${a.assignee.staffId}`, GSI1SK: `${a.status}#${a.deadline}#${a.approvalId}` }
      : {},
  ofAssignee: (staffId: string, status?: string): KeyQuery => ({
    index: 'GSI1',
    partition: `ASSIGNEE#${staffId}`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
} as const;

/**
 * An emailed approval link, found by the SHA-256 of its token (the token itself is never
 * stored). Its nonces (one per page shown) live in the same partition.
 */
export const ApprovalLink = {
  type: 'approvalLink',
  key: (tokenHash: string): PrimaryKey => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  nonceKey: (tokenHash: string, nonce: string): PrimaryKey => ({
    PK: `LINK#${tokenHash}`,
    SK: `NONCE#${nonce}`,
  }),
} as const;

/** Bad approval-link tokens counted per address and time window (throttling guessers). */
export const LinkThrottle = {
  type: 'linkThrottle',
  key: (addressHash: string, window: number): PrimaryKey => ({
    PK: `LINKTHROTTLE#${addressHash}`,
    SK: `WINDOW#${window}`,
  }),
} as const;

/** Attributes that exist for storage only and never leave the data layer. */
export const storageAttributes = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'itemType',
  'expiresAt',
  // The Step Functions task token of a waiting step: it resumes the workflow, so it never
  // leaves the server (not in a response, an email, a URL or a log).
  'taskToken',
] as const;
