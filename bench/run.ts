/**
 * `npm run bench`: per route, DynamoDB requests and round trips per call, and latency through
 * the local HTTP API next to its raw DynamoDB operations and a no-database floor route, all
 * interleaved in the same run (`bench/routes.ts`, issue 10 §7: overhead = route − raw − floor
 * ≤ 0.5 ms p50); the review
 * workflow's decision → next approver's email latency and state transitions per human step
 * (`bench/reviews.ts`); per function, the minified bundle size and the time to import it cold.
 *
 * Targets: one round trip per call where nothing must be read before a write (issue 10). Bundles
 * (issue 8): every function of the template built with the SDK left to the runtime (before) and
 * with the pinned SDK bundled (after), ≤ 400 KB and ≤ 250 ms cold import after. The numbers are
 * printed, never asserted.
 *
 * Traffic (`bench/traffic.ts`): moving the first milestone of a 300-milestone schedule (preview and
 * save) and `GET /me/tasks` for a person with 500 open milestones.
 *
 * Cost (`bench/reconciliation.ts`): the monthly budget reconciliation of a client with 200 jobs and
 * 20,000 cost lines — time, peak memory, DynamoDB requests (target ≤ 2 s and ≤ 256 MB).
 *
 * Billing (`bench/ageing.ts`): the ageing and credit standing of a client with 2,000 open invoices —
 * time, peak memory, DynamoDB requests (target ≤ 2 s and ≤ 256 MB).
 * Billing (`bench/profitability.ts`): the monthly profitability report (the scheduled job) for 100
 * clients, 2,000 jobs and 100,000 time entries — time, peak memory, DynamoDB requests (target ≤ 5 s
 * and ≤ 256 MB).
 *
 * The staff console (`bench/console.ts`): its initial JavaScript (gzipped) and, in local Chromium,
 * My work with 200 pending approvals and their tasks, from navigation to every row shown (its own
 * local stack).
 *
 * Environment: BENCH_SAMPLES (calls per route, default 200), BENCH_REVIEWS (measured reviews,
 * default 30), BENCH_REVIEW_WARMUP (unmeasured reviews first, default 3), BENCH_IMPORT_ROUNDS
 * (cold imports per bundle and variant, default 5), BENCH_ONLY (comma-separated sections of
 * routes, reviews, reports, traffic, reconciliation, ageing, profitability, bundles, console; default all), BENCH_WARMUP (unmeasured calls per
 * route, default 30), BENCH_AS (the demo staff member the routes run as, default the AM), BENCH_ROUTES
 * (comma-separated parts of route labels, e.g. `POST,PATCH`: only those routes; default all),
 * BENCH_TRAFFIC_MOVES (preview + save pairs, default 30), BENCH_TRAFFIC_TASKS (task-list calls, default 100).
 */
