/**
 * Post-campaign report generation against the local stack, for campaigns of 1k, 10k and 100k
 * monitoring rows (issue 4 §5: ≤ 5 s and ≤ 256 MB at 100k, growth close to linear).
 *
 * Per size: a campaign through the API (brief, recommendation confirmed in the table, master
 * plan with a TV, an online and a radio line), its rows written straight into the table with
 * BatchWriteItem, then `generateReport` run in a child process of its own, so that its memory is
 * the report's alone: peak RSS (the kernel's maxRSS, and sampled) and peak V8 heap (sampled every
 * 2 ms), each next to the child's baseline just before the call, and the child's CPU time (DynamoDB
 * Local's own work runs in its JVM and is not in it). The time is the whole call:
 * reading the plan, bookings and discrepancies, streaming the rows (Query pages of up to 5,000, only the fields it reads), rendering,
 * two S3 PUTs and the transaction.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DeliveryRow, MediaPlan, MediaPlanVersion, MonitoringImport } from '../shared/media/entities.js';

// biome-ignore lint/suspicious/noExplicitAny: API bodies, read field by field
type Json = any;

export interface ReportBenchOptions {
  apiUrl: string;
  tableName: string;
  /** A token of a staff member who may plan media on `jobId`'s client (the seeded head). */
  token: string;
  jobId: string;
  sizes: number[];
}

export interface ReportBenchResult {
  rows: number;
  seedMs: number;
  ms: number;
  /** CPU time of the generating process (user + system) during the call. */
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  baselineHeap: number;
  peakHeap: number;
  htmlBytes: number;
  csvBytes: number;
}

const here = fileURLToPath(import.meta.url);
/** The one (completed) monitoring import of each bench campaign. */
const importId = '01JBENCH0MP0RT000000000000';

const lines = [
  {
    channel: 'tv',
    vendor: 'Star TV',
    placement: 'Prime time 30s',
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    unitType: 'spots',
    units: 400,
    rate: { amountMinor: 150_000, currency: 'USD' },
    kpiContribution: { impressions: 40_000_000 },
  },
  {
    channel: 'online',
    vendor: 'AdNet',
    placement: 'Homepage banner',
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    unitType: 'impressions',
    units: 20_000_000,
    rate: { amountMinor: 1250, currency: 'USD' },
    kpiContribution: { impressions: 20_000_000, clicks: 100_000 },
  },
  {
    channel: 'radio',
    vendor: 'City FM',
    placement: 'Morning drive',
    startDate: '2027-03-08',
    endDate: '2027-03-28',
    unitType: 'spots',
    units: 600,
    rate: { amountMinor: 30_000, currency: 'USD' },
    kpiContribution: { impressions: 6_000_000 },
  },
];

/** Monitoring row `i` of `n`: spread over the 31 days of March, a third per line, a few unplanned. */
function row(campaignId: string, i: number, n: number) {
  const date = `2027-03-${String(1 + Math.floor((i * 31) / n)).padStart(2, '0')}`;
  const kind = i % 50 === 49 ? 3 : i % 3;
  const base = {
    ...DeliveryRow.key(campaignId, date, importId, i + 2),
    itemType: DeliveryRow.type,
    campaignId,
    importId,
    row: i + 2,
    date,
  };
  if (kind === 0) {
    return {
      ...base,
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unitsDelivered: 1,
      impressions: 95_000 + (i % 10_000),
      audience: 40,
      cost: { amountMinor: 150_000, currency: 'USD' },
    };
  }
  if (kind === 1) {
    return {
      ...base,
      vendor: 'AdNet',
      placement: 'Homepage banner',
      unitsDelivered: 5000,
      impressions: 5000,
      clicks: 25 + (i % 7),
      cost: { amountMinor: 6250, currency: 'USD' },
    };
  }
  if (kind === 2) {
    return {
      ...base,
      vendor: 'City FM',
      placement: 'Morning drive',
      unitsDelivered: 1,
      impressions: 9000,
      audience: 12,
      cost: { amountMinor: 30_000, currency: 'USD' },
    };
  }
  return {
    ...base,
    vendor: 'Metro Ads',
    placement: `Station posters ${i % 17}`,
    unitsDelivered: 2,
    cost: { amountMinor: 40_000, currency: 'USD' },
  };
}

