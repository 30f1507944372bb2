import { logger } from '../logger.js';
import { jobNamed } from './registry.js';

/**
 * The scheduled-jobs function. Its event is a schedule's target input (`infra/constructs/schedules.ts`):
 * `{ job, scheduledTime }`, where Scheduler fills `scheduledTime` with the time the run was due.
 * The job takes that as its "now", so a retried run (hours later) decides exactly as the first
 * attempt would, and locally the fast-forwarded clock's date reaches the job. Without
 * `scheduledTime` (an on-demand invoke), now is the current time.
 *
 * An unknown job or a failing job throws: Lambda retries the asynchronous invocation, then
 * sends it to the dead-letter queue. Every job is idempotent.
 */
export interface ScheduledJobEvent {
  job: string;
  /** ISO 8601 (`<aws.scheduler.scheduled-time>`, e.g. `2025-03-22T02:00:00Z`). */
  scheduledTime?: string;
}

export interface ScheduledJobResult {
  job: string;
  now: string;
  summary: Record<string, number>;
}

export async function handler(event: ScheduledJobEvent): Promise<ScheduledJobResult> {
  const name = event?.job;
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`A scheduled-jobs event needs a "job" name, got ${JSON.stringify(event)}`);
  }
  const run = jobNamed(name);
  const now = event.scheduledTime === undefined ? new Date() : new Date(event.scheduledTime);
  if (Number.isNaN(now.getTime())) {
    throw new TypeError(
      `"scheduledTime" must be an ISO 8601 date, got ${JSON.stringify(event.scheduledTime)}`,
    );
  }
  logger.appendKeys({ job: name });
  const started = Date.now();
  logger.info('Scheduled job started', { now: now.toISOString() });
  try {
    const summary = await run(now);
    logger.info('Scheduled job done', { summary, durationMs: Date.now() - started });
    return { job: name, now: now.toISOString(), summary };
  } catch (error) {
    logger.error('Scheduled job failed', { error: error as Error, durationMs: Date.now() - started });
    throw error;
  } finally {
    logger.removeKeys(['job']);
  }
}
