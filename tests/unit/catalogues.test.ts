import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages } from '../../shared/platform/i18n.js';

/**
 * Every catalogue of texts the server writes for people (a `messages.ts` in a context of `shared/`
 * or an area of `functions/`) has the same keys in English, Spanish and Simplified Chinese, and
 * each message takes the same parameters. (The console's catalogues: tests/unit/console-i18n.test.ts.)
 */
function sourceFiles(dir: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, wanted);
    return wanted(name) ? [path] : [];
  });
}
const messageModules = (dir: string) => sourceFiles(dir, (name) => name === 'messages.ts');

/** The shape of a message set: each key's path, with `()n` for a message taking n parameters. */
function shapeOf(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()${value.length}`];
  if (typeof value === 'string') return value.trim() === '' ? [`${path} (empty)`] : [path];
  if (Array.isArray(value))
    return [`${path}[${value.length}]`, ...value.flatMap((v, i) => shapeOf(v, `${path}[${i}]`))];
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([key, v]) => shapeOf(v, `${path}.${key}`));
  return [`${path}: ${typeof value}`];
}

const isCatalogue = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && languages.every((l) => l in value);

/** Translations of English written elsewhere (problem details by code): Spanish and Chinese alike. */
const isTranslations = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && 'es' in value && 'zh-CN' in value && !('en' in value);

const root = join(import.meta.dirname, '../..');
const modules = [...messageModules(join(root, 'shared')), ...messageModules(join(root, 'functions'))];
const catalogues = await Promise.all(
  modules.map(async (file) => {
    const exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    return Object.entries(exported).map(([name, value]) => ({
      name: `${relative(root, file)} ${name}`,
      value,
    }));
  }),
).then((all) => all.flat());

describe('catalogues: the same keys in en, es and zh-CN', () => {
  it('finds the catalogues, and every export of a messages module is one', () => {
    expect(catalogues.length).toBeGreaterThanOrEqual(8);
    const others = catalogues.filter(({ value }) => !isCatalogue(value) && !isTranslations(value));
    expect(others.map((c) => c.name)).toEqual([]);
  });

  it.each(catalogues.filter(({ value }) => isCatalogue(value)))('$name', ({ value }) => {
    const english = shapeOf((value as Record<string, unknown>).en);
    expect(english.filter((k) => k.endsWith('(empty)'))).toEqual([]);
    for (const language of languages) {
      expect(shapeOf((value as Record<string, unknown>)[language]), language).toEqual(english);
    }
  });

  it.each(catalogues.filter(({ value }) => isTranslations(value)))('$name', ({ value }) => {
    const spanish = shapeOf((value as Record<string, unknown>).es);
    expect(spanish.filter((k) => k.endsWith('(empty)'))).toEqual([]);
    expect(shapeOf((value as Record<string, unknown>)['zh-CN'])).toEqual(spanish);
  });

  it('are made in calls marked pure, so a function bundle keeps only the catalogues it reads', () => {
    const sources = ['shared', 'functions'].flatMap((dir) =>
      sourceFiles(join(root, dir), (name) => name.endsWith('.ts')),
    );
    const unmarked = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(\/\* @__PURE__ \*\/ )?\bcatalogue[<(]/g)]
        .filter((call) => !call[1])
        .map((call) => `${relative(root, file)} at ${call.index}`),
    );
    expect(unmarked).toEqual([]);
    expect(sources.length).toBeGreaterThan(100);
  });
});
