import * as z from 'zod';
import {
  count,
  dateSchema,
  decimal,
  emailSchema,
  fileNameSchema,
  idSchema,
  moneySchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
  uploadedDocumentSchema,
  versionNumberParam,
} from '../platform/schemas.js';
import { workflowFailureSchema } from '../signoff/index.js';

/** Media vocabulary (domain.md §5). */
export const channels = ['tv', 'radio', 'print', 'outdoor', 'online', 'social', 'cinema', 'other'] as const;
export type Channel = (typeof channels)[number];
export const unitTypes = ['spots', 'insertions', 'impressions'] as const;
export type UnitType = (typeof unitTypes)[number];
export const kpiMetrics = ['impressions', 'reach', 'grps', 'clicks', 'views', 'conversions'] as const;
export type KpiMetric = (typeof kpiMetrics)[number];

/**
 * The three stages of a media plan (domain.md §5): the recommendation answers the brief,
 * the master plan covers the flight, a monthly schedule covers one calendar month of it.
 */
export const planKinds = ['recommendation', 'master_plan', 'monthly_schedule'] as const;
export type PlanKind = (typeof planKinds)[number];

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A calendar month, YYYY-MM.')
  .max(7)
  .meta({ description: 'Calendar month, YYYY-MM.' });

export const kpiSchema = z
  .strictObject({
    metric: z.enum(kpiMetrics),
    target: decimal({ min: 0.01, max: 1e13, places: 2 }).meta({
      description: 'Impressions, reach, clicks, views or conversions; GRPs to 2 decimals.',
    }),
  })
  .meta({ id: 'Kpi' });

export const briefSchema = z
  .strictObject({
    objective: text(2000),
    targetAudience: text(1000),
    markets: z.array(text(100)).min(1).max(50),
    channelsConsidered: z.array(z.enum(channels)).min(1).max(channels.length),
    mandatories: text(2000).optional(),
    budget: moneySchema,
    timing: text(1000),
  })
  .meta({ id: 'MediaBrief', description: 'The media brief the plans answer: the client sees it.' });
export type MediaBrief = z.output<typeof briefSchema>;

const flightRefinement = <T extends { flightStart?: string; flightEnd?: string }>(value: T) =>
  !value.flightStart || !value.flightEnd || value.flightEnd >= value.flightStart;

export const createCampaignSchema = z
  .strictObject({
    name: text(200),
    flightStart: dateSchema,
    flightEnd: dateSchema,
    budget: moneySchema,
    kpis: z.array(kpiSchema).max(12).default([]),
    brief: briefSchema.optional(),
  })
  .refine(flightRefinement, { message: 'The flight must end on or after its start.', path: ['flightEnd'] })
  .refine((c) => c.flightStart >= '2000-01-01' && c.flightEnd <= '2099-12-31', {
    message: 'A flight runs within 2000–2099.',
    path: ['flightStart'],
  })
  .meta({ id: 'CreateMediaCampaign' });
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

export const campaignStages = ['recommendation', 'master_plan', 'monthly_schedules', 'booking'] as const;

export const campaignSchema = z
  .object({
    campaignId: scopedIdSchema,
    clientId: idSchema,
    jobId: scopedIdSchema,
    name: z.string(),
    flightStart: dateSchema,
    flightEnd: dateSchema,
    budget: moneySchema,
    kpis: z.array(kpiSchema),
    briefVersion: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'The current brief version; 0: none yet.' }),
    stage: z.enum(campaignStages).meta({
      description:
        'Where the media chain is: the confirmation it waits for, or booking once a schedule is confirmed.',
    }),
    reportDueOn: dateSchema.meta({
      description: 'The day the post-campaign analysis is due (flight end + N days).',
    }),
    lastReportAt: timestampSchema.optional(),
    createdBy: idSchema,
    chainExecution: z.string().optional().meta({
      description:
        'The media chain execution now running: the campaign id, then `<campaignId>-run<n>` after each restart.',
    }),
    chainRuns: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'Chain executions started so far.' }),
    chainLapsedAt: timestampSchema.optional().meta({
      description:
        'When the media chain stopped following the campaign (its flight ended, or a year passed, before the client confirmed the stage it waited for).',
    }),
    chainFailure: workflowFailureSchema.optional().meta({
      description:
        'Set while the media chain is stopped: why. The gates are unaffected; restart it to have the stages followed and the team reminded again.',
    }),
    ...resourceMeta,
  })
  .meta({ id: 'MediaCampaign' });
