/** Agency roles (domain.md §2). The first eight are the account department. */
export const accountRoles = [
  'head_of_accounts',
  'group_account_director',
  'account_director',
  'account_manager',
  'account_executive',
  'assistant_account_executive',
  'account_rep',
  'traffic_coordinator',
] as const;

export const departmentRoles = ['creative', 'media', 'planning', 'production', 'finance'] as const;

export const staffRoles = [...accountRoles, ...departmentRoles] as const;

export type StaffRole = (typeof staffRoles)[number];

/**
 * Seniority in the account line, highest first: the account roles in their listed
 * order, less the traffic coordinator, who sits beside the line. The other departments
 * are outside it.
 */
const accountLadder: readonly StaffRole[] = accountRoles.filter((role) => role !== 'traffic_coordinator');

export const rank = (role: StaffRole): number => {
  const index = accountLadder.indexOf(role);
  return index < 0 ? -1 : accountLadder.length - index;
};

/** What a person reads for each role: the agency's own words, never the key. */
export const roleLabel: Record<StaffRole, string> = {
  head_of_accounts: 'head of account services',
  group_account_director: 'group account director',
  account_director: 'account director',
  account_manager: 'account manager',
  account_executive: 'account executive',
  assistant_account_executive: 'assistant account executive',
  account_rep: 'account representative',
  traffic_coordinator: 'traffic coordinator',
  creative: 'creative team',
  media: 'media team',
  planning: 'planning team',
  production: 'production team',
  finance: 'finance team',
};

/** A role with its article, for a sentence: "an account director", "a traffic coordinator". */
export const aRole = (role: StaffRole): string =>
  `${/^[aeiou]/.test(roleLabel[role]) ? 'an' : 'a'} ${roleLabel[role]}`;

/** A sentence's first word: "An account director cannot …". */
export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "An AE or above": may open jobs, own them and run the client's daily business. */
export const isExecutiveOrAbove = (role: StaffRole): boolean => rank(role) >= rank('account_executive');

/**
 * Who a role may report to (domain.md §2). The head reports to the general manager,
 * who is outside the system; an account rep reports to an AE or above; the traffic
 * coordinator to the head; the other departments to anyone.
 */
export function mayReportTo(role: StaffRole, managerRole: StaffRole): boolean {
  switch (role) {
    case 'head_of_accounts':
      return false;
    case 'group_account_director':
    case 'traffic_coordinator':
      return managerRole === 'head_of_accounts';
    case 'account_director':
      return managerRole === 'group_account_director' || managerRole === 'head_of_accounts';
    case 'account_manager':
      return managerRole === 'account_director';
    case 'account_executive':
      return managerRole === 'account_manager';
    case 'assistant_account_executive':
      return managerRole === 'account_executive';
    case 'account_rep':
      return isExecutiveOrAbove(managerRole);
    default:
      return true;
  }
}

/**
 * Whether a staff member may play `teamRole` on a client's account team: their own role, or — in
 * the account line — a junior one (an account manager who runs a small client as its executive).
 * Never a senior role, and never another department's: the team role decides who is asked to
 * approve internally.
 */
export function mayPlayOnTeam(staffRole: StaffRole, teamRole: StaffRole): boolean {
  if (staffRole === teamRole) return true;
  return rank(staffRole) > 0 && rank(teamRole) > 0 && rank(teamRole) < rank(staffRole);
}
