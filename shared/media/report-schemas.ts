import * as z from 'zod';
import {
  idSchema,
  moneySchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  timestampSchema,
} from '../platform/schemas.js';
import { kpiMetrics } from './schemas.js';

/** Post-campaign analyses (issue 4 §4): generated on a schedule or on demand, stored in S3. */
export const reportTriggers = ['scheduled', 'on_demand'] as const;
export type ReportTrigger = (typeof reportTriggers)[number];

const storedDocument = storedFileSchema.extend({ size: z.number().int().nonnegative() });

export const kpiResultSchema = z
  .object({
    metric: z.enum(kpiMetrics),
    target: z.number(),
    planned: z.number().meta({ description: "The plan's targeted contribution to the metric." }),
    actual: z
      .number()
      .optional()
      .meta({ description: 'Delivered; absent when monitoring does not measure the metric.' }),
    percentOfTarget: z.number().optional(),
    status: z.enum(['met', 'close', 'missed', 'not_measured']),
  })
  .meta({ id: 'KpiResult' });
export type KpiResult = z.output<typeof kpiResultSchema>;

export const reportTotalsSchema = z
  .object({
    budget: moneySchema,
    planned: moneySchema.meta({ description: 'Cost of the master plan version the report compares with.' }),
    booked: moneySchema.meta({ description: 'Cost of the booked lines (cancelled bookings excluded).' }),
    delivered: moneySchema.meta({
      description:
        'Value of what was delivered: units delivered at the booked (else planned) rate, rounded half to even.',
    }),
    billed: moneySchema.meta({ description: 'Billed cost, as the monitoring rows state it.' }),
    deliveredImpressions: z.number(),
    deliveredClicks: z.number(),
  })
  .meta({ id: 'PostCampaignTotals' });

const reportSummarySchema = z.object({ worked: z.array(z.string()), didNotWork: z.array(z.string()) });

const reportCopySchema = z
  .object({ html: storedDocument, csv: storedDocument, summary: reportSummarySchema })
  .meta({ id: 'CampaignReportCopy', description: 'The report, its data and its findings in one language.' });

export const campaignReportSchema = z
  .object({
    reportId: idSchema,
    campaignId: scopedIdSchema,
    clientId: idSchema,
    trigger: z.enum(reportTriggers),
    final: z.boolean().meta({
      description:
        'Generated on or after the day the analysis is due: it settles the campaign (lastReportAt). An earlier report is interim and the scheduled analysis still runs.',
    }),
    generatedBy: z
      .string()
      .meta({ description: 'The staff member who asked for it, or `scheduler` for the daily job.' }),
    generatedAt: timestampSchema,
    plan: z
      .object({ planId: scopedIdSchema, version: z.number().int().positive(), confirmed: z.boolean() })
      .optional()
      .meta({ description: 'The master plan version the report compares with (confirmed, else latest).' }),
    deliveryRows: z.number().int().nonnegative().meta({ description: 'Monitoring rows read.' }),
    totals: reportTotalsSchema,
    kpis: z.array(kpiResultSchema),
    summary: reportSummarySchema.meta({
      description: "What worked and what did not, derived from the numbers (in the agency's language).",
    }),
    html: storedDocument,
    csv: storedDocument,
    translations: z
      .partialRecord(z.enum(['es', 'zh-CN']), reportCopySchema)
      .optional()
      .meta({
        description:
          "The same report for readers of other languages: one copy per language its emailed readers read (the account team, the client's media approvers), each reader's links going to theirs; an on-demand report has one in the language of the staff member who asked (when not the agency's). Reports generated before copies existed have none.",
      }),
    ...resourceMeta,
  })
  .meta({ id: 'CampaignReport' });
export type CampaignReport = z.output<typeof campaignReportSchema>;

export const reportLinksSchema = z
  .object({
    html: z.url(),
    csv: z.url(),
    expiresAt: timestampSchema,
  })
  .meta({ id: 'CampaignReportLinks', description: 'Presigned download links (short-lived).' });

export const campaignReportWithLinksSchema = campaignReportSchema
  .extend({ links: reportLinksSchema })
  .meta({ id: 'CampaignReportWithLinks' });
export type CampaignReportWithLinks = z.output<typeof campaignReportWithLinksSchema>;

export const reportListQuery = z.strictObject({ ...pageQuery });

export const reportFileParams = z.strictObject({
  campaignId: scopedIdSchema,
  reportId: idSchema,
  format: z.enum(['html', 'csv']).meta({ description: 'html: the analysis with its charts; csv: its data.' }),
});
