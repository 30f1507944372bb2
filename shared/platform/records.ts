import { type IndexKeys, type PrimaryKey, storageAttributes } from './db/keys.js';

/** The fields every stored resource carries. */
export interface RecordMeta {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const now = (): string => new Date().toISOString();

/**
 * A resource as stored: its fields plus its keys and the item-type marker. The marker
 * is `itemType`, so that a domain field may be called `type` (a job's type).
 */
export function storedItem<T extends object>(
  itemType: string,
  key: PrimaryKey,
  indexes: IndexKeys,
  fields: T,
): T & PrimaryKey & { itemType: string } & Record<string, unknown> {
  return { ...fields, ...key, ...indexes, itemType };
}

/** A first version of a stored resource. */
export function newRecord<T extends object>(
  itemType: string,
  key: PrimaryKey,
  indexes: IndexKeys,
  fields: T,
  at = now(),
): T & RecordMeta & PrimaryKey & { itemType: string } & Record<string, unknown> {
  return storedItem(itemType, key, indexes, { ...fields, version: 1, createdAt: at, updatedAt: at });
}

/**
 * The next version of a resource after a PATCH: `undefined` keeps a field, `null`
 * removes it, anything else replaces it.
 */
export function patched<T extends RecordMeta>(current: T, patch: Record<string, unknown>, at = now()): T {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  next.version = current.version + 1;
  next.updatedAt = at;
  return next as T;
}

const bookkeeping = new Set(['version', 'createdAt', 'updatedAt']);
const storage = new Set<string>(storageAttributes);

/** Top-level fields that differ between two versions, for the audit trail. */
export function changedFields(
  before: object | undefined,
  after: object | undefined,
): Record<string, { from?: unknown; to?: unknown }> {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of fields) {
    if (bookkeeping.has(field) || storage.has(field)) continue;
    const from = (before as Record<string, unknown> | undefined)?.[field];
    const to = (after as Record<string, unknown> | undefined)?.[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
