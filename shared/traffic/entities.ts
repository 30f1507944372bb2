import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * Traffic's items in the single table (docs/data-model.md, "Traffic"). A job's schedule is one
 * item with its milestones inside (saved whole, under one optimistic version); what must be
 * found across jobs — an owner's open milestones, every open milestone by due date, the board —
 * are small items projected from it.
 */

/** A job's schedule: every milestone in one item (at most 300; the item stays under 400 KB). */
export const Schedule = {
  type: 'schedule',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}`,
  }),
} as const;

/** The signed timetable's dates, written when the client signs it (apart from the schedule, so signing never races an edit). */
export const ScheduleBaseline = {
  type: 'scheduleBaseline',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#BASELINE`,
  }),
} as const;

/** A timetable version: the schedule as a document for the client's signature. */
export const TimetableVersion = {
  type: 'timetableVersion',
  key: (clientId: string, jobId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#TIMETABLE#${String(number).padStart(4, '0')}`,
  }),
  ofJob: (clientId: string, jobId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `SCHEDULE#${jobId}#TIMETABLE#`,
  }),
} as const;

/** The job's creative brief was approved by the account manager: creative milestones may start. */
export const CreativeBriefApproval = {
  type: 'creativeBriefApproval',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#CREATIVEBRIEF`,
  }),
} as const;

/** A proposed move of a milestone, decided by the job's AE or the traffic coordinator. */
export const ScheduleProposal = {
  type: 'scheduleProposal',
  key: (clientId: string, jobId: string, proposalId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#PROPOSAL#${proposalId}`,
  }),
  ofJob: (clientId: string, jobId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `SCHEDULE#${jobId}#PROPOSAL#`,
  }),
} as const;

/** The job's next open milestone, for the traffic coordinator's board (sparse: only while one is open). */
export const BoardEntry = {
  type: 'trafficBoardEntry',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#BOARD`,
  }),
  indexes: (e: { jobId: string; nextDue?: string }): IndexKeys =>
    e.nextDue ? { GSI2PK: 'TRAFFICBOARD', GSI2SK: `${e.nextDue}#${e.jobId}` } : {},
  board: (): KeyQuery => ({ index: 'GSI2', partition: 'TRAFFICBOARD' }),
} as const;

/**
 * One milestone as a task: in its owner's list (GSI1, staff owners only) and in the list of
 * every open milestone by due date (GSI2), while it is open. Done or removed milestones keep
 * their item without index keys (a tombstone with the schedule version it was projected from, so
 * an older projection can never bring it back).
 */
export const MilestoneTask = {
  type: 'milestoneTask',
  key: (clientId: string, jobId: string, milestoneId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `TASK#${jobId}#${milestoneId}`,
  }),
  indexes: (t: {
    jobId: string;
    milestoneId: string;
    open: boolean;
    due: string;
    owner: { kind: string; staffId?: string };
  }): IndexKeys => {
    if (!t.open) return {};
    const sort = `${t.due}#${t.jobId}#${t.milestoneId}`;
    return {
      ...(t.owner.kind === 'staff' ? { GSI1PK: `TASKS#${t.owner.staffId}`, GSI1SK: sort } : {}),
      GSI2PK: 'OPENMILESTONES',
      GSI2SK: sort,
    };
  },
  ofJob: (clientId: string, jobId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `TASK#${jobId}#`,
  }),
  /** Every milestone task of a client's jobs (the client's status report reads them). */
  ofClient: (clientId: string): KeyQuery => ({ partition: clientPartition(clientId), sortPrefix: 'TASK#' }),
  ofOwner: (staffId: string): KeyQuery => ({ index: 'GSI1', partition: `TASKS#${staffId}` }),
  open: (): KeyQuery => ({ index: 'GSI2', partition: 'OPENMILESTONES' }),
} as const;

/**
 * A schedule whose task items still lag its version (a change too large for its own transaction):
 * the projection after the save removes it; the daily job finishes any a failure left behind.
 */
export const PendingTaskProjection = {
  type: 'pendingTaskProjection',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `SCHEDULE#${jobId}#PROJECTION`,
  }),
  indexes: (p: { jobId: string }): IndexKeys => ({ GSI2PK: 'TASKPROJECTION#PENDING', GSI2SK: p.jobId }),
  pending: (): KeyQuery => ({ index: 'GSI2', partition: 'TASKPROJECTION#PENDING' }),
} as const;

/** The agency's schedule template for a job type (absent: the built-in one). */
export const ScheduleTemplateItem = {
  type: 'scheduleTemplate',
  key: (jobType: string): PrimaryKey => ({ PK: `SCHEDULETEMPLATE#${jobType}`, SK: 'TEMPLATE' }),
} as const;

/** A brief of a job; its versions share its prefix. GSI1 lists a job's briefs. */
export const Brief = {
  type: 'brief',
  key: (clientId: string, briefId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRIEF#${briefId}`,
  }),
  indexes: (b: { jobId: string; briefId: string }): IndexKeys => ({
    GSI1PK: `JOB#${b.jobId}#BRIEFS`,
    GSI1SK: `BRIEF#${b.briefId}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#BRIEFS` }),
  withVersions: (clientId: string, briefId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `BRIEF#${briefId}`,
  }),
} as const;

export const BriefVersion = {
  type: 'briefVersion',
  key: (clientId: string, briefId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRIEF#${briefId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;

/**
 * A task another context sets someone (an action agreed in a meeting: a contact report's next
 * step), written through `actionTaskWrite`: in its owner's list beside their milestones (GSI1
 * `TASKS#<staffId>`, by due date) while open. Closed ones keep their item without index keys.
 */
export const ActionTask = {
  type: 'actionTask',
  key: (clientId: string, source: string, sourceId: string, actionId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `ACTION#${source}#${sourceId}#${actionId}`,
  }),
  indexes: (t: {
    open: boolean;
    due: string;
    ownerId: string;
    source: string;
    sourceId: string;
    actionId: string;
  }): IndexKeys =>
    t.open
      ? { GSI1PK: `TASKS#${t.ownerId}`, GSI1SK: `${t.due}#${t.source}#${t.sourceId}#${t.actionId}` }
      : {},
  ofSource: (clientId: string, source: string, sourceId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `ACTION#${source}#${sourceId}#`,
  }),
} as const;
