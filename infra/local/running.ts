/**
 * How the companion commands (`npm run token`, `npm run job`) find the running local stack, the
 * same way whatever `--data-dir` it was started with:
 *
 * 1. the data dir they are given (`--data-dir` of `npm run job`, else `AD_DATA_DIR`);
 * 2. else the default `.local/`, when a stack runs there;
 * 3. else the one stack listed as running in `.local/running-stacks.json` — a registry at a fixed
 *    place (in the repository, whatever the data dir) that every `npm start` adds itself to and
 *    removes itself from on stop (entries of processes that are gone are ignored and pruned).
 *
 * A stack is running when its `<data dir>/stack.json` names a live process. With several stacks
 * running and none chosen, the answer names them and says to set `AD_DATA_DIR`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultDataDir = join(repoRoot, '.local');

/** The registry of running stacks (a fixed place, whatever each stack's data dir). */
export const runningStacksFile = join(defaultDataDir, 'running-stacks.json');

export interface RunningStackEntry {
  dataDir: string;
  pid: number;
  apiUrl: string;
  startedAt: string;
}

/** What `npm start` writes to `<data dir>/stack.json` (the parts the companions use). */
export interface StackFile {
  pid?: number;
  dataDir?: string;
  apiUrl?: string;
  tableName?: string;
  endpoints?: Record<string, string>;
  env?: Record<string, string>;
}

/** No running stack could be found (the message says how to start or choose one). */
export class NoRunningStackError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readEntries(): RunningStackEntry[] {
  try {
    const parsed = JSON.parse(readFileSync(runningStacksFile, 'utf8')) as { stacks?: RunningStackEntry[] };
    return Array.isArray(parsed.stacks) ? parsed.stacks : [];
  } catch {
    return [];
  }
}

function writeEntries(entries: RunningStackEntry[]): void {
  mkdirSync(dirname(runningStacksFile), { recursive: true });
  const tmp = `${runningStacksFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ stacks: entries }, null, 2)}\n`);
  renameSync(tmp, runningStacksFile);
}

/** `npm start` is up: list it (replacing any entry for the same data dir, dropping dead ones). */
export function registerRunningStack(entry: RunningStackEntry): void {
  const others = readEntries().filter((e) => e.dataDir !== entry.dataDir && isAlive(e.pid));
  writeEntries([...others, entry]);
}

/** `npm start` stops: its entry goes (an entry of another process for the same dir stays). */
export function unregisterRunningStack(dataDir: string): void {
  const entries = readEntries();
  const kept = entries.filter((e) => !(e.dataDir === dataDir && e.pid === process.pid) && isAlive(e.pid));
  if (kept.length !== entries.length) writeEntries(kept);
}

/** The stack file of a data dir, if a live process wrote it. */
function liveStack(dataDir: string): StackFile | undefined {
  const file = join(dataDir, 'stack.json');
  if (!existsSync(file)) return undefined;
  try {
    const stack = JSON.parse(readFileSync(file, 'utf8')) as StackFile;
    return typeof stack.pid === 'number' && isAlive(stack.pid) ? stack : undefined;
  } catch {
    return undefined;
  }
}

const startHint = (dataDir?: string) =>
  `Start it with \`npm start${dataDir && resolve(dataDir) !== defaultDataDir ? ` -- --data-dir ${dataDir}` : ''}\` and run this again.`;

/**
 * The running stack the companion commands talk to: in `dataDir` if one is given (or
 * `AD_DATA_DIR` is set), else the default one, else the only other one running.
 */
export function findRunningStack(dataDir: string | undefined = process.env.AD_DATA_DIR || undefined): {
  dataDir: string;
  stack: StackFile;
} {
  if (dataDir) {
    const dir = resolve(dataDir);
    const stack = liveStack(dir);
    if (!stack) throw new NoRunningStackError(`No local stack is running for ${dir}. ${startHint(dir)}`);
    return { dataDir: dir, stack };
  }
  const atDefault = liveStack(defaultDataDir);
  if (atDefault) return { dataDir: defaultDataDir, stack: atDefault };
  const running = readEntries()
    .filter((e) => isAlive(e.pid))
    .map((e) => ({ dataDir: e.dataDir, stack: liveStack(e.dataDir) }))
    .filter((e): e is { dataDir: string; stack: StackFile } => e.stack !== undefined);
  if (running.length === 1) return running[0]!;
  if (running.length === 0) throw new NoRunningStackError(`No local stack is running. ${startHint()}`);
  throw new NoRunningStackError(
    `Several local stacks are running (${running.map((r) => r.dataDir).join(', ')}): choose one with AD_DATA_DIR=<data dir>.`,
  );
}
