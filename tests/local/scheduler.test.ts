/**
 * The local EventBridge Scheduler: expression parsing and next fire times; a fixture template's
 * schedules fired on the shared clock (advanced through the Step Functions endpoint, as against
 * `npm start`) exactly once per due time, with Scheduler's context attributes, Lambda-style
 * retries and dead-lettering, and on demand over HTTP; the real template's schedules running the
 * registered jobs when the clock passes 02:00; the running stack's scheduler sharing its clock;
 * and `npm run job`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jobs } from '../../functions/scheduled/registry.js';
import {
  InvalidExpressionError,
  nextFireTime,
  parseScheduleExpression,
  type ScheduledRun,
  type SchedulerInfo,
  scheduledTimeString,
  schedulerService,
  UnsupportedExpressionError,
} from '../../infra/local/scheduler/index.js';
import { type RunningServices, startServices } from '../../infra/local/services.js';
import { repoRoot } from '../../infra/local/stack.js';
import { LocalClock, stepFunctionsService } from '../../infra/local/stepfunctions/index.js';
import type { CfnTemplate } from '../../infra/local/template.js';
import { TemplateResolver } from '../../infra/local/template.js';

// biome-ignore lint/suspicious/noExplicitAny: events the fixture handler received
type Loose = any;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Fire times of a schedule after `from`, as ISO strings. */
function fireTimes(
  expression: string,
  from: string,
  count: number,
  extra: { startMs?: number; endMs?: number } = {},
) {
  const timing = { expression: parseScheduleExpression(expression), ...extra };
  const out: (string | undefined)[] = [];
  let after = utc(from);
  for (let i = 0; i < count; i++) {
    const next = nextFireTime(timing, after);
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('schedule expressions', () => {
  it('daily cron: the next 02:00 UTC strictly after the given time', () => {
    expect(fireTimes('cron(0 2 * * ? *)', '2030-01-01T01:59:59Z', 3)).toEqual([
      '2030-01-01T02:00:00.000Z',
      '2030-01-02T02:00:00.000Z',
      '2030-01-03T02:00:00.000Z',
    ]);
    // Exactly at the fire time: the next one is a day later (each due time fires once).
    expect(fireTimes('cron(0 2 * * ? *)', '2030-01-01T02:00:00Z', 1)).toEqual(['2030-01-02T02:00:00.000Z']);
    expect(fireTimes('cron(0 2 * * ? *)', '2030-01-01T02:00:00.001Z', 1)).toEqual([
      '2030-01-02T02:00:00.000Z',
    ]);
    expect(fireTimes('cron(0 7 * * ? *)', '2030-12-31T23:00:00Z', 1)).toEqual(['2031-01-01T07:00:00.000Z']);
    expect(fireTimes('cron(15 10 * * ? *)', '2030-06-30T10:15:30Z', 1)).toEqual(['2030-07-01T10:15:00.000Z']);
  });

  it('lists, ranges, steps, names, day-of-week (1 = Sunday), day-of-month and year', () => {
    // 2030-01-04 is a Friday.
    expect(fireTimes('cron(30 7 ? * MON-FRI *)', '2030-01-04T08:00:00Z', 2)).toEqual([
      '2030-01-07T07:30:00.000Z',
      '2030-01-08T07:30:00.000Z',
    ]);
    expect(fireTimes('cron(0 9 ? * 1 *)', '2030-01-04T00:00:00Z', 1)).toEqual(['2030-01-06T09:00:00.000Z']);
    expect(fireTimes('cron(0/20 * * * ? *)', '2030-01-01T00:05:00Z', 3)).toEqual([
      '2030-01-01T00:20:00.000Z',
      '2030-01-01T00:40:00.000Z',
      '2030-01-01T01:00:00.000Z',
    ]);
    expect(fireTimes('cron(0 8,18 * * ? *)', '2030-01-01T09:00:00Z', 2)).toEqual([
      '2030-01-01T18:00:00.000Z',
      '2030-01-02T08:00:00.000Z',
    ]);
    expect(fireTimes('cron(0 12 1 JAN,JUL ? *)', '2030-02-01T00:00:00Z', 2)).toEqual([
      '2030-07-01T12:00:00.000Z',
      '2031-01-01T12:00:00.000Z',
    ]);
    expect(fireTimes('cron(0 0 29 2 ? *)', '2030-01-01T00:00:00Z', 1)).toEqual(['2032-02-29T00:00:00.000Z']);
    expect(fireTimes('cron(0 0 1 1 ? 2031-2032)', '2030-06-01T00:00:00Z', 3)).toEqual([
      '2031-01-01T00:00:00.000Z',
      '2032-01-01T00:00:00.000Z',
      undefined,
    ]);
    expect(fireTimes('cron(0 0 31 2 ? *)', '2030-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it('rate: every period from the start date, else from the anchor', () => {
    const anchor = utc('2030-01-01T00:00:30Z');
    const rate = { expression: parseScheduleExpression('rate(5 minutes)'), anchorMs: anchor };
    expect(iso(nextFireTime(rate, anchor))).toBe('2030-01-01T00:05:30.000Z');
    expect(iso(nextFireTime(rate, anchor + 5 * MINUTE))).toBe('2030-01-01T00:10:30.000Z');
    expect(iso(nextFireTime(rate, anchor + 7 * MINUTE))).toBe('2030-01-01T00:10:30.000Z');
    expect(parseScheduleExpression('rate(1 day)')).toMatchObject({ kind: 'rate', periodMs: DAY });
    expect(parseScheduleExpression('rate(2 hours)')).toMatchObject({ kind: 'rate', periodMs: 2 * HOUR });
    const started = { ...rate, startMs: utc('2030-02-01T00:00:00Z') };
    expect(iso(nextFireTime(started, anchor))).toBe('2030-02-01T00:05:00.000Z');
  });

  it('at: once; start and end dates bound the others', () => {
    const at = { expression: parseScheduleExpression('at(2030-03-01T09:30:00)') };
    expect(iso(nextFireTime(at, utc('2030-01-01T00:00:00Z')))).toBe('2030-03-01T09:30:00.000Z');
    expect(nextFireTime(at, utc('2030-03-01T09:30:00Z'))).toBeUndefined();
    expect(
      fireTimes('cron(0 2 * * ? *)', '2030-01-01T00:00:00Z', 3, {
        startMs: utc('2030-01-05T00:00:00Z'),
        endMs: utc('2030-01-06T02:00:00Z'),
      }),
    ).toEqual(['2030-01-05T02:00:00.000Z', '2030-01-06T02:00:00.000Z', undefined]);
  });

  it('rejects what AWS rejects, and names what is not evaluated locally', () => {
    for (const bad of [
      'cron(0 2 * * *)', // five fields
      'cron(0 2 * * * *)', // neither day field is ?
      'cron(0 2 1 * MON *)', // both day fields set
      'cron(60 2 * * ? *)',
      'cron(0 24 * * ? *)',
      'cron(? 2 * * ? *)',
      'cron(0 2 * FOO ? *)',
      'cron(0 5-2 * * ? *)',
      'cron(*/0 2 * * ? *)',
      'rate(0 minutes)',
      'rate(1 days)',
      'rate(5 minute)',
      'rate(5 weeks)',
      'at(2030-03-01 09:30)',
      'every day',
    ]) {
      expect(() => parseScheduleExpression(bad), bad).toThrow(InvalidExpressionError);
    }
    expect(() => parseScheduleExpression('cron(0 2 L * ? *)')).toThrow(UnsupportedExpressionError);
    expect(() => parseScheduleExpression('cron(0 2 ? * 6#3 *)')).toThrow(UnsupportedExpressionError);
    expect(() => parseScheduleExpression('cron(0 2 15W * ? *)')).toThrow(UnsupportedExpressionError);
    expect(() => parseScheduleExpression('cron(0 2 ? * FRIL *)')).toThrow(UnsupportedExpressionError);
    expect(() => parseScheduleExpression('cron(0 2 ? JUL WED *)')).not.toThrow();
    expect(() => parseScheduleExpression('cron(0 2 * * ? *)', 'Europe/Berlin')).not.toThrow();
    expect(() => parseScheduleExpression('cron(0 2 * * ? *)', 'Mars/Olympus')).toThrow(
      InvalidExpressionError,
    );
    expect(() => parseScheduleExpression('rate(1 day)', 'Europe/Berlin')).toThrow(UnsupportedExpressionError);
    expect(() => parseScheduleExpression('cron(0 2 * * ? *)', 'Etc/UTC')).not.toThrow();
  });

  it('evaluates cron in its time zone across daylight saving time, as Scheduler does', () => {
    const madrid = (expression: string) => ({
      expression: parseScheduleExpression(expression, 'Europe/Madrid'),
    });
    // Working mornings at 08:00 Madrid: 07:00 UTC in winter, 06:00 UTC in summer (clocks go forward 29 Mar 2026).
    const mornings = madrid('cron(0 8 ? * MON-FRI *)');
    const fires: (string | undefined)[] = [];
    let at = utc('2026-03-26T12:00:00Z');
    for (let i = 0; i < 4; i++) {
      at = nextFireTime(mornings, at)!;
      fires.push(iso(at));
    }
    expect(fires).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
      '2026-04-01T06:00:00.000Z',
    ]);
    // 02:30 does not exist on 29 March in Madrid: that day is skipped.
    const skipped = madrid('cron(30 2 * * ? *)');
    expect(iso(nextFireTime(skipped, utc('2026-03-28T12:00:00Z')))).toBe('2026-03-30T00:30:00.000Z');
    // 02:30 happens twice on 25 October: it fires once, the first time.
    const once = madrid('cron(30 2 * * ? *)');
    const first = nextFireTime(once, utc('2026-10-24T12:00:00Z'))!;
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextFireTime(once, first))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('formats the scheduled time as Scheduler does (no milliseconds)', () => {
    expect(scheduledTimeString(utc('2030-03-22T18:59:43.123Z'))).toBe('2030-03-22T18:59:43Z');
  });
});

/** The fixture handler: records every event; `fail` jobs throw. */
const handlerSource = `
export async function handler(event, context) {
  (globalThis.__schedulerFixtureEvents ??= []).push({ event, requestId: context.awsRequestId });
  if (event && typeof event.job === 'string' && event.job.startsWith('fail')) {
    const error = new Error('the job broke');
    error.name = 'JobBroke';
    throw error;
  }
  return { job: event.job, now: event.scheduledTime, summary: { seen: 1 } };
}
`;
const fixtureEvents = (): Loose[] => ((globalThis as Loose).__schedulerFixtureEvents ??= []);
const eventsOf = (job: string) => fixtureEvents().filter((e) => e.event?.job === job);

const input = (job: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ job, scheduledTime: '<aws.scheduler.scheduled-time>', ...extra });

/** `failAt`: when the failing one-time schedule fires (past the other tests' clock jumps). */
function fixture(entry: string, failAt: number): CfnTemplate {
  const fnArn = { 'Fn::GetAtt': ['JobsFunction0A1B2C', 'Arn'] };
  const schedule = (job: string, expression: string, more: Record<string, unknown> = {}, extra = {}) => ({
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      FlexibleTimeWindow: { Mode: 'OFF' },
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      Target: {
        Arn: fnArn,
        RoleArn: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] },
        Input: input(job, extra),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } },
      },
      ...more,
    },
  });
  return {
    Resources: {
      SchedulerRole: { Type: 'AWS::IAM::Role', Properties: {} },
      DeadLetterQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
      JobsFunction0A1B2C: {
        Type: 'AWS::Lambda::Function',
        Metadata: { 'AccountDesk:Entry': entry },
        Properties: { Handler: 'index.handler', Timeout: 10, Environment: { Variables: {} } },
      },
      JobsFunctionEventInvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'JobsFunction0A1B2C' },
          MaximumRetryAttempts: 1,
          Qualifier: '$LATEST',
        },
      },
      DailySchedule: schedule(
        'daily',
        'cron(0 2 * * ? *)',
        {},
        { attempt: '<aws.scheduler.attempt-number>' },
      ),
      SixHourlySchedule: schedule('six-hourly', 'rate(6 hours)'),
      FailingSchedule: schedule('fail-once', `at(${new Date(failAt).toISOString().slice(0, 19)})`),
      DisabledSchedule: schedule('disabled', 'cron(0 2 * * ? *)', { State: 'DISABLED' }),
      BerlinSchedule: schedule('berlin', 'cron(0 2 * * ? *)', {
        ScheduleExpressionTimezone: 'Europe/Berlin',
      }),
      NamedSchedule: schedule('named', 'cron(0 4 1 1 ? *)', { Name: 'new-year-report' }),
    },
  };
}

