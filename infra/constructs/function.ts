import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { envNames } from '../../shared/platform/config.js';
import { tableSchema } from '../../shared/platform/db/table-schema.js';
import { bundleFunctionSync } from '../bundle-sync.js';
import { assertRepoFile, repoRoot } from '../paths.js';
import type { Stage } from '../stage.js';
import { acknowledgeWildcardResource } from './nag.js';
import { tableGrants } from './table-grants.js';

/**
 * CloudFormation metadata key on every `AWS::Lambda::Function`: the function's source entry,
 * relative to the repository root. The local runner maps synthesized functions to handlers with it.
 */
export const ENTRY_METADATA_KEY = 'AccountDesk:Entry';

export type BucketAccess = 'read' | 'readWrite';

/** Who sends sign-off emails, and where their links point (built by the `Mail` construct). */
export interface MailSettings {
  mailFrom: string;
  agencyName: string;
  /** The public URL of the API (its custom domain when there is one): approval pages are served there. */
  publicBaseUrl: string;
  /** The SES configuration set every email is sent with (its bounce and complaint events come back). */
  configurationSetName: string;
  /** What `ses:SendEmail` is granted on: the sender identity and the configuration set. */
  sendingResources: string[];
  /** The account is in the SES sandbox: recipients are identities too (verified addresses only). */
  sandbox: boolean;
}

export interface AccountDeskFunctionProps {
  stage: Stage;
  /** Entry file relative to the repository root, e.g. `functions/clients/handler.ts`. */
  entry: string;
  /** Exported handler name. */
  handler?: string;
  description?: string;
  /** Powertools service name (logs, traces). */
  serviceName: string;
  memorySize?: number;
  timeout?: Duration;
  /**
   * Concurrency reserved for (and capping) this function, where a flood would hurt the rest. Off
   * with CDK context `reservedConcurrency=false` (a new account's quota of 10 leaves nothing to reserve).
   */
  reservedConcurrency?: number;
  environment?: Record<string, string>;
}

/** Whether reserved concurrency is applied (CDK context `reservedConcurrency`, default true). */
function reservesConcurrency(scope: Construct): boolean {
  const value: unknown = scope.node.tryGetContext('reservedConcurrency');
  return !(value === false || value === 'false');
}

/** The CloudWatch namespace of the functions' business metrics (the dashboard reads it). */
export const metricsNamespace = (stage: Stage): string => `AccountDesk/${stage}`;

/**
 * A function's code: its entry bundled by `infra/bundle.ts` (esbuild, the pinned SDK inside, the
 * SDK schema plugin; `npm run bench` and the bundle tests build with the same settings), through
 * CDK's local bundling. The asset is hashed by the bundle, as `NodejsFunction` does; apps that skip
 * bundling (`aws:cdk:bundling-stacks`: the infra tests, the local runner) never build it.
 */
