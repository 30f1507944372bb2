import {
  createBooking,
  createCampaign,
  createPlanVersion,
  downloadInsertionOrder,
  downloadPlanVersion,
  getBooking,
  getCampaign,
  getPlan,
  getPlanVersion,
  listBookings,
  listBriefVersions,
  listCampaignPlans,
  listJobCampaigns,
  resendInsertionOrder,
  restartChain,
  reviseBrief,
  updateBooking,
} from '../../shared/media/index.js';
import { businessMetric, countEvent } from '../../shared/platform/telemetry.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { mediaRoutes as r } from './routes.js';

registerSignOffSubjects();

export const handler = httpApi([
  implement(r.createCampaign, async (req) =>
    created(
      await createCampaign(req.actorId, req.params.jobId, req.body, req.idempotency),
      (c: { campaignId: string }) => `/media-campaigns/${c.campaignId}`,
    ),
  ),
  implement(r.listJobCampaigns, async (req) =>
    ok(await listJobCampaigns(req.actorId, req.params.jobId, req.query)),
  ),
  implement(r.getCampaign, async (req) => ok(await getCampaign(req.actorId, req.params.campaignId))),
  implement(r.reviseBrief, async (req) =>
    ok(await reviseBrief(req.actorId, req.params.campaignId, req.body, req.expectedVersion)),
  ),
  implement(r.restartChain, async (req) => ok(await restartChain(req.actorId, req.params.campaignId))),
  implement(r.listBriefVersions, async (req) =>
    ok({ items: await listBriefVersions(req.actorId, req.params.campaignId) }),
  ),
  implement(r.createPlanVersion, async (req) =>
    created(
      await createPlanVersion(req.actorId, req.params.campaignId, req.body, req.idempotency),
      (p: { plan: { planId: string }; version: { number: number } }) =>
        `/media-plans/${p.plan.planId}/versions/${p.version.number}`,
    ),
  ),
  implement(r.listCampaignPlans, async (req) =>
    ok(await listCampaignPlans(req.actorId, req.params.campaignId, req.query)),
  ),
  implement(r.getPlan, async (req) => ok(await getPlan(req.actorId, req.params.planId))),
  implement(r.getPlanVersion, async (req) =>
    ok(await getPlanVersion(req.actorId, req.params.planId, req.params.n)),
  ),
  implement(r.downloadPlanVersion, async (req) =>
    ok(await downloadPlanVersion(req.actorId, req.params.planId, req.params.n)),
  ),
  implement(r.createBooking, async (req) => {
    const outcome = await createBooking(req.actorId, req.params.campaignId, req.body, req.idempotency);
    if (!outcome.replayed) countEvent(businessMetric.bookingCreated);
    return created(
      outcome,
      (b: { campaignId: string; bookingId: string }) =>
        `/media-campaigns/${b.campaignId}/bookings/${b.bookingId}`,
    );
  }),
  implement(r.listBookings, async (req) =>
    ok({ items: await listBookings(req.actorId, req.params.campaignId) }),
  ),
  implement(r.getBooking, async (req) =>
    ok(await getBooking(req.actorId, req.params.campaignId, req.params.bookingId)),
  ),
  implement(r.downloadInsertionOrder, async (req) =>
    ok(await downloadInsertionOrder(req.actorId, req.params.campaignId, req.params.bookingId)),
  ),
  implement(r.sendInsertionOrder, async (req) =>
    ok(await resendInsertionOrder(req.actorId, req.params.campaignId, req.params.bookingId)),
  ),
  implement(r.updateBooking, async (req) =>
    ok(
      await updateBooking(
        req.actorId,
        req.params.campaignId,
        req.params.bookingId,
        req.body,
        req.expectedVersion,
      ),
    ),
  ),
]);
