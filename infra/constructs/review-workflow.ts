import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { envNames } from '../../shared/config.js';
import type { Stage } from '../stage.js';
import { AccountDeskFunction } from './function.js';
import { acknowledgeStateMachine, retrying, workflowLogs } from './workflow-defaults.js';

/** Who sends sign-off emails, and where their links point. */
export interface MailSettings {
  mailFrom: string;
  agencyName: string;
  /** The HTTP API's URL: approval pages are served there. */
  publicBaseUrl: string;
}

export interface ReviewWorkflowProps {
  stage: Stage;
  table: ITable;
  mail: MailSettings;
}

/** The review can wait at most this long in all (a step times out long before). */
export const reviewWorkflowTimeout = Duration.days(365);

/**
 * The review workflow (design.md §4): a Standard state machine that only sequences and waits,
 * and one task function that does the work against the table (`functions/workflow/review-tasks.ts`).
 *
 *   Advance ──► Route ──await──► AwaitDecision (callback, timeout = next reminder/deadline)
 *      ▲          │  └─end──► Ended                 │ decision: SendTaskSuccess ──► Advance
 *      └─advance──┘                                  └ States.Timeout ──► Deadline ──► Route
 *
 * Every task retries with exponential backoff and full jitter; anything still failing ends in
 * `Failed`, and a waiting task's timeout always has its path (reminder, escalation, expiry).
 */
export class ReviewWorkflow extends Construct {
  readonly taskFunction: AccountDeskFunction;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ReviewWorkflowProps) {
    super(scope, id);

    this.taskFunction = new AccountDeskFunction(this, 'TaskFunction', {
      stage: props.stage,
      entry: 'functions/workflow/review-tasks.ts',
      serviceName: 'review-workflow',
      description: 'Review workflow tasks: open steps, keep task tokens, reminders, escalation, release.',
      timeout: Duration.seconds(30),
    }).bindTable(props.table, 'readWrite');
    bindMail(this.taskFunction, props.mail);

    const fn = this.taskFunction.function;
    const review = { 'clientId.$': '$.clientId', 'reviewId.$': '$.reviewId' };
    const failed = new Fail(this, 'Failed', {
      error: 'ReviewWorkflowFailed',
      cause: 'A review task kept failing after its retries; the review is left as it was.',
    });

    const advance = retrying(
      new LambdaInvoke(this, 'Advance', {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ op: 'advance', ...review }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath: '$.next',
      }),
    );
    const deadline = retrying(
      new LambdaInvoke(this, 'Deadline', {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ op: 'deadline', ...review, 'stepNo.$': '$.next.stepNo' }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath: '$.next',
      }),
    );
    const awaitDecision = retrying(
      new LambdaInvoke(this, 'AwaitDecision', {
        lambdaFunction: fn,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          op: 'await',
          ...review,
          'stepNo.$': '$.next.stepNo',
          taskToken: JsonPath.taskToken,
        }),
        retryOnServiceExceptions: false,
        // Wakes for the step's next reminder or deadline, whichever comes first.
        taskTimeout: Timeout.at('$.next.waitSeconds'),
        resultPath: JsonPath.DISCARD,
      }),
    );
    const ended = new Succeed(this, 'Ended', { comment: 'Released, rejected or expired: see the review.' });
    const route = new Choice(this, 'Route')
      .when(Condition.stringEquals('$.next.action', 'await'), awaitDecision)
      .when(Condition.stringEquals('$.next.action', 'advance'), advance)
      .when(Condition.stringEquals('$.next.action', 'end'), ended)
      .otherwise(failed);

    advance.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' }).next(route);
    deadline.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' }).next(route);
    awaitDecision
      .addCatch(deadline, { errors: ['States.Timeout'], resultPath: '$.timedOut' })
      .addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' })
      .next(advance);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'Review of a creative draft: internal review, client review, final artwork, release.',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(advance),
      timeout: reviewWorkflowTimeout,
      tracingEnabled: true,
      logs: workflowLogs(this, props.stage),
    });
    acknowledgeStateMachine(this.stateMachine, fn);
    // The waiting task resumes itself when its step was settled before its token was stored.
    grantResume(this, 'TaskFunctionResume', this.taskFunction.role, this.stateMachine);
  }
}

/** The mail settings (sender, agency name, public URL) in a function's environment, nothing more. */
export function setMailSettings(fn: AccountDeskFunction, mail: MailSettings): void {
  fn.function.addEnvironment(envNames.mailFrom, mail.mailFrom);
  fn.function.addEnvironment(envNames.agencyName, mail.agencyName);
  fn.function.addEnvironment(envNames.publicBaseUrl, mail.publicBaseUrl);
}

/** Sign-off email settings and the permission to send through SES. */
export function bindMail(fn: AccountDeskFunction, mail: MailSettings): void {
  setMailSettings(fn, mail);
  const stack = Stack.of(fn);
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [`arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/*`],
    }),
  );
  Validations.of(fn.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
    reason:
      'SES checks the sender identity and every recipient identity (in the sandbox); recipients are the clients’ contacts, not known in advance.',
  });
}

/**
 * SendTaskSuccess on the review workflow. A separate policy (not the role's default policy),
 * because functions depend on their default policy and the state machine depends on the
 * task function: granting through the default policy would be a dependency cycle.
 */
export function grantResume(scope: Construct, id: string, role: IRole, stateMachine: StateMachine): Policy {
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
