import {
  awaitStage,
  type ChainStage,
  type ChainTaskInput,
  openBooking,
  stageOverdue,
} from '../../shared/media/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';

/**
 * The media chain state machine's task function. `await` is the waiting task's callback start
 * (it keeps the task token); `overdue` runs when a week passed without the confirmation;
 * `open-booking` moves the campaign to booking. Every event carries its state's entered time
 * (the task's "now"). The event carries a task token: never logged.
 */
export type MediaChainTaskEvent =
  | ({ op: 'await'; stage: ChainStage; taskToken: string } & ChainTaskInput)
  | ({ op: 'overdue'; stage: ChainStage; waits: number; maxWaits: number } & ChainTaskInput)
  | ({ op: 'open-booking' } & ChainTaskInput);

async function run(event: MediaChainTaskEvent) {
  logger.appendKeys({ campaignId: event.campaignId, op: event.op });
  switch (event.op) {
    case 'await':
      await awaitStage(event);
      return { armed: true };
    case 'overdue':
      return stageOverdue(event);
    case 'open-booking':
      await openBooking(event);
      return { open: true };
  }
}

export const handler = instrumented<MediaChainTaskEvent, Awaited<ReturnType<typeof run>>>().handler(run);
