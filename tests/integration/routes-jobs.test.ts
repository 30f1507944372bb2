/**
 * Job routes: who may open a job, the intake gate, brand and owner rules, job numbers,
 * list filters, status transitions and history, traffic rescheduling, unknown and
 * malformed ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let a: fx.Agency;
let ae2: fx.Person;
/** An AE not on the client's team. */
let ae3: fx.Person;
let client: fx.Json;
let brand1: fx.Json;
let brand2: fx.Json;
/** A client of the same agency with incomplete intake. */
let incomplete: fx.Json;
let incompleteBrand: fx.Json;
/** A client the AE does not work on. */
let foreign: fx.Json;
let foreignBrand: fx.Json;

const open = (token: string, body: Record<string, unknown>) => api('POST', '/jobs', { token, body });
const jobBody = (extra: Record<string, unknown> = {}) => ({
  clientId: client.clientId,
  brandId: brand1.brandId,
  title: 'Spring launch',
  type: 'campaign',
  ...extra,
});
const patchJob = (token: string, job: fx.Json, version: number | undefined, body: unknown) =>
  api('PATCH', `/jobs/${job.jobId}`, {
    token,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
const numbers = (items: fx.Json[]) => items.map((j) => j.jobNumber);

beforeAll(async () => {
  a = await fx.buildAgency();
  [ae2, ae3] = await Promise.all([
    fx.appoint(a.head, 'account_executive', a.am),
    fx.appoint(a.head, 'account_executive', a.am),
  ]);
  client = await fx.completeIntake(a.ad, await fx.createClient(a.ad));
  [brand1, brand2] = await Promise.all([
    fx.createBrand(a.ad, client.clientId, 'Leaf'),
    fx.createBrand(a.ad, client.clientId, 'Root'),
  ]);
  await fx.setTeam(a.ad, client.clientId, [a.ad, a.am, a.ae, ae2, a.aae, a.rep, a.traffic]);
  incomplete = await fx.createClient(a.ad, { intake: { productKnowledge: 'Some' } });
  incompleteBrand = await fx.createBrand(a.ad, incomplete.clientId);
  await fx.setTeam(a.ad, incomplete.clientId, [a.ad, a.ae]);
  foreign = await fx.completeIntake(a.head, await fx.createClient(a.head));
  foreignBrand = await fx.createBrand(a.head, foreign.clientId);
  await fx.setTeam(a.head, foreign.clientId, [ae3]);
});

describe('POST /jobs', () => {
  let first: fx.Json;

  it('an AE opens a job: 201, Location, number <CODE>-<YYYY>-0001, owner = opener, status open', async () => {
    const res = await open(a.ae.token, jobBody({ dueDate: '2030-01-31', budget: fx.usd(1200) }));
    fx.expectStatus(res, 201);
    first = res.body;
    expect(res.headers.get('location')).toBe(`/jobs/${first.jobId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(first.jobId).toMatch(new RegExp(`^${client.clientId}_[0-9A-HJKMNP-TV-Z]{26}$`));
    expect(first).toMatchObject({
      jobNumber: `${client.code}-${fx.year()}-0001`,
      clientId: client.clientId,
      brandId: brand1.brandId,
      title: 'Spring launch',
      status: 'open',
      ownerId: a.ae.staff.staffId,
      createdBy: a.ae.staff.staffId,
      dueDate: '2030-01-31',
      budget: { amountMinor: 120_000, currency: 'USD' },
      version: 1,
    });
    expect(first.statusHistory).toEqual([{ to: 'open', at: expect.any(String), by: a.ae.staff.staffId }]);
    const got = await api('GET', `/jobs/${first.jobId}`, { token: a.rep.token });
    fx.expectStatus(got, 200);
    expect(got.body).toEqual(first);
  });

  it('numbers the next job 0002, and may give it to another AE on the team', async () => {
    const res = await open(
      a.ae.token,
      jobBody({ brandId: brand2.brandId, ownerId: ae2.staff.staffId, type: 'media' }),
    );
    fx.expectStatus(res, 201);
    expect(res.body.jobNumber).toBe(`${client.code}-${fx.year()}-0002`);
    expect(res.body).toMatchObject({ ownerId: ae2.staff.staffId, createdBy: a.ae.staff.staffId });
  });

  it('keeps the job type (a required field of Job) through create, read and update', async () => {
    const created = await open(a.ae.token, jobBody({ type: 'research' }));
    fx.expectStatus(created, 201);
    expect(created.body.type).toBe('research');
    expect((await api('GET', `/jobs/${created.body.jobId}`, { token: a.ae.token })).body.type).toBe(
      'research',
    );
    const updated = await patchJob(a.ae.token, created.body, 1, { title: 'Renamed' });
    fx.expectStatus(updated, 200);
    expect(updated.body.type).toBe('research');
    const listed = await fx.listAll(`/jobs?clientId=${client.clientId}`, a.ae);
    expect(listed.find((j) => j.jobId === created.body.jobId)?.type).toBe('research');
  });

  it.each([
    ['AAE', () => a.aae],
    ['rep', () => a.rep],
    ['traffic', () => a.traffic],
  ])('refuses a %s on the team (403)', async (_role, who) => {
    fx.expectProblem(await open(who().token, jobBody()), 403, 'forbidden');
  });

  it('managers and directors on the team may open jobs too; outsiders get 404', async () => {
    fx.expectStatus(await open(a.am.token, jobBody()), 201);
    fx.expectStatus(await open(a.ad.token, jobBody()), 201);
    fx.expectProblem(await open(ae3.token, jobBody()), 404, 'not_found');
    fx.expectProblem(await open(a.creative.token, jobBody()), 404, 'not_found');
  });

  it('needs a complete intake (422 intake_incomplete)', async () => {
    const res = await open(a.ae.token, {
      ...jobBody(),
      clientId: incomplete.clientId,
      brandId: incompleteBrand.brandId,
    });
    fx.expectProblem(res, 422, 'intake_incomplete');
    expect(fx.problemFields(res)).toEqual(['body.clientId']);
    expect(res.body.detail).toMatch(/marketSituation/);
  });

  it('the brand must belong to the client (400 unknown_brand)', async () => {
    const res = await open(a.ae.token, jobBody({ brandId: foreignBrand.brandId }));
    fx.expectProblem(res, 400, 'unknown_brand');
    expect(fx.problemFields(res)).toEqual(['body.brandId']);
    fx.expectProblem(await open(a.ae.token, jobBody({ brandId: fx.unknownId() })), 400, 'unknown_brand');
  });

  it('the owner must be an active AE or above on the team (400 invalid_owner)', async () => {
    const notOnTeam = await open(a.ae.token, jobBody({ ownerId: ae3.staff.staffId }));
    fx.expectProblem(notOnTeam, 400, 'invalid_owner');
    expect(fx.problemFields(notOnTeam)).toEqual(['body.ownerId']);
    fx.expectProblem(await open(a.ae.token, jobBody({ ownerId: a.aae.staff.staffId })), 400, 'invalid_owner');
    fx.expectProblem(await open(a.ae.token, jobBody({ ownerId: fx.unknownId() })), 400, 'invalid_owner');
  });

  it('rejects server-set fields and bad values (400)', async () => {
    for (const field of ['jobNumber', 'status', 'jobId', 'statusHistory', 'version', 'createdBy']) {
      const res = await open(a.ae.token, jobBody({ [field]: 'X' }));
      fx.expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const bad = await open(a.ae.token, jobBody({ type: 'party', dueDate: '31/01/2030', title: '' }));
    fx.expectProblem(bad, 400, 'validation_failed');
    expect(fx.problemFields(bad)).toEqual(
      expect.arrayContaining(['body.type', 'body.dueDate', 'body.title']),
    );
  });
});

describe('GET /jobs', () => {
  let c: fx.Json;
  let b1: fx.Json;
  let b2: fx.Json;
  const jobs: fx.Json[] = [];

  beforeAll(async () => {
    c = await fx.completeIntake(a.ad, await fx.createClient(a.ad));
    [b1, b2] = await Promise.all([fx.createBrand(a.ad, c.clientId), fx.createBrand(a.ad, c.clientId)]);
    await fx.setTeam(a.ad, c.clientId, [a.ad, a.am, a.ae, ae2]);
    const specs = [
      { brandId: b1.brandId },
      { brandId: b1.brandId, ownerId: ae2.staff.staffId },
      { brandId: b2.brandId },
      { brandId: b2.brandId, ownerId: ae2.staff.staffId },
    ];
    for (const s of specs) {
      const res = await open(a.ae.token, { clientId: c.clientId, title: 'Job', type: 'creative', ...s });
      fx.expectStatus(res, 201);
      jobs.push(res.body);
    }
    const started = await patchJob(a.ae.token, jobs[0], 1, { status: 'in_progress' });
    fx.expectStatus(started, 200);
    jobs[0] = started.body;
  });

  const list = (query: string, by = a.ae) => fx.listAll(`/jobs?${query}`, by);

  it('by client: every job, by status then number', async () => {
    const items = await list(`clientId=${c.clientId}`);
    // in_progress sorts before open; within a status, by number.
    expect(numbers(items)).toEqual(numbers(jobs));
    expect(items[0].status).toBe('in_progress');
  });

  it('by brand (with clientId), status and owner', async () => {
    expect(numbers(await list(`clientId=${c.clientId}&brandId=${b1.brandId}`))).toEqual(
      numbers([jobs[0], jobs[1]]),
    );
    expect(numbers(await list(`clientId=${c.clientId}&status=open`))).toEqual(
      [jobs[1], jobs[2], jobs[3]].map((j) => j.jobNumber),
    );
    expect(numbers(await list(`clientId=${c.clientId}&status=in_progress`))).toEqual([jobs[0].jobNumber]);
    expect(numbers(await list(`clientId=${c.clientId}&ownerId=${ae2.staff.staffId}`))).toEqual(
      [jobs[1], jobs[3]].map((j) => j.jobNumber),
    );
    expect(
      numbers(await list(`clientId=${c.clientId}&brandId=${b2.brandId}&ownerId=${ae2.staff.staffId}`)),
    ).toEqual([jobs[3].jobNumber]);
    expect(numbers(await list(`clientId=${c.clientId}&brandId=${b2.brandId}&status=in_progress`))).toEqual(
      [],
    );
  });

  it('a brand of another client named with this clientId lists nothing of that client', async () => {
    const items = await list(`clientId=${c.clientId}&brandId=${brand1.brandId}`);
    expect(items).toEqual([]);
  });

  it('without clientId: the caller’s own jobs; brandId alone is 400; someone else’s 403 (head may)', async () => {
    const own = await list(`status=open`, ae2);
    expect(own.every((j) => j.ownerId === ae2.staff.staffId)).toBe(true);
    expect(numbers(own)).toEqual(expect.arrayContaining([jobs[1].jobNumber, jobs[3].jobNumber]));
    const mine = await list('', a.ae);
    expect(mine.every((j) => j.ownerId === a.ae.staff.staffId)).toBe(true);
    expect(numbers(mine)).toContain(jobs[0].jobNumber);

    const brandOnly = await api('GET', `/jobs?brandId=${b1.brandId}`, { token: a.ae.token });
    fx.expectProblem(brandOnly, 400, 'client_required');
    expect(fx.problemFields(brandOnly)).toEqual(['query.brandId']);
    fx.expectProblem(
      await api('GET', `/jobs?ownerId=${ae2.staff.staffId}`, { token: a.ae.token }),
      403,
      'forbidden',
    );
    const byHead = await list(`ownerId=${ae2.staff.staffId}`, a.head);
    expect(numbers(byHead)).toEqual(expect.arrayContaining([jobs[1].jobNumber, jobs[3].jobNumber]));
  });

  it('clientId of a client the caller does not see is 404; bad filters 400', async () => {
    fx.expectProblem(
      await api('GET', `/jobs?clientId=${c.clientId}`, { token: ae3.token }),
      404,
      'not_found',
    );
    fx.expectProblem(await api('GET', '/jobs?status=done', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(await api('GET', '/jobs?clientId=abc', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(
      await api('GET', `/jobs?clientId=${c.clientId}&nextToken=bad`, { token: a.ae.token }),
      400,
      'invalid_next_token',
    );
  });

  it('limit=1 walks a client’s jobs without repeats', async () => {
    const walked = await list(`clientId=${c.clientId}`, a.ae);
    const paged = await fx.listAll(`/jobs?clientId=${c.clientId}`, a.ae, 1);
    expect(numbers(paged)).toEqual(numbers(walked));
  });

  it('a former team member no longer sees the client’s jobs, in any list', async () => {
    const d = await fx.completeIntake(a.ad, await fx.createClient(a.ad));
    const b = await fx.createBrand(a.ad, d.clientId);
    await fx.setTeam(a.ad, d.clientId, [a.ad, ae3]);
    const job = (
      await open(ae3.token, { clientId: d.clientId, brandId: b.brandId, title: 'Secret', type: 'pr' })
    ).body;
    expect(numbers(await list('', ae3))).toContain(job.jobNumber);
    await fx.setTeam(a.ad, d.clientId, [a.ad]);
    fx.expectProblem(await api('GET', `/jobs/${job.jobId}`, { token: ae3.token }), 404, 'not_found');
    fx.expectProblem(await api('GET', `/jobs?clientId=${d.clientId}`, { token: ae3.token }), 404);
    // Visibility is team membership: the own-jobs list must not keep showing them.
    expect(numbers(await list('', ae3))).not.toContain(job.jobNumber);
  });
});

describe('PATCH /jobs/{id} and GET /jobs/{id}', () => {
  it('status: open→completed 409; open→in_progress→on_hold→in_progress→completed; completed is final', async () => {
    let job = (await open(a.ae.token, jobBody())).body;
    const skip = await patchJob(a.ae.token, job, 1, { status: 'completed' });
    fx.expectProblem(skip, 409, 'invalid_status_transition');
    expect(fx.problemFields(skip)).toEqual(['body.status']);

    for (const [status, version] of [
      ['in_progress', 1],
      ['on_hold', 2],
      ['in_progress', 3],
      ['completed', 4],
    ] as const) {
      const res = await patchJob(a.ae.token, job, version, { status });
      fx.expectStatus(res, 200);
      expect(res.body.status).toBe(status);
      expect(res.headers.get('etag')).toBe(`"${version + 1}"`);
      job = res.body;
    }
    expect(job.statusHistory.map((h: fx.Json) => [h.from, h.to])).toEqual([
      [undefined, 'open'],
      ['open', 'in_progress'],
      ['in_progress', 'on_hold'],
      ['on_hold', 'in_progress'],
      ['in_progress', 'completed'],
    ]);
    expect(job.statusHistory.every((h: fx.Json) => h.by === a.ae.staff.staffId)).toBe(true);
    for (const status of ['in_progress', 'cancelled', 'open', 'on_hold']) {
      fx.expectProblem(await patchJob(a.ae.token, job, 5, { status }), 409, 'invalid_status_transition');
    }
    const got = await api('GET', `/jobs/${job.jobId}`, { token: a.ae.token });
    expect(got.body).toEqual(job);

    const act = await api('GET', `/clients/${client.clientId}/activity?limit=1`, { token: a.ad.token });
    expect(act.body.items[0]).toMatchObject({
      action: 'job.status_changed',
      entityId: job.jobId,
      beforeVersion: 4,
      afterVersion: 5,
      changes: { status: { from: 'in_progress', to: 'completed' } },
    });
  });

  it('an open job may be cancelled, then nothing more', async () => {
    const job = (await open(a.ae.token, jobBody())).body;
    const res = await patchJob(a.ae.token, job, 1, { status: 'cancelled' });
    fx.expectStatus(res, 200);
    fx.expectProblem(
      await patchJob(a.ae.token, res.body, 2, { status: 'in_progress' }),
      409,
      'invalid_status_transition',
    );
  });

  it('traffic may reschedule (dueDate) only: not the status, title, description or budget (403, in plain words)', async () => {
    const job = (await open(a.ae.token, jobBody({ dueDate: '2030-03-01' }))).body;
    const moved = await patchJob(a.traffic.token, job, 1, { dueDate: '2030-04-15' });
    fx.expectStatus(moved, 200);
    expect(moved.body).toMatchObject({ dueDate: '2030-04-15', version: 2, status: 'open' });
    fx.expectProblem(await patchJob(a.traffic.token, job, 2, { status: 'in_progress' }), 403, 'forbidden');
    const cleared = await patchJob(a.traffic.token, job, 2, { dueDate: null });
    fx.expectStatus(cleared, 200);
    expect(cleared.body).not.toHaveProperty('dueDate');
    for (const change of [
      { budget: { amountMinor: 100, currency: 'USD' } },
      { title: 'Renamed by traffic' },
      { description: 'Rewritten by traffic' },
      { dueDate: '2030-06-01', budget: null },
    ]) {
      const refused = await patchJob(a.traffic.token, job, 3, change);
      fx.expectProblem(refused, 403, 'forbidden');
      expect(refused.body.detail).toBe(
        "Only an account executive or above may change a job's title, description or budget; the traffic coordinator may only reschedule it.",
      );
    }
    fx.expectProblem(await patchJob(a.aae.token, job, 3, { title: 'X' }), 403, 'forbidden');
    const byRep = await patchJob(a.rep.token, job, 3, { dueDate: '2030-05-01' });
    fx.expectProblem(byRep, 403, 'forbidden');
    expect(byRep.body.detail).toBe(
      'Only an account executive or above, or the traffic coordinator, may reschedule a job.',
    );
  });

  it('reassigning is for managers (AE 403); the new owner must be on the team', async () => {
    const job = (await open(a.ae.token, jobBody())).body;
    fx.expectProblem(await patchJob(a.ae.token, job, 1, { ownerId: ae2.staff.staffId }), 403, 'forbidden');
    fx.expectProblem(
      await patchJob(a.am.token, job, 1, { ownerId: ae3.staff.staffId }),
      400,
      'invalid_owner',
    );
    const res = await patchJob(a.am.token, job, 1, { ownerId: ae2.staff.staffId });
    fx.expectStatus(res, 200);
    expect(res.body.ownerId).toBe(ae2.staff.staffId);
    const own = await fx.listAll('/jobs', ae2);
    expect(own.map((j) => j.jobId)).toContain(job.jobId);
    expect((await fx.listAll('/jobs', a.ae)).map((j) => j.jobId)).not.toContain(job.jobId);
  });

  it('optimistic locking: 428 without If-Match, 409 when stale; 400 for an empty or bad patch', async () => {
    const job = (await open(a.ae.token, jobBody())).body;
    fx.expectProblem(
      await patchJob(a.ae.token, job, undefined, { title: 'X' }),
      428,
      'precondition_required',
    );
    fx.expectStatus(await patchJob(a.ae.token, job, 1, { title: 'Renamed', budget: fx.usd(5) }), 200);
    fx.expectProblem(await patchJob(a.ae.token, job, 1, { title: 'Again' }), 409, 'version_conflict');
    fx.expectProblem(await patchJob(a.ae.token, job, 2, {}), 400, 'validation_failed');
    for (const body of [
      { jobNumber: 'X-1' },
      { status: 'done' },
      { clientId: foreign.clientId },
      { budget: { amountMinor: 1 } },
      { budget: { amount: 1, currency: 'USD' } },
      { budget: { amountMinor: 1.5, currency: 'USD' } },
      { budget: { amountMinor: 1, currency: 'XYZ' } },
    ]) {
      fx.expectProblem(await patchJob(a.ae.token, job, 2, body), 400, 'validation_failed');
    }
  });

  it('unknown jobs are 404 (whether or not the client is visible); malformed ids 400; never 5xx', async () => {
    const caller = a.ae.token;
    fx.expectProblem(
      await api('GET', `/jobs/${client.clientId}_${fx.unknownId()}`, { token: caller }),
      404,
      'not_found',
    );
    fx.expectProblem(
      await api('GET', `/jobs/${foreign.clientId}_${fx.unknownId()}`, { token: caller }),
      404,
      'not_found',
    );
    fx.expectProblem(
      await api('GET', `/jobs/${fx.unknownId()}_${fx.unknownId()}`, { token: caller }),
      404,
      'not_found',
    );
    const foreignJob = (
      await open(ae3.token, {
        clientId: foreign.clientId,
        brandId: foreignBrand.brandId,
        title: 'F',
        type: 'event',
      })
    ).body;
    fx.expectProblem(await api('GET', `/jobs/${foreignJob.jobId}`, { token: caller }), 404, 'not_found');
    fx.expectProblem(await patchJob(caller, foreignJob, 1, { title: 'Mine now' }), 404, 'not_found');
    // The job id names its client: swapping in another client's id does not find it.
    const own = (await open(caller, jobBody())).body;
    const swapped = `${foreign.clientId}_${own.jobId.split('_')[1]}`;
    fx.expectProblem(await api('GET', `/jobs/${swapped}`, { token: a.head.token }), 404, 'not_found');

    for (const bad of [
      'abc',
      client.clientId,
      `${client.clientId}_`,
      `${client.clientId}_x`,
      `${own.jobId}_${fx.unknownId()}`,
      own.jobId.toLowerCase(),
    ]) {
      const res = await api('GET', `/jobs/${encodeURIComponent(bad)}`, { token: caller });
      fx.expectProblem(res, 400, 'validation_failed');
    }
  });
});
