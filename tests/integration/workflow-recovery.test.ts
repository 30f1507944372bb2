/**
 * A workflow that stops never strands its subject (issue 9 §1). Executions are stopped on the
 * local Step Functions as someone could in the console; the local EventBridge delivers the status
 * change to the same function the CDK rule targets: the review is `failed` with the reason, its
 * draft freed, the starter and AEs told; decisions answer 409 with what to do (staff and link);
 * an AE restarts it from its step with the decisions already recorded, or cancels it. The same
 * for a campaign's media chain.
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { registerSignOffSubjects } from '../../functions/signoff-subjects.js';
import { cancelReview, finishPendingReviewEnds } from '../../shared/signoff/index.js';
import { api } from '../support/api.js';
import { failEmails, failTablePuts } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import * as rv from '../support/reviews.js';

type Json = fx.Json;

const sfn = new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
afterAll(() => sfn.destroy());

const reviewExecution = (name: string) =>
  `${inject('env').REVIEW_STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:')}:${name}`;

async function stop(executionArn: string) {
  await sfn.send(
    new StopExecutionCommand({ executionArn, error: 'Operator.Stopped', cause: 'stopped in the console' }),
  );
}

async function describeExecution(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

const subjectsTo = async (email: string) => (await rv.mailsTo(email)).map((m) => m.subject);

/** Waits until the last review of the draft is failed (the status change has been handled). */
async function failedReview(s: rv.ReviewSetup): Promise<Json> {
  return rv.waitForReview(s.agency.ae, s.draftId, 'failed');
}

const restart = (by: fx.Person, reviewId: string) =>
  api('POST', `/reviews/${reviewId}/restart`, { token: by.token });
const cancel = (by: fx.Person, reviewId: string, body?: Json) =>
  api('POST', `/reviews/${reviewId}/cancel`, { token: by.token, body });

