import { createRequire } from 'node:module';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { buildAccountDeskStack, ENTRY_METADATA_KEY } from '../../infra/build-app.js';
import {
  chainMaxWaits,
  chainReminderInterval,
  chainTimeout,
} from '../../infra/constructs/media-chain-workflow.js';
import {
  type LocalStateMachine,
  STATE_MACHINE_TYPE,
  stateMachinesFromTemplate,
} from '../../infra/local/stepfunctions/definitions.js';
import { type CfnTemplate, TemplateResolver } from '../../infra/local/template.js';

/**
 * Properties of every Step Functions state machine in the stack (so later ones are covered
 * too): callback tasks only in Standard workflows, each with a timeout and a handled timeout
 * path; retries with capped exponential backoff and full jitter; no Task without a Catch;
 * logging without execution data (task tokens stay out of the logs) and tracing; definitions
 * that pass asl-validator once resolved as the local runner resolves them; and exactly the
 * functions that start and resume the review workflow allowed to.
 */

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON and ASL are untyped
type Json = any;

type AslValidator = (
  definition: unknown,
  options?: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

const REVIEW_TASKS_ENTRY = 'functions/workflow/review-tasks.ts';
const DRAFT_UPLOADS_ENTRY = 'functions/drafts/upload-events.ts';
const areaEntry = (name: string): string => {
  const area = apiAreas.find((a) => a.name === name);
  if (!area) throw new Error(`No API area named ${name}`);
  return area.entry;
};

/** Who may resume a waiting review (SendTaskSuccess): whoever settles a step, and the task function itself. */
const RESUMERS = [
  areaEntry('reviews'), // staff decisions
  areaEntry('approval-page'), // the client's decision through the emailed link
  areaEntry('drafts'), // completing an upload of the version a revision step waits for
  areaEntry('media'), // a new plan version supersedes the one a review waits on
  areaEntry('traffic'), // a new brief or timetable version, likewise
  areaEntry('cost'), // a new estimate version, likewise
  DRAFT_UPLOADS_ENTRY, // the same, recorded from the S3 event
  REVIEW_TASKS_ENTRY, // a step settled before its token was stored
];
/** Who may start a review workflow: only the area with `POST /drafts/{draftId}/versions/{n}/reviews`. */
const STARTERS = [areaEntry('reviews')];

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** IAM's wildcard match (`*` any run, `?` one character), case-insensitive for actions. */
const globMatch = (pattern: string, value: string, ignoreCase = false): boolean => {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
};

let template: Json;
let resolver: TemplateResolver;
let machines: LocalStateMachine[];

beforeAll(() => {
  const app = new App({ context: NO_BUNDLING });
  template = Template.fromStack(buildAccountDeskStack(app, { stage: 'dev' })).toJSON();
  resolver = new TemplateResolver(template as CfnTemplate);
  machines = stateMachinesFromTemplate(resolver);
}, 60_000);

const propsOf = (machine: LocalStateMachine): Json => template.Resources[machine.logicalId].Properties;

/** Every state of a machine (nested branches and iterators included), with its sibling states. */
function statesOf(machine: LocalStateMachine): { name: string; state: Json; siblings: Json }[] {
  const out: { name: string; state: Json; siblings: Json }[] = [];
  const visit = (definition: Json) => {
    for (const [name, state] of Object.entries<Json>(definition?.States ?? {})) {
      out.push({ name, state, siblings: definition.States });
      for (const branch of state.Branches ?? []) visit(branch);
      if (state.Iterator) visit(state.Iterator);
      if (state.ItemProcessor) visit(state.ItemProcessor);
    }
  };
  visit(machine.definition);
  return out;
}

const isCallbackTask = (state: Json): boolean =>
  state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken');

const hasCallbackTask = (machine: LocalStateMachine): boolean =>
  statesOf(machine).some(({ state }) => isCallbackTask(state));

// Each check returns what is wrong (empty: nothing), so a failure names every offending state,
// and the checks themselves can be tried on a broken copy (last describe block).

/** Callback tasks only in Standard workflows: an Express workflow cannot wait for a task token. */
function typeProblems(machine: LocalStateMachine, props: Json): string[] {
  const type = props.StateMachineType;
  return hasCallbackTask(machine) && type !== undefined && type !== 'STANDARD'
    ? [`${machine.logicalId}: has a callback task but is ${type}`]
    : [];
}

/** Every callback task has a timeout, and its States.Timeout is caught into a state that leads on. */
function callbackProblems(machine: LocalStateMachine): string[] {
  const problems: string[] = [];
  for (const { name, state, siblings } of statesOf(machine).filter((s) => isCallbackTask(s.state))) {
    const where = `${machine.logicalId}.${name}`;
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      problems.push(`${where}: no TimeoutSeconds or TimeoutSecondsPath`);
    }
    // Catchers are tried in order: the first that matches States.Timeout handles it.
    const catcher = asArray<Json>(state.Catch).find((c) =>
      asArray<string>(c.ErrorEquals).some((e) => e === 'States.Timeout' || e === 'States.ALL'),
    );
    if (!catcher) {
      problems.push(`${where}: no Catch handles States.Timeout`);
      continue;
    }
    // Through Pass states: a Pass that only leads to a Fail state is no handled path either.
    let target: string = catcher.Next;
    const seen = new Set<string>();
    while (siblings[target]?.Type === 'Pass' && siblings[target].Next && !seen.has(target)) {
      seen.add(target);
      target = siblings[target].Next;
    }
    if (!siblings[target]) problems.push(`${where}: States.Timeout leads to a missing state ${target}`);
    else if (siblings[target].Type === 'Fail')
      problems.push(`${where}: States.Timeout leads to Fail ${target}`);
  }
  return problems;
}

