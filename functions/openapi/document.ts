import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { problemSchema } from '../../shared/platform/schemas.js';
import { apiAreas } from '../areas.js';
import { type RouteSpec, stageThrottle } from '../http/route-spec.js';

const problemResponses = {
  400: 'Invalid request (see errors[] for each field).',
  401: 'No valid staff bearer token.',
  403: 'Known, but the caller’s role may not do this.',
  404: 'Unknown, or not visible to the caller.',
  409: 'Version conflict, duplicate, or a rule of the domain (see code).',
  413: 'Body over 64 KB.',
  415: 'Body is not JSON.',
  422: 'Idempotency-Key reused with another request, or a precondition of the domain is missing.',
  428: 'If-Match is required.',
  500: 'Something went wrong on Account Desk’s side (the detail says no more).',
} as const;

const seconds = (description: string) => ({
  description,
  schema: { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 86_400 },
});

/** 503: a service Account Desk depends on stayed busy for the request's whole time; try again after Retry-After. */
const busy = (content: object) => ({
  description:
    'Busy: a service Account Desk depends on stayed throttled or unreachable for the whole time the request had. Send it again after Retry-After seconds (a create with the same Idempotency-Key: it may have gone through).',
  headers: { 'Retry-After': seconds('Seconds to wait before sending the request again.') },
  content,
});

/**
 * 429 of the API stage's throttle (every route): API Gateway answers it itself, before any
 * function, with `{"message":"Too Many Requests"}` and no headers (an HTTP API cannot add any).
 */
const stageThrottled = {
  description: `Too many requests for the API as a whole: the stage's throttle (${stageThrottle.rateLimit} requests a second, bursts of ${stageThrottle.burstLimit}, shared by every caller). API Gateway answers it itself, without Retry-After: wait a second and retry with backoff.`,
  content: {
    'application/json': {
      schema: {
        type: 'object' as const,
        properties: { message: { type: 'string' as const, const: 'Too Many Requests' } },
      },
    },
  },
};

/** 429 of a route's own limit of a caller (`RouteSpec.rateLimit`), with when to try again. */
const callerThrottled = (limit: NonNullable<RouteSpec['rateLimit']>, content: object) => ({
  description: `Too many requests from this caller: at most ${limit.limit} per ${limit.windowSeconds / 60} minutes per ${limit.per} (and the stage's throttle, which API Gateway answers itself without headers).`,
  headers: {
    'Retry-After': seconds('Seconds until the limit resets.'),
    'RateLimit-Limit': {
      description: 'Requests allowed in the window.',
      schema: { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 10_000 },
    },
    'RateLimit-Remaining': {
      description: 'Requests left in the window: 0.',
      schema: { type: 'integer' as const, format: 'int32', minimum: 0, maximum: 0 },
    },
    'RateLimit-Reset': seconds('Seconds until the window resets.'),
  },
  content,
});

/** OpenAPI 3.1, generated from the same route specs and zod schemas that validate requests. */
type JsonNode = unknown;

/**
 * A nullable reference (`moneySchema.nullable()`) comes out of the generator as
 * `allOf: [{$ref}, {type: ['object', 'null']}]`, which says the value must be the referenced
 * object and also object-or-null — null never passes. Written as what it means: `anyOf` of the
 * reference and null. The schema stays `.nullable()`, so a wrong field inside still names its
 * own path in the 400 (a union would name only the outer field).
 */
function nullableReferences(node: JsonNode): JsonNode {
  if (Array.isArray(node)) return node.map(nullableReferences);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, nullableReferences(value)] as const);
  const out = Object.fromEntries(entries) as Record<string, unknown>;
  const allOf = out.allOf;
  if (Array.isArray(allOf) && allOf.length === 2) {
    const [reference, nullable] = allOf as [Record<string, unknown>, Record<string, unknown>];
    const types = nullable?.type;
    if (
      typeof reference?.$ref === 'string' &&
      Array.isArray(types) &&
      types.includes('null') &&
      Object.keys(nullable).length === 1
    ) {
      const { allOf: _, ...rest } = out;
      return { ...rest, anyOf: [reference, { type: 'null' }] };
    }
  }
  return out;
}

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'staffToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Cognito ID token of an agency staff member (a JWT, checked as RFC8725 recommends: signature by the user pool’s key, issuer, audience, expiry and token use, by the API Gateway JWT authorizer).',
  });
  const problem = { 'application/problem+json': { schema: problemSchema } };
  const htmlPage = {
    type: 'string' as const,
    maxLength: 1_000_000,
    description: 'An HTML page saying what happened.',
  };
  for (const area of apiAreas) {
    for (const route of area.routes) {
      // The approval page answers errors with pages; everything else with problem details.
      const errorContent =
        route.response.mediaType === 'text/html' ? { 'text/html': { schema: htmlPage } } : problem;
      const headers = z.object({
        ...(route.idempotent
          ? {
              'idempotency-key': z
                .string()
                .min(8)
                .max(255)
                .regex(/^[\x21-\x7e]+$/)
                .optional()
                .meta({ description: 'Replays return the first response.' }),
            }
          : {}),
        ...(route.optimisticLock
          ? {
              'if-match': z
                .string()
                .max(16)
                .regex(/^(?:W\/)?"?\d{1,9}"?$/)
                .meta({ description: 'The version the change is based on, e.g. "3".' }),
            }
          : {}),
      });
      registry.registerPath({
        method: route.method.toLowerCase() as 'get',
        path: route.path,
        operationId: route.operationId,
        summary: route.summary,
        tags: [area.name],
        security: route.public ? [] : [{ [bearer.name]: [] }],
        request: {
          params: route.params,
          query: route.query,
          headers: Object.keys(headers.shape).length ? headers : undefined,
          body: route.body
            ? {
                required: true,
                content: { [route.bodyMediaType ?? 'application/json']: { schema: route.body } },
              }
            : undefined,
        },
        responses: {
          [route.response.status]: {
            description: route.response.description,
            content: route.response.schema
              ? { [route.response.mediaType ?? 'application/json']: { schema: route.response.schema } }
              : undefined,
          },
          ...Object.fromEntries(
            Object.entries(problemResponses)
              .filter(([status]) => !route.public || status === '400' || status === '500')
              .map(([status, description]) => [status, { description, content: errorContent }]),
          ),
          429: route.rateLimit ? callerThrottled(route.rateLimit, errorContent) : stageThrottled,
          503: busy(errorContent),
        },
      });
    }
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Account Desk API',
      version: '0.1.0',
      description:
        "The back office of an advertising agency's account-service department. Errors are RFC 9457 problem details.",
    },
    servers: [
      {
        url: '/',
        description:
          'The stage this document is served from: dev or production in AWS, or the local stack (`npm start`).',
        'x-internal': false,
      },
    ],
  });
  return nullableReferences(document) as typeof document;
}
