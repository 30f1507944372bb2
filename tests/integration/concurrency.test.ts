/**
 * Races against the real handlers and DynamoDB Local: parallel job openings get
 * consecutive numbers, optimistic locking lets exactly one of two same-version updates
 * through (and audits only that one), unique client codes hold under parallel creates,
 * and an Idempotency-Key makes parallel retries create exactly one resource — with whatever
 * it sets off (a review's workflow, a campaign's media chain) once.
 */
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAreas } from '../../functions/areas.js';
import { type ApiResponse, api, uniqueEmail } from '../support/api.js';
import * as billing from '../support/billing.js';
import * as cost from '../support/cost.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';

const estimateLines = [
  {
    category: 'production',
    description: 'Studio shoot',
    quantity: 1,
    unitCost: fx.usd(1_000),
    markupPercent: 10,
  },
];

let agency: fx.Agency;
let h: fx.Person;
let line: fx.AccountLine;

const describeAll = (responses: ApiResponse<fx.Json>[]) =>
  responses.map((r) => `${r.status} ${r.body?.code ?? r.body?.jobNumber ?? ''}`).join(', ');

/** Every event of a client's activity, newest first. */
async function activity(clientId: string): Promise<fx.Json[]> {
  const events: fx.Json[] = [];
  let nextToken: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '100', ...(nextToken ? { nextToken } : {}) });
    const res = await api('GET', `/clients/${clientId}/activity?${q}`, { token: h.token });
    expect(res.status).toBe(200);
    events.push(...res.body.items);
    nextToken = res.body.nextToken;
  } while (nextToken);
  return events;
}

/** The media chain executions started since `since` for a client's campaigns: name and status. */
async function chainExecutionsOf(clientId: string, since: Date): Promise<string[]> {
  const env = inject('env');
  const sfn = new SFNClient({ endpoint: env.AWS_ENDPOINT_URL_SFN });
  const found: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: env.MEDIA_CHAIN_STATE_MACHINE_ARN,
        maxResults: 1000,
        nextToken,
      }),
    );
    for (const listed of page.executions ?? []) {
      if (!listed.startDate || listed.startDate < since) continue;
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: listed.executionArn }));
      if (JSON.parse(execution.input ?? '{}').clientId === clientId)
        found.push(`${execution.name} ${execution.status}`);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

