/**
 * The functions of the synthesized template, loaded in-process: entry path from the
 * `AccountDesk:Entry` metadata, environment from `Environment.Variables` (resolved to local
 * names), and a Lambda-like `Context` per invocation.
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { TemplateResolver } from './template.js';

export const ENTRY_METADATA_KEY = 'AccountDesk:Entry';

// biome-ignore lint/suspicious/noExplicitAny: handlers take any event type
export type LambdaHandler = (event: any, context: Context) => Promise<unknown> | unknown;

export interface LocalFunction {
  logicalId: string;
  functionName: string;
  arn: string;
  /** Repo-relative entry file. */
  entry: string;
  exportName: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface LoadedFunction extends LocalFunction {
  handler: LambdaHandler;
}

/** Reads the functions (and their resolved environments) from the template. */
export function functionsFromTemplate(resolver: TemplateResolver): LocalFunction[] {
  const functions: LocalFunction[] = [];
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::Lambda::Function')) {
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string') continue; // CDK helper functions (custom resources, ...)
    const props = resource.Properties ?? {};
    const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {}) as Record<string, unknown>;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) environment[name] = resolver.resolveString(value);
    const handlerProp = typeof props.Handler === 'string' ? props.Handler : 'index.handler';
    functions.push({
      logicalId,
      functionName: resolver.physicalName(logicalId),
      arn: resolver.arn(logicalId),
      entry,
      exportName: handlerProp.slice(handlerProp.lastIndexOf('.') + 1) || 'handler',
      environment,
      timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
      memoryMb: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
    });
  }
  return functions;
}

/** Keys whose differing values across functions are expected (one process runs all). */
const PER_FUNCTION_KEYS = new Set(['POWERTOOLS_SERVICE_NAME']);

/**
 * All handlers share one process: merge every function's environment. Conflicting values
 * are reported (first one wins) except for per-function keys.
 */
export function mergeEnvironments(
  functions: LocalFunction[],
  warn: (message: string) => void = console.warn,
): Record<string, string> {
  const merged: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const fn of functions) {
    for (const [key, value] of Object.entries(fn.environment)) {
      if (!(key in merged)) {
        merged[key] = value;
        owner[key] = fn.logicalId;
      } else if (merged[key] !== value && !PER_FUNCTION_KEYS.has(key)) {
        warn(
          `[local] env ${key} differs: ${owner[key]}=${merged[key]} vs ${fn.logicalId}=${value} (using the first)`,
        );
      }
    }
  }
  return merged;
}

export async function loadFunction(fn: LocalFunction, repoRoot: string): Promise<LoadedFunction> {
  const file = isAbsolute(fn.entry) ? fn.entry : join(repoRoot, fn.entry);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const handler = mod[fn.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${fn.entry} does not export a function '${fn.exportName}' (function ${fn.logicalId})`);
  }
  return { ...fn, handler: handler as LambdaHandler };
}

/**
 * Loads each function on first use, once (a failed load is tried again next time). Services
 * that invoke handlers load late: by then the stack has applied the functions' environment,
 * and Node's module cache gives the HTTP API's very same module instances.
 */
export function lazyLoader(repoRoot: string): (fn: LocalFunction) => Promise<LoadedFunction> {
  const loaded = new Map<string, Promise<LoadedFunction>>();
  return (fn) => {
    let promise = loaded.get(fn.logicalId);
    if (!promise) {
      promise = loadFunction(fn, repoRoot);
      loaded.set(fn.logicalId, promise);
      promise.catch(() => loaded.delete(fn.logicalId));
    }
    return promise;
  };
}

export function lambdaContext(fn: LocalFunction, requestId: string = randomUUID()): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const unsupported = () => {
    throw new Error('Callback-style context methods are not supported locally');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]local`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export class LambdaTimeoutError extends Error {
  constructor(fn: LocalFunction) {
    super(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds (${fn.logicalId})`);
    this.name = 'LambdaTimeoutError';
  }
}

/** Invokes a handler with a fresh context, failing like Lambda when it overruns its timeout. */
export async function invoke(fn: LoadedFunction, event: unknown, requestId?: string): Promise<unknown> {
  const context = lambdaContext(fn, requestId);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(fn)), fn.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => fn.handler(event, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