function functionCode(entry: string): Code {
  assertRepoFile(entry);
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only used if local bundling declined, which it never does.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      // Also what tells CDK's bundling cache one function from another.
      command: [
        'npx',
        'tsx',
        '--eval',
        `import('./infra/bundle.ts').then((b) => b.bundleFunction(${JSON.stringify(entry)}, '/asset-output'))`,
      ],
      local: {
        tryBundle(outputDir) {
          bundleFunctionSync(entry, outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * The single place that sets every function's defaults: Node.js 22 on arm64, esbuild ESM bundles
 * with source maps (`functionCode`), X-Ray tracing, a log group with retention, its own role that starts with
 * nothing but write access to that log group. Access is added with `bindTable` / `bindBucket` /
 * `bindMail`.
 */
export class AccountDeskFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Repository-relative entry path (also in the `AccountDesk:Entry` template metadata). */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: AccountDeskFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    const isProd = props.stage === 'prod';

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: isProd ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole (AwsSolutions-IAM4): logs go to
    // this function's own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName} (${props.entry})`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: functionCode(props.entry),
      handler: `index.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      reservedConcurrentExecutions: reservesConcurrency(this) ? props.reservedConcurrency : undefined,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        // Business metrics (EMF) of every function under one namespace per stage.
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(props.stage),
        STAGE: props.stage,
        ...props.environment,
      },
    });

    const cfnFunction = this.function.node.defaultChild as CfnFunction;
    cfnFunction.addMetadata(ENTRY_METADATA_KEY, props.entry);

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: it is supported by Lambda until 2027 and matches the esbuild target (node22); ' +
        'the local runner and tests run on Node 20/22, so moving to nodejs24.x is a separate, deliberate upgrade.',
    });
    // Tracing.ACTIVE adds xray:PutTraceSegments / xray:PutTelemetryRecords on Resource '*' to the role.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions; ' +
        'CDK adds exactly these two actions on "*" for active tracing and nothing else uses "*".',
    });
  }

  /**
   * Sets `TABLE_NAME` and grants exactly the table actions this function's entry is declared to
   * use (`table-grants.ts`), plus `Query` on each declared GSI (named, no `index/*` wildcard) when
   * it queries. A function that uses no table gets neither.
   */
  bindTable(table: ITable): this {
    const actions = tableGrants[this.entry];
    if (!actions)
      throw new Error(`${this.entry}: declare its table actions in infra/constructs/table-grants.ts`);
    if (actions.length === 0) return this;
    this.function.addEnvironment(envNames.tableName, table.tableName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
      }),
    );
    if (actions.includes('Query')) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:Query'],
          resources: tableSchema.globalSecondaryIndexes.map(
            (index) => `${table.tableArn}/index/${index.indexName}`,
          ),
        }),
      );
    }
    return this;
  }

  /**
   * Sets `envName` to the bucket name and grants object access (read: GetObject/GetObjectVersion;
   * readWrite adds PutObject), plus ListBucket on the bucket itself: without it S3 answers a
   * missing key with 403 AccessDenied instead of 404 NoSuchKey, and "not uploaded yet" would be a
   * 500. Object-level grants need `<bucket>/*`; that finding is acknowledged for this role only.
   */
  bindBucket(bucket: IBucket, envName: string, access: BucketAccess): this {
    this.function.addEnvironment(envName, bucket.bucketName);
    const actions = ['s3:GetObject', 's3:GetObjectVersion'];
    if (access === 'readWrite') actions.push('s3:PutObject');
    const objects = bucket.arnForObjects('*');
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [objects] }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    );
    acknowledgeWildcardResource(
      this.role,
      objects,
      `Object-level access to every key in ${envName}; object keys are generated per request, so they cannot be listed in the policy.`,
    );
    return this;
  }

  /** The mail settings (sender, agency name, public URL, configuration set) in the environment, nothing more. */
  setMailSettings(mail: MailSettings): this {
    this.function.addEnvironment(envNames.mailFrom, mail.mailFrom);
    this.function.addEnvironment(envNames.agencyName, mail.agencyName);
    this.function.addEnvironment(envNames.publicBaseUrl, mail.publicBaseUrl);
    this.function.addEnvironment(envNames.mailConfigurationSet, mail.configurationSetName);
    return this;
  }

  /**
   * Sign-off email settings and the permission to send through SES: `ses:SendEmail` on the sender
   * identity and the configuration set only, and only with the configured From address. In the
   * sandbox SES also authorizes each recipient, itself an identity there (verified addresses are
   * the only possible recipients): then the same action on `identity/*`, still only from that address.
   */
  bindMail(mail: MailSettings): this {
    this.setMailSettings(mail);
    const fromAddress = { StringEquals: { 'ses:FromAddress': mail.mailFrom } };
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: mail.sendingResources,
        conditions: fromAddress,
      }),
    );
    if (mail.sandbox) {
      const stack = Stack.of(this);
      const recipients = `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/*`;
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail'],
          resources: [recipients],
          conditions: fromAddress,
        }),
      );
      acknowledgeWildcardResource(
        this.role,
        recipients,
        'SES sandbox only (-c sesSandbox=true): every recipient is a verified identity SES authorizes too; recipients are clients’ contacts, not known in advance, and the From address is still pinned by ses:FromAddress.',
      );
    }
    return this;
  }

  /**
   * Failed asynchronous invocations (after Lambda's two retries) go to `queue` instead of being
   * dropped: EventBridge and Scheduler invoke asynchronously.
   */
  deadLetterOnFailure(queue: IQueue): this {
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(queue),
    });
    return this;
  }
}