/** Polls a subject's approval chain until its last review's first step is pending and notified (the workflow then waits). */
async function stepOpenedAt(chainPath: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const chain = await api('GET', chainPath, { token: h.token });
    const step = chain.body.reviews?.at(-1)?.steps?.find((st: fx.Json) => st.stepNo === 1);
    if (step?.status === 'pending' && step.notifiedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The first step of ${chainPath} was not opened in ${timeoutMs} ms.`);
}

beforeAll(async () => {
  agency = await fx.buildAgency();
  const { head, ad, am, ae } = agency;
  h = head;
  line = { ad, am, ae };
});

describe('concurrency', () => {
  it('20 parallel POST /jobs for a fresh client get 20 consecutive numbers', {
    timeout: 60_000,
  }, async () => {
    const { client, brand } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api('POST', '/jobs', {
          token: line.ae.token,
          body: {
            clientId: client.clientId,
            brandId: brand.brandId,
            title: `Parallel job ${i}`,
            type: 'creative',
          },
        }),
      ),
    );
    expect(
      responses.map((r) => r.status),
      describeAll(responses),
    ).toEqual(Array(20).fill(201));
    const year = new Date().getUTCFullYear();
    const numbers = responses.map((r) => r.body.jobNumber as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `${client.code}-${year}-${String(i + 1).padStart(4, '0')}`),
    );
    expect(new Set(responses.map((r) => r.body.jobId)).size).toBe(20);
    // The stored list agrees: exactly 20 jobs, the same numbers.
    const list = await api('GET', `/jobs?clientId=${client.clientId}&limit=100`, { token: h.token });
    expect(list.body.items.map((j: fx.Json) => j.jobNumber).sort()).toEqual(numbers);
    const opened = (await activity(client.clientId)).filter((e) => e.action === 'job.opened');
    expect(opened).toHaveLength(20);
  });

  it('two PATCH /jobs/{id} with the same If-Match: one 200, one 409, one audit event', async () => {
    const { client, brand } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
    const job = (
      await api('POST', '/jobs', {
        token: line.ae.token,
        body: { clientId: client.clientId, brandId: brand.brandId, title: 'Contended', type: 'media' },
      })
    ).body;
    const responses = await Promise.all(
      ['Title from Alice', 'Title from Bob'].map((title) =>
        api('PATCH', `/jobs/${job.jobId}`, {
          token: line.ae.token,
          body: { title },
          headers: { 'if-match': `"${job.version}"` },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort(), describeAll(responses)).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200) as ApiResponse<fx.Json>;
    const loser = responses.find((r) => r.status === 409) as ApiResponse<fx.Json>;
    expect(loser.body.code).toBe('version_conflict');
    const stored = (await api('GET', `/jobs/${job.jobId}`, { token: h.token })).body;
    expect(stored.version).toBe(job.version + 1);
    expect(stored.title).toBe(winner.body.title);
    const events = (await activity(client.clientId)).filter(
      (e) => e.entityId === job.jobId && e.action !== 'job.opened',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ beforeVersion: job.version, afterVersion: job.version + 1 });
    expect(events[0].changes.title.to).toBe(winner.body.title);
  });

  it('two PATCH /clients/{id} with the same If-Match: one 200, one 409, one audit event', async () => {
    const { client } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
    const current = (await api('GET', `/clients/${client.clientId}`, { token: h.token })).body;
    const eventsBefore = (await activity(client.clientId)).filter((e) => e.entityType === 'client').length;
    const responses = await Promise.all(
      (['active', 'dormant'] as const).map((status) =>
        api('PATCH', `/clients/${client.clientId}`, {
          token: line.ae.token,
          body: { status, industry: `Industry ${status}` },
          headers: { 'if-match': `"${current.version}"` },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort(), describeAll(responses)).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200) as ApiResponse<fx.Json>;
    expect(responses.find((r) => r.status === 409)?.body.code).toBe('version_conflict');
    const stored = (await api('GET', `/clients/${client.clientId}`, { token: h.token })).body;
    expect(stored).toMatchObject({ version: current.version + 1, status: winner.body.status });
    const events = (await activity(client.clientId)).filter((e) => e.entityType === 'client');
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events[0]).toMatchObject({
      action: 'client.status_changed',
      beforeVersion: current.version,
      afterVersion: current.version + 1,
    });
    expect(events[0].changes.status.to).toBe(winner.body.status);
  });

  it('an account manager’s work report: two edits of one version, one 200 and one 409; five sends, one email to the director', async () => {
    const fresh = await fx.accountLine(h, agency.gad, 'race');
    const at = `/staff/${fresh.am.staff.staffId}/work-reports/2026-10`;
    const draft = await api('POST', `/staff/${fresh.am.staff.staffId}/work-reports`, {
      token: fresh.am.token,
      body: { month: '2026-10' },
    });
    fx.expectStatus(draft, 200, 'POST work-reports');
    const edits = await Promise.all(
      ['From the first tab.', 'From the second tab.'].map((summary) =>
        api('PATCH', at, {
          token: fresh.am.token,
          body: { summary },
          headers: { 'if-match': `"${draft.body.version}"` },
        }),
      ),
    );
    expect(edits.map((r) => r.status).sort(), describeAll(edits)).toEqual([200, 409]);
    const edited = edits.find((r) => r.status === 200) as ApiResponse<fx.Json>;
    const sends = await Promise.all(
      Array.from({ length: 5 }, () =>
        api('POST', `${at}/send`, {
          token: fresh.am.token,
          headers: { 'if-match': `"${edited.body.version}"` },
        }),
      ),
    );
    expect(sends.map((r) => r.status).sort(), describeAll(sends)).toEqual([200, 409, 409, 409, 409]);
    const stored = (await api('GET', at, { token: fresh.ad.token })).body;
    // Sent under the edited version, then its one email recorded (which raises the version again).
    expect(stored).toMatchObject({
      status: 'sent',
      summary: edited.body.summary,
      version: edited.body.version + 2,
      sendings: [{ sentAt: expect.any(String), to: fresh.ad.staff.email, sentBy: fresh.am.staff.staffId }],
    });
    const mails = (await rv.inbox()).filter(
      (m) => m.to.includes(fresh.ad.staff.email) && m.subject.includes(fresh.am.staff.name),
    );
    expect(mails).toHaveLength(1);
  });

  it('10 parallel POST /clients with the same code: one 201, nine 409', async () => {
    const code = fx.clientCode();
    const before = await fx.countItems();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api('POST', '/clients', {
          token: line.ad.token,
          body: { name: fx.uniqueName(`Same code ${i}`), code, industry: 'Retail' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses, describeAll(responses)).toEqual([201, ...Array(9).fill(409)]);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.code).toBe('duplicate_code');
    const all = await api('GET', '/clients?limit=100', { token: line.ad.token });
    expect(all.body.items.filter((c: fx.Json) => c.code === code)).toHaveLength(1);
    // One client: the client, its code marker, the founder's team and membership, one audit event.
    expect(await fx.countItems()).toBe(before + 5);
  });

  it('10 parallel identical POST /clients with one Idempotency-Key: ten 201, one body, one client (5 rounds)', async () => {
    // The race is timing-dependent: five rounds, each with its own key and code.
    for (let round = 1; round <= 5; round++) {
      const key = `race-${crypto.randomUUID()}`;
      const body = { name: fx.uniqueName('Idempotent'), code: fx.clientCode(), industry: 'Media' };
      const before = await fx.countItems();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          api('POST', '/clients', { token: line.ad.token, body, headers: { 'idempotency-key': key } }),
        ),
      );
      // Exactly one client (the client's five items and the idempotency record) ...
      const all = await api('GET', '/clients?limit=100', { token: line.ad.token });
      expect(all.body.items.filter((c: fx.Json) => c.code === body.code)).toHaveLength(1);
      expect(await fx.countItems()).toBe(before + 6);
      // ... and every caller gets it, as the same body (a replay may order its keys differently).
      expect(
        responses.map((r) => r.status),
        `round ${round}: ${describeAll(responses)}`,
      ).toEqual(Array(10).fill(201));
      for (const r of responses) expect(r.body).toEqual(responses[0]?.body);
    }
  });

  it('10 parallel identical POST /jobs with one Idempotency-Key: ten 201, one body, one job', async () => {
    const { client, brand } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
    const key = `race-${crypto.randomUUID()}`;
    const body = { clientId: client.clientId, brandId: brand.brandId, title: 'Once only', type: 'event' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api('POST', '/jobs', { token: line.ae.token, body, headers: { 'idempotency-key': key } }),
      ),
    );
    expect(
      responses.map((r) => r.status),
      describeAll(responses),
    ).toEqual(Array(10).fill(201));
    const list = await api('GET', `/jobs?clientId=${client.clientId}&limit=100`, { token: h.token });
    const stored = list.body.items.map((j: fx.Json) => `${j.jobNumber} ${j.jobId}`);
    const returned = responses.map(
      (r) => `${r.body.jobNumber} ${r.body.jobId} replayed=${r.headers.get('idempotent-replayed')}`,
    );
    expect(stored, `stored: ${stored.join('; ')} | returned: ${returned.join('; ')}`).toHaveLength(1);
    for (const r of responses) expect(r.body).toEqual(responses[0]?.body);
    expect(list.body.items[0].jobNumber).toBe(`${client.code}-${new Date().getUTCFullYear()}-0001`);
  });
  /** Every other idempotent create of the API, with a valid body and the list that shows it. */
  const otherCreates = apiAreas
    .flatMap((a) => a.routes)
    .filter((r) => r.idempotent && r.operationId !== 'createClient' && r.operationId !== 'openJob');

  it.each(otherCreates.map((r) => [`${r.method} ${r.path}`, r.operationId] as const))(
    '10 parallel identical %s with one Idempotency-Key: ten 201, one body, one resource',
    async (_, operationId) => {
      const { client, brand } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
      const name = fx.uniqueName('Once');
      interface Case {
        path: string;
        body: unknown;
        /** Where the one resource is listed (or, where nothing lists it, read: a path from the first answer). */
        list: string | ((first: fx.Json) => string);
        id: string;
        /** The field of a listed item that holds `name`. */
        named?: string;
        /** The listed items of the list's body (default: its `items`). */
        listed?: (body: fx.Json) => fx.Json[];
        /** Which listed item is the one resource (default: the one whose `named` field holds `name`). */
        one?: (item: fx.Json) => boolean;
        /** What every caller must get alike (default: the whole body). */
        alike?: (body: fx.Json) => unknown;
        /**
         * Waits until what the resource sets off asynchronously has settled (a review's
         * workflow), so the table holds all of its items when they are counted.
         */
        settled?: (body: fx.Json) => Promise<void>;
        /** Items the one resource adds to the table, its idempotency record included. */
        items?: number;
        /** Further checks of the one resource, given what every caller got. */
        check?: (body: fx.Json) => Promise<void>;
      }
      const job = async () => (await fx.openJob(line.ae, client.clientId, brand.brandId)).jobId as string;
      const cases: Record<string, () => Promise<Case>> = {
        createStaff: async () => ({
          path: '/staff',
          body: {
            email: uniqueEmail('once'),
            name,
            role: 'account_executive',
            reportsTo: line.am.staff.staffId,
          },
          list: `/staff?reportsTo=${line.am.staff.staffId}&limit=100`,
          id: 'staffId',
        }),
        createContact: async () => ({
          path: `/clients/${client.clientId}/contacts`,
          body: { name, email: uniqueEmail('once'), level: 'middle', approves: ['minutes'] },
          list: `/clients/${client.clientId}/contacts?limit=100`,
          id: 'contactId',
        }),
        createContactReport: async () => {
          const contact = await api('POST', `/clients/${client.clientId}/contacts`, {
            token: h.token,
            body: {
              name: fx.uniqueName('Attendee'),
              email: uniqueEmail('attendee'),
              level: 'middle',
              approves: [],
            },
          });
          fx.expectStatus(contact, 201, 'POST contacts');
          return {
            path: `/clients/${client.clientId}/contact-reports`,
            body: {
              meetingAt: '2026-11-02T10:00:00Z',
              subject: name,
              agencyAttendees: [],
              clientAttendees: [contact.body.contactId],
            },
            list: `/clients/${client.clientId}/contact-reports?limit=100`,
            id: 'reportId',
            named: 'subject',
            listed: (body) => body.items.map((r: fx.Json) => ({ ...r, subject: r.draft.subject })),
          };
        },
        createBrand: async () => ({
          path: `/clients/${client.clientId}/brands`,
          body: { name },
          list: `/clients/${client.clientId}/brands?limit=100`,
          id: 'brandId',
        }),
        createDraft: async () => {
          const jobId = await job();
          return {
            path: `/jobs/${jobId}/drafts`,
            body: {
              title: name,
              kind: 'artwork',
              specs: fx.artworkSpecs,
              file: { name: 'once.png', contentType: 'image/png' },
            },
            list: `/jobs/${jobId}/drafts?limit=100`,
            id: 'draftId',
            named: 'title',
            // The draft, its version 1, one audit event and the idempotency record.
            items: 4,
            check: async (body) => {
              const draft = await api('GET', `/drafts/${body.draft.draftId}`, { token: h.token });
              fx.expectStatus(draft, 200, 'GET /drafts/{draftId}');
              expect(draft.body).toMatchObject({ title: name, latestVersion: 1 });
              expect(draft.body.versions.map((v: fx.Json) => v.number)).toEqual([1]);
            },
          };
        },
        createDraftVersion: async () => {
          const { draft } = await fx.createDraft(h, await job(), { title: name });
          const read = () => api('GET', `/drafts/${draft.draftId}`, { token: h.token });
          const before = (await read()).body;
          expect(before.latestVersion).toBe(1);
          return {
            path: `/drafts/${draft.draftId}/versions`,
            body: { file: { name: 'once-next.png', contentType: 'image/png' } },
            list: `/jobs/${draft.jobId}/drafts?limit=100`,
            id: 'draftId',
            named: 'title',
            // The new version, one audit event and the idempotency record (the draft is updated in place).
            items: 3,
            check: async (body) => {
              // latestVersion advances by exactly one, and every caller got that version.
              expect(body.version.number).toBe(before.latestVersion + 1);
              expect(body.draft.latestVersion).toBe(before.latestVersion + 1);
              const after = await read();
              fx.expectStatus(after, 200, 'GET /drafts/{draftId}');
              expect(after.body.latestVersion).toBe(before.latestVersion + 1);
              expect(after.body.versions.map((v: fx.Json) => v.number)).toEqual([1, 2]);
              expect(after.body.versions[1]).toMatchObject({
                status: 'awaiting_upload',
                fileName: 'once-next.png',
                objectKey: body.version.objectKey,
              });
            },
          };
        },
        startReview: async () => {
          // A draft whose version 1 is uploaded and recorded; the client's team has an AM and
          // an AD, and its contact approves creative.
          const requested = await fx.createDraft(h, await job(), { title: name });
          const draftId = requested.draft.draftId as string;
          await rv.uploadVersion(h, draftId, requested, png(1080, 1920));
          return {
            path: `/drafts/${draftId}/versions/1/reviews`,
            body: { approvalMode: 'any', message: name },
            list: `/drafts/${draftId}/approvals`,
            listed: (chain) => chain.reviews,
            id: 'reviewId',
            named: 'message',
            settled: async (review) => {
              await rv.waitForStep(h, review.draftId, 1);
            },
            // The review, its active-review marker, one audit event and the idempotency record;
            // then its workflow's first step: the step, the AM's and the AD's approval requests,
            // one audit event and the waiting task's token.
            items: 4 + 5,
            check: async (review) => {
              expect(review).toMatchObject({
                draftId,
                status: 'in_review',
                currentVersion: 1,
                message: name,
              });
              const chain = await rv.chain(h, draftId);
              expect(chain.reviews.map((r: fx.Json) => r.reviewId)).toEqual([review.reviewId]);
              const [only] = chain.reviews;
              // One workflow: one first step, one approval request per internal reviewer.
              expect(only.steps.map((st: fx.Json) => `${st.stepNo}:${st.stage}:${st.status}`)).toEqual([
                '1:internal:pending',
              ]);
              expect(only.approvals.map((a: fx.Json) => a.assignee.staffId).sort()).toEqual(
                [line.am.staff.staffId, line.ad.staff.staffId].sort(),
              );
              const started = (await activity(client.clientId)).filter((e) => e.action === 'review.started');
              expect(started.map((e) => e.entityId)).toEqual([review.reviewId]);
              // The one review holds the draft: another start is refused while it runs.
              const again = await api('POST', `/drafts/${draftId}/versions/1/reviews`, {
                token: h.token,
                body: { message: name },
              });
              fx.expectProblem(again, 409, 'review_in_progress');
            },
          };
        },
        startPlanReview: async () => {
          // A campaign (its chain parked) with version 1 of its recommendation; the team has an
          // AD (the plan's internal approver) and the client a contact approving media.
          const s = await md.mediaSettled(agency);
          const { plan } = await md.planVersion(s.agency.ae, s.campaign.campaignId, {
            kind: 'recommendation',
            lines: [md.tvLine('2027-03-01', '2027-04-30')],
          });
          const planId = plan.planId as string;
          return {
            path: `/media-plans/${planId}/versions/1/reviews`,
            body: { approvalMode: 'any', message: name },
            list: `/media-plans/${planId}/approvals`,
            listed: (chain) => chain.reviews,
            id: 'reviewId',
            named: 'message',
            settled: async (review) => {
              await rv.planStepOpened(h, review.planId, 1);
            },
            // The review, its active-review marker, one audit event and the idempotency record;
            // then its workflow's first step: the step, the AD's approval request, one audit
            // event and the waiting task's token (the version turns in_review in place).
            items: 4 + 4,
            check: async (review) => {
              expect(review).toMatchObject({
                subjectType: 'media_plan',
                subjectId: planId,
                planId,
                campaignId: s.campaign.campaignId,
                status: 'in_review',
                currentVersion: 1,
                clientApproverIds: [s.contact.contactId],
                message: name,
              });
              const chain = await rv.planChain(h, planId);
              expect(chain.reviews.map((r: fx.Json) => r.reviewId)).toEqual([review.reviewId]);
              const [only] = chain.reviews;
              expect(only.steps.map((st: fx.Json) => `${st.stepNo}:${st.stage}:${st.status}`)).toEqual([
                '1:internal:pending',
              ]);
              expect(only.approvals.map((a: fx.Json) => a.assignee.staffId)).toEqual([
                s.agency.ad.staff.staffId,
              ]);
              const version = await api('GET', `/media-plans/${planId}/versions/1`, { token: h.token });
              expect(version.body.status).toBe('in_review');
              const started = (await activity(s.campaign.clientId)).filter(
                (e) => e.action === 'review.started',
              );
              expect(started.map((e) => e.entityId)).toEqual([review.reviewId]);
              const again = await api('POST', `/media-plans/${planId}/versions/1/reviews`, {
                token: h.token,
                body: { message: name },
              });
              fx.expectProblem(again, 409, 'review_in_progress');
            },
          };
        },
        createMediaCampaign: async () => {
          const jobId = await job();
          const since = new Date();
          return {
            path: `/jobs/${jobId}/media-campaigns`,
            body: {
              name,
              flightStart: '2027-03-01',
              flightEnd: '2027-04-30',
              budget: fx.usd(500_000),
              kpis: [{ metric: 'impressions', target: 20_000_000 }],
              brief: md.brief,
            },
            list: `/jobs/${jobId}/media-campaigns?limit=100`,
            id: 'campaignId',
            // The campaign's media chain keeps its first token, then waits.
            settled: async (campaign) => {
              expect(await md.chainParked(campaign.campaignId)).toBe('AwaitRecommendation');
            },
            // The campaign, its brief's version 1, one audit event and the idempotency record;
            // then its media chain's token for the recommendation.
            items: 4 + 1,
            check: async (campaign) => {
              expect(campaign).toMatchObject({ jobId, name, briefVersion: 1, stage: 'recommendation' });
              const briefs = await api('GET', `/media-campaigns/${campaign.campaignId}/brief/versions`, {
                token: h.token,
              });
              expect(briefs.body.items.map((b: fx.Json) => b.number)).toEqual([1]);
              // One media chain runs, the campaign's: a caller whose campaign lost stopped its own.
              const executions = await chainExecutionsOf(client.clientId, since);
              expect(executions.filter((e) => e.endsWith(' RUNNING'))).toEqual([
                `${campaign.campaignId} RUNNING`,
              ]);
              for (const e of executions) expect(e, executions.join('; ')).toMatch(/ (RUNNING|ABORTED)$/);
              console.log(
                `media campaign race: ${executions.length} media chain(s) started, 1 running (${campaign.campaignId}), the others stopped`,
              );
              const created = (await activity(client.clientId)).filter(
                (e) => e.action === 'media_campaign.created',
              );
              expect(created.map((e) => e.entityId)).toEqual([campaign.campaignId]);
            },
          };
        },
        createMediaPlanVersion: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          return {
            path: `/media-campaigns/${campaignId}/plans`,
            body: {
              kind: 'recommendation',
              lines: [md.tvLine('2027-03-01', '2027-03-31'), md.onlineLine('2027-03-01', '2027-04-30')],
              notes: name,
            },
            list: `/media-campaigns/${campaignId}/plans?limit=100`,
            id: 'planId',
            one: (plan) => plan.kind === 'recommendation',
            // The plan, its slot marker, its version 1, one audit event and the idempotency record.
            items: 5,
            check: async (body) => {
              expect(body).toMatchObject({
                plan: { kind: 'recommendation', latestVersion: 1 },
                version: { number: 1, status: 'draft', notes: name, totalCost: fx.usd(85000) },
              });
              const plan = await api('GET', `/media-plans/${body.plan.planId}`, { token: h.token });
              fx.expectStatus(plan, 200, 'GET /media-plans/{planId}');
              expect(plan.body.versions.map((v: fx.Json) => `${v.number}:${v.notes}`)).toEqual([`1:${name}`]);
              expect(plan.body.versions[0].document).toEqual(body.version.document);
            },
          };
        },
        requestWrittenConfirmation: async () => {
          // A recommendation at its client step (the AD approved it internally).
          const s = await md.mediaSettled(agency);
          const { plan } = await md.planVersion(s.agency.ae, s.campaign.campaignId, {
            kind: 'recommendation',
            lines: [md.tvLine('2027-03-01', '2027-04-30')],
          });
          const planId = plan.planId as string;
          await md.planAtClientStep(s, planId, 1);
          const fileName = `${name}.pdf`;
          return {
            path: `/media-plans/${planId}/versions/1/written-confirmations`,
            body: {
              contactId: s.contact.contactId,
              file: { name: fileName, contentType: 'application/pdf' },
            },
            // No list of a version's uploads: the one upload is read back by the id every caller got.
            list: (first) => `/media-plans/${planId}/versions/1/written-confirmations/${first.uploadId}`,
            listed: (upload) => [upload],
            id: 'uploadId',
            one: (upload) => upload.fileName === fileName,
            // Replays answer the same upload with a freshly presigned URL.
            alike: ({ upload: _u, ...rest }: fx.Json) => rest,
            // The confirmation's upload record and the idempotency record.
            items: 2,
          };
        },
        createBooking: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          const schedule = await md.confirmedSchedule(s);
          const body = {
            planId: schedule.plan.planId,
            version: 1,
            lineIds: ['L001'],
            vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
            notes: name,
          };
          return {
            path: `/media-campaigns/${campaignId}/bookings`,
            body,
            list: `/media-campaigns/${campaignId}/bookings`,
            id: 'bookingId',
            named: 'notes',
            // Replays answer the booking as it is now: the winner's insertion order may still be on its way.
            alike: ({ version: _v, updatedAt: _u, insertionOrderSentAt: _s, ...booking }: fx.Json) => booking,
            // The booking, its line's booked-line marker, one audit event and the idempotency record;
            // then the insertion order emailed once: two document links (vendor, buyer) and its audit event.
            items: 4 + 3,
            check: async (booking) => {
              expect(booking).toMatchObject({
                vendor: 'Star TV',
                planId: schedule.plan.planId,
                planVersion: 1,
                lines: [{ lineId: 'L001' }],
                totalCost: fx.usd(60000),
                status: 'requested',
              });
              // The line is booked once: another booking of it is refused.
              const again = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
                token: h.token,
                body: { ...body, notes: 'Again' },
              });
              fx.expectProblem(again, 409, 'line_already_booked');
            },
          };
        },
        generatePostCampaignReport: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          return {
            path: `/media-campaigns/${campaignId}/post-campaign-report`,
            body: undefined,
            list: `/media-campaigns/${campaignId}/reports?limit=100`,
            id: 'reportId',
            one: () => true,
            // Each answer carries its own freshly presigned links (a replay's are new): the report is alike.
            alike: ({ links: _links, ...report }) => report,
            // The report, one audit event and the idempotency record (an interim report leaves the campaign as it is);
            // the campaign's generation lease and the caller's rate counter (the others joined the one generation).
            items: 3 + 2,
            check: async (report) => {
              expect(report).toMatchObject({
                campaignId,
                trigger: 'on_demand',
                final: false,
                generatedBy: h.staff.staffId,
                links: { html: expect.stringContaining(report.html.objectKey.split('/').at(-1)) },
              });
              const campaign = await api('GET', `/media-campaigns/${campaignId}`, { token: h.token });
              expect(campaign.body).toMatchObject({ version: s.campaign.version });
              expect(campaign.body.lastReportAt).toBeUndefined();
            },
          };
        },
        createMonitoringImport: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          const row = (date: string, units: number) => ({
            date,
            vendor: 'Radio One',
            placement: name,
            units_delivered: units,
            cost: units * 100,
          });
          return {
            path: `/media-campaigns/${campaignId}/monitoring-imports`,
            body: { rows: [row('2027-03-02', 3), row('2027-03-03', 4)] },
            list: `/media-campaigns/${campaignId}/monitoring-imports?limit=100`,
            id: 'importId',
            one: () => true,
            // The import, its audit event (created) and the idempotency record; its two rows, its
            // completion's audit event; the unbooked delivery it reveals, with its audit event.
            items: 3 + 2 + 1 + 2,
            check: async (imported) => {
              expect(imported).toMatchObject({ source: 'json', status: 'completed', rowsStored: 2 });
              const rows = await fx.listAll(`/media-campaigns/${campaignId}/delivery-rows`, h);
              expect(rows.map((r) => `${r.importId}:${r.row}:${r.unitsDelivered}`)).toEqual([
                `${imported.importId}:1:3`,
                `${imported.importId}:2:4`,
              ]);
              const found = await api('GET', `/media-campaigns/${campaignId}/discrepancies`, {
                token: h.token,
              });
              expect(found.body.items.map((d: fx.Json) => `${d.type}:${d.actual}`)).toEqual([
                'unbooked_delivery:7',
              ]);
            },
          };
        },
        replaceMonitoringImport: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          const opened = await api('POST', `/media-campaigns/${campaignId}/monitoring-imports`, {
            token: h.token,
            body: { fileName: 'wrong.csv' },
          });
          fx.expectStatus(opened, 201, 'POST monitoring-imports');
          const failedId = opened.body.importId as string;
          await fx.uploadFile(opened.body.upload, new TextEncoder().encode('Spots\n4\n'), 'text/csv');
          const completed = await api(
            'POST',
            `/media-campaigns/${campaignId}/monitoring-imports/${failedId}/complete`,
            { token: h.token },
          );
          fx.expectStatus(completed, 422, 'complete a file that cannot be read');
          return {
            path: `/media-campaigns/${campaignId}/monitoring-imports/${failedId}/replacement`,
            body: { fileName: `${name}.csv` },
            list: `/media-campaigns/${campaignId}/monitoring-imports?limit=100`,
            id: 'importId',
            one: (i) => i.replaces === failedId,
            // The new import, its audit event and the idempotency record; the failed import's
            // `replaced` event (the failed import itself is rewritten, not added).
            items: 4,
            check: async (created) => {
              expect(created).toMatchObject({ status: 'awaiting_upload', replaces: failedId });
              const failed = await api(
                'GET',
                `/media-campaigns/${campaignId}/monitoring-imports/${failedId}`,
                {
                  token: h.token,
                },
              );
              expect(failed.body).toMatchObject({ status: 'failed', replacedBy: created.importId });
            },
          };
        },
        createMaterialRequisition: async () => {
          const s = await md.mediaSettled(agency);
          const campaignId = s.campaign.campaignId as string;
          const schedule = await md.confirmedSchedule(s);
          const booked = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
            token: h.token,
            body: {
              planId: schedule.plan.planId,
              version: 1,
              lineIds: ['L002'],
              vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
            },
          });
          fx.expectStatus(booked, 201, 'POST bookings');
          const bookingId = booked.body.bookingId as string;
          return {
            path: `/media-campaigns/${campaignId}/bookings/${bookingId}/materials`,
            body: {
              lineId: 'L002',
              format: name,
              widthPx: 1080,
              heightPx: 1920,
              deliveryDeadline: '2027-02-25',
              notes: 'Homepage takeover.',
            },
            list: `/media-campaigns/${campaignId}/bookings/${bookingId}/materials`,
            id: 'requisitionId',
            named: 'format',
            // The requisition, one audit event and the idempotency record.
            items: 3,
            check: async (requisition) => {
              expect(requisition).toMatchObject({
                bookingId,
                lineId: 'L002',
                vendor: 'AdNet',
                placement: 'Homepage banner',
                status: 'open',
              });
              const all = await api('GET', `/media-campaigns/${campaignId}/materials`, { token: h.token });
              expect(all.body.items.map((r: fx.Json) => r.requisitionId)).toEqual([
                requisition.requisitionId,
              ]);
            },
          };
        },
        createSchedule: async () => {
          const jobId = await job();
          return {
            path: `/jobs/${jobId}/schedule`,
            body: { startDate: '2027-01-04' },
            list: `/jobs/${jobId}/schedule`,
            listed: (schedule) => [schedule],
            one: () => true,
            id: 'jobId',
            // The schedule, one audit event, the board entry, the template's 7 task items and the idempotency record.
            items: 3 + 7 + 1,
            check: async (schedule) => {
              expect(schedule).toMatchObject({ jobId, version: 1, startDate: '2027-01-04' });
              expect(schedule.milestones).toHaveLength(7);
              const created = (await activity(client.clientId)).filter(
                (e) => e.action === 'schedule.created',
              );
              expect(created.map((e) => e.entityId)).toEqual([jobId]);
            },
          };
        },
        proposeScheduleChange: async () => {
          const jobId = await job();
          fx.expectStatus(
            await api('POST', `/jobs/${jobId}/schedule`, {
              token: h.token,
              body: { startDate: '2027-01-04' },
            }),
            201,
          );
          return {
            path: `/jobs/${jobId}/schedule/proposals`,
            body: { milestoneId: 'M003', durationDays: 12, reason: name },
            list: `/jobs/${jobId}/schedule/proposals?status=all`,
            id: 'proposalId',
            named: 'reason',
            // The proposal, one audit event and the idempotency record.
            items: 3,
          };
        },
        createBrief: async () => {
          const jobId = await job();
          return {
            path: `/jobs/${jobId}/briefs`,
            body: { kind: 'creative', title: name, objective: 'Once.' },
            list: `/jobs/${jobId}/briefs`,
            listed: (body) => body.items,
            id: 'briefId',
            named: 'title',
            // The brief, its version 1, one audit event and the idempotency record.
            items: 4,
            check: async (body) => {
              const versions = await api('GET', `/briefs/${body.brief.briefId}/versions`, { token: h.token });
              expect(versions.body.items.map((v: fx.Json) => v.number)).toEqual([1]);
            },
          };
        },
        startBriefReview: async () => {
          const jobId = await job();
          const brief = await api('POST', `/jobs/${jobId}/briefs`, {
            token: h.token,
            body: { kind: 'creative', title: fx.uniqueName('Brief') },
          });
          fx.expectStatus(brief, 201, 'POST briefs');
          const briefId = brief.body.brief.briefId as string;
          return {
            path: `/briefs/${briefId}/versions/1/reviews`,
            body: { message: name },
            list: `/briefs/${briefId}/approvals`,
            listed: (chain) => chain.reviews,
            id: 'reviewId',
            named: 'message',
            settled: async () => {
              await stepOpenedAt(`/briefs/${briefId}/approvals`);
            },
            // The review, its marker, one audit event and the idempotency record; its first step,
            // the AM's and the AD's requests (any one decides), one audit event and the task's token.
            items: 4 + 5,
            check: async (review) => {
              expect(review).toMatchObject({ subjectType: 'brief', briefId, clientApproverIds: [] });
              const again = await api('POST', `/briefs/${briefId}/versions/1/reviews`, {
                token: h.token,
                body: {},
              });
              fx.expectProblem(again, 409, 'review_in_progress');
            },
          };
        },
        startTimetableReview: async () => {
          const jobId = await job();
          fx.expectStatus(
            await api('POST', `/jobs/${jobId}/schedule`, {
              token: h.token,
              body: { startDate: '2027-01-04' },
            }),
            201,
          );
          fx.expectStatus(await api('POST', `/jobs/${jobId}/timetable/versions`, { token: h.token }), 201);
          return {
            path: `/jobs/${jobId}/timetable/versions/1/reviews`,
            body: { message: name },
            list: `/jobs/${jobId}/timetable/approvals`,
            listed: (chain) => chain.reviews,
            id: 'reviewId',
            named: 'message',
            settled: async () => {
              await stepOpenedAt(`/jobs/${jobId}/timetable/approvals`);
            },
            items: 4 + 5,
            check: async (review) => {
              expect(review).toMatchObject({ subjectType: 'timetable', subjectId: jobId });
            },
          };
        },
        createCompetitiveEntry: async () => {
          const category = fx.uniqueName('Tea');
          return {
            path: `/clients/${client.clientId}/competitive-activity`,
            body: {
              kind: 'advertising',
              competitorBrand: name,
              category,
              channel: 'tv',
              seenFrom: '2027-03-01',
              seenTo: '2027-03-07',
              estimatedSpend: fx.usd(10_000),
            },
            list: `/clients/${client.clientId}/competitive-activity?category=${encodeURIComponent(category)}&from=2027-01-01&to=2027-12-31`,
            id: 'entryId',
            named: 'competitorBrand',
            // The entry, one audit event and the idempotency record.
            items: 3,
          };
        },
        createPitch: async () => ({
          path: '/pitches',
          body: {
            prospect: { name, category: fx.uniqueName('Category') },
            leadSource: 'referral',
            pitchDate: '2027-05-01',
            team: [{ staffId: line.ae.staff.staffId }],
          },
          list: (first) => `/pitches/${first.pitchId}`,
          listed: (body) => [body],
          one: (p) => p.prospect.name === name,
          id: 'pitchId',
          // The pitch, one audit event and the idempotency record.
          items: 3,
        }),
        createEvaluation: async () => ({
          path: `/staff/${line.ae.staff.staffId}/evaluations`,
          body: { period: '2025-H1', summary: name },
          list: `/staff/${line.ae.staff.staffId}/evaluations`,
          id: 'period',
          named: 'summary',
          // The evaluation, one audit event and the idempotency record.
          items: 3,
        }),
        createEstimate: async () => {
          const jobId = await job();
          return {
            path: `/jobs/${jobId}/estimates`,
            body: { title: name, currency: 'USD', lines: estimateLines },
            list: `/jobs/${jobId}/estimates`,
            id: 'estimateId',
            named: 'title',
          };
        },
        startEstimateReview: async () => {
          const jobId = await job();
          fx.expectStatus(
            await api('POST', `/jobs/${jobId}/schedule`, {
              token: h.token,
              body: { startDate: '2027-01-04' },
            }),
            201,
          );
          fx.expectStatus(await api('POST', `/jobs/${jobId}/timetable/versions`, { token: h.token }), 201);
          const estimate = await api('POST', `/jobs/${jobId}/estimates`, {
            token: h.token,
            body: { title: fx.uniqueName('Estimate'), currency: 'USD', lines: estimateLines },
          });
          fx.expectStatus(estimate, 201);
          const estimateId = estimate.body.estimate.estimateId as string;
          return {
            path: `/estimates/${estimateId}/versions/1/reviews`,
            body: { message: name },
            list: `/estimates/${estimateId}/approvals`,
            listed: (chain) => chain.reviews,
            id: 'reviewId',
            named: 'message',
            settled: async () => {
              await stepOpenedAt(`/estimates/${estimateId}/approvals`);
            },
            check: async (review) => {
              expect(review).toMatchObject({ subjectType: 'estimate', subjectId: estimateId });
            },
          };
        },
        proposeVendor: async () => ({
          path: '/vendors',
          body: cost.vendorBody(name),
          list: '/vendors',
          id: 'vendorId',
        }),
        createPurchaseOrder: async () => {
          const jobId = await job();
          const vendor = await cost.approvedNewVendor(h, h);
          const signed = await cost.signedEstimate(h, jobId, [{ amountMinor: 1_000_000 }]);
          return {
            path: `/jobs/${jobId}/purchase-orders`,
            body: {
              vendorId: vendor.vendorId,
              category: 'production',
              notes: name,
              lines: [
                {
                  estimateLineId: signed.lines[0].lineId,
                  description: 'Studio day',
                  quantity: 1,
                  unitCost: fx.usd(1_000),
                },
              ],
            },
            list: `/jobs/${jobId}/purchase-orders`,
            id: 'purchaseOrderId',
            named: 'notes',
          };
        },
        draftInvoice: async () => {
          const jobId = await job();
          await cost.signedEstimate(h, jobId, [{ amountMinor: 100_000 }]);
          const contact = await fx.createContact(h, client.clientId);
          const terms = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
            token: h.token,
            body: billing.billingTermsBody(contact.contactId),
          });
          fx.expectStatus(terms, 200);
          return {
            path: `/clients/${client.clientId}/invoices`,
            body: { jobIds: [jobId], notes: name },
            list: `/clients/${client.clientId}/invoices`,
            id: 'invoiceId',
            named: 'notes',
          };
        },
        draftCreditNote: async () => {
          const jobId = await job();
          await cost.signedEstimate(h, jobId, [{ amountMinor: 100_000 }]);
          const contact = await fx.createContact(h, client.clientId);
          const { invoice } = await billing.billingWorld(h, client.clientId, contact.contactId, jobId);
          return {
            path: `/invoices/${invoice.invoiceId}/credit-notes`,
            body: { reason: name, lines: [{ lineId: 'I001', amount: fx.usd(10) }] },
            list: `/clients/${client.clientId}/invoices?kind=creditNote`,
            id: 'invoiceId',
            named: 'reason',
          };
        },
        recordPayment: async () => {
          // A payment is in the currency of the client's billing terms.
          const contact = await fx.createContact(h, client.clientId);
          const current = await api('GET', `/clients/${client.clientId}/billing-terms`, { token: h.token });
          const terms = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
            token: h.token,
            ...(current.status === 200 ? { headers: { 'if-match': `"${current.body.version}"` } } : {}),
            body: billing.billingTermsBody(contact.contactId),
          });
          fx.expectStatus(terms, 200);
          return {
            path: `/clients/${client.clientId}/payments`,
            body: { amount: fx.usd(25), receivedOn: '2026-01-20', reference: name },
            list: `/clients/${client.clientId}/payments`,
            id: 'paymentId',
            named: 'reference',
          };
        },
        recordVendorBill: async () => {
          const jobId = await job();
          const vendor = await cost.approvedNewVendor(h, h);
          const signed = await cost.signedEstimate(h, jobId, [{ amountMinor: 1_000_000 }]);
          const order = await api('POST', `/jobs/${jobId}/purchase-orders`, {
            token: h.token,
            body: {
              vendorId: vendor.vendorId,
              category: 'production',
              lines: [
                {
                  estimateLineId: signed.lines[0].lineId,
                  description: 'Studio day',
                  quantity: 1,
                  unitCost: fx.usd(1_000),
                },
              ],
            },
          });
          fx.expectStatus(order, 201);
          return {
            path: `/jobs/${jobId}/vendor-bills`,
            body: {
              purchaseOrderId: order.body.purchaseOrderId,
              billNumber: name,
              billDate: '2027-01-20',
              lines: [{ lineNumber: 1, quantity: 1, amount: fx.usd(1_000) }],
            },
            list: `/jobs/${jobId}/spend`,
            listed: (spend) => spend.bills,
            id: 'billId',
            named: 'billNumber',
          };
        },
      };
      const build = cases[operationId];
      if (!build)
        throw new Error(`No case for the idempotent route ${operationId}: add one to concurrency.test.ts.`);
      const c = await build();
      const named = c.named ?? 'name';
      const key = `race-${crypto.randomUUID()}`;
      const itemsBefore = await fx.countItems();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          api('POST', c.path, { token: h.token, body: c.body, headers: { 'idempotency-key': key } }),
        ),
      );
      const list = await api('GET', typeof c.list === 'string' ? c.list : c.list(responses[0]?.body), {
        token: h.token,
      });
      const listed: fx.Json[] = c.listed ? c.listed(list.body) : list.body.items;
      expect(listed.filter(c.one ?? ((x: fx.Json) => x[named] === name))).toHaveLength(1);
      expect(
        responses.map((r) => r.status),
        describeAll(responses),
      ).toEqual(Array(10).fill(201));
      const alike = c.alike ?? ((body: fx.Json) => body);
      for (const r of responses) expect(alike(r.body)).toEqual(alike(responses[0]?.body));
      await c.settled?.(responses[0]?.body);
      if (c.items !== undefined) expect(await fx.countItems()).toBe(itemsBefore + c.items);
      await c.check?.(responses[0]?.body);
    },
  );
});
