import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createTracing } from './tracing.js';

/**
 * Traces (X-Ray, `tracing.ts`) and business metrics (Powertools), one of each per function
 * container. The function layer's middleware (`functions/lambda-handler.ts`) opens the
 * invocation's trace subsegment and publishes the metrics recorded during it as CloudWatch EMF;
 * this module only records.
 *
 * Configuration comes from the environment the CDK function construct sets:
 * `POWERTOOLS_METRICS_NAMESPACE` (`AccountDesk/<stage>`), `POWERTOOLS_SERVICE_NAME`. Tracing is on
 * only inside Lambda with X-Ray active; the local runner sets `POWERTOOLS_TRACE_ENABLED=false` and
 * `POWERTOOLS_METRICS_DISABLED=true`, so nothing reaches for X-Ray and nothing floods the console.
 */
export const tracing = /* @__PURE__ */ createTracing();

/**
 * One structured logger per function container (service name from POWERTOOLS_SERVICE_NAME): the
 * function layer logs requests and failures with it, the domain the work it leaves for repair.
 */
export const logger = new Logger();

/**
 * Most invocations record no business event; Powertools warns on every such publish. That line
 * says nothing (the cold-start count still goes out), so it is kept at debug level; every other
 * warning passes through.
 */
function quietWhenEmpty() {
  return {
    debug: () => {},
    info: (...args: unknown[]) => console.info(...args),
    warn: (...args: unknown[]) => {
      if (String(args[0]).startsWith('No application metrics to publish')) return;
      console.warn(...args);
    },
    error: (...args: unknown[]) => console.error(...args),
  };
}

/**
 * Every function publishes its business counts under one `service` dimension, so the dashboard and
 * alarms read one series per metric whichever function recorded it (the function's own name is in
 * the cold-start metric and in the logs).
 */
export const metrics = new Metrics({ serviceName: 'account-desk', logger: quietWhenEmpty() });

/** An AWS SDK v3 client whose calls appear as subsegments of the invocation's trace. */
export const traced = <T>(client: T): T => tracing.capture(client);

/** The business events the dashboard counts (names are CloudWatch metric names). */
export const businessMetric = {
  decisionRecorded: 'DecisionsRecorded',
  emailSent: 'EmailsSent',
  emailWithheld: 'EmailsWithheld',
  emailBounced: 'EmailsBounced',
  emailComplaint: 'EmailComplaints',
  bookingCreated: 'BookingsCreated',
  requestRefused: 'RequestsRefused',
  reportGenerationTime: 'ReportGenerationTime',
  reportRows: 'ReportRows',
} as const;

export type BusinessMetric = (typeof businessMetric)[keyof typeof businessMetric];

/** Counts one business event; `dimension` splits the count (e.g. refusals by code). */
export function countEvent(name: BusinessMetric, dimension?: { name: string; value: string }): void {
  if (dimension) {
    // A metric with its own dimension is published on its own, so it does not split the others.
    const single = metrics.singleMetric();
    single.addDimension(dimension.name, dimension.value);
    single.addMetric(name, MetricUnit.Count, 1);
    return;
  }
  metrics.addMetric(name, MetricUnit.Count, 1);
}

/** A post-campaign report: how long it took and how many monitoring rows it read. */
export function recordReportGenerated(milliseconds: number, rows: number): void {
  metrics.addMetric(businessMetric.reportGenerationTime, MetricUnit.Milliseconds, milliseconds);
  metrics.addMetric(businessMetric.reportRows, MetricUnit.Count, rows);
}
