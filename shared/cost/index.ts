/**
 * Cost: a job's estimates — priced lines, versions, the client's signature with the timetable
 * through the sign-off engine (`estimateSubject`), change orders — and the job's spend ledger
 * (entities.ts) that purchase orders and bookings are checked against.
 */
export {
  createEstimate,
  downloadEstimateDocument,
  getEstimate,
  getEstimateVersion,
  listEstimateVersions,
  listJobEstimates,
  previewEstimate,
  reviseEstimate,
  updateDraft,
} from './estimates.js';
export { signedEstimateLines } from './lines.js';
export * from './schemas.js';
export { estimateSubject } from './subject.js';
