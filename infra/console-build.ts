import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromRepoRoot } from './paths.js';

/** Where `npm start` serves the console from (and `npm run console:build` writes it). */
export const consoleDist = fromRepoRoot('web/dist');

/**
 * Builds the staff console (Vite) into `outDir`: used by `cdk synth` (the asset's local bundling)
 * and by `npm start` when the build is missing or older than its sources. True when it built.
 */
export function buildConsole(outDir: string = consoleDist): boolean {
  const vite = fromRepoRoot('node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) return false;
  const result = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      fromRepoRoot('web/vite.config.ts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return result.status === 0;
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** The build is missing, or a source (web/src, index.html, the Vite config) changed after it. */
export function consoleBuildIsStale(): boolean {
  const built = join(consoleDist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) =>
    newestChange(fromRepoRoot(p)),
  );
  return Math.max(...sources) > statSync(built).mtimeMs;
}
