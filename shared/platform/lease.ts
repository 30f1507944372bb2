import { fromItem, getItem, putWhen, TransactionRaceError, transact } from './db/table.js';
import { Lease } from './entities.js';

/** A lease as stored: who holds it until when, and what the last holder left for those who waited. */
export interface LeaseRecord {
  work: string;
  subjectId: string;
  holder: string;
  /** Epoch ms; 0 once let go. */
  leaseUntil: number;
  /** What the last holder's work produced (an id), when it finished. */
  outcome?: string;
  takenAt: string;
  releasedAt?: string;
}

class Taken extends Error {}

const itemOf = (lease: LeaseRecord) => ({
  ...Lease.key(lease.work, lease.subjectId),
  itemType: Lease.type,
  ...lease,
  // Removed by TTL a day after it was last written.
  expiresAt: Math.floor(Date.now() / 1000) + 24 * 3600,
});

/**
 * Takes the lease for `holder` for `ms`, unless someone else holds it and it has not lapsed:
 * then answers that lease. One conditional write, so of two takers at once exactly one wins.
 */
export async function takeLease(
  work: string,
  subjectId: string,
  holder: string,
  ms: number,
): Promise<{ taken: true } | { taken: false; current: LeaseRecord | undefined }> {
  const lease: LeaseRecord = {
    work,
    subjectId,
    holder,
    leaseUntil: Date.now() + ms,
    takenAt: new Date().toISOString(),
  };
  try {
    await transact([
      putWhen(
        itemOf(lease),
        {
          expression: 'attribute_not_exists(PK) OR #leaseUntil < :now',
          names: { '#leaseUntil': 'leaseUntil' },
          values: { ':now': Date.now() },
        },
        () => new Taken(),
      ),
    ]);
    return { taken: true };
  } catch (error) {
    if (!(error instanceof Taken) && !(error instanceof TransactionRaceError)) throw error;
    return { taken: false, current: await readLease(work, subjectId) };
  }
}

export async function readLease(work: string, subjectId: string): Promise<LeaseRecord | undefined> {
  const item = await getItem(Lease.key(work, subjectId));
  return item ? fromItem<LeaseRecord>(item) : undefined;
}

/** Lets the lease go (only while `holder` still holds it), leaving the work's outcome, if any. */
export async function releaseLease(
  work: string,
  subjectId: string,
  holder: string,
  outcome?: string,
): Promise<void> {
  const current = await readLease(work, subjectId);
  if (!current || current.holder !== holder) return;
  try {
    await transact([
      putWhen(
        itemOf({ ...current, leaseUntil: 0, outcome, releasedAt: new Date().toISOString() }),
        { expression: '#holder = :holder', names: { '#holder': 'holder' }, values: { ':holder': holder } },
        () => new Taken(),
      ),
    ]);
  } catch (error) {
    // Lapsed and taken by another meanwhile: theirs now.
    if (!(error instanceof Taken)) throw error;
  }
}
