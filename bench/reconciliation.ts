/**
 * The monthly budget reconciliation of one client with 200 jobs and 20,000 cost lines (issue 13
 * §5: ≤ 2 s and ≤ 256 MB locally). The client, its 10 brands, 200 jobs (each with its signed
 * ledger), 12,000 purchase orders, 8,000 vendor bills and the brands' forecasts are written
 * straight into the table (BatchWriteItem); then `reconcileClientMonth` runs in a child process of
 * its own, so its memory is the reconciliation's alone: the whole call (four queries, the figures,
 * the HTML with its SVG charts and the CSV, two S3 PUTs, the record's transaction), its peak RSS
 * and V8 heap (sampled every 2 ms) and the DynamoDB requests it sent, by command. The client has
 * no account team, so no email is sent (an email is two document links and one SES call a person).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInChild, measureWork, seedItems } from './child-run.js';

/** One way of reading a client's month: wall and CPU time of each try, and its DynamoDB requests. */
export interface ReadMeasure {
  ms: number[];
  cpuMs: number[];
  requests: number;
}

export interface ReconciliationBenchResult {
  /** Interleaved A/B of the read alone: every cost line (before) against the jobs' ledgers (now). */
  reads: { lines: ReadMeasure; ledgers: ReadMeasure };
  jobs: number;
  costLines: number;
  seedMs: number;
  ms: number;
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  requests: number;
  commands: Record<string, number>;
  rows: number;
}

const here = fileURLToPath(import.meta.url);
const month = '2027-03';

