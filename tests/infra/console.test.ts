/**
 * The staff console in AWS (issue 11): the static build in a private bucket behind CloudFront with
 * origin access control, security headers and SPA routing; the HTTP API under /api and the approval
 * pages under /approve on the same distribution; Cognito managed login for the console; and every
 * emailed link (PUBLIC_BASE_URL) on the console's origin.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDeskStack, outputKeys } from '../../infra/build-app.js';
import { consoleUrlLogicalId } from '../../infra/constructs/console-hosting.js';
import { envNames } from '../../shared/platform/config.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Json = any;

const synth = (context: Record<string, unknown> = {}): Json =>
  Template.fromStack(
    buildAccountDeskStack(new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }), {
      stage: 'dev',
    }),
  ).toJSON();

const ofType = (template: Json, type: string): [string, Json][] =>
  Object.entries<Json>(template.Resources).filter(([, r]) => r.Type === type);

let template: Json;
let distribution: Json;

beforeAll(() => {
  template = synth();
  const found = ofType(template, 'AWS::CloudFront::Distribution');
  expect(found).toHaveLength(1);
  distribution = found[0]![1].Properties.DistributionConfig;
}, 60_000);

describe('console hosting', () => {
  it('serves the build from a private, encrypted, TLS-only bucket through origin access control', () => {
    const oac = ofType(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac).toHaveLength(1);
    const s3Origin = distribution.Origins.find((o: Json) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac[0]![0], 'Id'] });
    const siteId = s3Origin.DomainName['Fn::GetAtt'][0];
    const site = template.Resources[siteId].Properties;
    expect(site.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(site.BucketEncryption).toBeDefined();
    const policy = ofType(template, 'AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === siteId,
    )![1];
    const statements: Json[] = policy.Properties.PolicyDocument.Statement;
    expect(
      statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    ).toBe(true);
    const read = statements.find((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(read.Action).toBe('s3:GetObject');
    expect(JSON.stringify(read.Condition)).toContain('AWS:SourceArn');
  });

  it('answers console pages with index.html (SPA routing) and redirects to HTTPS', () => {
    const behavior = distribution.DefaultCacheBehavior;
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const fnId = behavior.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0];
    const code: string = template.Resources[fnId].Properties.FunctionCode;
    expect(code).toContain("'/index.html'");
    expect(distribution.DefaultRootObject).toBe('index.html');
  });

  it('sends security headers: CSP without inline script, HSTS, no framing, nosniff, same-origin referrers', () => {
    const policyId = distribution.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
    const headers = template.Resources[policyId].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('same-origin');
    expect(headers.ContentTypeOptions.Override).toBe(true);
  });

  it('puts the HTTP API under /api (prefix removed), the approval pages under /approve and document links under /documents, uncached, HTTPS only', () => {
    const byPath = new Map<string, Json>(distribution.CacheBehaviors.map((b: Json) => [b.PathPattern, b]));
    expect([...byPath.keys()].sort()).toEqual(['/api/*', '/approve/*', '/documents/*']);
    const httpApi = ofType(template, 'AWS::ApiGatewayV2::Api')[0]![0];
    for (const behavior of byPath.values()) {
      const origin = distribution.Origins.find((o: Json) => o.Id === behavior.TargetOriginId);
      expect(JSON.stringify(origin.DomainName)).toContain(httpApi);
      expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      expect(behavior.AllowedMethods).toContain('POST');
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    }
    const strip = byPath.get('/api/*').FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0];
    expect(template.Resources[strip].Properties.FunctionCode).toContain('substring(4)');
    expect(byPath.get('/approve/*').FunctionAssociations).toBeUndefined();
    expect(byPath.get('/documents/*').FunctionAssociations).toBeUndefined();
  });

  it('names the console once (an SSM parameter) and every emailed link, CORS rule and output reads it', () => {
    const url = { 'Fn::GetAtt': [consoleUrlLogicalId, 'Value'] };
    expect(JSON.stringify(template.Resources[consoleUrlLogicalId].Properties.Value)).toContain('DomainName');
    const withLinks = ofType(template, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.[envNames.publicBaseUrl],
    );
    expect(withLinks.length).toBeGreaterThan(3);
    for (const [id, fn] of withLinks)
      expect(fn.Properties.Environment.Variables[envNames.publicBaseUrl], id).toEqual(url);
    const drafts = template.Resources.DraftsBucket.Properties.CorsConfiguration.CorsRules[0];
    expect(drafts.AllowedOrigins).toEqual([url]);
    expect(drafts.AllowedMethods).toContain('POST');
    expect(template.Outputs[outputKeys.consoleUrl].Value).toEqual(url);
  });

  it('signs staff in with Cognito managed login: code flow with PKCE, a public client, callbacks on the console', () => {
    const consoleClient = ofType(template, 'AWS::Cognito::UserPoolClient')
      .map(([, c]) => c.Properties)
      .find((p) => p.AllowedOAuthFlows);
    expect(consoleClient.AllowedOAuthFlows).toEqual(['code']);
    expect(consoleClient.GenerateSecret).toBe(false);
    expect(consoleClient.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email']));
    // Without the console's own domain its URLs name the distribution, which reaches the API, whose
    // JWT authorizer names this client: they are set once the distribution exists, by one
    // UpdateUserPoolClient call that repeats every other setting of the client.
    const registrations = ofType(template, 'Custom::AWS');
    expect(registrations).toHaveLength(1);
    const create: Json = registrations[0]![1].Properties.Create;
    expect(JSON.stringify(create)).toContain('{"Fn::GetAtt":["ConsoleDistribution');
    const call = JSON.parse(
      create['Fn::Join'][1].map((part: Json) => (typeof part === 'string' ? part : '')).join(''),
    );
    expect(call.action).toBe('updateUserPoolClient');
    expect(call.parameters.CallbackURLs).toEqual(['https:///auth/callback']);
    expect(call.parameters.LogoutURLs).toEqual(['https:///']);
    const { UserPoolId, GenerateSecret, CallbackURLs, LogoutURLs, ...settings } = consoleClient;
    for (const [name, value] of Object.entries(settings)) expect(call.parameters[name], name).toEqual(value);
    expect(ofType(template, 'AWS::Cognito::UserPoolDomain')).toHaveLength(1);
  });

  it('serves a custom domain from context with its certificate and TLS 1.2, and names where DNS points', () => {
    const custom = synth({
      consoleDomainName: 'desk.agency.example',
      consoleCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    });
    const config = ofType(custom, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['desk.agency.example']);
    expect(config.ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    expect(custom.Resources[consoleUrlLogicalId].Properties.Value).toBe('https://desk.agency.example');
    // A known domain names no resource: the client carries its sign-in URLs itself.
    const client = ofType(custom, 'AWS::Cognito::UserPoolClient').find(
      ([, c]) => c.Properties.AllowedOAuthFlows,
    )!;
    expect(client[1].Properties.CallbackURLs).toEqual(['https://desk.agency.example/auth/callback']);
    expect(ofType(custom, 'Custom::AWS')).toEqual([]);
    const target = custom.Outputs[outputKeys.consoleDomainTarget];
    expect(target.Description).toContain('desk.agency.example');
    expect(JSON.stringify(target.Value)).toContain('DomainName');
  }, 60_000);
});
