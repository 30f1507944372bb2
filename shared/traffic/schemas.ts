import * as z from 'zod';
import { jobTypes } from '../jobs/index.js';
import {
  dateSchema,
  idSchema,
  moneySchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
  versionNumberParam,
} from '../platform/schemas.js';
import { stages, startReviewSchema, subjectTypes } from '../signoff/index.js';

/**
 * Traffic (domain.md §2–§4): a job's schedule of milestones (工作流程表), the templates it is drawn
 * from, its timetable as the client signs it, the briefs, everyone's task list and the traffic
 * coordinator's board.
 */

// ---------------------------------------------------------------------------------------------
// Milestones and schedules
// ---------------------------------------------------------------------------------------------

/** Who does a milestone's work: the agency's departments, or the client's own steps. */
export const departments = ['account', 'creative', 'media', 'production', 'research', 'client'] as const;

export const milestoneStatuses = ['not_started', 'in_progress', 'done'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/**
 * Which part of a sign-off a milestone follows: one stage of its reviews (`client`: the client's
 * review or confirmation; `internal`: the agency's approval, e.g. the AM's approval of a brief;
 * `revision`: the work back with its makers), or `signed_off`: the whole sign-off until signed.
 */
export const linkStages = [...stages, 'signed_off'] as const;

/** The largest schedule: its milestones live in one item (400 KB), saved in one transaction. */
export const maxMilestones = 300;
/** Lags and durations in working days of the client's calendar. */
const maxWorkingDays = 500;

export const milestoneIdSchema = z
  .string()
  .max(5)
  .regex(/^M\d{3,4}$/, 'A milestone id of this schedule, e.g. M003.')
  .meta({ description: 'Milestone id within its schedule (M001, M002, …).' });

const scheduleDate = dateSchema.refine(
  (d) => d >= '2000-01-01' && d <= '2099-12-31',
  'Must be a date between 2000 and 2099.',
);

export const ownerSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('staff'), staffId: idSchema }),
    z.strictObject({ kind: z.literal('client') }),
  ])
  .meta({ id: 'MilestoneOwner', description: 'A staff member, or the client (its own steps).' });
export type MilestoneOwner = z.output<typeof ownerSchema>;

export const dependencySchema = z
  .strictObject({
    milestoneId: milestoneIdSchema,
    lagDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).default(0).meta({
      description: 'Working days between the predecessor’s end and this start (finish-to-start).',
    }),
  })
  .meta({ id: 'MilestoneDependency' });
export type Dependency = z.output<typeof dependencySchema>;

export const signOffLinkSchema = z
  .strictObject({
    subjectType: z.enum(subjectTypes),
    subjectId: scopedIdSchema.meta({
      description: 'The draft, media plan or brief id; for a timetable, the job id.',
    }),
    stage: z.enum(linkStages),
  })
  .meta({
    id: 'MilestoneSignOffLink',
    description:
      'The sign-off the milestone follows: it starts when that stage opens and is done when it settles (client: the client answered; internal: approved; revision: a new version came; signed_off: the review released it). Dependants move with it.',
  });

export const followsSchema = z
  .strictObject({
    subjectType: z.enum(subjectTypes),
    stage: z.enum(linkStages),
    kind: text(40)
      .optional()
      .meta({ description: 'Only subjects of this kind (a brief kind, a draft kind).' }),
  })
  .meta({
    id: 'MilestoneFollowRule',
    description:
      'A template’s rule: the first sign-off of this job that matches is linked to the milestone automatically.',
  });

/** The sign-off steps a linked milestone has seen (facts from the engine; the waiting time is counted from them). */
export const signOffStepFactSchema = z.object({
  reviewId: scopedIdSchema,
  stepNo: z.number().int().positive(),
  stage: z.enum(stages),
  openedAt: timestampSchema,
  settledAt: timestampSchema.optional(),
  status: z.string().optional(),
});

