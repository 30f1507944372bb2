import type { StaffRole } from './roles.js';

/**
 * Who may do what (domain.md §2), in one table. Visibility — whether a client is one of
 * the caller's at all — is decided separately (visibility.ts); this table decides what
 * a caller may do with what they can see.
 */
export const actions = [
  'staff.manage',
  'client.create',
  'client.update',
  'contact.manage',
  'brand.manage',
  'team.manage',
  'job.open',
  'job.update',
  'job.changeStatus',
  'job.reassign',
  'draft.manage',
  'review.start',
  'review.decide',
  'workflow.manage',
  'media.plan',
  'media.book',
] as const;

export type Action = (typeof actions)[number];

const directors: StaffRole[] = ['head_of_accounts', 'group_account_director', 'account_director'];
const managers: StaffRole[] = [...directors, 'account_manager'];
const executives: StaffRole[] = [...managers, 'account_executive'];

const allowed: Record<Action, readonly StaffRole[]> = {
  // Only the head selects, appoints and changes the roles of account staff.
  'staff.manage': ['head_of_accounts'],
  // New business is developed by the head, group directors and account directors.
  'client.create': directors,
  // The AE keeps the client files; intake and status are maintained from AE up.
  'client.update': executives,
  'contact.manage': executives,
  // Brands are run by account managers and above.
  'brand.manage': managers,
  // Directors staff their accounts.
  'team.manage': directors,
  // Only an AE or above opens a job.
  'job.open': executives,
  // The traffic coordinator may reschedule work directly.
  'job.update': [...executives, 'traffic_coordinator'],
  'job.changeStatus': executives,
  // Handing a job to another owner is a management decision.
  'job.reassign': managers,
  // Drafts are made by the creative and production teams and carried to the client by
  // the account people, reps included: uploading a proof is not a decision.
  'draft.manage': [...executives, 'assistant_account_executive', 'account_rep', 'creative', 'production'],
  // An AE or above puts a draft version into review (domain.md §4).
  'review.start': executives,
  // Internal sign-off is the account manager's and above (and the media director's, for media
  // plans); an account rep never approves, and only the client's registered approvers sign off
  // for the client (through their links).
  'review.decide': [...managers, 'media'],
  // Cancelling a review, and restarting a review or a campaign's media chain whose workflow
  // stopped, is the account executive's and above: the people answerable for the client's work.
  'workflow.manage': executives,
  // Media briefs, plans and bookings are drawn up by the media team and the account people
  // who supervise the brand's media spend (the AE and above, domain.md §2).
  'media.plan': [...executives, 'media'],
  'media.book': [...executives, 'media'],
};

export const isAllowed = (role: StaffRole, action: Action): boolean => allowed[action].includes(role);

/** The roles that may do an action (a transaction's condition on the caller's staff item). */
export const rolesAllowed = (action: Action): readonly StaffRole[] => allowed[action];
