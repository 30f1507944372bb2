import * as z from 'zod';
import { languageSchema } from '../accounts/index.js';
import {
  dateSchema,
  idSchema,
  nonEmptyPatch,
  pageQuery,
  resourceMeta,
  scopedIdSchema,
  storedFileSchema,
  text,
  timestampSchema,
} from '../platform/schemas.js';

/**
 * The client record (issue 15). Request bodies are strict: what the server sets (ids, status,
 * reporter, dates of sending) is refused by name.
 */

// ---------------------------------------------------------------------------------------------
// Contact reports (meeting minutes) and call reports
// ---------------------------------------------------------------------------------------------

const unique = <T>(items: T[]) => new Set(items.map((i) => JSON.stringify(i))).size === items.length;
const noRepeats = 'Must not repeat an entry.';

// ---------------------------------------------------------------------------------------------
// Contact reports (meeting minutes) and call reports
// ---------------------------------------------------------------------------------------------

export const contactReportKinds = ['meeting', 'call'] as const;

/**
 * A report's status is its latest issued version's: `draft` before the first issue;
 * `awaiting_confirmation` while the client may question it (until the end of the next working
 * day after sending); `confirmed` (every client attendee confirmed), `confirmed_by_silence` (nobody
 * questioned it in time: the minutes stand), `disputed` (a question stopped the clock until a
 * corrected version is issued).
 */
export const contactReportStatuses = [
  'draft',
  'awaiting_confirmation',
  'confirmed',
  'confirmed_by_silence',
  'disputed',
] as const;
export type ContactReportStatus = (typeof contactReportStatuses)[number];

/** A version also starts `sending` (its workflow sends it) and ends `superseded` when a newer one is issued first. */
export const minutesVersionStatuses = [
  'sending',
  'awaiting_confirmation',
  'confirmed',
  'confirmed_by_silence',
  'disputed',
  'superseded',
] as const;

export const nextStepIdSchema = z
  .string()
  .max(4)
  .regex(/^N\d{3}$/, 'A next step id as the report gives it, e.g. N001.')
  .meta({ description: 'Stable within the report: N001, N002 …' });

export const nextStepOwnerSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('staff'), staffId: idSchema }),
    z.strictObject({ kind: z.literal('contact'), contactId: idSchema }),
  ])
  .meta({ id: 'NextStepOwner', description: 'Someone of the agency (staff) or of the client (a contact).' });

const nextStepInputSchema = z.strictObject({
  stepId: nextStepIdSchema
    .optional()
    .meta({ description: 'An existing next step kept (with its progress); absent: a new one.' }),
  action: text(1000),
  owner: nextStepOwnerSchema,
  due: dateSchema,
});

const keyDateSchema = z.strictObject({ date: dateSchema, what: text(300) });

const attendeeIds = (max: number) => z.array(idSchema).max(max).refine(unique, noRepeats);

/** The minutes as the reporter writes them (seeds 004: the minutes template). */
const minutesFields = {
  meetingAt: timestampSchema.meta({ description: 'When the meeting (or call) took place (UTC).' }),
  place: text(300)
    .optional()
    .meta({ description: 'Where it took place (a meeting); a call: how (phone, video).' }),
  subject: text(300),
  jobIds: z.array(scopedIdSchema).max(20).refine(unique, noRepeats).optional(),
  agencyAttendees: attendeeIds(30).meta({ description: 'Staff who attended.' }),
  clientAttendees: attendeeIds(30)
    .min(1, 'Name at least one client attendee: they receive the minutes to confirm.')
    .meta({ description: 'Client contacts who attended: they receive the minutes to confirm or question.' }),
  copiesTo: z
    .strictObject({
      staffIds: attendeeIds(30).optional(),
      contactIds: attendeeIds(30).optional(),
    })
    .optional()
    .meta({ description: 'Who gets a copy for information (no confirmation asked).' }),
  agenda: z.array(text(1000)).max(50).optional(),
  decisions: z.array(text(2000)).max(50).optional(),
  nextSteps: z.array(nextStepInputSchema).max(30).optional(),
  keyDates: z.array(keyDateSchema).max(30).optional(),
};

