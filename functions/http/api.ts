import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { es, zhCN } from 'zod/locales';
import {
  AppError,
  badRequest,
  type FieldError,
  notFound,
  payloadTooLarge,
  preconditionRequired,
  serviceBusy,
  unauthorized,
  unsupportedMediaType,
  validationFailed,
} from '../../shared/platform/errors.js';
import { acceptedLanguage, type Language } from '../../shared/platform/i18n.js';
import type { IdempotencyRequest } from '../../shared/platform/idempotency.js';
import { problemWords } from '../../shared/platform/messages.js';
import { openPageToken, type PageBinding, sealPageToken } from '../../shared/platform/paging.js';
import { answerReserveMs, isServiceBusy, withTimeBudget } from '../../shared/platform/retries.js';
import { businessMetric, countEvent } from '../../shared/platform/telemetry.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { internalError, jsonResponse, problemResponse } from './problem.js';
import { type RouteSpec, routeKey } from './route-spec.js';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface Request<S extends RouteSpec> {
  /** The signed-in staff member (the `staff_id` claim); empty on public routes. */
  actorId: string;
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
  /** The version named in If-Match, on routes with optimistic locking. */
  expectedVersion: S['optimisticLock'] extends 'required' ? number : number | undefined;
  idempotency?: IdempotencyRequest;
  /** Where the request came from (evidence of decisions). */
  meta: { ip: string; userAgent: string };
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Implementation {
  spec: RouteSpec;
  run: (request: Request<RouteSpec>) => Promise<Reply>;
}

export const implement = <const S extends RouteSpec>(
  spec: S,
  run: (request: Request<S>) => Promise<Reply>,
): Implementation => ({ spec, run: run as Implementation['run'] });

/** A single resource answers with its version as ETag, for the next If-Match. */
export const ok = (body: unknown): Reply => ({ status: 200, body, headers: etag(body) });

export const created = (
  outcome: { result: unknown; replayed: boolean },
  location: (result: never) => string,
): Reply => ({
  status: 201,
  body: outcome.result,
  headers: {
    ...etag(outcome.result),
    location: location(outcome.result as never),
    ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}),
  },
});

function etag(body: unknown): Record<string, string> {
  const version = (body as { version?: unknown } | undefined)?.version;
  return typeof version === 'number' ? { etag: `"${version}"` } : {};
}

export const maxBodyBytes = 64 * 1024;

const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

interface Parsed {
  body: unknown;
}

/** Size (the route's limit, else the default), media type and JSON syntax, before any route sees the body. */
const jsonBody = (
  limitOf: (routeKey: string) => number,
): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2, Error, Context & Parsed> => ({
  before: (request) => {
    const { event } = request;
    const limit = limitOf(event.routeKey);
    const raw = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64')
        : Buffer.from(event.body)
      : undefined;
    request.context.body = undefined;
    if (!raw || raw.length === 0) return;
    if (raw.length > limit) throw payloadTooLarge(limit);
    if (!jsonContentType.test(event.headers['content-type'] ?? '')) throw unsupportedMediaType();
    try {
      request.context.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw badRequest('malformed_json', 'The body is not valid JSON.', 'body');
    }
  },
});

/**
 * Last in line: every error leaves as problem+json; only errors below 500 say what went wrong.
 * A service that stayed busy for the request's whole time budget is a 503 with Retry-After.
 */
const problemDetails = (): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const error = request.error;
    const language = readerLanguage(request.event);
    if (error instanceof AppError && error.status < 500) {
      countEvent(businessMetric.requestRefused, { name: 'code', value: error.code });
      request.response = problemResponse(error, request.event.rawPath, language);
      return;
    }
    if (isServiceBusy(error)) {
      logger.warn('A service stayed busy', { routeKey: request.event.routeKey, error: error as Error });
      request.response = problemResponse(serviceBusy(), request.event.rawPath, language);
      return;
    }
    logger.error('Request failed', { routeKey: request.event.routeKey, error: error as Error });
    request.response = problemResponse(internalError(), request.event.rawPath, language);
  },
});

/** The reader's language: what the request's `Accept-Language` asks for (the console sends its user's). */
const readerLanguage = (event: { headers?: Record<string, string | undefined> }): Language =>
  acceptedLanguage(event.headers?.['accept-language']);

/**
 * zod's own messages in the reader's language (a schema's own message, such as "Must be an id as
 * issued by Account Desk.", stays as written).
 */
const zodMessages: Record<Language, z.core.$ZodErrorMap | undefined> = {
  en: undefined,
  es: es().localeError,
  'zh-CN': zhCN().localeError,
};

function issuesToFieldErrors(location: string, issues: z.core.$ZodIssue[], language: Language): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return {
        field: [location, ...path].join('.'),
        message: problemWords[language].notAField(issue.keys.join(', ')),
      };
    }
    return { field: [location, ...path].join('.'), message: issue.message };
  });
}

