import {
  decideAsStaff,
  getApproval,
  getReviewChain,
  listMyApprovals,
} from '../../shared/domain/decisions.js';
import { startReview } from '../../shared/domain/reviews.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { reviewRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.startReview, async (req) =>
    created(
      await startReview(req.actorId, req.params.draftId, req.params.n, req.body, req.idempotency),
      (review: { draftId: string }) => `/drafts/${review.draftId}/approvals`,
    ),
  ),
  implement(r.listDraftApprovals, async (req) => ok(await getReviewChain(req.actorId, req.params.draftId))),
  implement(r.listMyApprovals, async (req) => ok(await listMyApprovals(req.actorId, req.query))),
  implement(r.getApproval, async (req) => ok(await getApproval(req.actorId, req.params.approvalId))),
  implement(r.decideApproval, async (req) =>
    ok(await decideAsStaff(req.actorId, req.params.approvalId, req.body, req.meta)),
  ),
]);