describe('a review whose workflow stops', () => {
  it('is failed and frees nothing it should keep: decisions answer 409, an AE restarts it from its step', async () => {
    const s = await rv.reviewReady();
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    // The AM approves; the AD has not decided when the workflow stops.
    const amApproval = await rv.pendingApproval(s.agency.am, s.draftId);
    fx.expectStatus(await rv.decide(s.agency.am, amApproval.approvalId, 'approve'), 200);
    await stop(reviewExecution(review.reviewId));

    const failed = await failedReview(s);
    expect(failed.failure).toMatchObject({
      status: 'ABORTED',
      error: 'Operator.Stopped',
      executionName: review.reviewId,
      reason: expect.stringContaining('stopped outside Account Desk'),
    });
    // The starter (the AE) is told what happened and what to do.
    await expect
      .poll(() => subjectsTo(s.agency.ae.staff.email))
      .toContainEqual(expect.stringContaining('Review stopped'));
    const told = (await rv.mailsTo(s.agency.ae.staff.email)).find((m) =>
      m.subject.includes('Review stopped'),
    )!;
    expect(told.text).toContain(`POST /reviews/${review.reviewId}/restart`);

    // A decision on it is never "recorded": 409 saying what to do.
    const adApproval = await rv.pendingApproval(s.agency.ad, s.draftId);
    const refused = await rv.decide(s.agency.ad, adApproval.approvalId, 'approve');
    fx.expectProblem(refused, 409, 'review_on_hold');
    expect(refused.body.detail).toContain(`POST /reviews/${review.reviewId}/restart`);
    expect(
      (await rv.chain(s.agency.ae, s.draftId)).reviews[0].approvals.map((a: Json) => a.status).sort(),
    ).toEqual(['decided', 'pending']);

    // Only an account executive or above may restart (a creative on the team may not).
    const byCreative = await restart(s.agency.creative, review.reviewId);
    fx.expectProblem(byCreative, 403);
    expect(byCreative.body.detail).toBe('Only an account executive or above may restart a review.');

    // The AE restarts it: a new execution, the step it was at, the AM's approval kept.
    const restarted = await restart(s.agency.ae, review.reviewId);
    fx.expectStatus(restarted, 200, 'restart');
    expect(restarted.body).toMatchObject({
      status: 'in_review',
      executionName: `${review.reviewId}-run2`,
      runs: 2,
    });
    expect(restarted.body.failure).toBeUndefined();
    expect((await describeExecution(reviewExecution(`${review.reviewId}-run2`))).status).toBe('RUNNING');
    // The pending reviewer is asked again (the step is re-announced by the new execution).
    await expect
      .poll(
        async () =>
          (await subjectsTo(s.agency.ad.staff.email)).filter((x) => x.includes('Internal review requested'))
            .length,
      )
      .toBe(2);
    fx.expectStatus(await rv.decide(s.agency.ad, adApproval.approvalId, 'approve'), 200);
    const client = await rv.waitForStep(s.agency.ae, s.draftId, 2);
    expect(client.stage).toBe('client');
    const chain = (await rv.chain(s.agency.ae, s.draftId)).reviews[0];
    expect(chain.steps[0]).toMatchObject({ status: 'approved' });
    expect(Object.values(chain.steps[0].decisions)).toEqual(['approve', 'approve']);
    // A second restart of a running review: nothing to restart.
    fx.expectProblem(await restart(s.agency.ae, review.reviewId), 409, 'review_not_failed');
  });

  it('frees its draft: a new review may start meanwhile; a failed restart leaves no name behind; a failed review can be cancelled', async () => {
    const s = await rv.reviewReady();
    const first = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    await stop(reviewExecution(first.reviewId));
    await failedReview(s);

    // The draft is no longer stuck: a new review of it starts; the old one cannot run beside it.
    const second = await rv.startReview(s.agency.ae, s.draftId, 1);
    fx.expectProblem(await restart(s.agency.ae, first.reviewId), 409, 'review_in_progress');
    // Cancelled once its workflow has opened the step (a cancel racing that write is a 409 to retry).
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    fx.expectStatus(
      await cancel(s.agency.ae, second.reviewId, { reason: 'The first one goes on.' }),
      200,
      'cancel',
    );
    // The refused restart's execution name is taken for good: the next restart runs as run3.
    const restarted = await restart(s.agency.ae, first.reviewId);
    fx.expectStatus(restarted, 200, 'restart');
    expect(restarted.body).toMatchObject({ executionName: `${first.reviewId}-run3`, runs: 3 });
    // run3 waits on the step again (it announces it anew).
    await expect
      .poll(async () => {
        const r = (await rv.chain(s.agency.ae, s.draftId)).reviews.find(
          (x: Json) => x.reviewId === first.reviewId,
        );
        return Boolean(r.steps[0].notifiedAt);
      })
      .toBe(true);

    // Stopped again (the run3 execution), then cancelled while failed.
    await stop(reviewExecution(`${first.reviewId}-run3`));
    await expect
      .poll(async () => {
        const r = (await rv.chain(s.agency.ae, s.draftId)).reviews.find(
          (x: Json) => x.reviewId === first.reviewId,
        );
        return `${r.status}:${r.failure?.executionName}`;
      })
      .toBe(`failed:${first.reviewId}-run3`);
    const cancelled = await cancel(s.agency.ae, first.reviewId, { reason: 'Not needed any more.' });
    fx.expectStatus(cancelled, 200, 'cancel');
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Not needed any more.' });
    expect(cancelled.body.failure).toBeUndefined();
    const old = (await rv.chain(s.agency.ae, s.draftId)).reviews.find(
      (r: Json) => r.reviewId === first.reviewId,
    );
    expect(old.steps[0].status).toBe('cancelled');
    expect(old.approvals.every((a: Json) => a.status === 'closed')).toBe(true);
    fx.expectProblem(await cancel(s.agency.ae, first.reviewId), 409, 'review_ended');
    fx.expectProblem(await restart(s.agency.ae, first.reviewId), 409, 'review_not_failed');
    await rv.startReview(s.agency.ae, s.draftId, 1);
  });

  it('answers a client’s link with an on-hold page (409, nothing recorded) until it is restarted', async () => {
    const s = await rv.reviewReady({ kind: 'copy' });
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    for (const who of [s.agency.am, s.agency.ad]) {
      const mine = await rv.pendingApproval(who, s.draftId);
      fx.expectStatus(await rv.decide(who, mine.approvalId, 'approve'), 200);
    }
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const contact = s.contacts[0].email;
    const link = await rv.approvalLink(contact);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    await stop(reviewExecution(review.reviewId));
    await failedReview(s);

    const onHold = await rv.openLink(link);
    expect(onHold.status).toBe(409);
    expect(onHold.html).toContain('on hold');
    const posted = await rv.submitLink(link, { ...page.hidden, decision: 'approve' });
    expect(posted.status).toBe(409);
    expect(posted.html).not.toContain('Decision recorded');
    expect(posted.html).toContain('nothing you send here is recorded');

    fx.expectStatus(await restart(s.agency.am, review.reviewId), 200, 'restart by the AM');
    // The client gets a fresh link; deciding with it is recorded and releases the draft.
    const fresh = await rv.approvalLink(contact, 2);
    const freshPage = await rv.openLink(fresh);
    expect(freshPage.status).toBe(200);
    expect((await rv.submitLink(fresh, { ...freshPage.hidden, decision: 'approve' })).status).toBe(200);
    await rv.waitForReview(s.agency.ae, s.draftId, 'released');
  });
});

