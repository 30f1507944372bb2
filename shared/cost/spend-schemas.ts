import * as z from 'zod';
import { languages } from '../platform/i18n.js';
import {
  decimal,
  documentDownloadSchema,
  emailSchema,
  idSchema,
  moneySchema,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';
import { lineCategories } from './schemas.js';

/**
 * Spend (issue 13 §2–§3): the vendor register, purchase orders against the signed estimate, vendors'
 * bills matched to them, the AE's monthly forecast per brand and the monthly budget reconciliation.
 */

// ---------------------------------------------------------------------------------------------
// Vendors
// ---------------------------------------------------------------------------------------------

/** The seeds' downstream suppliers. */
export const vendorCategories = [
  'production_house',
  'photographer',
  'printer',
  'research_firm',
  'media_owner',
  'other',
] as const;

export const vendorStatuses = ['proposed', 'approved', 'rejected'] as const;

export const createVendorSchema = z
  .strictObject({
    name: text(160),
    categories: z
      .array(z.enum(vendorCategories))
      .min(1)
      .max(vendorCategories.length)
      .refine((c) => new Set(c).size === c.length, { message: 'Name each category once.' }),
    contact: z.strictObject({
      name: text(120),
      email: emailSchema,
      phone: text(40).optional(),
      language: z.enum(languages).optional().meta({
        description:
          "The language the vendor's contact reads: purchase orders and their emails are written in it (the agency's language while none is recorded).",
      }),
    }),
    address: text(400).optional(),
    paymentTermsDays: z
      .int()
      .min(0)
      .max(180)
      .meta({ format: 'int32', description: 'Net days to pay a bill.' }),
    taxId: text(40).meta({ description: "The vendor's tax identification number." }),
    notes: text(2000).optional(),
  })
  .meta({ id: 'CreateVendor' });
export type CreateVendorInput = z.output<typeof createVendorSchema>;

export const decideVendorSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: text(1000).optional(),
  })
  .meta({ id: 'DecideVendor' });
export type DecideVendorInput = z.output<typeof decideVendorSchema>;

export const vendorSchema = z
  .object({
    vendorId: idSchema,
    name: z.string(),
    categories: z.array(z.enum(vendorCategories)),
    contact: z.object({
      name: z.string(),
      email: z.string(),
      phone: z.string().optional(),
      language: z.enum(languages).optional(),
    }),
    address: z.string().optional(),
    paymentTermsDays: z.int().meta({ format: 'int32' }),
    taxId: z.string(),
    notes: z.string().optional(),
    status: z.enum(vendorStatuses),
    proposedBy: idSchema,
    decidedBy: idSchema.optional(),
    decidedAt: timestampSchema.optional(),
    decisionComment: z.string().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'Vendor' });
export type VendorView = z.output<typeof vendorSchema>;

export const vendorListQuery = z.strictObject({
  status: z.enum(vendorStatuses).optional(),
  category: z.enum(vendorCategories).optional(),
});

// ---------------------------------------------------------------------------------------------
// Purchase orders
// ---------------------------------------------------------------------------------------------

const quantity = decimal({ min: 0.001, max: 1_000_000_000, places: 3 });

export const estimateLineIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_#-]+$/, 'An estimate line id.')
  .meta({ description: 'The line of the signed estimate this spend is against.' });

export const purchaseOrderLineInput = z.strictObject({
  estimateLineId: estimateLineIdSchema,
  description: text(300),
  quantity,
  unitCost: moneySchema,
});

export const createPurchaseOrderSchema = z
  .strictObject({
    vendorId: idSchema.meta({ description: 'An approved vendor of the register.' }),
    category: z.enum(['production', 'media', 'third_party', 'research', 'other']),
    lines: z.array(purchaseOrderLineInput).min(1).max(50),
    deliverBy: z.iso.date().max(10).optional(),
    notes: text(2000).optional(),
  })
  .meta({ id: 'CreatePurchaseOrder' });
export type CreatePurchaseOrderInput = z.output<typeof createPurchaseOrderSchema>;

const purchaseOrderLine = z.object({
  lineNumber: z.int().meta({ format: 'int32' }),
  estimateLineId: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitCost: moneySchema,
  total: moneySchema,
});

export const purchaseOrderStatuses = ['issued', 'billed', 'cancelled'] as const;

