/**
 * State machines of the synthesized template, as plain ASL: `DefinitionString` (a CDK
 * `Fn::Join` of JSON fragments, ARNs and `Ref`s) resolved with the template resolver, then
 * `DefinitionSubstitutions` applied. Also the runtime form handed to aws-local-stepfunctions,
 * in which every deadline belongs to the local clock (see `clock.ts`):
 * - `Wait` states become `Task` states whose local handler sleeps on the clock (the original
 *   type is kept for the execution history);
 * - a Task's `TimeoutSeconds(Path)` / `HeartbeatSeconds(Path)` are enforced by the local task
 *   handler on the clock; the interpreter's own real-time task timer (60 s when none is given)
 *   is pushed out of the way;
 * - the top-level `TimeoutSeconds` is enforced by the runtime on the clock.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { TemplateResolver } from '../template.js';

export const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
/** Resource of the `Task` states that stand in for `Wait` states at run time. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/**
 * Task timeout given to the interpreter (seconds): ~23 days, below setTimeout's 2^31 ms limit
 * (AWS's own default, 99999999 s, would overflow it and fire at once).
 */
const INTERPRETER_TASK_TIMEOUT_SECONDS = 2_000_000;

// biome-ignore lint/suspicious/noExplicitAny: ASL is walked generically
type Json = any;

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn: string;
  /** Plain ASL, as AWS would store it. */
  definition: Json;
  /** Why the interpreter cannot run it (JSONata, variables, ...), if so. */
  unsupported?: string;
}

export interface TaskSpec {
  resource: string;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
  heartbeatSeconds?: number;
  heartbeatSecondsPath?: string;
}

export interface WaitSpec {
  seconds?: number;
  secondsPath?: string;
  timestamp?: string;
  timestampPath?: string;
}

export interface RuntimeDefinition {
  definition: StateMachineDefinition;
  /** Top-level TimeoutSeconds, enforced on the clock. */
  timeoutSeconds?: number;
  tasks: Map<string, TaskSpec>;
  waits: Map<string, WaitSpec>;
  /** Original state type by state name (for history event types). */
  stateTypes: Map<string, string>;
}

/** Reads every `AWS::StepFunctions::StateMachine` of the template as plain ASL. */
export function stateMachinesFromTemplate(resolver: TemplateResolver): LocalStateMachine[] {
  const machines: LocalStateMachine[] = [];
  for (const [logicalId, resource] of resolver.resourcesOfType(STATE_MACHINE_TYPE)) {
    const props = resource.Properties ?? {};
    const arn = resolver.arn(logicalId);
    const name = resolver.physicalName(logicalId);
    let definition: Json;
    let unsupported: string | undefined;
    try {
      definition = resolveDefinition(resolver, props);
      unsupported = unsupportedFeature(definition);
    } catch (error) {
      definition = {};
      unsupported = `its definition cannot be resolved: ${error instanceof Error ? error.message : String(error)}`;
    }
    machines.push({
      logicalId,
      name,
      arn,
      type: props.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      roleArn: props.RoleArn
        ? resolver.resolveString(props.RoleArn)
        : `arn:aws:iam::${resolver.accountId}:role/local`,
      definition,
      unsupported,
    });
  }
  return machines;
}

function resolveDefinition(resolver: TemplateResolver, props: Record<string, unknown>): Json {
  let text: string;
  if (props.DefinitionString !== undefined) text = resolver.resolveString(props.DefinitionString);
  else if (props.Definition !== undefined) text = JSON.stringify(resolver.resolve(props.Definition));
  else throw new Error('no DefinitionString or Definition (DefinitionS3Location is not supported locally)');
  const substitutions = props.DefinitionSubstitutions as Record<string, unknown> | undefined;
  if (substitutions) {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(substitutions)) values[key] = resolver.resolveString(value);
    text = text.replace(/\$\{([^}]+)\}/g, (match, key: string) => values[key] ?? match);
  }
  return JSON.parse(text);
}

