import * as z from 'zod';
import {
  idSchema,
  moneySchema,
  nonEmptyPatch,
  pageQuery,
  resourceMeta,
  text,
  timestampSchema,
} from '../../platform/schemas.js';
import { workingCalendarSchema } from '../../platform/working-days.js';

export const clientStatuses = ['prospect', 'pitching', 'active', 'dormant', 'lost'] as const;
export const acquisitionSources = [
  'referral',
  'reputation',
  'pitch',
  'solicitation',
  'agency_advertising',
] as const;
export const confidentialityLevels = ['standard', 'confidential', 'restricted'] as const;

/** The intake record (domain.md §1 step 1): what the agency must know before working. */
export const intakeSchema = z
  .strictObject({
    productKnowledge: text(10_000).optional(),
    marketSituation: text(10_000).optional(),
    advertisingBudget: moneySchema.optional(),
    marketingPlan: text(10_000).optional(),
  })
  .meta({ id: 'Intake' });
export type Intake = z.infer<typeof intakeSchema>;

export const intakeFields = [
  'productKnowledge',
  'marketSituation',
  'advertisingBudget',
  'marketingPlan',
] as const;

export const clientSchema = z
  .object({
    clientId: idSchema,
    name: z.string(),
    code: z.string(),
    industry: z.string(),
    status: z.enum(clientStatuses),
    acquisitionSource: z.enum(acquisitionSources).optional(),
    confidentiality: z.enum(confidentialityLevels),
    calendar: workingCalendarSchema.meta({
      description: 'Working days for deadlines (time zone, weekend, holidays).',
    }),
    intake: intakeSchema,
    taxRateBasisPoints: z.int().min(0).max(10_000).optional().meta({
      description:
        "The tax (VAT, sales tax) on the client's estimates, in basis points: 2100 is 21 %. None: no tax is added.",
      format: 'int32',
    }),
    intakeCompleteness: z.object({
      complete: z.boolean(),
      missing: z.array(z.enum(intakeFields)),
    }),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Client' });
export type Client = z.infer<typeof clientSchema>;

export const clientCodeSchema = z
  .string()
  // The length bound is stated for the API description; one message for a code that breaks both.
  .max(8, { error: 'Must be 2 to 8 capital letters (A-Z).', abort: true })
  .regex(/^[A-Z]{2,8}$/, 'Must be 2 to 8 capital letters (A-Z).')
  .meta({ description: 'Unique; the prefix of the client’s job numbers. Cannot change.' });

export const createClientSchema = z
  .strictObject({
    name: text(200),
    code: clientCodeSchema,
    industry: text(120),
    status: z.enum(clientStatuses).optional(),
    acquisitionSource: z.enum(acquisitionSources).optional(),
    confidentiality: z.enum(confidentialityLevels).optional(),
    calendar: workingCalendarSchema.optional(),
    intake: intakeSchema.optional(),
    taxRateBasisPoints: z.int().min(0).max(10_000).optional().meta({
      description:
        "The tax (VAT, sales tax) on the client's estimates, in basis points: 2100 is 21 %. None: no tax is added.",
      format: 'int32',
    }),
  })
  .meta({ id: 'CreateClient' });
export type CreateClientInput = z.infer<typeof createClientSchema>;

export const updateClientSchema = nonEmptyPatch(
  z.strictObject({
    name: text(200).optional(),
    industry: text(120).optional(),
    status: z.enum(clientStatuses).optional(),
    acquisitionSource: z.enum(acquisitionSources).optional(),
    confidentiality: z.enum(confidentialityLevels).optional(),
    calendar: workingCalendarSchema.optional().meta({ description: 'Replaces the whole calendar.' }),
    intake: intakeSchema.optional().meta({ description: 'Fields given replace those stored; others stay.' }),
    taxRateBasisPoints: z.int().min(0).max(10_000).optional().meta({
      description:
        "The tax (VAT, sales tax) on the client's estimates, in basis points: 2100 is 21 %. None: no tax is added.",
      format: 'int32',
    }),
  }),
).meta({ id: 'UpdateClient' });
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

export const clientParams = z.strictObject({ clientId: idSchema });
export const clientListQuery = z.strictObject({
  q: text(120)
    .optional()
    .meta({ description: 'Only clients whose name starts with this (case-insensitive).' }),
  ...pageQuery,
});

export const activityEventSchema = z
  .object({
    eventId: idSchema,
    at: timestampSchema,
    actorId: idSchema,
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    beforeVersion: z.number().int().optional(),
    afterVersion: z.number().int().optional(),
    changes: z.record(z.string(), z.object({ from: z.unknown().optional(), to: z.unknown().optional() })),
  })
  .meta({ id: 'ActivityEvent' });
export type ActivityEvent = z.infer<typeof activityEventSchema>;
