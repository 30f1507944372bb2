/**
 * Hot reload (issue 10 §5): with the local runner watching a folder, editing a handler or a
 * module it imports is served on the next request — same process, no restart of anything —
 * while unchanged packages stay loaded once. Run as `npm start` runs: its own Node process
 * with tsx's loader (`tests/support/fixtures/reload-runner.ts`), on a fixture in a scratch folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
// Inside the repository (under the ignored `.local/`), so its imports of packages resolve.
mkdirSync(join(root, '.local'), { recursive: true });
const dir = mkdtempSync(join(root, '.local', 'hot-reload-'));
let child: ChildProcess;
let output = '';
let apiUrl = '';
let pid = 0;

const handlerSource = (label: string) => `import { ulid } from 'ulid';
import { greeting } from '../domain/greeting.js';
// A package module: loaded once, whatever is reloaded (the same function object every time).
const packageModule = (globalThis.__reloadPackages ??= new Set());
packageModule.add(ulid);
export async function handler() {
  return { statusCode: 200, body: JSON.stringify({ text: \`${label} \${greeting()}\`, packages: packageModule.size }) };
}
`;
const domainSource = (word: string) => `export const greeting = () => '${word}';\n`;

async function get(): Promise<{ text: string; packages: number }> {
  const res = await fetch(`${apiUrl}/hello`);
  expect(res.status).toBe(200);
  return (await res.json()) as { text: string; packages: number };
}

async function served(text: string, timeoutMs = 15_000): Promise<{ text: string; packages: number }> {
  const until = Date.now() + timeoutMs;
  let last: { text: string; packages: number } | undefined;
  while (Date.now() < until) {
    const res = await fetch(`${apiUrl}/hello`);
    last = res.status === 200 ? ((await res.json()) as { text: string; packages: number }) : undefined;
    if (last?.text === text) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`"${text}" was not served in ${timeoutMs} ms (last: ${JSON.stringify(last)})\n${output}`);
}

beforeAll(async () => {
  mkdirSync(join(dir, 'fn'));
  mkdirSync(join(dir, 'domain'));
  writeFileSync(join(dir, 'fn', 'handler.ts'), handlerSource('v1'));
  writeFileSync(join(dir, 'domain', 'greeting.ts'), domainSource('hello'));
  child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/fixtures/reload-runner.ts', dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the runner did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (d) => {
      output += d;
      const line = String(d)
        .split('\n')
        .find((l) => l.startsWith('{"ready"'));
      if (!line) return;
      clearTimeout(timer);
      ({ ready: apiUrl, pid } = JSON.parse(line) as { ready: string; pid: number });
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`the runner exited with ${code}:\n${output}`)));
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('hot reload', () => {
  it('serves a changed domain module, then a changed handler, on the next request without a restart', async () => {
    expect(await get()).toEqual({ text: 'v1 hello', packages: 1 });

    writeFileSync(join(dir, 'domain', 'greeting.ts'), domainSource('bonjour'));
    expect(await served('v1 bonjour')).toEqual({ text: 'v1 bonjour', packages: 1 });

    writeFileSync(join(dir, 'fn', 'handler.ts'), handlerSource('v2'));
    // Reloaded handler, reloaded domain, the same package module (node_modules load once).
    expect(await served('v2 bonjour')).toEqual({ text: 'v2 bonjour', packages: 1 });

    // The same process all along, which said what it reloaded.
    expect(child.exitCode).toBeNull();
    expect(child.pid).toBe(pid);
    expect(output.match(/"ready"/g)).toHaveLength(1);
    expect(output).toMatch(/reloaded handlers after a change to .*greeting\.ts/);
  });

  it('answers 500 (and logs why) while an edit does not load, and serves the fix', async () => {
    writeFileSync(join(dir, 'domain', 'greeting.ts'), 'export const greeting = () => ;\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const broken = await fetch(`${apiUrl}/hello`);
    expect(broken.status).toBe(500);
    writeFileSync(join(dir, 'domain', 'greeting.ts'), domainSource('hola'));
    expect((await served('v2 hola')).text).toBe('v2 hola');
  });
});
