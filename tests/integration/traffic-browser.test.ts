import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, inboxUrl } from '../support/api.js';
import { chromiumPath, launchBrowser, openInbox } from '../support/browser.js';
import * as fx from '../support/fixtures.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';
import * as tr from '../support/traffic.js';

/**
 * Issue 12 §5, end to end through the emails, in a real headless Chromium reading the local
 * inbox: the AE writes the creative brief → the account manager's "Internal review requested" email →
 * the AM approves → the creative's "Creative work may start" email, and creative development has
 * started on the schedule → the creative's draft goes to review → the client, from the emailed
 * link in Chromium, requests changes → the schedule follows: client feedback done (waiting on the
 * client counted), revisions started, dependants moved, the AE and traffic told of the new end.
 */
type Json = fx.Json;

describe.skipIf(!chromiumPath)(
  'brief → AM approval → creative work → draft review, through the emails (Chromium)',
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let inbox: Page;
    let s: tr.TrafficSetup;
    let briefId = '';
    let draftId = '';

    beforeAll(async () => {
      [browser, s] = await Promise.all([launchBrowser(), tr.trafficReady({ startDate: '2026-09-07' })]);
      context = await browser.newContext();
      inbox = await context.newPage();
      await openInbox(inbox, inboxUrl());
      // Planning and the plan's confirmation are behind us.
      fx.expectStatus(
        await tr.progress(s.agency.ae, s.job.jobId, 'M001', { status: 'done', on: '2026-09-18' }),
        200,
      );
      fx.expectStatus(
        await tr.progress(s.agency.ae, s.job.jobId, 'M002', { status: 'done', on: '2026-10-02' }),
        200,
      );
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    /** The inbox's email to `address` whose subject contains `subject`, opened in its HTML view (the viewer polls every second). */
    async function openEmail(address: string, subject: string) {
      const email = inbox.locator('.email').filter({ hasText: address }).filter({ hasText: subject }).first();
      await expect
        .poll(() => email.count(), {
          timeout: 20_000,
          interval: 250,
          message: `email “${subject}” to ${address}`,
        })
        .toBe(1);
      await email.getByRole('button', { name: 'Toggle HTML view' }).click();
      return email.locator('iframe').contentFrame();
    }

    it('the AE’s creative brief reaches the account manager by email; the AM approves it', async () => {
      const brief = await tr.createBrief(s.agency.ae, s.job.jobId);
      briefId = brief.brief.briefId;
      fx.expectStatus(
        await api('POST', `/briefs/${briefId}/versions/1/reviews`, { token: s.agency.ae.token, body: {} }),
        201,
      );
      const mail = await openEmail(
        s.agency.am.staff.email,
        'Internal review requested: Creative brief: Spring relaunch v1',
      );
      await expect(mail.locator('body').textContent()).resolves.toContain(s.job.jobNumber);
      const approval = await tr.pendingApprovalOf(s.agency.am, briefId);
      await expect(
        mail.getByRole('link', { name: 'Open the approval' }).getAttribute('href'),
      ).resolves.toContain(`/approvals/${approval.approvalId}`);
      // The staff console is not built yet: the AM decides through the API their email names.
      fx.expectStatus(
        await rv.decide(s.agency.am, approval.approvalId, 'approve', 'Good to go to creative.'),
        200,
      );
    });

    it('the creative hears that creative work may start, and creative development has started', async () => {
      const mail = await openEmail(
        s.agency.creative.staff.email,
        `Creative work may start: ${s.job.jobNumber}`,
      );
      const row = mail.locator('tr').filter({ hasText: 'Creative development' });
      await expect(row.textContent()).resolves.toContain('started');
      const schedule = await tr.getSchedule(s.agency.creative, s.job.jobId);
      expect(tr.milestoneNamed(schedule, 'Creative development')).toMatchObject({
        status: 'in_progress',
        actualStart: schedule.today,
      });
      // On the first working day from today (today itself, unless it is a weekend or holiday).
      expect(tr.milestoneNamed(schedule, 'Creative development').start >= schedule.today).toBe(true);
      const tasks = await tr.allTasks(s.agency.creative, '/me/tasks', 100);
      expect(tasks.find((t) => t.jobId === s.job.jobId && t.title === 'Creative development')).toMatchObject({
        status: 'in_progress',
        department: 'creative',
      });
    });

    it('the creative’s draft goes to review; the client requests changes from the emailed link in Chromium', async () => {
      const draft = await fx.createDraft(s.agency.creative, s.job.jobId);
      draftId = draft.draft.draftId;
      await rv.uploadVersion(s.agency.creative, draftId, draft, png(1080, 1920));
      fx.expectStatus(await tr.progress(s.agency.creative, s.job.jobId, 'M003', { status: 'done' }), 200);
      fx.expectStatus(await tr.progress(s.agency.ae, s.job.jobId, 'M004', { status: 'done' }), 200);
      await rv.startReview(s.agency.ae, draftId, 1);
      await rv.waitForStep(s.agency.ae, draftId, 1);
      for (const who of [s.agency.am, s.agency.ad]) {
        const approval = await rv.pendingApproval(who, draftId);
        fx.expectStatus(await rv.decide(who, approval.approvalId, 'approve'), 200);
      }
      await rv.waitForStep(s.agency.ae, draftId, 2);
      // The client step opened: the client's feedback milestone follows it.
      const opened = await tr.until('client feedback started', async () => {
        const current = await tr.getSchedule(s.agency.ae, s.job.jobId);
        return tr.milestoneNamed(current, 'Client feedback').status === 'in_progress' && current;
      });
      expect(tr.milestoneNamed(opened, 'Client feedback').link).toEqual({
        subjectType: 'draft',
        subjectId: draftId,
        stage: 'client',
      });

      const link = await rv.approvalLink(s.contact.email);
      const mail = await openEmail(s.contact.email, 'Approval requested');
      const anchor = mail.getByRole('link', { name: 'Review and decide' });
      await expect(anchor.getAttribute('href')).resolves.toBe(link);
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        anchor.click({ modifiers: ['Shift'] }),
      ]);
      await page.waitForLoadState();
      await expect(page.locator('h1').textContent()).resolves.toContain('asks for your approval');
      await page.check('input[name="decision"][value="request_changes"]');
      await page.fill('textarea#comment', 'Warmer colours, please.');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === page.url()),
        page.getByRole('button', { name: 'Submit decision' }).click(),
      ]);
      expect(response.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('Decision recorded');
      await page.close();
    });

    it('the schedule follows: feedback done (the client’s time counted), revisions started with the creative team', async () => {
      const schedule = await tr.until('revisions started', async () => {
        const current = await tr.getSchedule(s.agency.ae, s.job.jobId);
        return tr.milestoneNamed(current, 'Revisions').status === 'in_progress' && current;
      });
      const feedback = tr.milestoneNamed(schedule, 'Client feedback');
      expect(feedback).toMatchObject({ status: 'done', actualEnd: schedule.today });
      expect(feedback.waitingSegments).toEqual([
        expect.objectContaining({
          party: 'client',
          stage: 'client',
          from: schedule.today,
          to: schedule.today,
        }),
      ]);
      const revisions = tr.milestoneNamed(schedule, 'Revisions');
      expect(revisions).toMatchObject({
        link: { subjectType: 'draft', subjectId: draftId, stage: 'revision' },
        actualStart: schedule.today,
        waitingSegments: [
          expect.objectContaining({ party: 'agency', stage: 'revision', from: schedule.today }),
        ],
      });
      // Production waits for the revisions: it starts after today.
      expect(tr.milestoneNamed(schedule, 'Production').start > schedule.today).toBe(true);
      // The engine tells the creative team right after the schedule heard of the revision step.
      await tr.until('the creative team told', async () =>
        (await rv.mailsTo(s.agency.creative.staff.email)).some(
          (m: Json) => m.subject.includes('Back to the creative team') && m.text.includes('Warmer colours'),
        ),
      );
    });
  },
);