export type Campaign = z.output<typeof campaignSchema>;

export const briefVersionSchema = briefSchema
  .extend({
    campaignId: scopedIdSchema,
    number: z.number().int().positive(),
    createdBy: idSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: 'MediaBriefVersion' });
export type BriefVersion = z.output<typeof briefVersionSchema>;

/** A plan line as sent: the cost is computed (units × rate, impressions at a CPM rate), never sent. */
export const lineInputSchema = z
  .strictObject({
    channel: z.enum(channels),
    vendor: text(120),
    placement: text(200),
    startDate: dateSchema,
    endDate: dateSchema,
    unitType: z.enum(unitTypes),
    units: count(1e12, 1),
    rate: moneySchema.meta({
      description: "Per spot or insertion; per thousand for impressions (CPM). In the campaign's currency.",
    }),
    kpiContribution: z
      .partialRecord(z.enum(kpiMetrics), decimal({ min: 0, max: 1e13, places: 2 }))
      .optional(),
  })
  .refine((line) => line.endDate >= line.startDate, {
    message: 'A line must end on or after its start.',
    path: ['endDate'],
  })
  .meta({ id: 'MediaPlanLineInput' });
export type LineInput = z.output<typeof lineInputSchema>;

export const lineSchema = z
  .object({
    lineId: z.string().meta({ description: 'Stable within the version: L001, L002, …' }),
    channel: z.enum(channels),
    vendor: z.string(),
    placement: z.string(),
    startDate: dateSchema,
    endDate: dateSchema,
    unitType: z.enum(unitTypes),
    units: z.number(),
    rate: moneySchema,
    cost: moneySchema.meta({
      description: 'units × rate (impressions: per thousand), rounded half to even to the minor unit.',
    }),
    kpiContribution: z.partialRecord(z.enum(kpiMetrics), z.number()).optional(),
  })
  .meta({ id: 'MediaPlanLine' });
export type Line = z.output<typeof lineSchema>;

export const createPlanVersionSchema = z
  .strictObject({
    kind: z.enum(planKinds),
    month: monthSchema
      .optional()
      .meta({ description: 'Required for a monthly schedule: the month it covers.' }),
    lines: z.array(lineInputSchema).min(1).max(500),
    notes: text(4000).optional(),
  })
  .refine((v) => (v.kind === 'monthly_schedule') === (v.month !== undefined), {
    message: 'A monthly schedule names its month; the other plans do not.',
    path: ['month'],
  })
  .meta({ id: 'CreateMediaPlanVersion' });
export type CreatePlanVersionInput = z.output<typeof createPlanVersionSchema>;

export const planVersionStatuses = [
  'draft',
  'in_review',
  'confirmed',
  'changes_requested',
  'rejected',
  'superseded',
] as const;

export const confirmationSchema = z
  .object({
    via: z.enum(['link', 'written']),
    contactId: idSchema,
    confirmedAt: timestampSchema,
    recordedBy: z
      .string()
      .meta({ description: 'The contact (link) or the staff member who recorded the written confirmation.' }),
    countersignedBy: idSchema
      .optional()
      .meta({ description: 'A written confirmation: who countersigned it (it counted only then).' }),
    document: uploadedDocumentSchema
      .optional()
      .meta({ description: 'The written confirmation (signed PDF or the email), as uploaded.' }),
    reviewId: scopedIdSchema.optional(),
  })
  .meta({ id: 'MediaPlanConfirmation' });

export const planVersionSchema = z
  .object({
    planId: scopedIdSchema,
    campaignId: scopedIdSchema,
    kind: z.enum(planKinds),
    month: monthSchema.optional(),
    number: z.number().int().positive(),
    status: z.enum(planVersionStatuses),
    lines: z.array(lineSchema),
    totalCost: moneySchema,
    briefVersion: z.number().int().nonnegative(),
    notes: z.string().optional(),
    document: storedFileSchema.meta({
      description: 'The version as a document (HTML) in S3: what the client confirms, by hash.',
    }),
    confirmation: confirmationSchema.optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'MediaPlanVersion' });
