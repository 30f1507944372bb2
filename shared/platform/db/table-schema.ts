/**
 * The single table's physical shape: generic key attributes and the global secondary
 * indexes. The CDK storage construct builds the table from this, the local runner
 * creates DynamoDB Local's table from the synthesized template, and the key builders
 * in `keys.ts` fill these attributes. One shape, three readers.
 */
export const tableSchema = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Items with this attribute set are removed by DynamoDB TTL (idempotency records). */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
} as const;

export type IndexName = (typeof tableSchema.globalSecondaryIndexes)[number]['indexName'];
