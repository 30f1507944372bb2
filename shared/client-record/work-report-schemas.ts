import * as z from 'zod';
import { monthSchema } from '../cost/index.js';
import {
  documentDownloadSchema,
  idSchema,
  nonEmptyPatch,
  text,
  timestampSchema,
} from '../platform/schemas.js';
import { sendingSchema } from '../platform/sendings.js';

/** The account manager's monthly work report to their account director (issue 15 §2): request and response shapes. */
export const workReportListParams = z.strictObject({ staffId: idSchema });
export const workReportParams = z.strictObject({ staffId: idSchema, month: monthSchema });

export const generateWorkReportSchema = z
  .strictObject({
    month: monthSchema
      .optional()
      .meta({ description: 'The month to report (default: last month, in the agency’s time zone).' }),
  })
  .meta({ id: 'GenerateWorkReport' });
export type GenerateWorkReportInput = z.output<typeof generateWorkReportSchema>;

export const updateWorkReportSchema = nonEmptyPatch(
  z.strictObject({
    summary: text(10_000)
      .nullable()
      .optional()
      .meta({ description: 'The manager’s own summary of the month (`null` removes it).' }),
    plan: text(10_000)
      .nullable()
      .optional()
      .meta({ description: 'Next month’s plan in the manager’s words (`null` removes it).' }),
  }),
).meta({ id: 'UpdateWorkReport' });
export type UpdateWorkReportInput = z.output<typeof updateWorkReportSchema>;

const line = z.record(z.string(), z.unknown());

export const workReportSchema = z
  .object({
    staffId: idSchema.meta({ description: 'The account manager whose report it is.' }),
    managerName: z.string(),
    month: monthSchema,
    status: z.enum(['draft', 'sent']).meta({
      description: 'A draft is the manager’s to edit and send; sent, it no longer changes.',
    }),
    clients: z
      .array(z.object({ clientId: idSchema, name: z.string() }))
      .meta({ description: 'The clients on the manager’s team that the report spans.' }),
    asOf: timestampSchema.meta({ description: 'When the figures were taken.' }),
    counts: z.object({
      jobsOpened: z.number().int(),
      jobsMoved: z.number().int(),
      jobsFinished: z.number().int(),
      signOffs: z.number().int(),
      contactReports: z.number().int(),
      waitingOnClientDays: z.number().int(),
      waitingOnAgencyDays: z.number().int(),
      nextMonthJobs: z.number().int(),
      nextMonthMilestones: z.number().int(),
    }),
    summary: z.string().optional(),
    plan: z.string().optional(),
    figures: z
      .object({
        jobsOpened: z.array(line),
        jobsMoved: z.array(line),
        jobsFinished: z.array(line),
        signOffs: z.array(line),
        contactReports: z.array(line),
        waiting: z.array(line),
        waitingTotals: z.object({ onClient: z.number().int(), onAgency: z.number().int() }),
        nextMonthJobs: z.array(line),
        nextMonthMilestones: z.array(line),
      })
      .optional()
      .meta({ description: 'Every line of the report (one report read by its month).' }),
    sentTo: z
      .object({ staffId: idSchema, name: z.string(), at: timestampSchema })
      .optional()
      .meta({ description: 'The account director it was sent to (the manager’s line manager), and when.' }),
    sendings: z.array(sendingSchema).optional().meta({
      description:
        'Each time the report was emailed to the account director, oldest first (empty on a sent report: the email did not go; `POST …/resend` sends it).',
    }),
    downloads: z
      .object({ html: documentDownloadSchema, csv: documentDownloadSchema })
      .optional()
      .meta({ description: 'Short-lived downloads of the HTML and CSV (one report read by its month).' }),
    version: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'WorkReport' });
export type WorkReportView = z.output<typeof workReportSchema>;
