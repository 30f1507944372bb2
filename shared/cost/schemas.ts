import * as z from 'zod';
import {
  currencySchema,
  decimal,
  idSchema,
  moneySchema,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
  versionNumberParam,
} from '../platform/schemas.js';

/** What an estimate line is for (issue 13 §1): the seeds' production, media, third parties and agency fee. */
export const lineCategories = [
  'production',
  'media',
  'third_party',
  'research',
  'agency_fee',
  'other',
] as const;
export type LineCategory = (typeof lineCategories)[number];

/** A line id, stable across versions (`L001`…): a change order shows each line's difference by it. */
const lineIdSchema = z
  .string()
  .regex(/^L\d{3,4}$/, 'A line id as the estimate answered it, e.g. L001.')
  .max(5);

/** A vendor of the register (kept as given: the register checks it where purchase orders are raised). */
const vendorIdSchema = z
  .string()
  .regex(
    /^[0-9A-HJKMNP-TV-Z]{26}(_[0-9A-HJKMNP-TV-Z]{26})?$/,
    'Must be a vendor id as issued by Account Desk.',
  )
  .max(53)
  .meta({ description: 'A vendor of the register (optional).' });

export const estimateLineInputSchema = z
  .strictObject({
    lineId: lineIdSchema
      .optional()
      .meta({ description: 'Keep a line of an earlier version (its id); leave out for a new line.' }),
    category: z.enum(lineCategories),
    description: text(500),
    quantity: decimal({ min: 0, max: 1_000_000_000, places: 3 }).meta({
      description: 'Units, days, hours… (up to 3 decimals).',
    }),
    unitCost: moneySchema.meta({ description: "Cost of one unit, in the estimate's currency." }),
    markupPercent: decimal({ min: 0, max: 1000, places: 3 })
      .default(0)
      .meta({ description: 'Markup or commission on the line, in percent (e.g. 17.65).' }),
    vendorId: vendorIdSchema.optional(),
  })
  .meta({ id: 'EstimateLineInput' });
export type EstimateLineInput = z.output<typeof estimateLineInputSchema>;

export const estimateLineSchema = z
  .object({
    lineId: lineIdSchema,
    category: z.enum(lineCategories),
    description: z.string(),
    quantity: z.number(),
    unitCost: moneySchema,
    markupPercent: z.number(),
    vendorId: z.string().optional(),
    net: moneySchema.meta({ description: 'quantity × unit cost, rounded half to even to the minor unit.' }),
    markup: moneySchema.meta({ description: 'markupPercent of the net, rounded half to even.' }),
    total: moneySchema.meta({ description: 'net + markup.' }),
  })
  .meta({ id: 'EstimateLine' });
export type EstimateLine = z.output<typeof estimateLineSchema>;

export const estimateTotalsSchema = z
  .object({
    net: moneySchema.meta({ description: 'Sum of the lines’ net amounts.' }),
    markup: moneySchema.meta({ description: 'Sum of the lines’ markups and commissions.' }),
    subtotal: moneySchema.meta({ description: 'Sum of the line totals (net + markup), before tax.' }),
    taxRateBasisPoints: z.number().int().meta({ description: "The client's tax rate (1 bp = 0.01 %)." }),
    tax: moneySchema.meta({ description: 'Tax on the subtotal, rounded once, half to even.' }),
    grandTotal: moneySchema.meta({ description: 'subtotal + tax: what the client pays.' }),
    agencyIncome: moneySchema.meta({
      description: 'What the agency earns: every markup and commission, plus the agency-fee lines.',
    }),
    byCategory: z.array(z.object({ category: z.enum(lineCategories), subtotal: moneySchema })),
    carriesMedia: z.boolean().meta({ description: 'Whether the estimate has media lines.' }),
  })
  .meta({ id: 'EstimateTotals' });
export type EstimateTotals = z.output<typeof estimateTotalsSchema>;

export const estimateVersionStatuses = [
  'draft',
  'in_review',
  'changes_requested',
  'rejected',
  'superseded',
  'signed',
] as const;

const lineChangeSchema = z.object({
  lineId: z.string(),
  before: estimateLineSchema,
  after: estimateLineSchema,
  fields: z.array(z.string()).meta({ description: 'The fields that changed.' }),
});

