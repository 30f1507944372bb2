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

/** Bidirectional-text controls (overrides, embeddings, isolates, marks): they disguise a name's extension. */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Nothing a person could see: white space, zero-width and other format characters. */
const invisibleOnly = /^[\p{Z}\p{Cf}\s]*$/u;

/**
 * The name of a file someone uploads (it reaches object keys, download names and email subjects):
 * no folders (`/`, `\`), not `.` or `..`, no control characters or line breaks (CR, LF, U+2028/9),
 * no bidirectional overrides, and something visible.
 */
export const fileNameSchema = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(max)
    .superRefine((name, ctx) => {
      const problem = /[/\\]/.test(name)
        ? 'A file name, without folders.'
        : name === '.' || name === '..'
          ? 'Not a file name.'
          : /[\p{Cc}\u2028\u2029]/u.test(name)
            ? 'A file name cannot hold control characters or line breaks.'
            : bidiControls.test(name)
              ? 'A file name cannot hold right-to-left or other direction overrides.'
              : invisibleOnly.test(name)
                ? 'A file name needs visible characters.'
                : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      description: 'A file name, e.g. artwork.png (no folders, control characters or direction overrides).',
    });

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

/** A stored file handed to a reader: a presigned GET of exactly its recorded object version. */
export const documentDownloadSchema = z
  .object({
    url: z.string().meta({ description: 'Presigned GET of the recorded object version (short-lived).' }),
    expiresAt: timestampSchema,
    fileName: z.string(),
    contentType: z.string(),
    sha256: z.string(),
    objectVersionId: z.string().optional(),
  })
  .meta({
    id: 'DocumentDownload',
    description:
      'Served as an attachment unless it is an image, PDF, video or audio file whose bytes were read and found to be that type.',
  });

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
