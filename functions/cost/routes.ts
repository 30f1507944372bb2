import * as z from 'zod';
import {
  createEstimateSchema,
  estimateDetailSchema,
  estimateParams,
  estimatePreviewSchema,
  estimateSchema,
  estimateVersionParams,
  estimateVersionSchema,
  jobParams,
  previewEstimateSchema,
  reviseEstimateSchema,
} from '../../shared/cost/index.js';
import { documentDownloadSchema } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

/** 200 lines of 500-character descriptions are larger than the API's default body (64 KB). */
const linesBody = 256 * 1024;

export const costRoutes = {
  createEstimate: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/estimates',
    operationId: 'createEstimate',
    summary:
      "Draw up a cost estimate of the job (AE and above, production): lines priced on the server in the job's currency, with the client's tax; version 1, a draft.",
    params: jobParams,
    body: createEstimateSchema,
    idempotent: true,
    maxBodyBytes: linesBody,
    response: {
      status: 201,
      description: 'The estimate and its first version.',
      schema: estimateDetailSchema,
    },
  }),
  listJobEstimates: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/estimates',
    operationId: 'listJobEstimates',
    summary: "The job's estimates.",
    params: jobParams,
    response: {
      status: 200,
      description: 'The estimates.',
      schema: z.object({ items: z.array(estimateSchema) }).meta({ id: 'EstimateList' }),
    },
  }),
  previewEstimate: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/estimates/preview',
    operationId: 'previewEstimate',
    summary:
      "What these lines come to — each line's net, markup and total, the subtotal, the client's tax, the total and the agency's income — computed by the server, nothing saved (the editor's live totals).",
    params: jobParams,
    body: previewEstimateSchema,
    maxBodyBytes: linesBody,
    response: { status: 200, description: 'The priced lines and totals.', schema: estimatePreviewSchema },
  }),
  getEstimate: defineRoute({
    method: 'GET',
    path: '/estimates/{estimateId}',
    operationId: 'getEstimate',
    summary:
      'An estimate with its latest version, a change order’s difference from the signed version, and where its sign-off stands.',
    params: estimateParams,
    response: { status: 200, description: 'The estimate.', schema: estimateDetailSchema },
  }),
  reviseEstimate: defineRoute({
    method: 'POST',
    path: '/estimates/{estimateId}/versions',
    operationId: 'reviseEstimate',
    summary:
      'The next version, once the latest is no longer a draft (changes requested, rejected or signed): after a signature, a change order against the signed version. A review waiting for a revision moves on to it.',
    params: estimateParams,
    body: reviseEstimateSchema,
    optimisticLock: 'required',
    maxBodyBytes: linesBody,
    response: { status: 201, description: 'The estimate and its new version.', schema: estimateDetailSchema },
  }),
  listEstimateVersions: defineRoute({
    method: 'GET',
    path: '/estimates/{estimateId}/versions',
    operationId: 'listEstimateVersions',
    summary: "The estimate's versions, oldest first.",
    params: estimateParams,
    response: {
      status: 200,
      description: 'The versions.',
      schema: z.object({ items: z.array(estimateVersionSchema) }).meta({ id: 'EstimateVersionList' }),
    },
  }),
  getEstimateVersion: defineRoute({
    method: 'GET',
    path: '/estimates/{estimateId}/versions/{n}',
    operationId: 'getEstimateVersion',
    summary: 'One version, with a change order’s difference and its sign-off.',
    params: estimateVersionParams,
    response: { status: 200, description: 'The version.', schema: estimateDetailSchema },
  }),
  updateEstimateDraft: defineRoute({
    method: 'PUT',
    path: '/estimates/{estimateId}/versions/{n}',
    operationId: 'updateEstimateDraft',
    summary:
      'Edit the draft (the latest version, before it goes to sign-off) in place: the whole estimate as it now stands; If-Match is the version’s own version. A version in review or signed is locked (409).',
    params: estimateVersionParams,
    body: reviseEstimateSchema,
    optimisticLock: 'required',
    maxBodyBytes: linesBody,
    response: {
      status: 200,
      description: 'The estimate with the edited draft.',
      schema: estimateDetailSchema,
    },
  }),
  downloadEstimateDocument: defineRoute({
    method: 'GET',
    path: '/estimates/{estimateId}/versions/{n}/document',
    operationId: 'downloadEstimateDocument',
    summary:
      'The document put to sign-off (estimate and timetable, print-ready HTML, identified by its SHA-256): a presigned link to exactly that object version, valid for 5 minutes.',
    params: estimateVersionParams,
    response: { status: 200, description: 'A presigned GET.', schema: documentDownloadSchema },
  }),
};
