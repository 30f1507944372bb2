/**
 * `npm run bench`: per route, DynamoDB requests per call and latency through the local
 * HTTP API next to a raw GetItem on the same DynamoDB Local in the same run; the review
 * workflow's decision → next approver's email latency and state transitions per human step
 * (`bench/reviews.ts`); per function, the minified bundle size and the time to import it cold.
 *
 * Targets (issue 2): 1 DynamoDB request (or 1 transaction) per call, p50 ratio ≤ 1.5. Bundles
 * (issue 8): every function of the template built with the SDK left to the runtime (before) and
 * with the pinned SDK bundled (after), ≤ 400 KB and ≤ 250 ms cold import after. The numbers are
 * printed, never asserted.
 *
 * Traffic (`bench/traffic.ts`): moving the first milestone of a 300-milestone schedule (preview and
 * save) and `GET /me/tasks` for a person with 500 open milestones.
 *
 * Environment: BENCH_SAMPLES (calls per route, default 200), BENCH_REVIEWS (measured reviews,
 * default 30), BENCH_REVIEW_WARMUP (unmeasured reviews first, default 3), BENCH_IMPORT_ROUNDS
 * (cold imports per bundle and variant, default 5), BENCH_ONLY=bundles (only the bundle table),
 * BENCH_TRAFFIC_MOVES (preview + save pairs, default 30), BENCH_TRAFFIC_TASKS (task-list calls, default 100).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { ENTRY_METADATA_KEY } from '../infra/build-app.js';
import { functionBundling } from '../infra/constructs/function.js';
import { synthesizeTemplate } from '../infra/local/cdk-template.js';
import { startLocalStack } from '../infra/local/stack.js';
import { benchPostCampaignReports } from './post-campaign-reports.js';
import { benchReviews } from './reviews.js';
import { benchTraffic } from './traffic.js';

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const reviewCount = Number(process.env.BENCH_REVIEWS ?? 30);
const reviewWarmup = Number(process.env.BENCH_REVIEW_WARMUP ?? 3);
const reportSizes = (process.env.BENCH_REPORT_ROWS ?? '1000,10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const importRounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 5);
const bundleTargetKb = 400;
const coldImportTargetMs = 250;
const trafficMoves = Number(process.env.BENCH_TRAFFIC_MOVES ?? 30);
const trafficTaskCalls = Number(process.env.BENCH_TRAFFIC_TASKS ?? 100);
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.local', 'bench');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const randomCode = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

/** Each function's entry, from the synthesized template (every function of the stack, new ones included). */
async function functionEntries(): Promise<string[]> {
  const template = await synthesizeTemplate();
  const entries = Object.values(template.Resources)
    .map((resource) => resource.Metadata?.[ENTRY_METADATA_KEY])
    .filter((entry): entry is string => typeof entry === 'string');
  return [...new Set(entries)].sort();
}

const variants = {
  // Today's deployments: the SDK left to the Lambda runtime.
  before: { label: 'runtime SDK (external @aws-sdk/*)', external: ['@aws-sdk/*'] },
  // The pinned SDK bundled (issue 8).
  after: { label: 'pinned SDK bundled', external: [...functionBundling.externalModules] },
} as const;
type Variant = keyof typeof variants;

