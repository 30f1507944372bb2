import * as z from 'zod';
import { idSchema, nonEmptyPatch, pageQuery, resourceMeta, text } from '../../platform/schemas.js';

const competitorsSchema = z.array(text(120)).max(50);

export const brandSchema = z
  .object({
    brandId: idSchema,
    clientId: idSchema,
    name: z.string(),
    positioning: z.string().optional(),
    targetConsumers: z.string().optional(),
    competitors: z.array(z.string()),
    longTermGoals: z.string().optional(),
    ...resourceMeta,
  })
  .meta({ id: 'Brand' });
export type Brand = z.infer<typeof brandSchema>;

export const createBrandSchema = z
  .strictObject({
    name: text(120),
    positioning: text(2000).optional(),
    targetConsumers: text(2000).optional(),
    competitors: competitorsSchema.optional(),
    longTermGoals: text(2000).optional(),
  })
  .meta({ id: 'CreateBrand' });
export type CreateBrandInput = z.infer<typeof createBrandSchema>;

export const updateBrandSchema = nonEmptyPatch(
  z.strictObject({
    name: text(120).optional(),
    positioning: text(2000).nullable().optional(),
    targetConsumers: text(2000).nullable().optional(),
    competitors: competitorsSchema.optional(),
    longTermGoals: text(2000).nullable().optional(),
  }),
).meta({ id: 'UpdateBrand' });
export type UpdateBrandInput = z.infer<typeof updateBrandSchema>;

export const brandParams = z.strictObject({ clientId: idSchema, brandId: idSchema });
export const brandListQuery = z.strictObject({ ...pageQuery });