// The local runner's Powertools settings before any handler module loads (as `npm start`).
import '../infra/local/telemetry-env.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ENTRY_METADATA_KEY } from '../infra/build-app.js';
import { functionBuildOptions } from '../infra/bundle.js';
import { synthesizeTemplate } from '../infra/local/cdk-template.js';
import { startLocalStack } from '../infra/local/stack.js';
import { benchAgeing } from './ageing.js';
import { benchConsole } from './console.js';
import { benchPostCampaignReports } from './post-campaign-reports.js';
import { benchProfitability } from './profitability.js';
import { benchReconciliation } from './reconciliation.js';
import { benchReviews } from './reviews.js';
import { benchRoutes, type RouteRow } from './routes.js';
import { benchTraffic } from './traffic.js';

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const warmup = Number(process.env.BENCH_WARMUP ?? 30);
const benchAs = process.env.BENCH_AS ?? 'am@agency.example';
const onlyRoutes = (process.env.BENCH_ROUTES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const sectionNames = [
  'routes',
  'reviews',
  'reports',
  'traffic',
  'reconciliation',
  'ageing',
  'profitability',
  'bundles',
  'console',
] as const;
const sections = new Set(
  (process.env.BENCH_ONLY ?? sectionNames.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const name of sections) {
  if (!(sectionNames as readonly string[]).includes(name))
    throw new Error(`BENCH_ONLY: no section ${name} (sections: ${sectionNames.join(', ')})`);
}
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

/**
 * A distribution-free 95 % confidence interval of the median (the order statistics n/2 ∓ 0.98·√n):
 * how far the p50 of this many samples can be from the machine's own, whatever the shape of the
 * tail — what tells a route over its target from one that only looks so in this run.
 */
function medianInterval(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const half = 0.98 * Math.sqrt(sorted.length);
  const at = (rank: number) => sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
  return [at(Math.floor(sorted.length / 2 - half)), at(Math.ceil(sorted.length / 2 + half))];
}

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
  after: { label: 'pinned SDK bundled', external: [] as string[] },
} as const;
type Variant = keyof typeof variants;

/**
 * What a bundle is made of, by the packages its bytes come from: the parts every function of a
 * kind must carry (the AWS SDK clients it calls, zod, Powertools and middy) and Account Desk's own
 * code. The first three are the floor a function cannot go below while it calls those services,
 * validates with zod and logs with Powertools.
 */
const bundleParts = [
  {
    name: 'sdk',
    label: 'AWS SDK',
    test: /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws\/lambda-invoke-store|mnemonist|obliterator|fast-xml-parser|strnum|tslib|bowser)\//,
  },
  { name: 'zod', label: 'zod', test: /node_modules\/zod\// },
  { name: 'runtime', label: 'Powertools, middy', test: /node_modules\/(@aws-lambda-powertools|@middy)\// },
  { name: 'own', label: 'Account Desk code', test: /^(?!.*node_modules\/)/ },
  { name: 'other', label: 'other packages', test: /node_modules\// },
] as const;
type BundlePart = (typeof bundleParts)[number]['name'];

function bundleComposition(inputs: Record<string, { bytesInOutput: number }>): Record<BundlePart, number> {
  const bytes: Record<BundlePart, number> = { sdk: 0, zod: 0, runtime: 0, own: 0, other: 0 };
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const part = bundleParts.find((p) => p.test.test(file))?.name ?? 'own';
    bytes[part] += bytesInOutput;
  }
  return bytes;
}

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
  const rows: {
    entry: string;
    bytes: Record<Variant, number>;
    parts: Record<BundlePart, number>;
    importMs: Record<Variant, number>;
  }[] = [];
  for (const entry of await functionEntries()) {
    const files = {} as Record<Variant, string>;
    const bytes = {} as Record<Variant, number>;
    let parts = bundleComposition({});
    for (const variant of Object.keys(variants) as Variant[]) {
      const outfile = join(outDir, `${variant}_${entry.replaceAll('/', '_').replace(/\.ts$/, '')}.mjs`);
      // The same esbuild settings as the CDK function construct; only the SDK's place differs.
      const { metafile } = await build({
        ...functionBuildOptions(entry, outfile),
        external: [...variants[variant].external],
        logLevel: 'error',
        metafile: true,
      });
      if (variant === 'after') parts = bundleComposition(Object.values(metafile.outputs)[0]?.inputs ?? {});
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
      parts,
      importMs: { before: percentile(samples.before, 50), after: percentile(samples.after, 50) },
    });
  }
  return rows;
}

function bundleTable(rows: Awaited<ReturnType<typeof bundles>>): string[] {
  const lines = [
    `Function bundles — minified (esbuild, as the CDK construct builds them), cold import = median of ${importRounds} fresh-process imports, interleaved; targets ≤ ${bundleTargetKb} KB and ≤ ${coldImportTargetMs} ms`,
    '',
    `After, by where the bytes come from (KB of minified output): ${bundleParts.map((p) => p.label).join(', ')}; the floor is the first three — what the function carries before any of its own code.`,
    '',
    `| function | before: ${variants.before.label} KB | after: ${variants.after.label} KB | ${bundleParts.map((p) => p.label).join(' | ')} | floor KB | before ms | after ms | after within targets |`,
    `|---|---|---|${bundleParts.map(() => '---|').join('')}---|---|---|---|`,
  ];
  const kbOf = (bytes: number) => fmt(bytes / 1024, 1);
  for (const r of rows) {
    const kb = r.bytes.after / 1024;
    const floor = r.parts.sdk + r.parts.zod + r.parts.runtime;
    const ok = kb <= bundleTargetKb && r.importMs.after <= coldImportTargetMs;
    const misses = [
      ...(kb > bundleTargetKb ? [floor / 1024 > bundleTargetKb ? 'size: floor above target' : 'size'] : []),
      ...(r.importMs.after > coldImportTargetMs ? ['import'] : []),
    ];
    lines.push(
      `| ${r.entry} | ${kbOf(r.bytes.before)} | ${kbOf(r.bytes.after)} | ${bundleParts.map((p) => kbOf(r.parts[p.name])).join(' | ')} | ${kbOf(floor)} | ${fmt(r.importMs.before, 1)} | ${fmt(r.importMs.after, 1)} | ${ok ? 'yes' : `no (${misses.join(', ')})`} |`,
    );
  }
  return lines;
}

