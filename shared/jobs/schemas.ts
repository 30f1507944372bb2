import * as z from 'zod';
import {
  dateSchema,
  idSchema,
  moneySchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';

export const jobTypes = [
  'campaign',
  'creative',
  'media',
  'research',
  'production',
  'pr',
  'promotion',
  'event',
] as const;
export const jobStatuses = ['open', 'in_progress', 'on_hold', 'completed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobSchema = z
  .object({
    jobId: scopedIdSchema,
    jobNumber: z
      .string()
      .meta({ description: '<CLIENT CODE>-<YYYY>-<NNNN>, sequential per client and year.' }),
    clientId: idSchema,
    brandId: idSchema,
    title: z.string(),
    type: z.enum(jobTypes),
    status: z.enum(jobStatuses),
    ownerId: idSchema,
    description: z.string().optional(),
    dueDate: dateSchema.optional(),
    budget: moneySchema.optional(),
    statusHistory: z.array(
      z.object({
        from: z.enum(jobStatuses).optional(),
        to: z.enum(jobStatuses),
        at: timestampSchema,
        by: idSchema,
      }),
    ),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof jobSchema>;

export const createJobSchema = z
  .strictObject({
    clientId: idSchema,
    brandId: idSchema,
    title: text(200),
    type: z.enum(jobTypes),
    ownerId: idSchema.optional().meta({ description: 'Another AE to own the job; the opener by default.' }),
    description: text(10_000).optional(),
    dueDate: dateSchema.optional(),
    budget: moneySchema.optional(),
  })
  .meta({ id: 'CreateJob' });
export type CreateJobInput = z.infer<typeof createJobSchema>;

export const updateJobSchema = z
  .strictObject({
    title: text(200).optional(),
    status: z.enum(jobStatuses).optional(),
    ownerId: idSchema.optional(),
    description: text(10_000).nullable().optional(),
    dueDate: dateSchema.nullable().optional(),
    budget: moneySchema.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'Send at least one field to change.' })
  .meta({ id: 'UpdateJob' });
export type UpdateJobInput = z.infer<typeof updateJobSchema>;

export const jobParams = z.strictObject({ jobId: scopedIdSchema });

export const jobListQuery = z.strictObject({
  ...pageQuery,
  clientId: idSchema.optional(),
  brandId: idSchema.optional(),
  status: z.enum(jobStatuses).optional(),
  ownerId: idSchema.optional(),
});
export type JobListQuery = z.infer<typeof jobListQuery>;
