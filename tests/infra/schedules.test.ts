/**
 * The schedules (design.md §4): one EventBridge Scheduler schedule per job of the registry, each
 * a cron (daily in UTC, or each working morning in the agency's time zone) without a flexible window, with a retry policy and a dead-letter queue,
 * invoking the scheduled-jobs function with `{ job, scheduledTime }`; the Scheduler role may
 * invoke that function and write to the dead-letter queue, nothing else; a job that throws is
 * retried by Lambda and dead-lettered to the same queue.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler, MAX_PASSES } from '../../functions/scheduled/handler.js';
import { jobs } from '../../functions/scheduled/registry.js';
import { buildAccountDeskStack, defaultAgencyTimeZone, ENTRY_METADATA_KEY } from '../../infra/build-app.js';
import {
  asyncRetry,
  JOB_TIME_RESERVE_ENV,
  type JobSchedule,
  jobSchedules,
  jobTimeReserve,
  SCHEDULED_JOBS_ENTRY,
  scheduleRetryPolicy,
} from '../../infra/constructs/schedules.js';
import { storageLogicalIds } from '../../infra/constructs/storage.js';
import { nextFireTime, parseScheduleExpression } from '../../infra/local/scheduler/expression.js';
import { envNames } from '../../shared/platform/config.js';
import { testContext } from '../support/lambda-context.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Json = any;

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

let template: Json;

beforeAll(() => {
  const app = new App({ context: NO_BUNDLING });
  template = Template.fromStack(buildAccountDeskStack(app, { stage: 'dev' })).toJSON();
}, 60_000);

function resourcesOfType(type: string): [string, Json][] {
  return Object.entries<Json>(template.Resources).filter(([, resource]) => resource.Type === type);
}

const schedules = () => resourcesOfType('AWS::Scheduler::Schedule');

/** The logical id of the scheduled-jobs function (exactly one). */
function jobsFunctionId(): string {
  const ids = resourcesOfType('AWS::Lambda::Function')
    .filter(([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === SCHEDULED_JOBS_ENTRY)
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** The one dead-letter queue every schedule names. */
function deadLetterQueueId(): string {
  const ids = [
    ...new Set(schedules().map(([, s]) => s.Properties.Target.DeadLetterConfig?.Arn?.['Fn::GetAtt']?.[0])),
  ];
  expect(ids).toHaveLength(1);
  expect(template.Resources[ids[0]]?.Type).toBe('AWS::SQS::Queue');
  return ids[0];
}

/** Every statement of the policies attached to a role (inline and `AWS::IAM::Policy`). */
function statementsOfRole(roleId: string): Json[] {
  const out: Json[] = [];
  for (const inline of template.Resources[roleId].Properties.Policies ?? [])
    out.push(...inline.PolicyDocument.Statement);
  for (const [, policy] of resourcesOfType('AWS::IAM::Policy')) {
    if (policy.Properties.Roles.some((role: Json) => role.Ref === roleId)) {
      out.push(...policy.Properties.PolicyDocument.Statement);
    }
  }
  return out;
}

const inputOf = (schedule: Json): { job: string; scheduledTime: string } =>
  JSON.parse(schedule.Properties.Target.Input);

describe('schedules', () => {
  it('are exactly one per job of the registry, and jobSchedules names the same jobs', () => {
    const scheduled = schedules().map(([, s]) => inputOf(s).job);
    expect(new Set(scheduled).size).toBe(scheduled.length);
    expect([...scheduled].sort()).toEqual(Object.keys(jobs).sort());
    expect(Object.keys(jobSchedules).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('target the scheduled-jobs function with {job, scheduledTime} naming a registered job', () => {
    const fnId = jobsFunctionId();
    for (const [id, schedule] of schedules()) {
      const target = schedule.Properties.Target;
      expect(target.Arn, id).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      const input = inputOf(schedule);
      expect(Object.keys(input).sort(), id).toEqual(['job', 'scheduledTime']);
      expect(Object.hasOwn(jobs, input.job), `${id}: ${input.job}`).toBe(true);
      expect(input.scheduledTime, id).toBe(SCHEDULED_TIME);
    }
  });

  it('run at their time (daily in UTC, or each working morning in the agency’s zone), enabled, without a flexible time window', () => {
    const expected: Record<string, { expression: string; zone?: string }> = {
      'post-campaign-reports': { expression: 'cron(0 2 * * ? *)' },
      'material-warnings': { expression: 'cron(0 7 * * ? *)' },
      'overdue-milestones': { expression: 'cron(0 8 ? * MON-FRI *)', zone: defaultAgencyTimeZone },
      'budget-reconciliation': { expression: 'cron(30 6 ? * MON-FRI *)', zone: defaultAgencyTimeZone },
      'status-reports': { expression: 'cron(30 7 ? * MON-FRI *)', zone: defaultAgencyTimeZone },
    };
    for (const [id, schedule] of schedules()) {
      const p = schedule.Properties;
      const { job } = inputOf(schedule);
      const timing: JobSchedule = jobSchedules[job as keyof typeof jobSchedules];
      const days = timing.days === 'weekdays' ? '? * MON-FRI' : '* * ?';
      expect(p.ScheduleExpression, id).toBe(`cron(${timing.minute} ${timing.hour} ${days} *)`);
      if (expected[job]) expect(p.ScheduleExpression, id).toBe(expected[job].expression);
      if (timing.timeZone === 'agency') expect(p.ScheduleExpressionTimezone, id).toBe(defaultAgencyTimeZone);
      else expect(['UTC', 'Etc/UTC', undefined], id).toContain(p.ScheduleExpressionTimezone);
      expect(p.FlexibleTimeWindow, id).toEqual({ Mode: 'OFF' });
      expect(p.State, id).toBe('ENABLED');
      // As the local scheduler computes the fire times: at that hour of the zone's clock, a day
      // apart (Monday to Friday only for working mornings, across a daylight saving change).
      const parsed = {
        expression: parseScheduleExpression(p.ScheduleExpression, p.ScheduleExpressionTimezone),
      };
      const zone = p.ScheduleExpressionTimezone ?? 'UTC';
      const hourIn = (ms: number) =>
        Number(
          new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(ms),
        );
      const weekdayIn = (ms: number) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short' }).format(ms);
      let fire = nextFireTime(parsed, Date.UTC(2030, 2, 20))!;
      for (let i = 0; i < 10; i++) {
        expect(hourIn(fire), id).toBe(timing.hour);
        if (timing.days === 'weekdays') expect(['Sat', 'Sun'], id).not.toContain(weekdayIn(fire));
        const next = nextFireTime(parsed, fire)!;
        if (timing.days === 'daily' && timing.timeZone === 'UTC')
          expect(next - fire, id).toBe(24 * 3600 * 1000);
        fire = next;
      }
    }
  });

  it('each have a retry policy and a dead-letter queue', () => {
    const dlq = deadLetterQueueId();
    for (const [id, schedule] of schedules()) {
      const target = schedule.Properties.Target;
      expect(target.RetryPolicy, id).toEqual({
        MaximumRetryAttempts: scheduleRetryPolicy.maximumRetryAttempts,
        MaximumEventAgeInSeconds: scheduleRetryPolicy.maximumEventAge.toSeconds(),
      });
      expect(target.RetryPolicy.MaximumRetryAttempts, id).toBeGreaterThan(0);
      expect(target.RetryPolicy.MaximumEventAgeInSeconds, id).toBeLessThanOrEqual(86_400);
      expect(target.DeadLetterConfig, id).toEqual({ Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } });
    }
  });
});

describe('dead-letter queue', () => {
  it('is encrypted, keeps messages 14 days and refuses requests without TLS', () => {
    const dlq = deadLetterQueueId();
    const p = template.Resources[dlq].Properties;
    expect(p.SqsManagedSseEnabled === true || p.KmsMasterKeyId !== undefined).toBe(true);
    expect(p.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    const statements = resourcesOfType('AWS::SQS::QueuePolicy')
      .filter(([, policy]) => policy.Properties.Queues.some((q: Json) => q.Ref === dlq))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('also receives the function’s failed asynchronous invocations, after Lambda’s retries', () => {
    const fnId = jobsFunctionId();
    const configs = resourcesOfType('AWS::Lambda::EventInvokeConfig').filter(
      ([, c]) => c.Properties.FunctionName?.Ref === fnId,
    );
    expect(configs).toHaveLength(1);
    const p = configs[0]![1].Properties;
    expect(p.MaximumRetryAttempts).toBe(asyncRetry.retryAttempts);
    expect(p.MaximumEventAgeInSeconds).toBe(asyncRetry.maxEventAge.toSeconds());
    expect(p.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] });
  });
});

describe('Scheduler execution role', () => {
  const roleIds = () => [
    ...new Set(schedules().map(([, s]) => s.Properties.Target.RoleArn['Fn::GetAtt'][0])),
  ];

  it('is one role, assumable only by EventBridge Scheduler of this account’s default group', () => {
    expect(roleIds()).toHaveLength(1);
    const [roleId] = roleIds();
    const trust = template.Resources[roleId!].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(trust[0].Action).toBe('sts:AssumeRole');
    expect(trust[0].Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(JSON.stringify(trust[0].Condition.StringEquals['aws:SourceArn'])).toContain(
      ':schedule-group/default',
    );
    // No other role trusts Scheduler.
    const schedulerRoles = resourcesOfType('AWS::IAM::Role')
      .filter(([, role]) =>
        JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
      )
      .map(([id]) => id);
    expect(schedulerRoles).toEqual(roleIds());
  });

  it('may invoke the scheduled-jobs function (unqualified) and send to the dead-letter queue, nothing else', () => {
    const [roleId] = roleIds();
    const statements = statementsOfRole(roleId!);
    expect(template.Resources[roleId!].Properties.ManagedPolicyArns).toBeUndefined();
    const grants = statements.map((s) => ({
      effect: s.Effect,
      actions: asArray<string>(s.Action).sort(),
      resources: asArray(s.Resource),
    }));
    expect(grants).toHaveLength(2);
    expect(grants).toContainEqual({
      effect: 'Allow',
      actions: ['lambda:InvokeFunction'],
      resources: [{ 'Fn::GetAtt': [jobsFunctionId(), 'Arn'] }],
    });
    expect(grants).toContainEqual({
      effect: 'Allow',
      actions: ['sqs:SendMessage'],
      resources: [{ 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] }],
    });
  });
});

describe('scheduled-jobs function', () => {
  const fn = () => template.Resources[jobsFunctionId()];

  it('has the table, the reports bucket (read/write), the drafts bucket (read) and mail settings', () => {
    const vars = fn().Properties.Environment.Variables;
    expect(vars[envNames.tableName]).toEqual({ Ref: storageLogicalIds.table });
    expect(vars[envNames.reportsBucket]).toEqual({ Ref: storageLogicalIds.reportsBucket });
    expect(vars[envNames.draftsBucket]).toEqual({ Ref: storageLogicalIds.draftsBucket });
    for (const name of [envNames.mailFrom, envNames.agencyName, envNames.publicBaseUrl]) {
      expect(vars[name], name).toBeDefined();
    }
    const statements = statementsOfRole(fn().Properties.Role['Fn::GetAtt'][0]);
    const actionsOn = (bucketId: string) =>
      statements
        .filter((s) => JSON.stringify(s.Resource).includes(`"${bucketId}","Arn"`))
        .flatMap((s) => asArray<string>(s.Action))
        .sort();
    expect(actionsOn(storageLogicalIds.reportsBucket)).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(actionsOn(storageLogicalIds.draftsBucket)).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
    ]);
    const actions = statements.flatMap((s) => asArray<string>(s.Action));
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions).toContain('ses:SendEmail');
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('works within a time budget and may invoke itself (unqualified) to continue, nothing else', () => {
    const vars = fn().Properties.Environment.Variables;
    expect(Number(vars[JOB_TIME_RESERVE_ENV])).toBe(jobTimeReserve.toMilliseconds());
    expect(jobTimeReserve.toSeconds()).toBeLessThan(fn().Properties.Timeout);
    const invokes = statementsOfRole(fn().Properties.Role['Fn::GetAtt'][0]).filter((s) =>
      asArray<string>(s.Action).some((a) => a.startsWith('lambda:')),
    );
    expect(invokes).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [jobsFunctionId(), 'Arn'] },
      }),
    ]);
    expect(fn().Properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
  });
});

describe('scheduled-jobs handler', () => {
  const TEST_JOB = '__schedules-test-job';
  afterEach(() => {
    delete jobs[TEST_JOB];
  });

  it('runs the named job with the scheduled time as its now, and returns its summary', async () => {
    const seen: Date[] = [];
    jobs[TEST_JOB] = async (now) => {
      seen.push(now);
      return { summary: { done: 1 }, failures: [] };
    };
    await expect(
      handler({ job: TEST_JOB, scheduledTime: '2031-05-06T02:00:00Z' }, testContext()),
    ).resolves.toEqual({
      job: TEST_JOB,
      now: '2031-05-06T02:00:00.000Z',
      summary: { done: 1 },
      segment: 1,
      continued: false,
    });
    expect(seen.map((d) => d.toISOString())).toEqual(['2031-05-06T02:00:00.000Z']);
    // On demand, without a scheduled time: now.
    const before = Date.now();
    await handler({ job: TEST_JOB }, testContext());
    expect(seen[1]!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('throws for an unknown job, an inherited property name, a missing job or a bad time (so it is retried, then dead-lettered)', async () => {
    await expect(handler({ job: 'no-such-job' }, testContext())).rejects.toThrow(/no-such-job/);
    await expect(handler({ job: 'constructor' }, testContext())).rejects.toThrow(/constructor/);
    await expect(handler({} as never, testContext())).rejects.toThrow(/job/);
    jobs[TEST_JOB] = async () => ({ summary: {}, failures: [] });
    await expect(
      handler({ job: TEST_JOB, scheduledTime: '<aws.scheduler.scheduled-time>' }, testContext()),
    ).rejects.toThrow(/scheduledTime/);
  });

  it('throws when units still fail on the last pass (so Lambda retries, then dead-letters)', async () => {
    jobs[TEST_JOB] = async () => ({ summary: { done: 3 }, failures: ['C1: SES refused'] });
    const lastPass = { summary: {}, failures: [], failed: 0, segments: 4, pass: MAX_PASSES - 1 };
    await expect(handler({ job: TEST_JOB, carried: lastPass }, testContext())).rejects.toThrow(
      `1 unit(s) failed after ${MAX_PASSES} pass(es): C1: SES refused`,
    );
  });

  it('lets a job’s error propagate', async () => {
    jobs[TEST_JOB] = async () => {
      throw new Error('the job broke');
    };
    await expect(handler({ job: TEST_JOB }, testContext())).rejects.toThrow('the job broke');
  });
});
