import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/** The job's own sort key and its index keys order by status, then job number. */
const jobSort = (j: { status: string; jobNumber: string }) => `${j.status}#${j.jobNumber}`;

export const Job = {
  type: 'job',
  key: (clientId: string, jobId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `JOB#${jobId}`,
  }),
  indexes: (j: {
    clientId: string;
    brandId: string;
    ownerId: string;
    status: string;
    jobNumber: string;
  }): IndexKeys => ({
    GSI1PK: `CLIENT#${j.clientId}#JOBS`,
    GSI1SK: jobSort(j),
    GSI2PK: `BRAND#${j.brandId}#JOBS`,
    GSI2SK: jobSort(j),
    GSI3PK: `OWNER#${j.ownerId}#JOBS`,
    GSI3SK: jobSort(j),
  }),
  ofClient: (clientId: string, status?: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CLIENT#${clientId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
  ofBrand: (brandId: string, status?: string): KeyQuery => ({
    index: 'GSI2',
    partition: `BRAND#${brandId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
  ofOwner: (ownerId: string, status?: string): KeyQuery => ({
    index: 'GSI3',
    partition: `OWNER#${ownerId}#JOBS`,
    sortPrefix: status ? `${status}#` : undefined,
  }),
} as const;

/** The last job number issued for a client in a year; advanced in the job's transaction. */
export const JobSequence = {
  type: 'jobSequence',
  key: (clientId: string, year: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `JOBSEQ#${year}`,
  }),
} as const;
