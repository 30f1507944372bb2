/**
 * Configuration read from the environment once, at cold start: a missing variable fails
 * the function when it loads, not halfway through a request.
 */
export const envNames = {
  tableName: 'TABLE_NAME',
  draftsBucket: 'DRAFTS_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  reviewStateMachineArn: 'REVIEW_STATE_MACHINE_ARN',
  mediaChainStateMachineArn: 'MEDIA_CHAIN_STATE_MACHINE_ARN',
  monitoringImportStateMachineArn: 'MONITORING_IMPORT_STATE_MACHINE_ARN',
  minutesStateMachineArn: 'MINUTES_STATE_MACHINE_ARN',
  mailFrom: 'MAIL_FROM',
  agencyName: 'AGENCY_NAME',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** In AWS: the Secrets Manager secret whose value seals page tokens (read once per container). */
  pageTokenSecretArn: 'PAGE_TOKEN_SECRET_ARN',
  /** The secret value itself, where there is no Secrets Manager (the local stack generates one). */
  pageTokenSecret: 'PAGE_TOKEN_SECRET',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
} as const;

export function required(name: string): string {
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

/** Where sign-off emails come from and where their links point. */
export interface MailConfig {
  /** Sender of approval emails (an SES-verified identity in AWS). */
  mailFrom: string;
  agencyName: string;
  /**
   * The staff console's URL (CloudFront in AWS, the local console server locally): the approval
   * pages (`/approve/…`) and the console pages every staff email links to are on its origin.
   */
  publicBaseUrl: string;
  /** The SES configuration set emails are sent with (its bounces and complaints come back). */
  configurationSet: string;
}

let mailConfig: MailConfig | undefined;

export function getMailConfig(): MailConfig {
  mailConfig ??= {
    mailFrom: required(envNames.mailFrom),
    agencyName: required(envNames.agencyName),
    publicBaseUrl: required(envNames.publicBaseUrl).replace(/\/+$/, ''),
    configurationSet: required(envNames.mailConfigurationSet),
  };
  return mailConfig;
}

let reviewStateMachineArn: string | undefined;

/** The review workflow (Step Functions state machine) that API calls start. */
export function getReviewStateMachineArn(): string {
  reviewStateMachineArn ??= required(envNames.reviewStateMachineArn);
  return reviewStateMachineArn;
}

let reportsBucket: string | undefined;

/** Post-campaign analyses (HTML and CSV) are written here. */
export function getReportsBucket(): string {
  reportsBucket ??= required(envNames.reportsBucket);
  return reportsBucket;
}

let mediaChainStateMachineArn: string | undefined;

/** The media chain workflow (recommendation → master plan → monthly schedules → booking) that a new campaign starts. */
export function getMediaChainStateMachineArn(): string {
  mediaChainStateMachineArn ??= required(envNames.mediaChainStateMachineArn);
  return mediaChainStateMachineArn;
}

let monitoringImportStateMachineArn: string | undefined;

/** The workflow that imports a large monitoring file to its end, chunk by chunk. */
export function getMonitoringImportStateMachineArn(): string {
  monitoringImportStateMachineArn ??= required(envNames.monitoringImportStateMachineArn);
  return monitoringImportStateMachineArn;
}

let minutesStateMachineArn: string | undefined;

/** The minutes workflow (the one-working-day window of issued meeting minutes) that issuing starts. */
export function getMinutesStateMachineArn(): string {
  minutesStateMachineArn ??= required(envNames.minutesStateMachineArn);
  return minutesStateMachineArn;
}
