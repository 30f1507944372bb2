import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { hashToken } from '../../shared/signoff/approval-links.js';
import { ApprovalLink } from '../../shared/signoff/entities.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';
import { documents } from '../support/table.js';

/**
 * Deadlines, reminders, escalation and expiry, with each review's own Step Functions
 * deadlines fast-forwarded (nobody else's); the other outcomes of a review: reject, any-one
 * approval, decisions on someone's behalf, and the spec-check gate before final artwork.
 */

/** Approves the internal step of a fresh review (AM and, first time to the client, AD). */
async function passInternal(s: rv.ReviewSetup, stepNo = 1) {
  await rv.waitForStep(s.agency.ae, s.draftId, stepNo);
  for (const who of [s.agency.am, s.agency.ad]) {
    const mine = (await fx.listAll('/approvals?assignee=me&status=pending', who)).find(
      (a: fx.Json) => a.draftId === s.draftId && a.stepNo === stepNo,
    );
    if (mine) fx.expectStatus(await rv.decide(who, mine.approvalId, 'approve'), 200);
  }
}

/** Makes a link expired, as if its deadline had passed (the table is the only place that says so). */
async function expireLink(token: string) {
  await documents().send(
    new UpdateCommand({
      TableName: inject('tableName'),
      Key: ApprovalLink.key(hashToken(token)),
      UpdateExpression: 'SET linkExpiresAt = :past',
      ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }),
  );
}

const subjects = async (email: string) => (await rv.mailsTo(email)).map((m) => m.subject);

describe('deadlines of a client step: reminder, escalation AE → AM → AD, expiry', () => {
  it('reminds the client, escalates level by level with fresh links, then expires the review', async () => {
    const s = await rv.reviewReady();
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await passInternal(s);
    const step = await rv.waitForStep(s.agency.ae, s.draftId, 2);
    expect(step.stage).toBe('client');
    // 5 working days for the client; the reminder one working day before.
    const workingDays = (Date.parse(step.deadline) - Date.parse(step.createdAt)) / 86_400_000;
    expect(workingDays).toBeGreaterThan(4.99);
    expect(Date.parse(step.reminderAt)).toBeLessThan(Date.parse(step.deadline));
    const arn = await rv.executionArnOf(review.reviewId);
    const contact = s.contacts[0].email;

    const waitForStepField = async (check: (step: fx.Json) => boolean) => {
      let current: fx.Json;
      await expect
        .poll(
          async () => {
            current = (await rv.steps(s.agency.ae, s.draftId)).find((x: fx.Json) => x.stepNo === 2);
            return check(current);
          },
          { timeout: 15_000, interval: 50 },
        )
        .toBe(true);
      return current;
    };
    const fire = async () => expect(await rv.fireDeadlines(arn)).toBe(1);

    await fire();
    await waitForStepField((x) => Boolean(x.remindedAt));
    await expect
      .poll(() => subjects(contact))
      .toContainEqual(expect.stringContaining('Reminder: approval due'));

    const levels = [s.agency.ae, s.agency.am, s.agency.ad];
    let deadline = step.deadline;
    for (const [index, person] of levels.entries()) {
      await fire();
      const escalated = await waitForStepField((x) => x.escalationLevel === index + 1);
      expect(escalated.escalatedTo).toContain(person.staff.staffId);
      expect(escalated.status).toBe('pending');
      // Extended from the (fast-forwarded) time it fell due: never to a date before the last one.
      expect(Date.parse(escalated.deadline)).toBeGreaterThan(Date.parse(deadline));
      deadline = escalated.deadline;
      await expect
        .poll(() => subjects(person.staff.email))
        .toContainEqual(expect.stringContaining('Overdue'));
      // The client gets a fresh link with the extended deadline each time.
      await rv.approvalLink(contact, 3 + index);
    }
    await fire();
    const ended = await rv.waitForReview(s.agency.ae, s.draftId, 'expired');
    expect(ended.steps.at(-1).status).toBe('expired');
    expect(ended.approvals.filter((a: fx.Json) => a.stepNo === 2).map((a: fx.Json) => a.status)).toEqual([
      'closed',
    ]);
    // Every link of the expired step now says the approval is closed.
    const page = await rv.openLink(await rv.approvalLink(contact, 1));
    expect(page.status).toBe(410);
    // The draft is free for a new review.
    await rv.startReview(s.agency.ae, s.draftId, 1);
  });

  it('escalates an internal step to the level above its most junior reviewer (AM → AD), who may decide for them', async () => {
    const s = await rv.reviewReady();
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    const arn = await rv.executionArnOf(review.reviewId);
    expect(await rv.fireDeadlines(arn)).toBe(1); // reminder
    await expect
      .poll(() => subjects(s.agency.am.staff.email))
      .toContainEqual(expect.stringContaining('Reminder'));
    expect(await rv.fireDeadlines(arn)).toBe(1); // deadline: escalated to the AD
    await expect
      .poll(() => subjects(s.agency.ad.staff.email))
      .toContainEqual(expect.stringContaining('Overdue'));

    const amApproval = await rv.pendingApproval(s.agency.am, s.draftId);
    const byAd = await rv.decide(s.agency.ad, amApproval.approvalId, 'approve', 'Deciding for the AM.');
    fx.expectStatus(byAd, 200);
    expect(byAd.body.approval).toMatchObject({
      decidedBy: s.agency.ad.staff.staffId,
      onBehalfOf: s.agency.am.staff.staffId,
    });
    expect(byAd.body.evidence.onBehalfOf).toBe(s.agency.am.staff.staffId);
    // An AE is not above the AM: refused.
    const adOwn = await rv.pendingApproval(s.agency.ad, s.draftId);
    fx.expectProblem(await rv.decide(s.agency.ae, adOwn.approvalId, 'approve'), 403);
  });
});

