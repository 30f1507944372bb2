import {
  createDraftSchema,
  createVersionSchema,
  downloadSchema,
  draftListQuery,
  draftParams,
  draftSchema,
  draftVersionParams,
  draftVersionSchema,
  draftWithUploadSchema,
  draftWithVersionsSchema,
  jobDraftsParams,
} from '../../shared/creative/index.js';
import { listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

export const draftRoutes = {
  createDraft: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/drafts',
    operationId: 'createDraft',
    summary: 'Open a creative draft on a job, with its media specs; returns the upload of version 1.',
    params: jobDraftsParams,
    body: createDraftSchema,
    idempotent: true,
    response: {
      status: 201,
      description: 'The draft, version 1 and its presigned upload.',
      schema: draftWithUploadSchema,
    },
  }),
  listJobDrafts: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/drafts',
    operationId: 'listJobDrafts',
    summary: "The job's drafts.",
    params: jobDraftsParams,
    query: draftListQuery,
    response: { status: 200, description: 'A page of drafts.', schema: listOf(draftSchema, 'DraftPage') },
  }),
  getDraft: defineRoute({
    method: 'GET',
    path: '/drafts/{draftId}',
    operationId: 'getDraft',
    summary: 'A draft with every version, its file facts and spec check.',
    params: draftParams,
    response: { status: 200, description: 'The draft and its versions.', schema: draftWithVersionsSchema },
  }),
  createDraftVersion: defineRoute({
    method: 'POST',
    path: '/drafts/{draftId}/versions',
    operationId: 'createDraftVersion',
    summary: 'Request the next version of a draft: a new object key and a presigned upload.',
    params: draftParams,
    body: createVersionSchema.optional(),
    idempotent: true,
    response: {
      status: 201,
      description: 'The new version and its presigned upload.',
      schema: draftWithUploadSchema,
    },
  }),
  completeDraftUpload: defineRoute({
    method: 'POST',
    path: '/drafts/{draftId}/versions/{n}/complete',
    operationId: 'completeDraftUpload',
    summary:
      'Record an upload that has landed (size, type, SHA-256, spec check). The S3 event does the same; recording happens once.',
    params: draftVersionParams,
    response: { status: 200, description: 'The version as recorded.', schema: draftVersionSchema },
  }),
  downloadDraftVersion: defineRoute({
    method: 'GET',
    path: '/drafts/{draftId}/versions/{n}/download',
    operationId: 'downloadDraftVersion',
    summary: 'A short-lived link to exactly the recorded object version.',
    params: draftVersionParams,
    response: { status: 200, description: 'A presigned GET URL.', schema: downloadSchema },
  }),
};
