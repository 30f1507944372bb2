import {
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import {
  getMediaChainStateMachineArn,
  getMinutesStateMachineArn,
  getMonitoringImportStateMachineArn,
  getReviewStateMachineArn,
} from './config.js';
import { sdkRetryOptions } from './retries.js';
import { traced } from './telemetry.js';

let sfnClient: SFNClient | undefined;

/**
 * One Step Functions client per container, made on first use (so a function that never starts or
 * resumes a workflow carries no Step Functions client in its bundle); the endpoint comes from the
 * SDK configuration.
 */
const sfn = () => (sfnClient ??= traced(new SFNClient({ ...sdkRetryOptions() })));

/**
 * The ARN Step Functions gives the execution `name` of `stateMachineArn`
 * (`arn:<partition>:states:<region>:<account>:execution:<state machine name>:<execution name>`;
 * the local Step Functions uses the same format).
 */
export const executionArnOf = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** The execution `name` of the review workflow. */
export const reviewExecutionArn = (name: string): string => executionArnOf(getReviewStateMachineArn(), name);

/**
 * Starts the review workflow. The execution name is the review id (`<reviewId>-run<n>` for a
 * restart), so a repeated start of the same run is refused by Step Functions (or, with the same
 * input while it runs, answered with the same execution) instead of running twice.
 */
export async function startReviewExecution(name: string, input: object): Promise<string> {
  const result = await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: getReviewStateMachineArn(),
      name,
      input: JSON.stringify(input),
    }),
  );
  return result.executionArn ?? '';
}

/** Starts a campaign's media chain workflow, named after the campaign (so it starts once; `-run<n>` for a restart). */
export async function startMediaChainExecution(name: string, input: object): Promise<string> {
  const result = await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: getMediaChainStateMachineArn(),
      name,
      input: JSON.stringify(input),
    }),
  );
  return result.executionArn ?? '';
}

/**
 * Starts the window of an issued version of meeting minutes, named `<reportId>-v<nnnn>` (so it
 * starts once; `-run<n>` for a restart).
 */
export async function startMinutesExecution(name: string, input: object): Promise<string> {
  const result = await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: getMinutesStateMachineArn(),
      name,
      input: JSON.stringify(input),
    }),
  );
  return result.executionArn ?? '';
}

/**
 * Starts the monitoring import workflow for one run of an import (named after the import and its
 * attempt): a second start of the same run — the upload event and the API both asking — is a no-op.
 */
export async function startMonitoringImportExecution(name: string, input: object): Promise<void> {
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: getMonitoringImportStateMachineArn(),
        name,
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
  }
}

/**
 * Starts the next run of a workflow: `<base>-run<n>`, n from `next`. Execution names are unique
 * for good, so a name that an earlier attempt left behind (its execution stopped or ended) is
 * passed over for the next one; the same restart sent twice at once gets the same running
 * execution back (Step Functions answers a start with the name and input of a running one with
 * that execution). Returns the name, its run number and the execution.
 */
export async function startNextRun(
  start: (name: string, input: object) => Promise<string>,
  base: string,
  next: number,
  input: object,
): Promise<{ name: string; run: number; executionArn: string }> {
  for (let run = next; ; run++) {
    const name = `${base}-run${run}`;
    try {
      return { name, run, executionArn: await start(name, input) };
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists') || run >= next + 20)
        throw error;
    }
  }
}

/** Stops an execution: one whose subject was never recorded (its start lost a race or failed), or a cancelled review's. */
export async function stopExecution(executionArn: string, error: string, cause: string): Promise<void> {
  await sfn().send(new StopExecutionCommand({ executionArn, error, cause }));
}

/**
 * Resumes a waiting step. A token that has timed out or was already used is not an error here:
 * the step's state in the table is the truth, and the workflow reads it when it next wakes.
 */
export async function resumeStep(taskToken: string, output: object): Promise<boolean> {
  try {
    await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken)
      return false;
    throw error;
  }
}

/** An execution that stopped without finishing, as Step Functions reports it (status-change event). */
export interface StoppedExecution {
  status: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  executionName: string;
  error?: string;
  cause?: string;
  /** ISO time it stopped. */
  stoppedAt: string;
}

const longestCause = 500;

/** Why a workflow stopped, in plain words for the people told, with what Step Functions reported. */
export function stoppedReason(stopped: StoppedExecution): string {
  const what = {
    FAILED: 'a step of its workflow kept failing after every retry',
    TIMED_OUT: 'its workflow ran past its time limit',
    ABORTED: 'its workflow was stopped outside Account Desk',
  }[stopped.status];
  return stopped.error ? `${what} (${stopped.error})` : what;
}

/** The record of a stop kept on the review or campaign: the reason, and the cause shortened. */
export function stoppedRecord(stopped: StoppedExecution) {
  const cause =
    stopped.cause && stopped.cause.length > longestCause
      ? `${stopped.cause.slice(0, longestCause - 1)}…`
      : stopped.cause;
  return {
    status: stopped.status,
    reason: stoppedReason(stopped),
    ...(stopped.error ? { error: stopped.error } : {}),
    ...(cause ? { cause } : {}),
    executionName: stopped.executionName,
    at: stopped.stoppedAt,
  };
}

/**
 * What every workflow task gets from its state machine besides its subject: when its state was
 * entered (`$$.State.EnteredTime`: the task's "now") and which execution runs it
 * (`$$.Execution.Name`). Both come from Step Functions, so a retried task computes the same
 * deadlines as its first attempt, and the local runner's fast-forwarded clock reaches the dates
 * the tasks write. An execution started before its state machine passed them falls back to the
 * process clock (and its subject's first execution).
 */
export interface TaskContext {
  enteredTime?: string;
  execution?: string;
}

/** The task's "now": its state's entered time. */
export function taskNow(input: TaskContext): Date {
  if (input.enteredTime === undefined) return new Date();
  const at = new Date(input.enteredTime);
  if (Number.isNaN(at.getTime())) throw new Error(`enteredTime is not a date: ${input.enteredTime}`);
  return at;
}
