/**
 * The sign-off engine: reviews of one exact version of a subject through internal and client
 * steps, with deadlines, reminders, escalation, emailed single-use links, decisions and
 * evidence. It knows no subject: contexts export a `Subject` and functions register it; observers
 * (a job's schedule) hear of steps opened and settled and of reviews ended, after the fact.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { signoffRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(signoffRefusalWords);

export {
  type ApprovalPageFacts,
  decideAsStaff,
  decideByLink,
  getApproval,
  getReviewChain,
  type LinkPage,
  listMyApprovals,
  renewLink,
  showLinkPage,
} from './decisions.js';
export { signOffWords } from './messages.js';
export {
  registerSignOffObservers,
  type SignOffObserver,
  type SignOffReviewEndedFacts,
  type SignOffStepFacts,
  type SignOffStepSettledFacts,
} from './observers.js';
export { cancelReview, finishPendingReviewEnds, restartReview, reviewWorkflowStopped } from './recovery.js';
export {
  advanceReview,
  armStep,
  newSubjectVersion,
  startReview,
  stepDeadline,
  type WorkflowTaskInput,
} from './reviews.js';
export * from './schemas.js';
export {
  registerSubjects,
  type ShownContent,
  type Subject,
  subjectChainPath,
  subjectItemKey,
} from './subjects.js';
export { reviewTitle, titled } from './titles.js';
export { handleUndeliverableMail } from './undeliverable-mail.js';
export { listMyWork } from './work-queue.js';
export {
  completeWrittenConfirmation,
  countersignWrittenConfirmation,
  downloadWrittenConfirmation,
  getWrittenConfirmation,
  requestWrittenConfirmation,
} from './written-confirmations.js';
