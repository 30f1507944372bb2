/**
 * The thread `infra/bundle-sync.ts` bundles functions on: esbuild's plugins need its asynchronous
 * API while CDK's local bundling is synchronous. Loads `bundle.ts` through tsx (this file is plain
 * JavaScript so that the worker starts alike under the CDK CLI's tsx and under vitest), then
 * answers each `{ entry, outdir }` with `{ error? }` on its port and bumps the shared counter the
 * waiting thread sleeps on.
 */
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { port, answered } = workerData;
const counter = new Int32Array(answered);

let bundleFunction;
let loadError;
try {
  ({ bundleFunction } = await tsImport('./bundle.ts', import.meta.url));
} catch (error) {
  loadError = `loading infra/bundle.ts: ${error instanceof Error ? error.message : String(error)}`;
}

port.on('message', async ({ entry, outdir }) => {
  let error = loadError;
  if (!error) {
    try {
      await bundleFunction(entry, outdir);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  port.postMessage({ error });
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
