import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxUrl } from '../support/api.js';
import { chromiumPath, launchBrowser } from '../support/browser.js';

/** The local SES inbox is readable in a real browser, links intact — what the sign-off emails rely on. */
describe.skipIf(!chromiumPath)('local SES inbox in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // The inbox page renders every email of the run (thousands late in it): it is given the time.
  it('shows an email sent through the SES API, with its link', { timeout: 90_000 }, async () => {
    const subject = `Please review ACME-2026-0001 v${Date.now()}`;
    await new SESv2Client({}).send(
      new SendEmailCommand({
        FromEmailAddress: 'desk@agency.example',
        Destination: { ToAddresses: ['brand.manager@client.example'] },
        Content: {
          Simple: {
            Subject: { Data: subject },
            Body: {
              Html: { Data: '<p>Review <a href="http://127.0.0.1/approve/abc">the draft</a>.</p>' },
              Text: { Data: 'Review the draft: http://127.0.0.1/approve/abc' },
            },
          },
        },
      }),
    );
    const page = await browser.newPage();
    await page.goto(inboxUrl());
    await expect.poll(async () => (await page.content()).includes(subject), { timeout: 60_000 }).toBe(true);
    await page.close();
  });
});
