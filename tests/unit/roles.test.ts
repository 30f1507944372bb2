import { describe, expect, it } from 'vitest';
import { isExecutiveOrAbove, mayReportTo, rank } from '../../shared/accounts/roles.js';

describe('reporting lines (domain.md §2)', () => {
  it.each([
    ['group_account_director', 'head_of_accounts', true],
    ['group_account_director', 'account_director', false],
    ['account_director', 'group_account_director', true],
    ['account_director', 'head_of_accounts', true],
    ['account_director', 'account_manager', false],
    ['account_manager', 'account_director', true],
    ['account_manager', 'account_executive', false],
    ['account_executive', 'account_manager', true],
    ['account_executive', 'account_director', false],
    ['assistant_account_executive', 'account_executive', true],
    ['assistant_account_executive', 'account_manager', false],
    ['account_rep', 'account_executive', true],
    ['account_rep', 'account_director', true],
    ['account_rep', 'assistant_account_executive', false],
    ['traffic_coordinator', 'head_of_accounts', true],
    ['traffic_coordinator', 'account_manager', false],
    ['head_of_accounts', 'group_account_director', false],
    ['creative', 'account_manager', true],
  ] as const)('%s may report to %s: %s', (role, manager, allowed) => {
    expect(mayReportTo(role, manager)).toBe(allowed);
  });

  it('ranks the account ladder top to bottom', () => {
    expect(rank('head_of_accounts')).toBeGreaterThan(rank('group_account_director'));
    expect(rank('account_executive')).toBeGreaterThan(rank('assistant_account_executive'));
    expect(rank('creative')).toBe(-1);
  });

  it('knows who is an AE or above', () => {
    expect(isExecutiveOrAbove('account_executive')).toBe(true);
    expect(isExecutiveOrAbove('head_of_accounts')).toBe(true);
    expect(isExecutiveOrAbove('assistant_account_executive')).toBe(false);
    expect(isExecutiveOrAbove('traffic_coordinator')).toBe(false);
    expect(isExecutiveOrAbove('media')).toBe(false);
  });
});
