import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The DynamoDB actions a function's code can reach, read from its bundle: every table call goes
 * through `shared/platform/db/table.ts`, and esbuild keeps only the functions of it that the entry
 * reaches (tree shaking), so the helpers left in the bundle name the actions it may send.
 */
const actionsOfHelper: Record<string, readonly string[]> = {
  getItem: ['GetItem'],
  getItems: ['GetItem', 'BatchGetItem'],
  queryPage: ['Query'],
  queryAll: ['Query'],
  putBatch: ['BatchWriteItem'],
  putNew: ['PutItem'],
  putWhen: ['PutItem'],
  putIfVersion: ['PutItem'],
  putItem: ['PutItem'],
  deleteItem: ['DeleteItem'],
  deleteWhen: ['DeleteItem'],
  checkWhen: ['ConditionCheckItem'],
  incrementCounter: ['UpdateItem'],
  updateWhen: ['UpdateItem'],
};

const tableModule = 'shared/platform/db/table.ts';

export async function tableActionsOfBundle(root: string, entry: string): Promise<string[]> {
  const { outputFiles } = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    outdir: 'out',
    platform: 'node',
    format: 'esm',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  const code = outputFiles.map((file) => file.text).join('\n');
  // esbuild marks each module's code with a `// path` comment (a module may have several
  // sections, its hoisted imports apart): only table.ts's own code counts.
  const marker = /^\/\/ (\S+)$/gm;
  const sections: string[] = [];
  const marks = [...code.matchAll(marker)];
  marks.forEach((mark, i) => {
    if (mark[1] === tableModule) sections.push(code.slice(mark.index, marks[i + 1]?.index ?? code.length));
  });
  const section = sections.join('\n');
  const actions = new Set<string>();
  for (const [helper, granted] of Object.entries(actionsOfHelper)) {
    const defined = new RegExp(String.raw`(?:function\s+${helper}\d*\s*\(|var\s+${helper}\d*\s*=)`);
    if (defined.test(section)) for (const action of granted) actions.add(action);
  }
  return [...actions].sort();
}
