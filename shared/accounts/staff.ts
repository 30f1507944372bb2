import { staffAuditEvent } from '../platform/audit.js';
import {
  backoff,
  fromItem,
  getItem,
  type Page,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { StaffEvent } from '../platform/entities.js';
import { badRequest, conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { alongside, authorize, loadCaller } from './access.js';
import { Staff, StaffEmail } from './entities.js';
import { aRole, capitalized, mayReportTo, roleLabel, type StaffRole } from './roles.js';
import type { ActivityEvent } from './schemas/clients.js';
import type { CreateStaffInput, StaffListQuery, StaffMember, UpdateStaffInput } from './schemas/staff.js';

type StaffRecord = StaffMember & Record<string, unknown>;

const staffItem = (fields: Omit<StaffMember, 'version' | 'createdAt' | 'updatedAt'>) =>
  newRecord(Staff.type, Staff.key(fields.staffId), Staff.indexes(fields), fields);

function checkReportingLine(
  role: StaffRole,
  manager: StaffMember | undefined,
  managerId: string | undefined,
) {
  if (!managerId) return;
  if (!manager?.active)
    throw badRequest('unknown_manager', 'reportsTo is not an active staff member.', 'body.reportsTo');
  if (!mayReportTo(role, manager.role)) {
    throw badRequest(
      'invalid_reporting_line',
      `${capitalized(aRole(role))} cannot report to ${aRole(manager.role)} (see the account hierarchy).`,
      'body.reportsTo',
    );
  }
}

const duplicateEmail = () =>
  conflict('duplicate_email', 'A staff member with this email exists.', 'body.email');

/**
 * Creates the first head of account services, before anyone can sign in to appoint
 * them (the one-off command after `cdk deploy`, and the local demo data). Running it
 * again for the same email returns the existing record.
 */
export async function bootstrapHeadOfAccounts(input: { email: string; name: string }): Promise<StaffMember> {
  const email = input.email.toLowerCase();
  const existing = await findStaffByEmail(email);
  if (existing) return existing;
  const staffId = newId();
  const item = staffItem({ staffId, email, name: input.name, role: 'head_of_accounts', active: true });
  await transact([
    putNew(item),
    putNew({ ...StaffEmail.key(email), itemType: StaffEmail.type, staffId }, duplicateEmail),
    staffAuditEvent(staffId, {
      actorId: staffId,
      action: 'staff.bootstrapped',
      entityType: 'staff',
      entityId: staffId,
      after: item,
    }),
  ]);
  return fromItem<StaffMember>(item);
}

/** Sign-in lookup (token issuance): the staff member behind an email, if any. */
export async function findStaffByEmail(email: string): Promise<StaffMember | undefined> {
  const marker = await getItem(StaffEmail.key(email));
  if (!marker) return undefined;
  const item = await getItem(Staff.key(marker.staffId as string));
  return item ? fromItem<StaffMember>(item) : undefined;
}

export async function createStaff(
  actorId: string,
  input: CreateStaffInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<StaffMember>(actorId, idempotency, async (remember) => {
    const { caller, items } = await loadCaller(actorId, [
      StaffEmail.key(input.email),
      ...(input.reportsTo ? [Staff.key(input.reportsTo)] : []),
    ]);
    authorize(caller, 'staff.manage');
    const [emailTaken, managerItem] = items;
    if (emailTaken) throw duplicateEmail();
    if (input.role === 'head_of_accounts' && input.reportsTo) {
      throw badRequest(
        'invalid_reporting_line',
        'The head of account services reports outside the system.',
        'body.reportsTo',
      );
    }
    checkReportingLine(input.role, managerItem && fromItem<StaffMember>(managerItem), input.reportsTo);
    const staffId = newId();
    const item = staffItem({ staffId, ...input, active: true });
    const staff = fromItem<StaffMember>(item);
    await transact([
      putNew(item),
      putNew({ ...StaffEmail.key(input.email), itemType: StaffEmail.type, staffId }, duplicateEmail),
      staffAuditEvent(staffId, {
        actorId,
        action: 'staff.appointed',
        entityType: 'staff',
        entityId: staffId,
        after: item,
      }),
      ...remember(staff),
    ]);
    return staff;
  });
}

export async function getMe(actorId: string): Promise<StaffMember> {
  return (await loadCaller(actorId)).caller;
}

export async function getStaff(actorId: string, staffId: string): Promise<StaffMember> {
  const { items } = await loadCaller(actorId, [Staff.key(staffId)]);
  if (!items[0]) throw notFound('Staff member');
  return fromItem<StaffMember>(items[0]);
}

export async function listStaff(actorId: string, query: StaffListQuery): Promise<Page<StaffMember>> {
  const keyQuery = query.reportsTo
    ? Staff.reportingTo(query.reportsTo)
    : query.role
      ? Staff.withRole(query.role)
      : Staff.all();
  const { read: page } = await alongside(loadCaller(actorId), () =>
    queryPage(keyQuery, {
      limit: query.limit,
      nextToken: query.nextToken,
      filter:
        query.reportsTo && query.role
          ? { expression: '#role = :role', names: { '#role': 'role' }, values: { ':role': query.role } }
          : undefined,
    }),
  );
  return { items: page.items.map((i) => fromItem<StaffMember>(i)), nextToken: page.nextToken };
}

async function ensureAnotherHeadRemains(staffId: string) {
  const heads = await queryAll(Staff.withRole('head_of_accounts'));
  if (!heads.some((h) => h.active && h.staffId !== staffId)) {
    throw conflict(
      'last_head_of_accounts',
      'The agency must keep at least one active head of account services.',
    );
  }
}

async function ensureReportsStillValid(staffId: string, next: StaffMember) {
  const reports = (await queryAll(Staff.reportingTo(staffId)))
    .map((r) => fromItem<StaffMember>(r))
    .filter((r) => r.active);
  if (!next.active && reports.length > 0) {
    throw conflict(
      'has_direct_reports',
      `Reassign the ${reports.length} people reporting to this person before deactivating them.`,
    );
  }
  const broken = reports.filter((r) => !mayReportTo(r.role, next.role));
  if (broken.length > 0) {
    throw conflict(
      'reporting_line_conflict',
      `As ${roleLabel[next.role]}, this person could no longer manage: ${broken.map((b) => `${b.name} (${roleLabel[b.role]})`).join(', ')}. Reassign them first.`,
    );
  }
}

/**
 * What another context writes when a staff member's line manager changes (their items, their key
 * builders): the writes join the change's transaction, so the change and what follows it are one.
 * Each write is conditional on what it read; a write whose condition fails raises
 * `TransactionRaceError`, and the change reads again.
 */
export type LineManagerFollower = (change: {
  staffId: string;
  reportsTo: string | undefined;
}) => Promise<WriteOp[]>;

/** A change of line manager that lost a race with a follower's item: read again. */
const maxLineManagerAttempts = 5;

/**
 * Role, reporting line, name and activation; applies at once and is audited. `followers` say what
 * else moves with a new line manager (billing: the timesheets waiting for a decision); a caller
 * passes every context that keeps something by line manager.
 */
export async function updateStaff(
  actorId: string,
  staffId: string,
  expectedVersion: number,
  patch: UpdateStaffInput,
  followers: readonly LineManagerFollower[],
) {
  const { caller, items } = await loadCaller(actorId, [
    Staff.key(staffId),
    ...(patch.reportsTo ? [Staff.key(patch.reportsTo)] : []),
  ]);
  authorize(caller, 'staff.manage');
  const [currentItem, managerItem] = items;
  if (!currentItem) throw notFound('Staff member');
  const current = fromItem<StaffRecord>(currentItem);
  if (current.version !== expectedVersion) throw versionConflict('This staff member', expectedVersion);
  const next = patched(current, patch);
  if (next.reportsTo === staffId)
    throw badRequest('invalid_reporting_line', 'Nobody reports to themselves.', 'body.reportsTo');
  if (next.role === 'head_of_accounts' && next.reportsTo) {
    throw badRequest(
      'invalid_reporting_line',
      'The head of account services reports outside the system.',
      'body.reportsTo',
    );
  }
  if (patch.role !== undefined || patch.reportsTo !== undefined) {
    // A new manager was read with the staff member; a kept one is read now.
    const managerRecord =
      patch.reportsTo || !next.reportsTo ? managerItem : await getItem(Staff.key(next.reportsTo));
    checkReportingLine(next.role, managerRecord && fromItem<StaffMember>(managerRecord), next.reportsTo);
  }
  const losesHead = current.role === 'head_of_accounts' && (next.role !== 'head_of_accounts' || !next.active);
  if (losesHead) await ensureAnotherHeadRemains(staffId);
  if (patch.role !== undefined || patch.active === false) await ensureReportsStillValid(staffId, next);

  const item = storedItem(Staff.type, Staff.key(staffId), Staff.indexes(next), next);
  const newManager = (next.reportsTo ?? undefined) !== (current.reportsTo ?? undefined);
  const audit = staffAuditEvent(staffId, {
    actorId,
    action: patch.role && patch.role !== current.role ? 'staff.role_changed' : 'staff.updated',
    entityType: 'staff',
    entityId: staffId,
    before: current,
    after: next,
  });
  for (let attempt = 0; ; attempt++) {
    const followed = newManager
      ? (
          await Promise.all(followers.map((f) => f({ staffId, reportsTo: next.reportsTo ?? undefined })))
        ).flat()
      : [];
    try {
      await transact([
        putIfVersion(item, expectedVersion, () => versionConflict('This staff member', expectedVersion)),
        audit,
        ...followed,
      ]);
      return fromItem<StaffMember>(item);
    } catch (error) {
      if (!(error instanceof TransactionRaceError) || attempt + 1 >= maxLineManagerAttempts) throw error;
      await backoff(attempt);
    }
  }
}

/** The audit trail of one staff member: the head sees anyone's, everyone their own. */
export async function listStaffActivity(
  actorId: string,
  staffId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<ActivityEvent>> {
  const { caller, items } = await loadCaller(actorId, [Staff.key(staffId)]);
  if (!items[0]) throw notFound('Staff member');
  if (caller.staffId !== staffId) authorize(caller, 'staff.manage');
  const result = await queryPage(StaffEvent.forStaff(staffId), { ...page, newestFirst: true });
  return { items: result.items.map((i) => fromItem<ActivityEvent>(i)), nextToken: result.nextToken };
}

/** The longest reporting line followed (the account line has seven levels; a cycle stops here too). */
const maxReportingDepth = 12;

/** The ids of `staff`'s managers up their reporting line, nearest first. */
export async function managersUpTheLine(staff: { reportsTo?: string }): Promise<string[]> {
  const line: string[] = [];
  let manager = staff.reportsTo;
  while (manager && line.length < maxReportingDepth && !line.includes(manager)) {
    line.push(manager);
    manager = (await getItem(Staff.key(manager)))?.reportsTo as string | undefined;
  }
  return line;
}

/**
 * Whether `managerId` is above `staff` up their reporting line: their manager, their manager's
 * manager, and so on — the people who may act for them (not anyone of a higher rank).
 */
export async function isUpReportingLine(staff: { reportsTo?: string }, managerId: string): Promise<boolean> {
  let manager = staff.reportsTo;
  for (let level = 0; manager && level < maxReportingDepth; level++) {
    if (manager === managerId) return true;
    manager = (await getItem(Staff.key(manager)))?.reportsTo as string | undefined;
  }
  return false;
}
