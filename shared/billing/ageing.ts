import { Client as ClientEntity } from '../accounts/entities.js';
import { type Client, clientView, openClient } from '../accounts/index.js';
import { CreditStanding } from '../cost/entities.js';
import { afterCommit } from '../platform/after-commit.js';
import {
  fromItem,
  getItem,
  getItems,
  type Item,
  putNew,
  putWhen,
  queryAll,
  queryPage,
  TransactionRaceError,
  transact,
  updateWhen,
  type WriteOp,
} from '../platform/db/table.js';
import { formatMoney, type Money, maxMinorUnits, money, sum } from '../platform/money.js';
import { now } from '../platform/records.js';
import { localDate } from '../platform/working-days.js';
import {
  BillingTerms as BillingTermsEntity,
  BillingTotals as BillingTotalsEntity,
  Invoice as InvoiceEntity,
  Payment as PaymentEntity,
} from './entities.js';
import type { AgeingBucket, BillingTerms, ClientAgeing, Invoice, Payment } from './schemas.js';
import { billingRefusal } from './terms.js';

/**
 * Ageing (issue 14 §2): what each client owes by how long it is overdue — current (not yet due),
 * 1–30, 31–60, 61–90 and over 90 days past the due date — counted in calendar days to today on the
 * client's calendar (its time zone). The client's credit standing follows from it: over its credit
 * limit, or anything 60 or more days overdue, flags new purchase orders for an account director.
 */

const dayMs = 86_400_000;

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

export function bucketOf(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return 'days1to30';
  if (daysOverdue <= 60) return 'days31to60';
  if (daysOverdue <= 90) return 'days61to90';
  return 'over90';
}

type OpenInvoice = Pick<Invoice, 'invoiceId' | 'number' | 'dueOn' | 'balance' | 'chasing'>;

