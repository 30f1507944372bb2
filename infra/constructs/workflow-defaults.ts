import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type CatchProps,
  DefinitionBody,
  type IChainable,
  JitterType,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import type { AccountDeskFunction } from './function.js';
import { acknowledgeWildcardResource } from './nag.js';

/** Errors of a task worth retrying: Lambda's own, and a domain race (another writer won). */
const retryableErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
];

/** The catch every task has last: anything still failing after its retries goes to the `Fail` state. */
export const anyError: CatchProps = { errors: ['States.ALL'], resultPath: '$.error' };

/**
 * A task of the workflow's task function. Every workflow task retries the same way: exponential
 * backoff with full jitter (design.md §4), instead of LambdaInvoke's own service-exception retry.
 */
export function workflowTask(
  scope: Construct,
  id: string,
  taskFunction: AccountDeskFunction,
  props: Omit<LambdaInvokeProps, 'lambdaFunction' | 'retryOnServiceExceptions'>,
): LambdaInvoke {
  const task = new LambdaInvoke(scope, id, {
    lambdaFunction: taskFunction.function,
    retryOnServiceExceptions: false,
    ...props,
  });
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

export interface WorkflowStateMachineProps {
  stage: Stage;
  comment: string;
  definition: IChainable;
  timeout: Duration;
  /** The one function the workflow's tasks invoke. */
  taskFunction: AccountDeskFunction;
}

/**
 * The state machine of a workflow construct (`StateMachine`, with its `Logs` group): Standard,
 * traced, every event logged but never execution data (inputs, outputs, task tokens). Its task
 * function may resume the workflow's waiting tasks (`TaskFunctionResume`).
 */
export function workflowStateMachine(scope: Construct, props: WorkflowStateMachineProps): StateMachine {
  const isProd = props.stage === 'prod';
  const destination = new LogGroup(scope, 'Logs', {
    retention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const stateMachine = new StateMachine(scope, 'StateMachine', {
    comment: props.comment,
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(props.definition),
    timeout: props.timeout,
    tracingEnabled: true,
    logs: { destination, level: LogLevel.ALL, includeExecutionData: false },
  });
  acknowledgeStateMachine(stateMachine, props.taskFunction);
  // A wait whose event came before its token was stored: the waiting task resumes itself.
  grantResume(scope, 'TaskFunctionResume', props.taskFunction.role, stateMachine);
  return stateMachine;
}

/** The cdk-nag findings every state machine with one task function and logging/tracing has, with why. */
function acknowledgeStateMachine(stateMachine: StateMachine, taskFunction: AccountDeskFunction): void {
  // LambdaInvoke grants the function and `<function ARN>:*` (its versions and aliases).
  acknowledgeWildcardResource(
    stateMachine,
    `${taskFunction.function.functionArn}:*`,
    'CDK grants lambda:InvokeFunction on the task function and its versions (`:*`); it is the only function invoked.',
  );
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CDK adds exactly the CloudWatch Logs delivery actions (CreateLogDelivery … DescribeLogGroups) and X-Ray sampling reads for state machine logging and tracing; those APIs take no resource ARN.',
  });
}

/**
 * SendTaskSuccess on the workflow. A separate policy (not the role's default policy), because
 * functions depend on their default policy and the state machine depends on the task function:
 * granting through the default policy would be a dependency cycle.
 */
function grantResume(scope: Construct, id: string, role: IRole, stateMachine: StateMachine): Policy {
  return new Policy(scope, id, {
    roles: [role],
    statements: [
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [stateMachine.stateMachineArn],
      }),
    ],
  });
}

/**
 * May start executions of `stateMachine`, and stop them (a started execution whose record then
 * loses a race is stopped). StopExecution needs the `execution:<name>:*` wildcard: acknowledged
 * for `role` with `reason`.
 */
export function grantStartAndStop(stateMachine: StateMachine, role: IRole, reason: string): void {
  stateMachine.grantStartExecution(role);
  const executions = Stack.of(stateMachine).formatArn({
    service: 'states',
    resource: 'execution',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    resourceName: `${stateMachine.stateMachineName}:*`,
  });
  role.addToPrincipalPolicy(
    new PolicyStatement({ effect: Effect.ALLOW, actions: ['states:StopExecution'], resources: [executions] }),
  );
  acknowledgeWildcardResource(role, executions, reason);
}
