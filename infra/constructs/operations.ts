import { Annotations, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import { type AccountDeskFunction, metricsNamespace } from './function.js';
import { pascal } from './naming.js';

/** Thresholds of the alarms (documented in docs/architecture.md, "Operations"). */
export const alarmThresholds = {
  /** API 5xx answers as a share of requests, in percent, over 5 minutes (with at least `minRequests`). */
  api5xxPercent: 5,
  minRequests: 20,
  /** 429s on the approval page within 5 minutes: link guessing, or a client's network behind one address. */
  approvalPage429s: 50,
} as const;

/** The business counts the functions publish (`shared/platform/telemetry.ts`), as the dashboard shows them. */
const businessCounts = [
  ['DecisionsRecorded', 'Decisions recorded'],
  ['EmailsSent', 'Emails sent'],
  ['EmailsBounced', 'Emails bounced'],
  ['EmailComplaints', 'Complaints'],
  ['EmailsWithheld', 'Sign-off emails withheld'],
  ['BookingsCreated', 'Bookings'],
] as const;

export interface OperationsProps {
  stage: Stage;
  functions: AccountDeskFunction[];
  stateMachines: Record<string, StateMachine>;
  deadLetterQueues: Record<string, IQueue>;
  apiStage: HttpStage;
  apiAccessLogs: ILogGroup;
  /** Route keys of the client's approval page (public). */
  approvalPageRoutes: string[];
  /** Who receives the alarms (CDK context `alarmEmail`); without one the topic has no subscriber. */
  alarmEmail?: string;
}

/**
 * Alarms to one SNS topic, and a dashboard of the same signals plus the business counts:
 * - any message in a dead-letter queue (work that failed after every retry);
 * - per state machine, executions failed, timed out or aborted;
 * - per function, errors and throttles;
 * - the API's 5xx rate; a surge of 429s on the client's approval page.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const period = Duration.minutes(5);

    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Account Desk alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic with this key.
    key.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Account Desk (${props.stage}) alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    else {
      Annotations.of(this).addWarningV2(
        'account-desk:no-alarm-email',
        'No alarm subscriber: deploy with -c alarmEmail=ops@your-agency.com to receive the alarms by email.',
      );
    }
    const action = new SnsAction(this.topic);
    const alarm = (idPart: string, description: string, metric: IMetric, threshold: number) => {
      const created = new Alarm(this, idPart, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    // Dead-letter queues: anything there failed after every retry.
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${pascal(name)}DeadLetters`,
        `${name}: work failed after every retry and waits in its dead-letter queue.`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: Stats.MAXIMUM }),
        1,
      );
    }

    // Workflows.
    for (const [name, machine] of Object.entries(props.stateMachines)) {
      const id = pascal(name);
      alarm(`${id}Failed`, `${name}: an execution failed.`, machine.metricFailed({ period }), 1);
      alarm(
        `${id}TimedOut`,
        `${name}: an execution reached its time limit.`,
        machine.metricTimedOut({ period }),
        1,
      );
      alarm(`${id}Aborted`, `${name}: an execution was aborted.`, machine.metricAborted({ period }), 1);
    }

    // Functions.
    for (const fn of props.functions) {
      const id = functionId(fn);
      alarm(`${id}Errors`, `${fn.entry}: invocations failed.`, fn.function.metricErrors({ period }), 1);
      alarm(
        `${id}Throttles`,
        `${fn.entry}: invocations were throttled.`,
        fn.function.metricThrottles({ period }),
        1,
      );
    }

    // The API.
    const requests = props.apiStage.metricCount({ period, statistic: Stats.SUM });
    const serverErrors = props.apiStage.metricServerError({ period, statistic: Stats.SUM });
    const serverErrorRate = new MathExpression({
      expression: `IF(requests >= ${alarmThresholds.minRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      label: 'API 5xx %',
      period,
    });
    alarm(
      'Api5xxRate',
      `The API answered more than ${alarmThresholds.api5xxPercent}% of requests with a server error (5 minutes, at least ${alarmThresholds.minRequests} requests).`,
      serverErrorRate,
      alarmThresholds.api5xxPercent,
    );
    const throttledPages = new MetricFilter(this, 'ApprovalPage429s', {
      logGroup: props.apiAccessLogs,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.status', '=', '429'),
        FilterPattern.any(
          ...props.approvalPageRoutes.map((route) => FilterPattern.stringValue('$.routeKey', '=', route)),
        ),
      ),
      metricNamespace: metricsNamespace(props.stage),
      metricName: 'ApprovalPageThrottled',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ period, statistic: Stats.SUM });
    alarm(
      'ApprovalPage429Surge',
      `More than ${alarmThresholds.approvalPage429s} requests to the client's approval page were refused with 429 within 5 minutes (bad-link throttling or the route's rate limit).`,
      throttledPages,
      alarmThresholds.approvalPage429s,
    );

    // The dashboard: the same signals, then the business.
    const business = (name: string, statistic: string = Stats.SUM) =>
      new Metric({
        namespace: metricsNamespace(props.stage),
        metricName: name,
        dimensionsMap: { service: 'account-desk' },
        period: Duration.hours(1),
        statistic,
      });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            markdown: `# Account Desk (${props.stage})\nAlarms go to the SNS topic; these are their signals, then the business.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [requests, props.apiStage.metricClientError({ period }), serverErrors],
            width: 8,
          }),
          new GraphWidget({ title: 'API 5xx %', left: [serverErrorRate], width: 8 }),
          new GraphWidget({ title: 'Approval page 429s', left: [throttledPages], width: 8 }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: props.functions.map((fn) => fn.function.metricErrors({ period, label: fn.entry })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: props.functions.map((fn) => fn.function.metricThrottles({ period, label: fn.entry })),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Workflow executions failed / timed out / aborted',
            left: Object.entries(props.stateMachines).flatMap(([name, machine]) => [
              machine.metricFailed({ period, label: `${name} failed` }),
              machine.metricTimedOut({ period, label: `${name} timed out` }),
              machine.metricAborted({ period, label: `${name} aborted` }),
            ]),
            width: 12,
          }),
          new GraphWidget({
            title: 'Dead-letter queues (messages)',
            left: Object.entries(props.deadLetterQueues).map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                period,
                statistic: Stats.MAXIMUM,
                label: name,
              }),
            ),
            width: 12,
          }),
        ],
        [
          new SingleValueWidget({
            title: 'Business (last 7 days)',
            metrics: businessCounts.map(([name, label]) =>
              business(name).with({ label, period: Duration.days(7) }),
            ),
            width: 24,
          }),
        ],
        [
          new GraphWidget({
            title: 'Business counts per hour',
            left: businessCounts.map(([name, label]) => business(name).with({ label })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Requests refused, by code',
            left: [
              new MathExpression({
                expression: `SEARCH('{${metricsNamespace(props.stage)},code,service} MetricName="RequestsRefused"', 'Sum', 3600)`,
                label: 'refused',
                period: Duration.hours(1),
              }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Post-campaign report generation',
            left: [
              business('ReportGenerationTime', Stats.AVERAGE).with({ label: 'time ms (avg)' }),
              business('ReportGenerationTime', Stats.MAXIMUM).with({ label: 'time ms (max)' }),
            ],
            right: [business('ReportRows').with({ label: 'rows read' })],
            width: 24,
          }),
        ],
      ],
    });
  }
}

/** A construct id for a function's alarms: the path below the stack, in PascalCase. */
const functionId = (fn: AccountDeskFunction): string => pascal(fn.node.path.split('/').slice(1).join('-'));
