import { Staff } from '../accounts/entities.js';
import {
  alongside,
  authorize,
  contactLanguage,
  isUpReportingLine,
  type Language,
  loadCaller,
  loadContact,
  openClient,
  openOwnedItem,
} from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  backoff,
  deleteWhen,
  fromItem,
  getItem,
  getItems,
  type Page,
  putNew,
  putWhen,
  queryAll,
  queryPage,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import type { SignOffSubject } from '../platform/emails.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { clientOfScopedId, newId } from '../platform/ids.js';
import { countAgainst, type RateLimit } from '../platform/rate-limit.js';
import { now, patched } from '../platform/records.js';
import { presignDownload } from '../platform/storage.js';
import { businessMetric, countEvent } from '../platform/telemetry.js';
import { linkItem, lookUpLink, newNonce, nonceItem, type StoredLink } from './approval-links.js';
import {
  ApprovalRequest as ApprovalEntity,
  ApprovalLink,
  Evidence as EvidenceEntity,
  PageView as PageViewEntity,
  Review as ReviewEntity,
  ReviewStep as StepEntity,
} from './entities.js';
import { signOffWords } from './messages.js';
import { emailFacts, loadReviewContext, requestDecision } from './notices.js';
import { reviewOnHold } from './recovery.js';
import {
  approvesFor,
  closeApprovals,
  putApproval,
  putStep,
  resumeSettledStep,
  settlement,
} from './reviews.js';
import type {
  ApprovalRequest,
  DecisionInput,
  Evidence,
  PageView,
  Review,
  ReviewStep,
  Stage,
  SubjectType,
} from './schemas.js';
import { type ShownContent, subjectNamed, subjectOf } from './subjects.js';

/** Where a decision came from, for its evidence. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
}

interface Decider {
  id: string;
  via: Evidence['via'];
  onBehalfOf?: string;
  /** A written confirmation: the client's document the decision rests on. */
  document?: Evidence['document'];
  /** A written confirmation: who countersigned it (it counts only then). */
  countersignedBy?: string;
}

const previewSeconds = 5 * 60;

/** Fresh links sent for one approval request to its contact: at most 3 an hour, whoever asks. */
export const renewalLimit: RateLimit = { scope: 'link-renewal', limit: 3, windowSeconds: 60 * 60 };

/** What locates an approval request's review and step (none of it changes). */
type ApprovalRef = Pick<ApprovalRequest, 'approvalId' | 'reviewId' | 'stepNo'>;

/** Another decision on the same step committed first: re-read and try again. */
class StepMovedError extends Error {}

/**
 * Records one decision: the approval request, the step's tally (and, if this settles it, the
 * step's outcome and its other open requests), the evidence and the audit event — one
 * transaction. Then, if the step settled, resumes the workflow: exactly once, because only
 * the transaction that settled the step gets here with `settled`.
 */
