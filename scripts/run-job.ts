/**
 * `npm run job -- <job> [--now <ISO date>] [--data-dir <dir>]`: runs one scheduled job of
 * `functions/scheduled/registry.ts` once, in this process, against the running local stack (`npm start`),
 * and prints its summary. The stack's environment (emulator endpoints, table and bucket names,
 * mail settings) comes from `<data dir>/stack.json`, which `npm start` writes and removes on
 * stop. The stack is found as every companion command finds it (`infra/local/running.ts`):
 * `--data-dir`, else `AD_DATA_DIR`, else the default `.local/`, else the one stack `npm start`
 * listed as running (started with any `--data-dir`).
 *
 * `--now` sets the job's "now" (default: the current time; the local runner's fast-forwarded
 * clock is not applied — pass `--now` to run as of another date). Runs are idempotent, so this
 * is safe next to the stack's own schedules.
 *
 * Locally only. In AWS, invoke the deployed function with the schedule's input, e.g.
 * `aws lambda invoke --function-name <SchedulesFunction…> --cli-binary-format raw-in-base64-out
 *  --payload '{"job":"post-campaign-reports"}' out.json`.
 *
 * Exit codes: 0 done, 1 the job failed, 2 usage (unknown job, bad date, no running stack).
 */
import { parseArgs } from 'node:util';
import { findRunningStack, NoRunningStackError } from '../infra/local/running.js';

const USAGE = 'Usage: npm run job -- <job> [--now <ISO date>] [--data-dir <dir>]';

class UsageError extends Error {}

/** The running local stack's data dir and environment, or a UsageError saying how to start one. */
function runningStack(dataDir: string | undefined): { dataDir: string; env: Record<string, string> } {
  try {
    const found = findRunningStack(dataDir);
    if (!found.stack.env || typeof found.stack.env !== 'object') {
      throw new UsageError(`${found.dataDir}/stack.json has no "env": restart \`npm start\`.`);
    }
    return { dataDir: found.dataDir, env: found.stack.env };
  } catch (error) {
    if (error instanceof NoRunningStackError) throw new UsageError(error.message);
    throw error;
  }
}

const parseOptions = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      now: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (values.help || !name || extra.length > 0) {
    const { jobs } = await import('../functions/scheduled/registry.js');
    console.error(`${USAGE}\nJobs: ${Object.keys(jobs).join(', ')}`);
    return values.help ? 0 : 2;
  }
  let now = new Date();
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now must be an ISO 8601 date, got "${values.now}"`);
  }
  // The environment first: configuration is read from it (once) when the job first needs it.
  const { dataDir, env } = runningStack(values['data-dir'] ?? (process.env.AD_DATA_DIR || undefined));
  Object.assign(process.env, env);
  const { jobNamed, UnknownJobError } = await import('../functions/scheduled/registry.js');
  const { completeRun } = await import('../shared/platform/job-segments.js');
  let run: ReturnType<typeof jobNamed>;
  try {
    run = jobNamed(name);
  } catch (error) {
    if (error instanceof UnknownJobError) throw new UsageError(error.message);
    throw error;
  }
  console.error(
    `[job] ${name}: running once (now ${now.toISOString()}) against the local stack in ${dataDir}`,
  );
  const started = Date.now();
  const summary = await completeRun(run, now, name);
  const durationMs = Date.now() - started;
  console.error(`[job] ${name}: done in ${durationMs} ms`);
  console.log(JSON.stringify({ job: name, now: now.toISOString(), durationMs, summary }, null, 2));
  return 0;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`[job] ${error.message}`);
    code = 2;
  } else {
    console.error('[job] failed:', error);
    code = 1;
  }
}
// SDK clients keep sockets open: leave now that the job is done.
process.exit(code);