/** Every retrier backs off exponentially with full jitter, bounded in attempts and delay. */
function retryProblems(machine: LocalStateMachine): string[] {
  const problems: string[] = [];
  for (const { name, state } of statesOf(machine)) {
    for (const [i, retry] of asArray<Json>(state.Retry).entries()) {
      const where = `${machine.logicalId}.${name}.Retry[${i}]`;
      if (!(typeof retry.BackoffRate === 'number' && retry.BackoffRate > 1)) {
        problems.push(`${where}: BackoffRate ${retry.BackoffRate} (want > 1)`);
      }
      if (retry.JitterStrategy !== 'FULL') problems.push(`${where}: JitterStrategy ${retry.JitterStrategy}`);
      if (!(typeof retry.MaxAttempts === 'number' && retry.MaxAttempts >= 1)) {
        problems.push(`${where}: MaxAttempts ${retry.MaxAttempts}`);
      }
      if (!(typeof retry.MaxDelaySeconds === 'number' && retry.MaxDelaySeconds > 0)) {
        problems.push(`${where}: MaxDelaySeconds ${retry.MaxDelaySeconds}`);
      }
    }
  }
  return problems;
}

/** Every Task state catches every error (States.ALL) into an existing state. */
function catchProblems(machine: LocalStateMachine): string[] {
  const problems: string[] = [];
  for (const { name, state, siblings } of statesOf(machine).filter((s) => s.state.Type === 'Task')) {
    const where = `${machine.logicalId}.${name}`;
    const catchAll = asArray<Json>(state.Catch).find((c) => asArray(c.ErrorEquals).includes('States.ALL'));
    if (!catchAll) problems.push(`${where}: no Catch of States.ALL`);
    else if (!siblings[catchAll.Next])
      problems.push(`${where}: catches into a missing state ${catchAll.Next}`);
  }
  return problems;
}

/** Logging of every event, never of execution data (inputs, outputs, task tokens); tracing on. */
function observabilityProblems(machine: LocalStateMachine, props: Json): string[] {
  const problems: string[] = [];
  const logging = props.LoggingConfiguration;
  if (logging?.Level !== 'ALL') problems.push(`${machine.logicalId}: logging level ${logging?.Level}`);
  if (logging?.IncludeExecutionData !== false) {
    problems.push(`${machine.logicalId}: IncludeExecutionData ${logging?.IncludeExecutionData}`);
  }
  if (!logging?.Destinations?.[0]?.CloudWatchLogsLogGroup?.LogGroupArn) {
    problems.push(`${machine.logicalId}: no log group destination`);
  }
  if (props.TracingConfiguration?.Enabled !== true) problems.push(`${machine.logicalId}: tracing off`);
  return problems;
}