/** A milestone drawn from a built-in template, its name unchanged: readers see that name in their language. */
const builtInNameKeySchema = z.string().meta({
  description:
    'The built-in template milestone it was drawn from, while its name is unchanged: the name is shown in each reader’s language (`name` is the English one). Absent for a name staff typed.',
});

/** What a schedule keeps of a milestone: its plan, its facts and its computed dates. */
export const storedMilestoneSchema = z.object({
  milestoneId: milestoneIdSchema,
  name: z.string(),
  nameKey: builtInNameKeySchema.optional(),
  department: z.enum(departments),
  owner: ownerSchema,
  ownerName: z.string().meta({ description: 'The owner’s name when assigned (“Client” for the client).' }),
  durationDays: z.number().int().min(0),
  maxDurationDays: z.number().int().min(0).optional(),
  dependsOn: z.array(dependencySchema),
  deliverable: z.string().optional(),
  deliverableKey: z.string().optional().meta({
    description:
      'The built-in template milestone its deliverable was drawn from, while the deliverable is unchanged: shown in each reader’s language (`deliverable` is the English one). Absent for a deliverable staff typed.',
  }),
  link: signOffLinkSchema.optional(),
  follows: followsSchema.optional(),
  notBefore: dateSchema.optional().meta({
    description: 'Set by a move: the milestone starts on this day, or later when its predecessors end later.',
  }),
  status: z.enum(milestoneStatuses),
  actualStart: dateSchema.optional(),
  actualEnd: dateSchema.optional(),
  actualWorkingDays: z.number().int().min(0).optional().meta({
    description: 'How long it took, in working days (a sign-off step: the working days it was open).',
  }),
  startedAt: timestampSchema.optional(),
  endedAt: timestampSchema.optional(),
  signOffSteps: z.array(signOffStepFactSchema).optional(),
  start: dateSchema,
  due: dateSchema,
  critical: z.boolean(),
  slackDays: z.number().int(),
});
export type StoredMilestone = z.output<typeof storedMilestoneSchema>;

const waitingSchema = z
  .object({
    clientDays: z.number().int().nonnegative(),
    agencyDays: z.number().int().nonnegative(),
  })
  .meta({ id: 'WaitingDays', description: 'Working days waiting on the client and on the agency.' });

export const waitingSegmentSchema = z
  .object({
    party: z.enum(['client', 'agency']),
    from: dateSchema,
    to: dateSchema.optional().meta({ description: 'Absent while still waiting.' }),
    stage: z.enum(stages).optional(),
    workingDays: z.number().int().nonnegative(),
  })
  .meta({ id: 'WaitingSegment' });
export type WaitingSegment = z.output<typeof waitingSegmentSchema>;

export const milestoneSchema = storedMilestoneSchema
  .extend({
    ready: z.boolean().meta({ description: 'Every predecessor is done: it may start.' }),
    overdueDays: z.number().int().nonnegative().meta({
      description: 'Working days past its due date without being done (0: not overdue).',
    }),
    baseline: z.object({ start: dateSchema, due: dateSchema }).optional().meta({
      description: 'Its dates in the signed timetable.',
    }),
    slipDays: z.number().int().optional().meta({
      description: 'Working days its due date moved against the baseline (negative: earlier).',
    }),
    waiting: waitingSchema,
    waitingSegments: z.array(waitingSegmentSchema),
  })
  .meta({ id: 'Milestone' });
export type Milestone = z.output<typeof milestoneSchema>;

/**
 * What the reader may do with the schedule, from the same rules the server applies to each request
 * (so a screen offers a move, a proposal or an answer to the right people; every request is still
 * checked).
 */
export const scheduleAllowedSchema = z
  .object({
    move: z.boolean().meta({ description: 'Move milestones (the traffic coordinator, the job’s AE).' }),
    reshape: z.boolean().meta({ description: 'Add, remove and rework milestones.' }),
    decideProposals: z.boolean().meta({ description: 'Accept or decline proposed changes.' }),
    freezeTimetable: z.boolean().meta({ description: 'Prepare timetable versions for the client.' }),
    sendTimetable: z
      .boolean()
      .meta({ description: 'Send a timetable version for sign-off (start its review: an AE or above).' }),
    reportProgress: z
      .array(milestoneIdSchema)
      .meta({ description: 'The milestones whose start and finish the reader may report.' }),
  })
  .meta({ id: 'ScheduleAllowed' });

