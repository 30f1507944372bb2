import {
  acknowledgeEvaluation,
  citeInBrief,
  completeSample,
  concurWithEvaluation,
  createCompetitiveEntry,
  createEvaluation,
  createPitch,
  decideConflict,
  evaluationFormsView,
  getCompetitiveEntry,
  getEvaluation,
  getPitch,
  getWorkReport,
  listBriefCitations,
  listCompetitiveActivity,
  listEvaluations,
  listPitches,
  listReceivedWorkReports,
  listWorkReports,
  managerView,
  recordOutcome,
  requestWorkReport,
  resendWorkReport,
  sendWorkReport,
  submitEvaluation,
  updateEvaluation,
  updatePitch,
  updateWorkReport,
} from '../../shared/client-record/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { accountBookRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.createCompetitiveEntry, async (req) =>
    created(
      await createCompetitiveEntry(req.actorId, req.params.clientId, req.body, req.idempotency),
      (e: { entry: { clientId: string; entryId: string } }) =>
        `/clients/${e.entry.clientId}/competitive-activity/${e.entry.entryId}`,
    ),
  ),
  implement(r.listCompetitiveActivity, async (req) =>
    ok(await listCompetitiveActivity(req.actorId, req.params.clientId, req.query)),
  ),
  implement(r.getCompetitiveEntry, async (req) =>
    ok(await getCompetitiveEntry(req.actorId, req.params.clientId, req.params.entryId)),
  ),
  implement(r.completeCompetitiveSample, async (req) =>
    ok(await completeSample(req.actorId, req.params.clientId, req.params.entryId)),
  ),
  implement(r.citeInBrief, async (req) => {
    const citation = await citeInBrief(req.actorId, req.params.briefId, req.body);
    return { status: 201, body: citation, headers: { location: `/briefs/${citation.briefId}/citations` } };
  }),
  implement(r.listBriefCitations, async (req) =>
    ok(await listBriefCitations(req.actorId, req.params.briefId)),
  ),
  implement(r.createPitch, async (req) =>
    created(
      await createPitch(req.actorId, req.body, req.idempotency),
      (p: { pitchId: string }) => `/pitches/${p.pitchId}`,
    ),
  ),
  implement(r.listPitches, async (req) => ok(await listPitches(req.actorId, req.query))),
  implement(r.getPitch, async (req) => ok(await getPitch(req.actorId, req.params.pitchId))),
  implement(r.updatePitch, async (req) =>
    ok(await updatePitch(req.actorId, req.params.pitchId, req.expectedVersion, req.body)),
  ),
  implement(r.decidePitchConflict, async (req) =>
    ok(await decideConflict(req.actorId, req.params.pitchId, req.body)),
  ),
  implement(r.recordPitchOutcome, async (req) => {
    const result = await recordOutcome(req.actorId, req.params.pitchId, req.body);
    return { status: 200, body: result, headers: { etag: `"${result.pitch.version}"` } };
  }),
  implement(r.evaluationForms, async () => ok(evaluationFormsView())),
  implement(r.createEvaluation, async (req) =>
    created(
      await createEvaluation(req.actorId, req.params.staffId, req.body, req.idempotency),
      (e: { staffId: string; period: string }) => `/staff/${e.staffId}/evaluations/${e.period}`,
    ),
  ),
  implement(r.listEvaluations, async (req) => ok(await listEvaluations(req.actorId, req.params.staffId))),
  implement(r.getEvaluation, async (req) =>
    ok(await getEvaluation(req.actorId, req.params.staffId, req.params.period)),
  ),
  implement(r.updateEvaluation, async (req) =>
    ok(
      await updateEvaluation(
        req.actorId,
        req.params.staffId,
        req.params.period,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
  implement(r.submitEvaluation, async (req) =>
    ok(await submitEvaluation(req.actorId, req.params.staffId, req.params.period)),
  ),
  implement(r.concurWithEvaluation, async (req) =>
    ok(
      await concurWithEvaluation(
        req.actorId,
        req.params.staffId,
        req.params.period,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
  implement(r.acknowledgeEvaluation, async (req) =>
    ok(await acknowledgeEvaluation(req.actorId, req.params.staffId, req.params.period, req.body)),
  ),
  implement(r.managerView, async (req) => ok(await managerView(req.actorId))),
  implement(r.generateWorkReport, async (req) =>
    ok(await requestWorkReport(req.actorId, req.params.staffId, req.body)),
  ),
  implement(r.listWorkReports, async (req) =>
    ok({ items: await listWorkReports(req.actorId, req.params.staffId) }),
  ),
  implement(r.getWorkReport, async (req) =>
    ok(await getWorkReport(req.actorId, req.params.staffId, req.params.month)),
  ),
  implement(r.updateWorkReport, async (req) =>
    ok(
      await updateWorkReport(
        req.actorId,
        req.params.staffId,
        req.params.month,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
  implement(r.sendWorkReport, async (req) =>
    ok(await sendWorkReport(req.actorId, req.params.staffId, req.params.month, req.expectedVersion)),
  ),
  implement(r.resendWorkReport, async (req) =>
    ok(await resendWorkReport(req.actorId, req.params.staffId, req.params.month, req.expectedVersion)),
  ),
  implement(r.listReceivedWorkReports, async (req) =>
    ok({ items: await listReceivedWorkReports(req.actorId) }),
  ),
]);
