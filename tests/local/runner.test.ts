/**
 * The local runner itself: the template resolver, and the HTTP API adapter (payload v2 events,
 * result mapping, JWT authorizer behaviour) against a fixture template and handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalHttpApi,
  matchRoute,
  routesFromTemplate,
  startHttpApi,
} from '../../infra/local/http-api.js';
import {
  createJwtVerifier,
  generateLocalKeys,
  type LocalKeys,
  mintStaffToken,
} from '../../infra/local/identity.js';
import {
  functionsFromTemplate,
  type LoadedFunction,
  loadFunction,
  mergeEnvironments,
} from '../../infra/local/lambda.js';
import { repoRoot } from '../../infra/local/stack.js';
import { type CfnTemplate, TemplateResolver } from '../../infra/local/template.js';
import { fixtureTemplate } from '../support/fixtures/template.js';

// biome-ignore lint/suspicious/noExplicitAny: echoed JSON, asserted field by field
type Loose = any;

describe('template resolver', () => {
  const template: CfnTemplate = {
    Parameters: {
      BootstrapVersion: {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/cdk-bootstrap/hnb659fds/version',
      },
    },
    Conditions: { IsProd: { 'Fn::Equals': ['dev', 'prod'] } },
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table' },
      DraftsBucket: { Type: 'AWS::S3::Bucket' },
      ApprovalFlow: { Type: 'AWS::StepFunctions::StateMachine' },
      NotifyFunction: { Type: 'AWS::Lambda::Function' },
      Queue: { Type: 'AWS::SQS::Queue' },
    },
  };
  const r = new TemplateResolver(template);

  it('gives each resource a local name from its logical id', () => {
    expect(r.physicalName('DraftsBucket')).toBe('draftsbucket');
    expect(r.resolve({ Ref: 'Table' })).toBe('table');
    expect(r.resolve({ Ref: 'DraftsBucket' })).toBe('draftsbucket');
  });

  it('resolves Ref of ARN-returning types, pseudo parameters and parameters', () => {
    expect(r.resolve({ Ref: 'ApprovalFlow' })).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:approvalflow',
    );
    expect(r.resolve({ Ref: 'AWS::Region' })).toBe('us-east-1');
    expect(r.resolve({ Ref: 'AWS::AccountId' })).toBe('000000000000');
    expect(r.resolve({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(r.resolve({ Ref: 'BootstrapVersion' })).toBe('/cdk-bootstrap/hnb659fds/version');
    expect(r.resolve({ Ref: 'Queue' })).toMatch(/\/000000000000\/queue$/);
  });

  it('resolves Fn::GetAtt to fake ARNs and attributes', () => {
    expect(r.resolve({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/table',
    );
    expect(r.resolve({ 'Fn::GetAtt': 'DraftsBucket.Arn' })).toBe('arn:aws:s3:::draftsbucket');
    expect(r.resolve({ 'Fn::GetAtt': ['NotifyFunction', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:notifyfunction',
    );
    expect(r.resolve({ 'Fn::GetAtt': ['DraftsBucket', 'RegionalDomainName'] })).toBe(
      'draftsbucket.s3.us-east-1.amazonaws.com',
    );
  });

  it('resolves Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If and AWS::NoValue', () => {
    expect(r.resolve({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/*']] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/table/index/*',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${DraftsBucket}/*' })).toBe(
      'arn:aws:s3:::draftsbucket/*',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(r.resolve({ 'Fn::Sub': '${NotifyFunction.Arn}:live ${!Literal}' })).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      'arn:aws:lambda:us-east-1:000000000000:function:notifyfunction:live ${Literal}',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(r.resolve({ 'Fn::Sub': ['${A}-${Table}', { A: { Ref: 'AWS::Region' } }] })).toBe(
      'us-east-1-table',
    );
    expect(r.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(r.resolve({ 'Fn::If': ['IsProd', 'yes', 'no'] })).toBe('no');
    expect(r.resolve({ a: 1, b: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] } })).toEqual({ a: 1 });
    expect(r.resolve(['x', { Ref: 'AWS::NoValue' }])).toEqual(['x']);
  });

  it('resolves a Step Functions DefinitionString built with Fn::Join to plain ASL', () => {
    const definition = {
      'Fn::Join': [
        '',
        [
          '{"StartAt":"Notify","States":{"Notify":{"Type":"Task","Resource":"arn:',
          { Ref: 'AWS::Partition' },
          ':states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"',
          { 'Fn::GetAtt': ['NotifyFunction', 'Arn'] },
          '"},"End":true}}}',
        ],
      ],
    };
    const asl = JSON.parse(r.resolveString(definition));
    expect(asl.States.Notify.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(asl.States.Notify.Parameters.FunctionName).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:notifyfunction',
    );
  });

  it('fails loudly on unknown resources and intrinsics', () => {
    expect(() => r.resolve({ Ref: 'Nope' })).toThrow(/no resource 'Nope'/);
    expect(() => r.resolve({ 'Fn::Cidr': ['10.0.0.0/16', 1, 8] })).toThrow(/Unsupported intrinsic/);
  });

  it('reads function environments and warns on conflicts except the service name', () => {
    const resolver = new TemplateResolver(fixtureTemplate);
    const [fn] = functionsFromTemplate(resolver);
    expect(fn).toMatchObject({
      logicalId: 'EchoFunction1A2B3C',
      entry: 'tests/support/fixtures/echo-handler.ts',
      exportName: 'handler',
      timeoutSeconds: 10,
    });
    expect(fn!.environment).toMatchObject({
      TABLE_NAME: 'table',
      FIXTURE_BUCKET: 'draftsbucket',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/table',
    });
    const warnings: string[] = [];
    const other = {
      ...fn!,
      logicalId: 'Other',
      environment: { TABLE_NAME: 'x', POWERTOOLS_SERVICE_NAME: 'other' },
    };
    const merged = mergeEnvironments([fn!, other], (m) => warnings.push(m));
    expect(merged.TABLE_NAME).toBe('table');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/TABLE_NAME/);
  });
});

describe('route matching', () => {
  const routes = routesFromTemplate(new TemplateResolver(fixtureTemplate));

  it("reads routes, authorization and the integrated function from the API's OpenAPI body", () => {
    expect(routes.map((r) => [r.routeKey, r.authorizationType, r.functionLogicalId]).sort()).toEqual([
      ['GET /echo/{thingId}', 'JWT', 'EchoFunction1A2B3C'],
      ['GET /public/echo', 'NONE', 'EchoFunction1A2B3C'],
      ['GET /public/{proxy+}', 'NONE', 'EchoFunction1A2B3C'],
      ['POST /echo', 'JWT', 'EchoFunction1A2B3C'],
    ]);
  });

  it('refuses an operation whose integration reference points nowhere', () => {
    const body = structuredClone(fixtureTemplate.Resources.HttpApi!.Properties!.Body) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    body.paths['/echo']!.post!['x-amazon-apigateway-integration'] = {
      $ref: '#/components/x-amazon-apigateway-integrations/missing',
    };
    const broken = {
      Resources: {
        ...fixtureTemplate.Resources,
        HttpApi: { ...fixtureTemplate.Resources.HttpApi!, Properties: { Body: body } },
      },
    };
    expect(() => routesFromTemplate(new TemplateResolver(broken))).toThrow(/points nowhere/);
  });

  it('prefers literal segments over greedy paths and requires the method', () => {
    expect(matchRoute(routes, 'GET', '/public/echo')?.route.routeKey).toBe('GET /public/echo');
    expect(matchRoute(routes, 'GET', '/public/a/b')).toMatchObject({
      route: { routeKey: 'GET /public/{proxy+}' },
      pathParameters: { proxy: 'a/b' },
    });
    expect(matchRoute(routes, 'DELETE', '/echo/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/echo')).toBeUndefined();
  });
});

describe('HTTP API adapter', () => {
  let keys: LocalKeys;
  let httpApi: LocalHttpApi;
  let token: string;

  beforeAll(async () => {
    keys = await generateLocalKeys();
    const resolver = new TemplateResolver(fixtureTemplate);
    const functions = new Map<string, LoadedFunction>();
    for (const fn of functionsFromTemplate(resolver))
      functions.set(fn.logicalId, await loadFunction(fn, repoRoot));
    httpApi = await startHttpApi({
      routes: routesFromTemplate(resolver),
      functions,
      verify: createJwtVerifier(keys.publicJwk),
      onError: () => {},
    });
    token = await mintStaffToken(keys.privateJwk, { staffId: 'STAFF1', email: 'head@agency.example' });
  });
  afterAll(() => httpApi?.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${httpApi.url}${path}`, init);

  it('builds a payload v2 event like API Gateway', async () => {
    const res = await call('/echo/abc%20d?b=2&a=1&a=3', {
      headers: {
        Authorization: `Bearer ${token}`,
        'X-Custom': 'One',
        Cookie: 'c1=v1; c2=v2',
        'User-Agent': 'runner-test',
      },
    });
    expect(res.status).toBe(200);
    const { event, context } = (await res.json()) as {
      event: Loose;
      context: Loose;
    };
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{thingId}',
      rawPath: '/echo/abc%20d',
      rawQueryString: 'b=2&a=1&a=3',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { thingId: 'abc d' },
      isBase64Encoded: false,
    });
    expect(event.body).toBeUndefined();
    expect(event.headers['x-custom']).toBe('One');
    expect(event.headers['user-agent']).toBe('runner-test');
    expect(Object.keys(event.headers).every((h) => h === h.toLowerCase())).toBe(true);
    const rc = event.requestContext;
    expect(rc).toMatchObject({
      accountId: '000000000000',
      routeKey: 'GET /echo/{thingId}',
      stage: '$default',
      http: { method: 'GET', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'runner-test' },
    });
    expect(rc.requestId).toBe(context.awsRequestId);
    expect(rc.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof rc.timeEpoch).toBe('number');
    expect(rc.authorizer.jwt.scopes).toBeNull();
    expect(rc.authorizer.jwt.claims).toMatchObject({
      sub: 'STAFF1',
      staff_id: 'STAFF1',
      email: 'head@agency.example',
      token_use: 'id',
      iss: 'account-desk-local',
      aud: 'account-desk-local-client',
    });
    expect(typeof rc.authorizer.jwt.claims.exp).toBe('string');
    expect(context.functionName).toBe('echofunction1a2b3c');
    expect(context.remaining).toBeGreaterThan(9000);
  });

  it('passes text bodies as strings and binary bodies base64-encoded', async () => {
    const json = await call('/echo', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const { event } = (await json.json()) as { event: Loose };
    expect(event).toMatchObject({ body: '{"a":1}', isBase64Encoded: false, routeKey: 'POST /echo' });
    expect(event.pathParameters).toBeUndefined();

    const bin = await call('/echo', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: new Uint8Array([137, 80, 78, 71, 0, 255]),
    });
    const binEvent = ((await bin.json()) as { event: Loose }).event;
    expect(binEvent.isBase64Encoded).toBe(true);
    expect(Buffer.from(binEvent.body, 'base64')).toEqual(Buffer.from([137, 80, 78, 71, 0, 255]));
  });

  it('answers an unknown route with 404 {"message":"Not Found"}', async () => {
    const res = await call('/no/such/route');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
    expect((await call('/echo/1', { method: 'DELETE' })).status).toBe(404);
  });

  it.each([
    ['no Authorization header', () => ({})],
    ['a non-Bearer scheme', () => ({ authorization: `Basic ${token}` })],
    ['a malformed token', () => ({ authorization: 'Bearer not.a.jwt' })],
  ])('answers 401 like the JWT authorizer for %s', async (_, headers) => {
    const res = await call('/echo/1', { headers: headers() as Record<string, string> });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
  });

  it('rejects expired, not-yet-valid, foreign-signed, wrong-issuer and wrong-audience tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const staff = { staffId: 'S', email: 's@agency.example' };
    const other = await generateLocalKeys();
    const tokens = [
      await mintStaffToken(keys.privateJwk, staff, { now: now - 13 * 3600 }),
      await mintStaffToken(keys.privateJwk, staff, { extraClaims: { nbf: now + 3600 } }),
      await mintStaffToken({ ...other.privateJwk, kid: keys.privateJwk.kid }, staff),
      await mintStaffToken(keys.privateJwk, staff, { issuer: 'someone-else' }),
      await mintStaffToken(keys.privateJwk, staff, { audience: 'another-client' }),
    ];
    for (const t of tokens) {
      const res = await call('/echo/1', { headers: { authorization: `Bearer ${t}` } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('serves public routes without a token and without an authorizer context', async () => {
    const res = await call('/public/echo');
    expect(res.status).toBe(200);
    const { event } = (await res.json()) as { event: Loose };
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.routeKey).toBe('GET /public/echo');
  });

  it('maps structured results: headers, cookies, base64 bodies', async () => {
    const cookies = await call('/public/echo?mode=cookies');
    expect(cookies.status).toBe(204);
    expect(cookies.headers.get('x-extra')).toBe('yes');
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);

    const bin = await call('/public/echo?mode=binary');
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await bin.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('infers a 200 JSON response from results without statusCode', async () => {
    const str = await call('/public/echo?mode=string');
    expect(str.status).toBe(200);
    expect(str.headers.get('content-type')).toBe('application/json');
    expect(await str.text()).toBe('plain string result');

    const obj = await call('/public/echo?mode=object');
    expect(obj.status).toBe(200);
    expect(await obj.json()).toEqual({ hello: 'world' });
  });

  it('answers 500 {"message":"Internal Server Error"} when the handler throws', async () => {
    const res = await call('/public/echo?mode=throw');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });
});
