import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { metrics, tracing } from '../shared/platform/telemetry.js';
import { logger } from './logger.js';

/** The invocation's X-Ray subsegment, `## <handler>`, around the rest (nothing of the response is recorded). */
const traceInvocation = (): MiddlewareObj => ({
  before: () =>
    tracing.beginInvocation(process.env._HANDLER ?? 'handler', process.env.POWERTOOLS_SERVICE_NAME ?? ''),
  after: () => tracing.endInvocation(),
  onError: (request) => tracing.endInvocation(request.error ?? new Error('unknown error')),
});

/**
 * Every function's handler starts here (Powertools with middy, outermost first):
 * - the logger gets the invocation's context (cold start, request id, function name) and drops the
 *   keys a handler appended once the invocation ends (`resetKeys`), so no line carries another
 *   invocation's `reviewId` or `job`;
 * - the tracer opens the handler's X-Ray subsegment, which the SDK calls' subsegments go under
 *   (responses are not recorded: they hold client data);
 * - the metrics recorded during the invocation are published as one EMF document at its end, with
 *   a cold-start count.
 * Add the function's own middlewares after this, and its handler last.
 */
export function instrumented<TEvent, TResult, TContext extends Context = Context>() {
  return middy<TEvent, TResult, Error, TContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceInvocation())
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
