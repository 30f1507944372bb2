/**
 * Spend fixtures (issue 13 §2–§3): an approved vendor, a job whose estimate the client signed
 * (written by the estimate subject's own signature writes, so the fixture has the real shape), an
 * order on it and a month's reconciliation.
 */
import { estimateSubject, reconcileClientMonth } from '../../shared/cost/index.js';
import { transact } from '../../shared/platform/db/table.js';
import type { Review } from '../../shared/signoff/index.js';
import { api, uniqueEmail } from './api.js';
import * as fx from './fixtures.js';

export interface SignedLine {
  amountMinor: number;
  category?: string;
  description?: string;
  vendorId?: string;
}

const estimateLine = (line: SignedLine, currency: string) => ({
  category: line.category ?? 'production',
  description: line.description ?? 'Studio day',
  quantity: 1,
  unitCost: { amountMinor: line.amountMinor, currency },
  ...(line.vendorId ? { vendorId: line.vendorId } : {}),
});

/**
 * Signs version `number` of an estimate the way the client's signature does: the estimate
 * subject's own writes at the end of its review (the version signed and locked, the estimate's
 * signed version and total, the job's spend ledger), in one transaction — without the review's
 * workflow, which cost-estimates.test.ts and the console story go through.
 */
export async function signEstimateVersion(clientId: string, estimateId: string, number: number) {
  const review = {
    reviewId: `fixture-${estimateId}-${number}`,
    clientId,
    subjectType: 'estimate',
    subjectId: estimateId,
    kind: number === 1 ? 'estimate' : 'change_order',
  } as unknown as Review;
  await transact(await estimateSubject.onEnded(review, 'released', number));
}

/**
 * A job whose estimate the client signed: drawn up through the API (priced by the server; each
 * line one unit at `amountMinor`, no markup, so the signed total is the sum of the amounts), then
 * signed. Answers the estimate and its signed lines (`L001`, `L002`, …).
 */
export async function signedEstimate(
  by: fx.Person,
  jobId: string,
  lines: SignedLine[],
  currency = 'USD',
): Promise<{ estimateId: string; lines: fx.Json[] }> {
  const created = await api('POST', `/jobs/${jobId}/estimates`, {
    token: by.token,
    body: { title: 'Signed estimate', currency, lines: lines.map((l) => estimateLine(l, currency)) },
  });
  fx.expectStatus(created, 201, 'POST estimate');
  const { estimate, version } = created.body;
  await signEstimateVersion(estimate.clientId, estimate.estimateId, version.number);
  return { estimateId: estimate.estimateId, lines: version.lines };
}

/** A change order of a signed estimate (its lines replaced by `lines`), signed by the client. */
export async function signedChangeOrder(
  by: fx.Person,
  estimateId: string,
  lines: (SignedLine & { lineId?: string })[],
  currency = 'USD',
): Promise<fx.Json> {
  const current = await api('GET', `/estimates/${estimateId}`, { token: by.token });
  fx.expectStatus(current, 200, 'GET estimate');
  const revised = await api('POST', `/estimates/${estimateId}/versions`, {
    token: by.token,
    headers: { 'if-match': `"${current.body.estimate.version}"` },
    body: {
      lines: lines.map((l) => ({ ...estimateLine(l, currency), ...(l.lineId ? { lineId: l.lineId } : {}) })),
    },
  });
  fx.expectStatus(revised, 201, 'POST change order');
  await signEstimateVersion(current.body.estimate.clientId, estimateId, revised.body.version.number);
  return revised.body.version;
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

/** For the route world: a vendor, a signed job with two orders (one to cancel), a proposed vendor, a brand's forecast, a month reconciled. */
export async function spendWorld(h: fx.Person, clientId: string, brandId: string, jobId: string) {
  const vendor = await approvedNewVendor(h, h);
  const proposed = await api('POST', '/vendors', { token: h.token, body: vendorBody() });
  const estimate = await signedEstimate(h, jobId, [{ amountMinor: 10_000_000 }]);
  const order = await api('POST', `/jobs/${jobId}/purchase-orders`, {
    token: h.token,
    body: {
      vendorId: vendor.vendorId,
      category: 'production',
      lines: [{ estimateLineId: 'L001', description: 'Studio day', quantity: 1, unitCost: fx.usd(1_000) }],
    },
  });
  fx.expectStatus(order, 201, 'POST purchase order');
  // A second order, for the cancellation route alone (the first one takes bills).
  const cancellable = await api('POST', `/jobs/${jobId}/purchase-orders`, {
    token: h.token,
    body: {
      vendorId: vendor.vendorId,
      category: 'production',
      lines: [
        { estimateLineId: 'L001', description: 'Second studio day', quantity: 1, unitCost: fx.usd(500) },
      ],
    },
  });
  fx.expectStatus(cancellable, 201, 'POST purchase order (to cancel)');
  const month = '2027-01';
  // The brand's forecast exists: a change of it needs If-Match (a first one would not).
  const forecast = await api('PUT', `/brands/${brandId}/forecasts/${month}`, {
    token: h.token,
    body: { clientId, amount: fx.usd(40_000) },
  });
  fx.expectStatus(forecast, 200, 'PUT forecast');
  await reconcileClientMonth(clientId, month, new Date());
  return {
    vendor,
    estimateId: estimate.estimateId,
    proposedVendorId: proposed.body.vendorId as string,
    order: order.body,
    cancellableOrderId: cancellable.body.purchaseOrderId as string,
    month,
  };
}
