import { describe, expect, it } from 'vitest';
import { tableGrants } from '../../infra/constructs/table-grants.js';
import { fromRepoRoot } from '../../infra/paths.js';
import { tableActionsOfBundle } from '../support/table-actions.js';

/**
 * Least privilege (issue 9 §8): each function is granted the table actions its code sends, and
 * nothing more. What it sends is read from its bundle, as it runs in AWS (tree-shaken: only the
 * table helpers its entry reaches are in it); `stack.test.ts` checks the policies grant exactly
 * the declared list.
 */
describe('table grants', () => {
  it('declare for every function exactly the actions its bundle can send', { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    for (const [entry, declared] of Object.entries(tableGrants)) {
      const used = await tableActionsOfBundle(fromRepoRoot('.'), entry);
      const granted = [...declared].sort();
      if (JSON.stringify(used) !== JSON.stringify(granted)) {
        differences.push(
          `${entry}: uses ${used.join(', ') || 'nothing'}; declared ${granted.join(', ') || 'nothing'}`,
        );
      }
    }
    expect(differences).toEqual([]);
  });
});
