import type { KeyQuery } from '../platform/db/keys.js';
import { fromItem, getItems, type Item, queryPage } from '../platform/db/table.js';
import { type Money, money } from '../platform/money.js';
import {
  CostOfClient,
  EstimateVersion as EstimateVersionEntity,
  JobSpendLedger,
  VendorBill,
} from './entities.js';
import type { EstimateVersion } from './schemas.js';

/**
 * What billing's profitability reads of cost (issue 14 §3): the vendors' bills of a client's jobs
 * (direct costs) and, per job, the signed estimate's planned margin — its agency income (markups
 * and agency fees) on its subtotal. Reads only; the caller has already checked the reader.
 */
export interface JobDirectCosts {
  bills: { jobId: string; billDate: string; total: Money }[];
  /** Jobs with a signed estimate: which version. */
  signed: { jobId: string; estimateId: string; version: number }[];
}

const fields = ['SK', 'itemType', 'jobId', 'billDate', 'total', 'signedEstimateId', 'signedEstimateVersion'];

async function costItems(query: KeyQuery): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(query, { limit: 5000, nextToken, attributes: fields });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

function directCostsOf(items: Item[]): JobDirectCosts {
  const out: JobDirectCosts = { bills: [], signed: [] };
  for (const item of items) {
    if (item.itemType === VendorBill.type) {
      out.bills.push({
        jobId: item.jobId as string,
        billDate: item.billDate as string,
        total: item.total as Money,
      });
    } else if (item.itemType === JobSpendLedger.type && item.signedEstimateId) {
      out.signed.push({
        // `COST#<jobId>#LEDGER`: the ledger names its job only in its key.
        jobId: (item.SK as string).split('#')[1] as string,
        estimateId: item.signedEstimateId as string,
        version: item.signedEstimateVersion as number,
      });
    }
  }
  return out;
}

/** Every job of a client: its bills and signed estimates, in a few large pages. */
export const directCostsOfClient = async (clientId: string) =>
  directCostsOf(await costItems(CostOfClient.all(clientId)));

/** One job's bills and signed estimate. */
export const directCostsOfJob = async (clientId: string, jobId: string) =>
  directCostsOf(
    await costItems({ partition: JobSpendLedger.key(clientId, jobId).PK, sortPrefix: `COST#${jobId}#` }),
  );

export interface PlannedMargin {
  jobId: string;
  estimateId: string;
  version: number;
  subtotal: Money;
  agencyIncome: Money;
}

/** The signed versions' totals: what each job was planned to earn the agency. */
export async function plannedMargins(
  clientId: string,
  signed: JobDirectCosts['signed'],
): Promise<PlannedMargin[]> {
  const items = await getItems(
    signed.map((s) => EstimateVersionEntity.key(clientId, s.estimateId, s.version)),
  );
  return signed.flatMap((s, i) => {
    const item = items[i];
    if (!item) return [];
    const { totals } = fromItem<EstimateVersion>(item);
    return [
      {
        ...s,
        subtotal: money(totals.subtotal.amountMinor, totals.subtotal.currency),
        agencyIncome: money(totals.agencyIncome.amountMinor, totals.agencyIncome.currency),
      },
    ];
  });
}
