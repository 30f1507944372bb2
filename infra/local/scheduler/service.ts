/**
 * Local EventBridge Scheduler as a `LocalService` (name `scheduler`): the
 * `AWS::Scheduler::Schedule` resources of the synthesized template, fired on the local runner's
 * clock. Each due time invokes the target function's handler in-process (the same handlers,
 * loaded through `lambda.ts`) with the target input, Scheduler's context attributes substituted
 * (`<aws.scheduler.scheduled-time>` is the due time on the local clock, so a job that takes its
 * "now" from it sees the fast-forwarded date).
 *
 * The clock: pass the one the Step Functions service uses (`startLocalStack` does), and
 * `POST <sfn endpoint>/_local/clock {"advanceMs": n}` fast-forwards schedules too. Every due
 * time passed by a jump runs once, in order (at most `maxCatchUp` per jump); runs of one
 * schedule never overlap.
 *
 * Failures: Scheduler invokes Lambda asynchronously, so a handler's error is retried as Lambda
 * retries async invocations (the function's `EventInvokeConfig` retry attempts, default 2; after
 * 1 and 2 minutes on the local clock); a run that still fails is logged and kept in
 * `info.deadLetters` (in AWS: the dead-letter queue).
 *
 * Endpoint (local only, not the Scheduler API):
 *   GET  /                 schedules, their next fire times, the clock, recent runs
 *   GET  /_local/runs      recent runs (newest last)
 *   POST /_local/run       {"job": "<name>"} or {"schedule": "<name or logical id>"}, optional
 *                          "scheduledTime" (ISO): runs that schedule's target once now, waits,
 *                          answers the run (200; 500 if the handler failed; 404 if no schedule matches)
 *   POST /_local/clock     {"advanceMs": n}: the same shared clock as the Step Functions endpoint
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { functionsFromTemplate, invoke, type LocalFunction } from '../lambda.js';
import { listenLocal } from '../ports.js';
import type { LocalService } from '../services.js';
import { ClockAbortedError, LocalClock } from '../stepfunctions/clock.js';
import {
  asyncRetryAttempts,
  DEFAULT_ASYNC_RETRY_ATTEMPTS,
  type LocalSchedule,
  schedulesFromTemplate,
  substituteContext,
} from './definitions.js';
import {
  nextFireTime,
  parseScheduleExpression,
  type ScheduleTiming,
  scheduledTimeString,
} from './expression.js';

export const SCHEDULER_SERVICE = 'scheduler';

/** Lambda's delays before the retries of a failed asynchronous invocation. */
const LAMBDA_ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
const MAX_RUN_HISTORY = 200;

export interface SchedulerServiceOptions {
  /** The clock schedules fire on; share the Step Functions service's (default: a new one). */
  clock?: LocalClock;
  /** Clock milliseconds before each retry of a failed run (default 60 000, 120 000, then 120 000). */
  retryDelaysMs?: number[];
  /** Most due times one clock jump runs per schedule (default 1000); older ones are skipped. */
  maxCatchUp?: number;
  /** Called after every finished run (tests, logs). */
  onRun?: (run: ScheduledRun) => void;
}

export interface ScheduledRun {
  id: string;
  schedule: string;
  logicalId: string;
  job?: string;
  /** `schedule`: a due time on the clock; `on-demand`: `POST /_local/run` or `runNow`. */
  trigger: 'schedule' | 'on-demand';
  /** The `<aws.scheduler.scheduled-time>` of the run (local clock). */
  scheduledTime: string;
  /** Real time the first attempt started. */
  startedAt: string;
  durationMs: number;
  attempts: number;
  status: 'succeeded' | 'failed';
  result?: unknown;
  error?: { name: string; message: string };
  /** Failed after every retry: in AWS it would be in the dead-letter queue. */
  deadLettered?: boolean;
}

export interface ScheduleState {
  name: string;
  logicalId: string;
  expression: string;
  timezone?: string;
  enabled: boolean;
  job?: string;
  /** The target function's logical id (undefined: not a function of the template). */
  targetFunction?: string;
  /** Next due time on the local clock (ISO), if the schedule fires locally. */
  nextFireTime?: string;
  /** Why the schedule does not fire locally (disabled, unsupported expression, foreign target). */
  notScheduled?: string;
}

/** What the started service hands over in `info`. */
export interface SchedulerInfo {
  port: number;
  clock: LocalClock;
  /** Recent runs, newest last (at most 200). */
  runs: ScheduledRun[];
  /** Runs that failed after every retry. */
  deadLetters: ScheduledRun[];
  schedules(): ScheduleState[];
  /** Runs the schedule of a job (or named schedule) once now; resolves with the finished run. */
  runNow(selector: { job?: string; schedule?: string }, scheduledTimeMs?: number): Promise<ScheduledRun>;
  /** Resolves when no run is in progress or waiting to retry. */
  idle(): Promise<void>;
}

