import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Choice,
  Condition,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';
import { anyError, workflowStateMachine, workflowTask } from './workflow-defaults.js';

export interface MonitoringImportWorkflowProps {
  stage: Stage;
  table: ITable;
  bucket: IBucket;
  mail: MailSettings;
}

/** How long one chunk's function may run (the chunk stops 10 s before, to save its progress). */
const importChunkTimeout = Duration.seconds(30);

/**
 * A large monitoring file imported to its end by itself (issue 10 §5), a Standard state machine
 * started by the upload event or by a `…/complete` call that ran out of time:
 *
 *   Chunk ─importing─► Chunk … ─completed or failed─► Notify ─► Done
 *     └─ still failing after its retries ─► MarkFailed ─► Notify
 *
 * Each chunk goes on from the import's saved progress for as long as its function's time allows;
 * the import in the table is the truth, so a retried or doubled chunk rewrites the same rows.
 */
export class MonitoringImportWorkflow extends Construct {
  readonly taskFunction: AccountDeskFunction;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: MonitoringImportWorkflowProps) {
    super(scope, id);
    this.taskFunction = new AccountDeskFunction(this, 'TaskFunction', {
      stage: props.stage,
      entry: 'functions/workflow/monitoring-import-tasks.ts',
      serviceName: 'monitoring-import',
      description:
        'Monitoring import tasks: import a chunk, mark a stopped import failed, tell the uploader.',
      timeout: importChunkTimeout,
    })
      .bindTable(props.table)
      .bindBucket(props.bucket, envNames.draftsBucket, 'read')
      .bindMail(props.mail);
    const fn = this.taskFunction;
    const run = {
      'clientId.$': '$.clientId',
      'campaignId.$': '$.campaignId',
      'importId.$': '$.importId',
      'attempt.$': '$.attempt',
      'actorId.$': '$.actorId',
      // The task's "now", as every workflow task gets it (it names when the import stopped).
      'enteredTime.$': '$$.State.EnteredTime',
    };
    const done = new Succeed(this, 'Done');
    const notify = workflowTask(this, 'Notify', fn, {
      payload: TaskInput.fromObject({ op: 'notify', ...run }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    notify.addCatch(done, anyError).next(done);
    const markFailed = workflowTask(this, 'MarkFailed', fn, {
      payload: TaskInput.fromObject({ op: 'fail', ...run, 'error.$': '$.error' }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    });
    markFailed.addCatch(done, anyError).next(notify);
    const chunk = workflowTask(this, 'Chunk', fn, {
      // The pace, when the run was started with one, caps each chunk's time.
      payload: TaskInput.fromObject({ op: 'chunk', ...run, 'budgetMs.$': '$.pace.budgetMs' }),
      payloadResponseOnly: true,
      resultPath: '$.chunk',
    });
    const route = new Choice(this, 'Route')
      .when(Condition.stringEquals('$.chunk.status', 'importing'), chunk)
      .when(Condition.stringEquals('$.chunk.status', 'superseded'), done)
      .otherwise(notify);
    chunk.addCatch(markFailed, anyError).next(route);

    this.stateMachine = workflowStateMachine(this, {
      stage: props.stage,
      comment: 'Imports a monitoring file to its end, chunk by chunk, then tells the uploader.',
      definition: chunk,
      timeout: Duration.days(1),
      taskFunction: this.taskFunction,
    });
  }
}
