import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Longest a function's bundle may take before synth gives up on it. */
const BUNDLE_TIMEOUT_MS = 300_000;

let bundler: { port: MessagePort; answered: Int32Array } | undefined;

function startBundler() {
  const { port1, port2 } = new MessageChannel();
  const answered = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./bundle-worker.mjs', import.meta.url), {
    workerData: { port: port2, answered },
    transferList: [port2],
  });
  // Never keeps synth (or a test) alive once the stacks are built.
  worker.unref();
  port1.unref();
  return { port: port1, answered: new Int32Array(answered) };
}

/**
 * `bundleFunction` (infra/bundle.ts) for CDK's synchronous local bundling: the build runs on a
 * worker thread (`bundle-worker.mjs`, started once per process, esbuild's service kept warm
 * between functions) while this thread waits for its answer. One thread for every function, not a
 * process per function, keeps synth as fast as the esbuild CLI that `NodejsFunction` runs, with
 * the SDK schema plugin the CLI cannot load.
 */
export function bundleFunctionSync(entry: string, outdir: string): void {
  bundler ??= startBundler();
  const { port, answered } = bundler;
  const before = Atomics.load(answered, 0);
  port.postMessage({ entry, outdir });
  if (Atomics.wait(answered, 0, before, BUNDLE_TIMEOUT_MS) === 'timed-out')
    throw new Error(`Bundling ${entry}: no answer within ${BUNDLE_TIMEOUT_MS / 1000} s`);
  const answer = receiveMessageOnPort(port)?.message as { error?: string } | undefined;
  if (!answer) throw new Error(`Bundling ${entry}: the bundling thread sent no answer`);
  if (answer.error) throw new Error(`Bundling ${entry}: ${answer.error}`);
}
