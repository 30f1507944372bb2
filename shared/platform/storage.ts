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

/**
 * One S3 client per container; the endpoint comes from the standard SDK configuration
 * (AWS_ENDPOINT_URL_S3 locally, where an IP endpoint makes the SDK use path style).
 */
export const s3 = traced(new S3Client({ ...sdkRetryOptions() }));

export interface UploadPolicy {
  bucket: string;
  key: string;
  contentType: string;
  maxBytes: number;
  expiresSeconds: number;
}

/** A browser-ready POST: exact key, exact content type, size range, short expiry. */
export async function presignUpload(policy: UploadPolicy) {
  const { url, fields } = await createPresignedPost(s3, {
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

export const presignDownload = (
  bucket: string,
  key: string,
  versionId: string | undefined,
  expiresSeconds: number,
) =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), {
    expiresIn: expiresSeconds,
  });

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
    object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
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
  const out = await s3.send(
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
