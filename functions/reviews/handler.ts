import {
  cancelReview,
  completeWrittenConfirmation,
  countersignWrittenConfirmation,
  decideAsStaff,
  downloadWrittenConfirmation,
  getApproval,
  getReviewChain,
  getWrittenConfirmation,
  listMyApprovals,
  listMyWork,
  requestWrittenConfirmation,
  restartReview,
  startReview,
} from '../../shared/signoff/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { reviewRoutes as r } from './routes.js';

registerSignOffSubjects();

export const handler = httpApi([
  implement(r.startReview, async (req) =>
    created(
      await startReview(
        req.actorId,
        { type: 'draft', id: req.params.draftId },
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (review: { subjectId: string }) => `/drafts/${review.subjectId}/approvals`,
    ),
  ),
  implement(r.startPlanReview, async (req) =>
    created(
      await startReview(
        req.actorId,
        { type: 'media_plan', id: req.params.planId },
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (review: { subjectId: string }) => `/media-plans/${review.subjectId}/approvals`,
    ),
  ),
  implement(r.listPlanApprovals, async (req) =>
    ok(await getReviewChain(req.actorId, 'media_plan', req.params.planId)),
  ),
  implement(r.requestWrittenConfirmation, async (req) =>
    created(
      await requestWrittenConfirmation(
        req.actorId,
        'media_plan',
        req.params.planId,
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (upload: { uploadId: string }) =>
        `/media-plans/${req.params.planId}/versions/${req.params.n}/written-confirmations/${upload.uploadId}`,
    ),
  ),
  implement(r.downloadWrittenConfirmation, async (req) =>
    ok(
      await downloadWrittenConfirmation(
        req.actorId,
        'media_plan',
        req.params.planId,
        req.params.n,
        req.params.uploadId,
      ),
    ),
  ),
  implement(r.completeWrittenConfirmation, async (req) =>
    ok(
      await completeWrittenConfirmation(
        req.actorId,
        'media_plan',
        req.params.planId,
        req.params.n,
        req.params.uploadId,
        req.body?.comment,
      ),
    ),
  ),
  implement(r.countersignWrittenConfirmation, async (req) =>
    ok(
      await countersignWrittenConfirmation(
        req.actorId,
        'media_plan',
        req.params.planId,
        req.params.n,
        req.params.uploadId,
        req.body,
        req.meta,
      ),
    ),
  ),
  implement(r.getWrittenConfirmation, async (req) =>
    ok(
      await getWrittenConfirmation(
        req.actorId,
        'media_plan',
        req.params.planId,
        req.params.n,
        req.params.uploadId,
      ),
    ),
  ),
  implement(r.listDraftApprovals, async (req) =>
    ok(await getReviewChain(req.actorId, 'draft', req.params.draftId)),
  ),
  implement(r.listMyApprovals, async (req) => ok(await listMyApprovals(req.actorId, req.query))),
  implement(r.listMyWork, async (req) => ok(await listMyWork(req.actorId, req.query))),
  implement(r.getApproval, async (req) => ok(await getApproval(req.actorId, req.params.approvalId))),
  implement(r.cancelReview, async (req) =>
    ok(await cancelReview(req.actorId, req.params.reviewId, req.body ?? {})),
  ),
  implement(r.restartReview, async (req) => ok(await restartReview(req.actorId, req.params.reviewId))),
  implement(r.decideApproval, async (req) =>
    ok(await decideAsStaff(req.actorId, req.params.approvalId, req.body, req.meta)),
  ),
  implement(r.startTimetableReview, async (req) =>
    created(
      await startReview(
        req.actorId,
        { type: 'timetable', id: req.params.jobId },
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (review: { subjectId: string }) => `/jobs/${review.subjectId}/timetable/approvals`,
    ),
  ),
  implement(r.listTimetableApprovals, async (req) =>
    ok(await getReviewChain(req.actorId, 'timetable', req.params.jobId)),
  ),
  implement(r.startBriefReview, async (req) =>
    created(
      await startReview(
        req.actorId,
        { type: 'brief', id: req.params.briefId },
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (review: { subjectId: string }) => `/briefs/${review.subjectId}/approvals`,
    ),
  ),
  implement(r.listBriefApprovals, async (req) =>
    ok(await getReviewChain(req.actorId, 'brief', req.params.briefId)),
  ),
  implement(r.startEstimateReview, async (req) =>
    created(
      await startReview(
        req.actorId,
        { type: 'estimate', id: req.params.estimateId },
        req.params.n,
        req.body,
        req.idempotency,
      ),
      (review: { subjectId: string }) => `/estimates/${review.subjectId}/approvals`,
    ),
  ),
  implement(r.listEstimateApprovals, async (req) =>
    ok(await getReviewChain(req.actorId, 'estimate', req.params.estimateId)),
  ),
]);
