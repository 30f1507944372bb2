import { alongside, authorize, openClientWith, openOwnedItem } from '../accounts/index.js';
import { openJobScope } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  fromItem,
  getItem,
  type Page,
  putIfVersion,
  putNew,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { documentDownload, presignUpload, readObject } from '../platform/storage.js';
import { newSubjectVersion } from '../signoff/index.js';
import { Draft, DraftVersion } from './entities.js';
import type {
  CreateDraftInput,
  DraftFile,
  DraftKind,
  DraftVersion as DraftVersionView,
  Draft as DraftView,
  DraftWithVersions,
} from './schemas.js';
import { checkSpecs, type DraftSpecs, normaliseType, probeMedia } from './spec-check.js';

/** Presigned uploads and downloads are short-lived (design: expiry ≤ 15 min). */
export const uploadExpirySeconds = 15 * 60;
export const downloadExpirySeconds = 5 * 60;
/** Uploads larger than this need a spec that says so. */
export const defaultMaxBytes = 100 * 1024 * 1024;
/** What is kept in memory to read a file's facts; a longer file is hashed in full but probed on its head. */
const probeBytes = 32 * 1024 * 1024;

/** The usual file of each kind of draft, when neither the request nor the specs name one. */
const usualContentType: Record<DraftKind, string> = {
  layout: 'application/pdf',
  storyboard: 'application/pdf',
  script: 'application/pdf',
  copy: 'application/pdf',
  artwork: 'image/png',
  video: 'video/mp4',
  audio: 'audio/mpeg',
};

const extensionOf: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'text/plain': 'txt',
};

function fileFor(kind: DraftKind, specs: DraftSpecs | undefined, file: DraftFile | undefined): DraftFile {
  if (file) return file;
  const contentType = specs?.fileTypes?.length === 1 ? specs.fileTypes[0]! : usualContentType[kind];
  return { name: `draft.${extensionOf[contentType] ?? 'bin'}`, contentType };
}

/** Every version has its own key, so nothing is ever overwritten. */
export const objectKeyOf = (clientId: string, draftId: string, number: number, fileName: string) =>
  `clients/${clientId}/drafts/${draftId}/v${String(number).padStart(4, '0')}/${fileName}`;

const objectKeyPattern = /^clients\/([0-9A-Z]{26})\/drafts\/([0-9A-Z]{26}_[0-9A-Z]{26})\/v(\d{4})\/[^/]+$/;

/** The version an uploaded object belongs to, from its key (S3 events carry only the key). */
export function versionOfObjectKey(key: string) {
  const match = objectKeyPattern.exec(key);
  if (!match || clientOfScopedId(match[2]!) !== match[1]) return undefined;
  return { clientId: match[1]!, draftId: match[2]!, number: Number(match[3]) };
}

async function versionWithUpload(draft: DraftView, number: number, file: DraftFile, actorId: string) {
  const objectKey = objectKeyOf(draft.clientId, draft.draftId, number, file.name);
  const maxBytes = draft.specs?.maxBytes ?? defaultMaxBytes;
  const expiresAt = new Date(Date.now() + uploadExpirySeconds * 1000).toISOString();
  const version = newRecord(
    DraftVersion.type,
    DraftVersion.key(draft.clientId, draft.draftId, number),
    {},
    {
      draftId: draft.draftId,
      number,
      status: 'awaiting_upload' as const,
      fileName: file.name,
      declaredContentType: file.contentType,
      objectKey,
      uploadExpiresAt: expiresAt,
      requestedBy: actorId,
    },
  );
  const upload = await presignUpload({
    bucket: getDraftsBucket(),
    key: objectKey,
    contentType: file.contentType,
    maxBytes,
    expiresSeconds: uploadExpirySeconds,
  });
  return { version, upload: { ...upload, expiresAt, maxBytes } };
}

async function openDraft(actorId: string, draftId: string) {
  const { caller, clientId, item } = await openOwnedItem<DraftView>(actorId, draftId, 'Draft', (c) =>
    Draft.key(c, draftId),
  );
  return { caller, clientId, draft: item };
}

