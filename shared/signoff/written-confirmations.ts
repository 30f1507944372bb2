import { Staff } from '../accounts/entities.js';
import {
  authorize,
  type Caller,
  loadActiveTeam,
  managersUpTheLine,
  openClient,
  rank,
  type StaffMember,
  type StaffRole,
} from '../accounts/index.js';
import { afterCommit } from '../platform/after-commit.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  fromItem,
  getItem,
  getItems,
  type Item,
  putNew,
  putWhen,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newId } from '../platform/ids.js';
import { now } from '../platform/records.js';
import { type DocumentDownload, documentDownload, presignUpload, readObject } from '../platform/storage.js';
import {
  type ConfirmationContentType,
  checkConfirmationDocument,
  maxConfirmationBytes,
} from './confirmation-document.js';
import { assertOpen, type RequestMeta, recordDecision } from './decisions.js';
import {
  ActiveReview,
  ApprovalRequest as ApprovalEntity,
  ConfirmationUpload as ConfirmationUploadEntity,
  Review as ReviewEntity,
  ReviewStep as StepEntity,
} from './entities.js';
import { staffNoticeWords } from './messages.js';
import { loadReviewContext, type StaffAssignee, tellStaff } from './notices.js';
import { reviewOnHold } from './recovery.js';
import type {
  ApprovalRequest,
  CountersignInput,
  Review,
  ReviewStep,
  SubjectType,
  WrittenConfirmation,
} from './schemas.js';
import { subjectNamed } from './subjects.js';

/**
 * The client confirmed in writing (a signed PDF, their email): staff upload the document, it is
 * checked from its own bytes and recorded, and it counts — as the client's decision at their step,
 * with the document in its evidence — only once countersigned by an account director or by
 * someone above the person who recorded it (issue 9 §8): one person alone cannot confirm a plan
 * for the client.
 */
const confirmationUploadSeconds = 15 * 60;
/** A download link of a recorded document lives this long (the route presigns a fresh one on each call). */
const downloadSeconds = 5 * 60;

/** As kept: the view, what it is of, and where its document is stored. */
type StoredConfirmation = WrittenConfirmation & { subjectType: SubjectType; objectKey: string };

const confirmationItem = (clientId: string, confirmation: StoredConfirmation): Item => ({
  ...ConfirmationUploadEntity.key(clientId, confirmation.uploadId),
  itemType: ConfirmationUploadEntity.type,
  ...confirmation,
});

const viewOf = ({ subjectType: _type, objectKey: _key, ...view }: StoredConfirmation): WrittenConfirmation =>
  view;

/** A confirmation as the audit trail compares it (it has no optimistic-locking version: its status guards it). */
const audited = (confirmation: StoredConfirmation): { version?: number } => ({
  version: undefined,
  ...viewOf(confirmation),
});

/** The client contact's open approval of this exact version at its client step. */
async function openClientApproval(
  caller: Caller,
  clientId: string,
  subjectId: string,
  number: number,
  contactId: string,
  active: Item | undefined,
) {
  const notWaiting = () =>
    conflict(
      'no_client_approval_pending',
      `Version ${number} is not waiting for this contact's confirmation: start its review; the client step opens after internal approval.`,
      'path.n',
    );
  if (!active) {
    // Its review may be stopped (it let the plan go): say so, rather than "start its review".
    const reviews = await queryAll(ReviewEntity.ofSubject(subjectId));
    const latest = reviews.at(-1);
    if (latest?.status === 'failed') throw reviewOnHold(fromItem<Review>(latest));
    throw notWaiting();
  }
  const reviewId = active.reviewId as string;
  const steps = (await queryAll(StepEntity.ofReview(clientId, reviewId))).map((x) => fromItem<ReviewStep>(x));
  const last = steps.at(-1);
  const waiting = last?.stage === 'client' && last.status === 'pending' && last.file.draftVersion === number;
  const step = waiting ? last : undefined;
  if (!step) throw notWaiting();
  const approvals = (await getItems(step.approvalIds.map((id) => ApprovalEntity.key(clientId, id))))
    .filter(Boolean)
    .map((a) => fromItem<ApprovalRequest>(a!));
  const approval = approvals.find((a) => a.assignee.kind === 'contact' && a.assignee.contactId === contactId);
  if (!approval) {
    throw unprocessable(
      'not_an_approver',
      'That contact is not one of this step’s approvers.',
      'body.contactId',
    );
  }
  assertOpen(approval);
  return { caller, approval, step };
}