export type PlanVersion = z.output<typeof planVersionSchema>;

export const planSchema = z
  .object({
    planId: scopedIdSchema,
    campaignId: scopedIdSchema,
    clientId: idSchema,
    kind: z.enum(planKinds),
    month: monthSchema.optional(),
    title: z.string(),
    latestVersion: z.number().int().positive(),
    confirmedVersion: z.number().int().positive().optional().meta({
      description:
        'Set only while the latest version is the confirmed one: a newer version must be confirmed again.',
    }),
    ...resourceMeta,
  })
  .meta({ id: 'MediaPlan' });
export type Plan = z.output<typeof planSchema>;

export const campaignParams = z.strictObject({ campaignId: scopedIdSchema });
export const jobCampaignsParams = z.strictObject({ jobId: scopedIdSchema });
export const planParams = z.strictObject({ planId: scopedIdSchema });
export const planVersionParams = z.strictObject({
  planId: scopedIdSchema,
  n: versionNumberParam,
});
export const campaignListQuery = z.strictObject({ ...pageQuery });

export const bookingStatuses = ['requested', 'confirmed_by_vendor', 'cancelled'] as const;

export const vendorContactSchema = z
  .strictObject({ name: text(120), email: emailSchema })
  .meta({ id: 'VendorContact' });

export const createBookingSchema = z
  .strictObject({
    planId: scopedIdSchema.meta({ description: 'A monthly schedule of this campaign.' }),
    version: count(9999, 1).meta({ description: 'The exact schedule version the lines come from.' }),
    lineIds: z
      .array(
        z
          .string()
          .regex(/^L\d{3}$/)
          .max(4),
      )
      .min(1)
      .max(90)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Name each line once.' })
      .meta({ description: 'Up to 90 lines of one vendor per insertion order (one transaction).' }),
    vendorContact: vendorContactSchema.meta({
      description: "The vendor's booking contact: the insertion order is emailed to them (and to the buyer).",
    }),
    vendorId: idSchema.optional().meta({
      description:
        "The registered, approved vendor the lines are booked with; by default the register's vendor of the lines' vendor name. A vendor not in the register or not approved is refused.",
    }),
    notes: text(2000).optional(),
  })
  .meta({ id: 'CreateBooking' });
export type CreateBookingInput = z.output<typeof createBookingSchema>;