export class NoSuchScheduleError extends Error {
  constructor(selector: { job?: string; schedule?: string }, known: string[]) {
    super(
      `No schedule ${selector.job ? `runs job "${selector.job}"` : `is named "${selector.schedule}"`}; known: ${known.join(', ') || 'none'}`,
    );
    this.name = 'NoSuchScheduleError';
  }
}

interface Entry {
  schedule: LocalSchedule;
  fn?: LocalFunction;
  timing?: ScheduleTiming;
  notScheduled?: string;
  next?: number;
  cancel?: () => void;
  /** Runs of this schedule, one after the other. */
  chain: Promise<void>;
}

const errorInfo = (error: unknown): { name: string; message: string } =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

const brief = (value: unknown): string => {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? '';
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
};

export function schedulerService(options: SchedulerServiceOptions = {}): LocalService {
  return {
    name: SCHEDULER_SERVICE,
    async start({ resolver, port, log, loadHandler: load }) {
      const clock = options.clock ?? new LocalClock();
      const retryDelays = options.retryDelaysMs ?? LAMBDA_ASYNC_RETRY_DELAYS_MS;
      const maxCatchUp = options.maxCatchUp ?? 1000;
      const functions = functionsFromTemplate(resolver);
      const retriesByFunction = asyncRetryAttempts(resolver);
      const stopping = new AbortController();
      const inflight = new Set<Promise<void>>();
      const runs: ScheduledRun[] = [];
      const deadLetters: ScheduledRun[] = [];

      const entries: Entry[] = schedulesFromTemplate(resolver).map((schedule) => {
        const entry: Entry = { schedule, chain: Promise.resolve() };
        // `arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]`
        const targetArn = schedule.target.arn.split(':').slice(0, 7).join(':');
        entry.fn = functions.find((fn) => fn.arn === targetArn);
        if (!entry.fn) entry.notScheduled = `target ${schedule.target.arn} is not a function of the template`;
        else if (!schedule.enabled) entry.notScheduled = 'disabled';
        else {
          try {
            entry.timing = {
              expression: parseScheduleExpression(schedule.expression, schedule.timezone),
              anchorMs: clock.now(),
              startMs: schedule.startMs,
              endMs: schedule.endMs,
            };
          } catch (error) {
            entry.notScheduled = errorInfo(error).message;
          }
        }
        return entry;
      });
      const label = (entry: Entry) =>
        `${entry.schedule.name}${entry.schedule.job ? ` (${entry.schedule.job})` : ''}`;

      const record = (run: ScheduledRun) => {
        runs.push(run);
        if (runs.length > MAX_RUN_HISTORY) runs.splice(0, runs.length - MAX_RUN_HISTORY);
        if (run.deadLettered) deadLetters.push(run);
        options.onRun?.(run);
      };

      /** One run: invoke, and on failure retry like Lambda's async invocation (unless on demand). */
      const execute = async (
        entry: Entry,
        scheduledMs: number,
        trigger: ScheduledRun['trigger'],
      ): Promise<ScheduledRun> => {
        const { schedule } = entry;
        const scheduledTime = scheduledTimeString(scheduledMs);
        const executionId = randomUUID().replaceAll('-', '').slice(0, 16);
        const startedAt = Date.now();
        const maxAttempts =
          trigger === 'schedule'
            ? 1 + (retriesByFunction.get(entry.fn?.functionName ?? '') ?? DEFAULT_ASYNC_RETRY_ATTEMPTS)
            : 1;
        const run: ScheduledRun = {
          id: executionId,
          schedule: schedule.name,
          logicalId: schedule.logicalId,
          job: schedule.job,
          trigger,
          scheduledTime,
          startedAt: new Date(startedAt).toISOString(),
          durationMs: 0,
          attempts: 0,
          status: 'failed',
        };
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          run.attempts = attempt;
          try {
            if (!entry.fn) throw new Error(`Target ${schedule.target.arn} is not a function of the template`);
            const fn = await load(entry.fn);
            const raw = schedule.target.input;
            const text =
              raw === undefined
                ? undefined
                : substituteContext(raw, {
                    scheduleArn: schedule.arn,
                    scheduledTime,
                    executionId,
                    attemptNumber: attempt,
                  });
            let event: unknown = text ?? {};
            if (text !== undefined) {
              try {
                event = JSON.parse(text);
              } catch {
                event = text; // a text input reaches Lambda as a JSON string
              }
            }
            run.result = await invoke(fn, event, executionId);
            run.status = 'succeeded';
            run.error = undefined;
            break;
          } catch (error) {
            run.error = errorInfo(error);
            const last = attempt === maxAttempts || stopping.signal.aborted;
            if (last) break;
            const delay = retryDelays[Math.min(attempt - 1, retryDelays.length - 1)] ?? 0;
            log(
              `[scheduler] ${label(entry)} at ${scheduledTime}: attempt ${attempt}/${maxAttempts} failed (${run.error.name}: ${run.error.message}); retrying in ${Math.round(delay / 1000)} s on the local clock`,
            );
            try {
              await clock.sleep(delay, stopping.signal, `schedule:${schedule.name}`);
            } catch (aborted) {
              if (aborted instanceof ClockAbortedError) break;
              throw aborted;
            }
          }
        }
        run.durationMs = Date.now() - startedAt;
        if (run.status === 'succeeded') {
          log(
            `[scheduler] ${label(entry)} at ${scheduledTime} (${trigger}): ok in ${run.durationMs} ms${run.attempts > 1 ? ` after ${run.attempts} attempts` : ''} ${brief(run.result)}`,
          );
        } else {
          run.deadLettered = trigger === 'schedule' && !stopping.signal.aborted;
          log(
            `[scheduler] ${label(entry)} at ${scheduledTime} (${trigger}): FAILED after ${run.attempts} attempt${run.attempts === 1 ? '' : 's'}: ${run.error?.name}: ${run.error?.message}${run.deadLettered ? ' → dead-letter queue (local: info.deadLetters)' : ''}`,
          );
        }
        record(run);
        return run;
      };

      /** Keeps a run in `inflight` until it settles (its outcome is handled by whoever awaits it). */
      const track = (promise: Promise<unknown>) => {
        const settled = promise.then(
          () => undefined,
          () => undefined,
        );
        inflight.add(settled);
        void settled.then(() => inflight.delete(settled));
      };

      const enqueue = (entry: Entry, scheduledMs: number) => {
        const next = entry.chain.then(async () => {
          if (stopping.signal.aborted) return;
          await execute(entry, scheduledMs, 'schedule');
        });
        entry.chain = next.catch((error: unknown) =>
          log(`[scheduler] ${label(entry)}: internal error: ${errorInfo(error).message}`),
        );
        track(entry.chain);
      };

      const arm = (entry: Entry, afterMs: number) => {
        entry.cancel?.();
        entry.cancel = undefined;
        entry.next = entry.timing ? nextFireTime(entry.timing, afterMs) : undefined;
        if (entry.next === undefined || stopping.signal.aborted) return;
        const due = entry.next;
        entry.cancel = clock.schedule(
          due - clock.now(),
          () => onDue(entry, due),
          `schedule:${entry.schedule.name}`,
        );
      };

      /** A due time passed: run it, and every later one the clock jumped over, then re-arm. */
      const onDue = (entry: Entry, due: number) => {
        const timing = entry.timing!;
        const dueTimes = [due];
        let skipped = 0;
        let after = due;
        for (let guard = 0; ; guard++) {
          if (guard > 1_000_000) {
            after = clock.now(); // a jump of ages over a minute-rate schedule: stop counting
            break;
          }
          const next = nextFireTime(timing, after);
          if (next === undefined || next > clock.now()) break;
          dueTimes.push(next);
          after = next;
          if (dueTimes.length > maxCatchUp) {
            dueTimes.shift();
            skipped++;
          }
        }
        if (skipped > 0) {
          log(
            `[scheduler] ${label(entry)}: the clock jumped over ${skipped} more due times; running the last ${maxCatchUp}`,
          );
        }
        for (const time of dueTimes) enqueue(entry, time);
        arm(entry, after);
      };

      for (const entry of entries) if (entry.timing) arm(entry, clock.now());

      const find = (selector: { job?: string; schedule?: string }): Entry => {
        const entry = entries.find((e) =>
          selector.job !== undefined
            ? e.schedule.job === selector.job
            : e.schedule.name === selector.schedule || e.schedule.logicalId === selector.schedule,
        );
        if (!entry) {
          const known = entries.map((e) => (selector.job !== undefined ? e.schedule.job : e.schedule.name));
          throw new NoSuchScheduleError(
            selector,
            known.filter((k): k is string => k !== undefined),
          );
        }
        return entry;
      };

      const runNow: SchedulerInfo['runNow'] = (selector, scheduledTimeMs) => {
        const entry = find(selector);
        const promise = execute(entry, scheduledTimeMs ?? clock.now(), 'on-demand');
        track(promise);
        return promise;
      };

      const schedules = (): ScheduleState[] =>
        entries.map((e) => ({
          name: e.schedule.name,
          logicalId: e.schedule.logicalId,
          expression: e.schedule.expression,
          timezone: e.schedule.timezone,
          enabled: e.schedule.enabled,
          job: e.schedule.job,
          targetFunction: e.fn?.logicalId,
          nextFireTime: e.next === undefined ? undefined : scheduledTimeString(e.next),
          notScheduled: e.notScheduled,
        }));

      const idle = async () => {
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
      };

      const server = createSchedulerServer({ clock, runs, schedules, runNow, log });
      const actual = await listenLocal(server, port, 'local scheduler');
      const endpoint = `http://127.0.0.1:${actual}`;

      log(
        `[scheduler] local scheduler on ${endpoint} (${entries.length} schedule${entries.length === 1 ? '' : 's'})`,
      );
      for (const state of schedules()) {
        log(
          `[scheduler]   ${state.name}${state.job ? ` (${state.job})` : ''}: ${state.expression}${state.timezone ? ` ${state.timezone}` : ''} → ${state.nextFireTime ? `next ${state.nextFireTime}` : `not scheduled locally: ${state.notScheduled ?? 'no further due time'}`}`,
        );
      }

      const info: SchedulerInfo = { port: actual, clock, runs, deadLetters, schedules, runNow, idle };
      return {
        endpoint,
        // Where tests and scripts find this endpoint (not an AWS SDK variable: it does not speak the Scheduler API).
        env: { AD_LOCAL_SCHEDULER_URL: endpoint },
        info: info as unknown as Record<string, unknown>,
        async stop() {
          stopping.abort();
          for (const entry of entries) entry.cancel?.();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          // Let runs in progress finish (they use emulators that stop after this service).
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            idle(),
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, 10_000);
              timer.unref();
            }),
          ]);
          clearTimeout(timer);
        },
      };
    },
  };
}

