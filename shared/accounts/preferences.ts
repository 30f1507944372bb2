import { staffAuditEvent } from '../platform/audit.js';
import { fromItem, putIfVersion, transact } from '../platform/db/table.js';
import { versionConflict } from '../platform/errors.js';
import { patched, storedItem } from '../platform/records.js';
import { loadCaller } from './access.js';
import { Staff } from './entities.js';
import type { StaffMember, UpdateMeInput } from './schemas/staff.js';

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
