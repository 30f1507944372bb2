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
 * The write that commits `amount` to the job's ledger, for the transaction of the order or
 * booking it pays for. Fails with `over_signed_total` (the amount over) or `SignedTotalMoved`.
 */
export function commitToLedger(
  clientId: string,
  jobId: string,
  ledger: SignedLedger,
  amount: Money,
): WriteOp {
  const signed = ledger.signedTotal.amountMinor;
  return updateWhen(
    JobSpendLedger.key(clientId, jobId),
    {
      expression: 'ADD #committed :amount',
      condition: '#signed = :signed AND #currency = :currency AND #committed <= :maxBefore',
      names: { '#committed': 'committedMinor', '#signed': 'signedTotalMinor', '#currency': 'currency' },
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

const thresholds = [80, 100] as const;

/**
 * After a commitment: tells the job's AE and the client's AM once when committed spend reaches 80 %
 * and once at 100 % of the signed total. "Once" is a conditional update of the ledger naming the
 * signed total it was sent for, so concurrent commitments send one notice, and a change order
 * (a new signed total) arms the thresholds again.
 */
export async function noticeThresholds(clientId: string, jobId: string): Promise<void> {
  const [ledgerItem, jobItem] = await getItems([
    JobSpendLedger.key(clientId, jobId),
    Job.key(clientId, jobId),
  ]);
  if (!ledgerItem || !jobItem) return;
  const ledger = fromItem<SpendLedger>(ledgerItem);
  if (typeof ledger.signedTotalMinor !== 'number' || !ledger.currency || ledger.signedTotalMinor <= 0) return;
  const signed = money(ledger.signedTotalMinor, ledger.currency);
  const committed = money(ledger.committedMinor ?? 0, ledger.currency);
  for (const percent of thresholds) {
    if (committed.amountMinor < multiply(signed, { numerator: percent, denominator: 100 }).amountMinor)
      continue;
    const attribute = `notified${percent}Of`;
    if ((ledger as Record<string, unknown>)[attribute] === signed.amountMinor) continue;
    if (!(await claimThreshold(clientId, jobId, attribute, signed.amountMinor))) continue;
    await notifySpendThreshold(fromItem<JobView>(jobItem as Item), percent, signed, committed);
  }
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
