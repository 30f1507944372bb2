/**
 * The HTTP API, locally: a `node:http` server that reads the routes from the OpenAPI body of the
 * synthesized template's API, checks bearer tokens like the JWT authorizer, turns requests into API Gateway
 * HTTP API payload v2 events, calls the same handlers and maps their results back.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { claimsForEvent } from './identity.js';
import { invoke, LambdaTimeoutError, type LoadedFunction } from './lambda.js';
import { LOCAL_ACCOUNT_ID, type TemplateResolver } from './template.js';

export interface HttpRoute {
  routeKey: string;
  /** Upper-case method, `ANY`, or `$default`. */
  method: string;
  /** Path template (`/clients/{clientId}`), empty for `$default`. */
  path: string;
  authorizationType: 'NONE' | 'JWT' | string;
  /** Logical id of the integrated function. */
  functionLogicalId: string;
}

/** All logical ids referenced (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`) inside a value. */
function referencedIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) referencedIds(v, out);
  } else if (value && typeof value === 'object') {
    for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref' && typeof arg === 'string') out.push(arg);
      else if (key === 'Fn::GetAtt')
        out.push(Array.isArray(arg) ? String(arg[0]) : String(arg).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(arg) ? String(arg[0]) : String(arg);
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) out.push(m[1]!);
        if (Array.isArray(arg)) referencedIds(arg[1], out);
      } else referencedIds(arg, out);
    }
  }
  return out;
}

