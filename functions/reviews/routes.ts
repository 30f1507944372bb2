import { estimateParams, estimateVersionParams } from '../../shared/cost/index.js';
import { draftParams } from '../../shared/creative/index.js';
import { documentDownloadSchema, listOf } from '../../shared/platform/schemas.js';
import {
  approvalListQuery,
  approvalParams,
  approvalRequestSchema,
  cancelReviewSchema,
  completeWrittenConfirmationSchema,
  countersignWrittenConfirmationSchema,
  decisionResultSchema,
  decisionSchema,
  planParamsForChain,
  planReviewParams,
  requestWrittenConfirmationSchema,
  reviewChainSchema,
  reviewParams,
  reviewSchema,
  reviewStartParams,
  startReviewSchema,
  workItemSchema,
  writtenConfirmationParams,
  writtenConfirmationSchema,
  writtenConfirmationUploadSchema,
} from '../../shared/signoff/index.js';
import {
  briefParams,
  briefVersionParams,
  jobParams,
  startBriefReviewSchema,
  timetableVersionParams,
} from '../../shared/traffic/index.js';
import { defineRoute } from '../http/route-spec.js';

export const reviewRoutes = {
  startReview: defineRoute({
    method: 'POST',
    path: '/drafts/{draftId}/versions/{n}/reviews',
    operationId: 'startReview',
    summary:
      'Start the review of this exact version: internal review, client review, then (artwork) final artwork approval.',
    params: reviewStartParams,
    body: startReviewSchema,
    idempotent: true,
    response: { status: 201, description: 'The review, started.', schema: reviewSchema },
  }),
  startPlanReview: defineRoute({
    method: 'POST',
    path: '/media-plans/{planId}/versions/{n}/reviews',
    operationId: 'startPlanReview',
    summary:
      "Put this exact plan version to sign-off: internal approval (media director or account director), then the client's confirmation (link or written).",
    params: planReviewParams,
    body: startReviewSchema,
    idempotent: true,
    response: { status: 201, description: 'The review, started.', schema: reviewSchema },
  }),
  listPlanApprovals: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}/approvals',
    operationId: 'listPlanApprovals',
    summary:
      "The plan's approval chain: reviews, steps, approval requests, evidence (confirmations) and page views.",
    params: planParamsForChain,
    response: { status: 200, description: 'The approval chain.', schema: reviewChainSchema },
  }),
  requestWrittenConfirmation: defineRoute({
    method: 'POST',
    path: '/media-plans/{planId}/versions/{n}/written-confirmations',
    operationId: 'requestWrittenConfirmation',
    summary:
      "Record the client's written confirmation of this exact version (their signed PDF, or their email as a .eml file): returns a presigned upload for the document. With an Idempotency-Key, a repeat answers the same upload.",
    params: planReviewParams,
    body: requestWrittenConfirmationSchema,
    idempotent: true,
    response: { status: 201, description: 'The upload.', schema: writtenConfirmationUploadSchema },
  }),
  completeWrittenConfirmation: defineRoute({
    method: 'POST',
    path: '/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/complete',
    operationId: 'completeWrittenConfirmation',
    summary:
      'The document is uploaded: it is checked (a PDF or an email that opens), hashed and recorded, and whoever may countersign is asked by email. It does not count yet. A repeat answers what was recorded.',
    params: writtenConfirmationParams,
    body: completeWrittenConfirmationSchema.optional(),
    response: {
      status: 200,
      description: 'The written confirmation, awaiting its countersignature.',
      schema: writtenConfirmationSchema,
    },
  }),
  countersignWrittenConfirmation: defineRoute({
    method: 'POST',
    path: '/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/countersign',
    operationId: 'countersignWrittenConfirmation',
    summary:
      "An account director, or someone above the person who recorded it, countersigns the written confirmation — it now counts as the client's confirmation of this version — or refuses it, saying why.",
    params: writtenConfirmationParams,
    body: countersignWrittenConfirmationSchema,
    response: {
      status: 200,
      description: 'The written confirmation, countersigned (with its evidence id) or refused.',
      schema: writtenConfirmationSchema,
    },
  }),
  getWrittenConfirmation: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}',
    operationId: 'getWrittenConfirmation',
    summary:
      'One written confirmation: its document, who recorded it, who may countersign and where it stands.',
    params: writtenConfirmationParams,
    response: { status: 200, description: 'The written confirmation.', schema: writtenConfirmationSchema },
  }),
  downloadWrittenConfirmation: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/document',
    operationId: 'downloadWrittenConfirmation',
    summary:
      "The client's written confirmation as recorded (the exact object version its evidence names): a presigned link, made now, valid for 5 minutes.",
    params: writtenConfirmationParams,
    response: { status: 200, description: 'A presigned GET.', schema: documentDownloadSchema },
  }),
  listDraftApprovals: defineRoute({
    method: 'GET',
    path: '/drafts/{draftId}/approvals',
    operationId: 'listDraftApprovals',
    summary: "The draft's whole approval chain: reviews, steps, approval requests, evidence and page views.",
    params: draftParams,
    response: { status: 200, description: 'The approval chain.', schema: reviewChainSchema },
  }),
  listMyApprovals: defineRoute({
    method: 'GET',
    path: '/approvals',
    operationId: 'listMyApprovals',
    summary: "The caller's approval requests (e.g. `?assignee=me&status=pending`), soonest deadline first.",
    query: approvalListQuery,
    response: {
      status: 200,
      description: 'A page of approval requests.',
      schema: listOf(approvalRequestSchema, 'ApprovalRequestPage'),
    },
  }),
  listMyWork: defineRoute({
    method: 'GET',
    path: '/me/approvals',
    operationId: 'listMyWork',
    summary:
      "The caller's approval requests like GET /approvals, each with the item's title and kind, its job and client (the console's My work).",
    query: approvalListQuery.omit({ assignee: true }),
    response: {
      status: 200,
      description: 'A page of approval requests with their subjects.',
      schema: listOf(workItemSchema, 'WorkItemPage'),
    },
  }),
  getApproval: defineRoute({
    method: 'GET',
    path: '/approvals/{approvalId}',
    operationId: 'getApproval',
    summary: 'One approval request.',
    params: approvalParams,
    response: { status: 200, description: 'The approval request.', schema: approvalRequestSchema },
  }),
  cancelReview: defineRoute({
    method: 'POST',
    path: '/reviews/{reviewId}/cancel',
    operationId: 'cancelReview',
    summary:
      'Cancel a running or stopped (`failed`) review (AE and above): its waiting step is cancelled, its open approvals closed, the subject freed for a new review, its workflow stopped.',
    params: reviewParams,
    body: cancelReviewSchema.optional(),
    response: { status: 200, description: 'The review, cancelled.', schema: reviewSchema },
  }),
  restartReview: defineRoute({
    method: 'POST',
    path: '/reviews/{reviewId}/restart',
    operationId: 'restartReview',
    summary:
      'Restart a review whose workflow stopped (`failed`; AE and above) from the step it was at: a new execution that keeps the decisions already recorded and asks the pending approvers again.',
    params: reviewParams,
    response: { status: 200, description: 'The review, running again.', schema: reviewSchema },
  }),
  decideApproval: defineRoute({
    method: 'POST',
    path: '/approvals/{approvalId}/decision',
    operationId: 'decideApproval',
    summary:
      'Decide an internal step: the assignee, or someone above them in the account hierarchy (recorded as on their behalf).',
    params: approvalParams,
    body: decisionSchema,
    response: { status: 200, description: 'The decision and its evidence.', schema: decisionResultSchema },
  }),
  startTimetableReview: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/timetable/versions/{n}/reviews',
    operationId: 'startTimetableReview',
    summary:
      "Put this timetable version to sign-off: the account manager's approval, then the client's (contacts who approve estimates). Signed, it is the baseline.",
    params: timetableVersionParams,
    body: startReviewSchema,
    idempotent: true,
    response: { status: 201, description: 'The review, started.', schema: reviewSchema },
  }),
  listTimetableApprovals: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/timetable/approvals',
    operationId: 'listTimetableApprovals',
    summary: "The timetable's approval chain: reviews, steps, approval requests, evidence and page views.",
    params: jobParams,
    response: { status: 200, description: 'The approval chain.', schema: reviewChainSchema },
  }),
  startBriefReview: defineRoute({
    method: 'POST',
    path: '/briefs/{briefId}/versions/{n}/reviews',
    operationId: 'startBriefReview',
    summary:
      "Put this brief version to the account manager's approval and, with clientSignOff (client and creative briefs), then to the client's.",
    params: briefVersionParams,
    body: startBriefReviewSchema,
    idempotent: true,
    response: { status: 201, description: 'The review, started.', schema: reviewSchema },
  }),
  listBriefApprovals: defineRoute({
    method: 'GET',
    path: '/briefs/{briefId}/approvals',
    operationId: 'listBriefApprovals',
    summary: "The brief's approval chain: reviews, steps, approval requests, evidence and page views.",
    params: briefParams,
    response: { status: 200, description: 'The approval chain.', schema: reviewChainSchema },
  }),
  startEstimateReview: defineRoute({
    method: 'POST',
    path: '/estimates/{estimateId}/versions/{n}/reviews',
    operationId: 'startEstimateReview',
    summary:
      "Put this estimate version (or change order) to sign-off with the job's latest timetable: the account director's approval, then the client's (contacts who approve estimates) — one document, one link each, one evidence record naming both. Signed, the version is locked and its total is the job's signed total.",
    params: estimateVersionParams,
    body: startReviewSchema,
    idempotent: true,
    response: { status: 201, description: 'The review, started.', schema: reviewSchema },
  }),
  listEstimateApprovals: defineRoute({
    method: 'GET',
    path: '/estimates/{estimateId}/approvals',
    operationId: 'listEstimateApprovals',
    summary: "The estimate's approval chain: reviews, steps, approval requests, evidence and page views.",
    params: estimateParams,
    response: { status: 200, description: 'The approval chain.', schema: reviewChainSchema },
  }),
};
