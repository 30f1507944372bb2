/**
 * The staff console in `npm run bench` (issue 11): the initial JavaScript a browser downloads
 * (entry chunk and what it preloads, gzipped; target ≤ 150 KB) and, in local Chromium, the time
 * from navigation to My work showing every one of N pending approvals (target: 200 in ≤ 1 s).
 * The approvals are real: N drafts uploaded and put to review through the API, each waiting for
 * the account manager's internal decision. Printed, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildConsole } from '../infra/console-build.js';
import { startLocalStack } from '../infra/local/stack.js';

const approvals = Number(process.env.BENCH_CONSOLE_APPROVALS ?? 200);
const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 7);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The entry chunk and the modules it preloads, as index.html names them; gzipped sizes. */
export function initialJavaScript(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  return {
    files: scripts,
    jsGzip: scripts.reduce((n, f) => n + gz(f), 0),
    jsRaw: scripts.reduce((n, f) => n + readFileSync(join(dist, f)).length, 0),
    cssGzip: css.reduce((n, f) => n + gz(f), 0),
  };
}

const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64',
);

export async function benchConsole(): Promise<string[]> {
  const dist = mkdtempSync(join(tmpdir(), 'account-desk-console-'));
  if (!buildConsole(dist)) throw new Error('the console did not build');
  const initial = initialJavaScript(dist);
  rmSync(dist, { recursive: true, force: true });

  const stack = await startLocalStack({
    persist: false,
    seed: true,
    buildConsole: true,
    ports: {},
    log: () => {},
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const ae = stack.demoTokens['ae@agency.example']!;
    const am = stack.demoTokens['am@agency.example']!;
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    const job = (await call('GET', '/jobs', ae)).items[0];

    // N drafts, each uploaded and put to review (8 at a time): N requests wait for the AM.
    const seedStarted = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < approvals; i = next++) {
          const created = await call('POST', `/jobs/${job.jobId}/drafts`, ae, {
            title: `Bench layout ${String(i + 1).padStart(3, '0')}`,
            kind: 'layout',
            file: { name: 'layout.png', contentType: 'image/png' },
          });
          const form = new FormData();
          for (const [name, value] of Object.entries(created.upload.fields as Record<string, string>))
            form.append(name, value);
          form.append('file', new Blob([tinyPng], { type: 'image/png' }), 'layout.png');
          const uploaded = await fetch(created.upload.url, { method: 'POST', body: form });
          if (!uploaded.ok) throw new Error(`upload → ${uploaded.status}`);
          await call('POST', `/drafts/${created.draft.draftId}/versions/1/complete`, ae);
          await call('POST', `/drafts/${created.draft.draftId}/versions/1/reviews`, ae, {});
        }
      }),
    );
    const all = async () => {
      let count = 0;
      let token: string | undefined;
      do {
        const page = await call(
          'GET',
          `/me/approvals?status=pending&limit=100${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
          am,
        );
        count += page.items.length;
        token = page.nextToken;
      } while (token);
      return count;
    };
    let waiting = 0;
    for (let i = 0; i < 600 && waiting < approvals; i++) {
      waiting = await all();
      if (waiting < approvals) await new Promise((r) => setTimeout(r, 250));
    }
    const seedMs = Date.now() - seedStarted;

    // Signed in once (the local session), then My work loaded from navigation, `runs` times.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.consoleUrl}/`);
    await page.getByRole('button', { name: /Marco Bianchi/ }).click();
    await page
      .locator('.work-item')
      .nth(waiting - 1)
      .waitFor({ timeout: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await page.goto(`${stack.consoleUrl}/`);
      await page
        .locator('.work-item')
        .nth(waiting - 1)
        .waitFor({ timeout: 60_000 });
      times.push(Date.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return [
      '',
      'Staff console (issue 11) — targets: initial JavaScript ≤ 150 KB gzipped; My work with 200 pending approvals rendered ≤ 1 s from navigation (local Chromium)',
      '',
      '| measure | value |',
      '|---|---|',
      `| initial JavaScript (entry + preloaded, gzipped) | ${(initial.jsGzip / 1024).toFixed(1)} KB (${(initial.jsRaw / 1024).toFixed(1)} KB minified; ${initial.files.length} file${initial.files.length === 1 ? '' : 's'}) |`,
      `| initial CSS (gzipped) | ${(initial.cssGzip / 1024).toFixed(1)} KB |`,
      `| My work, ${waiting} pending approvals: navigation → every row rendered, median of ${runs} | ${median} ms (min ${sorted[0]} ms, max ${sorted.at(-1)} ms) |`,
      `| seeding ${approvals} reviews through the API | ${(seedMs / 1000).toFixed(1)} s |`,
    ];
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchConsole()).join('\n'));
}