export const bookingSchema = z
  .object({
    bookingId: scopedIdSchema,
    campaignId: scopedIdSchema,
    clientId: idSchema,
    planId: scopedIdSchema,
    planVersion: z.number().int().positive(),
    vendor: z.string().meta({ description: "The vendor as the plan's lines name it." }),
    vendorId: idSchema.optional().meta({
      description:
        'The registered vendor (vendor register). Every booking made since the register is mandatory has one; older bookings whose name was never registered keep only their text.',
    }),
    vendorText: z.string().optional().meta({
      description: 'The free-text vendor name of a booking made before the register (kept for history).',
    }),
    lines: z.array(lineSchema),
    totalCost: moneySchema,
    committedToJob: z.boolean().optional().meta({
      description:
        "True when the booking counts against the job's signed total (the signed estimate carries the media): its cancellation gives the cost back to the job's committed spend.",
    }),
    status: z.enum(bookingStatuses),
    notes: z.string().optional(),
    insertionOrder: storedFileSchema.meta({ description: 'The generated insertion order (HTML) in S3.' }),
    vendorContact: z
      .object({ name: z.string(), email: z.string() })
      .optional()
      .meta({ description: "The vendor's booking contact the insertion order goes to." }),
    insertionOrderSentAt: timestampSchema.optional().meta({
      description: 'When the insertion order was last emailed to the vendor contact and the buyer.',
    }),
    confirmationRef: z.string().meta({ description: 'The client confirmation the booking rests on.' }),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Booking' });
export type Booking = z.output<typeof bookingSchema>;

export const updateBookingSchema = z
  .strictObject({
    status: z.enum(['confirmed_by_vendor', 'cancelled']),
    vendorReference: text(200).optional(),
  })
  .meta({ id: 'UpdateBooking' });

export const bookingParams = z.strictObject({ campaignId: scopedIdSchema, bookingId: scopedIdSchema });

/** One row of a monitoring report (what a vendor delivered on a day), as stored. */
export const deliveryRowSchema = z
  .object({
    campaignId: scopedIdSchema,
    importId: idSchema,
    row: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Line number in the import (CSV: including the header).' }),
    date: dateSchema,
    vendor: z.string(),
    placement: z.string(),
    unitsDelivered: z.number().nonnegative(),
    impressions: z.number().nonnegative().optional(),
    audience: z
      .number()
      .nonnegative()
      .optional()
      .meta({ description: 'Audience reached (e.g. TV ratings in thousands).' }),
    clicks: z.number().nonnegative().optional(),
    cost: moneySchema.meta({ description: 'Billed cost, in the campaign currency.' }),
    bookingId: scopedIdSchema
      .optional()
      .meta({ description: 'The booking line the row was matched to, if any.' }),
    lineId: z.string().optional(),
  })
  .meta({ id: 'DeliveryRow' });
export type DeliveryRow = z.output<typeof deliveryRowSchema>;

export const discrepancyTypes = [
  'under_delivery',
  'missed_spots',
  'wrong_dates',
  'unbooked_delivery',
] as const;

/** What a discrepancy's detail is made of (its `type` is the code): each reader's language words it. */
export const discrepancyFactsSchema = z
  .object({
    vendor: z.string(),
    placement: z.string(),
    unitType: z
      .enum(unitTypes)
      .optional()
      .meta({ description: "The booked line's unit (absent: unbooked delivery)." }),
    lineStart: dateSchema.optional(),
    lineEnd: dateSchema.optional(),
    units: z
      .number()
      .meta({ description: 'The units concerned: missed or short, dated outside the line, or unbooked.' }),
    booked: z.number().optional().meta({ description: "The line's booked units (a shortfall)." }),
    rows: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Monitoring rows concerned (wrong dates, unbooked).' }),
    first: dateSchema.optional(),
    last: dateSchema.optional(),
  })
  .meta({ description: "What the detail is made of, from which each reader's language words it." });
export type DiscrepancyFacts = z.output<typeof discrepancyFactsSchema>;

export const discrepancySchema = z
  .object({
    discrepancyId: z.string(),
    campaignId: scopedIdSchema,
    bookingId: scopedIdSchema.optional(),
    lineId: z.string().optional(),
    type: z.enum(discrepancyTypes),
    expected: z.number(),
    actual: z.number(),
    detail: z.string().meta({
      description:
        "What was found, in plain words, in the caller's language (worded from `facts`; a discrepancy found before facts were kept: as recorded, in English).",
    }),
    facts: discrepancyFactsSchema.optional(),
    status: z.enum(['open', 'resolved']),
    makegood: z
      .object({ units: z.number().nonnegative(), date: dateSchema.optional(), note: z.string().optional() })
      .optional(),
    resolvedBy: idSchema.optional(),
    resolvedAt: timestampSchema.optional(),
    ...resourceMeta,
  })
  .meta({ id: 'Discrepancy' });
export type Discrepancy = z.output<typeof discrepancySchema>;

// Monitoring imports, discrepancies and material requisitions (the media-delivery area).

/** The columns of a monitoring report (CSV header or JSON row keys; case and spaces are folded). */
export const monitoringColumns = [
  'date',
  'vendor',
  'placement',
  'units_delivered',
  'impressions',
  'audience',
  'clicks',
  'cost',
] as const;
export type MonitoringColumn = (typeof monitoringColumns)[number];
export const requiredMonitoringColumns = [
  'date',
  'vendor',
  'placement',
  'units_delivered',
  'cost',
] as const satisfies readonly MonitoringColumn[];

/** Most rows a JSON import takes in one request (bigger reports go through a CSV upload). */
export const maxJsonMonitoringRows = 5000;

export const monitoringRowInputSchema = z
  .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.null()]))
  .meta({
    id: 'MonitoringRowInput',
    description: `One row of a monitoring report, by column: ${monitoringColumns.join(', ')} (${requiredMonitoringColumns.join(', ')} required). Rows are checked one by one: a bad row is rejected with its number and reasons, the good ones are stored.`,
  });

