/**
 * Deploying for real (issue 8): SES sending (identity, configuration set, bounce and complaint
 * events back into the system, a scoped send grant), the custom domain of emailed links, alarms to
 * an encrypted SNS topic and the dashboard, dead-letter queues, bucket lifecycle rules, bounded
 * concurrency and per-route throttling — each asserted on the synthesized template.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { routeKey } from '../../functions/http/route-spec.js';
import { buildAccountDeskStack, ENTRY_METADATA_KEY, outputKeys, type Stage } from '../../infra/build-app.js';
import { PUBLIC_ROUTE_THROTTLE } from '../../infra/constructs/api.js';
import { consoleUrlLogicalId } from '../../infra/constructs/console-hosting.js';
import { mailEventDetailTypes } from '../../infra/constructs/mail.js';
import { alarmThresholds } from '../../infra/constructs/operations.js';
import {
  abortIncompleteUploadsAfter,
  previewRetentionDays,
  storageLogicalIds,
} from '../../infra/constructs/storage.js';
import { previewKeyPrefix } from '../../shared/platform/object-keys.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Json = any;

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const DOMAIN = {
  consoleDomainName: 'desk.agency.example',
  consoleCertificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/0b0f6f5e-1111-2222-3333-444455556666',
};
const API_DOMAIN = {
  apiDomainName: 'api.desk.agency.example',
  apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b0f6f5e-1111-2222-3333-444455556666',
};
const ENV = { region: 'eu-west-1', account: '123456789012' };
const MAIL_EVENTS_ENTRY = 'functions/mail-events/handler.ts';

function synth(
  stage: Stage = 'dev',
  context: Record<string, unknown> = {},
  env: typeof ENV | undefined = ENV,
): Json {
  const app = new App({ context: { ...NO_BUNDLING, ...context } });
  return Template.fromStack(buildAccountDeskStack(app, { stage, env })).toJSON();
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const ofType = (template: Json, type: string): [string, Json][] =>
  Object.entries<Json>(template.Resources).filter(([, r]) => r.Type === type);
const functionByEntry = (template: Json, entry: string): [string, Json] => {
  const found = ofType(template, 'AWS::Lambda::Function').find(
    ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
  );
  expect(found, entry).toBeDefined();
  return found!;
};
const statements = (template: Json): Json[] =>
  ofType(template, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement);

const dev = synth('dev');

describe('SES sending', () => {
  it('creates the sender identity (the mailFrom address by default; a domain with DKIM when given)', () => {
    const identities = ofType(dev, 'AWS::SES::EmailIdentity');
    expect(identities.map(([, r]) => r.Properties.EmailIdentity)).toEqual(['approvals@agency.example']);

    const domain = synth('dev', {
      mailFrom: 'approvals@mail.harbour.example',
      mailIdentity: 'harbour.example',
    });
    expect(ofType(domain, 'AWS::SES::EmailIdentity').map(([, r]) => r.Properties.EmailIdentity)).toEqual([
      'harbour.example',
    ]);
    expect(Object.keys(domain.Outputs).filter((key) => key.includes('DkimRecord'))).toHaveLength(3);
    // An identity verified before is used, not created again.
    expect(ofType(synth('dev', { mailIdentityExists: 'true' }), 'AWS::SES::EmailIdentity')).toEqual([]);
  });

  it('refuses a sender its identity does not cover, and a malformed sender', () => {
    expect(() => synth('dev', { mailFrom: 'a@agency.example', mailIdentity: 'other.example' })).toThrow(
      /mailIdentity/,
    );
    expect(() => synth('dev', { mailFrom: 'not an address' })).toThrow(/mailFrom/);
  });

  it('has a configuration set that suppresses bounced and complaining addresses, and publishes those events to the default bus', () => {
    const [setId, set] = ofType(dev, 'AWS::SES::ConfigurationSet')[0]!;
    expect(set.Properties.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE', 'COMPLAINT'] });
    const destinations = ofType(dev, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]![1].Properties;
    expect(destination.ConfigurationSetName).toEqual({ Ref: setId });
    expect(destination.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    expect(destination.EventDestination.Enabled).toBe(true);
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain(
      ':events:eu-west-1:123456789012:event-bus/default',
    );
    // Every function that sends mail sends it through that set.
    for (const [id, fn] of ofType(dev, 'AWS::Lambda::Function')) {
      const variables = fn.Properties.Environment?.Variables ?? {};
      if (variables.MAIL_FROM) expect(variables.MAIL_CONFIGURATION_SET, id).toEqual({ Ref: setId });
    }
  });

  it('routes exactly its own bounces and complaints to the mail-events function, with retries and a dead-letter queue', () => {
    const [setId] = ofType(dev, 'AWS::SES::ConfigurationSet')[0]!;
    const [fnId] = functionByEntry(dev, MAIL_EVENTS_ENTRY);
    const rules = ofType(dev, 'AWS::Events::Rule').filter(
      ([, r]) => r.Properties.EventPattern.source?.[0] === 'aws.ses',
    );
    expect(rules).toHaveLength(1);
    const { EventPattern, Targets } = rules[0]![1].Properties;
    expect(EventPattern['detail-type']).toEqual([...mailEventDetailTypes]);
    expect(EventPattern.detail).toEqual({ mail: { tags: { 'ses:configuration-set': [{ Ref: setId }] } } });
    expect(Targets).toHaveLength(1);
    expect(Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 });
    expect(Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^MailDeadLetterQueue/);
  });

  it('grants ses:SendEmail on the sender identity and the configuration set only, from the configured address', () => {
    const send = statements(dev).filter((s) => asArray(s.Action).includes('ses:SendEmail'));
    expect(send.length).toBeGreaterThanOrEqual(6); // the sign-off areas, both workflows, the jobs, the mail events
    const [identityId] = ofType(dev, 'AWS::SES::EmailIdentity')[0]!;
    const [setId] = ofType(dev, 'AWS::SES::ConfigurationSet')[0]!;
    for (const statement of send) {
      const resources = JSON.stringify(statement.Resource);
      expect(resources).not.toContain('identity/*');
      expect(asArray(statement.Resource)).toHaveLength(2);
      expect(resources).toContain(`:ses:eu-west-1:123456789012:identity/",{"Ref":"${identityId}"}`);
      expect(resources).toContain(`:ses:eu-west-1:123456789012:configuration-set/",{"Ref":"${setId}"}`);
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'approvals@agency.example' },
      });
    }
    // In the SES sandbox recipients are identities too: identity/* — still only from that address.
    const sandbox = statements(synth('dev', { sesSandbox: 'true' })).filter((s) =>
      JSON.stringify(s.Resource).includes('identity/*'),
    );
    expect(sandbox.length).toBeGreaterThan(0);
    for (const statement of sandbox) {
      expect(statement.Action).toBe('ses:SendEmail');
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'approvals@agency.example' },
      });
    }
  });
});

describe('the public URL of emailed links', () => {
  const consoleUrl = { 'Fn::GetAtt': [consoleUrlLogicalId, 'Value'] };

  it('is the console’s URL (the distribution’s domain in dev without a domain of its own)', () => {
    const [, fn] = functionByEntry(dev, 'functions/approval-page/handler.ts');
    expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(consoleUrl);
    expect(JSON.stringify(dev.Resources[consoleUrlLogicalId].Properties.Value)).toContain('DomainName');
  });

  it('is the console’s own domain in prod, where it is required, with a certificate in us-east-1', () => {
    expect(() => synth('prod')).toThrow(/consoleDomainName/);
    expect(() => synth('prod', { ...DOMAIN, consoleCertificateArn: API_DOMAIN.apiCertificateArn })).toThrow(
      /us-east-1/,
    );
    const prod = synth('prod', DOMAIN);
    expect(prod.Resources[consoleUrlLogicalId].Properties.Value).toBe(`https://${DOMAIN.consoleDomainName}`);
    const [, fn] = functionByEntry(prod, 'functions/approval-page/handler.ts');
    expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(consoleUrl);
    expect(prod.Outputs[outputKeys.consoleUrl].Value).toEqual(consoleUrl);
  });

  it('leaves the API its own optional domain, mapped to the API with its certificate', () => {
    const withApiDomain = synth('dev', API_DOMAIN);
    const [domainId, domain] = ofType(withApiDomain, 'AWS::ApiGatewayV2::DomainName')[0]!;
    expect(domain.Properties.DomainName).toBe(API_DOMAIN.apiDomainName);
    expect(domain.Properties.DomainNameConfigurations[0].CertificateArn).toBe(API_DOMAIN.apiCertificateArn);
    const mapping = ofType(withApiDomain, 'AWS::ApiGatewayV2::ApiMapping')[0]![1].Properties;
    expect(mapping.DomainName).toEqual({ Ref: domainId });
    expect(mapping.ApiId).toEqual({ Ref: ofType(withApiDomain, 'AWS::ApiGatewayV2::Api')[0]![0] });
    expect(withApiDomain.Outputs[outputKeys.apiDomainTarget].Value).toEqual({
      'Fn::GetAtt': [domainId, 'RegionalDomainName'],
    });
    expect(() => synth('dev', { apiDomainName: 'desk.agency.example', apiCertificateArn: 'nope' })).toThrow(
      /apiCertificateArn/,
    );
  });
});

describe('alarms', () => {
  const alarms = ofType(dev, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const [topicId, topic] = ofType(dev, 'AWS::SNS::Topic')[0]!;

  it('all notify the one SNS topic, which is encrypted with a rotating key and refuses plain HTTP', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms)
      expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([{ Ref: topicId }]);
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    expect(dev.Resources[keyId].Properties.EnableKeyRotation).toBe(true);
    const keyPolicy = JSON.stringify(dev.Resources[keyId].Properties.KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    const topicPolicy = ofType(dev, 'AWS::SNS::TopicPolicy')[0]![1].Properties.PolicyDocument.Statement;
    expect(topicPolicy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(topicPolicy).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
      }),
    );
  });

  it('email the subscriber given in context', () => {
    expect(ofType(dev, 'AWS::SNS::Subscription')).toEqual([]);
    const subscribed = synth('dev', { alarmEmail: 'ops@agency.example' });
    expect(ofType(subscribed, 'AWS::SNS::Subscription').map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@agency.example' }),
    ]);
  });

  it('fire on any message in each dead-letter queue', () => {
    const queues = ofType(dev, 'AWS::SQS::Queue').map(([id]) => id);
    expect(queues).toHaveLength(3);
    for (const queue of queues) {
      const alarm = alarms.find(
        (a) =>
          a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          a.Dimensions[0].Value['Fn::GetAtt'][0] === queue,
      );
      expect(alarm, queue).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1, Statistic: 'Maximum' });
    }
  });

  it('fire on failed, timed-out and aborted executions of each state machine', () => {
    for (const [machineId] of ofType(dev, 'AWS::StepFunctions::StateMachine')) {
      const names = alarms
        .filter((a) => a.Namespace === 'AWS/States' && a.Dimensions[0].Value.Ref === machineId)
        .map((a) => a.MetricName)
        .sort();
      expect(names, machineId).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    }
  });

  it('fire on errors and throttles of every function', () => {
    const functions = ofType(dev, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY],
    );
    // The areas, plus the pre-token trigger, the upload recorder, the review and chain tasks, the
    // monitoring import and minutes tasks, the workflow recovery, the scheduled jobs and the mail events.
    expect(functions.length).toBe(apiAreas.length + 9);
    for (const [fnId] of functions) {
      const names = alarms
        .filter((a) => a.Namespace === 'AWS/Lambda' && a.Dimensions[0].Value.Ref === fnId)
        .map((a) => a.MetricName)
        .sort();
      expect(names, fnId).toEqual(['Errors', 'Throttles']);
    }
  });

  it('fire on the API’s 5xx rate and on a surge of 429s on the approval page', () => {
    const rate = alarms.find((a) =>
      a.Metrics?.some((m: Json) => m.Expression?.includes('100 * errors / requests')),
    );
    expect(rate).toMatchObject({ Threshold: alarmThresholds.api5xxPercent });
    const ids = rate.Metrics.filter((m: Json) => m.MetricStat).map(
      (m: Json) => m.MetricStat.Metric.MetricName,
    );
    expect(ids.sort()).toEqual(['5xx', 'Count']);

    const [, filter] = ofType(dev, 'AWS::Logs::MetricFilter')[0]!;
    const pattern: string = filter.Properties.FilterPattern;
    expect(pattern).toContain('$.status = "429"');
    for (const route of apiAreas.find((a) => a.name === 'approval-page')!.routes) {
      expect(pattern).toContain(`$.routeKey = "${routeKey(route)}"`);
    }
    const surge = alarms.find((a) => a.MetricName === filter.Properties.MetricTransformations[0].MetricName);
    expect(surge).toMatchObject({
      Threshold: alarmThresholds.approvalPage429s,
      Statistic: 'Sum',
      Period: 300,
    });
  });
});

describe('dashboard', () => {
  it('shows the alarm signals and the business counts', () => {
    const [, dashboard] = ofType(dev, 'AWS::CloudWatch::Dashboard')[0]!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const signal of [
      '5xx',
      'ApprovalPageThrottled',
      'ExecutionsFailed',
      'Throttles',
      'ApproximateNumberOfMessagesVisible',
    ]) {
      expect(body).toContain(signal);
    }
    for (const count of [
      'DecisionsRecorded',
      'EmailsSent',
      'EmailsBounced',
      'BookingsCreated',
      'RequestsRefused',
      'ReportGenerationTime',
      'ReportRows',
    ]) {
      expect(body).toContain(count);
    }
  });
});

describe('dead-letter queues', () => {
  it('take the upload recorder’s failures: the rule target’s and the function’s own', () => {
    const [fnId] = functionByEntry(dev, 'functions/drafts/upload-events.ts');
    const rule = ofType(dev, 'AWS::Events::Rule').find(
      ([, r]) => r.Properties.EventPattern.source?.[0] === 'aws.s3',
    )!;
    const target = rule[1].Properties.Targets[0];
    const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
    expect(queueId).toMatch(/^DraftUploadsDeadLetterQueue/);
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 });
    const invokeConfig = ofType(dev, 'AWS::Lambda::EventInvokeConfig').find(
      ([, c]) => c.Properties.FunctionName.Ref === fnId,
    )!;
    expect(invokeConfig[1].Properties.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetAtt': [queueId, 'Arn'],
    });
    expect(invokeConfig[1].Properties.MaximumRetryAttempts).toBe(2);
  });

  it('are encrypted, TLS-only and keep messages 14 days', () => {
    for (const [id, queue] of ofType(dev, 'AWS::SQS::Queue')) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod, id).toBe(14 * 86_400);
      const policy = ofType(dev, 'AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues[0].Ref === id);
      expect(JSON.stringify(policy?.[1].Properties), id).toContain('aws:SecureTransport');
    }
  });
});

describe('bucket lifecycle', () => {
  const rules = (template: Json, id: string): Json[] =>
    template.Resources[id].Properties.LifecycleConfiguration.Rules;
  const abortDays = abortIncompleteUploadsAfter.toDays();

  it('abort incomplete multipart uploads in every bucket', () => {
    for (const id of Object.values(storageLogicalIds).filter((id) => id !== storageLogicalIds.table)) {
      expect(
        rules(dev, id).some((r) => r.AbortIncompleteMultipartUpload?.DaysAfterInitiation === abortDays),
        id,
      ).toBe(true);
    }
  });

  it('expire replaced report versions after the retention from context, and never a version of the evidence in the drafts bucket', () => {
    // The bucket-wide rules (previews have their own: see below).
    const expiring = (template: Json, id: string) =>
      rules(template, id).flatMap((r) =>
        r.NoncurrentVersionExpiration && !r.Prefix ? [r.NoncurrentVersionExpiration.NoncurrentDays] : [],
      );
    expect(expiring(dev, storageLogicalIds.reportsBucket)).toEqual([30]);
    expect(expiring(synth('dev', { noncurrentVersionDays: '45' }), storageLogicalIds.reportsBucket)).toEqual([
      45,
    ]);
    expect(expiring(synth('prod', DOMAIN), storageLogicalIds.reportsBucket)).toEqual([90]);
    expect(expiring(dev, storageLogicalIds.draftsBucket)).toEqual([]);
    expect(rules(dev, storageLogicalIds.draftsBucket).some((r) => r.ExpirationInDays !== undefined)).toBe(
      false,
    );
    expect(() => synth('dev', { noncurrentVersionDays: '0' })).toThrow(/noncurrentVersionDays/);
  });

  it('expire every version of a document preview a day after it was made, and only previews', () => {
    expect(previewRetentionDays).toBe(1);
    for (const template of [dev, synth('prod', DOMAIN)]) {
      const previews = rules(template, storageLogicalIds.reportsBucket).filter(
        (r) => r.Prefix === previewKeyPrefix,
      );
      expect(previews).toEqual([
        expect.objectContaining({
          Status: 'Enabled',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        }),
        expect.objectContaining({ Status: 'Enabled', ExpiredObjectDeleteMarker: true }),
      ]);
      // Nothing else of the reports bucket, and nothing in the drafts bucket, expires as current.
      const current = (id: string) =>
        rules(template, id).filter((r) => r.ExpirationInDays !== undefined || r.ExpiredObjectDeleteMarker);
      expect(current(storageLogicalIds.reportsBucket).every((r) => r.Prefix === previewKeyPrefix)).toBe(true);
      expect(current(storageLogicalIds.draftsBucket)).toEqual([]);
    }
  });
});

describe('concurrency', () => {
  const reserved = (template: Json, entry: string) =>
    functionByEntry(template, entry)[1].Properties.ReservedConcurrentExecutions;

  it('is reserved for the public approval page and the report and job functions; off by context', () => {
    expect(reserved(dev, 'functions/approval-page/handler.ts')).toBe(20);
    expect(reserved(dev, 'functions/media-reports/handler.ts')).toBe(5);
    expect(reserved(dev, 'functions/scheduled/handler.ts')).toBe(5);
    expect(reserved(dev, 'functions/clients/handler.ts')).toBeUndefined();
    const off = synth('dev', { reservedConcurrency: 'false' });
    for (const [, fn] of ofType(off, 'AWS::Lambda::Function')) {
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });

  it('throttles each public route on its own, once the API has imported it', () => {
    const [, stage] = ofType(dev, 'AWS::ApiGatewayV2::Stage')[0]!;
    const publicRoutes = apiAreas.flatMap((a) => a.routes.filter((r) => r.public).map(routeKey));
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual([...publicRoutes].sort());
    // The stage refers to the API, so it is created (and updated) after the API's body is imported.
    const [apiId, api] = ofType(dev, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(stage.Properties.ApiId).toEqual({ Ref: apiId });
    for (const key of publicRoutes) {
      expect(stage.Properties.RouteSettings[key]).toEqual({
        ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
      });
      const [method, path] = key.split(' ') as [string, string];
      expect(api.Properties.Body.paths[path]?.[method.toLowerCase()], key).toBeDefined();
    }
  });
});