function parsePart<T extends z.ZodType | undefined>(
  schema: T,
  value: unknown,
  location: string,
  errors: FieldError[],
  language: Language,
) {
  if (!schema) return undefined;
  const errorMap = zodMessages[language];
  const result = schema.safeParse(value, errorMap ? { error: errorMap } : undefined);
  if (!result.success) {
    errors.push(...issuesToFieldErrors(location, result.error.issues, language));
    return undefined;
  }
  return result.data;
}

function expectedVersion(spec: RouteSpec, event: Event): number | undefined {
  if (!spec.optimisticLock) return undefined;
  const header = event.headers['if-match'];
  const invalid = () =>
    badRequest('invalid_if_match', 'If-Match must be a version such as "3".', 'header.if-match');
  if (!header) {
    if (spec.optimisticLock === 'required') throw preconditionRequired();
    // Sent empty, an optional If-Match is a malformed one, not none: a send again would go through.
    if (header !== undefined) throw invalid();
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw invalid();
  return Number(match[1]);
}

function idempotency(spec: RouteSpec, event: Event, body: unknown): IdempotencyRequest | undefined {
  const key = event.headers['idempotency-key'];
  if (!spec.idempotent || key === undefined) return undefined;
  if (!/^[\x21-\x7e]{8,255}$/.test(key)) {
    throw badRequest(
      'invalid_idempotency_key',
      'Idempotency-Key must be 8 to 255 visible ASCII characters.',
      'header.idempotency-key',
    );
  }
  const fingerprint = createHash('sha256')
    .update(`${routeKey(spec)}\n${event.rawPath}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
  return { key, fingerprint };
}

/** The caller's address as API Gateway saw it, and their user agent. */
export const requestMeta = (event: {
  requestContext: { http: { sourceIp: string } };
  headers: Record<string, string | undefined>;
}) => ({
  ip: event.requestContext.http.sourceIp,
  userAgent: event.headers['user-agent'] ?? '',
});

/**
 * The Lambda handler of one API area: normalizes headers, parses the JSON body,
 * dispatches on the route key, validates path, query and body against the route's
 * schemas, resolves the caller, calls the domain, and shapes the reply.
 */
export function httpApi(implementations: Implementation[]) {
  const routes = new Map(implementations.map((i) => [routeKey(i.spec), i]));
  const dispatch = async (
    event: Event,
    context: Context & Parsed,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = routes.get(event.routeKey);
    if (!route) throw notFound('Route');
    const { spec } = route;
    const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
    const actorId = typeof claims.staff_id === 'string' ? claims.staff_id : '';
    if (!spec.public && !actorId) throw unauthorized();

    const errors: FieldError[] = [];
    const language = readerLanguage(event);
    const params = parsePart(spec.params, event.pathParameters ?? {}, 'path', errors, language);
    const query = parsePart(spec.query, event.queryStringParameters ?? {}, 'query', errors, language);
    const body = parsePart(spec.body, context.body, 'body', errors, language);
    // A route without a body schema takes no body: nothing sent is ever silently ignored.
    if (!spec.body && context.body !== undefined && !isEmptyObject(context.body)) {
      errors.push({ field: 'body', message: problemWords[language].noBody });
    }
    if (errors.length > 0) throw validationFailed(errors);

    // Page tokens leave sealed and come back opened, bound to this caller, list and filters.
    const paging: PageBinding = {
      caller: actorId,
      list: `${routeKey(spec)} ${event.rawPath}`,
      filters: (query ?? {}) as Record<string, unknown>,
    };
    const nextToken = (query as { nextToken?: unknown } | undefined)?.nextToken;
    if (typeof nextToken === 'string') {
      (query as { nextToken?: string }).nextToken = await openPageToken(nextToken, paging);
    }

    const reply = await route.run({
      actorId,
      params,
      query,
      body,
      expectedVersion: expectedVersion(spec, event),
      idempotency: idempotency(spec, event, context.body),
      meta: requestMeta(event),
    } as Request<RouteSpec>);
    const page = reply.body as { nextToken?: unknown } | undefined;
    const answer =
      typeof page?.nextToken === 'string'
        ? { ...page, nextToken: await sealPageToken(page.nextToken, paging) }
        : reply.body;
    return jsonResponse(reply.status, answer, reply.headers);
  };
  return instrumented<Event, APIGatewayProxyStructuredResultV2, Context & Parsed>()
    .use(httpHeaderNormalizer())
    .use(jsonBody((key) => routes.get(key)?.spec.maxBodyBytes ?? maxBodyBytes))
    .use(problemDetails())
    .handler((event, context) =>
      // SDK retries end within the function's time, leaving it enough to answer.
      withTimeBudget(Date.now() + context.getRemainingTimeInMillis() - answerReserveMs, () =>
        dispatch(event, context),
      ),
    );
}
