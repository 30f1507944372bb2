import * as z from 'zod';
import { count, dateSchema, documentDownloadSchema, idSchema, timestampSchema } from '../platform/schemas.js';
import { sendingSchema } from '../platform/sendings.js';
import { reportedFrequencies, reportFrequencies, statusReportIdPattern } from './status-report-cadence.js';

/** The client status report (issue 15 §2) and its cadence: request and response shapes. */
export const statusReportListParams = z.strictObject({ clientId: idSchema });
const statusReportIdSchema = z
  .string()
  .max(30)
  .regex(
    statusReportIdPattern,
    'Must be a status report id: its frequency and first day, as monthly-2026-11-01.',
  )
  .meta({
    description:
      'The report: the frequency it was made by and its period’s first day (`monthly-2026-11-01`).',
  });
export const statusReportParams = z.strictObject({
  clientId: idSchema,
  statusReportId: statusReportIdSchema,
});

export const generateStatusReportSchema = z
  .strictObject({
    weekOf: dateSchema.optional().meta({
      description:
        'Any day of the period to report, by the client’s cadence (default: the running period so far, client’s calendar).',
    }),
  })
  .meta({ id: 'GenerateStatusReport' });
export type GenerateStatusReportInput = z.output<typeof generateStatusReportSchema>;

const line = z.record(z.string(), z.unknown());

export const statusReportSchema = z
  .object({
    clientId: idSchema,
    reportId: statusReportIdSchema,
    frequency: z
      .enum(reportedFrequencies)
      .meta({ description: 'The period reported: a week, a fortnight or a month.' }),
    weekStart: dateSchema.meta({
      description: "The period's first day (a Monday for a week or a fortnight, the 1st for a month).",
    }),
    weekEnd: dateSchema.meta({ description: "The period's last day." }),
    asOf: timestampSchema.meta({ description: 'When the figures were taken.' }),
    final: z.boolean().meta({ description: 'Made after the period ended: it no longer changes.' }),
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
        description:
          'When the account executive sent it to the client’s senior contacts, and to whom (recorded before the emails go).',
      }),
    sendings: z.array(sendingSchema).optional().meta({
      description:
        'Each email to a senior contact the mail service took, oldest first (empty once sent to the client: no email went; `POST …/resend` sends it again).',
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

export const reportCadenceSchema = z
  .strictObject({
    frequency: z.enum(reportFrequencies).meta({
      description:
        'How often the scheduled run makes the report: weekly, fortnightly, monthly, or none (on demand only).',
    }),
    weekday: count(5, 1).meta({
      description: 'The weekday a finished period’s report goes out: 1 = Monday … 5 = Friday.',
    }),
  })
  .meta({ id: 'SetReportCadence' });
export type ReportCadenceInput = z.output<typeof reportCadenceSchema>;

export const reportCadenceViewSchema = z
  .object({
    clientId: idSchema,
    frequency: z.enum(reportFrequencies),
    weekday: count(5, 1),
    updatedBy: idSchema.optional(),
    version: count(1_000_000_000).meta({
      description:
        'The version to send as If-Match; 0 while the default (weekly, Mondays) applies: the first set sends none.',
    }),
    updatedAt: timestampSchema.optional(),
  })
  .meta({
    id: 'ReportCadence',
    description: "How often the client's status report is made, and on which weekday.",
  });
export type ReportCadenceView = z.output<typeof reportCadenceViewSchema>;
