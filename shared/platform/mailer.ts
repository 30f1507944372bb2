import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { getMailConfig } from './config.js';
import { sdkRetryOptions } from './retries.js';
import { businessMetric, countEvent, traced } from './telemetry.js';

let sesClient: SESv2Client | undefined;

/**
 * One SES client per container, made on first use (so a function that sends no email carries no SES
 * client in its bundle); the endpoint comes from the SDK configuration (local SES).
 */
const ses = () => (sesClient ??= traced(new SESv2Client({ ...sdkRetryOptions() })));

/**
 * What an email is about, sent along as SES message tags: a bounce or complaint event carries them
 * back (`shared/signoff/undeliverable-mail.ts`), so it names the contact and the approval exactly.
 * Values are ids (letters, digits, `_`), which SES accepts as tag values.
 */
export interface EmailTags {
  clientId?: string;
  contactId?: string;
  approvalId?: string;
  reviewId?: string;
}

export interface Email {
  to: string;
  subject: string;
  html: string;
  text: string;
  tags?: EmailTags;
}

/** Sends one email (HTML and plain text) from the configured sender, through the configuration set. */
export async function sendEmail(email: Email): Promise<void> {
  const { mailFrom, configurationSet } = getMailConfig();
  await ses().send(
    new SendEmailCommand({
      FromEmailAddress: mailFrom,
      Destination: { ToAddresses: [email.to] },
      ConfigurationSetName: configurationSet,
      EmailTags: Object.entries(email.tags ?? {})
        .filter(([, value]) => value !== undefined)
        .map(([Name, Value]) => ({ Name, Value })),
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
        },
      },
    }),
  );
  countEvent(businessMetric.emailSent);
}
