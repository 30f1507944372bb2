import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Choice,
  Condition,
  Fail,
  IntegrationPattern,
  JsonPath,
  Pass,
  Result,
  type State,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';
import { anyError, workflowStateMachine, workflowTask } from './workflow-defaults.js';

export interface MediaChainWorkflowProps {
  stage: Stage;
  table: ITable;
  mail: MailSettings;
}

/** How long a stage waits before the team is reminded (and the wait starts again). */
export const chainReminderInterval = Duration.days(7);

/** A Standard execution may run one year at most: the chain's own limit. */
export const chainTimeout = Duration.days(365);

/**
 * How many reminder intervals the chain waits in all before it lapses by itself, so that it never
 * reaches `chainTimeout`. A chain has waited less than one interval per timed-out wait, plus less
 * than one interval in each earlier stage that was confirmed early; the next wait must still end a
 * week (retries, task time) before the limit.
 */
export const chainMaxWaits = Math.floor(
  (chainTimeout.toDays() - chainReminderInterval.toDays() - (3 - 1) * chainReminderInterval.toDays()) /
    chainReminderInterval.toDays(),
);

/**
 * The media chain of a campaign (domain.md §5), a Standard state machine started with the campaign:
 *
 *   Start ─► AwaitRecommendation ─confirmed─► AwaitMasterPlan ─confirmed─► AwaitSchedule ─confirmed─► OpenBooking ─► Booking
 *        │ every 7 days: Overdue(stage) ─► remind and wait again
 *        │ flight over unconfirmed, or `chainMaxWaits` weeks waited in all ─► team told ─► Lapsed
 *
 * The execution's own timeout (`chainTimeout`, one year: the longest a Standard execution may run)
 * is never reached: the weeks waited are counted in `$.chain.waits`, and the chain lapses by
 * itself, cleanly and with the team told, before the next wait could cross it.
 *
 * Each wait is a callback task resumed when a plan of that stage is confirmed by the client
 * (the sign-off engine). The gates are in the table; this workflow moves the campaign's stage
 * and keeps the team told.
 */
export class MediaChainWorkflow extends Construct {
  readonly taskFunction: AccountDeskFunction;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: MediaChainWorkflowProps) {
    super(scope, id);
    this.taskFunction = new AccountDeskFunction(this, 'TaskFunction', {
      stage: props.stage,
      entry: 'functions/workflow/media-chain-tasks.ts',
      serviceName: 'media-chain',
      description: 'Media chain tasks: wait for each confirmation, remind weekly, open bookings.',
      timeout: Duration.seconds(30),
    })
      .bindTable(props.table)
      .bindMail(props.mail);
    const fn = this.taskFunction;
    // Every task gets its state's entered time: its "now" (a retried task decides the same).
    const campaign = {
      'clientId.$': '$.clientId',
      'campaignId.$': '$.campaignId',
      enteredTime: JsonPath.stateEnteredTime,
    };
    const failed = new Fail(this, 'Failed', {
      error: 'MediaChainFailed',
      cause: 'A media chain task kept failing after its retries; the campaign is left as it was.',
    });
    const lapsed = new Succeed(this, 'Lapsed', {
      comment: 'The flight ended, or a year passed, before the chain completed; the team was told.',
    });
    const openBooking = workflowTask(this, 'OpenBooking', fn, {
      payload: TaskInput.fromObject({ op: 'open-booking', ...campaign }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    openBooking.addCatch(failed, anyError).next(new Succeed(this, 'Booking'));

    const stages = [
      ['recommendation', 'Recommendation'],
      ['master_plan', 'MasterPlan'],
      ['monthly_schedule', 'Schedule'],
    ] as const;
    let next: State = openBooking;
    for (const [stage, name] of [...stages].reverse()) {
      const wait = workflowTask(this, `Await${name}`, fn, {
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ op: 'await', stage, ...campaign, taskToken: JsonPath.taskToken }),
        taskTimeout: Timeout.duration(chainReminderInterval),
        resultPath: JsonPath.DISCARD,
      });
      const overdue = workflowTask(this, `${name}Overdue`, fn, {
        payload: TaskInput.fromObject({
          op: 'overdue',
          stage,
          ...campaign,
          'waits.$': '$.chain.waits',
          maxWaits: chainMaxWaits,
        }),
        payloadResponseOnly: true,
        resultPath: '$.chain',
      });
      const route = new Choice(this, `${name}Route`)
        .when(Condition.stringEquals('$.chain.action', 'next'), next)
        .when(Condition.stringEquals('$.chain.action', 'lapsed'), lapsed)
        .otherwise(wait);
      wait
        .addCatch(overdue, { errors: ['States.Timeout'], resultPath: '$.timedOut' })
        .addCatch(failed, anyError)
        .next(next);
      overdue.addCatch(failed, anyError).next(route);
      next = wait;
    }

    // The count of timed-out waits starts at none.
    const start = new Pass(this, 'Start', {
      result: Result.fromObject({ action: 'await', waits: 0 }),
      resultPath: '$.chain',
    }).next(next);

    this.stateMachine = workflowStateMachine(this, {
      stage: props.stage,
      comment:
        'Media chain of a campaign: recommendation, master plan, monthly schedule confirmed, then booking.',
      definition: start,
      timeout: chainTimeout,
      taskFunction: this.taskFunction,
    });
  }
}