export async function recordDecision(
  clientId: string,
  ref: ApprovalRef,
  decider: (approval: ApprovalRequest) => Decider,
  input: DecisionInput,
  meta: RequestMeta,
  extra: (evidence: Evidence) => WriteOp[] = () => [],
) {
  const { approvalId } = ref;
  for (let attempt = 0; ; attempt++) {
    // An approval's review and step never change, so all three are read in one round trip.
    const [approvalItem, reviewItem, stepItem] = await getItems([
      ApprovalEntity.key(clientId, approvalId),
      ReviewEntity.key(clientId, ref.reviewId),
      StepEntity.key(clientId, ref.reviewId, ref.stepNo),
    ]);
    if (!approvalItem) throw notFound('Approval request');
    const approval = fromItem<ApprovalRequest>(approvalItem);
    assertOpen(approval);
    const { id: deciderId, via, onBehalfOf, document, countersignedBy } = decider(approval);
    const review = fromItem<Review>(reviewItem!);
    const step = fromItem<ReviewStep>(stepItem!);
    // A decision nobody would act on is never "recorded": the workflow must run again first.
    if (review.status === 'failed') throw reviewOnHold(review);
    if (step.status !== 'pending') throw closedError();
    if (review.currentVersion !== approval.file.draftVersion) throw supersededError();

    const at = now();
    const decisions = { ...step.decisions, [approvalId]: input.decision };
    const outcome = settlement(step.approvalMode, step.approvalIds, decisions);
    const decided = patched(approval, {
      status: 'decided',
      decision: input.decision,
      comment: input.comment,
      decidedAt: at,
      decidedBy: deciderId,
      onBehalfOf,
    });
    const nextStep = patched(step, { decisions, ...(outcome ? { status: outcome, settledAt: at } : {}) }, at);
    const others = outcome
      ? (
          await getItems(
            step.approvalIds.filter((id) => id !== approvalId).map((id) => ApprovalEntity.key(clientId, id)),
          )
        )
          .filter((a) => a?.status === 'pending')
          .map((a) => fromItem<ApprovalRequest>(a!))
      : [];
    const evidenceId = newId();
    const evidence: Evidence = {
      evidenceId,
      reviewId: approval.reviewId,
      approvalId,
      stepNo: approval.stepNo,
      stage: approval.stage,
      approver: approval.assignee,
      decidedBy: deciderId,
      onBehalfOf,
      via,
      at,
      ip: meta.ip,
      userAgent: meta.userAgent,
      file: approval.file,
      decision: input.decision,
      comment: input.comment,
      document,
      countersignedBy,
    };
    try {
      await transact([
        putApproval(decided, approval.version, (current) =>
          current?.status === 'decided' ? alreadyDecidedError(current) : new StepMovedError(),
        ),
        putStep(clientId, nextStep, step.version, () => new StepMovedError()),
        ...closeApprovals(others),
        putNew({
          ...EvidenceEntity.key(clientId, approval.reviewId, at, evidenceId),
          itemType: EvidenceEntity.type,
          ...evidence,
        }),
        clientAuditEvent(clientId, {
          actorId: deciderId,
          action: `approval.${input.decision}`,
          entityType: 'approvalRequest',
          entityId: approvalId,
          before: approval,
          after: decided,
        }),
        ...extra(evidence),
      ]);
    } catch (error) {
      const retry =
        (error instanceof StepMovedError ||
          error instanceof TransactionRaceError ||
          (error instanceof AppError && error.code === 'version_conflict')) &&
        attempt < 10;
      if (!retry) throw error;
      await backoff(attempt);
      continue;
    }
    countEvent(businessMetric.decisionRecorded);
    if (outcome) await resumeSettledStep(clientId, step.reviewId, step.stepNo);
    return { approval: decided, evidence, stepSettled: Boolean(outcome) };
  }
}

const alreadyDecidedError = (approval: { decision?: unknown; decidedAt?: unknown }) =>
  conflict(
    'already_decided',
    `This approval was already decided (${String(approval.decision)} at ${String(approval.decidedAt)}).`,
  );
const closedError = () =>
  conflict(
    'approval_closed',
    'This step was settled without this approval (by another decision, or it expired).',
  );
const supersededError = () =>
  conflict('superseded', 'A newer version of this draft has been uploaded: this approval no longer applies.');

export function assertOpen(approval: ApprovalRequest): void {
  if (approval.status === 'decided') throw alreadyDecidedError(approval);
  if (approval.status === 'closed') throw closedError();
}

// ---------------------------------------------------------------------------------------------
// Staff decisions (API)
// ---------------------------------------------------------------------------------------------

async function openApproval(actorId: string, approvalId: string) {
  return openOwnedItem<ApprovalRequest>(actorId, approvalId, 'Approval request', (c) =>
    ApprovalEntity.key(c, approvalId),
  );
}

export async function getApproval(actorId: string, approvalId: string): Promise<ApprovalRequest> {
  return (await openApproval(actorId, approvalId)).item;
}

/**
 * A staff member decides an internal step: the assignee, or someone above them in the
 * account hierarchy (recorded as deciding on their behalf). Client steps are the client's:
 * only their approvers decide those, through their links.
 */
