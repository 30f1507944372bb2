/**
 * Staff routes: appointment (head only), reporting lines, directory filters, /me, role
 * changes that apply at once and are audited, deactivation, last head, optimistic locking.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Staff } from '../../shared/accounts/entities.js';
import { getItem, type Item, putItem, queryAll, transact } from '../../shared/platform/db/table.js';
import { api, bootstrapHead, mintToken, uniqueEmail } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let a: fx.Agency;

beforeAll(async () => {
  a = await fx.buildAgency();
});

const patchStaff = (token: string, staffId: string, version: number | string | undefined, body: unknown) =>
  api('PATCH', `/staff/${staffId}`, {
    token,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });

describe('POST /staff', () => {
  it('lets the head appoint: 201 with Location, ETag and the stored record', async () => {
    const email = uniqueEmail('New.Hire').toUpperCase();
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: { email, name: '  Ann Hire  ', role: 'account_manager', reportsTo: a.ad.staff.staffId },
    });
    fx.expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`/staff/${res.body.staffId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      email: email.toLowerCase(),
      name: 'Ann Hire',
      role: 'account_manager',
      reportsTo: a.ad.staff.staffId,
      active: true,
      version: 1,
    });
    expect(res.body.staffId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const got = await api('GET', res.headers.get('location') as string, { token: a.ae.token });
    fx.expectStatus(got, 200);
    expect(got.body).toEqual(res.body);
  });

  it.each([
    ['account_director', () => a.ad.token],
    ['group_account_director', () => a.gad.token],
    ['account_executive', () => a.ae.token],
  ])('refuses a %s (403)', async (_role, token) => {
    const res = await api('POST', '/staff', {
      token: token(),
      body: { email: uniqueEmail(), name: 'Nope', role: 'creative' },
    });
    fx.expectProblem(res, 403, 'forbidden');
  });

  it('rejects a duplicate email, whatever its case (409 duplicate_email)', async () => {
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: { email: a.ae.staff.email.toUpperCase(), name: 'Twin', role: 'creative' },
    });
    fx.expectProblem(res, 409, 'duplicate_email');
    expect(fx.problemFields(res)).toEqual(['body.email']);
  });

  it.each([
    ['an AE reporting to an AD', 'account_executive', () => a.ad.staff.staffId],
    ['an AAE reporting to an AM', 'assistant_account_executive', () => a.am.staff.staffId],
    ['an AM reporting to the head', 'account_manager', () => a.head.staff.staffId],
    ['a traffic coordinator reporting to a GAD', 'traffic_coordinator', () => a.gad.staff.staffId],
    ['a rep reporting to an AAE', 'account_rep', () => a.aae.staff.staffId],
    ['a head reporting to anyone', 'head_of_accounts', () => a.head.staff.staffId],
  ])('rejects %s (400 invalid_reporting_line)', async (_what, role, reportsTo) => {
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: { email: uniqueEmail(), name: 'Wrong Line', role, reportsTo: reportsTo() },
    });
    fx.expectProblem(res, 400, 'invalid_reporting_line');
    expect(fx.problemFields(res)).toEqual(['body.reportsTo']);
  });

  it('rejects a manager who does not exist (400 unknown_manager)', async () => {
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: { email: uniqueEmail(), name: 'Orphan', role: 'account_executive', reportsTo: fx.unknownId() },
    });
    fx.expectProblem(res, 400, 'unknown_manager');
  });

  it('validates the body and names each bad or server-set field', async () => {
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: { email: 'not-an-email', name: '', role: 'boss', staffId: fx.unknownId(), active: false },
    });
    fx.expectProblem(res, 400, 'validation_failed');
    const fields = fx.problemFields(res);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role']));
    const unknownKeys = res.body.errors.find((e: fx.Json) => /Not a field you may set/.test(e.message));
    expect(unknownKeys.message).toMatch(/staffId/);
    expect(unknownKeys.message).toMatch(/active/);
  });
});

describe('GET /staff, /staff/{id}, /me', () => {
  it('filters by reporting line', async () => {
    const items = await fx.listAll(`/staff?reportsTo=${a.ae.staff.staffId}`, a.rep);
    expect(items.map((s) => s.staffId).sort()).toEqual([a.aae.staff.staffId, a.rep.staff.staffId].sort());
  });

  it('filters by role, and by role within a reporting line', async () => {
    const reps = await fx.listAll('/staff?role=account_rep', a.ae);
    expect(reps.every((s) => s.role === 'account_rep')).toBe(true);
    expect(reps.map((s) => s.staffId)).toContain(a.rep.staff.staffId);

    const both = await fx.listAll(`/staff?role=traffic_coordinator&reportsTo=${a.head.staff.staffId}`, a.ae);
    expect(both.map((s) => s.staffId)).toEqual([a.traffic.staff.staffId]);
  });

  it('lists the directory by name, every page without repeats', async () => {
    const all = await fx.listAll('/staff', a.creative);
    const ids = all.map((s) => s.staffId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of Object.values(a)) expect(ids).toContain(p.staff.staffId);
    const names = all.map((s) => s.name.trim().toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('rejects bad list queries (400)', async () => {
    fx.expectProblem(await api('GET', '/staff?role=boss', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(await api('GET', '/staff?limit=0', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(await api('GET', '/staff?limit=101', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(await api('GET', '/staff?colour=red', { token: a.ae.token }), 400, 'validation_failed');
    fx.expectProblem(
      await api('GET', '/staff?nextToken=not-a-token', { token: a.ae.token }),
      400,
      'invalid_next_token',
    );
  });

  it('gets one staff member with an ETag; unknown 404, malformed id 400', async () => {
    const res = await api('GET', `/staff/${a.am.staff.staffId}`, { token: a.creative.token });
    fx.expectStatus(res, 200);
    expect(res.body).toEqual(a.am.staff);
    expect(res.headers.get('etag')).toBe(`"${a.am.staff.version}"`);
    fx.expectProblem(await api('GET', `/staff/${fx.unknownId()}`, { token: a.ae.token }), 404, 'not_found');
    fx.expectProblem(await api('GET', '/staff/not-an-id', { token: a.ae.token }), 400, 'validation_failed');
  });

  it('GET /me answers the caller', async () => {
    for (const p of [a.head, a.ae, a.traffic]) {
      const res = await api('GET', '/me', { token: p.token });
      fx.expectStatus(res, 200);
      expect(res.body.staffId).toBe(p.staff.staffId);
      expect(res.body.role).toBe(p.staff.role);
    }
  });
});

describe('PATCH /staff/{id}', () => {
  it('requires If-Match (428), a well-formed one (400) and the current version (409)', async () => {
    const p = await fx.appoint(a.head, 'creative');
    const missing = await patchStaff(a.head.token, p.staff.staffId, undefined, { name: 'X' });
    fx.expectProblem(missing, 428, 'precondition_required');
    expect(fx.problemFields(missing)).toEqual(['header.if-match']);
    const bad = await api('PATCH', `/staff/${p.staff.staffId}`, {
      token: a.head.token,
      body: { name: 'X' },
      headers: { 'if-match': 'abc' },
    });
    fx.expectProblem(bad, 400, 'invalid_if_match');

    const first = await patchStaff(a.head.token, p.staff.staffId, 1, { name: 'Renamed' });
    fx.expectStatus(first, 200);
    expect(first.body).toMatchObject({ name: 'Renamed', version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await patchStaff(a.head.token, p.staff.staffId, 1, { name: 'Again' });
    fx.expectProblem(stale, 409, 'version_conflict');
    expect((await api('GET', `/staff/${p.staff.staffId}`, { token: a.head.token })).body.name).toBe(
      'Renamed',
    );
  });

  it('is for the head only (403), rejects an empty patch and server-set fields (400)', async () => {
    const p = await fx.appoint(a.head, 'creative');
    fx.expectProblem(await patchStaff(a.ad.token, p.staff.staffId, 1, { name: 'X' }), 403, 'forbidden');
    fx.expectProblem(await patchStaff(p.token, p.staff.staffId, 1, { role: 'head_of_accounts' }), 403);
    fx.expectProblem(await patchStaff(a.head.token, p.staff.staffId, 1, {}), 400, 'validation_failed');
    const meta = await patchStaff(a.head.token, p.staff.staffId, 1, { version: 7, email: 'a@b.example' });
    fx.expectProblem(meta, 400, 'validation_failed');
    expect(JSON.stringify(meta.body.errors)).toMatch(/version/);
    expect(JSON.stringify(meta.body.errors)).toMatch(/email/);
    fx.expectProblem(await patchStaff(a.head.token, fx.unknownId(), 1, { name: 'X' }), 404, 'not_found');
  });

  it('applies a demotion at once: the demoted AE cannot open a job on the next request, and it is audited', async () => {
    const ae2 = await fx.appoint(a.head, 'account_executive', a.am);
    let client = await fx.createClient(a.ad);
    client = await fx.completeIntake(a.ad, client);
    const brand = await fx.createBrand(a.ad, client.clientId);
    await fx.setTeam(a.ad, client.clientId, [a.ad, ae2]);
    const job = { clientId: client.clientId, brandId: brand.brandId, title: 'Launch', type: 'campaign' };
    fx.expectStatus(await api('POST', '/jobs', { token: ae2.token, body: job }), 201);

    const demoted = await patchStaff(a.head.token, ae2.staff.staffId, 1, {
      role: 'assistant_account_executive',
      reportsTo: a.ae.staff.staffId,
    });
    fx.expectStatus(demoted, 200);
    expect(demoted.body).toMatchObject({ role: 'assistant_account_executive', version: 2 });

    fx.expectProblem(await api('POST', '/jobs', { token: ae2.token, body: job }), 403, 'forbidden');
    expect((await api('GET', '/me', { token: ae2.token })).body.role).toBe('assistant_account_executive');

    const activity = await api('GET', `/staff/${ae2.staff.staffId}/activity`, { token: a.head.token });
    fx.expectStatus(activity, 200);
    const [latest, appointed] = activity.body.items;
    expect(activity.body.items).toHaveLength(2);
    expect(latest).toMatchObject({
      action: 'staff.role_changed',
      actorId: a.head.staff.staffId,
      entityType: 'staff',
      entityId: ae2.staff.staffId,
      beforeVersion: 1,
      afterVersion: 2,
      changes: {
        role: { from: 'account_executive', to: 'assistant_account_executive' },
        reportsTo: { from: a.am.staff.staffId, to: a.ae.staff.staffId },
      },
    });
    expect(appointed).toMatchObject({ action: 'staff.appointed', afterVersion: 1 });
    expect(latest.at >= appointed.at).toBe(true);

    // The person may read their own trail; others (not the head) may not.
    fx.expectStatus(await api('GET', `/staff/${ae2.staff.staffId}/activity`, { token: ae2.token }), 200);
    fx.expectProblem(
      await api('GET', `/staff/${ae2.staff.staffId}/activity`, { token: a.ad.token }),
      403,
      'forbidden',
    );
    fx.expectProblem(
      await api('GET', `/staff/${fx.unknownId()}/activity`, { token: a.head.token }),
      404,
      'not_found',
    );
  });

  it('a role change that breaks the reporting line is refused (400 / 409)', async () => {
    const ae3 = await fx.appoint(a.head, 'account_executive', a.am);
    // An AAE must report to an AE: keeping the AM as manager is invalid.
    fx.expectProblem(
      await patchStaff(a.head.token, ae3.staff.staffId, 1, { role: 'assistant_account_executive' }),
      400,
      'invalid_reporting_line',
    );
    // The AE has an AAE and a rep reporting to them: an AAE could not manage them.
    fx.expectProblem(
      await patchStaff(a.head.token, a.ae.staff.staffId, a.ae.staff.version, {
        role: 'assistant_account_executive',
        reportsTo: ae3.staff.staffId,
      }),
      409,
      'reporting_line_conflict',
    );
    fx.expectProblem(
      await patchStaff(a.head.token, ae3.staff.staffId, 1, { reportsTo: ae3.staff.staffId }),
      400,
      'invalid_reporting_line',
    );
  });

  it('deactivation: that person’s token gets 401 at once; someone with reports cannot be deactivated', async () => {
    const p = await fx.appoint(a.head, 'creative');
    fx.expectStatus(await api('GET', '/me', { token: p.token }), 200);
    const res = await patchStaff(a.head.token, p.staff.staffId, 1, { active: false });
    fx.expectStatus(res, 200);
    expect(res.body.active).toBe(false);
    const me = await api('GET', '/me', { token: p.token });
    expect(me.status).toBe(401);
    expect((await api('GET', '/staff', { token: p.token })).status).toBe(401);
    expect((await api('GET', '/clients', { token: p.token })).status).toBe(401);
    expect((await api('GET', '/jobs', { token: p.token })).status).toBe(401);

    fx.expectProblem(
      await patchStaff(a.head.token, a.ae.staff.staffId, a.ae.staff.version, { active: false }),
      409,
      'has_direct_reports',
    );
  });

  it('a token for an id that is not staff gets 401', async () => {
    const token = await mintToken(fx.unknownId(), uniqueEmail('ghost'));
    expect((await api('GET', '/me', { token })).status).toBe(401);
  });

  it('a head may be demoted while another head remains', async () => {
    const head2 = await bootstrapHead();
    const res = await patchStaff(a.head.token, head2.staff.staffId, head2.staff.version, {
      role: 'account_director',
      reportsTo: a.head.staff.staffId,
    });
    fx.expectStatus(res, 200);
    expect(res.body.role).toBe('account_director');
    const appoint2 = await api('POST', '/staff', {
      token: head2.token,
      body: { email: uniqueEmail(), name: 'Not Now', role: 'creative' },
    });
    fx.expectProblem(appoint2, 403, 'forbidden');
  });

  it('the last active head cannot be demoted or deactivated (409 last_head_of_accounts)', async () => {
    // The table is shared by the whole run: other files' heads are set inactive for the
    // duration of this test, directly in the table (files run one at a time), then restored.
    const others: Item[] = [];
    for (const h of await queryAll(Staff.withRole('head_of_accounts'))) {
      if (h.staffId === a.head.staff.staffId || !h.active) continue;
      const item = await getItem(Staff.key(h.staffId as string));
      if (item) others.push(item);
    }
    try {
      for (const item of others) await transact([putItem({ ...item, active: false })]);
      const me = (await api('GET', '/me', { token: a.head.token })).body;
      fx.expectProblem(
        await patchStaff(a.head.token, a.head.staff.staffId, me.version, { role: 'account_director' }),
        409,
        'last_head_of_accounts',
      );
      fx.expectProblem(
        await patchStaff(a.head.token, a.head.staff.staffId, me.version, { active: false }),
        409,
        'last_head_of_accounts',
      );
      expect((await api('GET', '/me', { token: a.head.token })).body).toMatchObject({
        role: 'head_of_accounts',
        active: true,
        version: me.version,
      });
    } finally {
      for (const item of others) await transact([putItem(item)]);
    }
  });
});
