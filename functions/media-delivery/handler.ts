import {
  completeMonitoringImport,
  createMaterialRequisition,
  createMonitoringImport,
  getMaterialRequisition,
  getMonitoringImport,
  linkMaterial,
  listBookingMaterials,
  listCampaignMaterials,
  listDeliveryRows,
  listDiscrepancies,
  listMonitoringImports,
  recomputeDiscrepancies,
  replaceMonitoringImport,
  resolveDiscrepancy,
  retryMonitoringImport,
} from '../../shared/media/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { mediaDeliveryRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.createMonitoringImport, async (req) =>
    created(
      await createMonitoringImport(req.actorId, req.params.campaignId, req.body, req.idempotency),
      (i: { campaignId: string; importId: string }) =>
        `/media-campaigns/${i.campaignId}/monitoring-imports/${i.importId}`,
    ),
  ),
  implement(r.listMonitoringImports, async (req) =>
    ok(await listMonitoringImports(req.actorId, req.params.campaignId, req.query)),
  ),
  implement(r.getMonitoringImport, async (req) =>
    ok(await getMonitoringImport(req.actorId, req.params.campaignId, req.params.importId)),
  ),
  implement(r.completeMonitoringImport, async (req) =>
    ok(await completeMonitoringImport(req.actorId, req.params.campaignId, req.params.importId)),
  ),
  implement(r.retryMonitoringImport, async (req) =>
    ok(await retryMonitoringImport(req.actorId, req.params.campaignId, req.params.importId)),
  ),
  implement(r.replaceMonitoringImport, async (req) =>
    created(
      await replaceMonitoringImport(
        req.actorId,
        req.params.campaignId,
        req.params.importId,
        req.body,
        req.idempotency,
      ),
      (i: { campaignId: string; importId: string }) =>
        `/media-campaigns/${i.campaignId}/monitoring-imports/${i.importId}`,
    ),
  ),
  implement(r.listDeliveryRows, async (req) =>
    ok(await listDeliveryRows(req.actorId, req.params.campaignId, req.query)),
  ),
  implement(r.listDiscrepancies, async (req) =>
    ok({ items: await listDiscrepancies(req.actorId, req.params.campaignId) }),
  ),
  implement(r.recomputeDiscrepancies, async (req) =>
    ok({ items: await recomputeDiscrepancies(req.actorId, req.params.campaignId) }),
  ),
  implement(r.resolveDiscrepancy, async (req) =>
    ok(
      await resolveDiscrepancy(
        req.actorId,
        req.params.campaignId,
        req.params.discrepancyId,
        req.body,
        req.expectedVersion,
      ),
    ),
  ),
  implement(r.createMaterialRequisition, async (req) =>
    created(
      await createMaterialRequisition(
        req.actorId,
        req.params.campaignId,
        req.params.bookingId,
        req.body,
        req.idempotency,
      ),
      (m: { campaignId: string; requisitionId: string }) =>
        `/media-campaigns/${m.campaignId}/materials/${m.requisitionId}`,
    ),
  ),
  implement(r.listBookingMaterials, async (req) =>
    ok({ items: await listBookingMaterials(req.actorId, req.params.campaignId, req.params.bookingId) }),
  ),
  implement(r.listCampaignMaterials, async (req) =>
    ok({ items: await listCampaignMaterials(req.actorId, req.params.campaignId) }),
  ),
  implement(r.getMaterialRequisition, async (req) =>
    ok(await getMaterialRequisition(req.actorId, req.params.campaignId, req.params.requisitionId)),
  ),
  implement(r.linkMaterial, async (req) =>
    ok(
      await linkMaterial(
        req.actorId,
        req.params.campaignId,
        req.params.requisitionId,
        req.body,
        req.expectedVersion,
      ),
    ),
  ),
]);
