/**
 * The Step Functions API over HTTP (AWS JSON 1.0: `POST /`, `x-amz-target:
 * AWSStepFunctions.<Operation>`, `application/x-amz-json-1.0`; errors `{"__type", "message"}`
 * with 400), so the ordinary `@aws-sdk/client-sfn` reaches it through `AWS_ENDPOINT_URL_SFN`.
 *
 * Local extras (not AWS), for developers and e2e tests against `npm start`:
 * - `POST /_local/clock {"advanceMs": n}` moves the shared clock n ms forward: every deadline
 *   (Wait states, task timeouts, execution timeouts, schedules) that comes due fires, in order.
 *   Answers `{now, offsetMs, fired}`.
 * - `POST /_local/clock {"advanceMs": n, "executionArn": "<arn>"}` moves only that execution's
 *   own clock n ms forward (calls add up: a second call moves it on from where the first left
 *   it) and fires its deadlines that come due; its next states are entered at that later time
 *   (`$$.State.EnteredTime`), so the dates its tasks compute move with it. Nobody else's
 *   deadlines move. Answers `{now, offsetMs, fired}` for that execution.
 * - `POST /_local/clock {"executionArn": "<arn>", "next": true}` moves that execution's clock
 *   to its next deadline, whatever it is, and fires it: one step at a time.
 * - `GET /` describes the endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ExecutionRecord, HistoryEventRecord, LocalStepFunctions } from './runtime.js';
import { SfnApiError } from './runtime.js';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are validated field by field
type Body = any;

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function requireString(body: Body, field: string): string {
  const value = body?.[field];
  if (typeof value !== 'string' || value === '') {
    throw new SfnApiError('ValidationException', `1 validation error detected: '${field}' must not be null`);
  }
  return value;
}

function page<T>(items: T[], body: Body, defaultSize = 100): { items: T[]; nextToken?: string } {
  const size = Math.min(Number(body?.maxResults) || defaultSize, 1000);
  const start = body?.nextToken ? Number(body.nextToken) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SfnApiError('InvalidToken', 'Invalid nextToken');
  const slice = items.slice(start, start + size);
  return { items: slice, nextToken: start + size < items.length ? String(start + size) : undefined };
}

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
    input: record.input,
    inputDetails: { included: true },
    output: record.output,
    outputDetails: record.output === undefined ? undefined : { included: true },
    error: record.error,
    cause: record.cause,
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
}

function historyEvent(event: HistoryEventRecord, includeData: boolean) {
  const { timestamp, ...rest } = event;
  const out: Record<string, unknown> = { ...rest, timestamp: seconds(timestamp) };
  if (!includeData) {
    for (const [key, value] of Object.entries(out)) {
      if (key.endsWith('EventDetails') && value && typeof value === 'object') {
        const { input: _input, output: _output, ...details } = value as Record<string, unknown>;
        out[key] = details;
      }
    }
  }
  return out;
}

export function operations(
  sfn: LocalStepFunctions,
): Record<string, (body: Body) => Promise<unknown> | unknown> {
  return {
    StartExecution(body) {
      const record = sfn.start(requireString(body, 'stateMachineArn'), body.name, body.input);
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
    async StartSyncExecution(body) {
      const started = sfn.start(requireString(body, 'stateMachineArn'), body.name, body.input);
      const record = await sfn.settled(started.executionArn);
      const { redriveCount: _c, redriveStatus: _s, ...rest } = describe(record);
      return rest;
    },
    DescribeExecution(body) {
      return describe(sfn.execution(requireString(body, 'executionArn')));
    },
    ListExecutions(body) {
      let records = sfn.executions(requireString(body, 'stateMachineArn'));
      if (body.statusFilter) records = records.filter((r) => r.status === body.statusFilter);
      const { items, nextToken } = page(records, body);
      return {
        executions: items.map((r) => ({
          executionArn: r.executionArn,
          stateMachineArn: r.stateMachineArn,
          name: r.name,
          status: r.status,
          startDate: seconds(r.startDate),
          stopDate: seconds(r.stopDate),
        })),
        nextToken,
      };
    },
    StopExecution(body) {
      const record = sfn.stop(requireString(body, 'executionArn'), body.error, body.cause);
      return { stopDate: seconds(record.stopDate ?? sfn.clock.now()) };
    },
    GetExecutionHistory(body) {
      const record = sfn.execution(requireString(body, 'executionArn'));
      const events = body.reverseOrder ? [...record.events].reverse() : record.events;
      const { items, nextToken } = page(events, body);
      const includeData = body.includeExecutionData !== false;
      return { events: items.map((e) => historyEvent(e, includeData)), nextToken };
    },
    SendTaskSuccess(body) {
      sfn.sendTaskSuccess(requireString(body, 'taskToken'), requireString(body, 'output'));
      return {};
    },
    SendTaskFailure(body) {
      sfn.sendTaskFailure(requireString(body, 'taskToken'), body.error, body.cause);
      return {};
    },
    SendTaskHeartbeat(body) {
      sfn.sendTaskHeartbeat(requireString(body, 'taskToken'));
      return {};
    },
    ListStateMachines(body) {
      const { items, nextToken } = page(sfn.stateMachineList(), body);
      return {
        stateMachines: items.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: m.type,
          creationDate: 0,
        })),
        nextToken,
      };
    },
    DescribeStateMachine(body) {
      const machine = sfn.stateMachine(requireString(body, 'stateMachineArn'));
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: JSON.stringify(machine.definition),
        roleArn: machine.roleArn,
        type: machine.type,
        creationDate: 0,
      };
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, contentType = CONTENT_TYPE) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, type: string, message: string, status = 400) {
  res.setHeader('x-amzn-errortype', type);
  send(res, status, { __type: type, message });
}

export function createSfnServer(sfn: LocalStepFunctions, log: (message: string) => void): Server {
  const ops = operations(sfn);
  return createServer((req, res) => {
    void (async () => {
      try {
        const raw = await readBody(req);
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'POST' && path === '/_local/clock') {
          const {
            advanceMs = 0,
            executionArn,
            next,
          } = (raw ? JSON.parse(raw) : {}) as { advanceMs?: number; executionArn?: string; next?: boolean };
          const ms = Number(advanceMs);
          if (!Number.isFinite(ms) || ms < 0) {
            return send(res, 400, { message: 'advanceMs must be a number >= 0' }, 'application/json');
          }
          if (executionArn !== undefined) {
            sfn.execution(String(executionArn)); // ExecutionDoesNotExist for an unknown ARN
            const fired = next ? sfn.clock.advanceToNext(executionArn) : sfn.clock.advance(ms, executionArn);
            return send(
              res,
              200,
              { now: sfn.clock.now(executionArn), offsetMs: sfn.clock.offsetOf(executionArn), fired },
              'application/json',
            );
          }
          const fired = sfn.clock.advance(ms);
          return send(
            res,
            200,
            { now: sfn.clock.now(), offsetMs: sfn.clock.offset, fired },
            'application/json',
          );
        }
        const target = String(req.headers['x-amz-target'] ?? '');
        if (req.method === 'GET' && path === '/' && !target) {
          return send(
            res,
            200,
            { service: 'local Step Functions', stateMachines: sfn.stateMachineList().map((m) => m.arn) },
            'application/json',
          );
        }
        const [prefix, operation] = target.split('.');
        const handler = prefix === 'AWSStepFunctions' && operation ? ops[operation] : undefined;
        if (req.method !== 'POST' || !handler) {
          return sendError(res, 'UnknownOperationException', `Operation not supported locally: ${target}`);
        }
        let body: Body;
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          return sendError(res, 'SerializationException', 'Request body is not valid JSON');
        }
        return send(res, 200, await handler(body));
      } catch (error) {
        if (error instanceof SfnApiError) return sendError(res, error.type, error.message);
        log(
          `[sfn] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return sendError(res, 'InternalFailure', 'Internal error in the local Step Functions endpoint', 500);
      }
    })();
  });
}