/** The client's calendar around the schedule: the days a chart greys out and a move skips. */
export const scheduleCalendarSchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    nonWorkingDays: z.array(dateSchema).meta({
      description: 'Weekend days and holidays of the client’s calendar between from and to.',
    }),
  })
  .meta({ id: 'ScheduleCalendar' });

export const scheduleSchema = z
  .object({
    jobId: scopedIdSchema,
    clientId: idSchema,
    clientName: z.string(),
    jobNumber: z.string(),
    jobTitle: z.string(),
    jobOwnerId: idSchema,
    templateJobType: z.enum(jobTypes).optional(),
    startDate: dateSchema,
    timeZone: z.string().meta({ description: "The client's time zone: dates are days of its calendar." }),
    today: dateSchema.meta({ description: "Today in the client's time zone." }),
    endDate: dateSchema,
    criticalPath: z.array(milestoneIdSchema),
    milestones: z.array(milestoneSchema),
    waiting: waitingSchema.meta({
      description:
        'Working days on which something of the job waited on the client / on the agency (each day counted once per party).',
    }),
    baseline: z
      .object({
        timetableVersion: z.number().int().positive(),
        signedAt: timestampSchema,
        reviewId: scopedIdSchema.optional(),
        endDate: dateSchema,
        slipDays: z.number().int(),
      })
      .optional()
      .meta({ description: 'The signed timetable: later moves show their slip against it.' }),
    tasksUpToDate: z.boolean().meta({
      description:
        'Whether everyone’s task lists already show this version (large changes catch up after saving).',
    }),
    calendar: scheduleCalendarSchema,
    allowed: scheduleAllowedSchema
      .optional()
      .meta({ description: 'What the reader may do (answers to a person; absent elsewhere).' }),
    createdBy: idSchema,
    updatedBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Schedule' });
export type ScheduleView = z.output<typeof scheduleSchema>;

export const createScheduleSchema = z
  .strictObject({
    startDate: scheduleDate.meta({
      description: 'The first day of work (the first working day on or after it).',
    }),
    templateJobType: z
      .enum(jobTypes)
      .optional()
      .meta({ description: 'The template to draw from; the job’s type by default.' }),
  })
  .meta({ id: 'CreateSchedule' });
export type CreateScheduleInput = z.output<typeof createScheduleSchema>;

const newMilestoneSchema = z.strictObject({
  name: text(120),
  department: z.enum(departments),
  owner: ownerSchema,
  durationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }),
  maxDurationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).optional(),
  dependsOn: z.array(dependencySchema).max(20).default([]),
  deliverable: text(300).optional(),
  link: signOffLinkSchema.optional(),
});

const milestoneUpdateSchema = z.strictObject({
  milestoneId: milestoneIdSchema,
  name: text(120).optional(),
  department: z.enum(departments).optional(),
  owner: ownerSchema.optional(),
  maxDurationDays: z
    .number()
    .int()
    .min(0)
    .max(maxWorkingDays)
    .meta({ format: 'int32' })
    .nullable()
    .optional(),
  dependsOn: z.array(dependencySchema).max(20).optional(),
  deliverable: text(300).nullable().optional(),
  link: signOffLinkSchema.nullable().optional(),
});

export const moveSchema = z
  .strictObject({
    milestoneId: milestoneIdSchema,
    start: scheduleDate.optional().meta({ description: 'Its new first day (a working day).' }),
    durationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).optional(),
  })
  .refine((m) => m.start !== undefined || m.durationDays !== undefined, {
    message: 'Give a new start, a new duration, or both.',
  })
  .meta({ id: 'MilestoneMove' });

