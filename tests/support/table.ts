/**
 * The shared table of the integration run, for tests that write or read items directly
 * (as a deploy, the S3 event or the passing of a deadline would leave them).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import './context.js';

let client: DynamoDBDocumentClient | undefined;

/** One document client per test worker, on the local DynamoDB. */
export function documents(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamodbEndpoint'),
      region: process.env.AWS_REGION ?? 'us-east-1',
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return client;
}

export const tableName = (): string => inject('tableName');
