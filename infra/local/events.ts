/**
 * Local EventBridge (default bus) as a `LocalService` (name `events`): the `AWS::Events::Rule`
 * resources of the synthesized template, their event patterns, and their Lambda targets invoked
 * in-process with the event as EventBridge delivers it. Events come in through `putEvents` (the
 * local SES publishes its bounce and complaint events here) or over HTTP:
 *
 *   POST /   X-Amz-Target: AWSEvents.PutEvents   (the EventBridge API: the SDK's PutEventsCommand
 *            works with AWS_ENDPOINT_URL_EVENTBRIDGE pointed here) — answers at once, delivers after
 *   GET  /   the rules, and recent deliveries (newest last)
 *
 * A target that throws is retried (at most `maxAttempts`, default 3, the rule's retry policy
 * permitting) and then recorded as dead-lettered, as EventBridge would send it to the target's
 * dead-letter queue.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { functionsFromTemplate, invoke, type LocalFunction, lazyLoader } from './lambda.js';
import { listenLocal } from './ports.js';
import type { LocalService } from './services.js';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, type TemplateResolver } from './template.js';

// biome-ignore lint/suspicious/noExplicitAny: event patterns and events are untyped JSON
type Json = any;

export const EVENTS_SERVICE = 'events';

export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  /** A JSON string (as the API takes it) or the object itself. */
  Detail: string | object;
  Resources?: string[];
  Time?: string;
}

export interface LocalRule {
  logicalId: string;
  name: string;
  pattern: Json;
  targets: { id: string; arn: string; fn?: LocalFunction; maxAttempts: number; deadLetterArn?: string }[];
}

export interface EventDelivery {
  eventId: string;
  rule: string;
  target: string;
  detailType: string;
  attempts: number;
  status: 'succeeded' | 'failed';
  error?: string;
  deadLettered?: boolean;
}

export interface LocalEventsInfo {
  port: number;
  rules: LocalRule[];
  /** Recent deliveries, newest last (at most 500). */
  deliveries: EventDelivery[];
  deadLetters: EventDelivery[];
  putEvents(entries: PutEventsEntry[]): string[];
  /** Resolves when every delivery so far has finished. */
  idle(): Promise<void>;
}

const MAX_HISTORY = 500;

/** EventBridge content filtering for one value: a literal, or `prefix`/`suffix`/`anything-but`/`exists`/`equals-ignore-case`. */
function valueMatches(condition: Json, value: Json): boolean {
  if (condition === null || typeof condition !== 'object') return condition === value;
  if ('prefix' in condition) return typeof value === 'string' && value.startsWith(condition.prefix);
  if ('suffix' in condition) return typeof value === 'string' && value.endsWith(condition.suffix);
  if ('equals-ignore-case' in condition) {
    return (
      typeof value === 'string' &&
      value.toLowerCase() === String(condition['equals-ignore-case']).toLowerCase()
    );
  }
  if ('anything-but' in condition) {
    const excluded = condition['anything-but'];
    if (excluded && typeof excluded === 'object' && !Array.isArray(excluded) && 'prefix' in excluded) {
      return typeof value === 'string' && !value.startsWith(excluded.prefix);
    }
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
  }
  throw new Error(
    `Unsupported event pattern condition ${JSON.stringify(condition)} in the local EventBridge`,
  );
}

/** Whether `event` matches an EventBridge event pattern (arrays match when any value matches). */
export function matchesPattern(pattern: Json, event: Json): boolean {
  for (const [key, condition] of Object.entries<Json>(pattern)) {
    const value = event?.[key];
    if (Array.isArray(condition)) {
      const exists = condition.find((c) => c && typeof c === 'object' && 'exists' in c);
      if (exists) {
        if (Boolean(exists.exists) !== (value !== undefined)) return false;
        continue;
      }
      if (value === undefined) return false;
      const values = Array.isArray(value) ? value : [value];
      if (!condition.some((c) => values.some((v) => valueMatches(c, v)))) return false;
    } else if (condition && typeof condition === 'object') {
      if (value === null || typeof value !== 'object') return false;
      if (!matchesPattern(condition, value)) return false;
    } else return false;
  }
  return true;
}

/** The default bus's rules of the template and their function targets. */
export function rulesFromTemplate(resolver: TemplateResolver, maxAttempts: number): LocalRule[] {
  const functions = functionsFromTemplate(resolver);
  const rules: LocalRule[] = [];
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::Events::Rule')) {
    const props = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Json;
    if (props.State === 'DISABLED' || !props.EventPattern) continue;
    if (props.EventBusName && props.EventBusName !== 'default') continue;
    rules.push({
      logicalId,
      name: resolver.physicalName(logicalId),
      pattern: typeof props.EventPattern === 'string' ? JSON.parse(props.EventPattern) : props.EventPattern,
      targets: ((props.Targets ?? []) as Json[]).map((target) => {
        const arn = String(target.Arn ?? '');
        const retries = target.RetryPolicy?.MaximumRetryAttempts;
        return {
          id: String(target.Id ?? arn),
          arn,
          fn: functions.find((fn) => fn.arn === arn.split(':').slice(0, 7).join(':')),
          maxAttempts: Math.min(maxAttempts, 1 + (typeof retries === 'number' ? retries : 185)),
          deadLetterArn: target.DeadLetterConfig?.Arn,
        };
      }),
    });
  }
  return rules;
}

