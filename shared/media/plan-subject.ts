import { fromItem, getItem, getItems, putIfVersion } from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import { formatDayRange, type Language } from '../platform/i18n.js';
import { formatMoney } from '../platform/money.js';
import { patched } from '../platform/records.js';
import { type Evidence, type Review, type ShownContent, type Subject, titled } from '../signoff/index.js';
import { stageConfirmed } from './chain.js';
import { MediaCampaign, MediaPlan, MediaPlanVersion } from './entities.js';
import { mediaWords } from './messages.js';
import { rateLabel, unitsLabel } from './plan-document.js';
import { planItem, planVersionItem } from './plans.js';
import type { Campaign, Plan, PlanKind, PlanVersion } from './schemas.js';

/**
 * A media plan version as a subject of the sign-off engine: internal approval (the media
 * director or an account director, either one), the client's confirmation by link or in
 * writing; signed off = confirmed, which opens bookings against exactly that version.
 */
async function planVersionOf(clientId: string, planId: string, number: number) {
  const item = await getItem(MediaPlanVersion.key(clientId, planId, number));
  if (!item) throw notFound('Media plan version');
  return fromItem<PlanVersion>(item);
}

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

export const mediaPlanSubject: Subject = {
  type: 'media_plan',
  approves: 'media',
  noun: 'Media plan',
  makers: { role: 'media' },
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
      ...titled({ kind: 'media_plan', name: plan.title, of: campaign.name }),
      kind: plan.kind,
      jobId: campaign.jobId,
      refs: { planId, campaignId: plan.campaignId },
    };
  },
  presentedToClient: async () => true,
  async newestVersion(review) {
    const plan = await getItem(MediaPlan.key(review.clientId, review.subjectId));
    return plan ? fromItem<Plan>(plan).latestVersion : undefined;
  },
  async version(review, number) {
    const version = await planVersionOf(review.clientId, review.subjectId, number);
    const campaignItem = await getItem(MediaCampaign.key(review.clientId, version.campaignId));
    return {
      file: { draftVersion: number, ...version.document },
      fileName: `${review.kind}-v${number}.html`,
      contentType: 'text/html',
      shown: (language: Language) => [
        shownPlan(version, campaignItem ? fromItem<Campaign>(campaignItem) : undefined, language),
      ],
    };
  },
  approvalLeadsTo(review, _stage, language) {
    const words = mediaWords[language];
    return words.confirmed(words.confirmLeadsTo[review.kind as PlanKind] ?? words.goesOnFromIt);
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
      const [storedPlan, { op }] = await Promise.all([
        getItem(MediaPlan.key(review.clientId, review.subjectId)),
        setPlanVersionStatus(review, number, 'confirmed', { confirmation }),
      ]);
      const plan = fromItem<Plan>(storedPlan!);
      if (plan.latestVersion !== number) return [op];
      const nextPlan = patched(plan, { confirmedVersion: number });
      return [
        op,
        putIfVersion(planItem(review.clientId, nextPlan), plan.version, () =>
          conflict('version_conflict', 'The plan changed at the same moment; retry.'),
        ),
      ];
    }
    if (outcome === 'cancelled') {
      // Cancelled by staff: a version under review is a draft again, free for another review.
      const { version, op } = await setPlanVersionStatus(review, number, 'draft');
      return version.status === 'in_review' ? [op] : [];
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
    countersignedBy: approval.countersignedBy,
    document: approval.document,
    reviewId: review.reviewId,
  };
}

/**
 * The plan version's lines and totals, for the approval page (the same figures as its document),
 * in the reader's language: words from the catalogue, money and dates by `Intl`.
 */
function shownPlan(version: PlanVersion, campaign: Campaign | undefined, language: Language): ShownContent {
  const words = mediaWords[language];
  // Money and numbers by Intl in the reader's language (dates: `formatDay`).
  const locale = language;
  return {
    caption: words.shownCaption(version.lines.length),
    columns: words.columns,
    rows: version.lines.map((l) => [
      l.lineId,
      l.channel,
      l.vendor,
      l.placement,
      formatDayRange(l.startDate, l.endDate, language),
      unitsLabel(l, language),
      rateLabel(l, language),
      formatMoney(l.cost, locale),
    ]),
    totals: [
      [words.totalCost, formatMoney(version.totalCost, locale)],
      ...(campaign
        ? ([
            [words.budget, formatMoney(campaign.budget, locale)],
            [words.flight, formatDayRange(campaign.flightStart, campaign.flightEnd, language)],
          ] as [string, string][])
        : []),
    ],
    note: version.notes,
  };
}
