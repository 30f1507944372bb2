import { downloadReportFile, listReports, regenerateReport } from '../../shared/media/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { mediaReportRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.listReports, async (req) =>
    ok(await listReports(req.actorId, req.params.campaignId, req.query)),
  ),
  implement(r.downloadReportFile, async (req) =>
    ok(await downloadReportFile(req.actorId, req.params.campaignId, req.params.reportId, req.params.format)),
  ),
  implement(r.regenerateReport, async (req) =>
    created(
      await regenerateReport(req.actorId, req.params.campaignId, req.idempotency),
      (report: { campaignId: string }) => `/media-campaigns/${report.campaignId}/reports`,
    ),
  ),
]);
