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
 * Claims a send of the item before its email goes: raises the item's version only if it is still
 * the one read (or given by If-Match), so of sends made at once on one version exactly one goes
 * on; the others get `onTaken` (409, as for a stale If-Match) and email nobody. Recording the
 * sending afterwards (`sendingRecorded`) raises it again; an email that fails leaves the item
 * with the sendings it had, sendable again at its new version.
 */
export const sendClaimed = (
  key: PrimaryKey,
  version: number,
  onTaken: () => Error,
  at: string = now(),
): WriteOp =>
  updateWhen(
    key,
    {
      expression: 'SET #updatedAt = :at ADD #version :one',
      condition: '#version = :read',
      names: { '#updatedAt': 'updatedAt', '#version': 'version' },
      values: { ':at': at, ':one': 1, ':read': version },
    },
    onTaken,
  );

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
