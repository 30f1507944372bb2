import * as z from 'zod';
import { defineRoute } from '../http/route-spec.js';

export const openApiRoutes = {
  getOpenApi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This API described as OpenAPI 3.1 (public).',
    public: true,
    response: {
      status: 200,
      description: 'The OpenAPI document.',
      schema: z.record(z.string(), z.unknown()),
    },
  }),
};