export const createContactReportSchema = z
  .strictObject({
    kind: z.enum(contactReportKinds).default('meeting'),
    ...minutesFields,
  })
  .meta({ id: 'CreateContactReport' });
export type CreateContactReportInput = z.output<typeof createContactReportSchema>;

export const updateContactReportSchema = nonEmptyPatch(
  z.strictObject({
    meetingAt: minutesFields.meetingAt.optional(),
    place: text(300).nullable().optional(),
    subject: text(300).optional(),
    jobIds: minutesFields.jobIds,
    agencyAttendees: minutesFields.agencyAttendees.optional(),
    clientAttendees: minutesFields.clientAttendees.optional(),
    copiesTo: minutesFields.copiesTo,
    agenda: minutesFields.agenda,
    decisions: minutesFields.decisions,
    nextSteps: minutesFields.nextSteps,
    keyDates: minutesFields.keyDates,
  }),
).meta({ id: 'UpdateContactReport', description: 'Changes the draft: fields given replace the draft’s.' });
export type UpdateContactReportInput = z.output<typeof updateContactReportSchema>;

const personSchema = z.object({ id: idSchema, name: z.string() });

const nextStepSchema = z
  .object({
    stepId: nextStepIdSchema,
    action: z.string(),
    owner: z.object({
      kind: z.enum(['staff', 'contact']),
      staffId: idSchema.optional(),
      contactId: idSchema.optional(),
      name: z.string(),
    }),
    due: dateSchema,
  })
  .meta({ id: 'NextStep' });

/** The minutes with every person named (as frozen in a version, and as the draft reads). */
export const minutesSchema = z
  .object({
    kind: z.enum(contactReportKinds),
    meetingAt: timestampSchema,
    place: z.string().optional(),
    subject: z.string(),
    jobs: z.array(z.object({ jobId: scopedIdSchema, jobNumber: z.string(), title: z.string() })),
    agencyAttendees: z.array(personSchema),
    clientAttendees: z.array(personSchema),
    copiesTo: z.object({ staff: z.array(personSchema), contacts: z.array(personSchema) }),
    agenda: z.array(z.string()),
    decisions: z.array(z.string()),
    nextSteps: z.array(nextStepSchema),
    keyDates: z.array(z.object({ date: dateSchema, what: z.string() })),
    reporter: personSchema,
  })
  .meta({ id: 'Minutes' });
export type Minutes = z.output<typeof minutesSchema>;

const answerSchema = z
  .object({
    answerId: idSchema,
    version: z.number().int().positive(),
    contactId: idSchema,
    contactName: z.string(),
    answer: z.enum(['confirm', 'question']),
    question: z.string().optional(),
    via: z.literal('link').meta({ description: 'Through the attendee’s emailed link.' }),
    at: timestampSchema,
    ip: z.string(),
    userAgent: z.string(),
    document: storedFileSchema.meta({
      description: 'Exactly the minutes answered (the version’s document).',
    }),
  })
  .meta({ id: 'MinutesAnswer', description: 'Evidence of an answer: append-only.' });
export type MinutesAnswer = z.output<typeof answerSchema>;

const recipientSchema = z.object({
  contactId: idSchema.optional(),
  staffId: idSchema.optional(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['attendee', 'copy']),
  language: languageSchema.optional(),
  mailedAt: timestampSchema.optional(),
  withheld: z.string().optional().meta({ description: 'Why it was not sent (an address that bounced).' }),
});