export async function decideAsStaff(
  actorId: string,
  approvalId: string,
  input: DecisionInput,
  meta: RequestMeta,
) {
  const { caller, clientId, item: approval } = await openApproval(actorId, approvalId);
  authorize(caller, 'review.decide');
  const { assignee } = approval;
  if (assignee.kind !== 'staff') {
    throw forbidden(
      'Only the client signs off for the client: their approvers decide through the emailed link.',
    );
  }
  const onBehalfOf = assignee.staffId === caller.staffId ? undefined : assignee.staffId;
  // On someone's behalf only by their managers up their reporting line: a higher rank elsewhere
  // on the team (an account director another manager reports to) is not theirs to overrule.
  if (onBehalfOf) {
    const assigneeItem = await getItem(Staff.key(assignee.staffId));
    const above = assigneeItem && (await isUpReportingLine(fromItem(assigneeItem), caller.staffId));
    if (!above) {
      throw forbidden(
        `Only ${assignee.name}, or someone they report to up their reporting line, may decide this step.`,
      );
    }
  }
  return recordDecision(
    clientId,
    approval,
    () => ({ id: caller.staffId, via: 'api', onBehalfOf }),
    input,
    meta,
  );
}

export async function listMyApprovals(
  actorId: string,
  query: { status: 'pending' | 'decided' | 'all'; limit: number; nextToken?: string },
): Promise<Page<ApprovalRequest>> {
  return (await myApprovals(actorId, query)).page;
}

/** The caller's approval requests, and the caller (the work queue words titles in their language). */
export async function myApprovals(
  actorId: string,
  query: { status: 'pending' | 'decided' | 'all'; limit: number; nextToken?: string },
) {
  const { caller } = await loadCaller(actorId);
  const page = await queryPage(
    ApprovalEntity.ofAssignee(caller.staffId, query.status === 'all' ? undefined : query.status),
    query,
  );
  return {
    caller,
    page: { items: page.items.map((i) => fromItem<ApprovalRequest>(i)), nextToken: page.nextToken },
  };
}

/** Every review of a subject (a draft, a media plan) with its steps, approval requests, evidence and page views. */
export async function getReviewChain(actorId: string, subjectType: SubjectType, subjectId: string) {
  const clientId = clientOfScopedId(subjectId);
  const subject = subjectNamed(subjectType);
  if (!clientId) throw notFound(subject.noun);
  // The reviews are only returned once the client is known to be the caller's.
  const { read: reviewItems } = await alongside(
    openClient(actorId, clientId, [subject.key(clientId, subjectId)]).then(({ items }) => {
      if (!items[0]) throw notFound(subject.noun);
    }),
    () => queryAll(ReviewEntity.ofSubject(subjectId)),
  );
  const reviews = await Promise.all(
    reviewItems.map(async (r) => {
      const parts = await queryAll(ReviewEntity.withParts(clientId, r.reviewId as string));
      const of = (type: string) => parts.filter((p) => p.itemType === type);
      const review = fromItem<Review>(of(ReviewEntity.type)[0] ?? r);
      const steps = of(StepEntity.type).map((s) => fromItem<ReviewStep>(s));
      const approvalItems = await getItems(
        steps.flatMap((s) => s.approvalIds.map((id) => ApprovalEntity.key(clientId, id))),
      );
      return {
        ...review,
        steps,
        approvals: approvalItems.filter(Boolean).map((a) => fromItem<ApprovalRequest>(a!)),
        evidence: of(EvidenceEntity.type).map((e) => fromItem<Evidence>(e)),
        pageViews: of(PageViewEntity.type).map((v) => fromItem<PageView>(v)),
      };
    }),
  );
  return { subjectId, reviews };
}

// ---------------------------------------------------------------------------------------------
// The client's side: approval links
// ---------------------------------------------------------------------------------------------

/** What an approval page shows: what every sign-off email names, and the file and decision. */
export interface ApprovalPageFacts extends SignOffSubject {
  approverName: string;
  approvalId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  /** The type the file's bytes were found to be: a preview is shown in place only then. */
  verifiedType?: string;
  previewUrl?: string;
  /** What the page shows of the version itself (a plan's lines and totals). */
  shown?: ShownContent[];
  /** What happens after each choice, in the approver's words. */
  choices: Record<DecisionInput['decision'], string>;
  decision?: string;
  decidedAt?: string;
  comment?: string;
  /** The step and the kind of item, as codes: the page says them in the reader's language. */
  stage: Stage;
  subjectType: SubjectType;
}

