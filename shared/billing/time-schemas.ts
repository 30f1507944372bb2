import * as z from 'zod';
import { staffRoleSchema } from '../accounts/index.js';
import {
  count,
  currencySchema,
  dateSchema,
  documentDownloadSchema,
  idSchema,
  moneySchema,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';

/**
 * Time and profit (issue 14 §3): cost and bill rates, time entries in weekly timesheets, profit
 * per job, client and month, and the monthly profitability report. The zod schemas are the
 * request types and the OpenAPI document's.
 */

// ---------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------

export const putRateSchema = z
  .strictObject({
    hourlyRate: moneySchema.meta({
      description: 'What one hour of the role costs (or is billed), per hour.',
    }),
    effectiveFrom: dateSchema.meta({
      description: 'The first day the rate applies; entries dated before keep the rate in force then.',
    }),
  })
  .meta({ id: 'PutRate' });
export type PutRateInput = z.output<typeof putRateSchema>;

export const rateSchema = z
  .object({
    role: staffRoleSchema,
    hourlyRate: moneySchema,
    effectiveFrom: z.string(),
    clientId: idSchema.optional().meta({ description: 'Bill rates: the client that pays by the hour.' }),
    setBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Rate' });
export type RateView = z.output<typeof rateSchema>;

export const rateListSchema = z.object({ items: z.array(rateSchema) }).meta({ id: 'RateList' });

// ---------------------------------------------------------------------------------------------
// Time entries and timesheets
// ---------------------------------------------------------------------------------------------

/** An ISO week, `2027-W09`: Monday to Sunday, as ISO 8601 numbers them. */
export const isoWeekSchema = z
  .string()
  .max(8)
  .regex(/^20\d\d-W(0[1-9]|[1-4]\d|5[0-3])$/, 'An ISO week, YYYY-Www (e.g. 2027-W09).')
  .meta({ description: 'An ISO 8601 week, YYYY-Www (Monday to Sunday).' });

export const activities = [
  'account_management',
  'client_meeting',
  'strategy',
  'creative',
  'production',
  'media',
  'research',
  'travel',
  'other',
] as const;
export type Activity = (typeof activities)[number];

/** One cell of the week grid: a job, a day, an activity and the minutes spent. */
export const timeCellSchema = z.strictObject({
  jobId: scopedIdSchema,
  date: dateSchema,
  activity: z.enum(activities),
  minutes: count(24 * 60, 1).meta({
    description: 'Minutes spent (a whole number; 90 is an hour and a half).',
  }),
  note: text(500).optional(),
});

/** At most this many cells a week: the grid saves in one transaction. */
export const maxCellsPerWeek = 48;

export const putTimesheetSchema = z
  .strictObject({
    entries: z
      .array(timeCellSchema)
      .max(maxCellsPerWeek)
      .meta({ description: 'Every cell of the week: cells left out are removed, cells with minutes kept.' }),
  })
  .meta({ id: 'PutTimesheet' });
export type PutTimesheetInput = z.output<typeof putTimesheetSchema>;

export const timeEntrySchema = z
  .object({
    entryId: idSchema,
    staffId: idSchema,
    clientId: idSchema,
    jobId: scopedIdSchema,
    date: z.string(),
    minutes: z.int().meta({ format: 'int32' }),
    activity: z.enum(activities),
    note: z.string().optional(),
    role: staffRoleSchema.meta({ description: 'The role the hours were worked in (priced at its rate).' }),
    currency: currencySchema,
    costMinor: z
      .int()
      .meta({ format: 'int64', description: 'The hours at the role’s cost rate, minor units.' }),
    billMinor: z.int().optional().meta({
      format: 'int64',
      description: 'The hours at the client’s bill rate, where it pays by the hour.',
    }),
    status: z.enum(['draft', 'submitted', 'approved']),
    ...resourceMeta,
  })
  .meta({ id: 'TimeEntry' });

export const timesheetStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;

export const timesheetSchema = z
  .object({
    staffId: idSchema,
    staffName: z.string().optional(),
    week: z.string(),
    days: z.array(z.string()).meta({ description: 'The seven dates of the week, Monday first.' }),
    status: z.enum(timesheetStatuses),
    entries: z.array(timeEntrySchema),
    totalMinutes: z.int().meta({ format: 'int32' }),
    approverId: idSchema.optional().meta({ description: 'Who decides: the line manager, once submitted.' }),
    submittedAt: timestampSchema.optional(),
    decidedBy: idSchema.optional(),
    decidedAt: timestampSchema.optional(),
    returnReason: z.string().optional(),
    version: z
      .int()
      .min(0)
      .meta({ description: 'Optimistic-locking version (0 while nothing is saved); send it in If-Match.' }),
  })
  .meta({ id: 'Timesheet' });
export type TimesheetView = z.output<typeof timesheetSchema>;

export const timesheetListSchema = z
  .object({ items: z.array(timesheetSchema.omit({ entries: true })) })
  .meta({ id: 'TimesheetList' });

export const timesheetDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    reason: text(1000).optional().meta({ description: 'Required when returning: what to correct.' }),
  })
  .meta({ id: 'TimesheetDecision' });
export type TimesheetDecisionInput = z.output<typeof timesheetDecisionSchema>;

/** The jobs a staff member may log time on this week: of clients they are on the team of. */
export const loggableJobSchema = z.object({
  jobId: scopedIdSchema,
  clientId: idSchema,
  clientName: z.string(),
  jobNumber: z.string(),
  title: z.string(),
});

export const myTimesheetSchema = timesheetSchema
  .extend({ jobs: z.array(loggableJobSchema) })
  .meta({ id: 'MyTimesheet' });

// ---------------------------------------------------------------------------------------------
// Profit
// ---------------------------------------------------------------------------------------------

const percentSchema = z
  .number()
  .nullable()
  .meta({ description: 'Margin as a percentage of revenue, 2 decimals; null when there is no revenue.' });

export const profitFiguresSchema = z.object({
  currency: currencySchema,
  revenue: moneySchema.meta({
    description: 'Invoiced fees and commission and rebilled costs, credit notes deducted.',
  }),
  fees: moneySchema,
  commission: moneySchema,
  rebilled: moneySchema,
  directCosts: moneySchema.meta({ description: "Vendors' bills on the job(s)." }),
  timeCost: moneySchema.meta({ description: 'Staff time at cost.' }),
  minutes: z.int().meta({ format: 'int32' }),
  margin: z.object({ amountMinor: z.int().meta({ format: 'int64' }), currency: currencySchema }),
  marginPercent: percentSchema,
});

export const plannedSchema = z
  .object({
    estimateId: scopedIdSchema,
    version: z.int().meta({ format: 'int32' }),
    subtotal: moneySchema,
    agencyIncome: moneySchema,
    plannedMarginPercent: percentSchema,
  })
  .meta({
    description:
      "The signed estimate's planned margin: its agency income (markups and fees) on its subtotal.",
  });

export const jobProfitSchema = profitFiguresSchema
  .extend({
    jobId: scopedIdSchema,
    clientId: idSchema,
    jobNumber: z.string(),
    title: z.string(),
    planned: plannedSchema.optional(),
    marginVsPlan: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'Margin % less the planned margin %, percentage points.' }),
  })
  .meta({ id: 'JobProfit' });
