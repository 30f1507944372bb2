/**
 * Fixtures of the sign-off engine: a client ready for a review (team, creative approvers, a job,
 * an uploaded draft), the local inbox, the approval links in its emails, and fast-forwarding
 * one review's deadlines on the local Step Functions clock.
 */
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { expect, inject } from 'vitest';
import { api, inboxUrl } from './api.js';
import * as fx from './fixtures.js';
import { png } from './media-samples.js';

type Json = fx.Json;

export interface ReviewSetup {
  agency: fx.Agency;
  client: Json;
  contacts: Json[];
  jobId: string;
  draftId: string;
}

/** An agency, a client whose team is AD, AM, AE and a creative, `approvers` creative approvers, a job and an empty draft. */
export async function reviewReady(
  options: { approvers?: number; kind?: string; agency?: fx.Agency } = {},
): Promise<ReviewSetup> {
  const agency = options.agency ?? (await fx.buildAgency());
  const { ad, am, ae, creative } = agency;
  const { client, brand, contact } = await fx.readyClient(ad, [ad, am, ae, creative]);
  const contacts = [contact];
  for (let i = 1; i < (options.approvers ?? 1); i++)
    contacts.push(await fx.createContact(ad, client.clientId));
  const job = await fx.openJob(ae, client.clientId, brand.brandId);
  const draft = await fx.createDraft(ae, job.jobId, options.kind ? { kind: options.kind } : {});
  await uploadVersion(agency.ae, draft.draft.draftId, draft, png(1080, 1920));
  return { agency, client, contacts, jobId: job.jobId, draftId: draft.draft.draftId };
}

/** Uploads the file of a requested version and completes it (as the S3 event would record it). */
export async function uploadVersion(by: fx.Person, draftId: string, requested: Json, bytes: Uint8Array) {
  await fx.uploadFile(requested.upload, bytes, 'image/png');
  const done = await api('POST', `/drafts/${draftId}/versions/${requested.version.number}/complete`, {
    token: by.token,
  });
  fx.expectStatus(done, 200, 'complete upload');
  return done.body;
}

/** Requests the next version of a draft and uploads `bytes` as it. */
export async function nextVersion(by: fx.Person, draftId: string, bytes: Uint8Array) {
  const res = await api('POST', `/drafts/${draftId}/versions`, { token: by.token });
  fx.expectStatus(res, 201, 'POST /drafts/{draftId}/versions');
  return uploadVersion(by, draftId, res.body, bytes);
}

export async function startReview(by: fx.Person, draftId: string, n: number, body: Json = {}) {
  const res = await api('POST', `/drafts/${draftId}/versions/${n}/reviews`, { token: by.token, body });
  fx.expectStatus(res, 201, 'POST /drafts/{draftId}/versions/{n}/reviews');
  return res.body;
}

export async function chain(by: fx.Person, draftId: string): Promise<Json> {
  const res = await api('GET', `/drafts/${draftId}/approvals`, { token: by.token });
  fx.expectStatus(res, 200, 'GET /drafts/{draftId}/approvals');
  return res.body;
}

/** The review's steps, as `by` sees them. */
export async function steps(by: fx.Person, draftId: string): Promise<Json[]> {
  return (await chain(by, draftId)).reviews.at(-1)?.steps ?? [];
}

/** Waits until the last review of the draft has a step `n` in `status` (the workflow runs asynchronously). */
export async function waitForStep(by: fx.Person, draftId: string, stepNo: number, status = 'pending') {
  let last: Json;
  await expect
    .poll(
      async () => {
        last = (await steps(by, draftId)).find((s: Json) => s.stepNo === stepNo);
        return last ? `${last.stage}:${last.status}:${last.notifiedAt ? 'notified' : '-'}` : 'none';
      },
      { timeout: 15_000, interval: 50 },
    )
    .toMatch(new RegExp(`:${status}:${status === 'pending' ? 'notified' : ''}`));
  return last;
}

/**
 * `waitForStep` for hooks (`beforeAll`), where `expect.poll` may not run: polls until the last
 * review of the draft has step `stepNo` pending and notified (the workflow then waits and
 * writes nothing more until a decision or a deadline); throws after `timeoutMs`.
 */
