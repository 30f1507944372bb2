import type { PrimaryKey } from '../platform/db/keys.js';
import {
  backoff,
  checkWhen,
  fromItem,
  getItems,
  type Item,
  queryAll,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { notFound, refusedByRole, unauthorized } from '../platform/errors.js';
import { clientOfScopedId } from '../platform/ids.js';
import { type Action, isAllowed, rolesAllowed } from './authority.js';
import { Client, Staff, TeamMembership } from './entities.js';
import { whoMayWords } from './messages.js';
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
    throw refusedByRole((language) => whoMayWords[language][action]);
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
 * when the client is not the caller's to see. Lists run their query alongside
 * (`openClientWith`).
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
 * Starts a read together with an access check, so both cost one round trip. The check is
 * awaited first and its refusal wins: the read's result — or its own error (a query throttled
 * past its retries) — is looked at only after the check passed, so a refused caller gets the
 * answer they would get had nothing else been read, in the check's time.
 */
export async function alongside<Checked, Read>(
  check: Promise<Checked>,
  read: () => Promise<Read>,
): Promise<{ checked: Checked; read: Read }> {
  const reading = (async () => read())();
  // Settled below, or dropped with the refusal: never an unhandled rejection.
  reading.catch(() => undefined);
  const checked = await check;
  return { checked, read: await reading };
}

/** `openClient` with a read (a list's query) in the same round trip; see `alongside`. */
export async function openClientWith<Read>(actorId: string, clientId: string, read: () => Promise<Read>) {
  const { checked, read: result } = await alongside(openClient(actorId, clientId), read);
  return { ...checked, result };
}

/** A ConditionCheck of the transaction-folded access check failed: find out why the long way. */
class AccessNotConfirmed extends Error {}

const notConfirmed = () => new AccessNotConfirmed('The access check of a write did not hold');

/** The caller's staff item says active, in a role that may do `action`. */
function callerMay(actorId: string, action: Action): WriteOp {
  const roles = rolesAllowed(action);
  return checkWhen(
    Staff.key(actorId),
    {
      expression: `#active = :active AND #role IN (${roles.map((_, i) => `:role${i}`).join(', ')})`,
      names: { '#active': 'active', '#role': 'role' },
      values: { ':active': true, ...Object.fromEntries(roles.map((role, i) => [`:role${i}`, role])) },
    },
    notConfirmed,
  );
}

/** The caller is on the client's account team (a membership exists only under an existing client). */
const onTeam = (clientId: string, actorId: string): WriteOp =>
  checkWhen(TeamMembership.key(clientId, actorId), { expression: 'attribute_exists(PK)' }, notConfirmed);

/**
 * Callers this container saw pass the access check only the long way — the head (who sees
 * every client without being on its team) or a group account director (their directors'
 * clients): their writes read first instead of failing a folded check every time. A hint for
 * speed only; what is allowed is always decided by the table.
 */
const readsFirst = new Set<string>();

/** Concurrent writes by one person meet on their staff item's check: such a race is retried. */
const maxRaceAttempts = 5;

async function transactRetryingRaces(ops: WriteOp[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transact(ops);
    } catch (error) {
      if (!(error instanceof TransactionRaceError) || attempt + 1 >= maxRaceAttempts) throw error;
      await backoff(attempt);
    }
  }
}

/**
 * Writes for the caller in one round trip: a write that needs nothing read (a new brand, a
 * new contact) carries the access check in its transaction as ConditionChecks — the caller's
 * staff item active in a role that may do `action`, and, on a client, the caller's team
 * membership — so nothing is written unless they hold. When DynamoDB refuses one of them the
 * check runs the long way (`openClient`/`loadCaller`, then `authorize`), so a refused caller
 * gets exactly the refusal (401, 404 or 403) the read-then-write order gave; a caller the long
 * way lets through (the head, a group account director) then writes as before, after the read.
 * `ops` must not write the caller's staff item or membership (a transaction names an item once).
 */
export async function transactAs(
  actorId: string,
  access: { action: Action; clientId?: string },
  ops: WriteOp[],
): Promise<void> {
  const { action, clientId } = access;
  if (!readsFirst.has(actorId)) {
    try {
      return await transactRetryingRaces([
        callerMay(actorId, action),
        ...(clientId ? [onTeam(clientId, actorId)] : []),
        ...ops,
      ]);
    } catch (error) {
      if (!(error instanceof AccessNotConfirmed)) throw error;
    }
  }
  const { caller } = clientId ? await openClient(actorId, clientId) : await loadCaller(actorId);
  authorize(caller, action);
  if (clientId) readsFirst.add(actorId);
  await transact(ops);
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
