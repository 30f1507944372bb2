import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { compressedDocument } from '../../functions/openapi/compressed-document.js';
import { buildOpenApiDocument } from '../../functions/openapi/document.js';

describe('OpenAPI document', () => {
  const generated = JSON.parse(JSON.stringify(buildOpenApiDocument()));

  it('is current: docs/openapi.json is what the schemas generate (run `npm run openapi`)', () => {
    const written = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(written).toEqual(generated);
  });

  it('is current where it is served: the gzipped copy in the openapi function is the same document', () => {
    const served = JSON.parse(gunzipSync(Buffer.from(compressedDocument, 'base64')).toString('utf8'));
    expect(served).toEqual(generated);
  });

  it('describes every route once, with a bearer requirement unless public', () => {
    for (const area of apiAreas) {
      for (const route of area.routes) {
        const path = generated.paths[route.path]?.[route.method.toLowerCase()];
        expect(path, `${route.method} ${route.path}`).toBeDefined();
        expect(path.operationId).toBe(route.operationId);
        expect(path.security).toEqual(route.public ? [] : [{ staffToken: [] }]);
      }
    }
    const operations = Object.values(generated.paths).flatMap((p) => Object.keys(p as object));
    expect(operations).toHaveLength(apiAreas.flatMap((a) => a.routes).length);
  });

  it('states its limits: every operation documents 429 and 503, and where a route limits callers, when to retry', () => {
    for (const area of apiAreas) {
      for (const route of area.routes) {
        const responses = generated.paths[route.path][route.method.toLowerCase()].responses;
        const what = `${route.method} ${route.path}`;
        expect(responses['429'], what).toBeDefined();
        expect(Object.keys(responses['503'].headers), what).toEqual(['Retry-After']);
        if (route.rateLimit) {
          expect(Object.keys(responses['429'].headers).sort(), what).toEqual([
            'RateLimit-Limit',
            'RateLimit-Remaining',
            'RateLimit-Reset',
            'Retry-After',
          ]);
        }
      }
    }
    expect(apiAreas.flatMap((a) => a.routes).filter((r) => r.rateLimit).length).toBeGreaterThan(0);
  });

  it('documents errors as problem details', () => {
    const createClient = generated.paths['/clients'].post;
    expect(createClient.responses['409'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    expect(createClient.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateClient',
    );
  });
});
