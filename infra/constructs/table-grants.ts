/**
 * The single table's actions each function is granted, by entry (issue 9 §8: least privilege).
 * Exactly what its code sends: every table call goes through `shared/platform/db/table.ts`, and
 * `tests/infra/table-grants.test.ts` derives each function's actions from its bundle (the helpers
 * of that module it reaches) and checks this list, and the synthesized policies, against them.
 * No Scan and no DescribeTable anywhere: no code sends them. A transaction needs no action of its
 * own, only those of its parts (Put, Delete, ConditionCheck).
 */
export const tableActions = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'ConditionCheckItem',
  'BatchWriteItem',
] as const;
export type TableAction = (typeof tableActions)[number];

const reads: TableAction[] = ['GetItem', 'BatchGetItem', 'Query'];

export const tableGrants: Readonly<Record<string, readonly TableAction[]>> = {
  'functions/staff/handler.ts': [...reads, 'PutItem'],
  // New brands and contacts check the caller inside their transaction (ConditionCheck).
  'functions/clients/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  'functions/jobs/handler.ts': [...reads, 'PutItem'],
  'functions/drafts/handler.ts': [...reads, 'PutItem', 'DeleteItem'],
  'functions/reviews/handler.ts': [...reads, 'PutItem', 'DeleteItem'],
  // The public page: reads what a link is for, logs views and decisions, consumes nonces, counts
  // bad tokens per address; nothing else.
  'functions/approval-page/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  // A booking that counts against the job's signed total moves its spend ledger (UpdateItem).
  'functions/media/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem', 'UpdateItem'],
  // The OpenAPI document is served from the bundle: no table at all.
  'functions/openapi/handler.ts': [],
  // Report generations are counted per caller (a rate limit).
  'functions/media-reports/handler.ts': [...reads, 'PutItem', 'UpdateItem'],
  // Public: files behind emailed links; reads what a link is for, counts its throttles.
  'functions/documents/handler.ts': [...reads, 'UpdateItem'],
  'functions/media-delivery/handler.ts': [
    ...reads,
    'PutItem',
    'DeleteItem',
    'ConditionCheckItem',
    'BatchWriteItem',
  ],
  'functions/traffic/handler.ts': [...reads, 'PutItem', 'DeleteItem'],
  // A purchase order moves the job's committed spend (a conditional UpdateItem in its transaction).
  'functions/spend/handler.ts': [...reads, 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  'functions/workflow/review-tasks.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  'functions/workflow/media-chain-tasks.ts': [...reads, 'PutItem'],
  'functions/workflow/monitoring-import-tasks.ts': [...reads, 'PutItem', 'DeleteItem', 'BatchWriteItem'],
  'functions/workflow/execution-status.ts': [...reads, 'PutItem', 'DeleteItem'],
  'functions/drafts/upload-events.ts': [...reads, 'PutItem', 'DeleteItem'],
  'functions/scheduled/handler.ts': [...reads, 'PutItem', 'DeleteItem'],
  'functions/mail-events/handler.ts': [...reads, 'PutItem', 'DeleteItem'],
  // Reads the staff member signing in; read-only.
  'functions/auth/pre-token-generation.ts': ['GetItem'],
};
