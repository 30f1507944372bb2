/**
 * Local EventBridge (default bus) as a `LocalService` (name `events`): the `AWS::Events::Rule`
 * resources of the synthesized template with an event pattern, matched against the events local
 * services publish — the local Step Functions reports every execution status change here, as AWS
 * does ("Step Functions Execution Status Change", `source: aws.states`) — and delivered to the
 * rule's Lambda targets: the same handlers, in-process, with the event as EventBridge shapes it
 * (`Input` / `InputPath` of the target applied). EventBridge invokes Lambda asynchronously, so a
 * handler's error is retried as Lambda retries (the function's `EventInvokeConfig`, default 2
 * retries, after 1 and 2 minutes on the local clock) and then logged as dead-lettered.
 *
 * Endpoint (local only): `GET /` rules and recent deliveries; `POST /` with
 * `x-amz-target: AWSEvents.PutEvents` and `{"Entries": [{Source, DetailType, Detail, Resources}]}`
 * publishes custom events (what `aws events put-events` sends), to try a rule by hand.
 * Schedule rules (`ScheduleExpression`) and targets other than functions are listed as not
 * delivered locally.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { functionsFromTemplate, invoke, type LocalFunction } from '../lambda.js';
import { listenLocal } from '../ports.js';
import { asyncRetryAttempts, DEFAULT_ASYNC_RETRY_ATTEMPTS } from '../scheduler/definitions.js';
import type { LocalService } from '../services.js';
import { ClockAbortedError, LocalClock } from '../stepfunctions/clock.js';
import { readPath } from '../stepfunctions/definitions.js';
import type { TemplateResolver } from '../template.js';
import { matchesPattern, UnsupportedPatternError } from './pattern.js';

export const EVENTS_SERVICE = 'events';

// biome-ignore lint/suspicious/noExplicitAny: events and patterns are JSON
type Json = any;

/** Lambda's delays before the retries of a failed asynchronous invocation. */
const LAMBDA_ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
const MAX_DELIVERY_HISTORY = 200;

export interface LocalRuleTarget {
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  /** The function of the template it invokes, if it is one. */
  fn?: LocalFunction;
}

export interface LocalRule {
  logicalId: string;
  name: string;
  enabled: boolean;
  eventBus: string;
  pattern?: Json;
  targets: LocalRuleTarget[];
  /** Why the rule is not delivered locally (a schedule rule, no pattern). */
  notDelivered?: string;
}

export interface Delivery {
  id: string;
  rule: string;
  target: string;
  detailType: string;
  resources: string[];
  /** Real time the first attempt started. */
  startedAt: string;
  attempts: number;
  status: 'succeeded' | 'failed';
  result?: unknown;
  error?: { name: string; message: string };
  deadLettered?: boolean;
}

/** An entry of the EventBridge `PutEvents` API (what the SDK's PutEventsCommand sends). */
export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  /** A JSON string (as the API takes it) or the object itself. */
  Detail?: string | object;
  Resources?: string[];
}

/** What the started service hands over in `info`. */
export interface EventsInfo {
  port: number;
  rules: LocalRule[];
  /** Publishes an event to the default bus: every matching rule delivers it to its targets. */
  publish(event: Json): void;
  /** Publishes `PutEvents` entries as EventBridge turns them into events; answers their ids. */
  putEvents(entries: PutEventsEntry[]): string[];
  /** Recent deliveries, newest last. */
  deliveries: Delivery[];
  /** Resolves when no delivery is in progress or waiting to retry. */
  idle(): Promise<void>;
}

export interface EventsServiceOptions {
  /** The clock retries wait on (share the Step Functions one; default: a new one). */
  clock?: LocalClock;
  /** Clock milliseconds before each retry of a failed delivery (default 60 000, 120 000). */
  retryDelaysMs?: number[];
  /** Called after every finished delivery (tests). */
  onDelivery?: (delivery: Delivery) => void;
}