function reviewTable(reviews: Awaited<ReturnType<typeof benchReviews>>): string[] {
  const lines: string[] = [];
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
  return lines;
}

function reportTable(reports: Awaited<ReturnType<typeof benchPostCampaignReports>>): string[] {
  const lines: string[] = [];
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
  return lines;
}

function trafficTable(traffic: Awaited<ReturnType<typeof benchTraffic>>): string[] {
  const lines: string[] = [];
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
  return lines;
}

function routeTable(rows: RouteRow[]): string[] {
  const lines = [
    `Routes as ${benchAs} — ${samples} calls per route (every route, raw and floor warmed ${warmup} times first); raw, floor and route interleaved (raw = the route's DynamoDB operations sent straight, same item shapes; floor = a no-database route through the same local HTTP API and middleware, sent the route's request and answering its body; CPU = this process's CPU time per call); overhead = route − raw − floor (of the p50s; paired: the median of that difference within each round, with its 95 % confidence interval), target ≤ 0.5 ms p50`,
    '',
    '| route | DynamoDB requests/call | round trips/call | requests | raw ops | raw p50 ms | floor p50 ms | route p50 ms | overhead p50 ms | paired overhead p50 ms (95 % CI) | route p99 ms | CPU/call raw, floor, route → overhead ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const raw = percentile(r.raw, 50);
    const floor = percentile(r.floor, 50);
    const route = percentile(r.times, 50);
    // The same difference taken within each round (raw, floor and route measured back to back), then its median.
    const differences = r.times.map((t, i) => t - r.raw[i]! - r.floor[i]!);
    const paired = percentile(differences, 50);
    const [low, high] = medianInterval(differences);
    lines.push(
      `| ${r.route} | ${fmt(r.requestsPerCall, 1)} | ${fmt(r.roundTripsPerCall, 1)} | ${r.commands} | ${r.rawShape} | ${fmt(raw)} | ${fmt(floor)} | ${fmt(route)} | ${fmt(route - raw - floor)} | ${fmt(paired)} (${fmt(low)}–${fmt(high)}) | ${fmt(percentile(r.times, 99))} | ${fmt(r.cpu.raw)}, ${fmt(r.cpu.floor)}, ${fmt(r.cpu.route)} → ${fmt(r.cpu.route - r.cpu.raw - r.cpu.floor)} |`,
    );
  }
  return lines;
}

