import type { PrimaryKey } from '../platform/db/keys.js';
import { fromItem, getItems, type Item, queryAll } from '../platform/db/table.js';
import { forbidden, notFound, unauthorized } from '../platform/errors.js';
import { clientOfScopedId } from '../platform/ids.js';
import { type Action, isAllowed, whoMay } from './authority.js';
import { Client, Staff, TeamMembership } from './entities.js';
import type { StaffMember } from './schemas/staff.js';

/** The signed-in staff member, as the table says now (role changes apply at once). */
export type Caller = StaffMember;

function asCaller(item: Item | undefined): Caller {
  if (!item) throw unauthorized('The token does not belong to a staff member of this agency.');
  const caller = fromItem<Caller>(item);
  if (!caller.active) throw unauthorized('This staff account is deactivated.');
  return caller;
}

/** Loads the caller together with other items, in one round trip. */
export async function loadCaller(actorId: string, alsoLoad: PrimaryKey[] = []) {
  const [callerItem, ...items] = await getItems([Staff.key(actorId), ...alsoLoad]);
  return { caller: asCaller(callerItem), items };
}

export function authorize(caller: Caller, action: Action): void {
  if (!isAllowed(caller.role, action)) {
    throw forbidden(whoMay[action]);
  }
}

/** The account directors reporting to a group account director. */
async function directorsReportingTo(groupDirectorId: string): Promise<string[]> {
  const reports = await queryAll(Staff.reportingTo(groupDirectorId));
  return reports.filter((r) => r.role === 'account_director' && r.active).map((r) => r.staffId as string);
}

/**
 * Whether a client is one of the caller's: the head sees all; team members see their
 * clients; a group account director also sees the clients of the directors reporting
 * to them.
 */
async function sees(caller: Caller, clientId: string, membership: Item | undefined): Promise<boolean> {
  if (caller.role === 'head_of_accounts' || membership) return true;
  if (caller.role !== 'group_account_director') return false;
  const directors = await directorsReportingTo(caller.staffId);
  if (directors.length === 0) return false;
  const memberships = await getItems(directors.map((d) => TeamMembership.key(clientId, d)));
  return memberships.some(Boolean);
}

/**
 * Opens a client for the caller: loads caller, membership, client and whatever else
 * the operation needs in one round trip, and answers 404 — the same as a missing id —
 * when the client is not the caller's to see. Lists may run their query alongside
 * (Promise.all): a query result is only ever returned after this check passed.
 */
export async function openClient(actorId: string, clientId: string, alsoLoad: PrimaryKey[] = []) {
  const { caller, items } = await loadCaller(actorId, [
    TeamMembership.key(clientId, actorId),
    Client.key(clientId),
    ...alsoLoad,
  ]);
  const [membership, clientItem, ...rest] = items;
  if (!clientItem || !(await sees(caller, clientId, membership))) throw notFound('Client');
  return { caller, clientItem, items: rest };
}

/**
 * Opens a client-owned item addressed by a scoped id (`/jobs/{jobId}`, `/drafts/{draftId}`):
 * the client comes from the id, and an id that is malformed, unknown or not visible is
 * the same 404.
 */
export async function openOwnedItem<T>(
  actorId: string,
  scopedId: string,
  what: string,
  keyOf: (clientId: string) => PrimaryKey,
) {
  const clientId = clientOfScopedId(scopedId);
  if (!clientId) throw notFound(what);
  const { caller, items } = await openClient(actorId, clientId, [keyOf(clientId)]);
  if (!items[0]) throw notFound(what);
  return { caller, clientId, item: fromItem<T>(items[0]) };
}

/** Ids of every client the caller can see (for a head, use the all-clients index instead). */
export async function visibleClientIds(caller: Caller): Promise<string[]> {
  const members = [caller.staffId];
  if (caller.role === 'group_account_director') members.push(...(await directorsReportingTo(caller.staffId)));
  const memberships = (await Promise.all(members.map((m) => queryAll(TeamMembership.clientsOf(m))))).flat();
  return [...new Set(memberships.map((m) => m.clientId as string))];
}
