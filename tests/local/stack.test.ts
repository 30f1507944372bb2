/** The stack started by the integration global setup: resources created from the CDK template. */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { tableSchema } from '../../shared/platform/db/table-schema.js';
import { api, bootstrapHead } from '../support/api.js';

describe('local stack (global setup)', () => {
  it('created the table from the CDK definition, with every GSI', async () => {
    const client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint') });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: inject('tableName') }));
    client.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      tableSchema.globalSecondaryIndexes.map((i) => i.indexName).sort(),
    );
  });

  it('created a local bucket for every bucket of the template', async () => {
    const buckets = Object.values(inject('buckets'));
    expect(buckets.length).toBeGreaterThan(0);
    const s3 = new S3Client({ endpoint: inject('s3Endpoint') });
    for (const Bucket of buckets)
      await expect(s3.send(new HeadBucketCommand({ Bucket }))).resolves.toBeDefined();
    s3.destroy();
  });

  it('serves the HTTP API: unknown routes 404, staff tokens accepted', async () => {
    const missing = await api('GET', '/definitely/not/a/route');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Not Found' });

    const { staff, token } = await bootstrapHead();
    expect(staff.role).toBe('head_of_accounts');
    const anonymous = await api('GET', '/clients');
    expect(anonymous.status).toBe(401);
    const authorized = await api('GET', '/clients', { token });
    expect(authorized.status).toBe(200);
  });
});