/** The ageing of a client's open invoices on `asOf` (pure: the bench runs it on 2,000 invoices). */
export function ageInvoices(
  invoices: readonly OpenInvoice[],
  asOf: string,
  currency: string,
): Pick<ClientAgeing, 'buckets' | 'outstanding' | 'invoices'> {
  const totals: Record<AgeingBucket, number> = {
    current: 0,
    days1to30: 0,
    days31to60: 0,
    days61to90: 0,
    over90: 0,
  };
  const rows = invoices
    .filter((i) => i.balance.amountMinor > 0 && i.dueOn)
    .map((i) => {
      const daysOverdue = Math.max(0, daysBetween(i.dueOn!, asOf));
      const bucket = bucketOf(daysOverdue);
      totals[bucket] += i.balance.amountMinor;
      return {
        invoiceId: i.invoiceId,
        number: i.number ?? '',
        dueOn: i.dueOn!,
        daysOverdue,
        bucket,
        balance: i.balance,
        chasing: i.chasing,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number));
  const buckets = Object.fromEntries(
    Object.entries(totals).map(([k, v]) => [k, money(v, currency)]),
  ) as Record<AgeingBucket, ReturnType<typeof money>>;
  return {
    buckets,
    outstanding: sum(Object.values(buckets), currency),
    invoices: rows,
  };
}

const openInvoices = (items: Item[]) =>
  items
    .map((i) => fromItem<Invoice>(i))
    .filter((i) => i.kind === 'invoice' && i.status === 'issued' && i.balance.amountMinor > 0);

/** A client's ageing from its items (client, terms, invoices, payments already read). */
function ageingOf(
  client: Client,
  terms: BillingTerms | undefined,
  invoiceItems: Item[],
  paymentItems: Item[],
  at: Date,
): ClientAgeing {
  const asOf = localDate(at, client.calendar.timeZone);
  const currency =
    terms?.currency ?? invoiceItems.map((i) => (i.total as { currency: string }).currency)[0] ?? 'USD';
  const aged = ageInvoices(openInvoices(invoiceItems), asOf, currency);
  const unappliedCredit = sum(
    paymentItems.map((p) => fromItem<Payment>(p).unapplied).filter((m) => m.currency === currency),
    currency,
  );
  const overdue60 = aged.invoices.some((i) => i.daysOverdue >= 60);
  const overLimit =
    terms?.creditLimit !== undefined && aged.outstanding.amountMinor > terms.creditLimit.amountMinor;
  return {
    clientId: client.clientId,
    clientName: client.name,
    asOf,
    currency,
    ...aged,
    unappliedCredit,
    ...(terms?.creditLimit ? { creditLimit: terms.creditLimit } : {}),
    creditHold: overdue60 || overLimit,
  };
}

/** What ageing reads of an invoice: DynamoDB fills its 1 MB pages with more invoices (no lines). */
const ageingFields = ['invoiceId', 'number', 'kind', 'status', 'dueOn', 'total', 'balance', 'chasing'];

async function invoicesForAgeing(clientId: string): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(InvoiceEntity.ofClient(clientId), {
      limit: 5000,
      nextToken,
      attributes: ageingFields,
    });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/**
 * The client's running totals (`BillingTotals`), made on first use from its invoices and payments
 * as they stand. Every write that moves what a client owes or holds as credit updates them on
 * `attribute_exists(PK)` — never creating them from one change alone — so a total made here from
 * reads can miss no write: one that ran before the reads is in them, and one after needed the item
 * to exist already, in which case this put (`attribute_not_exists`) is the one that fails.
 */
export async function ensureBillingTotals(clientId: string): Promise<void> {
  const key = BillingTotalsEntity.key(clientId);
  if (await getItem(key)) return;
  const [invoiceItems, paymentItems] = await Promise.all([
    invoicesForAgeing(clientId),
    queryAll(PaymentEntity.ofClient(clientId)),
  ]);
  const creditMinor: Record<string, number> = {};
  for (const { unapplied } of paymentItems.map((p) => fromItem<Payment>(p)))
    creditMinor[unapplied.currency] = (creditMinor[unapplied.currency] ?? 0) + unapplied.amountMinor;
  const item = {
    ...key,
    itemType: BillingTotalsEntity.type,
    clientId,
    outstandingMinor: openInvoices(invoiceItems).reduce((s, i) => s + i.balance.amountMinor, 0),
    creditMinor,
  };
  try {
    await transact([putNew(item, () => new TotalsMadeMeanwhile())]);
  } catch (error) {
    // Another request made them from the same invoices and payments: theirs stand.
    if (!(error instanceof TotalsMadeMeanwhile || error instanceof TransactionRaceError)) throw error;
  }
}

class TotalsMadeMeanwhile extends Error {}

/**
 * The write that moves the client's running totals by what the transaction it joins does: what
 * is owed (`outstandingMinor`, up for an issue, down for a payment or a credit note applied) and
 * the credit in `credit`'s currency. A rise holds only while the total stays within what
 * Account Desk holds (`maxMinorUnits`): past it, the client's ageing and credit standing could
 * not be computed. Checked in the write itself, so of two requests at once that together would
 * pass it one is refused (422, nothing of it written) however they interleave.
 */
export function billingTotalsMoved(
  clientId: string,
  change: { outstandingMinor?: number; credit?: Money },
  creditField?: string,
): WriteOp {
  const outstanding = change.outstandingMinor ?? 0;
  const credit = change.credit?.amountMinor ?? 0;
  const sets: string[] = [];
  const conditions = ['attribute_exists(PK)'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (outstanding !== 0) {
    sets.push('#outstanding = #outstanding + :outstanding');
    names['#outstanding'] = 'outstandingMinor';
    values[':outstanding'] = outstanding;
    if (outstanding > 0) {
      conditions.push('#outstanding <= :outstandingRoom');
      values[':outstandingRoom'] = maxMinorUnits - outstanding;
    }
  }
  if (credit !== 0) {
    sets.push('#credit.#currency = if_not_exists(#credit.#currency, :zero) + :credit');
    names['#credit'] = 'creditMinor';
    names['#currency'] = change.credit!.currency;
    values[':credit'] = credit;
    values[':zero'] = 0;
    if (credit > 0) {
      conditions.push('(attribute_not_exists(#credit.#currency) OR #credit.#currency <= :creditRoom)');
      values[':creditRoom'] = maxMinorUnits - credit;
    }
  }
  return updateWhen(
    BillingTotalsEntity.key(clientId),
    { expression: `SET ${sets.join(', ')}`, condition: conditions.join(' AND '), names, values },
    (current) => {
      // Only while another request is still making them (`ensureBillingTotals`): read again.
      if (!current) return new TransactionRaceError();
      if (outstanding > 0 && (current.outstandingMinor as number) > maxMinorUnits - outstanding)
        return billingRefusal(422, 'outstanding_out_of_range', []);
      return billingRefusal(422, 'credit_out_of_range', [], creditField);
    },
  );
}

async function readAgeing(clientId: string, at: Date): Promise<ClientAgeing> {
  const [[clientItem, termsItem], invoiceItems, paymentItems] = await Promise.all([
    getItems([ClientEntity.key(clientId), BillingTermsEntity.key(clientId)]),
    invoicesForAgeing(clientId),
    queryAll(PaymentEntity.ofClient(clientId)),
  ]);
  return ageingOf(
    clientView(clientItem!),
    termsItem && fromItem<BillingTerms>(termsItem),
    invoiceItems,
    paymentItems,
    at,
  );
}

export async function getClientAgeing(actorId: string, clientId: string): Promise<ClientAgeing> {
  await openClient(actorId, clientId);
  return readAgeing(clientId, new Date());
}

/** The refresh read the standing before another change marked it: that change's refresh writes it. */
class StandingMarkedMeanwhile extends Error {}

/**
 * Joins a transaction that changes what the client owes: marks the client's credit standing due
 * for a refresh, so a refresh that fails after the commit is not lost (`refreshDueCreditStandings`).
 */
export function creditStandingDue(clientId: string): WriteOp {
  const due = CreditStanding.refreshDue(clientId);
  return updateWhen(CreditStanding.key(clientId), {
    expression:
      'SET #itemType = if_not_exists(#itemType, :type), #clientId = :clientId, #gsiPk = :gsiPk, #gsiSk = :gsiSk ADD #due :one',
    names: {
      '#itemType': 'itemType',
      '#clientId': 'clientId',
      '#gsiPk': 'GSI2PK',
      '#gsiSk': 'GSI2SK',
      '#due': 'refreshesDue',
    },
    values: {
      ':type': CreditStanding.type,
      ':clientId': clientId,
      ':gsiPk': due.GSI2PK,
      ':gsiSk': due.GSI2SK,
      ':one': 1,
    },
  });
}

/**
 * Writes the client's credit standing (read by cost where purchase orders are raised) from its
 * ageing now: after an issue, a payment, and by the collections job as days pass. It clears the
 * refresh marks it read before reading the ageing; a change marked meanwhile keeps its mark (and
 * this write is left to that change's own refresh, or the job's).
 */
export async function refreshCreditStanding(clientId: string, at = new Date()): Promise<ClientAgeing> {
  const key = CreditStanding.key(clientId);
  const marks = ((await getItem(key))?.refreshesDue as number | undefined) ?? 0;
  const ageing = await readAgeing(clientId, at);
  const reasons: string[] = [];
  if (ageing.creditLimit && ageing.outstanding.amountMinor > ageing.creditLimit.amountMinor)
    reasons.push(
      `${ageing.clientName} owes ${formatMoney(ageing.outstanding)}, over its credit limit of ${formatMoney(ageing.creditLimit)}.`,
    );
  const oldest = ageing.invoices[0];
  if (oldest && oldest.daysOverdue >= 60)
    reasons.push(`Invoice ${oldest.number} is ${oldest.daysOverdue} days overdue.`);
  try {
    await transact([
      putWhen(
        {
          ...key,
          itemType: CreditStanding.type,
          clientId,
          flagged: reasons.length > 0,
          reasons,
          outstanding: ageing.outstanding,
          oldestOverdueDays: oldest?.daysOverdue ?? 0,
          refreshesDue: 0,
          updatedAt: now(),
        },
        {
          expression: 'attribute_not_exists(#due) OR #due = :marks',
          names: { '#due': 'refreshesDue' },
          values: { ':marks': marks },
        },
        () => new StandingMarkedMeanwhile(),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof StandingMarkedMeanwhile)) throw error;
  }
  return ageing;
}

/**
 * The refresh right after a committed change of what the client owes: the change is done whatever
 * happens here, so a failure leaves the standing marked for the collections job and is logged.
 */
export async function refreshCreditStandingAfterChange(clientId: string): Promise<void> {
  await afterCommit(
    'The credit standing was not refreshed; the collections job refreshes it',
    { clientId },
    () => refreshCreditStanding(clientId),
  );
}

/** Refreshes every credit standing left marked (the collections job's first step); returns how many. */
export async function refreshDueCreditStandings(at: Date): Promise<number> {
  const due = await queryAll(CreditStanding.due());
  for (const item of due) await refreshCreditStanding(item.clientId as string, at);
  return due.length;
}
