/**
 * The client record (issue 15): what the account team keeps besides the work itself — contact and
 * call reports with the one-working-day rule for minutes (the minutes workflow's operations, the
 * client's page behind each attendee's link), next steps as tasks; competitive activity and store
 * checks (share of voice by channel; briefs cite entries), new-business pitches with the conflict
 * check, staff evaluations and the manager view of each report's work; the weekly status report
 * of each client to its account team.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { clientRecordRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(clientRecordRefusalWords);

export {
  citeInBrief,
  completeSample,
  createCompetitiveEntry,
  getCompetitiveEntry,
  listBriefCitations,
  listCompetitiveActivity,
} from './competitive.js';
export * from './competitive-schemas.js';
export {
  createContactReport,
  getContactReport,
  issueContactReport,
  listContactReports,
  restartContactReport,
  setNextStepProgress,
  updateContactReport,
} from './contact-reports.js';
export * from './evaluation-schemas.js';
export {
  acknowledgeEvaluation,
  concurWithEvaluation,
  createEvaluation,
  evaluationFormsView,
  getEvaluation,
  listEvaluations,
  managerView,
  submitEvaluation,
  updateEvaluation,
} from './evaluations.js';
export { minutesWords } from './messages.js';
export { reportsRecordTheirEmails, statusReportsKeyedByPeriod } from './migrations.js';
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
export * from './pitch-schemas.js';
export { createPitch, decideConflict, getPitch, listPitches, recordOutcome, updatePitch } from './pitches.js';
export * from './schemas.js';
export * from './status-report-schemas.js';
export {
  generateStatusReport,
  getReportCadence,
  getStatusReport,
  listStatusReports,
  requestStatusReport,
  resendStatusReport,
  scheduledStatusReport,
  sendStatusReport,
  setReportCadence,
  statusReports,
} from './status-reports.js';
export * from './work-report-schemas.js';
export {
  getWorkReport,
  listReceivedWorkReports,
  listWorkReports,
  requestWorkReport,
  resendWorkReport,
  scheduledWorkReport,
  sendWorkReport,
  updateWorkReport,
  workReports,
} from './work-reports.js';