export async function createDraft(
  actorId: string,
  jobId: string,
  input: CreateDraftInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const { caller, clientId, job } = await openJobScope(actorId, jobId);
    authorize(caller, 'draft.manage');
    if (job.status === 'completed' || job.status === 'cancelled') {
      throw conflict('job_closed', `The job is ${job.status}: open drafts on a live job.`, 'path.jobId');
    }
    const draftId = newScopedId(clientId);
    const fields = {
      draftId,
      clientId,
      jobId,
      title: input.title,
      kind: input.kind,
      specs: input.specs,
      latestVersion: 1,
      createdBy: caller.staffId,
    };
    const draftItem = newRecord(Draft.type, Draft.key(clientId, draftId), Draft.indexes(fields), fields);
    const draft = fromItem<DraftView>(draftItem);
    const { version, upload } = await versionWithUpload(
      draft,
      1,
      fileFor(input.kind, input.specs, input.file),
      actorId,
    );
    const result = { draft, version: fromItem<DraftVersionView>(version), upload };
    await transact([
      putNew(draftItem),
      putNew(version),
      clientAuditEvent(clientId, {
        actorId,
        action: 'draft.created',
        entityType: 'draft',
        entityId: draftId,
        after: draftItem,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

/** The next version of a draft: a new key and a fresh upload policy. */
export async function requestVersion(
  actorId: string,
  draftId: string,
  file: DraftFile | undefined,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const { caller, clientId, draft } = await openDraft(actorId, draftId);
    authorize(caller, 'draft.manage');
    const number = draft.latestVersion + 1;
    const next = patched(draft, { latestVersion: number });
    const { version, upload } = await versionWithUpload(
      draft,
      number,
      fileFor(draft.kind, draft.specs, file),
      actorId,
    );
    const result = { draft: next, version: fromItem<DraftVersionView>(version), upload };
    await transact([
      // Two concurrent requests cannot both take the same number.
      putIfVersion(
        storedItem(Draft.type, Draft.key(clientId, draftId), Draft.indexes(next), next),
        draft.version,
        () =>
          conflict(
            'version_conflict',
            'Another version of this draft was requested at the same moment; retry.',
          ),
      ),
      putNew(version),
      clientAuditEvent(clientId, {
        actorId,
        action: 'draft.version_requested',
        entityType: 'draft',
        entityId: draftId,
        before: draft,
        after: next,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

export async function getDraft(actorId: string, draftId: string): Promise<DraftWithVersions> {
  const clientId = clientOfScopedId(draftId);
  if (!clientId) throw notFound('Draft');
  const { result: page } = await openClientWith(actorId, clientId, () =>
    queryPage(Draft.withVersions(clientId, draftId), { limit: 1000 }),
  );
  const [draftItem, ...versionItems] = page.items;
  if (!draftItem) throw notFound('Draft');
  return {
    ...fromItem<DraftView>(draftItem),
    versions: versionItems.map((v) => fromItem<DraftVersionView>(v)),
  };
}

export async function listJobDrafts(
  actorId: string,
  jobId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<DraftView>> {
  const { read: result } = await alongside(openJobScope(actorId, jobId), () =>
    queryPage(Draft.ofJob(jobId), page),
  );
  return { items: result.items.map((i) => fromItem<DraftView>(i)), nextToken: result.nextToken };
}

/**
 * Records what landed in S3 for a version: size, type, SHA-256, object version, and the
 * spec check of what the file itself says. Called by the S3 event in AWS and by the
 * completing call (both may happen): a version is recorded once, later calls change
 * nothing and return what was recorded.
 */
export async function recordUpload(
  actorId: string | undefined,
  clientId: string,
  draftId: string,
  number: number,
  landedKey?: string,
) {
  const [draftItem, versionItem] = await Promise.all([
    getItem(Draft.key(clientId, draftId)),
    getItem(DraftVersion.key(clientId, draftId, number)),
  ]);
  if (!draftItem || !versionItem) throw notFound('Draft version');
  const draft = fromItem<DraftView>(draftItem);
  const current = fromItem<DraftVersionView>(versionItem);
  if (current.status !== 'awaiting_upload') return current;
  // An object under the version's folder but not at the key its upload policy named is not this upload.
  if (landedKey !== undefined && !sameObjectKey(landedKey, current.objectKey)) return current;

  const stored = await readObject(getDraftsBucket(), current.objectKey, probeBytes);
  if (!stored)
    throw conflict('upload_missing', 'The file has not arrived in storage yet: upload it, then complete.');
  // The size is the whole object's, not that of the part kept for probing.
  const facts = { ...probeMedia(stored.head, current.declaredContentType), bytes: stored.size };
  const check = checkSpecs(facts, draft.specs ?? {}, current.declaredContentType);
  const maxBytes = draft.specs?.maxBytes ?? defaultMaxBytes;
  // The upload policy pins size, type and key in AWS; the local S3 enforces no policy. Both are
  // checked here, where the upload is recorded, against what was declared.
  const rejection = uploadRejection(stored, current.declaredContentType, maxBytes);
  const next = patched(current, {
    status: rejection ? 'rejected' : 'uploaded',
    rejection,
    size: stored.size,
    contentType: stored.contentType,
    sha256: stored.sha256,
    objectVersionId: stored.versionId,
    uploadedAt: now(),
    specCheck: { ...check, facts: { ...check.facts }, checkedAt: now() },
  });
  try {
    await transact([
      putIfVersion(
        storedItem(DraftVersion.type, DraftVersion.key(clientId, draftId, number), {}, next),
        current.version,
        () => conflict('version_conflict', 'Recorded concurrently.'),
      ),
      clientAuditEvent(clientId, {
        actorId: actorId ?? current.requestedBy,
        action: rejection ? 'draft.version_rejected' : 'draft.version_uploaded',
        entityType: 'draftVersion',
        entityId: `${draftId}#${number}`,
        before: current,
        after: next,
        redact: ['specCheck'],
      }),
    ]);
  } catch (error) {
    // The S3 event and the completing call may race: the first one's record stands.
    const raced = await getItem(DraftVersion.key(clientId, draftId, number));
    if (raced && raced.status !== 'awaiting_upload') return fromItem<DraftVersionView>(raced);
    throw error;
  }
  // A review waiting for a new version (its work back with creative) moves on.
  if (!rejection) await newSubjectVersion(clientId, draftId, number);
  return next;
}

/** S3 event keys may come URL-encoded (`+` for a space): either form names the declared key. */
function sameObjectKey(landed: string, declared: string): boolean {
  if (landed === declared) return true;
  try {
    return decodeURIComponent(landed.replaceAll('+', ' ')) === declared;
  } catch {
    return false;
  }
}

/** Why a stored object is not the upload that was declared (size, stored type), if it is not. */
function uploadRejection(
  stored: { size: number; contentType?: string },
  declaredContentType: string,
  maxBytes: number,
): string | undefined {
  if (stored.size === 0) return 'The file is empty.';
  if (stored.size > maxBytes) return `The file is ${stored.size} bytes; at most ${maxBytes} are allowed.`;
  const storedType = normaliseType(stored.contentType ?? '');
  if (storedType !== normaliseType(declaredContentType)) {
    return `The file was stored as ${stored.contentType || 'no type'}, not as the ${declaredContentType} declared for it.`;
  }
  return undefined;
}

/** The completing call of an upload, by a staff member who may work on drafts. */
export async function completeUpload(actorId: string, draftId: string, number: number) {
  const { caller, clientId } = await openDraft(actorId, draftId);
  authorize(caller, 'draft.manage');
  return recordUpload(actorId, clientId, draftId, number);
}

/** A short-lived link to exactly the recorded object version. */
export async function downloadVersion(actorId: string, draftId: string, number: number) {
  const { item: version } = await openOwnedItem<DraftVersionView>(actorId, draftId, 'Draft version', (c) =>
    DraftVersion.key(c, draftId, number),
  );
  if (version.status !== 'uploaded' || !version.sha256) {
    throw conflict('not_uploaded', 'This version has no accepted upload to download.');
  }
  return documentDownload(
    getDraftsBucket(),
    { objectKey: version.objectKey, objectVersionId: version.objectVersionId, sha256: version.sha256 },
    downloadExpirySeconds,
    draftDownloadAs(version),
  );
}

/** How a recorded version is handed out: its name, its type, and the type its bytes were found to be. */
export const draftDownloadAs = (version: DraftVersionView) => ({
  fileName: version.fileName,
  contentType: version.declaredContentType,
  verifiedType: version.specCheck?.facts.detectedType as string | undefined,
});
