import { z } from 'zod';
import { dateSchema, documentDownloadSchema, idSchema, timestampSchema } from '../platform/schemas.js';

/** The weekly client status report (issue 15 §2): request and response shapes. */
export const statusReportListParams = z.strictObject({ clientId: idSchema });
export const statusReportParams = z.strictObject({ clientId: idSchema, weekStart: dateSchema });

export const generateStatusReportSchema = z
  .strictObject({
    weekOf: dateSchema
      .optional()
      .meta({ description: 'Any day of the week to report (default: this week so far, client’s calendar).' }),
  })
  .meta({ id: 'GenerateStatusReport' });
export type GenerateStatusReportInput = z.output<typeof generateStatusReportSchema>;

const line = z.record(z.string(), z.unknown());

export const statusReportSchema = z
  .object({
    clientId: idSchema,
    weekStart: dateSchema.meta({ description: 'The Monday the reported week starts.' }),
    weekEnd: dateSchema,
    asOf: timestampSchema.meta({ description: 'When the figures were taken.' }),
    final: z.boolean().meta({ description: 'Made after the week ended: it no longer changes.' }),
    counts: z.object({
      jobs: z.number().int(),
      milestonesDone: z.number().int(),
      milestonesDueNext: z.number().int(),
      overdueMilestones: z.number().int(),
      waitingOnClient: z.number().int(),
      waitingOnAgency: z.number().int(),
      contactReports: z.number().int(),
      clientNextSteps: z.number().int(),
      clientNextStepsOverdue: z.number().int(),
    }),
    figures: z
      .object({
        jobs: z.array(line),
        milestonesDone: z.array(line),
        milestonesDueNext: z.array(line),
        overdueMilestones: z.array(line),
        waitingOnClient: z.array(line),
        waitingOnAgency: z.array(line),
        contactReports: z.array(line),
        clientNextSteps: z.array(line),
        spend: z.array(line),
      })
      .optional()
      .meta({ description: 'Every line of the report (one report read by its week).' }),
    emailedTo: z.array(idSchema).meta({ description: 'The account team members it was emailed to.' }),
    emailedAt: timestampSchema.optional(),
    sentToClient: z
      .object({ at: timestampSchema, by: idSchema, contactIds: z.array(idSchema) })
      .optional()
      .meta({
        description: 'When the account executive sent it to the client’s senior contacts, and to whom.',
      }),
    downloads: z
      .object({ html: documentDownloadSchema, csv: documentDownloadSchema })
      .optional()
      .meta({ description: 'Short-lived downloads of the HTML and CSV (one report read by its week).' }),
    version: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'StatusReport' });
export type StatusReportView = z.output<typeof statusReportSchema>;
