import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A new time-ordered id (ULID). */
export const newId = (): string => nextUlid();

/**
 * Ids of client-owned resources addressed without their client in the path
 * (`/jobs/{jobId}`) carry the client id, so one key lookup finds the item in its
 * client's partition and authorization never needs a second read.
 */
export const newScopedId = (clientId: string): string => `${clientId}_${nextUlid()}`;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const isId = (value: string): boolean => ULID.test(value);

/** The client part of a scoped id, or undefined when the id is malformed. */
export function clientOfScopedId(scopedId: string): string | undefined {
  const [clientId, own, ...rest] = scopedId.split('_');
  if (rest.length > 0 || !clientId || !own || !isId(clientId) || !isId(own)) return undefined;
  return clientId;
}
