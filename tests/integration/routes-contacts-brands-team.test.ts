/**
 * Contacts, brands and the account team of a client: create/list/patch, per-client
 * email uniqueness, sign-off kinds, null removing optional fields, team validation,
 * visibility that follows the team at once, and who may manage what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, uniqueEmail } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let a: fx.Agency;
let client: fx.Json;
let other: fx.Json;
let outsider: fx.Person;

beforeAll(async () => {
  a = await fx.buildAgency();
  outsider = await fx.appoint(a.head, 'account_executive', a.am);
  client = await fx.createClient(a.ad);
  other = await fx.createClient(a.ad);
  await fx.setTeam(a.ad, client.clientId, [a.ad, a.am, a.ae, a.aae, a.traffic]);
});

const contactBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Carol Client',
  email: uniqueEmail('contact'),
  title: 'Brand Manager',
  level: 'brand',
  approves: ['creative', 'minutes'],
  ...extra,
});

const withVersion = (version: number): Record<string, string> => ({ 'if-match': `"${version}"` });

describe('contacts', () => {
  const path = () => `/clients/${client.clientId}/contacts`;

  it('an AE on the team creates a contact: 201, Location, ETag, email lowercased', async () => {
    const body = contactBody({ email: uniqueEmail('Mixed.Case').toUpperCase() });
    const res = await api('POST', path(), { token: a.ae.token, body });
    fx.expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`${path()}/${res.body.contactId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      clientId: client.clientId,
      name: 'Carol Client',
      email: body.email.toLowerCase(),
      title: 'Brand Manager',
      level: 'brand',
      approves: ['creative', 'minutes'],
      active: true,
      version: 1,
    });
  });

  it('AAE, traffic and outsiders may not create contacts', async () => {
    fx.expectProblem(
      await api('POST', path(), { token: a.aae.token, body: contactBody() }),
      403,
      'forbidden',
    );
    fx.expectProblem(await api('POST', path(), { token: a.traffic.token, body: contactBody() }), 403);
    fx.expectProblem(
      await api('POST', path(), { token: outsider.token, body: contactBody() }),
      404,
      'not_found',
    );
  });

  it('email is unique per client (409), not across clients', async () => {
    const email = uniqueEmail('dup');
    fx.expectStatus(await api('POST', path(), { token: a.ae.token, body: contactBody({ email }) }), 201);
    const dup = await api('POST', path(), {
      token: a.ae.token,
      body: contactBody({ email: email.toUpperCase() }),
    });
    fx.expectProblem(dup, 409, 'duplicate_email');
    expect(fx.problemFields(dup)).toEqual(['body.email']);
    fx.expectStatus(
      await api('POST', `/clients/${other.clientId}/contacts`, {
        token: a.ad.token,
        body: contactBody({ email }),
      }),
      201,
    );
  });

  it.each([
    [{ approves: ['sign'] }, 'body.approves.0'],
    [{ approves: ['creative', 'creative'] }, 'body.approves'],
    [{ approves: 'creative' }, 'body.approves'],
    [{ level: 'ceo' }, 'body.level'],
    [{ email: 'nope' }, 'body.email'],
    [{ name: '   ' }, 'body.name'],
  ])('validates %j (400 on %s)', async (extra, field) => {
    const res = await api('POST', path(), { token: a.ae.token, body: contactBody(extra) });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(fx.problemFields(res)).toContain(field);
  });

  it('rejects server-set fields on create (400 naming them)', async () => {
    const res = await api('POST', path(), {
      token: a.ae.token,
      body: contactBody({ contactId: fx.unknownId(), active: false }),
    });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0].message).toMatch(/contactId/);
    expect(res.body.errors[0].message).toMatch(/active/);
  });

  it('lists only contacts (no bookkeeping items), to team members', async () => {
    const items = await fx.listAll(path(), a.aae);
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const c of items) {
      expect(c).toMatchObject({ clientId: client.clientId, contactId: expect.any(String) });
      expect(Object.keys(c)).not.toContain('PK');
    }
    fx.expectProblem(await api('GET', path(), { token: outsider.token }), 404, 'not_found');
    const limited = await api('GET', `${path()}?limit=1`, { token: a.ae.token });
    expect(limited.body.items).toHaveLength(1);
    expect(limited.body.nextToken).toBeTypeOf('string');
  });

  it('PATCH: optimistic locking, null removes the title, email change frees the old email', async () => {
    const oldEmail = uniqueEmail('old');
    const created = (await api('POST', path(), { token: a.ae.token, body: contactBody({ email: oldEmail }) }))
      .body;
    const url = `${path()}/${created.contactId}`;
    fx.expectProblem(await api('PATCH', url, { token: a.ae.token, body: { level: 'senior' } }), 428);

    const newEmail = uniqueEmail('new');
    const res = await api('PATCH', url, {
      token: a.ae.token,
      headers: withVersion(1),
      body: { email: newEmail, title: null, approves: [], level: 'senior' },
    });
    fx.expectStatus(res, 200);
    expect(res.body).toMatchObject({ email: newEmail, approves: [], level: 'senior', version: 2 });
    expect(res.body).not.toHaveProperty('title');
    expect(res.headers.get('etag')).toBe('"2"');

    fx.expectProblem(
      await api('PATCH', url, { token: a.ae.token, headers: withVersion(1), body: { name: 'Late' } }),
      409,
      'version_conflict',
    );
    // The old email is free again; the new one is taken.
    fx.expectStatus(
      await api('POST', path(), { token: a.ae.token, body: contactBody({ email: oldEmail }) }),
      201,
    );
    fx.expectProblem(
      await api('POST', path(), { token: a.ae.token, body: contactBody({ email: newEmail }) }),
      409,
      'duplicate_email',
    );
    // Moving onto a taken email is refused, and nothing changes.
    const clash = await api('PATCH', url, {
      token: a.ae.token,
      headers: withVersion(2),
      body: { email: oldEmail },
    });
    fx.expectProblem(clash, 409, 'duplicate_email');
    const list = await fx.listAll(path(), a.ae);
    expect(list.find((c) => c.contactId === created.contactId)).toMatchObject({
      email: newEmail,
      version: 2,
    });

    const off = await api('PATCH', url, {
      token: a.ae.token,
      headers: withVersion(2),
      body: { active: false },
    });
    fx.expectStatus(off, 200);
    expect(off.body.active).toBe(false);
  });

  it('PATCH: 403 for an AAE, 404 for an unknown contact, 400 for bad approves', async () => {
    const c = (await api('POST', path(), { token: a.ae.token, body: contactBody() })).body;
    const url = `${path()}/${c.contactId}`;
    fx.expectProblem(
      await api('PATCH', url, { token: a.aae.token, headers: withVersion(1), body: { name: 'X' } }),
      403,
      'forbidden',
    );
    fx.expectProblem(
      await api('PATCH', `${path()}/${fx.unknownId()}`, {
        token: a.ae.token,
        headers: withVersion(1),
        body: { name: 'X' },
      }),
      404,
      'not_found',
    );
    fx.expectProblem(
      await api('PATCH', url, { token: a.ae.token, headers: withVersion(1), body: { approves: ['x'] } }),
      400,
      'validation_failed',
    );
    // The contact is not reachable through another client's path.
    fx.expectProblem(
      await api('PATCH', `/clients/${other.clientId}/contacts/${c.contactId}`, {
        token: a.ad.token,
        headers: withVersion(1),
        body: { name: 'X' },
      }),
      404,
      'not_found',
    );
  });
});

describe('brands', () => {
  const path = () => `/clients/${client.clientId}/brands`;

  it('an AM creates a brand (201); competitors default to []', async () => {
    const res = await api('POST', path(), {
      token: a.am.token,
      body: { name: 'Leaf', positioning: 'Everyday premium', targetConsumers: 'Urban 25-40' },
    });
    fx.expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`${path()}/${res.body.brandId}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      clientId: client.clientId,
      name: 'Leaf',
      positioning: 'Everyday premium',
      competitors: [],
      version: 1,
    });
    const got = await api('GET', `${path()}/${res.body.brandId}`, { token: a.aae.token });
    fx.expectStatus(got, 200);
    expect(got.body).toEqual(res.body);
  });

  it('AE / AAE may not create brands (403); bad bodies 400', async () => {
    fx.expectProblem(await api('POST', path(), { token: a.ae.token, body: { name: 'X' } }), 403, 'forbidden');
    fx.expectProblem(
      await api('POST', path(), { token: a.aae.token, body: { name: 'X' } }),
      403,
      'forbidden',
    );
    const bad = await api('POST', path(), {
      token: a.am.token,
      body: { name: 'X', competitors: [''], brandId: fx.unknownId() },
    });
    fx.expectProblem(bad, 400, 'validation_failed');
    expect(fx.problemFields(bad)).toEqual(expect.arrayContaining(['body.competitors.0', 'body']));
  });

  it('PATCH with null removes an optional field; replaces competitors; locks', async () => {
    const b = (
      await api('POST', path(), {
        token: a.am.token,
        body: { name: 'Root', positioning: 'Old', longTermGoals: 'Lead', competitors: ['Rival'] },
      })
    ).body;
    const url = `${path()}/${b.brandId}`;
    const res = await api('PATCH', url, {
      token: a.am.token,
      headers: withVersion(1),
      body: { positioning: null, competitors: ['Rival', 'Upstart'], name: 'Root Tea' },
    });
    fx.expectStatus(res, 200);
    expect(res.body).toMatchObject({
      name: 'Root Tea',
      competitors: ['Rival', 'Upstart'],
      longTermGoals: 'Lead',
      version: 2,
    });
    expect(res.body).not.toHaveProperty('positioning');
    const got = await api('GET', url, { token: a.ae.token });
    expect(got.body).toEqual(res.body);
    expect(got.headers.get('etag')).toBe('"2"');

    fx.expectProblem(await api('PATCH', url, { token: a.am.token, body: { name: 'X' } }), 428);
    fx.expectProblem(
      await api('PATCH', url, { token: a.am.token, headers: withVersion(1), body: { name: 'X' } }),
      409,
      'version_conflict',
    );
    fx.expectProblem(
      await api('PATCH', url, { token: a.ae.token, headers: withVersion(2), body: { name: 'X' } }),
      403,
      'forbidden',
    );
    fx.expectProblem(
      await api('PATCH', url, { token: a.am.token, headers: withVersion(2), body: { name: null } }),
      400,
      'validation_failed',
    );
    fx.expectProblem(
      await api('PATCH', url, { token: a.am.token, headers: withVersion(2), body: {} }),
      400,
      'validation_failed',
    );
  });

  it('lists brands; unknown brand or another client’s brand is 404', async () => {
    const b = await fx.createBrand(a.ad, other.clientId);
    const items = await fx.listAll(path(), a.ae);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((x) => x.clientId === client.clientId)).toBe(true);
    expect(items.map((x) => x.brandId)).not.toContain(b.brandId);
    fx.expectProblem(await api('GET', `${path()}/${b.brandId}`, { token: a.ad.token }), 404, 'not_found');
    fx.expectProblem(
      await api('GET', `${path()}/${fx.unknownId()}`, { token: a.ad.token }),
      404,
      'not_found',
    );
    fx.expectProblem(await api('GET', `${path()}/nope`, { token: a.ad.token }), 400, 'validation_failed');
    fx.expectProblem(await api('GET', path(), { token: outsider.token }), 404, 'not_found');
  });
});

describe('team', () => {
  it('reads the team with names; the head’s own client starts with an empty team', async () => {
    const team = await api('GET', `/clients/${client.clientId}/team`, { token: a.aae.token });
    fx.expectStatus(team, 200);
    expect(team.body.members).toContainEqual({
      staffId: a.ae.staff.staffId,
      role: 'account_executive',
      name: a.ae.staff.name,
    });
    expect(team.headers.get('etag')).toBe(`"${team.body.version}"`);

    const fresh = await fx.createClient(a.head);
    const empty = await api('GET', `/clients/${fresh.clientId}/team`, { token: a.head.token });
    fx.expectStatus(empty, 200);
    expect(empty.body.members).toEqual([]);
    expect(empty.body.version).toBe(0);
    const first = await api('PUT', `/clients/${fresh.clientId}/team`, {
      token: a.head.token,
      body: { members: [{ staffId: a.am.staff.staffId, role: 'account_manager' }] },
    });
    fx.expectStatus(first, 200);
    expect(first.body.version).toBe(1);
    expect(first.body.members).toEqual([
      { staffId: a.am.staff.staffId, role: 'account_manager', name: a.am.staff.name },
    ]);
  });

  it('needs If-Match once a team exists (428), and the current version (409)', async () => {
    const c = await fx.createClient(a.ad);
    const body = { members: [{ staffId: a.ad.staff.staffId, role: 'account_director' }] };
    fx.expectProblem(
      await api('PUT', `/clients/${c.clientId}/team`, { token: a.ad.token, body }),
      428,
      'precondition_required',
    );
    fx.expectProblem(
      await api('PUT', `/clients/${c.clientId}/team`, { token: a.ad.token, body, headers: withVersion(7) }),
      409,
      'version_conflict',
    );
    const ok = await api('PUT', `/clients/${c.clientId}/team`, {
      token: a.ad.token,
      body,
      headers: withVersion(1),
    });
    fx.expectStatus(ok, 200);
    expect(ok.body.version).toBe(2);
  });

  it('validates staff ids: unknown or inactive 400 per member, duplicates 400, malformed 400', async () => {
    const c = await fx.createClient(a.ad);
    const gone = await fx.appoint(a.head, 'creative');
    await api('PATCH', `/staff/${gone.staff.staffId}`, {
      token: a.head.token,
      headers: withVersion(1),
      body: { active: false },
    });
    const put = (members: unknown) =>
      api('PUT', `/clients/${c.clientId}/team`, {
        token: a.ad.token,
        headers: withVersion(1),
        body: { members },
      });
    const unknown = await put([
      { staffId: a.ad.staff.staffId, role: 'account_director' },
      { staffId: fx.unknownId(), role: 'account_executive' },
      { staffId: gone.staff.staffId, role: 'creative' },
    ]);
    fx.expectProblem(unknown, 400, 'validation_failed');
    expect(fx.problemFields(unknown)).toEqual(['body.members.1.staffId', 'body.members.2.staffId']);
    fx.expectProblem(
      await put([
        { staffId: a.ae.staff.staffId, role: 'account_executive' },
        { staffId: a.ae.staff.staffId, role: 'account_executive' },
      ]),
      400,
      'validation_failed',
    );
    fx.expectProblem(await put([{ staffId: 'x', role: 'account_executive' }]), 400, 'validation_failed');
    fx.expectProblem(await put([{ staffId: a.ae.staff.staffId, role: 'boss' }]), 400, 'validation_failed');
    const team = await api('GET', `/clients/${c.clientId}/team`, { token: a.ad.token });
    expect(team.body.version).toBe(1);
  });

  it("a member's team role fits their staff role: their own, or a junior one in the account line (400 per member)", async () => {
    const c = await fx.createClient(a.ad);
    const put = (members: unknown) =>
      api('PUT', `/clients/${c.clientId}/team`, {
        token: a.ad.token,
        headers: withVersion(1),
        body: { members },
      });
    const misfit = await put([
      { staffId: a.ad.staff.staffId, role: 'account_director' },
      { staffId: a.ae.staff.staffId, role: 'head_of_accounts' },
      { staffId: a.creative.staff.staffId, role: 'media' },
      { staffId: a.traffic.staff.staffId, role: 'account_executive' },
      { staffId: a.am.staff.staffId, role: 'creative' },
    ]);
    fx.expectProblem(misfit, 400, 'validation_failed');
    expect(fx.problemFields(misfit)).toEqual([
      'body.members.1.role',
      'body.members.2.role',
      'body.members.3.role',
      'body.members.4.role',
    ]);
    expect(misfit.body.errors[0].message).toBe(
      "An account executive cannot be the team's head of account services: a member plays their own role, or a junior one in the account line.",
    );
    expect((await api('GET', `/clients/${c.clientId}/team`, { token: a.ad.token })).body.version).toBe(1);
    // An account manager may run a small client as its account executive.
    const junior = await put([
      { staffId: a.ad.staff.staffId, role: 'account_director' },
      { staffId: a.am.staff.staffId, role: 'account_executive' },
    ]);
    fx.expectStatus(junior, 200);
  });

  it('only directors manage the team (AM/AE 403)', async () => {
    const team = (await api('GET', `/clients/${client.clientId}/team`, { token: a.ae.token })).body;
    const body = { members: team.members.map((m: fx.Json) => ({ staffId: m.staffId, role: m.role })) };
    for (const p of [a.ae, a.am, a.aae, a.traffic]) {
      fx.expectProblem(
        await api('PUT', `/clients/${client.clientId}/team`, {
          token: p.token,
          headers: withVersion(team.version),
          body,
        }),
        403,
        'forbidden',
      );
    }
  });

  it('members gain and lose visibility immediately', async () => {
    const c = await fx.createClient(a.ad);
    const url = `/clients/${c.clientId}`;
    fx.expectProblem(await api('GET', url, { token: outsider.token }), 404);
    await fx.setTeam(a.ad, c.clientId, [a.ad, outsider]);
    fx.expectStatus(await api('GET', url, { token: outsider.token }), 200);
    expect((await fx.listAll('/clients', outsider)).map((x) => x.clientId)).toContain(c.clientId);
    fx.expectStatus(await api('GET', `${url}/contacts`, { token: outsider.token }), 200);

    await fx.setTeam(a.ad, c.clientId, [a.ad]);
    fx.expectProblem(await api('GET', url, { token: outsider.token }), 404, 'not_found');
    fx.expectProblem(await api('GET', `${url}/team`, { token: outsider.token }), 404, 'not_found');
    expect((await fx.listAll('/clients', outsider)).map((x) => x.clientId)).not.toContain(c.clientId);

    // A director may even remove themselves; the GAD above still sees the client only through an AD on it.
    await fx.setTeam(a.ad, c.clientId, [a.ae]);
    fx.expectProblem(await api('GET', url, { token: a.ad.token }), 404, 'not_found');
    fx.expectProblem(await api('GET', url, { token: a.gad.token }), 404, 'not_found');
    fx.expectStatus(await api('GET', url, { token: a.ae.token }), 200);
  });

  it('records team changes in the client activity', async () => {
    const c = await fx.createClient(a.ad);
    await fx.setTeam(a.ad, c.clientId, [a.ad, a.ae]);
    const res = await api('GET', `/clients/${c.clientId}/activity?limit=1`, { token: a.ad.token });
    expect(res.body.items[0]).toMatchObject({
      action: 'team.changed',
      entityType: 'team',
      beforeVersion: 1,
      afterVersion: 2,
    });
  });
});
