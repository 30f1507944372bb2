/**
 * Issue 12 §4, through the staff console alone, in Chromium, on the local stack with its demo data:
 * the AE draws up the campaign job's schedule, drags a milestone on the Gantt chart, reads the
 * API's preview of what moves and saves it; the traffic coordinator moves another milestone with the
 * keyboard alone (by working days, the same preview) and prepares a timetable version, which the AE
 * sends for sign-off (the AM sees it in My work); a creative, who may not move milestones, sees
 * the preview and proposes instead; My work lists each person's tasks, the traffic board each job's
 * next milestone, a staff page its person's work for their managers; the AE writes a creative
 * brief and puts it to approval, and the AM finds it in My work with the brief shown inline. Every
 * screen is checked with axe-core and walked with the keyboard.
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack.js';
import { es } from '../../web/src/i18n/es.js';
import { zh } from '../../web/src/i18n/zh.js';
import { chromiumPath } from '../support/browser.js';
import {
  approveInMyWork,
  checkScreen,
  clientApprovesByLink,
  en,
  reviewInMyWork,
  say,
  signedIn,
  startConsoleStack,
  tabTo,
} from '../support/console.js';

const people = { ae: 'Emma Larsen', am: 'Marco Bianchi', traffic: 'Tomoko Sato', creative: 'Clara Novak' };
const jobTitle = 'Spring relaunch campaign';

/** The next Monday after today: the schedule starts on a working day, whatever day the test runs. */
function nextMonday() {
  const day = new Date();
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 1);
  return day.toISOString().slice(0, 10);
}

