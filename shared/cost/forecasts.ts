import { Brand } from '../accounts/entities.js';
import { authorize, openClient, openClientWith } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { fromItem, putIfVersion, putNew, queryAll, transact } from '../platform/db/table.js';
import { notFound, preconditionRequired, versionConflict } from '../platform/errors.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { BrandForecast } from './entities.js';
import type { ForecastView, PutForecastInput } from './spend-schemas.js';

/**
 * The AE's monthly advertising-spend forecast per brand (domain.md §2: "monthly advertising-spend
 * forecast per brand"): one amount per brand and month, replaced as the AE revises it (If-Match
 * once it exists). The monthly reconciliation sets it against what was committed.
 */
export async function putForecast(
  actorId: string,
  brandId: string,
  month: string,
  expectedVersion: number | undefined,
  input: PutForecastInput,
): Promise<ForecastView> {
  const { clientId } = input;
  const { caller, items } = await openClient(actorId, clientId, [
    Brand.key(clientId, brandId),
    BrandForecast.key(clientId, brandId, month),
  ]);
  const [brandItem, currentItem] = items;
  if (!brandItem) throw notFound('Brand');
  authorize(caller, 'budget.forecast');
  const fields = {
    clientId,
    brandId,
    month,
    amount: input.amount,
    note: input.note,
    forecastBy: caller.staffId,
  };
  if (!currentItem) {
    // A first forecast has no version: an If-Match of any other than "0" names one that is not there.
    if (expectedVersion !== undefined && expectedVersion !== 0)
      throw versionConflict('This forecast', expectedVersion);
    const item = newRecord(BrandForecast.type, BrandForecast.key(clientId, brandId, month), {}, fields);
    await transact([
      putNew(item, () => versionConflict('This forecast', 0)),
      clientAuditEvent(clientId, {
        actorId,
        action: 'forecast.set',
        entityType: 'brandForecast',
        entityId: `${brandId}#${month}`,
        after: item,
      }),
    ]);
    return fromItem<ForecastView>(item);
  }
  const current = fromItem<ForecastView>(currentItem);
  if (expectedVersion === undefined) throw preconditionRequired();
  if (expectedVersion !== current.version) throw versionConflict('This forecast', expectedVersion);
  const next = patched(current, { ...fields, note: input.note ?? null });
  await transact([
    putIfVersion(
      storedItem(BrandForecast.type, BrandForecast.key(clientId, brandId, month), {}, next),
      expectedVersion,
      () => versionConflict('This forecast', expectedVersion),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'forecast.revised',
      entityType: 'brandForecast',
      entityId: `${brandId}#${month}`,
      before: current,
      after: next,
    }),
  ]);
  return next;
}

export async function listForecasts(
  actorId: string,
  clientId: string,
  month?: string,
): Promise<ForecastView[]> {
  const { result } = await openClientWith(actorId, clientId, () =>
    queryAll(BrandForecast.ofClient(clientId, month)),
  );
  return result.map((i) => fromItem<ForecastView>(i));
}