export type LinkPage =
  | { state: 'invalid' }
  | { state: 'open'; facts: ApprovalPageFacts; nonce?: string }
  | { state: 'decided' | 'superseded' | 'closed' | 'on_hold'; facts: ApprovalPageFacts };

/** The approval request a link is for, with its review and step, in one round trip. */
async function linkTarget(link: StoredLink) {
  const [approvalItem, reviewItem, stepItem] = await getItems([
    ApprovalEntity.key(link.clientId, link.approvalId),
    ReviewEntity.key(link.clientId, link.reviewId),
    StepEntity.key(link.clientId, link.reviewId, link.stepNo),
  ]);
  return {
    approval: fromItem<ApprovalRequest>(approvalItem!),
    review: fromItem<Review>(reviewItem!),
    step: fromItem<ReviewStep>(stepItem!),
  };
}

/**
 * Whether the link's approver may no longer approve for the client — deactivated since (they left
 * the client), or no longer registered to approve this kind of work: their link is dead, as if unknown.
 */
async function approverGone(link: StoredLink, target?: Awaited<ReturnType<typeof linkTarget>>) {
  const { approval, review } = target ?? (await linkTarget(link));
  const { assignee } = approval;
  return (
    assignee.kind === 'contact' && !approvesFor(review)(await loadContact(link.clientId, assignee.contactId))
  );
}

/**
 * What a link's page shows, from the link and what it is bound to, in the contact's language
 * (recorded with them), else the browser's.
 */
async function pageOf(
  link: StoredLink,
  browserLanguage: Language,
): Promise<Exclude<LinkPage, { state: 'invalid' }>> {
  const { approval, review, step } = await linkTarget(link);
  const { assignee } = approval;
  const subject = subjectOf(review);
  const [ctx, { fileName, contentType, verifiedType, shown }, contactsLanguage] = await Promise.all([
    loadReviewContext(review),
    subject.version(review, link.file.draftVersion),
    assignee.kind === 'contact' ? contactLanguage(link.clientId, assignee.contactId) : undefined,
  ]);
  const language = contactsLanguage ?? browserLanguage;
  const facts: ApprovalPageFacts = {
    ...emailFacts(review, step, ctx, language),
    approverName: approval.assignee.name,
    approvalId: approval.approvalId,
    fileName,
    contentType,
    verifiedType,
    shown: shown?.(language),
    choices: choicesOf(review, step, language),
    sha256: link.file.sha256,
    decision: approval.decision,
    decidedAt: approval.decidedAt,
    comment: approval.comment,
    stage: step.stage,
    subjectType: review.subjectType,
  };
  const bound = link.file.sha256 === approval.file.sha256 && link.file.objectKey === approval.file.objectKey;
  if (approval.status === 'decided') return { state: 'decided', facts };
  if (!bound || review.currentVersion !== link.file.draftVersion || step.status === 'revised') {
    return { state: 'superseded', facts };
  }
  if (approval.status === 'closed' || step.status !== 'pending') return { state: 'closed', facts };
  if (review.status === 'failed') return { state: 'on_hold', facts };
  facts.previewUrl = await presignDownload(
    getDraftsBucket(),
    link.file.objectKey,
    link.file.objectVersionId,
    previewSeconds,
    { fileName, contentType, verifiedType },
  );
  return { state: 'open', facts };
}

/** What each choice on the page leads to, for this subject and step, in the reader's language. */
function choicesOf(review: Review, step: ReviewStep, language: Language): ApprovalPageFacts['choices'] {
  const words = signOffWords[language].choices;
  const waitsForOthers = step.approvalIds.length > 1 && review.approvalMode === 'all';
  const back = words.back(signOffWords[language].makers[review.subjectType]);
  return {
    approve: `${subjectOf(review).approvalLeadsTo(review, step.stage, language)}${
      waitsForOthers ? ` ${words.waitsForOthers}` : ''
    }`,
    approve_with_changes: words.approveWithChanges(back),
    request_changes: words.requestChanges(back),
    reject: words.reject,
  };
}

