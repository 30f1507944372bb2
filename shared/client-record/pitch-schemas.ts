import * as z from 'zod';
import {
  acquisitionSources,
  clientCodeSchema,
  clientSchema,
  intakeSchema,
  staffRoleSchema,
} from '../accounts/index.js';
import {
  dateSchema,
  idSchema,
  moneySchema,
  nonEmptyPatch,
  pageQuery,
  resourceMeta,
  text,
  timestampSchema,
} from '../platform/schemas.js';
import { workingCalendarSchema } from '../platform/working-days.js';

/** How the lead came: the seeds' five ways an agency gets a client (004). */
export const leadSources = acquisitionSources;

export const pitchOutcomes = ['won', 'lost', 'withdrawn'] as const;

const prospectSchema = z
  .strictObject({
    name: text(200),
    category: text(120).meta({
      description:
        "The prospect's category (its industry once a client): compared with every active client's.",
    }),
    code: clientCodeSchema.optional().meta({
      description:
        'The client code it will have if won (2 to 8 capital letters); may be given when the pitch is won.',
    }),
    calendar: workingCalendarSchema.optional(),
    intake: intakeSchema
      .optional()
      .meta({ description: 'What the pitch taught about the prospect, kept for the client.' }),
  })
  .meta({ id: 'Prospect' });

const teamSchema = z
  .array(z.strictObject({ staffId: idSchema }))
  .max(20)
  .refine((m) => new Set(m.map((x) => x.staffId)).size === m.length, 'A staff member may appear only once.');

export const createPitchSchema = z
  .strictObject({
    prospect: prospectSchema
      .optional()
      .meta({ description: 'A prospect not on record yet (or give `prospectClientId`).' }),
    prospectClientId: idSchema.optional().meta({
      description:
        'A client already recorded with status `prospect`: the pitch takes its name, category, code and calendar (its intake stays on the client record, seen by its account team), and winning makes that client active (instead of `prospect`): only someone who sees that client may record it won.',
    }),
    leadSource: z.enum(leadSources).meta({
      description:
        'How the lead came: referral, reputation, pitch (an invitation to compete), solicitation, agency advertising.',
    }),
    referredBy: text(200)
      .optional()
      .meta({ description: 'Who referred it (a client, a friend, a medium, an agency).' }),
    pitchDate: dateSchema,
    team: teamSchema.meta({
      description: 'The agency staff on the pitch (the client’s account team if won).',
    }),
    competingAgencies: z.array(text(200)).max(20).default([]),
    costOfPitching: moneySchema.optional(),
    notes: text(5000).optional(),
  })
  .superRefine((pitch, ctx) => {
    if (Boolean(pitch.prospect) === Boolean(pitch.prospectClientId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prospect'],
        message:
          'Describe the prospect, or name the client recorded as a prospect (prospectClientId): one of the two.',
      });
    }
  })
  .meta({ id: 'CreatePitch' });
export type CreatePitchInput = z.output<typeof createPitchSchema>;

export const updatePitchSchema = nonEmptyPatch(
  z.strictObject({
    pitchDate: dateSchema.optional(),
    team: teamSchema.optional(),
    competingAgencies: z.array(text(200)).max(20).optional(),
    costOfPitching: moneySchema.optional(),
    notes: text(5000).optional(),
    referredBy: text(200).optional(),
    prospectClientId: idSchema.nullable().optional().meta({
      description:
        'Link the pitch to a client recorded as a prospect (the pitch takes its name, category, code and calendar; not its intake, which stays on the client record), or `null` to unlink it (the pitch keeps the description, without the code, which stays that client’s). A changed category runs the conflict check again.',
    }),
  }),
).meta({ id: 'UpdatePitch' });
export type UpdatePitchInput = z.output<typeof updatePitchSchema>;

export const conflictDecisionSchema = z
  .strictObject({
    decision: z.enum(['refer_elsewhere', 'proceed']),
    reason: text(2000),
  })
  .meta({ id: 'PitchConflictDecision' });
export type ConflictDecisionInput = z.output<typeof conflictDecisionSchema>;

export const pitchOutcomeSchema = z
  .strictObject({
    outcome: z.enum(pitchOutcomes),
    reasons: text(5000),
    code: clientCodeSchema.optional().meta({
      description: "Won: the new client's code, unless the prospect already named one.",
    }),
  })
  .meta({ id: 'PitchOutcome' });
export type PitchOutcomeInput = z.output<typeof pitchOutcomeSchema>;

export const pitchStatuses = ['open', 'referred_elsewhere', 'won', 'lost', 'withdrawn'] as const;

export const pitchSchema = z
  .object({
    pitchId: idSchema,
    prospect: prospectSchema.extend({
      code: z.string().optional(),
      clientId: idSchema
        .optional()
        .meta({ description: 'The client recorded as this prospect, when the pitch was linked to one.' }),
    }),
    leadSource: z.enum(leadSources),
    referredBy: z.string().optional(),
    pitchDate: dateSchema,
    team: z.array(z.object({ staffId: idSchema, role: staffRoleSchema, name: z.string() })),
    competingAgencies: z.array(z.string()),
    costOfPitching: moneySchema.optional(),
    notes: z.string().optional(),
    status: z.enum(pitchStatuses),
    conflict: z
      .object({
        clients: z.array(z.object({ clientId: idSchema, name: z.string() })).meta({
          description: 'Active clients in the same category when it was flagged.',
        }),
        flaggedAt: timestampSchema,
        decision: z
          .object({
            decision: z.enum(['refer_elsewhere', 'proceed']),
            reason: z.string(),
            decidedBy: idSchema,
            decidedAt: timestampSchema,
          })
          .optional()
          .meta({
            description: "The head of account services' decision; until then the pitch waits for it.",
          }),
      })
      .optional()
      .meta({ description: 'Present when the prospect competes with an active client (same category).' }),
    outcome: z
      .object({
        outcome: z.enum(pitchOutcomes),
        reasons: z.string(),
        recordedBy: idSchema,
        recordedAt: timestampSchema,
        clientId: idSchema.optional().meta({ description: 'Won: the client the prospect became.' }),
      })
      .optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'Pitch' });
export type Pitch = z.output<typeof pitchSchema>;

export const wonPitchSchema = z
  .object({ pitch: pitchSchema, client: clientSchema.optional() })
  .meta({ id: 'PitchWithClient', description: 'The pitch, and the client it became when won.' });

export const pitchParams = z.strictObject({ pitchId: idSchema });
export const pitchListQuery = z.strictObject({
  status: z.enum(pitchStatuses).optional(),
  ...pageQuery,
});