/** Features aws-local-stepfunctions 3.0.0 does not interpret. */
function unsupportedFeature(definition: Json): string | undefined {
  if (definition.QueryLanguage === 'JSONata') return 'it uses JSONata (QueryLanguage)';
  let found: string | undefined;
  walkStates(definition, (name, state) => {
    if (found) return;
    if (state.QueryLanguage === 'JSONata') found = `state '${name}' uses JSONata`;
    else if (state.Assign !== undefined) found = `state '${name}' assigns variables (Assign)`;
    else if (state.ItemReader !== undefined || state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      found = `state '${name}' is a Distributed Map`;
    } else if (state.Type === 'Task' && typeof state.Resource === 'string') {
      if (state.Resource.startsWith('arn:aws:states:') && state.Resource.includes(':activity:')) {
        found = `state '${name}' uses an activity`;
      }
    }
  });
  return found;
}

/** Calls `visit` for every state, nested Parallel branches and Map iterators included. */
function walkStates(definition: Json, visit: (name: string, state: Json) => void): void {
  for (const [name, state] of Object.entries<Json>(definition?.States ?? {})) {
    visit(name, state);
    for (const branch of state.Branches ?? []) walkStates(branch, visit);
    if (state.Iterator) walkStates(state.Iterator, visit);
    if (state.ItemProcessor) walkStates(state.ItemProcessor, visit);
  }
}

/** The definition the interpreter runs, with every deadline moved onto the local clock. */
export function runtimeDefinition(definition: Json): RuntimeDefinition {
  const copy: Json = structuredClone(definition);
  const tasks = new Map<string, TaskSpec>();
  const waits = new Map<string, WaitSpec>();
  const stateTypes = new Map<string, string>();
  const timeoutSeconds = typeof copy.TimeoutSeconds === 'number' ? copy.TimeoutSeconds : undefined;
  delete copy.TimeoutSeconds;
  const rewrite = (machine: Json) => {
    for (const [name, state] of Object.entries<Json>(machine.States ?? {})) {
      stateTypes.set(name, state.Type);
      if (state.Type === 'Task') {
        tasks.set(name, {
          resource: state.Resource,
          timeoutSeconds: state.TimeoutSeconds,
          timeoutSecondsPath: state.TimeoutSecondsPath,
          heartbeatSeconds: state.HeartbeatSeconds,
          heartbeatSecondsPath: state.HeartbeatSecondsPath,
        });
        delete state.TimeoutSecondsPath;
        delete state.HeartbeatSeconds;
        delete state.HeartbeatSecondsPath;
        state.TimeoutSeconds = INTERPRETER_TASK_TIMEOUT_SECONDS;
      } else if (state.Type === 'Wait') {
        waits.set(name, {
          seconds: state.Seconds,
          secondsPath: state.SecondsPath,
          timestamp: state.Timestamp,
          timestampPath: state.TimestampPath,
        });
        const task: Json = {
          Type: 'Task',
          Resource: LOCAL_WAIT_RESOURCE,
          TimeoutSeconds: INTERPRETER_TASK_TIMEOUT_SECONDS,
        };
        for (const key of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
          if (key in state) task[key] = state[key];
        }
        machine.States[name] = task;
      }
      for (const branch of state.Branches ?? []) rewrite(branch);
      if (state.Iterator) rewrite(state.Iterator);
      if (state.ItemProcessor) rewrite(state.ItemProcessor);
    }
  };
  rewrite(copy);
  return { definition: copy, timeoutSeconds, tasks, waits, stateTypes };
}

/**
 * A small JSONPath reader for the reference paths Wait/Task fields use (`$.a.b[0]`,
 * `$['a']`, `$$.Execution.Input.x`): no filters or wildcards, as reference paths allow none.
 */
export function readPath(path: string, input: unknown, context: unknown): unknown {
  let value: unknown;
  let rest: string;
  if (path.startsWith('$$')) {
    value = context;
    rest = path.slice(2);
  } else if (path.startsWith('$')) {
    value = input;
    rest = path.slice(1);
  } else throw new Error(`Not a reference path: ${path}`);
  const token = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;
  while (rest.length) {
    const m = token.exec(rest);
    if (!m) throw new Error(`Unsupported reference path: ${path}`);
    const key = m[1] ?? m[3] ?? m[4] ?? Number(m[2]);
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[key]
        : undefined;
    rest = rest.slice(m[0].length);
  }
  return value;
}
