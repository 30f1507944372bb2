import * as z from 'zod';
import { uploadSchema } from '../creative/index.js';
import {
  dateSchema,
  documentDownloadSchema,
  fileNameSchema,
  idSchema,
  moneySchema,
  resourceMeta,
  scopedIdSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';

/** Where competitors' advertising is seen (the integrated plan's media, domain.md §6b). */
export const competitiveChannels = [
  'tv',
  'radio',
  'press',
  'magazines',
  'outdoor',
  'cinema',
  'online_video',
  'social',
  'search',
  'display',
  'retail',
  'direct_mail',
  'events',
  'other',
] as const;

/** A sample of a competitor's creative: images, PDF, video and audio (what is seen and heard). */
export const sampleContentTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
] as const;

/** Up to 200 MB: a TV spot. */
export const sampleMaxBytes = 200 * 1024 * 1024;

const sampleFileSchema = z
  .strictObject({ name: fileNameSchema(200), contentType: z.enum(sampleContentTypes) })
  .meta({ id: 'CompetitiveSampleFile', description: 'The creative sample about to be uploaded.' });

const common = {
  competitorBrand: text(200),
  category: text(120).meta({ description: 'The product category (compared case-insensitively).' }),
  seenFrom: dateSchema.meta({ description: 'First day seen.' }),
  seenTo: dateSchema.meta({ description: 'Last day seen (the same day for a single sighting).' }),
  notes: text(5000).optional(),
  sample: sampleFileSchema.optional(),
};

const advertisingInput = z.strictObject({
  kind: z.literal('advertising'),
  ...common,
  channel: z.enum(competitiveChannels),
  vendor: text(200).optional().meta({ description: 'The station, title, site or contractor it ran on.' }),
  estimatedSpend: moneySchema.meta({ description: 'Estimated spend over the dates seen.' }),
});

const storeCheckInput = z.strictObject({
  kind: z.literal('store_check'),
  ...common,
  store: text(200).meta({ description: 'The store or retail chain visited.' }),
  location: text(200).optional(),
  shelfPrice: moneySchema.optional(),
  promotion: text(500).optional().meta({ description: 'Promotions, displays or premiums seen.' }),
});

const datesInOrder = (e: { seenFrom: string; seenTo: string }) => e.seenFrom <= e.seenTo;

export const createCompetitiveEntrySchema = z
  .discriminatedUnion('kind', [advertisingInput, storeCheckInput])
  .refine(datesInOrder, { message: 'The last day seen cannot be before the first.', path: ['seenTo'] })
  .meta({
    id: 'CreateCompetitiveEntry',
    description:
      "A competitor's advertising (channel, vendor, estimated spend) or a store check (store, shelf price, promotion).",
  });
export type CreateCompetitiveEntryInput = z.infer<typeof createCompetitiveEntrySchema>;

const sampleSchema = z
  .object({
    fileName: z.string(),
    contentType: z.string(),
    objectKey: z.string(),
    status: z.enum(['awaiting_upload', 'uploaded', 'rejected']),
    uploadExpiresAt: timestampSchema,
    size: z.number().int().optional(),
    sha256: z.string().optional(),
    objectVersionId: z.string().optional(),
    rejectedBecause: z.string().optional(),
  })
  .meta({ id: 'CompetitiveSample' });

export const competitiveEntrySchema = z
  .object({
    entryId: scopedIdSchema,
    clientId: idSchema,
    kind: z.enum(['advertising', 'store_check']),
    competitorBrand: z.string(),
    category: z.string(),
    seenFrom: dateSchema,
    seenTo: dateSchema,
    notes: z.string().optional(),
    channel: z.enum(competitiveChannels).optional(),
    vendor: z.string().optional(),
    estimatedSpend: moneySchema.optional(),
    store: z.string().optional(),
    location: z.string().optional(),
    shelfPrice: moneySchema.optional(),
    promotion: z.string().optional(),
    sample: sampleSchema.optional(),
    reportedBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'CompetitiveEntry' });
export type CompetitiveEntry = z.infer<typeof competitiveEntrySchema>;

export const createdCompetitiveEntrySchema = z
  .object({ entry: competitiveEntrySchema, upload: uploadSchema.optional() })
  .meta({
    id: 'CreatedCompetitiveEntry',
    description: 'The entry, and where to upload its sample if one was named.',
  });

export const competitiveEntryDetailSchema = z
  .object({
    entry: competitiveEntrySchema,
    sampleDownload: documentDownloadSchema.optional(),
    citedBy: z.array(z.object({ briefId: scopedIdSchema, citedAt: timestampSchema, citedBy: idSchema })),
  })
  .meta({ id: 'CompetitiveEntryDetail' });

export const competitiveEntryParams = z.strictObject({ clientId: idSchema, entryId: scopedIdSchema });

export const competitiveListQuery = z
  .strictObject({
    category: text(120),
    from: dateSchema.meta({ description: 'First day of the period.' }),
    to: dateSchema.meta({ description: 'Last day of the period.' }),
    kind: z.enum(['advertising', 'store_check']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'The period ends before it starts.', path: ['to'] });

const share = z.number().meta({ description: 'Percent, 2 decimals.' });

export const shareOfVoiceSchema = z
  .object({
    currency: z.string(),
    total: moneySchema,
    channels: z.array(
      z.object({
        channel: z.enum(competitiveChannels),
        total: moneySchema,
        shareOfTotal: share,
        brands: z.array(z.object({ competitorBrand: z.string(), spend: moneySchema, share })),
      }),
    ),
    brands: z.array(z.object({ competitorBrand: z.string(), spend: moneySchema, share })),
  })
  .meta({
    id: 'ShareOfVoice',
    description:
      "Estimated spend shares in one currency: each brand's share of each channel, each channel's share of the total, each brand's share of the whole.",
  });
export type ShareOfVoice = z.infer<typeof shareOfVoiceSchema>;

export const competitiveActivitySchema = z
  .object({
    category: z.string(),
    from: dateSchema,
    to: dateSchema,
    items: z.array(competitiveEntrySchema),
    shareOfVoice: z.array(shareOfVoiceSchema).meta({
      description:
        'One per currency the estimates were made in (amounts in different currencies are never added).',
    }),
  })
  .meta({ id: 'CompetitiveActivity' });

export const citeEntrySchema = z
  .strictObject({ entryId: scopedIdSchema, note: text(1000).optional() })
  .meta({ id: 'CiteCompetitiveEntry' });

export const briefCitationSchema = z
  .object({
    briefId: scopedIdSchema,
    entryId: scopedIdSchema,
    note: z.string().optional(),
    citedBy: idSchema,
    citedAt: timestampSchema,
    entry: competitiveEntrySchema.optional().meta({ description: 'The entry as it is now.' }),
  })
  .meta({ id: 'BriefCitation' });

export const briefCitationParams = z.strictObject({ briefId: scopedIdSchema });
