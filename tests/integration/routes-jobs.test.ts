/**
 * Job routes: who may open a job, the intake gate, brand and owner rules, job numbers,
 * list filters, status transitions and history, traffic rescheduling, unknown and
 * malformed ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import {
  type Agency,
  appoint,
  buildAgency,
  completeIntake,
  createBrand,
  createClient,
  expectProblem,
  expectStatus,
  type Json,
  listAll,
  type Person,
  problemFields,
  setTeam,
  unknownId,
  year,
} from './routes-fixtures.js';

let a: Agency;
let ae2: Person;
/** An AE not on the client's team. */
let ae3: Person;
let client: Json;
let brand1: Json;
let brand2: Json;
/** A client of the same agency with incomplete intake. */
let incomplete: Json;
let incompleteBrand: Json;
/** A client the AE does not work on. */
let foreign: Json;
let foreignBrand: Json;

const open = (token: string, body: Record<string, unknown>) => api('POST', '/jobs', { token, body });
const jobBody = (extra: Record<string, unknown> = {}) => ({
  clientId: client.clientId,
  brandId: brand1.brandId,
  title: 'Spring launch',
  type: 'campaign',
  ...extra,
});
const patchJob = (token: string, job: Json, version: number | undefined, body: unknown) =>
  api('PATCH', `/jobs/${job.jobId}`, {
    token,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
const numbers = (items: Json[]) => items.map((j) => j.jobNumber);

beforeAll(async () => {
  a = await buildAgency();
  [ae2, ae3] = await Promise.all([
    appoint(a.head.token, 'account_executive', a.am.staff.staffId),
    appoint(a.head.token, 'account_executive', a.am.staff.staffId),
  ]);
  client = await completeIntake(a.ad.token, await createClient(a.ad.token));
  [brand1, brand2] = await Promise.all([
    createBrand(a.ad.token, client.clientId, 'Leaf'),
    createBrand(a.ad.token, client.clientId, 'Root'),
  ]);
  await setTeam(a.ad.token, client.clientId, [a.ad, a.am, a.ae, ae2, a.aae, a.rep, a.traffic]);
  incomplete = await createClient(a.ad.token, { intake: { productKnowledge: 'Some' } });
  incompleteBrand = await createBrand(a.ad.token, incomplete.clientId);
  await setTeam(a.ad.token, incomplete.clientId, [a.ad, a.ae]);
  foreign = await completeIntake(a.head.token, await createClient(a.head.token));
  foreignBrand = await createBrand(a.head.token, foreign.clientId);
  await setTeam(a.head.token, foreign.clientId, [ae3]);
});

describe('POST /jobs', () => {
  let first: Json;

  it('an AE opens a job: 201, Location, number <CODE>-<YYYY>-0001, owner = opener, status open', async () => {
    const res = await open(
      a.ae.token,
      jobBody({ dueDate: '2030-01-31', budget: { amount: 1200, currency: 'USD' } }),
    );
    expectStatus(res, 201);
    first = res.body;
    expect(res.headers.get('location')).toBe(`/jobs/${first.jobId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(first.jobId).toMatch(new RegExp(`^${client.clientId}_[0-9A-HJKMNP-TV-Z]{26}$`));
    expect(first).toMatchObject({
      jobNumber: `${client.code}-${year()}-0001`,
      clientId: client.clientId,
      brandId: brand1.brandId,
      title: 'Spring launch',
      status: 'open',
      ownerId: a.ae.staff.staffId,
      createdBy: a.ae.staff.staffId,
      dueDate: '2030-01-31',
      budget: { amount: 1200, currency: 'USD' },
      version: 1,
    });
    expect(first.statusHistory).toEqual([{ to: 'open', at: expect.any(String), by: a.ae.staff.staffId }]);
    const got = await api('GET', `/jobs/${first.jobId}`, { token: a.rep.token });
    expectStatus(got, 200);
    expect(got.body).toEqual(first);
  });

  it('numbers the next job 0002, and may give it to another AE on the team', async () => {
    const res = await open(
      a.ae.token,
      jobBody({ brandId: brand2.brandId, ownerId: ae2.staff.staffId, type: 'media' }),
    );
    expectStatus(res, 201);
    expect(res.body.jobNumber).toBe(`${client.code}-${year()}-0002`);
    expect(res.body).toMatchObject({ ownerId: ae2.staff.staffId, createdBy: a.ae.staff.staffId });
  });

  it('keeps the job type (a required field of Job) through create, read and update', async () => {
    const created = await open(a.ae.token, jobBody({ type: 'research' }));
    expectStatus(created, 201);
    expect(created.body.type).toBe('research');
    expect((await api('GET', `/jobs/${created.body.jobId}`, { token: a.ae.token })).body.type).toBe(
      'research',
    );
    const updated = await patchJob(a.ae.token, created.body, 1, { title: 'Renamed' });
    expectStatus(updated, 200);
    expect(updated.body.type).toBe('research');
    const listed = await listAll(`/jobs?clientId=${client.clientId}`, a.ae.token);
    expect(listed.find((j) => j.jobId === created.body.jobId)?.type).toBe('research');
  });

  it.each([
    ['AAE', () => a.aae],
    ['rep', () => a.rep],
    ['traffic', () => a.traffic],
  ])('refuses a %s on the team (403)', async (_role, who) => {
    expectProblem(await open(who().token, jobBody()), 403, 'forbidden');
  });

  it('managers and directors on the team may open jobs too; outsiders get 404', async () => {
    expectStatus(await open(a.am.token, jobBody()), 201);
    expectStatus(await open(a.ad.token, jobBody()), 201);
    expectProblem(await open(ae3.token, jobBody()), 404, 'not_found');
    expectProblem(await open(a.creative.token, jobBody()), 404, 'not_found');
  });

  it('needs a complete intake (422 intake_incomplete)', async () => {
    const res = await open(a.ae.token, {
      ...jobBody(),
      clientId: incomplete.clientId,
      brandId: incompleteBrand.brandId,
    });
    expectProblem(res, 422, 'intake_incomplete');
    expect(problemFields(res)).toEqual(['body.clientId']);
    expect(res.body.detail).toMatch(/marketSituation/);
  });

  it('the brand must belong to the client (400 unknown_brand)', async () => {
    const res = await open(a.ae.token, jobBody({ brandId: foreignBrand.brandId }));
    expectProblem(res, 400, 'unknown_brand');
    expect(problemFields(res)).toEqual(['body.brandId']);
    expectProblem(await open(a.ae.token, jobBody({ brandId: unknownId() })), 400, 'unknown_brand');
  });

  it('the owner must be an active AE or above on the team (400 invalid_owner)', async () => {
    const notOnTeam = await open(a.ae.token, jobBody({ ownerId: ae3.staff.staffId }));
    expectProblem(notOnTeam, 400, 'invalid_owner');
    expect(problemFields(notOnTeam)).toEqual(['body.ownerId']);
    expectProblem(await open(a.ae.token, jobBody({ ownerId: a.aae.staff.staffId })), 400, 'invalid_owner');
    expectProblem(await open(a.ae.token, jobBody({ ownerId: unknownId() })), 400, 'invalid_owner');
  });

  it('rejects server-set fields and bad values (400)', async () => {
    for (const field of ['jobNumber', 'status', 'jobId', 'statusHistory', 'version', 'createdBy']) {
      const res = await open(a.ae.token, jobBody({ [field]: 'X' }));
      expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const bad = await open(a.ae.token, jobBody({ type: 'party', dueDate: '31/01/2030', title: '' }));
    expectProblem(bad, 400, 'validation_failed');
    expect(problemFields(bad)).toEqual(expect.arrayContaining(['body.type', 'body.dueDate', 'body.title']));
  });
});

describe('GET /jobs', () => {
  let c: Json;
  let b1: Json;
  let b2: Json;
  const jobs: Json[] = [];

  beforeAll(async () => {
    c = await completeIntake(a.ad.token, await createClient(a.ad.token));
    [b1, b2] = await Promise.all([createBrand(a.ad.token, c.clientId), createBrand(a.ad.token, c.clientId)]);
    await setTeam(a.ad.token, c.clientId, [a.ad, a.am, a.ae, ae2]);
    const specs = [
      { brandId: b1.brandId },
      { brandId: b1.brandId, ownerId: ae2.staff.staffId },
      { brandId: b2.brandId },
      { brandId: b2.brandId, ownerId: ae2.staff.staffId },
    ];
    for (const s of specs) {
      const res = await open(a.ae.token, { clientId: c.clientId, title: 'Job', type: 'creative', ...s });
      expectStatus(res, 201);
      jobs.push(res.body);
    }
    const started = await patchJob(a.ae.token, jobs[0], 1, { status: 'in_progress' });
    expectStatus(started, 200);
    jobs[0] = started.body;
  });

  const list = (query: string, token = a.ae.token) => listAll(`/jobs?${query}`, token);

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
    const own = await list(`status=open`, ae2.token);
    expect(own.every((j) => j.ownerId === ae2.staff.staffId)).toBe(true);
    expect(numbers(own)).toEqual(expect.arrayContaining([jobs[1].jobNumber, jobs[3].jobNumber]));
    const mine = await list('', a.ae.token);
    expect(mine.every((j) => j.ownerId === a.ae.staff.staffId)).toBe(true);
    expect(numbers(mine)).toContain(jobs[0].jobNumber);

    const brandOnly = await api('GET', `/jobs?brandId=${b1.brandId}`, { token: a.ae.token });
    expectProblem(brandOnly, 400, 'client_required');
    expect(problemFields(brandOnly)).toEqual(['query.brandId']);
    expectProblem(
      await api('GET', `/jobs?ownerId=${ae2.staff.staffId}`, { token: a.ae.token }),
      403,
      'forbidden',
    );
    const byHead = await list(`ownerId=${ae2.staff.staffId}`, a.head.token);
    expect(numbers(byHead)).toEqual(expect.arrayContaining([jobs[1].jobNumber, jobs[3].jobNumber]));
  });

  it('clientId of a client the caller does not see is 404; bad filters 400', async () => {
    expectProblem(await api('GET', `/jobs?clientId=${c.clientId}`, { token: ae3.token }), 404, 'not_found');
    expectProblem(await api('GET', '/jobs?status=done', { token: a.ae.token }), 400, 'validation_failed');
    expectProblem(await api('GET', '/jobs?clientId=abc', { token: a.ae.token }), 400, 'validation_failed');
    expectProblem(
      await api('GET', `/jobs?clientId=${c.clientId}&nextToken=bad`, { token: a.ae.token }),
      400,
      'invalid_next_token',
    );
  });

  it('limit=1 walks a client’s jobs without repeats', async () => {
    const walked = await list(`clientId=${c.clientId}`, a.ae.token);
    const paged = await listAll(`/jobs?clientId=${c.clientId}`, a.ae.token, 1);
    expect(numbers(paged)).toEqual(numbers(walked));
  });

  it('a former team member no longer sees the client’s jobs, in any list', async () => {
    const d = await completeIntake(a.ad.token, await createClient(a.ad.token));
    const b = await createBrand(a.ad.token, d.clientId);
    await setTeam(a.ad.token, d.clientId, [a.ad, ae3]);
    const job = (
      await open(ae3.token, { clientId: d.clientId, brandId: b.brandId, title: 'Secret', type: 'pr' })
    ).body;
    expect(numbers(await list('', ae3.token))).toContain(job.jobNumber);
    await setTeam(a.ad.token, d.clientId, [a.ad]);
    expectProblem(await api('GET', `/jobs/${job.jobId}`, { token: ae3.token }), 404, 'not_found');
    expectProblem(await api('GET', `/jobs?clientId=${d.clientId}`, { token: ae3.token }), 404);
    // Visibility is team membership: the own-jobs list must not keep showing them.
    expect(numbers(await list('', ae3.token))).not.toContain(job.jobNumber);
  });
});

describe('PATCH /jobs/{id} and GET /jobs/{id}', () => {
  it('status: open→completed 409; open→in_progress→on_hold→in_progress→completed; completed is final', async () => {
    let job = (await open(a.ae.token, jobBody())).body;
    const skip = await patchJob(a.ae.token, job, 1, { status: 'completed' });
    expectProblem(skip, 409, 'invalid_status_transition');
    expect(problemFields(skip)).toEqual(['body.status']);

    for (const [status, version] of [
      ['in_progress', 1],
      ['on_hold', 2],
      ['in_progress', 3],
      ['completed', 4],
    ] as const) {
      const res = await patchJob(a.ae.token, job, version, { status });
      expectStatus(res, 200);
      expect(res.body.status).toBe(status);
      expect(res.headers.get('etag')).toBe(`"${version + 1}"`);
      job = res.body;
    }
    expect(job.statusHistory.map((h: Json) => [h.from, h.to])).toEqual([
      [undefined, 'open'],
      ['open', 'in_progress'],
      ['in_progress', 'on_hold'],
      ['on_hold', 'in_progress'],
      ['in_progress', 'completed'],
    ]);
    expect(job.statusHistory.every((h: Json) => h.by === a.ae.staff.staffId)).toBe(true);
    for (const status of ['in_progress', 'cancelled', 'open', 'on_hold']) {
      expectProblem(await patchJob(a.ae.token, job, 5, { status }), 409, 'invalid_status_transition');
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
    expectStatus(res, 200);
    expectProblem(
      await patchJob(a.ae.token, res.body, 2, { status: 'in_progress' }),
      409,
      'invalid_status_transition',
    );
  });

  it('traffic may reschedule (dueDate) but not change status (403)', async () => {
    const job = (await open(a.ae.token, jobBody({ dueDate: '2030-03-01' }))).body;
    const moved = await patchJob(a.traffic.token, job, 1, { dueDate: '2030-04-15' });
    expectStatus(moved, 200);
    expect(moved.body).toMatchObject({ dueDate: '2030-04-15', version: 2, status: 'open' });
    expectProblem(await patchJob(a.traffic.token, job, 2, { status: 'in_progress' }), 403, 'forbidden');
    const cleared = await patchJob(a.traffic.token, job, 2, { dueDate: null });
    expectStatus(cleared, 200);
    expect(cleared.body).not.toHaveProperty('dueDate');
    expectProblem(await patchJob(a.aae.token, job, 3, { title: 'X' }), 403, 'forbidden');
    expectProblem(await patchJob(a.rep.token, job, 3, { dueDate: '2030-05-01' }), 403, 'forbidden');
  });

  it('reassigning is for managers (AE 403); the new owner must be on the team', async () => {
    const job = (await open(a.ae.token, jobBody())).body;
    expectProblem(await patchJob(a.ae.token, job, 1, { ownerId: ae2.staff.staffId }), 403, 'forbidden');
    expectProblem(await patchJob(a.am.token, job, 1, { ownerId: ae3.staff.staffId }), 400, 'invalid_owner');
    const res = await patchJob(a.am.token, job, 1, { ownerId: ae2.staff.staffId });
    expectStatus(res, 200);
    expect(res.body.ownerId).toBe(ae2.staff.staffId);
    const own = await listAll('/jobs', ae2.token);
    expect(own.map((j) => j.jobId)).toContain(job.jobId);
    expect((await listAll('/jobs', a.ae.token)).map((j) => j.jobId)).not.toContain(job.jobId);
  });

  it('optimistic locking: 428 without If-Match, 409 when stale; 400 for an empty or bad patch', async () => {
    const job = (await open(a.ae.token, jobBody())).body;
    expectProblem(await patchJob(a.ae.token, job, undefined, { title: 'X' }), 428, 'precondition_required');
    expectStatus(
      await patchJob(a.ae.token, job, 1, { title: 'Renamed', budget: { amount: 5, currency: 'USD' } }),
      200,
    );
    expectProblem(await patchJob(a.ae.token, job, 1, { title: 'Again' }), 409, 'version_conflict');
    expectProblem(await patchJob(a.ae.token, job, 2, {}), 400, 'validation_failed');
    for (const body of [
      { jobNumber: 'X-1' },
      { status: 'done' },
      { clientId: foreign.clientId },
      { budget: { amount: 1 } },
    ]) {
      expectProblem(await patchJob(a.ae.token, job, 2, body), 400, 'validation_failed');
    }
  });

  it('unknown jobs are 404 (whether or not the client is visible); malformed ids 400; never 5xx', async () => {
    const caller = a.ae.token;
    expectProblem(
      await api('GET', `/jobs/${client.clientId}_${unknownId()}`, { token: caller }),
      404,
      'not_found',
    );
    expectProblem(
      await api('GET', `/jobs/${foreign.clientId}_${unknownId()}`, { token: caller }),
      404,
      'not_found',
    );
    expectProblem(
      await api('GET', `/jobs/${unknownId()}_${unknownId()}`, { token: caller }),
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
    expectProblem(await api('GET', `/jobs/${foreignJob.jobId}`, { token: caller }), 404, 'not_found');
    expectProblem(await patchJob(caller, foreignJob, 1, { title: 'Mine now' }), 404, 'not_found');
    // The job id names its client: swapping in another client's id does not find it.
    const own = (await open(caller, jobBody())).body;
    const swapped = `${foreign.clientId}_${own.jobId.split('_')[1]}`;
    expectProblem(await api('GET', `/jobs/${swapped}`, { token: a.head.token }), 404, 'not_found');

    for (const bad of [
      'abc',
      client.clientId,
      `${client.clientId}_`,
      `${client.clientId}_x`,
      `${own.jobId}_${unknownId()}`,
      own.jobId.toLowerCase(),
    ]) {
      const res = await api('GET', `/jobs/${encodeURIComponent(bad)}`, { token: caller });
      expectProblem(res, 400, 'validation_failed');
    }
  });
});
