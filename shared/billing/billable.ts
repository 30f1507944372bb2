import { EstimateVersion as EstimateVersionEntity, JobSpendLedger, VendorBill } from '../cost/entities.js';
import type { EstimateVersion, LineCategory, VendorBillView } from '../cost/index.js';
import type { Job } from '../jobs/index.js';
import { Booking, MediaCampaign } from '../media/entities.js';
import type { Booking as BookingView } from '../media/index.js';
import { fromItem, getItems, type Item, queryAll } from '../platform/db/table.js';
import { formatDay, formatMonth, type Language } from '../platform/i18n.js';
import { allocate, type Money, money, percentOf, subtract, withMarkup } from '../platform/money.js';
import { JobBilled, TimeEntry } from './entities.js';
import { billingWords } from './messages.js';
import type { BillingTerms, InvoiceLine, LineRevenue } from './schemas.js';
import { billingRefusal } from './terms.js';

/**
 * What of a job is billable now under the client's terms (issue 14 §1), less what has been
 * billed (the job's `JobBilled` item, by source): the signed estimate's lines by stage, vendors'
 * bills marked rebillable, media bookings by month, approved hourly time at the client's bill
 * rate. Each line carries what its source had billed when the draft was made (`billedBefore`):
 * issuing takes it only if that is still so, in the issuing transaction.
 */

export interface BillableLine extends Omit<InvoiceLine, 'lineId'> {
  billedBefore: number;
  /** A time entry's key, marked billed in the issuing transaction. */
  timeEntry?: { date: string; entryId: string };
}

interface JobBilledView {
  billed: Record<string, number>;
  version: number;
}

const noRevenue: LineRevenue = { feesMinor: 0, commissionMinor: 0, rebilledMinor: 0, mediaNetMinor: 0 };

const monthOf = (date: string) => date.slice(0, 7);

/** The months from `first` to `last` (`yyyy-mm`), both included (just `first` when `last` is earlier). */
export function monthsBetween(first: string, last: string): string[] {
  const months = [first];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let i = 0; i < 120; i++) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const next = `${year}-${String(month).padStart(2, '0')}`;
    if (next > last) break;
    months.push(next);
  }
  return months;
}

interface Stage {
  stage: string;
  amount: Money;
  available: boolean;
}

/** A signed line's stages under the terms: what each bills and whether it is billable yet. */
export function stagesOf(
  line: { total: Money; category: LineCategory },
  terms: Pick<BillingTerms, 'schedule' | 'advancePercent'>,
  job: { completed: boolean; signedMonth: string; dueMonth?: string },
  throughMonth: string,
): Stage[] {
  const { total } = line;
  switch (terms.schedule) {
    case 'on_signature':
      return [{ stage: 'signature', amount: total, available: true }];
    case 'on_delivery':
      return [{ stage: 'delivery', amount: total, available: job.completed }];
    case 'advance': {
      const advance = percentOf(total, terms.advancePercent);
      return [
        { stage: 'advance', amount: advance, available: true },
        { stage: 'balance', amount: subtract(total, advance), available: job.completed },
      ];
    }
    case 'monthly': {
      if (line.category !== 'agency_fee')
        return [{ stage: 'delivery', amount: total, available: job.completed }];
      const months = monthsBetween(job.signedMonth, job.dueMonth ?? job.signedMonth);
      const parts = allocate(
        total,
        months.map(() => 1),
      );
      return months.map((month, i) => ({
        stage: `month-${month}`,
        amount: parts[i]!,
        available: month <= throughMonth,
      }));
    }
  }
}

const categoryRevenue = (category: LineCategory, amountMinor: number): LineRevenue =>
  category === 'agency_fee'
    ? { ...noRevenue, feesMinor: amountMinor }
    : { ...noRevenue, rebilledMinor: amountMinor };

function sameCurrency(amount: Money, terms: BillingTerms): void {
  if (amount.currency !== terms.currency) throw billingRefusal(409, 'currency_mismatch', [terms.currency]);
}

/** A stage of a signed line as the billing contact reads it ("on signature", "fees for March 2027"). */
function stageWords(stage: string, language: Language): string {
  const words = billingWords[language].lines.stage;
  if (stage.startsWith('month-')) return words.month(formatMonth(stage.slice('month-'.length), language));
  return words[stage as 'signature' | 'delivery' | 'advance' | 'balance'];
}

/**
 * Everything of `job` billable through `through` (YYYY-MM-DD) and not yet billed, each line
 * described in `language` (the billing contact's: the invoice is their document).
 */
