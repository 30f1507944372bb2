/**
 * The sign-off engine: reviews of one exact version of a subject through internal and client
 * steps, with deadlines, reminders, escalation, emailed single-use links, decisions and
 * evidence. It knows no subject: contexts export a `Subject` and functions register it.
 */
export { badTokenLimit, throttleWindowSeconds } from './approval-links.js';
export {
  type ApprovalPageFacts,
  completeWrittenConfirmation,
  decideAsStaff,
  decideByLink,
  getApproval,
  getReviewChain,
  type LinkPage,
  listMyApprovals,
  renewLink,
  requestWrittenConfirmation,
  showLinkPage,
} from './decisions.js';
export {
  advanceReview,
  armStep,
  newSubjectVersion,
  startReview,
  stepDeadline,
  type WorkflowInput,
} from './reviews.js';
export * from './schemas.js';
export { registerSubjects, type Subject } from './subjects.js';