/** The rules of the template with an event pattern, and the functions they target. */
export function rulesFromTemplate(resolver: TemplateResolver): LocalRule[] {
  const functions = functionsFromTemplate(resolver);
  return resolver.resourcesOfType('AWS::Events::Rule').map(([logicalId, resource]) => {
    const props = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Json;
    const pattern =
      typeof props.EventPattern === 'string' ? JSON.parse(props.EventPattern) : props.EventPattern;
    const targets: LocalRuleTarget[] = (props.Targets ?? []).map((t: Json) => {
      const arn = String(t.Arn ?? '');
      const functionArn = arn.split(':').slice(0, 7).join(':');
      return {
        id: String(t.Id ?? ''),
        arn,
        input: typeof t.Input === 'string' ? t.Input : undefined,
        inputPath: typeof t.InputPath === 'string' ? t.InputPath : undefined,
        fn: functions.find((fn) => fn.arn === functionArn),
      };
    });
    const busArn = typeof props.EventBusName === 'string' ? props.EventBusName : 'default';
    return {
      logicalId,
      name: typeof props.Name === 'string' ? props.Name : resolver.physicalName(logicalId),
      enabled: props.State === undefined || String(props.State).startsWith('ENABLED'),
      eventBus: busArn.split('/').at(-1) ?? 'default',
      pattern,
      targets,
      notDelivered: props.ScheduleExpression
        ? 'a schedule rule (the local scheduler runs EventBridge Scheduler schedules only)'
        : pattern === undefined
          ? 'no event pattern'
          : undefined,
    };
  });
}

const errorInfo = (error: unknown): { name: string; message: string } =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

