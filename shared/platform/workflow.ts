import {
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { getMediaChainStateMachineArn, getReviewStateMachineArn } from './config.js';
import { sdkRetryOptions } from './retries.js';

/** One Step Functions client per container; the endpoint comes from the SDK configuration. */
const sfn = new SFNClient({ ...sdkRetryOptions() });

/**
 * Starts the review workflow. The execution name is the review id, so a repeated start of the
 * same review is refused by Step Functions instead of running twice.
 */
export async function startReviewExecution(reviewId: string, input: object): Promise<string> {
  const reviewStateMachineArn = getReviewStateMachineArn();
  const result = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: reviewStateMachineArn,
      name: reviewId,
      input: JSON.stringify(input),
    }),
  );
  return result.executionArn ?? '';
}

/** Starts a campaign's media chain workflow, named after the campaign (so it starts once). */
export async function startMediaChainExecution(campaignId: string, input: object): Promise<string> {
  const result = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: getMediaChainStateMachineArn(),
      name: campaignId,
      input: JSON.stringify(input),
    }),
  );
  return result.executionArn ?? '';
}

/** Stops an execution whose subject was never recorded (its start lost a race or failed). */
export async function stopExecution(executionArn: string, error: string, cause: string): Promise<void> {
  await sfn.send(new StopExecutionCommand({ executionArn, error, cause }));
}

/**
 * Resumes a waiting step. A token that has timed out or was already used is not an error here:
 * the step's state in the table is the truth, and the workflow reads it when it next wakes.
 */
export async function resumeStep(taskToken: string, output: object): Promise<boolean> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken)
      return false;
    throw error;
  }
}
