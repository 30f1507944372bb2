import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleApiTypes, consoleApiTypesFile } from '../../scripts/console-api-types.js';

describe("the console's API types", () => {
  it('are what docs/openapi.json generates (run `npm run openapi`)', async () => {
    const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(readFileSync(consoleApiTypesFile, 'utf8')).toBe(await consoleApiTypes(document));
  }, 30_000);
});
