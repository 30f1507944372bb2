import * as z from 'zod';
import { currencyCodes, maxMinorUnits } from './money.js';

/**
 * Shared building blocks of the request and response schemas. Request bodies are
 * strict objects: a field the client may not set (ids, version, status history,
 * timestamps, owner, job number) is rejected by name, never silently stored.
 */
export const idSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id as issued by Account Desk.')
  .max(26)
  .meta({ description: 'Identifier (ULID).' });

export const scopedIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}_[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id as issued by Account Desk.')
  .max(53)
  .meta({ description: 'Identifier of a client-owned resource.' });

export const text = (max: number) => z.string().trim().min(1, 'Must not be empty.').max(max);

export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code, e.g. USD.')
  .max(3)
  .refine((code) => currencyCodes.has(code), 'Not an ISO 4217 currency in use.')
  .meta({ description: 'ISO 4217 currency code (one in use), e.g. EUR.' });

/**
 * Money: a whole number of the currency's minor units (cents for EUR, yen for JPY, fils for KWD)
 * and the currency. See `money.ts`.
 */
export const moneySchema = z
  .strictObject({
    amountMinor: z.int().min(0).max(maxMinorUnits).meta({
      description:
        "The amount in the currency's minor units, a whole number: 123450 is EUR 1,234.50, 1500 is JPY 1,500, 1500 is KWD 1.500.",
      format: 'int64',
    }),
    currency: currencySchema,
  })
  .meta({ id: 'Money', description: 'An amount of money: whole minor units of an ISO 4217 currency.' });

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

/** A count (spots, impressions, rows): a whole number from `min` to `max`. */
export const count = (max: number, min = 0) =>
  z
    .int()
    .min(min)
    .max(max)
    .meta({ format: max > 2_147_483_647 ? 'int64' : 'int32' });

/**
 * A measure with the precision it means (GRPs to 2 decimals, seconds of a spot to milliseconds):
 * finite, from `min` to `max`, with at most `places` decimals. (zod's own `multipleOf` lets
 * 1e-131 through, which DynamoDB cannot store.)
 */
export const decimal = ({ min, max, places }: { min: number; max: number; places: number }) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((v) => Number.isFinite(v) && hasAtMostPlaces(v, places), `At most ${places} decimals.`)
    .meta({ multipleOf: 10 ** -places });

/** Whether the number is the one its own value written with `places` decimals denotes (so 1e-131 is not 0.00). */
const hasAtMostPlaces = (value: number, places: number) =>
  Number(`${Math.round(value * 10 ** places)}e-${places}`) === value;

export const dateSchema = z.iso.date().max(10).meta({ description: 'Calendar date, YYYY-MM-DD.' });

export const timestampSchema = z.iso.datetime().max(32).meta({ description: 'UTC timestamp (ISO 8601).' });

/** A version number in a path (`/versions/{n}`): 1 to 9999. */
export const versionNumberParam = z.coerce.number().int().min(1).max(9999).meta({ format: 'int32' });

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
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ format: 'int32' }),
  nextToken: z.string().min(1).max(2048).optional().meta({
    description:
      'The page token of the previous page: sealed, and only for the same caller, list and filters.',
  }),
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
    amountOver: moneySchema
      .optional()
      .meta({ description: 'For `over_signed_total`: by how much the spend would pass the signed total.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

/** At least one field: an empty PATCH is a mistake, not a no-op. */
export const nonEmptyPatch = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.keys(value).length > 0, { message: 'Send at least one field to change.' });