/** Milliseconds to import a bundle in a fresh Node process (the Lambda init's module load). */
function coldImportMs(outfile: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t)`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      TABLE_NAME: 'bench',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(out.toString().trim().split('\n').pop());
}

/**
 * Per function, both ways in the same run: minified size, and the median cold import time over
 * `importRounds` imports taken interleaved (before, after, before, after …), so machine load
 * affects both alike.
 */
async function bundles() {
  mkdirSync(outDir, { recursive: true });
  const rows: { entry: string; bytes: Record<Variant, number>; importMs: Record<Variant, number> }[] = [];
  for (const entry of await functionEntries()) {
    const files = {} as Record<Variant, string>;
    const bytes = {} as Record<Variant, number>;
    for (const variant of Object.keys(variants) as Variant[]) {
      const outfile = join(outDir, `${variant}_${entry.replaceAll('/', '_').replace(/\.ts$/, '')}.mjs`);
      // The same esbuild settings as the CDK function construct; only the SDK's place differs.
      await build({
        entryPoints: [join(root, entry)],
        outfile,
        bundle: true,
        minify: functionBundling.minify,
        platform: 'node',
        target: functionBundling.target,
        format: functionBundling.format,
        mainFields: [...functionBundling.mainFields],
        external: [...variants[variant].external],
        alias: functionBundling.alias,
        banner: { js: functionBundling.banner },
        logLevel: 'error',
      });
      files[variant] = outfile;
      bytes[variant] = statSync(outfile).size;
    }
    const samples: Record<Variant, number[]> = { before: [], after: [] };
    for (let round = 0; round < importRounds; round++) {
      for (const variant of Object.keys(variants) as Variant[])
        samples[variant].push(coldImportMs(files[variant]));
    }
    rows.push({
      entry,
      bytes,
      importMs: { before: percentile(samples.before, 50), after: percentile(samples.after, 50) },
    });
  }
  return rows;
}

function bundleTable(rows: Awaited<ReturnType<typeof bundles>>): string[] {
  const lines = [
    `Function bundles — minified (esbuild, as the CDK construct builds them), cold import = median of ${importRounds} fresh-process imports, interleaved; targets ≤ ${bundleTargetKb} KB and ≤ ${coldImportTargetMs} ms`,
    '',
    `| function | before: ${variants.before.label} KB | after: ${variants.after.label} KB | before ms | after ms | after within targets |`,
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const kb = r.bytes.after / 1024;
    const ok = kb <= bundleTargetKb && r.importMs.after <= coldImportTargetMs;
    lines.push(
      `| ${r.entry} | ${fmt(r.bytes.before / 1024, 1)} | ${fmt(kb, 1)} | ${fmt(r.importMs.before, 1)} | ${fmt(r.importMs.after, 1)} | ${ok ? 'yes' : `no (${kb > bundleTargetKb ? 'size' : ''}${kb > bundleTargetKb && r.importMs.after > coldImportTargetMs ? ', ' : ''}${r.importMs.after > coldImportTargetMs ? 'import' : ''})`} |`,
    );
  }
  return lines;
}

async function main() {
  if (process.env.BENCH_ONLY === 'bundles') {
    const report = bundleTable(await bundles()).join('\n');
    console.log(report);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'bundles.md'), `${report}\n`);
    return;
  }
  const stack = await startLocalStack({ persist: false, seed: true, ports: {}, log: () => {} });
  Object.assign(process.env, stack.env);
  const { documentClient } = await import('../shared/platform/db/client.js');
  let requests = 0;
  const commands = new Map<string, number>();
  documentClient.middlewareStack.add(
    (next, context) => (args) => {
      requests++;
      const name = String(context.commandName);
      commands.set(name, (commands.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );

  const head = stack.demoTokens['head@agency.example']!;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${head}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return { json: text ? JSON.parse(text) : undefined, etag: res.headers.get('etag') ?? '' };
  };

  const clients = (await call('GET', '/clients')).json.items;
  const client = clients[0];
  const brand = (await call('GET', `/clients/${client.clientId}/brands`)).json.items[0];
  const job = (await call('GET', `/jobs?clientId=${client.clientId}`)).json.items[0];
  let clientEtag = (await call('GET', `/clients/${client.clientId}`)).etag;
  let jobEtag = (await call('GET', `/jobs/${job.jobId}`)).etag;

  type Case = { route: string; run: () => Promise<unknown> };
  const cases: Case[] = [
    { route: 'GET /me', run: () => call('GET', '/me') },
    { route: 'GET /staff', run: () => call('GET', '/staff?limit=25') },
    { route: 'GET /clients', run: () => call('GET', '/clients') },
    { route: 'GET /clients/{clientId}', run: () => call('GET', `/clients/${client.clientId}`) },
    {
      route: 'PATCH /clients/{clientId}',
      run: async () => {
        const r = await call(
          'PATCH',
          `/clients/${client.clientId}`,
          { industry: `Beverages ${Math.random()}` },
          { 'if-match': clientEtag },
        );
        clientEtag = r.etag;
      },
    },
    {
      route: 'POST /clients',
      run: () =>
        call('POST', '/clients', { name: `Bench ${randomCode()}`, code: randomCode(), industry: 'Retail' }),
    },
    {
      route: 'GET /clients/{clientId}/contacts',
      run: () => call('GET', `/clients/${client.clientId}/contacts`),
    },
    {
      route: 'POST /clients/{clientId}/contacts',
      run: () =>
        call('POST', `/clients/${client.clientId}/contacts`, {
          name: 'Bench Contact',
          email: `bench-${randomCode()}${randomCode()}@client.example`,
          level: 'brand',
          approves: ['creative'],
        }),
    },
    { route: 'GET /clients/{clientId}/team', run: () => call('GET', `/clients/${client.clientId}/team`) },
    {
      route: 'GET /clients/{clientId}/activity',
      run: () => call('GET', `/clients/${client.clientId}/activity?limit=25`),
    },
    { route: 'GET /jobs?clientId=', run: () => call('GET', `/jobs?clientId=${client.clientId}&limit=25`) },
    { route: 'GET /jobs/{jobId}', run: () => call('GET', `/jobs/${job.jobId}`) },
    {
      route: 'PATCH /jobs/{jobId}',
      run: async () => {
        const r = await call(
          'PATCH',
          `/jobs/${job.jobId}`,
          { title: `Bench ${Math.random()}` },
          { 'if-match': jobEtag },
        );
        jobEtag = r.etag;
      },
    },
    {
      route: 'POST /jobs',
      run: () =>
        call('POST', '/jobs', {
          clientId: client.clientId,
          brandId: brand.brandId,
          title: 'Bench job',
          type: 'creative',
        }),
    },
    {
      route: 'GET /openapi.json',
      run: () => fetch(`${stack.apiUrl}/openapi.json`).then((r) => r.arrayBuffer()),
    },
  ];

  // Raw GetItem on the same emulator, the yardstick for the ratio.
  const raw = new DynamoDBClient({});
  const rawKey = { PK: { S: `CLIENT#${client.clientId}` }, SK: { S: 'CLIENT' } };
  const getItem = () =>
    raw.send(new GetItemCommand({ TableName: stack.tableName, Key: rawKey, ConsistentRead: true }));
  for (let i = 0; i < 50; i++) await getItem();
  const rawTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await getItem();
    rawTimes.push(performance.now() - t);
  }
  const rawP50 = percentile(rawTimes, 50);

  const results = [];
  for (const c of cases) {
    for (let i = 0; i < 50; i++) await c.run();
    const times: number[] = [];
    requests = 0;
    commands.clear();
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await c.run();
      times.push(performance.now() - t);
    }
    results.push({
      route: c.route,
      ddbPerCall: requests / samples,
      commands: [...commands.entries()]
        .map(([n, k]) => `${n.replace('Command', '')}×${fmt(k / samples, 1)}`)
        .join(' '),
      p50: percentile(times, 50),
      p99: percentile(times, 99),
    });
  }
  const reviews = await benchReviews({
    apiUrl: stack.apiUrl,
    inboxUrl: stack.inboxUrl,
    tokens: stack.demoTokens,
    reviews: reviewCount,
    warmup: reviewWarmup,
  });
  const reports = await benchPostCampaignReports({
    apiUrl: stack.apiUrl,
    tableName: stack.tableName,
    token: head,
    jobId: job.jobId,
    sizes: reportSizes,
  });
  const traffic = await benchTraffic({
    apiUrl: stack.apiUrl,
    tokens: stack.demoTokens,
    privateJwk: stack.privateJwk,
    counter: {
      reset: () => {
        requests = 0;
        commands.clear();
      },
      read: () => ({ total: requests, commands: new Map(commands) }),
    },
    moves: trafficMoves,
    taskCalls: trafficTaskCalls,
  });
  await stack.stop();

  const bundleRows = await bundles();
  const lines: string[] = [];
  lines.push(
    `Account Desk benchmark — ${new Date().toISOString()} — ${samples} sequential calls per route, Node ${process.version}`,
  );
  lines.push('');
  lines.push(
    `raw GetItem (DynamoDB Local, consistent): p50 ${fmt(rawP50)} ms, p99 ${fmt(percentile(rawTimes, 99))} ms`,
  );
  lines.push('');
  lines.push('| route | DynamoDB requests/call | requests | p50 ms | p99 ms | p50 ratio to GetItem |');
  lines.push('|---|---|---|---|---|---|');
  for (const r of results) {
    lines.push(
      `| ${r.route} | ${fmt(r.ddbPerCall, 1)} | ${r.commands} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.p50 / rawP50)} |`,
    );
  }
  lines.push('');
  lines.push(
    `Review workflow — ${reviews.reviews} sequential reviews (after ${reviews.warmup} unmeasured), inbox polled every ${reviews.pollMs} ms`,
  );
  lines.push('');
  lines.push('| measure | p50 ms | p99 ms |');
  lines.push('|---|---|---|');
  lines.push(
    `| decision POST → next approver's email in the inbox (AD settles the internal step → client contact's /approve link) | ${fmt(percentile(reviews.emailLatencies, 50))} | ${fmt(percentile(reviews.emailLatencies, 99))} |`,
  );
  lines.push(
    `| of which the decision POST's own round trip | ${fmt(percentile(reviews.decisionLatencies, 50))} | ${fmt(percentile(reviews.decisionLatencies, 99))} |`,
  );
  lines.push('');
  lines.push(
    `State transitions per human step (states entered between two waits for a decision; ${reviews.samePattern} of ${reviews.reviews} reviews alike):`,
  );
  lines.push('');
  lines.push('| human step | state transitions | states entered |');
  lines.push('|---|---|---|');
  for (const step of reviews.steps) {
    const label =
      step.after === 'start'
        ? `review starts → waits for ${step.until}`
        : `${step.after} decided → ${step.until === 'end' ? 'released (end)' : `waits for ${step.until}`}`;
    lines.push(`| ${label} | ${step.transitions} | ${step.states.join(' → ')} |`);
  }
  lines.push(`| total (one review) | ${reviews.steps.reduce((n, s) => n + s.transitions, 0)} | |`);
  lines.push('');
  lines.push(
    'Post-campaign report generation — `generateReport` in a child process per size; rows streamed in Query pages of up to 5,000 with only the fields read (targets at 100k rows: ≤ 5 s, ≤ 256 MB)',
  );
  lines.push('');
  const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
  lines.push(
    '| monitoring rows | time ms | generator CPU ms | ms per 1k rows | peak RSS MB | RSS over baseline MB | peak heap MB | heap over baseline MB | HTML / CSV KB | seeding ms |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    lines.push(
      `| ${r.rows.toLocaleString('en-US')} | ${fmt(r.ms, 0)} | ${fmt(r.cpuMs, 0)} | ${fmt(r.ms / (r.rows / 1000), 1)} | ${mb(r.peakRss)} | ${mb(r.peakRss - r.baselineRss)} | ${mb(r.peakHeap)} | ${mb(r.peakHeap - r.baselineHeap)} | ${fmt(r.htmlBytes / 1024, 1)} / ${fmt(r.csvBytes / 1024, 1)} | ${fmt(r.seedMs, 0)} |`,
    );
  }
  const growth = reports.slice(1).map((r, i) => {
    const prev = reports[i]!;
    return `${prev.rows.toLocaleString('en-US')} → ${r.rows.toLocaleString('en-US')} rows (×${fmt(r.rows / prev.rows, 0)}): time ×${fmt(r.ms / prev.ms)}, CPU ×${fmt(r.cpuMs / prev.cpuMs)}, peak heap ×${fmt(r.peakHeap / prev.peakHeap)}, peak RSS ×${fmt(r.peakRss / prev.peakRss)}`;
  });
  if (growth.length > 0) {
    lines.push('');
    lines.push(`Growth: ${growth.join('; ')}.`);
  }
  lines.push('');
  lines.push(
    `Traffic — a ${traffic.milestones}-milestone schedule (one chain: moving its first milestone moves ${traffic.movedPerSave}), preview and save interleaved, ${trafficMoves} pairs; a person with ${traffic.openTasks} open milestones`,
  );
  lines.push('');
  lines.push('| call | DynamoDB requests/call | requests | p50 ms | p99 ms |');
  lines.push('|---|---|---|---|---|');
  for (const r of traffic.rows) {
    lines.push(
      `| ${r.label} | ${fmt(r.ddbPerCall, 1)} | ${r.commands} | ${fmt(percentile(r.times, 50))} | ${fmt(percentile(r.times, 99))} |`,
    );
  }
  lines.push('');
  lines.push(...bundleTable(bundleRows));
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(join(outDir, 'results.md'), `${report}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
