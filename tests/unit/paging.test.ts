import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/platform/errors.js';
import { openPageToken, type PageBinding, sealPageToken } from '../../shared/platform/paging.js';

const binding: PageBinding = {
  caller: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  list: 'GET /jobs /jobs',
  filters: { clientId: '01ARZ3NDEKTSV4RRFFQ69G5FAW', status: 'open', limit: 5, nextToken: 'x' },
};
const cursor = Buffer.from(JSON.stringify({ PK: 'CLIENT#A', SK: 'JOB#1' })).toString('base64url');

async function refusal(token: string, other: PageBinding = binding): Promise<string> {
  const error = await openPageToken(token, other).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status: 400, code: 'invalid_next_token' });
  return (error as AppError).message;
}

describe('sealed page tokens', () => {
  beforeEach(() => {
    vi.stubEnv('PAGE_TOKEN_SECRET', 'a local secret for the tests');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });

  it('give back the cursor for the same caller, list and filters (whatever the page size)', async () => {
    const token = await sealPageToken(cursor, binding);
    expect(token).not.toContain(cursor);
    expect(await openPageToken(token, binding)).toBe(cursor);
    expect(await openPageToken(token, { ...binding, filters: { ...binding.filters, limit: 100 } })).toBe(
      cursor,
    );
    // Filters in another order are the same filters.
    const { clientId, status } = binding.filters;
    expect(await openPageToken(token, { ...binding, filters: { status, clientId } })).toBe(cursor);
  });

  it('are different every time, even for the same cursor', async () => {
    expect(await sealPageToken(cursor, binding)).not.toBe(await sealPageToken(cursor, binding));
  });

  it('say why they are refused', async () => {
    const token = await sealPageToken(cursor, binding);
    expect(await refusal(token, { ...binding, caller: '01ARZ3NDEKTSV4RRFFQ69G5FAX' })).toMatch(
      /someone else/,
    );
    expect(await refusal(token, { ...binding, list: 'GET /clients /clients' })).toMatch(/another list/);
    expect(
      await refusal(token, { ...binding, filters: { ...binding.filters, status: 'completed' } }),
    ).toMatch(/other filters/);
    expect(await refusal(token, { ...binding, filters: { clientId: binding.filters.clientId } })).toMatch(
      /other filters/,
    );
  });

  it('expire after 24 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T09:00:00Z'));
    const token = await sealPageToken(cursor, binding);
    vi.setSystemTime(new Date('2027-03-02T08:59:00Z'));
    expect(await openPageToken(token, binding)).toBe(cursor);
    vi.setSystemTime(new Date('2027-03-02T09:00:01Z'));
    expect(await refusal(token)).toMatch(/expired/);
  });

  it('are refused when sealed under another secret, or altered in any byte', async () => {
    const token = await sealPageToken(cursor, binding);
    vi.stubEnv('PAGE_TOKEN_SECRET', 'the secret was replaced');
    expect(await refusal(token)).toMatch(/altered|not issued/);
    vi.stubEnv('PAGE_TOKEN_SECRET', 'a local secret for the tests');
    const raw = Buffer.from(token, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(await refusal(altered.toString('base64url'))).toMatch(/altered|not issued/);
    }
    expect(await refusal(cursor)).toMatch(/altered|not issued/);
  });
});
