/**
 * Sealed page tokens (issue 9 §3): a `nextToken` says nothing of the keys it holds, never
 * reaches a partition the caller may not read, works only for the caller, list and filters it
 * was issued for, and a tampered or replayed-elsewhere token is a 400 that says why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';

let agency: fx.Agency;
/** Client A, served by the agency's line; client B, served by another line only. */
let a: { client: fx.Json; brand: fx.Json };
let b: { client: fx.Json; brand: fx.Json; ae: fx.Person };

const page = (path: string, by: fx.Person, nextToken?: string) =>
  api(
    'GET',
    `${path}${nextToken ? `${path.includes('?') ? '&' : '?'}nextToken=${encodeURIComponent(nextToken)}` : ''}`,
    {
      token: by.token,
    },
  );

/** Everything a token shows of itself, decoded every way a curious caller would. */
const decoded = (token: string) => {
  const raw = Buffer.from(token, 'base64url');
  return `${raw.toString('utf8')} ${raw.toString('latin1')} ${raw.toString('hex')}`;
};

const expectInvalid = (res: { status: number; body: fx.Json }, detail: RegExp, what: string) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body).toMatchObject({ code: 'invalid_next_token', errors: [{ field: 'query.nextToken' }] });
  expect(res.body.detail, what).toMatch(detail);
};

beforeAll(async () => {
  agency = await fx.buildAgency();
  const ready = await fx.readyClient(agency.head, [agency.ad, agency.am, agency.ae]);
  a = { client: ready.client, brand: ready.brand };
  await fx.createBrand(agency.head, a.client.clientId);
  for (let i = 0; i < 3; i++) await fx.openJob(agency.ae, a.client.clientId, a.brand.brandId);
  const other = await fx.accountLine(agency.head, agency.gad, 'B');
  const readyB = await fx.readyClient(agency.head, [other.ad, other.am, other.ae]);
  b = { client: readyB.client, brand: readyB.brand, ae: other.ae };
  for (let i = 0; i < 3; i++) await fx.openJob(b.ae, b.client.clientId, b.brand.brandId);
});

