import { getDraftsBucket, getMailConfig, getReportsBucket } from './config.js';
import { putNew, transact } from './db/table.js';
import { DocumentLink } from './entities.js';
import { hashOf, lookUpToken, newToken } from './link-tokens.js';
import { now } from './records.js';
import { type DownloadAs, presignDownload } from './storage.js';

/**
 * Links to stored files in emails (an insertion order to its vendor, a report to the team). A
 * presigned URL in an email dies with the credentials that signed it (a Lambda's: hours), so an
 * email carries a link to `GET /documents/{token}` instead: the token (256 random bits; only its
 * SHA-256 is stored) names one reader and one exact object version and hash, and expires. On
 * each click the reader is checked again — a staff member still active and on the client's
 * team, a contact still active, a vendor's order not cancelled — and only then is a short-lived
 * presigned GET made, with the file's own download headers.
 */
export type DocumentReader =
  | { kind: 'staff'; staffId: string }
  | { kind: 'contact'; contactId: string }
  | { kind: 'vendor'; email: string; campaignId: string; bookingId: string }
  | { kind: 'orderVendor'; email: string; jobId: string; purchaseOrderId: string }
  /** An agency-wide report (the monthly profitability): its reader must still be a head of account services. */
  | { kind: 'headOfAccounts'; staffId: string }
  /** A report on a staff member (an account manager's monthly work report): its reader must be them, up their line, or the head. */
  | { kind: 'reportingLine'; staffId: string; subjectId: string };

export interface LinkedDocument {
  /** Which bucket of the stack holds it (names differ per stack, roles do not). */
  bucket: 'drafts' | 'reports';
  objectKey: string;
  objectVersionId?: string;
  sha256: string;
  fileName: string;
  contentType: string;
}

export interface StoredDocumentLink {
  tokenHash: string;
  clientId: string;
  reader: DocumentReader;
  document: LinkedDocument;
  /** What the link is for, in words (an audit aid): "insertion order", "post-campaign report". */
  purpose: string;
  linkExpiresAt: string;
  createdAt: string;
}

const tokenPurpose = 'document-link';
/** How long a click's presigned GET works: the browser follows the redirect at once. */
const clickSeconds = 5 * 60;

/** Issues a link for one reader to one stored file; returns its URL (the token exists only there). */
export async function issueDocumentLink(input: {
  clientId: string;
  reader: DocumentReader;
  document: LinkedDocument;
  purpose: string;
  expiresAt: string;
}): Promise<string> {
  const token = newToken();
  const tokenHash = hashOf(tokenPurpose, token);
  const link: StoredDocumentLink = {
    tokenHash,
    clientId: input.clientId,
    reader: input.reader,
    document: input.document,
    purpose: input.purpose,
    linkExpiresAt: input.expiresAt,
    createdAt: now(),
  };
  await transact([
    putNew({
      ...DocumentLink.key(tokenHash),
      itemType: DocumentLink.type,
      ...link,
      // Kept 30 days past its expiry (for the audit of who had which link), then removed by TTL.
      expiresAt: Math.floor(Date.parse(input.expiresAt) / 1000) + 30 * 24 * 3600,
    }),
  ]);
  return `${getMailConfig().publicBaseUrl}/documents/${token}`;
}

/** The link of a token presented by `ip`, if it is live; throttled like approval links. */
export async function lookUpDocumentLink(token: string, ip: string): Promise<StoredDocumentLink | undefined> {
  const found = await lookUpToken<StoredDocumentLink>(token, ip, {
    purpose: tokenPurpose,
    keyOf: DocumentLink.key,
    live: (link) => link.linkExpiresAt > now(),
  });
  return found.kind === 'valid' ? found.record : undefined;
}

/** A presigned GET of exactly the linked object version, made at the click. */
export function presignLinkedDocument(document: LinkedDocument): Promise<string> {
  const bucket = document.bucket === 'reports' ? getReportsBucket() : getDraftsBucket();
  const as: DownloadAs = { fileName: document.fileName, contentType: document.contentType };
  return presignDownload(bucket, document.objectKey, document.objectVersionId, clickSeconds, as);
}
