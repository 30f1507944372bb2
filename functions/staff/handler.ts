import {
  createStaff,
  getMe,
  getStaff,
  listStaff,
  listStaffActivity,
  updateMe,
  updateStaff,
} from '../../shared/accounts/index.js';
import { timesheetsFollowLineManager } from '../../shared/billing/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { staffRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.createStaff, async (req) =>
    created(
      await createStaff(req.actorId, req.body, req.idempotency),
      (s: { staffId: string }) => `/staff/${s.staffId}`,
    ),
  ),
  implement(r.listStaff, async (req) => ok(await listStaff(req.actorId, req.query))),
  implement(r.getStaff, async (req) => ok(await getStaff(req.actorId, req.params.staffId))),
  implement(r.updateStaff, async (req) =>
    ok(
      await updateStaff(req.actorId, req.params.staffId, req.expectedVersion, req.body, [
        timesheetsFollowLineManager,
      ]),
    ),
  ),
  implement(r.listStaffActivity, async (req) =>
    ok(await listStaffActivity(req.actorId, req.params.staffId, req.query)),
  ),
  implement(r.getMe, async (req) => ok(await getMe(req.actorId))),
  implement(r.updateMe, async (req) => ok(await updateMe(req.actorId, req.body))),
]);
