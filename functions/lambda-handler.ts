import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { metrics, tracer } from '../shared/platform/telemetry.js';
import { logger } from './logger.js';

/**
 * Every function's handler starts here (Powertools with middy, outermost first):
 * - the logger gets the invocation's context (cold start, request id, function name) and drops the
 *   keys a handler appended once the invocation ends (`resetKeys`), so no line carries another
 *   invocation's `reviewId` or `job`;
 * - the tracer opens the handler's subsegment (responses are not recorded: they hold client data);
 * - the metrics recorded during the invocation are published as one EMF document at its end, with
 *   a cold-start count.
 * Add the function's own middlewares after this, and its handler last.
 */
export function instrumented<TEvent, TResult, TContext extends Context = Context>() {
  return middy<TEvent, TResult, Error, TContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
