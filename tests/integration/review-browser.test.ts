import { crc32 } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, inboxUrl } from '../support/api.js';
import { chromiumPath, launchBrowser, openInbox } from '../support/browser.js';
import * as fx from '../support/fixtures.js';
import { ascii, be32, bytesOf, png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';

/** The same 1080×1920 PNG with a text chunk after its header: same specs, different bytes (and SHA-256). */
function pngVersion(label: string): Uint8Array {
  const base = png(1080, 1920);
  const data = bytesOf(ascii('Comment'), [0], ascii(label));
  const body = bytesOf(ascii('tEXt'), data);
  const chunk = bytesOf(be32(data.length), body, be32(crc32(body)));
  const afterHeader = 8 + 12 + 13; // signature, then IHDR (length, type, 13 bytes of data, CRC)
  return bytesOf(base.subarray(0, afterHeader), chunk, base.subarray(afterHeader));
}

/**
 * The sign-off as the client lives it: the approval email arrives in the (local) inbox, a real
 * headless Chromium opens the inbox, finds the email, follows its link and decides on the page.
 * v1 gets "Request changes", the work goes back to creative, v2 passes internal review, the
 * client approves v2 and its final artwork in the browser, and the review releases v2. The
 * evidence chain then shows every decision, on exactly which file, from which browser.
 */
describe.skipIf(!chromiumPath)(
  'artwork sign-off in Chromium: changes on v1, v2 approved and released',
  // A step waits for the workflow, then the email, then the browser (each up to 15 s), while the
  // e2e lane's browser shares the two CPUs: 30 s was less than the waits it is made of.
  { timeout: 90_000 },
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let inbox: Page;
    let s: rv.ReviewSetup;
    let contactEmail: string;
    let userAgent: string;
    const comment = 'Please make the logo bigger and use the spring palette.';

    beforeAll(async () => {
      [browser, s] = await Promise.all([launchBrowser(), rv.reviewReady()]);
      contactEmail = s.contacts[0].email;
      context = await browser.newContext();
      inbox = await context.newPage();
      await openInbox(inbox, inboxUrl());
      userAgent = await inbox.evaluate<string>('navigator.userAgent');
    });

    afterAll(async () => {
      await browser?.close();
    });

    /**
     * In the inbox page: the email to the client that carries `link` (the viewer polls the store
     * every second), its HTML view opened, and its link clicked as a mail reader does — into a
     * new window (the approval page refuses to be framed, so a click inside the viewer's iframe
     * would be blocked). Returns the approval page.
     */
    async function followFromInbox(link: string): Promise<Page> {
      const emails = inbox.locator('.email').filter({ hasText: contactEmail });
      let index = -1;
      await expect
        .poll(
          async () => {
            const count = await emails.count();
            for (let i = 0; i < count; i++) {
              const frame = emails.nth(i).locator('iframe').contentFrame();
              if ((await frame.locator(`a[href="${link}"]`).count()) > 0) {
                index = i;
                return true;
              }
            }
            return false;
          },
          { timeout: 15_000, interval: 250, message: `an email to ${contactEmail} with ${link}` },
        )
        .toBe(true);
      const email = emails.nth(index);
      await email.getByRole('button', { name: 'Toggle HTML view' }).click();
      const anchor = email.locator('iframe').contentFrame().getByRole('link', { name: 'Review and decide' });
      await expect.poll(() => anchor.getAttribute('href')).toBe(link);
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        anchor.click({ modifiers: ['Shift'] }),
      ]);
      await page.waitForLoadState();
      expect(page.url()).toBe(link);
      return page;
    }

    /** On the approval page: chooses a decision, types the comment (if any), submits; returns the page's heading. */
    async function decideOnPage(page: Page, decision: string, text?: string): Promise<string> {
      await expect(page.locator('h1').textContent()).resolves.toContain('asks for your approval');
      await page.check(`input[name="decision"][value="${decision}"]`);
      if (text) await page.fill('textarea#comment', text);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === page.url()),
        page.getByRole('button', { name: 'Submit decision' }).click(),
      ]);
      expect(response.status()).toBe(200);
      await page.waitForLoadState();
      const heading = (await page.locator('h1').textContent()) ?? '';
      await page.close();
      return heading;
    }

    it('sends v1 to the AM and (first time to the client) the AD; both approve through the API', async () => {
      await rv.startReview(s.agency.ae, s.draftId, 1);
      const step = await rv.waitForStep(s.agency.ae, s.draftId, 1);
      expect(step.stage).toBe('internal');
      expect(step.assignees.map((a: fx.Json) => a.staffId).sort()).toEqual(
        [s.agency.am.staff.staffId, s.agency.ad.staff.staffId].sort(),
      );
      for (const who of [s.agency.am, s.agency.ad]) {
        const approval = await rv.pendingApproval(who, s.draftId);
        fx.expectStatus(await rv.decide(who, approval.approvalId, 'approve'), 200, 'internal approval');
      }
    });

    it('emails the client; Chromium opens the inbox, follows the link and requests changes', async () => {
      const step = await rv.waitForStep(s.agency.ae, s.draftId, 2);
      expect(step).toMatchObject({ stage: 'client', file: { draftVersion: 1 } });
      const link = await rv.approvalLink(contactEmail, 1);
      const page = await followFromInbox(link);
      await expect(page.content()).resolves.toContain(step.file.sha256);
      expect(await page.locator('img').count()).toBe(1); // the preview of exactly this version
      expect(await decideOnPage(page, 'request_changes', comment)).toBe('Decision recorded');
    });

    it('goes back to creative; v2 is uploaded and passes internal review (the AM alone now)', async () => {
      const revision = await rv.waitForStep(s.agency.ae, s.draftId, 3);
      expect(revision.stage).toBe('revision');
      const creativeMail = await rv.mailsTo(s.agency.creative.staff.email);
      expect(
        creativeMail.some((m) => m.subject.includes('Back to the creative team') && m.text.includes(comment)),
      ).toBe(true);
      await rv.nextVersion(s.agency.creative, s.draftId, pngVersion('v2'));
      const internal = await rv.waitForStep(s.agency.ae, s.draftId, 4);
      expect(internal).toMatchObject({ stage: 'internal', file: { draftVersion: 2 } });
      expect(internal.assignees.map((a: fx.Json) => a.staffId)).toEqual([s.agency.am.staff.staffId]);
      const approval = await rv.pendingApproval(s.agency.am, s.draftId);
      fx.expectStatus(await rv.decide(s.agency.am, approval.approvalId, 'approve'), 200, 'v2 internal');
    });

    it('the client approves v2 in Chromium, then its final artwork; the review releases v2', async () => {
      const client = await rv.waitForStep(s.agency.ae, s.draftId, 5);
      expect(client).toMatchObject({ stage: 'client', file: { draftVersion: 2 } });
      const v2Page = await followFromInbox(await rv.approvalLink(contactEmail, 2));
      await expect(v2Page.content()).resolves.toContain('version 2');
      expect(await decideOnPage(v2Page, 'approve')).toBe('Decision recorded');

      const final = await rv.waitForStep(s.agency.ae, s.draftId, 6);
      expect(final).toMatchObject({ stage: 'final_artwork', file: { draftVersion: 2 } });
      const finalPage = await followFromInbox(await rv.approvalLink(contactEmail, 3));
      await expect(finalPage.content()).resolves.toContain('final artwork approval');
      expect(await decideOnPage(finalPage, 'approve', 'Approved for print.')).toBe('Decision recorded');

      const ended = await rv.waitForReview(s.agency.ae, s.draftId, 'released');
      expect(ended.releasedVersion).toBe(2);
    });

    it('keeps the evidence chain: every decision, in order, on the exact file, with browser, IP and comment', async () => {
      const draft = await api('GET', `/drafts/${s.draftId}`, { token: s.agency.ae.token });
      fx.expectStatus(draft, 200);
      const sha = Object.fromEntries(draft.body.versions.map((v: fx.Json) => [v.number, v.sha256]));
      expect(sha[1]).toMatch(/^[0-9a-f]{64}$/);
      expect(sha[2]).toMatch(/^[0-9a-f]{64}$/);
      expect(sha[2]).not.toBe(sha[1]);
      expect(draft.body.versions.find((v: fx.Json) => v.number === 2).releasedToProductionAt).toBeTruthy();

      const chain = await rv.chain(s.agency.ae, s.draftId);
      expect(chain.reviews).toHaveLength(1);
      const [review] = chain.reviews;
      expect(review).toMatchObject({ status: 'released', releasedVersion: 2 });
      expect(
        review.steps.map((st: fx.Json) => `${st.stepNo}:${st.stage}:v${st.file.draftVersion}:${st.status}`),
      ).toEqual([
        '1:internal:v1:approved',
        '2:client:v1:changes_requested',
        '3:revision:v1:revised',
        '4:internal:v2:approved',
        '5:client:v2:approved',
        '6:final_artwork:v2:approved',
      ]);

      const evidence: fx.Json[] = review.evidence;
      expect(evidence.map((e) => `${e.stage}:${e.decision}:${e.via}:v${e.file.draftVersion}`)).toEqual([
        'internal:approve:api:v1',
        'internal:approve:api:v1',
        'client:request_changes:link:v1',
        'internal:approve:api:v2',
        'client:approve:link:v2',
        'final_artwork:approve:link:v2',
      ]);
      const times = evidence.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
      expect(
        evidence
          .slice(0, 2)
          .map((e) => e.decidedBy)
          .sort(),
      ).toEqual([s.agency.am.staff.staffId, s.agency.ad.staff.staffId].sort());
      for (const e of evidence) {
        expect(e.file.sha256, `evidence of step ${e.stepNo}`).toBe(sha[e.file.draftVersion]);
        expect(e.ip).toBeTruthy();
      }
      const inBrowser = evidence.filter((e) => e.via === 'link');
      for (const e of inBrowser) {
        expect(e.userAgent).toBe(userAgent);
        expect(e.userAgent).toMatch(/HeadlessChrome|Chrome/);
        expect(e.approver).toMatchObject({ kind: 'contact', contactId: s.contacts[0].contactId });
        expect(e.decidedBy).toBe(s.contacts[0].contactId);
      }
      expect(inBrowser[0].comment).toBe(comment);
      expect(inBrowser[2].comment).toBe('Approved for print.');
      const changes = review.approvals.find((a: fx.Json) => a.stepNo === 2);
      expect(changes).toMatchObject({ status: 'decided', decision: 'request_changes', comment });

      // Every page the browser opened was logged as a view (the decisions' POSTs are not views).
      const views: fx.Json[] = review.pageViews.filter((v: fx.Json) => v.userAgent === userAgent);
      const clientApprovals = review.approvals.filter((a: fx.Json) => a.assignee.kind === 'contact');
      expect(views.length).toBeGreaterThanOrEqual(3);
      for (const approval of clientApprovals) {
        expect(views.some((v) => v.approvalId === approval.approvalId && v.ip)).toBe(true);
      }
      console.log(
        `[browser] ${evidence.length} decisions (${inBrowser.length} in Chromium), ${views.length} page views; UA "${userAgent}"`,
      );
    });
  },
);
