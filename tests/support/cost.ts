/**
 * Spend fixtures (issue 13 §2–§3): an approved vendor, a job whose estimate the client signed (its
 * spend ledger seeded as the signature leaves it: the estimates side writes it), an order on it and
 * a month's reconciliation.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { reconcileClientMonth } from '../../shared/cost/index.js';
import { api, uniqueEmail } from './api.js';
import * as fx from './fixtures.js';
import { documents, tableName } from './table.js';

/** The ledger item as signing an estimate of `signedTotalMinor` leaves it. */
export async function seedLedger(
  clientId: string,
  jobId: string,
  signedTotalMinor: number,
  options: { currency?: string; carriesMedia?: boolean } = {},
) {
  await documents().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        PK: `CLIENT#${clientId}`,
        SK: `COST#${jobId}#LEDGER`,
        itemType: 'jobSpendLedger',
        jobId,
        signedTotalMinor,
        currency: options.currency ?? 'USD',
        committedMinor: 0,
        signedEstimateId: 'estimate-under-test',
        signedEstimateVersion: 1,
        estimateCarriesMedia: options.carriesMedia ?? false,
        version: 1,
      },
    }),
  );
}

export const vendorBody = (name = fx.uniqueName('Vendor'), categories = ['production_house']) => ({
  name,
  categories,
  contact: { name: 'Vendor Desk', email: uniqueEmail('vendor') },
  paymentTermsDays: 30,
  taxId: 'ES-B12345678',
});

/** A new vendor, proposed by `by` and approved by `approver` (an AD or above). */
export async function approvedNewVendor(by: fx.Person, approver: fx.Person): Promise<fx.Json> {
  const proposed = await api('POST', '/vendors', { token: by.token, body: vendorBody() });
  fx.expectStatus(proposed, 201, 'POST /vendors');
  const decided = await api('POST', `/vendors/${proposed.body.vendorId}/decision`, {
    token: approver.token,
    headers: { 'if-match': '"1"' },
    body: { decision: 'approve' },
  });
  fx.expectStatus(decided, 200, 'vendor decision');
  return decided.body;
}

/** For the route world: a vendor, a signed job with one order, a proposed vendor, a brand's forecast, a month reconciled. */
export async function spendWorld(h: fx.Person, clientId: string, brandId: string, jobId: string) {
  const vendor = await approvedNewVendor(h, h);
  const proposed = await api('POST', '/vendors', { token: h.token, body: vendorBody() });
  await seedLedger(clientId, jobId, 10_000_000);
  const order = await api('POST', `/jobs/${jobId}/purchase-orders`, {
    token: h.token,
    body: {
      vendorId: vendor.vendorId,
      category: 'production',
      lines: [{ estimateLineId: 'E001', description: 'Studio day', quantity: 1, unitCost: fx.usd(1_000) }],
    },
  });
  fx.expectStatus(order, 201, 'POST purchase order');
  const month = '2027-01';
  // The brand's forecast exists: a change of it needs If-Match (a first one would not).
  const forecast = await api('PUT', `/brands/${brandId}/forecasts/${month}`, {
    token: h.token,
    body: { clientId, amount: fx.usd(40_000) },
  });
  fx.expectStatus(forecast, 200, 'PUT forecast');
  await reconcileClientMonth(clientId, month, new Date());
  return { vendor, proposedVendorId: proposed.body.vendorId as string, order: order.body, month };
}