export const minutesVersionSchema = z
  .object({
    reportId: scopedIdSchema,
    clientId: idSchema,
    number: z.number().int().positive(),
    status: z.enum(minutesVersionStatuses),
    minutes: minutesSchema,
    language: languageSchema.meta({
      description: 'The language of the document kept (the first client attendee’s).',
    }),
    document: storedFileSchema.meta({ description: 'The minutes as sent: an HTML document, hashed.' }),
    issuedAt: timestampSchema,
    issuedBy: idSchema,
    sentAt: timestampSchema.optional().meta({ description: 'When the minutes went to the client.' }),
    deadline: timestampSchema.optional().meta({
      description:
        'The end of the next working day after sending, on the client’s calendar: questions until then.',
    }),
    recipients: z.array(recipientSchema),
    confirmations: z
      .record(z.string(), timestampSchema)
      .meta({ description: 'Explicit confirms, by contact id.' }),
    question: z
      .object({ contactId: idSchema, name: z.string(), text: z.string(), at: timestampSchema })
      .optional(),
    settledAt: timestampSchema.optional().meta({
      description:
        'When it was confirmed (the deadline, for a confirmation by silence), disputed or superseded.',
    }),
    recordedAt: timestampSchema.optional(),
    supersededBy: z.number().int().positive().optional(),
    outcomeNotifiedAt: timestampSchema.optional(),
    executionName: z.string(),
    runs: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Executions of its window so far (a restart adds one).' }),
    failure: z
      .object({ status: z.string(), reason: z.string(), executionName: z.string(), at: timestampSchema })
      .optional()
      .meta({ description: 'Set while the window’s workflow is stopped: restart it from the report.' }),
    ...resourceMeta,
  })
  .meta({ id: 'MinutesVersion' });
export type MinutesVersion = z.output<typeof minutesVersionSchema>;

const nextStepProgressSchema = nextStepSchema
  .extend({
    status: z.enum(['open', 'done']),
    doneAt: timestampSchema.optional(),
    doneBy: idSchema.optional(),
    overdue: z.boolean().optional().meta({ description: 'Open and past its due day (client’s calendar).' }),
  })
  .meta({ id: 'NextStepProgress' });
export type NextStepProgress = z.output<typeof nextStepProgressSchema>;

export const contactReportSchema = z
  .object({
    reportId: scopedIdSchema,
    clientId: idSchema,
    kind: z.enum(contactReportKinds),
    reporterId: idSchema,
    draft: minutesSchema.meta({ description: 'The minutes being written (the next version when issued).' }),
    draftChanged: z.boolean().meta({ description: 'The draft differs from the latest issued version.' }),
    latestIssued: z.number().int().nonnegative(),
    nextSteps: z.array(nextStepProgressSchema).meta({
      description: 'The next steps of the latest issued version, with their progress.',
    }),
    status: z.enum(contactReportStatuses),
    why: z.string().meta({ description: 'The status in plain words: the rule, the time, who.' }),
    window: z
      .object({
        version: z.number().int().positive(),
        sentAt: timestampSchema.optional(),
        deadline: timestampSchema.optional(),
        timeZone: z.string(),
        settledAt: timestampSchema.optional(),
      })
      .optional()
      .meta({ description: 'The latest issued version’s one-working-day window.' }),
    versions: z.array(minutesVersionSchema.omit({ minutes: true })).optional(),
    answers: z.array(answerSchema).optional(),
    pageViews: z
      .array(
        z.object({
          version: z.number().int(),
          contactId: idSchema,
          at: timestampSchema,
          ip: z.string(),
          userAgent: z.string(),
        }),
      )
      .optional(),
    createdBy: idSchema,
    ...resourceMeta,
  })
  .meta({ id: 'ContactReport' });
export type ContactReport = z.output<typeof contactReportSchema>;

export const contactReportParams = z.strictObject({ contactReportId: scopedIdSchema });
export const contactReportListParams = z.strictObject({ clientId: idSchema });
export const contactReportListQuery = z.strictObject({
  kind: z.enum(contactReportKinds).optional(),
  status: z.enum(contactReportStatuses).optional(),
  jobId: scopedIdSchema.optional(),
  ...pageQuery,
});
export type ContactReportListQuery = z.output<typeof contactReportListQuery>;

export const nextStepParams = z.strictObject({ contactReportId: scopedIdSchema, stepId: nextStepIdSchema });
export const nextStepProgressInputSchema = z
  .strictObject({ status: z.enum(['open', 'done']) })
  .meta({ id: 'NextStepProgressInput' });

/** The minutes page's form (`/approve/minutes/{token}`): confirm, or raise a question. */
export const minutesFormSchema = z.strictObject({
  answer: z.enum(['confirm', 'question']),
  question: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .transform((q) => (q ? q : undefined)),
  nonce: z.string().min(1).max(100),
  reportId: z.string().min(1).max(100),
  version: z.coerce.number().int().min(1).max(9999).meta({ format: 'int32' }),
});
export type MinutesForm = z.output<typeof minutesFormSchema>;
