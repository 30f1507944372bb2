import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { problemSchema } from '../../shared/platform/schemas.js';
import { apiAreas } from '../areas.js';

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
} as const;

/** OpenAPI 3.1, generated from the same route specs and zod schemas that validate requests. */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'staffToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito ID token of an agency staff member.',
  });
  const problem = { 'application/problem+json': { schema: problemSchema } };
  for (const area of apiAreas) {
    for (const route of area.routes) {
      const headers = z.object({
        ...(route.idempotent
          ? {
              'idempotency-key': z
                .string()
                .min(8)
                .max(255)
                .optional()
                .meta({ description: 'Replays return the first response.' }),
            }
          : {}),
        ...(route.optimisticLock
          ? { 'if-match': z.string().meta({ description: 'The version the change is based on, e.g. "3".' }) }
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
              .filter(([status]) => !route.public || status === '400')
              .map(([status, description]) => [status, { description, content: problem }]),
          ),
        },
      });
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Account Desk API',
      version: '0.1.0',
      description:
        "The back office of an advertising agency's account-service department. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: '/' }],
  });
}