// ---- HTTP endpoint ------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function createSchedulerServer(parts: {
  clock: LocalClock;
  runs: ScheduledRun[];
  schedules: () => ScheduleState[];
  runNow: SchedulerInfo['runNow'];
  log: (message: string) => void;
}): Server {
  const { clock, runs, schedules, runNow, log } = parts;
  return createServer((req, res) => {
    void (async () => {
      try {
        const raw = await readBody(req);
        const path = (req.url ?? '/').split('?')[0];
        let body: Record<string, unknown> = {};
        if (req.method === 'POST' && raw) {
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            return send(res, 400, { message: 'Request body is not valid JSON' });
          }
        }
        if (req.method === 'GET' && path === '/') {
          return send(res, 200, {
            service: 'local EventBridge Scheduler',
            now: new Date(clock.now()).toISOString(),
            offsetMs: clock.offset,
            schedules: schedules(),
            recentRuns: runs.slice(-20),
          });
        }
        if (req.method === 'GET' && path === '/_local/runs') return send(res, 200, { runs });
        if (req.method === 'POST' && path === '/_local/clock') {
          const advanceMs = Number(body.advanceMs ?? 0);
          if (!Number.isFinite(advanceMs) || advanceMs < 0) {
            return send(res, 400, { message: 'advanceMs must be a number >= 0' });
          }
          clock.advance(advanceMs);
          return send(res, 200, { now: clock.now(), offsetMs: clock.offset });
        }
        if (req.method === 'POST' && path === '/_local/run') {
          const job = typeof body.job === 'string' ? body.job : undefined;
          const schedule = typeof body.schedule === 'string' ? body.schedule : undefined;
          if (!job && !schedule) return send(res, 400, { message: 'Give "job" or "schedule"' });
          let scheduledTimeMs: number | undefined;
          if (body.scheduledTime !== undefined) {
            scheduledTimeMs =
              typeof body.scheduledTime === 'string' ? Date.parse(body.scheduledTime) : Number.NaN;
            if (Number.isNaN(scheduledTimeMs))
              return send(res, 400, { message: 'scheduledTime must be an ISO date' });
          }
          let run: ScheduledRun;
          try {
            run = await runNow(job ? { job } : { schedule }, scheduledTimeMs);
          } catch (error) {
            if (error instanceof NoSuchScheduleError) return send(res, 404, { message: error.message });
            throw error;
          }
          return send(res, run.status === 'succeeded' ? 200 : 500, run);
        }
        return send(res, 404, { message: `No local scheduler operation ${req.method} ${path}` });
      } catch (error) {
        log(
          `[scheduler] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return send(res, 500, { message: 'Internal error in the local scheduler endpoint' });
      }
    })();
  });
}
