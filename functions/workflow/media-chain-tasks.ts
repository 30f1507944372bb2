import {
  awaitStage,
  type ChainInput,
  type ChainStage,
  openBooking,
  stageOverdue,
} from '../../shared/media/index.js';
import { logger } from '../logger.js';

/**
 * The media chain state machine's task function. `await` is the waiting task's callback start
 * (it keeps the task token); `overdue` runs when a week passed without the confirmation;
 * `open-booking` moves the campaign to booking. The event carries a task token: never logged.
 */
export type MediaChainTaskEvent =
  | ({ op: 'await'; stage: ChainStage; taskToken: string } & ChainInput)
  | ({ op: 'overdue'; stage: ChainStage } & ChainInput)
  | ({ op: 'open-booking' } & ChainInput);

export async function handler(event: MediaChainTaskEvent) {
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
