import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What the data-heavy benches (reconciliation, ageing, profitability) share: seeding the table
 * straight, and measuring in a child process, so its peak memory is the measured work's alone.
 */

/** Puts `items` in 25-item batches, eight batches at a time, until none is left unprocessed; the time it took (ms). */
export async function seedItems(tableName: string, items: Record<string, unknown>[]): Promise<number> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const started = performance.now();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await documents.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
          );
          requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }
    }),
  );
  return performance.now() - started;
}

/**
 * Runs `script child ...args` in a fresh Node process and parses the JSON line it prints last.
 * Asynchronously: a local service the child calls (the local SES) may be served by this process.
 */
export async function measureInChild<T>(script: string, args: string[] = []): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, 'child', ...args],
    {
      env: process.env,
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

/** What a child measures of its work: wall and CPU time, memory at rest and at peak, table requests. */
export interface ChildFigures {
  ms: number;
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  requests: number;
  commands: Record<string, number>;
}

/** Runs `work` in the child, measured (call it once its modules are loaded). */
export async function measureWork<T>(
  work: () => Promise<T>,
): Promise<{ result: T; figures: ChildFigures; requestsSoFar: () => number }> {
  const { tableClient } = await import('../shared/platform/db/client.js');
  const commands: Record<string, number> = {};
  let requests = 0;
  tableClient.middlewareStack.add(
    (next, context) => async (args) => {
      requests++;
      const name = String(context.commandName);
      commands[name] = (commands[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 2);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  return {
    result,
    figures: {
      ms,
      cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
      baselineRss: baseline.rss,
      peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
      peakHeap,
      requests,
      commands: { ...commands },
    },
    // Reads after the work (a comparison of its own) keep counting.
    requestsSoFar: () => requests,
  };
}