export function eventsService(options: EventsServiceOptions = {}): LocalService {
  return {
    name: EVENTS_SERVICE,
    async start({ resolver, port, log, loadHandler }) {
      const clock = options.clock ?? new LocalClock();
      const retryDelays = options.retryDelaysMs ?? LAMBDA_ASYNC_RETRY_DELAYS_MS;
      const rules = rulesFromTemplate(resolver);
      const retries = asyncRetryAttempts(resolver);
      const deliveries: Delivery[] = [];
      const inflight = new Set<Promise<void>>();
      const stopping = new AbortController();
      const reportedPatterns = new Set<string>();

      const record = (delivery: Delivery) => {
        deliveries.push(delivery);
        if (deliveries.length > MAX_DELIVERY_HISTORY)
          deliveries.splice(0, deliveries.length - MAX_DELIVERY_HISTORY);
        options.onDelivery?.(delivery);
      };

      const deliver = async (rule: LocalRule, target: LocalRuleTarget, event: Json) => {
        const fn = target.fn!;
        const maxAttempts = 1 + (retries.get(fn.functionName) ?? DEFAULT_ASYNC_RETRY_ATTEMPTS);
        const delivery: Delivery = {
          id: randomUUID(),
          rule: rule.name,
          target: fn.logicalId,
          detailType: String(event['detail-type'] ?? ''),
          resources: event.resources ?? [],
          startedAt: new Date().toISOString(),
          attempts: 0,
          status: 'failed',
        };
        const payload =
          target.input !== undefined
            ? JSON.parse(target.input)
            : target.inputPath
              ? readPath(target.inputPath, event, {})
              : event;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          delivery.attempts = attempt;
          try {
            delivery.result = await invoke(await loadHandler(fn), structuredClone(payload));
            delivery.status = 'succeeded';
            delivery.error = undefined;
            break;
          } catch (error) {
            delivery.error = errorInfo(error);
            if (attempt === maxAttempts || stopping.signal.aborted) break;
            const delay = retryDelays[Math.min(attempt - 1, retryDelays.length - 1)] ?? 0;
            log(
              `[events] ${rule.name} → ${fn.logicalId}: attempt ${attempt}/${maxAttempts} failed (${delivery.error.name}: ${delivery.error.message}); retrying in ${Math.round(delay / 1000)} s on the local clock`,
            );
            try {
              await clock.sleep(delay, stopping.signal, `rule:${rule.name}`);
            } catch (aborted) {
              if (aborted instanceof ClockAbortedError) break;
              throw aborted;
            }
          }
        }
        if (delivery.status === 'failed') delivery.deadLettered = !stopping.signal.aborted;
        log(
          `[events] ${delivery.detailType} → ${rule.name} → ${fn.logicalId}: ${delivery.status === 'succeeded' ? 'delivered' : `FAILED after ${delivery.attempts} attempts: ${delivery.error?.message}`}`,
        );
        record(delivery);
      };

      const track = (promise: Promise<void>) => {
        const settled = promise.catch((error: unknown) =>
          log(`[events] internal error: ${errorInfo(error).message}`),
        );
        inflight.add(settled);
        void settled.then(() => inflight.delete(settled));
      };

      const publish = (event: Json) => {
        if (stopping.signal.aborted) return;
        for (const rule of rules) {
          if (!rule.enabled || rule.notDelivered || rule.eventBus !== 'default') continue;
          let matches: boolean;
          try {
            matches = matchesPattern(rule.pattern, event);
          } catch (error) {
            if (!(error instanceof UnsupportedPatternError)) throw error;
            if (!reportedPatterns.has(rule.name)) {
              reportedPatterns.add(rule.name);
              log(`[events] rule ${rule.name} cannot be matched locally: ${error.message}`);
            }
            continue;
          }
          if (!matches) continue;
          for (const target of rule.targets) {
            if (target.fn) track(deliver(rule, target, event));
            else
              log(
                `[events] ${rule.name}: target ${target.arn} is not a function of the template; not delivered`,
              );
          }
        }
      };

      const putEvents = (entries: PutEventsEntry[]) =>
        entries.map((entry) => {
          const id = randomUUID();
          publish({
            version: '0',
            id,
            'detail-type': entry.DetailType,
            source: entry.Source,
            account: resolver.accountId,
            time: new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            region: resolver.region,
            resources: entry.Resources ?? [],
            detail: typeof entry.Detail === 'string' ? JSON.parse(entry.Detail) : (entry.Detail ?? {}),
          });
          return id;
        });

      const idle = async () => {
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
      };

      const server = createServer((req, res) => void serve(req, res));
      const serve = async (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const send = (status: number, body: unknown) => {
          const text = `${JSON.stringify(body, null, 2)}\n`;
          res.writeHead(status, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        };
        try {
          if (req.method === 'GET' && (req.url ?? '/').split('?')[0] === '/') {
            return send(200, {
              service: 'local EventBridge (default bus)',
              rules: rules.map(({ targets, ...rule }) => ({
                ...rule,
                targets: targets.map((t) => ({ id: t.id, arn: t.arn, function: t.fn?.logicalId })),
              })),
              recentDeliveries: deliveries.slice(-20),
            });
          }
          if (req.method === 'POST' && req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
              Entries?: PutEventsEntry[];
            };
            const ids = putEvents(body.Entries ?? []);
            return send(200, { FailedEntryCount: 0, Entries: ids.map((EventId) => ({ EventId })) });
          }
          return send(404, { message: `No local EventBridge operation ${req.method} ${req.url}` });
        } catch (error) {
          return send(400, { message: errorInfo(error).message });
        }
      };
      const actual = await listenLocal(server, port, 'local EventBridge');
      const endpoint = `http://127.0.0.1:${actual}`;
      const delivered = rules.filter((r) => !r.notDelivered);
      log(
        `[events] local EventBridge on ${endpoint} (${delivered.length} rule${delivered.length === 1 ? '' : 's'})`,
      );
      for (const rule of rules) {
        log(
          `[events]   ${rule.name}: ${rule.notDelivered ? `not delivered locally: ${rule.notDelivered}` : `→ ${rule.targets.map((t) => t.fn?.logicalId ?? t.arn).join(', ')}`}`,
        );
      }

      const info: EventsInfo = { port: actual, rules, publish, putEvents, deliveries, idle };
      return {
        endpoint,
        // Unmodified SDK clients (PutEventsCommand) reach it like EventBridge.
        env: { AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint },
        info: info as unknown as Record<string, unknown>,
        async stop() {
          stopping.abort();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            idle(),
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, 10_000);
              timer.unref();
            }),
          ]);
          clearTimeout(timer);
        },
      };
    },
  };
}