function aslProblems(machine: LocalStateMachine): string[] {
  // The validator annotates the definition it is given (QueryLanguage): hand it a copy.
  const result = aslValidator(structuredClone(machine.definition), { checkPaths: true, checkArn: true });
  return result.isValid ? [] : [`${machine.logicalId}: ${result.errorsText('; ')}`];
}

describe('state machines', () => {
  it('are in the template, each with a definition the local runner resolves', () => {
    expect(machines.length).toBeGreaterThan(0);
    expect(machines.map((m) => m.logicalId)).toEqual(
      Object.entries<Json>(template.Resources)
        .filter(([, r]) => r.Type === STATE_MACHINE_TYPE)
        .map(([id]) => id),
    );
    for (const machine of machines) {
      expect(machine.unsupported ?? '', machine.logicalId).not.toMatch(/cannot be resolved/);
      expect(Object.keys(machine.definition.States ?? {}).length, machine.logicalId).toBeGreaterThan(0);
    }
    // The review workflow is one of them (the checks below are not vacuous).
    expect(machines.filter(hasCallbackTask).length).toBeGreaterThan(0);
    expect(
      machines.flatMap((m) => statesOf(m).flatMap(({ state }) => asArray(state.Retry))).length,
    ).toBeGreaterThan(0);
  });

  it('with a callback task (.waitForTaskToken) are Standard', () => {
    expect(machines.flatMap((m) => typeProblems(m, propsOf(m)))).toEqual([]);
  });

  it('give every callback task a timeout, and catch its States.Timeout into a state that leads on (not Fail)', () => {
    expect(machines.flatMap(callbackProblems)).toEqual([]);
  });

  it('retry with exponential backoff (BackoffRate > 1), full jitter, MaxAttempts and MaxDelaySeconds', () => {
    expect(machines.flatMap(retryProblems)).toEqual([]);
  });

  it('catch every error of every Task state (States.ALL): no failure goes unhandled', () => {
    expect(machines.flatMap(catchProblems)).toEqual([]);
  });

  it('log every event but never execution data (task tokens stay out of the logs), and are traced', () => {
    expect(machines.flatMap((m) => observabilityProblems(m, propsOf(m)))).toEqual([]);
  });

  it('pass asl-validator, resolved as the local runner resolves them', () => {
    expect(machines.flatMap(aslProblems)).toEqual([]);
  });
});

describe('execution time limits', () => {
  const DAY = 86_400;

  it('are at most one year for every state machine (the longest a Standard execution may run)', () => {
    for (const machine of machines) {
      const timeout = machine.definition.TimeoutSeconds;
      expect(timeout, machine.logicalId).toBeGreaterThan(0);
      expect(timeout, machine.logicalId).toBeLessThanOrEqual(365 * DAY);
    }
  });

  it('are never reached by the media chain: it counts the weeks it waited and lapses by itself first', () => {
    const chain = machines.find((m) => statesOf(m).some(({ name }) => name === 'AwaitRecommendation'))!;
    const states = Object.fromEntries(statesOf(chain).map(({ name, state }) => [name, state]));
    // It starts counting at none.
    expect(chain.definition.StartAt).toBe('Start');
    expect(states.Start).toMatchObject({ Type: 'Pass', Result: { waits: 0 }, ResultPath: '$.chain' });
    const overdues = Object.keys(states).filter((name) => name.endsWith('Overdue'));
    expect(overdues.sort()).toEqual(['MasterPlanOverdue', 'RecommendationOverdue', 'ScheduleOverdue']);
    for (const name of overdues) {
      expect(states[name].Parameters).toMatchObject({
        'waits.$': '$.chain.waits',
        maxWaits: chainMaxWaits,
      });
      expect(states[name].ResultPath).toBe('$.chain');
      const route = states[states[name].Next];
      expect(route.Choices).toContainEqual({
        Variable: '$.chain.action',
        StringEquals: 'lapsed',
        Next: 'Lapsed',
      });
    }
    expect(states.Lapsed.Type).toBe('Succeed');
    // Each wait lasts one interval at most; before the last one the chain has waited fewer than
    // `chainMaxWaits` intervals plus the early-confirmed part of two earlier stages: with a week
    // to spare, that ends within the execution's timeout.
    const interval = chainReminderInterval.toSeconds();
    const waitTimeouts = Object.values(states)
      .filter(isCallbackTask)
      .map((s) => s.TimeoutSeconds);
    expect(new Set(waitTimeouts)).toEqual(new Set([interval]));
    expect((chainMaxWaits + 2 + 1) * interval).toBeLessThanOrEqual(chain.definition.TimeoutSeconds);
    expect(chain.definition.TimeoutSeconds).toBe(chainTimeout.toSeconds());
  });
});

