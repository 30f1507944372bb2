import { Client, ClientCode, Staff } from '../accounts/entities.js';
import {
  authorize,
  type Caller,
  clientCreationWrites,
  loadCaller,
  openClient,
  prospectActivationWrites,
  type StaffMember,
} from '../accounts/index.js';
import { staffAuditEvent } from '../platform/audit.js';
import {
  fromItem,
  getItems,
  type Item,
  type Page,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { badRequest, conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import type { WorkingCalendar } from '../platform/working-days.js';
import { categoryKey, Pitch as PitchEntity } from './entities.js';
import type {
  ConflictDecisionInput,
  CreatePitchInput,
  Pitch,
  PitchOutcomeInput,
  UpdatePitchInput,
} from './pitch-schemas.js';

/** The stored pitch also lists its team's ids, for the filter that shows a member their pitches. */
type StoredPitch = Pitch & { teamIds: string[] };

const pitchView = (item: Item): Pitch => shownPitch(fromItem<StoredPitch>(item));

/**
 * A pitch as shown. A prospect on record keeps its intake on its own client record, seen by its
 * account team only — not in the pitch every director sees (a pitch made before kept a copy).
 */
function shownPitch(stored: StoredPitch): Pitch {
  const { teamIds: _ids, ...pitch } = stored;
  if (!pitch.prospect.clientId || !pitch.prospect.intake) return pitch;
  const { intake: _intake, ...prospect } = pitch.prospect;
  return { ...pitch, prospect };
}

/** Directors (who take on pitches) see every pitch; anyone on a pitch's team sees that one. */
const seesAll = (caller: Caller) =>
  ['head_of_accounts', 'group_account_director', 'account_director'].includes(caller.role);

const sees = (caller: Caller, pitch: StoredPitch) =>
  seesAll(caller) || pitch.teamIds.includes(caller.staffId);

/** The team as stored: each member's role and name as they are now; every one active staff. */
async function pitchTeam(team: readonly { staffId: string }[]) {
  const items = await getItems(team.map((m) => Staff.key(m.staffId)));
  return team.map((_, i) => {
    const staff = items[i] ? fromItem<StaffMember>(items[i]) : undefined;
    if (!staff?.active) {
      throw badRequest('unknown_staff', 'No active staff member has this id.', `body.team.${i}.staffId`);
    }
    return { staffId: staff.staffId, role: staff.role, name: staff.name };
  });
}

/**
 * Active clients in the prospect's category (domain.md §6b: a prospect whose interests conflict
 * with an existing client's). Reads the agency's client list (GSI1), which holds every client once.
 */
async function conflictingClients(category: string) {
  const wanted = categoryKey(category);
  const clients = await queryAll(Client.all());
  return clients
    .filter((c) => c.status === 'active' && categoryKey(c.industry as string) === wanted)
    .map((c) => ({ clientId: c.clientId as string, name: c.name as string }));
}

const notAProspect = (name: string, field?: string) =>
  conflict(
    'not_a_prospect',
    `${name} is not recorded as a prospect: only a prospect is pitched for and becomes the client when won.`,
    field,
  );

/** The prospect as a pitch keeps it, from a client recorded as a prospect (the caller must see it). */
async function recordedProspect(actorId: string, clientId: string) {
  const { clientItem } = await openClient(actorId, clientId);
  if (clientItem.status !== 'prospect')
    throw notAProspect(clientItem.name as string, 'body.prospectClientId');
  return {
    clientId,
    name: clientItem.name as string,
    category: clientItem.industry as string,
    code: clientItem.code as string,
    ...(clientItem.calendar ? { calendar: clientItem.calendar as WorkingCalendar } : {}),
  };
}

const duplicateCode = (field: string) =>
  conflict('duplicate_code', 'Another client already uses this code.', field);

export async function createPitch(
  actorId: string,
  input: CreatePitchInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<Pitch>(actorId, idempotency, async (remember) => {
    const code = input.prospect?.code;
    const { caller, items } = await loadCaller(actorId, code ? [ClientCode.key(code)] : []);
    authorize(caller, 'pitch.manage');
    if (items[0]) throw duplicateCode('body.prospect.code');
    const prospect = input.prospectClientId
      ? await recordedProspect(actorId, input.prospectClientId)
      : input.prospect!;
    const [team, clients] = await Promise.all([pitchTeam(input.team), conflictingClients(prospect.category)]);
    const pitchId = newId();
    const at = now();
    const fields = {
      pitchId,
      prospect,
      leadSource: input.leadSource,
      ...(input.referredBy ? { referredBy: input.referredBy } : {}),
      pitchDate: input.pitchDate,
      team,
      teamIds: team.map((m) => m.staffId),
      competingAgencies: input.competingAgencies,
      ...(input.costOfPitching ? { costOfPitching: input.costOfPitching } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      status: 'open' as const,
      ...(clients.length > 0 ? { conflict: { clients, flaggedAt: at } } : {}),
      createdBy: caller.staffId,
    };
    const item = newRecord(
      PitchEntity.type,
      PitchEntity.key(pitchId),
      PitchEntity.indexes(fields),
      fields,
      at,
    );
    const view = pitchView(item);
    await transact([
      putNew(item),
      staffAuditEvent(caller.staffId, {
        actorId,
        action: clients.length > 0 ? 'pitch.created_with_conflict' : 'pitch.created',
        entityType: 'pitch',
        entityId: pitchId,
        after: item,
      }),
      ...remember(view),
    ]);
    return view;
  });
}

async function openPitch(actorId: string, pitchId: string, alsoLoad: { PK: string; SK: string }[] = []) {
  const { caller, items } = await loadCaller(actorId, [PitchEntity.key(pitchId), ...alsoLoad]);
  const [pitchItem, ...rest] = items;
  const pitch = pitchItem ? fromItem<StoredPitch>(pitchItem) : undefined;
  if (!pitch || !sees(caller, pitch)) throw notFound('Pitch');
  return { caller, pitch, items: rest };
}

export async function getPitch(actorId: string, pitchId: string): Promise<Pitch> {
  const { pitch } = await openPitch(actorId, pitchId);
  return shownPitch(pitch);
}

export async function listPitches(
  actorId: string,
  query: { status?: string; limit: number; nextToken?: string },
): Promise<Page<Pitch>> {
  const { caller } = await loadCaller(actorId);
  const conditions: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (query.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = query.status;
  }
  if (!seesAll(caller)) {
    conditions.push('contains(#teamIds, :me)');
    names['#teamIds'] = 'teamIds';
    values[':me'] = caller.staffId;
  }
  const page = await queryPage(PitchEntity.all(), {
    limit: query.limit,
    nextToken: query.nextToken,
    newestFirst: true,
    ...(conditions.length > 0 ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
  });
  return { items: page.items.map(pitchView), nextToken: page.nextToken };
}

function assertOpen(pitch: Pitch) {
  if (pitch.status !== 'open') {
    throw conflict(
      'pitch_closed',
      `This pitch is closed (${pitch.status.replace('_', ' ')}): nothing more changes.`,
    );
  }
}

async function savePitch(
  actorId: string,
  current: StoredPitch,
  next: StoredPitch,
  action: string,
  extra: ReturnType<typeof putNew>[] = [],
) {
  const item = storedItem(
    PitchEntity.type,
    PitchEntity.key(current.pitchId),
    PitchEntity.indexes(next),
    next,
  );
  await transact([
    putIfVersion(item, current.version, () => versionConflict('This pitch', current.version)),
    ...extra,
    staffAuditEvent(actorId, {
      actorId,
      action,
      entityType: 'pitch',
      entityId: current.pitchId,
      before: current,
      after: next,
    }),
  ]);
  return pitchView(item);
}

export async function updatePitch(
  actorId: string,
  pitchId: string,
  expectedVersion: number,
  patch: UpdatePitchInput,
) {
  const { caller, pitch } = await openPitch(actorId, pitchId);
  authorize(caller, 'pitch.manage');
  if (pitch.version !== expectedVersion) throw versionConflict('This pitch', expectedVersion);
  assertOpen(pitch);
  const { prospectClientId, ...fields } = patch;
  const [team, relinked] = await Promise.all([
    patch.team ? pitchTeam(patch.team) : undefined,
    prospectClientId === undefined ? undefined : relinkedProspect(actorId, pitch, prospectClientId),
  ]);
  const next = patched(pitch, {
    ...fields,
    ...(team ? { team, teamIds: team.map((m) => m.staffId) } : {}),
    ...relinked?.fields,
  });
  return savePitch(actorId, pitch, next, relinked?.action ?? 'pitch.updated');
}

/**
 * A pitch linked to a client recorded as a prospect, or unlinked from it (`null`). Linked, the
 * pitch takes that client's description; unlinked, it keeps the description but not the code
 * (that client holds it). The seeds' conflict rule follows the category: when it changes, the
 * prospect is checked against the active clients again and a decision taken for the old category
 * no longer stands; the same category keeps its flag and decision.
 */
async function relinkedProspect(actorId: string, pitch: StoredPitch, prospectClientId: string | null) {
  if (prospectClientId === null) {
    if (!pitch.prospect.clientId) return undefined;
    const { clientId: _clientId, code: _code, ...described } = pitch.prospect;
    return { fields: { prospect: described }, action: 'pitch.prospect_unlinked' };
  }
  if (pitch.prospect.clientId === prospectClientId) return undefined;
  const prospect = await recordedProspect(actorId, prospectClientId);
  if (categoryKey(prospect.category) === categoryKey(pitch.prospect.category)) {
    return { fields: { prospect }, action: 'pitch.prospect_linked' };
  }
  const clients = await conflictingClients(prospect.category);
  return {
    fields: { prospect, conflict: clients.length > 0 ? { clients, flaggedAt: now() } : null },
    action: clients.length > 0 ? 'pitch.prospect_linked_with_conflict' : 'pitch.prospect_linked',
  };
}

/** The head of account services decides a flagged prospect: refer it to another agency, or pitch. */
export async function decideConflict(actorId: string, pitchId: string, input: ConflictDecisionInput) {
  const { caller, pitch } = await openPitch(actorId, pitchId);
  authorize(caller, 'pitch.decideConflict');
  assertOpen(pitch);
  if (!pitch.conflict)
    throw conflict(
      'no_conflict',
      'This prospect competes with no active client: there is nothing to decide.',
    );
  if (pitch.conflict.decision)
    throw conflict('already_decided', 'The head of account services has decided this conflict already.');
  const next = patched(pitch, {
    conflict: {
      ...pitch.conflict,
      decision: {
        decision: input.decision,
        reason: input.reason,
        decidedBy: caller.staffId,
        decidedAt: now(),
      },
    },
    ...(input.decision === 'refer_elsewhere' ? { status: 'referred_elsewhere' } : {}),
  });
  return savePitch(actorId, pitch, next, `pitch.conflict_${input.decision}`);
}

/**
 * Records how the pitch ended. Won: the prospect becomes an active client in the same transaction
 * — its name, category, calendar and intake as the pitch kept them, the lead source as how it was
 * won, the pitch team as its account team — through accounts' own client creation.
 */
export async function recordOutcome(actorId: string, pitchId: string, input: PitchOutcomeInput) {
  const code = input.code ?? undefined;
  const { caller, pitch } = await openPitch(actorId, pitchId);
  authorize(caller, 'pitch.manage');
  assertOpen(pitch);
  const outcome = {
    outcome: input.outcome,
    reasons: input.reasons,
    recordedBy: caller.staffId,
    recordedAt: now(),
  };
  if (input.outcome !== 'won') {
    return {
      pitch: await savePitch(
        actorId,
        pitch,
        patched(pitch, { status: input.outcome, outcome }),
        `pitch.${input.outcome}`,
      ),
    };
  }
  if (pitch.conflict && !pitch.conflict.decision) {
    throw conflict(
      'conflict_undecided',
      `The prospect competes with ${pitch.conflict.clients.map((c) => c.name).join(', ')}: the head of account services must decide before it is won.`,
    );
  }
  const decided = new Set(pitch.conflict?.clients.map((c) => c.clientId));
  const newConflicts = (await conflictingClients(pitch.prospect.category)).filter(
    (c) => !decided.has(c.clientId),
  );
  if (newConflicts.length > 0) {
    throw conflict(
      'conflict_undecided',
      `Since the pitch began, ${newConflicts.map((c) => c.name).join(', ')} became an active client in the same category: the head of account services must decide.`,
    );
  }
  if (pitch.prospect.clientId) return winRecordedProspect(actorId, caller, pitch, outcome);
  const clientCode = code ?? pitch.prospect.code;
  if (!clientCode)
    throw badRequest('code_required', 'Name the new client’s code (2 to 8 capital letters).', 'body.code');
  const team = [...pitch.team.map((m) => ({ staffId: m.staffId, role: m.role }))];
  if (caller.role !== 'head_of_accounts' && !team.some((m) => m.staffId === caller.staffId)) {
    team.push({ staffId: caller.staffId, role: caller.role });
  }
  const { view: client, writes } = clientCreationWrites(
    caller.staffId,
    {
      name: pitch.prospect.name,
      code: clientCode,
      industry: pitch.prospect.category,
      status: 'active',
      acquisitionSource: pitch.leadSource,
      ...(pitch.prospect.calendar ? { calendar: pitch.prospect.calendar } : {}),
      ...(pitch.prospect.intake ? { intake: pitch.prospect.intake } : {}),
    },
    team,
  );
  const won = patched(pitch, {
    status: 'won',
    outcome: { ...outcome, clientId: client.clientId },
    prospect: { ...pitch.prospect, code: clientCode },
  });
  try {
    const saved = await savePitch(actorId, pitch, won, 'pitch.won', writes);
    return { pitch: saved, client };
  } catch (error) {
    // The code marker's condition speaks of the prospect's code as the body's field.
    if (error instanceof Error && 'code' in error && error.code === 'duplicate_code')
      throw duplicateCode(code ? 'body.code' : 'body.prospect.code');
    throw error;
  }
}

/** A won pitch for a prospect on record: that client becomes active, with the pitch, in one transaction. */
async function winRecordedProspect(
  actorId: string,
  caller: Caller,
  pitch: StoredPitch,
  outcome: NonNullable<Pitch['outcome']>,
) {
  const clientId = pitch.prospect.clientId!;
  // Winning changes that client's record: the caller must see it (else it does not exist for them).
  const { clientItem } = await openClient(actorId, clientId);
  if (clientItem.status !== 'prospect') throw notAProspect(clientItem.name as string);
  const { view: client, writes } = prospectActivationWrites(caller.staffId, clientItem, pitch.leadSource);
  const won = patched(pitch, { status: 'won', outcome: { ...outcome, clientId } });
  return { pitch: await savePitch(actorId, pitch, won, 'pitch.won', writes), client };
}