function functionBehind(resolver: TemplateResolver, value: unknown): string | undefined {
  for (const id of referencedIds(value)) {
    const resource = resolver.template.Resources[id];
    if (!resource) continue;
    if (resource.Type === 'AWS::Lambda::Function') return id;
    if (resource.Type === 'AWS::Lambda::Alias' || resource.Type === 'AWS::Lambda::Version') {
      const inner = functionBehind(resolver, resource.Properties?.FunctionName);
      if (inner) return inner;
    }
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document from the template is untyped JSON
type Json = any;

/** OpenAPI operation keys as API Gateway imports them into route methods. */
const operationMethods: Record<string, string> = {
  get: 'GET',
  head: 'HEAD',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
  'x-amazon-apigateway-any-method': 'ANY',
};

/** Follows a local `$ref` (`#/components/...`) of an OpenAPI document. */
function dereference(document: Json, value: Json): Json {
  const ref: unknown = value?.$ref;
  if (typeof ref !== 'string') return value;
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported in the API body: ${ref}`);
  const target = ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node: Json, part) => node?.[part], document);
  if (target === undefined) throw new Error(`API body reference ${ref} points nowhere`);
  return target;
}

/** The authorization API Gateway gives an operation: its own `security`, else the document's. */
function authorizationOf(document: Json, operation: Json): HttpRoute['authorizationType'] {
  const requirements: Json[] = operation.security ?? document.security ?? [];
  const schemes = requirements.flatMap((requirement) => Object.keys(requirement ?? {}));
  if (!schemes.length) return 'NONE';
  const authorizer = document.components?.securitySchemes?.[schemes[0]!]?.['x-amazon-apigateway-authorizer'];
  if (authorizer?.type === 'jwt') return 'JWT';
  throw new Error(`Security scheme ${schemes[0]} is not a JWT authorizer (the only kind run locally)`);
}

/** The `StageVariables` of the API's stage (the `$default` one: the only stage served locally). */
function stageVariablesOf(resolver: TemplateResolver, apiLogicalId: string): Record<string, unknown> {
  const stage = resolver
    .resourcesOfType('AWS::ApiGatewayV2::Stage')
    .find(([, resource]) => (resource.Properties?.ApiId as Json)?.Ref === apiLogicalId);
  return (stage?.[1].Properties?.StageVariables as Record<string, unknown> | undefined) ?? {};
}

/** An integration URI with its `${stageVariables.name}` parts replaced by the stage's values. */
function withStageVariables(uri: unknown, variables: Record<string, unknown>): unknown {
  const names = [...JSON.stringify(uri ?? '').matchAll(/\$\{stageVariables\.(\w+)\}/g)].map((m) => m[1]!);
  if (!names.length) return uri;
  return names.map((name) => {
    if (!(name in variables))
      throw new Error(`The stage has no variable ${name} (named by ${JSON.stringify(uri)})`);
    return variables[name];
  });
}

/**
 * Routes of the OpenAPI `Body` of every `AWS::ApiGatewayV2::Api`, as API Gateway imports them:
 * one per operation, its integration's URI (and the stage variables it names) followed to the function.
 */
export function routesFromTemplate(resolver: TemplateResolver): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::ApiGatewayV2::Api')) {
    const document: Json = resource.Properties?.Body;
    if (!document) continue;
    const variables = stageVariablesOf(resolver, logicalId);
    for (const [path, pathItem] of Object.entries<Json>(document.paths ?? {})) {
      for (const [key, operation] of Object.entries<Json>(pathItem)) {
        const method = operationMethods[key];
        if (!method) continue; // `parameters`, `summary` and other path-item fields
        const routeKey = `${method} ${path}`;
        const integration = dereference(document, operation['x-amazon-apigateway-integration']);
        const functionLogicalId = functionBehind(resolver, withStageVariables(integration?.uri, variables));
        if (!functionLogicalId) {
          throw new Error(`${routeKey} of API ${logicalId} has no integration with a Lambda function`);
        }
        routes.push({
          routeKey,
          method,
          path,
          authorizationType: authorizationOf(document, operation),
          functionLogicalId,
        });
      }
    }
  }
  return routes;
}

interface RouteMatch {
  route: HttpRoute;
  pathParameters: Record<string, string> | undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One segment of a path template: a literal, a `{param}`, or a greedy `{param+}` (last only). */
type Segment = { literal: string } | { param: string; greedy: boolean };

interface CompiledRoute {
  route: HttpRoute;
  segments: Segment[];
  /** API Gateway's precedence: no greedy part, more literal parts, more parts, a method over ANY. */
  score: number[];
}

function compile(route: HttpRoute): CompiledRoute {
  const parts = route.path.split('/').filter(Boolean);
  const segments = parts.map((part): Segment => {
    const param = /^\{(.+?)(\+)?\}$/.exec(part);
    return param ? { param: param[1]!, greedy: param[2] === '+' } : { literal: part };
  });
  return {
    route,
    segments,
    score: [
      segments.some((s) => 'greedy' in s && s.greedy) ? 0 : 1,
      segments.filter((s) => 'literal' in s).length,
      segments.length,
      route.method === 'ANY' ? 0 : 1,
    ],
  };
}

/** Matches a compiled template against a path's segments; returns the parameters or undefined. */
function matchPath(segments: Segment[], path: string[]): Record<string, string> | undefined {
  const last = segments[segments.length - 1];
  const greedy = last !== undefined && 'param' in last && last.greedy;
  if (greedy ? path.length < segments.length : path.length !== segments.length) return undefined;
  // Literals first: most templates fail on one, before anything is decoded or allocated.
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i]!;
    if ('literal' in part ? part.literal !== path[i] : part.greedy && part !== last) return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i]!;
    if (!('param' in part)) continue;
    params[part.param] = decode(part.greedy ? path.slice(i).join('/') : path[i]!);
  }
  return params;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Each route list's templates, parsed once: a request is matched against ~180 routes, and
 * splitting every template per request was a tenth of a millisecond of every call.
 */
const compiledLists = new WeakMap<HttpRoute[], CompiledRoute[]>();

export function matchRoute(routes: HttpRoute[], method: string, path: string): RouteMatch | undefined {
  let compiled = compiledLists.get(routes);
  if (!compiled) {
    compiled = routes.filter((r) => r.method !== '$default').map(compile);
    compiledLists.set(routes, compiled);
  }
  const segments = path.split('/').filter(Boolean);
  let best: { match: RouteMatch; score: number[] } | undefined;
  for (const candidate of compiled) {
    const { route } = candidate;
    if (route.method !== 'ANY' && route.method !== method) continue;
    const params = matchPath(candidate.segments, segments);
    if (!params) continue;
    if (!best || compareScores(candidate.score, best.score) > 0) {
      best = {
        match: { route, pathParameters: Object.keys(params).length ? params : undefined },
        score: candidate.score,
      };
    }
  }
  if (best) return best.match;
  const fallback = routes.find((r) => r.method === '$default');
  return fallback ? { route: fallback, pathParameters: undefined } : undefined;
}

const TEXT_TYPES = [
  /^text\//,
  /^application\/(json|javascript|xml|x-www-form-urlencoded|graphql|x-ndjson)\b/,
  /\+json\b/,
  /\+xml\b/,
];
const isTextContentType = (type: string | undefined): boolean =>
  !!type && TEXT_TYPES.some((re) => re.test(type.toLowerCase()));

function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export interface BuildEventInput {
  method: string;
  rawUrl: string;
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
  route: HttpRoute;
  pathParameters: Record<string, string> | undefined;
  claims?: JWTPayload;
  apiId: string;
  domainName: string;
  requestId?: string;
  now?: Date;
}

/** The payload v2 event, shaped as API Gateway sends it. */
export function buildEvent(input: BuildEventInput): APIGatewayProxyEventV2 {
  const now = input.now ?? new Date();
  const queryIndex = input.rawUrl.indexOf('?');
  const rawPath = queryIndex >= 0 ? input.rawUrl.slice(0, queryIndex) : input.rawUrl;
  const rawQueryString = queryIndex >= 0 ? input.rawUrl.slice(queryIndex + 1) : '';

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < input.rawHeaders.length; i += 2) {
    const name = input.rawHeaders[i]!.toLowerCase();
    const value = input.rawHeaders[i + 1]!;
    if (name === 'connection' || name === 'keep-alive') continue; // hop-by-hop: not forwarded
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  headers['x-forwarded-for'] ??= input.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID()
    .replaceAll('-', '')
    .slice(0, 24)}`;

  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString) {
    queryStringParameters = {};
    for (const [key, value] of new URLSearchParams(rawQueryString)) {
      queryStringParameters[key] =
        key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
    }
  }

  const requestId = input.requestId ?? randomUUID();
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: input.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: input.apiId,
      ...(input.claims
        ? { authorizer: { jwt: { claims: claimsForEvent(input.claims), scopes: null } } }
        : {}),
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0]!,
      http: {
        method: input.method,
        path: decode(rawPath),
        protocol: input.protocol,
        sourceIp: input.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: input.route.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    isBase64Encoded: false,
  };
  if (input.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? input.body.toString('utf8') : input.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Maps a handler's result to HTTP like API Gateway (payload v2, with its format inference). */
export function mapResult(result: unknown): HttpResult {
  const isStructured =
    result !== null && typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result;
  if (!isStructured) {
    const body = typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const r = result as APIGatewayProxyStructuredResultV2 & {
    multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(r.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String).join(',');
  }
  for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  headers['content-type'] ??= 'application/json';
  const raw = r.body ?? '';
  const body = r.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  return { statusCode: Number(r.statusCode), headers, body };
}

const jsonMessage = (
  statusCode: number,
  message: string,
  extra: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...extra },
  body: Buffer.from(JSON.stringify({ message })),
});

export interface HttpApiOptions {
  routes: HttpRoute[];
  functions: Map<string, LoadedFunction>;
  /** The handler to call now, for a function of `functions` (hot reload: the latest generation). */
  current?: (fn: LoadedFunction) => Promise<LoadedFunction>;
  verify: (token: string) => Promise<JWTPayload | undefined>;
  host?: string;
  port?: number;
  apiId?: string;
  /** Called once per request after the response is sent (logging). */
  onRequest?: (line: { method: string; path: string; status: number; ms: number; routeKey?: string }) => void;
  onError?: (error: unknown, route: HttpRoute) => void;
}

export interface LocalHttpApi {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
  /** Handles one request without a socket (tests). */
  handle(request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** The caller's address as API Gateway would see it (default 127.0.0.1). */
    sourceIp?: string;
  }): Promise<HttpResult>;
}

