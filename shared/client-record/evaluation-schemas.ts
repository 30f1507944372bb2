import * as z from 'zod';
import { staffRoleSchema } from '../accounts/index.js';
import { count, idSchema, nonEmptyPatch, resourceMeta, text, timestampSchema } from '../platform/schemas.js';

export const periodSchema = z
  .string()
  .max(7)
  .regex(/^20\d\d-H[12]$/, 'A half year, e.g. 2026-H2.')
  .meta({ description: 'The half year evaluated (evaluations are twice a year): YYYY-H1 or YYYY-H2.' });

const ratingsSchema = z
  .array(
    z.strictObject({
      criterion: z
        .string()
        .max(60)
        .regex(/^[a-z_]+$/, 'A criterion key of the form.'),
      rating: count(5, 1).meta({ description: '1 (well below what the role needs) to 5 (well above).' }),
      comment: text(2000).optional(),
    }),
  )
  .max(20)
  .refine((r) => new Set(r.map((x) => x.criterion)).size === r.length, 'Each criterion once.');

export const createEvaluationSchema = z
  .strictObject({
    period: periodSchema,
    ratings: ratingsSchema.default([]),
    summary: text(5000).optional(),
    goals: text(5000).optional().meta({ description: 'What to work on until the next evaluation.' }),
  })
  .meta({ id: 'CreateEvaluation' });
export type CreateEvaluationInput = z.output<typeof createEvaluationSchema>;

export const updateEvaluationSchema = nonEmptyPatch(
  z.strictObject({
    ratings: ratingsSchema.optional(),
    summary: text(5000).optional(),
    goals: text(5000).optional(),
  }),
).meta({ id: 'UpdateEvaluation' });
export type UpdateEvaluationInput = z.output<typeof updateEvaluationSchema>;

export const acknowledgeEvaluationSchema = z
  .strictObject({ comment: text(5000).optional().meta({ description: "The evaluated person's own words." }) })
  .meta({ id: 'AcknowledgeEvaluation' });

/**
 * draft (its author's), awaiting_concurrence (an account manager's review of an AE or AAE, until an
 * account director up the line concurs or sends it back), submitted (shared with the person), acknowledged.
 */
export const evaluationStatuses = ['draft', 'awaiting_concurrence', 'submitted', 'acknowledged'] as const;

export const concurrenceSchema = z
  .strictObject({
    decision: z.enum(['concur', 'send_back']).meta({
      description:
        'Concur: the review is final and shared with the person. Send back: it returns to its author as a draft.',
    }),
    comment: text(2000).optional().meta({ description: "The director's words (required to send it back)." }),
  })
  .meta({ id: 'EvaluationConcurrence' });
export type ConcurrenceInput = z.output<typeof concurrenceSchema>;

export const evaluationSchema = z
  .object({
    staffId: idSchema,
    period: periodSchema,
    role: staffRoleSchema.meta({ description: 'The role evaluated (the form used).' }),
    status: z.enum(evaluationStatuses),
    ratings: z.array(
      z.object({ criterion: z.string(), rating: z.number().int(), comment: z.string().optional() }),
    ),
    summary: z.string().optional(),
    goals: z.string().optional(),
    evaluatorId: idSchema,
    submittedAt: timestampSchema.optional(),
    acknowledgedAt: timestampSchema.optional(),
    acknowledgement: z.string().optional(),
    concurrence: z
      .object({
        decision: z.enum(['concur', 'send_back']),
        by: idSchema,
        at: timestampSchema,
        comment: z.string().optional(),
      })
      .optional()
      .meta({
        description:
          "An account director's answer to an account manager's review of an AE or AAE: the latest (a review sent back keeps it until resubmitted).",
      }),
    ...resourceMeta,
  })
  .meta({ id: 'StaffEvaluation' });
export type Evaluation = z.output<typeof evaluationSchema>;

export const evaluationFormsSchema = z
  .object({
    cadence: z.literal('half_yearly'),
    currentPeriod: periodSchema,
    forms: z.array(
      z.object({
        role: staffRoleSchema,
        criteria: z.array(z.object({ key: z.string(), label: z.string() })),
      }),
    ),
  })
  .meta({ id: 'EvaluationForms' });

export const staffEvaluationsParams = z.strictObject({ staffId: idSchema });
export const evaluationParams = z.strictObject({ staffId: idSchema, period: periodSchema });

export const reportWorkSchema = z
  .object({
    staffId: idSchema,
    name: z.string(),
    role: staffRoleSchema,
    jobs: z.array(
      z.object({
        jobId: z.string(),
        jobNumber: z.string(),
        title: z.string(),
        clientId: idSchema,
        status: z.string(),
        waitingOnClientDays: z.number().int().optional(),
        waitingOnAgencyDays: z.number().int().optional(),
      }),
    ),
    overdueTasks: z.array(
      z.object({
        title: z.string(),
        jobNumber: z.string(),
        due: z.string(),
        overdueDays: z.number().int(),
        path: z.string(),
      }),
    ),
    pendingApprovals: z.array(
      z.object({
        title: z.string(),
        jobNumber: z.string(),
        due: z.string(),
        overdueDays: z.number().int(),
        path: z.string(),
      }),
    ),
    waitingOnClientDays: z
      .number()
      .int()
      .meta({ description: "Working days the report's open jobs waited on the client." }),
    evaluation: z.object({
      period: periodSchema,
      status: z.enum(['due', ...evaluationStatuses]),
    }),
  })
  .meta({ id: 'ReportWork' });

export const managerViewSchema = z
  .object({ reports: z.array(reportWorkSchema) })
  .meta({ id: 'ManagerView', description: "Each direct report's work, as the level above checks it." });
