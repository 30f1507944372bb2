/**
 * `npm run migrate -- [--stage dev|prod] [--data-dir <dir>] [--force]`: runs the data migrations
 * of `scripts/migrations.ts` that have not run yet (all of them with `--force`; each is idempotent).
 *
 * - With `--stage`: against the deployed stack `AccountDesk-<stage>` (needs AWS credentials that
 *   may Scan, Get and Put items of its table; the functions' own roles cannot scan).
 * - Otherwise: against the running local stack (`npm start`; it also runs them when it starts),
 *   whose environment is in `<data dir>/stack.json` (`--data-dir`, else `AD_DATA_DIR`, else `.local/`).
 *
 * Exit codes: 0 done, 1 failed, 2 usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { outputKeys, stackName } from '../infra/build-app.js';
import { defaultDataDir, stackFile } from '../infra/local/stack.js';
import { parseStage } from '../infra/stage.js';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    'data-dir': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

async function environment(): Promise<Record<string, string>> {
  if (values.stage) {
    const stack = stackName(parseStage(values.stage));
    const described = await new CloudFormationClient({}).send(
      new DescribeStacksCommand({ StackName: stack }),
    );
    const table = described.Stacks?.[0]?.Outputs?.find(
      (o) => o.OutputKey === outputKeys.tableName,
    )?.OutputValue;
    if (!table) throw new Error(`Stack ${stack} has no ${outputKeys.tableName} output`);
    return { TABLE_NAME: table };
  }
  const dataDir = resolve(values['data-dir'] ?? process.env.AD_DATA_DIR ?? defaultDataDir);
  const file = stackFile(dataDir);
  if (!existsSync(file)) {
    console.error(
      `[migrate] No local stack is running for ${dataDir} (no ${file}): start it with \`npm start\`, or give --stage.`,
    );
    process.exit(2);
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env;
}

let code = 0;
try {
  Object.assign(process.env, await environment());
  const { runMigrations } = await import('./migrations.js');
  const reports = await runMigrations((line) => console.error(line), { force: values.force });
  console.log(JSON.stringify(reports, null, 2));
} catch (error) {
  console.error('[migrate] failed:', error);
  code = 1;
}
// SDK clients keep sockets open: leave now that the work is done.
process.exit(code);
