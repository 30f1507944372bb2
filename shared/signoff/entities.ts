import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

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
  indexes: (r: { subjectId: string; reviewId: string }): IndexKeys => ({
    GSI1PK: `SUBJECT#${r.subjectId}#REVIEWS`,
    GSI1SK: `REVIEW#${r.reviewId}`,
  }),
  withParts: (clientId: string, reviewId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `REVIEW#${reviewId}`,
  }),
  ofSubject: (subjectId: string): KeyQuery => ({ index: 'GSI1', partition: `SUBJECT#${subjectId}#REVIEWS` }),
} as const;

/** At most one review of a subject (draft, media plan) runs at a time: this marker names it while it runs. */
export const ActiveReview = {
  type: 'activeReview',
  key: (clientId: string, subjectId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `ACTIVEREVIEW#${subjectId}`,
  }),
} as const;

/**
 * A cancelled review whose observers (a job's schedule, the AE's revision task) have not yet heard
 * of its end: written by the cancel's transaction, removed once every observer has heard. One
 * left behind (an observer failed) is finished by the daily overdue-milestones job. GSI2 lists them.
 */
export const PendingReviewEnd = {
  type: 'pendingReviewEnd',
  key: (clientId: string, reviewId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `REVIEWEND#${reviewId}`,
  }),
  indexes: (p: { reviewId: string }): IndexKeys => ({ GSI2PK: 'REVIEWEND#PENDING', GSI2SK: p.reviewId }),
  pending: (): KeyQuery => ({ index: 'GSI2', partition: 'REVIEWEND#PENDING' }),
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
  ofReview: (clientId: string, reviewId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `REVIEW#${reviewId}#EVIDENCE#`,
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
  /** Every approval request of a client (the client's status report reads the pending ones). */
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'APPROVAL#',
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

/** A client's written confirmation being uploaded (signed PDF, email), before it is recorded as their decision. */
export const ConfirmationUpload = {
  type: 'confirmationUpload',
  key: (clientId: string, uploadId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONFIRMUPLOAD#${uploadId}`,
  }),
} as const;
