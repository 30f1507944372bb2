import * as z from 'zod';
import {
  cancelPurchaseOrderSchema,
  createPurchaseOrderSchema,
  createVendorBillSchema,
  createVendorSchema,
  decideVendorSchema,
  forecastSchema,
  jobSpendSchema,
  monthSchema,
  purchaseOrderSchema,
  putForecastSchema,
  reconciliationDetailSchema,
  reconciliationSchema,
  reconciliationSummarySchema,
  varianceReasonSchema,
  vendorBillSchema,
  vendorListQuery,
  vendorSchema,
} from '../../shared/cost/index.js';
import { idSchema, scopedIdSchema } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

const jobParams = z.strictObject({ jobId: scopedIdSchema });
const orderParams = z.strictObject({ jobId: scopedIdSchema, purchaseOrderId: scopedIdSchema });
const vendorParams = z.strictObject({ vendorId: idSchema });
const clientParams = z.strictObject({ clientId: idSchema });
const reconciliationParams = z.strictObject({ clientId: idSchema, month: monthSchema });
const forecastParams = z.strictObject({ brandId: idSchema, month: monthSchema });

/**
 * Spend (issue 13 §2–§3): the vendor register, purchase orders and vendors' bills of a job (the
 * guard: committed spend never passes the signed total), forecasts, monthly reconciliations.
 */
export const spendRoutes = {
  proposeVendor: defineRoute({
    method: 'POST',
    path: '/vendors',
    operationId: 'proposeVendor',
    summary:
      'Propose a supplier for the vendor register (account executive and above); an account director approves it.',
    body: createVendorSchema,
    idempotent: true,
    response: { status: 201, description: 'The proposed vendor.', schema: vendorSchema },
  }),
  listVendors: defineRoute({
    method: 'GET',
    path: '/vendors',
    operationId: 'listVendors',
    summary: 'The vendor register, by name; optionally by status or category.',
    query: vendorListQuery,
    response: {
      status: 200,
      description: 'The vendors.',
      schema: z.object({ items: z.array(vendorSchema) }).meta({ id: 'VendorList' }),
    },
  }),
  getVendor: defineRoute({
    method: 'GET',
    path: '/vendors/{vendorId}',
    operationId: 'getVendor',
    summary: 'One vendor of the register.',
    params: vendorParams,
    response: { status: 200, description: 'The vendor.', schema: vendorSchema },
  }),
  decideVendor: defineRoute({
    method: 'POST',
    path: '/vendors/{vendorId}/decision',
    operationId: 'decideVendor',
    summary: 'Approve or reject a vendor (account director and above).',
    params: vendorParams,
    body: decideVendorSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The vendor as decided.', schema: vendorSchema },
  }),
  getJobSpend: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/spend',
    operationId: 'getJobSpend',
    summary:
      "The job's spend: the signed total, committed and billed spend, what remains, its purchase orders and bills.",
    params: jobParams,
    response: { status: 200, description: "The job's spend.", schema: jobSpendSchema },
  }),
  createPurchaseOrder: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/purchase-orders',
    operationId: 'createPurchaseOrder',
    summary:
      "Issue a purchase order to an approved vendor against the job's signed estimate (account executive and above): refused with 409 over_signed_total, and the amount over, if committed spend would pass the signed total. The order is emailed to the vendor.",
    params: jobParams,
    body: createPurchaseOrderSchema,
    idempotent: true,
    response: { status: 201, description: 'The purchase order.', schema: purchaseOrderSchema },
  }),
  listPurchaseOrders: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/purchase-orders',
    operationId: 'listPurchaseOrders',
    summary: "The job's purchase orders.",
    params: jobParams,
    response: {
      status: 200,
      description: 'The purchase orders.',
      schema: z.object({ items: z.array(purchaseOrderSchema) }).meta({ id: 'PurchaseOrderList' }),
    },
  }),
  getPurchaseOrder: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/purchase-orders/{purchaseOrderId}',
    operationId: 'getPurchaseOrder',
    summary: 'One purchase order.',
    params: orderParams,
    response: { status: 200, description: 'The purchase order.', schema: purchaseOrderSchema },
  }),
  sendPurchaseOrder: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/purchase-orders/{purchaseOrderId}/send',
    operationId: 'sendPurchaseOrder',
    summary: 'Email the purchase order to the vendor (and its approver) again.',
    params: orderParams,
    response: {
      status: 200,
      description: 'The purchase order, with when it was sent.',
      schema: purchaseOrderSchema,
    },
  }),
  cancelPurchaseOrder: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/purchase-orders/{purchaseOrderId}/cancel',
    operationId: 'cancelPurchaseOrder',
    summary:
      "Cancel a purchase order (account executive and above; If-Match): what the vendor has not billed is given back to the job's committed spend in the same transaction, the vendor and the approver are emailed. An order is cancelled down to what was billed on it; one billed in full is refused with 409 purchase_order_fully_billed. A cancelled order takes no more bills.",
    params: orderParams,
    body: cancelPurchaseOrderSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The cancelled purchase order.', schema: purchaseOrderSchema },
  }),
  recordVendorBill: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/vendor-bills',
    operationId: 'recordVendorBill',
    summary:
      "Record a vendor's bill against one of the job's purchase orders, line by line; quantities and amounts beyond the order are flagged as variances.",
    params: jobParams,
    body: createVendorBillSchema,
    idempotent: true,
    response: { status: 201, description: 'The bill, with its variances.', schema: vendorBillSchema },
  }),
  putForecast: defineRoute({
    method: 'PUT',
    path: '/brands/{brandId}/forecasts/{month}',
    operationId: 'putBrandForecast',
    summary:
      'Set the spend the AE expects on a brand in a month (account executive and above); If-Match once it exists.',
    params: forecastParams,
    body: putForecastSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The forecast.', schema: forecastSchema },
  }),
  listForecasts: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/forecasts',
    operationId: 'listBrandForecasts',
    summary: "The client's brand forecasts, optionally of one month.",
    params: clientParams,
    query: z.strictObject({ month: monthSchema.optional() }),
    response: {
      status: 200,
      description: 'The forecasts.',
      schema: z.object({ items: z.array(forecastSchema) }).meta({ id: 'BrandForecastList' }),
    },
  }),
  listReconciliations: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/reconciliations',
    operationId: 'listReconciliations',
    summary: "The client's monthly budget reconciliations, newest first.",
    params: clientParams,
    response: {
      status: 200,
      description: 'The reconciliations.',
      schema: z.object({ items: z.array(reconciliationSummarySchema) }).meta({ id: 'ReconciliationList' }),
    },
  }),
  getReconciliation: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/reconciliations/{month}',
    operationId: 'getReconciliation',
    summary:
      "One month's budget reconciliation: every row and flag, and its HTML and CSV (presigned now, for minutes).",
    params: reconciliationParams,
    response: { status: 200, description: 'The reconciliation.', schema: reconciliationDetailSchema },
  }),
  explainVariance: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/reconciliations/{month}/reasons',
    operationId: 'explainVariance',
    summary: 'Give the reason for a flagged variance (account executive and above).',
    params: reconciliationParams,
    body: varianceReasonSchema,
    optimisticLock: 'required',
    response: {
      status: 200,
      description: 'The reconciliation with the reason.',
      schema: reconciliationSchema,
    },
  }),
};
