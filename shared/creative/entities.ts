import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * A creative draft and its versions share the prefix `DRAFT#<draftId>`, so one query
 * reads a draft with all its versions; draft ids have a fixed length, so one draft's
 * prefix never matches another's.
 */
export const Draft = {
  type: 'draft',
  key: (clientId: string, draftId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `DRAFT#${draftId}`,
  }),
  indexes: (d: { jobId: string; draftId: string }): IndexKeys => ({
    GSI1PK: `JOB#${d.jobId}#DRAFTS`,
    GSI1SK: `DRAFT#${d.draftId}`,
  }),
  withVersions: (clientId: string, draftId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `DRAFT#${draftId}`,
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#DRAFTS` }),
} as const;

export const DraftVersion = {
  type: 'draftVersion',
  key: (clientId: string, draftId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `DRAFT#${draftId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;
