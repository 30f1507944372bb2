import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { traced } from '../platform/telemetry.js';
import { sdkRetryOptions } from './retries.js';

let client: S3Client | undefined;

/**
 * One S3 client per container, made on first use (so a function that touches no file carries no S3
 * client in its bundle); the endpoint comes from the standard SDK configuration
 * (AWS_ENDPOINT_URL_S3 locally, where an IP endpoint makes the SDK use path style).
 */
export const s3Client = (): S3Client => (client ??= traced(new S3Client({ ...sdkRetryOptions() })));

export interface UploadPolicy {
  bucket: string;
  key: string;
  contentType: string;
  maxBytes: number;
  expiresSeconds: number;
}

/** A browser-ready POST: exact key, exact content type, size range, short expiry. */
export async function presignUpload(policy: UploadPolicy) {
  const { url, fields } = await createPresignedPost(s3Client(), {
    Bucket: policy.bucket,
    Key: policy.key,
    Conditions: [
      ['content-length-range', 1, policy.maxBytes],
      ['eq', '$Content-Type', policy.contentType],
      ['eq', '$key', policy.key],
    ],
    Fields: { 'Content-Type': policy.contentType },
    Expires: policy.expiresSeconds,
  });
  return { url, fields };
}

/**
 * Types a browser may show in place (images, PDF, video, audio). SVG is not among them: it can
 * carry script. Everything else — HTML documents the system writes included — is downloaded.
 */
const previewableTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'audio/wav',
  'audio/mp4',
]);

/** What a download says about itself: its file name and type, and the type read from its bytes, if any. */
export interface DownloadAs {
  fileName: string;
  contentType: string;
  /**
   * The type the file's own bytes were found to be (magic number). Only a file whose bytes were
   * read, and found to be the previewable type it is served as, is shown in place.
   */
  verifiedType?: string;
}

const bareType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/** `attachment` (or `inline`) with the file name, ASCII-safe and as RFC 5987 UTF-8. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The response headers S3 is told to send (presigned `response-content-*` overrides): in place
 * only for a previewable type that the bytes confirmed; every other file as an attachment, and
 * an unknown type as plain bytes. S3 cannot add `X-Content-Type-Options: nosniff`; with the
 * type pinned to what the bytes are, or the file downloaded, a browser has nothing to sniff.
 */
export function downloadHeaders(as: DownloadAs): { contentType: string; disposition: string } {
  const type = bareType(as.contentType);
  const inline = as.verifiedType !== undefined && type === as.verifiedType && previewableTypes.has(type);
  return {
    contentType: inline || /^[a-z]+\/[a-z0-9.+-]+$/.test(type) ? as.contentType : 'application/octet-stream',
    disposition: contentDisposition(inline ? 'inline' : 'attachment', as.fileName),
  };
}

/** A short-lived GET of exactly one object version, with the headers `downloadHeaders` decides. */
export function presignDownload(
  bucket: string,
  key: string,
  versionId: string | undefined,
  expiresSeconds: number,
  as: DownloadAs,
): Promise<string> {
  const headers = downloadHeaders(as);
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      VersionId: versionId,
      ResponseContentType: headers.contentType,
      ResponseContentDisposition: headers.disposition,
    }),
    { expiresIn: expiresSeconds },
  );
}

/** A file of the system handed to a reader: a presigned link and what it is. */
export interface DocumentDownload {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
  sha256: string;
  objectVersionId?: string;
}

/** A stored file as a download for `expiresSeconds` (the JSON routes that hand out files answer this). */
export async function documentDownload(
  bucket: string,
  file: { objectKey: string; objectVersionId?: string; sha256: string },
  expiresSeconds: number,
  as: DownloadAs,
): Promise<DocumentDownload> {
  return {
    url: await presignDownload(bucket, file.objectKey, file.objectVersionId, expiresSeconds, as),
    expiresAt: new Date(Date.now() + expiresSeconds * 1000).toISOString(),
    fileName: as.fileName,
    contentType: as.contentType,
    sha256: file.sha256,
    objectVersionId: file.objectVersionId,
  };
}

export interface StoredObject {
  size: number;
  contentType?: string;
  versionId?: string;
  sha256: string;
  /** The first `keepBytes` bytes, for reading the file's own facts. */
  head: Uint8Array;
}

/**
 * Streams an object once: its SHA-256 over every byte, and its first bytes kept for
 * inspection. Undefined when there is no such object (yet).
 */
export async function readObject(
  bucket: string,
  key: string,
  keepBytes: number,
): Promise<StoredObject | undefined> {
  let object: GetObjectCommandOutput;
  try {
    object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let size = 0;
  for await (const chunk of object.Body as Readable) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
    if (keptBytes < keepBytes) {
      const part = bytes.subarray(0, keepBytes - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
  }
  return {
    size,
    contentType: object.ContentType,
    versionId: object.VersionId,
    sha256: hash.digest('hex'),
    head: new Uint8Array(Buffer.concat(kept)),
  };
}

/**
 * Writes a document the system generates. Each has its own key; a retried write of the same key
 * (its first transaction failed) makes a new object version, and records name the exact version.
 */
export async function putDocument(
  bucket: string,
  key: string,
  body: string | Uint8Array,
  contentType: string,
): Promise<{ objectKey: string; objectVersionId?: string; sha256: string; size: number }> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const out = await s3Client().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: bytes,
      ContentType: contentType,
      ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
    }),
  );
  return { objectKey: key, objectVersionId: out.VersionId, sha256, size: bytes.length };
}
