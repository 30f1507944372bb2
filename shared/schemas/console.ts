import * as z from 'zod';
import { languageSchema } from './languages.js';
import { approvalRequestSchema } from './reviews.js';

/** A short-lived link to exactly one stored document (an insertion order, a plan document). */
export const documentLinkSchema = z
  .object({
    url: z.string(),
    expiresAt: z.string(),
    sha256: z.string(),
    objectVersionId: z.string().optional(),
  })
  .meta({ id: 'DocumentLink' });
export type DocumentLink = z.infer<typeof documentLinkSchema>;

/** What the signed-in staff member may change about themselves. */
export const updateMeSchema = z.strictObject({ language: languageSchema }).meta({ id: 'UpdateMe' });
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

/** An approval request with what a person needs to recognise it in a list: the item, its job and client. */
export const workItemSchema = approvalRequestSchema
  .extend({
    subject: z.object({
      title: z.string(),
      kind: z.string(),
      message: z.string().optional(),
      jobId: z.string(),
      jobNumber: z.string().optional(),
      jobTitle: z.string().optional(),
      clientName: z.string().optional(),
    }),
  })
  .meta({ id: 'WorkItem' });
export type WorkItem = z.infer<typeof workItemSchema>;
