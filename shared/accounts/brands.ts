import { clientAuditEvent } from '../platform/audit.js';
import { fromItem, type Page, putIfVersion, putNew, queryPage, transact } from '../platform/db/table.js';
import { notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { authorize, openClient, openClientWith, transactAs } from './access.js';
import { Brand } from './entities.js';
import type { Brand as BrandView, CreateBrandInput, UpdateBrandInput } from './schemas/brands.js';

export async function createBrand(
  actorId: string,
  clientId: string,
  input: CreateBrandInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<BrandView>(
    actorId,
    idempotency,
    async (remember) => {
      const brandId = newId();
      const item = newRecord(
        Brand.type,
        Brand.key(clientId, brandId),
        {},
        {
          brandId,
          clientId,
          ...input,
          competitors: input.competitors ?? [],
        },
      );
      const view = fromItem<BrandView>(item);
      await transactAs(actorId, { action: 'brand.manage', clientId }, [
        putNew(item),
        clientAuditEvent(clientId, {
          actorId,
          action: 'brand.created',
          entityType: 'brand',
          entityId: brandId,
          after: item,
        }),
        ...remember(view),
      ]);
      return view;
    },
    // The transaction is the whole create: a replay is found by its record's condition.
    { lookFirst: false },
  );
}

export async function listBrands(
  actorId: string,
  clientId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<BrandView>> {
  const { result } = await openClientWith(actorId, clientId, () => queryPage(Brand.ofClient(clientId), page));
  return { items: result.items.map((i) => fromItem<BrandView>(i)), nextToken: result.nextToken };
}

export async function getBrand(actorId: string, clientId: string, brandId: string): Promise<BrandView> {
  const { items } = await openClient(actorId, clientId, [Brand.key(clientId, brandId)]);
  if (!items[0]) throw notFound('Brand');
  return fromItem<BrandView>(items[0]);
}

export async function updateBrand(
  actorId: string,
  clientId: string,
  brandId: string,
  expectedVersion: number,
  patch: UpdateBrandInput,
): Promise<BrandView> {
  const { caller, items } = await openClient(actorId, clientId, [Brand.key(clientId, brandId)]);
  authorize(caller, 'brand.manage');
  if (!items[0]) throw notFound('Brand');
  const current = fromItem<BrandView>(items[0]);
  if (current.version !== expectedVersion) throw versionConflict('This brand', expectedVersion);
  const next = patched(current, patch);
  const item = storedItem(Brand.type, Brand.key(clientId, brandId), {}, next);
  await transact([
    putIfVersion(item, expectedVersion, () => versionConflict('This brand', expectedVersion)),
    clientAuditEvent(clientId, {
      actorId,
      action: 'brand.updated',
      entityType: 'brand',
      entityId: brandId,
      before: current,
      after: next,
    }),
  ]);
  return fromItem<BrandView>(item);
}
