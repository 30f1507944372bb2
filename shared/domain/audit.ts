import { ClientEvent, StaffEvent } from '../db/entities.js';
import { putNew, type WriteOp } from '../db/table.js';
import { newId } from '../ids.js';
import { changedFields, now } from './records.js';

/** What an audit event says. Events are append-only: written once, in the change's transaction. */
export interface AuditInput {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: { version?: number };
  after?: { version?: number };
  /** Fields too large or too sensitive to copy into the trail; their change is still named. */
  redact?: readonly string[];
}

function eventBody(input: AuditInput, at: string, eventId: string) {
  const changes = changedFields(input.before, input.after);
  for (const field of input.redact ?? []) if (changes[field]) changes[field] = {};
  return {
    eventId,
    at,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    beforeVersion: input.before?.version,
    afterVersion: input.after?.version,
    changes,
  };
}

export function clientAuditEvent(clientId: string, input: AuditInput): WriteOp {
  const at = now();
  const eventId = newId();
  return putNew({
    ...ClientEvent.key(clientId, at, eventId),
    itemType: ClientEvent.type,
    ...eventBody(input, at, eventId),
  });
}

export function staffAuditEvent(staffId: string, input: AuditInput): WriteOp {
  const at = now();
  const eventId = newId();
  return putNew({
    ...StaffEvent.key(staffId, at, eventId),
    itemType: StaffEvent.type,
    ...eventBody(input, at, eventId),
  });
}