export async function stepOpened(by: fx.Person, draftId: string, stepNo: number, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let seen = 'none';
  while (Date.now() < until) {
    const step = (await steps(by, draftId)).find((s: Json) => s.stepNo === stepNo);
    if (step?.status === 'pending' && step.notifiedAt) return step;
    seen = step ? `${step.stage}:${step.status}:${step.notifiedAt ? 'notified' : '-'}` : 'none';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Step ${stepNo} of the review of ${draftId} was not opened in ${timeoutMs} ms (${seen}).`);
}

export async function waitForReview(by: fx.Person, draftId: string, status: string): Promise<Json> {
  let review: Json;
  await expect
    .poll(
      async () => {
        review = (await chain(by, draftId)).reviews.at(-1);
        return review?.status;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe(status);
  return review;
}

/** The caller's pending approval for a draft. */
export async function pendingApproval(by: fx.Person, draftId: string): Promise<Json> {
  const mine = await fx.listAll('/approvals?assignee=me&status=pending', by);
  const found = mine.find((a: Json) => a.draftId === draftId);
  expect(found, 'a pending approval').toBeDefined();
  return found;
}

export async function decide(by: fx.Person, approvalId: string, decision: string, comment?: string) {
  return api('POST', `/approvals/${approvalId}/decision`, {
    token: by.token,
    body: { decision, ...(comment ? { comment } : {}) },
  });
}

// The local inbox.

export interface Mail {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export async function inbox(): Promise<Mail[]> {
  const res = await fetch(new URL('store', inboxUrl()));
  const body = (await res.json()) as { emails: Json[] };
  return body.emails.map((e) => ({
    to: [e.destination?.to ?? []].flat(),
    subject: e.subject,
    html: e.body?.html ?? '',
    text: e.body?.text ?? '',
  }));
}

/** The mails to `address`, oldest first. */
export async function mailsTo(address: string): Promise<Mail[]> {
  return (await inbox()).filter((m) => m.to.includes(address));
}

export const approvalLinkPattern = /https?:\/\/[^\s"<>]+\/approve\/[A-Za-z0-9_-]{43}/g;

/** Waits for the `count`-th approval link sent to `address`; returns it. */
export async function approvalLink(address: string, count = 1): Promise<string> {
  let links: string[] = [];
  await expect
    .poll(
      async () => {
        links = (await mailsTo(address)).flatMap((m) => m.text.match(approvalLinkPattern) ?? []);
        return links.length;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBeGreaterThanOrEqual(count);
  return links[count - 1]!;
}

/** The local Step Functions execution of a review (named after the review id). */
export async function executionArnOf(reviewId: string): Promise<string> {
  const env = inject('env');
  const sfn = new SFNClient({ endpoint: env.AWS_ENDPOINT_URL_SFN });
  const out = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: env.REVIEW_STATE_MACHINE_ARN, maxResults: 1000 }),
  );
  const arn = out.executions?.find((e) => e.name === reviewId)?.executionArn;
  expect(arn, `execution of review ${reviewId}`).toBeDefined();
  return arn!;
}

/**
 * Fast-forwards one execution to its next Step Functions deadline (the next reminder or
 * deadline) and fires it, leaving every other test's executions alone. With `ms`, moves that
 * execution's clock by `ms` instead (calls add up).
 */
export async function fireDeadlines(executionArn: string, ms?: number): Promise<number> {
  const res = await fetch(`${inject('env').AWS_ENDPOINT_URL_SFN}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ms === undefined ? { executionArn, next: true } : { advanceMs: ms, executionArn }),
  });
  expect(res.status).toBeLessThan(300);
  return ((await res.json()) as { fired: number }).fired;
}

/** The link's page: status, HTML, and the form's hidden fields. */
export async function openLink(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const html = await res.text();
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  return { status: res.status, html, hidden };
}

/** Posts the page's form as a browser on the page would (same origin). */
export async function submitLink(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

// Media plans: the same engine, the plan's chain.

/** Every review of a media plan with its steps, approvals, evidence and page views. */
export async function planChain(by: fx.Person, planId: string): Promise<Json> {
  const res = await api('GET', `/media-plans/${planId}/approvals`, { token: by.token });
  fx.expectStatus(res, 200, 'GET /media-plans/{planId}/approvals');
  return res.body;
}

/**
 * `stepOpened` for a media plan (usable in hooks): polls until the plan's last review has step
 * `stepNo` pending and notified — the workflow then writes nothing until a decision or a
 * deadline; throws after `timeoutMs`.
 */
export async function planStepOpened(by: fx.Person, planId: string, stepNo: number, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let seen = 'none';
  while (Date.now() < until) {
    const step = ((await planChain(by, planId)).reviews.at(-1)?.steps ?? []).find(
      (s: Json) => s.stepNo === stepNo,
    );
    if (step?.status === 'pending' && step.notifiedAt) return step;
    seen = step ? `${step.stage}:${step.status}:${step.notifiedAt ? 'notified' : '-'}` : 'none';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `Step ${stepNo} of the review of plan ${planId} was not opened in ${timeoutMs} ms (${seen}).`,
  );
}

/** Polls until the plan's last review has `status` (its workflow has written its end); throws after `timeoutMs`. */
export async function planReviewEnded(by: fx.Person, planId: string, status: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let seen = 'none';
  while (Date.now() < until) {
    const review = (await planChain(by, planId)).reviews.at(-1);
    if (review?.status === status) return review;
    seen = review?.status ?? 'none';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The review of plan ${planId} did not reach ${status} in ${timeoutMs} ms (${seen}).`);
}

/**
 * v1 through internal review (the AM and, first time to the client, the AD approve) to the
 * client, who asks for changes through the emailed link; returns the review, that link and the
 * revision step the review then waits in.
 */
export async function clientAsksForChanges(s: ReviewSetup, comment?: string) {
  const review = await startReview(s.agency.ae, s.draftId, 1);
  await waitForStep(s.agency.ae, s.draftId, 1);
  for (const who of [s.agency.am, s.agency.ad]) {
    fx.expectStatus(await decide(who, (await pendingApproval(who, s.draftId)).approvalId, 'approve'), 200);
  }
  await waitForStep(s.agency.ae, s.draftId, 2);
  const link = await approvalLink(s.contacts[0]!.email);
  const page = await openLink(link);
  const answer = await submitLink(link, {
    ...page.hidden,
    decision: 'request_changes',
    ...(comment ? { comment } : {}),
  });
  expect(answer.status).toBe(200);
  const revision = await waitForStep(s.agency.ae, s.draftId, 3);
  return { review, link, revision };
}

/** The client's changes on `who`'s My work: their tasks of kind revision for this review. */
export async function revisionTasks(who: fx.Person, reviewId: string): Promise<Json[]> {
  const { body } = await api('GET', '/me/tasks', { token: who.token });
  return (body.items as Json[]).filter((t) => t.kind === 'revision' && t.sourceId === reviewId);
}
