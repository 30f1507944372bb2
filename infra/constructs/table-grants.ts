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

// Every function that runs the sign-off engine holds the estimate subject, whose signature updates
// the job's spend ledger in place (UpdateItem: committed spend is another writer's).
export const tableGrants: Readonly<Record<string, readonly TableAction[]>> = {
  // A change of line manager checks in its transaction that no timesheet was submitted since it read them.
  'functions/staff/handler.ts': [...reads, 'PutItem', 'ConditionCheckItem'],
  // New brands and contacts check the caller inside their transaction (ConditionCheck).
  'functions/clients/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  'functions/jobs/handler.ts': [...reads, 'PutItem'],
  'functions/drafts/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  'functions/reviews/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
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
  'functions/traffic/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  // Estimates check in their transaction that no review runs on them.
  'functions/cost/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem', 'UpdateItem'],
  // A purchase order moves the job's committed spend (a conditional UpdateItem in its transaction).
  'functions/spend/handler.ts': [...reads, 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  // Issuing marks time entries billed, payments move invoices' paid amounts and a credit note
  // counts what it credited on its invoice (conditional UpdateItems).
  'functions/billing/handler.ts': [...reads, 'PutItem', 'UpdateItem'],
  'functions/workflow/review-tasks.ts': [
    ...reads,
    'PutItem',
    'DeleteItem',
    'ConditionCheckItem',
    'UpdateItem',
  ],
  'functions/workflow/media-chain-tasks.ts': [...reads, 'PutItem'],
  'functions/workflow/monitoring-import-tasks.ts': [...reads, 'PutItem', 'DeleteItem', 'BatchWriteItem'],
  'functions/workflow/execution-status.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  'functions/drafts/upload-events.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  // The collections job records each reminder on its invoice (a conditional UpdateItem).
  'functions/scheduled/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  'functions/mail-events/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'UpdateItem'],
  // Work reports record each email sent on the report (an UpdateItem appending to its sendings).
  'functions/account-book/handler.ts': [...reads, 'PutItem', 'UpdateItem'],
  // Contact reports: drafts, issued versions (conditional puts), next steps' action tasks; status
  // reports record each email sent (an UpdateItem appending to their sendings).
  'functions/contact-reports/handler.ts': [...reads, 'PutItem', 'UpdateItem'],
  // Public: reads what a link is for, logs views and answers, consumes nonces, counts bad tokens.
  'functions/minutes-page/handler.ts': ['GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem', 'UpdateItem'],
  // Reads versions and staff by key; the token is stored on the version still being open (ConditionCheck).
  'functions/workflow/minutes-tasks.ts': ['GetItem', 'BatchGetItem', 'PutItem', 'ConditionCheckItem'],
  // Timesheets put and delete time entries with the week's sheet (a conditional put) in one transaction.
  // A submission checks in its transaction that the line manager is still the one read (ConditionCheck).
  'functions/time/handler.ts': [...reads, 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  // Reads the staff member signing in; read-only.
  'functions/auth/pre-token-generation.ts': ['GetItem'],
};
