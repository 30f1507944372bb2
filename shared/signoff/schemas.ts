import * as z from 'zod';
import {
  idSchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  text,
  timestampSchema,
  uploadedDocumentSchema,
  versionNumberParam,
} from '../platform/schemas.js';
import { confirmationContentTypes, confirmationExtensions } from './confirmation-document.js';

/** The four answers an approver can give (domain.md §4, step 7). */
export const decisions = ['approve', 'approve_with_changes', 'request_changes', 'reject'] as const;
export type Decision = (typeof decisions)[number];

/**
 * What a review signs off: a creative draft, a media plan, a brief, a job's timetable, a cost
 * estimate (with the job's timetable, signed together) (design: one sign-off engine).
 */
export const subjectTypes = ['draft', 'media_plan', 'brief', 'timetable', 'estimate'] as const;
export type SubjectType = (typeof subjectTypes)[number];

/** Client review: every chosen approver must approve, or the first one's approval is enough. */
export const approvalModes = ['all', 'any'] as const;

/**
 * A review's steps: internal sign-off, the client's review, the client's final artwork
 * approval, and `revision` — the work back with the creative team until a new version lands.
 */
export const stages = ['internal', 'client', 'final_artwork', 'revision'] as const;
export type Stage = (typeof stages)[number];

/**
 * `failed`: the review's workflow stopped (a task kept failing, it timed out or was stopped): the
 * review waits for staff to restart or cancel it. `cancelled`: ended by staff.
 */