/** Opens the subject for the caller with its active review and, if named, a written confirmation. */
async function openSubject(actorId: string, subjectType: SubjectType, subjectId: string, uploadId?: string) {
  const clientId = clientOfScopedId(subjectId);
  const subject = subjectNamed(subjectType);
  if (!clientId) throw notFound(subject.noun);
  const { caller, items } = await openClient(actorId, clientId, [
    subject.key(clientId, subjectId),
    ActiveReview.key(clientId, subjectId),
    ...(uploadId ? [ConfirmationUploadEntity.key(clientId, uploadId)] : []),
  ]);
  const [subjectItem, active, uploadItem] = items;
  if (!subjectItem) throw notFound(subject.noun);
  return { caller, clientId, active, uploadItem };
}

/** A written confirmation of this subject's version `number`, or 404. */
function confirmationOf(item: Item | undefined, subjectId: string, number: number): StoredConfirmation {
  const confirmation = item ? fromItem<StoredConfirmation>(item) : undefined;
  if (!confirmation || confirmation.subjectId !== subjectId || confirmation.versionNumber !== number) {
    throw notFound('Written confirmation');
  }
  return confirmation;
}

/**
 * Step one: a presigned upload for the client's written confirmation of one exact version. With an
 * Idempotency-Key, a repeat answers the first answer (the same upload), and makes no second one.
 */
export async function requestWrittenConfirmation(
  actorId: string,
  subjectType: SubjectType,
  subjectId: string,
  number: number,
  input: { contactId: string; file: { name: string; contentType: ConfirmationContentType } },
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const { caller, clientId, active } = await openSubject(actorId, subjectType, subjectId);
    authorize(caller, 'confirmation.record');
    const { approval } = await openClientApproval(
      caller,
      clientId,
      subjectId,
      number,
      input.contactId,
      active,
    );
    const uploadId = newId();
    const objectKey = `clients/${clientId}/confirmations/${subjectId}/v${String(number).padStart(4, '0')}/${uploadId}/${input.file.name}`;
    const expiresAt = new Date(Date.now() + confirmationUploadSeconds * 1000).toISOString();
    const confirmation: StoredConfirmation = {
      uploadId,
      approvalId: approval.approvalId,
      subjectType,
      subjectId,
      versionNumber: number,
      contactId: input.contactId,
      fileName: input.file.name,
      contentType: input.file.contentType,
      objectKey,
      status: 'awaiting_upload',
      requestedBy: caller.staffId,
      uploadExpiresAt: expiresAt,
    };
    const presigned = await presignUpload({
      bucket: getDraftsBucket(),
      key: objectKey,
      contentType: input.file.contentType,
      maxBytes: maxConfirmationBytes,
      expiresSeconds: confirmationUploadSeconds,
    });
    const result = {
      uploadId,
      approvalId: approval.approvalId,
      upload: { ...presigned, expiresAt, maxBytes: maxConfirmationBytes },
    };
    await transact([putNew(confirmationItem(clientId, confirmation)), ...remember(result)]);
    return result;
  });
}

export async function getWrittenConfirmation(
  actorId: string,
  subjectType: SubjectType,
  subjectId: string,
  number: number,
  uploadId: string,
): Promise<WrittenConfirmation> {
  const { uploadItem } = await openSubject(actorId, subjectType, subjectId, uploadId);
  return viewOf(confirmationOf(uploadItem, subjectId, number));
}

/**
 * A recorded written confirmation's document (the client's signed PDF or email), presigned now for
 * a staff member who sees the client — the countersigner reads it before countersigning: exactly
 * the object version recorded. Its bytes were checked when recorded, so a PDF may show in place.
 */
