import {
  createJobSchema,
  jobListQuery,
  jobParams,
  jobSchema,
  updateJobSchema,
} from '../../shared/jobs/index.js';
import { listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

export const jobRoutes = {
  openJob: defineRoute({
    method: 'POST',
    path: '/jobs',
    operationId: 'openJob',
    summary: 'Open a job (job ticket) for a client whose intake is complete; AE or above.',
    body: createJobSchema,
    idempotent: true,
    response: { status: 201, description: 'The new job with its number.', schema: jobSchema },
  }),
  listJobs: defineRoute({
    method: 'GET',
    path: '/jobs',
    operationId: 'listJobs',
    summary:
      "Jobs of a client (optionally one brand, owner or status). Without clientId: the caller's own jobs (the head may name any ownerId).",
    query: jobListQuery,
    response: {
      status: 200,
      description: 'A page of jobs, by status then number.',
      schema: listOf(jobSchema, 'JobPage'),
    },
  }),
  getJob: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}',
    operationId: 'getJob',
    summary: 'One job.',
    params: jobParams,
    response: { status: 200, description: 'The job.', schema: jobSchema },
  }),
  updateJob: defineRoute({
    method: 'PATCH',
    path: '/jobs/{jobId}',
    operationId: 'updateJob',
    summary: 'Change a job: title, schedule, budget, owner or status (validated transitions).',
    params: jobParams,
    body: updateJobSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The job after the change.', schema: jobSchema },
  }),
};
