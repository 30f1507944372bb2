import * as z from 'zod';

/**
 * Shared building blocks of the request and response schemas. Request bodies are
 * strict objects: a field the client may not set (ids, version, status history,
 * timestamps, owner, job number) is rejected by name, never silently stored.
 */
export const idSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id as issued by Account Desk.')
  .meta({ description: 'Identifier (ULID).' });

export const scopedIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}_[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id as issued by Account Desk.')
  .meta({ description: 'Identifier of a client-owned resource.' });

export const text = (max: number) => z.string().trim().min(1, 'Must not be empty.').max(max);

export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const moneySchema = z
  .strictObject({
    amount: z.number().nonnegative().max(1e12).multipleOf(0.01),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD.'),
  })
  .meta({ id: 'Money' });

export const dateSchema = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD.' });

export const timestampSchema = z.iso.datetime().meta({ description: 'UTC timestamp (ISO 8601).' });

/** A file the system keeps in S3, named by key and exact object version, identified by its SHA-256. */
export const storedFileSchema = z
  .object({
    objectKey: z.string(),
    objectVersionId: z.string().optional(),
    sha256: z.string(),
  })
  .meta({ id: 'StoredFile' });

/** An uploaded document (a written confirmation): a stored file and its media type. */
export const uploadedDocumentSchema = storedFileSchema
  .extend({ contentType: z.string() })
  .meta({ id: 'UploadedDocument' });

/** Fields every stored resource carries. */
export const resourceMeta = {
  version: z
    .number()
    .int()
    .positive()
    .meta({ description: 'Optimistic-locking version; send it in If-Match.' }),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
};

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  nextToken: z.string().min(1).max(2048).optional(),
};

export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextToken: z.string().optional() }).meta({ id });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code.' }),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

/** At least one field: an empty PATCH is a mistake, not a no-op. */
export const nonEmptyPatch = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.keys(value).length > 0, { message: 'Send at least one field to change.' });
