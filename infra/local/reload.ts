/**
 * Hot reload of handlers: `npm start` watches `functions/` and `shared/` (recursively); when a
 * source file changes, the next invocation of any handler loads it through a fresh module graph
 * of the project's files — the emulators, the HTTP API and every execution and schedule keep
 * running, and node_modules stay loaded once (as serverless-offline and SST reload handlers).
 *
 * How: each change starts a new generation; a handler of generation n is imported as
 * `<entry>?ad-reload=n`, and the loader hooks of `reload-hooks.mjs` give every project import
 * under the watched folders the same query, so Node loads those modules anew. Modules of earlier
 * generations stay in memory (Node cannot unload ES modules): a restart now and then frees them.
 * Without watching, handlers load once through Node's module cache, shared by every service.
 */
import { type FSWatcher, watch } from 'node:fs';
import { register } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LambdaHandler, type LoadedFunction, type LocalFunction, loadFunction } from './lambda.js';

const PARAM = 'ad-reload';
const SOURCE = /\.(ts|mts|js|mjs|json)$/;

export interface HandlerLoader {
  /** The handler of `fn` as of the latest change (loaded on first use of each generation). */
  load(fn: LocalFunction): Promise<LoadedFunction>;
  /** Increments on every change of a watched file. */
  readonly generation: number;
  close(): void;
}

export interface HandlerLoaderOptions {
  repoRoot: string;
  /** Folders to watch (absolute or relative to `repoRoot`); none: no reloading. */
  watch?: string[];
  /** Quiet time after the last change before a new generation (ms). */
  debounceMs?: number;
  log?: (message: string) => void;
  /** Called after each new generation (tests). */
  onReload?: (generation: number, changed: string[]) => void;
}

let hooksRegistered = false;

export function handlerLoader(options: HandlerLoaderOptions): HandlerLoader {
  const { repoRoot } = options;
  const roots = (options.watch ?? []).map((dir) => (isAbsolute(dir) ? dir : join(repoRoot, dir)));
  const cache = new Map<string, Promise<LoadedFunction>>();
  let generation = 0;
  const watchers: FSWatcher[] = [];

  if (roots.length > 0) {
    if (!hooksRegistered) {
      register(new URL('./reload-hooks.mjs', import.meta.url), {
        data: { roots: roots.map((root) => (root.endsWith(sep) ? root : `${root}${sep}`)) },
      });
      hooksRegistered = true;
    }
    let changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      generation += 1;
      cache.clear();
      const files = [...changed];
      changed = new Set();
      options.log?.(
        `[local] reloaded handlers after a change to ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`,
      );
      options.onReload?.(generation, files);
    };
    for (const root of roots) {
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        if (!name || !SOURCE.test(String(name))) return;
        changed.add(relative(repoRoot, join(root, String(name))));
        clearTimeout(timer);
        timer = setTimeout(reload, options.debounceMs ?? 100);
        timer.unref();
      });
      watcher.unref();
      watchers.push(watcher);
    }
  }

  const importAt = async (fn: LocalFunction, at: number): Promise<LoadedFunction> => {
    if (at === 0) return loadFunction(fn, repoRoot);
    const file = isAbsolute(fn.entry) ? fn.entry : join(repoRoot, fn.entry);
    const mod = (await import(`${pathToFileURL(file).href}?${PARAM}=${at}`)) as Record<string, unknown>;
    const handler = mod[fn.exportName];
    if (typeof handler !== 'function') {
      throw new Error(`${fn.entry} does not export a function '${fn.exportName}' (function ${fn.logicalId})`);
    }
    return { ...fn, handler: handler as LambdaHandler };
  };

  return {
    get generation() {
      return generation;
    },
    load(fn) {
      const key = fn.logicalId;
      let promise = cache.get(key);
      if (!promise) {
        promise = importAt(fn, generation);
        cache.set(key, promise);
        // A failed load (a syntax error mid-edit) is tried again on the next invocation.
        promise.catch(() => {
          if (cache.get(key) === promise) cache.delete(key);
        });
      }
      return promise;
    },
    close() {
      for (const watcher of watchers) watcher.close();
    },
  };
}
