import {
  createEstimate,
  downloadEstimateDocument,
  getEstimate,
  getEstimateVersion,
  listEstimateVersions,
  listJobEstimates,
  previewEstimate,
  reviseEstimate,
  updateDraft,
} from '../../shared/cost/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { costRoutes as r } from './routes.js';

registerSignOffSubjects();

/** The version's own optimistic version is what a draft's edit is locked on. */
const withVersionTag = <T extends { version: { version: number } }>(detail: T) => ({
  status: 200,
  body: detail,
  headers: { etag: `"${detail.version.version}"` },
});

export const handler = httpApi([
  implement(r.createEstimate, async (req) =>
    created(
      await createEstimate(req.actorId, req.params.jobId, req.body, req.idempotency),
      (result: { estimate: { estimateId: string } }) => `/estimates/${result.estimate.estimateId}`,
    ),
  ),
  implement(r.listJobEstimates, async (req) => ok(await listJobEstimates(req.actorId, req.params.jobId))),
  implement(r.previewEstimate, async (req) => ({
    status: 200,
    body: await previewEstimate(req.actorId, req.params.jobId, req.body),
  })),
  implement(r.getEstimate, async (req) => {
    const detail = await getEstimate(req.actorId, req.params.estimateId);
    return { status: 200, body: detail, headers: { etag: `"${detail.estimate.version}"` } };
  }),
  implement(r.reviseEstimate, async (req) => {
    const detail = await reviseEstimate(req.actorId, req.params.estimateId, req.expectedVersion, req.body);
    return {
      status: 201,
      body: detail,
      headers: {
        etag: `"${detail.estimate.version}"`,
        location: `/estimates/${detail.estimate.estimateId}/versions/${detail.version.number}`,
      },
    };
  }),
  implement(r.listEstimateVersions, async (req) =>
    ok(await listEstimateVersions(req.actorId, req.params.estimateId)),
  ),
  implement(r.getEstimateVersion, async (req) =>
    withVersionTag(await getEstimateVersion(req.actorId, req.params.estimateId, req.params.n)),
  ),
  implement(r.updateEstimateDraft, async (req) =>
    withVersionTag(
      await updateDraft(req.actorId, req.params.estimateId, req.params.n, req.expectedVersion, req.body),
    ),
  ),
  implement(r.downloadEstimateDocument, async (req) =>
    ok(await downloadEstimateDocument(req.actorId, req.params.estimateId, req.params.n)),
  ),
]);
