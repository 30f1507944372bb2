import { Staff } from '../db/entities.js';
import { fromItem, putIfVersion, transact } from '../db/table.js';
import { versionConflict } from '../errors.js';
import type { UpdateMeInput } from '../schemas/console.js';
import type { StaffMember } from '../schemas/staff.js';
import { loadCaller } from './access.js';
import { staffAuditEvent } from './audit.js';
import { patched, storedItem } from './records.js';

/**
 * What a staff member changes about themselves (their language). Based on the record just read:
 * a change made meanwhile (a role change by the head) is a 409, never overwritten.
 */
export async function updateMe(actorId: string, patch: UpdateMeInput): Promise<StaffMember> {
  const { caller } = await loadCaller(actorId);
  const next = patched(caller, patch);
  const item = storedItem(Staff.type, Staff.key(actorId), Staff.indexes(next), next);
  await transact([
    putIfVersion(item, caller.version, () => versionConflict('Your staff record', caller.version)),
    staffAuditEvent(actorId, {
      actorId,
      action: 'staff.preferences_changed',
      entityType: 'staff',
      entityId: actorId,
      before: caller,
      after: next,
    }),
  ]);
  return fromItem<StaffMember>(item);
}
