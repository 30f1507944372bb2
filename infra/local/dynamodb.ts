/**
 * DynamoDB Local (Amazon's emulator, Java) with the tables of the synthesized template.
 */
import { mkdirSync } from 'node:fs';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ListTablesCommand,
  type LocalSecondaryIndex,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
// @ts-expect-error plain ESM script without types
import { dynamoDbLocalDir, ensureDynamoDbLocal } from '../../scripts/install-dynamodb-local.mjs';
import { freePort } from './ports.js';
import { spawnGuarded } from './processes.js';
import type { LocalService } from './services.js';
import type { CfnResource, TemplateResolver } from './template.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function dynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 2,
  });
}

const TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

/** CreateTable input for a table resource of the template (on-demand, as deployed). */
export function createTableInput(
  resolver: TemplateResolver,
  logicalId: string,
  resource: CfnResource,
): CreateTableCommandInput {
  const p = resolver.resolve(resource.Properties ?? {}) as Record<string, unknown>;
  const gsis = (p.GlobalSecondaryIndexes as Array<Record<string, unknown>> | undefined)?.map(
    (g): GlobalSecondaryIndex => ({
      IndexName: g.IndexName as string,
      KeySchema: g.KeySchema as KeySchemaElement[],
      Projection: (g.Projection as GlobalSecondaryIndex['Projection']) ?? { ProjectionType: 'ALL' },
    }),
  );
  const lsis = (p.LocalSecondaryIndexes as Array<Record<string, unknown>> | undefined)?.map(
    (l): LocalSecondaryIndex => ({
      IndexName: l.IndexName as string,
      KeySchema: l.KeySchema as KeySchemaElement[],
      Projection: (l.Projection as LocalSecondaryIndex['Projection']) ?? { ProjectionType: 'ALL' },
    }),
  );
  const stream = p.StreamSpecification as { StreamViewType?: string } | undefined;
  return {
    TableName: resolver.physicalName(logicalId),
    KeySchema: p.KeySchema as KeySchemaElement[],
    AttributeDefinitions: p.AttributeDefinitions as AttributeDefinition[],
    BillingMode: 'PAY_PER_REQUEST',
    ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis?.length ? { LocalSecondaryIndexes: lsis } : {}),
    ...(stream?.StreamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' } }
      : {}),
  };
}

/** Creates every table of the template that does not exist yet; returns the names created. */
export async function createTables(client: DynamoDBClient, resolver: TemplateResolver): Promise<string[]> {
  const created: string[] = [];
  for (const type of TABLE_TYPES) {
    for (const [logicalId, resource] of resolver.resourcesOfType(type)) {
      const input = createTableInput(resolver, logicalId, resource);
      try {
        await client.send(new CreateTableCommand(input));
        created.push(input.TableName!);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        continue; // kept from an earlier run
      }
      const ttl = (resolver.resolve(resource.Properties?.TimeToLiveSpecification) ?? undefined) as
        | { AttributeName?: string; Enabled?: boolean }
        | undefined;
      if (ttl?.Enabled && ttl.AttributeName) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: input.TableName,
            TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
          }),
        );
      }
    }
  }
  return created;
}

export const tableNames = (resolver: TemplateResolver): string[] =>
  TABLE_TYPES.flatMap((type) => resolver.resourcesOfType(type).map(([id]) => resolver.physicalName(id)));

async function waitUntilReady(client: DynamoDBClient, exited: Promise<unknown>, output: () => string) {
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (dead) throw new Error(`DynamoDB Local exited before it was ready:\n${output()}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local not ready after 60 s: ${String(error)}\n${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export const dynamoDbService: LocalService = {
  name: 'dynamodb',
  async start({ port: requested, persist, dataDir, resolver, log }) {
    ensureDynamoDbLocal({ log });
    const port = requested || (await freePort());
    const storage = persist ? ['-dbPath', dataDir] : ['-inMemory'];
    if (persist) mkdirSync(dataDir, { recursive: true });
    const proc = spawnGuarded(
      'DynamoDB Local',
      'java',
      ['-jar', 'DynamoDBLocal.jar', '-port', String(port), '-sharedDb', '-disableTelemetry', ...storage],
      { cwd: dynamoDbLocalDir },
    );
    const endpoint = `http://127.0.0.1:${port}`;
    const client = dynamoDbClient(endpoint);
    try {
      await waitUntilReady(client, proc.exited, proc.output);
      const created = await createTables(client, resolver);
      for (const name of created) log(`[local] created table ${name}`);
      return {
        endpoint,
        env: { AWS_ENDPOINT_URL_DYNAMODB: endpoint },
        info: { tables: tableNames(resolver), createdTables: created, port },
        async stop() {
          client.destroy();
          await proc.stop();
        },
      };
    } catch (error) {
      client.destroy();
      await proc.stop();
      throw error;
    }
  },
};
