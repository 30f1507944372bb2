import { fromItem, getItem } from '../platform/db/table.js';
import { EstimateVersion as EstimateVersionEntity, JobSpendLedger } from './entities.js';
import type { EstimateVersion, SignedEstimateLine } from './schemas.js';

/**
 * The lines of the job's signed estimate (the latest signed version, a change order's included),
 * for purchase orders raised against them: read through the spend ledger, which names exactly the
 * signed estimate and version. Empty while nothing is signed. The caller has already checked the
 * reader may see the client.
 */
export async function signedEstimateLines(clientId: string, jobId: string): Promise<SignedEstimateLine[]> {
  const ledger = await getItem(JobSpendLedger.key(clientId, jobId));
  if (!ledger?.signedEstimateId) return [];
  const item = await getItem(
    EstimateVersionEntity.key(
      clientId,
      ledger.signedEstimateId as string,
      ledger.signedEstimateVersion as number,
    ),
  );
  if (!item) return [];
  return fromItem<EstimateVersion>(item).lines.map((l) => ({
    lineId: l.lineId,
    category: l.category,
    description: l.description,
    quantity: l.quantity,
    unitCost: l.unitCost,
    total: l.total,
    ...(l.vendorId ? { vendorId: l.vendorId } : {}),
  }));
}
