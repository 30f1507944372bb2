import { fromItem, getItem, getItems, putIfVersion } from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import { now, patched, storedItem } from '../platform/records.js';
import { type ReviewedFile, type Subject, titled } from '../signoff/index.js';
import { Draft, DraftVersion } from './entities.js';
import { creativeWords } from './messages.js';
import type { DraftVersion as DraftVersionView, Draft as DraftView } from './schemas.js';

/**
 * A creative draft as a subject of the sign-off engine: internal review (AM, plus the AD the
 * first time it goes to the client), client review, final artwork approval for artwork (behind
 * the spec-check gate); signed off = released to production.
 */
const uploadedFile = (version: DraftVersionView): ReviewedFile => ({
  draftVersion: version.number,
  objectKey: version.objectKey,
  objectVersionId: version.objectVersionId,
  sha256: version.sha256 ?? '',
});

async function draftVersionOf(clientId: string, draftId: string, number: number) {
  const item = await getItem(DraftVersion.key(clientId, draftId, number));
  if (!item) throw notFound('Draft version');
  return fromItem<DraftVersionView>(item);
}

export const draftSubject: Subject = {
  type: 'draft',
  approves: 'creative',
  noun: 'Draft',
  makers: { role: 'creative' },
  key: (clientId, id) => Draft.key(clientId, id),
  chainPath: (id) => `/drafts/${id}/approvals`,
  internal: { roles: ['account_manager', 'account_director'], mode: 'all' },
  async open(clientId, draftId, number) {
    const [draftItem, versionItem] = await getItems([
      Draft.key(clientId, draftId),
      DraftVersion.key(clientId, draftId, number),
    ]);
    if (!draftItem) throw notFound('Draft');
    if (!versionItem) throw notFound('Draft version');
    const draft = fromItem<DraftView>(draftItem);
    const version = fromItem<DraftVersionView>(versionItem);
    if (version.status !== 'uploaded' || !version.sha256) {
      throw conflict('not_uploaded', 'This version has no accepted upload to review.', 'path.n');
    }
    if (version.releasedToProductionAt) {
      // Its sign-off is complete and production works from it: a second review would ask the
      // client to approve what they already approved. A change is a new version.
      throw conflict(
        'already_released',
        `Version ${number} was approved by the client and released to production on ${version.releasedToProductionAt.slice(0, 10)}; it is not reviewed again. To change it, upload a new version and send that to review.`,
        'path.n',
      );
    }
    if (number !== draft.latestVersion) {
      throw conflict(
        'superseded_version',
        `Version ${draft.latestVersion} is the latest: review that one.`,
        'path.n',
      );
    }
    return {
      ...titled({ kind: 'draft', name: draft.title }),
      kind: draft.kind,
      jobId: draft.jobId,
      refs: { draftId },
    };
  },
  async presentedToClient(review) {
    const draft = await getItem(Draft.key(review.clientId, review.subjectId));
    return Boolean(draft?.presentedToClientAt);
  },
  async newestVersion(review) {
    const draft = await getItem(Draft.key(review.clientId, review.subjectId));
    if (!draft) return undefined;
    const latest = fromItem<DraftView>(draft).latestVersion;
    const version = await getItem(DraftVersion.key(review.clientId, review.subjectId, latest));
    return version?.status === 'uploaded' ? latest : undefined;
  },
  async version(review, number) {
    const version = await draftVersionOf(review.clientId, review.subjectId, number);
    return {
      file: uploadedFile(version),
      fileName: version.fileName,
      contentType: version.contentType ?? version.declaredContentType,
      verifiedType: version.specCheck?.facts.detectedType as string | undefined,
    };
  },
  approvalLeadsTo(review, stage, language) {
    const words = creativeWords[language];
    if (stage === 'client' && review.kind === 'artwork') return words.artworkToFinal;
    if (stage === 'final_artwork') return words.finalReleased;
    return words.released;
  },
  async after(review, stage, number) {
    if (stage === 'internal') return { stage: 'client' };
    if (stage === 'client' && review.kind === 'artwork') {
      // Final artwork must meet the specs of the media it runs in (domain.md §4, step 11).
      const check = (await draftVersionOf(review.clientId, review.subjectId, number)).specCheck;
      if (check?.result !== 'pass') {
        return {
          stage: 'revision',
          reason: `Spec check failed: ${check?.reasons?.join('; ') || 'no spec check recorded'}`,
        };
      }
      return { stage: 'final_artwork' };
    }
    return 'signed_off';
  },
  async onStepOpened(review, stage) {
    if (stage !== 'client') return [];
    const item = await getItem(Draft.key(review.clientId, review.subjectId));
    const draft = fromItem<DraftView>(item!);
    if (draft.presentedToClientAt) return [];
    const next = patched(draft, { presentedToClientAt: now() });
    return [
      putIfVersion(
        storedItem(Draft.type, Draft.key(review.clientId, draft.draftId), Draft.indexes(next), next),
        draft.version,
        () => conflict('version_conflict', 'The draft changed concurrently; retry.'),
      ),
    ];
  },
  afterEnded: async () => {},
  onSuperseded: async () => [],
  async onEnded(review, outcome, number) {
    if (outcome !== 'released') return [];
    const key = DraftVersion.key(review.clientId, review.subjectId, number);
    const version = await draftVersionOf(review.clientId, review.subjectId, number);
    const released = patched(version, { releasedToProductionAt: now(), releasedInReview: review.reviewId });
    return [
      putIfVersion(storedItem(DraftVersion.type, key, {}, released), version.version, () =>
        conflict('version_conflict', 'The version changed concurrently.'),
      ),
    ];
  },
};