describe('review workflow permissions', () => {
  /** The function (by entry) whose role has an Allow of `action` on `arn`, and no Deny of it. */
  function functionsAllowed(action: string, arn: string): string[] {
    const allowed: string[] = [];
    for (const [id, fn] of Object.entries<Json>(template.Resources)) {
      if (fn.Type !== 'AWS::Lambda::Function') continue;
      // CDK's BucketDeployment copy function (the console's build; tests/infra/console.test.ts): no entry, no workflow access.
      if (id.startsWith('CustomCDKBucketDeployment')) continue;
      // CDK's AwsCustomResource provider (the console client's sign-in URLs): one Cognito call.
      if (id.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) continue;
      const entry: string | undefined = fn.Metadata?.[ENTRY_METADATA_KEY];
      expect(entry, `${id} has ${ENTRY_METADATA_KEY}`).toEqual(expect.any(String));
      const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
      const statements: Json[] = [
        ...asArray<Json>(template.Resources[roleId].Properties.Policies).flatMap((p) =>
          asArray(p.PolicyDocument.Statement),
        ),
        ...Object.values<Json>(template.Resources)
          .filter(
            (r) =>
              r.Type === 'AWS::IAM::Policy' &&
              asArray<Json>(r.Properties.Roles).some((role) => role.Ref === roleId),
          )
          .flatMap((p) => asArray(p.Properties.PolicyDocument.Statement)),
      ];
      const matches = (statement: Json) =>
        asArray<string>(statement.Action).some((a) => globMatch(a, action, true)) &&
        asArray(statement.Resource).some((r) => globMatch(resolver.resolveString(r), arn));
      const allows = statements.some((s) => s.Effect === 'Allow' && matches(s));
      const denies = statements.some((s) => s.Effect === 'Deny' && matches(s));
      if (allows && !denies) allowed.push(entry!);
    }
    return allowed.sort();
  }

  const reviewMachine = () => {
    const taskFunctionIds = Object.entries<Json>(template.Resources)
      .filter(
        ([, r]) =>
          r.Type === 'AWS::Lambda::Function' && r.Metadata?.[ENTRY_METADATA_KEY] === REVIEW_TASKS_ENTRY,
      )
      .map(([id]) => resolver.arn(id));
    expect(taskFunctionIds).toHaveLength(1);
    const found = machines.filter((m) => JSON.stringify(m.definition).includes(taskFunctionIds[0]!));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('let exactly the functions that settle a step, and the task function, resume the review workflow', () => {
    const { arn } = reviewMachine();
    expect(functionsAllowed('states:SendTaskSuccess', arn)).toEqual([...RESUMERS].sort());
  });

  it('let only the reviews area start the review workflow', () => {
    const { arn } = reviewMachine();
    expect(functionsAllowed('states:StartExecution', arn)).toEqual([...STARTERS].sort());
  });
});

describe('recovery and idempotency', () => {
  const RECOVERY_ENTRY = 'functions/workflow/execution-status.ts';
  const lambdaTasks = (machine: LocalStateMachine) =>
    statesOf(machine).filter(({ state }) => state.Type === 'Task');
  /** A Lambda task's event: `Payload` of `lambda:invoke`, or the Parameters of a bare function ARN. */
  const payloadOf = (state: Json) => state.Parameters?.Payload ?? state.Parameters;

  it('give every task its state’s entered time ($$.State.EnteredTime) as its "now", and the review’s tasks the execution', () => {
    const missing = machines.flatMap((m) =>
      lambdaTasks(m)
        .filter(({ state }) => payloadOf(state)?.['enteredTime.$'] !== '$$.State.EnteredTime')
        .map(({ name }) => `${m.logicalId}.${name}`),
    );
    expect(missing).toEqual([]);
    expect(machines.flatMap(lambdaTasks).length).toBeGreaterThan(4);
    const reviewTasks = machines.filter((m) => JSON.stringify(m.definition).includes('"op":"advance"'));
    expect(reviewTasks).toHaveLength(1);
    for (const { state } of lambdaTasks(reviewTasks[0]!)) {
      expect(payloadOf(state)['execution.$']).toBe('$$.Execution.Name');
    }
  });

  it('send every state machine’s stopped executions (FAILED, TIMED_OUT, ABORTED) to the recovery function', () => {
    const rules = Object.entries<Json>(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties.EventPattern?.source?.includes('aws.states'),
    );
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    const pattern = rule.Properties.EventPattern;
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect([...pattern.detail.status].sort()).toEqual(['ABORTED', 'FAILED', 'TIMED_OUT']);
    expect(pattern.detail.stateMachineArn.map((arn: Json) => resolver.resolveString(arn)).sort()).toEqual(
      machines.map((m) => m.arn).sort(),
    );
    const [target] = rule.Properties.Targets;
    const fnId: string = target.Arn['Fn::GetAtt'][0];
    expect(template.Resources[fnId].Metadata[ENTRY_METADATA_KEY]).toBe(RECOVERY_ENTRY);
    expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 });
    // EventBridge may invoke it, for this rule only.
    const permissions = Object.values<Json>(template.Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        r.Properties.Principal === 'events.amazonaws.com' &&
        r.Properties.FunctionName?.['Fn::GetAtt']?.[0] === fnId,
    );
    expect(permissions.map((p) => p.Properties.SourceArn)).toEqual([{ 'Fn::GetAtt': [ruleId, 'Arn'] }]);
  });
});

