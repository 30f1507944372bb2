/**
 * Child processes of the local runner. Each one is started through `guard.mjs` (or is a
 * Node script that exits on disconnect itself), so no emulator outlives the runner, even
 * when the runner is killed. Stopping is idempotent.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const live = new Set<ChildProcess>();

// Last resort when the runner exits without stop(): kill the children synchronously.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Collected output (last ~20 kB), for error messages. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function manage(name: string, child: ChildProcess, onOutput?: (line: string) => void): ManagedProcess {
  live.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (onOutput) for (const line of text.split('\n').filter(Boolean)) onOutput(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  return {
    name,
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `command args` under the guard, so it dies with the runner. */
export function spawnGuarded(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; onOutput?: (line: string) => void } = {},
): ManagedProcess {
  const child = fork(join(here, 'guard.mjs'), [command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
  });
  return manage(name, child, options.onOutput);
}

/** Forks a Node script that reports readiness over IPC and exits on disconnect by itself. */
export function forkScript(
  name: string,
  script: string,
  args: string[],
  options: { execArgv?: string[]; env?: NodeJS.ProcessEnv; onOutput?: (line: string) => void } = {},
): ManagedProcess {
  const child = fork(script, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: options.execArgv ?? [],
  });
  return manage(name, child, options.onOutput);
}

/** Waits for the first IPC message matching `predicate`, or fails when the child exits. */
export function waitForMessage<T>(
  proc: ManagedProcess,
  predicate: (m: unknown) => m is T,
  timeoutMs = 30_000,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${proc.name} did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    proc.child.on('message', (message) => {
      if (predicate(message)) {
        clearTimeout(timer);
        resolve(message);
      }
    });
    proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${proc.name} exited (code ${code}) before it was ready:\n${proc.output()}`));
    });
  });
}