describe('a media plan review whose workflow stops', () => {
  it('refuses a written confirmation with what to do, until it is restarted', async () => {
    const m = await md.mediaSettled();
    const lines = [md.tvLine('2027-03-01', '2027-03-31')];
    const created = await md.planVersion(m.agency.ae, m.campaign.campaignId, {
      kind: 'recommendation',
      lines,
    });
    const planId = created.plan.planId;
    const review = await md.planAtClientStep(m, planId, 1);
    await stop(reviewExecution(review.reviewId));
    await rv.planReviewEnded(m.agency.ae, planId, 'failed');
    const body = {
      contactId: m.contact.contactId,
      file: { name: 'signed.pdf', contentType: 'application/pdf' },
    };
    const refused = await api('POST', `/media-plans/${planId}/versions/1/written-confirmations`, {
      token: m.agency.ae.token,
      body,
    });
    fx.expectProblem(refused, 409, 'review_on_hold');
    fx.expectStatus(await restart(m.agency.ae, review.reviewId), 200, 'restart');
    const accepted = await api('POST', `/media-plans/${planId}/versions/1/written-confirmations`, {
      token: m.agency.ae.token,
      body,
    });
    fx.expectStatus(accepted, 201, 'written confirmation upload');
  });
});

describe('cancelling a running review', () => {
  it('closes its step and links, stops its workflow, frees the draft; the stop is not mistaken for a failure', async () => {
    const s = await rv.reviewReady({ kind: 'script' });
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    fx.expectProblem(await cancel(s.agency.creative, review.reviewId), 403);
    const res = await cancel(s.agency.ae, review.reviewId);
    fx.expectStatus(res, 200, 'cancel');
    expect(res.body).toMatchObject({
      status: 'cancelled',
      outcome: 'cancelled',
      cancelledBy: s.agency.ae.staff.staffId,
    });
    await expect
      .poll(async () => (await describeExecution(reviewExecution(review.reviewId))).status)
      .toBe('ABORTED');
    await expect
      .poll(() => subjectsTo(s.agency.ae.staff.email))
      .toContainEqual(expect.stringContaining('Review cancelled'));
    // The ABORTED status change reached the recovery function, which left the cancelled review alone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await rv.chain(s.agency.ae, s.draftId)).reviews[0];
    expect(after.status).toBe('cancelled');
    expect(after.failure).toBeUndefined();
    const amApproval = after.approvals.find((a: Json) => a.assignee.staffId === s.agency.am.staff.staffId);
    fx.expectProblem(await rv.decide(s.agency.am, amApproval.approvalId, 'approve'), 409, 'approval_closed');
    await rv.startReview(s.agency.ae, s.draftId, 1);
  });

  it('answers the recorded cancel when its observers and emails fail after it; the daily job tells the observers', async () => {
    const s = await rv.reviewReady();
    const { review } = await rv.clientAsksForChanges(s);
    const revisions = async () => (await rv.revisionTasks(s.agency.ae, review.reviewId)).length;
    await expect.poll(revisions, { timeout: 15_000 }).toBe(1);

    // Cancelled in this process, whose table puts of action tasks (the observer closing the AE's
    // revision task) and emails fail right after the cancel's transaction.
    registerSignOffSubjects();
    const failingTasks = failTablePuts('ACTION#');
    const failingEmails = failEmails();
    const cancelled = await cancelReview(s.agency.ae.staff.staffId, review.reviewId, {
      reason: 'The client withdrew the brief.',
    }).finally(() => {
      expect(failingTasks.mock.calls.length).toBeGreaterThan(0);
      expect(failingEmails.mock.calls.length).toBeGreaterThan(0);
      failingTasks.mockRestore();
      failingEmails.mockRestore();
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'The client withdrew the brief.' });
    expect((await rv.chain(s.agency.ae, s.draftId)).reviews[0].status).toBe('cancelled');
    expect(await revisions()).toBe(1);

    // The overdue-milestones job's first step tells the observers; the revision leaves the list.
    expect(await finishPendingReviewEnds()).toBeGreaterThanOrEqual(1);
    expect(await revisions()).toBe(0);
  });

  it('puts a media plan version under review back to draft', async () => {
    const m = await md.mediaSettled();
    const lines = [md.tvLine('2027-03-01', '2027-03-31')];
    const created = await md.planVersion(m.agency.ae, m.campaign.campaignId, {
      kind: 'recommendation',
      lines,
    });
    const planId = created.plan.planId;
    const started = await api('POST', `/media-plans/${planId}/versions/1/reviews`, {
      token: m.agency.ae.token,
      body: {},
    });
    fx.expectStatus(started, 201, 'start the plan review');
    await rv.planStepOpened(m.agency.ae, planId, 1);
    fx.expectStatus(await cancel(m.agency.ae, started.body.reviewId), 200, 'cancel');
    const version = await api('GET', `/media-plans/${planId}/versions/1`, { token: m.agency.ae.token });
    expect(version.body.status).toBe('draft');
  });
});

