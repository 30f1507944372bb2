import type { EventBridgeEvent } from 'aws-lambda';
import { minutesWorkflowStopped } from '../../shared/client-record/index.js';
import { chainStopped, importRunStopped } from '../../shared/media/index.js';
import {
  getMediaChainStateMachineArn,
  getMinutesStateMachineArn,
  getMonitoringImportStateMachineArn,
  getReviewStateMachineArn,
} from '../../shared/platform/config.js';
import type { StoppedExecution } from '../../shared/platform/workflow.js';
import { reviewWorkflowStopped } from '../../shared/signoff/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

registerSignOffSubjects();

/** The detail of a Step Functions "Execution Status Change" event (the fields used here). */
interface ExecutionStatusChange {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate: number | null;
  /** The execution's input as JSON text (left out only when input and output exceed 248 KB). */
  input: string | null;
  error?: string | null;
  cause?: string | null;
}

export type ExecutionStatusEvent = EventBridgeEvent<
  'Step Functions Execution Status Change',
  ExecutionStatusChange
>;

const stoppedStatuses = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Step Functions reports an execution of the review workflow, the media chain, the monitoring
 * import workflow or the minutes workflow that stopped without finishing (FAILED, TIMED_OUT, ABORTED; the EventBridge rule
 * passes only those): the review is marked failed and its subject freed, the campaign's chain
 * marked stopped, or the import marked failed, and the people concerned are told
 * (`shared/signoff/recovery.ts`, `shared/media/chain.ts`, `shared/media/monitoring.ts`). Only the
 * execution that currently runs its review or campaign counts, so stops of replaced, never
 * recorded or cancelled executions, and repeated deliveries, change nothing. Errors propagate so
 * EventBridge retries.
 */
async function recover(event: ExecutionStatusEvent): Promise<{ marked: boolean }> {
  const detail = event.detail;
  logger.appendKeys({ execution: detail.name, status: detail.status });
  if (!stoppedStatuses.has(detail.status)) return { marked: false };
  const input = detail.input ? (JSON.parse(detail.input) as Record<string, unknown>) : {};
  const clientId = typeof input.clientId === 'string' ? input.clientId : undefined;
  const stopped: StoppedExecution = {
    status: detail.status as StoppedExecution['status'],
    executionName: detail.name,
    error: detail.error ?? undefined,
    cause: detail.cause ?? undefined,
    stoppedAt: new Date(detail.stopDate ?? Date.parse(event.time)).toISOString(),
  };
  let marked = false;
  if (
    detail.stateMachineArn === getReviewStateMachineArn() &&
    clientId &&
    typeof input.reviewId === 'string'
  ) {
    marked = await reviewWorkflowStopped({ clientId, reviewId: input.reviewId }, stopped);
  } else if (
    detail.stateMachineArn === getMediaChainStateMachineArn() &&
    clientId &&
    typeof input.campaignId === 'string'
  ) {
    marked = await chainStopped({ clientId, campaignId: input.campaignId }, stopped);
  } else if (
    detail.stateMachineArn === getMonitoringImportStateMachineArn() &&
    clientId &&
    typeof input.campaignId === 'string' &&
    typeof input.importId === 'string' &&
    typeof input.attempt === 'number' &&
    typeof input.actorId === 'string'
  ) {
    marked = await importRunStopped(
      {
        clientId,
        campaignId: input.campaignId,
        importId: input.importId,
        attempt: input.attempt,
        actorId: input.actorId,
      },
      stopped,
    );
  } else if (
    detail.stateMachineArn === getMinutesStateMachineArn() &&
    clientId &&
    typeof input.reportId === 'string' &&
    typeof input.number === 'number'
  ) {
    marked = await minutesWorkflowStopped(
      { clientId, reportId: input.reportId, number: input.number },
      stopped,
    );
  } else {
    logger.warn('A stopped execution this function does not recover', {
      stateMachineArn: detail.stateMachineArn,
    });
  }
  logger.info(marked ? 'Marked stopped' : 'Nothing to mark (not the current execution, or marked already)');
  return { marked };
}

export const handler = instrumented<ExecutionStatusEvent, { marked: boolean }>().handler(recover);
