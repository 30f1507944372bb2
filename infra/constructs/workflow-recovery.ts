import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';

export interface WorkflowRecoveryProps {
  stage: Stage;
  table: ITable;
  mail: MailSettings;
  reviewWorkflow: StateMachine;
  mediaChain: StateMachine;
  monitoringImports: StateMachine;
  minutesWorkflow: StateMachine;
}

/** The execution statuses of a workflow that stopped without finishing. */
export const stoppedExecutionStatuses = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * A failed workflow never strands its subject: Step Functions sends every execution status
 * change to EventBridge, and a rule passes the review workflow's and the media chain's
 * FAILED, TIMED_OUT and ABORTED ones to a function (`functions/workflow/execution-status.ts`)
 * that marks the review `failed` and frees its subject, or records the campaign's chain as
 * stopped, and tells the people concerned. EventBridge retries a failed delivery for a day.
 */
export class WorkflowRecovery extends Construct {
  readonly handler: AccountDeskFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: WorkflowRecoveryProps) {
    super(scope, id);
    this.handler = new AccountDeskFunction(this, 'Handler', {
      stage: props.stage,
      entry: 'functions/workflow/execution-status.ts',
      serviceName: 'workflow-recovery',
      description:
        'Stopped review workflows, media chains, monitoring imports and minutes windows: marks them, frees the subject, tells the team.',
    })
      .bindTable(props.table)
      .bindMail(props.mail);
    this.handler.function.addEnvironment(
      envNames.reviewStateMachineArn,
      props.reviewWorkflow.stateMachineArn,
    );
    this.handler.function.addEnvironment(
      envNames.mediaChainStateMachineArn,
      props.mediaChain.stateMachineArn,
    );
    this.handler.function.addEnvironment(
      envNames.monitoringImportStateMachineArn,
      props.monitoringImports.stateMachineArn,
    );
    this.handler.function.addEnvironment(
      envNames.minutesStateMachineArn,
      props.minutesWorkflow.stateMachineArn,
    );
    this.rule = new Rule(this, 'ExecutionStopped', {
      description:
        'Review workflow, media chain, monitoring import and minutes executions that stopped without finishing',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: stoppedExecutionStatuses,
          stateMachineArn: [
            props.reviewWorkflow.stateMachineArn,
            props.mediaChain.stateMachineArn,
            props.monitoringImports.stateMachineArn,
            props.minutesWorkflow.stateMachineArn,
          ],
        },
      },
      targets: [
        new LambdaFunction(this.handler.function, { retryAttempts: 8, maxEventAge: Duration.hours(24) }),
      ],
    });
  }
}
