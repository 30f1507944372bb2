import { clientAuditEvent } from '../platform/audit.js';
import {
  deleteItem,
  fromItem,
  getItem,
  getItems,
  type Item,
  putIfVersion,
  putItem,
  putNew,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { preconditionRequired, validationFailed, versionConflict } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import { newRecord, now, storedItem } from '../platform/records.js';
import { authorize, openClient } from './access.js';
import { Staff, Team, TeamMembership } from './entities.js';
import { aRole, capitalized, mayPlayOnTeam, roleLabel, type StaffRole } from './roles.js';
import type { StaffMember } from './schemas/staff.js';
import type { PutTeamInput, TeamView } from './schemas/team.js';

type StoredTeam = Omit<TeamView, 'members'> & { members: { staffId: string; role: StaffMember['role'] }[] };

const emptyTeam = (clientId: string): StoredTeam => ({ clientId, members: [], version: 0 });

/** Members with their current names, so a team reads without a second lookup. */
async function withNames(team: StoredTeam): Promise<TeamView> {
  const staff = await getItems(team.members.map((m) => Staff.key(m.staffId)));
  return {
    ...team,
    members: team.members.map((m, i) => ({ ...m, name: (staff[i]?.name as string | undefined) ?? '' })),
  };
}

export async function getTeam(actorId: string, clientId: string): Promise<TeamView> {
  const { items } = await openClient(actorId, clientId, [Team.key(clientId)]);
  return withNames(items[0] ? fromItem<StoredTeam>(items[0]) : emptyTeam(clientId));
}

const membership = (clientId: string, staffId: string, role: string): Item => ({
  ...TeamMembership.key(clientId, staffId),
  ...TeamMembership.indexes({ clientId, staffId }),
  itemType: TeamMembership.type,
  clientId,
  staffId,
  role,
});

/**
 * Replaces the account team. The team item and every member's visibility item change
 * in one transaction; a team that changed since it was read is a conflict. A team
 * that never existed is created without If-Match (or with If-Match 0).
 */
export async function putTeam(
  actorId: string,
  clientId: string,
  expectedVersion: number | undefined,
  input: PutTeamInput,
): Promise<TeamView> {
  const { caller, items } = await openClient(actorId, clientId, [
    Team.key(clientId),
    ...input.members.map((m) => Staff.key(m.staffId)),
  ]);
  authorize(caller, 'team.manage');
  const [teamItem, ...staffItems] = items;
  const current = teamItem ? fromItem<StoredTeam>(teamItem) : emptyTeam(clientId);
  if (teamItem && expectedVersion === undefined) throw preconditionRequired();
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw versionConflict('This team', expectedVersion);
  }
  const unknown = input.members.flatMap((_, i) =>
    staffItems[i]?.active
      ? []
      : [{ field: `body.members.${i}.staffId`, message: 'Not an active staff member.' }],
  );
  if (unknown.length > 0) throw validationFailed(unknown);
  const misfits = input.members.flatMap((member, i) => {
    const staffRole = staffItems[i]!.role as StaffRole;
    return mayPlayOnTeam(staffRole, member.role)
      ? []
      : [
          {
            field: `body.members.${i}.role`,
            message: `${capitalized(aRole(staffRole))} cannot be the team's ${roleLabel[member.role]}: a member plays their own role, or a junior one in the account line.`,
          },
        ];
  });
  if (misfits.length > 0) throw validationFailed(misfits, "A team role does not fit the member's role.");

  const at = now();
  const next: StoredTeam = {
    clientId,
    members: input.members,
    version: current.version + 1,
    createdAt: current.createdAt ?? at,
    updatedAt: at,
  };
  const item = storedItem(Team.type, Team.key(clientId), {}, next);
  const before = new Map(current.members.map((m) => [m.staffId, m.role]));
  const after = new Map(input.members.map((m) => [m.staffId, m.role]));
  const membershipWrites: WriteOp[] = [
    ...[...before.keys()]
      .filter((id) => !after.has(id))
      .map((id) => deleteItem(TeamMembership.key(clientId, id))),
    ...input.members
      .filter((m) => before.get(m.staffId) !== m.role)
      .map((m) => putItem(membership(clientId, m.staffId, m.role))),
  ];
  await transact([
    teamItem
      ? putIfVersion(item, current.version, () => versionConflict('This team', current.version))
      : putNew(newRecord(Team.type, Team.key(clientId), {}, { clientId, members: input.members }, at), () =>
          versionConflict('This team', 0),
        ),
    ...membershipWrites,
    clientAuditEvent(clientId, {
      actorId,
      action: 'team.changed',
      entityType: 'team',
      entityId: clientId,
      before: teamItem ? current : undefined,
      after: next,
    }),
  ]);
  return withNames(next);
}

/** An active member of a client's account team: someone who can be asked or told something. */
export interface ActiveMember {
  staffId: string;
  name: string;
  email: string;
  role: string;
  /** The language they read Account Desk in, if they chose one. */
  language?: Language;
}

/** The active members of a team item already read (inactive staff are left out). */
export async function activeMembersOf(teamItem: Item | undefined): Promise<ActiveMember[]> {
  const members = (teamItem?.members as { staffId: string }[] | undefined) ?? [];
  const staff = await getItems(members.map((m) => Staff.key(m.staffId)));
  return staff
    .filter((s) => s?.active)
    .map((s) => ({
      staffId: s!.staffId as string,
      name: s!.name as string,
      email: s!.email as string,
      role: s!.role as string,
      ...(s!.language ? { language: s!.language as Language } : {}),
    }));
}

/** A client's active account-team members. */
export async function loadActiveTeam(clientId: string): Promise<ActiveMember[]> {
  return activeMembersOf(await getItem(Team.key(clientId)));
}
