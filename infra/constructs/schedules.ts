import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  ContextAttribute,
  type IScheduleTarget,
  Schedule,
  ScheduleExpression,
  type ScheduleTargetConfig,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';
import { pascal } from './naming.js';

/** The one function that runs scheduled jobs (`functions/scheduled/registry.ts`). */
export const SCHEDULED_JOBS_ENTRY = 'functions/scheduled/handler.ts';

export interface JobSchedule {
  /** The time of day it runs, in `timeZone`. */
  hour: number;
  minute: number;
  /** UTC, or the agency's time zone (CDK context `agencyTimeZone`), daylight saving time included. */
  timeZone: 'UTC' | 'agency';
  /** Every day, or Monday to Friday (each working morning). */
  days: 'daily' | 'weekdays';
  description: string;
}

/**
 * When each job of `functions/scheduled/registry.ts` runs (the infra test checks both name the same
 * jobs). Kept here, not in the registry, so that synthesizing the stack never imports domain code.
 */
export const jobSchedules = {
  'post-campaign-reports': {
    hour: 2,
    minute: 0,
    timeZone: 'UTC',
    days: 'daily',
    description:
      'Post-campaign analysis of every campaign whose flight ended long enough ago and has no report yet.',
  },
  'material-warnings': {
    hour: 7,
    minute: 0,
    timeZone: 'UTC',
    days: 'daily',
    description:
      'Warnings about booking materials still missing a few working days before their delivery deadline.',
  },
  'overdue-milestones': {
    hour: 8,
    minute: 0,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: every owner’s overdue and due-today milestones; slips on a job’s critical path to its AE and the traffic coordinator.',
  },
  'budget-reconciliation': {
    hour: 6,
    minute: 30,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: last month’s budget reconciliation (signed, committed, billed, forecast) of every client whose first working day of the month has come, once per client and month, emailed to its AMs and ADs.',
  },
  'status-reports': {
    hour: 7,
    minute: 30,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: the status report of every client whose latest finished period (its cadence: weekly, fortnightly or monthly, and weekday) is due and has none yet, once per client and period, emailed to its account team.',
  },
  'work-reports': {
    hour: 7,
    minute: 15,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: from the first working day of a month, each active account manager’s draft work report of last month (jobs, decisions, time waiting on client and agency, next month’s plan), once, with an email to edit and send it to their account director.',
  },
  profitability: {
    hour: 6,
    minute: 45,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: from the first working day of a month, last month’s profitability report (revenue, vendors’ bills, staff time at cost per client and job), once, emailed to the head of account services.',
  },
  collections: {
    hour: 9,
    minute: 0,
    timeZone: 'agency',
    days: 'weekdays',
    description:
      'Each working morning: payment reminders on invoices due N, 2N and 3N working days ago on the client’s calendar, to the billing contact, escalating the chase AE → AM → AD; credit standings refreshed.',
  },
} as const satisfies Record<string, JobSchedule>;

export type ScheduledJobName = keyof typeof jobSchedules;

/**
 * Scheduler's retry policy: it covers *delivering* the event (throttling, a missing function or
 * permission). Scheduler invokes Lambda asynchronously, so a job that throws is retried by
 * Lambda (`asyncRetry`); both end in the same dead-letter queue.
 */
export const scheduleRetryPolicy = { maximumRetryAttempts: 3, maximumEventAge: Duration.hours(6) } as const;
export const asyncRetry = { retryAttempts: 2, maxEventAge: Duration.hours(6) } as const;

/** Time a job segment leaves unused for the unit in progress to finish (of the function's 30 s). */
export const jobTimeReserve = Duration.seconds(10);
export const JOB_TIME_RESERVE_ENV = 'JOB_TIME_RESERVE_MS';

/** The target input of a job's schedule: the job, and the time it was due (Scheduler fills it in). */
const jobInput = (job: string) => ({ job, scheduledTime: ContextAttribute.scheduledTime });

export interface SchedulesProps {
  stage: Stage;
  /** The agency's IANA time zone: jobs timed in it follow its daylight saving time. */
  agencyTimeZone: string;
  table: ITable;
  draftsBucket: IBucket;
  reportsBucket: IBucket;
  mail: MailSettings;
}

/**
 * Scheduled work (design.md §4): one EventBridge Scheduler schedule per job, each a cron (daily or
 * Monday to Friday, in UTC or in the agency's time zone) with no flexible window, invoking the
 * scheduled-jobs function with `{ job, scheduledTime }`.
 *
 *   Schedule ──(SchedulerRole: InvokeFunction on this function only)──► ScheduledJobs function
 *      │ undeliverable after 3 retries / 6 h                               │ throws: Lambda retries 2× / 6 h
 *      └──────────────────────────► DeadLetterQueue ◄──────────────────────┘ (on-failure destination)
 *
 * Every job is idempotent, so a retried or doubled run changes nothing twice.
 */