export const scheduleChangeSchema = z
  .strictObject({
    moves: z.array(moveSchema).max(50).optional().meta({
      description: 'Rescheduling: new starts and durations; dependants move with them.',
    }),
    add: z.array(newMilestoneSchema).max(100).optional(),
    update: z.array(milestoneUpdateSchema).max(maxMilestones).optional(),
    remove: z.array(milestoneIdSchema).max(100).optional(),
    note: text(500).optional().meta({ description: 'Why: kept in the job’s activity.' }),
  })
  .refine((c) => Boolean(c.moves?.length || c.add?.length || c.update?.length || c.remove?.length), {
    message: 'Send at least one move, addition, update or removal.',
  })
  .meta({ id: 'ScheduleChange' });
export type ScheduleChange = z.output<typeof scheduleChangeSchema>;

export const scheduleChangeResultSchema = z
  .object({
    schedule: scheduleSchema,
    moved: z.array(
      z.object({
        milestoneId: milestoneIdSchema,
        name: z.string(),
        nameKey: builtInNameKeySchema.optional(),
        from: z.object({ start: dateSchema, due: dateSchema }).optional(),
        to: z.object({ start: dateSchema, due: dateSchema }).optional(),
      }),
    ),
    endDate: z.object({ from: dateSchema, to: dateSchema }),
    shiftDays: z
      .number()
      .int()
      .meta({ description: 'Working days the job’s end moves (negative: earlier).' }),
    saved: z.boolean(),
  })
  .meta({ id: 'ScheduleChangeResult' });

export const progressSchema = z
  .strictObject({
    status: z.enum(['in_progress', 'done']),
    on: scheduleDate
      .optional()
      .meta({ description: 'The day it started or was finished; today by default.' }),
  })
  .meta({ id: 'MilestoneProgress' });
export type ProgressInput = z.output<typeof progressSchema>;

export const jobParams = z.strictObject({ jobId: scopedIdSchema });
export const milestoneParams = z.strictObject({ jobId: scopedIdSchema, milestoneId: milestoneIdSchema });

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

const templateKey = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'A short key: lower-case letters, digits and underscores.');

export const ownerRoles = [
  'job_owner',
  'account_manager',
  'account_executive',
  'assistant_account_executive',
  'traffic_coordinator',
  'creative',
  'media',
  'planning',
  'production',
  'client',
] as const;

export const templateMilestoneSchema = z
  .strictObject({
    key: templateKey,
    name: text(120),
    department: z.enum(departments),
    ownerRole: z.enum(ownerRoles).meta({
      description:
        'Who owns it when a schedule is drawn: the first active team member with that role (else the job’s owner), or the client.',
    }),
    durationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }),
    maxDurationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).optional(),
    dependsOn: z
      .array(
        z.strictObject({
          key: templateKey,
          lagDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).default(0),
        }),
      )
      .max(20)
      .default([]),
    deliverable: text(300).optional(),
    follows: followsSchema.optional(),
  })
  .meta({ id: 'TemplateMilestone' });
export type TemplateMilestone = z.output<typeof templateMilestoneSchema>;

export const putTemplateSchema = z
  .strictObject({
    name: text(120),
    milestones: z.array(templateMilestoneSchema).min(1).max(maxMilestones),
  })
  .meta({ id: 'PutScheduleTemplate' });
export type PutTemplateInput = z.output<typeof putTemplateSchema>;

export const templateSchema = z
  .object({
    jobType: z.enum(jobTypes),
    name: z.string(),
    milestones: z.array(templateMilestoneSchema),
    builtIn: z.boolean().meta({ description: 'Not edited yet: the agency’s standard template.' }),
    version: z.number().int().nonnegative().meta({ description: '0 for the built-in template.' }),
    updatedAt: timestampSchema.optional(),
    updatedBy: idSchema.optional(),
  })
  .meta({ id: 'ScheduleTemplate' });
export type ScheduleTemplate = z.output<typeof templateSchema>;

export const templateParams = z.strictObject({ jobType: z.enum(jobTypes) });