const bearer = /^Bearer\s+(\S+)\s*$/i;

export async function startHttpApi(options: HttpApiOptions): Promise<LocalHttpApi> {
  const apiId = options.apiId ?? 'local';
  const host = options.host ?? '127.0.0.1';

  async function handle(
    method: string,
    rawUrl: string,
    rawHeaders: string[],
    body: Buffer,
    sourceIp: string,
    protocol: string,
    domainName: string,
  ): Promise<{ result: HttpResult; routeKey?: string }> {
    const path = rawUrl.split('?')[0] ?? '/';
    const match = matchRoute(options.routes, method, path);
    if (!match) return { result: jsonMessage(404, 'Not Found') };
    const { route } = match;

    let claims: JWTPayload | undefined;
    if (route.authorizationType === 'JWT') {
      let authorization: string | undefined;
      for (let i = 0; i < rawHeaders.length; i += 2) {
        if (rawHeaders[i]!.toLowerCase() === 'authorization') authorization = rawHeaders[i + 1];
      }
      const token = authorization ? bearer.exec(authorization)?.[1] : undefined;
      claims = token ? await options.verify(token) : undefined;
      if (!claims) {
        return {
          result: jsonMessage(401, 'Unauthorized', { 'www-authenticate': 'Bearer' }),
          routeKey: route.routeKey,
        };
      }
    }

    const loaded = options.functions.get(route.functionLogicalId);
    if (!loaded) return { result: jsonMessage(500, 'Internal Server Error'), routeKey: route.routeKey };
    let fn = loaded;
    const requestId = randomUUID();
    const event = buildEvent({
      method,
      rawUrl,
      rawHeaders,
      body,
      sourceIp,
      protocol,
      route,
      pathParameters: match.pathParameters,
      claims,
      apiId,
      domainName,
      requestId,
    });
    try {
      if (options.current) fn = await options.current(loaded);
      const output = await invoke(fn, event, requestId);
      return { result: mapResult(output), routeKey: route.routeKey };
    } catch (error) {
      (options.onError ?? ((e) => console.error(`[local] ${route.routeKey} (${fn.logicalId}) failed:`, e)))(
        error,
        route,
      );
      if (error instanceof LambdaTimeoutError) {
        return { result: jsonMessage(503, 'Service Unavailable'), routeKey: route.routeKey };
      }
      return { result: jsonMessage(500, 'Internal Server Error'), routeKey: route.routeKey };
    }
  }

  function send(res: ServerResponse, result: HttpResult) {
    res.writeHead(result.statusCode, { ...result.headers, 'content-length': String(result.body.length) });
    res.end(result.body);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const domainName = req.headers.host ?? `${host}`;
      handle(
        req.method ?? 'GET',
        req.url ?? '/',
        req.rawHeaders,
        Buffer.concat(chunks),
        (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        `HTTP/${req.httpVersion}`,
        domainName,
      )
        .then(({ result, routeKey }) => {
          send(res, result);
          options.onRequest?.({
            method: req.method ?? 'GET',
            path: req.url ?? '/',
            status: result.statusCode,
            ms: Date.now() - started,
            routeKey,
          });
        })
        .catch((error: unknown) => {
          console.error('[local] HTTP API error:', error);
          send(res, jsonMessage(500, 'Internal Server Error'));
        });
    });
  });

  // A request Node's parser refuses (headers or URL over its limit, a malformed line) is answered
  // as API Gateway answers it — a status and a closed connection — after reading what the client
  // still sends: Node's default destroys the socket at once, and a client still writing its body
  // then sees a connection reset instead of the answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.on('data', () => {});
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    setTimeout(() => socket.destroy(), 1000).unref();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    handle: async (request) => {
      const started = Date.now();
      const rawHeaders = Object.entries(request.headers ?? {}).flat();
      const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
      const { result, routeKey } = await handle(
        request.method,
        request.url,
        rawHeaders,
        body,
        request.sourceIp ?? '127.0.0.1',
        'HTTP/1.1',
        request.headers?.host ?? `${host}:${port}`,
      );
      options.onRequest?.({
        method: request.method,
        path: request.url,
        status: result.statusCode,
        ms: Date.now() - started,
        routeKey,
      });
      return result;
    },
  };
}
