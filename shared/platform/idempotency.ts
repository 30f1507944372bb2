import { getItem, putNew, type WriteOp } from './db/table.js';
import { IdempotencyRecord } from './entities.js';
import { unprocessable } from './errors.js';
import { now } from './records.js';

/** An Idempotency-Key with the fingerprint of the request it came with. */
export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
}

/** How long a key is remembered. */
const retentionSeconds = 24 * 60 * 60;

const reused = () =>
  unprocessable(
    'idempotency_key_reused',
    'This Idempotency-Key was already used with a different request.',
    'header.idempotency-key',
  );

class ConcurrentFirstRequest extends Error {
  constructor(readonly stored: Record<string, unknown>) {
    super('A concurrent request with the same Idempotency-Key won');
  }
}

function storedResult<T>(
  record: Record<string, unknown> | undefined,
  request: IdempotencyRequest,
): T | undefined {
  if (!record || (record.expiresAt as number) * 1000 < Date.now()) return undefined;
  if (record.fingerprint !== request.fingerprint) throw reused();
  return record.result as T;
}

/**
 * Runs a create at most once per (caller, key). The create writes its result's record
 * in its own transaction (through `remember`), so a result and its replay record exist
 * together or not at all; a replay returns the first result without writing anything.
 *
 * `lookFirst: false` is for a create whose transaction is all it does (nothing stored, sent
 * or started before it): it skips the look-up, so the call is one round trip, and a replay is
 * found when the transaction fails — on the record's own condition, or on any other, after
 * which the record is looked up as for every failed create.
 */
export async function createOnce<T>(
  actorId: string,
  request: IdempotencyRequest | undefined,
  create: (remember: (result: T) => WriteOp[]) => Promise<T>,
  options: { lookFirst?: boolean } = {},
): Promise<{ result: T; replayed: boolean }> {
  if (!request) return { result: await create(() => []), replayed: false };
  const key = IdempotencyRecord.key(actorId, request.key);
  if (options.lookFirst !== false) {
    const earlier = storedResult<T>(await getItem(key), request);
    if (earlier !== undefined) return { result: earlier, replayed: true };
  }
  const remember = (result: T): WriteOp[] => [
    {
      ...putNew({
        ...key,
        itemType: IdempotencyRecord.type,
        fingerprint: request.fingerprint,
        result,
        createdAt: now(),
        expiresAt: Math.floor(Date.now() / 1000) + retentionSeconds,
      }),
      onConditionFailed: (stored) => new ConcurrentFirstRequest(stored ?? {}),
    },
  ];
  try {
    return { result: await create(remember), replayed: false };
  } catch (error) {
    // A concurrent request with the same key may have won — before our uniqueness checks
    // read, or on a condition listed ahead of our record — then its result is our answer.
    const stored = error instanceof ConcurrentFirstRequest ? error.stored : await getItem(key);
    const winner = storedResult<T>(stored, request);
    if (winner === undefined) throw error;
    return { result: winner, replayed: true };
  }
}
