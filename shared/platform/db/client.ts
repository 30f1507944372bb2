import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getTableConfig } from '../config.js';
import { sdkRetryOptions } from '../retries.js';
import { traced } from '../telemetry.js';

/**
 * One client per container, built at cold start. The endpoint comes from the standard
 * SDK configuration (AWS_ENDPOINT_URL_DYNAMODB locally), never from code; retries follow
 * `retries.ts`.
 */
export const documentClient = DynamoDBDocumentClient.from(
  traced(new DynamoDBClient({ ...sdkRetryOptions() })),
  {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  },
);

export const tableName = (): string => getTableConfig().tableName;
