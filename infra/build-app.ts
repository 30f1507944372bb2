import { type App, CfnOutput, Lazy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { apiAreas } from '../functions/areas.js';
import type { ApiArea } from '../functions/http/route-spec.js';
import { envNames } from '../shared/config.js';
import { Api } from './constructs/api.js';
import { ConsoleHosting } from './constructs/console-hosting.js';
import { DraftUploads } from './constructs/draft-uploads.js';
import type { MailSettings } from './constructs/function.js';
import { Identity } from './constructs/identity.js';
import { MediaChainWorkflow } from './constructs/media-chain-workflow.js';
import { ReviewWorkflow } from './constructs/review-workflow.js';
import { Schedules } from './constructs/schedules.js';
import { Storage } from './constructs/storage.js';
import { grantStartAndStop } from './constructs/workflow-defaults.js';
import type { Stage } from './stage.js';

export { ENTRY_METADATA_KEY } from './constructs/function.js';
export { parseStage, type Stage, stages } from './stage.js';

export interface AccountDeskStackProps extends StackProps {
  stage: Stage;
  /** API areas to build; defaults to `apiAreas` from `functions/areas.ts`. */
  areas?: readonly ApiArea[];
}

/**
 * Sign-off email settings: CDK context `agencyName` and `mailFrom` (`-c mailFrom=approvals@your.domain`,
 * an SES-verified identity), else these defaults — in code, so in-process builds (tests, the local
 * runner) see the same template as `cdk synth`.
 */
export const mailDefaults = {
  agencyName: 'Harbour & Finch Advertising',
  mailFrom: 'approvals@agency.example',
} as const;

/** CloudFormation output keys (the local runner and deploy scripts read these). */
export const outputKeys = {
  apiUrl: 'ApiUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tableName: 'TableName',
  draftsBucketName: 'DraftsBucketName',
  reportsBucketName: 'ReportsBucketName',
  reviewStateMachineArn: 'ReviewStateMachineArn',
  consoleUrl: 'ConsoleUrl',
} as const;

/** Server access logs are delivered through a bucket policy instead of the legacy log-delivery ACL. */
const stackFeatureFlags = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
} as const;

export const stackName = (stage: Stage): string => `AccountDesk-${stage}`;

/** The whole of Account Desk in one stack, composed of one construct per concern. */
export class AccountDeskStack extends Stack {
  readonly stage: Stage;
  readonly storage: Storage;
  readonly identity: Identity;
  readonly api: Api;
  readonly console: ConsoleHosting;
  readonly draftUploads: DraftUploads;
  readonly reviewWorkflow: ReviewWorkflow;
  readonly mediaChain: MediaChainWorkflow;
  readonly schedules: Schedules;

