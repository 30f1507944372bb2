import { Client } from '../accounts/entities.js';
import {
  alongside,
  authorize,
  type Client as ClientView,
  clientView,
  openClient,
  openOwnedItem,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  checkWhen,
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { documentDownload } from '../platform/storage.js';
import { ActiveReview } from '../signoff/entities.js';
import { Estimate as EstimateEntity, EstimateVersion as EstimateVersionEntity } from './entities.js';
import { changeOrderOf, priceLines, totalsOf } from './pricing.js';
import type {
  ChangeOrder,
  CreateEstimateInput,
  Estimate,
  EstimateLineInput,
  EstimateVersion,
  ReviseEstimateInput,
} from './schemas.js';

/**
 * Cost estimates (domain.md §3, §4 step 8; issue 13 §1): a job's line items, priced on the server
 * (pricing.ts), versioned. The latest version is a draft until it is put to sign-off; a draft is
 * edited in place under its optimistic version; once in review or signed it is fixed, and the next
 * version is a revision — of a signed estimate, a change order that shows only its difference.
 * The sign-off itself (estimate and timetable together) is subject.ts.
 */
export const estimateItem = (estimate: Estimate) =>
  storedItem(
    EstimateEntity.type,
    EstimateEntity.key(estimate.clientId, estimate.estimateId),
    EstimateEntity.indexes(estimate),
    estimate,
  );

export const estimateVersionItem = (clientId: string, version: EstimateVersion) =>
  storedItem(
    EstimateVersionEntity.type,
    EstimateVersionEntity.key(clientId, version.estimateId, version.number),
    {},
    version,
  );

const taxRateOf = (client: Pick<ClientView, 'taxRateBasisPoints'>) => client.taxRateBasisPoints ?? 0;

const assertLive = (job: JobView) => {
  if (job.status === 'completed' || job.status === 'cancelled') {
    throw conflict('job_closed', `This job is ${job.status}: its estimates are closed.`);
  }
};

/** The job's currency: its budget's. A job without a budget takes the one the request names. */
function currencyFor(job: JobView, requested: string | undefined): string {
  const jobCurrency = job.budget?.currency;
  if (jobCurrency && requested && requested !== jobCurrency) {
    throw unprocessable(
      'currency_mismatch',
      `The job's budget is in ${jobCurrency}: its estimates are in ${jobCurrency} too.`,
      'body.currency',
    );
  }
  const currency = jobCurrency ?? requested;
  if (!currency) {
    throw unprocessable(
      'currency_required',
      'The job has no budget to take its currency from: name the currency of the estimate.',
      'body.currency',
    );
  }
  return currency;
}

async function openJob(actorId: string, jobId: string) {
  const clientId = clientOfScopedId(jobId);
  if (!clientId) throw notFound('Job');
  const { caller, clientItem, items } = await openClient(actorId, clientId, [Job.key(clientId, jobId)]);
  if (!items[0]) throw notFound('Job');
  return { caller, clientId, client: clientView(clientItem), job: fromItem<JobView>(items[0]) };
}

/** What the lines come to, without saving anything: the console's live totals. */
export async function previewEstimate(
  actorId: string,
  jobId: string,
  input: { currency?: string; lines: EstimateLineInput[] },
) {
  const { client, job } = await openJob(actorId, jobId);
  const currency = currencyFor(job, input.currency);
  const known = new Set(input.lines.flatMap((l) => (l.lineId ? [l.lineId] : [])));
  const { lines } = priceLines(input.lines, currency, { nextLineNumber: 1, known });
  return { currency, lines, totals: totalsOf(lines, currency, taxRateOf(client)) };
}

export async function createEstimate(
  actorId: string,
  jobId: string,
  input: CreateEstimateInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<{
    estimate: Estimate;
    version: EstimateVersion;
    signOff: { state: 'not_started'; version: number };
  }>(actorId, idempotency, async (remember) => {
    const { caller, clientId, client, job } = await openJob(actorId, jobId);
    authorize(caller, 'estimate.manage');
    assertLive(job);
    const currency = currencyFor(job, input.currency);
    if (input.lines.some((l) => l.lineId)) {
      const index = input.lines.findIndex((l) => l.lineId);
      throw unprocessable(
        'unknown_line',
        'A new estimate has no lines yet: leave the line ids out.',
        `body.lines.${index}.lineId`,
      );
    }
    const { lines, nextLineNumber } = priceLines(input.lines, currency, { nextLineNumber: 1 });
    const estimateId = newScopedId(clientId);
    const estimateRecord = newRecord(
      EstimateEntity.type,
      EstimateEntity.key(clientId, estimateId),
      EstimateEntity.indexes({ jobId, estimateId }),
      {
        estimateId,
        clientId,
        jobId,
        title: input.title,
        currency,
        latestVersion: 1,
        nextLineNumber,
        createdBy: caller.staffId,
      },
    );
    const versionRecord = newRecord(
      EstimateVersionEntity.type,
      EstimateVersionEntity.key(clientId, estimateId, 1),
      {},
      {
        estimateId,
        number: 1,
        kind: 'estimate' as const,
        currency,
        lines,
        totals: totalsOf(lines, currency, taxRateOf(client)),
        ...(input.notes ? { notes: input.notes } : {}),
        status: 'draft' as const,
        createdBy: caller.staffId,
      },
    );
    const result = {
      estimate: fromItem<Estimate>(estimateRecord),
      version: fromItem<EstimateVersion>(versionRecord),
      signOff: { state: 'not_started' as const, version: 1 },
    };
    await transact([
      putNew(estimateRecord),
      putNew(versionRecord),
      clientAuditEvent(clientId, {
        actorId,
        action: 'estimate.created',
        entityType: 'estimate',
        entityId: estimateId,
        after: result.estimate,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

async function openEstimate(actorId: string, estimateId: string) {
  const { caller, clientId, item } = await openOwnedItem<Estimate>(actorId, estimateId, 'Estimate', (c) =>
    EstimateEntity.key(c, estimateId),
  );
  return { caller, clientId, estimate: item };
}

async function versionOf(clientId: string, estimateId: string, number: number): Promise<EstimateVersion> {
  const item = await getItem(EstimateVersionEntity.key(clientId, estimateId, number));
  if (!item) throw notFound('Estimate version');
  return fromItem<EstimateVersion>(item);
}

/** A change order's difference from the signed version it revises (none for an estimate). */
async function changeOrderFor(clientId: string, version: EstimateVersion): Promise<ChangeOrder | undefined> {
  if (version.kind !== 'change_order' || !version.basedOnVersion) return undefined;
  const signed = await versionOf(clientId, version.estimateId, version.basedOnVersion);
  return changeOrderOf(signed, version);
}

const signOffState = {
  draft: 'not_started',
  in_review: 'in_review',
  changes_requested: 'changes_requested',
  rejected: 'rejected',
  superseded: 'not_started',
  signed: 'signed',
} as const;

async function detail(clientId: string, estimate: Estimate, version: EstimateVersion) {
  const [changeOrder, active] = await Promise.all([
    changeOrderFor(clientId, version),
    getItem(ActiveReview.key(clientId, estimate.estimateId)),
  ]);
  return {
    estimate,
    version,
    ...(changeOrder ? { changeOrder } : {}),
    signOff: {
      state: active ? ('in_review' as const) : signOffState[version.status],
      version: version.number,
      ...(active
        ? { reviewId: active.reviewId as string }
        : version.reviewId
          ? { reviewId: version.reviewId }
          : {}),
      ...(version.signedAt ? { signedAt: version.signedAt } : {}),
    },
  };
}

export async function getEstimate(actorId: string, estimateId: string) {
  const { clientId, estimate } = await openEstimate(actorId, estimateId);
  const version = await versionOf(clientId, estimateId, estimate.latestVersion);
  // Signed between the two reads: the estimate was written in the same transaction, read it again.
  const reread =
    version.status === 'signed' && estimate.signedVersion !== version.number
      ? await getItem(EstimateEntity.key(clientId, estimateId))
      : undefined;
  return detail(clientId, reread ? fromItem<Estimate>(reread) : estimate, version);
}

export async function getEstimateVersion(actorId: string, estimateId: string, number: number) {
  const { clientId, estimate } = await openEstimate(actorId, estimateId);
  return detail(clientId, estimate, await versionOf(clientId, estimateId, number));
}

export async function listEstimateVersions(actorId: string, estimateId: string) {
  const { clientId } = await openEstimate(actorId, estimateId);
  const items = await queryAll(EstimateEntity.withVersions(clientId, estimateId));
  return { items: items.map((i) => fromItem<EstimateVersion>(i)) };
}

export async function listJobEstimates(actorId: string, jobId: string) {
  const clientId = clientOfScopedId(jobId);
  if (!clientId) throw notFound('Job');
  const {
    checked: { items: found },
    read: estimates,
  } = await alongside(openClient(actorId, clientId, [Job.key(clientId, jobId)]), () =>
    queryAll(EstimateEntity.ofJob(jobId)),
  );
  if (!found[0]) throw notFound('Job');
  return {
    items: estimates.map((e) => fromItem<Estimate>(e)).filter((e) => e.clientId === clientId),
  };
}

async function loadForEdit(actorId: string, estimateId: string) {
  const { caller, clientId, estimate } = await openEstimate(actorId, estimateId);
  authorize(caller, 'estimate.manage');
  const [clientItem, jobItem, activeItem] = await getItems([
    Client.key(clientId),
    Job.key(clientId, estimate.jobId),
    ActiveReview.key(clientId, estimateId),
  ]);
  const job = fromItem<JobView>(jobItem!);
  assertLive(job);
  return { caller, clientId, estimate, client: clientView(clientItem!), activeItem };
}

/** The lines the estimate has ever had (ids a revision may keep). */
async function knownLineIds(clientId: string, estimateId: string): Promise<Set<string>> {
  const items = await queryAll(EstimateEntity.withVersions(clientId, estimateId));
  return new Set(items.flatMap((i) => fromItem<EstimateVersion>(i).lines.map((l) => l.lineId)));
}

const reviewRunning = (reviewId: unknown) =>
  conflict(
    'review_in_progress',
    `This estimate is in sign-off (review ${String(reviewId)}): it cannot change until the review asks for changes or is cancelled.`,
  );

/** No review may start between the check and the write: the write checks the review marker too. */
const noReviewRunning = (clientId: string, estimateId: string) =>
  checkWhen(ActiveReview.key(clientId, estimateId), { expression: 'attribute_not_exists(PK)' }, (current) =>
    reviewRunning(current?.reviewId),
  );

/** Edits the draft (the latest version, while no review runs on it) in place. */
export async function updateDraft(
  actorId: string,
  estimateId: string,
  number: number,
  expectedVersion: number,
  input: ReviseEstimateInput,
) {
  const { caller, clientId, estimate, client, activeItem } = await loadForEdit(actorId, estimateId);
  const current = await versionOf(clientId, estimateId, number);
  // Why it cannot change at all comes before whether the caller's copy is current.
  if (activeItem) throw reviewRunning(activeItem.reviewId);
  if (number !== estimate.latestVersion || current.status !== 'draft') {
    throw conflict(
      'estimate_locked',
      current.status === 'signed'
        ? 'This version is signed by the client and locked: revise the estimate for a change order.'
        : `Version ${number} is ${current.status.replace('_', ' ')}, no longer a draft: revise the estimate for a new version.`,
      'path.n',
    );
  }
  if (current.version !== expectedVersion) throw versionConflict('This estimate version', expectedVersion);
  const known = await knownLineIds(clientId, estimateId);
  const { lines, nextLineNumber } = priceLines(input.lines, estimate.currency, {
    nextLineNumber: estimate.nextLineNumber,
    known,
  });
  const next = patched(current, {
    lines,
    totals: totalsOf(lines, estimate.currency, taxRateOf(client)),
    notes: input.notes ?? null,
    // A draft edited after a review was tried on it is rendered again when it goes to sign-off.
    document: null,
    timetableVersion: null,
    timetableSha256: null,
  });
  const nextEstimate = patched(estimate, { nextLineNumber, title: input.title });
  await transact([
    putIfVersion(estimateVersionItem(clientId, next), expectedVersion, () =>
      versionConflict('This estimate version', expectedVersion),
    ),
    putIfVersion(estimateItem(nextEstimate), estimate.version, () =>
      conflict('version_conflict', 'The estimate changed at the same moment; reload and retry.'),
    ),
    noReviewRunning(clientId, estimateId),
    clientAuditEvent(clientId, {
      actorId: caller.staffId,
      action: 'estimate.draft_updated',
      entityType: 'estimate',
      entityId: estimateId,
      before: current,
      after: next,
      redact: ['lines'],
    }),
  ]);
  return detail(clientId, nextEstimate, next);
}

/**
 * The next version of an estimate whose latest is no longer a draft (sent back with changes
 * requested, rejected, or signed). After a signature it is a change order against the signed
 * version. A review waiting for a revision moves on to it.
 */
export async function reviseEstimate(
  actorId: string,
  estimateId: string,
  expectedVersion: number,
  input: ReviseEstimateInput,
) {
  const { caller, clientId, estimate, client, activeItem } = await loadForEdit(actorId, estimateId);
  if (estimate.version !== expectedVersion) throw versionConflict('This estimate', expectedVersion);
  const latest = await versionOf(clientId, estimateId, estimate.latestVersion);
  if (latest.status === 'draft') {
    throw conflict(
      'draft_open',
      `Version ${latest.number} is still a draft: edit it instead of starting another.`,
      'path.estimateId',
    );
  }
  if (latest.status === 'in_review') throw reviewRunning(activeItem?.reviewId ?? latest.reviewId);
  const known = await knownLineIds(clientId, estimateId);
  const { lines, nextLineNumber } = priceLines(input.lines, estimate.currency, {
    nextLineNumber: estimate.nextLineNumber,
    known,
  });
  const number = estimate.latestVersion + 1;
  const versionRecord = newRecord(
    EstimateVersionEntity.type,
    EstimateVersionEntity.key(clientId, estimateId, number),
    {},
    {
      estimateId,
      number,
      kind: estimate.signedVersion ? ('change_order' as const) : ('estimate' as const),
      ...(estimate.signedVersion ? { basedOnVersion: estimate.signedVersion } : {}),
      currency: estimate.currency,
      lines,
      totals: totalsOf(lines, estimate.currency, taxRateOf(client)),
      ...(input.notes ? { notes: input.notes } : {}),
      status: 'draft' as const,
      createdBy: caller.staffId,
    },
  );
  const nextEstimate = patched(estimate, { latestVersion: number, nextLineNumber, title: input.title });
  await transact([
    putIfVersion(estimateItem(nextEstimate), expectedVersion, () =>
      versionConflict('This estimate', expectedVersion),
    ),
    putNew(versionRecord),
    clientAuditEvent(clientId, {
      actorId: caller.staffId,
      action: estimate.signedVersion ? 'estimate.change_order_drafted' : 'estimate.revised',
      entityType: 'estimate',
      entityId: estimateId,
      before: estimate,
      after: nextEstimate,
    }),
  ]);
  return detail(clientId, nextEstimate, fromItem<EstimateVersion>(versionRecord));
}

/** The version's document as put to sign-off (estimate and timetable): a 5-minute presigned GET. */
export async function downloadEstimateDocument(actorId: string, estimateId: string, number: number) {
  const { clientId } = await openEstimate(actorId, estimateId);
  const version = await versionOf(clientId, estimateId, number);
  if (!version.document) {
    throw conflict(
      'no_document',
      'This version has not been put to sign-off yet: its document is made when its review starts.',
      'path.n',
    );
  }
  return documentDownload(getDraftsBucket(), version.document, 300, {
    fileName: `${version.kind === 'change_order' ? 'change-order' : 'estimate'}-v${number}.html`,
    contentType: 'text/html; charset=utf-8',
  });
}
