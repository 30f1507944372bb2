import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { sdkRetryOptions } from './retries.js';
import { traced } from './telemetry.js';

let lambdaClient: LambdaClient | undefined;

/**
 * One Lambda client per container, made on first use (only the scheduled jobs invoke); the endpoint
 * comes from the SDK configuration (the local runner's).
 */
const lambda = () => (lambdaClient ??= traced(new LambdaClient({ ...sdkRetryOptions() })));

/**
 * Invokes a function asynchronously (Lambda queues the event, retries a failure twice, then sends
 * it to the function's on-failure destination). A scheduled job hands its next segment to itself so.
 */
export async function invokeLater(functionArn: string, event: object): Promise<void> {
  const out = await lambda().send(
    new InvokeCommand({
      FunctionName: functionArn,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(event)),
    }),
  );
  if (out.StatusCode !== 202)
    throw new Error(`Lambda did not queue the invocation (status ${out.StatusCode})`);
}
