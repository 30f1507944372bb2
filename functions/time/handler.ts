import {
  decideTimesheet,
  generateProfitabilityReport,
  getClientProfit,
  getJobProfit,
  getMyTimesheet,
  getProfitabilityReport,
  getStaffTimesheet,
  listBillRates,
  listCostRates,
  listProfitabilityReports,
  listTimesheetsToApprove,
  putBillRate,
  putCostRate,
  putMyTimesheet,
  submitMyTimesheet,
} from '../../shared/billing/index.js';
import { httpApi, implement, ok } from '../http/api.js';
import { timeRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.listCostRates, async (req) => ok({ items: await listCostRates(req.actorId) })),
  implement(r.putCostRate, async (req) =>
    ok(await putCostRate(req.actorId, req.params.role, req.body, req.expectedVersion)),
  ),
  implement(r.listBillRates, async (req) =>
    ok({ items: await listBillRates(req.actorId, req.params.clientId) }),
  ),
  implement(r.putBillRate, async (req) =>
    ok(await putBillRate(req.actorId, req.params.clientId, req.params.role, req.body, req.expectedVersion)),
  ),
  implement(r.getMyTimesheet, async (req) => ok(await getMyTimesheet(req.actorId, req.params.week))),
  implement(r.putMyTimesheet, async (req) =>
    ok(await putMyTimesheet(req.actorId, req.params.week, req.expectedVersion, req.body)),
  ),
  implement(r.submitMyTimesheet, async (req) =>
    ok(await submitMyTimesheet(req.actorId, req.params.week, req.expectedVersion)),
  ),
  implement(r.listTimesheetApprovals, async (req) =>
    ok({ items: await listTimesheetsToApprove(req.actorId) }),
  ),
  implement(r.getStaffTimesheet, async (req) =>
    ok(await getStaffTimesheet(req.actorId, req.params.staffId, req.params.week)),
  ),
  implement(r.decideTimesheet, async (req) =>
    ok(
      await decideTimesheet(req.actorId, req.params.staffId, req.params.week, req.expectedVersion, req.body),
    ),
  ),
  implement(r.getJobProfit, async (req) => ok(await getJobProfit(req.actorId, req.params.jobId))),
  implement(r.getClientProfit, async (req) =>
    ok(await getClientProfit(req.actorId, req.params.clientId, req.query.from, req.query.to)),
  ),
  implement(r.listProfitabilityReports, async (req) =>
    ok({ items: await listProfitabilityReports(req.actorId) }),
  ),
  implement(r.generateProfitabilityReport, async (req) =>
    ok(await generateProfitabilityReport(req.actorId, req.body.month)),
  ),
  implement(r.getProfitabilityReport, async (req) =>
    ok(await getProfitabilityReport(req.actorId, req.params.month)),
  ),
]);