describe('the checks', () => {
  it('report a broken copy of the review workflow', () => {
    const machine = structuredClone(machines.find(hasCallbackTask)!);
    const props = structuredClone(propsOf(machine));
    const states = machine.definition.States;
    const [callbackName, callback] = Object.entries<Json>(states).find(([, s]) => isCallbackTask(s))!;
    const failName = Object.keys(states).find((n) => states[n].Type === 'Fail')!;
    delete callback.TimeoutSeconds;
    delete callback.TimeoutSecondsPath;
    callback.Catch = [{ ErrorEquals: ['States.ALL'], Next: failName }];
    const [retryName, retrying] = Object.entries<Json>(states).find(
      ([name, s]) => s.Type === 'Task' && name !== callbackName,
    )!;
    retrying.Retry = [{ ErrorEquals: ['States.ALL'], BackoffRate: 1 }];
    delete retrying.Catch;
    props.StateMachineType = 'EXPRESS';
    props.LoggingConfiguration = { ...props.LoggingConfiguration, IncludeExecutionData: true };
    delete props.TracingConfiguration;
    retrying.Next = 'Nowhere';

    const where = machine.logicalId;
    expect(typeProblems(machine, props)).toEqual([`${where}: has a callback task but is EXPRESS`]);
    expect(callbackProblems(machine)).toEqual([
      `${where}.${callbackName}: no TimeoutSeconds or TimeoutSecondsPath`,
      `${where}.${callbackName}: States.Timeout leads to Fail ${failName}`,
    ]);
    expect(retryProblems(machine)).toEqual(
      expect.arrayContaining([
        `${where}.${retryName}.Retry[0]: BackoffRate 1 (want > 1)`,
        `${where}.${retryName}.Retry[0]: JitterStrategy undefined`,
        `${where}.${retryName}.Retry[0]: MaxAttempts undefined`,
        `${where}.${retryName}.Retry[0]: MaxDelaySeconds undefined`,
      ]),
    );
    expect(catchProblems(machine)).toEqual([`${where}.${retryName}: no Catch of States.ALL`]);
    expect(observabilityProblems(machine, props)).toEqual([
      `${where}: IncludeExecutionData true`,
      `${where}: tracing off`,
    ]);
    expect(aslProblems(machine)).toEqual([expect.stringMatching(/Nowhere/)]);
  });
});
