/**
 * The HTTP contract shared by every route: media type, JSON syntax, body size, bearer
 * tokens, problem documents, the public OpenAPI document and Idempotency-Key replays.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiUrl, mintToken, uniqueEmail } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let a: fx.Agency;

beforeAll(async () => {
  a = await fx.buildAgency();
});

describe('request bodies', () => {
  it('415 for a text/plain body on POST', async () => {
    const res = await api('POST', '/staff', {
      token: a.head.token,
      body: JSON.stringify({ email: uniqueEmail(), name: 'Plain', role: 'creative' }),
      headers: { 'content-type': 'text/plain' },
    });
    fx.expectProblem(res, 415, 'unsupported_media_type');
  });

  it('accepts application/json with a charset and +json types', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const res = await api('POST', '/staff', {
        token: a.head.token,
        body: { email: uniqueEmail(), name: 'Typed', role: 'creative' },
        headers: { 'content-type': type },
      });
      fx.expectStatus(res, 201);
    }
  });

  it('400 malformed_json for broken JSON', async () => {
    const res = await api('POST', '/clients', { token: a.ad.token, body: '{"name": "Acme",' });
    fx.expectProblem(res, 400, 'malformed_json');
    expect(res.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('400 for a JSON body that is not an object, or a missing body', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      fx.expectProblem(await api('POST', '/clients', { token: a.ad.token, body }), 400, 'validation_failed');
    }
    fx.expectProblem(await api('POST', '/clients', { token: a.ad.token }), 400, 'validation_failed');
  });

  it('413 for a body over 64 KB, before anything is created', async () => {
    const code = fx.clientCode();
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: { name: 'Big', code, industry: 'X', intake: { productKnowledge: 'x'.repeat(70 * 1024) } },
    });
    fx.expectProblem(res, 413, 'payload_too_large');
    const seen = await fx.listAll('/clients', a.ad);
    expect(seen.map((c) => c.code)).not.toContain(code);
  });
});

describe('authentication', () => {
  it('401 without a token, answered by the gateway as {"message":"Unauthorized"}', async () => {
    for (const [method, path] of [
      ['GET', '/me'],
      ['GET', '/staff'],
      ['POST', '/clients'],
      ['GET', '/jobs'],
      ['PATCH', `/jobs/${fx.unknownId()}_${fx.unknownId()}`],
    ]) {
      const res = await api(method as string, path as string);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('401 for a malformed, expired, wrong-audience or wrong-issuer token', async () => {
    for (const token of ['abc.def.ghi', 'not-a-jwt']) {
      expect((await api('GET', '/me', { token })).status).toBe(401);
    }
    const { staffId, email } = a.ae.staff;
    const expired = await mintToken(staffId, email, {
      now: Math.floor(Date.now() / 1000) - 7200,
      lifetimeSeconds: 3600,
    });
    expect((await api('GET', '/me', { token: expired })).status).toBe(401);
    expect(
      (await api('GET', '/me', { token: await mintToken(staffId, email, { audience: 'other' }) })).status,
    ).toBe(401);
    expect(
      (await api('GET', '/me', { token: await mintToken(staffId, email, { issuer: 'https://evil' }) }))
        .status,
    ).toBe(401);
    const wrongScheme = await fetch(`${apiUrl()}/me`, { headers: { authorization: `Basic ${a.ae.token}` } });
    expect(wrongScheme.status).toBe(401);
  });

  it('401 problem for a valid token whose staff member does not exist', async () => {
    const token = await mintToken(fx.unknownId(), uniqueEmail('ghost'));
    const res = await api('GET', '/clients', { token });
    fx.expectProblem(res, 401, 'unauthorized');
  });
});

describe('responses', () => {
  it('GET /openapi.json is public and describes OpenAPI 3.1.0 with every route', async () => {
    const res = await api('GET', '/openapi.json');
    fx.expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/staff',
        '/staff/{staffId}',
        '/staff/{staffId}/activity',
        '/me',
        '/clients',
        '/clients/{clientId}',
        '/clients/{clientId}/activity',
        '/clients/{clientId}/contacts',
        '/clients/{clientId}/contacts/{contactId}',
        '/clients/{clientId}/brands',
        '/clients/{clientId}/brands/{brandId}',
        '/clients/{clientId}/team',
        '/jobs',
        '/jobs/{jobId}',
      ]),
    );
  });

  it('problem documents are application/problem+json with type, title, status, detail, code, instance', async () => {
    const path = `/staff/${fx.unknownId()}`;
    const res = await api('GET', path, { token: a.ae.token });
    fx.expectProblem(res, 404, 'not_found');
    expect(res.body).toEqual({
      type: 'urn:account-desk:problem:not_found',
      title: 'Not found',
      status: 404,
      detail: 'Staff member was not found.',
      code: 'not_found',
      instance: path,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    const invalid = await api('POST', '/clients', { token: a.ad.token, body: { name: 'X' } });
    fx.expectProblem(invalid, 400, 'validation_failed');
    for (const e of invalid.body.errors) {
      expect(e).toEqual({ field: expect.stringMatching(/^body/), message: expect.any(String) });
    }
  });

  it('an unknown route is 404, never 5xx', async () => {
    const res = await api('GET', '/nothing-here', { token: a.ae.token });
    expect(res.status).toBe(404);
    const wrongMethod = await api('DELETE', `/staff/${a.ae.staff.staffId}`, { token: a.head.token });
    expect(wrongMethod.status).toBeGreaterThanOrEqual(400);
    expect(wrongMethod.status).toBeLessThan(500);
  });

  it('success responses are JSON with no-store and an ETag on single resources', async () => {
    const res = await api('GET', '/me', { token: a.ae.token });
    fx.expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
  });
});

describe('Idempotency-Key', () => {
  const key = () => `key-${randomUUID()}`;

  it('same key and body: the same 201 body, idempotent-replayed, one client created', async () => {
    const k = key();
    const body = { name: `Idem ${randomUUID().slice(0, 6)}`, code: fx.clientCode(), industry: 'X' };
    const first = await api('POST', '/clients', {
      token: a.ad.token,
      body,
      headers: { 'idempotency-key': k },
    });
    fx.expectStatus(first, 201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await api('POST', '/clients', {
      token: a.ad.token,
      body,
      headers: { 'idempotency-key': k },
    });
    fx.expectStatus(again, 201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    const mine = (await fx.listAll('/clients', a.ad)).filter((c: fx.Json) => c.code === body.code);
    expect(mine).toHaveLength(1);
  });

  it('same key with a different body: 422 idempotency_key_reused, nothing created', async () => {
    const k = key();
    const body = { name: 'Idem B', code: fx.clientCode(), industry: 'X' };
    fx.expectStatus(
      await api('POST', '/clients', { token: a.ad.token, body, headers: { 'idempotency-key': k } }),
      201,
    );
    const other = { ...body, code: fx.clientCode() };
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: other,
      headers: { 'idempotency-key': k },
    });
    fx.expectProblem(res, 422, 'idempotency_key_reused');
    expect((await fx.listAll('/clients', a.ad)).map((c: fx.Json) => c.code)).not.toContain(other.code);
  });

  it('replays staff appointments, contacts, brands and jobs once each', async () => {
    const h = { 'idempotency-key': key() };
    const staffBody = { email: uniqueEmail(), name: 'Once', role: 'creative' };
    const s1 = await api('POST', '/staff', { token: a.head.token, body: staffBody, headers: h });
    const s2 = await api('POST', '/staff', { token: a.head.token, body: staffBody, headers: h });
    fx.expectStatus(s1, 201);
    fx.expectStatus(s2, 201);
    expect(s2.body.staffId).toBe(s1.body.staffId);
    expect(s2.headers.get('idempotent-replayed')).toBe('true');

    const client = await fx.completeIntake(a.ad, await fx.createClient(a.ad));
    await fx.setTeam(a.ad, client.clientId, [a.ad, a.ae]);
    const contactBody = { name: 'C', email: uniqueEmail(), level: 'senior', approves: [] };
    const ck = { 'idempotency-key': key() };
    const cPath = `/clients/${client.clientId}/contacts`;
    const c1 = await api('POST', cPath, { token: a.ae.token, body: contactBody, headers: ck });
    const c2 = await api('POST', cPath, { token: a.ae.token, body: contactBody, headers: ck });
    fx.expectStatus(c1, 201);
    expect(c2.body).toEqual(c1.body);
    expect(await fx.listAll(cPath, a.ae)).toHaveLength(1);

    const bk = { 'idempotency-key': key() };
    const bPath = `/clients/${client.clientId}/brands`;
    const b1 = await api('POST', bPath, { token: a.ad.token, body: { name: 'B' }, headers: bk });
    const b2 = await api('POST', bPath, { token: a.ad.token, body: { name: 'B' }, headers: bk });
    expect(b2.body).toEqual(b1.body);
    expect(await fx.listAll(bPath, a.ad)).toHaveLength(1);

    const brand = await fx.createBrand(a.ad, client.clientId);
    const jk = { 'idempotency-key': key() };
    const jobBody = { clientId: client.clientId, brandId: brand.brandId, title: 'Once', type: 'creative' };
    const j1 = await api('POST', '/jobs', { token: a.ae.token, body: jobBody, headers: jk });
    const j2 = await api('POST', '/jobs', { token: a.ae.token, body: jobBody, headers: jk });
    fx.expectStatus(j1, 201);
    fx.expectStatus(j2, 201);
    expect(j2.body.jobId).toBe(j1.body.jobId);
    expect(j2.headers.get('idempotent-replayed')).toBe('true');
    expect(await fx.listAll(`/jobs?clientId=${client.clientId}`, a.ae)).toHaveLength(1);
    // The next job still gets the next number.
    const j3 = await api('POST', '/jobs', { token: a.ae.token, body: jobBody });
    expect(j3.body.jobNumber).toMatch(/-0002$/);
  });

  it('keys are per caller: another caller’s identical request is not a replay of it', async () => {
    const k = key();
    const b1 = await api('POST', '/staff', {
      token: a.head.token,
      body: { email: uniqueEmail(), name: 'P', role: 'creative' },
      headers: { 'idempotency-key': k },
    });
    fx.expectStatus(b1, 201);
    const other = await api('POST', '/staff', {
      token: a.ad.token,
      body: { email: uniqueEmail(), name: 'P', role: 'creative' },
      headers: { 'idempotency-key': k },
    });
    fx.expectProblem(other, 403, 'forbidden');
  });

  it('rejects a malformed key (400 invalid_idempotency_key)', async () => {
    for (const bad of ['short', 'x'.repeat(256), 'has space in it']) {
      const res = await api('POST', '/clients', {
        token: a.ad.token,
        body: { name: 'K', code: fx.clientCode(), industry: 'X' },
        headers: { 'idempotency-key': bad },
      });
      fx.expectProblem(res, 400, 'invalid_idempotency_key');
    }
  });
});

describe('problem details in the reader’s language (Accept-Language)', () => {
  it('a refusal by role, in Spanish and Chinese; code and status unchanged', async () => {
    const body = { name: 'Lang', code: fx.clientCode(), industry: 'X' };
    const english = await api('POST', '/clients', { token: a.ae.token, body });
    fx.expectProblem(english, 403, 'forbidden');
    expect(english.body.detail).toBe('Only an account director or above may take on a new client.');
    const spanish = await api('POST', '/clients', {
      token: a.ae.token,
      body,
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    fx.expectProblem(spanish, 403, 'forbidden');
    expect(spanish.headers.get('content-language')).toBe('es');
    expect(spanish.body.title).toBe('No permitido para su función');
    expect(spanish.body.detail).toBe(
      'Solo un director de cuentas o superior puede incorporar un cliente nuevo.',
    );
    const chinese = await api('POST', '/clients', {
      token: a.ae.token,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });
    fx.expectProblem(chinese, 403, 'forbidden');
    expect(chinese.body.detail).toBe('只有客户总监及以上可以接新客户。');
  });

  it('field errors keep their field, in the reader’s words', async () => {
    const res = await api('POST', '/clients', {
      token: a.ad.token,
      body: { name: 'Lang', code: fx.clientCode(), industry: 'X', colour: 'red', intake: 'no' },
      headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
    });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(res.body.type).toBe('urn:account-desk:problem:validation_failed');
    expect(res.body.detail).toBe('您提交的部分内容无效。');
    const fields = Object.fromEntries(
      (res.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]),
    );
    expect(fields.body).toBe('这不是您可以设置的字段：colour。');
    expect(fields['body.intake']).toMatch(/[\u4e00-\u9fff]/);
  });
});
