/**
 * The local Step Functions endpoint, through the ordinary `@aws-sdk/client-sfn`, against a
 * template-shaped fixture: a Lambda invoke task, a `.waitForTaskToken` task with a timeout and
 * Catch paths, a Choice and a Wait, and an EventBridge rule on the flow's stopped executions.
 * Deadlines are fast-forwarded with the service's clock (the shared one, or one execution's
 * own); status changes reach the rule's function; a restart with persistence continues the
 * executions that were running.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventsService } from '../../infra/local/events/service.js';
import { type RunningServices, startServices } from '../../infra/local/services.js';
import { repoRoot } from '../../infra/local/stack.js';
import {
  LOST_CAUSE,
  LOST_ERROR,
  LocalClock,
  stepFunctionsService,
} from '../../infra/local/stepfunctions/index.js';
import { type CfnTemplate, TemplateResolver } from '../../infra/local/template.js';

// biome-ignore lint/suspicious/noExplicitAny: events the fixture handler received
type Loose = any;

const HOUR = 3600;
const DAY = 86400;

/** The fixture handler (written to a temp dir, loaded by its `AccountDesk:Entry` like any function). */
const handlerSource = `
export async function handler(event, context) {
  (globalThis.__sfnFixtureEvents ??= []).push({ event, functionName: context.functionName });
  if (event && event.mode === 'boom') {
    const error = new Error('the worker broke');
    error.name = 'WorkerBroke';
    throw error;
  }
  return { handled: event && event.kind ? event.kind : 'prepare', requestId: event && (event.requestId ?? event.request) };
}
`;

function fixture(entry: string): CfnTemplate {
  const fnArn = { 'Fn::GetAtt': ['WorkerFunctionA1B2C3', 'Arn'] };
  // Shaped like CDK's output: the definition is a Fn::Join of JSON fragments and intrinsics.
  const approvalDefinition = {
    'Fn::Join': [
      '',
      [
        '{"StartAt":"Prepare","States":{"Prepare":{"Type":"Task","Resource":"arn:',
        { Ref: 'AWS::Partition' },
        ':states:::lambda:invoke","Parameters":{"FunctionName":"',
        fnArn,
        '","Payload.$":"$"},"ResultSelector":{"prepared.$":"$.Payload"},"ResultPath":"$.prepare",',
        '"Next":"NeedsApproval"},',
        '"NeedsApproval":{"Type":"Choice","Choices":[{"Variable":"$.needsApproval","BooleanEquals":true,',
        '"Next":"AwaitApproval"}],"Default":"Cooldown"},',
        '"AwaitApproval":{"Type":"Task","Resource":"arn:',
        { Ref: 'AWS::Partition' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a DefinitionSubstitutions placeholder
        ':states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"${WorkerArn}",',
        '"Payload":{"kind":"approval","taskToken.$":"$$.Task.Token","request.$":"$.requestId",',
        '"execution.$":"$$.Execution.Id","entered.$":"$$.State.EnteredTime"}},"TimeoutSeconds":',
        String(HOUR),
        ',"ResultPath":"$.decision","Catch":[',
        '{"ErrorEquals":["Rejected"],"ResultPath":"$.error","Next":"RejectedPath"},',
        '{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.error","Next":"TaskBroke"},',
        '{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"TimedOut"}],',
        '"Next":"Cooldown"},',
        '"Cooldown":{"Type":"Wait","Seconds":',
        String(DAY),
        ',"Next":"Done"},',
        '"Done":{"Type":"Pass","End":true},',
        '"RejectedPath":{"Type":"Pass","Result":"rejected","ResultPath":"$.outcome","End":true},',
        '"TaskBroke":{"Type":"Pass","Result":"task failed","ResultPath":"$.outcome","End":true},',
        '"TimedOut":{"Type":"Pass","Result":"timed out","ResultPath":"$.outcome","Next":"Recheck"},',
        '"Recheck":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"',
        fnArn,
        '","Payload":{"kind":"recheck","request.$":"$.requestId","entered.$":"$$.State.EnteredTime"}},',
        '"ResultPath":null,"End":true}}}',
      ],
    ],
  };
  const expiringDefinition = {
    'Fn::Join': [
      '',
      [
        '{"StartAt":"Sleep","TimeoutSeconds":60,"States":{"Sleep":{"Type":"Wait","Seconds":3600,"End":true}}}',
      ],
    ],
  };
  return {
    Resources: {
      WorkerFunctionServiceRole: { Type: 'AWS::IAM::Role', Properties: {} },
      WorkerFunctionA1B2C3: {
        Type: 'AWS::Lambda::Function',
        Metadata: { 'AccountDesk:Entry': entry },
        Properties: { Handler: 'index.handler', Timeout: 10, Environment: { Variables: {} } },
      },
      ApprovalFlowRole: { Type: 'AWS::IAM::Role', Properties: {} },
      ApprovalFlow1F2E3D: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: approvalDefinition,
          DefinitionSubstitutions: { WorkerArn: fnArn },
          RoleArn: { 'Fn::GetAtt': ['ApprovalFlowRole', 'Arn'] },
          StateMachineType: 'STANDARD',
        },
      },
      // As in the CDK app: stopped executions of the flow go to a function.
      FlowStoppedRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventPattern: {
            source: ['aws.states'],
            'detail-type': ['Step Functions Execution Status Change'],
            detail: {
              status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
              stateMachineArn: [{ Ref: 'ApprovalFlow1F2E3D' }],
            },
          },
          State: 'ENABLED',
          Targets: [{ Arn: fnArn, Id: 'Target0' }],
        },
      },
      ExpiringFlow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: expiringDefinition,
          RoleArn: { 'Fn::GetAtt': ['ApprovalFlowRole', 'Arn'] },
        },
      },
    },
  };
}