async function seedRows(documents: DynamoDBDocumentClient, tableName: string, campaignId: string, n: number) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const from = next;
      next = Math.min(n, next + 25);
      let pending = Array.from({ length: next - from }, (_, k) => ({
        PutRequest: { Item: row(campaignId, from + k, n) },
      }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const out = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return performance.now() - started;
}

export async function benchPostCampaignReports(options: ReportBenchOptions): Promise<ReportBenchResult[]> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${options.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const results: ReportBenchResult[] = [];
  for (const n of options.sizes) {
    const campaign = await call('POST', `/jobs/${options.jobId}/media-campaigns`, {
      name: `Report bench ${n} rows`,
      flightStart: '2027-03-01',
      flightEnd: '2027-03-31',
      budget: { amountMinor: 100_000_000, currency: 'USD' },
      kpis: [
        { metric: 'impressions', target: 60_000_000 },
        { metric: 'clicks', target: 100_000 },
        { metric: 'reach', target: 10_000 },
      ],
      brief: {
        objective: 'Benchmark.',
        targetAudience: 'Everyone.',
        markets: ['Shanghai'],
        channelsConsidered: ['tv', 'online', 'radio'],
        budget: { amountMinor: 100_000_000, currency: 'USD' },
        timing: 'March 2027',
      },
    });
    const { campaignId, clientId } = campaign;
    const recommendation = await call('POST', `/media-campaigns/${campaignId}/plans`, {
      kind: 'recommendation',
      lines,
    });
    // The client's confirmation, as the confirmation flow leaves it (as tests/support/media.ts does).
    const planId = recommendation.plan.planId;
    await documents.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: MediaPlanVersion.key(clientId, planId, 1),
        UpdateExpression: 'SET #status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      }),
    );
    await documents.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: MediaPlan.key(clientId, planId),
        UpdateExpression: 'SET confirmedVersion = :n',
        ExpressionAttributeValues: { ':n': 1 },
      }),
    );
    await call('POST', `/media-campaigns/${campaignId}/plans`, { kind: 'master_plan', lines });
    const seedMs = await seedRows(documents, options.tableName, campaignId, n);
    // Rows count once their import is completed (as the monitoring import leaves it).
    const now = new Date().toISOString();
    await documents.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...MonitoringImport.key(clientId, campaignId, importId),
          itemType: MonitoringImport.type,
          importId,
          campaignId,
          clientId,
          source: 'json',
          objectKey: `clients/${clientId}/media/${campaignId}/monitoring/${importId}.ndjson`,
          status: 'completed',
          rowsTotal: n,
          rowsStored: n,
          rowsRejected: 0,
          rowsMatched: 0,
          rejects: [],
          createdBy: campaign.createdBy,
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
      }),
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', here, 'child', clientId, campaignId], {
      env: process.env,
      maxBuffer: 1 << 20,
    })
      .toString()
      .trim()
      .split('\n')
      .at(-1);
    const measured = JSON.parse(out ?? '{}') as Omit<ReportBenchResult, 'seedMs'> & { rows: number };
    if (measured.rows !== n) throw new Error(`The report read ${measured.rows} rows, expected ${n}`);
    results.push({ ...measured, seedMs });
  }
  return results;
}

/** In the child: one `generateReport` of the campaign, measured; one JSON line on stdout. */
async function child(clientId: string, campaignId: string) {
  const { MediaCampaign } = await import('../shared/media/entities.js');
  const { fromItem, getItem } = await import('../shared/platform/db/table.js');
  const { generateReport } = await import('../shared/media/index.js');
  type Campaign = import('../shared/media/index.js').Campaign;
  const item = await getItem(MediaCampaign.key(clientId, campaignId));
  if (!item) throw new Error(`No campaign ${campaignId}`);
  const campaign = fromItem<Campaign>(item);
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 2);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await generateReport(campaign, { trigger: 'on_demand', actorId: campaign.createdBy });
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  const result = {
    rows: report.deliveryRows,
    ms,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    baselineRss: baseline.rss,
    peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
    baselineHeap: baseline.heapUsed,
    peakHeap,
    htmlBytes: report.html.size,
    csvBytes: report.csv.size,
  };
  console.log(JSON.stringify(result));
}

if (process.argv[2] === 'child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  child(process.argv[3]!, process.argv[4]!).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
