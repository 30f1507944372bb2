/**
 * The sign-off engine: reviews of one exact version of a subject through internal and client
 * steps, with deadlines, reminders, escalation, emailed single-use links, decisions and
 * evidence. It knows no subject: contexts export a `Subject` and functions register it.
 */
export {
  type ApprovalPageFacts,
  completeWrittenConfirmation,
  decideAsStaff,
  decideByLink,
  downloadWrittenConfirmation,
  getApproval,
  getReviewChain,
  type LinkPage,
  listMyApprovals,
  renewLink,
  requestWrittenConfirmation,
  showLinkPage,
} from './decisions.js';
export { cancelReview, restartReview, reviewWorkflowStopped } from './recovery.js';
export {
  advanceReview,
  armStep,
  newSubjectVersion,
  startReview,
  stepDeadline,
  type WorkflowTaskInput,
} from './reviews.js';
export * from './schemas.js';
export { registerSubjects, type ShownContent, type Subject } from './subjects.js';
export { handleUndeliverableMail } from './undeliverable-mail.js';
