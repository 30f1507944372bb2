import {
  createContactReport,
  getContactReport,
  getReportCadence,
  getStatusReport,
  issueContactReport,
  listContactReports,
  listStatusReports,
  requestStatusReport,
  resendStatusReport,
  restartContactReport,
  sendStatusReport,
  setNextStepProgress,
  setReportCadence,
  updateContactReport,
} from '../../shared/client-record/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { contactReportRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.createContactReport, async (req) =>
    created(
      await createContactReport(req.actorId, req.params.clientId, req.body, req.idempotency),
      (report: { reportId: string }) => `/contact-reports/${report.reportId}`,
    ),
  ),
  implement(r.listContactReports, async (req) =>
    ok(await listContactReports(req.actorId, req.params.clientId, req.query)),
  ),
  implement(r.getContactReport, async (req) =>
    ok(await getContactReport(req.actorId, req.params.contactReportId)),
  ),
  implement(r.updateContactReport, async (req) =>
    ok(await updateContactReport(req.actorId, req.params.contactReportId, req.expectedVersion, req.body)),
  ),
  implement(r.issueContactReport, async (req) =>
    ok(await issueContactReport(req.actorId, req.params.contactReportId, req.expectedVersion)),
  ),
  implement(r.restartContactReport, async (req) =>
    ok(await restartContactReport(req.actorId, req.params.contactReportId)),
  ),
  implement(r.setNextStepProgress, async (req) =>
    ok(
      await setNextStepProgress(
        req.actorId,
        req.params.contactReportId,
        req.params.stepId,
        req.expectedVersion,
        req.body.status,
      ),
    ),
  ),
  implement(r.generateStatusReport, async (req) =>
    ok(await requestStatusReport(req.actorId, req.params.clientId, req.body)),
  ),
  implement(r.listStatusReports, async (req) =>
    ok({ items: await listStatusReports(req.actorId, req.params.clientId) }),
  ),
  implement(r.getStatusReport, async (req) =>
    ok(await getStatusReport(req.actorId, req.params.clientId, req.params.statusReportId)),
  ),
  implement(r.sendStatusReport, async (req) =>
    ok(await sendStatusReport(req.actorId, req.params.clientId, req.params.statusReportId)),
  ),
  implement(r.resendStatusReport, async (req) =>
    ok(
      await resendStatusReport(
        req.actorId,
        req.params.clientId,
        req.params.statusReportId,
        req.expectedVersion,
      ),
    ),
  ),
  implement(r.getReportCadence, async (req) => ok(await getReportCadence(req.actorId, req.params.clientId))),
  implement(r.setReportCadence, async (req) =>
    ok(await setReportCadence(req.actorId, req.params.clientId, req.expectedVersion, req.body)),
  ),
]);