const APPROVAL_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:approvalflow1f2e3d';
const EXPIRING_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:expiringflow';

const fixtureEvents = (): Loose[] => ((globalThis as Loose).__sfnFixtureEvents ??= []);

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let workDir: string;
let entry: string;
let template: CfnTemplate;
const logs: string[] = [];

async function startEndpoint(options: { persist: boolean; dataDir?: string; clock: LocalClock }) {
  const dataDir = options.dataDir ?? join(workDir, 'data');
  const running = await startServices(
    [eventsService({ clock: options.clock }), stepFunctionsService({ clock: options.clock })],
    {
      repoRoot,
      persist: options.persist,
      resolver: new TemplateResolver(template),
      log: (m) => logs.push(m),
      ports: {},
      env: {},
      dataDir: (name) => join(dataDir, name),
    },
  );
  await running.ready();
  return running;
}

/** The status-change events the rule delivered to the fixture function, for one execution. */
const statusEvents = (executionArn: string): Loose[] =>
  fixtureEvents()
    .map((e) => e.event)
    .filter(
      (e) =>
        e?.['detail-type'] === 'Step Functions Execution Status Change' &&
        e.detail.executionArn === executionArn,
    );

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sfn-test-'));
  mkdirSync(join(workDir, 'fn'));
  entry = join(workDir, 'fn', 'worker.mjs');
  writeFileSync(entry, handlerSource);
  template = fixture(entry);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('local Step Functions endpoint', () => {
  const clock = new LocalClock();
  let running: RunningServices;
  let sfn: SFNClient;
  let previousEndpoint: string | undefined;

  beforeAll(async () => {
    running = await startEndpoint({ persist: false, clock });
    // The ORDINARY client, configured by the environment the service publishes.
    previousEndpoint = process.env.AWS_ENDPOINT_URL_SFN;
    Object.assign(process.env, running.env);
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(running.started.stepfunctions?.endpoint);
    sfn = new SFNClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    sfn?.destroy();
    await running?.stop();
    if (previousEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SFN;
    else process.env.AWS_ENDPOINT_URL_SFN = previousEndpoint;
  });

  const start = async (input: unknown, name?: string) =>
    (
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn: APPROVAL_ARN, name, input: JSON.stringify(input) }),
      )
    ).executionArn!;
  const describeExecution = (executionArn: string) =>
    sfn.send(new DescribeExecutionCommand({ executionArn }));
  const settled = (executionArn: string) =>
    until<DescribeExecutionCommandOutput>(`${executionArn} to finish`, async () => {
      const d = await describeExecution(executionArn);
      return d.status === 'RUNNING' ? undefined : d;
    });
  /** The token the callback handler received for `requestId` (after the task's timers are armed). */
  const tokenFor = (requestId: string) =>
    until(`the approval task of ${requestId}`, () => {
      const hit = fixtureEvents().find((e) => e.event?.kind === 'approval' && e.event.request === requestId);
      return hit?.event.taskToken as string | undefined;
    });
  const waitingInCooldown = async (executionArn: string) => {
    await until('the Cooldown Wait state', async () => {
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
      return events?.[0]?.type === 'WaitStateEntered';
    });
    await until('the Wait timer', () => clock.pending > 0);
  };

  it('runs Lambda task → callback task (fresh token) → SendTaskSuccess → Wait (fast-forwarded) → SUCCEEDED', async () => {
    const executionArn = await start({ requestId: 'r-success', needsApproval: true });
    expect(executionArn).toBe(
      'arn:aws:states:us-east-1:000000000000:execution:approvalflow1f2e3d:' + executionArn.split(':').pop(),
    );

    const token = await tokenFor('r-success');
    expect(token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    expect(token).not.toContain('placeholder');
    const callback = fixtureEvents().find((e) => e.event?.request === 'r-success')!;
    expect(callback.functionName).toBe('workerfunctiona1b2c3');
    expect(callback.event.execution).toBe(executionArn);
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }),
    );
    await waitingInCooldown(executionArn);
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    clock.advance(DAY * 1000);

    const done = await settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      requestId: 'r-success',
      needsApproval: true,
      prepare: { prepared: { handled: 'prepare', requestId: 'r-success' } },
      decision: { approved: true },
    });

    // The token is spent: AWS answers TaskDoesNotExist; a malformed one is InvalidToken.
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: 'not-a-token', error: 'X' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('skips the callback when the Choice says so', async () => {
    const executionArn = await start({ requestId: 'r-nochoice', needsApproval: false });
    await waitingInCooldown(executionArn);
    clock.advance(DAY * 1000);
    const done = await settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).decision).toBeUndefined();
    expect(fixtureEvents().some((e) => e.event?.request === 'r-nochoice')).toBe(false);
  });

  it('SendTaskFailure drives the Catch path by error name', async () => {
    const rejected = await start({ requestId: 'r-reject', needsApproval: true });
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: await tokenFor('r-reject'),
        error: 'Rejected',
        cause: 'no budget',
      }),
    );
    const done = await settled(rejected);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      outcome: 'rejected',
      error: { Error: 'Rejected', Cause: 'no budget' },
    });

    const other = await start({ requestId: 'r-other-failure', needsApproval: true });
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: await tokenFor('r-other-failure'), error: 'Oops' }),
    );
    expect(JSON.parse((await settled(other)).output!)).toMatchObject({ outcome: 'task failed' });
  });

  it('a task timeout (fast-forwarded) raises States.Timeout, not caught by States.TaskFailed', async () => {
    const executionArn = await start({ requestId: 'r-timeout', needsApproval: true });
    const token = await tokenFor('r-timeout');
    clock.advance(HOUR * 1000 - 1000);
    await new Promise((r) => setTimeout(r, 30));
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    clock.advance(1000);
    const done = await settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      outcome: 'timed out',
      error: { Error: 'States.Timeout' },
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.map((e) => e.type)).toContain('TaskTimedOut');
  });

  it('a failing Lambda task fails the execution with the function error name', async () => {
    const executionArn = await start({ requestId: 'r-boom', mode: 'boom' });
    const done = await settled(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('WorkerBroke');
    expect(JSON.parse(done.cause!)).toMatchObject({
      errorType: 'WorkerBroke',
      errorMessage: 'the worker broke',
    });
  });

  it('StartExecution is idempotent by name while running; different input or a closed execution → ExecutionAlreadyExists', async () => {
    const input = { requestId: 'r-dup', needsApproval: true };
    const first = await start(input, 'request-r-dup');
    const again = await start(input, 'request-r-dup');
    expect(again).toBe(first);
    await expect(start({ ...input, extra: 1 }, 'request-r-dup')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    await tokenFor('r-dup');
    expect(fixtureEvents().filter((e) => e.event?.request === 'r-dup')).toHaveLength(1);

    // StopExecution → ABORTED; the pending token is gone; the name stays taken.
    const token = await tokenFor('r-dup');
    await sfn.send(new StopExecutionCommand({ executionArn: first, error: 'Cancelled', cause: 'test' }));
    const stopped = await describeExecution(first);
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.stopDate).toBeInstanceOf(Date);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(start(input, 'request-r-dup')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

    const aborted = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: APPROVAL_ARN, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions?.map((e) => e.executionArn)).toEqual([first]);
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: APPROVAL_ARN }));
    expect(all.executions!.length).toBeGreaterThan(3);
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: first, reverseOrder: true }),
    );
    expect(history.events?.[0]).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Cancelled' },
    });
  });

  it('GetExecutionHistory lists AWS-shaped events, with the task token redacted', async () => {
    const executionArn = await start({ requestId: 'r-history', needsApproval: true });
    const token = await tokenFor('r-history');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"ok"' }));
    await waitingInCooldown(executionArn);
    clock.advance(DAY * 1000);
    await settled(executionArn);
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events?.map((e) => e.id)).toEqual(events?.map((_, i) => i + 1));
    expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(events?.[0]?.executionStartedEventDetails?.roleArn).toBe(
      'arn:aws:iam::000000000000:role/approvalflowrole',
    );
    expect(events?.[8]?.stateEnteredEventDetails?.name).toBe('AwaitApproval');
    expect(events?.[9]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      timeoutInSeconds: HOUR,
    });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('an execution TimeoutSeconds (fast-forwarded) ends it TIMED_OUT', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: EXPIRING_ARN }));
    await until('the Sleep timer', async () => {
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      return events?.some((e) => e.type === 'WaitStateEntered');
    });
    clock.advance(60_000);
    const done = await settled(executionArn!);
    expect(done.status).toBe('TIMED_OUT');
    expect(done.error).toBe('States.Timeout');
  });

  it('answers like AWS for unknown things', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${APPROVAL_ARN}-nope` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist', $metadata: { httpStatusCode: 400 } });
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${APPROVAL_ARN.replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: APPROVAL_ARN, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it('gives tasks $$.State.EnteredTime, on the execution’s own clock, which moves alone and adds up', async () => {
    const executionArn = await start({ requestId: 'r-own-clock', needsApproval: true });
    await tokenFor('r-own-clock');
    const approval = fixtureEvents().find((e) => e.event?.request === 'r-own-clock')!;
    expect(Math.abs(Date.parse(approval.event.entered) - clock.now())).toBeLessThan(5000);
    const endpoint = running.started.stepfunctions!.endpoint!;
    const advance = async (body: object) =>
      (await (
        await fetch(`${endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as { fired: number; offsetMs: number };
    const shared = clock.offset;
    // Two half-hour steps: the first fires nothing, the second what is due (the hour's timeout).
    expect(await advance({ advanceMs: (HOUR * 1000) / 2, executionArn })).toMatchObject({ fired: 0 });
    expect(await advance({ advanceMs: (HOUR * 1000) / 2, executionArn })).toMatchObject({
      fired: 1,
      offsetMs: HOUR * 1000,
    });
    const done = await settled(executionArn);
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'timed out' });
    // The next state was entered an hour later on its clock; nobody else's clock moved.
    const recheck = await until('the Recheck task', () =>
      fixtureEvents().find((e) => e.event?.kind === 'recheck' && e.event.request === 'r-own-clock'),
    );
    expect(Date.parse(recheck.event.entered) - clock.now()).toBeGreaterThan(HOUR * 1000 - 60_000);
    expect(clock.offset).toBe(shared);
    // Its next deadline, whatever it is: `next` (the execution's own TimeoutSeconds is not one).
    const other = await start({ requestId: 'r-next', needsApproval: true });
    await tokenFor('r-next');
    const next = await advance({ executionArn: other, next: true });
    expect(next.fired).toBe(1);
    expect(next.offsetMs).toBeGreaterThan(HOUR * 1000 - 1000); // to the timeout, less the time since it was armed
    expect(next.offsetMs).toBeLessThanOrEqual(HOUR * 1000);
    expect(JSON.parse((await settled(other)).output!)).toMatchObject({ outcome: 'timed out' });
  });

  it('reports status changes to EventBridge as AWS does: the rule delivers the stopped ones to its function', async () => {
    const input = { requestId: 'r-stopped', needsApproval: true };
    const stopped = await start(input, 'stopped-by-test');
    await tokenFor('r-stopped');
    await sfn.send(
      new StopExecutionCommand({ executionArn: stopped, error: 'Halted', cause: 'by the test' }),
    );
    const [event] = await until('the status change of stopped-by-test', () => {
      const found = statusEvents(stopped);
      return found.length ? found : undefined;
    });
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      account: '000000000000',
      region: 'us-east-1',
      resources: [stopped],
      detail: {
        executionArn: stopped,
        stateMachineArn: APPROVAL_ARN,
        name: 'stopped-by-test',
        status: 'ABORTED',
        input: JSON.stringify(input),
        error: 'Halted',
        cause: 'by the test',
        stopDate: expect.any(Number),
      },
    });
    // RUNNING and SUCCEEDED do not match the rule's pattern; a FAILED one does.
    const succeeded = await start({ requestId: 'r-no-event', needsApproval: false });
    await waitingInCooldown(succeeded);
    clock.advance(DAY * 1000);
    await settled(succeeded);
    const failed = await start({ requestId: 'r-failed-event', mode: 'boom' });
    await until('the FAILED event', () => statusEvents(failed)[0]);
    expect(statusEvents(failed)[0].detail).toMatchObject({ status: 'FAILED', error: 'WorkerBroke' });
    expect(statusEvents(stopped)).toHaveLength(1);
    expect(statusEvents(succeeded)).toEqual([]);
  });

  it('never logs task tokens', () => {
    const tokens = fixtureEvents()
      .map((e) => e.event?.taskToken)
      .filter(Boolean);
    expect(tokens.length).toBeGreaterThan(3);
    for (const token of tokens) expect(logs.join('\n')).not.toContain(token);
  });
});

