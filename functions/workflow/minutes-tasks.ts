import {
  armMinutes,
  checkMinutes,
  type MinutesTaskInput,
  sendMinutes,
} from '../../shared/client-record/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';

/**
 * The minutes workflow's task function (one execution per issued version of a contact report).
 * `send` opens the window and emails what was not sent; `await` stores the waiting task's token;
 * `check` reads the table after a wake-up (confirmed by silence at the deadline, wait on, or tell
 * the outcome and end). Every event carries its state's entered time (the task's "now") and the
 * execution's name. Errors are thrown, so Step Functions retries. The task token is never logged.
 */
export type MinutesTaskEvent =
  | ({ op: 'send' } & MinutesTaskInput)
  | ({ op: 'await'; taskToken: string } & MinutesTaskInput)
  | ({ op: 'check' } & MinutesTaskInput);

async function run(event: MinutesTaskEvent) {
  logger.appendKeys({
    reportId: event.reportId,
    version: event.number,
    op: event.op,
    execution: event.execution,
  });
  switch (event.op) {
    case 'send':
      return sendMinutes(event);
    case 'await':
      await armMinutes(event);
      return { armed: true };
    case 'check':
      return checkMinutes(event);
  }
}

export const handler = instrumented<MinutesTaskEvent, Awaited<ReturnType<typeof run>>>().handler(run);
