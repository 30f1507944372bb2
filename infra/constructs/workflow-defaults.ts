import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { JitterType, LogLevel, type LogOptions, type StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { Stage } from '../stage.js';

/** Errors of a task worth retrying: Lambda's own, and a domain race (another writer won). */
const retryableErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
];

/** Every workflow task retries the same way: exponential backoff with full jitter (design.md §4). */
export function retrying<T extends LambdaInvoke>(task: T): T {
  task.addRetry({
    errors: retryableErrors,
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
    maxDelay: Duration.seconds(60),
    jitterStrategy: JitterType.FULL,
  });
  return task;
}

/** Every event logged, never execution data (inputs, outputs, task tokens). */
export function workflowLogs(scope: Construct, stage: Stage): LogOptions {
  const isProd = stage === 'prod';
  const destination = new LogGroup(scope, 'Logs', {
    retention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  return { destination, level: LogLevel.ALL, includeExecutionData: false };
}

/** The cdk-nag findings every state machine with one task function and logging/tracing has, with why. */
export function acknowledgeStateMachine(stateMachine: StateMachine, taskFunction: IFunction): void {
  const fnLogicalId: string = Stack.of(stateMachine).resolve(
    (taskFunction.node.defaultChild as CfnElement).logicalId,
  );
  Validations.of(stateMachine).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
    reason:
      'CDK grants lambda:InvokeFunction on the task function and its versions (`:*`); it is the only function invoked.',
  });
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CDK adds exactly the CloudWatch Logs delivery actions (CreateLogDelivery … DescribeLogGroups) and X-Ray sampling reads for state machine logging and tracing; those APIs take no resource ARN.',
  });
}
