import { existsSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { routeKey } from '../../functions/http/route-spec.js';
import {
  addNagChecks,
  buildAccountDeskStack,
  ENTRY_METADATA_KEY,
  outputKeys,
  parseStage,
  type Stage,
} from '../../infra/build-app.js';
import { DEFAULT_THROTTLE, functionStageVariable } from '../../infra/constructs/api.js';
import { apiDefinition } from '../../infra/constructs/api-definition.js';
import { PRE_TOKEN_GENERATION_ENTRY } from '../../infra/constructs/identity.js';
import { SCHEDULED_JOBS_ENTRY } from '../../infra/constructs/schedules.js';
import { tableGrants } from '../../infra/constructs/table-grants.js';

const DRAFT_UPLOADS_ENTRY = 'functions/drafts/upload-events.ts';
const REVIEW_TASKS_ENTRY = 'functions/workflow/review-tasks.ts';
const MEDIA_CHAIN_TASKS_ENTRY = 'functions/workflow/media-chain-tasks.ts';
const MONITORING_IMPORT_TASKS_ENTRY = 'functions/workflow/monitoring-import-tasks.ts';
const MINUTES_TASKS_ENTRY = 'functions/workflow/minutes-tasks.ts';
const MAIL_EVENTS_ENTRY = 'functions/mail-events/handler.ts';
const EXECUTION_STATUS_ENTRY = 'functions/workflow/execution-status.ts';

import { storageLogicalIds } from '../../infra/constructs/storage.js';
import { fromRepoRoot } from '../../infra/paths.js';
import { tableSchema } from '../../shared/platform/db/table-schema.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Json = any;

/** The only routes without the JWT authorizer. Adding one is a deliberate change to this list. */
const PUBLIC_ROUTES = [
  'GET /openapi.json',
  // The client's approval page: the emailed link's token is the credential (design.md §3).
  'GET /approve/{token}',
  'HEAD /approve/{token}',
  'POST /approve/{token}',
  // Files behind links in emails (a vendor's insertion order, a report): the link's token is the
  // credential, bound to one reader and one file version; the reader is checked on each click.
  'GET /documents/{token}',
  'HEAD /documents/{token}',
  // A client attendee's minutes page: the emailed link's token is the credential, as the approval page's.
  'GET /approve/minutes/{token}',
  'HEAD /approve/minutes/{token}',
  'POST /approve/minutes/{token}',
];

/** Actions allowed on Resource '*', each with the reason it cannot be scoped. */
const STAR_RESOURCE_ALLOWED: Record<string, string> = {
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions (active tracing)',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions (active tracing)',
  'xray:GetSamplingRules': 'X-Ray has no resource-level permissions (state machine tracing)',
  'xray:GetSamplingTargets': 'X-Ray has no resource-level permissions (state machine tracing)',
  'logs:CreateLogDelivery': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:GetLogDelivery': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:UpdateLogDelivery': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:DeleteLogDelivery': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:ListLogDeliveries': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:PutResourcePolicy': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:DescribeResourcePolicies': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
  'logs:DescribeLogGroups': 'CloudWatch Logs delivery APIs take no resource (state machine logging)',
};

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
/** Prod needs the console's own domain, where its emailed links point. */
const PROD_DOMAIN = {
  consoleDomainName: 'desk.agency.example',
  consoleCertificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/0b0f6f5e-1111-2222-3333-444455556666',
};
const contextFor = (stage: Stage) => ({ ...NO_BUNDLING, ...(stage === 'prod' ? PROD_DOMAIN : {}) });

/**
 * CDK's BucketDeployment (the console's static build, copied into its site bucket at deploy time)
 * and AwsCustomResource (the console client's sign-in URLs, set once the distribution exists): their
 * functions and the grants CDK gives them follow CDK's constructs, not this project's function defaults. tests/infra/console.test.ts checks them; every other function and role is held
 * to the rules below.
 */
const consoleDeployment =
  /^(CustomCDKBucketDeployment|ConsoleDeployRole|AWS679f53fac002430cb0da5b7982bd2287|ConsoleSignInUrls)/;

function synthTemplate(stage: Stage): Json {
  const app = new App({ context: NO_BUNDLING });
  return Template.fromStack(buildAccountDeskStack(app, { stage })).toJSON();
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function resourcesOfType(template: Json, type: string): [string, Json][] {
  return Object.entries<Json>(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** Every IAM policy statement in the template, with the logical id of the policy or role holding it. */
function allStatements(template: Json): { holder: string; statement: Json }[] {
  const out: { holder: string; statement: Json }[] = [];
  for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
    if (consoleDeployment.test(id)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement) out.push({ holder: id, statement });
  }
  for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
    if (consoleDeployment.test(id)) continue;
    for (const inline of role.Properties.Policies ?? []) {
      for (const statement of inline.PolicyDocument.Statement) out.push({ holder: id, statement });
    }
  }
  return out;
}

let template: Json;

beforeAll(() => {
  template = synthTemplate('dev');
}, 60_000);

describe('stage context', () => {
  it('accepts dev and prod only', () => {
    expect(parseStage('dev')).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(() => parseStage('staging')).toThrow(/Invalid or missing CDK context "stage"/);
    expect(() => parseStage(undefined)).toThrow(/Expected one of "dev", "prod"/);
  });
});

describe('table', () => {
  const table = () => {
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
    expect(tables.map(([id]) => id)).toEqual([storageLogicalIds.table]);
    return tables[0]![1];
  };

  it('has point-in-time recovery, deletion protection, on-demand billing, encryption and is retained', () => {
    const { Properties: p, DeletionPolicy, UpdateReplacePolicy } = table();
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.SSESpecification?.SSEEnabled).toBe(true);
    expect(p.TimeToLiveSpecification).toEqual({
      AttributeName: tableSchema.timeToLiveAttribute,
      Enabled: true,
    });
    expect(p.TableName).toBeUndefined();
    expect(DeletionPolicy).toBe('Retain');
    expect(UpdateReplacePolicy).toBe('Retain');
  });

  it('has the key schema and GSIs of tableSchema', () => {
    const p = table().Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      tableSchema.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keyAttributes = [
      tableSchema.partitionKey,
      tableSchema.sortKey,
      ...tableSchema.globalSecondaryIndexes.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]),
    ];
    expect(p.AttributeDefinitions).toEqual(
      keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    );
  });
});

