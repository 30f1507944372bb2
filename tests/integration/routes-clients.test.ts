/**
 * Client routes: creation and its rules, server-set fields, intake completeness, optimistic
 * locking, visibility (head / GAD / team), pagination and the activity trail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let a: fx.Agency;
/** An AD reporting straight to the head (not to our GAD). */
let ad2: fx.Person;

beforeAll(async () => {
  a = await fx.buildAgency();
  ad2 = await fx.appoint(a.head, 'account_director', a.head);
});

const patchClient = (token: string, id: string, version: number | undefined, body: unknown) =>
  api('PATCH', `/clients/${id}`, {
    token,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });

const ids = (items: fx.Json[]) => items.map((c) => c.clientId);

describe('POST /clients', () => {
  it('creates a prospect; the creating AD is on its team and sees it; an AE not on the team gets 404', async () => {
    const code = fx.clientCode();
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: { name: 'Acme Tea', code, industry: 'Beverages' },
    });
    fx.expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`/clients/${res.body.clientId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      name: 'Acme Tea',
      code,
      industry: 'Beverages',
      status: 'prospect',
      confidentiality: 'standard',
      intake: {},
      intakeCompleteness: {
        complete: false,
        missing: ['productKnowledge', 'marketSituation', 'advertisingBudget', 'marketingPlan'],
      },
      createdBy: a.ad.staff.staffId,
      version: 1,
    });
    const id = res.body.clientId;

    const team = await api('GET', `/clients/${id}/team`, { token: a.ad.token });
    fx.expectStatus(team, 200);
    expect(team.body.members).toEqual([
      { staffId: a.ad.staff.staffId, role: 'account_director', name: a.ad.staff.name },
    ]);

    const own = await api('GET', `/clients/${id}`, { token: a.ad.token });
    fx.expectStatus(own, 200);
    expect(own.body).toEqual(res.body);
    expect(own.headers.get('etag')).toBe('"1"');
    fx.expectStatus(await api('GET', `/clients/${id}`, { token: a.head.token }), 200);
    fx.expectStatus(await api('GET', `/clients/${id}`, { token: a.gad.token }), 200);
    for (const p of [a.ae, a.am, a.traffic, ad2]) {
      fx.expectProblem(await api('GET', `/clients/${id}`, { token: p.token }), 404, 'not_found');
    }
  });

  it('accepts status, source, confidentiality and a partial intake', async () => {
    const res = await api('POST', '/clients', {
      token: a.gad.token,
      body: {
        name: 'Beta Soap',
        code: fx.clientCode(),
        industry: 'FMCG',
        status: 'pitching',
        acquisitionSource: 'referral',
        confidentiality: 'restricted',
        intake: {
          productKnowledge: 'Bars and liquid',
          advertisingBudget: { amountMinor: 100_050, currency: 'EUR' },
        },
      },
    });
    fx.expectStatus(res, 201);
    expect(res.body).toMatchObject({
      status: 'pitching',
      acquisitionSource: 'referral',
      confidentiality: 'restricted',
      intakeCompleteness: { complete: false, missing: ['marketSituation', 'marketingPlan'] },
    });
  });

  it('only directors create clients (AM/AE 403)', async () => {
    for (const p of [a.am, a.ae, a.traffic]) {
      const res = await api('POST', '/clients', {
        token: p.token,
        body: { name: 'No', code: fx.clientCode(), industry: 'X' },
      });
      fx.expectProblem(res, 403, 'forbidden');
    }
  });

  it.each(['A', 'ab', 'ABCDEFGHI', 'AB1', 'AB-C', 'ÄBC'])(
    'rejects the code %j (400 on body.code)',
    async (code) => {
      const res = await api('POST', '/clients', {
        token: a.ad.token,
        body: { name: 'Bad Code', code, industry: 'X' },
      });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(fx.problemFields(res)).toEqual(['body.code']);
    },
  );

  it('rejects a duplicate code (409 duplicate_code)', async () => {
    const first = await fx.createClient(a.ad);
    const res = await api('POST', '/clients', {
      token: ad2.token,
      body: { name: 'Copycat', code: first.code, industry: 'X' },
    });
    fx.expectProblem(res, 409, 'duplicate_code');
    expect(fx.problemFields(res)).toEqual(['body.code']);
  });

  it.each([
    ['clientId', () => fx.unknownId()],
    ['version', () => 3],
    ['createdAt', () => new Date().toISOString()],
    ['updatedAt', () => new Date().toISOString()],
    ['createdBy', () => fx.unknownId()],
    ['intakeCompleteness', () => ({ complete: true, missing: [] })],
  ])('rejects the server-set field %s (400 naming it)', async (field, value) => {
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: { name: 'Sneaky', code: fx.clientCode(), industry: 'X', [field]: value() },
    });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'body', message: `Not a field you may set: ${field}.` }]);
  });

  it('rejects bad intake values and unknown intake fields', async () => {
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: {
        name: 'Bad Intake',
        code: fx.clientCode(),
        industry: 'X',
        intake: { advertisingBudget: { amountMinor: -1, currency: 'usd' }, mood: 'good' },
      },
    });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(fx.problemFields(res)).toEqual(
      expect.arrayContaining([
        'body.intake.advertisingBudget.amountMinor',
        'body.intake.advertisingBudget.currency',
        'body.intake',
      ]),
    );
  });
});

describe('PATCH /clients/{id}', () => {
  it('changes status and intake under optimistic locking; completeness follows', async () => {
    const c = await fx.createClient(a.ad);
    const missing = await patchClient(a.ad.token, c.clientId, undefined, { status: 'active' });
    fx.expectProblem(missing, 428, 'precondition_required');

    const active = await patchClient(a.ad.token, c.clientId, 1, { status: 'active' });
    fx.expectStatus(active, 200);
    expect(active.body).toMatchObject({ status: 'active', version: 2 });
    expect(active.headers.get('etag')).toBe('"2"');
    fx.expectProblem(
      await patchClient(a.ad.token, c.clientId, 1, { status: 'dormant' }),
      409,
      'version_conflict',
    );

    const part = await patchClient(a.ad.token, c.clientId, 2, {
      intake: {
        productKnowledge: fx.fullIntake.productKnowledge,
        marketSituation: fx.fullIntake.marketSituation,
      },
    });
    fx.expectStatus(part, 200);
    expect(part.body.intakeCompleteness).toEqual({
      complete: false,
      missing: ['advertisingBudget', 'marketingPlan'],
    });
    const rest = await patchClient(a.ad.token, c.clientId, 3, {
      intake: {
        advertisingBudget: fx.fullIntake.advertisingBudget,
        marketingPlan: fx.fullIntake.marketingPlan,
      },
    });
    fx.expectStatus(rest, 200);
    expect(rest.body.intake).toEqual(fx.fullIntake);
    expect(rest.body.intakeCompleteness).toEqual({ complete: true, missing: [] });
    expect((await api('GET', `/clients/${c.clientId}`, { token: a.head.token })).body).toEqual(rest.body);
  });

  it('rejects server-set fields, the code, an empty patch and bad values (400)', async () => {
    const c = await fx.createClient(a.ad);
    for (const field of ['clientId', 'version', 'createdAt', 'intakeCompleteness', 'code', 'createdBy']) {
      const res = await patchClient(a.ad.token, c.clientId, 1, { [field]: 'X' });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    fx.expectProblem(await patchClient(a.ad.token, c.clientId, 1, {}), 400, 'validation_failed');
    const bad = await patchClient(a.ad.token, c.clientId, 1, { status: 'happy' });
    fx.expectProblem(bad, 400, 'validation_failed');
    expect(fx.problemFields(bad)).toEqual(['body.status']);
    expect((await api('GET', `/clients/${c.clientId}`, { token: a.ad.token })).body.version).toBe(1);
  });

  it('an AE on the team may update; an AAE on the team may not (403); outsiders get 404', async () => {
    const c = await fx.createClient(a.ad);
    const team = await fx.setTeam(a.ad, c.clientId, [a.ad, a.ae, a.aae]);
    expect(team.members).toHaveLength(3);
    fx.expectProblem(await patchClient(a.aae.token, c.clientId, 1, { status: 'pitching' }), 403, 'forbidden');
    fx.expectStatus(await patchClient(a.ae.token, c.clientId, 1, { status: 'pitching' }), 200);
    fx.expectProblem(await patchClient(a.am.token, c.clientId, 2, { status: 'active' }), 404, 'not_found');
    fx.expectProblem(
      await patchClient(a.ad.token, fx.unknownId(), 1, { status: 'active' }),
      404,
      'not_found',
    );
  });
});

describe('GET /clients (visibility and paging)', () => {
  let ofAd: fx.Json[];
  let ofHead: fx.Json;
  let ofAd2: fx.Json;

  beforeAll(async () => {
    ofAd = [await fx.createClient(a.ad), await fx.createClient(a.ad), await fx.createClient(a.ad)];
    ofHead = await fx.createClient(a.head);
    ofAd2 = await fx.createClient(ad2);
  });

  it('the head sees every client', async () => {
    const all = ids(await fx.listAll('/clients', a.head));
    for (const c of [...ofAd, ofHead, ofAd2]) expect(all).toContain(c.clientId);
  });

  it('a GAD sees the clients of the ADs reporting to them, not others', async () => {
    const seen = ids(await fx.listAll('/clients', a.gad));
    for (const c of ofAd) expect(seen).toContain(c.clientId);
    expect(seen).not.toContain(ofHead.clientId);
    expect(seen).not.toContain(ofAd2.clientId);
    fx.expectProblem(await api('GET', `/clients/${ofAd2.clientId}`, { token: a.gad.token }), 404);
  });

  it('an AD sees their own clients only', async () => {
    const seen = ids(await fx.listAll('/clients', ad2));
    expect(seen).toEqual([ofAd2.clientId]);
  });

  it('an AE sees only the clients whose team they are on', async () => {
    const before = ids(await fx.listAll('/clients', a.ae));
    for (const c of [...ofAd, ofHead, ofAd2]) expect(before).not.toContain(c.clientId);
    await fx.setTeam(a.head, ofHead.clientId, [a.ae]);
    const after = ids(await fx.listAll('/clients', a.ae));
    expect(after).toContain(ofHead.clientId);
    for (const c of [...ofAd, ofAd2]) expect(after).not.toContain(c.clientId);
    fx.expectStatus(await api('GET', `/clients/${ofHead.clientId}`, { token: a.ae.token }), 200);
  });

  it('limit=1 walks every visible client once, by name (in-memory paging)', async () => {
    const expected = ids(await fx.listAll('/clients', a.gad));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const walked = await fx.listAll('/clients', a.gad, 1);
    expect(ids(walked)).toEqual(expected);
    expect(new Set(ids(walked)).size).toBe(walked.length);
    const names = walked.map((c) => c.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('limit=1 pages the head’s list without repeats (index paging)', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await api('GET', `/clients?limit=1${nextToken ? `&nextToken=${nextToken}` : ''}`, {
        token: a.head.token,
      });
      fx.expectStatus(res, 200);
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0].clientId);
      nextToken = res.body.nextToken;
      expect(nextToken).toBeTypeOf('string');
    }
    expect(new Set(seen).size).toBe(5);
  });

  it('rejects a bad nextToken (400 invalid_next_token), for both kinds of list', async () => {
    const foreign = Buffer.from(JSON.stringify({ GSI1PK: 'STAFF', GSI1SK: 'x', PK: 'x', SK: 'x' })).toString(
      'base64url',
    );
    for (const token of [a.head.token, a.gad.token]) {
      for (const bad of ['garbage', 'eyJ4Ijp7fX0', foreign]) {
        fx.expectProblem(await api('GET', `/clients?nextToken=${bad}`, { token }), 400, 'invalid_next_token');
      }
    }
  });

  it('rejects bad limits and unknown query parameters (400)', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'status=active']) {
      fx.expectProblem(await api('GET', `/clients?${q}`, { token: a.ad.token }), 400, 'validation_failed');
    }
  });
});

describe('GET /clients/{id}/activity', () => {
  it('lists events newest first with before/after versions and changes', async () => {
    const c = await fx.createClient(a.ad);
    await patchClient(a.ad.token, c.clientId, 1, { status: 'active' });
    await patchClient(a.ad.token, c.clientId, 2, { intake: fx.fullIntake });
    const res = await api('GET', `/clients/${c.clientId}/activity`, { token: a.ad.token });
    fx.expectStatus(res, 200);
    const [intake, status, created] = res.body.items;
    expect(res.body.items).toHaveLength(3);
    expect(created).toMatchObject({
      action: 'client.created',
      actorId: a.ad.staff.staffId,
      entityType: 'client',
      entityId: c.clientId,
      afterVersion: 1,
    });
    expect(created.beforeVersion).toBeUndefined();
    expect(status).toMatchObject({
      action: 'client.status_changed',
      beforeVersion: 1,
      afterVersion: 2,
      changes: { status: { from: 'prospect', to: 'active' } },
    });
    expect(intake).toMatchObject({
      action: 'client.updated',
      beforeVersion: 2,
      afterVersion: 3,
      changes: { intake: { from: {}, to: fx.fullIntake } },
    });
    const at = res.body.items.map((e: fx.Json) => e.at);
    expect(at).toEqual([...at].sort().reverse());

    const page1 = await api('GET', `/clients/${c.clientId}/activity?limit=2`, { token: a.head.token });
    expect(page1.body.items.map((e: fx.Json) => e.eventId)).toEqual([intake.eventId, status.eventId]);
    const page2 = await api(
      'GET',
      `/clients/${c.clientId}/activity?limit=2&nextToken=${page1.body.nextToken}`,
      { token: a.head.token },
    );
    expect(page2.body.items.map((e: fx.Json) => e.eventId)).toEqual([created.eventId]);

    fx.expectProblem(
      await api('GET', `/clients/${c.clientId}/activity`, { token: a.ae.token }),
      404,
      'not_found',
    );
  });

  it('a nextToken from another client’s trail is refused (400)', async () => {
    const c1 = await fx.createClient(a.ad);
    const c2 = await fx.createClient(a.ad);
    await patchClient(a.ad.token, c1.clientId, 1, { status: 'active' });
    const page = await api('GET', `/clients/${c1.clientId}/activity?limit=1`, { token: a.ad.token });
    expect(page.body.nextToken).toBeTypeOf('string');
    fx.expectProblem(
      await api('GET', `/clients/${c2.clientId}/activity?nextToken=${page.body.nextToken}`, {
        token: a.ad.token,
      }),
      400,
      'invalid_next_token',
    );
  });
});
