import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda.js';

/** A Lambda context for calling a handler directly in a test (as the local runner would). */
export function testContext(functionName = 'test-function', timeoutSeconds = 30): Context {
  return lambdaContext({
    logicalId: functionName,
    functionName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    entry: '',
    exportName: 'handler',
    environment: {},
    timeoutSeconds,
    memoryMb: 512,
  });
}
