import * as z from 'zod';
import type { PrimaryKey } from './db/keys.js';
import { updateWhen, type WriteOp } from './db/table.js';
import { now } from './records.js';
import { idSchema, timestampSchema } from './schemas.js';

/**
 * What was emailed to whom, recorded on the item it carries (an invoice, a work report, a status
 * report) only once the mail service took the email: a recorded item with no sending says the
 * email did not go, and its "send again" finishes it.
 */
export const sendingSchema = z
  .object({
    sentAt: timestampSchema.meta({ description: 'When the mail service took the email.' }),
    to: z.string().meta({ description: 'The email address it went to.' }),
    sentBy: idSchema.meta({ description: 'Who sent it (or sent it again).' }),
  })
  .meta({ id: 'Sending' });
export type Sending = z.output<typeof sendingSchema>;

export const sendingNow = (to: string, sentBy: string): Sending => ({ sentAt: now(), to, sentBy });

/**
 * Adds a sending to the item's `sendings` (the list made on the first). `versioned`: the item is
 * also replaced whole under its version elsewhere (a report made again), so this change raises the
 * version too and such a put, read before it, cannot drop the sending.
 */
export const sendingRecorded = (key: PrimaryKey, sending: Sending, versioned = false): WriteOp =>
  updateWhen(key, {
    expression: `SET #sendings = list_append(if_not_exists(#sendings, :none), :sending)${versioned ? ', #updatedAt = :at ADD #version :one' : ''}`,
    names: {
      '#sendings': 'sendings',
      ...(versioned ? { '#updatedAt': 'updatedAt', '#version': 'version' } : {}),
    },
    values: {
      ':sending': [sending],
      ':none': [],
      ...(versioned ? { ':at': sending.sentAt, ':one': 1 } : {}),
    },
  });
