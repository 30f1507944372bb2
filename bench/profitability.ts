/**
 * The monthly profitability report for 100 clients, 2,000 jobs and 100,000 time entries (issue 14
 * §5: ≤ 5 s and ≤ 256 MB locally). Per client: 20 jobs (each with its signed ledger and estimate
 * version, two vendors' bills and two revenue entries in the month) and 1,000 time entries of the
 * month, written straight into the table (BatchWriteItem); then the scheduled job `profitability`
 * runs in a child process of its own, so its memory is the job's alone: every client's month (time
 * and revenue by date prefix, cost items, jobs, signed estimates), the report's HTML with its SVG
 * charts and the CSV, the S3 PUTs, the records and the heads' emails — its time, peak RSS and V8
 * heap (sampled every 2 ms) and the DynamoDB requests it sent, by command.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInChild, measureWork, seedItems } from './child-run.js';

export interface ProfitabilityBenchResult {
  clients: number;
  jobs: number;
  timeEntries: number;
  seedMs: number;
  ms: number;
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  requests: number;
  commands: Record<string, number>;
  reportJobs: number;
}

const here = fileURLToPath(import.meta.url);
const month = '2027-03';

export async function benchProfitability(options: {
  tableName: string;
  clients?: number;
  jobsPerClient?: number;
  entriesPerClient?: number;
}): Promise<ProfitabilityBenchResult> {
  const clients = options.clients ?? 100;
  const jobsPerClient = options.jobsPerClient ?? 20;
  const entriesPerClient = options.entriesPerClient ?? 1_000;
  const { Client } = await import('../shared/accounts/entities.js');
  const { Job } = await import('../shared/jobs/entities.js');
  const { EstimateVersion, JobSpendLedger, VendorBill } = await import('../shared/cost/entities.js');
  const { RevenueEntry, TimeEntry } = await import('../shared/billing/entities.js');
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  const run = String(Date.now()).slice(-8);
  const id = (kind: string, n: number) => `01JB${kind}${run}${String(n).padStart(12, '0')}`;
  const items: Record<string, unknown>[] = [];
  for (let c = 0; c < clients; c++) {
    const clientId = id('PC', c);
    items.push({
      ...Client.key(clientId),
      ...Client.indexes({ clientId, name: `Bench Profit Client ${String(c).padStart(3, '0')}` }),
      itemType: Client.type,
      clientId,
      name: `Bench Profit Client ${String(c).padStart(3, '0')}`,
      version: 1,
    });
    const jobIds: string[] = [];
    for (let j = 0; j < jobsPerClient; j++) {
      const jobId = `${clientId}_${id('PJ', c * jobsPerClient + j)}`;
      jobIds.push(jobId);
      const jobNumber = `BP${c}-2027-${String(j + 1).padStart(4, '0')}`;
      const estimateId = `${clientId}_${id('PE', c * jobsPerClient + j)}`;
      items.push(
        {
          ...Job.key(clientId, jobId),
          ...Job.indexes({ clientId, brandId: 'bench', ownerId: 'bench', status: 'open', jobNumber }),
          itemType: Job.type,
          jobId,
          clientId,
          jobNumber,
          title: `Bench job ${j}`,
          status: 'open',
          version: 1,
        },
        {
          ...JobSpendLedger.key(clientId, jobId),
          itemType: JobSpendLedger.type,
          jobId,
          currency: 'USD',
          signedTotalMinor: 10_000_000,
          committedMinor: 0,
          signedEstimateId: estimateId,
          signedEstimateVersion: 1,
          version: 1,
        },
        {
          ...EstimateVersion.key(clientId, estimateId, 1),
          itemType: EstimateVersion.type,
          estimateId,
          number: 1,
          totals: { subtotal: usd(10_000_000), agencyIncome: usd(2_500_000) },
          version: 1,
        },
      );
      for (let b = 0; b < 2; b++) {
        const billId = id('PB', (c * jobsPerClient + j) * 2 + b);
        items.push({
          ...VendorBill.key(clientId, jobId, billId),
          itemType: VendorBill.type,
          billId,
          jobId,
          billDate: `${month}-1${b}`,
          total: usd(1_500_000),
          version: 1,
        });
        const documentId = id('PD', (c * jobsPerClient + j) * 2 + b);
        const issuedOn = `${month}-2${b}`;
        items.push({
          ...RevenueEntry.key(clientId, issuedOn, documentId, jobId),
          ...RevenueEntry.indexes({ jobId, issuedOn, documentId }),
          itemType: RevenueEntry.type,
          jobId,
          issuedOn,
          documentId,
          kind: 'invoice',
          currency: 'USD',
          feesMinor: 2_000_000,
          commissionMinor: 300_000,
          rebilledMinor: 1_700_000,
          mediaNetMinor: 0,
          netMinor: 4_000_000,
        });
      }
    }
    for (let e = 0; e < entriesPerClient; e++) {
      const entryId = id('PT', c * entriesPerClient + e);
      const jobId = jobIds[e % jobIds.length]!;
      const date = `${month}-${String(1 + (e % 28)).padStart(2, '0')}`;
      const staffId = id('PS', e % 40);
      items.push({
        ...TimeEntry.key(clientId, date, entryId),
        ...TimeEntry.indexes({ jobId, staffId, date, entryId }),
        itemType: TimeEntry.type,
        entryId,
        staffId,
        clientId,
        jobId,
        date,
        minutes: 90,
        activity: 'creative',
        role: 'creative',
        currency: 'USD',
        costMinor: 9_000,
        status: 'approved',
        version: 1,
      });
    }
  }
  const seedMs = await seedItems(options.tableName, items);
  // The heads' emails go to the local SES this process serves.
  const measured =
    await measureInChild<Omit<ProfitabilityBenchResult, 'seedMs' | 'clients' | 'jobs' | 'timeEntries'>>(here);
  return {
    ...measured,
    seedMs,
    clients,
    jobs: clients * jobsPerClient,
    timeEntries: clients * entriesPerClient,
  };
}

/** In the child: one run of the scheduled job for the month, measured; one JSON line on stdout. */
async function child() {
  const { profitabilityJob } = await import('../shared/billing/index.js');
  const { ProfitabilityReport } = await import('../shared/billing/entities.js');
  const { getItem } = await import('../shared/platform/db/table.js');
  const { completeRun } = await import('../shared/platform/job-segments.js');
  // The first working day of April 2027 (a Thursday): March's report.
  const { result: summary, figures } = await measureWork(() =>
    completeRun(profitabilityJob, new Date('2027-04-01T07:00:00Z'), 'profitability'),
  );
  const stored = await getItem(ProfitabilityReport.key(month));
  if (summary.generated !== 1 || !stored) throw new Error(`Profitability ${JSON.stringify(summary)}`);
  console.log(JSON.stringify({ ...figures, reportJobs: stored.jobs as number }));
}

if (process.argv[2] === 'child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await child();
}
