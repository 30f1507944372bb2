import type { Context } from 'aws-lambda';
import {
  failImportRun,
  type ImportRun,
  importChunk,
  notifyImportFinished,
} from '../../shared/media/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';

/**
 * The monitoring import workflow's task function. `chunk` imports as much as this invocation's
 * time allows (leaving a margin to save its progress) and says whether more is to come; `fail`
 * marks an import whose chunk kept failing; `notify` emails the uploader once the import ended.
 */
export type MonitoringImportTaskEvent =
  | ({ op: 'chunk' } & ImportRun)
  | ({ op: 'fail'; error?: { Error?: string; Cause?: string } } & ImportRun)
  | ({ op: 'notify' } & ImportRun);

/** Time kept back from each chunk: saving progress, and the answer to Step Functions. */
const marginMs = 10_000;

async function run(event: MonitoringImportTaskEvent, context: Context) {
  logger.appendKeys({ importId: event.importId, attempt: event.attempt, op: event.op });
  switch (event.op) {
    case 'chunk':
      return importChunk(event, Math.max(1_000, context.getRemainingTimeInMillis() - marginMs));
    case 'fail':
      logger.error('Monitoring import stopped', { cause: event.error?.Error });
      await failImportRun(event, event.error?.Error);
      return { failed: true };
    case 'notify':
      return notifyImportFinished(event);
  }
}

export const handler = instrumented<MonitoringImportTaskEvent, Awaited<ReturnType<typeof run>>>().handler(
  run,
);
