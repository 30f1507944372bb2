/**
 * `npm start`: Account Desk locally. Flags: --fresh, --data-dir (env AD_DATA_DIR, default
 * `.local/`), --api-port, --dynamodb-port, --s3-port, --ses-port (env AD_API_PORT,
 * AD_DYNAMODB_PORT, AD_S3_PORT, AD_SES_PORT), --no-seed, --quiet (no request log),
 * --no-reload (handlers are not reloaded when `functions/` or `shared/` change).
 * Ctrl-C / SIGTERM stops every emulator; executions still running continue at the next start.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PortInUseError } from './ports.js';
import { runningStacksFile } from './running.js';
import { defaultDataDir, type LocalStack, portSettings, reloadedFolders, startLocalStack } from './stack.js';

function portOption(name: keyof typeof portSettings, flagValue: string | undefined): number {
  const setting = portSettings[name];
  const raw = flagValue ?? process.env[setting.env];
  if (raw === undefined || raw === '') return setting.default;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port "${raw}" for ${setting.flag} / ${setting.env}: expected 0-65535.`);
  }
  return port;
}

/**
 * `npm start` execs `node --import tsx` in place of its shell, so npm is the parent. (Not the
 * `tsx` launcher: on a signal it waits only 30 ms for this process to acknowledge before
 * SIGKILLing it, which a busy machine misses.) A signal sent to npm alone (not to the process
 * group, as Ctrl-C does) would leave this process orphaned: watch the parent (Linux /proc) and
 * stop when it is gone.
 */
function ancestors(levels: number): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  for (let i = 0; i < levels && pid > 1; i++) {
    pids.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return pids;
}

function watchLaunchers(onGone: () => void) {
  const pids = ancestors(1);
  const timer = setInterval(() => {
    for (const pid of pids) {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        onGone();
        return;
      }
    }
  }, 1000);
  timer.unref();
}

async function main() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'api-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      's3-port': { type: 'string' },
      'ses-port': { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      'no-reload': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });

  const started = Date.now();
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n[local] ${reason}: stopping ...`);
    await stack?.stop().catch((e: unknown) => console.error(e));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
  watchLaunchers(() => void shutdown('launcher exited', 0));
  // A closed stdout/stderr (e.g. `npm start | tail` ended) must not turn every log line into an
  // uncaught EPIPE that logs again: ignore output errors, and handle a crash once.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  let crashed = false;
  process.on('uncaughtException', (error) => {
    if (crashed) return;
    crashed = true;
    console.error('[local] uncaught exception:', error);
    void shutdown('crash', 1);
  });
  process.on('unhandledRejection', (error) => {
    console.error('[local] unhandled rejection:', error);
  });

  try {
    stack = await startLocalStack({
      ports: {
        api: portOption('api', values['api-port']),
        dynamodb: portOption('dynamodb', values['dynamodb-port']),
        s3: portOption('s3', values['s3-port']),
        ses: portOption('ses', values['ses-port']),
      },
      persist: true,
      dataDir: values['data-dir'] ?? process.env.AD_DATA_DIR ?? undefined,
      fresh: values.fresh,
      seed: !values['no-seed'],
      logRequests: !values.quiet,
      watch: values['no-reload'] ? [] : reloadedFolders,
    });
  } catch (error) {
    if (error instanceof PortInUseError) console.error(`[local] ${error.message}`);
    else console.error('[local] could not start:', error);
    process.exit(1);
  }
  if (stopping) return;

  const lines = [
    '',
    `Account Desk is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    '',
    `  API          ${stack.apiUrl}`,
    `  Inbox        ${stack.inboxUrl}   (emails sent through SES; JSON at ${stack.inboxUrl}store)`,
    `  DynamoDB     ${stack.endpoints.dynamodb}   table ${stack.tableName}`,
    `  S3           ${stack.endpoints.s3}   buckets ${Object.values(stack.buckets).join(', ')}`,
    `  Step Fns     ${stack.endpoints.stepfunctions}   (POST /_local/clock fast-forwards deadlines: docs/workflows.md)`,
    `  EventBridge  ${stack.endpoints.events}   (rules of the template; GET / lists them)`,
    `  Data         ${stack.dataDir}   (kept across restarts, running reviews included; --fresh wipes it)`,
    `  Reload       ${stack.watching.length ? `handlers reload when ${stack.watching.map((f) => `${f}/`).join(' or ')} change (--no-reload: off)` : 'off'}`,
    '',
    `npm run token / npm run job find this stack by themselves (listed in ${runningStacksFile});`,
    `with several stacks running, choose this one with AD_DATA_DIR=${stack.dataDir}${stack.dataDir === defaultDataDir ? ' (the default)' : ''}.`,
    '',
  ];
  const tokens = Object.entries(stack.demoTokens);
  if (tokens.length) {
    lines.push('Bearer tokens for the demo staff (valid 12 h; new ones: npm run token -- <email>):', '');
    for (const [email, token] of tokens) lines.push(`  ${email}`, `    ${token}`);
    const first = tokens[0]!;
    lines.push('', 'Try:', `  curl -H "Authorization: Bearer ${first[1]}" ${stack.apiUrl}/clients`, '');
  } else {
    lines.push('No demo staff found. Mint a token for a staff member with: npm run token -- <email>', '');
  }
  lines.push('Ctrl-C stops everything.', '');
  console.log(lines.join('\n'));
}

await main();
