/**
 * Helpers for integration tests against the local stack started by the global setup:
 * mint tokens with the local issuer's key, call the HTTP API, bootstrap a head of accounts.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type MintOptions, mintStaffToken } from '../../infra/local/identity.js';
import './context.js';

export const apiUrl = (): string => inject('apiUrl');
export const inboxUrl = (): string => inject('inboxUrl');

/** A bearer token for a staff member, as the local issuer (Cognito stand-in) would sign it. */
export function mintToken(staffId: string, email: string, options?: MintOptions): Promise<string> {
  return mintStaffToken(inject('privateJwk'), { staffId, email }, options);
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text ('' when empty). */
  body: T;
}

export interface ApiOptions {
  token?: string;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape themselves
export async function api<T = any>(
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${apiUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = text && /json/.test(type) ? (JSON.parse(text) as T) : (text as T);
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A unique email in the demo domain (the table is shared by all test files of a run). */
export const uniqueEmail = (prefix = 'staff'): string =>
  `${prefix}-${randomUUID().slice(0, 8)}@agency.example`;

/**
 * Creates a head of account services directly in the table (as after a deploy) and returns
 * the record with a token. Each call makes a new head unless `email` is given.
 */
export async function bootstrapHead(email = uniqueEmail('head'), name = 'Test Head') {
  const { bootstrapHeadOfAccounts } = await import('../../shared/accounts/staff.js');
  const staff = await bootstrapHeadOfAccounts({ email, name });
  const token = await mintToken(staff.staffId, staff.email);
  return { staff, token };
}
