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

/**
 * A media campaign of a job. GSI1 lists a job's campaigns; GSI2 holds the campaign, by the day
 * its post-campaign analysis is due, until that analysis exists (a sparse index the daily
 * job reads instead of scanning).
 */
export const MediaCampaign = {
  type: 'mediaCampaign',
  key: (clientId: string, campaignId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}`,
  }),
  indexes: (c: {
    jobId: string;
    campaignId: string;
    reportDueOn: string;
    lastReportAt?: string;
  }): IndexKeys => ({
    GSI1PK: `JOB#${c.jobId}#CAMPAIGNS`,
    GSI1SK: `CAMPAIGN#${c.campaignId}`,
    ...(c.lastReportAt ? {} : { GSI2PK: 'REPORTDUE', GSI2SK: `${c.reportDueOn}#${c.campaignId}` }),
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#CAMPAIGNS` }),
  reportsDue: (): KeyQuery => ({ index: 'GSI2', partition: 'REPORTDUE' }),
} as const;

/** The versions of a campaign's media brief (append-only). */
export const MediaBriefVersion = {
  type: 'mediaBriefVersion',
  key: (clientId: string, campaignId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#BRIEF#${String(number).padStart(4, '0')}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#BRIEF#`,
  }),
} as const;

/**
 * One plan of a campaign (its recommendation, its master plan, or one month's schedule), with
 * its versions under the same prefix. GSI1 lists a campaign's plans in stage order.
 */
export const MediaPlan = {
  type: 'mediaPlan',
  key: (clientId: string, planId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEDIAPLAN#${planId}`,
  }),
  indexes: (p: { campaignId: string; planId: string; kind: string; month?: string }): IndexKeys => ({
    GSI1PK: `CAMPAIGN#${p.campaignId}#PLANS`,
    GSI1SK: `${planStageOrder[p.kind as keyof typeof planStageOrder] ?? 9}#${p.month ?? '-'}#${p.planId}`,
  }),
  withVersions: (clientId: string, planId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `MEDIAPLAN#${planId}`,
  }),
  ofCampaign: (campaignId: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CAMPAIGN#${campaignId}#PLANS`,
  }),
} as const;

const planStageOrder = { recommendation: 1, master_plan: 2, monthly_schedule: 3 } as const;

/** One campaign has one plan per stage (and per month for schedules): this marker names it. */
export const MediaPlanSlot = {
  type: 'mediaPlanSlot',
  key: (clientId: string, campaignId: string, kind: string, month?: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#PLANSLOT#${kind}#${month ?? '-'}`,
  }),
} as const;

export const MediaPlanVersion = {
  type: 'mediaPlanVersion',
  key: (clientId: string, planId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEDIAPLAN#${planId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;

/** A booking (insertion order) of a campaign; its campaign's bookings share a sort-key prefix. */
export const Booking = {
  type: 'booking',
  key: (clientId: string, campaignId: string, bookingId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#BOOKING#${bookingId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#BOOKING#`,
  }),
} as const;

/** A plan line is booked once: this marker holds the booking that took it. */
export const BookedLine = {
  type: 'bookedLine',
  key: (clientId: string, planId: string, version: number, lineId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BOOKEDLINE#${planId}#${String(version).padStart(4, '0')}#${lineId}`,
  }),
} as const;

/** A monitoring import (CSV upload or JSON rows) of a campaign: its counts and rejected rows. */
export const MonitoringImport = {
  type: 'monitoringImport',
  key: (clientId: string, campaignId: string, importId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#IMPORT#${importId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#IMPORT#`,
  }),
} as const;

/**
 * Delivered media, one item per monitoring row, in the campaign's own partition ordered by
 * date: reports and discrepancy checks stream it page by page, never with a Scan.
 */
export const DeliveryRow = {
  type: 'deliveryRow',
  key: (campaignId: string, date: string, importId: string, row: number): PrimaryKey => ({
    PK: `CAMPAIGN#${campaignId}#DELIVERY`,
    SK: `${date}#${importId}#${String(row).padStart(7, '0')}`,
  }),
  ofCampaign: (campaignId: string): KeyQuery => ({ partition: `CAMPAIGN#${campaignId}#DELIVERY` }),
} as const;

/** A discrepancy between a booking and what was delivered (under-delivery, missed spots, wrong dates). */
export const Discrepancy = {
  type: 'discrepancy',
  key: (clientId: string, campaignId: string, discrepancyId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#DISCREPANCY#${discrepancyId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#DISCREPANCY#`,
  }),
} as const;

/** What a booking's vendor needs delivered (format, size or duration, deadline) and the draft version that answers it. */
export const MaterialRequisition = {
  type: 'materialRequisition',
  key: (clientId: string, campaignId: string, bookingId: string, requisitionId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#MATERIAL#${bookingId}#${requisitionId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#MATERIAL#`,
  }),
  /** GSI2 holds a requisition by its deadline only while it is open (the sparse index the warnings read). */
  indexes: (m: { requisitionId: string; deliveryDeadline: string; status: string }): IndexKeys =>
    m.status === 'open'
      ? { GSI2PK: 'MATERIAL#OPEN', GSI2SK: `${m.deliveryDeadline}#${m.requisitionId}` }
      : {},
  /** Open requisitions by delivery deadline, across clients (the daily warning job; sparse). */
  openByDeadline: (): KeyQuery => ({ index: 'GSI2', partition: 'MATERIAL#OPEN' }),
} as const;

/** A generated post-campaign analysis (HTML and CSV in S3). */
export const CampaignReport = {
  type: 'campaignReport',
  key: (clientId: string, campaignId: string, reportId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#REPORT#${reportId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#REPORT#`,
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

/** A client's written confirmation being uploaded (signed PDF, email), before it is recorded as their decision. */
export const ConfirmationUpload = {
  type: 'confirmationUpload',
  key: (clientId: string, uploadId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONFIRMUPLOAD#${uploadId}`,
  }),
} as const;

/** The task token of a campaign's media chain while it waits for a stage's confirmation (never leaves the server). */
export const ChainToken = {
  type: 'chainToken',
  key: (clientId: string, campaignId: string, stage: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#CHAINTOKEN#${stage}`,
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
