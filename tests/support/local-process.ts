/**
 * The local system as a newcomer runs it: `npm start` in its own process group (like a command
 * typed in a terminal), on ports and a data folder of the test's choosing; stopped with Ctrl-C
 * (SIGINT to the whole group). Used by the end-to-end tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

const root = new URL('../..', import.meta.url).pathname;

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the port. */
export const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

export interface Running {
  child: ChildProcess;
  output: () => string;
}

/**
 * `npm start -- ...args`, resolved once the banner is printed. Not ready within the timeout:
 * its process group is stopped (nothing else would) and the promise fails with the output.
 */
export function start(env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 110_000): Promise<Running> {
  // Its own process group, like a command typed in a terminal.
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not ready in time: stop its process group (nothing else would), then fail.
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // already gone
      }
      reject(new Error(`npm start did not become ready:\n${output}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Ctrl-C: SIGINT to the whole process group, as a terminal sends it; resolves with the exit code. */
export function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    process.kill(-running.child.pid!, 'SIGINT');
  });
}

/** The token printed under an email in the start banner. */
export function printedToken(output: string, email: string): string {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => l.trim() === email);
  const token = lines[at + 1]?.trim();
  if (at < 0 || !token) throw new Error(`no token printed for ${email}`);
  return token;
}
