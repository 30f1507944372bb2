import { getJob, listJobs, openJob, updateJob } from '../../shared/jobs/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { jobRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.openJob, async (req) =>
    created(
      await openJob(req.actorId, req.body, req.idempotency),
      (j: { jobId: string }) => `/jobs/${j.jobId}`,
    ),
  ),
  implement(r.listJobs, async (req) => ok(await listJobs(req.actorId, req.query))),
  implement(r.getJob, async (req) => ok(await getJob(req.actorId, req.params.jobId))),
  implement(r.updateJob, async (req) =>
    ok(await updateJob(req.actorId, req.params.jobId, req.expectedVersion, req.body)),
  ),
]);