// ---------------------------------------------------------------------------------------------
// Proposals (someone who may not move a milestone proposes it)
// ---------------------------------------------------------------------------------------------

export const createProposalSchema = z
  .strictObject({
    milestoneId: milestoneIdSchema,
    start: scheduleDate.optional(),
    durationDays: z.number().int().min(0).max(maxWorkingDays).meta({ format: 'int32' }).optional(),
    reason: text(1000),
  })
  .refine((m) => m.start !== undefined || m.durationDays !== undefined, {
    message: 'Propose a new start, a new duration, or both.',
  })
  .meta({ id: 'CreateScheduleProposal' });
export type CreateProposalInput = z.output<typeof createProposalSchema>;

export const proposalSchema = z
  .object({
    proposalId: idSchema,
    jobId: scopedIdSchema,
    clientId: idSchema,
    milestoneId: milestoneIdSchema,
    milestoneName: z.string(),
    milestoneNameKey: builtInNameKeySchema.optional(),
    current: z.object({ start: dateSchema, due: dateSchema, durationDays: z.number().int() }),
    proposed: z.object({ start: dateSchema.optional(), durationDays: z.number().int().optional() }),
    preview: z.object({ endDate: dateSchema, shiftDays: z.number().int(), moved: z.number().int() }),
    reason: z.string(),
    proposedBy: idSchema,
    status: z.enum(['pending', 'accepted', 'declined']),
    decidedBy: idSchema.optional(),
    decidedAt: timestampSchema.optional(),
    comment: z.string().optional(),
    appliedInVersion: z.number().int().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'ScheduleProposal' });
export type Proposal = z.output<typeof proposalSchema>;

export const proposalDecisionSchema = z
  .strictObject({ decision: z.enum(['accept', 'decline']), comment: text(1000).optional() })
  .meta({ id: 'ScheduleProposalDecision' });
export type ProposalDecisionInput = z.output<typeof proposalDecisionSchema>;

export const proposalParams = z.strictObject({ jobId: scopedIdSchema, proposalId: idSchema });
export const proposalListQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'declined', 'all']).default('pending'),
});

// ---------------------------------------------------------------------------------------------
// The timetable (a schedule version as the client signs it) and its baseline
// ---------------------------------------------------------------------------------------------

export const timetableStatuses = [
  'draft',
  'in_review',
  'signed',
  'changes_requested',
  'rejected',
  'superseded',
] as const;

export const timetableVersionSchema = z
  .object({
    jobId: scopedIdSchema,
    clientId: idSchema,
    number: z.number().int().positive(),
    scheduleVersion: z.number().int().positive(),
    endDate: dateSchema,
    milestones: z.array(
      z.object({
        milestoneId: milestoneIdSchema,
        name: z.string(),
        nameKey: builtInNameKeySchema.optional(),
        department: z.enum(departments),
        owner: z.string(),
        start: dateSchema,
        due: dateSchema,
        critical: z.boolean(),
      }),
    ),
    document: storedFileSchema.meta({
      description: 'The timetable as an HTML document (what the client signs).',
    }),
    status: z.enum(timetableStatuses),
    signedAt: timestampSchema.optional(),
    reviewId: scopedIdSchema.optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'TimetableVersion' });
export type TimetableVersion = z.output<typeof timetableVersionSchema>;

export const timetableVersionParams = z.strictObject({
  jobId: scopedIdSchema,
  n: versionNumberParam,
});

/** The signed timetable: the dates later moves are compared with. */
export interface Baseline {
  jobId: string;
  clientId: string;
  timetableVersion: number;
  signedAt: string;
  reviewId?: string;
  endDate: string;
  dates: Record<string, { start: string; due: string }>;
}

// ---------------------------------------------------------------------------------------------
// Briefs
// ---------------------------------------------------------------------------------------------

/** client: the client's instruction as received; creative, media, research: the agency's briefs. */
export const briefKinds = ['client', 'creative', 'media', 'research'] as const;
export type BriefKind = (typeof briefKinds)[number];

