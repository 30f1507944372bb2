import * as z from 'zod';
import {
  emailSchema,
  idSchema,
  nonEmptyPatch,
  pageQuery,
  resourceMeta,
  text,
} from '../../platform/schemas.js';
import { staffRoles } from '../roles.js';
import { languageSchema } from './languages.js';

export const staffRoleSchema = z.enum(staffRoles).meta({ id: 'StaffRole' });

export const staffSchema = z
  .object({
    staffId: idSchema,
    email: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    reportsTo: idSchema.optional(),
    active: z.boolean(),
    language: languageSchema
      .optional()
      .meta({ description: 'The language the console and emails use for this person.' }),
    ...resourceMeta,
  })
  .meta({ id: 'Staff' });
export type StaffMember = z.infer<typeof staffSchema>;

export const createStaffSchema = z
  .strictObject({
    email: emailSchema,
    name: text(120),
    role: staffRoleSchema,
    reportsTo: idSchema.optional(),
    language: languageSchema.optional(),
  })
  .meta({ id: 'CreateStaff' });
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = nonEmptyPatch(
  z.strictObject({
    name: text(120).optional(),
    role: staffRoleSchema.optional(),
    reportsTo: idSchema.nullable().optional().meta({ description: 'null removes the reporting line.' }),
    active: z.boolean().optional(),
    language: languageSchema.optional(),
  }),
).meta({ id: 'UpdateStaff' });
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

/** What the signed-in staff member may change about themselves. */
export const updateMeSchema = z.strictObject({ language: languageSchema }).meta({ id: 'UpdateMe' });
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

export const staffParams = z.strictObject({ staffId: idSchema });

export const staffListQuery = z.strictObject({
  ...pageQuery,
  role: staffRoleSchema.optional(),
  reportsTo: idSchema.optional(),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;
