import * as z from 'zod';
import {
  bookingParams,
  campaignListQuery,
  campaignParams,
  createdMonitoringImportSchema,
  createMaterialRequisitionSchema,
  createMonitoringImportSchema,
  deliveryRowSchema,
  discrepancyParams,
  discrepancySchema,
  linkMaterialSchema,
  materialParams,
  materialRequisitionSchema,
  monitoringImportParams,
  monitoringImportSchema,
  monitoringImportSummarySchema,
  replaceMonitoringImportSchema,
  resolveDiscrepancySchema,
} from '../../shared/media/index.js';
import { listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

const discrepancyList = z.object({ items: z.array(discrepancySchema) }).meta({ id: 'DiscrepancyList' });
const materialList = z
  .object({ items: z.array(materialRequisitionSchema) })
  .meta({ id: 'MaterialRequisitionList' });

/** Airing and monitoring (domain.md §5): monitoring imports, discrepancies, material requisitions. */
export const mediaDeliveryRoutes = {
  createMonitoringImport: defineRoute({
    method: 'POST',
    // Up to maxJsonMonitoringRows rows as JSON (~250 bytes each).
    maxBodyBytes: 2 * 1024 * 1024,
    path: '/media-campaigns/{campaignId}/monitoring-imports',
    operationId: 'createMonitoringImport',
    summary:
      'Import a monitoring report: `{fileName}` answers a presigned upload for a CSV (then `…/complete`); `{rows}` imports JSON rows at once. Good rows are stored, bad rows listed with line numbers and reasons.',
    params: campaignParams,
    body: createMonitoringImportSchema,
    idempotent: true,
    response: {
      status: 201,
      description: 'The import (CSV: awaiting its upload, with the upload; JSON: completed).',
      schema: createdMonitoringImportSchema,
    },
  }),
  listMonitoringImports: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/monitoring-imports',
    operationId: 'listMonitoringImports',
    summary: "The campaign's monitoring imports, newest first (without their rejected rows).",
    params: campaignParams,
    query: campaignListQuery,
    response: {
      status: 200,
      description: 'A page of imports.',
      schema: listOf(monitoringImportSummarySchema, 'MonitoringImportPage'),
    },
  }),
  getMonitoringImport: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/monitoring-imports/{importId}',
    operationId: 'getMonitoringImport',
    summary: 'One import: status, counts and every rejected row with its line number and reasons.',
    params: monitoringImportParams,
    response: { status: 200, description: 'The import.', schema: monitoringImportSchema },
  }),
  completeMonitoringImport: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/monitoring-imports/{importId}/complete',
    operationId: 'completeMonitoringImport',
    summary:
      'Read the uploaded CSV from storage and import it. What the request’s time allows is imported at once; a larger file answers `importing` and goes on by itself to the end (progress: rowsTotal of rowsExpected, rowsRejected so far, on `GET …/{importId}`), and the uploader is emailed when it has finished. Idempotent: a completed import is answered as it is; an interrupted one goes on under the same row keys.',
    params: monitoringImportParams,
    response: {
      status: 200,
      description: 'The import: completed, failed, or importing (going on by itself).',
      schema: monitoringImportSchema,
    },
  }),
  retryMonitoringImport: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/monitoring-imports/{importId}/retry',
    operationId: 'retryMonitoringImport',
    summary:
      'Run a failed import again from its stored file (the same rows under the same keys: nothing doubles). 409 unless it failed. Takes no body.',
    params: monitoringImportParams,
    response: {
      status: 200,
      description: 'The import, run again: completed, failed, or importing (going on by itself).',
      schema: monitoringImportSchema,
    },
  }),
  replaceMonitoringImport: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/monitoring-imports/{importId}/replacement',
    operationId: 'replaceMonitoringImport',
    summary:
      'Replace a failed CSV import’s file: a new import with a presigned upload (then `…/complete`), naming the import it replaces; the failed one keeps its failure and names its replacement.',
    params: monitoringImportParams,
    body: replaceMonitoringImportSchema,
    idempotent: true,
    response: {
      status: 201,
      description: 'The new import, awaiting its upload, with the upload.',
      schema: createdMonitoringImportSchema,
    },
  }),
  listDeliveryRows: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/delivery-rows',
    operationId: 'listDeliveryRows',
    summary: 'Delivered media of completed imports, by date, each with the booking line it matched (if any).',
    params: campaignParams,
    query: campaignListQuery,
    response: {
      status: 200,
      description: 'A page of rows.',
      schema: listOf(deliveryRowSchema, 'DeliveryRowPage'),
    },
  }),
  listDiscrepancies: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/discrepancies',
    operationId: 'listDiscrepancies',
    summary: 'Under-delivery, missed spots, wrong dates and unbooked delivery against the bookings.',
    params: campaignParams,
    response: { status: 200, description: 'The discrepancies.', schema: discrepancyList },
  }),
  recomputeDiscrepancies: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/discrepancies/recompute',
    operationId: 'recomputeDiscrepancies',
    summary:
      'Recompute the discrepancies now (each import does it too): new ones open, open ones follow the numbers, resolved ones stay resolved.',
    params: campaignParams,
    response: { status: 200, description: 'The discrepancies.', schema: discrepancyList },
  }),
  resolveDiscrepancy: defineRoute({
    method: 'PATCH',
    path: '/media-campaigns/{campaignId}/discrepancies/{discrepancyId}',
    operationId: 'resolveDiscrepancy',
    summary: 'Mark a discrepancy resolved, with the makegood the vendor gives.',
    params: discrepancyParams,
    body: resolveDiscrepancySchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The discrepancy.', schema: discrepancySchema },
  }),
  createMaterialRequisition: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}/materials',
    operationId: 'createMaterialRequisition',
    summary:
      "What the booking's vendor needs (format, size or duration, delivery deadline); warned about before the deadline while missing.",
    params: bookingParams,
    body: createMaterialRequisitionSchema,
    idempotent: true,
    response: { status: 201, description: 'The requisition.', schema: materialRequisitionSchema },
  }),
  listBookingMaterials: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}/materials',
    operationId: 'listBookingMaterials',
    summary: "The booking's material requisitions.",
    params: bookingParams,
    response: { status: 200, description: 'The requisitions.', schema: materialList },
  }),
  listCampaignMaterials: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/materials',
    operationId: 'listCampaignMaterials',
    summary: "Every material requisition of the campaign's bookings.",
    params: campaignParams,
    response: { status: 200, description: 'The requisitions.', schema: materialList },
  }),
  getMaterialRequisition: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/materials/{requisitionId}',
    operationId: 'getMaterialRequisition',
    summary: 'One material requisition, with the linked material once there is one.',
    params: materialParams,
    response: { status: 200, description: 'The requisition.', schema: materialRequisitionSchema },
  }),
  linkMaterial: defineRoute({
    method: 'PATCH',
    path: '/media-campaigns/{campaignId}/materials/{requisitionId}',
    operationId: 'linkMaterial',
    summary:
      'Link the material: a draft version of the same client that passed final artwork approval and its spec check (409 naming why otherwise). Closes the requisition.',
    params: materialParams,
    body: linkMaterialSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The requisition, linked.', schema: materialRequisitionSchema },
  }),
};
