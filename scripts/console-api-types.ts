import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** Where the console's API types live (generated; tests/unit/console-api-types.test.ts fails when stale). */
export const consoleApiTypesFile = new URL('../web/src/api/schema.d.ts', import.meta.url);

/** The console's typed client's types (openapi-typescript) for an OpenAPI document. */
export async function consoleApiTypes(document: object): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(JSON.parse(JSON.stringify(document))));
}
