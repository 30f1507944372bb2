import { randomBytes } from 'node:crypto';
import { getMailConfig } from '../platform/config.js';
import { type Item, putNew, transact } from '../platform/db/table.js';
import { hashOf, lookUpToken, newToken } from '../platform/link-tokens.js';
import { now } from '../platform/records.js';
import { ApprovalLink } from './entities.js';
import type { ApprovalRequest } from './schemas.js';

/**
 * Emailed approval links (design.md §3). A link's token is 256 random bits; only its SHA-256
 * is stored, with the approval request and the exact file (object key, version id, SHA-256)
 * it is for. It expires with the step's deadline and is used once (its approval is decided
 * once). Unknown, malformed and expired tokens are one answer; bad tokens are throttled per
 * address and valid links per link (`shared/platform/link-tokens.ts`).
 */
/** How long a page's nonce stays valid for the decision it posts. */
const nonceSeconds = 60 * 60;
/** A link's record outlives its expiry, so an expired link can still ask for a fresh one. */
const linkRetentionSeconds = 180 * 24 * 3600;

export const hashToken = (token: string) => hashOf('approval-link', token);
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
  const token = newToken();
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

export type LinkLookup =
  | { kind: 'valid'; link: StoredLink }
  | { kind: 'expired'; link: StoredLink }
  | { kind: 'invalid' };

/**
 * Finds the link of a token presented by `ip`. A malformed, unknown or expired token counts
 * against the address (a guesser cannot tell them apart; the page shown for all three is the
 * same); a valid one against its own link. Either throttle answers 429.
 */
export async function lookUpLink(token: string, ip: string): Promise<LinkLookup> {
  const found = await lookUpToken<StoredLink>(token, ip, {
    purpose: 'approval-link',
    keyOf: ApprovalLink.key,
    live: (link) => link.linkExpiresAt > now(),
  });
  return found.kind === 'invalid' ? found : { kind: found.kind, link: found.record };
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