export const reviewStatuses = [
  'in_review',
  'awaiting_revision',
  'released',
  'rejected',
  'expired',
  'failed',
  'cancelled',
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
/** A review in one of these has ended for good (a `failed` one can still be restarted). */
export const endedReviewStatuses: readonly ReviewStatus[] = ['released', 'rejected', 'expired', 'cancelled'];
export const stepStatuses = [
  'pending',
  'approved',
  'changes_requested',
  'rejected',
  'expired',
  'revised',
  'cancelled',
] as const;
/** `closed`: the step was settled without this approver (another's decision, or expiry). */
export const approvalStatuses = ['pending', 'decided', 'closed'] as const;

export const startReviewSchema = z
  .strictObject({
    approvalMode: z.enum(approvalModes).default('all').meta({
      description: 'Client review: all chosen approvers must approve (`all`) or any one (`any`).',
    }),
    clientApproverIds: z
      .array(idSchema)
      .min(1)
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Name each approver once.' })
      .optional()
      .meta({
        description:
          'Contacts who approve for the client; default: every contact registered to approve `creative`.',
      }),
    message: text(2000).optional().meta({ description: 'A note for the approvers, shown in emails.' }),
    clientWorkingDays: z.number().int().min(1).max(30).default(5).meta({
      format: 'int32',
      description: "Working days the client has per step (the client's calendar).",
    }),
    internalWorkingDays: z.number().int().min(1).max(30).default(2).meta({
      format: 'int32',
      description: 'Working days the internal reviewers have.',
    }),
  })
  .meta({ id: 'StartReview' });
export type StartReviewInput = z.output<typeof startReviewSchema>;

export const decisionSchema = z
  .strictObject({
    decision: z.enum(decisions),
    comment: text(4000).optional(),
  })
  .meta({ id: 'Decision' });
export type DecisionInput = z.output<typeof decisionSchema>;

const staffAssignee = z.object({
  kind: z.literal('staff'),
  staffId: idSchema,
  name: z.string(),
  email: z.string(),
  role: z.string(),
});
const contactAssignee = z.object({
  kind: z.literal('contact'),
  contactId: idSchema,
  name: z.string(),
  email: z.string(),
});
export const assigneeSchema = z.discriminatedUnion('kind', [staffAssignee, contactAssignee]).meta({
  id: 'Assignee',
});
export type Assignee = z.output<typeof assigneeSchema>;

/** The exact file a step is about: an approval never carries over to another version. */
export const reviewedFileSchema = z
  .object({
    draftVersion: z.number().int().positive(),
    objectKey: z.string(),
    objectVersionId: z.string().optional(),
    sha256: z.string(),
    parts: z
      .array(
        z.object({
          subjectType: z.enum(subjectTypes),
          subjectId: z.string(),
          version: z.number().int().positive(),
          sha256: z.string(),
        }),
      )
      .optional()
      .meta({
        description:
          "Set when one document binds several versions signed together (an estimate and the job's timetable): each version and the SHA-256 of its own document, so the evidence names both.",
      }),
  })
  .meta({ id: 'ReviewedFile' });
export type ReviewedFile = z.output<typeof reviewedFileSchema>;

/** Which subject a review or approval is about: its type and id, plus the id by its own name. */
const subjectFields = {
  subjectType: z.enum(subjectTypes),
  subjectId: scopedIdSchema.meta({
    description:
      'The draft id, the media plan id, the brief id, the estimate id, or (a timetable) the job id.',
  }),
  draftId: scopedIdSchema.optional().meta({ description: 'Set for a draft.' }),
  planId: scopedIdSchema.optional().meta({ description: 'Set for a media plan.' }),
  campaignId: scopedIdSchema.optional().meta({ description: 'Set for a media plan.' }),
  briefId: scopedIdSchema.optional().meta({ description: 'Set for a brief.' }),
};

/** Why a review's (or a media chain's) workflow stopped, as Step Functions reported it. */
export const workflowFailureSchema = z
  .object({
    status: z.enum(['FAILED', 'TIMED_OUT', 'ABORTED']),
    reason: z.string().meta({ description: 'What happened, in plain words.' }),
    error: z.string().optional().meta({ description: 'The error Step Functions reported.' }),
    cause: z.string().optional().meta({ description: 'Its cause, shortened.' }),
    executionName: z.string(),
    at: timestampSchema,
  })
  .meta({ id: 'WorkflowFailure' });

/**
 * What a review's title is made of: the kind of thing under review and its own name. The kinds are
 * sign-off's vocabulary, worded in its catalogue, so every context that shows a title (and sign-off
 * itself, which imports no subject's context) words it per reader; a subject's context picks its kind.
 */
export const reviewTitleKinds = [
  'draft',
  'estimate',
  'change_order',
  'timetable',
  'media_plan',
  'client_brief',
  'creative_brief',
  'media_brief',
  'research_brief',
] as const;
export type ReviewTitleKind = (typeof reviewTitleKinds)[number];
export const reviewTitlePartsSchema = z
  .object({
    kind: z.enum(reviewTitleKinds),
    name: z
      .string()
      .meta({ description: "The subject's own name (a draft's or estimate's title, a job number)." }),
    of: z
      .string()
      .optional()
      .meta({ description: "What it belongs to, where the title names it (a plan's campaign)." }),
  })
  .meta({
    id: 'ReviewTitleParts',
    description: "The parts of the review's title, from which each reader's language words it.",
  });
export type ReviewTitleParts = z.output<typeof reviewTitlePartsSchema>;

export const reviewSchema = z
  .object({
    reviewId: scopedIdSchema,
    clientId: idSchema,
    ...subjectFields,
    jobId: scopedIdSchema,
    title: z
      .string()
      .meta({ description: "The title as written when the review opened, in the agency's language." }),
    titleParts: reviewTitlePartsSchema.optional(),
    kind: z.string().meta({ description: 'The draft kind or the plan kind.' }),
    currentVersion: z.number().int().positive(),
    approvalMode: z.enum(approvalModes),
    clientApproverIds: z.array(idSchema),
    message: z.string().optional(),
    clientWorkingDays: z.number().int().positive(),
    internalWorkingDays: z.number().int().positive(),
    startedBy: idSchema,
    status: z.enum(reviewStatuses),
    stepCount: z.number().int().nonnegative(),
    outcome: z.string().optional(),
    endedAt: timestampSchema.optional(),
    releasedVersion: z.number().int().positive().optional().meta({
      description: 'The version signed off: released to production (draft) or confirmed (media plan).',
    }),
    executionName: z.string().optional().meta({
      description:
        'The Step Functions execution running the review: the review id, then `<reviewId>-run<n>` after each restart.',
    }),
    runs: z.number().int().positive().optional().meta({ description: 'Executions started so far.' }),
    failure: workflowFailureSchema.optional().meta({
      description: 'Set while the review is `failed`: why its workflow stopped.',
    }),
    cancelledBy: idSchema.optional(),
    cancelReason: z.string().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'Review' });
export type Review = z.output<typeof reviewSchema>;

export const reviewStepSchema = z
  .object({
    reviewId: scopedIdSchema,
    stepNo: z.number().int().positive(),
    stage: z.enum(stages),
    file: reviewedFileSchema,
    status: z.enum(stepStatuses),
    reason: z.string().optional(),
    assignees: z.array(assigneeSchema),
    approvalIds: z.array(scopedIdSchema),
    approvalMode: z.enum(approvalModes),
    decisions: z
      .record(z.string(), z.enum(decisions))
      .meta({ description: 'Decisions so far, by approval id.' }),
    deadline: timestampSchema,
    reminderAt: timestampSchema.optional(),
    remindedAt: timestampSchema.optional(),
    escalationLevel: z.number().int().nonnegative(),
    escalatedTo: z.array(idSchema),
    notifiedAt: timestampSchema.optional(),
    settledAt: timestampSchema.optional(),
    revisedTo: z.number().int().positive().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'ReviewStep' });
export type ReviewStep = z.output<typeof reviewStepSchema>;

export const approvalRequestSchema = z
  .object({
    approvalId: scopedIdSchema,
    clientId: idSchema,
    reviewId: scopedIdSchema,
    ...subjectFields,
    stepNo: z.number().int().positive(),
    stage: z.enum(stages),
    file: reviewedFileSchema,
    assignee: assigneeSchema,
    status: z.enum(approvalStatuses),
    deadline: timestampSchema,
    decision: z.enum(decisions).optional(),
    comment: z.string().optional(),
    decidedAt: timestampSchema.optional(),
    decidedBy: z.string().optional().meta({ description: 'Staff id or contact id of who decided.' }),
    onBehalfOf: idSchema.optional().meta({
      description: 'Set when someone above the assignee in the hierarchy decided for them.',
    }),
    ...resourceMeta,
  })
  .meta({ id: 'ApprovalRequest' });
export type ApprovalRequest = z.output<typeof approvalRequestSchema>;

/** An approval request with what a person needs to recognise it in a list: the item, its job and client. */
export const workItemSchema = approvalRequestSchema
  .extend({
    subject: z.object({
      title: z.string(),
      kind: z.string(),
      message: z.string().optional(),
      jobId: z.string(),
      jobNumber: z.string().optional(),
      jobTitle: z.string().optional(),
      clientName: z.string().optional(),
    }),
  })
  .meta({ id: 'WorkItem' });
export type WorkItem = z.output<typeof workItemSchema>;

/** Append-only proof of a decision: who, when, from where, on exactly which file. */
export const evidenceSchema = z
  .object({
    evidenceId: idSchema,
    reviewId: scopedIdSchema,
    approvalId: scopedIdSchema,
    stepNo: z.number().int().positive(),
    stage: z.enum(stages),
    approver: assigneeSchema,
    decidedBy: z.string(),
    onBehalfOf: idSchema.optional(),
    via: z.enum(['link', 'api', 'written']).meta({
      description:
        "The approver's link, the API (staff), or the client's written confirmation recorded by staff.",
    }),
    document: uploadedDocumentSchema
      .optional()
      .meta({ description: 'The written confirmation (signed PDF or email) as uploaded, with its hash.' }),
    countersignedBy: idSchema.optional().meta({
      description:
        'A written confirmation counts only once countersigned: the account director (or someone above the person who recorded it) who did.',
    }),
    at: timestampSchema,
    ip: z.string(),
    userAgent: z.string(),
    file: reviewedFileSchema,
    decision: z.enum(decisions),
    comment: z.string().optional(),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.output<typeof evidenceSchema>;

/** An approval page opened (scanners open links too): logged, apart from decisions. */
export const pageViewSchema = z
  .object({
    viewId: idSchema,
    reviewId: scopedIdSchema,
    approvalId: scopedIdSchema,
    at: timestampSchema,
    ip: z.string(),
    userAgent: z.string(),
  })
  .meta({ id: 'ApprovalPageView' });
export type PageView = z.output<typeof pageViewSchema>;

export const reviewChainSchema = z
  .object({
    subjectId: scopedIdSchema,
    reviews: z.array(
      reviewSchema.extend({
        steps: z.array(reviewStepSchema),
        approvals: z.array(approvalRequestSchema),
        evidence: z.array(evidenceSchema),
        pageViews: z.array(pageViewSchema),
      }),
    ),
  })
  .meta({ id: 'ReviewChain' });

export const reviewParams = z.strictObject({ reviewId: scopedIdSchema });

export const cancelReviewSchema = z
  .strictObject({
    reason: text(2000).optional().meta({ description: 'Why, for the record and the team’s email.' }),
  })
  .meta({ id: 'CancelReview' });
export type CancelReviewInput = z.output<typeof cancelReviewSchema>;

export const reviewStartParams = z.strictObject({
  draftId: scopedIdSchema,
  n: versionNumberParam,
});
export const approvalParams = z.strictObject({ approvalId: scopedIdSchema });
export const approvalListQuery = z.strictObject({
  assignee: z.literal('me').default('me').meta({ description: 'Only `me` (the caller) for now.' }),
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
  ...pageQuery,
});

export const decisionResultSchema = z
  .object({
    approval: approvalRequestSchema,
    evidence: evidenceSchema,
    stepSettled: z.boolean(),
  })
  .meta({ id: 'DecisionResult' });

export const planReviewParams = z.strictObject({
  planId: scopedIdSchema,
  n: versionNumberParam,
});
export const planParamsForChain = z.strictObject({ planId: scopedIdSchema });

export const requestWrittenConfirmationSchema = z
  .strictObject({
    contactId: idSchema.meta({
      description: "The client approver whose confirmation this is (one of the client step's approvers).",
    }),
    file: z
      .strictObject({
        name: z
          .string()
          .regex(/^[\w.\- ]{1,120}$/, 'A plain file name (letters, digits, . _ - and spaces).')
          .max(120)
          .meta({ description: 'File name, e.g. signed-plan.pdf or confirmation.eml.' }),
        contentType: z.enum(confirmationContentTypes).meta({
          description:
            "The client's signed PDF, or their email saved as a file (.eml). Checked from the file's own bytes when recorded.",
        }),
      })
      .refine((file) => confirmationExtensions[file.contentType].test(file.name), {
        message: 'A PDF is named .pdf and an email file .eml.',
        path: ['name'],
      }),
  })
  .meta({ id: 'RequestWrittenConfirmation' });

export const writtenConfirmationUploadSchema = z
  .object({
    uploadId: idSchema,
    approvalId: scopedIdSchema,
    upload: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      expiresAt: timestampSchema,
      maxBytes: z.number().int(),
    }),
  })
  .meta({ id: 'WrittenConfirmationUpload' });

export const completeWrittenConfirmationSchema = z
  .strictObject({ comment: text(4000).optional() })
  .meta({ id: 'CompleteWrittenConfirmation' });

export const countersignWrittenConfirmationSchema = z
  .strictObject({
    decision: z.enum(['countersign', 'refuse']).meta({
      description:
        "countersign: the document is the client's confirmation of this version, and it now counts; refuse: it is not (say why).",
    }),
    comment: text(4000).optional(),
  })
  .refine((input) => input.decision === 'countersign' || Boolean(input.comment?.trim()), {
    message: 'Say why the document is refused.',
    path: ['comment'],
  })
  .meta({ id: 'CountersignWrittenConfirmation' });
export type CountersignInput = z.output<typeof countersignWrittenConfirmationSchema>;

export const writtenConfirmationStatuses = [
  'awaiting_upload',
  'awaiting_countersign',
  'countersigned',
  'refused',
] as const;

const staffRef = z.object({ staffId: idSchema, name: z.string() });

/** A client's written confirmation: uploaded, recorded (checked), then countersigned before it counts. */
export const writtenConfirmationSchema = z
  .object({
    uploadId: idSchema,
    approvalId: scopedIdSchema,
    subjectId: scopedIdSchema,
    versionNumber: z.number().int().positive(),
    contactId: idSchema,
    fileName: z.string(),
    contentType: z.enum(confirmationContentTypes),
    status: z.enum(writtenConfirmationStatuses).meta({
      description:
        'awaiting_upload → awaiting_countersign (the document was checked and recorded) → countersigned (it counts: the client step is decided) or refused.',
    }),
    requestedBy: idSchema,
    uploadExpiresAt: timestampSchema,
    document: uploadedDocumentSchema.optional(),
    recordedBy: idSchema.optional(),
    recordedAt: timestampSchema.optional(),
    comment: z.string().optional(),
    countersigners: z
      .array(staffRef)
      .optional()
      .meta({ description: 'Who was asked to countersign (by email).' }),
    countersignedBy: idSchema.optional(),
    countersignedAt: timestampSchema.optional(),
    evidenceId: idSchema.optional(),
    refusedBy: idSchema.optional(),
    refusedAt: timestampSchema.optional(),
    refusal: z.string().optional(),
  })
  .meta({ id: 'WrittenConfirmation' });
export type WrittenConfirmation = z.output<typeof writtenConfirmationSchema>;

export const writtenConfirmationParams = z.strictObject({
  planId: scopedIdSchema,
  n: versionNumberParam,
  uploadId: idSchema,
});
