import { authorize, clientView, openClient, openOwnedItem } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  backoff,
  fromItem,
  getItem,
  type Item,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
  updateWhen,
  type WriteOp,
} from '../platform/db/table.js';
import { notFound } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { formatMoney, type Money, money } from '../platform/money.js';
import { newRecord, now } from '../platform/records.js';
import { localDate } from '../platform/working-days.js';
import {
  billingTotalsMoved,
  creditStandingDue,
  ensureBillingTotals,
  refreshCreditStandingAfterChange,
} from './ageing.js';
import { Invoice as InvoiceEntity, Payment as PaymentEntity } from './entities.js';
import type { ApplyPaymentInput, Invoice, Payment, RecordPaymentInput } from './schemas.js';
import { billingRefusal, termsOf } from './terms.js';

/**
 * Payments (issue 14 §2): money received from the client, applied to its issued invoices —
 * partly, wholly, or beyond what one owes (the excess stays on the payment, unapplied: the
 * client's credit, applied later; so is what a credit note credits beyond what its invoice owes).
 * Applying is one transaction of two conditional writes: the
 * payment's unapplied amount goes down only if enough is left, and the invoice's paid amount goes
 * up only if it is still what was read — so the sum applied to an invoice never passes its total,
 * however many applications run at once. Paid in full, the invoice leaves the receivables index
 * (chasing stops at that moment). Recording and applying move the client's running totals in the
 * same transaction (`billingTotalsMoved`): a payment that would put its credit past what Account
 * Desk holds is refused there, however many are recorded at once.
 */

/**
 * The client's credit from a credit note that credits more than the invoice it corrects still
 * owes (issue 14 §1): kept like an overpayment's excess, as a payment whose amount is all
 * unapplied, written in the note's issuing transaction and applied later like any other.
 */
export function creditOfNote(credit: {
  clientId: string;
  creditNoteId: string;
  creditNoteNumber: string;
  correctsNumber: string;
  amount: Money;
  issuedOn: string;
  issuedBy: string;
}): Item {
  const paymentId = newScopedId(credit.clientId);
  return newRecord(PaymentEntity.type, PaymentEntity.key(credit.clientId, paymentId), {}, {
    paymentId,
    clientId: credit.clientId,
    amount: credit.amount,
    receivedOn: credit.issuedOn,
    reference: `${credit.creditNoteNumber} (${credit.correctsNumber})`,
    creditNote: { invoiceId: credit.creditNoteId, number: credit.creditNoteNumber },
    applications: [],
    unapplied: credit.amount,
    recordedBy: credit.issuedBy,
  } satisfies Omit<Payment, 'version' | 'createdAt' | 'updatedAt'>);
}

/** Concurrent applications to one invoice meet on its paid amount: the loser reads it again. */
const maxAttempts = 40;

class PaidMeanwhile extends Error {}

