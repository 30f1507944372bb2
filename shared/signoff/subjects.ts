import { Draft, DraftVersion } from '../creative/entities.js';
import type { DraftVersion as DraftVersionView, Draft as DraftView } from '../creative/schemas.js';
import { stageConfirmed } from '../media/chain.js';
import { MediaCampaign, MediaPlan, MediaPlanVersion } from '../media/entities.js';
import type { Campaign, Plan, PlanKind, PlanVersion } from '../media/schemas.js';
import type { PrimaryKey } from '../platform/db/keys.js';
import { fromItem, getItem, getItems, putIfVersion, type WriteOp } from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import { now, patched, storedItem } from '../platform/records.js';
import type { Evidence, Review, ReviewedFile, Stage, SubjectType } from './schemas.js';

/**
 * What the sign-off engine reviews. The engine (reviews.ts) runs the same steps, deadlines,
 * links and evidence for every subject; a subject says what its versions are, who approves
 * it, what follows an approved stage, and what signing it off means.
 *
 * - `draft`: a creative draft — internal review (AM, plus the AD the first time it goes to the
 *   client), client review, final artwork approval for artwork; signed off = released to
 *   production.
 * - `media_plan`: a media plan version — internal approval (the media director or an account
 *   director, either one), the client's confirmation; signed off = confirmed, which opens
 *   bookings against exactly that version.
 */
export interface SubjectVersion {
  file: ReviewedFile;
  fileName: string;
  contentType: string;
}

export interface Subject {
  type: SubjectType;
  /** The sign-off kind a client contact must be registered for. */
  approves: 'creative' | 'media';
  /** What the subject is called in emails and pages. */
  noun: string;
  /** Who makes a new version when changes are requested. */
  makers: { role: 'creative' | 'media'; label: string };
  /** The subject's own item (it must exist for its approval chain to be shown). */
  key: (clientId: string, subjectId: string) => PrimaryKey;
  /** Where staff see its approval chain. */
  chainPath: (subjectId: string) => string;
  /** Internal reviewers' roles, and whether all or any one of them must approve. */
  internal: { roles: readonly string[]; mode: 'all' | 'any' };
  /** Whether it has been in front of the client before (an AD joins a draft's first internal review). */
  presentedToClient: (review: Review) => Promise<boolean>;
  /** Loads what a review of `version` needs; refuses a version that cannot be reviewed. */
  open: (clientId: string, subjectId: string, version: number) => Promise<OpenedSubject>;
  /** The exact file the approvers see. */
  version: (review: Review, number: number) => Promise<SubjectVersion>;
  /** After `stage` is approved for `number`: the next stage, a revision (with why), or sign-off. */
  after: (
    review: Review,
    stage: Stage,
    number: number,
  ) => Promise<{ stage: Stage; reason?: string } | 'signed_off'>;
  /** Writes that go with a newer version taking over from `number` mid-review (a plan version is `superseded`). */
  onSuperseded: (review: Review, number: number) => Promise<WriteOp[]>;
  /** Writes that go with opening a step (e.g. a plan version is `in_review`). */
  onStepOpened: (review: Review, stage: Stage, number: number) => Promise<WriteOp[]>;
  /** What follows a committed end (a confirmed plan moves its campaign's media chain on). */
  afterEnded: (review: Review, outcome: Review['status']) => Promise<void>;
  /** Writes that go with the end of a review (released / confirmed, rejected…); `approval` is the client's approving evidence. */
  onEnded: (
    review: Review,
    outcome: Review['status'],
    number: number,
    approval?: Evidence,
  ) => Promise<WriteOp[]>;
}

export interface OpenedSubject {
  title: string;
  kind: string;
  jobId: string;
  /** Ids the review records (e.g. `draftId`, or `planId` and `campaignId`). */
  refs: Record<string, string>;
}

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

