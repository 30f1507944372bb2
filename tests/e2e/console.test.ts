/**
 * Issue 11, through the staff console alone, in Chromium, on the local stack with its demo data
 * (the console built and served as `npm start` serves it): the AE uploads artwork and starts a
 * review; the AM and the AD approve from My work (the AD with the keyboard only); the client
 * approves the artwork and then its final artwork from the emailed links (on the console's
 * origin); a media campaign's plans are written, confirmed (by link and in writing) and booked,
 * with the insertion order downloaded; a monitoring CSV is imported with its rejected rows listed;
 * the post-campaign report is generated and opened. Every screen on the way is checked with
 * axe-core (no serious or critical violation) and walked with the keyboard; the console is shown
 * in Spanish and Chinese, and the client's approval pages in the contact's language (Chinese for
 * the recommendation, Spanish for the monthly schedule, set on the client's page).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageMessages } from '../../functions/approval-page/messages.js';
import { mailDefaults } from '../../infra/build-app.js';
import type { LocalStack } from '../../infra/local/stack.js';
import type { Language } from '../../shared/accounts/index.js';
import { es } from '../../web/src/i18n/es.js';
import { zh } from '../../web/src/i18n/zh.js';
import { chromiumPath } from '../support/browser.js';
import {
  approvalLinksTo,
  approveInMyWork,
  checkScreen,
  en,
  nextApprovalLink,
  say,
  signedIn,
  startConsoleStack,
  tabTo,
} from '../support/console.js';
import { png, signedPdf } from '../support/media-samples.js';

const client = {
  name: 'Northwind Beverages',
  approver: 'Sofia Lindqvist',
  email: 'sofia.lindqvist@northwind.example',
};
const agencyName = mailDefaults.agencyName;
const people = { ae: 'Emma Larsen', am: 'Marco Bianchi', ad: 'Amira Haddad', head: 'Helena Ortiz' };

const today = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));
const monthEnd = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)));
const month = monthStart.slice(0, 7);

describe.skipIf(!chromiumPath)('the staff console in Chromium (local stack)', () => {
  let stack: LocalStack;
  let browser: Browser;
  let url = '';
  const seenLinks = new Set<string>();

  /**
   * The client opens the newest emailed link about `about` and approves on the page, which speaks
   * the contact's language (recorded with the contact in the console).
   */
  async function clientApprovesByLink(about: string, language: Language = 'en') {
    const words = pageMessages[language];
    const link = await nextApprovalLink(stack.inboxUrl, client.email, about, seenLinks);
    expect(link.startsWith(`${url}/approve/`)).toBe(true);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(link);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await page.getByRole('heading', { level: 1, name: words.asks(agencyName) }).waitFor();
      await checkScreen(page, `client approval page (${language})`);
      // Each choice says what it leads to: "Approve — …".
      await page.getByRole('radio', { name: new RegExp(`^${words.decisions.approve} —`) }).check();
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByRole('heading', { level: 1, name: words.recordedTitle }).waitFor();
    } finally {
      await context.close();
    }
  }

  /** Someone signed in on `page` records the client approver's language on the client's page. */
  async function setApproverLanguage(page: Page, language: Language) {
    const tab = await page.context().newPage();
    await tab.goto(`${url}/clients`);
    await tab.getByRole('link', { name: client.name }).click();
    const select = tab.getByLabel(say(en.client.languageOf, { name: client.approver }));
    await select.selectOption(language);
    await expect.poll(() => select.inputValue()).toBe(language);
    await tab.waitForLoadState('networkidle');
    await tab.close();
  }

  /** Whoever is signed in on `page` decides the first waiting approval titled `title` in My work. */
  async function approveFromMyWork(page: Page, title: string) {
    await page.getByRole('link', { name: en.nav.myWork }).click();
    await approveInMyWork(page, title);
    await expect(
      page.getByRole('status').filter({ hasText: title }).first().waitFor(),
    ).resolves.toBeUndefined();
  }

  /** Reloads `page` until `read` gives what is expected (the workflow moves on its own). */
  const afterReload = (page: Page, read: () => Promise<string>) =>
    expect.poll(
      async () => {
        await page.reload();
        await page.waitForLoadState('networkidle');
        return read();
      },
      { timeout: 60_000 },
    );

  beforeAll(async () => {
    [stack, browser] = await startConsoleStack();
    url = stack.consoleUrl;
    // Links of the demo review, sent while seeding, are not ours.
    for (const link of await approvalLinksTo(stack.inboxUrl, client.email)) seenLinks.add(link);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  describe('creative sign-off', () => {
    const title = 'Spring relaunch — key visual';
    let ae: Page;

    it('the AE signs in (local sign-in), opens the job and uploads artwork with progress', async () => {
      ({ page: ae } = await signedIn(browser, url, people.ae));
      await checkScreen(ae, 'My work');
      await ae.getByRole('link', { name: en.nav.jobs }).click();
      await ae.getByRole('heading', { level: 1, name: en.jobs.title }).waitFor();
      await checkScreen(ae, 'Jobs');
      await ae.getByRole('row').filter({ hasText: 'Spring relaunch campaign' }).getByRole('link').click();
      await ae.getByRole('heading', { level: 2, name: en.job.drafts }).waitFor();
      // The ticket names whose job it is: the client, the brand, the account executive.
      const ticket = ae.getByRole('region', { name: en.job.details });
      await expect.poll(() => ticket.innerText()).toContain(people.ae);
      expect(await ticket.innerText()).toContain(client.name);
      expect(await ticket.innerText()).toContain(en.job.owner);
      await checkScreen(ae, 'Job');

      await ae.getByRole('button', { name: en.job.newDraft }).click();
      await ae.getByLabel(en.job.draftTitle).fill(title);
      await ae.getByLabel(en.job.draftKind).selectOption('artwork');
      await ae.getByLabel(en.upload.file).setInputFiles({
        name: 'key-visual.png',
        mimeType: 'image/png',
        buffer: Buffer.from(png(1080, 1920)),
      });
      await ae.getByRole('button', { name: en.job.uploadDraft }).click();
      await ae.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
      const v1 = ae.getByRole('row').filter({ hasText: 'key-visual.png' });
      await expect.poll(() => v1.innerText()).toContain(en.status.uploaded);
      expect(await v1.innerText()).toContain(en.status.pass);
      await expect.poll(() => ae.locator('.file-preview img').count()).toBe(1);
      await checkScreen(ae, 'Draft');
    });

    it('the AE starts a review with the client’s approver', async () => {
      await ae.getByRole('button', { name: say(en.draft.startReview, { n: 1 }) }).click();
      await ae.getByRole('checkbox', { name: new RegExp(client.approver) }).check();
      await ae.getByLabel(en.reviewStart.message).fill('Key visual for the spring relaunch.');
      await ae.getByRole('button', { name: en.reviewStart.submit }).click();
      await ae
        .getByRole('heading', { level: 3, name: new RegExp(say(en.review.heading, { n: 1 })) })
        .waitFor();
      // The workflow opens the internal step a moment later.
      await afterReload(ae, () => ae.locator('.timeline').first().innerText()).toContain(en.stages.internal);
      // The version under review is not offered for review a second time.
      await ae.getByText(say(en.draft.inReview, { n: 1 })).waitFor();
      expect(await ae.getByRole('button', { name: say(en.draft.startReview, { n: 1 }) }).count()).toBe(0);
    });

    it('the AM approves it from My work, with the file shown inline', async () => {
      const { page: am, context } = await signedIn(browser, url, people.am);
      await approveFromMyWork(am, title);
      expect(await am.getByRole('status').filter({ hasText: title }).first().innerText()).toContain(
        `${en.status.approve}: “${title}”`,
      );
      await checkScreen(am, 'My work after a decision');
      await context.close();
      // On the draft each approver shows their own decision: the AM's given, the AD's to come.
      const internal = ae.locator('.timeline .step').first().locator('.assignees');
      await afterReload(ae, () => internal.innerText()).toContain(
        `${people.am} (${en.roles.account_manager}) · ${en.status.approve}`,
      );
      expect(await internal.innerText()).toContain(
        `${people.ad} (${en.roles.account_director}) · ${en.review.waiting}`,
      );
    });

    it('the AD approves it from My work with the keyboard alone', async () => {
      const { page: ad, context } = await signedIn(browser, url, people.ad);
      const row = ad.locator('.work-item').filter({ hasText: title });
      await expect
        .poll(
          async () => {
            await ad.reload();
            await ad.waitForLoadState('networkidle');
            return row.count();
          },
          { timeout: 60_000 },
        )
        .toBeGreaterThan(0);
      // Tab to the row's button, open it, pick "Approve" and submit — no mouse.
      const open = row.getByRole('button', { name: en.myWork.review });
      await tabTo(ad, open);
      await ad.keyboard.press('Enter');
      const approve = row.getByRole('radio', { name: en.decisions.approve, exact: true });
      await approve.waitFor();
      await tabTo(ad, approve);
      await ad.keyboard.press('Space');
      expect(await approve.isChecked()).toBe(true);
      const submit = row.getByRole('button', { name: en.decision.submit });
      await tabTo(ad, submit);
      await ad.keyboard.press('Enter');
      await ad.getByRole('status').filter({ hasText: title }).first().waitFor();
      await context.close();
    });

    it('the client approves from the emailed link, then its final artwork; the draft is released to production', async () => {
      await clientApprovesByLink(title);
      await clientApprovesByLink(title);
      const released = ae.getByRole('row').filter({ hasText: 'key-visual.png' });
      await expect
        .poll(
          async () => {
            await ae.reload();
            await ae.waitForLoadState('networkidle');
            return (await ae.locator('.review h3').first().innerText()) + (await released.innerText());
          },
          { timeout: 60_000 },
        )
        .toContain(en.status.released);
      expect(await released.innerText()).not.toMatch(/\t—\t/);
      const timeline = await ae.locator('.timeline').first().innerText();
      for (const stage of [en.stages.internal, en.stages.client, en.stages.final_artwork])
        expect(timeline).toContain(stage);
      expect(timeline).toContain(`${client.approver} (${en.review.client}) · ${en.status.approve}`);
      expect(timeline).not.toContain(en.review.waiting);
      expect(await ae.locator('.review table').first().innerText()).toContain(en.via.link);
      await checkScreen(ae, 'Draft with its reviews and evidence');
    });
  });

  describe('a media campaign, confirmed and booked', () => {
    const campaign = 'Summer cold brew';
    let ae: Page;

    /** Writes a plan version through the plan form and lands on the plan's page. */
    async function writePlan(
      kind: string,
      lines: {
        channel: string;
        vendor: string;
        placement: string;
        unit: string;
        units: number;
        rate: number;
      }[],
    ) {
      await ae.getByRole('button', { name: en.campaign.plans, exact: true }).click();
      await ae.getByRole('button', { name: en.campaign.newPlanVersion }).click();
      await ae.getByLabel(en.plan.kind, { exact: true }).selectOption(kind);
      if (kind === 'monthly_schedule') await ae.getByLabel(en.plan.month).fill(month);
      for (const [i, line] of lines.entries()) {
        await ae.getByRole('button', { name: en.plan.addLine }).click();
        const row = ae.getByRole('group', { name: say(en.plan.lineN, { n: i + 1 }) });
        await row.getByLabel(en.plan.channel).selectOption(line.channel);
        await row.getByLabel(en.plan.vendor).fill(line.vendor);
        await row.getByLabel(en.plan.placement).fill(line.placement);
        await row.getByLabel(en.plan.unitType).selectOption(line.unit);
        await row.getByLabel(en.plan.units).fill(String(line.units));
        await row.getByLabel(en.plan.rate).fill(String(line.rate));
      }
      await ae.getByRole('button', { name: en.campaign.writePlan }).click();
      await ae.getByRole('heading', { level: 2, name: en.plan.signOff }).waitFor({ timeout: 20_000 });
    }

    /** The AE puts the latest version to the client; the AD approves it internally from My work. */
    async function throughInternalReview(planTitle: string) {
      await ae.getByRole('button', { name: say(en.plan.startReview, { n: 1 }) }).click();
      await ae.getByRole('checkbox', { name: new RegExp(client.approver) }).check();
      await ae.getByRole('button', { name: en.reviewStart.submit }).click();
      await ae
        .getByRole('heading', { level: 3, name: new RegExp(say(en.review.heading, { n: 1 })) })
        .waitFor();
      const { page: ad, context } = await signedIn(browser, url, people.ad);
      await approveFromMyWork(ad, planTitle);
      await context.close();
    }

    async function expectConfirmed() {
      await expect
        .poll(
          async () => {
            await ae.reload();
            await ae.getByRole('heading', { level: 2, name: en.plan.signOff }).waitFor();
            return ae.locator('.subtitle').innerText();
          },
          { timeout: 60_000 },
        )
        .toContain(say(en.plan.confirmedIs, { n: 1 }));
    }

    async function backToCampaign() {
      await ae.getByRole('link', { name: en.plan.campaign }).click();
      await ae.getByRole('heading', { level: 1, name: campaign }).waitFor();
    }

    it('the AE opens a media campaign with its brief on the media job', async () => {
      ({ page: ae } = await signedIn(browser, url, people.ae));
      await ae.getByRole('link', { name: en.nav.media }).click();
      await ae.getByRole('heading', { level: 1, name: en.media.title }).waitFor();
      await ae
        .getByRole('row')
        .filter({ hasText: 'Summer cold-brew media plan' })
        .getByRole('link')
        .first()
        .click();
      await ae.getByRole('button', { name: en.job.newCampaign }).click();
      await ae.getByLabel(en.campaign.name).fill(campaign);
      await ae.getByLabel(en.campaign.flightStart).fill(monthStart);
      await ae.getByLabel(en.campaign.flightEnd).fill(monthEnd);
      await ae.getByLabel(en.campaign.budget).fill('100000');
      await ae.getByLabel(en.campaign.target, { exact: true }).fill('1000000');
      await ae.getByLabel(en.brief.objective).fill('Launch cold brew with students and commuters.');
      await ae.getByLabel(en.brief.targetAudience).fill('Students and commuters 18–30');
      await ae.getByLabel(en.brief.markets).fill('North, Capital');
      await ae.getByRole('checkbox', { name: en.channels.tv, exact: true }).check();
      await ae.getByRole('checkbox', { name: en.channels.online, exact: true }).check();
      await ae.getByLabel(en.brief.timing).fill('The whole month');
      await ae.getByRole('button', { name: en.common.create }).click();
      await ae.getByRole('heading', { level: 1, name: campaign }).waitFor({ timeout: 20_000 });
      await expect.poll(() => ae.locator('#brief').innerText()).toContain('Launch cold brew');
      await checkScreen(ae, 'Campaign brief');
    });

    const tv = {
      channel: 'tv',
      vendor: 'Star TV',
      placement: 'Prime time 30s',
      unit: 'spots',
      units: 10,
      rate: 1500,
    };
    const online = {
      channel: 'online',
      vendor: 'AdNet',
      placement: 'Homepage banner',
      unit: 'impressions',
      units: 500000,
      rate: 12,
    };

    it('the recommendation is priced by the API, approved internally and confirmed by the client’s link (a page in Chinese)', async () => {
      await writePlan('recommendation', [tv, online]);
      expect(await ae.locator('tfoot').innerText()).toContain('21,000.00');
      await checkScreen(ae, 'Plan');
      await throughInternalReview('Media recommendation');
      await setApproverLanguage(ae, 'zh-CN');
      await clientApprovesByLink('Media recommendation', 'zh-CN');
      await expectConfirmed();
    });

    it('the master plan is confirmed in writing: the signed PDF uploaded and recorded', async () => {
      await backToCampaign();
      await writePlan('master_plan', [tv, online]);
      await throughInternalReview('Media master plan');
      await expect
        .poll(
          async () => {
            await ae.reload();
            await ae.waitForLoadState('networkidle');
            return ae.getByRole('button', { name: en.plan.written }).count();
          },
          { timeout: 60_000 },
        )
        .toBe(1);
      await ae.getByRole('button', { name: en.plan.written }).click();
      await ae.getByLabel(en.plan.confirmedBy).selectOption({ label: client.approver });
      await ae.getByLabel(en.upload.file).setInputFiles({
        name: 'master-plan-signed.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(signedPdf('Master plan v1 signed by Sofia Lindqvist')),
      });
      await ae.getByRole('button', { name: en.plan.recordWritten }).click();
      // Recorded (uploaded, checked, hashed): it counts once the account director countersigns it.
      await ae
        .getByRole('heading', { level: 1, name: say(en.written.title, { n: 1 }) })
        .waitFor({ timeout: 30_000 });
      expect(await ae.locator('.subtitle').innerText()).toContain(en.status.awaiting_countersign);
      const written = ae.url();
      const { page: ad, context: adContext } = await signedIn(browser, url, people.ad);
      await ad.goto(written);
      await ad.getByRole('radio', { name: en.written.decisions.countersign }).check();
      await checkScreen(ad, 'Written confirmation (to countersign)');
      await ad.getByRole('button', { name: en.written.answer }).click();
      await ad.getByRole('status').filter({ hasText: en.written.counts }).waitFor();
      await adContext.close();
      await ae.getByRole('link', { name: en.written.plan }).click();
      await expectConfirmed();
      expect(await ae.locator('#plan-versions').innerText()).toContain(en.via.written);
    });

    it('the monthly schedule is confirmed by link (a page in Spanish) and its TV line booked; the insertion order opens', async () => {
      await backToCampaign();
      await writePlan('monthly_schedule', [tv, online]);
      await throughInternalReview(`Monthly media schedule ${month}`);
      await setApproverLanguage(ae, 'es');
      await clientApprovesByLink(`Monthly media schedule ${month}`, 'es');
      await expectConfirmed();
      await backToCampaign();
      await ae.getByRole('button', { name: en.campaign.bookings, exact: true }).click();
      await ae.getByRole('button', { name: en.booking.new }).click();
      await ae.getByLabel(en.booking.schedule).selectOption({ index: 1 });
      await ae.getByRole('checkbox', { name: say(en.plan.bookLine, { line: 'L001' }) }).check();
      const bookingForm = ae.getByRole('form', { name: en.booking.new });
      await bookingForm.getByLabel(en.booking.vendorContactName).fill('Ines Vidal');
      await bookingForm.getByLabel(en.common.email).fill('ines.vidal@startv.example');
      await ae.getByRole('button', { name: en.booking.book, exact: true }).click();
      const io = say(en.booking.downloadIo, { vendor: tv.vendor });
      const booking = ae.getByRole('row').filter({ has: ae.getByRole('button', { name: io }) });
      await booking.waitFor({ timeout: 20_000 });
      expect(await booking.innerText()).toContain(en.status.requested);
      await checkScreen(ae, 'Campaign bookings');
      // The insertion order is downloaded as it was sent (an attachment: HTML is never shown inline).
      const [order] = await Promise.all([
        ae.waitForEvent('download'),
        booking.getByRole('button', { name: io }).click(),
      ]);
      expect(order.suggestedFilename()).toContain('insertion-order');
      expect(readFileSync(await order.path(), 'utf8')).toContain(tv.vendor);
    });

    it('a monitoring CSV is imported: good rows stored, bad rows listed with their line numbers', async () => {
      await ae.getByRole('button', { name: en.campaign.monitoring, exact: true }).click();
      await ae.getByRole('button', { name: en.monitoring.import }).click();
      const csv = [
        'date,vendor,placement,units_delivered,impressions,audience,clicks,cost',
        `${monthStart},Star TV,Prime time 30s,2,0,900,0,3000`,
        `${monthStart},Star TV,Prime time 30s,1,0,400,0,1500`,
        'not-a-date,Star TV,Prime time 30s,1,0,0,0,1500',
        `${monthStart},Star TV,Prime time 30s,-4,0,0,0,1500`,
      ].join('\n');
      await ae
        .getByLabel(en.upload.file)
        .setInputFiles({ name: 'star-tv-week-1.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await ae.getByRole('button', { name: en.monitoring.importSubmit, exact: true }).click();
      const rejected = ae.getByRole('table').filter({ hasText: en.monitoring.reasons });
      await rejected.waitFor({ timeout: 20_000 });
      const lines = await rejected.locator('tbody tr td:first-child').allInnerTexts();
      expect(lines).toEqual(['4', '5']);
      expect(await ae.locator('#monitoring').innerText()).toContain(
        say(en.monitoring.counts, { total: 4, stored: 2, matched: 2, rejected: 2 }),
      );
      await checkScreen(ae, 'Campaign monitoring');
    });

    it('the post-campaign report is generated and opened', async () => {
      await ae.getByRole('button', { name: en.campaign.reports, exact: true }).click();
      await ae.getByRole('button', { name: en.reports.generate }).click();
      const open = ae.getByRole('link', { name: en.reports.openHtml });
      await open.waitFor({ timeout: 60_000 });
      await checkScreen(ae, 'Campaign reports');
      const report = await fetch((await open.getAttribute('href'))!);
      expect(report.status).toBe(200);
      expect(await report.text()).toContain(campaign);
      for (const tab of [en.campaign.plans, en.campaign.discrepancies, en.campaign.materials]) {
        await ae.getByRole('button', { name: tab, exact: true }).click();
        await checkScreen(ae, `Campaign ${tab}`);
      }
    });

    it.each([
      ['es', es],
      ['zh-CN', zh],
    ] as const)(
      'a report asked for by a staff member reading %s shows its findings and opens in it',
      async (language, words) => {
        await ae.locator('select').first().selectOption(language);
        await ae.getByRole('button', { name: words.campaign.reports, exact: true }).click();
        const reports = ae.locator('ul.reports > li');
        await reports.first().waitFor();
        const before = await reports.count();
        await ae.getByRole('button', { name: words.reports.generate }).click();
        await expect.poll(() => reports.count(), { timeout: 60_000 }).toBe(before + 1);
        const newest = reports.first();
        const findings = newest.locator('.summary');
        expect(await findings.getAttribute('lang')).toBe(language);
        // The same numbers as the report before it (asked for in English), in other words.
        expect(await findings.innerText()).not.toBe(await reports.nth(1).locator('.summary').innerText());
        const file = await fetch(
          (await newest.getByRole('link', { name: words.reports.openHtml }).getAttribute('href'))!,
        );
        expect(await file.text()).toContain(`<html lang="${language}">`);
        await checkScreen(ae, `Campaign reports (${language})`);
        await ae.locator('select').first().selectOption('en');
        await ae.getByRole('button', { name: en.campaign.reports, exact: true }).waitFor();
      },
    );
  });

  describe('the account manager’s monthly work report', () => {
    it('the AM drafts last month, writes their summary and plan, and sends it; the AD reads it', async () => {
      const am = await signedIn(browser, url, people.am);
      await am.page.getByRole('link', { name: en.nav.workReports }).click();
      await am.page.getByRole('heading', { level: 1, name: en.workReports.title }).waitFor();
      await am.page.getByRole('button', { name: en.workReports.makeButton }).click();
      const summary = am.page.getByLabel(en.workReports.summary);
      await summary.waitFor();
      await checkScreen(am.page, 'Work reports (draft)');
      await summary.fill('A steady month: the launch moved to production.');
      await am.page.getByLabel(en.workReports.plan).fill('Shoot in the first week; proofs by the 20th.');
      await am.page.getByRole('button', { name: en.common.save }).click();
      const send = am.page.getByRole('button', { name: en.workReports.send });
      await expect.poll(() => send.isEnabled()).toBe(true);
      await send.click();
      await am.page.getByText(en.workReports.status.sent, { exact: true }).waitFor();
      await am.context.close();

      const ad = await signedIn(browser, url, people.ad);
      await ad.page.getByRole('link', { name: en.nav.workReports }).click();
      await ad.page.getByRole('heading', { level: 2, name: en.workReports.received }).waitFor();
      await ad.page.getByText(people.am).first().waitFor();
      await checkScreen(ad.page, 'Work reports (received)');
      await ad.context.close();
    });
  });

  describe('new business', () => {
    it('the head links an open pitch to a prospect recorded since, from the pitch’s card', async () => {
      const { page, context } = await signedIn(browser, url, people.head);
      await page.getByRole('link', { name: en.nav.clients, exact: true }).click();
      await page.getByRole('button', { name: en.clients.new }).click();
      await page.getByLabel(en.clients.name).first().fill('Kestrel Foods');
      await page.getByLabel(en.clients.code, { exact: true }).fill('KESTREL');
      await page.getByLabel(en.clients.industry).fill('Snacks');
      await page.getByRole('button', { name: en.common.create }).click();
      await page.getByRole('heading', { level: 1, name: 'Kestrel Foods' }).waitFor();

      await page.getByRole('link', { name: en.nav.pitches }).click();
      await page.getByRole('heading', { level: 1, name: en.book.pitches.title }).waitFor();
      const form = page.getByRole('form', { name: en.book.pitches.new });
      await form.getByLabel(en.book.pitches.prospect, { exact: true }).fill('Osprey Snacks');
      await form.getByLabel(en.book.pitches.category).fill('Snacks');
      await form.getByLabel(en.book.pitches.pitchDate).fill('2027-03-01');
      await form.getByRole('button', { name: en.common.create }).click();
      const card = page
        .locator('section.card')
        .filter({ has: page.getByRole('heading', { name: 'Osprey Snacks' }) });
      await card.waitFor();
      await card
        .getByLabel(en.book.pitches.recordedProspect, { exact: true })
        .selectOption({ label: 'Kestrel Foods · Snacks' });
      await card.getByRole('button', { name: en.book.pitches.link }).click();
      const linked = page
        .locator('section.card')
        .filter({ has: page.getByRole('heading', { name: 'Kestrel Foods' }) });
      await linked.getByRole('link', { name: en.book.pitches.linked }).waitFor();
      await checkScreen(page, 'New business (linked pitch)');
      await context.close();
    });
  });

  describe('every screen, in three languages', () => {
    it('clients, a client, staff, a staff member and media pass axe and the keyboard walk', async () => {
      const { page, context } = await signedIn(browser, url, people.head);
      for (const [link, heading] of [
        [en.nav.clients, en.clients.title],
        [en.nav.staff, en.staff.title],
        [en.nav.media, en.media.title],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await checkScreen(page, heading);
      }
      await page.getByRole('link', { name: en.nav.clients, exact: true }).click();
      await page.getByRole('link', { name: client.name }).click();
      await page.getByRole('heading', { level: 1, name: client.name }).waitFor();
      await checkScreen(page, 'Client');
      expect(await page.locator('#intake').innerText()).toContain(en.status.complete);
      await page.getByRole('link', { name: en.nav.staff, exact: true }).click();
      await page.getByRole('link', { name: people.am }).first().click();
      await page.getByRole('heading', { level: 1, name: people.am }).waitFor();
      await checkScreen(page, 'Staff member');
      await context.close();
    });

    it.each([
      ['es', 'Mi trabajo', 'Clientes'],
      ['zh-CN', '我的工作', '客户'],
    ])('the console speaks %s, kept with the staff member', async (language, myWork, clients) => {
      const { page, context } = await signedIn(browser, url, people.am);
      await page.getByLabel(en.app.language).selectOption(language);
      await page.getByRole('heading', { level: 1, name: myWork }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await checkScreen(page, `My work (${language})`);
      await page.getByRole('link', { name: clients, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: clients }).waitFor();
      await checkScreen(page, `Clients (${language})`);
      // The choice is the staff member's: a new sign-in opens in it.
      await context.close();
      const again = await browser.newContext();
      const next = await again.newPage();
      await next.goto(`${url}/`);
      await next.getByRole('button', { name: new RegExp(people.am) }).click();
      await next.getByRole('heading', { level: 1, name: myWork }).waitFor();
      await next.locator('select').first().selectOption('en');
      await next.getByRole('heading', { level: 1, name: en.myWork.title }).waitFor();
      await again.close();
    });
  });
});