describe('buckets', () => {
  const bucketIds = [
    storageLogicalIds.draftsBucket,
    storageLogicalIds.reportsBucket,
    storageLogicalIds.accessLogsBucket,
  ];

  it('are exactly the drafts, reports and access-log buckets (plus the console’s), without physical names, retained', () => {
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    expect(
      buckets
        .map(([id]) => id)
        .filter((id) => !id.startsWith('Console'))
        .sort(),
    ).toEqual([...bucketIds].sort());
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.BucketName).toBeUndefined();
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });

  it.each(bucketIds)('%s is versioned, encrypted and blocks public access', (id) => {
    const p = template.Resources[id].Properties;
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = p.BucketEncryption.ServerSideEncryptionConfiguration;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(['AES256', 'aws:kms', 'aws:kms:dsse']).toContain(
        rule.ServerSideEncryptionByDefault.SSEAlgorithm,
      );
    }
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.AccessControl).toBeUndefined();
  });

  it.each(bucketIds)('%s denies every request that is not TLS', (id) => {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').filter(
      ([, policy]) => policy.Properties.Bucket?.Ref === id,
    );
    expect(policies).toHaveLength(1);
    const statements: Json[] = policies[0]![1].Properties.PolicyDocument.Statement;
    const tlsOnly = statements.find(
      (s) =>
        s.Effect === 'Deny' &&
        asArray(s.Action).includes('s3:*') &&
        s.Condition?.Bool?.['aws:SecureTransport'] === 'false' &&
        (s.Principal === '*' || s.Principal?.AWS === '*'),
    );
    expect(tlsOnly, `TLS-only statement on ${id}`).toBeDefined();
    const resources = JSON.stringify(asArray(tlsOnly.Resource));
    expect(resources).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
    expect(resources).toContain('"/*"');
  });

  it.each([storageLogicalIds.draftsBucket, storageLogicalIds.reportsBucket])(
    '%s writes server access logs to the access-log bucket',
    (id) => {
      expect(template.Resources[id].Properties.LoggingConfiguration.DestinationBucketName).toEqual({
        Ref: storageLogicalIds.accessLogsBucket,
      });
    },
  );
});

