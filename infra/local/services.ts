/**
 * The seam for local services: each emulator is a `LocalService`, started in registry
 * order. A service gets the synthesized template (through the resolver) and what earlier
 * services published, and publishes its endpoint, the environment handlers need to reach
 * it, and a stop function. Later work plugs in a Step Functions endpoint
 * (`AWS_ENDPOINT_URL_SFN`, resolver overrides for state machine ARNs) and a scheduler clock
 * by adding services here.
 */
import { type LoadedFunction, type LocalFunction, lazyLoader } from './lambda.js';
import type { TemplateResolver } from './template.js';

export interface LocalServiceContext {
  repoRoot: string;
  /** Where the service keeps data; a temp dir when the stack does not persist. */
  dataDir: string;
  persist: boolean;
  resolver: TemplateResolver;
  /** Requested port (0 = pick one), from `ports[service.name]`. */
  port: number;
  /** Environment published by the services started before this one. */
  env: Record<string, string>;
  /** Services started before this one, by name. */
  started: Record<string, StartedService>;
  log: (message: string) => void;
  /** Loads a function's handler as of now (one loader for every service, so hot reload reaches all). */
  loadHandler: (fn: LocalFunction) => Promise<LoadedFunction>;
}

export interface StartedService {
  /** Base URL (`http://127.0.0.1:PORT`) if the service listens. */
  endpoint?: string;
  /** Environment handlers (and later services) need, e.g. `AWS_ENDPOINT_URL_S3`. */
  env?: Record<string, string>;
  /** Anything worth printing or handing to tests (inbox URL, table names, ...). */
  info?: Record<string, unknown>;
  /** Called once the whole stack is up (its environment applied): start background work. */
  ready?(): Promise<void> | void;
  stop(): Promise<void>;
}

export interface LocalService {
  /** Short name, also the key of its port in the options (`dynamodb`, `s3`, `ses`, ...). */
  name: string;
  start(context: LocalServiceContext): Promise<StartedService>;
}

export interface RunningServices {
  started: Record<string, StartedService>;
  env: Record<string, string>;
  /** Tells every service the stack is up (see `StartedService.ready`). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts services in order; if one fails, stops those already started and rethrows. */
export async function startServices(
  services: LocalService[],
  base: Omit<LocalServiceContext, 'port' | 'env' | 'started' | 'dataDir' | 'loadHandler'> & {
    dataDir: (service: string) => string;
    ports: Record<string, number | undefined>;
    env: Record<string, string>;
    loadHandler?: LocalServiceContext['loadHandler'];
  },
): Promise<RunningServices> {
  const started: Record<string, StartedService> = {};
  const order: StartedService[] = [];
  const env = { ...base.env };
  const loadHandler = base.loadHandler ?? lazyLoader(base.repoRoot);
  const stop = async () => {
    for (const service of order.splice(0).reverse()) {
      await service.stop().catch((error: unknown) => base.log(`[local] stop failed: ${String(error)}`));
    }
  };
  try {
    for (const service of services) {
      const result = await service.start({
        repoRoot: base.repoRoot,
        persist: base.persist,
        resolver: base.resolver,
        log: base.log,
        dataDir: base.dataDir(service.name),
        port: base.ports[service.name] ?? 0,
        env: { ...env },
        started: { ...started },
        loadHandler,
      });
      started[service.name] = result;
      order.push(result);
      Object.assign(env, result.env);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const ready = async () => {
    for (const service of order) await service.ready?.();
  };
  return { started, env, ready, stop };
}
