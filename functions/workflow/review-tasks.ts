import { advanceReview, armStep, stepDeadline, type WorkflowTaskInput } from '../../shared/signoff/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

registerSignOffSubjects();

/**
 * The review state machine's task function. `advance` opens the next step (or ends the
 * review); `await` is the waiting task's callback start (it stores the task token); `deadline`
 * runs when a wait timed out. Every event carries its state's entered time (the task's "now")
 * and the execution's name. Errors are thrown, never swallowed, so Step Functions retries.
 * The event carries a task token: it is never logged.
 */
export type ReviewTaskEvent =
  | ({ op: 'advance' } & WorkflowTaskInput)
  | ({ op: 'await'; stepNo: number; taskToken: string } & WorkflowTaskInput)
  | ({ op: 'deadline'; stepNo: number } & WorkflowTaskInput);

async function run(event: ReviewTaskEvent) {
  logger.appendKeys({ reviewId: event.reviewId, op: event.op, execution: event.execution });
  switch (event.op) {
    case 'advance':
      return advanceReview(event);
    case 'await':
      await armStep(event);
      return { armed: true };
    case 'deadline':
      return stepDeadline(event);
  }
}

export const handler = instrumented<ReviewTaskEvent, Awaited<ReturnType<typeof run>>>().handler(run);
