import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../functions/openapi/document.js';

/** Writes docs/openapi.json from the route schemas. */
const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
