/// <reference types="vite/client" />
/**
 * Every context declares its entities in its own `entities.ts` (platform's own in
 * `shared/platform/entities.ts`); together they are the single table's registry. Each entity
 * has its own `itemType` (the two audit-event entities share `event` on purpose: they are one
 * kind of record in two partitions) and is listed in docs/data-model.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const shared = new URL('../../shared/', import.meta.url);
const registry: Record<string, Record<string, { type?: unknown; key?: unknown }>> = {};
for (const context of readdirSync(shared)) {
  const file = new URL(`${context}/entities.ts`, shared);
  if (existsSync(file)) registry[`../../shared/${context}/entities.ts`] = await import(file.href);
}
const dataModel = readFileSync(new URL('../../docs/data-model.md', import.meta.url), 'utf8');

const entities = Object.entries(registry).flatMap(([file, module]) =>
  Object.entries(module)
    .filter(([, value]) => typeof value?.type === 'string' && typeof value.key === 'function')
    .map(([name, value]) => ({ file, name, type: value.type as string })),
);

describe('the entity registry', () => {
  it('holds every context’s entities', () => {
    const files = Object.keys(registry).map((file) => file.replace('../../shared/', ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'accounts/entities.ts',
        'jobs/entities.ts',
        'signoff/entities.ts',
        'creative/entities.ts',
        'media/entities.ts',
        'platform/entities.ts',
      ]),
    );
    expect(entities.length).toBeGreaterThanOrEqual(40);
  });

  it('gives each entity its own item type', () => {
    const count = new Map<string, number>();
    for (const { type } of entities) count.set(type, (count.get(type) ?? 0) + 1);
    const shared = [...count].filter(([, n]) => n > 1).map(([type]) => type);
    expect(shared).toEqual(['event']);
  });

  it('lists every item type in docs/data-model.md', () => {
    const missing = entities.filter((entity) => !dataModel.includes(`(\`${entity.type}\`)`));
    expect(missing.map((entity) => `${entity.name} (${entity.type})`)).toEqual([]);
  });
});