describe('functions', () => {
  const functions = () =>
    resourcesOfType(template, 'AWS::Lambda::Function').filter(([id]) => !consoleDeployment.test(id));

  it('are one per API area plus the pre-token-generation trigger, the draft-upload recorder, the review, media-chain, monitoring-import and minutes tasks, the workflow recovery, the scheduled jobs and the mail events', () => {
    const entries = functions().map(([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY]);
    expect(entries.sort()).toEqual(
      [
        ...apiAreas.map((area) => area.entry),
        PRE_TOKEN_GENERATION_ENTRY,
        DRAFT_UPLOADS_ENTRY,
        REVIEW_TASKS_ENTRY,
        MEDIA_CHAIN_TASKS_ENTRY,
        MONITORING_IMPORT_TASKS_ENTRY,
        MINUTES_TASKS_ENTRY,
        EXECUTION_STATUS_ENTRY,
        SCHEDULED_JOBS_ENTRY,
        MAIL_EVENTS_ENTRY,
      ].sort(),
    );
  });

  it('record draft uploads from the drafts bucket’s EventBridge events, with no notification custom resource', () => {
    const drafts = resourcesOfType(template, 'AWS::S3::Bucket').find(
      ([id]) => id === storageLogicalIds.draftsBucket,
    );
    expect(drafts?.[1].Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(resourcesOfType(template, 'Custom::S3BucketNotifications')).toEqual([]);
    const rules = resourcesOfType(template, 'AWS::Events::Rule').map(
      ([, rule]) => rule.Properties.EventPattern,
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: expect.objectContaining({ object: { key: [{ prefix: 'clients/' }] } }),
      }),
    );
  });

  it('run nodejs22.x on arm64 with active tracing, 512 MB and a bounded timeout', () => {
    expect(functions().length).toBeGreaterThan(1);
    for (const [id, fn] of functions()) {
      const p = fn.Properties;
      expect(p.Runtime, id).toBe('nodejs22.x');
      expect(p.Architectures, id).toEqual(['arm64']);
      expect(p.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(p.MemorySize, id).toBe(512);
      expect(p.Timeout, id).toBeLessThanOrEqual(30);
      expect(p.Environment.Variables.NODE_OPTIONS, id).toBe('--enable-source-maps');
      expect(p.Environment.Variables.POWERTOOLS_SERVICE_NAME, id).toEqual(expect.any(String));
      // The table's name only where it is used (the OpenAPI function serves a document from its bundle).
      const usesTable = (tableGrants[fn.Metadata[ENTRY_METADATA_KEY]] ?? []).length > 0;
      expect(p.Environment.Variables.TABLE_NAME, id).toEqual(
        usesTable ? { Ref: storageLogicalIds.table } : undefined,
      );
      expect(p.FunctionName, id).toBeUndefined();
    }
  });

  it('log to their own log group with a retention period', () => {
    const seen = new Set<string>();
    for (const [id, fn] of functions()) {
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(logGroupId, id).toEqual(expect.any(String));
      expect(seen.has(logGroupId), `${id} shares a log group`).toBe(false);
      seen.add(logGroupId);
      const logGroup = template.Resources[logGroupId];
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it(`carry ${ENTRY_METADATA_KEY} metadata naming an existing repository file`, () => {
    for (const [id, fn] of functions()) {
      const entry = fn.Metadata?.[ENTRY_METADATA_KEY];
      expect(entry, id).toMatch(/^functions\/.+\.ts$/);
      expect(existsSync(fromRepoRoot(entry)), `${id}: ${entry}`).toBe(true);
    }
  });

  it('are granted exactly their declared table actions (table-grants.ts), Query on the indexes only with Query', () => {
    const statements = allStatements(template);
    const table = Object.keys(template.Resources).find(
      (id) => template.Resources[id].Type === 'AWS::DynamoDB::Table',
    );
    const onTable = (resource: Json) => JSON.stringify(resource).includes(`"${table}"`);
    for (const [id, fn] of functions()) {
      const entry = fn.Metadata[ENTRY_METADATA_KEY];
      const declared = tableGrants[entry];
      expect(declared, `${entry}: its table actions are declared`).toBeDefined();
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const policyIds = resourcesOfType(template, 'AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
        .map(([policyId]) => policyId);
      const mine = statements.filter((s) => policyIds.includes(s.holder) || s.holder === roleId);
      const dynamo = mine.flatMap(({ statement }) =>
        asArray<string>(statement.Action)
          .filter((action) => action.startsWith('dynamodb:'))
          .map((action) => ({ action, resources: asArray<Json>(statement.Resource) })),
      );
      const onItems = dynamo.filter((d) => d.resources.every((r) => !JSON.stringify(r).includes('/index/')));
      expect(onItems.map((d) => d.action).sort(), `${id} (${entry})`).toEqual(
        declared!.map((action) => `dynamodb:${action}`).sort(),
      );
      for (const d of dynamo)
        expect(d.resources.every(onTable), `${entry}: ${d.action} on the table`).toBe(true);
      const onIndexes = dynamo.filter((d) => d.resources.some((r) => JSON.stringify(r).includes('/index/')));
      expect(
        onIndexes.map((d) => d.action),
        `${entry}: index grants`,
      ).toEqual(declared!.includes('Query') ? ['dynamodb:Query'] : []);
    }
  });

  it('give read-only functions read actions, and the public approval page no batch writes or condition checks', () => {
    const reads = ['GetItem', 'BatchGetItem', 'Query'];
    expect(tableGrants[PRE_TOKEN_GENERATION_ENTRY]?.every((a) => reads.includes(a))).toBe(true);
    expect(tableGrants['functions/openapi/handler.ts']).toEqual([]);
    const page = tableGrants['functions/approval-page/handler.ts'];
    expect(page).not.toContain('BatchWriteItem');
    expect(page).not.toContain('ConditionCheckItem');
  });
});

describe('IAM', () => {
  it("uses Resource '*' only for the allow-listed actions", () => {
    const offenders = allStatements(template)
      .filter(({ statement }) => statement.Effect === 'Allow' && asArray(statement.Resource).includes('*'))
      .flatMap(({ holder, statement }) =>
        asArray<string>(statement.Action)
          .filter((action) => !(action in STAR_RESOURCE_ALLOWED))
          .map((action) => `${holder}: ${action}`),
      );
    expect(offenders).toEqual([]);
  });

  it('grants no wildcard actions, no Scan and no AWS managed policies', () => {
    const actions = allStatements(template).flatMap(({ statement }) => asArray<string>(statement.Action));
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
    for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  const api = () => {
    const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
    expect(apis).toHaveLength(1);
    return { id: apis[0]![0], props: apis[0]![1].Properties as Json };
  };
  const body = () => api().props.Body as Json;
  /** Every operation of the body, with its route key. */
  const operations = (): { key: string; operation: Json }[] =>
    Object.entries<Json>(body().paths).flatMap(([path, item]) =>
      Object.entries<Json>(item)
        .filter(([method]) => method !== 'parameters')
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
  const integrationOf = (operation: Json): Json => {
    const ref: string = operation['x-amazon-apigateway-integration'].$ref;
    expect(ref).toMatch(/^#\/components\/x-amazon-apigateway-integrations\//);
    return body().components['x-amazon-apigateway-integrations'][ref.split('/').pop()!];
  };
  const stage = (): Json => resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties;
  const functionIdOf = (entry: string): string =>
    resourcesOfType(template, 'AWS::Lambda::Function').find(
      ([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === entry,
    )![0];

  it('declares routes, integrations and the authorizer in the API body, not as resources of their own', () => {
    for (const type of ['Route', 'Integration', 'Authorizer']) {
      expect(resourcesOfType(template, `AWS::ApiGatewayV2::${type}`), type).toEqual([]);
    }
    expect(body().openapi).toBe('3.0.1');
    expect(api().props.FailOnWarnings).toBe(true);
  });

  it('has exactly one operation per RouteSpec, integrated with its area function and authorized as declared', () => {
    const declared = apiAreas.flatMap((area) => area.routes.map((route) => ({ area, route })));
    expect(
      operations()
        .map(({ key }) => key)
        .sort(),
    ).toEqual(declared.map(({ route }) => routeKey(route)).sort());
    for (const { area, route } of declared) {
      const operation = body().paths[route.path][route.method.toLowerCase()];
      const integration = integrationOf(operation);
      expect(integration, routeKey(route)).toMatchObject({
        type: 'aws_proxy',
        httpMethod: 'POST',
        payloadFormatVersion: '2.0',
      });
      // The function by name from the stage's variable (so the API depends on no function).
      const variable = functionStageVariable(area.name);
      expect(JSON.stringify(integration.uri), routeKey(route)).toContain(
        `:function:\${stageVariables.${variable}}/invocations`,
      );
      expect(stage().StageVariables[variable], routeKey(route)).toEqual({ Ref: functionIdOf(area.entry) });
      expect(operation.security, routeKey(route)).toEqual(route.public ? [] : [{ CognitoJwt: [] }]);
    }
    // One integration per area, shared by its operations.
    expect(Object.keys(body().components['x-amazon-apigateway-integrations']).sort()).toEqual(
      apiAreas.map((area) => area.name).sort(),
    );
  });

  it('puts the Cognito JWT authorizer on every operation except exactly the public list', () => {
    const scheme = body().components.securitySchemes.CognitoJwt;
    const authorizer = scheme['x-amazon-apigateway-authorizer'];
    expect(authorizer).toMatchObject({ type: 'jwt', identitySource: '$request.header.Authorization' });
    const issuer = JSON.stringify(authorizer.jwtConfiguration.issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain('{"Ref":"UserPool"}');
    // The admin client's and the console's ID tokens.
    const clientIds = resourcesOfType(template, 'AWS::Cognito::UserPoolClient').map(([id]) => ({ Ref: id }));
    expect(clientIds).toHaveLength(2);
    expect(authorizer.jwtConfiguration.audience).toEqual(clientIds);

    const publicKeys = operations()
      .filter(({ operation }) => operation.security.length === 0)
      .map(({ key }) => key);
    for (const { key, operation } of operations()) {
      if (!publicKeys.includes(key)) expect(operation.security, key).toEqual([{ CognitoJwt: [] }]);
    }
    expect(publicKeys.sort()).toEqual([...PUBLIC_ROUTES].sort());
    const declaredPublic = apiAreas.flatMap((area) => area.routes.filter((r) => r.public).map(routeKey));
    expect(declaredPublic.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('refuses a route two areas declare', () => {
    const [first, second] = apiAreas;
    const twice = { ...second!, routes: [first!.routes[0]!] };
    expect(() =>
      apiDefinition({
        title: 't',
        description: 'd',
        areas: [first!, twice],
        integrationUri: (area) => area.name,
        jwtIssuer: 'https://issuer.example',
        jwtAudience: ['client'],
      }),
    ).toThrow(
      `Route ${routeKey(first!.routes[0]!)} is declared twice (in area ${first!.name} and in area ${second!.name})`,
    );
  });

  it('lets this API invoke each area function through one permission', () => {
    for (const area of apiAreas) {
      const fnId = functionIdOf(area.entry);
      const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
        ([, p]) =>
          p.Properties.Principal === 'apigateway.amazonaws.com' &&
          JSON.stringify(p.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
      );
      expect(permissions, area.name).toHaveLength(1);
      const sourceArn = JSON.stringify(permissions[0]![1].Properties.SourceArn);
      expect(sourceArn).toContain(':execute-api:');
      expect(sourceArn).toContain(JSON.stringify({ Ref: api().id }));
    }
  });

  it('tags the API through its body (CloudFormation refuses Tags next to a Body)', () => {
    expect(api().props.Tags).toBeUndefined();
    expect(body().tags).toEqual(
      expect.arrayContaining([{ name: 'project', 'x-amazon-apigateway-tag-value': 'account-desk' }]),
    );
  });

  it('throttles the default stage and writes access logs', () => {
    const stages = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const p = stages[0]![1].Properties;
    expect(p.StageName).toBe('$default');
    expect(p.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
      ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
    });
    const logGroupId = p.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(template.Resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    expect(JSON.parse(p.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId' });
  });

  it('seals page tokens with a generated secret that exactly the listing areas may read', () => {
    const secrets = resourcesOfType(template, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secret.Properties.SecretString).toBeUndefined();
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    for (const area of apiAreas) {
      const lists = area.routes.some((route) => route.query?.shape.nextToken);
      const [fnId, fn] = functions.find(([, f]) => f.Metadata?.[ENTRY_METADATA_KEY] === area.entry)!;
      const env = fn.Properties.Environment?.Variables ?? {};
      const role = fn.Properties.Role['Fn::GetAtt'][0];
      const reads = allStatements(template).some(
        ({ holder, statement }) =>
          JSON.stringify(template.Resources[holder].Properties.Roles ?? [{ Ref: holder }]).includes(role) &&
          asArray(statement.Action).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(statement.Resource).includes(secretId),
      );
      expect({ area: area.name, env: env.PAGE_TOKEN_SECRET_ARN, reads }, fnId).toEqual({
        area: area.name,
        env: lists ? { Ref: secretId } : undefined,
        reads: lists,
      });
    }
  });
});

describe('identity', () => {
  it('has an admin-only user pool with email sign-in, strong passwords and the pre-token trigger', () => {
    const p = template.Resources.UserPool.Properties;
    expect(p.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(p.UsernameAttributes).toEqual(['email']);
    expect(p.Policies.PasswordPolicy).toMatchObject({
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(p.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    const triggerId = p.LambdaConfig.PreTokenGeneration['Fn::GetAtt'][0];
    expect(template.Resources[triggerId].Metadata[ENTRY_METADATA_KEY]).toBe(PRE_TOKEN_GENERATION_ENTRY);
  });

  it('has an app client without a secret', () => {
    const [, client] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties.GenerateSecret).toBe(false);
  });
});

describe('outputs', () => {
  it('exports the values clients and the local runner need', () => {
    // Without custom domains (dev) there is no domain target to point DNS at.
    expect(Object.keys(template.Outputs).sort()).toEqual(
      Object.values(outputKeys)
        .filter((key) => key !== outputKeys.apiDomainTarget && key !== outputKeys.consoleDomainTarget)
        .sort(),
    );
    expect(template.Outputs[outputKeys.tableName].Value).toEqual({ Ref: storageLogicalIds.table });
    expect(template.Outputs[outputKeys.draftsBucketName].Value).toEqual({
      Ref: storageLogicalIds.draftsBucket,
    });
    expect(template.Outputs[outputKeys.reportsBucketName].Value).toEqual({
      Ref: storageLogicalIds.reportsBucket,
    });
  });
});

/**
 * The CDK CLI always passes a region (and, with credentials, an account): the stack's region and
 * account are then literals in every ARN. Built in-process without an environment they are tokens.
 * Acknowledgements must match either way, in any region, for every stage.
 */
const ENVIRONMENTS = [
  { name: 'no environment (in-process build)', env: undefined },
  {
    name: 'eu-west-1 / 123456789012 (as the CLI passes it)',
    env: { region: 'eu-west-1', account: '123456789012' },
  },
  { name: 'ap-southeast-2 / 210987654321', env: { region: 'ap-southeast-2', account: '210987654321' } },
  { name: 'us-east-1 without an account (CLI without credentials)', env: { region: 'us-east-1' } },
] as const;

describe('cdk-nag AwsSolutions', () => {
  describe.each(ENVIRONMENTS)('$name', ({ env }) => {
    it.each(['dev', 'prod'] as const)(
      'reports no unacknowledged finding for the %s stack',
      (stage) => {
        const app = new App({ context: contextFor(stage) });
        buildAccountDeskStack(app, { stage, env });
        const report = new AwsSolutionsChecks().validateScope(app);
        const findings = report.violations.map(
          (v) =>
            `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
        );
        expect(findings).toEqual([]);
        // And synth itself (the validation plugin `cdk synth` runs) passes.
        addNagChecks(app);
        expect(() => app.synth()).not.toThrow();
      },
      60_000,
    );
  });

  it('names the region and account of the environment in the policies (not tokens) when one is given', () => {
    const app = new App({ context: NO_BUNDLING });
    const stack = buildAccountDeskStack(app, {
      stage: 'dev',
      env: { region: 'eu-west-1', account: '123456789012' },
    });
    const text = JSON.stringify(allStatements(Template.fromStack(stack).toJSON()));
    expect(text).toContain(':states:eu-west-1:123456789012:execution:');
    expect(text).toContain(':ses:eu-west-1:123456789012:identity/');
    expect(text).not.toContain('"Ref":"AWS::Region"');
    expect(text).not.toContain('"Ref":"AWS::AccountId"');
  }, 60_000);

  it('grants drafts-bucket object access per function: upload for the drafts area, read for the recorder', () => {
    const s3ActionsOf = (holder: RegExp) =>
      [
        ...new Set(
          allStatements(template)
            .filter((s) => holder.test(s.holder))
            .flatMap(({ statement }) => asArray<string>(statement.Action).filter((a) => a.startsWith('s3:'))),
        ),
      ].sort();
    expect(s3ActionsOf(/^ApiDraftsFunction/)).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(s3ActionsOf(/^DraftUploadsRecorder/)).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
    ]);
    expect(s3ActionsOf(/^Api(Staff|Clients|Jobs|Openapi)Function/)).toEqual([]);
  }, 30_000);

  it('fails synth on an unacknowledged finding, as `cdk synth` does', () => {
    const app = new App({ context: NO_BUNDLING });
    const stack = buildAccountDeskStack(app, { stage: 'dev' });
    new Bucket(stack, 'UnloggedBucket');
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
    addNagChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  }, 30_000);
});