describe.skipIf(!chromiumPath)('the schedule, briefs and tasks in the staff console (Chromium)', () => {
  let stack: LocalStack;
  let browser: Browser;
  let url = '';
  let scheduleUrl = '';
  let estimateUrl = '';
  /** Approval links already followed (the inbox keeps every email). */
  const followed = new Set<string>();

  /** The dates of a milestone as the table shows them (start, due). */
  const datesOf = async (page: Page, name: string) => {
    const cells = page.locator('table.milestones tbody tr').filter({ hasText: name }).locator('td');
    return [await cells.nth(1).innerText(), await cells.nth(2).innerText()];
  };

  /** The account director approves, in My work, the estimate (or change order) about `about`. */
  async function adApprovesInMyWork(about: string, shows: string) {
    const { page: ad, context: adContext } = await signedIn(browser, url, 'Amira Haddad');
    const row = await approveInMyWork(ad, about, shows);
    await expect.poll(() => row.count()).toBe(0);
    await adContext.close();
  }

  /** The client contact opens the next emailed link about `about`, reads `shows` on the page and approves. */
  const clientSignsByLink = (about: string, shows: string[]) =>
    clientApprovesByLink(
      browser,
      stack.inboxUrl,
      'sofia.lindqvist@northwind.example',
      about,
      followed,
      shows,
    );

  beforeAll(async () => {
    [stack, browser] = await startConsoleStack();
    url = stack.consoleUrl;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the AE draws up the schedule from the job page and sees it as a Gantt chart', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.jobs }).click();
    await ae.getByRole('row').filter({ hasText: jobTitle }).getByRole('link').click();
    await ae.getByRole('heading', { level: 2, name: en.job.schedule }).waitFor();
    await ae.getByRole('link', { name: en.job.openSchedule }).click();
    await ae.getByRole('heading', { level: 2, name: en.schedule.none }).waitFor();
    await checkScreen(ae, 'Schedule (none yet)');
    await ae.getByRole('button', { name: en.schedule.drawUp }).click();
    await ae.getByLabel(en.schedule.startDate).fill(nextMonday());
    await ae.getByRole('button', { name: en.schedule.drawUp }).last().click();
    await ae.getByRole('heading', { level: 2, name: en.schedule.chart }).waitFor();
    scheduleUrl = ae.url();
    expect(scheduleUrl).toMatch(/\/jobs\/[^/]+\/schedule$/);
    // Seven milestones of the campaign template, all on the critical path, and a line for today.
    await expect.poll(() => ae.locator('.gantt-bar').count()).toBe(7);
    expect(await ae.locator('.gantt-bar.critical').count()).toBe(7);
    expect(await ae.locator('.gantt-link').count()).toBeGreaterThanOrEqual(6);
    expect(await ae.locator('.gantt-today').count()).toBe(1);
    expect(await ae.locator('.gantt-off').count()).toBeGreaterThan(0);
    await checkScreen(ae, 'Schedule (Gantt)');
    await context.close();
  });

  it.each([
    ['es', es],
    ['zh-CN', zh],
  ] as const)('the schedule speaks %s (the chart, its legend, the table)', async (language, words) => {
    const { page, context } = await signedIn(browser, url, people.creative);
    await page.getByLabel(en.app.language).selectOption(language);
    await page.getByRole('heading', { level: 1, name: words.myWork.title }).waitFor();
    await page.goto(scheduleUrl);
    await page.getByRole('heading', { level: 2, name: words.schedule.chart }).waitFor();
    expect(await page.locator('.gantt-legend').innerText()).toContain(words.gantt.legendCritical);
    expect(await page.locator('table.milestones caption').innerText()).toBe(words.schedule.tableCaption);
    // The built-in template's milestones read in the reader's language, on the chart and in the table.
    expect(await page.locator('table.milestones').innerText()).toContain(
      words.milestoneNames.creative_development,
    );
    expect(await page.locator('.gantt-name').allTextContents()).toContain(words.milestoneNames.planning);
    expect(await page.locator('table.milestones').innerText()).not.toContain(
      en.milestoneNames.creative_development,
    );
    await checkScreen(page, `Schedule (${language})`);
    await page.goto(`${url}/`);
    await page.getByLabel(words.app.language).selectOption('en');
    await page.getByRole('heading', { level: 1, name: en.myWork.title }).waitFor();
    await context.close();
  });

  it('the AE drags a milestone, reads what moves in the preview, and saves it', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.goto(scheduleUrl);
    await ae.getByRole('heading', { level: 2, name: en.schedule.chart }).waitFor();
    const [startBefore] = await datesOf(ae, 'Creative development');
    const bar = ae.locator('[data-milestone="M003"] .gantt-bar');
    // The mouse only reaches what is in the window.
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    await ae.mouse.move(box.x + 4, box.y + box.height / 2);
    await ae.mouse.down();
    for (let step = 1; step <= 5; step++) await ae.mouse.move(box.x + 4 + step * 18, box.y + box.height / 2);
    await ae.mouse.up();
    const panel = ae.locator('.preview-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading').innerText()).toContain('Creative development');
    // What moves with it: its dependants, drawn as outlines on the chart before anything is saved.
    expect(await panel.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => ae.locator('.gantt-preview').count()).toBeGreaterThanOrEqual(1);
    expect((await datesOf(ae, 'Creative development'))[0]).toBe(startBefore);
    await checkScreen(ae, 'Schedule (move preview)');
    await panel.getByRole('button', { name: en.schedule.saveMove }).click();
    await ae
      .getByRole('status')
      .filter({ hasText: say(en.schedule.saved, { name: 'Creative development' }) })
      .waitFor();
    await expect.poll(async () => (await datesOf(ae, 'Creative development'))[0]).not.toBe(startBefore);
    // The schedule's shape, from the forms under the table: a milestone added after another, then taken out.
    const rows = (name: string) => ae.locator('table.milestones tbody tr').filter({ hasText: name });
    const add = ae.getByRole('form', { name: en.schedule.addMilestone });
    await add.getByLabel(en.schedule.milestoneName).fill('Legal check');
    await add.getByLabel(en.schedule.department).selectOption('account');
    await add.getByLabel(en.schedule.lengthDays).fill('2');
    await add.getByLabel(en.schedule.startsAfter).selectOption({ label: 'Creative development' });
    await add.getByRole('button', { name: en.schedule.addMilestone }).click();
    await expect.poll(() => rows('Legal check').count()).toBe(1);
    await checkScreen(ae, 'Schedule (changing its shape)');
    const remove = ae.getByRole('form', { name: en.schedule.removeMilestone });
    await remove.getByLabel(en.schedule.milestone).selectOption({ label: 'Legal check' });
    await remove.getByRole('button', { name: en.schedule.removeMilestone }).click();
    await expect.poll(() => rows('Legal check').count()).toBe(0);
    await context.close();
  });

  it('the traffic coordinator moves a milestone with the keyboard alone: by working days, same preview', async () => {
    const { page: traffic, context } = await signedIn(browser, url, people.traffic);
    await traffic.goto(scheduleUrl);
    await traffic.getByRole('heading', { level: 2, name: en.schedule.milestones }).waitFor();
    const [startBefore] = await datesOf(traffic, 'Creative presentation');
    const move = traffic.getByRole('button', {
      name: say(en.schedule.move, { name: 'Creative presentation' }),
    });
    await tabTo(traffic, move, 200);
    await traffic.keyboard.press('Enter');
    const days = traffic.getByLabel(en.schedule.workingDays);
    await tabTo(traffic, days, 5);
    await traffic.keyboard.press('ControlOrMeta+A');
    await traffic.keyboard.type('2');
    await traffic.keyboard.press('Enter');
    const panel = traffic.locator('.preview-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading').innerText()).toContain('Creative presentation');
    const save = panel.getByRole('button', { name: en.schedule.saveMove });
    await tabTo(traffic, save, 200);
    await traffic.keyboard.press('Enter');
    await traffic
      .getByRole('status')
      .filter({ hasText: say(en.schedule.saved, { name: 'Creative presentation' }) })
      .waitFor();
    await expect.poll(async () => (await datesOf(traffic, 'Creative presentation'))[0]).not.toBe(startBefore);
    await context.close();
  });

  it('the traffic coordinator prepares a timetable version; the AE sends it for the client’s sign-off', async () => {
    const { page: traffic, context } = await signedIn(browser, url, people.traffic);
    await traffic.goto(scheduleUrl);
    await traffic.getByRole('heading', { level: 2, name: en.schedule.timetable }).waitFor();
    await traffic.getByRole('button', { name: en.schedule.freeze }).click();
    await expect.poll(() => traffic.locator('#timetable li').first().innerText()).toContain(en.status.draft);
    // Sending it to the client is for an AE or above (the schedule's `allowed` says so).
    expect(
      await traffic.getByRole('button', { name: say(en.schedule.sendForSignOff, { n: 1 }) }).count(),
    ).toBe(0);
    await context.close();

    const { page: ae, context: aeContext } = await signedIn(browser, url, people.ae);
    await ae.goto(scheduleUrl);
    const version = ae.locator('#timetable li').first();
    await version.getByRole('button', { name: say(en.schedule.showVersion, { n: 1 }) }).click();
    await expect.poll(() => version.locator('tbody tr').count()).toBe(7);
    await version.getByRole('button', { name: say(en.schedule.sendForSignOff, { n: 1 }) }).click();
    await version.getByRole('button', { name: en.reviewStart.submit }).click();
    await expect.poll(() => version.getByRole('button', { name: en.reviewStart.submit }).count()).toBe(0);
    await aeContext.close();

    // The account manager approves it first: the timetable's milestones are shown in My work.
    const { page: am, context: amContext } = await signedIn(browser, url, people.am);
    const row = await reviewInMyWork(am, en.subjects.timetable);
    await expect.poll(() => row.first().locator('.preview tbody tr').count()).toBe(7);
    await checkScreen(am, 'My work (a timetable to approve)');
    // Where the staff emails about it lead: the schedule with the timetable's sign-off chain.
    await am.goto(scheduleUrl.replace(/\/schedule$/, '/timetable/approvals'));
    await expect.poll(() => am.locator('#timetable li').first().innerText()).toContain(en.status.in_review);
    await am.getByRole('heading', { level: 3, name: en.schedule.timetableSignOff }).waitFor();
    await checkScreen(am, 'Timetable sign-off');
    await amContext.close();
  });

  it('a creative, who may not move milestones, sees the preview and proposes the change', async () => {
    const { page: creative, context } = await signedIn(browser, url, people.creative);
    await creative.goto(scheduleUrl);
    await creative.getByRole('heading', { level: 2, name: en.schedule.milestones }).waitFor();
    await creative.getByRole('button', { name: say(en.schedule.move, { name: 'Production' }) }).click();
    await creative.getByLabel(en.schedule.workingDays).fill('1');
    await creative.getByRole('button', { name: en.schedule.previewMove }).click();
    const panel = creative.locator('.preview-panel');
    await panel.waitFor();
    expect(await panel.getByRole('button', { name: en.schedule.saveMove }).count()).toBe(0);
    await panel.getByLabel(en.schedule.reason).fill('The printer needs a day more.');
    await panel.getByRole('button', { name: en.schedule.propose }).first().click();
    await creative
      .getByRole('status')
      .filter({ hasText: say(en.schedule.proposed, { name: 'Production' }) })
      .waitFor();
    await expect
      .poll(() => creative.locator('#proposals').innerText())
      .toContain('The printer needs a day more.');
    await context.close();
  });

  it('My work lists each person’s tasks: the creative’s milestone, the AE’s own', async () => {
    const { page: creative, context } = await signedIn(browser, url, people.creative);
    const tasks = creative.locator('#tasks');
    await expect
      .poll(
        async () => {
          await creative.reload();
          await creative.getByRole('heading', { level: 2, name: en.myWork.tasks }).waitFor();
          await creative.waitForLoadState('networkidle');
          return tasks.innerText();
        },
        { timeout: 30_000 },
      )
      .toContain('Creative development');
    await checkScreen(creative, 'My work (tasks)');
    await tasks.getByRole('link', { name: 'Creative development' }).click();
    await creative.getByRole('heading', { level: 2, name: en.schedule.chart }).waitFor();
    await context.close();

    const { page: ae, context: aeContext } = await signedIn(browser, url, people.ae);
    await expect.poll(() => ae.locator('#tasks').innerText()).toContain('Planning');
    await aeContext.close();
  });

  it('the traffic board shows the job’s next milestone; the AM sees the AE’s work on her staff page', async () => {
    const { page: traffic, context } = await signedIn(browser, url, people.traffic);
    await traffic.getByRole('link', { name: en.nav.traffic, exact: true }).click();
    await traffic.getByRole('heading', { level: 1, name: en.board.title }).waitFor();
    await expect
      .poll(() => traffic.getByRole('row').filter({ hasText: 'Planning' }).count())
      .toBeGreaterThan(0);
    await checkScreen(traffic, 'Traffic board');
    await context.close();

    const { page: am, context: amContext } = await signedIn(browser, url, people.am);
    await am.getByRole('link', { name: en.nav.staff }).click();
    await am.getByRole('link', { name: people.ae }).first().click();
    await am.getByRole('heading', { level: 2, name: en.staff.work }).waitFor();
    await expect.poll(() => am.locator('#staff-work').innerText()).toContain('Planning');
    await checkScreen(am, 'Staff member (their work)');
    await amContext.close();
  });

  it('the AE writes a creative brief and puts it to approval; the AM sees it in My work with the brief', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.jobs }).click();
    await ae.getByRole('row').filter({ hasText: jobTitle }).getByRole('link').click();
    await ae.getByRole('button', { name: en.job.newBrief }).click();
    await ae.getByLabel(en.job.briefKind).selectOption('creative');
    await ae.getByLabel(en.briefFields.title).fill('Spring relaunch — creative brief');
    await ae.getByLabel(en.briefFields.objective).fill('Make the relaunch feel like spring.');
    await ae.getByLabel(en.briefFields.keyMessage).fill('Fresh again.');
    await ae.getByRole('button', { name: en.common.create }).click();
    await ae.getByRole('heading', { level: 1, name: /Spring relaunch — creative brief/ }).waitFor();
    expect(await ae.locator('.brief-text').innerText()).toContain('Fresh again.');
    await checkScreen(ae, 'Brief');
    await ae.getByRole('button', { name: say(en.brief.startReview, { n: 1 }) }).click();
    await ae.getByRole('button', { name: en.reviewStart.submit }).click();
    await ae
      .getByRole('status')
      .filter({ hasText: say(en.brief.reviewStarted, { n: 1 }) })
      .waitFor();
    // The version under review is not offered for approval a second time.
    await ae.getByText(say(en.brief.inReview, { n: 1 })).waitFor();
    expect(await ae.getByRole('button', { name: say(en.brief.startReview, { n: 1 }) }).count()).toBe(0);
    await context.close();

    const { page: am, context: amContext } = await signedIn(browser, url, people.am);
    const row = await reviewInMyWork(am, 'Spring relaunch — creative brief');
    await expect.poll(() => row.first().locator('.brief-text').innerText()).toContain('Fresh again.');
    await checkScreen(am, 'My work (a brief to approve)');
    await amContext.close();
  });

  it('issue 13: the AE draws up an estimate with live totals; the AD approves it in My work; the client signs it with the timetable through the emailed link', async () => {
    // The timetable version the traffic coordinator prepared above is signed with it.
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.jobs }).click();
    await ae.getByRole('row').filter({ hasText: jobTitle }).getByRole('link').click();
    await ae.getByRole('button', { name: en.job.newEstimate }).click();
    await ae.getByLabel(en.estimate.title).fill('Spring shoot');
    await ae.getByLabel(en.estimate.description).fill('Studio shoot, 2 days');
    await ae.getByLabel(en.estimate.quantity).fill('2');
    await ae.getByLabel(say(en.estimate.unitCostIn, { currency: 'USD' })).fill('1500');
    await ae.getByLabel(en.estimate.markupPercent).fill('15');
    // The totals are the API's (preview), shown as one types: 3,000.00 + 15 % = 3,450.00.
    await expect.poll(() => ae.locator('.totals').innerText()).toContain('$3,450.00');
    await ae.getByRole('button', { name: en.common.create }).click();
    await ae.getByRole('heading', { level: 1, name: /Spring shoot/ }).waitFor();
    // Markup as the client's page and the signed document say it: the rate and what it comes to.
    const shoot = ae.getByRole('row').filter({ hasText: 'Studio shoot, 2 days' }).first();
    for (const column of [en.estimate.net, en.estimate.markupRate, en.estimate.markupAmount])
      await ae.getByRole('columnheader', { name: column, exact: true }).first().waitFor();
    expect(await shoot.innerText()).toMatch(/\$3,000\.00\s+15%\s+\$450\.00\s+\$3,450\.00/);
    estimateUrl = ae.url();
    expect(estimateUrl).toMatch(/\/estimates\/[^/]+$/);
    await checkScreen(ae, 'Estimate (draft)');
    await ae.getByRole('button', { name: en.estimate.startSignOff }).click();
    await ae.getByRole('button', { name: en.reviewStart.submit }).click();
    await ae.getByRole('status').filter({ hasText: en.estimate.sentForSignOff }).waitFor();
    await context.close();

    await adApprovesInMyWork('Spring shoot', 'Studio shoot, 2 days');

    // The client opens the emailed link: the estimate's lines and totals are on the page (the demo
    // client has no tax rate: the total is the subtotal); one decision signs both.
    await clientSignsByLink('Spring shoot', ['Studio shoot, 2 days', '$450.00', '15%', '$3,450.00']);

    const { page: again, context: againContext } = await signedIn(browser, url, people.ae);
    await expect
      .poll(
        async () => {
          await again.goto(estimateUrl);
          await again.getByRole('heading', { level: 1, name: /Spring shoot/ }).waitFor();
          return again.locator('.subtitle').first().innerText();
        },
        { timeout: 30_000 },
      )
      .toContain(en.estimateSignOff.signed);
    await checkScreen(again, 'Estimate (signed)');
    await againContext.close();
  });

  it('issue 13: a purchase order within the signed total is issued, one over it refused with the amount; a change order the client signs lets the same order through', async () => {
    // An approved vendor (the register's own flow is cost-spend.test.ts): through the API.
    const call = async (path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      expect(res.status, path).toBeLessThan(300);
      return (await res.json()) as { vendorId: string };
    };
    const vendorName = `Lumen Studios ${randomUUID().slice(0, 6)}`;
    const proposed = await call('/vendors', stack.demoTokens['ae@agency.example']!, {
      name: vendorName,
      categories: ['production_house'],
      contact: { name: 'Rosa Lumen', email: 'orders@lumen.example' },
      paymentTermsDays: 30,
      taxId: 'ES-B12345678',
    });
    await call(
      `/vendors/${proposed.vendorId}/decision`,
      stack.demoTokens['ad@agency.example']!,
      { decision: 'approve' },
      { 'if-match': '"1"' },
    );

    const { page: ae, context } = await signedIn(browser, url, people.ae);
    const openSpend = async () => {
      await ae.goto(estimateUrl);
      await ae.getByRole('link', { name: en.schedule.backToJob }).click();
      await ae.getByRole('link', { name: en.spend.title, exact: true }).click();
      await ae.getByRole('heading', { level: 1, name: en.spend.title }).waitFor();
      await ae.waitForLoadState('networkidle');
    };
    const facts = () => ae.locator('dl.facts').first().innerText();
    /** The order: one studio day of $2,000.00 against the signed line L001 (Studio shoot). */
    const issueOrder = async () => {
      const form = ae.getByRole('form', { name: en.spend.newOrder });
      await form.getByLabel(en.spend.vendor, { exact: true }).selectOption({ label: vendorName });
      await form.getByLabel(en.spend.estimateLine).selectOption('L001');
      await form.getByLabel(en.spend.description).fill('Studio day');
      await form.getByLabel(en.spend.quantity).fill('1');
      await form.getByLabel(say(en.spend.unitCost, { currency: 'USD' })).fill('2000');
      await form.getByRole('button', { name: en.spend.issue }).click();
    };

    // Signed $3,450.00: an order of $2,000.00 goes through.
    await openSpend();
    expect(await facts()).toContain('$3,450.00');
    await issueOrder();
    await expect.poll(facts).toContain('$2,000.00');
    expect(await ae.locator('ul.plain li').filter({ hasText: vendorName }).count()).toBe(1);

    // The same order again would commit $4,000.00: refused, $550.00 over, in plain words on screen.
    await issueOrder();
    const refusal = ae.getByRole('alert').filter({ hasText: en.spend.overTitle });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(say(en.spend.over, { amount: '$550.00' }));
    await checkScreen(ae, 'Spend (an order over the signed total refused)');

    // A change order: two studio days become three ($5,175.00), through the estimate page.
    await ae.goto(estimateUrl);
    await ae.getByRole('button', { name: en.estimate.draftChangeOrder }).click();
    await ae.getByLabel(en.estimate.quantity).fill('3');
    await expect.poll(() => ae.locator('.totals').innerText()).toContain('$5,175.00');
    await ae.getByRole('button', { name: en.estimate.saveRevision }).click();
    await ae
      .getByRole('heading', { level: 1, name: new RegExp(`${en.estimate.kindChangeOrder} v2`) })
      .waitFor();
    await ae.getByRole('button', { name: en.estimate.startSignOff }).click();
    await ae.getByRole('button', { name: en.reviewStart.submit }).click();
    await ae.getByRole('status').filter({ hasText: en.estimate.sentForSignOff }).waitFor();

    // The account director approves it; the client signs it through the emailed link.
    await adApprovesInMyWork('Spring shoot', 'Studio shoot, 2 days');
    await clientSignsByLink('Spring shoot', ['$5,175.00']);

    // The signed total is the change order's: the same order now goes through.
    await expect
      .poll(
        async () => {
          await openSpend();
          return facts();
        },
        { timeout: 30_000 },
      )
      .toContain('$5,175.00');
    await issueOrder();
    await expect.poll(facts).toContain('$4,000.00');
    expect(await ae.locator('ul.plain li').filter({ hasText: vendorName }).count()).toBe(2);
    await context.close();
  });

  type Contact = { clientId: string; contactId: string; name: string; email: string; mailStatus?: unknown };

  /** A Northwind contact as the API answers it to the AE. */
  async function northwindContact(name: string): Promise<Contact> {
    const token = stack.demoTokens['ae@agency.example']!;
    const get = async (path: string) => {
      const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      return (await res.json()) as { items: (Contact & { name: string })[] };
    };
    const northwind = (await get('/clients')).items.find((c) => c.name === 'Northwind Beverages')!;
    return (await get(`/clients/${northwind.clientId}/contacts`)).items.find((c) => c.name === name)!;
  }

  /** SES's complaint event about a contact's address, as EventBridge delivers it to the mail-events function. */
  async function complaintAbout(contact: Contact) {
    const events = new EventBridgeClient({ endpoint: stack.env.AWS_ENDPOINT_URL_EVENTBRIDGE });
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'aws.ses',
            DetailType: 'Email Complaint Received',
            Detail: JSON.stringify({
              eventType: 'Complaint',
              mail: {
                messageId: randomUUID(),
                timestamp: new Date().toISOString(),
                destination: [contact.email],
                tags: {
                  'ses:configuration-set': [stack.env.MAIL_CONFIGURATION_SET ?? ''],
                  clientId: [contact.clientId],
                  contactId: [contact.contactId],
                },
              },
              complaint: {
                complaintFeedbackType: 'abuse',
                complainedRecipients: [{ emailAddress: contact.email }],
                timestamp: new Date().toISOString(),
              },
            }),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
  }

  it('a contact who reported our email as spam is shown on the client page until the address works again', async () => {
    const contact = await northwindContact('Sofia Lindqvist');
    await complaintAbout(contact);

    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.goto(`${url}/clients/${contact.clientId}`);
    const row = ae.getByRole('row').filter({ hasText: contact.name });
    await expect
      .poll(
        async () => {
          await ae.reload();
          await ae.getByRole('heading', { level: 2, name: en.client.contacts }).waitFor();
          await ae.waitForLoadState('networkidle');
          return row.innerText();
        },
        { timeout: 30_000 },
      )
      .toContain(en.mailProblems.complained);
    await checkScreen(ae, 'Client (a contact’s address refused)');
    await row.getByRole('button', { name: say(en.client.mailWorksAgain, { name: contact.name }) }).click();
    await expect.poll(() => row.innerText()).not.toContain(en.mailProblems.complained);
    // The client's activity reads in words: no action code (`job.opened`), no field names.
    const activity = await ae.locator('ol.activity').innerText();
    expect(activity).toContain(en.activity.actions.brief_created);
    expect(activity).not.toMatch(/\b[a-z]+(?:_[a-z]+)*\.[a-z_]+\b|\b[a-z]+[A-Z]\w*\b/);
    await context.close();
  });

  it('the AE writes a meeting’s contact report; its page shows the draft as it will be issued, then sends it', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.clients }).click();
    await ae.getByRole('link', { name: 'Northwind Beverages' }).first().click();
    await ae.getByRole('button', { name: en.minutes.write }).click();
    const form = ae.getByRole('form', { name: en.minutes.write });
    await form.getByLabel(en.minutes.meetingAt).fill('2026-01-05T10:00');
    await form.getByLabel(en.minutes.place).fill('Northwind HQ');
    await form.getByLabel(en.minutes.subject).fill('Key visual kick-off');
    await form.getByRole('checkbox', { name: new RegExp(jobTitle) }).check();
    await form.getByRole('checkbox', { name: 'Sofia Lindqvist' }).check();
    await form.getByRole('checkbox', { name: 'Daniel Okafor' }).check();
    await form.getByRole('checkbox', { name: people.ae }).check();
    await form.getByLabel(new RegExp(en.minutes.agenda)).fill('Launch timing');
    await form.getByLabel(new RegExp(en.minutes.decisions)).fill('Launch on 15 January');
    await form.getByRole('button', { name: en.minutes.addNextStep }).click();
    await form.getByLabel(en.minutes.action).fill('Send the revised key visual');
    await form.getByLabel(en.minutes.owner).selectOption({ label: people.ae });
    await form.getByLabel(en.minutes.due).fill('2026-01-09');
    await form.getByRole('button', { name: en.minutes.saveDraft }).click();
    await ae.getByRole('heading', { level: 1, name: 'Key visual kick-off' }).waitFor();
    // Before it goes out the draft shows what the client will read.
    const draft = ae.getByRole('region', { name: en.minutes.draft });
    await expect.poll(() => draft.innerText()).toContain('Send the revised key visual');
    for (const text of ['Northwind HQ', 'Sofia Lindqvist', 'Launch timing', 'Launch on 15 January', jobTitle])
      expect(await draft.innerText()).toContain(text);
    await checkScreen(ae, 'Contact report (draft)');
    // Daniel reported our email as spam meanwhile: his copy is withheld, Sofia's goes.
    const daniel = await northwindContact('Daniel Okafor');
    await complaintAbout(daniel);
    await expect
      .poll(async () => Boolean((await northwindContact('Daniel Okafor')).mailStatus), { timeout: 15_000 })
      .toBe(true);
    await ae.getByRole('button', { name: say(en.minutes.issue, { n: 1 }) }).click();
    // Sending is asynchronous: the page follows it to where it stands, without being reloaded, and
    // says whose email went and whose did not.
    const versions = ae.getByRole('region', { name: en.minutes.versions });
    await expect
      .poll(() => versions.innerText(), { timeout: 30_000 })
      .toContain(en.minutes.versionStatuses.awaiting_confirmation);
    await expect.poll(() => versions.innerText(), { timeout: 30_000 }).toMatch(/Sofia Lindqvist: emailed /);
    expect(await versions.innerText()).toContain(`Daniel Okafor: ${en.minutes.notEmailed}`);
    expect(await versions.innerText()).not.toContain(en.minutes.versionStatuses.sending);
    // The window closes at midnight: the page names the day it ends, as the client's email does.
    const standing = await ae.getByRole('region', { name: en.minutes.standing }).innerText();
    expect(standing).toMatch(/until the end of (Mon|Tue|Wed|Thu|Fri), /);
    // Nothing new to issue until the draft is corrected.
    await ae.getByText(en.minutes.draftIsIssued).waitFor();
    expect(await ae.getByRole('button', { name: say(en.minutes.issue, { n: 2 }) }).count()).toBe(0);
    // The job it concerns lists it, from the report's own link to the job.
    await draft.getByRole('link', { name: new RegExp(jobTitle) }).click();
    const onJob = ae.getByRole('region', { name: en.minutes.title });
    await expect.poll(() => onJob.innerText()).toContain('Key visual kick-off');
    await checkScreen(ae, 'Job (its contact reports)');
    await context.close();
  });

  it('the AE edits the job ticket; a tab left open meanwhile says so in plain words and reloads; the traffic coordinator moves only the due date; a creative cannot edit it', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.jobs }).click();
    await ae.getByRole('row').filter({ hasText: jobTitle }).getByRole('link').click();
    const ticket = ae.getByRole('region', { name: en.job.details });
    await expect.poll(() => ticket.innerText()).toContain(people.ae);
    const jobUrl = ae.url();
    // A second tab, opened before the change, keeps the ticket as it was.
    const stale = await context.newPage();
    await stale.goto(jobUrl);
    await stale.getByRole('button', { name: en.job.edit }).click();

    await ae.getByRole('button', { name: en.job.edit }).click();
    const form = ae.getByRole('form', { name: en.job.edit });
    await form.getByLabel(en.jobs.description).fill('Spring range relaunch in three markets.');
    await form.getByLabel(en.job.budget).fill('48,500.00');
    await form.getByLabel(en.common.currency).fill('EUR');
    await form.getByLabel(en.jobs.due).fill('2027-06-30');
    await checkScreen(ae, 'Job ticket (editing)');
    await form.getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => ticket.innerText()).toContain('Spring range relaunch in three markets.');
    expect(await ticket.innerText()).toContain('48,500.00');
    expect(await ticket.innerText()).toContain('30 Jun 2027');

    const staleForm = stale.getByRole('form', { name: en.job.edit });
    await staleForm.getByLabel(en.jobs.titleLabel).fill(`${jobTitle} (old copy)`);
    await staleForm.getByRole('button', { name: en.common.save }).click();
    const problem = staleForm.getByRole('alert');
    await expect.poll(() => problem.innerText()).toContain(en.problems.codes.version_conflict);
    await stale.getByRole('button', { name: en.job.reloadTicket }).click();
    const staleTicket = stale.getByRole('region', { name: en.job.details });
    await expect.poll(() => staleTicket.innerText()).toContain('Spring range relaunch in three markets.');
    expect(await stale.getByRole('heading', { level: 1 }).innerText()).not.toContain('(old copy)');
    await context.close();

    // The traffic coordinator may reschedule the job, and nothing more: the form has the due date alone.
    const { page: traffic, context: trafficContext } = await signedIn(browser, url, people.traffic);
    await traffic.goto(jobUrl);
    await traffic.getByRole('button', { name: en.job.edit }).click();
    const trafficForm = traffic.getByRole('form', { name: en.job.edit });
    expect(await trafficForm.getByLabel(en.jobs.titleLabel).count()).toBe(0);
    expect(await trafficForm.getByLabel(en.job.budget).count()).toBe(0);
    await trafficForm.getByLabel(en.jobs.due).fill('2027-07-02');
    await trafficForm.getByRole('button', { name: en.common.save }).click();
    await expect
      .poll(() => traffic.getByRole('region', { name: en.job.details }).innerText())
      .toContain('2 Jul 2027');
    await trafficContext.close();

    // The account manager may hand the job to another owner on its account team.
    const { page: am, context: amContext } = await signedIn(browser, url, people.am);
    await am.goto(jobUrl);
    await am.getByRole('button', { name: en.job.edit }).click();
    const owner = am.getByRole('form', { name: en.job.edit }).getByLabel(en.job.owner);
    await expect.poll(() => owner.locator('option:checked').innerText()).toContain(people.ae);
    await owner.selectOption({ label: `${people.am} · ${en.roles.account_manager}` });
    await am.getByRole('form', { name: en.job.edit }).getByRole('button', { name: en.common.save }).click();
    await expect
      .poll(() => am.getByRole('region', { name: en.job.details }).innerText())
      .toContain(people.am);
    await amContext.close();

    const { page: creative, context: creativeContext } = await signedIn(browser, url, people.creative);
    await creative.goto(jobUrl);
    await creative.getByRole('heading', { level: 2, name: en.job.drafts }).waitFor();
    expect(await creative.getByRole('button', { name: en.job.edit }).count()).toBe(0);
    await creativeContext.close();
  });
});