/** What a change order changes against the signed version: only the difference. */
export const changeOrderSchema = z
  .object({
    basedOnVersion: z.number().int().positive().meta({ description: 'The signed version it changes.' }),
    added: z.array(estimateLineSchema),
    removed: z.array(estimateLineSchema),
    changed: z.array(lineChangeSchema),
    previousSubtotal: moneySchema,
    newSubtotal: moneySchema,
    previousGrandTotal: moneySchema,
    newGrandTotal: moneySchema,
    difference: z.object({
      subtotal: z.object({ amountMinor: z.int(), currency: z.string() }),
      grandTotal: z.object({ amountMinor: z.int(), currency: z.string() }),
    }),
  })
  .meta({ id: 'ChangeOrder' });
export type ChangeOrder = z.output<typeof changeOrderSchema>;

export const estimateVersionSchema = z
  .object({
    estimateId: scopedIdSchema,
    number: z.number().int().positive(),
    kind: z.enum(['estimate', 'change_order']),
    basedOnVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'A change order: the signed version it revises.' }),
    currency: currencySchema,
    lines: z.array(estimateLineSchema),
    totals: estimateTotalsSchema,
    notes: z.string().optional(),
    status: z.enum(estimateVersionStatuses),
    document: storedFileSchema
      .optional()
      .meta({ description: 'The document put to sign-off (estimate and timetable), once a review opened.' }),
    timetableVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The timetable version signed with it.' }),
    timetableSha256: z.string().optional(),
    signedAt: timestampSchema.optional(),
    reviewId: scopedIdSchema.optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'EstimateVersion' });
export type EstimateVersion = z.output<typeof estimateVersionSchema>;

export const estimateSchema = z
  .object({
    estimateId: scopedIdSchema,
    clientId: idSchema,
    jobId: scopedIdSchema,
    title: z.string(),
    currency: currencySchema,
    latestVersion: z.number().int().positive(),
    signedVersion: z.number().int().positive().optional(),
    approvedTotal: moneySchema
      .optional()
      .meta({ description: 'The signed version’s subtotal (before tax): the job’s signed total.' }),
    nextLineNumber: z.number().int().positive(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Estimate' });
export type Estimate = z.output<typeof estimateSchema>;

/** Where the estimate's sign-off stands, for staff. */
export const signOffStatusSchema = z
  .object({
    state: z.enum(['not_started', 'in_review', 'changes_requested', 'rejected', 'signed']),
    reviewId: scopedIdSchema.optional(),
    version: z.number().int().positive(),
    signedAt: timestampSchema.optional(),
  })
  .meta({ id: 'EstimateSignOffStatus' });

export const estimateDetailSchema = z
  .object({
    estimate: estimateSchema,
    version: estimateVersionSchema,
    changeOrder: changeOrderSchema.optional(),
    signOff: signOffStatusSchema,
  })
  .meta({ id: 'EstimateDetail' });

const linesField = z.array(estimateLineInputSchema).min(1).max(200);

export const createEstimateSchema = z
  .strictObject({
    title: text(200),
    currency: currencySchema
      .optional()
      .meta({ description: "The job's currency (its budget's); required when the job has no budget." }),
    lines: linesField,
    notes: text(5000).optional(),
  })
  .meta({ id: 'CreateEstimate' });
export type CreateEstimateInput = z.output<typeof createEstimateSchema>;

export const reviseEstimateSchema = z
  .strictObject({
    title: text(200).optional(),
    lines: linesField,
    notes: text(5000).optional(),
  })
  .meta({
    id: 'ReviseEstimate',
    description: 'The whole estimate as it now stands (lines keep their ids; new lines have none).',
  });
export type ReviseEstimateInput = z.output<typeof reviseEstimateSchema>;

export const previewEstimateSchema = z
  .strictObject({ currency: currencySchema.optional(), lines: z.array(estimateLineInputSchema).max(200) })
  .meta({ id: 'PreviewEstimate' });

export const estimatePreviewSchema = z
  .object({ currency: currencySchema, lines: z.array(estimateLineSchema), totals: estimateTotalsSchema })
  .meta({ id: 'EstimatePreview' });

/** A line of the signed estimate, for purchase orders raised against it. */
export interface SignedEstimateLine {
  lineId: string;
  category: LineCategory;
  description: string;
  quantity: number;
  unitCost: { amountMinor: number; currency: string };
  total: { amountMinor: number; currency: string };
  vendorId?: string;
}

export const estimateParams = z.strictObject({ estimateId: scopedIdSchema });
export const estimateVersionParams = z.strictObject({ estimateId: scopedIdSchema, n: versionNumberParam });
export const jobParams = z.strictObject({ jobId: scopedIdSchema });
