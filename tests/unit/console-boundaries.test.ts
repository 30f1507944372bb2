/**
 * The console (web/) only calls the public API: it imports its own modules and browser packages,
 * never the domain (shared/), the Lambda entry points (functions/) or the infrastructure (infra/);
 * and nothing outside web/ and the tests imports the console.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const browserPackages = [
  'preact',
  'preact/hooks',
  'preact-iso',
  'openapi-fetch',
  'oidc-client-ts',
  'i18next',
];

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, pattern) : pattern.test(entry.name) ? [path] : [];
  });
}

const importsOf = (source: string) =>
  [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]!);

describe('the console’s boundaries', () => {
  it('imports only its own modules and browser packages', () => {
    const offenders: string[] = [];
    for (const file of files(join(root, 'web/src'), /\.tsx?$/)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = relative(join(root, 'web/src'), join(file, '..', spec));
          if (target.startsWith('..')) offenders.push(`${relative(root, file)} → ${spec}`);
        } else if (!browserPackages.includes(spec) && !spec.startsWith('i18next')) {
          offenders.push(`${relative(root, file)} → ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('is imported by nothing outside web/ but the tests', () => {
    const offenders = ['infra', 'functions', 'shared', 'scripts', 'bench']
      .flatMap((dir) => files(join(root, dir), /\.(ts|mjs)$/))
      .filter((file) => importsOf(readFileSync(file, 'utf8')).some((spec) => /(^|\/)web\/src\//.test(spec)))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