export function eventsService(options: { maxAttempts?: number; retryDelayMs?: number } = {}): LocalService {
  return {
    name: EVENTS_SERVICE,
    async start({ resolver, repoRoot, port, log }) {
      const rules = rulesFromTemplate(resolver, options.maxAttempts ?? 3);
      const load = lazyLoader(repoRoot);
      const deliveries: EventDelivery[] = [];
      const deadLetters: EventDelivery[] = [];
      const inflight = new Set<Promise<void>>();

      const deliver = async (rule: LocalRule, target: LocalRule['targets'][number], event: Json) => {
        const delivery: EventDelivery = {
          eventId: event.id,
          rule: rule.name,
          target: target.fn?.logicalId ?? target.arn,
          detailType: event['detail-type'],
          attempts: 0,
          status: 'failed',
        };
        for (let attempt = 1; attempt <= target.maxAttempts; attempt++) {
          delivery.attempts = attempt;
          try {
            if (!target.fn) throw new Error(`Target ${target.arn} is not a function of the template`);
            await invoke(await load(target.fn), event);
            delivery.status = 'succeeded';
            delivery.error = undefined;
            break;
          } catch (error) {
            delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            if (attempt < target.maxAttempts) {
              await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 200));
            }
          }
        }
        if (delivery.status === 'failed') {
          delivery.deadLettered = true;
          deadLetters.push(delivery);
          log(
            `[events] ${rule.name} → ${delivery.target}: FAILED after ${delivery.attempts} attempts (${delivery.error}) → dead-letter queue (local: GET / deadLetters)`,
          );
        } else {
          log(`[events] ${event['detail-type']} → ${delivery.target}: ok`);
        }
        deliveries.push(delivery);
        if (deliveries.length > MAX_HISTORY) deliveries.splice(0, deliveries.length - MAX_HISTORY);
      };

      const putEvents = (entries: PutEventsEntry[]): string[] =>
        entries.map((entry) => {
          const event = {
            version: '0',
            id: randomUUID(),
            'detail-type': entry.DetailType,
            source: entry.Source,
            account: LOCAL_ACCOUNT_ID,
            time: entry.Time ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
            region: LOCAL_REGION,
            resources: entry.Resources ?? [],
            detail: typeof entry.Detail === 'string' ? JSON.parse(entry.Detail) : entry.Detail,
          };
          for (const rule of rules) {
            if (!matchesPattern(rule.pattern, event)) continue;
            for (const target of rule.targets) {
              const running = deliver(rule, target, event).finally(() => inflight.delete(running));
              inflight.add(running);
            }
          }
          return event.id;
        });

      const idle = async () => {
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
      };

      const server = createServer((req, res) => void serve(req, res));
      const serve = async (req: IncomingMessage, res: ServerResponse) => {
        const send = (status: number, body: unknown, type = 'application/json') => {
          const text = JSON.stringify(body);
          res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
          res.end(text);
        };
        try {
          const chunks: Buffer[] = [];
          for await (const chunk of req) chunks.push(chunk as Buffer);
          if (req.method === 'GET') {
            return send(200, {
              service: 'local EventBridge (default bus)',
              rules: rules.map((r) => ({
                name: r.name,
                pattern: r.pattern,
                targets: r.targets.map((t) => t.fn?.logicalId ?? t.arn),
              })),
              deliveries: deliveries.slice(-50),
              deadLetters,
            });
          }
          if (req.method === 'POST' && req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
              Entries?: PutEventsEntry[];
            };
            const ids = putEvents(body.Entries ?? []);
            return send(
              200,
              { FailedEntryCount: 0, Entries: ids.map((EventId) => ({ EventId })) },
              'application/x-amz-json-1.1',
            );
          }
          return send(400, {
            __type: 'UnknownOperationException',
            message: `Not supported locally: ${req.method} ${req.url}`,
          });
        } catch (error) {
          return send(400, {
            __type: 'ValidationException',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      };
      const actual = await listenLocal(server, port, 'local EventBridge');
      const endpoint = `http://127.0.0.1:${actual}`;
      log(`[events] local EventBridge on ${endpoint} (${rules.length} rule${rules.length === 1 ? '' : 's'})`);
      const info: LocalEventsInfo = { port: actual, rules, deliveries, deadLetters, putEvents, idle };
      return {
        endpoint,
        env: { AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint },
        info: info as unknown as Record<string, unknown>,
        async stop() {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await Promise.race([idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
        },
      };
    },
  };
}
