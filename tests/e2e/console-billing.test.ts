/**
 * Issue 14 §4, through the staff console alone, in Chromium, on the local stack with its demo data:
 * the AE draws up an estimate that the AD approves in My work and the client signs by the emailed
 * link; the AM sets the client's billing terms on their page (an entry the API refuses is shown in
 * plain words); the AE drafts an invoice from what is billable, reviews it, issues it (emailed to
 * the billing contact), records a partial payment and, once the collections job has run on the
 * local clock past the due date, sees the ageing with the chasing history; the AE fills the week
 * grid and submits it, the AM — the AE's line manager — approves it, and the job's profit shows
 * the invoice's revenue less the time at cost; the AE then corrects part of the invoice by a credit
 * note (drafted on the invoice, reviewed and issued like one) and applies a payment kept as the
 * client's credit to it (more than it owes is refused in plain words). Every screen is checked with axe-core (no serious
 * or critical violation) and walked with the keyboard; the head sets the AE's cost rate first on
 * the rates page. Arranged through the API: the job's schedule and timetable (signed with the
 * estimate).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack.js';
import { collections } from '../../shared/billing/index.js';
import { billingWords } from '../../shared/billing/messages.js';
import { wholeRun } from '../../shared/platform/job-segments.js';
import { workingDaysAfter } from '../support/billing.js';
import { chromiumPath } from '../support/browser.js';
import {
  approveInMyWork,
  checkScreen,
  clientApprovesByLink,
  en,
  say,
  signedIn,
  startConsoleStack,
} from '../support/console.js';

const people = { ae: 'Emma Larsen', am: 'Marco Bianchi', ad: 'Amira Haddad', head: 'Helena Ortiz' };
const clientName = 'Northwind Beverages';
const billingContact = { name: 'Sofia Lindqvist', email: 'sofia.lindqvist@northwind.example' };
const jobTitle = 'Spring relaunch campaign';

describe.skipIf(!chromiumPath)('billing and time in the staff console (Chromium)', () => {
  let stack: LocalStack;
  let browser: Browser;
  let url = '';
  let clientUrl = '';
  let jobUrl = '';
  let invoiceUrl = '';
  let invoiceNumber = '';
  const followed = new Set<string>();

  /** What a facts list (`dt`/`dd`) says for `label` (the first such list on the page). */
  const factOf = (page: Page, label: string) =>
    page.locator(`xpath=//dt[normalize-space(.)="${label}"]/following-sibling::dd[1]`).first().innerText();

  /** The API's view of a resource, read as the AE (only to learn what the page does not print). */
  const readAsAe = async (path: string) =>
    (await fetch(`${stack.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${stack.demoTokens['ae@agency.example']}` },
    }).then((r) => r.json())) as Record<string, string>;

  beforeAll(async () => {
    [stack, browser] = await startConsoleStack();
    url = stack.consoleUrl;
    // The client signs an estimate together with the job's timetable: the job's schedule and a
    // frozen timetable version are arranged through the API (the schedule's own walk is
    // console-traffic.test.ts).
    const call = async (method: string, path: string, who: string, body?: unknown) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.demoTokens[`${who}@agency.example`]}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
      return json;
    };
    const jobs = (await call('GET', '/jobs?limit=50', 'ae')).items as { jobId: string; title: string }[];
    const job = jobs.find((j) => j.title === jobTitle)!;
    const monday = new Date();
    do monday.setUTCDate(monday.getUTCDate() + 1);
    while (monday.getUTCDay() !== 1);
    await call('POST', `/jobs/${job.jobId}/schedule`, 'ae', { startDate: monday.toISOString().slice(0, 10) });
    await call('POST', `/jobs/${job.jobId}/timetable/versions`, 'traffic');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the head sets what an hour of an account executive costs on the rates page', async () => {
    const { page: head, context } = await signedIn(browser, url, people.head);
    await head.getByRole('link', { name: en.nav.rates }).click();
    await head.getByRole('heading', { level: 1, name: en.rates.title }).waitFor();
    await head.getByText(en.rates.none).waitFor();
    await checkScreen(head, 'Cost rates (none)');
    const form = head.getByRole('form', { name: en.rates.set });
    await form.getByLabel(en.rates.role).selectOption('account_executive');
    await form.getByLabel(en.common.currency).fill('USD');
    await form.getByLabel(say(en.rates.hourlyIn, { currency: 'USD' })).fill('80');
    await form.getByLabel(en.rates.from).fill('2020-01-01');
    await form.getByRole('button', { name: en.rates.save }).click();
    await head.getByRole('status').filter({ hasText: en.rates.saved }).waitFor();
    const row = head.getByRole('row').filter({ hasText: en.roles.account_executive });
    expect(await row.innerText()).toContain('$80.00');
    await checkScreen(head, 'Cost rates (one set)');
    await context.close();

    // Nobody else has the page in the menu.
    const { page: ae, context: aeContext } = await signedIn(browser, url, people.ae);
    expect(await ae.getByRole('link', { name: en.nav.rates }).count()).toBe(0);
    await aeContext.close();
  });

  it('the client signs an estimate of the job: drawn up by the AE, approved by the AD, signed by link', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.jobs }).click();
    await ae.getByRole('row').filter({ hasText: jobTitle }).getByRole('link').click();
    await ae.getByRole('heading', { level: 1, name: new RegExp(jobTitle) }).waitFor();
    jobUrl = ae.url();
    await ae.getByRole('button', { name: en.job.newEstimate }).click();
    await ae.getByLabel(en.estimate.title).fill('Relaunch shoot');
    // A job with no budget is estimated in its client's currency (dollars: its time is costed in them).
    await expect.poll(() => ae.getByLabel(en.estimate.currency).inputValue()).toBe('USD');
    await ae.getByLabel(en.estimate.description).fill('Studio shoot, 2 days');
    await ae.getByLabel(en.estimate.quantity).fill('2');
    await ae.getByLabel(say(en.estimate.unitCostIn, { currency: 'USD' })).fill('1500');
    await ae.getByLabel(en.estimate.markupPercent).fill('15');
    // The vendor is picked by name from the register's approved vendors, not typed as an id.
    await ae.getByLabel(en.estimate.vendor).selectOption({ label: 'ClearView' });
    await expect.poll(() => ae.locator('.totals').innerText()).toContain('$3,450.00');
    await ae.getByRole('button', { name: en.common.create }).click();
    await ae.getByRole('heading', { level: 1, name: /Relaunch shoot/ }).waitFor();
    await ae.getByRole('button', { name: en.estimate.startSignOff }).click();
    await ae.getByRole('button', { name: en.reviewStart.submit }).click();
    await ae.getByRole('status').filter({ hasText: en.estimate.sentForSignOff }).waitFor();
    await context.close();

    const { page: ad, context: adContext } = await signedIn(browser, url, people.ad);
    const row = await approveInMyWork(ad, 'Relaunch shoot');
    await expect.poll(() => row.count()).toBe(0);
    await adContext.close();

    await clientApprovesByLink(browser, stack.inboxUrl, billingContact.email, 'Relaunch shoot', followed);
  });

  it('the AM sets the client’s billing terms on their page; a refused entry is said in plain words', async () => {
    const { page: am, context } = await signedIn(browser, url, people.am);
    await am.getByRole('link', { name: en.nav.clients }).click();
    await am.getByRole('link', { name: clientName }).click();
    await am.getByRole('heading', { level: 1, name: clientName }).waitFor();
    clientUrl = am.url();
    await am.getByRole('link', { name: en.billing.terms }).click();
    await am
      .getByRole('heading', { level: 1, name: say(en.billingTerms.title, { client: clientName }) })
      .waitFor();
    await am.getByText(en.billingTerms.none).waitFor();
    await checkScreen(am, 'Billing terms (none yet)');

    const form = am.getByRole('form', { name: en.billingTerms.set });
    await form.getByLabel(en.billingTerms.schedule).selectOption('on_signature');
    await form.getByLabel(en.billingTerms.mediaRemuneration).selectOption('fee');
    await form.getByLabel(en.billingTerms.paymentDays).fill('400');
    await form.getByLabel(en.billingTerms.currency).fill('USD');
    await form
      .getByLabel(en.billingTerms.billingContact)
      .selectOption({ label: `${billingContact.name} <${billingContact.email}>` });
    await form.getByLabel(say(en.billingTerms.approvalThresholdIn, { currency: 'USD' })).fill('100000');
    await form.getByLabel(en.billingTerms.reminderDays).fill('3');
    await form.getByRole('button', { name: en.billingTerms.save }).click();
    // 400 payment days is more than the API takes: its problem, in the console's words, naming the field.
    const problem = form.getByRole('alert');
    await expect.poll(() => problem.innerText()).toContain(en.problems.status['400']);
    expect(await problem.innerText()).toContain('paymentDays');
    await checkScreen(am, 'Billing terms (refused)');

    await form.getByLabel(en.billingTerms.paymentDays).fill('30');
    await form.getByRole('button', { name: en.billingTerms.save }).click();
    await am.getByRole('status').filter({ hasText: en.billingTerms.saved }).waitFor();
    expect(await factOf(am, en.billingTerms.paymentDays)).toBe('30');
    expect(await factOf(am, en.billingTerms.billingContact)).toBe(billingContact.name);
    await checkScreen(am, 'Billing terms (set)');
    await context.close();

    // The AE reads them and may not change them.
    const { page: ae, context: aeContext } = await signedIn(browser, url, people.ae);
    await ae.goto(`${clientUrl}/billing-terms`);
    await ae.getByText(en.billingTerms.managersOnly).waitFor();
    expect(await factOf(ae, en.billingTerms.schedule)).toBe(en.billingTerms.schedules.on_signature);
    await aeContext.close();
  });

  it('the AE drafts an invoice from the signed work, reviews it and issues it to the billing contact', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.goto(clientUrl);
    await ae.locator('.actions').getByRole('link', { name: en.nav.billing, exact: true }).click();
    await ae
      .getByRole('heading', {
        level: 1,
        name: say(en.billing.clientTitle, { client: 'Northwind Beverages' }),
      })
      .waitFor();
    await checkScreen(ae, 'Client billing (nothing invoiced)');
    await ae.getByRole('button', { name: en.billing.draftFromBillable }).click();
    await ae.getByRole('heading', { level: 1, name: en.billing.draftInvoice }).waitFor();
    invoiceUrl = ae.url();
    await expect
      .poll(() => ae.locator('.page-header .subtitle').innerText())
      .toContain('Northwind Beverages');
    expect(await factOf(ae, en.billing.statusLabel)).toBe(en.billing.status.draft);
    expect(await ae.locator('table').first().innerText()).toContain('Studio shoot, 2 days');
    expect(await factOf(ae, en.billing.total)).toBe('$3,450.00');
    await checkScreen(ae, 'Invoice (draft)');

    await ae.getByRole('button', { name: en.billing.review }).click();
    await expect.poll(() => factOf(ae, en.billing.statusLabel)).toBe(en.billing.status.reviewed);
    // Before issuing, the document as it will go out: opened from the page, marked as a preview.
    const previewed = ae.waitForResponse((r) => r.url().endsWith('/preview') && r.status() === 200);
    const opened = ae.context().waitForEvent('page');
    await ae.getByRole('button', { name: en.billing.preview }).click();
    const previewHtml = await (await fetch((await (await previewed).json()).url)).text();
    expect(previewHtml).toContain(billingWords.en.previewNote);
    expect(previewHtml).toContain('Studio shoot, 2 days');
    expect(previewHtml).toContain('$3,450.00');
    await (await opened).close();
    await ae.getByRole('button', { name: en.billing.issue }).click();
    await expect.poll(() => factOf(ae, en.billing.statusLabel)).toBe(en.billing.status.issued);
    invoiceNumber = (await ae.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(await factOf(ae, en.billing.sending)).toContain(billingContact.email);
    await checkScreen(ae, 'Invoice (issued)');

    // Sent again from the page: one more sending, said on the page.
    await ae.getByRole('button', { name: en.billing.sendAgain }).click();
    await ae
      .getByRole('status')
      .filter({ hasText: say(en.billing.sentAgain, { to: billingContact.email }) })
      .waitFor();
    await expect.poll(async () => (await factOf(ae, en.billing.sending)).split(';').length).toBe(2);
    await context.close();
  });

  it('the AE records a partial payment and, after the collections job, sees the ageing with the chasing history', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.goto(invoiceUrl);
    await ae.getByRole('link', { name: en.billing.backToBilling }).click();
    await ae
      .getByRole('heading', {
        level: 1,
        name: say(en.billing.clientTitle, { client: 'Northwind Beverages' }),
      })
      .waitFor();
    const form = ae.getByRole('form', { name: en.billing.recordPayment });
    await form.getByLabel(say(en.billing.amount, { currency: 'USD' })).fill('1000');
    await form.getByLabel(en.billing.reference).fill('WIRE-2041');
    await form.getByLabel(en.billing.applyTo).selectOption({ label: `${invoiceNumber} · $3,450.00` });
    await form.getByRole('button', { name: en.billing.recordPayment }).click();
    const payments = ae.getByRole('region', { name: en.billing.payments });
    await expect.poll(() => payments.innerText()).toContain('WIRE-2041');
    await expect.poll(() => factOf(ae, en.billing.outstanding)).toBe('$2,450.00');
    await checkScreen(ae, 'Client billing (paid in part)');

    // The collections job on the local clock: three working days past the due date, reminder 1.
    const ageingRow = ae.getByRole('row').filter({ hasText: invoiceNumber });
    const { dueOn } = await readAsAe(`/invoices/${invoiceUrl.split('/').at(-1)}`);
    const reminderDay = workingDaysAfter(dueOn!, 3);
    await collections(new Date(`${reminderDay}T12:00:00Z`), wholeRun);
    await ae.reload();
    await expect
      .poll(() => ageingRow.innerText())
      .toContain(say(en.billing.chase, { level: 1, role: en.roles.account_executive, date: '' }).trim());
    await checkScreen(ae, 'Client billing (chased)');

    // The billing overview lists what the client owes.
    await ae.getByRole('navigation').getByRole('link', { name: en.nav.billing, exact: true }).click();
    await ae.getByRole('heading', { level: 1, name: en.billing.title }).waitFor();
    expect(await ae.getByRole('row').filter({ hasText: clientName }).innerText()).toContain('$2,450.00');
    await checkScreen(ae, 'Billing overview');
    await context.close();
  });

  it('the AE fills the week grid and submits it; the AM, the AE’s line manager, approves it', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.getByRole('link', { name: en.nav.timesheet, exact: true }).click();
    await ae.getByRole('heading', { level: 1, name: en.time.title }).waitFor();
    await checkScreen(ae, 'Timesheet (empty week)');
    const jobSelect = ae.locator('label', { hasText: en.time.job }).locator('select');
    const jobOption = await jobSelect.locator('option', { hasText: jobTitle }).getAttribute('value');
    await jobSelect.selectOption(jobOption!);
    await ae.locator('label', { hasText: en.time.activity }).locator('select').selectOption('client_meeting');
    await ae.getByRole('button', { name: en.time.addRow }).click();
    // Monday of this week: 7.5 hours (never a future day). What is not hours is marked, not dropped;
    // hours:minutes (and a decimal comma) are hours. The columns name their weekday.
    await expect
      .poll(() => ae.locator('table.grid thead th').nth(2).innerText())
      .toMatch(/^Mon \d{1,2} [A-Z][a-z]{2}$/);
    const monday = ae.locator('table.grid tbody tr').first().locator('input').first();
    await monday.fill('seven');
    await ae.getByText(en.time.unreadableHours).waitFor();
    expect(await monday.getAttribute('aria-invalid')).toBe('true');
    await monday.fill('7:30');
    await expect.poll(() => ae.locator('table.grid tfoot td').last().innerText()).toBe('7.5');
    expect(await ae.getByText(en.time.unreadableHours).count()).toBe(0);
    await ae.getByRole('button', { name: en.time.save }).click();
    await ae.getByRole('button', { name: en.time.submit }).waitFor();
    await checkScreen(ae, 'Timesheet (saved)');
    await ae.getByRole('button', { name: en.time.submit }).click();
    await ae.getByText(en.time.status.submitted).waitFor();
    await context.close();

    const { page: am, context: amContext } = await signedIn(browser, url, people.am);
    // My work, where the line manager's day starts, says a week is waiting and leads to it.
    const waiting = am.getByRole('region', { name: en.myWork.timesheets });
    await expect.poll(() => waiting.innerText()).toContain(people.ae);
    await waiting.getByRole('link', { name: en.myWork.openTimesheets }).click();
    await am.getByRole('heading', { level: 1, name: en.time.approvals.title }).waitFor();
    const sheet = am.getByRole('region', { name: new RegExp(people.ae) });
    await expect.poll(() => sheet.innerText()).toContain(say(en.time.totalHours, { hours: '7.5' }));
    // Each entry names the job it was worked on.
    await expect.poll(() => sheet.locator('li').first().innerText()).toContain(jobTitle);
    await checkScreen(am, 'Timesheets to approve');
    await sheet.getByRole('button', { name: en.time.approvals.approve }).click();
    await am.getByText(en.time.approvals.none).waitFor();
    await amContext.close();
  });

  it('the job’s profit shows the invoice’s revenue less the time at cost', async () => {
    const { page: am, context } = await signedIn(browser, url, people.am);
    await am.goto(jobUrl);
    await am.getByRole('link', { name: en.time.profit.link }).click();
    await am.getByRole('heading', { level: 1, name: en.time.profit.jobTitle }).waitFor();
    const figures = am.locator('table tbody tr').first();
    // $3,450.00 invoiced; 7.5 h × $80.00 = $600.00 of time; margin $2,850.00 (82.6 %).
    await expect.poll(() => figures.innerText()).toContain('$3,450.00');
    const text = await figures.innerText();
    expect(text).toContain('$600.00');
    expect(text).toContain('$2,850.00');
    expect(await am.getByRole('img', { name: en.time.profit.chart }).count()).toBe(1);
    await checkScreen(am, 'Job profit');
    await context.close();
  });

  it('the AE corrects part of the invoice by a credit note, then applies the client’s credit to it', async () => {
    const { page: ae, context } = await signedIn(browser, url, people.ae);
    await ae.goto(invoiceUrl);
    await ae.getByText(en.billing.credit.noNotes).waitFor();
    await ae.getByRole('button', { name: en.billing.credit.draft }).click();
    const draft = ae.getByRole('form', { name: en.billing.credit.draft });
    await draft.getByLabel(/Studio shoot, 2 days/).fill('450');
    await draft.getByLabel(en.billing.credit.reason).fill('One studio hour was not used');
    await checkScreen(ae, 'Invoice (drafting a credit note)');
    await draft.getByRole('button', { name: en.billing.credit.draftSubmit }).click();
    await ae.getByRole('heading', { level: 1, name: en.billing.draftCreditNote }).waitFor();
    expect(await factOf(ae, en.billing.total)).toBe('$450.00');
    await ae.getByRole('button', { name: en.billing.review }).click();
    await ae.getByRole('button', { name: en.billing.issue }).click();
    await expect.poll(() => factOf(ae, en.billing.statusLabel)).toBe(en.billing.status.issued);
    const noteNumber = (await ae.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(noteNumber).toMatch(/^CN-\d{4}-\d{6}$/);
    await checkScreen(ae, 'Credit note (issued)');

    // Listed with the invoice it corrects, which owes $450.00 less.
    await ae.getByRole('link', { name: en.billing.credit.correctedInvoice }).click();
    const notes = ae.getByRole('region', { name: en.billing.credit.notes });
    await expect.poll(() => notes.innerText()).toContain(`${noteNumber} · $450.00`);
    await notes
      .getByRole('button', { name: say(en.billing.credit.documentOf, { number: noteNumber }) })
      .waitFor();
    expect(await factOf(ae, en.billing.balance)).toBe('$2,000.00');

    // A payment kept as credit, applied: more than the invoice owes is refused in plain words.
    await ae.getByRole('link', { name: en.billing.backToBilling }).click();
    await ae.getByText(en.billing.credit.none).waitFor();
    const record = ae.getByRole('form', { name: en.billing.recordPayment });
    await record.getByLabel(say(en.billing.amount, { currency: 'USD' })).fill('2500');
    await record.getByLabel(en.billing.reference).fill('WIRE-2042');
    await record.getByRole('button', { name: en.billing.recordPayment }).click();
    const credit = ae.getByRole('region', { name: en.billing.unapplied });
    await expect.poll(() => credit.innerText()).toContain('WIRE-2042');
    const apply = ae.getByRole('form', { name: en.billing.credit.apply });
    await apply.getByLabel(en.billing.applyTo).selectOption({ label: `${invoiceNumber} · $2,000.00` });
    await apply.getByLabel(say(en.billing.amount, { currency: 'USD' })).fill('2500');
    await apply.getByRole('button', { name: en.billing.credit.apply }).click();
    await expect.poll(() => apply.getByRole('alert').innerText()).toContain('$2,000.00');
    await checkScreen(ae, 'Client billing (credit refused)');
    await apply.getByLabel(say(en.billing.amount, { currency: 'USD' })).fill('500');
    await apply.getByRole('button', { name: en.billing.credit.apply }).click();
    await ae
      .getByRole('status')
      .filter({ hasText: say(en.billing.credit.applied, { amount: '$500.00', number: invoiceNumber }) })
      .waitFor();
    await expect.poll(() => factOf(ae, en.billing.outstanding)).toBe('$1,500.00');
    expect(await factOf(ae, en.billing.unapplied)).toBe('$2,000.00');
    expect(await ae.getByRole('row').filter({ hasText: invoiceNumber }).first().innerText()).toContain(
      '$1,500.00',
    );
    await checkScreen(ae, 'Client billing (credit applied)');
    await context.close();
  });

  it('the AD finds what waits on them in billing and cost in My work: a supplier the AE proposed', async () => {
    const name = `Lumen Studios ${Date.now()}`;
    const proposed = await fetch(`${stack.apiUrl}/vendors`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.demoTokens['ae@agency.example']}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name,
        categories: ['photographer'],
        contact: { name: 'Rosa Lumen', email: 'rosa@lumen.example' },
        paymentTermsDays: 30,
        taxId: 'ES-B12345678',
      }),
    });
    expect(proposed.status).toBe(201);
    const { page: ad, context } = await signedIn(browser, url, people.ad);
    const waiting = ad.getByRole('region', { name: en.myWork.billing });
    await expect.poll(() => waiting.innerText()).toContain(name);
    expect(await waiting.innerText()).toContain(en.spend.category.photographer);
    await checkScreen(ad, 'My work (billing and cost)');
    await waiting.getByRole('link', { name }).click();
    await ad.getByRole('heading', { level: 1, name: en.spend.vendors }).waitFor();
    await context.close();

    // The AE approves neither invoices nor suppliers: nothing of the kind waits on them.
    const { page: ae, context: aeContext } = await signedIn(browser, url, people.ae);
    await ae.getByRole('heading', { level: 2, name: en.myWork.myJobs }).waitFor();
    await ae.waitForLoadState('networkidle');
    expect(await ae.getByRole('region', { name: en.myWork.billing }).count()).toBe(0);
    await aeContext.close();
  });
});