async function main() {
  const lines: string[] = [
    `Account Desk benchmark — ${new Date().toISOString()} — Node ${process.version}, sections: ${[...sections].join(', ')}`,
  ];
  // The console's section starts a stack of its own (seeded with its 200 approvals).
  const needsStack = [...sections].some((s) => s !== 'bundles' && s !== 'console');
  if (needsStack) {
    const stack = await startLocalStack({ persist: false, seed: true, ports: {}, log: () => {} });
    Object.assign(process.env, stack.env);
    const { tableClient } = await import('../shared/platform/db/client.js');
    let requests = 0;
    let roundTrips = 0;
    let inFlight = 0;
    const commands = new Map<string, number>();
    // A round trip starts whenever a request goes out while none is in flight.
    tableClient.middlewareStack.add(
      (next, context) => async (args) => {
        requests++;
        if (inFlight++ === 0) roundTrips++;
        const name = String(context.commandName);
        commands.set(name, (commands.get(name) ?? 0) + 1);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
    const counter = {
      reset: () => {
        requests = 0;
        roundTrips = 0;
        commands.clear();
      },
      read: () => ({ total: requests, requests, roundTrips, commands: new Map(commands) }),
    };
    const head = stack.demoTokens['head@agency.example']!;

    if (sections.has('routes')) {
      const rows = await benchRoutes({ stack, email: benchAs, counter, samples, warmup, only: onlyRoutes });
      lines.push('', ...routeTable(rows));
    }
    if (sections.has('reviews')) {
      const reviews = await benchReviews({
        apiUrl: stack.apiUrl,
        inboxUrl: stack.inboxUrl,
        tokens: stack.demoTokens,
        reviews: reviewCount,
        warmup: reviewWarmup,
      });
      lines.push('', ...reviewTable(reviews));
    }
    if (sections.has('reports')) {
      const clients = await fetch(`${stack.apiUrl}/clients`, {
        headers: { authorization: `Bearer ${head}` },
      });
      const clientId = ((await clients.json()) as { items: { clientId: string }[] }).items[0]!.clientId;
      const list = await fetch(`${stack.apiUrl}/jobs?clientId=${clientId}`, {
        headers: { authorization: `Bearer ${head}` },
      });
      const jobId = ((await list.json()) as { items: { jobId: string }[] }).items[0]!.jobId;
      const reports = await benchPostCampaignReports({
        apiUrl: stack.apiUrl,
        tableName: stack.tableName,
        token: head,
        jobId,
        sizes: reportSizes,
      });
      lines.push('', ...reportTable(reports));
    }
    if (sections.has('traffic')) {
      const traffic = await benchTraffic({
        apiUrl: stack.apiUrl,
        tokens: stack.demoTokens,
        privateJwk: stack.privateJwk,
        counter,
        moves: trafficMoves,
        taskCalls: trafficTaskCalls,
      });
      lines.push('', ...trafficTable(traffic));
    }
    if (sections.has('reconciliation')) {
      const r = await benchReconciliation({ tableName: stack.tableName });
      const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
      lines.push(
        '',
        `Budget reconciliation — one client, ${r.jobs} jobs, ${r.costLines} cost lines (seeded in ${fmt(r.seedMs / 1000, 1)} s; target ≤ 2 s, ≤ 256 MB)`,
        `  time ${fmt(r.ms, 0)} ms (CPU ${fmt(r.cpuMs, 0)} ms); RSS ${mb(r.baselineRss)} → peak ${mb(r.peakRss)} MB; heap peak ${mb(r.peakHeap)} MB; ${r.rows} report rows`,
        `  DynamoDB requests ${r.requests}: ${Object.entries(r.commands)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`,
        '  The read alone, interleaved A/B ×3 (wall ms; CPU ms; DynamoDB requests per read):',
        ...(['lines', 'ledgers'] as const).map(
          (k) =>
            `  ${k === 'lines' ? 'A every cost line (before)' : 'B jobs + ledgers (now)    '}: ${r.reads[k].ms.map((ms) => fmt(ms, 0)).join(' / ')} ms; CPU ${r.reads[k].cpuMs.map((ms) => fmt(ms, 0)).join(' / ')} ms; ${r.reads[k].requests} requests`,
        ),
      );
    }
    if (sections.has('ageing')) {
      const a = await benchAgeing({ tableName: stack.tableName });
      const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
      lines.push(
        '',
        `Ageing — one client, ${a.invoices} open invoices (seeded in ${fmt(a.seedMs / 1000, 1)} s; target ≤ 2 s, ≤ 256 MB)`,
        `  time ${fmt(a.ms, 0)} ms (CPU ${fmt(a.cpuMs, 0)} ms); RSS ${mb(a.baselineRss)} → peak ${mb(a.peakRss)} MB; heap peak ${mb(a.peakHeap)} MB; outstanding ${a.outstandingMinor} minor units`,
        `  DynamoDB requests ${a.requests}: ${Object.entries(a.commands)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`,
      );
    }
    if (sections.has('profitability')) {
      const p = await benchProfitability({ tableName: stack.tableName });
      const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
      lines.push(
        '',
        `Monthly profitability — ${p.clients} clients, ${p.jobs} jobs, ${p.timeEntries} time entries (seeded in ${fmt(p.seedMs / 1000, 1)} s; target ≤ 5 s, ≤ 256 MB)`,
        `  time ${fmt(p.ms, 0)} ms (CPU ${fmt(p.cpuMs, 0)} ms); RSS ${mb(p.baselineRss)} → peak ${mb(p.peakRss)} MB; heap peak ${mb(p.peakHeap)} MB; ${p.reportJobs} job rows`,
        `  DynamoDB requests ${p.requests}: ${Object.entries(p.commands)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`,
      );
    }
    await stack.stop();
  }
  if (sections.has('bundles')) lines.push('', ...bundleTable(await bundles()));
  if (sections.has('console')) lines.push('', ...(await benchConsole()));
  const report = lines.join('\n');
  console.log(report);
  mkdirSync(outDir, { recursive: true });
  const name = sections.size === sectionNames.length ? 'results' : [...sections].join('-');
  writeFileSync(join(outDir, `${name}.md`), `${report}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