export async function downloadWrittenConfirmation(
  actorId: string,
  subjectType: SubjectType,
  subjectId: string,
  number: number,
  uploadId: string,
): Promise<DocumentDownload> {
  const { uploadItem } = await openSubject(actorId, subjectType, subjectId, uploadId);
  const { document, fileName } = confirmationOf(uploadItem, subjectId, number);
  if (!document) {
    throw conflict(
      'not_recorded',
      'This written confirmation has not been recorded yet: complete its upload first.',
      'path.uploadId',
    );
  }
  return documentDownload(getDraftsBucket(), document, downloadSeconds, {
    fileName,
    contentType: document.contentType,
    verifiedType: document.contentType,
  });
}

/**
 * Who may countersign what `recorder` recorded: someone else who sees the client, and is an account
 * director or above, or above the recorder up their reporting line.
 */
async function mayCountersign(person: { staffId: string; role: string }, recorder: StaffMember | undefined) {
  if (!recorder || person.staffId === recorder.staffId) return false;
  if (rank(person.role as StaffRole) >= rank('account_director')) return true;
  return (await managersUpTheLine(recorder)).includes(person.staffId);
}

/**
 * Step two: the uploaded document is read back, checked (a PDF or an email that opens), hashed and
 * recorded; whoever may countersign is asked by email. Nothing is decided yet. A repeat answers
 * what was recorded.
 */
export async function completeWrittenConfirmation(
  actorId: string,
  subjectType: SubjectType,
  subjectId: string,
  number: number,
  uploadId: string,
  comment?: string,
): Promise<WrittenConfirmation> {
  const { caller, clientId, active, uploadItem } = await openSubject(
    actorId,
    subjectType,
    subjectId,
    uploadId,
  );
  authorize(caller, 'confirmation.record');
  const confirmation = confirmationOf(uploadItem, subjectId, number);
  // Recorded already (by this request's first try, or since countersigned): the same answer again.
  if (confirmation.status !== 'awaiting_upload') return viewOf(confirmation);
  const { approval, step } = await openClientApproval(
    caller,
    clientId,
    subjectId,
    number,
    confirmation.contactId,
    active,
  );
  const { objectKey } = confirmation;
  const stored = await readObject(getDraftsBucket(), objectKey, maxConfirmationBytes);
  if (!stored) {
    throw conflict(
      'upload_missing',
      'The document has not arrived in storage yet: upload it, then complete.',
    );
  }
  const check = checkConfirmationDocument(stored.head, confirmation.contentType);
  if (!check.ok) {
    throw unprocessable(
      'not_a_confirmation_document',
      `${check.reason} A written confirmation is the client's signed PDF, or their email saved as a file (.eml): upload that instead.`,
    );
  }
  const review = fromItem<Review>((await getItem(ReviewEntity.key(clientId, approval.reviewId)))!);
  const team = await loadActiveTeam(clientId);
  const recorder = caller;
  const countersigners: StaffAssignee[] = [];
  for (const member of team) {
    if (await mayCountersign(member, recorder)) countersigners.push({ kind: 'staff', ...member });
  }
  if (countersigners.length === 0) {
    // Recorded now, it could never count: say who is missing instead.
    throw conflict(
      'no_countersigner',
      'Nobody on the account team may countersign what you record: add an account director (or someone you report to) to the team, or have them record it.',
    );
  }
  const at = now();
  const recorded: StoredConfirmation = {
    ...confirmation,
    status: 'awaiting_countersign',
    document: {
      objectKey,
      objectVersionId: stored.versionId,
      sha256: stored.sha256,
      contentType: confirmation.contentType,
    },
    recordedBy: caller.staffId,
    recordedAt: at,
    comment,
    countersigners: countersigners.map(({ staffId, name }) => ({ staffId, name })),
  };
  await transact([
    putWhen(
      confirmationItem(clientId, recorded),
      {
        expression: '#status = :awaiting',
        names: { '#status': 'status' },
        values: { ':awaiting': 'awaiting_upload' },
      },
      () => conflict('already_recorded', 'This written confirmation was recorded at the same moment.'),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'written_confirmation.recorded',
      entityType: 'writtenConfirmation',
      entityId: uploadId,
      before: audited(confirmation),
      after: audited(recorded),
    }),
  ]);
  // Recorded: the countersigners hear of it by email, which cannot undo it (nor re-send: only logged).
  await afterCommit(
    'The countersigners were not emailed of a recorded written confirmation',
    { uploadId },
    async () => {
      const ctx = await loadReviewContext(review);
      const path = `${getMailConfig().publicBaseUrl}${subjectNamed(subjectType)
        .chainPath(subjectId)
        .replace(/\/approvals$/, '')}/versions/${number}/written-confirmations/${uploadId}`;
      await tellStaff(review, step, ctx, countersigners, (language) => {
        const words = staffNoticeWords[language].countersign;
        return {
          subject: words.subject,
          paragraphs: [words.recorded(caller.name, number, confirmation.fileName), words.check(path)],
        };
      });
    },
  );
  return viewOf(recorded);
}

