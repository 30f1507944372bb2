import { Client } from '../accounts/entities.js';
import { type Client as ClientView, clientDocumentLanguage, clientView } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  transact,
  updateWhen,
  type WriteOp,
} from '../platform/db/table.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import { formatMoney, formatNumber } from '../platform/money.js';
import { now, patched } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { type Evidence, type ShownContent, type Subject, titled } from '../signoff/index.js';
import { TimetableVersion } from '../traffic/entities.js';
import {
  latestTimetableVersion,
  shownTimetable,
  timetableSection,
  timetableSignedWrites,
  timetableVersionOf,
} from '../traffic/index.js';
import { percent, renderEstimateDocument } from './document.js';
import {
  Estimate as EstimateEntity,
  EstimateVersion as EstimateVersionEntity,
  JobSpendLedger,
} from './entities.js';
import { estimateItem, estimateVersionItem } from './estimates.js';
import { costSignedOffWords, costWords, estimateDocumentWords } from './messages.js';
import { changeOrderOf } from './pricing.js';
import type { Estimate, EstimateVersion } from './schemas.js';

/**
 * An estimate version as a subject of the sign-off engine (domain.md §4 step 8: "the client
 * approves the estimate, the timetable and the media schedule, and signs"): the account director
 * approves it inside the agency, then the client contacts registered to approve `estimate` sign
 * the estimate AND the job's latest timetable together — one document (document.ts) holding both,
 * one link each, one evidence record whose file names both versions' hashes (`parts`).
 *
 * Signed = the version is locked (`signed`), the timetable version becomes the job's baseline, and
 * the job's spend ledger (entities.ts, `JobSpendLedger`) takes the signed total — all in the one
 * transaction that ends the review. A change order (a revision of a signed estimate) goes the same
 * way and moves the signed total to its own.
 */
async function versionOf(clientId: string, estimateId: string, number: number): Promise<EstimateVersion> {
  const item = await getItem(EstimateVersionEntity.key(clientId, estimateId, number));
  if (!item) throw notFound('Estimate version');
  return fromItem<EstimateVersion>(item);
}

async function estimateOf(clientId: string, estimateId: string): Promise<Estimate> {
  const item = await getItem(EstimateEntity.key(clientId, estimateId));
  if (!item) throw notFound('Estimate');
  return fromItem<Estimate>(item);
}

const noTimetable = () =>
  unprocessable(
    'no_timetable',
    "The client signs the estimate and the job's timetable together: freeze the job's timetable first (traffic).",
  );

/**
 * The version's sign-off document, made once: the estimate (a change order's difference) and the
 * job's latest timetable version, stored in S3 and recorded on the version with the timetable's
 * number and hash. Made when its review opens (or the review moves on to it), so the timetable
 * is the one current then; an edit of the draft drops it.
 */
async function ensureDocument(
  clientId: string,
  estimateId: string,
  number: number,
): Promise<EstimateVersion> {
  const version = await versionOf(clientId, estimateId, number);
  if (version.document && version.timetableVersion && version.timetableSha256) return version;
  const estimate = await estimateOf(clientId, estimateId);
  const [[clientItem, jobItem], timetable, language] = await Promise.all([
    getItems([Client.key(clientId), Job.key(clientId, estimate.jobId)]),
    latestTimetableVersion(clientId, estimate.jobId),
    clientDocumentLanguage(clientId, 'estimate'),
  ]);
  if (!timetable) throw noTimetable();
  const client: ClientView = clientView(clientItem!);
  const job = fromItem<JobView>(jobItem!);
  const changeOrder =
    version.kind === 'change_order' && version.basedOnVersion
      ? changeOrderOf(await versionOf(clientId, estimateId, version.basedOnVersion), version)
      : undefined;
  const stored = await putDocument(
    getDraftsBucket(),
    `clients/${clientId}/jobs/${estimate.jobId}/estimates/${estimateId}/v${String(number).padStart(4, '0')}.html`,
    renderEstimateDocument({
      agencyName: getMailConfig().agencyName,
      clientName: client.name,
      jobNumber: job.jobNumber,
      jobTitle: job.title,
      title: estimate.title,
      number,
      lines: version.lines,
      totals: version.totals,
      notes: version.notes,
      changeOrder,
      timetable: {
        number: timetable.number,
        sha256: timetable.document.sha256,
        html: timetableSection(timetable, language),
      },
      language,
    }),
    'text/html; charset=utf-8',
  );
  const next = patched(version, {
    document: {
      objectKey: stored.objectKey,
      ...(stored.objectVersionId ? { objectVersionId: stored.objectVersionId } : {}),
      sha256: stored.sha256,
    },
    timetableVersion: timetable.number,
    timetableSha256: timetable.document.sha256,
  });
  try {
    await transact([
      putIfVersion(estimateVersionItem(clientId, next), version.version, () =>
        conflict('version_conflict', 'The estimate version changed concurrently.'),
      ),
    ]);
    return next;
  } catch (error) {
    // Made at the same moment by another task: theirs stands.
    const again = await versionOf(clientId, estimateId, number);
    if (again.document && again.timetableVersion) return again;
    throw error;
  }
}