export const purchaseOrderSchema = z
  .object({
    purchaseOrderId: scopedIdSchema,
    number: z.string().meta({ description: 'The order number the vendor quotes on its bill.' }),
    clientId: idSchema,
    jobId: scopedIdSchema,
    brandId: idSchema,
    vendorId: idSchema,
    vendorName: z.string(),
    category: z.string(),
    lines: z.array(purchaseOrderLine),
    total: moneySchema,
    billed: moneySchema,
    status: z.enum(purchaseOrderStatuses),
    approvedBy: idSchema,
    creditHold: z.string().optional().meta({
      description:
        "Set when the client's credit standing was flagged as the order was placed (over its credit limit or 60+ days overdue): why, in words; only an account director or above places such an order.",
    }),
    deliverBy: z.string().optional(),
    notes: z.string().optional(),
    document: storedFileSchema.meta({ description: 'The order as sent (HTML with print CSS) in S3.' }),
    sentAt: timestampSchema.optional(),
    cancelledAt: timestampSchema.optional(),
    cancelledBy: idSchema.optional(),
    cancelReason: z.string().optional(),
    released: moneySchema.optional().meta({
      description:
        "Cancelled: what the cancellation gave back to the job's committed spend (the order's total less what was billed on it before).",
    }),
    cancellationSentAt: timestampSchema.optional().meta({
      description: 'When the vendor (and the approver) were emailed the cancellation.',
    }),
    ...resourceMeta,
  })
  .meta({ id: 'PurchaseOrder' });
export type PurchaseOrderView = z.output<typeof purchaseOrderSchema>;

export const cancelPurchaseOrderSchema = z
  .strictObject({
    reason: text(1000).meta({ description: 'Why the order is cancelled; the vendor reads it.' }),
  })
  .meta({ id: 'CancelPurchaseOrder' });
export type CancelPurchaseOrderInput = z.output<typeof cancelPurchaseOrderSchema>;

// ---------------------------------------------------------------------------------------------
// Vendor bills
// ---------------------------------------------------------------------------------------------

export const createVendorBillSchema = z
  .strictObject({
    purchaseOrderId: scopedIdSchema,
    billNumber: text(60).meta({ description: "The vendor's own invoice number." }),
    billDate: z.iso.date().max(10),
    lines: z
      .array(
        z.strictObject({
          lineNumber: z.int().min(1).max(50).meta({ format: 'int32' }),
          quantity,
          amount: moneySchema,
        }),
      )
      .min(1)
      .max(50)
      .refine((l) => new Set(l.map((x) => x.lineNumber)).size === l.length, {
        message: 'Name each order line once.',
      }),
    rebillable: z.boolean().default(false).meta({
      description:
        "Passed on to the client: the bill is invoiced to the client at cost (plus the markup of the client's billing terms), beyond the signed estimate.",
    }),
    notes: text(2000).optional(),
  })
  .meta({ id: 'CreateVendorBill' });
export type CreateVendorBillInput = z.output<typeof createVendorBillSchema>;

export const billVarianceSchema = z.object({
  lineNumber: z.int().meta({ format: 'int32' }),
  kind: z.enum(['quantity', 'amount', 'not_ordered']),
  ordered: z.number().optional(),
  billed: z.number().optional(),
  orderedAmount: moneySchema.optional(),
  billedAmount: moneySchema.optional(),
  message: z.string(),
});

export const vendorBillSchema = z
  .object({
    billId: scopedIdSchema,
    purchaseOrderId: scopedIdSchema,
    purchaseOrderNumber: z.string(),
    clientId: idSchema,
    jobId: scopedIdSchema,
    vendorId: idSchema,
    billNumber: z.string(),
    billDate: z.string(),
    lines: z.array(
      z.object({ lineNumber: z.int().meta({ format: 'int32' }), quantity: z.number(), amount: moneySchema }),
    ),
    total: moneySchema,
    variances: z.array(billVarianceSchema),
    matched: z
      .boolean()
      .meta({ description: 'True when every line matches its order line in quantity and amount.' }),
    rebillable: z.boolean().optional().meta({ description: 'Passed on to the client on its next invoice.' }),
    recordedBy: idSchema,
    notes: z.string().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'VendorBill' });
export type VendorBillView = z.output<typeof vendorBillSchema>;

// ---------------------------------------------------------------------------------------------
// The job's spend
// ---------------------------------------------------------------------------------------------