describe('other outcomes', () => {
  it('a client reject ends the review as rejected and frees the draft', async () => {
    const s = await rv.reviewReady({ kind: 'copy' });
    await rv.startReview(s.agency.ae, s.draftId, 1);
    await passInternal(s);
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const link = await rv.approvalLink(s.contacts[0].email);
    const page = await rv.openLink(link);
    expect(
      (await rv.submitLink(link, { ...page.hidden, decision: 'reject', comment: 'Off brief.' })).status,
    ).toBe(200);
    const ended = await rv.waitForReview(s.agency.ae, s.draftId, 'rejected');
    expect(ended.evidence.at(-1)).toMatchObject({ decision: 'reject', comment: 'Off brief.', via: 'link' });
  });

  it('any-one mode: the first client approval settles the step and closes the other approver’s link', async () => {
    const s = await rv.reviewReady({ kind: 'script', approvers: 2 });
    await rv.startReview(s.agency.ae, s.draftId, 1, { approvalMode: 'any' });
    await passInternal(s);
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const [first, second] = await Promise.all(s.contacts.map((c: fx.Json) => rv.approvalLink(c.email)));
    const page = await rv.openLink(first!);
    expect((await rv.submitLink(first!, { ...page.hidden, decision: 'approve' })).status).toBe(200);
    await rv.waitForReview(s.agency.ae, s.draftId, 'released');
    const other = await rv.openLink(second!);
    expect(other.status).toBe(410);
    expect(other.html).toContain('closed');
  });

  it('all mode: one approval waits for the other approver', async () => {
    const s = await rv.reviewReady({ kind: 'video', approvers: 2 });
    await rv.startReview(s.agency.ae, s.draftId, 1, { approvalMode: 'all' });
    await passInternal(s);
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const links = await Promise.all(s.contacts.map((c: fx.Json) => rv.approvalLink(c.email)));
    const first = await rv.openLink(links[0]!);
    await rv.submitLink(links[0]!, { ...first.hidden, decision: 'approve' });
    const waiting = (await rv.steps(s.agency.ae, s.draftId)).find((x: fx.Json) => x.stepNo === 2);
    expect(waiting.status).toBe('pending');
    const second = await rv.openLink(links[1]!);
    await rv.submitLink(links[1]!, { ...second.hidden, decision: 'approve' });
    await rv.waitForReview(s.agency.ae, s.draftId, 'released');
  });

  it('an artwork whose spec check failed cannot reach final artwork approval: it goes back to creative', async () => {
    const agency = await fx.buildAgency();
    const { client, brand } = await fx.readyClient(agency.ad, [
      agency.ad,
      agency.am,
      agency.ae,
      agency.creative,
    ]);
    const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
    const draft = await fx.createDraft(agency.ae, job.jobId);
    const wrongSize = await rv.uploadVersion(agency.ae, draft.draft.draftId, draft, png(800, 600));
    expect(wrongSize.specCheck.result).toBe('fail');
    const s: rv.ReviewSetup = {
      agency,
      client,
      contacts: [],
      jobId: job.jobId,
      draftId: draft.draft.draftId,
    };
    await rv.startReview(agency.ae, s.draftId, 1);
    await passInternal(s);
    await rv.waitForStep(agency.ae, s.draftId, 2);
    const contacts = await fx.listAll(`/clients/${client.clientId}/contacts`, agency.ad);
    const link = await rv.approvalLink(contacts[0].email);
    const page = await rv.openLink(link);
    await rv.submitLink(link, { ...page.hidden, decision: 'approve' });
    const revision = await rv.waitForStep(agency.ae, s.draftId, 3);
    expect(revision).toMatchObject({ stage: 'revision' });
    expect(revision.reason).toContain('Spec check failed');
    const chain = await rv.chain(agency.ae, s.draftId);
    expect(chain.reviews[0].steps.map((x: fx.Json) => x.stage)).not.toContain('final_artwork');
  });

  it('an expired link answers like an unknown one, and offers a fresh link sent to the same address', async () => {
    const s = await rv.reviewReady({ kind: 'storyboard' });
    await rv.startReview(s.agency.ae, s.draftId, 1);
    await passInternal(s);
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const contact = s.contacts[0].email;
    const link = await rv.approvalLink(contact);
    const token = link.split('/').at(-1)!;
    await expireLink(token);
    const expired = await rv.openLink(link);
    const unknown = await rv.openLink(link.replace(/[^/]+$/, 'A'.repeat(43)));
    expect(expired.status).toBe(404);
    expect(expired.html).toBe(unknown.html);
    // Asking for a fresh link answers the same for both; only the real one sends mail.
    const renewed = await rv.submitLink(link, { intent: 'renew' });
    const guessed = await rv.submitLink(link.replace(/[^/]+$/, 'B'.repeat(43)), { intent: 'renew' });
    expect(renewed.status).toBe(202);
    expect(guessed).toEqual(renewed);
    const fresh = await rv.approvalLink(contact, 2);
    const page = await rv.openLink(fresh);
    expect(page.status).toBe(200);
    expect((await rv.submitLink(fresh, { ...page.hidden, decision: 'approve' })).status).toBe(200);
  });

  it('refuses a review when no contact may approve creative, and names the field', async () => {
    const agency = await fx.buildAgency();
    const client = await fx.completeIntake(agency.ad, await fx.createClient(agency.ad));
    await fx.setTeam(agency.ad, client.clientId, [agency.ad, agency.am, agency.ae]);
    const brand = await fx.createBrand(agency.ad, client.clientId);
    const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
    const draft = await fx.createDraft(agency.ae, job.jobId);
    await rv.uploadVersion(agency.ae, draft.draft.draftId, draft, png(1080, 1920));
    const res = await api('POST', `/drafts/${draft.draft.draftId}/versions/1/reviews`, {
      token: agency.ae.token,
      body: {},
    });
    fx.expectProblem(res, 422, 'no_client_approver');
    expect(fx.problemFields(res)).toEqual(['body.clientApproverIds']);
  });
});
