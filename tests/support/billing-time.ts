/**
 * Time and profit fixtures (issue 14 §3). Revenue entries are written here straight into the
 * table with billing's own key builders (`RevenueEntry.key/indexes`), in the shape the invoices'
 * issuing transaction writes them: the invoicing code is not on this branch, and an end-to-end
 * test from a signed estimate through an issued invoice to profit comes with it.
 */
import { RevenueEntry } from '../../shared/billing/entities.js';
import { putBatch } from '../../shared/platform/db/table.js';
import { newId } from '../../shared/platform/ids.js';

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
