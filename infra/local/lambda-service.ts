/**
 * Local Lambda Invoke API as a `LocalService` (name `lambda`): the functions of the synthesized
 * template, invoked in-process by name or ARN, so code that invokes a function with the ordinary SDK
 * client (`AWS_ENDPOINT_URL_LAMBDA`) runs locally — the scheduled-jobs function hands the rest of a
 * run to a new invocation of itself this way.
 *
 *   POST /2015-03-31/functions/{name or ARN}/invocations
 *     X-Amz-Invocation-Type: RequestResponse (default) — runs it, answers its result (a handler's
 *       error as `X-Amz-Function-Error: Unhandled`, like Lambda)
 *     X-Amz-Invocation-Type: Event — answers 202 at once, runs it after; an error is retried as
 *       Lambda retries asynchronous invocations (the function's `EventInvokeConfig`, default 2),
 *       then recorded as sent to its on-failure destination
 *   GET  /   recent invocations (newest last) and dead letters
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { functionsFromTemplate, invoke, type LocalFunction } from './lambda.js';
import { listenLocal } from './ports.js';
import { asyncRetryAttempts, DEFAULT_ASYNC_RETRY_ATTEMPTS } from './scheduler/definitions.js';
import type { LocalService } from './services.js';

export const LAMBDA_SERVICE = 'lambda';

export interface LocalInvocation {
  requestId: string;
  function: string;
  logicalId: string;
  type: 'RequestResponse' | 'Event';
  attempts: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  durationMs?: number;
  /** What the handler answered. */
  result?: unknown;
  error?: string;
  /** Failed after every retry: in AWS, in the function's on-failure destination. */
  deadLettered?: boolean;
}

export interface LocalLambdaInfo {
  port: number;
  invocations: LocalInvocation[];
  deadLetters: LocalInvocation[];
  /** Resolves when no asynchronous invocation is running or waiting to retry. */
  idle(): Promise<void>;
}

const MAX_HISTORY = 1000;
const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export function lambdaService(options: { retryDelayMs?: number } = {}): LocalService {
  return {
    name: LAMBDA_SERVICE,
    async start({ resolver, port, log, loadHandler: load }) {
      const functions = functionsFromTemplate(resolver);
      const retries = asyncRetryAttempts(resolver);
      const invocations: LocalInvocation[] = [];
      const deadLetters: LocalInvocation[] = [];
      const inflight = new Set<Promise<void>>();

      const find = (name: string): LocalFunction | undefined => {
        const unqualified = name.startsWith('arn:')
          ? name.split(':').slice(0, 7).join(':')
          : name.split(':')[0];
        return functions.find((fn) => fn.arn === unqualified || fn.functionName === unqualified);
      };
      const record = (invocation: LocalInvocation) => {
        invocations.push(invocation);
        if (invocations.length > MAX_HISTORY) invocations.splice(0, invocations.length - MAX_HISTORY);
      };

      const runAsync = async (fn: LocalFunction, event: unknown, invocation: LocalInvocation) => {
        const attempts = 1 + (retries.get(fn.functionName) ?? DEFAULT_ASYNC_RETRY_ATTEMPTS);
        const started = Date.now();
        for (let attempt = 1; attempt <= attempts; attempt++) {
          invocation.attempts = attempt;
          try {
            invocation.result = await invoke(await load(fn), event, invocation.requestId);
            invocation.status = 'succeeded';
            invocation.error = undefined;
            break;
          } catch (error) {
            invocation.status = 'failed';
            invocation.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            if (attempt < attempts)
              await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 500));
          }
        }
        invocation.durationMs = Date.now() - started;
        if (invocation.status === 'failed') {
          invocation.deadLettered = true;
          deadLetters.push(invocation);
          log(
            `[lambda] ${fn.logicalId} (async): FAILED after ${invocation.attempts} attempts (${invocation.error}) → on-failure destination (local: GET / deadLetters)`,
          );
        }
      };

      const serve = async (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const send = (status: number, body: string, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(body);
        };
        if (req.method === 'GET') {
          return send(
            200,
            JSON.stringify({ service: 'local Lambda', invocations: invocations.slice(-100), deadLetters }),
          );
        }
        const match = PATH.exec((req.url ?? '').split('?')[0] ?? '');
        const fn = match ? find(decodeURIComponent(match[1]!)) : undefined;
        if (req.method !== 'POST' || !match) {
          return send(
            400,
            JSON.stringify({ Type: 'User', message: `Not supported locally: ${req.method} ${req.url}` }),
          );
        }
        if (!fn) {
          return send(404, JSON.stringify({ Type: 'User', message: `Function not found: ${match[1]}` }), {
            'x-amzn-errortype': 'ResourceNotFoundException',
          });
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        let event: unknown;
        try {
          event = raw ? JSON.parse(raw) : {};
        } catch {
          return send(400, JSON.stringify({ Type: 'User', message: 'The payload is not JSON' }), {
            'x-amzn-errortype': 'InvalidRequestContentException',
          });
        }
        const type = req.headers['x-amz-invocation-type'] === 'Event' ? 'Event' : 'RequestResponse';
        const invocation: LocalInvocation = {
          requestId: randomUUID(),
          function: fn.functionName,
          logicalId: fn.logicalId,
          type,
          attempts: 1,
          status: 'running',
          startedAt: new Date().toISOString(),
        };
        record(invocation);
        if (type === 'Event') {
          const running = runAsync(fn, event, invocation).finally(() => inflight.delete(running));
          inflight.add(running);
          return send(202, '', { 'x-amz-request-id': invocation.requestId });
        }
        const started = Date.now();
        try {
          const result = await invoke(await load(fn), event, invocation.requestId);
          invocation.status = 'succeeded';
          invocation.durationMs = Date.now() - started;
          return send(200, JSON.stringify(result ?? null), { 'x-amz-request-id': invocation.requestId });
        } catch (error) {
          invocation.status = 'failed';
          invocation.durationMs = Date.now() - started;
          invocation.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          return send(
            200,
            JSON.stringify({
              errorType: error instanceof Error ? error.name : 'Error',
              errorMessage: error instanceof Error ? error.message : String(error),
            }),
            { 'x-amz-function-error': 'Unhandled', 'x-amz-request-id': invocation.requestId },
          );
        }
      };

      const server = createServer((req, res) => {
        serve(req, res).catch((error: unknown) => {
          log(`[lambda] internal error: ${error instanceof Error ? error.message : String(error)}`);
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
      const actual = await listenLocal(server, port, 'local Lambda');
      const endpoint = `http://127.0.0.1:${actual}`;
      const idle = async () => {
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
      };
      const info: LocalLambdaInfo = { port: actual, invocations, deadLetters, idle };
      return {
        endpoint,
        env: { AWS_ENDPOINT_URL_LAMBDA: endpoint },
        info: info as unknown as Record<string, unknown>,
        async stop() {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await Promise.race([idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        },
      };
    },
  };
}
