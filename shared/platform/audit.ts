import { putNew, type WriteOp } from './db/table.js';
import { ClientEvent, StaffEvent } from './entities.js';
import { newId } from './ids.js';
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

function auditEvent(
  entity: typeof ClientEvent | typeof StaffEvent,
  ownerId: string,
  input: AuditInput,
): WriteOp {
  const at = now();
  const eventId = newId();
  return putNew({
    ...entity.key(ownerId, at, eventId),
    itemType: entity.type,
    ...eventBody(input, at, eventId),
  });
}

/** An event in the client's trail (everything under the client). */
export const clientAuditEvent = (clientId: string, input: AuditInput) =>
  auditEvent(ClientEvent, clientId, input);

/** An event in a staff member's trail (appointment, role, reporting line). */
export const staffAuditEvent = (staffId: string, input: AuditInput) => auditEvent(StaffEvent, staffId, input);
