import {
  cancelPurchaseOrder,
  createPurchaseOrder,
  decideVendor,
  explainVariance,
  getJobSpend,
  getPurchaseOrder,
  getReconciliation,
  getVendor,
  listForecasts,
  listJobPurchaseOrders,
  listReconciliations,
  listVendors,
  proposeVendor,
  putForecast,
  recordVendorBill,
  resendPurchaseOrder,
} from '../../shared/cost/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { spendRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.proposeVendor, async (req) =>
    created(
      await proposeVendor(req.actorId, req.body, req.idempotency),
      (v: { vendorId: string }) => `/vendors/${v.vendorId}`,
    ),
  ),
  implement(r.listVendors, async (req) => ok({ items: await listVendors(req.actorId, req.query) })),
  implement(r.getVendor, async (req) => ok(await getVendor(req.actorId, req.params.vendorId))),
  implement(r.decideVendor, async (req) =>
    ok(await decideVendor(req.actorId, req.params.vendorId, req.expectedVersion, req.body)),
  ),
  implement(r.getJobSpend, async (req) => ({
    status: 200,
    body: await getJobSpend(req.actorId, req.params.jobId),
  })),
  implement(r.createPurchaseOrder, async (req) =>
    created(
      await createPurchaseOrder(req.actorId, req.params.jobId, req.body, req.idempotency),
      (o: { jobId: string; purchaseOrderId: string }) =>
        `/jobs/${o.jobId}/purchase-orders/${o.purchaseOrderId}`,
    ),
  ),
  implement(r.listPurchaseOrders, async (req) =>
    ok({ items: await listJobPurchaseOrders(req.actorId, req.params.jobId) }),
  ),
  implement(r.getPurchaseOrder, async (req) =>
    ok(await getPurchaseOrder(req.actorId, req.params.jobId, req.params.purchaseOrderId)),
  ),
  implement(r.sendPurchaseOrder, async (req) =>
    ok(await resendPurchaseOrder(req.actorId, req.params.jobId, req.params.purchaseOrderId)),
  ),
  implement(r.cancelPurchaseOrder, async (req) =>
    ok(
      await cancelPurchaseOrder(
        req.actorId,
        req.params.jobId,
        req.params.purchaseOrderId,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
  implement(r.recordVendorBill, async (req) =>
    created(
      await recordVendorBill(req.actorId, req.params.jobId, req.body, req.idempotency),
      (b: { jobId: string }) => `/jobs/${b.jobId}/spend`,
    ),
  ),
  implement(r.putForecast, async (req) =>
    ok(await putForecast(req.actorId, req.params.brandId, req.params.month, req.expectedVersion, req.body)),
  ),
  implement(r.listForecasts, async (req) =>
    ok({ items: await listForecasts(req.actorId, req.params.clientId, req.query.month) }),
  ),
  implement(r.listReconciliations, async (req) =>
    ok({ items: await listReconciliations(req.actorId, req.params.clientId) }),
  ),
  implement(r.getReconciliation, async (req) =>
    ok(await getReconciliation(req.actorId, req.params.clientId, req.params.month)),
  ),
  implement(r.explainVariance, async (req) =>
    ok(
      await explainVariance(
        req.actorId,
        req.params.clientId,
        req.params.month,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
]);
