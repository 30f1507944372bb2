/**
 * Every task of both workflows, invoked twice with no time passing (a Lambda retry after the side
 * effects happened, a duplicate timeout), changes nothing the second time: the same answer, no
 * second email, no second write. The tasks are called as the state machines call them — the task
 * functions, with the state's entered time as their "now" — on a review and a campaign whose own
 * executions wait meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { handler as mediaChainTask } from '../../functions/workflow/media-chain-tasks.js';
import { type ReviewTaskEvent, handler as reviewTask } from '../../functions/workflow/review-tasks.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { testContext } from '../support/lambda-context.js';
import * as md from '../support/media.js';
import * as rv from '../support/reviews.js';

type Json = fx.Json;

/** A task token as Step Functions would issue it (never used to resume here). */
const fakeToken = 'T'.repeat(128);

async function activityCount(by: fx.Person, clientId: string): Promise<number> {
  return (await fx.listAll(`/clients/${clientId}/activity`, by)).length;
}

async function mailsToAll(addresses: string[]): Promise<string[]> {
  return (await rv.inbox()).filter((m) => m.to.some((t) => addresses.includes(t))).map((m) => m.subject);
}

/**
 * Calls a task twice with the same event: the answers are equal and the second call changes
 * nothing (`state` after each call). Returns the first answer and the state after it.
 */
async function twice<T>(task: () => Promise<T>, state: () => Promise<Json>) {
  const first = await task();
  const afterFirst = await state();
  const second = await task();
  expect(second).toEqual(first);
  expect(await state()).toEqual(afterFirst);
  return { answer: first, state: afterFirst };
}

describe('the review workflow’s tasks, each run twice', () => {
  it('advance, await and every deadline action (reminder, escalation, expiry, end) happen once', async () => {
    const s = await rv.reviewReady();
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    const step = await rv.waitForStep(s.agency.ae, s.draftId, 1);
    const people = [
      ...Object.values(s.agency).map((p) => p.staff.email),
      ...s.contacts.map((c: Json) => c.email),
    ];
    const state = async () => ({
      chain: await rv.chain(s.agency.ae, s.draftId),
      activity: await activityCount(s.agency.ad, s.client.clientId),
      mails: await mailsToAll(people),
    });
    const task = (event: Record<string, unknown>) => () =>
      reviewTask(
        {
          clientId: s.client.clientId,
          reviewId: review.reviewId,
          execution: review.reviewId,
          ...event,
        } as ReviewTaskEvent,
        testContext(),
      );

    // Advance (a retry after the step was opened): the same wait, computed from its entered time.
    const opened = await twice(task({ op: 'advance', enteredTime: step.createdAt }), state);
    expect(opened.answer).toEqual({
      action: 'await',
      stepNo: 1,
      waitSeconds: Math.ceil((Date.parse(step.reminderAt) - Date.parse(step.createdAt)) / 1000),
    });

    // Await: the token is kept again, nobody is asked twice.
    await twice(task({ op: 'await', stepNo: 1, taskToken: fakeToken, enteredTime: step.createdAt }), state);

    // The reminder falls due: the reviewers are reminded once.
    const before = (await state()).mails.length;
    const reminded = await twice(task({ op: 'deadline', stepNo: 1, enteredTime: step.reminderAt }), state);
    expect(reminded.state.mails.length).toBeGreaterThan(before);
    const afterReminder = reminded.state.chain.reviews[0].steps[0];
    expect(afterReminder.remindedAt).toBe(step.reminderAt);
    expect(reminded.answer).toMatchObject({ action: 'await', stepNo: 1 });

    // The deadline falls due: escalated once (to the AD, above the AM), never to an earlier date.
    const escalated = await twice(task({ op: 'deadline', stepNo: 1, enteredTime: step.deadline }), state);
    const atLevel1 = escalated.state.chain.reviews[0].steps[0];
    expect(atLevel1).toMatchObject({ escalationLevel: 1, escalatedTo: [s.agency.ad.staff.staffId] });
    expect(Date.parse(atLevel1.deadline)).toBeGreaterThan(Date.parse(step.deadline));
    expect(escalated.answer).toEqual({
      action: 'await',
      stepNo: 1,
      waitSeconds: Math.ceil((Date.parse(atLevel1.deadline) - Date.parse(step.deadline)) / 1000),
    });
    const overdue = escalated.state.mails.filter((m: string) => m.includes('] Overdue'));
    expect(overdue).toHaveLength(1);

    // Past the last level's deadline: the step expires once, then the review ends once.
    const expired = await twice(task({ op: 'deadline', stepNo: 1, enteredTime: atLevel1.deadline }), state);
    expect(expired.answer).toEqual({ action: 'advance' });
    expect(expired.state.chain.reviews[0].steps[0].status).toBe('expired');
    const ended = await twice(task({ op: 'advance', enteredTime: atLevel1.deadline }), state);
    expect(ended.answer).toEqual({ action: 'end', outcome: 'expired' });
    expect(ended.state.mails.filter((m: string) => m.includes('] Review expired')).length).toBeGreaterThan(0);
  });
});

describe('the media chain’s tasks, each run twice', () => {
  it('await, overdue and open-booking tell the team once and move the campaign once', async () => {
    const m = await md.mediaSettled();
    const { campaignId, clientId } = m.campaign;
    const team = [m.agency.ad, m.agency.am, m.agency.ae].map((p) => p.staff.email);
    const state = async () => ({
      campaign: (await api('GET', `/media-campaigns/${campaignId}`, { token: m.agency.ae.token })).body,
      activity: await activityCount(m.agency.ad, clientId),
      mails: await mailsToAll(team),
    });
    const enteredTime = '2027-02-01T09:00:00.000Z';
    const task = (event: Record<string, unknown>) => () =>
      mediaChainTask(
        { clientId, campaignId, enteredTime, ...event } as Parameters<typeof mediaChainTask>[0],
        testContext(),
      );

    const waiting = await twice(task({ op: 'await', stage: 'master_plan', taskToken: fakeToken }), state);
    expect(waiting.state.campaign.stage).toBe('master_plan');
    expect(waiting.state.mails.filter((s: string) => s.includes('] Next in the media chain'))).toHaveLength(
      3,
    );

    const reminded = await twice(
      task({ op: 'overdue', stage: 'master_plan', waits: 0, maxWaits: 49 }),
      state,
    );
    expect(reminded.answer).toEqual({ action: 'await', waits: 1 });
    expect(reminded.state.mails.filter((s: string) => s.includes('] Still waiting'))).toHaveLength(3);

    const open = await twice(task({ op: 'open-booking' }), state);
    expect(open.state.campaign.stage).toBe('booking');
    expect(open.state.mails.filter((s: string) => s.includes('] Bookings may start'))).toHaveLength(3);

    // After the flight (as of the task's entered time, not the process clock): lapsed, the team
    // told once and the lapse recorded once.
    const lapsed = await twice(
      () =>
        mediaChainTask(
          {
            op: 'overdue',
            stage: 'master_plan',
            clientId,
            campaignId,
            enteredTime: '2027-05-01T00:00:00.000Z',
            waits: 1,
            maxWaits: 49,
          },
          testContext(),
        ),
      state,
    );
    expect(lapsed.answer).toEqual({ action: 'lapsed', waits: 2 });
    expect(lapsed.state.campaign.chainLapsedAt).toEqual(expect.any(String));
    expect(lapsed.state.mails.filter((s: string) => s.includes('] Media chain stopped'))).toHaveLength(3);
  });
});
