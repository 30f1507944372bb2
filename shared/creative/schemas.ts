import * as z from 'zod';
import {
  documentDownloadSchema,
  fileNameSchema,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  text,
  timestampSchema,
  versionNumberParam,
} from '../platform/schemas.js';
import { draftSpecsSchema, knownMediaTypeSchema } from './spec-check.js';

export const draftKinds = ['layout', 'storyboard', 'script', 'copy', 'artwork', 'video', 'audio'] as const;
export type DraftKind = (typeof draftKinds)[number];

/** What is about to be uploaded; the upload policy allows exactly this content type. */
export const fileSchema = z
  .strictObject({
    name: fileNameSchema(200),
    contentType: knownMediaTypeSchema,
  })
  .meta({ id: 'DraftFile' });
export type DraftFile = z.infer<typeof fileSchema>;

export const uploadSchema = z
  .object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: timestampSchema,
    maxBytes: z.number().int(),
  })
  .meta({
    id: 'PresignedUpload',
    description: 'POST the file as multipart/form-data: these fields, then `file`.',
  });

export const specCheckSchema = z
  .object({
    result: z.enum(['pass', 'fail']),
    reasons: z.array(z.object({ rule: z.string(), expected: z.string(), actual: z.string() })),
    facts: z.record(z.string(), z.unknown()),
    checkedAt: timestampSchema,
  })
  .meta({ id: 'SpecCheck' });

export const draftVersionStatuses = ['awaiting_upload', 'uploaded', 'rejected'] as const;

export const draftVersionSchema = z
  .object({
    draftId: scopedIdSchema,
    number: z.number().int().positive(),
    status: z.enum(draftVersionStatuses),
    fileName: z.string(),
    declaredContentType: z.string(),
    objectKey: z.string(),
    uploadExpiresAt: timestampSchema,
    objectVersionId: z.string().optional().meta({ description: 'S3 object version recorded at upload.' }),
    size: z.number().int().optional(),
    contentType: z.string().optional(),
    sha256: z.string().optional(),
    uploadedAt: timestampSchema.optional(),
    rejection: z.string().optional(),
    specCheck: specCheckSchema.optional(),
    requestedBy: z.string(),
    releasedToProductionAt: timestampSchema.optional().meta({
      description: 'Set when a review of this exact version ended approved: production may use it.',
    }),
    releasedInReview: scopedIdSchema.optional(),
    ...resourceMeta,
  })
  .meta({ id: 'DraftVersion' });
export type DraftVersion = z.infer<typeof draftVersionSchema>;

export const draftSchema = z
  .object({
    draftId: scopedIdSchema,
    clientId: z.string(),
    jobId: scopedIdSchema,
    title: z.string(),
    kind: z.enum(draftKinds),
    specs: draftSpecsSchema.optional(),
    latestVersion: z.number().int().positive(),
    createdBy: z.string(),
    presentedToClientAt: timestampSchema.optional().meta({
      description: 'When a version of this draft first went to the client for review.',
    }),
    ...resourceMeta,
  })
  .meta({ id: 'Draft' });
export type Draft = z.infer<typeof draftSchema>;

export const draftWithVersionsSchema = draftSchema
  .extend({ versions: z.array(draftVersionSchema) })
  .meta({ id: 'DraftWithVersions' });
export type DraftWithVersions = z.infer<typeof draftWithVersionsSchema>;

export const createDraftSchema = z
  .strictObject({
    title: text(200),
    kind: z.enum(draftKinds),
    specs: draftSpecsSchema.optional(),
    file: fileSchema.optional().meta({
      description:
        'The file of version 1; without it, the one file type the specs allow, else the kind’s usual type.',
    }),
  })
  .meta({ id: 'CreateDraft' });
export type CreateDraftInput = z.infer<typeof createDraftSchema>;

export const createVersionSchema = z
  .strictObject({ file: fileSchema.optional() })
  .meta({ id: 'CreateDraftVersion' });

export const draftWithUploadSchema = z
  .object({ draft: draftSchema, version: draftVersionSchema, upload: uploadSchema })
  .meta({ id: 'DraftUpload' });

export const downloadSchema = documentDownloadSchema;

export const jobDraftsParams = z.strictObject({ jobId: scopedIdSchema });
export const draftParams = z.strictObject({ draftId: scopedIdSchema });
export const draftVersionParams = z.strictObject({
  draftId: scopedIdSchema,
  n: versionNumberParam,
});
export const draftListQuery = z.strictObject({ ...pageQuery });