const briefBody = {
  title: text(200),
  background: text(4000).optional(),
  objective: text(2000).optional(),
  targetAudience: text(2000).optional(),
  keyMessage: text(1000).optional().meta({ description: 'The key message or proposition.' }),
  mandatories: text(2000).optional(),
  deliverables: z.array(text(300)).max(50).optional(),
  budget: moneySchema.optional(),
  timing: text(1000).optional(),
  // A media brief (domain.md §5: it follows the brand strategy and leaves the media team room to plan).
  markets: z.array(text(100)).max(50).optional(),
  flight: z
    .strictObject({ start: scheduleDate, end: scheduleDate })
    .refine((f) => f.end >= f.start, 'The flight must end on or after its start.')
    .optional(),
  channelsConsidered: z.array(text(60)).max(30).optional(),
  kpis: z.array(text(200)).max(30).optional(),
  mediaCampaignId: scopedIdSchema.optional().meta({
    description: 'A media brief may name the media campaign that answers it (same client).',
  }),
  // A research brief.
  questions: z.array(text(500)).max(50).optional(),
  method: text(1000).optional(),
  sample: text(1000).optional(),
};

const mediaOnly = ['markets', 'flight', 'channelsConsidered', 'kpis', 'mediaCampaignId'] as const;
const researchOnly = ['questions', 'method', 'sample'] as const;

/** A field of another kind's brief is named, not silently stored. */
function fieldsFitKind(value: Record<string, unknown>, kind: BriefKind, ctx: z.RefinementCtx) {
  const foreign = [
    ...(kind === 'media' ? [] : mediaOnly),
    ...(kind === 'research' ? [] : researchOnly),
  ].filter((field) => value[field] !== undefined);
  for (const field of foreign) {
    ctx.addIssue({ code: 'custom', path: [field], message: `A ${kind} brief has no ${field}.` });
  }
}

export const briefContentSchema = z.strictObject(briefBody);
export type BriefContent = z.output<typeof briefContentSchema>;

export const createBriefSchema = z
  .strictObject({ kind: z.enum(briefKinds), ...briefBody })
  .superRefine((value, ctx) => fieldsFitKind(value, value.kind, ctx))
  .meta({ id: 'CreateBrief' });
export type CreateBriefInput = z.output<typeof createBriefSchema>;

export const reviseBriefSchema = z.strictObject(briefBody).meta({
  id: 'ReviseBrief',
  description: 'The whole brief as it now stands: a new version.',
});

export const briefStatuses = [
  'draft',
  'in_review',
  'approved',
  'signed',
  'changes_requested',
  'rejected',
  'superseded',
] as const;

export const briefVersionSchema = z
  .object({
    briefId: scopedIdSchema,
    kind: z.enum(briefKinds),
    number: z.number().int().positive(),
    ...briefBody,
    title: z.string(),
    document: storedFileSchema,
    status: z.enum(briefStatuses),
    approvedAt: timestampSchema.optional().meta({ description: 'The account manager’s approval.' }),
    approvedInReview: scopedIdSchema.optional(),
    signedAt: timestampSchema.optional().meta({ description: 'The client’s sign-off.' }),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'BriefVersion' });
export type BriefVersion = z.output<typeof briefVersionSchema>;

export const briefSchema = z
  .object({
    briefId: scopedIdSchema,
    clientId: idSchema,
    jobId: scopedIdSchema,
    kind: z.enum(briefKinds),
    title: z.string(),
    latestVersion: z.number().int().positive(),
    approvedVersion: z.number().int().positive().optional().meta({
      description: 'The latest version the account manager approved (creative work may start).',
    }),
    signedVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The latest version the client signed.' }),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Brief' });
export type Brief = z.output<typeof briefSchema>;

export const briefWithVersionSchema = z
  .object({ brief: briefSchema, version: briefVersionSchema })
  .meta({ id: 'BriefWithVersion' });

