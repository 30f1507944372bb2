import { clientAuditEvent } from '../platform/audit.js';
import { namePrefix, nameSortKey } from '../platform/db/keys.js';
import {
  fromItem,
  getItems,
  type Item,
  type Page,
  putIfVersion,
  putNew,
  queryPage,
  queryViews,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { ClientEvent } from '../platform/entities.js';
import { conflict, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { pageInMemory } from '../platform/paging.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { defaultCalendar } from '../platform/working-days.js';
import { authorize, loadCaller, openClient, openClientWith, visibleClientIds } from './access.js';
import { Client, ClientCode, Team, TeamMembership } from './entities.js';
import type { StaffRole } from './roles.js';
import {
  type ActivityEvent,
  type Client as ClientView,
  type CreateClientInput,
  type Intake,
  intakeFields,
  type UpdateClientInput,
} from './schemas/clients.js';

type StoredClient = Omit<ClientView, 'intakeCompleteness'>;

/** Which intake fields are still missing; a job may be opened only when none are. */
export function intakeCompleteness(intake: Intake) {
  const missing = intakeFields.filter((field) => intake[field] === undefined);
  return { complete: missing.length === 0, missing };
}

export function clientView(item: Item): ClientView {
  const client = fromItem<StoredClient>(item);
  return { ...client, intakeCompleteness: intakeCompleteness(client.intake) };
}

const duplicateCode = () => conflict('duplicate_code', 'Another client already uses this code.', 'body.code');

/** A member of a new client's account team, in their team role. */
export interface FoundingMember {
  staffId: string;
  role: StaffRole;
}

/**
 * What taking on a client writes: the client, its code marker, its account team and the
 * memberships that make it visible, and the audit event — for the caller's transaction (a new
 * client here; a won pitch in the client record, which joins its own writes to the same one).
 */
export function clientCreationWrites(
  actorId: string,
  input: CreateClientInput & { status?: ClientView['status'] },
  team: readonly FoundingMember[],
): { view: ClientView; writes: WriteOp[] } {
  const clientId = newId();
  const fields: Omit<StoredClient, 'version' | 'createdAt' | 'updatedAt'> = {
    clientId,
    name: input.name,
    code: input.code,
    industry: input.industry,
    status: input.status ?? 'prospect',
    acquisitionSource: input.acquisitionSource,
    confidentiality: input.confidentiality ?? 'standard',
    calendar: input.calendar ?? defaultCalendar,
    intake: input.intake ?? {},
    taxRateBasisPoints: input.taxRateBasisPoints,
    createdBy: actorId,
  };
  const item = newRecord(Client.type, Client.key(clientId), Client.indexes(fields), fields);
  const teamWrites =
    team.length === 0
      ? []
      : [
          putNew(
            newRecord(
              Team.type,
              Team.key(clientId),
              {},
              { clientId, members: team.map((m) => ({ staffId: m.staffId, role: m.role })) },
            ),
          ),
          ...team.map((m) =>
            putNew({
              ...TeamMembership.key(clientId, m.staffId),
              ...TeamMembership.indexes({ clientId, staffId: m.staffId }),
              itemType: TeamMembership.type,
              clientId,
              staffId: m.staffId,
              role: m.role,
            }),
          ),
        ];
  return {
    view: clientView(item),
    writes: [
      putNew(item),
      putNew({ ...ClientCode.key(input.code), itemType: ClientCode.type, clientId }, duplicateCode),
      ...teamWrites,
      clientAuditEvent(clientId, {
        actorId,
        action: 'client.created',
        entityType: 'client',
        entityId: clientId,
        after: item,
      }),
    ],
  };
}

/**
 * What a prospect already on record writes when it becomes a client (a won pitch, in the client
 * record's transaction): its status active and how it was won, under its version, and the audit event.
 */
export function prospectActivationWrites(
  actorId: string,
  clientItem: Item,
  acquisitionSource: ClientView['acquisitionSource'],
): { view: ClientView; writes: WriteOp[] } {
  const current = fromItem<StoredClient>(clientItem);
  const next = patched(current, {
    status: 'active',
    acquisitionSource: current.acquisitionSource ?? acquisitionSource,
  });
  const item = storedItem(Client.type, Client.key(current.clientId), Client.indexes(next), next);
  return {
    view: clientView(item),
    writes: [
      putIfVersion(item, current.version, () => versionConflict('This client', current.version)),
      clientAuditEvent(current.clientId, {
        actorId,
        action: 'client.status_changed',
        entityType: 'client',
        entityId: current.clientId,
        before: current,
        after: next,
      }),
    ],
  };
}

export async function createClient(
  actorId: string,
  input: CreateClientInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<ClientView>(actorId, idempotency, async (remember) => {
    const { caller, items } = await loadCaller(actorId, [ClientCode.key(input.code)]);
    authorize(caller, 'client.create');
    if (items[0]) throw duplicateCode();
    // Whoever brings in a client is on its team, so they keep seeing it; the head sees all anyway.
    const founder =
      caller.role === 'head_of_accounts' ? [] : [{ staffId: caller.staffId, role: caller.role }];
    const { view, writes } = clientCreationWrites(caller.staffId, input, founder);
    await transact([...writes, ...remember(view)]);
    return view;
  });
}

export async function getClient(actorId: string, clientId: string): Promise<ClientView> {
  return clientView((await openClient(actorId, clientId)).clientItem);
}

/**
 * The clients the caller sees, by name; `q` keeps those whose name starts with it — for the head, a
 * key condition on the agency's client list (begins_with on the name key); for everyone else, the
 * few clients they see, read by key and kept when they match.
 */
export async function listClients(
  actorId: string,
  query: { q?: string; limit: number; nextToken?: string },
): Promise<Page<ClientView>> {
  const { caller } = await loadCaller(actorId);
  const prefix = query.q === undefined ? '' : namePrefix(query.q);
  const page = { limit: query.limit, nextToken: query.nextToken };
  if (caller.role === 'head_of_accounts') {
    const result = await queryPage(prefix ? Client.named(prefix) : Client.all(), page);
    return { items: result.items.map(clientView), nextToken: result.nextToken };
  }
  const ids = await visibleClientIds(caller);
  const byName = (c: ClientView) => nameSortKey(c.name, c.clientId);
  const clients = (await getItems(ids.map((id) => Client.key(id))))
    .filter((item): item is Item => item !== undefined)
    .map(clientView)
    .filter((c) => byName(c).startsWith(prefix));
  clients.sort((a, b) => (byName(a) < byName(b) ? -1 : 1));
  return pageInMemory(
    { scope: `clients-of:${caller.staffId}:${prefix}`, sorted: clients, sortKey: byName },
    page.limit,
    page.nextToken,
  );
}

export async function updateClient(
  actorId: string,
  clientId: string,
  expectedVersion: number,
  patch: UpdateClientInput,
): Promise<ClientView> {
  const { caller, clientItem } = await openClient(actorId, clientId);
  authorize(caller, 'client.update');
  const current = fromItem<StoredClient>(clientItem);
  if (current.version !== expectedVersion) throw versionConflict('This client', expectedVersion);
  const next = patched(current, { ...patch, intake: patch.intake && { ...current.intake, ...patch.intake } });
  const item = storedItem(Client.type, Client.key(clientId), Client.indexes(next), next);
  await transact([
    putIfVersion(item, expectedVersion, () => versionConflict('This client', expectedVersion)),
    clientAuditEvent(clientId, {
      actorId,
      action: patch.status && patch.status !== current.status ? 'client.status_changed' : 'client.updated',
      entityType: 'client',
      entityId: clientId,
      before: current,
      after: next,
    }),
  ]);
  return clientView(item);
}

/** Everything that changed under a client, newest first. */
export async function listClientActivity(
  actorId: string,
  clientId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<ActivityEvent>> {
  const { result } = await openClientWith(actorId, clientId, () =>
    queryViews<ActivityEvent>(ClientEvent.ofClient(clientId), { ...page, newestFirst: true }),
  );
  return result;
}
