import type { IndexName } from './table-schema.js';

/**
 * The key vocabulary of the single table: key shapes, the client partition every
 * client-owned item lives in, and the attributes that never leave the data layer. Each
 * context declares its entities (ElectroDB-style: the entity owns its key builders) in its
 * own `entities.ts` on top of these; `docs/data-model.md` lists every key with the access
 * patterns it serves; a test (`tests/unit/entity-registry.test.ts`) holds them to one
 * `itemType` each and checks the document lists them all.
 */
export interface PrimaryKey {
  PK: string;
  SK: string;
}

export type IndexKeys = Partial<Record<`${IndexName}PK` | `${IndexName}SK`, string>>;

/** A key condition: a partition on the table or an index, optionally a sort-key prefix. */
export interface KeyQuery {
  index?: IndexName;
  partition: string;
  sortPrefix?: string;
}

export const clientPartition = (clientId: string) => `CLIENT#${clientId}`;
/**
 * Sort key of a list ordered by name: case-insensitive, ties broken by id. The
 * separator sorts below every character a name can hold (control characters are
 * folded to spaces), so "Ana" comes before "Ana Ruiz".
 */
export const nameSortKey = (name: string, id: string) => `${namePrefix(name)}\u0001${id}`;

/** A name as its sort key begins: the key condition that finds names starting with it. */
export const namePrefix = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/\p{Cc}/gu, ' ');

/** Attributes that exist for storage only and never leave the data layer. */
export const storageAttributes = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'itemType',
  'expiresAt',
  // The Step Functions task token of a waiting step: it resumes the workflow, so it never
  // leaves the server (not in a response, an email, a URL or a log).
  'taskToken',
] as const;
