/**
 * The local Step Functions runtime: executions of the template's state machines, run by
 * aws-local-stepfunctions 3.0.0 with a local handler for EVERY Task state (so no Task is ever
 * sent to a real Lambda endpoint):
 * - `arn:aws:states:::lambda:invoke` and a bare Lambda ARN call the in-process handler of the
 *   function named by `FunctionName` / the ARN (loaded from its `AccountDesk:Entry` metadata);
 * - `...lambda:invoke.waitForTaskToken` gives the handler a fresh random task token per
 *   attempt, wherever the Parameters put `$$.Task.Token`, then waits for SendTaskSuccess /
 *   SendTaskFailure on that token (the interpreter does not emulate the callback pattern: the
 *   context carries a per-execution placeholder that is swapped for the real token);
 * - `TimeoutSeconds` / `HeartbeatSeconds` raise `States.Timeout` / `States.HeartbeatTimeout`
 *   on the local clock, so Retry/Catch paths run as in AWS and tests can fast-forward them.
 * Task tokens are never logged, and are redacted from the execution history.
 * - The context object has `State` (`Name`, `EnteredTime` on the execution's clock,
 *   `RetryCount`), which the interpreter does not supply itself: `$$.State.EnteredTime` works.
 * - Every status change (RUNNING, then SUCCEEDED, FAILED, TIMED_OUT or ABORTED) is reported
 *   as AWS reports it to EventBridge ("Step Functions Execution Status Change"), through
 *   `onStatusChange` (the local EventBridge rules, `../events/`).
 *
 * Persistence (when the stack persists): execution records (status, input, output, history)
 * are written to `<dataDir>/executions.json` (i.e. `.local/stepfunctions/executions.json`),
 * with what a RUNNING one needs to continue: the state it is in, that state's input and entered
 * time, a callback task's token — as its SHA-256 only, never the token — and deadline, a Wait's
 * due time, the execution's deadline, and the clock offsets. After a restart, `resumeRunning()`
 * (called once the stack is up) continues each from its state: a waiting callback task waits
 * on for the same token (a decision sent with it after the restart resumes it), timers fire at
 * the same times, and a task that was running is run again (tasks are idempotent: a retry). An
 * execution whose state machine or state no longer exists is marked FAILED with error
 * `Local.ExecutionLost` (and reported like any failure).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import './polyfill.js';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { invoke, LambdaTimeoutError, type LoadedFunction } from '../lambda.js';
import { ClockAbortedError, LocalClock } from './clock.js';
import {
  LOCAL_WAIT_RESOURCE,
  type LocalStateMachine,
  type RuntimeDefinition,
  readPath,
  runtimeDefinition,
  type TaskSpec,
} from './definitions.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON values of executions
type Json = any;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEventRecord {
  id: number;
  previousEventId: number;
  /** Epoch milliseconds (local clock). */
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** Where a RUNNING execution is, kept so that a restarted runner continues it. */
export interface ExecutionPosition {
  stateName: string;
  /** The state's input, as it was entered. */
  input: Json;
  /** When the state was entered, on the execution's clock (epoch ms): `$$.State.EnteredTime`. */
  enteredTime: number;
  /** A callback task waiting for its token: the token's SHA-256 (never the token) and its deadline. */
  callback?: { tokenHash: string; timeoutAt?: number; heartbeatSeconds?: number };
  /** A Wait state's due time (the execution's clock). */
  waitUntil?: number;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEventRecord[];
  /** While RUNNING: where it is. */
  position?: ExecutionPosition;
  /** When its top-level TimeoutSeconds runs out (its clock). */
  timeoutAt?: number;
  /** How far `POST /_local/clock` with its ARN moved its own clock (persisted). */
  clockOffsetMs?: number;
}

/** The event AWS sends to EventBridge when an execution's status changes. */
export interface ExecutionStatusChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: ExecutionStatus;
    startDate: number;
    stopDate: number | null;
    input: string;
    inputDetails: { included: boolean };
    output: string | null;
    outputDetails: { included: boolean } | null;
    error: string | null;
    cause: string | null;
  };
}

/** An error the endpoint answers with `{"__type": name, "message": ...}` and 400. */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** The error a task fails with: its `name` is what Retry/Catch match, its message the Cause. */
class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

export const LOST_ERROR = 'Local.ExecutionLost';
export const LOST_CAUSE =
  'the local runner restarted while this execution was running, and its state machine no longer has the state it was in';
/** The Pass state a resumed execution starts with: it hands the saved input to the state it was in. */
const RESUME_STATE = 'Local.Resume';
const FILE_VERSION = 2;
const TOKEN_BYTES = 96;
const TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);
const REDACTED_TOKEN = '<task token (redacted locally)>';

let timeoutPrototype: object | undefined;
/**
 * The interpreter treats `States.TaskFailed` as "any error but a timeout" only for its own
 * `StatesTimeoutError` class, which it does not export. Capture that class once by letting a
 * 1 ms task time out, so the clock-driven timeouts are indistinguishable from its own.
 */
