import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { getMailConfig } from './config.js';
import { sdkRetryOptions } from './retries.js';

/** One SES client per container; the endpoint comes from the SDK configuration (local SES). */
const ses = new SESv2Client({ ...sdkRetryOptions() });

export interface Email {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends one email (HTML and plain text) from the configured sender. */
export async function sendEmail(email: Email): Promise<void> {
  const { mailFrom } = getMailConfig();
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: mailFrom,
      Destination: { ToAddresses: [email.to] },
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
}