describe('local scheduler service (fixture template, clock shared with Step Functions)', () => {
  const clock = new LocalClock();
  const logs: string[] = [];
  const finished: ScheduledRun[] = [];
  let workDir: string;
  let running: RunningServices;
  let info: SchedulerInfo;
  let schedulerUrl: string;
  let sfnUrl: string;

  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Loose };
  };
  /** Advances the shared clock through the Step Functions endpoint, as e2e tests against `npm start` do. */
  const advance = (ms: number) => post(`${sfnUrl}/_local/clock`, { advanceMs: ms });
  const nextDaily = () => {
    const next = info.schedules().find((s) => s.job === 'daily')?.nextFireTime;
    expect(next).toBeDefined();
    return Date.parse(next!);
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'scheduler-test-'));
    mkdirSync(join(workDir, 'fn'));
    const entry = join(workDir, 'fn', 'jobs.mjs');
    writeFileSync(entry, handlerSource);
    running = await startServices(
      [
        stepFunctionsService({ clock }),
        schedulerService({ clock, retryDelaysMs: [5 * MINUTE], onRun: (r) => finished.push(r) }),
      ],
      {
        repoRoot,
        persist: false,
        resolver: new TemplateResolver(fixture(entry, Math.ceil((clock.now() + 10 * DAY) / 1000) * 1000)),
        log: (m) => logs.push(m),
        ports: {},
        env: {},
        dataDir: (name) => join(workDir, 'data', name),
      },
    );
    info = running.started.scheduler!.info as unknown as SchedulerInfo;
    schedulerUrl = running.started.scheduler!.endpoint!;
    sfnUrl = running.started.stepfunctions!.endpoint!;
    expect(running.env.AD_LOCAL_SCHEDULER_URL).toBe(schedulerUrl);
    expect(info.clock).toBe(clock);
  });

  afterAll(async () => {
    await running?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('reads every schedule of the template; fires enabled ones (in their time zone), says why not the others', async () => {
    const states = Object.fromEntries(info.schedules().map((s) => [s.job, s]));
    expect(Object.keys(states).sort()).toEqual([
      'berlin',
      'daily',
      'disabled',
      'fail-once',
      'named',
      'six-hourly',
    ]);
    expect(states.daily).toMatchObject({
      expression: 'cron(0 2 * * ? *)',
      targetFunction: 'JobsFunction0A1B2C',
    });
    expect(new Date(states.daily!.nextFireTime!).getUTCHours()).toBe(2);
    expect(Date.parse(states.daily!.nextFireTime!) - clock.now()).toBeLessThanOrEqual(DAY);
    expect(states.disabled).toMatchObject({ notScheduled: 'disabled', nextFireTime: undefined });
    expect(states.berlin?.notScheduled).toBeUndefined();
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(Date.parse(states.berlin!.nextFireTime!)),
    ).toBe('02');
    expect(states.named?.name).toBe('new-year-report');
    const listing = (await (await fetch(`${schedulerUrl}/`)).json()) as Loose;
    expect(listing.schedules).toHaveLength(6);
    expect(logs.some((l) => l.startsWith('[scheduler] local scheduler on http://127.0.0.1:'))).toBe(true);
  });

  it('fires a due time once when the clock passes it, with the scheduled time in the input', async () => {
    const due = nextDaily();
    await advance(due - clock.now() - 1000);
    await new Promise((r) => setTimeout(r, 50));
    await info.idle();
    expect(eventsOf('daily')).toHaveLength(0);

    await advance(2000);
    await until('the daily run', () => eventsOf('daily').length === 1);
    await info.idle();
    const [fired] = eventsOf('daily');
    expect(fired.event).toEqual({ job: 'daily', scheduledTime: scheduledTimeString(due), attempt: '1' });
    expect(nextDaily()).toBe(due + DAY);
    // Nothing more fires while the clock stands still.
    await new Promise((r) => setTimeout(r, 100));
    expect(eventsOf('daily')).toHaveLength(1);
    const run = finished.find((r) => r.job === 'daily')!;
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'succeeded',
      attempts: 1,
      scheduledTime: scheduledTimeString(due),
      result: { job: 'daily', summary: { seen: 1 } },
    });
    expect(logs.some((l) => l.includes(`(daily) at ${scheduledTimeString(due)} (schedule): ok in`))).toBe(
      true,
    );
  });

  it('a jump over several due times runs each exactly once, in order', async () => {
    const first = nextDaily();
    const before = eventsOf('daily').length;
    await advance(first - clock.now() + 2 * DAY + HOUR); // passes first, first + 1 day, first + 2 days
    await until('three more daily runs', () => eventsOf('daily').length === before + 3);
    await info.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(
      eventsOf('daily')
        .slice(before)
        .map((e) => e.event.scheduledTime),
    ).toEqual([first, first + DAY, first + 2 * DAY].map(scheduledTimeString));
    expect(nextDaily()).toBe(first + 3 * DAY);
    // The rate schedule fired once per 6 hours it was jumped over, never twice for one time.
    const sixHourly = eventsOf('six-hourly').map((e) => e.event.scheduledTime);
    expect(new Set(sixHourly).size).toBe(sixHourly.length);
    expect(sixHourly.length).toBeGreaterThanOrEqual(8);
  });

  it('a failing run is retried like an async Lambda invoke, then dead-lettered', async () => {
    const failing = () => info.schedules().find((s) => s.job === 'fail-once')!;
    const due = Date.parse(failing().nextFireTime!);
    const attemptsBefore = eventsOf('fail-once').length;
    await advance(due - clock.now() + 1000);
    await until('the first attempt', () => eventsOf('fail-once').length === attemptsBefore + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(info.deadLetters.filter((r) => r.scheduledTime === scheduledTimeString(due))).toHaveLength(0);
    await advance(5 * MINUTE); // the retry delay, on the clock
    await until('the dead letter', () =>
      info.deadLetters.find((r) => r.scheduledTime === scheduledTimeString(due)),
    );
    const dead = info.deadLetters.find((r) => r.scheduledTime === scheduledTimeString(due))!;
    expect(dead).toMatchObject({
      job: 'fail-once',
      status: 'failed',
      attempts: 2, // 1 + MaximumRetryAttempts of the function's EventInvokeConfig
      deadLettered: true,
      error: { name: 'JobBroke', message: 'the job broke' },
    });
    expect(eventsOf('fail-once').slice(attemptsBefore)).toHaveLength(2);
    expect(logs.some((l) => l.includes('FAILED after 2 attempts') && l.includes('dead-letter queue'))).toBe(
      true,
    );
  });

  it('POST /_local/run runs a job’s schedule once now; 404 for an unknown job; 500 when it fails', async () => {
    const before = eventsOf('daily').length;
    const ok = await post(`${schedulerUrl}/_local/run`, { job: 'daily' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ job: 'daily', trigger: 'on-demand', status: 'succeeded', attempts: 1 });
    expect(Math.abs(Date.parse(ok.body.scheduledTime) - clock.now())).toBeLessThan(5000);
    expect(eventsOf('daily')).toHaveLength(before + 1);

    const at = await post(`${schedulerUrl}/_local/run`, {
      schedule: 'new-year-report',
      scheduledTime: '2031-01-01T04:00:00Z',
    });
    expect(at.body).toMatchObject({
      job: 'named',
      scheduledTime: '2031-01-01T04:00:00Z',
      status: 'succeeded',
    });

    const missing = await post(`${schedulerUrl}/_local/run`, { job: 'no-such-job' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/no-such-job/);
    expect((await post(`${schedulerUrl}/_local/run`, {})).status).toBe(400);

    const failed = await post(`${schedulerUrl}/_local/run`, { job: 'fail-once' });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'JobBroke' } });
    expect(failed.body.deadLettered).toBeFalsy();
  });

  it('POST /_local/clock on the scheduler moves the same clock', async () => {
    const offset = clock.offset;
    const res = await post(`${schedulerUrl}/_local/clock`, { advanceMs: 1234 });
    expect(res.status).toBe(200);
    expect(res.body.offsetMs).toBe(offset + 1234);
    expect(clock.offset).toBe(offset + 1234);
  });
});