export const createMonitoringImportSchema = z
  .union([
    z
      .strictObject({
        fileName: fileNameSchema(200),
      })
      .meta({
        id: 'CreateCsvMonitoringImport',
        description: 'A CSV file to upload (presigned POST), then `…/complete`.',
      }),
    z
      .strictObject({ rows: z.array(monitoringRowInputSchema).min(1).max(maxJsonMonitoringRows) })
      .meta({ id: 'CreateJsonMonitoringImport', description: 'The rows themselves, imported at once.' }),
  ])
  .meta({ id: 'CreateMonitoringImport' });
export type CreateMonitoringImportInput = z.output<typeof createMonitoringImportSchema>;

export const monitoringImportStatuses = ['awaiting_upload', 'importing', 'completed', 'failed'] as const;

export const rejectedRowSchema = z
  .object({
    line: z.number().int().positive().meta({
      description:
        'CSV: the line the record starts on (the header is line 1). JSON: the row number (1-based).',
    }),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'RejectedMonitoringRow' });
export type RejectedRow = z.output<typeof rejectedRowSchema>;

export const monitoringImportSchema = z
  .object({
    importId: idSchema,
    campaignId: scopedIdSchema,
    clientId: idSchema,
    source: z.enum(['csv', 'json']),
    fileName: z.string().optional(),
    objectKey: z
      .string()
      .meta({ description: 'The source in S3 (the CSV as uploaded; JSON rows as NDJSON).' }),
    sourceVersionId: z.string().optional(),
    status: z.enum(monitoringImportStatuses).meta({
      description:
        'awaiting_upload → importing → completed (set last, after every good row is stored), or failed (with `failure`: the file is unusable, or something stopped the import; nothing of it counts — retry it or replace the file). A large file goes on importing by itself, in chunks.',
    }),
    rowsExpected: z.number().int().nonnegative().optional().meta({
      description: 'Data rows in the file, counted when the import started: progress is rowsTotal of this.',
    }),
    rowsTotal: z.number().int().nonnegative().meta({
      description: 'Data rows read so far (header and blank lines not counted); all of them once completed.',
    }),
    rowsStored: z.number().int().nonnegative(),
    rowsRejected: z.number().int().nonnegative(),
    rowsMatched: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Stored rows matched to a booking line (vendor, placement, date).' }),
    rejects: z.array(rejectedRowSchema),
    rejectsTruncated: z
      .boolean()
      .optional()
      .meta({ description: 'More rows were rejected than are listed (rowsRejected is exact).' }),
    failure: z.string().optional().meta({ description: 'Why the import failed, in words.' }),
    fileUnusable: z.boolean().optional().meta({
      description: 'The file itself cannot be imported (too large, no usable header): replace it.',
    }),
    attempt: z.number().int().positive().optional().meta({
      description: 'How many times it was run: a failed import retried runs again (attempt 2, 3…).',
    }),
    replaces: idSchema.optional().meta({ description: 'The failed import whose file this one replaces.' }),
    replacedBy: idSchema
      .optional()
      .meta({ description: 'The import that replaced this failed one with a new file.' }),
    resumeFromLine: z.number().int().positive().optional().meta({
      description:
        'While importing: rows before this line are stored; `…/complete` goes on from here (counts so far).',
    }),
    startedAt: timestampSchema.optional(),
    completedAt: timestampSchema.optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({
    id: 'MonitoringImport',
    description:
      'A monitoring import is clearly partial: good rows are stored, bad rows are listed here with their reasons; its rows count (in discrepancies and reports) only once it is completed.',
  });
export type MonitoringImport = z.output<typeof monitoringImportSchema>;

export const monitoringImportSummarySchema = monitoringImportSchema
  .omit({ rejects: true })
  .meta({ id: 'MonitoringImportSummary', description: 'An import without its list of rejected rows.' });

const presignedUploadSchema = z
  .object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: timestampSchema,
    maxBytes: z.number().int(),
  })
  .meta({
    id: 'MonitoringUpload',
    description: 'POST the CSV as multipart/form-data: these fields, then `file` (text/csv).',
  });

