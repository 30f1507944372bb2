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
  'job.reschedule',
  'job.changeStatus',
  'job.reassign',
  'draft.manage',
  'review.start',
  'review.decide',
  'confirmation.record',
  'workflow.manage',
  'media.plan',
  'media.book',
  'competitive.record',
  'pitch.manage',
  'pitch.decideConflict',
  'estimate.manage',
  'minutes.write',
  'minutes.manage',
  'statusReport.schedule',
  'vendor.propose',
  'vendor.approve',
  'spend.commit',
  'bill.record',
  'budget.forecast',
  'rates.cost',
  'rates.bill',
  'profit.view',
  'profit.report',
  'spend.commitOnCreditHold',
  'billing.terms',
  'invoice.draft',
  'invoice.review',
  'invoice.approve',
  'invoice.issue',
  'payment.record',
] as const;

export type Action = (typeof actions)[number];

const directors: StaffRole[] = ['head_of_accounts', 'group_account_director', 'account_director'];
const managers: StaffRole[] = [...directors, 'account_manager'];
const executives: StaffRole[] = [...managers, 'account_executive'];
/** The whole account line, from the account representative up (not the traffic coordinator, beside it). */
const accountLine: StaffRole[] = [...executives, 'assistant_account_executive', 'account_rep'];

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
  // A job's title, description and budget are the account executive's and above.
  'job.update': executives,
  // The traffic coordinator may reschedule work directly (domain.md §2): the due date, never more.
  'job.reschedule': [...executives, 'traffic_coordinator'],
  'job.changeStatus': executives,
  // Handing a job to another owner is a management decision.
  'job.reassign': managers,
  // Drafts are made by the creative and production teams and carried to the client by
  // the account people, reps included: uploading a proof is not a decision.
  'draft.manage': [...executives, 'assistant_account_executive', 'account_rep', 'creative', 'production'],
  // Sending work to review is not deciding (domain.md §6b): the account representative "sends
  // manuscripts for review and confirmation", and so may everyone above them in the account line.
  // Every review still opens with the agency's internal approval.
  'review.start': accountLine,
  // Internal sign-off is the account manager's and above (and the media director's, for media
  // plans); an account rep never approves, and only the client's registered approvers sign off
  // for the client (through their links).
  'review.decide': [...managers, 'media'],
  // Recording the client's written confirmation (their signed document) is the AE's and above; it
  // counts only once countersigned (by an account director, or someone above the recorder).
  'confirmation.record': executives,
  // Cancelling a review, and restarting a review or a campaign's media chain whose workflow
  // stopped, is the account executive's and above: the people answerable for the client's work.
  'workflow.manage': executives,
  // Media briefs, plans and bookings are drawn up by the media team and the account people
  // who supervise the brand's media spend (the AE and above, domain.md §2).
  'media.plan': [...executives, 'media'],
  'media.book': [...executives, 'media'],
  // Watching the competition is the AAE's duty (domain.md §2), and the AE's and above; the media
  // and planning teams see competitors' spend first-hand.
  'competitive.record': [...executives, 'assistant_account_executive', 'media', 'planning'],
  // New business is developed by the head, group directors and account directors (domain.md §2).
  'pitch.manage': directors,
  // A prospect that conflicts with an existing client is the head's call (domain.md §6b).
  'pitch.decideConflict': ['head_of_accounts'],
  // Estimates are drawn up by the account executive and above, with production, who collects the
  // quotes (domain.md §4 step 4); the client signs them through the sign-off engine.
  'estimate.manage': [...executives, 'production'],
  // Contact and call reports are written by the account people who attend meetings: the AAE
  // writes the minutes, the account rep writes and files them (domain.md §2).
  'minutes.write': accountLine,
  // Someone else's report is changed, issued or its next steps moved by an AE or above.
  'minutes.manage': executives,
  // How often a client hears from the agency is the account manager's call, and above (domain.md §2).
  'statusReport.schedule': managers,
  // Suppliers are proposed by the account executive and selected and approved by the account
  // director (domain.md §2: the AD "selects and approves third-party suppliers").
  'vendor.propose': executives,
  'vendor.approve': directors,
  // The AE supervises and approves the brand's production and media spend (domain.md §2): a
  // purchase order is the AE's (or a superior's) approval of that spend.
  'spend.commit': executives,
  // Vendors' bills are recorded by the account people answerable for the spend, or by finance.
  'bill.record': [...executives, 'finance'],
  // The monthly spend forecast per brand, and the reasons for a reconciliation's variances, are the AE's.
  'budget.forecast': executives,
  // What an hour of each role costs the agency is the head's to set (it follows pay).
  'rates.cost': ['head_of_accounts'],
  // What a client paying by the hour is billed per role is agreed by its account manager and above.
  'rates.bill': managers,
  // Margins show what staff cost: the account manager and above (who set and defend the client's
  // budget and control agency cost, domain.md §2) see a client's profit; the AE and below do not.
  'profit.view': managers,
  // The agency's monthly profitability across every client is the head's.
  'profit.report': ['head_of_accounts'],
  // A client over its credit limit or 60+ days overdue: new spend needs an account director (issue 14 §2).
  'spend.commitOnCreditHold': directors,
  // Billing terms are negotiated with the client by the account manager and above.
  'billing.terms': managers,
  // Invoices are drafted and reviewed by the AE (and finance drafts and issues them); the account
  // manager approves those above the client's threshold; an account rep never decides (domain.md §2).
  'invoice.draft': [...executives, 'finance'],
  'invoice.review': executives,
  'invoice.approve': managers,
  'invoice.issue': [...executives, 'finance'],
  // Payments received are recorded and applied by the account people answerable for collection, or finance.
  'payment.record': [...executives, 'finance'],
};

export const isAllowed = (role: StaffRole, action: Action): boolean => allowed[action].includes(role);

/** The roles that may do an action (a transaction's condition on the caller's staff item). */
export const rolesAllowed = (action: Action): readonly StaffRole[] => allowed[action];
