import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * X-Ray traces of a function: the handler's subsegment (`## <handler>`, annotated `ColdStart` and
 * `Service`, with the error when it fails) and one subsegment per AWS SDK call under it (namespace
 * `aws`: service, operation, region, request id, retries, table or bucket, HTTP status; error,
 * throttle and fault flags), with the trace header passed on to the service called, so Step
 * Functions and Lambda continue the trace. The documents Powertools Tracer sends through the X-Ray
 * SDK, written here in a few hundred bytes: the X-Ray SDK and its dependencies (semver, cls-hooked,
 * its AWS SDK v2 patcher and centralized sampler, none of which a Lambda function uses) weighed
 * ~118 KB in every bundle. Lambda itself records the function's segment (active tracing) and makes
 * the sampling decision, which arrives in the trace header.
 *
 * On only inside Lambda (`AWS_EXECUTION_ENV`) and unless `POWERTOOLS_TRACE_ENABLED` is false (the
 * local runner sets it false). A Lambda container runs one invocation at a time, so the open
 * handler subsegment is the container's.
 */

/** An X-Ray subsegment document, sent on its own ("independent subsegment") when it ends. */
export interface SubsegmentDocument {
  type: 'subsegment';
  id: string;
  trace_id: string;
  parent_id: string;
  name: string;
  start_time: number;
  end_time?: number;
  namespace?: 'aws';
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, string | number>;
  http?: { response: { status: number } };
  error?: true;
  throttle?: true;
  fault?: true;
  cause?: { working_directory: string; exceptions: CapturedException[] };
}

interface CapturedException {
  id: string;
  message: string;
  type: string;
  remote?: true;
  stack: { path: string; line: number; label: string }[];
}

interface TraceHeader {
  root: string;
  parent: string;
  sampled: boolean;
}

type Emit = (document: SubsegmentDocument) => void;

const newId = () => randomBytes(8).toString('hex');
const seconds = () => Date.now() / 1000;

/** The invocation's trace header (`Root=…;Parent=…;Sampled=1`), where Lambda puts it. */
function invocationTraceHeader(): TraceHeader | undefined {
  const lambda = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } })
    .awslambda;
  const raw = lambda?.InvokeStore?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID;
  if (!raw) return undefined;
  const fields = new Map(raw.split(';').map((field) => field.split('=') as [string, string]));
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  return root && parent ? { root, parent, sampled: fields.get('Sampled') === '1' } : undefined;
}

function daemonEmitter(): Emit {
  // "host:port", or "tcp:host:port udp:host:port" (the UDP one takes the segments).
  const address = process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000';
  const udp = address.split(' ').find((part) => part.startsWith('udp:')) ?? address;
  const [host = '127.0.0.1', port = '2000'] = udp.replace(/^udp:/, '').split(':');
  let socket: Socket | undefined;
  return (document) => {
    if (!socket) {
      socket = createSocket('udp4');
      socket.unref();
    }
    const message = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
    socket.send(message, Number(port), host, () => {});
  };
}

function captured(error: unknown, remote: boolean): CapturedException {
  const e = error instanceof Error ? error : new Error(String(error));
  const stack = (e.stack ?? '')
    .split('\n')
    .slice(1, 11)
    .map((line) => line.trim().match(/^at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ label: m[1] ?? 'anonymous', path: m[2]!, line: Number(m[3]) }));
  return { id: newId(), message: e.message, type: e.name, ...(remote ? { remote: true } : {}), stack };
}

/** What an SDK call's outcome says about itself (`$metadata` on an output or an error). */
interface CallMetadata {
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** The call's resources worth naming in the trace (never keys or items: they may hold client data). */
function resourceNames(input: unknown): Record<string, string> {
  const { TableName, Bucket } = (input ?? {}) as { TableName?: unknown; Bucket?: unknown };
  return {
    ...(typeof TableName === 'string' ? { table_name: TableName } : {}),
    ...(typeof Bucket === 'string' ? { bucket_name: Bucket } : {}),
  };
}

/** An AWS SDK v3 client, as far as tracing needs it. */
interface TraceableClient {
  config: { serviceId?: string; region?: unknown };
  middlewareStack: {
    add(
      middleware: (
        next: (args: { request?: unknown; input?: unknown }) => Promise<{ output: CallMetadata }>,
        context: { commandName?: string },
      ) => (args: { request?: unknown; input?: unknown }) => Promise<{ output: CallMetadata }>,
      options: { step: 'build'; name: string },
    ): void;
  };
}

export class Tracing {
  private handler: { document: SubsegmentDocument; header: TraceHeader } | undefined;
  private coldStart = true;