const countersignRule =
  'Only an account director, or someone above the person who recorded it in their reporting line, may countersign a written confirmation; never the person who recorded it.';

/**
 * Step three: a second person countersigns (the client's decision is recorded now, with the
 * document and both names in its evidence, and the workflow moves on) or refuses the document.
 */
export async function countersignWrittenConfirmation(
  actorId: string,
  subjectType: SubjectType,
  subjectId: string,
  number: number,
  uploadId: string,
  input: CountersignInput,
  meta: RequestMeta,
) {
  const { caller, clientId, uploadItem } = await openSubject(actorId, subjectType, subjectId, uploadId);
  const confirmation = confirmationOf(uploadItem, subjectId, number);
  const repeat =
    confirmation.status === 'countersigned' &&
    confirmation.countersignedBy === caller.staffId &&
    input.decision === 'countersign';
  if (repeat) return viewOf(confirmation); // the first answer again
  if (confirmation.status === 'awaiting_upload') {
    throw conflict(
      'not_recorded_yet',
      'There is nothing to countersign yet: the document has not been uploaded and recorded.',
    );
  }
  if (confirmation.status !== 'awaiting_countersign') {
    throw conflict(
      'already_settled',
      confirmation.status === 'countersigned'
        ? `This written confirmation was countersigned on ${confirmation.countersignedAt?.slice(0, 10)}: version ${number} is confirmed.`
        : `This written confirmation was refused on ${confirmation.refusedAt?.slice(0, 10)}: record the client's confirmation again.`,
    );
  }
  const recorderItem = await getItem(Staff.key(confirmation.recordedBy!));
  if (!(await mayCountersign(caller, recorderItem && fromItem<StaffMember>(recorderItem)))) {
    throw forbidden(countersignRule);
  }
  const at = now();
  const settled = (extra: Partial<StoredConfirmation>) =>
    putWhen(
      confirmationItem(clientId, { ...confirmation, ...extra }),
      {
        expression: '#status = :awaiting',
        names: { '#status': 'status' },
        values: { ':awaiting': 'awaiting_countersign' },
      },
      () =>
        conflict(
          'already_settled',
          'This written confirmation was settled by someone else at the same moment.',
        ),
    );
  if (input.decision === 'refuse') {
    const refused: StoredConfirmation = {
      ...confirmation,
      status: 'refused',
      refusedBy: caller.staffId,
      refusedAt: at,
      refusal: input.comment,
    };
    await transact([
      settled(refused),
      clientAuditEvent(clientId, {
        actorId,
        action: 'written_confirmation.refused',
        entityType: 'writtenConfirmation',
        entityId: uploadId,
        before: audited(confirmation),
        after: audited(refused),
      }),
    ]);
    return viewOf(refused);
  }
  const approvalItem = await getItem(ApprovalEntity.key(clientId, confirmation.approvalId));
  const approval = fromItem<ApprovalRequest>(approvalItem!);
  let countersigned: StoredConfirmation | undefined;
  await recordDecision(
    clientId,
    approval,
    () => ({
      id: confirmation.recordedBy!,
      via: 'written',
      document: confirmation.document,
      countersignedBy: caller.staffId,
    }),
    { decision: 'approve', comment: confirmation.comment },
    meta,
    (evidence) => {
      countersigned = {
        ...confirmation,
        status: 'countersigned',
        countersignedBy: caller.staffId,
        countersignedAt: evidence.at,
        evidenceId: evidence.evidenceId,
      };
      return [settled(countersigned)];
    },
  );
  return viewOf(countersigned!);
}
