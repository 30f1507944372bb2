import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableSchema } from '../../shared/platform/db/table-schema.js';
import { previewKeyPrefix } from '../../shared/platform/object-keys.js';
import type { Stage } from '../stage.js';

/**
 * Stable logical ids of the stateful resources. Pinned so that refactoring the construct tree
 * never replaces (and thereby orphans) the table or a bucket, and so the local runner can find
 * them in the synthesized template.
 */
export const storageLogicalIds = {
  table: 'Table',
  draftsBucket: 'DraftsBucket',
  reportsBucket: 'ReportsBucket',
  accessLogsBucket: 'AccessLogsBucket',
} as const;

export interface StorageProps {
  stage: Stage;
  /** Days a replaced object version of a bucket without evidence is kept (CDK context `noncurrentVersionDays`). */
  noncurrentVersionDays: number;
}

/** Unfinished multipart uploads are removed after this long (they are billed, and never complete later). */
export const abortIncompleteUploadsAfter = Duration.days(7);

/** How long a document preview stays in the reports bucket (each version, from when it was made). */
export const previewRetentionDays = 1;

/** The single DynamoDB table (shape from `tableSchema`) and the S3 buckets. */
export class Storage extends Construct {
  readonly table: Table;
  readonly draftsBucket: Bucket;
  readonly reportsBucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const isProd = props.stage === 'prod';

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      // The table holds every record of the business: never deleted with the stack, in any stage.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    (this.table.node.defaultChild as CfnTable).overrideLogicalId(storageLogicalIds.table);

    // Server access logs of the data buckets. Kept 1 year in prod, 30 days in dev.
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(isProd ? 365 : 30),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: abortIncompleteUploadsAfter,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.accessLogsBucket, storageLogicalIds.accessLogsBucket);
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the drafts and reports buckets; logging it into itself would loop ' +
        'and logging it elsewhere only moves the problem.',
    });

    // The drafts bucket is the evidence store: every file a client approved (by object version),
    // written confirmations, plan documents and insertion orders. No version of it ever expires.
    this.draftsBucket = this.dataBucket('DraftsBucket', 'drafts/', [
      { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: abortIncompleteUploadsAfter },
    ]);
    pinLogicalId(this.draftsBucket, storageLogicalIds.draftsBucket);
    // Reports are regenerated, never evidence: a replaced version is kept for the retention only.
    this.reportsBucket = this.dataBucket('ReportsBucket', 'reports/', [
      {
        id: 'expire-replaced-versions',
        noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
        abortIncompleteMultipartUploadAfter: abortIncompleteUploadsAfter,
      },
      // Previews (a new object on every request, recorded nowhere) go a day after they were made,
      // every version of them; then the delete markers left with no version behind them.
      {
        id: 'expire-previews',
        prefix: previewKeyPrefix,
        expiration: Duration.days(previewRetentionDays),
        noncurrentVersionExpiration: Duration.days(previewRetentionDays),
      },
      { id: 'remove-preview-delete-markers', prefix: previewKeyPrefix, expiredObjectDeleteMarker: true },
    ]);
    pinLogicalId(this.reportsBucket, storageLogicalIds.reportsBucket);
  }

  /** Versioned, encrypted, private, TLS-only, access-logged; retained with the stack's removal. */
  private dataBucket(id: string, logPrefix: string, lifecycleRules: LifecycleRule[]): Bucket {
    return new Bucket(this, id, {
      lifecycleRules,
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: logPrefix,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

function pinLogicalId(bucket: IBucket, logicalId: string): void {
  (bucket.node.defaultChild as CfnBucket).overrideLogicalId(logicalId);
}
