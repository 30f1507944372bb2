import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  CfnConfigurationSetEventDestination,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  Identity,
  type IEmailIdentity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import { AccountDeskFunction, type MailSettings } from './function.js';

/** The SES events that come back into the system: a bounce or a complaint marks the contact. */
export const mailEventDetailTypes = ['Email Bounced', 'Email Complaint Received'] as const;

/** Where the SES sender comes from (CDK context, validated in `build-app.ts`). */
export interface SenderSettings {
  /** The From address of every email. */
  mailFrom: string;
  agencyName: string;
  /** The SES identity that covers `mailFrom`: a domain (`agency.com`) or the address itself. */
  identity: string;
  /** The identity exists already in the account and region (verified before): use it, do not create it. */
  identityExists: boolean;
  /** The account is still in the SES sandbox, where every recipient is an identity too. */
  sandbox: boolean;
}

export interface MailProps {
  stage: Stage;
  table: ITable;
  sender: SenderSettings;
  /** Where the links in emails point (the API's public URL). */
  publicBaseUrl: string;
}

/**
 * Email in AWS (design.md §1, "notifications"): the sender identity, one configuration set every
 * email is sent with, and its bounce and complaint events routed back into the system:
 *
 *   SES (configuration set) ──event destination──► default event bus ──rule──► mail-events function
 *                                                                          └─ undeliverable ─► DeadLetterQueue
 *
 * The function marks the contact (`mailStatus`), which stops sign-off emails to them, and tells
 * the account team. Sending is granted per function (`AccountDeskFunction.bindMail`) on exactly this
 * identity and configuration set, with `ses:FromAddress` the configured sender.
 */
export class Mail extends Construct {
  readonly identity: IEmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly eventsFunction: AccountDeskFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  readonly settings: MailSettings;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { sender } = props;
    const isDomain = !sender.identity.includes('@');

    this.identity = sender.identityExists
      ? EmailIdentity.fromEmailIdentityName(this, 'Identity', sender.identity)
      : new EmailIdentity(this, 'Identity', {
          identity: isDomain ? Identity.domain(sender.identity) : Identity.email(sender.identity),
        });
    if (this.identity instanceof EmailIdentity && isDomain) {
      // The three DKIM CNAME records the domain's DNS needs before SES verifies it (README).
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `DKIM CNAME record ${i + 1} of ${sender.identity} for SES`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // SES stops sending to an address that bounced or complained, account-wide (a second guard
      // besides the contact's mark), and keeps reputation metrics for the sending dashboard.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const configurationSetName = this.configurationSet.configurationSetName;
    // Only the default bus may receive SES events.
    new CfnConfigurationSetEventDestination(this, 'BouncesAndComplaints', {
      configurationSetName,
      eventDestination: {
        name: 'bounces-and-complaints',
        enabled: true,
        matchingEventTypes: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
        eventBridgeDestination: {
          eventBusArn: stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
        },
      },
    }).node.addDependency(this.configurationSet);

    const sendingResources = [
      this.identity.emailIdentityArn,
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: configurationSetName,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    ];
    this.settings = {
      mailFrom: sender.mailFrom,
      agencyName: sender.agencyName,
      publicBaseUrl: props.publicBaseUrl,
      configurationSetName,
      sendingResources,
      sandbox: sender.sandbox,
    };

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the mail-events rule target and of the function’s failed asynchronous invocations.',
    });

    this.eventsFunction = new AccountDeskFunction(this, 'EventsFunction', {
      stage: props.stage,
      entry: 'functions/mail-events/handler.ts',
      serviceName: 'mail-events',
      description:
        'SES bounces and complaints: marks the contact, stops sign-off emails to them, tells the team.',
      timeout: Duration.seconds(30),
    })
      .bindTable(props.table)
      .bindMail(this.settings)
      .deadLetterOnFailure(this.deadLetterQueue);

    this.rule = new Rule(this, 'EventsRule', {
      description: 'Bounces and complaints of the emails sent with this stack’s configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...mailEventDetailTypes],
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.eventsFunction.function, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
