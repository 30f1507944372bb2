/**
 * Media: campaigns with versioned briefs; plans (recommendation, master plan, monthly
 * schedules) whose versions the client confirms through the sign-off engine (`mediaPlanSubject`);
 * the media chain workflow; bookings gated on the confirmed version, with insertion orders;
 * material requisitions; monitoring imports and discrepancies; post-campaign reports.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { mediaRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(mediaRefusalWords);

export {
  createBooking,
  downloadInsertionOrder,
  getBooking,
  listBookings,
  resendInsertionOrder,
  updateBooking,
} from './bookings.js';
export {
  createCampaign,
  getCampaign,
  listBriefVersions,
  listJobCampaigns,
  reviseBrief,
} from './campaigns.js';
export {
  awaitStage,
  type ChainStage,
  type ChainTaskInput,
  chainStopped,
  openBooking,
  restartChain,
  stageOverdue,
} from './chain.js';
export { listDiscrepancies, recomputeDiscrepancies, resolveDiscrepancy } from './discrepancies.js';
export { openDocumentLink } from './documents.js';
export {
  createMaterialRequisition,
  getMaterialRequisition,
  linkMaterial,
  listBookingMaterials,
  listCampaignMaterials,
  materialWarnings,
} from './materials.js';
export { documentLinkWords } from './messages.js';
export { bookingsNameRegisteredVendors, mediaMoneyInMinorUnits } from './migrations.js';
export {
  completeMonitoringImport,
  createMonitoringImport,
  failImportRun,
  getMonitoringImport,
  type ImportRun,
  importChunk,
  importRunStopped,
  importUploadedFile,
  listDeliveryRows,
  listMonitoringImports,
  monitoringImportOfObjectKey,
  notifyImportFinished,
  replaceMonitoringImport,
  retryMonitoringImport,
} from './monitoring.js';
export { mediaPlanSubject } from './plan-subject.js';
export {
  createPlanVersion,
  downloadPlanVersion,
  getPlan,
  getPlanVersion,
  listCampaignPlans,
} from './plans.js';
export {
  downloadReportFile,
  duePostCampaignReports,
  generateReport,
  listReports,
  regenerateReport,
} from './post-campaign-reports.js';
export * from './report-schemas.js';
export * from './schemas.js';
