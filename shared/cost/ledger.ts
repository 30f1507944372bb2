import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import {
  fromItem,
  getItem,
  getItems,
  type Item,
  transact,
  updateWhen,
  type WriteOp,
} from '../platform/db/table.js';
import { AppError, conflict, unprocessable } from '../platform/errors.js';
import { formatMoney, type Money, money, multiply } from '../platform/money.js';
import { logger } from '../platform/telemetry.js';
import { JobSpendLedger } from './entities.js';
import { notifySpendThreshold } from './notices.js';

/**
 * The guard (issue 13 §2): committed spend on a job never passes the total the client signed.
 *
 * `JobSpendLedger` is one item per job. The estimates side writes what was signed
 * (`signedTotalMinor`, `currency`, `signedEstimateId`, `signedEstimateVersion`,
 * `estimateCarriesMedia`) and starts `committedMinor` at 0; this side only ever moves
 * `committedMinor`, with `ADD` in the transaction that writes the order (or the booking). DynamoDB
 * conditions cannot add, so the condition names the signed total it was computed against and the
 * most that may already be committed (`signed − amount`): parallel writers each see the committed
 * total as it is at their write, and none passes the limit. A signed total that moved meanwhile (a
 * change order) makes the writer read it again.
 */
export interface SpendLedger {
  signedTotalMinor?: number;
  currency?: string;
  committedMinor?: number;
  signedEstimateId?: string;
  signedEstimateVersion?: number;
  estimateCarriesMedia?: boolean;
  /** The signed total for which the 80 % / 100 % notices went out (once each per signed total). */
  notified80Of?: number;
  notified100Of?: number;
}

/** The signed total moved between our read and our write: read it again. */
export class SignedTotalMoved extends Error {}

/** A ledger with a signed total: what a commitment is checked against. */
export interface SignedLedger {
  signedTotal: Money;
  committed: Money;
  estimateCarriesMedia: boolean;
}

export async function readLedger(clientId: string, jobId: string): Promise<SpendLedger | undefined> {
  const item = await getItem(JobSpendLedger.key(clientId, jobId));
  return item ? fromItem<SpendLedger>(item) : undefined;
}

/**
 * The ledger as a commitment needs it, or the refusal in plain words: no estimate signed yet means
 * no spend may be committed at all (domain.md §4: the client signs the estimate before work is
 * committed).
 */
export function signedLedger(ledger: SpendLedger | undefined, jobNumber: string): SignedLedger {
  if (!ledger || typeof ledger.signedTotalMinor !== 'number' || !ledger.currency) {
    throw conflict(
      'no_signed_estimate',
      `Job ${jobNumber} has no estimate signed by the client yet, so no spend can be committed on it. Have the client sign the estimate first.`,
    );
  }
  return {
    signedTotal: money(ledger.signedTotalMinor, ledger.currency),
    committed: money(ledger.committedMinor ?? 0, ledger.currency),
    estimateCarriesMedia: ledger.estimateCarriesMedia === true,
  };
}

export const overSignedTotal = (amountOver: Money, signedTotal: Money, committed: Money, asked: Money) =>
  new AppError(
    409,
    'over_signed_total',
    'Conflict',
    `This would take committed spend on the job ${formatMoney(amountOver)} over the total the client signed (${formatMoney(signedTotal)}): ${formatMoney(committed)} is already committed and this asks for ${formatMoney(asked)}. Reduce it, or have the client sign a change order first.`,
    undefined,
    undefined,
    undefined,
    { amountOver },
  );

/** Refuses an amount in another currency than the job's signed estimate. */
export function sameCurrencyAsSigned(ledger: SignedLedger, amount: Money, field: string): void {
  if (amount.currency !== ledger.signedTotal.currency) {
    throw unprocessable(
      'currency_mismatch',
      `The client signed this job's estimate in ${ledger.signedTotal.currency}; spend on it must be in ${ledger.signedTotal.currency} too, not ${amount.currency}.`,
      field,
    );
  }
}

/**
 * The ledger's figures per calendar month, beside its running totals: `committed@yyyy-mm` (spend
 * committed in the month, net of what was released in it) and `billed@yyyy-mm` (vendors' bills
 * dated in the month). Flat attributes because DynamoDB's `ADD` works on top-level attributes only;
 * the transactions that commit, release and bill add to them, so the monthly reconciliation reads
 * one small item per job instead of every order and bill (`reconciliation.ts`).
 */
export type LedgerFigure = 'committed' | 'billed';
export const monthlyAttribute = (figure: LedgerFigure, month: string) => `${figure}@${month}`;

/** A ledger's monthly figures, as stored (`committed@2027-03: 120000`), by figure and month. */
export function monthlyFiguresOf(
  item: Record<string, unknown>,
): Record<LedgerFigure, Record<string, number>> {
  const figures: Record<LedgerFigure, Record<string, number>> = { committed: {}, billed: {} };
  for (const [name, value] of Object.entries(item)) {
    const match = /^(committed|billed)@(\d{4}-\d{2})$/.exec(name);
    if (match && typeof value === 'number') figures[match[1] as LedgerFigure][match[2]!] = value;
  }
  return figures;
}

/**
 * The write that commits `amount` to the job's ledger (in the month of `at`), for the transaction of
 * the order or booking it pays for. Fails with `over_signed_total` (the amount over) or
 * `SignedTotalMoved`.
 */
