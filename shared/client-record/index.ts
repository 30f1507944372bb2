/**
 * The client record: what the account team keeps besides the work itself — competitive activity
 * and store checks (share of voice by channel; briefs cite entries), new-business pitches with
 * the conflict check, staff evaluations and the manager view of each report's work.
 */
export {
  citeInBrief,
  completeSample,
  createCompetitiveEntry,
  getCompetitiveEntry,
  listBriefCitations,
  listCompetitiveActivity,
} from './competitive.js';
export * from './competitive-schemas.js';
export * from './evaluation-schemas.js';
export {
  acknowledgeEvaluation,
  createEvaluation,
  evaluationFormsView,
  getEvaluation,
  listEvaluations,
  managerView,
  submitEvaluation,
  updateEvaluation,
} from './evaluations.js';
export * from './pitch-schemas.js';
export { createPitch, decideConflict, getPitch, listPitches, recordOutcome, updatePitch } from './pitches.js';
