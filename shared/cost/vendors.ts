import { authorize, loadCaller, transactAs } from '../accounts/index.js';
import { staffAuditEvent } from '../platform/audit.js';
import { fromItem, putIfVersion, putNew, queryAll, transact } from '../platform/db/table.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { Vendor, VendorName } from './entities.js';
import type {
  CreateVendorInput,
  DecideVendorInput,
  VendorView,
  vendorCategories,
  vendorStatuses,
} from './spend-schemas.js';

/**
 * The vendor register (issue 13 §2): the agency's suppliers, agency-wide. An account executive
 * proposes one; an account director approves (or rejects) it — the AD "selects and approves
 * third-party suppliers" (domain.md §2). Orders go only to approved vendors. Audit events go to
 * the deciding and proposing staff members' trails (a vendor belongs to no client).
 */
const vendorItem = (vendor: VendorView) =>
  storedItem(Vendor.type, Vendor.key(vendor.vendorId), Vendor.indexes(vendor), vendor);

export async function proposeVendor(
  actorId: string,
  input: CreateVendorInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<VendorView>(actorId, idempotency, async (remember) => {
    const vendorId = newId();
    const item = newRecord(
      Vendor.type,
      Vendor.key(vendorId),
      Vendor.indexes({ vendorId, name: input.name }),
      { vendorId, ...input, status: 'proposed' as const, proposedBy: actorId },
    );
    const vendor = fromItem<VendorView>(item);
    await transactAs(actorId, { action: 'vendor.propose' }, [
      putNew(item),
      putNew(storedItem(VendorName.type, VendorName.key(input.name), {}, { vendorId }), (current) =>
        conflict(
          'vendor_exists',
          `A vendor named "${input.name}" is already in the register (${String(current?.vendorId ?? '')}).`,
          'body.name',
        ),
      ),
      staffAuditEvent(actorId, {
        actorId,
        action: 'vendor.proposed',
        entityType: 'vendor',
        entityId: vendorId,
        after: item,
      }),
      ...remember(vendor),
    ]);
    return vendor;
  });
}

export async function getVendor(actorId: string, vendorId: string): Promise<VendorView> {
  const { items } = await loadCaller(actorId, [Vendor.key(vendorId)]);
  if (!items[0]) throw notFound('Vendor');
  return fromItem<VendorView>(items[0]);
}

export async function listVendors(
  actorId: string,
  filter: { status?: (typeof vendorStatuses)[number]; category?: (typeof vendorCategories)[number] },
): Promise<VendorView[]> {
  const [, items] = await Promise.all([loadCaller(actorId), queryAll(Vendor.all())]);
  return items
    .map((i) => fromItem<VendorView>(i))
    .filter(
      (v) =>
        (!filter.status || v.status === filter.status) &&
        (!filter.category || v.categories.includes(filter.category)),
    );
}

/** The account director's decision on a proposed vendor (a decided vendor may be decided again: re-approved or struck off). */
export async function decideVendor(
  actorId: string,
  vendorId: string,
  expectedVersion: number,
  input: DecideVendorInput,
): Promise<VendorView> {
  const { caller, items } = await loadCaller(actorId, [Vendor.key(vendorId)]);
  if (!items[0]) throw notFound('Vendor');
  authorize(caller, 'vendor.approve');
  const current = fromItem<VendorView>(items[0]);
  if (current.version !== expectedVersion) throw versionConflict('The vendor', expectedVersion);
  const next = patched(current, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: actorId,
    decidedAt: now(),
    decisionComment: input.comment ?? null,
  });
  await transact([
    putIfVersion(vendorItem(next), expectedVersion, () => versionConflict('The vendor', expectedVersion)),
    staffAuditEvent(actorId, {
      actorId,
      action: input.decision === 'approve' ? 'vendor.approved' : 'vendor.rejected',
      entityType: 'vendor',
      entityId: vendorId,
      before: current,
      after: next,
    }),
  ]);
  return next;
}