  constructor(scope: Construct, id: string, props: AccountDeskStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    // Feature flags set on the stack itself (not only in cdk.json) so that in-process builds
    // (tests, local runner) produce exactly the template `cdk synth` does.
    for (const [flag, value] of Object.entries(stackFeatureFlags)) this.node.setContext(flag, value);

    this.storage = new Storage(this, 'Storage', { stage: props.stage });
    this.identity = new Identity(this, 'Identity', { stage: props.stage, table: this.storage.table });
    this.api = new Api(this, 'Api', {
      stage: props.stage,
      areas: props.areas ?? apiAreas,
      table: this.storage.table,
      draftsBucket: this.storage.draftsBucket,
      reportsBucket: this.storage.reportsBucket,
      jwtIssuer: this.identity.issuerUrl,
      // The admin client's tokens and the console's (created below, behind the API it fronts).
      jwtAudience: Lazy.list({
        produce: () => [
          this.identity.userPoolClient.userPoolClientId,
          this.console.signInClient.userPoolClientId,
        ],
      }),
    });
    const agencyName = contextString(this, 'agencyName', mailDefaults.agencyName);
    const consoleDomain: unknown = this.node.tryGetContext('consoleDomain');
    this.console = new ConsoleHosting(this, 'Console', {
      stage: props.stage,
      httpApi: this.api.httpApi,
      userPool: this.identity.userPool,
      issuerUrl: this.identity.issuerUrl,
      fileBuckets: [this.storage.draftsBucket, this.storage.reportsBucket],
      agencyName,
      customDomain: consoleDomain
        ? {
            domainName: String(consoleDomain),
            certificateArn: contextString(this, 'consoleCertificateArn', ''),
          }
        : undefined,
    });
    this.draftUploads = new DraftUploads(this, 'DraftUploads', {
      stage: props.stage,
      table: this.storage.table,
      bucket: this.storage.draftsBucket,
    });
    const mail: MailSettings = {
      agencyName,
      mailFrom: contextString(this, 'mailFrom', mailDefaults.mailFrom),
      // Approval pages and every emailed link are on the console's origin (CloudFront sends
      // /approve and /api on to the HTTP API).
      publicBaseUrl: this.console.url,
    };
    this.reviewWorkflow = new ReviewWorkflow(this, 'ReviewWorkflow', {
      stage: props.stage,
      table: this.storage.table,
      mail,
    });
    // The media chain of each campaign: started with the campaign, moved on by confirmations
    // (which the review workflow's task function records).
    this.mediaChain = new MediaChainWorkflow(this, 'MediaChain', {
      stage: props.stage,
      table: this.storage.table,
      mail,
    });
    const review = this.reviewWorkflow.stateMachine;
    const chain = this.mediaChain.stateMachine;
    for (const area of props.areas ?? apiAreas) {
      const fn = this.api.functions.get(area.name);
      if (!fn) continue;
      // Areas that take part in sign-offs resume reviews and send approval emails; only the
      // area that starts reviews may start (and stop) the workflow.
      if (area.signOff) {
        fn.bindMail(mail);
        fn.function.addEnvironment(envNames.reviewStateMachineArn, review.stateMachineArn);
        if (area.startsReviews) {
          grantStartAndStop(
            review,
            fn.role,
            'StopExecution on executions of the review workflow only; execution names are review ids, not known in advance.',
          );
        }
        review.grantTaskResponse(fn.role);
      } else if (area.mailSettings) {
        fn.setMailSettings(mail);
      }
      if (area.startsCampaigns) {
        fn.function.addEnvironment(envNames.mediaChainStateMachineArn, chain.stateMachineArn);
        grantStartAndStop(
          chain,
          fn.role,
          'StopExecution on executions of the media chain only; execution names are campaign ids, not known in advance.',
        );
      }
    }
    // A new version landing moves a review that waits for it.
    review.grantTaskResponse(this.draftUploads.recorder.role);
    chain.grantTaskResponse(this.reviewWorkflow.taskFunction.role);
    // Schedules (EventBridge Scheduler): one per job of `shared/jobs/registry.ts`.
    this.schedules = new Schedules(this, 'Schedules', {
      stage: props.stage,
      table: this.storage.table,
      draftsBucket: this.storage.draftsBucket,
      reportsBucket: this.storage.reportsBucket,
      mail,
    });

    new CfnOutput(this, outputKeys.apiUrl, { value: this.api.url });
    new CfnOutput(this, outputKeys.userPoolId, { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, outputKeys.userPoolClientId, {
      value: this.identity.userPoolClient.userPoolClientId,
    });
    new CfnOutput(this, outputKeys.tableName, { value: this.storage.table.tableName });
    new CfnOutput(this, outputKeys.draftsBucketName, { value: this.storage.draftsBucket.bucketName });
    new CfnOutput(this, outputKeys.reportsBucketName, { value: this.storage.reportsBucket.bucketName });
    new CfnOutput(this, outputKeys.reviewStateMachineArn, { value: review.stateMachineArn });
    new CfnOutput(this, outputKeys.consoleUrl, { value: this.console.url });

    Tags.of(this).add('project', 'account-desk');
    Tags.of(this).add('stage', props.stage);
  }
}

function contextString(scope: Construct, key: string, fallback: string): string {
  const value: unknown = scope.node.tryGetContext(key) ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`CDK context "${key}" must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export interface BuildOptions {
  stage: Stage;
  areas?: readonly ApiArea[];
  /** Defaults to `AccountDesk-<stage>`. */
  stackId?: string;
  env?: StackProps['env'];
}

/**
 * Builds the Account Desk stack into `app`. `infra/app.ts`, the infra tests and the local runner
 * all call this, so they see the same resources. To skip esbuild bundling (tests, local runner),
 * create the app with context `{ 'aws:cdk:bundling-stacks': [] }`.
 */
export function buildAccountDeskStack(app: App, options: BuildOptions): AccountDeskStack {
  return new AccountDeskStack(app, options.stackId ?? stackName(options.stage), {
    stage: options.stage,
    areas: options.areas,
    env: options.env,
    description: `Account Desk (${options.stage}): storage, identity and HTTP API`,
  });
}

/** Registers cdk-nag AwsSolutions as a synth-time validation: an unacknowledged finding fails synth. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
