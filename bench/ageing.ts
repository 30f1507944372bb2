/**
 * Ageing of one client with 2,000 open invoices (issue 14 §5: ≤ 2 s and ≤ 256 MB locally). The
 * client, its billing terms and 2,000 issued invoices with money owed (three lines each, due dates
 * spread over 200 days, some paid in part) and 50 payments are written straight into the table
 * (BatchWriteItem); then the client's ageing runs in a child process of its own, so its memory is
 * the ageing's alone: `refreshCreditStanding` — the reads (client, terms, invoices, payments), the
 * buckets, the credit standing's write — its peak RSS and V8 heap (sampled every 2 ms) and the
 * DynamoDB requests it sent, by command.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInChild, measureWork, seedItems } from './child-run.js';

export interface AgeingBenchResult {
  invoices: number;
  seedMs: number;
  ms: number;
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  requests: number;
  commands: Record<string, number>;
  outstandingMinor: number;
}

const here = fileURLToPath(import.meta.url);
const asOf = new Date('2027-06-30T10:00:00Z');

export async function benchAgeing(options: {
  tableName: string;
  invoices?: number;
}): Promise<AgeingBenchResult> {
  const count = options.invoices ?? 2_000;
  const { Client } = await import('../shared/accounts/entities.js');
  const { BillingTerms, Invoice, Payment } = await import('../shared/billing/entities.js');
  const clientId = `01JBENCHAGEING${String(Date.now()).slice(-12)}`.slice(0, 26).toUpperCase();
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  const at = '2027-01-01T10:00:00.000Z';
  const items: Record<string, unknown>[] = [
    {
      ...Client.key(clientId),
      itemType: Client.type,
      clientId,
      name: 'Bench Ageing Client',
      code: 'BAGE',
      industry: 'Beverages',
      status: 'active',
      confidentiality: 'standard',
      intake: {},
      calendar: { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: [] },
      version: 1,
    },
    {
      ...BillingTerms.key(clientId),
      itemType: BillingTerms.type,
      clientId,
      schedule: 'on_signature',
      currency: 'USD',
      paymentDays: 30,
      reminderDays: 3,
      creditLimit: usd(100_000_000_00),
      approvalThreshold: usd(1_000_000),
      version: 1,
    },
  ];
  for (let i = 0; i < count; i++) {
    const invoiceId = `${clientId}_01JBENCHINV${String(i).padStart(15, '0')}`;
    const dueOn = new Date(Date.parse('2027-01-01T00:00:00Z') + (i % 200) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const total = 100_000 + i;
    const paid = i % 3 === 0 ? 40_000 : 0;
    items.push({
      ...Invoice.key(clientId, invoiceId),
      ...Invoice.receivable({ dueOn, invoiceId }),
      itemType: Invoice.type,
      invoiceId,
      clientId,
      kind: 'invoice',
      status: 'issued',
      number: `INV-2027-${String(i + 1).padStart(6, '0')}`,
      jobIds: [`${clientId}_01JBENCHJOB000000000000000`],
      lines: Array.from({ length: 3 }, (_, l) => ({
        lineId: `I00${l + 1}`,
        jobId: `${clientId}_01JBENCHJOB000000000000000`,
        jobNumber: 'BAGE-2027-0001',
        kind: 'estimate',
        source: `estimate#bench#L00${l}#signature`,
        description: 'Studio day',
        amount: usd(l === 0 ? total - 2 * 10_000 : 10_000),
        revenue: { feesMinor: 0, commissionMinor: 0, rebilledMinor: 10_000, mediaNetMinor: 0 },
      })),
      subtotal: usd(total),
      taxRateBasisPoints: 0,
      tax: usd(0),
      total: usd(total),
      paid: usd(paid),
      balance: usd(total - paid),
      needsApproval: false,
      billingContact: { contactId: 'bench', name: 'Bench', email: 'bench@example.com', language: 'en' },
      draftedBy: 'bench',
      issuedOn: dueOn,
      dueOn,
      chasing: [],
      version: 2,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (let p = 0; p < 50; p++) {
    const paymentId = `${clientId}_01JBENCHPAY${String(p).padStart(15, '0')}`;
    items.push({
      ...Payment.key(clientId, paymentId),
      itemType: Payment.type,
      paymentId,
      clientId,
      amount: usd(1_000),
      receivedOn: '2027-06-01',
      reference: `B${p}`,
      applications: [],
      unapplied: usd(1_000),
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
  }
  const seedMs = await seedItems(options.tableName, items);
  const measured = await measureInChild<Omit<AgeingBenchResult, 'seedMs' | 'invoices'>>(here, [clientId]);
  return { ...measured, seedMs, invoices: count };
}

/** In the child: one client's ageing and credit standing, measured; one JSON line on stdout. */
async function child(clientId: string) {
  const { refreshCreditStanding } = await import('../shared/billing/index.js');
  const { result: ageing, figures } = await measureWork(() => refreshCreditStanding(clientId, asOf));
  if (ageing.invoices.length === 0) throw new Error('No open invoices aged');
  console.log(JSON.stringify({ ...figures, outstandingMinor: ageing.outstanding.amountMinor }));
}

if (process.argv[2] === 'child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await child(process.argv[3]!);
}
