/**
 * Configuration read from the environment once, at cold start: a missing variable fails
 * the function when it loads, not halfway through a request.
 */
export const envNames = {
  tableName: 'TABLE_NAME',
  draftsBucket: 'DRAFTS_BUCKET',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export interface TableConfig {
  tableName: string;
}

let tableConfig: TableConfig | undefined;

export function getTableConfig(): TableConfig {
  tableConfig ??= { tableName: required(envNames.tableName) };
  return tableConfig;
}

let draftsBucket: string | undefined;

export function getDraftsBucket(): string {
  draftsBucket ??= required(envNames.draftsBucket);
  return draftsBucket;
}
