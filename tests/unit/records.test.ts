import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/platform/errors.js';
import { pageInMemory } from '../../shared/platform/paging.js';
import { changedFields, patched } from '../../shared/platform/records.js';

describe('patched', () => {
  const current = { version: 3, createdAt: 'c', updatedAt: 'u', name: 'A', title: 'T', tags: ['x'] };

  it('keeps undefined, removes null, replaces the rest, and moves the version on', () => {
    const next = patched(current, { name: 'B', title: null, tags: undefined }, 'now');
    expect(next).toEqual({ version: 4, createdAt: 'c', updatedAt: 'now', name: 'B', tags: ['x'] });
  });
});

describe('changedFields', () => {
  it('names only real changes, never bookkeeping or keys', () => {
    expect(
      changedFields(
        { version: 1, updatedAt: 'a', PK: 'p', name: 'A', same: [1], gone: true },
        { version: 2, updatedAt: 'b', PK: 'q', name: 'B', same: [1], added: 1 },
      ),
    ).toEqual({
      name: { from: 'A', to: 'B' },
      gone: { from: true, to: undefined },
      added: { from: undefined, to: 1 },
    });
  });
});

describe('pageInMemory', () => {
  const list = { scope: 'mine', sorted: ['a', 'b', 'c', 'd', 'e'], sortKey: (s: string) => s };

  it('walks every item exactly once', () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = pageInMemory(list, 2, token);
      seen.push(...page.items);
      token = page.nextToken;
    } while (token);
    expect(seen).toEqual(list.sorted);
  });

  it('rejects a forged token, or one from another list', () => {
    const token = pageInMemory(list, 2).nextToken;
    expect(() => pageInMemory(list, 2, 'not-a-token')).toThrow(AppError);
    expect(() =>
      pageInMemory(list, 2, Buffer.from('{"scope":"mine","after":5}').toString('base64url')),
    ).toThrow(AppError);
    expect(() => pageInMemory({ ...list, scope: 'theirs' }, 2, token)).toThrow(AppError);
  });
});