export function commitToLedger(
  clientId: string,
  jobId: string,
  ledger: SignedLedger,
  amount: Money,
  at: string,
): WriteOp {
  const signed = ledger.signedTotal.amountMinor;
  return updateWhen(
    JobSpendLedger.key(clientId, jobId),
    {
      expression: 'ADD #committed :amount, #inMonth :amount',
      condition: '#signed = :signed AND #currency = :currency AND #committed <= :maxBefore',
      names: {
        '#committed': 'committedMinor',
        '#inMonth': monthlyAttribute('committed', at.slice(0, 7)),
        '#signed': 'signedTotalMinor',
        '#currency': 'currency',
      },
      values: {
        ':amount': amount.amountMinor,
        ':signed': signed,
        ':currency': amount.currency,
        ':maxBefore': signed - amount.amountMinor,
      },
    },
    (current) => {
      if (!current || current.signedTotalMinor !== signed || current.currency !== amount.currency) {
        return new SignedTotalMoved();
      }
      const committed = money(Number(current.committedMinor ?? 0), amount.currency);
      const over = money(committed.amountMinor + amount.amountMinor - signed, amount.currency);
      return overSignedTotal(over, ledger.signedTotal, committed, amount);
    },
  );
}

/**
 * The write that gives `amount` back to the job's ledger (a cancelled order, a released booking), in
 * the month of `at`, for the transaction that cancels it. Committed spend never goes below zero:
 * a ledger that does not hold the amount is a bug, not a state to write.
 */
export function releaseFromLedger(clientId: string, jobId: string, amount: Money, at: string): WriteOp {
  return updateWhen(
    JobSpendLedger.key(clientId, jobId),
    {
      expression: 'ADD #committed :minus, #inMonth :minus',
      condition: '#currency = :currency AND #committed >= :amount',
      names: {
        '#committed': 'committedMinor',
        '#inMonth': monthlyAttribute('committed', at.slice(0, 7)),
        '#currency': 'currency',
      },
      values: { ':minus': -amount.amountMinor, ':amount': amount.amountMinor, ':currency': amount.currency },
    },
    () =>
      conflict(
        'ledger_mismatch',
        "The job's spend ledger does not hold this commitment, so it cannot be released. Nothing was changed.",
      ),
  );
}

/** The write that adds a vendor's bill to the job's ledger, in the month of its bill date. */
export function billToLedger(clientId: string, jobId: string, amount: Money, billDate: string): WriteOp {
  return updateWhen(
    JobSpendLedger.key(clientId, jobId),
    {
      expression: 'ADD #billed :amount, #inMonth :amount',
      condition: 'attribute_exists(PK)',
      names: { '#billed': 'billedMinor', '#inMonth': monthlyAttribute('billed', billDate.slice(0, 7)) },
      values: { ':amount': amount.amountMinor },
    },
    () => conflict('ledger_mismatch', 'The job has no spend ledger to bill against. Nothing was changed.'),
  );
}

const thresholds = [80, 100] as const;

/**
 * After a commitment: tells the job's AE and the client's AM once when committed spend reaches 80 %
 * and once at 100 % of the signed total. "Once" is a conditional update of the ledger naming the
 * signed total it was sent for, so concurrent commitments send one notice, and a change order
 * (a new signed total) arms the thresholds again. The commitment is recorded whatever happens
 * here, so nothing fails its answer: a notice whose email failed gives its claim back (the next
 * commitment of the job tells them; someone may hear twice, nobody never), and is logged.
 */
export async function noticeThresholds(clientId: string, jobId: string): Promise<void> {
  try {
    const [ledgerItem, jobItem] = await getItems([
      JobSpendLedger.key(clientId, jobId),
      Job.key(clientId, jobId),
    ]);
    if (!ledgerItem || !jobItem) return;
    const ledger = fromItem<SpendLedger>(ledgerItem);
    if (typeof ledger.signedTotalMinor !== 'number' || !ledger.currency || ledger.signedTotalMinor <= 0)
      return;
    const signed = money(ledger.signedTotalMinor, ledger.currency);
    const committed = money(ledger.committedMinor ?? 0, ledger.currency);
    for (const percent of thresholds) {
      if (committed.amountMinor < multiply(signed, { numerator: percent, denominator: 100 }).amountMinor)
        continue;
      const attribute = `notified${percent}Of`;
      if ((ledger as Record<string, unknown>)[attribute] === signed.amountMinor) continue;
      if (!(await claimThreshold(clientId, jobId, attribute, signed.amountMinor))) continue;
      try {
        await notifySpendThreshold(fromItem<JobView>(jobItem as Item), percent, signed, committed);
      } catch (error) {
        await releaseThreshold(clientId, jobId, attribute, signed.amountMinor);
        throw error;
      }
    }
  } catch (error) {
    logger.warn('A spend threshold notice was not sent; the next commitment of the job sends it', {
      jobId,
      error,
    });
  }
}

/** Gives back a threshold's claim whose notice did not go (only the claim for that signed total). */
async function releaseThreshold(clientId: string, jobId: string, attribute: string, signed: number) {
  await transact([
    updateWhen(
      JobSpendLedger.key(clientId, jobId),
      {
        expression: 'REMOVE #notified',
        condition: '#notified = :signed',
        names: { '#notified': attribute },
        values: { ':signed': signed },
      },
      () => new AlreadyNotified(),
    ),
  ]).catch((error) => {
    if (!(error instanceof AlreadyNotified)) throw error;
  });
}

class AlreadyNotified extends Error {}

async function claimThreshold(clientId: string, jobId: string, attribute: string, signed: number) {
  try {
    await transact([
      updateWhen(
        JobSpendLedger.key(clientId, jobId),
        {
          expression: 'SET #notified = :signed',
          condition: 'attribute_not_exists(#notified) OR #notified <> :signed',
          names: { '#notified': attribute },
          values: { ':signed': signed },
        },
        () => new AlreadyNotified(),
      ),
    ]);
    return true;
  } catch (error) {
    if (error instanceof AlreadyNotified) return false;
    throw error;
  }
}
