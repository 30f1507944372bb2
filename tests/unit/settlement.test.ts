import { describe, expect, it } from 'vitest';
import { settlement } from '../../shared/signoff/reviews.js';
import type { Decision } from '../../shared/signoff/schemas.js';

/** What a step's decisions add up to (domain.md §4: only the client signs off; changes go back to creative). */
describe('settlement of a step', () => {
  const ids = ['a', 'b', 'c'];
  const cases: [string, 'all' | 'any', Record<string, Decision>, string | undefined][] = [
    ['nobody decided yet', 'all', {}, undefined],
    ['one of three approved (all)', 'all', { a: 'approve' }, undefined],
    ['all three approved (all)', 'all', { a: 'approve', b: 'approve', c: 'approve' }, 'approved'],
    ['one approved (any)', 'any', { b: 'approve' }, 'approved'],
    [
      'approve with changes sends it back (all)',
      'all',
      { a: 'approve', b: 'approve_with_changes' },
      'changes_requested',
    ],
    ['approve with changes sends it back (any)', 'any', { a: 'approve_with_changes' }, 'changes_requested'],
    ['request changes sends it back', 'all', { c: 'request_changes' }, 'changes_requested'],
    ['a reject ends it, whatever else was said', 'any', { a: 'approve', b: 'reject' }, 'rejected'],
    ['reject outweighs a request for changes', 'all', { a: 'request_changes', b: 'reject' }, 'rejected'],
  ];
  it.each(cases)('%s', (_, mode, decisions, expected) => {
    expect(settlement(mode, ids, decisions)).toBe(expected);
  });

  it('never approves a step without approvers', () => {
    expect(settlement('all', [], {})).toBeUndefined();
  });
});
