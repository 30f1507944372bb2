import {
  completeUpload,
  createDraft,
  downloadVersion,
  getDraft,
  listJobDrafts,
  requestVersion,
} from '../../shared/creative/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { draftRoutes as r } from './routes.js';

registerSignOffSubjects();

const draftLocation = (result: { draft: { draftId: string } }) => `/drafts/${result.draft.draftId}`;

export const handler = httpApi([
  implement(r.createDraft, async (req) =>
    created(await createDraft(req.actorId, req.params.jobId, req.body, req.idempotency), draftLocation),
  ),
  implement(r.listJobDrafts, async (req) =>
    ok(await listJobDrafts(req.actorId, req.params.jobId, req.query)),
  ),
  implement(r.getDraft, async (req) => ok(await getDraft(req.actorId, req.params.draftId))),
  implement(r.createDraftVersion, async (req) =>
    created(
      await requestVersion(req.actorId, req.params.draftId, req.body?.file, req.idempotency),
      draftLocation,
    ),
  ),
  implement(r.completeDraftUpload, async (req) =>
    ok(await completeUpload(req.actorId, req.params.draftId, req.params.n)),
  ),
  implement(r.downloadDraftVersion, async (req) =>
    ok(await downloadVersion(req.actorId, req.params.draftId, req.params.n)),
  ),
]);