describe('the real template’s schedules run the registered jobs', () => {
  const clock = new LocalClock();
  const logs: string[] = [];
  let running: RunningServices;
  let info: SchedulerInfo;

  beforeAll(async () => {
    // The synthesized stack, as `npm start` runs it; handlers reach the integration stack's
    // emulators through the environment the setup file applied.
    const { synthesizeTemplate } = await import('../../infra/local/cdk-template.js');
    running = await startServices([schedulerService({ clock, retryDelaysMs: [0] })], {
      repoRoot,
      persist: false,
      resolver: new TemplateResolver(await synthesizeTemplate()),
      log: (m) => logs.push(m),
      ports: {},
      env: {},
      dataDir: () => tmpdir(),
    });
    info = running.started.scheduler!.info as unknown as SchedulerInfo;
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('has one schedule per registered job, all fired locally', () => {
    const states = info.schedules();
    expect(states.map((s) => s.job).sort()).toEqual(Object.keys(jobs).sort());
    for (const state of states) {
      expect(state.notScheduled, state.name).toBeUndefined();
      expect(state.nextFireTime, state.name).toBeDefined();
    }
  });

  it('advancing the clock past 02:00 UTC runs post-campaign-reports with that time as its now', async () => {
    const schedule = info.schedules().find((s) => s.job === 'post-campaign-reports')!;
    const due = Date.parse(schedule.nextFireTime!);
    expect(new Date(due).getUTCHours()).toBe(2);
    clock.advance(due - clock.now() + MINUTE);
    const run = await until(
      'the post-campaign-reports run',
      () => info.runs.find((r) => r.job === 'post-campaign-reports'),
      25_000,
    );
    await info.idle();
    expect(run, JSON.stringify(run.error)).toMatchObject({
      status: 'succeeded',
      scheduledTime: scheduledTimeString(due),
    });
    const result = run.result as { job: string; now: string; summary: Record<string, number> };
    expect(result.job).toBe('post-campaign-reports');
    expect(result.now).toBe(new Date(due).toISOString());
    for (const value of Object.values(result.summary)) expect(typeof value).toBe('number');
    expect(info.runs.filter((r) => r.job === 'post-campaign-reports')).toHaveLength(1);
    // Whatever else came due on the way (material-warnings at 07:00) ran cleanly too.
    for (const other of info.runs)
      expect(other.status, `${other.job}: ${JSON.stringify(other.error)}`).toBe('succeeded');
  }, 30_000);
});

describe('the integration stack', () => {
  it('runs the scheduler on the Step Functions clock', async () => {
    const env = inject('env');
    const schedulerUrl = env.AD_LOCAL_SCHEDULER_URL;
    const sfnUrl = env.AWS_ENDPOINT_URL_SFN;
    expect(schedulerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = (await (await fetch(`${schedulerUrl}/`)).json()) as Loose;
    expect(before.schedules.map((s: Loose) => s.job).sort()).toEqual(Object.keys(jobs).sort());
    // One millisecond: harmless to the other tests sharing the stack.
    await fetch(`${sfnUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 1 }) });
    const after = (await (await fetch(`${schedulerUrl}/`)).json()) as Loose;
    expect(after.offsetMs).toBe(before.offsetMs + 1);
  });
});

describe('npm run job', () => {
  const run = promisify(execFile);
  const script = join(repoRoot, 'scripts', 'run-job.ts');
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'run-job-test-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const job = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(tsx, [script, ...args], {
        cwd: repoRoot,
        env: { ...process.env, AD_DATA_DIR: dataDir },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('says clearly when no stack is running', async () => {
    const result = await job('post-campaign-reports');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No local stack is running for ${dataDir}`);
    expect(result.stderr).toContain('npm start');
  }, 30_000);

  it('runs a job once against the running stack (its stack.json) and prints the summary', async () => {
    // The integration stack does not persist, so it writes no stack.json: write one as `npm start` would.
    writeFileSync(
      join(dataDir, 'stack.json'),
      JSON.stringify({ pid: process.pid, dataDir, env: inject('env') }),
    );
    const result = await job('post-campaign-reports', '--now', '2031-02-03T04:05:06Z');
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ job: 'post-campaign-reports', now: '2031-02-03T04:05:06.000Z' });
    for (const value of Object.values(printed.summary)) expect(typeof value).toBe('number');

    const unknown = await job('no-such-job');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no-such-job/);
    expect(unknown.stderr).toContain('post-campaign-reports');
    const badDate = await job('post-campaign-reports', '--now', 'yesterday');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--now/);
  }, 60_000);
});
