import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * How every AWS SDK client of Account Desk retries (DynamoDB, S3, Step Functions, SES): the one
 * place the SDK's retry behaviour is tuned.
 *
 * - **Attempts**: up to 10 per call. DynamoDB throttles per partition for short moments; with 30 %
 *   of calls throttled, 10 attempts leave a 0.3^10 ≈ 6e-6 chance that one call fails, where the
 *   SDK's default 3 leave 2.7 %.
 * - **Backoff**: full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"), 25 ms
 *   doubling to at most 1 s. The SDK's default throttling base (1 s doubling) would spend a
 *   request's whole time budget on two retries.
 * - **Time budget**: an HTTP request runs within a budget (`withTimeBudget`: the function's
 *   remaining time less what it needs to answer). A retry whose wait would end after it is not
 *   made: the call fails with its last error, which the HTTP layer answers with 503 and
 *   Retry-After (`isServiceBusy`) — never a Lambda timeout, never a 500.
 * - **Retry quota**: as in the SDK's standard mode, a container spends tokens on retries (5 for a
 *   throttle, 10 for a transient error, from 500) and gets them back when the call succeeds; so
 *   a call that needed retries and succeeded costs nothing, and only calls that fail in the end
 *   drain the quota. During an outage the container then stops retrying (each retry would only
 *   add load) and answers 503 at once, until calls succeed again.
 *
 * Standard mode, not adaptive: adaptive mode adds a client-side send-rate limiter per client,
 * which in a Lambda container (one request at a time) only delays the next requests of that
 * container; the per-call backoff above does what is needed within the budget.
 */
export const retryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 25,
  maxDelayMs: 1000,
  quota: 500,
  throttlingCost: 5,
  transientCost: 10,
} as const;

/** What an HTTP request keeps back from its function's remaining time to answer in time. */
export const answerReserveMs = 1000;

type StrategyV2 = Extract<
  NonNullable<DynamoDBClientConfig['retryStrategy']>,
  { acquireInitialRetryToken: unknown }
>;
type RetryToken = Awaited<ReturnType<StrategyV2['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<StrategyV2['refreshRetryTokenForRetry']>[1];

interface Budget {
  /** Epoch ms after which no retry wait may end. */
  deadline: number;
}

const budgets = new AsyncLocalStorage<Budget>();

/** Runs `work` with a time budget: SDK retries of the calls it makes end by `deadline` (epoch ms). */
export const withTimeBudget = <T>(deadline: number, work: () => Promise<T>): Promise<T> =>
  budgets.run({ deadline }, work);

class Token {
  constructor(
    private readonly retries: number,
    private readonly delayMs: number,
    /** Tokens spent on this call's retries so far, returned when it succeeds. */
    readonly spent: number,
  ) {}
  getRetryCount = () => this.retries;
  getRetryDelay = () => this.delayMs;
  getRetryCost = () => this.spent;
}

class BudgetedRetryStrategy implements StrategyV2 {
  readonly mode = 'standard';
  private available: number = retryPolicy.quota;

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const token = previous as Token;
    const retries = token.getRetryCount();
    if (info.errorType !== 'THROTTLING' && info.errorType !== 'TRANSIENT') throw new Error('Not retryable');
    if (retries + 1 >= retryPolicy.maxAttempts) throw new Error('No attempts left');
    const cost = info.errorType === 'THROTTLING' ? retryPolicy.throttlingCost : retryPolicy.transientCost;
    if (this.available < cost) throw new Error('Retry quota exhausted');
    const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** retries);
    let delay = Math.floor(Math.random() * ceiling);
    // A Retry-After the service sent is honoured, within the ceiling.
    if (info.retryAfterHint instanceof Date) {
      delay = Math.max(delay, Math.min(info.retryAfterHint.getTime() - Date.now(), retryPolicy.maxDelayMs));
    }
    const deadline = budgets.getStore()?.deadline ?? Number.POSITIVE_INFINITY;
    if (Date.now() + delay >= deadline) throw new Error('Time budget exhausted');
    this.available -= cost;
    return new Token(retries + 1, delay, token.spent + cost);
  }

  recordSuccess(token: RetryToken): void {
    this.available = Math.min(retryPolicy.quota, this.available + ((token as Token).spent || 1));
  }
}

/** Retry settings for one SDK client (each client keeps its own quota, as the SDK's do). */
export const sdkRetryOptions = () => ({
  maxAttempts: retryPolicy.maxAttempts,
  retryStrategy: new BudgetedRetryStrategy(),
});

const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDown',
  'TransactionInProgressException',
  'LimitExceededException',
]);
const transientNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const transientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/** Cancellation reasons of a transaction that say "try again", not "your condition failed". */
const busyReasons = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

/**
 * Whether an error means an AWS service was busy or out of reach and the same request may well
 * succeed a moment later: a throttle, a timeout, a 5xx, a transaction cancelled by a throttle or
 * a conflict. The HTTP layer answers these with 503 and Retry-After instead of 500.
 */
export function isServiceBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    CancellationReasons?: { Code?: string }[];
  };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return (
    e.name === 'TransactionRaceError' ||
    throttlingNames.has(e.name ?? '') ||
    transientNames.has(e.name ?? '') ||
    transientCodes.has(e.code ?? '') ||
    e.$retryable !== undefined ||
    status === 429 ||
    (status >= 500 && status <= 504) ||
    (e.name === 'TransactionCanceledException' &&
      (e.CancellationReasons ?? []).some((r) => busyReasons.has(r.Code ?? '')))
  );
}
