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

export interface MinutesWorkflowProps {
  stage: Stage;
  table: ITable;
  mail: MailSettings;
}

/**
 * One version's window lasts a working day and the weekends and holidays before it; a question
 * ends it at once. Two months covers any calendar a client can have.
 */
const minutesWorkflowTimeout = Duration.days(60);

/**
 * The minutes workflow (issue 15 §1): one Standard execution per issued version of a contact
 * report, named `<reportId>-v<nnnn>`, with one task function (`functions/workflow/minutes-tasks.ts`).
 *
 *   Send ──► Route ──await──► AwaitAnswer (callback; timeout = the time left in the window) ──► Check ──► Route
 *              │  ├─send───► Send                  └ States.Timeout ─────────────────────────► Check
 *              │  └─end────► Ended  (confirmed, confirmed by silence, disputed or superseded: see the version)
 *              └─other──► Failed
 *
 * An answer that settles the version (a question, the last confirm) or a corrected version
 * resumes the wait; at the deadline nobody has: `Check` records the confirmation by silence.
 */
export class MinutesWorkflow extends Construct {
  readonly taskFunction: AccountDeskFunction;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: MinutesWorkflowProps) {
    super(scope, id);

    this.taskFunction = new AccountDeskFunction(this, 'TaskFunction', {
      stage: props.stage,
      entry: 'functions/workflow/minutes-tasks.ts',
      serviceName: 'minutes-workflow',
      description:
        'Minutes workflow tasks: send the minutes, keep the task token, confirm by silence, tell the outcome.',
      timeout: Duration.seconds(30),
    })
      .bindTable(props.table)
      .bindMail(props.mail);

    const fn = this.taskFunction;
    // Every task gets its state's entered time (its "now") and the execution's name.
    const version = {
      'clientId.$': '$.clientId',
      'reportId.$': '$.reportId',
      'number.$': '$.number',
      enteredTime: JsonPath.stateEnteredTime,
      execution: JsonPath.executionName,
    };
    const failed = new Fail(this, 'Failed', {
      error: 'MinutesWorkflowFailed',
      cause: 'A minutes task kept failing after its retries; the version is left as it was.',
    });
    const send = workflowTask(this, 'Send', fn, {
      payload: TaskInput.fromObject({ op: 'send', ...version }),
      payloadResponseOnly: true,
      resultPath: '$.next',
    });
    const check = workflowTask(this, 'Check', fn, {
      payload: TaskInput.fromObject({ op: 'check', ...version }),
      payloadResponseOnly: true,
      resultPath: '$.next',
    });
    const awaitAnswer = workflowTask(this, 'AwaitAnswer', fn, {
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ op: 'await', ...version, taskToken: JsonPath.taskToken }),
      // Wakes at the end of the window unless an answer or a corrected version wakes it first.
      taskTimeout: Timeout.at('$.next.waitSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    const ended = new Succeed(this, 'Ended', {
      comment: 'Confirmed, confirmed by silence, disputed or superseded: see the version.',
    });
    const route = new Choice(this, 'Route')
      .when(Condition.stringEquals('$.next.action', 'await'), awaitAnswer)
      .when(Condition.stringEquals('$.next.action', 'send'), send)
      .when(Condition.stringEquals('$.next.action', 'end'), ended)
      .otherwise(failed);

    send.addCatch(failed, anyError).next(route);
    check.addCatch(failed, anyError).next(route);
    awaitAnswer
      .addCatch(check, { errors: ['States.Timeout'], resultPath: '$.timedOut' })
      .addCatch(failed, anyError)
      .next(check);

    this.stateMachine = workflowStateMachine(this, {
      stage: props.stage,
      comment: 'The one-working-day window of an issued version of meeting minutes.',
      definition: send,
      timeout: minutesWorkflowTimeout,
      taskFunction: this.taskFunction,
    });
  }
}