  constructor(
    private readonly enabled: () => boolean,
    private readonly emit: Emit,
  ) {}

  /** Opens the handler's subsegment under the invocation's segment (when sampled). */
  beginInvocation(handlerName: string, serviceName: string): void {
    const coldStart = this.coldStart;
    this.coldStart = false;
    this.handler = undefined;
    const header = this.enabled() ? invocationTraceHeader() : undefined;
    if (!header?.sampled) return;
    this.handler = {
      header,
      document: {
        type: 'subsegment',
        id: newId(),
        trace_id: header.root,
        parent_id: header.parent,
        name: `## ${handlerName}`,
        start_time: seconds(),
        annotations: { ColdStart: coldStart, ...(serviceName ? { Service: serviceName } : {}) },
      },
    };
  }

  /** Closes the handler's subsegment, with the error the invocation failed with. */
  endInvocation(error?: unknown): void {
    const open = this.handler;
    this.handler = undefined;
    if (!open) return;
    const document: SubsegmentDocument = { ...open.document, end_time: seconds() };
    if (error !== undefined) {
      document.fault = true;
      document.cause = { working_directory: process.cwd(), exceptions: [captured(error, false)] };
    }
    this.emit(document);
  }

  /** Each call `client` sends becomes a subsegment of the invocation's handler subsegment. */
  capture<T>(client: T): T {
    const traceable = client as unknown as TraceableClient;
    traceable.middlewareStack.add(
      (next, context) => async (args) => {
        const open = this.handler;
        if (!open) return next(args);
        const id = newId();
        const request = args.request as { headers?: Record<string, string> } | undefined;
        if (request?.headers)
          request.headers['X-Amzn-Trace-Id'] = `Root=${open.header.root};Parent=${id};Sampled=1`;
        const start = seconds();
        const record = async (outcome: CallMetadata | undefined, error?: unknown) => {
          const status = outcome?.$metadata?.httpStatusCode;
          // A presigned URL goes through the stack without being sent: nothing to record.
          if (status === undefined && error === undefined) return;
          const region = traceable.config.region;
          const document: SubsegmentDocument = {
            type: 'subsegment',
            id,
            trace_id: open.header.root,
            parent_id: open.document.id,
            name: traceable.config.serviceId ?? 'AWS',
            namespace: 'aws',
            start_time: start,
            end_time: seconds(),
            aws: {
              operation: (context.commandName ?? '').replace(/Command$/, ''),
              region: typeof region === 'function' ? String(await region()) : String(region ?? ''),
              ...(outcome?.$metadata?.requestId ? { request_id: outcome.$metadata.requestId } : {}),
              retries: Math.max(0, (outcome?.$metadata?.attempts ?? 1) - 1),
              ...resourceNames(args.input),
            },
            ...(status !== undefined ? { http: { response: { status } } } : {}),
          };
          if (status === 429) document.throttle = true;
          if (status !== undefined && status >= 400 && status < 500) document.error = true;
          else if (error !== undefined) document.fault = true;
          if (error !== undefined)
            document.cause = { working_directory: process.cwd(), exceptions: [captured(error, true)] };
          this.emit(document);
        };
        try {
          const result = await next(args);
          await record(result.output);
          return result;
        } catch (error) {
          await record(error as CallMetadata, error);
          throw error;
        }
      },
      { step: 'build', name: 'accountDeskTracing' },
    );
    return client;
  }
}

const falsy = new Set(['0', 'n', 'no', 'f', 'false', 'off']);

/** The container's tracing: on inside Lambda unless `POWERTOOLS_TRACE_ENABLED` says otherwise. */
export const createTracing = (emit: Emit = daemonEmitter()): Tracing =>
  new Tracing(
    () =>
      process.env.AWS_EXECUTION_ENV !== undefined &&
      !falsy.has((process.env.POWERTOOLS_TRACE_ENABLED ?? 'true').trim().toLowerCase()),
    emit,
  );