export const createdMonitoringImportSchema = monitoringImportSchema
  .extend({ upload: presignedUploadSchema.optional().meta({ description: 'CSV imports: where to upload.' }) })
  .meta({ id: 'CreatedMonitoringImport' });
export type CreatedMonitoringImport = z.output<typeof createdMonitoringImportSchema>;

export const monitoringImportParams = z.strictObject({ campaignId: scopedIdSchema, importId: idSchema });

export const replaceMonitoringImportSchema = z
  .strictObject({ fileName: fileNameSchema(200) })
  .meta({ id: 'ReplaceMonitoringImport', description: 'The name of the new CSV file.' });

export const discrepancyIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z_.-]{1,160}$/, 'A discrepancy id as listed.')
  .max(160)
  .meta({
    description: 'Deterministic: `<bookingId>.<lineId>.<type>`, or `unbooked.<hash>.unbooked_delivery`.',
  });

export const discrepancyParams = z.strictObject({
  campaignId: scopedIdSchema,
  discrepancyId: discrepancyIdSchema,
});

export const resolveDiscrepancySchema = z
  .strictObject({
    status: z.literal('resolved'),
    makegood: z
      .strictObject({
        units: count(1e12),
        date: dateSchema.optional(),
        note: text(1000).optional(),
      })
      .meta({ id: 'Makegood', description: 'What the vendor gives (or gave) to make up for it.' }),
  })
  .meta({ id: 'ResolveDiscrepancy' });
export type ResolveDiscrepancyInput = z.output<typeof resolveDiscrepancySchema>;

export const materialStatuses = ['open', 'linked'] as const;

export const createMaterialRequisitionSchema = z
  .strictObject({
    lineId: z
      .string()
      .regex(/^L\d{3}$/)
      .max(4)
      .optional()
      .meta({ description: 'The booking line the material is for; without it, the whole booking.' }),
    format: text(200).meta({ description: 'What the vendor needs, e.g. "TVC 30s, ProRes 422".' }),
    widthPx: count(100_000, 1).optional(),
    heightPx: count(100_000, 1).optional(),
    durationSeconds: decimal({ min: 0.001, max: 86_400, places: 3 })
      .optional()
      .meta({ description: 'Seconds, to the millisecond.' }),
    deliveryDeadline: dateSchema.meta({ description: 'The day the vendor must have the material.' }),
    notes: text(2000).optional(),
  })
  .refine((m) => (m.widthPx === undefined) === (m.heightPx === undefined), {
    message: 'Give both widthPx and heightPx, or neither.',
    path: ['heightPx'],
  })
  .meta({ id: 'CreateMaterialRequisition' });
export type CreateMaterialRequisitionInput = z.output<typeof createMaterialRequisitionSchema>;

export const linkMaterialSchema = z
  .strictObject({
    draftId: scopedIdSchema,
    draftVersion: count(9999, 1),
  })
  .meta({
    id: 'LinkMaterial',
    description:
      "A version of one of the client's drafts that passed final artwork approval and its spec check.",
  });
export type LinkMaterialInput = z.output<typeof linkMaterialSchema>;

export const materialRequisitionSchema = z
  .object({
    requisitionId: scopedIdSchema,
    campaignId: scopedIdSchema,
    clientId: idSchema,
    bookingId: scopedIdSchema,
    lineId: z.string().optional(),
    vendor: z.string(),
    placement: z.string().optional(),
    format: z.string(),
    widthPx: z.number().int().optional(),
    heightPx: z.number().int().optional(),
    durationSeconds: z.number().optional(),
    deliveryDeadline: dateSchema,
    notes: z.string().optional(),
    status: z.enum(materialStatuses),
    material: z
      .object({
        draftId: scopedIdSchema,
        draftVersion: z.number().int().positive(),
        draftTitle: z.string(),
        sha256: z.string().optional(),
        objectVersionId: z.string().optional(),
        releasedToProductionAt: timestampSchema,
        linkedAt: timestampSchema,
        linkedBy: idSchema,
      })
      .optional()
      .meta({ description: 'The released draft version that answers the requisition.' }),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'MaterialRequisition' });
export type MaterialRequisition = z.output<typeof materialRequisitionSchema>;

export const materialParams = z.strictObject({ campaignId: scopedIdSchema, requisitionId: scopedIdSchema });
