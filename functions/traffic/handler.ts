import {
  createBrief,
  createProposal,
  createSchedule,
  decideProposal,
  freezeTimetable,
  getBrief,
  getBriefVersion,
  getSchedule,
  getTemplate,
  getTimetableVersion,
  listBriefVersions,
  listJobBriefs,
  listMyTasks,
  listProposals,
  listStaffTasks,
  listTemplates,
  listTimetableVersions,
  previewChange,
  putTemplate,
  recordProgress,
  reviseBrief,
  saveChange,
  trafficBoard,
} from '../../shared/traffic/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { trafficRoutes as r } from './routes.js';

registerSignOffSubjects();

const fresh = <T>(result: T) => ({ result, replayed: false });

export const handler = httpApi([
  implement(r.listTemplates, async (req) => ok({ items: await listTemplates(req.actorId) })),
  implement(r.getTemplate, async (req) => ok(await getTemplate(req.actorId, req.params.jobType))),
  implement(r.putTemplate, async (req) =>
    ok(await putTemplate(req.actorId, req.params.jobType, req.expectedVersion, req.body)),
  ),
  implement(r.createSchedule, async (req) =>
    created(
      await createSchedule(req.actorId, req.params.jobId, req.body, req.idempotency),
      (s: { jobId: string }) => `/jobs/${s.jobId}/schedule`,
    ),
  ),
  implement(r.getSchedule, async (req) => ok(await getSchedule(req.actorId, req.params.jobId))),
  implement(r.previewChange, async (req) => ({
    status: 200,
    body: await previewChange(req.actorId, req.params.jobId, req.body),
  })),
  implement(r.saveChange, async (req) => {
    const result = await saveChange(req.actorId, req.params.jobId, req.expectedVersion, req.body);
    return { status: 200, body: result, headers: { etag: `"${result.schedule.version}"` } };
  }),
  implement(r.recordProgress, async (req) =>
    ok(await recordProgress(req.actorId, req.params.jobId, req.params.milestoneId, req.body)),
  ),
  implement(r.createProposal, async (req) =>
    created(
      await createProposal(req.actorId, req.params.jobId, req.body, req.idempotency),
      (p: { jobId: string }) => `/jobs/${p.jobId}/schedule/proposals`,
    ),
  ),
  implement(r.listProposals, async (req) =>
    ok(await listProposals(req.actorId, req.params.jobId, req.query.status)),
  ),
  implement(r.decideProposal, async (req) =>
    ok(await decideProposal(req.actorId, req.params.jobId, req.params.proposalId, req.body)),
  ),
  implement(r.freezeTimetable, async (req) =>
    created(
      fresh(await freezeTimetable(req.actorId, req.params.jobId)),
      (v: { jobId: string; number: number }) => `/jobs/${v.jobId}/timetable/versions/${v.number}`,
    ),
  ),
  implement(r.listTimetableVersions, async (req) =>
    ok(await listTimetableVersions(req.actorId, req.params.jobId)),
  ),
  implement(r.getTimetableVersion, async (req) =>
    ok(await getTimetableVersion(req.actorId, req.params.jobId, req.params.n)),
  ),
  implement(r.createBrief, async (req) =>
    created(
      await createBrief(req.actorId, req.params.jobId, req.body, req.idempotency),
      (b: { brief: { briefId: string } }) => `/briefs/${b.brief.briefId}`,
    ),
  ),
  implement(r.listJobBriefs, async (req) =>
    ok(await listJobBriefs(req.actorId, req.params.jobId, req.query.kind)),
  ),
  implement(r.getBrief, async (req) => ok(await getBrief(req.actorId, req.params.briefId))),
  implement(r.reviseBrief, async (req) => {
    const result = await reviseBrief(req.actorId, req.params.briefId, req.expectedVersion, req.body);
    return {
      status: 201,
      body: result,
      headers: {
        etag: `"${result.brief.version}"`,
        location: `/briefs/${result.brief.briefId}/versions/${result.version.number}`,
      },
    };
  }),
  implement(r.listBriefVersions, async (req) => ok(await listBriefVersions(req.actorId, req.params.briefId))),
  implement(r.getBriefVersion, async (req) =>
    ok(await getBriefVersion(req.actorId, req.params.briefId, req.params.n)),
  ),
  implement(r.listMyTasks, async (req) => ok(await listMyTasks(req.actorId, req.query))),
  implement(r.listStaffTasks, async (req) =>
    ok(await listStaffTasks(req.actorId, req.params.staffId, req.query)),
  ),
  implement(r.trafficBoard, async (req) => ok(await trafficBoard(req.actorId, req.query))),
]);
