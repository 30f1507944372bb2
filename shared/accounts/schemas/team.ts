import * as z from 'zod';
import { idSchema, timestampSchema } from '../../platform/schemas.js';
import { staffRoleSchema } from './staff.js';

/** A transaction holds at most 100 writes; a team change writes one per member changed. */
export const maxTeamSize = 40;

export const teamMemberSchema = z.strictObject({ staffId: idSchema, role: staffRoleSchema });

export const teamSchema = z
  .object({
    clientId: idSchema,
    members: z.array(teamMemberSchema.extend({ name: z.string() })),
    version: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: '0 until a team is first set; send it in If-Match.' }),
    createdAt: timestampSchema.optional(),
    updatedAt: timestampSchema.optional(),
  })
  .meta({ id: 'Team' });
export type TeamView = z.infer<typeof teamSchema>;

export const putTeamSchema = z
  .strictObject({
    members: z
      .array(teamMemberSchema)
      .max(maxTeamSize)
      .refine(
        (m) => new Set(m.map((x) => x.staffId)).size === m.length,
        'A staff member may appear only once.',
      ),
  })
  .meta({ id: 'PutTeam' });
export type PutTeamInput = z.infer<typeof putTeamSchema>;
