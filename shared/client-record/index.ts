/**
 * The client record (issue 15): contact and call reports with the one-working-day rule for
 * minutes (the minutes workflow's operations, the client's page behind each attendee's link),
 * next steps as tasks.
 */
export {
  createContactReport,
  getContactReport,
  issueContactReport,
  listContactReports,
  restartContactReport,
  setNextStepProgress,
  updateContactReport,
} from './contact-reports.js';
export {
  answerMinutesByLink,
  type MinutesPage,
  showMinutesPage,
} from './minutes-answers.js';
export { minutesBody, minutesStyle } from './minutes-document.js';
export {
  armMinutes,
  checkMinutes,
  type MinutesTaskInput,
  minutesWorkflowStopped,
  sendMinutes,
} from './minutes-workflow.js';
export * from './schemas.js';
export { wordingFor } from './wording.js';
