/**
 * X-Ray traces without the X-Ray SDK (`shared/platform/tracing.ts`): a sampled invocation sends
 * its handler subsegment and one subsegment per AWS SDK call under it, in the X-Ray daemon's UDP
 * format; the trace header goes on to the service called; an unsampled invocation, or tracing
 * off, sends nothing.
 */
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTracing, type SubsegmentDocument } from '../../shared/platform/tracing.js';

const root = '1-5759e988-bd862e3fe1be46a994272793';
const lambdaSegment = '53995c3f42cd8ad8';
const saved = { ...process.env };

beforeEach(() => {
  process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
  process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${lambdaSegment};Sampled=1`;
  delete process.env.POWERTOOLS_TRACE_ENABLED;
});
afterEach(() => {
  process.env = { ...saved };
});

/** A DynamoDB client whose requests never leave the process: each answers `status`. */
function dynamo(status: number, seen: { headers: Record<string, string> }[]) {
  return new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        seen.push(request);
        const body =
          status === 200
            ? '{}'
            : '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}';
        const { Readable } = await import('node:stream');
        return {
          response: {
            statusCode: status,
            headers: { 'x-amzn-requestid': 'REQ1', 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    } as never,
  });
}

describe('tracing', () => {
  it('sends the handler subsegment and each SDK call under it, and passes the trace on', async () => {
    const sent: SubsegmentDocument[] = [];
    const tracing = createTracing((document) => sent.push(document));
    const requests: { headers: Record<string, string> }[] = [];
    const ok = tracing.capture(dynamo(200, requests));
    const missing = tracing.capture(dynamo(400, requests));

    tracing.beginInvocation('index.handler', 'reviews');
    await ok.send(new GetItemCommand({ TableName: 'desk', Key: { pk: { S: 'x' } } }));
    await expect(
      missing.send(new GetItemCommand({ TableName: 'gone', Key: { pk: { S: 'x' } } })),
    ).rejects.toThrow('no table');
    tracing.endInvocation(new Error('boom'));

    const [call, failed, handler] = sent;
    expect(handler).toMatchObject({
      type: 'subsegment',
      trace_id: root,
      parent_id: lambdaSegment,
      name: '## index.handler',
      annotations: { ColdStart: true, Service: 'reviews' },
      fault: true,
    });
    expect(handler?.cause?.exceptions[0]).toMatchObject({ message: 'boom', type: 'Error' });
    expect(handler!.end_time!).toBeGreaterThanOrEqual(handler!.start_time);
    expect(call).toMatchObject({
      trace_id: root,
      parent_id: handler!.id,
      name: 'DynamoDB',
      namespace: 'aws',
      aws: { operation: 'GetItem', region: 'eu-west-1', request_id: 'REQ1', retries: 0, table_name: 'desk' },
      http: { response: { status: 200 } },
    });
    expect(call?.error).toBeUndefined();
    expect(failed).toMatchObject({
      parent_id: handler!.id,
      error: true,
      http: { response: { status: 400 } },
    });
    expect(failed?.cause?.exceptions[0]).toMatchObject({ type: 'ResourceNotFoundException', remote: true });
    expect(requests[0]?.headers['X-Amzn-Trace-Id']).toBe(`Root=${root};Parent=${call!.id};Sampled=1`);

    // The next invocation is warm.
    tracing.beginInvocation('index.handler', 'reviews');
    tracing.endInvocation();
    expect(sent[3]?.annotations).toEqual({ ColdStart: false, Service: 'reviews' });
    expect(sent[3]?.fault).toBeUndefined();
  });

  it('sends nothing for an unsampled invocation, outside Lambda, or with tracing off', async () => {
    const sent: SubsegmentDocument[] = [];
    const tracing = createTracing((document) => sent.push(document));
    const client = tracing.capture(dynamo(200, []));
    const invoke = async () => {
      tracing.beginInvocation('index.handler', 'reviews');
      await client.send(new GetItemCommand({ TableName: 'desk', Key: { pk: { S: 'x' } } }));
      tracing.endInvocation();
    };
    process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${lambdaSegment};Sampled=0`;
    await invoke();
    process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${lambdaSegment};Sampled=1`;
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';
    await invoke();
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    delete process.env.AWS_EXECUTION_ENV;
    await invoke();
    expect(sent).toEqual([]);
  });

  it('sends each document to the X-Ray daemon over UDP with the daemon header', async () => {
    const daemon = createSocket('udp4');
    daemon.bind(0, '127.0.0.1');
    await once(daemon, 'listening');
    process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
    const received = once(daemon, 'message');
    const tracing = createTracing();
    tracing.beginInvocation('index.handler', 'reviews');
    tracing.endInvocation();
    const [message] = (await received) as [Buffer];
    daemon.close();
    const [header, body] = message.toString().split('\n');
    expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
    expect(JSON.parse(body!)).toMatchObject({ type: 'subsegment', name: '## index.handler', trace_id: root });
  });
});
