import { gunzipSync } from 'node:zlib';
import { httpApi, implement } from '../http/api.js';
import { compressedDocument } from './compressed-document.js';
import { openApiRoutes } from './routes.js';

/** The document generated from the route schemas (`npm run openapi`; a test keeps it current), unpacked once per container. */
const document: unknown = JSON.parse(gunzipSync(Buffer.from(compressedDocument, 'base64')).toString('utf8'));

export const handler = httpApi([
  implement(openApiRoutes.getOpenApi, async () => ({
    status: 200,
    body: document,
    headers: { 'cache-control': 'public, max-age=300' },
  })),
]);