/**
 * GET (and HEAD) of a link: what the page shows. Never decides anything. A GET of an open
 * approval is logged as a page view and gets a nonce for its form; HEAD writes nothing.
 */
export async function showLinkPage(
  token: string,
  meta: RequestMeta,
  method: 'GET' | 'HEAD',
  browserLanguage: Language,
): Promise<LinkPage> {
  const found = await lookUpLink(token, meta.ip);
  if (found.kind !== 'valid' || (await approverGone(found.link))) return { state: 'invalid' };
  const page = await pageOf(found.link, browserLanguage);
  if (method === 'HEAD' || page.state !== 'open') return page;
  const nonce = newNonce();
  const at = now();
  const viewId = newId();
  const view: PageView = {
    viewId,
    reviewId: found.link.reviewId,
    approvalId: found.link.approvalId,
    at,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
  await transact([
    putNew(nonceItem(found.link.tokenHash, nonce)),
    putNew({
      ...PageViewEntity.key(found.link.clientId, found.link.reviewId, at, viewId),
      itemType: PageViewEntity.type,
      ...view,
    }),
  ]);
  return { ...page, nonce };
}

export interface LinkDecisionForm extends DecisionInput {
  nonce: string;
  approvalId: string;
}

/**
 * The page's form, posted: records the decision of the link's approver. The nonce (from the
 * page, single use) and the link (single use) are consumed in the decision's transaction.
 */
export async function decideByLink(
  token: string,
  form: LinkDecisionForm,
  meta: RequestMeta,
  browserLanguage: Language,
): Promise<LinkPage> {
  const found = await lookUpLink(token, meta.ip);
  if (found.kind !== 'valid' || (await approverGone(found.link))) return { state: 'invalid' };
  const { link } = found;
  if (form.approvalId !== link.approvalId || clientOfScopedId(form.approvalId) !== link.clientId) {
    throw forbidden('This link is not for that approval.');
  }
  const approver = ({ assignee }: ApprovalRequest): Decider => ({
    id: assignee.kind === 'contact' ? assignee.contactId : assignee.staffId,
    via: 'link',
  });
  try {
    await recordDecision(link.clientId, link, approver, form, meta, () => [
      putWhen(
        linkItem({ ...link, usedAt: now() }),
        { expression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)' },
        () => conflict('already_decided', 'This link has been used.'),
      ),
      deleteWhen(
        ApprovalLink.nonceKey(link.tokenHash, form.nonce),
        { expression: 'attribute_exists(PK) AND validUntil > :now', values: { ':now': now() } },
        () =>
          badRequest('stale_form', 'This form has expired: reload the page and decide again.', 'body.nonce'),
      ),
    ]);
  } catch (error) {
    // A decision that cannot be recorded any more (or not now): the page says why.
    const settled =
      error instanceof AppError &&
      ['already_decided', 'approval_closed', 'superseded', 'review_on_hold'].includes(error.code);
    if (!settled) throw error;
  }
  return pageOf(link, browserLanguage);
}

/**
 * An expired link's page offers a fresh one. Sent only for a real link whose approval is still
 * open, and only to the address the link went to; the answer is the same in every case.
 */
export async function renewLink(token: string, meta: RequestMeta): Promise<void> {
  const found = await lookUpLink(token, meta.ip);
  if (found.kind !== 'expired') return;
  const target = await linkTarget(found.link);
  const { approval, review, step } = target;
  if (
    approval.status !== 'pending' ||
    step.status !== 'pending' ||
    approval.assignee.kind !== 'contact' ||
    (await approverGone(found.link, target))
  )
    return;
  // However many addresses ask, the contact gets at most a few fresh links an hour for one request.
  const renewals = await countAgainst(renewalLimit, `${approval.approvalId}#${approval.assignee.contactId}`);
  if (renewals > renewalLimit.limit) return;
  const ctx = await loadReviewContext(review);
  await requestDecision(review, step, ctx, approval, 'reminder');
}
