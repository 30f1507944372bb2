import * as z from 'zod';
import { vendorSchema } from '../cost/index.js';
import {
  currencySchema,
  dateSchema,
  decimal,
  documentDownloadSchema,
  idSchema,
  moneySchema,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';
import { sendingSchema } from '../platform/sendings.js';

/**
 * Billing's request and response schemas (issue 14 §1–§2): the client's billing terms, invoices
 * and credit notes with their lines, payments and their applications, ageing.
 */

/** When signed work becomes billable (issue 14 §1). */
export const billingSchedules = ['advance', 'on_signature', 'on_delivery', 'monthly'] as const;

export const putBillingTermsSchema = z
  .strictObject({
    schedule: z.enum(billingSchedules).meta({
      description:
        'advance: a share of the signed estimate when signed, the rest on delivery; on_signature: all of it when signed; on_delivery: all of it when the job is completed; monthly: agency fees in equal monthly parts from signature to the job’s due month, the rest on delivery. Media is billed by month of its bookings under every schedule.',
    }),
    advancePercent: z
      .int()
      .min(1)
      .max(99)
      .default(50)
      .meta({ description: 'For advance: the percent billed when the estimate is signed.', format: 'int32' }),
    mediaRemuneration: z.enum(['commission', 'fee']).meta({
      description:
        'commission: media is billed gross and the agency keeps its commission; fee: media is billed at net cost and the agency earns its fee lines.',
    }),
    mediaCommissionPercent: decimal({ min: 0, max: 100, places: 3 })
      .default(15)
      .meta({ description: 'The commission on gross media, in percent (commission remuneration).' }),
    rebillMarkupPercent: decimal({ min: 0, max: 100, places: 3 })
      .default(0)
      .meta({ description: 'Markup on vendor bills passed on to the client, in percent.' }),
    paymentDays: z
      .int()
      .min(0)
      .max(180)
      .meta({ description: 'Days from issue to due date.', format: 'int32' }),
    currency: currencySchema.meta({ description: 'The currency the client is invoiced in.' }),
    creditLimit: moneySchema.optional().meta({
      description: 'Above this much owed, new purchase orders for the client need an account director.',
    }),
    billingContactId: idSchema.meta({ description: 'The client contact invoices and reminders go to.' }),
    approvalThreshold: moneySchema.meta({
      description:
        'Invoices above this total (tax included) need an account manager’s approval before issue.',
    }),
    reminderDays: z.int().min(1).max(30).meta({
      description:
        'N: reminders go at the due date + N working days on the client’s calendar, and every N working days after, escalating AE → AM → AD.',
      format: 'int32',
    }),
  })
  .meta({ id: 'PutBillingTerms' });
export type BillingTermsInput = z.output<typeof putBillingTermsSchema>;

export const billingTermsSchema = putBillingTermsSchema
  .extend({
    clientId: idSchema,
    taxRateBasisPoints: z.int().meta({
      description: 'The client’s tax rate (from the client record, as for estimates), in basis points.',
      format: 'int32',
    }),
    setBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'BillingTerms' });
export type BillingTerms = z.output<typeof billingTermsSchema>;

export const invoiceKinds = ['invoice', 'creditNote'] as const;
export const invoiceStatuses = ['draft', 'reviewed', 'approved', 'issued', 'paid', 'discarded'] as const;
export const lineSources = ['estimate', 'rebill', 'media', 'time', 'credit'] as const;

/** Minor units of a line's revenue by kind (see `RevenueEntry`). */
const revenueSchema = z.object({
  feesMinor: z.int(),
  commissionMinor: z.int(),
  rebilledMinor: z.int(),
  mediaNetMinor: z.int(),
});
export type LineRevenue = z.output<typeof revenueSchema>;

export const invoiceLineSchema = z
  .object({
    lineId: z.string().meta({ description: 'I001, I002…' }),
    jobId: scopedIdSchema,
    jobNumber: z.string(),
    kind: z.enum(lineSources),
    source: z.string().meta({
      description: 'What is billed (an estimate line and stage, a bill, a booking month, a time entry).',
    }),
    description: z.string(),
    amount: moneySchema.meta({
      description: 'Before tax (negative amounts are not used: a credit note’s lines are credits).',
    }),
    media: z.object({ gross: moneySchema, commission: moneySchema, net: moneySchema }).optional().meta({
      description: 'For media: gross, the agency’s commission and the net paid on to the media owner.',
    }),
    revenue: revenueSchema,
  })
  .meta({ id: 'InvoiceLine' });
export type InvoiceLine = z.output<typeof invoiceLineSchema>;

export const chaseSchema = z
  .object({
    level: z.int().min(1).meta({
      description:
        'The period since the due date (1, 2, 3…): the AE is chased at 1, the AM at 2, the AD at 3 and every one after.',
      format: 'int32',
    }),
    escalatedTo: z.enum(['account_executive', 'account_manager', 'account_director']),
    staffIds: z.array(idSchema),
    contactEmail: z.string(),
    dueOn: dateSchema.meta({
      description: 'The day of the run that sent it (on or after due date + N working days × level).',
    }),
    sentAt: timestampSchema,
  })
  .meta({ id: 'InvoiceChase' });
export type Chase = z.output<typeof chaseSchema>;

export const invoiceSchema = z
  .object({
    invoiceId: scopedIdSchema,
    clientId: idSchema,
    kind: z.enum(invoiceKinds),
    status: z.enum(invoiceStatuses),
    number: z.string().optional().meta({ description: 'Given at issue: INV-2027-000123, CN-2027-000004.' }),
    jobIds: z.array(scopedIdSchema),
    lines: z.array(invoiceLineSchema),
    subtotal: moneySchema,
    taxRateBasisPoints: z.int().meta({ format: 'int32' }),
    tax: moneySchema,
    total: moneySchema,
    paid: moneySchema.meta({ description: 'Applied payments and credit notes.' }),
    balance: moneySchema.meta({ description: 'What is still owed: total − paid.' }),
    needsApproval: z
      .boolean()
      .meta({ description: 'Above the client’s approval threshold: an AM approves it.' }),
    correctsInvoiceId: scopedIdSchema
      .optional()
      .meta({ description: 'A credit note: the invoice it corrects.' }),
    reason: z.string().optional(),
    notes: z.string().optional(),
    billingContact: z.object({
      contactId: idSchema,
      name: z.string(),
      email: z.string(),
      language: z.enum(['en', 'es', 'zh-CN']),
    }),
    draftedBy: idSchema,
    reviewedBy: idSchema.optional(),
    approvedBy: idSchema.optional(),
    issuedBy: idSchema.optional(),
    issuedOn: dateSchema.optional(),
    dueOn: dateSchema.optional(),
    document: storedFileSchema
      .optional()
      .meta({ description: 'The issued document (HTML with print CSS) in S3 (absent: not stored yet).' }),
    sendings: z.array(sendingSchema).optional().meta({
      description:
        'Each time the document was emailed to the billing contact, oldest first (absent: never sent; `POST …/send` sends it).',
    }),
    chasing: z.array(chaseSchema).meta({ description: 'Reminders sent, oldest first.' }),
    ...resourceMeta,
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.output<typeof invoiceSchema>;

/** What waits on the caller's decision in billing and cost (`GET /me/billing-decisions`). */
export const billingDecisionsSchema = z
  .object({
    invoices: z.array(z.object({ clientName: z.string(), invoice: invoiceSchema })).meta({
      description:
        'Drafts reviewed by the AE and above their client’s approval threshold, oldest first (for the account manager and above; empty for others).',
    }),
    vendors: z.array(vendorSchema).meta({
      description: 'Suppliers proposed and waiting for a director’s approval (empty for others).',
    }),
  })
  .meta({ id: 'BillingDecisions' });
export type BillingDecisions = z.output<typeof billingDecisionsSchema>;

export const draftInvoiceSchema = z
  .strictObject({
    jobIds: z.array(scopedIdSchema).min(1).max(10).optional().meta({
      description: 'The jobs to bill (default: every job of the client with something billable).',
    }),
    through: dateSchema.optional().meta({
      description: 'Bill what became billable up to this day (default: today on the client’s calendar).',
    }),
    notes: text(2000).optional(),
  })
  .meta({ id: 'DraftInvoice' });
export type DraftInvoiceInput = z.output<typeof draftInvoiceSchema>;

export const updateDraftInvoiceSchema = z
  .strictObject({
    removeLineIds: z.array(z.string().max(6)).max(100).optional().meta({
      description: 'Lines to leave for a later invoice.',
    }),
    notes: text(2000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Send at least one field to change.' })
  .meta({ id: 'UpdateDraftInvoice' });
export type UpdateDraftInvoiceInput = z.output<typeof updateDraftInvoiceSchema>;

export const creditNoteSchema = z
  .strictObject({
    reason: text(1000),
    lines: z
      .array(z.strictObject({ lineId: z.string().max(6), amount: moneySchema }))
      .min(1)
      .max(100)
      .refine((l) => new Set(l.map((x) => x.lineId)).size === l.length, { message: 'Name each line once.' }),
  })
  .meta({ id: 'CreateCreditNote' });
export type CreditNoteInput = z.output<typeof creditNoteSchema>;

export const invoiceListQuery = z.strictObject({
  status: z.enum(invoiceStatuses).optional(),
  kind: z.enum(invoiceKinds).optional(),
});

export const invoiceDocumentSchema = documentDownloadSchema;

export const recordPaymentSchema = z
  .strictObject({
    amount: moneySchema,
    receivedOn: dateSchema.meta({
      description:
        'The day the money arrived: today or earlier on the client’s calendar (a later day is refused, 422 payment_in_future).',
    }),
    reference: text(120).meta({ description: 'The bank reference or cheque number.' }),
    invoiceId: scopedIdSchema.optional().meta({
      description:
        'Apply it to this invoice; whatever exceeds what is owed stays as the client’s unapplied credit.',
    }),
  })
  .meta({ id: 'RecordPayment' });
export type RecordPaymentInput = z.output<typeof recordPaymentSchema>;

export const applyPaymentSchema = z
  .strictObject({ invoiceId: scopedIdSchema, amount: moneySchema })
  .meta({ id: 'ApplyPayment' });
export type ApplyPaymentInput = z.output<typeof applyPaymentSchema>;

export const paymentSchema = z
  .object({
    paymentId: scopedIdSchema,
    clientId: idSchema,
    amount: moneySchema,
    receivedOn: dateSchema,
    reference: z.string(),
    creditNote: z.object({ invoiceId: scopedIdSchema, number: z.string() }).optional().meta({
      description:
        'Not money received: what this credit note credited beyond what its invoice still owed, kept as credit.',
    }),
    applications: z.array(
      z.object({
        invoiceId: scopedIdSchema,
        number: z.string(),
        amount: moneySchema,
        appliedAt: timestampSchema,
      }),
    ),
    unapplied: moneySchema.meta({ description: 'Not yet applied to an invoice: the client’s credit.' }),
    recordedBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Payment' });
export type Payment = z.output<typeof paymentSchema>;

export const ageingBuckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

export const clientAgeingSchema = z
  .object({
    clientId: idSchema,
    clientName: z.string(),
    asOf: dateSchema.meta({ description: 'Today on the client’s calendar.' }),
    currency: z.string(),
    buckets: z.record(z.enum(ageingBuckets), moneySchema),
    outstanding: moneySchema,
    unappliedCredit: moneySchema,
    invoices: z.array(
      z.object({
        invoiceId: scopedIdSchema,
        number: z.string(),
        dueOn: dateSchema,
        daysOverdue: z.int().meta({ format: 'int32' }),
        bucket: z.enum(ageingBuckets),
        balance: moneySchema,
        chasing: z.array(chaseSchema),
      }),
    ),
    creditLimit: moneySchema.optional(),
    creditHold: z
      .boolean()
      .meta({ description: 'Over the credit limit or 60+ days overdue: new orders need an AD.' }),
  })
  .meta({ id: 'ClientAgeing' });
export type ClientAgeing = z.output<typeof clientAgeingSchema>;
