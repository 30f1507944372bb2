/**
 * Powertools on every handler (`functions/lambda-handler.ts`): the logger carries the invocation's
 * context and forgets the keys one invocation appended before the next; business counts leave as
 * one CloudWatch EMF document per invocation, under the stage's namespace, with a cold start count.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testContext } from '../support/lambda-context.js';

const written: string[] = [];
let restore: () => void;

beforeAll(() => {
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'AccountDesk/test';
  process.env.POWERTOOLS_SERVICE_NAME = 'scheduled-jobs';
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  // As Lambda sets it: Powertools counts a cold start only for on-demand environments.
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  restore = () => spy.mockRestore();
});
afterAll(() => restore());

const jsonLines = () =>
  written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

describe('instrumented handlers', () => {
  it('reset appended log keys between invocations and publish business counts as EMF', async () => {
    const { instrumented } = await import('../../functions/lambda-handler.js');
    const { logger } = await import('../../functions/logger.js');
    const { businessMetric, countEvent } = await import('../../shared/platform/telemetry.js');
    const handler = instrumented<{ reviewId?: string }, string>().handler(async (event) => {
      if (event.reviewId) logger.appendKeys({ reviewId: event.reviewId });
      logger.info('working');
      countEvent(businessMetric.decisionRecorded);
      countEvent(businessMetric.requestRefused, { name: 'code', value: 'already_decided' });
      return 'done';
    });

    await expect(handler({ reviewId: 'R1' }, testContext('reviews-fn'))).resolves.toBe('done');
    await expect(handler({}, testContext('reviews-fn'))).resolves.toBe('done');

    const logs = jsonLines().filter((line) => line.message === 'working');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ reviewId: 'R1', function_name: 'reviews-fn', cold_start: true });
    expect(logs[0].function_request_id).toEqual(expect.any(String));
    expect(logs[1].reviewId).toBeUndefined();
    expect(logs[1]).toMatchObject({ function_name: 'reviews-fn', cold_start: false });

    const emf = jsonLines().filter((line) => line._aws?.CloudWatchMetrics);
    const named = (name: string) =>
      emf.filter((doc) =>
        doc._aws.CloudWatchMetrics[0].Metrics.some((m: { Name: string }) => m.Name === name),
      );
    expect(named('DecisionsRecorded')).toHaveLength(2);
    for (const doc of named('DecisionsRecorded')) {
      expect(doc._aws.CloudWatchMetrics[0].Namespace).toBe('AccountDesk/test');
      expect(doc.service).toBe('account-desk');
      expect(doc.DecisionsRecorded).toBe(1);
    }
    const refusals = named('RequestsRefused');
    expect(refusals).toHaveLength(2);
    expect(refusals[0].code).toBe('already_decided');
    expect(refusals[0]._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(
      expect.arrayContaining(['service', 'code']),
    );
    expect(named('ColdStart')).toHaveLength(1);
  });
});
