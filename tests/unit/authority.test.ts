import { describe, expect, it } from 'vitest';
import { type Action, actions, isAllowed } from '../../shared/accounts/authority.js';
import { type StaffRole, staffRoles } from '../../shared/accounts/roles.js';

/**
 * The role table of domain.md §2, written out in full: one row per role, the actions
 * it may take. Every (role, action) pair not listed here must be denied.
 */
const expected: Record<StaffRole, Action[]> = {
  head_of_accounts: [...actions],
  group_account_director: [
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
    'estimate.manage',
    'minutes.write',
    'minutes.manage',
    'statusReport.schedule',
    'vendor.propose',
    'vendor.approve',
    'spend.commit',
    'bill.record',
    'budget.forecast',
    'rates.bill',
    'profit.view',
    'spend.commitOnCreditHold',
    'billing.terms',
    'invoice.draft',
    'invoice.review',
    'invoice.approve',
    'invoice.issue',
    'payment.record',
  ],
  account_director: [
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
    'estimate.manage',
    'minutes.write',
    'minutes.manage',
    'statusReport.schedule',
    'vendor.propose',
    'vendor.approve',
    'spend.commit',
    'bill.record',
    'budget.forecast',
    'rates.bill',
    'profit.view',
    'spend.commitOnCreditHold',
    'billing.terms',
    'invoice.draft',
    'invoice.review',
    'invoice.approve',
    'invoice.issue',
    'payment.record',
  ],
  account_manager: [
    'client.update',
    'contact.manage',
    'brand.manage',
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
    'estimate.manage',
    'minutes.write',
    'minutes.manage',
    'statusReport.schedule',
    'vendor.propose',
    'spend.commit',
    'bill.record',
    'budget.forecast',
    'rates.bill',
    'profit.view',
    'billing.terms',
    'invoice.draft',
    'invoice.review',
    'invoice.approve',
    'invoice.issue',
    'payment.record',
  ],
  account_executive: [
    'client.update',
    'contact.manage',
    'job.open',
    'job.update',
    'job.reschedule',
    'job.changeStatus',
    'draft.manage',
    'review.start',
    'confirmation.record',
    'workflow.manage',
    'media.plan',
    'media.book',
    'competitive.record',
    'estimate.manage',
    'minutes.write',
    'minutes.manage',
    'vendor.propose',
    'spend.commit',
    'bill.record',
    'budget.forecast',
    'invoice.draft',
    'invoice.review',
    'invoice.issue',
    'payment.record',
  ],
  assistant_account_executive: ['draft.manage', 'review.start', 'competitive.record', 'minutes.write'],
  account_rep: ['draft.manage', 'review.start', 'minutes.write'],
  traffic_coordinator: ['job.reschedule'],
  creative: ['draft.manage'],
  media: ['review.decide', 'media.plan', 'media.book', 'competitive.record'],
  planning: ['competitive.record'],
  production: ['draft.manage', 'estimate.manage'],
  finance: ['bill.record', 'invoice.draft', 'invoice.issue', 'payment.record'],
};

describe('authority: role × action', () => {
  const cases = staffRoles.flatMap((role) =>
    actions.map((action) => ({ role, action, allowed: expected[role].includes(action) })),
  );

  it.each(cases)('$role → $action: $allowed', ({ role, action, allowed }) => {
    expect(isAllowed(role, action)).toBe(allowed);
  });

  it('covers every role and every action', () => {
    expect(cases).toHaveLength(staffRoles.length * actions.length);
    expect(Object.keys(expected).sort()).toEqual([...staffRoles].sort());
  });

  it('gives the account rep no decision power: carrying drafts, sending them to review and writing minutes is all they may do', () => {
    expect(actions.filter((a) => isAllowed('account_rep', a))).toEqual([
      'draft.manage',
      'review.start',
      'minutes.write',
    ]);
  });

  it('lets the traffic coordinator reschedule a job, nothing more', () => {
    expect(actions.filter((a) => isAllowed('traffic_coordinator', a))).toEqual(['job.reschedule']);
  });
});
