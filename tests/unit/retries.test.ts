import { describe, expect, it } from 'vitest';
import {
  isServiceBusy,
  retryPolicy,
  sdkRetryOptions,
  withTimeBudget,
} from '../../shared/platform/retries.js';

type ErrorInfo = Parameters<
  ReturnType<typeof sdkRetryOptions>['retryStrategy']['refreshRetryTokenForRetry']
>[1];
const info = (errorType: ErrorInfo['errorType']) => ({ errorType, error: new Error(errorType) }) as ErrorInfo;
const throttle = info('THROTTLING');

describe('the retry strategy of every SDK client', () => {
  it('retries throttles and transient errors up to maxAttempts, with jittered waits under the ceiling', async () => {
    const { retryStrategy } = sdkRetryOptions();
    let token = await retryStrategy.acquireInitialRetryToken();
    for (let retry = 1; retry < retryPolicy.maxAttempts; retry++) {
      token = await retryStrategy.refreshRetryTokenForRetry(token, throttle);
      expect(token.getRetryCount()).toBe(retry);
      expect(token.getRetryDelay()).toBeLessThanOrEqual(
        Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (retry - 1)),
      );
    }
    await expect(retryStrategy.refreshRetryTokenForRetry(token, throttle)).rejects.toThrow(
      'No attempts left',
    );
  });

  it('does not retry a client error', async () => {
    const { retryStrategy } = sdkRetryOptions();
    const token = await retryStrategy.acquireInitialRetryToken();
    await expect(retryStrategy.refreshRetryTokenForRetry(token, info('CLIENT_ERROR'))).rejects.toThrow(
      'Not retryable',
    );
  });

  it('makes no retry whose wait would end after the time budget', async () => {
    const { retryStrategy } = sdkRetryOptions();
    const token = await retryStrategy.acquireInitialRetryToken();
    await withTimeBudget(Date.now() - 1, async () => {
      await expect(retryStrategy.refreshRetryTokenForRetry(token, throttle)).rejects.toThrow(
        'Time budget exhausted',
      );
    });
    await withTimeBudget(Date.now() + 60_000, async () => {
      await expect(retryStrategy.refreshRetryTokenForRetry(token, throttle)).resolves.toBeDefined();
    });
  });

  it('stops retrying once failing calls spent the quota, and a success after retries gives it back', async () => {
    const { retryStrategy } = sdkRetryOptions();
    const failedCalls = [];
    // Calls that fail in the end keep what they spent: 500 / 5 = 100 retries, then none.
    for (let i = 0; i < retryPolicy.quota / retryPolicy.throttlingCost; i++) {
      failedCalls.push(
        await retryStrategy.refreshRetryTokenForRetry(
          await retryStrategy.acquireInitialRetryToken(),
          throttle,
        ),
      );
    }
    const next = await retryStrategy.acquireInitialRetryToken();
    await expect(retryStrategy.refreshRetryTokenForRetry(next, throttle)).rejects.toThrow('quota');
    // One of them succeeds on its retry: its 5 tokens come back, enough for one more retry.
    retryStrategy.recordSuccess(failedCalls[0]!);
    await expect(retryStrategy.refreshRetryTokenForRetry(next, throttle)).resolves.toBeDefined();
  });
});

describe('isServiceBusy', () => {
  const error = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

  it.each([
    [
      'a throttle',
      error({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } }),
    ],
    ['a 500', error({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } })],
    ['a 429', error({ name: 'TooManyRequests', $metadata: { httpStatusCode: 429 } })],
    ['a timeout', error({ name: 'TimeoutError' })],
    ['a reset connection', error({ code: 'ECONNRESET' })],
    ['a lost transaction race', error({ name: 'TransactionRaceError' })],
    [
      'a transaction cancelled by a throttle',
      error({
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    ],
  ])('is true for %s', (_, e) => expect(isServiceBusy(e)).toBe(true));

  it.each([
    [
      'a failed condition',
      error({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a transaction cancelled by a condition',
      error({
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    ],
    ['a validation error', error({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })],
    ['a bug', new TypeError('x is undefined')],
    ['not an error', 'busy'],
  ])('is false for %s', (_, e) => expect(isServiceBusy(e)).toBe(false));
});