export const jobSpendSchema = z
  .object({
    jobId: scopedIdSchema,
    signed: z.boolean().meta({ description: 'Whether the client has signed an estimate of the job.' }),
    signedTotal: moneySchema.optional(),
    committed: moneySchema.optional(),
    remaining: moneySchema.optional(),
    billed: moneySchema.optional(),
    estimateCarriesMedia: z.boolean().optional(),
    estimateLines: z
      .array(
        z.object({
          lineId: z.string(),
          category: z.enum(lineCategories),
          description: z.string(),
          quantity: z.number(),
          unitCost: moneySchema,
          total: moneySchema,
          vendorId: z.string().optional(),
        }),
      )
      .meta({
        description:
          "The lines of the signed estimate (a signed change order's, once signed): what purchase orders are raised against. Empty while nothing is signed.",
      }),
    purchaseOrders: z.array(purchaseOrderSchema),
    bills: z.array(vendorBillSchema),
  })
  .meta({ id: 'JobSpend' });

// ---------------------------------------------------------------------------------------------
// Forecasts and reconciliations
// ---------------------------------------------------------------------------------------------

export const monthSchema = z
  .string()
  .max(7)
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'A month, YYYY-MM.')
  .meta({ description: 'A calendar month, YYYY-MM.' });

export const putForecastSchema = z
  .strictObject({
    clientId: idSchema.meta({ description: "The brand's client." }),
    amount: moneySchema.meta({ description: 'The spend the AE expects on the brand in the month.' }),
    note: text(1000).optional(),
  })
  .meta({ id: 'PutForecast' });
export type PutForecastInput = z.output<typeof putForecastSchema>;

export const forecastSchema = z
  .object({
    clientId: idSchema,
    brandId: idSchema,
    month: z.string(),
    amount: moneySchema,
    note: z.string().optional(),
    forecastBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'BrandForecast' });
export type ForecastView = z.output<typeof forecastSchema>;

const reconciliationFigures = {
  signed: moneySchema,
  committed: moneySchema,
  billed: moneySchema,
  forecast: moneySchema.optional(),
};

export const varianceKinds = [
  'committed_over_signed',
  'billed_over_committed',
  'committed_vs_forecast',
] as const;

export const reconciliationRowSchema = z.object({
  kind: z.enum(['job', 'brand']),
  id: z.string(),
  label: z.string(),
  brandId: idSchema,
  ...reconciliationFigures,
  committedInMonth: moneySchema.optional().meta({ description: 'Brand rows: orders issued in the month.' }),
  flags: z.array(
    z.object({
      kind: z.enum(varianceKinds),
      variance: moneySchema,
      percent: z.number(),
      reason: z.string().optional().meta({ description: "The AE's reason for the variance." }),
      reasonBy: idSchema.optional(),
    }),
  ),
});

export const reconciliationSchema = z
  .object({
    clientId: idSchema,
    clientName: z.string().optional(),
    month: z.string(),
    currency: z.string(),
    thresholdPercent: z.number(),
    rows: z.array(reconciliationRowSchema),
    totals: z.object(reconciliationFigures),
    otherCurrencies: z
      .array(z.string())
      .meta({ description: 'Currencies of jobs left out of the totals (reported in their rows only).' }),
    html: storedFileSchema.meta({ description: 'The report in English (HTML with its charts).' }),
    translations: z
      .object({ es: storedFileSchema.optional(), 'zh-CN': storedFileSchema.optional() })
      .optional()
      .meta({ description: 'The report in Spanish and Simplified Chinese (each reader opens their own).' }),
    csv: storedFileSchema,
    reasonsUpdatedAt: timestampSchema
      .optional()
      .meta({ description: 'When the AE last gave a reason: the HTML and CSV were written again then.' }),
    emailedTo: z.array(idSchema),
    emailedAt: timestampSchema.optional(),
    generatedAt: timestampSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Reconciliation' });
export type ReconciliationView = z.output<typeof reconciliationSchema>;

export const reconciliationDetailSchema = reconciliationSchema
  .extend({
    downloads: z
      .object({ html: documentDownloadSchema, csv: documentDownloadSchema })
      .meta({ description: "The HTML in the caller's language, and the CSV (presigned now, for minutes)." }),
  })
  .meta({ id: 'ReconciliationDetail' });

export const reconciliationSummarySchema = reconciliationSchema
  .omit({ rows: true })
  .extend({ flagged: z.int().meta({ format: 'int32' }) })
  .meta({ id: 'ReconciliationSummary' });

export const varianceReasonSchema = z
  .strictObject({
    rowId: z.string().min(1).max(80),
    kind: z.enum(varianceKinds),
    reason: text(1000),
  })
  .meta({ id: 'VarianceReason' });
export type VarianceReasonInput = z.output<typeof varianceReasonSchema>;