const draftSubject: Subject = {
  type: 'draft',
  approves: 'creative',
  noun: 'Draft',
  makers: { role: 'creative', label: 'the creative team' },
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
    if (number !== draft.latestVersion) {
      throw conflict(
        'superseded_version',
        `Version ${draft.latestVersion} is the latest: review that one.`,
        'path.n',
      );
    }
    return {
      title: draft.title,
      kind: draft.kind,
      jobId: draft.jobId,
      refs: { draftId },
    };
  },
  async presentedToClient(review) {
    const draft = await getItem(Draft.key(review.clientId, review.subjectId));
    return Boolean(draft?.presentedToClientAt);
  },
  async version(review, number) {
    const version = await draftVersionOf(review.clientId, review.subjectId, number);
    return {
      file: uploadedFile(version),
      fileName: version.fileName,
      contentType: version.contentType ?? version.declaredContentType,
    };
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

async function planVersionOf(clientId: string, planId: string, number: number) {
  const item = await getItem(MediaPlanVersion.key(clientId, planId, number));
  if (!item) throw notFound('Media plan version');
  return fromItem<PlanVersion>(item);
}

const planVersionItem = (clientId: string, version: PlanVersion) =>
  storedItem(
    MediaPlanVersion.type,
    MediaPlanVersion.key(clientId, version.planId, version.number),
    {},
    version,
  );

/** A plan version's status follows its review; a confirmation also marks it the plan's confirmed version. */
async function setPlanVersionStatus(
  review: Review,
  number: number,
  status: PlanVersion['status'],
  extra: Record<string, unknown> = {},
) {
  const version = await planVersionOf(review.clientId, review.subjectId, number);
  const next = patched(version, { status, ...extra });
  return {
    version,
    next,
    op: putIfVersion(planVersionItem(review.clientId, next), version.version, () =>
      conflict('version_conflict', 'The plan version changed concurrently.'),
    ),
  };
}

const planSubject: Subject = {
  type: 'media_plan',
  approves: 'media',
  noun: 'Media plan',
  makers: { role: 'media', label: 'the media team' },
  key: (clientId, id) => MediaPlan.key(clientId, id),
  chainPath: (id) => `/media-plans/${id}/approvals`,
  // domain.md §2: the media director (media department) or the account director approves internally.
  internal: { roles: ['media', 'account_director'], mode: 'any' },
  async open(clientId, planId, number) {
    const [planItem, versionItem] = await getItems([
      MediaPlan.key(clientId, planId),
      MediaPlanVersion.key(clientId, planId, number),
    ]);
    if (!planItem) throw notFound('Media plan');
    if (!versionItem) throw notFound('Media plan version');
    const plan = fromItem<Plan>(planItem);
    const version = fromItem<PlanVersion>(versionItem);
    if (number !== plan.latestVersion) {
      throw conflict(
        'superseded_version',
        `Version ${plan.latestVersion} is the latest: review that one.`,
        'path.n',
      );
    }
    if (version.status === 'confirmed')
      throw conflict('already_confirmed', 'This version is already confirmed by the client.', 'path.n');
    const campaignItem = await getItem(MediaCampaign.key(clientId, plan.campaignId));
    const campaign = fromItem<Campaign>(campaignItem!);
    return {
      title: `${plan.title} — ${campaign.name}`,
      kind: plan.kind,
      jobId: campaign.jobId,
      refs: { planId, campaignId: plan.campaignId },
    };
  },
  presentedToClient: async () => true,
  async version(review, number) {
    const version = await planVersionOf(review.clientId, review.subjectId, number);
    return {
      file: { draftVersion: number, ...version.document },
      fileName: `${review.kind}-v${number}.html`,
      contentType: 'text/html',
    };
  },
  async after(_review, stage) {
    return stage === 'internal' ? { stage: 'client' } : 'signed_off';
  },
  async onStepOpened(review, stage, number) {
    if (stage === 'revision') return [];
    const { version, op } = await setPlanVersionStatus(review, number, 'in_review');
    return version.status === 'in_review' ? [] : [op];
  },
  async onSuperseded(review, number) {
    const { version, op } = await setPlanVersionStatus(review, number, 'superseded');
    return version.status === 'in_review' ? [op] : [];
  },
  async afterEnded(review, outcome) {
    if (outcome === 'released' && review.campaignId) {
      await stageConfirmed(review.clientId, review.campaignId, review.kind as PlanKind);
    }
  },
  async onEnded(review, outcome, number, approval) {
    if (outcome === 'released') {
      // The client confirmed this version. It becomes the plan's confirmed version only while it
      // is still the latest: a version drawn up meanwhile needs its own confirmation.
      const confirmation = confirmationOf(review, approval);
      const [planItem, { op }] = await Promise.all([
        getItem(MediaPlan.key(review.clientId, review.subjectId)),
        setPlanVersionStatus(review, number, 'confirmed', { confirmation }),
      ]);
      const plan = fromItem<Plan>(planItem!);
      if (plan.latestVersion !== number) return [op];
      const nextPlan = patched(plan, { confirmedVersion: number });
      return [
        op,
        putIfVersion(
          storedItem(
            MediaPlan.type,
            MediaPlan.key(review.clientId, plan.planId),
            MediaPlan.indexes(nextPlan),
            nextPlan,
          ),
          plan.version,
          () => conflict('version_conflict', 'The plan changed at the same moment; retry.'),
        ),
      ];
    }
    const status = outcome === 'rejected' ? 'rejected' : 'changes_requested';
    return [(await setPlanVersionStatus(review, number, status)).op];
  },
};

/** The confirmation a signed-off plan version carries: the client's approving decision. */
function confirmationOf(review: Review, approval: Evidence | undefined) {
  const approver = approval?.approver;
  if (!approval || approver?.kind !== 'contact')
    throw new Error('A confirmed plan needs the client’s approving decision');
  return {
    via: approval.via === 'written' ? ('written' as const) : ('link' as const),
    contactId: approver.contactId,
    confirmedAt: approval.at,
    recordedBy: approval.decidedBy,
    document: approval.document,
    reviewId: review.reviewId,
  };
}

export const subjects: Record<SubjectType, Subject> = { draft: draftSubject, media_plan: planSubject };
export const subjectOf = (review: Pick<Review, 'subjectType'>): Subject => subjects[review.subjectType];