export async function billableOfJob(
  clientId: string,
  job: Job,
  terms: BillingTerms,
  through: string,
  language: Language,
): Promise<BillableLine[]> {
  const words = billingWords[language].lines;
  const throughMonth = monthOf(through);
  const [[ledgerItem, billedItem], billItems, campaignItems, timeItems] = await Promise.all([
    getItems([JobSpendLedger.key(clientId, job.jobId), JobBilled.key(clientId, job.jobId)]),
    queryAll(VendorBill.ofJob(clientId, job.jobId)),
    queryAll(MediaCampaign.ofJob(job.jobId)),
    queryAll(TimeEntry.ofJob(job.jobId)),
  ]);
  const billed = billedItem ? fromItem<JobBilledView>(billedItem).billed : {};
  const lines: BillableLine[] = [];
  const base = { jobId: job.jobId, jobNumber: job.jobNumber };
  const add = (line: Omit<BillableLine, 'jobId' | 'jobNumber' | 'billedBefore'>) => {
    if (line.amount.amountMinor > 0) lines.push({ ...base, ...line, billedBefore: billed[line.source] ?? 0 });
  };

  // The signed estimate (media lines are billed from their bookings, by month).
  const ledger = ledgerItem as { signedEstimateId?: string; signedEstimateVersion?: number } | undefined;
  if (ledger?.signedEstimateId && ledger.signedEstimateVersion) {
    const [versionItem] = await getItems([
      EstimateVersionEntity.key(clientId, ledger.signedEstimateId, ledger.signedEstimateVersion),
    ]);
    const version = versionItem && fromItem<EstimateVersion & { signedAt?: string }>(versionItem);
    if (version) {
      const shape = {
        completed: job.status === 'completed',
        signedMonth: monthOf(version.signedAt ?? version.createdAt),
        dueMonth: job.dueDate ? monthOf(job.dueDate) : undefined,
      };
      for (const line of version.lines.filter((l) => l.category !== 'media')) {
        sameCurrency(line.total, terms);
        for (const stage of stagesOf(line, terms, shape, throughMonth)) {
          if (!stage.available) continue;
          const source = `estimate#${ledger.signedEstimateId}#${line.lineId}#${stage.stage}`;
          const due = stage.amount.amountMinor - (billed[source] ?? 0);
          if (due <= 0) continue;
          add({
            kind: 'estimate',
            source,
            description: words.estimateLine(line.lineId, line.description, stageWords(stage.stage, language)),
            amount: money(due, terms.currency),
            revenue: categoryRevenue(line.category, due),
          });
        }
      }
    }
  }

  // Vendors' bills passed on to the client.
  for (const bill of billItems.map((i: Item) => fromItem<VendorBillView>(i))) {
    if (!bill.rebillable || bill.billDate > through || billed[`bill#${bill.billId}`] !== undefined) continue;
    sameCurrency(bill.total, terms);
    const amount = withMarkup(bill.total, terms.rebillMarkupPercent);
    add({
      kind: 'rebill',
      source: `bill#${bill.billId}`,
      description: words.vendorBill(bill.billNumber, formatDay(bill.billDate, language)),
      amount,
      revenue: { ...noRevenue, rebilledMinor: amount.amountMinor },
    });
  }

  // Media bookings, by month of their lines' start.
  const bookings = (
    await Promise.all(
      campaignItems.map((c) => queryAll(Booking.ofCampaign(clientId, c.campaignId as string))),
    )
  )
    .flat()
    .map((i) => fromItem<BookingView>(i))
    .filter((b) => b.status !== 'cancelled');
  for (const booking of bookings) {
    const byMonth = new Map<string, number>();
    for (const line of booking.lines) {
      sameCurrency(line.cost, terms);
      const month = monthOf(line.startDate);
      byMonth.set(month, (byMonth.get(month) ?? 0) + line.cost.amountMinor);
    }
    for (const [month, grossMinor] of [...byMonth].sort()) {
      const source = `media#${booking.bookingId}#${month}`;
      if (month > throughMonth || billed[source] !== undefined) continue;
      const gross = money(grossMinor, terms.currency);
      const commission =
        terms.mediaRemuneration === 'commission'
          ? percentOf(gross, terms.mediaCommissionPercent)
          : money(0, terms.currency);
      const net = subtract(gross, commission);
      add({
        kind: 'media',
        source,
        description: words.media(booking.vendor, formatMonth(month, language)),
        amount: gross,
        media: { gross, commission, net },
        revenue: { ...noRevenue, commissionMinor: commission.amountMinor, mediaNetMinor: net.amountMinor },
      });
    }
  }

  // Approved hourly time at the client's bill rate, not yet billed.
  for (const entry of timeItems) {
    const billMinor = entry.billMinor as number | undefined;
    if (entry.status !== 'approved' || billMinor === undefined || entry.billedBy) continue;
    const date = entry.date as string;
    if (date > through) continue;
    if (entry.currency && entry.currency !== terms.currency)
      throw billingRefusal(409, 'currency_mismatch', [terms.currency]);
    const hours = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(
      (entry.minutes as number) / 60,
    );
    const activity = entry.activity as string | undefined;
    add({
      kind: 'time',
      source: `time#${date}#${entry.entryId as string}`,
      description: words.time(
        formatDay(date, language),
        words.activities[activity ?? 'other'] ?? words.activities.other!,
        hours,
      ),
      amount: money(billMinor, terms.currency),
      revenue: { ...noRevenue, feesMinor: billMinor },
      timeEntry: { date, entryId: entry.entryId as string },
    });
  }
  return lines;
}