describe('page tokens', () => {
  it("a list of A filtered by B's owner or B's brand reads none of B's partitions, and its token holds none of B's keys", async () => {
    const attacks = [
      `/jobs?clientId=${a.client.clientId}&ownerId=${b.ae.staff.staffId}&limit=1`,
      `/jobs?clientId=${a.client.clientId}&brandId=${b.brand.brandId}&limit=1`,
      `/jobs?clientId=${a.client.clientId}&brandId=${b.brand.brandId}&ownerId=${b.ae.staff.staffId}&limit=1`,
    ];
    for (const path of attacks) {
      let res = await page(path, agency.ae);
      for (let pages = 0; ; pages++) {
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.items, path).toEqual([]);
        const token = res.body.nextToken;
        if (!token) break;
        for (const secret of [b.client.clientId, 'CLIENT#', 'JOB#', 'GSI', b.client.code]) {
          expect(decoded(token), `${path}: the token shows ${secret}`).not.toContain(secret);
        }
        expect(pages, `${path} keeps paging`).toBeLessThan(20);
        res = await page(path, agency.ae, token);
      }
    }
  });

  it('is opaque: no list token shows an id or a key', async () => {
    const lists = [
      `/clients/${a.client.clientId}/brands?limit=1`,
      `/jobs?clientId=${a.client.clientId}&limit=1`,
      '/jobs?limit=1',
      `/clients/${a.client.clientId}/activity?limit=1`,
    ];
    for (const path of lists) {
      const res = await page(path, agency.ae);
      expect(res.status, path).toBe(200);
      const token = res.body.nextToken;
      expect(token, `${path} has a second page`).toBeTypeOf('string');
      for (const secret of [a.client.clientId, agency.ae.staff.staffId, 'CLIENT#', '"PK"', '"SK"']) {
        expect(decoded(token), `${path}: the token shows ${secret}`).not.toContain(secret);
      }
      const second = await page(path, agency.ae, token);
      expect(second.status, `${path} page 2: ${JSON.stringify(second.body)}`).toBe(200);
      expect(second.body.items.length).toBeGreaterThan(0);
    }
  });

  it('works only for the caller it was issued to', async () => {
    const path = `/jobs?clientId=${a.client.clientId}&limit=1`;
    const first = await page(path, agency.ae);
    // The AM sees client A too: the AE's token is still not theirs.
    expectInvalid(await page(path, agency.am, first.body.nextToken), /issued to someone else/, 'the AM');
    expectInvalid(await page(path, agency.head, first.body.nextToken), /issued to someone else/, 'the head');
    expect((await page(path, agency.ae, first.body.nextToken)).status).toBe(200);
  });

  it('works only for the list it was issued for', async () => {
    const brands = await page(`/clients/${a.client.clientId}/brands?limit=1`, agency.ae);
    const token = brands.body.nextToken;
    // Contacts live in the same client partition as brands: the token is still not theirs.
    for (const other of [
      `/clients/${a.client.clientId}/contacts?limit=1`,
      `/clients/${a.client.clientId}/activity?limit=1`,
      `/clients/${b.client.clientId}/brands?limit=1`,
      `/jobs?clientId=${a.client.clientId}&limit=1`,
    ]) {
      const res = await page(other, agency.ae, token);
      if (other.includes(b.client.clientId)) expect([400, 404]).toContain(res.status);
      else expectInvalid(res, /another list/, other);
    }
    // B's AE, who sees B, with A's brands token on B's brands: not their token, not their list.
    const bFirst = await page(`/clients/${b.client.clientId}/brands?limit=1`, b.ae);
    expect(bFirst.status).toBe(200);
    expectInvalid(
      await page(`/clients/${b.client.clientId}/brands?limit=1`, b.ae, token),
      /someone else/,
      "B's AE",
    );
  });

  it('works only with the filters it was issued for; the page size may change', async () => {
    const path = `/jobs?clientId=${a.client.clientId}&status=open&limit=1`;
    const first = await page(path, agency.ae);
    const token = first.body.nextToken;
    expect(token).toBeTypeOf('string');
    expectInvalid(
      await page(`/jobs?clientId=${a.client.clientId}&status=in_progress&limit=1`, agency.ae, token),
      /other filters/,
      'another status',
    );
    expectInvalid(
      await page(`/jobs?clientId=${a.client.clientId}&limit=1`, agency.ae, token),
      /other filters/,
      'no status',
    );
    const bigger = await page(`/jobs?clientId=${a.client.clientId}&status=open&limit=50`, agency.ae, token);
    expect(bigger.status).toBe(200);
    expect(bigger.body.items.map((j: fx.Json) => j.jobId)).not.toContain(first.body.items[0].jobId);
  });

  it('refuses every altered token, and tokens it never issued, with a 400 and reads nothing', async () => {
    const path = `/clients/${a.client.clientId}/brands?limit=1`;
    const token: string = (await page(path, agency.ae)).body.nextToken;
    const raw = Buffer.from(token, 'base64url');
    const variants: string[] = [];
    for (let i = 0; i < raw.length; i += Math.max(1, Math.floor(raw.length / 40))) {
      const flipped = Buffer.from(raw);
      flipped[i] = (flipped[i] ?? 0) ^ (1 << (i % 8));
      variants.push(flipped.toString('base64url'));
    }
    variants.push(
      token.slice(0, -4),
      `${token}AAAA`,
      raw.subarray(0, 30).toString('base64url'),
      // What a token used to be: the last evaluated key, in base64url JSON.
      Buffer.from(JSON.stringify({ PK: `CLIENT#${a.client.clientId}`, SK: 'BRAND#x' })).toString('base64url'),
      Buffer.from(JSON.stringify({ scope: 'x', after: 'a' })).toString('base64url'),
      'bad',
      '!!!!',
    );
    for (const variant of variants) {
      expectInvalid(
        await page(path, agency.ae, variant),
        /altered|not issued/,
        `variant ${variant.slice(0, 24)}…`,
      );
    }
  });
});