describe('a media chain whose workflow stops', () => {
  it('is marked on the campaign, the team told; an AE restarts it and it waits where the campaign is', async () => {
    const m = await md.mediaSettled();
    const { campaignId } = m.campaign;
    await stop(md.chainExecutionArn(campaignId));
    let campaign: Json;
    await expect
      .poll(
        async () => {
          campaign = (await api('GET', `/media-campaigns/${campaignId}`, { token: m.agency.ae.token })).body;
          return campaign.chainFailure?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('ABORTED');
    expect(campaign.chainFailure).toMatchObject({ executionName: campaignId, error: 'Operator.Stopped' });
    await expect
      .poll(() => subjectsTo(m.agency.ae.staff.email))
      .toContainEqual(expect.stringContaining('Media chain stopped'));

    const restartChain = (by: fx.Person) =>
      api('POST', `/media-campaigns/${campaignId}/chain/restart`, { token: by.token });
    fx.expectProblem(await restartChain(m.agency.creative), 404); // not on this client's team
    const restarted = await restartChain(m.agency.ae);
    fx.expectStatus(restarted, 200, 'restart the chain');
    expect(restarted.body).toMatchObject({ chainExecution: `${campaignId}-run2`, chainRuns: 2 });
    expect(restarted.body.chainFailure).toBeUndefined();
    fx.expectProblem(await restartChain(m.agency.ae), 409, 'chain_not_failed');
    const arn = md.chainExecutionArn(`${campaignId}-run2`);
    await expect.poll(async () => (await describeExecution(arn)).status).toBe('RUNNING');
  });
});
