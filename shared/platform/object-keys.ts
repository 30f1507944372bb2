/**
 * Key prefixes of the reports bucket that its lifecycle rules name (`infra/constructs/storage.ts`):
 * one place for both the code that writes under them and the rule that expires them.
 */

/**
 * Documents made only to be looked at once (a draft invoice's preview): a new object on every
 * request, recorded nowhere, so every version expires a day after it was written.
 */
export const previewKeyPrefix = 'previews/';