export class Schedules extends Construct {
  readonly jobsFunction: AccountDeskFunction;
  readonly deadLetterQueue: Queue;
  readonly schedulerRole: Role;
  readonly schedules: Record<ScheduledJobName, Schedule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const isProd = props.stage === 'prod';

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      // SQS-managed SSE: Scheduler's role and Lambda's destination can send without KMS key grants.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue: of the schedules (Scheduler DeadLetterConfig) and of the ' +
        'scheduled-jobs function’s failed asynchronous invocations (on-failure destination); cdk-nag cannot see either use.',
    });

    this.jobsFunction = new AccountDeskFunction(this, 'Function', {
      stage: props.stage,
      entry: SCHEDULED_JOBS_ENTRY,
      serviceName: 'scheduled-jobs',
      description:
        'Scheduled jobs (EventBridge Scheduler): post-campaign reports, material warnings, overdue milestones.',
      timeout: Duration.seconds(30),
      // A job's continuations run one after another; a few at once leave the table and SES to the API.
      reservedConcurrency: 5,
    })
      .bindTable(props.table)
      .bindBucket(props.reportsBucket, envNames.reportsBucket, 'readWrite')
      .bindBucket(props.draftsBucket, envNames.draftsBucket, 'read')
      .bindMail(props.mail);
    this.jobsFunction.function.configureAsyncInvoke({
      ...asyncRetry,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // A run works within the function's time and hands the rest to a new invocation of itself
    // (functions/scheduled/handler.ts): it starts no unit once less than the reserve is left.
    this.jobsFunction.function.addEnvironment(JOB_TIME_RESERVE_ENV, String(jobTimeReserve.toMilliseconds()));
    // A separate policy: the function depends on its role's default policy, which may not name the function.
    new Policy(this, 'ContinuesItself', {
      roles: [this.jobsFunction.role],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['lambda:InvokeFunction'],
          resources: [this.jobsFunction.function.functionArn],
        }),
      ],
    });

    // Scheduler assumes this role for the schedules of this stack's default group only
    // (confused-deputy protection), and may do exactly two things with it.
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
      description:
        'EventBridge Scheduler: invokes the scheduled-jobs function, dead-letters undeliverable runs.',
    });
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.jobsFunction.function.functionArn],
      }),
    );
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    const schedules: Partial<Record<ScheduledJobName, Schedule>> = {};
    for (const [job, timing] of Object.entries(jobSchedules) as [ScheduledJobName, JobSchedule][]) {
      schedules[job] = new Schedule(this, pascal(job), {
        description: `${job}: ${timing.description}`,
        schedule: ScheduleExpression.cron({
          minute: String(timing.minute),
          hour: String(timing.hour),
          ...(timing.days === 'weekdays' ? { weekDay: 'MON-FRI' } : {}),
          ...(timing.timeZone === 'agency' ? { timeZone: TimeZone.of(props.agencyTimeZone) } : {}),
        }),
        timeWindow: TimeWindow.off(),
        target: new ScheduledJobTarget({
          functionArn: this.jobsFunction.function.functionArn,
          role: this.schedulerRole,
          deadLetterQueueArn: this.deadLetterQueue.queueArn,
          input: ScheduleTargetInput.fromObject(jobInput(job)),
        }),
      });
    }
    this.schedules = schedules as Record<ScheduledJobName, Schedule>;
  }
}

/**
 * A Lambda target with the role given as is. (`aws-scheduler-targets`' `LambdaInvoke` grants
 * through `grantInvoke`, which adds every version and alias (`<arn>:*`); Scheduler only ever
 * invokes the unqualified function.)
 */
class ScheduledJobTarget implements IScheduleTarget {
  constructor(
    private readonly props: {
      functionArn: string;
      role: Role;
      deadLetterQueueArn: string;
      input: ScheduleTargetInput;
    },
  ) {}

  bind(): ScheduleTargetConfig {
    return {
      arn: this.props.functionArn,
      role: this.props.role,
      input: this.props.input,
      deadLetterConfig: { arn: this.props.deadLetterQueueArn },
      retryPolicy: {
        maximumRetryAttempts: scheduleRetryPolicy.maximumRetryAttempts,
        maximumEventAgeInSeconds: scheduleRetryPolicy.maximumEventAge.toSeconds(),
      },
    };
  }
}
