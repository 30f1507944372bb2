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