export async function benchReconciliation(options: {
  tableName: string;
  jobs?: number;
  linesPerJob?: number;
}): Promise<ReconciliationBenchResult> {
  const jobs = options.jobs ?? 200;
  const linesPerJob = options.linesPerJob ?? 100;
  const { Client } = await import('../shared/accounts/entities.js');
  const { Brand } = await import('../shared/accounts/entities.js');
  const { Job } = await import('../shared/jobs/entities.js');
  const { BrandForecast, JobSpendLedger, PurchaseOrder, VendorBill } = await import(
    '../shared/cost/entities.js'
  );
  const clientId = `01JBENCHRECONC${String(Date.now()).slice(-12)}`.slice(0, 26).toUpperCase();
  const at = '2027-03-15T10:00:00.000Z';
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  const items: Record<string, unknown>[] = [];
  items.push({
    ...Client.key(clientId),
    itemType: Client.type,
    clientId,
    name: 'Bench Reconciliation Client',
    calendar: { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: [] },
    version: 1,
  });
  const brands = Array.from({ length: 10 }, (_, i) => `01JBENCHBRAND${String(i).padStart(13, '0')}`);
  for (const [i, brandId] of brands.entries()) {
    items.push({
      ...Brand.key(clientId, brandId),
      itemType: Brand.type,
      brandId,
      clientId,
      name: `Brand ${i}`,
      version: 1,
    });
    items.push({
      ...BrandForecast.key(clientId, brandId, month),
      itemType: BrandForecast.type,
      clientId,
      brandId,
      month,
      amount: usd(5_000_000),
      version: 1,
    });
  }
  const orders = Math.round(linesPerJob * 0.6);
  for (let j = 0; j < jobs; j++) {
    const jobId = `${clientId}_01JBENCHJOB${String(j).padStart(15, '0')}`;
    const jobNumber = `BEN-2027-${String(j + 1).padStart(4, '0')}`;
    const brandId = brands[j % brands.length]!;
    items.push({
      ...Job.key(clientId, jobId),
      ...Job.indexes({ clientId, brandId, ownerId: 'bench', status: 'open', jobNumber }),
      itemType: Job.type,
      jobId,
      clientId,
      brandId,
      jobNumber,
      title: `Bench job ${j}`,
      status: 'open',
      ownerId: 'bench',
      version: 1,
    });
    // The ledger as the orders' and bills' transactions leave it: running totals and per-month figures.
    const bills = linesPerJob - orders;
    items.push({
      ...JobSpendLedger.key(clientId, jobId),
      itemType: JobSpendLedger.type,
      jobId,
      signedTotalMinor: 100_000_000,
      currency: 'USD',
      committedMinor: orders * 100_000,
      billedMinor: bills * 100_000,
      'committed@2027-03': Math.ceil(orders / 2) * 100_000,
      'committed@2027-02': Math.floor(orders / 2) * 100_000,
      'billed@2027-03': bills * 100_000,
      monthlyFigures: true,
      estimateCarriesMedia: false,
      version: 1,
    });
    for (let o = 0; o < linesPerJob; o++) {
      const id = `${clientId}_01JBENCHLINE${String(j * linesPerJob + o).padStart(14, '0')}`;
      if (o < orders) {
        items.push({
          ...PurchaseOrder.key(clientId, jobId, id),
          itemType: PurchaseOrder.type,
          purchaseOrderId: id,
          number: `${jobNumber}-PO-${o}`,
          clientId,
          jobId,
          brandId,
          vendorId: '01JBENCHVENDOR000000000000',
          vendorName: 'Bench Vendor',
          category: 'production',
          lines: [
            {
              lineNumber: 1,
              estimateLineId: `E${o}`,
              description: 'Studio day',
              quantity: 1,
              unitCost: usd(100_000),
              total: usd(100_000),
            },
          ],
          total: usd(100_000),
          billed: usd(0),
          status: 'issued',
          approvedBy: 'bench',
          document: { objectKey: `bench/${id}.html`, sha256: '0'.repeat(64) },
          version: 1,
          createdAt: o % 2 === 0 ? at : '2027-02-10T10:00:00.000Z',
          updatedAt: at,
        });
      } else {
        items.push({
          ...VendorBill.key(clientId, jobId, id),
          itemType: VendorBill.type,
          billId: id,
          purchaseOrderId: id,
          purchaseOrderNumber: `${jobNumber}-PO-${o - orders}`,
          clientId,
          jobId,
          vendorId: '01JBENCHVENDOR000000000000',
          billNumber: `INV-${j}-${o}`,
          billDate: '2027-03-20',
          lines: [{ lineNumber: 1, quantity: 1, amount: usd(100_000) }],
          total: usd(100_000),
          variances: [],
          matched: true,
          recordedBy: 'bench',
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  }
  const seedMs = await seedItems(options.tableName, items);
  const measured = await measureInChild<Omit<ReconciliationBenchResult, 'seedMs' | 'jobs' | 'costLines'>>(
    here,
    [clientId],
  );
  return { ...measured, seedMs, jobs, costLines: jobs * linesPerJob };
}

/** In the child: one reconciliation, measured; one JSON line on stdout. */
async function child(clientId: string) {
  const { reconcileClientMonth } = await import('../shared/cost/index.js');
  const { Reconciliation } = await import('../shared/cost/entities.js');
  const { getItem } = await import('../shared/platform/db/table.js');
  const {
    result: outcome,
    figures,
    requestsSoFar,
  } = await measureWork(() => reconcileClientMonth(clientId, month, new Date('2027-04-01T07:00:00Z')));
  const stored = await getItem(Reconciliation.key(clientId, month));
  if (outcome !== 'generated' || !stored) throw new Error(`Reconciliation ${outcome}`);
  const reads = await interleavedReads(clientId, requestsSoFar);
  console.log(JSON.stringify({ ...figures, reads, rows: (stored.rows as unknown[]).length }));
}

/**
 * The read alone, before and now, interleaved (A, B, A, B, A, B) in one process against one table:
 * before, every cost item of the client (orders, bills, ledgers; projected to the fields the
 * figures used, which does not shrink DynamoDB's 1 MB pages: the limit counts the items as stored);
 * now, the jobs, brands and forecasts, then each job's ledger with its monthly figures.
 */
async function interleavedReads(clientId: string, requestCount: () => number) {
  const { reconciliationInputs } = await import('../shared/cost/index.js');
  const { CostOfClient } = await import('../shared/cost/entities.js');
  const { queryPage } = await import('../shared/platform/db/table.js');
  const everyLine = async () => {
    let nextToken: string | undefined;
    let n = 0;
    do {
      const page = await queryPage(CostOfClient.all(clientId), {
        limit: 5000,
        nextToken,
        attributes: [
          'SK',
          'itemType',
          'jobId',
          'total',
          'status',
          'createdAt',
          'billDate',
          'signedTotalMinor',
          'currency',
        ],
      });
      n += page.items.length;
      nextToken = page.nextToken;
    } while (nextToken);
    return n;
  };
  const reads = {
    lines: { ms: [] as number[], cpuMs: [] as number[], requests: 0 },
    ledgers: { ms: [] as number[], cpuMs: [] as number[], requests: 0 },
  };
  const measure = async (into: ReadMeasure, read: () => Promise<unknown>) => {
    const before = requestCount();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await read();
    into.ms.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    into.cpuMs.push((used.user + used.system) / 1000);
    into.requests = requestCount() - before;
  };
  for (let round = 0; round < 3; round++) {
    await measure(reads.lines, everyLine);
    await measure(reads.ledgers, () => reconciliationInputs(clientId, month));
  }
  return reads;
}

if (process.argv[2] === 'child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await child(process.argv[3]!);
}
