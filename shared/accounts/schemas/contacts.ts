import * as z from 'zod';
import {
  emailSchema,
  idSchema,
  nonEmptyPatch,
  pageQuery,
  resourceMeta,
  text,
} from '../../platform/schemas.js';

export const contactLevels = ['senior', 'middle', 'brand'] as const;
/** What a client contact may sign off for the client. */
export const signOffKinds = ['creative', 'estimate', 'media', 'minutes'] as const;

const approvesSchema = z
  .array(z.enum(signOffKinds))
  .max(signOffKinds.length)
  .refine((a) => new Set(a).size === a.length, 'Must not repeat a kind.');

export const contactSchema = z
  .object({
    contactId: idSchema,
    clientId: idSchema,
    name: z.string(),
    email: z.string(),
    title: z.string().optional(),
    level: z.enum(contactLevels),
    approves: z.array(z.enum(signOffKinds)),
    active: z.boolean(),
    mailStatus: z
      .object({
        problem: z.enum(['bounced', 'complained']),
        address: z.string(),
        at: z.string(),
        detail: z.string().optional(),
      })
      .optional()
      .meta({
        description:
          'Set when an email to this address bounced or the contact complained about one: sign-off emails to them are withheld and the account team is told. Changing `email`, or sending `mailStatus: null`, clears it.',
      }),
    ...resourceMeta,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const createContactSchema = z
  .strictObject({
    name: text(120),
    email: emailSchema,
    title: text(120).optional(),
    level: z.enum(contactLevels),
    approves: approvesSchema,
  })
  .meta({ id: 'CreateContact' });
export type CreateContactInput = z.infer<typeof createContactSchema>;

export const updateContactSchema = nonEmptyPatch(
  z.strictObject({
    name: text(120).optional(),
    email: emailSchema.optional(),
    title: text(120).nullable().optional(),
    level: z.enum(contactLevels).optional(),
    approves: approvesSchema.optional(),
    active: z.boolean().optional(),
    /** Staff confirmed the address works again (only clearing is allowed; SES events set it). */
    mailStatus: z.null().optional(),
  }),
).meta({ id: 'UpdateContact' });
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const contactParams = z.strictObject({ clientId: idSchema, contactId: idSchema });
export const contactListQuery = z.strictObject({ ...pageQuery });