async function captureTimeoutErrorClass(): Promise<void> {
  if (timeoutPrototype) return;
  const probe = new StateMachine(
    {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: 0.001, End: true } },
    } as Json,
    { validationOptions: { noValidate: true } },
  );
  try {
    await probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => {}) } } })
      .result;
  } catch (error) {
    const cause = error instanceof ExecutionError ? error.cause : undefined;
    if (cause instanceof Error && cause.name === 'States.Timeout')
      timeoutPrototype = Object.getPrototypeOf(cause);
  }
}

function statesTimeout(): Error {
  const ctor = (timeoutPrototype as { constructor?: new () => Error } | undefined)?.constructor;
  const error = ctor ? new ctor() : new TaskError('States.Timeout', 'States.Timeout');
  return error;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

interface PendingToken {
  executionArn: string;
  stateName: string;
  succeed(output: Json): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
  /** Forgets the token (SendTask* then answers `closedAs`). */
  close(closedAs: 'TaskTimedOut' | 'TaskDoesNotExist'): void;
}

interface RunningExecution {
  record: ExecutionRecord;
  machine: LocalStateMachine;
  runtime: RuntimeDefinition;
  abort: AbortController;
  placeholder: string;
  /** The context object's `State`, updated in place as states are entered. */
  state: { Name: string; EnteredTime: string; RetryCount: number };
  /** Where a resumed execution continues; taken by the state it names. */
  resume?: ExecutionPosition;
  /** The resumed state's entered event, already in the history. */
  hideEntered?: string;
  abortRun?: () => void;
  cancelTimeout?: () => void;
  done: Promise<void>;
  resolveDone: () => void;
}

/** The parts of the interpreter's event logger a run observes. */
interface InterpreterEventLogger {
  dispatchStateEnteredEvent(stateName: string, stateType: string, input: Json): void;
  dispatchStateRetriedEvent(...args: unknown[]): void;
}

export interface LocalStepFunctionsOptions {
  stateMachines: LocalStateMachine[];
  /** Resolves a function by its name (from `FunctionName` or a Lambda ARN). */
  findFunction: (name: string) => Promise<LoadedFunction | undefined>;
  clock?: LocalClock;
  /** Where `executions.json` lives; no persistence when undefined. */
  persistDir?: string;
  /** Milliseconds (on the clock) per Wait state name, instead of its Seconds/Timestamp. */
  waitTimeOverrides?: Record<string, number>;
  /** Real milliseconds before each retry, per state name (see aws-local-stepfunctions). */
  retryIntervalOverrides?: Record<string, number | number[]>;
  log?: (message: string) => void;
  region?: string;
  accountId?: string;
  /** Receives every execution status change, shaped as AWS sends it to EventBridge. */
  onStatusChange?: (event: ExecutionStatusChangeEvent) => void;
}

export class LocalStepFunctions {
  readonly clock: LocalClock;
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly runtimes = new Map<string, RuntimeDefinition>();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, RunningExecution>();
  private readonly tokens = new Map<string, PendingToken>();
  /** Tokens no longer pending, with the error SendTask* answers for them. */
  private readonly closedTokens = new Map<string, 'TaskTimedOut' | 'TaskDoesNotExist'>();
  /** RUNNING executions read from disk, continued by `resumeRunning()`. */
  private readonly toResume: ExecutionRecord[] = [];
  /** Executions an older runner marked lost without reporting it: reported by `resumeRunning()`. */
  private readonly lostUnreported: ExecutionRecord[] = [];
  private readonly file?: string;
  private saveTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly log: (message: string) => void;
  readonly region: string;
  readonly accountId: string;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.clock = options.clock ?? new LocalClock();
    this.log = options.log ?? ((m) => console.error(m));
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    for (const machine of options.stateMachines) {
      this.machines.set(machine.arn, machine);
      if (machine.unsupported) {
        this.log(`[sfn] state machine ${machine.name} cannot run locally: ${machine.unsupported}`);
        continue;
      }
      try {
        // Validates the ASL as synthesized (asl-validator, via the interpreter).
        new StateMachine(machine.definition);
        this.runtimes.set(machine.arn, runtimeDefinition(machine.definition));
      } catch (error) {
        machine.unsupported = error instanceof Error ? error.message : String(error);
        this.log(`[sfn] state machine ${machine.name} cannot run locally: ${machine.unsupported}`);
      }
    }
    if (options.persistDir) {
      mkdirSync(options.persistDir, { recursive: true });
      this.file = join(options.persistDir, 'executions.json');
      this.load();
    }
  }

  /** Prepares what the interpreter needs once (see `captureTimeoutErrorClass`). */
  async init(): Promise<void> {
    await captureTimeoutErrorClass();
  }

  stateMachineList(): LocalStateMachine[] {
    return [...this.machines.values()];
  }

  stateMachine(arn: string): LocalStateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  execution(arn: string): ExecutionRecord {
    const record = this.records.get(arn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  executions(stateMachineArn: string): ExecutionRecord[] {
    this.stateMachine(stateMachineArn);
    return [...this.records.values()]
      .filter((r) => r.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate - a.startDate);
  }

  /** Resolves once the execution is no longer RUNNING (tests; StartSyncExecution). */
  async settled(executionArn: string): Promise<ExecutionRecord> {
    await this.running.get(executionArn)?.done;
    return this.execution(executionArn);
  }

  /**
   * StartExecution. Idempotent like AWS Standard workflows: the same name and input as a
   * RUNNING execution returns that execution; a closed one, or different input, is
   * `ExecutionAlreadyExists`.
   */
  start(stateMachineArn: string, name: string | undefined, input: string | undefined): ExecutionRecord {
    const machine = this.stateMachine(stateMachineArn);
    const executionName = name ?? randomUUID();
    if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u.test(executionName)) {
      throw new SfnApiError('InvalidName', `Invalid Name: '${executionName}'`);
    }
    const inputText = input ?? '{}';
    let parsed: Json;
    try {
      parsed = JSON.parse(inputText);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${inputText}'`);
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${executionName}`;
    const existing = this.records.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && sameJson(existing.input, inputText)) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const runtime = this.runtimes.get(stateMachineArn);
    if (!runtime) {
      throw new SfnApiError(
        'InvalidDefinition',
        `State machine ${machine.name} cannot run locally: ${machine.unsupported}`,
      );
    }
    const startDate = this.clock.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name: executionName,
      status: 'RUNNING',
      startDate,
      input: inputText,
      events: [],
      ...(runtime.timeoutSeconds === undefined
        ? {}
        : { timeoutAt: startDate + runtime.timeoutSeconds * 1000 }),
    };
    this.records.set(executionArn, record);
    this.addEvent(record, 'ExecutionStarted', {
      executionStartedEventDetails: {
        input: inputText,
        inputDetails: { truncated: false },
        roleArn: machine.roleArn,
        stateMachineArn,
      },
    });
    this.run(record, machine, runtime, parsed);
    this.reportStatus(record);
    return record;
  }

  /** StopExecution: aborts a RUNNING execution (ABORTED); a closed one is left as it is. */
  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.execution(executionArn);
    const running = this.running.get(executionArn);
    if (record.status !== 'RUNNING' || !running) return record;
    this.close(running, 'ABORTED', { error, cause });
    return record;
  }

  sendTaskSuccess(token: string, output: string): void {
    const pending = this.pendingToken(token);
    let parsed: Json;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
    }
    pending.succeed(parsed);
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.pendingToken(token).fail(error ?? '', cause ?? '');
  }

  sendTaskHeartbeat(token: string): void {
    this.pendingToken(token).heartbeat();
  }

  /**
   * Continues the RUNNING executions read from disk, each from the state it was in (see the
   * header); one whose state machine or state is gone is marked FAILED (`Local.ExecutionLost`).
   * Called once the stack is up: resumed tasks call handlers, which need its environment.
   */
  resumeRunning(): void {
    for (const record of this.lostUnreported.splice(0)) this.reportStatus(record);
    for (const record of this.toResume.splice(0)) {
      if (this.stopped || record.status !== 'RUNNING') continue;
      const machine = this.machines.get(record.stateMachineArn);
      const runtime = this.runtimes.get(record.stateMachineArn);
      const position = record.position;
      const resumable =
        machine &&
        runtime &&
        (position === undefined || position.stateName in (runtime.definition.States ?? {}));
      if (!machine || !runtime || !resumable) {
        record.status = 'FAILED';
        record.stopDate = this.clock.now(record.executionArn);
        record.error = LOST_ERROR;
        record.cause = LOST_CAUSE;
        record.position = undefined;
        this.addEvent(record, 'ExecutionFailed', {
          executionFailedEventDetails: { error: LOST_ERROR, cause: LOST_CAUSE },
        });
        this.log(
          `[sfn] execution ${record.executionArn} cannot continue (${position ? `no state '${position.stateName}'` : 'no state machine'}): marked FAILED (${LOST_ERROR})`,
        );
        this.clock.forget(record.executionArn);
        this.reportStatus(record);
        continue;
      }
      this.log(
        `[sfn] execution ${record.name} resumed${position ? ` at ${position.stateName}${position.callback ? ' (waiting for its task token)' : ''}` : ''}`,
      );
      this.run(record, machine, runtime, JSON.parse(record.input), position);
    }
    this.saveSoon();
  }

  /** Stops every run. Executions still RUNNING stay RUNNING on disk, with where they are: the next start continues them. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const running of this.running.values()) {
      running.cancelTimeout?.();
      running.abort.abort();
      running.abortRun?.();
      running.resolveDone();
    }
    this.running.clear();
    this.tokens.clear();
    this.clock.clear();
    this.saveNow();
  }

  // ---- execution -------------------------------------------------------------------------

  private run(
    record: ExecutionRecord,
    machine: LocalStateMachine,
    runtime: RuntimeDefinition,
    input: Json,
    resume?: ExecutionPosition,
  ) {
    const abort = new AbortController();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const running: RunningExecution = {
      record,
      machine,
      runtime,
      abort,
      placeholder: `local-task-token-placeholder-${randomUUID()}`,
      state: { Name: '', EnteredTime: '', RetryCount: 0 },
      resume,
      hideEntered: resume?.stateName,
      done,
      resolveDone,
    };
    this.running.set(record.executionArn, running);
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const stateName of runtime.tasks.keys())
      handlers[stateName] = (i) => this.task(running, stateName, i);
    for (const stateName of runtime.waits.keys())
      handlers[stateName] = (i) => this.wait(running, stateName, i);

    let definition = runtime.definition;
    let runInput = input;
    if (resume) {
      // Start where it was: a Pass state hands the saved input to that state, so the context's
      // `Execution.Input` is still the execution's own.
      definition = structuredClone(runtime.definition) as typeof definition;
      const states = definition.States as Record<string, Json>;
      if (resume.input) {
        states[RESUME_STATE] = { Type: 'Pass', Result: resume.input, Next: resume.stateName };
        definition.StartAt = RESUME_STATE;
      } else {
        definition.StartAt = resume.stateName;
        runInput = resume.input;
      }
    }
    const interpreter = new StateMachine(definition, { validationOptions: { noValidate: true } });
    this.observeStates(interpreter, running);
    const execution = interpreter.run(runInput, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        retryIntervalOverrides: this.options.retryIntervalOverrides,
      },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          RoleArn: machine.roleArn,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: running.placeholder },
        State: running.state,
      },
    });
    running.abortRun = execution.abort;
    if (record.timeoutAt !== undefined) {
      running.cancelTimeout = this.clock.schedule(
        record.timeoutAt - this.clock.now(record.executionArn),
        () => this.close(running, 'TIMED_OUT', { error: 'States.Timeout', cause: '' }),
        running.record.executionArn,
        { limit: true },
      );
    }
    void this.recordInterpreterEvents(running, execution.eventLogs);
    execution.result.then(
      async (output) => {
        await nextTurn(); // let the history catch up with the interpreter's last events
        this.close(running, 'SUCCEEDED', { output: JSON.stringify(output ?? null) });
      },
      async (error: unknown) => {
        await nextTurn();
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        const name = cause instanceof Error ? cause.name : 'States.Runtime';
        const message = cause instanceof Error ? cause.message : String(cause);
        this.close(running, 'FAILED', { error: name, cause: message });
      },
    );
  }

  private close(
    running: RunningExecution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    result: { output?: string; error?: string; cause?: string },
  ) {
    const { record } = running;
    if (record.status !== 'RUNNING' || this.stopped) return;
    record.status = status;
    record.stopDate = this.clock.now(record.executionArn);
    record.position = undefined;
    running.cancelTimeout?.();
    if (status === 'SUCCEEDED') {
      record.output = result.output;
      this.addEvent(record, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: result.output, outputDetails: { truncated: false } },
      });
    } else {
      if (result.error !== undefined) record.error = result.error;
      if (result.cause !== undefined) record.cause = result.cause;
      const type = { FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[
        status
      ];
      const key = {
        FAILED: 'executionFailedEventDetails',
        TIMED_OUT: 'executionTimedOutEventDetails',
        ABORTED: 'executionAbortedEventDetails',
      }[status];
      this.addEvent(record, type, { [key]: { error: result.error, cause: result.cause } });
      // Stop the interpreter and every wait of this execution (tokens become TaskDoesNotExist).
      running.abort.abort();
      running.abortRun?.();
    }
    for (const pending of [...this.tokens.values()]) {
      if (pending.executionArn === record.executionArn) pending.close('TaskDoesNotExist');
    }
    this.running.delete(record.executionArn);
    this.clock.forget(record.executionArn);
    this.saveSoon();
    this.reportStatus(record);
    running.resolveDone();
  }

  /** Reports a status change as AWS does to EventBridge. */
  private reportStatus(record: ExecutionRecord): void {
    if (!this.options.onStatusChange) return;
    const at = record.stopDate ?? record.startDate;
    const event: ExecutionStatusChangeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: this.accountId,
      time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.region,
      resources: [record.executionArn],
      detail: {
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: record.startDate,
        stopDate: record.stopDate ?? null,
        input: record.input,
        inputDetails: { included: true },
        output: record.output ?? null,
        outputDetails: record.output === undefined ? null : { included: true },
        error: record.error ?? null,
        cause: record.cause ?? null,
      },
    };
    try {
      this.options.onStatusChange(event);
    } catch (error) {
      this.log(`[sfn] status change of ${record.name} not delivered: ${String(error)}`);
    }
  }

  /**
   * Keeps the context's `State` (and the execution's position) as each state is entered: the
   * interpreter dispatches StateEntered synchronously before it reads the state's Parameters,
   * so wrapping its event logger's dispatch is the one place that sees every entry in time.
   */
  private observeStates(interpreter: StateMachine, running: RunningExecution): void {
    type Execute = (
      input: Json,
      options: { eventLogger: InterpreterEventLogger },
      cleanup: () => void,
    ) => Json;
    const target = interpreter as unknown as { execute: Execute };
    const execute = target.execute.bind(interpreter);
    target.execute = (input, options, cleanup) => {
      const logger = options.eventLogger;
      const entered = logger.dispatchStateEnteredEvent.bind(logger);
      logger.dispatchStateEnteredEvent = (stateName, stateType, stateInput) => {
        this.stateEntered(running, stateName, stateInput);
        entered(stateName, stateType, stateInput);
      };
      const retried = logger.dispatchStateRetriedEvent.bind(logger);
      logger.dispatchStateRetriedEvent = (...args) => {
        running.state.RetryCount += 1;
        retried(...args);
      };
      return execute(input, options, cleanup);
    };
  }

  private stateEntered(running: RunningExecution, stateName: string, input: Json): void {
    const { record } = running;
    if (this.stopped || record.status !== 'RUNNING' || stateName === RESUME_STATE) return;
    const resumed = running.resume?.stateName === stateName ? running.resume : undefined;
    if (!resumed) running.resume = undefined;
    const enteredTime = resumed?.enteredTime ?? this.clock.now(record.executionArn);
    running.state.Name = stateName;
    running.state.EnteredTime = new Date(enteredTime).toISOString();
    running.state.RetryCount = 0;
    record.position = resumed ?? { stateName, input: structuredClone(input ?? null), enteredTime };
    this.saveSoon();
  }

  /** The saved position of `stateName`, if the execution resumes there (taken once). */
  private takeResume(running: RunningExecution, stateName: string): ExecutionPosition | undefined {
    const resumed = running.resume?.stateName === stateName ? running.resume : undefined;
    running.resume = undefined;
    return resumed;
  }

  private async recordInterpreterEvents(running: RunningExecution, events: AsyncGenerator<Json>) {
    const { record, runtime } = running;
    for await (const event of events) {
      if (record.status !== 'RUNNING') return;
      const name: string | undefined = event.state?.name;
      if (name === RESUME_STATE) continue;
      const type = name ? (runtime.stateTypes.get(name) ?? event.state.type) : undefined;
      switch (event.type) {
        case 'StateEntered':
          if (name === running.hideEntered) {
            running.hideEntered = undefined; // a resumed state: its entry is in the history already
            break;
          }
          running.hideEntered = undefined;
          this.addEvent(record, `${type}StateEntered`, {
            stateEnteredEventDetails: {
              name,
              input: JSON.stringify(event.state.input ?? null),
              inputDetails: { truncated: false },
            },
          });
          break;
        case 'StateExited':
          this.addEvent(record, `${type}StateExited`, {
            stateExitedEventDetails: {
              name,
              output: JSON.stringify(event.state.output ?? null),
              outputDetails: { truncated: false },
            },
          });
          break;
        case 'MapIterationStarted':
        case 'MapIterationSucceeded':
        case 'MapIterationFailed': {
          const key = `mapIteration${event.type.slice('MapIteration'.length)}EventDetails`;
          this.addEvent(record, event.type, { [key]: { name: event.parentState?.name, index: event.index } });
          break;
        }
      }
    }
  }

  /** Local handler of a Wait state (rewritten to a Task): sleeps on the clock. */
  private async wait(running: RunningExecution, stateName: string, input: Json): Promise<Json> {
    const { record } = running;
    const spec = running.runtime.waits.get(stateName)!;
    const context = {
      Execution: { Id: record.executionArn, Input: JSON.parse(record.input) },
    };
    const now = this.clock.now(record.executionArn);
    let until = this.takeResume(running, stateName)?.waitUntil;
    if (until === undefined) {
      let ms: number;
      const override = this.options.waitTimeOverrides?.[stateName];
      if (override !== undefined) ms = override;
      else if (spec.seconds !== undefined) ms = spec.seconds * 1000;
      else if (spec.secondsPath) ms = Number(readPath(spec.secondsPath, input, context)) * 1000;
      else {
        const at = spec.timestamp ?? String(readPath(spec.timestampPath ?? '$', input, context));
        ms = new Date(at).getTime() - now;
      }
      if (!Number.isFinite(ms))
        throw new TaskError('States.Runtime', `Wait state '${stateName}': invalid duration`);
      until = now + Math.max(0, ms);
    }
    if (record.position?.stateName === stateName) {
      record.position = { ...record.position, waitUntil: until };
      this.saveSoon();
    }
    try {
      await this.clock.sleep(Math.max(0, until - now), running.abort.signal, record.executionArn);
    } catch (error) {
      // Execution closed: settle (the interpreter then clears its own timers and stops at the
      // aborted signal) without recording anything more in the closed execution's history.
      if (error instanceof ClockAbortedError) throw error;
      throw error;
    }
    return input;
  }

  /** Local handler of every Task state. */
  private async task(running: RunningExecution, stateName: string, input: Json): Promise<Json> {
    await nextTurn(); // the TaskStateEntered event is recorded first
    const { record } = running;
    const spec = running.runtime.tasks.get(stateName)!;
    // Removed when the task ends: a long-running execution loops through many tasks.
    let stopListening = () => {};
    const closed = new Promise<never>((_, reject) => {
      const onAbort = () => reject(new ClockAbortedError());
      if (running.abort.signal.aborted) onAbort();
      running.abort.signal.addEventListener('abort', onAbort, { once: true });
      stopListening = () => running.abort.signal.removeEventListener('abort', onAbort);
    });
    const rawInput = record.position?.stateName === stateName ? record.position.input : input;
    const context = { Execution: { Id: record.executionArn, Input: JSON.parse(record.input) } };
    const seconds = (value: number | undefined, path: string | undefined) =>
      value ?? (path ? Number(readPath(path, rawInput, context)) : undefined);
    const timeoutSeconds = seconds(spec.timeoutSeconds, spec.timeoutSecondsPath);
    const heartbeatSeconds = seconds(spec.heartbeatSeconds, spec.heartbeatSecondsPath);

    const kind = classify(spec.resource);
    const events = taskEvents(kind, spec.resource, this.region);
    // A callback task that was waiting when the runner stopped waits on for the same token.
    const waiting = kind === 'lambda-callback' ? this.takeResume(running, stateName)?.callback : undefined;
    if (!waiting) {
      const scheduledParameters = JSON.stringify(redact(input, running.placeholder));
      events.scheduled(this, record, scheduledParameters, timeoutSeconds, heartbeatSeconds);
    }
    const now = this.clock.now(record.executionArn);
    const timeoutAt = waiting
      ? waiting.timeoutAt
      : timeoutSeconds === undefined
        ? undefined
        : now + timeoutSeconds * 1000;

    let cancelTimeout: (() => void) | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      if (timeoutAt !== undefined) {
        cancelTimeout = this.clock.schedule(
          timeoutAt - now,
          () => reject(statesTimeout()),
          record.executionArn,
        );
      }
    });
    timedOut.catch(() => {});
    const attempt: Attempt = {
      spec,
      heartbeatSeconds,
      events,
      timeoutAt,
      tokenHash: waiting?.tokenHash,
      resumed: Boolean(waiting),
    };
    try {
      const result = await Promise.race([
        this.perform(running, stateName, kind, input, attempt),
        timedOut,
        closed,
      ]);
      events.succeeded(this, record, JSON.stringify(result ?? null));
      return result;
    } catch (error) {
      // Execution closed: settle (the interpreter then clears its own timers and stops at the
      // aborted signal) without recording anything more in the closed execution's history.
      if (error instanceof ClockAbortedError) throw error;
      const name = error instanceof Error ? error.name : 'States.TaskFailed';
      const cause = error instanceof Error ? error.message : String(error);
      if (name === 'States.Timeout' || name === 'States.HeartbeatTimeout') {
        if (attempt.tokenHash) this.tokens.get(attempt.tokenHash)?.close('TaskTimedOut');
        events.timedOut(this, record, name, cause);
      } else events.failed(this, record, name, cause);
      throw error;
    } finally {
      stopListening();
      cancelTimeout?.();
      if (attempt.tokenHash) this.tokens.get(attempt.tokenHash)?.close('TaskDoesNotExist');
    }
  }

  private async perform(
    running: RunningExecution,
    stateName: string,
    kind: TaskKind,
    input: Json,
    attempt: Attempt,
  ): Promise<Json> {
    const { record } = running;
    switch (kind) {
      case 'wait':
        return input;
      case 'lambda-arn': {
        const fn = await this.lambda(running, attempt.spec.resource, stateName);
        return await this.callHandler(fn, input);
      }
      case 'lambda-invoke': {
        const fn = await this.lambda(running, input?.FunctionName, stateName);
        const payload = input?.Payload ?? {};
        if (input?.InvocationType === 'Event') {
          void this.callHandler(fn, payload).catch((error: unknown) =>
            this.log(
              `[sfn] ${record.name}/${stateName}: async invoke of ${fn.functionName} failed: ${String(error)}`,
            ),
          );
          return invokeResult('', 202);
        }
        return invokeResult(await this.callHandler(fn, payload), 200);
      }
      case 'lambda-callback': {
        if (attempt.resumed && attempt.tokenHash) {
          return await this.awaitToken(running, stateName, attempt.tokenHash, attempt.heartbeatSeconds);
        }
        const fn = await this.lambda(running, input?.FunctionName, stateName);
        // A fresh token per attempt (a retry gets a new one; the old one is then unknown).
        const token = randomBytes(TOKEN_BYTES).toString('base64url');
        const tokenHash = hashToken(token);
        attempt.tokenHash = tokenHash;
        const callback = this.awaitToken(running, stateName, tokenHash, attempt.heartbeatSeconds);
        callback.catch(() => {});
        const payload = replaceDeep(input?.Payload ?? {}, running.placeholder, token);
        const response = await this.callHandler(fn, payload);
        attempt.events.submitted(this, record, JSON.stringify(redact(invokeResult(response, 200), token)));
        // Waiting now (the handler has kept the token): a restarted runner waits on for it. A
        // task whose handler did not finish runs again instead, with a new token.
        if (this.tokens.has(tokenHash) && record.position?.stateName === stateName) {
          record.position = {
            ...record.position,
            callback: { tokenHash, timeoutAt: attempt.timeoutAt, heartbeatSeconds: attempt.heartbeatSeconds },
          };
          this.saveSoon();
        }
        return await callback;
      }
      default: {
        const message = `Task resource '${kind.unsupported}' is not emulated locally (only Lambda invocations are)`;
        this.log(`[sfn] ${record.name}/${stateName}: ${message}`);
        throw new TaskError('Local.UnsupportedIntegration', message);
      }
    }
  }

  /** Waits for SendTask* with the token whose SHA-256 is `tokenHash` (tokens are kept only as hashes). */
  private awaitToken(
    running: RunningExecution,
    stateName: string,
    tokenHash: string,
    heartbeatSeconds: number | undefined,
  ): Promise<Json> {
    return new Promise<Json>((resolve, reject) => {
      let cancelHeartbeat: (() => void) | undefined;
      const close = (closedAs: 'TaskTimedOut' | 'TaskDoesNotExist') => {
        cancelHeartbeat?.();
        if (this.tokens.delete(tokenHash)) this.closedTokens.set(tokenHash, closedAs);
      };
      const armHeartbeat = () => {
        cancelHeartbeat?.();
        if (heartbeatSeconds === undefined) return;
        cancelHeartbeat = this.clock.schedule(
          heartbeatSeconds * 1000,
          () => {
            close('TaskTimedOut');
            reject(new TaskError('States.HeartbeatTimeout', ''));
          },
          running.record.executionArn,
        );
      };
      this.tokens.set(tokenHash, {
        executionArn: running.record.executionArn,
        stateName,
        succeed: (output) => {
          close('TaskDoesNotExist');
          resolve(output);
        },
        fail: (error, cause) => {
          close('TaskDoesNotExist');
          reject(new TaskError(error, cause));
        },
        heartbeat: armHeartbeat,
        close,
      });
      armHeartbeat();
    });
  }

  private async lambda(
    running: RunningExecution,
    functionNameOrArn: unknown,
    stateName: string,
  ): Promise<LoadedFunction> {
    const name = functionName(String(functionNameOrArn ?? ''));
    const fn = name ? await this.options.findFunction(name) : undefined;
    if (!fn) {
      const message = `Function not found: ${String(functionNameOrArn)} (no function of the template has that name)`;
      this.log(`[sfn] ${running.record.name}/${stateName}: ${message}`);
      throw new TaskError('Lambda.ResourceNotFoundException', message);
    }
    return fn;
  }

  private async callHandler(fn: LoadedFunction, payload: Json): Promise<Json> {
    try {
      // JSON in, JSON out, as through the Lambda API.
      const result = await invoke(fn, JSON.parse(JSON.stringify(payload ?? null)));
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      if (error instanceof LambdaTimeoutError) {
        throw new TaskError(
          'Sandbox.Timedout',
          JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: error.message }),
        );
      }
      const errorType = error instanceof Error ? error.name : 'Error';
      const errorMessage = error instanceof Error ? error.message : String(error);
      const trace = error instanceof Error ? (error.stack?.split('\n') ?? []) : [];
      throw new TaskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
    }
  }

  private pendingToken(token: string): PendingToken {
    if (typeof token !== 'string' || token.length !== TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) {
      throw new SfnApiError('InvalidToken', 'Invalid token');
    }
    const tokenHash = hashToken(token);
    const pending = this.tokens.get(tokenHash);
    if (pending) return pending;
    if (this.closedTokens.get(tokenHash) === 'TaskTimedOut') {
      throw new SfnApiError('TaskTimedOut', 'Task Timed Out');
    }
    throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  // ---- history and persistence ------------------------------------------------------------

  /** @internal used by the task event writers */
  addEvent(record: ExecutionRecord, type: string, details: Record<string, unknown> = {}): void {
    const id = record.events.length + 1;
    record.events.push({
      id,
      previousEventId: id - 1,
      timestamp: this.clock.now(record.executionArn),
      type,
      ...details,
    });
    this.saveSoon();
  }

  /**
   * Reads the executions a previous run saved, with the clock offsets it had. RUNNING ones are
   * continued by `resumeRunning()` once the stack is up (a version-1 file has no positions: its
   * RUNNING executions restart from their first state — tasks are idempotent).
   */
  private load(): void {
    if (!this.file) return;
    let stored: { version?: number; clockOffsetMs?: number; executions?: ExecutionRecord[] };
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log(`[sfn] could not read ${this.file} (${String(error)}): starting without past executions`);
      }
      return;
    }
    const owners: Record<string, number> = {};
    for (const record of stored.executions ?? []) {
      this.records.set(record.executionArn, record);
      // A runner before status changes were reported marked these lost and told nobody: their
      // reviews still wait for them. Reported once now, the recovery marks those reviews stopped.
      if ((stored.version ?? 1) < 2 && record.error === LOST_ERROR) this.lostUnreported.push(record);
      if (record.status !== 'RUNNING') continue;
      if (record.clockOffsetMs) owners[record.executionArn] = record.clockOffsetMs;
      this.toResume.push(record);
    }
    // The clock runs on from where it was, so saved deadlines keep their meaning.
    this.clock.restore(stored.clockOffsetMs ?? 0, owners);
    if (stored.clockOffsetMs) {
      this.log(
        `[sfn] local clock restored: ${(stored.clockOffsetMs / 86_400_000).toFixed(2)} days ahead of real time`,
      );
    }
  }

  private saveSoon(): void {
    if (!this.file || this.saveTimer || this.stopped) return;
    this.saveTimer = setTimeout(() => this.saveNow(), 20);
    this.saveTimer.unref();
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file) return;
    for (const record of this.records.values()) {
      if (record.status !== 'RUNNING') continue;
      const offset = this.clock.offsetOf(record.executionArn);
      if (offset) record.clockOffsetMs = offset;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    const stored = {
      version: FILE_VERSION,
      clockOffsetMs: this.clock.offset,
      executions: [...this.records.values()],
    };
    writeFileSync(tmp, `${JSON.stringify(stored)}\n`);
    renameSync(tmp, this.file);
  }
}

// ---- task kinds and their history events ----------------------------------------------------

interface Attempt {
  spec: TaskSpec;
  heartbeatSeconds?: number;
  events: TaskEvents;
  /** When the task times out (the execution's clock). */
  timeoutAt?: number;
  /** The SHA-256 of a callback attempt's task token, once issued. */
  tokenHash?: string;
  /** A callback task continued after a restart: it waits for its saved token, invoking nothing. */
  resumed?: boolean;
}

type TaskKind = 'wait' | 'lambda-arn' | 'lambda-invoke' | 'lambda-callback' | { unsupported: string };

function classify(resource: string): TaskKind {
  if (resource === LOCAL_WAIT_RESOURCE) return 'wait';
  if (/^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:/.test(resource)) return 'lambda-arn';
  if (/^arn:aws[a-z-]*:states:::lambda:invoke$/.test(resource)) return 'lambda-invoke';
  if (/^arn:aws[a-z-]*:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) return 'lambda-callback';
  return { unsupported: resource };
}

interface TaskEvents {
  scheduled(
    sfn: LocalStepFunctions,
    record: ExecutionRecord,
    parameters: string,
    timeout?: number,
    heartbeat?: number,
  ): void;
  submitted(sfn: LocalStepFunctions, record: ExecutionRecord, output: string): void;
  succeeded(sfn: LocalStepFunctions, record: ExecutionRecord, output: string): void;
  failed(sfn: LocalStepFunctions, record: ExecutionRecord, error: string, cause: string): void;
  timedOut(sfn: LocalStepFunctions, record: ExecutionRecord, error: string, cause: string): void;
}

function taskEvents(kind: TaskKind, resourceArn: string, region: string): TaskEvents {
  const none = () => {};
  if (kind === 'wait') {
    return { scheduled: none, submitted: none, succeeded: none, failed: none, timedOut: none };
  }
  if (kind === 'lambda-arn') {
    return {
      scheduled: (sfn, record, parameters, timeout) => {
        sfn.addEvent(record, 'LambdaFunctionScheduled', {
          lambdaFunctionScheduledEventDetails: {
            resource: resourceArn,
            input: parameters,
            inputDetails: { truncated: false },
            timeoutInSeconds: timeout,
          },
        });
        sfn.addEvent(record, 'LambdaFunctionStarted');
      },
      submitted: none,
      succeeded: (sfn, record, output) =>
        sfn.addEvent(record, 'LambdaFunctionSucceeded', {
          lambdaFunctionSucceededEventDetails: { output, outputDetails: { truncated: false } },
        }),
      failed: (sfn, record, error, cause) =>
        sfn.addEvent(record, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } }),
      timedOut: (sfn, record, error, cause) =>
        sfn.addEvent(record, 'LambdaFunctionTimedOut', {
          lambdaFunctionTimedOutEventDetails: { error, cause },
        }),
    };
  }
  const service = resourceArn.replace(/^arn:aws[a-z-]*:states:::/, '');
  const colon = service.indexOf(':');
  const resourceType = colon > 0 ? service.slice(0, colon) : service;
  const resource = colon > 0 ? service.slice(colon + 1) : service;
  return {
    scheduled: (sfn, record, parameters, timeout, heartbeat) => {
      sfn.addEvent(record, 'TaskScheduled', {
        taskScheduledEventDetails: {
          resourceType,
          resource,
          region,
          parameters,
          timeoutInSeconds: timeout,
          heartbeatInSeconds: heartbeat,
        },
      });
      sfn.addEvent(record, 'TaskStarted', { taskStartedEventDetails: { resourceType, resource } });
    },
    submitted: (sfn, record, output) =>
      sfn.addEvent(record, 'TaskSubmitted', {
        taskSubmittedEventDetails: { resourceType, resource, output, outputDetails: { truncated: false } },
      }),
    succeeded: (sfn, record, output) =>
      sfn.addEvent(record, 'TaskSucceeded', {
        taskSucceededEventDetails: { resourceType, resource, output, outputDetails: { truncated: false } },
      }),
    failed: (sfn, record, error, cause) =>
      sfn.addEvent(record, 'TaskFailed', {
        taskFailedEventDetails: { resourceType, resource, error, cause },
      }),
    timedOut: (sfn, record, error, cause) =>
      sfn.addEvent(record, 'TaskTimedOut', {
        taskTimedOutEventDetails: { resourceType, resource, error, cause },
      }),
  };
}

// ---- helpers ------------------------------------------------------------------------------

/** `name`, `arn:...:function:name[:qualifier]` or `123456789012:function:name` → `name`. */
export function functionName(nameOrArn: string): string {
  const marker = nameOrArn.indexOf('function:');
  const rest = marker >= 0 ? nameOrArn.slice(marker + 'function:'.length) : nameOrArn;
  return rest.split(':')[0] ?? '';
}

function invokeResult(payload: Json, statusCode: number): Json {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: statusCode,
  };
}

function replaceDeep(value: Json, search: string, replacement: string): Json {
  if (typeof value === 'string') return value.split(search).join(replacement);
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, search, replacement));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceDeep(v, search, replacement)]),
    );
  }
  return value;
}

function redact(value: Json, secret: string): Json {
  return replaceDeep(value, secret, REDACTED_TOKEN);
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}
