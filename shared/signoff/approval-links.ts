import { createHash, randomBytes } from 'node:crypto';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItems, type Item, incrementCounter, putNew, transact } from '../platform/db/table.js';
import { tooManyRequests } from '../platform/errors.js';
import { now } from '../platform/records.js';
import { ApprovalLink, LinkThrottle } from './entities.js';
import type { ApprovalRequest } from './schemas.js';

/**
 * Emailed approval links (design.md §3). A link's token is 256 random bits; only its SHA-256
 * is stored, with the approval request and the exact file (object key, version id, SHA-256)
 * it is for. It expires with the step's deadline and is used once (its approval is decided
 * once). Unknown, malformed and expired tokens are one answer; an address that keeps
 * presenting them is throttled.
 */
const tokenBytes = 32;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
/** Bad tokens one address may present per window before every link answers 429 to it. */
export const badTokenLimit = 20;
export const throttleWindowSeconds = 15 * 60;
/** How long a page's nonce stays valid for the decision it posts. */
const nonceSeconds = 60 * 60;
/** A link's record outlives its expiry, so an expired link can still ask for a fresh one. */
const linkRetentionSeconds = 180 * 24 * 3600;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const hashToken = (token: string) => sha256(`approval-link:${token}`);
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export interface StoredLink {
  tokenHash: string;
  approvalId: string;
  clientId: string;
  reviewId: string;
  stepNo: number;
  file: ApprovalRequest['file'];
  linkExpiresAt: string;
  createdAt: string;
  /** When its decision was recorded (a link works once). */
  usedAt?: string;
}

/** A link as stored; its record outlives its expiry (see linkRetentionSeconds). */
export const linkItem = (link: StoredLink): Item => ({
  ...ApprovalLink.key(link.tokenHash),
  itemType: ApprovalLink.type,
  ...link,
  expiresAt: epochSeconds(link.linkExpiresAt) + linkRetentionSeconds,
});

const linkUrl = (token: string) => `${getMailConfig().publicBaseUrl}/approve/${token}`;

/** Issues a fresh link for an approval request; returns its URL (the token exists only there). */
export async function issueLink(approval: ApprovalRequest, expiresAt: string): Promise<string> {
  const token = randomBytes(tokenBytes).toString('base64url');
  const tokenHash = hashToken(token);
  const link: StoredLink = {
    tokenHash,
    approvalId: approval.approvalId,
    clientId: approval.clientId,
    reviewId: approval.reviewId,
    stepNo: approval.stepNo,
    file: approval.file,
    linkExpiresAt: expiresAt,
    createdAt: now(),
  };
  await transact([putNew(linkItem(link))]);
  return linkUrl(token);
}

const addressHash = (ip: string) => sha256(`link-address:${ip}`);
const currentWindow = () => Math.floor(Date.now() / 1000 / throttleWindowSeconds);

export type LinkLookup =
  | { kind: 'valid'; link: StoredLink }
  | { kind: 'expired'; link: StoredLink }
  | { kind: 'invalid' };

/**
 * Finds the link of a token presented by `ip`. Throws 429 when the address is throttled.
 * A token that is malformed or unknown counts against the address, and so does an expired
 * one (a guesser cannot tell them apart; the page shown for all three is the same).
 */
export async function lookUpLink(token: string, ip: string): Promise<LinkLookup> {
  const tokenHash = tokenPattern.test(token) ? hashToken(token) : undefined;
  const address = addressHash(ip);
  const window = currentWindow();
  const [throttle, item] = await getItems([
    LinkThrottle.key(address, window),
    ...(tokenHash ? [ApprovalLink.key(tokenHash)] : []),
  ]);
  if (Number(throttle?.count ?? 0) >= badTokenLimit) {
    const windowEnds = (window + 1) * throttleWindowSeconds;
    throw tooManyRequests(
      'Too many invalid links from this address; try again later.',
      Math.max(1, windowEnds - Math.floor(Date.now() / 1000)),
      badTokenLimit,
    );
  }
  const link = item ? fromItem<StoredLink>(item) : undefined;
  if (link && link.linkExpiresAt > now()) return { kind: 'valid', link };
  await countBadToken(address, window);
  return link ? { kind: 'expired', link } : { kind: 'invalid' };
}

async function countBadToken(address: string, window: number): Promise<void> {
  const expires = (window + 2) * throttleWindowSeconds;
  await incrementCounter(LinkThrottle.key(address, window), LinkThrottle.type, expires);
}

/** A nonce for the form of one shown page; consumed by the decision it posts. */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function nonceItem(tokenHash: string, nonce: string): Item {
  const validUntil = new Date(Date.now() + nonceSeconds * 1000).toISOString();
  return {
    ...ApprovalLink.nonceKey(tokenHash, nonce),
    itemType: 'linkNonce',
    expiresAt: epochSeconds(validUntil),
    validUntil,
  };
}