export type JobProfit = z.output<typeof jobProfitSchema>;

export const clientProfitSchema = z
  .object({
    clientId: idSchema,
    clientName: z.string(),
    from: z.string(),
    to: z.string(),
    totals: z.array(profitFiguresSchema).meta({ description: 'One row per currency the jobs are in.' }),
    jobs: z.array(jobProfitSchema),
    months: z
      .array(profitFiguresSchema.extend({ month: z.string() }))
      .meta({ description: 'The same figures per calendar month of the period.' }),
  })
  .meta({ id: 'ClientProfit' });

export const profitPeriodQuery = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .refine((q) => q.from <= q.to, { message: '"from" must not be after "to".', path: ['to'] })
  .refine((q) => monthsApart(q.from, q.to) < 36, { message: 'A period of at most 36 months.', path: ['to'] });

const monthsApart = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

export const profitabilityReportSchema = z
  .object({
    month: z.string(),
    currencies: z.array(profitFiguresSchema),
    clients: z.int().meta({ format: 'int32' }),
    jobs: z.int().meta({ format: 'int32' }),
    files: z.record(z.string(), storedFileSchema).meta({ description: 'html-<language> and csv.' }),
    generatedAt: timestampSchema,
    emailedTo: z.array(idSchema),
    ...resourceMeta,
  })
  .meta({ id: 'ProfitabilityReport' });
export type ProfitabilityReportView = z.output<typeof profitabilityReportSchema>;

export const profitabilityReportDetailSchema = profitabilityReportSchema
  .extend({ downloads: z.object({ html: documentDownloadSchema, csv: documentDownloadSchema }) })
  .meta({ id: 'ProfitabilityReportDetail' });

export const generateProfitabilitySchema = z
  .strictObject({
    month: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'A month, YYYY-MM.')
      .max(7),
  })
  .meta({ id: 'GenerateProfitabilityReport' });
