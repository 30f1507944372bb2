/**
 * Time and profit fixtures (issue 14 §3). Revenue entries are written here straight into the
 * table with billing's own key builders (`RevenueEntry.key/indexes`), in the shape the invoices'
 * issuing transaction writes them: the invoicing code is not on this branch, and an end-to-end
 * test from a signed estimate through an issued invoice to profit comes with it.
 */
import { RevenueEntry } from '../../shared/billing/entities.js';
import { putBatch } from '../../shared/platform/db/table.js';
import { newId } from '../../shared/platform/ids.js';
import { api } from './api.js';
import * as fx from './fixtures.js';

export interface RevenueFixture {
  clientId: string;
  jobId: string;
  issuedOn: string;
  kind?: 'invoice' | 'creditNote';
  currency?: string;
  feesMinor?: number;
  commissionMinor?: number;
  rebilledMinor?: number;
  mediaNetMinor?: number;
}

/** Writes revenue entries as issued invoices (and credit notes, their amounts negative) would. */
export async function writeRevenue(entries: RevenueFixture[]): Promise<void> {
  await putBatch(
    entries.map((e) => {
      const documentId = newId();
      const fees = e.feesMinor ?? 0;
      const commission = e.commissionMinor ?? 0;
      const rebilled = e.rebilledMinor ?? 0;
      const mediaNet = e.mediaNetMinor ?? 0;
      return {
        ...RevenueEntry.key(e.clientId, e.issuedOn, documentId, e.jobId),
        ...RevenueEntry.indexes({ jobId: e.jobId, issuedOn: e.issuedOn, documentId }),
        itemType: RevenueEntry.type,
        clientId: e.clientId,
        jobId: e.jobId,
        issuedOn: e.issuedOn,
        documentId,
        documentNumber: `${e.kind === 'creditNote' ? 'CN' : 'INV'}-${documentId.slice(-6)}`,
        kind: e.kind ?? 'invoice',
        currency: e.currency ?? 'USD',
        feesMinor: fees,
        commissionMinor: commission,
        rebilledMinor: rebilled,
        mediaNetMinor: mediaNet,
        netMinor: fees + commission + rebilled + mediaNet,
      };
    }),
  );
}

/**
 * For the route world: the AE's cost rate and the client's bill rate from a day (put once; the
 * shared table may hold them from another world already), and the head's week saved empty.
 */
export async function timeWorld(h: fx.Person, clientId: string) {
  const role = 'account_executive';
  const week = '2026-W45';
  const rate = { hourlyRate: fx.usd(60), effectiveFrom: '2026-11-02' };
  const put = async (path: string) => {
    const res = await api('PUT', path, { token: h.token, body: rate });
    if (res.status !== 428) fx.expectStatus(res, 200, `PUT ${path}`);
  };
  await put(`/cost-rates/${role}`);
  await put(`/clients/${clientId}/bill-rates/${role}`);
  const versionIn = (path: string) => async () =>
    (
      (await api('GET', path, { token: h.token })).body.items.find(
        (r: fx.Json) =>
          r.role === role && r.effectiveFrom === rate.effectiveFrom && r.hourlyRate.currency === 'USD',
      ) as fx.Json
    ).version as number;
  const mine = await api('GET', `/me/timesheets/${week}`, { token: h.token });
  if (mine.body.version === 0) {
    fx.expectStatus(
      await api('PUT', `/me/timesheets/${week}`, { token: h.token, body: { entries: [] } }),
      200,
      'PUT the head’s week',
    );
  }
  return {
    role,
    week,
    rate,
    costRateVersion: versionIn('/cost-rates'),
    billRateVersion: versionIn(`/clients/${clientId}/bill-rates`),
  };
}