async function setStatus(
  clientId: string,
  estimateId: string,
  number: number,
  status: EstimateVersion['status'],
  extra: Record<string, unknown> = {},
) {
  const version = await versionOf(clientId, estimateId, number);
  return {
    version,
    op: putIfVersion(
      estimateVersionItem(clientId, patched(version, { status, ...extra })),
      version.version,
      () => conflict('version_conflict', 'The estimate version changed concurrently.'),
    ),
  };
}

/**
 * The estimate as the client reads it on the approval page: the signed document's columns and
 * totals — each line's net, its markup as the rate agreed and the amount it comes to, its total —
 * so what the page shows is what the document signs, and what staff see in the console.
 */
function shownEstimate(version: EstimateVersion, language: Language): ShownContent {
  const words = { ...costWords[language], ...estimateDocumentWords[language] };
  const t = version.totals;
  const changeNote =
    version.kind === 'change_order' ? words.changeOrderNote(version.basedOnVersion ?? 0) : '';
  return {
    caption: words.shownCaption(version.lines.length, version.kind === 'change_order'),
    columns: words.documentColumns,
    rows: version.lines.map((l) => [
      l.lineId,
      words.categories[l.category],
      l.description,
      formatNumber(l.quantity, l.quantity % 1 === 0 ? 0 : 3, language),
      formatMoney(l.unitCost, language),
      formatMoney(l.net, language),
      percent(l.markupPercent, language),
      formatMoney(l.markup, language),
      formatMoney(l.total, language),
    ]),
    totals: [
      [words.net, formatMoney(t.net, language)],
      [words.markup, formatMoney(t.markup, language)],
      [words.subtotal, formatMoney(t.subtotal, language)],
      [words.tax(percent(t.taxRateBasisPoints / 100, language)), formatMoney(t.tax, language)],
      [words.total, formatMoney(t.grandTotal, language)],
    ],
    note: `${changeNote}${words.withTimetable(version.timetableVersion ?? 0)}`,
  };
}

/**
 * The job's spend ledger takes the signature (the contract with purchase orders and bookings,
 * entities.ts): the signed total, which estimate and version, whether it carries media. Only this
 * estimate may move it, only forward; committed spend is never touched, only started at 0.
 *
 * The signed total is the subtotal BEFORE tax (lines' net + markups and commissions): purchase
 * orders and bookings commit spend net of sales tax, so the guard compares like with like.
 */
export function ledgerSignedWrite(clientId: string, jobId: string, version: EstimateVersion): WriteOp {
  return updateWhen(
    JobSpendLedger.key(clientId, jobId),
    {
      expression:
        'SET #itemType = :type, #clientId = :clientId, #jobId = :jobId, #currency = :currency, #signedTotal = :total, #estimateId = :estimateId, #estimateVersion = :number, #media = :media, #committed = if_not_exists(#committed, :zero), #version = if_not_exists(#version, :zero) + :one, #createdAt = if_not_exists(#createdAt, :at), #updatedAt = :at',
      condition:
        'attribute_not_exists(PK) OR attribute_not_exists(#estimateId) OR (#estimateId = :estimateId AND #estimateVersion < :number AND #currency = :currency)',
      names: {
        '#itemType': 'itemType',
        '#clientId': 'clientId',
        '#jobId': 'jobId',
        '#currency': 'currency',
        '#signedTotal': 'signedTotalMinor',
        '#estimateId': 'signedEstimateId',
        '#estimateVersion': 'signedEstimateVersion',
        '#media': 'estimateCarriesMedia',
        '#committed': 'committedMinor',
        '#version': 'version',
        '#createdAt': 'createdAt',
        '#updatedAt': 'updatedAt',
      },
      values: {
        ':type': JobSpendLedger.type,
        ':clientId': clientId,
        ':jobId': jobId,
        ':currency': version.currency,
        ':total': version.totals.subtotal.amountMinor,
        ':estimateId': version.estimateId,
        ':number': version.number,
        ':media': version.totals.carriesMedia,
        ':zero': 0,
        ':one': 1,
        ':at': now(),
      },
    },
    () =>
      conflict(
        'job_has_signed_estimate',
        "Another estimate of this job is signed (or a later version of this one): the job's signed total follows that one.",
      ),
  );
}

