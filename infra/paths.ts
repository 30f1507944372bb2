import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, resolved from this module's location so the current directory never matters. */
export const repoRoot: string = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of a repository-relative path (`functions/clients/handler.ts`). */
export function fromRepoRoot(repoRelativePath: string): string {
  if (isAbsolute(repoRelativePath)) {
    throw new Error(`Expected a path relative to the repository root, got ${repoRelativePath}`);
  }
  const absolute = join(repoRoot, repoRelativePath);
  if (relative(repoRoot, absolute).startsWith('..')) {
    throw new Error(`Path ${repoRelativePath} leaves the repository`);
  }
  return absolute;
}

export function assertRepoFile(repoRelativePath: string): string {
  const absolute = fromRepoRoot(repoRelativePath);
  if (!existsSync(absolute)) {
    throw new Error(`Entry file ${repoRelativePath} does not exist (resolved to ${absolute})`);
  }
  return absolute;
}