/** The writes that apply `amount` of a payment to an invoice as read. */
function applicationWrites(payment: Payment, invoice: Invoice, amount: Money, at: string): WriteOp[] {
  const paidMinor = invoice.paid.amountMinor + amount.amountMinor;
  const balanceMinor = invoice.total.amountMinor - paidMinor;
  const settled = balanceMinor === 0;
  return [
    updateWhen(
      InvoiceEntity.key(invoice.clientId, invoice.invoiceId),
      {
        expression: `SET #paid = :paid, #balance = :balance, #status = :status${settled ? ' REMOVE GSI2PK, GSI2SK' : ''}`,
        condition:
          '#paid.amountMinor = :paidBefore AND #kind = :invoice AND #status = :issued AND #total.amountMinor >= :paidAfter',
        names: {
          '#paid': 'paid',
          '#balance': 'balance',
          '#status': 'status',
          '#kind': 'kind',
          '#total': 'total',
        },
        values: {
          ':paid': money(paidMinor, amount.currency),
          ':balance': money(balanceMinor, amount.currency),
          ':status': settled ? 'paid' : 'issued',
          ':paidBefore': invoice.paid.amountMinor,
          ':paidAfter': paidMinor,
          ':invoice': 'invoice',
          ':issued': 'issued',
        },
      },
      () => new PaidMeanwhile(),
    ),
    updateWhen(
      PaymentEntity.key(payment.clientId, payment.paymentId),
      {
        expression:
          'SET #unapplied.amountMinor = #unapplied.amountMinor - :amount, #applications = list_append(#applications, :application), #version = #version + :one, #updatedAt = :at',
        condition: '#unapplied.amountMinor >= :amount',
        names: {
          '#unapplied': 'unapplied',
          '#applications': 'applications',
          '#version': 'version',
          '#updatedAt': 'updatedAt',
        },
        values: {
          ':amount': amount.amountMinor,
          ':application': [{ invoiceId: invoice.invoiceId, number: invoice.number, amount, appliedAt: at }],
          ':one': 1,
          ':at': at,
        },
      },
      () => billingRefusal(422, 'over_unapplied', [formatMoney(payment.unapplied)], 'body.amount'),
    ),
  ];
}

async function readInvoice(clientId: string, invoiceId: string, field: string): Promise<Invoice> {
  const item = await getItem(InvoiceEntity.key(clientId, invoiceId));
  if (!item) throw billingRefusal(422, 'not_issued', [], field);
  const invoice = fromItem<Invoice>(item);
  if (invoice.kind !== 'invoice' || (invoice.status !== 'issued' && invoice.status !== 'paid'))
    throw billingRefusal(422, 'not_issued', [], field);
  return invoice;
}

/** Applies `amount` of a stored payment to an invoice, retrying when another application got there first. */
async function apply(
  actorId: string,
  clientId: string,
  paymentId: string,
  invoiceId: string,
  amount: Money | 'whatIsOwed',
  field: string,
): Promise<void> {
  await ensureBillingTotals(clientId);
  for (let attempt = 0; ; attempt++) {
    const [invoice, paymentItem] = await Promise.all([
      readInvoice(clientId, invoiceId, field),
      getItem(PaymentEntity.key(clientId, paymentId)),
    ]);
    const payment = fromItem<Payment>(paymentItem!);
    const asked =
      amount === 'whatIsOwed'
        ? money(Math.min(payment.unapplied.amountMinor, invoice.balance.amountMinor), payment.amount.currency)
        : amount;
    if (asked.currency !== invoice.total.currency)
      throw billingRefusal(422, 'currency_mismatch', [invoice.total.currency], 'body.amount');
    if (asked.amountMinor === 0) return;
    if (asked.amountMinor > invoice.balance.amountMinor)
      throw billingRefusal(422, 'over_invoice', [formatMoney(invoice.balance)], 'body.amount');
    const at = now();
    try {
      await transact([
        ...applicationWrites(payment, invoice, asked, at),
        billingTotalsMoved(clientId, {
          outstandingMinor: -asked.amountMinor,
          credit: money(-asked.amountMinor, asked.currency),
        }),
        creditStandingDue(clientId),
        clientAuditEvent(clientId, {
          actorId,
          action: 'payment.applied',
          entityType: 'invoice',
          entityId: invoiceId,
          before: { version: invoice.version },
          after: { version: invoice.version },
        }),
      ]);
      return;
    } catch (error) {
      const raced = error instanceof PaidMeanwhile || error instanceof TransactionRaceError;
      if (!raced || attempt + 1 >= maxAttempts) throw error;
      await backoff(Math.min(attempt, 5));
    }
  }
}

async function paymentView(clientId: string, paymentId: string): Promise<Payment> {
  const item = await getItem(PaymentEntity.key(clientId, paymentId));
  if (!item) throw notFound('Payment');
  return fromItem<Payment>(item);
}

