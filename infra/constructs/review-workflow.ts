import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Choice,
  Condition,
  Fail,
  IntegrationPattern,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';
import { anyError, workflowStateMachine, workflowTask } from './workflow-defaults.js';

export interface ReviewWorkflowProps {
  stage: Stage;
  table: ITable;
  mail: MailSettings;
}

/** The review can wait at most this long in all (a step times out long before). */
const reviewWorkflowTimeout = Duration.days(365);

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
    })
      .bindTable(props.table)
      .bindMail(props.mail);

    const fn = this.taskFunction;
    // Every task gets its state's entered time (its "now": a retried task computes the same
    // deadlines) and the execution's name (a restarted review runs in a new execution).
    const review = {
      'clientId.$': '$.clientId',
      'reviewId.$': '$.reviewId',
      enteredTime: JsonPath.stateEnteredTime,
      execution: JsonPath.executionName,
    };
    const failed = new Fail(this, 'Failed', {
      error: 'ReviewWorkflowFailed',
      cause: 'A review task kept failing after its retries; the review is left as it was.',
    });

    const advance = workflowTask(this, 'Advance', fn, {
      payload: TaskInput.fromObject({ op: 'advance', ...review }),
      payloadResponseOnly: true,
      resultPath: '$.next',
    });
    const deadline = workflowTask(this, 'Deadline', fn, {
      payload: TaskInput.fromObject({ op: 'deadline', ...review, 'stepNo.$': '$.next.stepNo' }),
      payloadResponseOnly: true,
      resultPath: '$.next',
    });
    const awaitDecision = workflowTask(this, 'AwaitDecision', fn, {
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        op: 'await',
        ...review,
        'stepNo.$': '$.next.stepNo',
        taskToken: JsonPath.taskToken,
      }),
      // Wakes for the step's next reminder or deadline, whichever comes first.
      taskTimeout: Timeout.at('$.next.waitSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    const ended = new Succeed(this, 'Ended', { comment: 'Released, rejected or expired: see the review.' });
    const route = new Choice(this, 'Route')
      .when(Condition.stringEquals('$.next.action', 'await'), awaitDecision)
      .when(Condition.stringEquals('$.next.action', 'advance'), advance)
      .when(Condition.stringEquals('$.next.action', 'end'), ended)
      .otherwise(failed);

    advance.addCatch(failed, anyError).next(route);
    deadline.addCatch(failed, anyError).next(route);
    awaitDecision
      .addCatch(deadline, { errors: ['States.Timeout'], resultPath: '$.timedOut' })
      .addCatch(failed, anyError)
      .next(advance);

    this.stateMachine = workflowStateMachine(this, {
      stage: props.stage,
      comment: 'Review of a creative draft: internal review, client review, final artwork, release.',
      definition: advance,
      timeout: reviewWorkflowTimeout,
      taskFunction: this.taskFunction,
    });
  }
}
