/**
 * Local Step Functions as a `LocalService` (name `stepfunctions`): the state machines of the
 * synthesized template, run in-process (see `runtime.ts`) behind an endpoint speaking the
 * Step Functions API (see `server.ts`). Publishes `AWS_ENDPOINT_URL_SFN` for handlers and SDK
 * clients; keeps execution records in `<dataDir>/stepfunctions/executions.json` when the stack
 * persists, and continues the RUNNING ones once the stack is up again (`ready`). Every status
 * change goes to the local EventBridge rules (the `events` service, started before this one),
 * as AWS sends it to EventBridge.
 *
 * Deadlines and tests: every Step Functions deadline runs on a `LocalClock` (see `clock.ts`).
 * `startLocalStack` gives the same clock to the local scheduler (`../scheduler/`), so advancing
 * it fast-forwards schedules too (on stop the runtime clears the clock's timers: the scheduler,
 * started later, has stopped by then). Tests pass their own clock
 * (`stepFunctionsService({ clock })`) or use the one in the started service's `info.clock`, and
 * call `clock.advance(ms)` to make Wait states, task
 * `TimeoutSeconds` / `HeartbeatSeconds` and execution timeouts due at once. Over HTTP (e.g.
 * against `npm start`): `POST <endpoint>/_local/clock {"advanceMs": n}`. `waitTimeOverrides`
 * (clock milliseconds per Wait state) and `retryIntervalOverrides` (real milliseconds per
 * retrying state) are options too.
 */
import { EVENTS_SERVICE, type EventsInfo } from '../events/service.js';
import { functionsFromTemplate, type LocalFunction } from '../lambda.js';
import { listenLocal } from '../ports.js';
import type { LocalService } from '../services.js';
import { LocalClock } from './clock.js';
import { stateMachinesFromTemplate } from './definitions.js';
import type { ExecutionStatusChangeEvent, LocalStepFunctions } from './runtime.js';

export const STEPFUNCTIONS_SERVICE = 'stepfunctions';

export interface StepFunctionsServiceOptions {
  /** The clock deadlines run on (default: a new one, also exposed as `info.clock`). */
  clock?: LocalClock;
  waitTimeOverrides?: Record<string, number>;
  retryIntervalOverrides?: Record<string, number | number[]>;
}

/** What the started service hands over in `info` (besides `port`). */
export interface StepFunctionsInfo {
  port: number;
  /** State machine ARNs by logical id. */
  stateMachines: Record<string, string>;
  clock: LocalClock;
  runtime: LocalStepFunctions;
  /** Fast-forwards every Step Functions deadline by `ms`. */
  advanceClock(ms: number): void;
}

export function stepFunctionsService(options: StepFunctionsServiceOptions = {}): LocalService {
  return {
    name: STEPFUNCTIONS_SERVICE,
    async start({ resolver, dataDir, persist, port, log, started, loadHandler: load }) {
      const events = started[EVENTS_SERVICE]?.info as EventsInfo | undefined;
      let byName: Map<string, LocalFunction> | undefined;
      const findFunction = async (name: string) => {
        byName ??= new Map(functionsFromTemplate(resolver).map((fn) => [fn.functionName, fn]));
        const fn = byName.get(name);
        return fn && load(fn);
      };
      const clock = options.clock ?? new LocalClock();
      // Loaded on start: the interpreter (and the SDK clients it pulls in) cost ~0.4 s to import.
      const { LocalStepFunctions } = await import('./runtime.js');
      const { createSfnServer } = await import('./server.js');
      const runtime = new LocalStepFunctions({
        stateMachines: stateMachinesFromTemplate(resolver),
        findFunction,
        clock,
        persistDir: persist ? dataDir : undefined,
        waitTimeOverrides: options.waitTimeOverrides,
        retryIntervalOverrides: options.retryIntervalOverrides,
        log,
        region: resolver.region,
        accountId: resolver.accountId,
        onStatusChange: events ? (event: ExecutionStatusChangeEvent) => events.publish(event) : undefined,
      });
      await runtime.init();
      const server = createSfnServer(runtime, log);
      const actual = await listenLocal(server, port, 'local Step Functions');
      const endpoint = `http://127.0.0.1:${actual}`;
      const stateMachines = Object.fromEntries(runtime.stateMachineList().map((m) => [m.logicalId, m.arn]));
      const info: StepFunctionsInfo = {
        port: actual,
        stateMachines,
        clock,
        runtime,
        advanceClock: (ms) => clock.advance(ms),
      };
      const count = Object.keys(stateMachines).length;
      log(`[sfn] local Step Functions on ${endpoint} (${count} state machine${count === 1 ? '' : 's'})`);
      return {
        endpoint,
        env: { AWS_ENDPOINT_URL_SFN: endpoint },
        info: info as unknown as Record<string, unknown>,
        ready: () => runtime.resumeRunning(),
        async stop() {
          await runtime.shutdown();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        },
      };
    },
  };
}