/** Records money received; applied to `invoiceId` up to what it owes, the rest kept as the client's credit. */
export async function recordPayment(
  actorId: string,
  clientId: string,
  input: RecordPaymentInput,
  idempotency?: IdempotencyRequest,
) {
  const outcome = await createOnce<Payment>(actorId, idempotency, async (remember) => {
    const { caller, clientItem } = await openClient(actorId, clientId);
    authorize(caller, 'payment.record');
    if (input.amount.amountMinor === 0)
      throw billingRefusal(422, 'zero_amount', [], 'body.amount.amountMinor');
    // Today on the client's calendar, as its invoices are dated and its ageing counted.
    if (input.receivedOn > localDate(new Date(), clientView(clientItem).calendar.timeZone))
      throw billingRefusal(422, 'payment_in_future', [], 'body.receivedOn');
    // Checked before anything is written: the payment is refused whole, never kept unapplied.
    const currency = input.invoiceId
      ? (await readInvoice(clientId, input.invoiceId, 'body.invoiceId')).total.currency
      : (await termsOf(clientView(clientItem))).currency;
    if (input.amount.currency !== currency)
      throw billingRefusal(422, 'currency_mismatch', [currency], 'body.amount');
    await ensureBillingTotals(clientId);
    const paymentId = newScopedId(clientId);
    const item = newRecord(
      PaymentEntity.type,
      PaymentEntity.key(clientId, paymentId),
      {},
      {
        paymentId,
        clientId,
        amount: input.amount,
        receivedOn: input.receivedOn,
        reference: input.reference,
        applications: [],
        unapplied: input.amount,
        recordedBy: caller.staffId,
      },
    );
    const writes = [
      putNew(item),
      billingTotalsMoved(clientId, { credit: input.amount }, 'body.amount.amountMinor'),
      clientAuditEvent(clientId, {
        actorId,
        action: 'payment.recorded',
        entityType: 'payment',
        entityId: paymentId,
        after: item,
      }),
      ...remember(fromItem<Payment>(item)),
    ];
    // Payments recorded at once meet on the client's totals: the one that lost the race tries again.
    for (let attempt = 0; ; attempt++) {
      try {
        await transact(writes);
        return fromItem<Payment>(item);
      } catch (error) {
        if (!(error instanceof TransactionRaceError) || attempt + 1 >= maxAttempts) throw error;
        await backoff(Math.min(attempt, 5));
      }
    }
  });
  if (outcome.replayed) return outcome;
  const { result } = outcome;
  if (input.invoiceId) {
    await apply(actorId, clientId, result.paymentId, input.invoiceId, 'whatIsOwed', 'body.invoiceId');
    await refreshCreditStandingAfterChange(clientId);
  }
  return { result: await paymentView(clientId, result.paymentId), replayed: false };
}

/** Applies unapplied money of a payment to an invoice. */
export async function applyPayment(
  actorId: string,
  paymentId: string,
  input: ApplyPaymentInput,
): Promise<Payment> {
  const { caller, clientId, item } = await openOwnedItem<Payment>(actorId, paymentId, 'Payment', (c) =>
    PaymentEntity.key(c, paymentId),
  );
  authorize(caller, 'payment.record');
  if (input.amount.amountMinor === 0) throw billingRefusal(422, 'zero_amount', [], 'body.amount.amountMinor');
  if (input.amount.amountMinor > item.unapplied.amountMinor)
    throw billingRefusal(422, 'over_unapplied', [formatMoney(item.unapplied)], 'body.amount');
  await apply(actorId, clientId, paymentId, input.invoiceId, input.amount, 'body.invoiceId');
  await refreshCreditStandingAfterChange(clientId);
  return paymentView(clientId, paymentId);
}

export async function listPayments(actorId: string, clientId: string): Promise<Payment[]> {
  await openClient(actorId, clientId);
  return (await queryAll(PaymentEntity.ofClient(clientId)))
    .map((i: Item) => fromItem<Payment>(i))
    .sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.createdAt.localeCompare(a.createdAt));
}
