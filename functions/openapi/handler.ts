import document from '../../docs/openapi.json' with { type: 'json' };
import { httpApi, implement } from '../http/api.js';
import { openApiRoutes } from './routes.js';

/** Serves the document generated from the route schemas (`npm run openapi`; a test keeps it current). */
export const handler = httpApi([
  implement(openApiRoutes.getOpenApi, async () => ({
    status: 200,
    body: document,
    headers: { 'cache-control': 'public, max-age=300' },
  })),
]);