describe('local Step Functions in the integration stack', () => {
  it('is one of the default services: handlers get AWS_ENDPOINT_URL_SFN', async () => {
    const endpoint = inject('env').AWS_ENDPOINT_URL_SFN;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new SFNClient({ region: 'us-east-1', endpoint });
    try {
      const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
      expect(Array.isArray(stateMachines)).toBe(true);
    } finally {
      client.destroy();
    }
  });
});

describe('local Step Functions across a restart (persisting)', () => {
  const client = (running: RunningServices) =>
    new SFNClient({
      region: 'us-east-1',
      endpoint: running.started.stepfunctions!.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  const approvalsOf = (requestId: string) =>
    fixtureEvents().filter((e) => e.event?.kind === 'approval' && e.event.request === requestId);

  it('continues RUNNING executions: a waiting task takes the same token, deadlines keep their times', async () => {
    const dataDir = join(workDir, 'persisted');
    const clock = new LocalClock();
    let running = await startEndpoint({ persist: true, dataDir, clock });
    let sfn = client(running);
    const start = async (name: string, input: object, stateMachineArn = APPROVAL_ARN) =>
      (await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) })))
        .executionArn!;
    const waiting = await start('survives-restart', { requestId: 'r-restart', needsApproval: true });
    const token = await until(
      'the approval task of r-restart',
      () => approvalsOf('r-restart')[0]?.event.taskToken,
    );
    // A timeout 10 s away on this execution's own clock when the runner stops.
    const timing = await start('times-out-after-restart', { requestId: 'r-timing', needsApproval: true });
    await until('the approval task of r-timing', () => approvalsOf('r-timing')[0]);
    clock.advance(HOUR * 1000 - 10_000, timing);
    // A Wait state a day long.
    const cooling = await start('cools-across-restart', { requestId: 'r-cooling', needsApproval: false });
    await until('the Cooldown of r-cooling', async () => {
      const { events } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: cooling, reverseOrder: true }),
      );
      return events?.[0]?.type === 'WaitStateEntered';
    });
    const finished = await start('finished-before-restart', {}, EXPIRING_ARN);
    await sfn.send(new StopExecutionCommand({ executionArn: finished }));
    // Let the positions be saved (the file is written 20 ms after a change, and on stop).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.stop();
    sfn.destroy();

    const stored = JSON.parse(readFileSync(join(dataDir, 'stepfunctions', 'executions.json'), 'utf8'));
    expect(stored.executions.map((e: Loose) => e.status).sort()).toEqual([
      'ABORTED',
      'RUNNING',
      'RUNNING',
      'RUNNING',
    ]);
    expect(JSON.stringify(stored)).not.toContain(token);

    logs.length = 0;
    const later = new LocalClock();
    running = await startEndpoint({ persist: true, dataDir, clock: later });
    sfn = client(running);
    try {
      expect(logs.filter((l) => l.includes('resumed'))).toHaveLength(3);
      // The decision sent with the token issued before the restart resumes the execution.
      expect((await sfn.send(new DescribeExecutionCommand({ executionArn: waiting }))).status).toBe(
        'RUNNING',
      );
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: 'later' }) }),
      );
      await until('the Cooldown of r-restart', async () => {
        const { events } = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn: waiting, reverseOrder: true }),
        );
        return events?.[0]?.type === 'WaitStateEntered';
      });
      // Its own clock kept its offset: 10 s more time it out.
      later.advance(10_000, timing);
      later.advance(DAY * 1000);
      const settledOn = (executionArn: string) =>
        until(`${executionArn} to finish`, async () => {
          const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          return d.status === 'RUNNING' ? undefined : d;
        });
      const resumed = await settledOn(waiting);
      expect(resumed.status).toBe('SUCCEEDED');
      expect(JSON.parse(resumed.output!)).toMatchObject({
        requestId: 'r-restart',
        decision: { approved: 'later' },
      });
      // The waiting task was not run again: one handler call, one entry into the state.
      expect(approvalsOf('r-restart')).toHaveLength(1);
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: waiting }));
      const entered = events!.filter((e) => e.stateEnteredEventDetails?.name === 'AwaitApproval');
      expect(entered).toHaveLength(1);
      expect(events!.map((e) => e.id)).toEqual(events!.map((_, i) => i + 1));
      expect(JSON.parse((await settledOn(timing)).output!)).toMatchObject({ outcome: 'timed out' });
      expect(approvalsOf('r-timing')).toHaveLength(1);
      expect((await settledOn(cooling)).status).toBe('SUCCEEDED');
      expect((await sfn.send(new DescribeExecutionCommand({ executionArn: finished }))).status).toBe(
        'ABORTED',
      );
      // A token the restarted runner never issued is still unknown.
      await expect(
        sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
      ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    } finally {
      sfn.destroy();
      await running.stop();
    }
  });

  it('marks FAILED (Local.ExecutionLost) an execution whose state no longer exists, and reports it', async () => {
    const dataDir = join(workDir, 'lost');
    let running = await startEndpoint({ persist: true, dataDir, clock: new LocalClock() });
    let sfn = client(running);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: APPROVAL_ARN,
        name: 'state-renamed',
        input: JSON.stringify({ requestId: 'r-lost', needsApproval: true }),
      }),
    );
    await until('the approval task of r-lost', () => approvalsOf('r-lost')[0]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.stop();
    sfn.destroy();
    // As if the state machine had been changed meanwhile: the state it waited in is gone.
    const file = join(dataDir, 'stepfunctions', 'executions.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    for (const e of stored.executions) if (e.position) e.position.stateName = 'RenamedAway';
    writeFileSync(file, JSON.stringify(stored));

    logs.length = 0;
    running = await startEndpoint({ persist: true, dataDir, clock: new LocalClock() });
    sfn = client(running);
    try {
      const lost = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      expect(lost).toMatchObject({ status: 'FAILED', error: LOST_ERROR, cause: LOST_CAUSE });
      expect(logs.some((l) => l.includes(executionArn!) && l.includes(LOST_ERROR))).toBe(true);
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
      expect(events?.[0]).toMatchObject({
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: LOST_ERROR },
      });
      await until('the FAILED event of state-renamed', () => statusEvents(executionArn!)[0]);
      expect(statusEvents(executionArn!)[0].detail).toMatchObject({ status: 'FAILED', error: LOST_ERROR });
    } finally {
      sfn.destroy();
      await running.stop();
    }
  });

  it('reads an older runner’s file: its lost executions are reported once, its running ones start over', async () => {
    const dataDir = join(workDir, 'older');
    mkdirSync(join(dataDir, 'stepfunctions'), { recursive: true });
    const execution = (name: string, extra: object) => ({
      executionArn: `${APPROVAL_ARN.replace(':stateMachine:', ':execution:')}:${name}`,
      stateMachineArn: APPROVAL_ARN,
      name,
      startDate: Date.now() - 60_000,
      input: JSON.stringify({ requestId: `r-${name}`, needsApproval: true }),
      events: [],
      ...extra,
    });
    const lostBefore = execution('lost-by-older-runner', {
      status: 'FAILED',
      stopDate: Date.now() - 30_000,
      error: LOST_ERROR,
      cause: 'the local runner restarted while this execution was running',
    });
    const runningBefore = execution('running-in-older-runner', { status: 'RUNNING' });
    writeFileSync(
      join(dataDir, 'stepfunctions', 'executions.json'),
      JSON.stringify({ version: 1, executions: [lostBefore, runningBefore] }),
    );
    const running = await startEndpoint({ persist: true, dataDir, clock: new LocalClock() });
    try {
      await until(
        'the FAILED event of the older lost execution',
        () => statusEvents(lostBefore.executionArn)[0],
      );
      expect(statusEvents(lostBefore.executionArn)[0].detail).toMatchObject({
        status: 'FAILED',
        error: LOST_ERROR,
      });
      // No position was saved: it starts over from its first state (its tasks are idempotent).
      await until(
        'the approval task of the older running execution',
        () => approvalsOf('r-running-in-older-runner')[0],
      );
    } finally {
      await running.stop();
    }
    // Reported once: the file is the new runner's now.
    const events = statusEvents(lostBefore.executionArn).length;
    const again = await startEndpoint({ persist: true, dataDir, clock: new LocalClock() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await again.stop();
    expect(statusEvents(lostBefore.executionArn)).toHaveLength(events);
  });
});