export const briefParams = z.strictObject({ briefId: scopedIdSchema });
export const briefVersionParams = z.strictObject({
  briefId: scopedIdSchema,
  n: versionNumberParam,
});
export const briefListQuery = z.strictObject({ kind: z.enum(briefKinds).optional() });

export const startBriefReviewSchema = startReviewSchema
  .extend({
    clientSignOff: z.boolean().default(false).meta({
      description:
        'Also to the client after the account manager’s approval (client and creative briefs); otherwise the review ends with the internal approval.',
    }),
  })
  .meta({ id: 'StartBriefReview' });

// ---------------------------------------------------------------------------------------------
// Tasks and the traffic board
// ---------------------------------------------------------------------------------------------

export const urgencies = ['overdue', 'today', 'this_week', 'later'] as const;

export const taskSchema = z
  .object({
    kind: z.enum(['milestone', 'approval', 'action', 'revision']).meta({
      description:
        'A milestone of a job’s schedule, an approval waiting for you, an action another part of the desk set you (a next step agreed in a meeting), or changes the client asked for on your job’s review, waiting for a new version.',
    }),
    urgency: z.enum(urgencies),
    due: dateSchema.meta({ description: 'The day it is due (client’s calendar).' }),
    dueAt: timestampSchema.optional().meta({ description: 'An approval’s deadline.' }),
    overdueDays: z.number().int().nonnegative(),
    clientId: idSchema,
    clientName: z.string(),
    jobId: scopedIdSchema.optional().meta({ description: 'Absent for an action that names no job.' }),
    jobNumber: z.string(),
    jobTitle: z.string(),
    title: z.string(),
    source: z
      .string()
      .optional()
      .meta({ description: 'What set an action (`contact_report`, or `review` for a revision).' }),
    sourceId: z
      .string()
      .optional()
      .meta({ description: 'The record that set it (the contact report, the review).' }),
    actionId: z.string().optional().meta({ description: 'The action within it (the next step).' }),
    milestoneId: milestoneIdSchema.optional(),
    department: z.enum(departments).optional(),
    status: z.string(),
    critical: z.boolean().optional(),
    start: dateSchema.optional(),
    approvalId: scopedIdSchema.optional(),
    stage: z.enum(stages).optional(),
    subjectType: z.enum(subjectTypes).optional(),
    subjectId: scopedIdSchema.optional(),
    path: z.string().meta({ description: 'Where it is handled (an API path).' }),
  })
  .meta({ id: 'Task' });
export type Task = z.output<typeof taskSchema>;

export const taskListQuery = z.strictObject({
  due: z.enum(['all', 'overdue', 'today', 'week']).default('all').meta({
    description: 'all open items; overdue; due today or overdue; due this week (to Sunday) or overdue.',
  }),
  ...pageQuery,
});
export type TaskListQuery = z.output<typeof taskListQuery>;

export const staffTasksParams = z.strictObject({ staffId: idSchema });

export const boardEntrySchema = z
  .object({
    clientId: idSchema,
    clientName: z.string(),
    jobId: scopedIdSchema,
    jobNumber: z.string(),
    jobTitle: z.string(),
    jobOwnerId: idSchema,
    jobStatus: z.string(),
    next: z
      .object({
        milestoneId: milestoneIdSchema,
        name: z.string(),
        nameKey: builtInNameKeySchema.optional(),
        department: z.enum(departments),
        owner: ownerSchema,
        start: dateSchema,
        due: dateSchema,
        status: z.enum(milestoneStatuses),
        critical: z.boolean(),
      })
      .meta({ description: 'The open milestone due first.' }),
    late: z.boolean(),
    overdueDays: z.number().int().nonnegative(),
    endDate: dateSchema,
    baselineEndDate: dateSchema.optional(),
    slipDays: z.number().int().optional().meta({
      description: 'Working days the job’s end moved against the signed timetable.',
    }),
  })
  .meta({ id: 'TrafficBoardEntry' });
export type BoardEntry = z.output<typeof boardEntrySchema>;
export const boardQuery = z.strictObject({ ...pageQuery });
