import { type App, CfnOutput, Lazy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { apiAreas } from '../functions/areas.js';
import { type ApiArea, routeKey } from '../functions/http/route-spec.js';
import { envNames } from '../shared/platform/config.js';
import { Api, type CustomDomain } from './constructs/api.js';
import { ConsoleHosting } from './constructs/console-hosting.js';
import { DraftUploads } from './constructs/draft-uploads.js';
import { AccountDeskFunction } from './constructs/function.js';
import { Identity } from './constructs/identity.js';
import { Mail, type SenderSettings } from './constructs/mail.js';
import { MediaChainWorkflow } from './constructs/media-chain-workflow.js';
import { MinutesWorkflow } from './constructs/minutes-workflow.js';
import { MonitoringImportWorkflow } from './constructs/monitoring-import-workflow.js';
import { Operations } from './constructs/operations.js';
import { ReviewWorkflow } from './constructs/review-workflow.js';
import { Schedules } from './constructs/schedules.js';
import { Storage } from './constructs/storage.js';
import { grantStartAndStop } from './constructs/workflow-defaults.js';
import { WorkflowRecovery } from './constructs/workflow-recovery.js';
import type { Stage } from './stage.js';

export { ENTRY_METADATA_KEY } from './constructs/function.js';
export { parseStage, type Stage } from './stage.js';

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

/** The agency's time zone (CDK context `agencyTimeZone`): its working mornings time the overdue-milestones job. */
export const defaultAgencyTimeZone = 'Europe/London';

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
  apiDomainTarget: 'ApiDomainTarget',
  consoleDomainTarget: 'ConsoleDomainTarget',
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
  readonly monitoringImports: MonitoringImportWorkflow;
  readonly minutesWorkflow: MinutesWorkflow;
  readonly workflowRecovery: WorkflowRecovery;
  readonly schedules: Schedules;
  readonly mail: Mail;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: AccountDeskStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    // Feature flags set on the stack itself (not only in cdk.json) so that in-process builds
    // (tests, local runner) produce exactly the template `cdk synth` does.
    for (const [flag, value] of Object.entries(stackFeatureFlags)) this.node.setContext(flag, value);

    this.storage = new Storage(this, 'Storage', {
      stage: props.stage,
      noncurrentVersionDays: contextDays(this, 'noncurrentVersionDays', props.stage === 'prod' ? 90 : 30),
    });
    this.identity = new Identity(this, 'Identity', { stage: props.stage, table: this.storage.table });
    this.api = new Api(this, 'Api', {
      stage: props.stage,
      // Optional: the API's own domain, for callers of the API itself (the console reaches it under /api).
      customDomain: customDomain(this, 'api'),
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
    this.console = new ConsoleHosting(this, 'Console', {
      stage: props.stage,
      httpApi: this.api.httpApi,
      userPool: this.identity.userPool,
      issuerUrl: this.identity.issuerUrl,
      fileBuckets: [this.storage.draftsBucket, this.storage.reportsBucket],
      agencyName: contextString(this, 'agencyName', mailDefaults.agencyName),
      customDomain: consoleDomain(this, props.stage),
    });
    this.draftUploads = new DraftUploads(this, 'DraftUploads', {
      stage: props.stage,
      table: this.storage.table,
      bucket: this.storage.draftsBucket,
    });
    this.mail = new Mail(this, 'Mail', {
      stage: props.stage,
      table: this.storage.table,
      sender: senderSettings(this),
      // Approval pages and every emailed link are on the console's origin (CloudFront sends
      // /approve and /api on to the HTTP API).
      publicBaseUrl: this.console.url,
    });
    const mail = this.mail.settings;
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
    // A large monitoring file is imported to its end by this workflow, started by the upload
    // event (the recorder) or by a `…/complete` call that ran out of time (media-delivery).
    this.monitoringImports = new MonitoringImportWorkflow(this, 'MonitoringImports', {
      stage: props.stage,
      table: this.storage.table,
      bucket: this.storage.draftsBucket,
      mail,
    });
    const imports = this.monitoringImports.stateMachine;
    // The one-working-day window of each issued version of meeting minutes.
    this.minutesWorkflow = new MinutesWorkflow(this, 'MinutesWorkflow', {
      stage: props.stage,
      table: this.storage.table,
      mail,
    });
    const minutes = this.minutesWorkflow.stateMachine;
    const startsImports = [this.draftUploads.recorder];
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
      } else if (area.sendsMail) {
        fn.bindMail(mail);
      } else if (area.mailSettings) {
        fn.setMailSettings(mail);
      }
      if (area.startsImports) startsImports.push(fn);
      if (area.minutes === 'issue') {
        fn.function.addEnvironment(envNames.minutesStateMachineArn, minutes.stateMachineArn);
        grantStartAndStop(
          minutes,
          fn.role,
          'StopExecution on executions of the minutes workflow only; execution names are report versions, not known in advance.',
        );
      }
      if (area.minutes) minutes.grantTaskResponse(fn.role);
      if (area.startsCampaigns) {
        fn.function.addEnvironment(envNames.mediaChainStateMachineArn, chain.stateMachineArn);
        grantStartAndStop(
          chain,
          fn.role,
          'StopExecution on executions of the media chain only; execution names are campaign ids, not known in advance.',
        );
      }
    }
    for (const fn of startsImports) {
      fn.function.addEnvironment(envNames.monitoringImportStateMachineArn, imports.stateMachineArn);
      imports.grantStartExecution(fn.role);
    }
    // A workflow that stops without finishing marks its review (or campaign chain) and frees it.
    this.workflowRecovery = new WorkflowRecovery(this, 'WorkflowRecovery', {
      stage: props.stage,
      table: this.storage.table,
      mail,
      reviewWorkflow: review,
      mediaChain: chain,
      monitoringImports: imports,
      minutesWorkflow: minutes,
    });
    // A new version landing moves a review that waits for it.
    review.grantTaskResponse(this.draftUploads.recorder.role);
    chain.grantTaskResponse(this.reviewWorkflow.taskFunction.role);
    // Schedules (EventBridge Scheduler): one per job of `functions/scheduled/registry.ts`.
    this.schedules = new Schedules(this, 'Schedules', {
      stage: props.stage,
      table: this.storage.table,
      draftsBucket: this.storage.draftsBucket,
      reportsBucket: this.storage.reportsBucket,
      mail,
      agencyTimeZone: agencyTimeZone(this),
    });

    // Alarms and the dashboard over everything above.
    this.operations = new Operations(this, 'Operations', {
      stage: props.stage,
      functions: this.node
        .findAll()
        .filter((construct): construct is AccountDeskFunction => construct instanceof AccountDeskFunction),
      stateMachines: {
        'review workflow': review,
        'media chain': chain,
        'monitoring imports': imports,
        'minutes workflow': minutes,
      },
      deadLetterQueues: {
        'scheduled jobs': this.schedules.deadLetterQueue,
        'draft uploads': this.draftUploads.deadLetterQueue,
        'mail events': this.mail.deadLetterQueue,
      },
      apiStage: this.api.stage,
      apiAccessLogs: this.api.accessLogGroup,
      approvalPageRoutes: (props.areas ?? apiAreas)
        .filter((area) => area.name === 'approval-page')
        .flatMap((area) => area.routes.map(routeKey)),
      alarmEmail: optionalContextString(this, 'alarmEmail'),
    });

    new CfnOutput(this, outputKeys.consoleUrl, {
      description: 'The staff console; approval pages and every emailed link are on its origin',
      value: this.console.url,
    });
    if (this.console.domainName) {
      new CfnOutput(this, outputKeys.consoleDomainTarget, {
        description: `Point ${this.console.domainName} here (DNS CNAME or Route 53 alias)`,
        value: this.console.distribution.distributionDomainName,
      });
    }
    new CfnOutput(this, outputKeys.apiUrl, { value: this.api.url });
    if (this.api.domain) {
      new CfnOutput(this, outputKeys.apiDomainTarget, {
        description: `Point ${this.api.domain.name} here (DNS CNAME or alias)`,
        value: this.api.domain.regionalDomainName,
      });
    }
    new CfnOutput(this, outputKeys.userPoolId, { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, outputKeys.userPoolClientId, {
      value: this.identity.userPoolClient.userPoolClientId,
    });
    new CfnOutput(this, outputKeys.tableName, { value: this.storage.table.tableName });
    new CfnOutput(this, outputKeys.draftsBucketName, { value: this.storage.draftsBucket.bucketName });
    new CfnOutput(this, outputKeys.reportsBucketName, { value: this.storage.reportsBucket.bucketName });
    new CfnOutput(this, outputKeys.reviewStateMachineArn, { value: review.stateMachineArn });

    Tags.of(this).add('project', 'account-desk');
    Tags.of(this).add('stage', props.stage);
  }
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * The sender from CDK context: `mailFrom` (the From address), `mailIdentity` (the SES identity that
 * covers it: its domain, or the address itself — the default), `mailIdentityExists=true` when that
 * identity is already verified in the account, `sesSandbox=true` while the account is in the SES
 * sandbox. A mismatch fails synth with what to set.
 */
function senderSettings(scope: Construct): SenderSettings {
  const mailFrom = contextString(scope, 'mailFrom', mailDefaults.mailFrom).trim().toLowerCase();
  if (!emailPattern.test(mailFrom)) {
    throw new Error(`CDK context "mailFrom" must be an email address, got ${JSON.stringify(mailFrom)}.`);
  }
  const identity = contextString(scope, 'mailIdentity', mailFrom).trim().toLowerCase();
  const coversSender = identity.includes('@')
    ? identity === mailFrom
    : domainPattern.test(identity) &&
      (mailFrom.endsWith(`@${identity}`) || mailFrom.endsWith(`.${identity}`));
  if (!coversSender) {
    throw new Error(
      `CDK context "mailIdentity" (${identity}) must be the sender address itself or a domain it belongs to (mailFrom is ${mailFrom}).`,
    );
  }
  return {
    mailFrom,
    agencyName: contextString(scope, 'agencyName', mailDefaults.agencyName),
    identity,
    identityExists: contextFlag(scope, 'mailIdentityExists'),
    sandbox: contextFlag(scope, 'sesSandbox'),
  };
}

/**
 * A custom domain from context: `<prefix>DomainName` and `<prefix>CertificateArn` (an ACM
 * certificate, in `certificateRegion` when the service needs one there), both or neither.
 */
function customDomain(
  scope: Construct,
  prefix: 'api' | 'console',
  certificateRegion?: string,
): CustomDomain | undefined {
  const nameKey = `${prefix}DomainName`;
  const certificateKey = `${prefix}CertificateArn`;
  const domainName = scope.node.tryGetContext(nameKey);
  const certificateArn = scope.node.tryGetContext(certificateKey);
  if (domainName === undefined && certificateArn === undefined) return undefined;
  if (typeof domainName !== 'string' || !domainPattern.test(domainName)) {
    throw new Error(`CDK context "${nameKey}" must be a domain name, got ${JSON.stringify(domainName)}.`);
  }
  const arn = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/.exec(
    typeof certificateArn === 'string' ? certificateArn : '',
  );
  if (!arn) {
    throw new Error(
      `CDK context "${certificateKey}" must be the ARN of an ACM certificate for ${domainName}, got ${JSON.stringify(certificateArn)}.`,
    );
  }
  if (certificateRegion && arn[1] !== certificateRegion) {
    throw new Error(
      `CDK context "${certificateKey}" must be a certificate in ${certificateRegion} (CloudFront uses certificates from there only), got one in ${arn[1]}.`,
    );
  }
  return { domainName: domainName.toLowerCase(), certificateArn: certificateArn as string };
}

/**
 * The console's own domain (`consoleDomainName`, `consoleCertificateArn` in us-east-1): the console,
 * the approval pages and every emailed link are there. Required in prod, so clients never receive
 * a raw cloudfront.net link; optional in dev.
 */
function consoleDomain(scope: Construct, stage: Stage): CustomDomain | undefined {
  const domain = customDomain(scope, 'console', 'us-east-1');
  if (!domain && stage === 'prod') {
    throw new Error(
      'The prod stage needs the custom domain its console and emailed links use: -c consoleDomainName=desk.your-agency.com ' +
        '-c consoleCertificateArn=arn:aws:acm:us-east-1:<account>:certificate/<id> (see README, "Deploying to AWS").',
    );
  }
  return domain;
}

function optionalContextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !emailPattern.test(value)) {
    throw new Error(`CDK context "${key}" must be an email address, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function contextDays(scope: Construct, key: string, fallback: number): number {
  const value: unknown = scope.node.tryGetContext(key) ?? fallback;
  const days = typeof value === 'string' ? Number(value) : value;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(`CDK context "${key}" must be a number of days (1-3650), got ${JSON.stringify(value)}.`);
  }
  return days;
}

function contextFlag(scope: Construct, key: string): boolean {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new Error(`CDK context "${key}" must be true or false, got ${JSON.stringify(value)}.`);
}

function contextString(scope: Construct, key: string, fallback: string): string {
  const value: unknown = scope.node.tryGetContext(key) ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`CDK context "${key}" must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function agencyTimeZone(scope: Construct): string {
  const zone = contextString(scope, 'agencyTimeZone', defaultAgencyTimeZone);
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(
      `CDK context "agencyTimeZone" must be an IANA time zone such as Europe/Madrid, got "${zone}".`,
    );
  }
  return zone;
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