export const estimateSubject: Subject = {
  type: 'estimate',
  approves: 'estimate',
  noun: 'Estimate',
  makers: { role: 'account_executive' },
  key: (clientId, estimateId) => EstimateEntity.key(clientId, estimateId),
  chainPath: (estimateId) => `/estimates/${estimateId}/approvals`,
  // The account director approves estimates before they go to the client (domain.md §2: controls
  // agency cost, approves what goes to the client).
  internal: { roles: ['account_director'], mode: 'any' },
  async open(clientId, estimateId, number) {
    const [estimateItemFound, versionItem] = await getItems([
      EstimateEntity.key(clientId, estimateId),
      EstimateVersionEntity.key(clientId, estimateId, number),
    ]);
    if (!estimateItemFound) throw notFound('Estimate');
    if (!versionItem) throw notFound('Estimate version');
    const estimate = fromItem<Estimate>(estimateItemFound);
    const version = fromItem<EstimateVersion>(versionItem);
    const ledger = await getItem(JobSpendLedger.key(clientId, estimate.jobId));
    if (number !== estimate.latestVersion) {
      throw conflict(
        'superseded_version',
        `Version ${estimate.latestVersion} is the latest: put that one to sign-off.`,
        'path.n',
      );
    }
    if (version.status === 'signed') {
      throw conflict('already_signed', 'The client has signed this version already: it is locked.', 'path.n');
    }
    if (ledger?.signedEstimateId && ledger.signedEstimateId !== estimateId) {
      throw conflict(
        'job_has_signed_estimate',
        "Another estimate of this job is signed: revise that one (a change order) to change the job's signed total.",
      );
    }
    if (version.kind === 'change_order' && version.basedOnVersion) {
      const co = changeOrderOf(await versionOf(clientId, estimateId, version.basedOnVersion), version);
      if (co.added.length + co.removed.length + co.changed.length === 0) {
        throw unprocessable(
          'no_change',
          'This change order changes nothing against the signed estimate.',
          'path.n',
        );
      }
    }
    await ensureDocument(clientId, estimateId, number);
    return {
      ...titled({
        kind: version.kind === 'change_order' ? 'change_order' : 'estimate',
        name: estimate.title,
      }),
      kind: version.kind,
      jobId: estimate.jobId,
      refs: {},
    };
  },
  presentedToClient: async () => true,
  async newestVersion(review) {
    return (await estimateOf(review.clientId, review.subjectId)).latestVersion;
  },
  async version(review, number) {
    const [version, estimate] = await Promise.all([
      ensureDocument(review.clientId, review.subjectId, number),
      estimateOf(review.clientId, review.subjectId),
    ]);
    const timetable = await timetableVersionOf(review.clientId, estimate.jobId, version.timetableVersion!);
    const document = version.document!;
    return {
      file: {
        draftVersion: number,
        ...document,
        parts: [
          { subjectType: 'estimate', subjectId: review.subjectId, version: number, sha256: document.sha256 },
          {
            subjectType: 'timetable',
            subjectId: estimate.jobId,
            version: version.timetableVersion!,
            sha256: version.timetableSha256!,
          },
        ],
      },
      fileName: `${version.kind === 'change_order' ? 'change-order' : 'estimate'}-v${number}.html`,
      contentType: 'text/html',
      // The client signs both: the page shows the lines and the timetable's dates, not only the document.
      shown: (language: Language) => [shownEstimate(version, language), shownTimetable(timetable, language)],
    };
  },
  approvalLeadsTo(_review, stage, language) {
    return stage === 'internal' ? costWords[language].toClient : costWords[language].signed;
  },
  async after(_review, stage) {
    return stage === 'internal' ? { stage: 'client' } : 'signed_off';
  },
  async onStepOpened(review, stage, number) {
    const status = stage === 'revision' ? 'changes_requested' : 'in_review';
    const { version, op } = await setStatus(review.clientId, review.subjectId, number, status, {
      reviewId: review.reviewId,
    });
    return version.status === status ? [] : [op];
  },
  async onSuperseded(review, number) {
    const { version, op } = await setStatus(review.clientId, review.subjectId, number, 'superseded');
    return version.status === 'in_review' ? [op] : [];
  },
  afterEnded: async () => {},
  signedOffNotice: (_review, number, language) => ({
    subject: costSignedOffWords[language].subject,
    paragraph: costSignedOffWords[language].paragraph(number),
  }),
  async onEnded(review, outcome, number, approval?: Evidence) {
    if (outcome !== 'released') {
      // Rejected stays rejected; a review cancelled or expired leaves the version a draft again.
      const status = outcome === 'rejected' ? 'rejected' : 'draft';
      return [(await setStatus(review.clientId, review.subjectId, number, status)).op];
    }
    const at = approval?.at ?? now();
    const [estimate, { version, op }] = await Promise.all([
      estimateOf(review.clientId, review.subjectId),
      setStatus(review.clientId, review.subjectId, number, 'signed', {
        signedAt: at,
        reviewId: review.reviewId,
      }),
    ]);
    // The timetable version signed with it becomes the baseline, unless it already is.
    const timetable = await getItem(
      TimetableVersion.key(review.clientId, estimate.jobId, version.timetableVersion!),
    );
    const timetableWrites =
      timetable && timetable.status !== 'signed'
        ? await timetableSignedWrites(review.clientId, estimate.jobId, version.timetableVersion!, {
            at,
            reviewId: review.reviewId,
          })
        : [];
    return [
      op,
      putIfVersion(
        estimateItem(patched(estimate, { signedVersion: number, approvedTotal: version.totals.subtotal })),
        estimate.version,
        () => conflict('version_conflict', 'The estimate changed at the same moment; retry.'),
      ),
      ledgerSignedWrite(review.clientId, estimate.jobId, version),
      ...timetableWrites,
    ];
  },
};
