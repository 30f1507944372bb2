import type { Context } from 'aws-lambda';
import { invokeLater } from '../../shared/platform/lambda-invoke.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { jobNamed } from './registry.js';

/**
 * The scheduled-jobs function. Its event is a schedule's target input (`infra/constructs/schedules.ts`):
 * `{ job, scheduledTime }`, where Scheduler fills `scheduledTime` with the time the run was due.
 * The job takes that as its "now", so a retried run (hours later) decides exactly as the first
 * attempt would, and locally the fast-forwarded clock's date reaches the job. Without
 * `scheduledTime` (an on-demand invoke), now is the current time.
 *
 * A run works within the invocation's time: it starts no unit (a campaign's report, a warning)
 * once less than `JOB_TIME_RESERVE_MS` (default 10 s) of the function's timeout is left, and hands
 * the rest to a new asynchronous invocation of itself (`resumeAfter`, and the counts so far). So
 * any number of due campaigns finishes, segment after segment. Units that failed are taken again by
 * a new pass from the start once the walk is done (at most `MAX_PASSES` passes, as Lambda would
 * retry the whole run); if some still fail, the last segment throws: Lambda retries it, then sends
 * it to the dead-letter queue (an alarm). An unknown job or a bad event throws at once.
 */
export interface ScheduledJobEvent {
  job: string;
  /** ISO 8601 (`<aws.scheduler.scheduled-time>`, e.g. `2025-03-22T02:00:00Z`). */
  scheduledTime?: string;
  /** Set by the segment that handed over: where this one resumes. */
  resumeAfter?: string;
  /** Set by the segment that handed over: what the run did so far. */
  carried?: RunSoFar;
}

interface RunSoFar {
  summary: Record<string, number>;
  /** Failures of this pass so far (`<unit>: <message>`, the first few). */
  failures: string[];
  failed: number;
  /** Segments done before this one. */
  segments: number;
  /** Passes over the units begun before this one's (0 on the first pass). */
  pass: number;
}

export interface ScheduledJobResult {
  job: string;
  now: string;
  /** Counts over every segment so far. */
  summary: Record<string, number>;
  /** Which segment of the run this invocation was (1 = the first). */
  segment: number;
  /** True when this invocation handed the rest of the run to a new one. */
  continued: boolean;
}

/** Passes over the due units at most (the first, and two for units that failed), as Lambda's two retries. */
export const MAX_PASSES = 3;
const defaultReserveMs = 10_000;
const keptFailures = 20;

function reserveMs(): number {
  const raw = process.env.JOB_TIME_RESERVE_MS;
  const value = raw === undefined || raw === '' ? defaultReserveMs : Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`JOB_TIME_RESERVE_MS must be a number of ms, got ${raw}`);
  return value;
}

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const sum = { ...a };
  for (const [key, value] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
};

async function run(event: ScheduledJobEvent, context: Context): Promise<ScheduledJobResult> {
  const name = event?.job;
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`A scheduled-jobs event needs a "job" name, got ${JSON.stringify(event)}`);
  }
  const job = jobNamed(name);
  const now = event.scheduledTime === undefined ? new Date() : new Date(event.scheduledTime);
  if (Number.isNaN(now.getTime())) {
    throw new TypeError(
      `"scheduledTime" must be an ISO 8601 date, got ${JSON.stringify(event.scheduledTime)}`,
    );
  }
  const carried: RunSoFar = event.carried ?? { summary: {}, failures: [], failed: 0, segments: 0, pass: 0 };
  const segment = carried.segments + 1;
  logger.appendKeys({ job: name, segment, pass: carried.pass + 1 });
  const reserve = reserveMs();
  const started = Date.now();
  logger.info('Scheduled job started', {
    now: now.toISOString(),
    resumeAfter: event.resumeAfter !== undefined,
  });

  const outcome = await job(now, {
    resumeAfter: event.resumeAfter,
    shouldStop: () => context.getRemainingTimeInMillis() < reserve,
  });
  const sofar: RunSoFar = {
    summary: addCounts(carried.summary, outcome.summary),
    failures: [...carried.failures, ...outcome.failures].slice(0, keptFailures),
    failed: carried.failed + outcome.failures.length,
    segments: segment,
    pass: carried.pass,
  };
  const durationMs = Date.now() - started;
  const result = (continued: boolean): ScheduledJobResult => ({
    job: name,
    now: now.toISOString(),
    summary: sofar.summary,
    segment,
    continued,
  });

  const again = !outcome.resumeAfter && sofar.failed > 0 && sofar.pass + 1 < MAX_PASSES;
  if (outcome.resumeAfter || again) {
    // The rest of the run (or, when units failed, a new pass over what is still due) in a new invocation.
    const next: ScheduledJobEvent = {
      job: name,
      scheduledTime: now.toISOString(),
      ...(outcome.resumeAfter ? { resumeAfter: outcome.resumeAfter } : {}),
      carried: again ? { ...sofar, failures: [], failed: 0, pass: sofar.pass + 1 } : sofar,
    };
    await invokeLater(context.invokedFunctionArn, next);
    logger.info('Scheduled job continues in a new invocation', {
      segmentSummary: outcome.summary,
      failed: outcome.failures.length,
      newPass: again,
      durationMs,
    });
    return result(true);
  }
  if (sofar.failed > 0) {
    const error = new Error(
      `${name}: ${sofar.failed} unit(s) failed after ${sofar.pass + 1} pass(es): ${sofar.failures.join('; ')}`,
    );
    logger.error('Scheduled job failed', { error, summary: sofar.summary, durationMs });
    throw error;
  }
  logger.info('Scheduled job done', { summary: sofar.summary, segments: segment, durationMs });
  return result(false);
}

export const handler = instrumented<ScheduledJobEvent, ScheduledJobResult>().handler(run);
