/**
 * Vitest global setup of the `integration` project: one local stack for the whole run
 * (DynamoDB Local in memory, temp S3/SES, any free ports, no demo data), shared by every
 * test file. Tests reach it over HTTP (`tests/support/api.ts`) or with the provided env.
 */
import type { TestProject } from 'vitest/node';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import './context.js';

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  stack = await startLocalStack({
    ports: { api: 0, dynamodb: 0, s3: 0, ses: 0 },
    persist: false,
    seed: false,
    log: (message) => {
      if (process.env.AD_TEST_VERBOSE) console.error(message);
    },
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('inboxUrl', stack.inboxUrl);
  project.provide('dynamodbEndpoint', stack.endpoints.dynamodb ?? '');
  project.provide('s3Endpoint', stack.endpoints.s3 ?? '');
  project.provide('tableName', stack.tableName);
  project.provide('buckets', stack.buckets);
  project.provide('env', stack.env);
  project.provide('privateJwk', stack.privateJwk);
  project.provide('publicJwk', stack.publicJwk);
}

export async function teardown() {
  await stack?.stop();
  stack = undefined;
}
