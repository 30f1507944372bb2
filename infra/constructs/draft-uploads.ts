import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
import { AccountDeskFunction } from './function.js';

export interface DraftUploadsProps {
  stage: Stage;
  table: ITable;
  bucket: Bucket;
}

/**
 * Records every draft upload when it lands. The drafts bucket sends its events to
 * EventBridge (a plain bucket property: no notification custom resource, no circular
 * dependency between bucket and function); a rule passes "Object Created" under
 * `clients/` — the draft layout — to the recorder, which calls the same domain function
 * as the completing API call. Failed invocations are retried (EventBridge's delivery 8 times
 * within 24 h, Lambda's asynchronous retries twice); what still fails lands in the dead-letter
 * queue (and raises an alarm) instead of being dropped.
 */
export class DraftUploads extends Construct {
  readonly recorder: AccountDeskFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DraftUploadsProps) {
    super(scope, id);
    (props.bucket.node.defaultChild as CfnBucket).addPropertyOverride(
      'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
      true,
    );
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the upload rule’s target and of the recorder’s failed asynchronous invocations.',
    });
    this.recorder = new AccountDeskFunction(this, 'Recorder', {
      stage: props.stage,
      entry: 'functions/drafts/upload-events.ts',
      serviceName: 'draft-uploads',
      description: 'Records draft uploads: size, type, SHA-256, spec check.',
    })
      .bindTable(props.table)
      .bindBucket(props.bucket, envNames.draftsBucket, 'read')
      .deadLetterOnFailure(this.deadLetterQueue);
    this.rule = new Rule(this, 'ObjectCreated', {
      description: 'Draft uploads landing in the drafts bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucket.bucketName] }, object: { key: [{ prefix: 'clients/' }] } },
      },
      targets: [
        new LambdaFunction(this.recorder.function, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
