import { isAllowed, openClient, type StaffRole } from '../accounts/index.js';
import { afterCommit } from '../platform/after-commit.js';
import { clientAuditEvent } from '../platform/audit.js';
import { deleteItem, deleteWhen, putNew, queryAll, transact, type WriteOp } from '../platform/db/table.js';
import { AppError, conflict, forbidden, notFound } from '../platform/errors.js';
import { clientOfScopedId } from '../platform/ids.js';
import { now, patched, storedItem } from '../platform/records.js';
import {
  reviewExecutionArn,
  type StoppedExecution,
  startNextRun,
  startReviewExecution,
  stopExecution,
  stoppedRecord,
} from '../platform/workflow.js';
import { ActiveReview, PendingReviewEnd, Review as ReviewEntity } from './entities.js';
import { staffNoticeWords } from './messages.js';
import { loadReviewContext, type ReviewContext, tellStaff } from './notices.js';
import { reviewEndedObserved } from './observers.js';
import {
  closeApprovals,
  executionOf,
  loadRun,
  newSubjectVersion,
  pendingApprovals,
  putReview,
  putStep,
  type Run,
  type WorkflowInput,
} from './reviews.js';
import { type CancelReviewInput, endedReviewStatuses, type Review } from './schemas.js';
import { subjectOf } from './subjects.js';

/**
 * A review whose workflow stops — a task kept failing after its retries (the Catch leads to
 * `Failed`), the execution timed out, or someone stopped it — must never strand its subject.
 * Step Functions reports every such stop to EventBridge; a rule passes those of the review
 * workflow to a function that calls `reviewWorkflowStopped`: the review is `failed` with the
 * reason, the subject's active-review marker is released, and the starter and the AEs are told.
 * Staff then restart it from the step it was at (a new execution that reads the decisions
 * already recorded) or cancel it. The table stays the source of truth throughout: a new
 * execution needs nothing from the old one.
 */

/** Whoever is told about a stopped or cancelled review: its starter and the team's account executives. */
const starterAndExecutives = (review: Review, ctx: ReviewContext) =>
  ctx.team.filter((m) => m.staffId === review.startedBy || m.role === 'account_executive');

/** The API calls that recover a review, for emails and refusals. */
const recoveryCalls = (reviewId: string) =>
  `restart it from the step it was at (POST /reviews/${reviewId}/restart; the decisions already recorded are kept) or cancel it (POST /reviews/${reviewId}/cancel) and start a new review`;

/**
 * The review's workflow stopped without finishing. Only the execution that currently runs the
 * review counts: a stop of an execution whose review was never recorded, was restarted since, or
 * has ended (a cancellation stops its execution) changes nothing. Repeated deliveries of the same
 * event find the review failed already. Returns whether the review was marked.
 */
export async function reviewWorkflowStopped(
  input: WorkflowInput,
  stopped: StoppedExecution,
): Promise<boolean> {
  let run: Run;
  try {
    run = await loadRun(input);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return false;
    throw error;
  }
  const { review, steps } = run;
  const running = review.status !== 'failed' && !endedReviewStatuses.includes(review.status);
  if (!running || executionOf(review) !== stopped.executionName) return false;
  const failed = patched(review, { status: 'failed', failure: stoppedRecord(stopped) });
  const ctx = await loadReviewContext(review);
  // Told first, recorded after: a redelivered event may repeat the email, never skip it.
  await tellStaff(review, steps.at(-1), ctx, starterAndExecutives(review, ctx), (language) => {
    const words = staffNoticeWords[language].stopped;
    const { failure } = failed;
    const why = failure
      ? `${words.why[failure.status]}${failure.error ? ` (${failure.error})` : ''}`
      : words.unknown;
    return { subject: words.subject, paragraphs: [words.paragraph(why), words.recover(review.reviewId)] };
  });
  await transact([
    putReview(failed, review.version),
    // The subject is free again: a new review may start while this one waits for staff.
    deleteItem(ActiveReview.key(review.clientId, review.subjectId)),
    clientAuditEvent(review.clientId, {
      actorId: review.startedBy,
      action: 'review.failed',
      entityType: 'review',
      entityId: review.reviewId,
      before: review,
      after: failed,
    }),
  ]);
  return true;
}

const stoppedReason = (review: Review) => review.failure?.reason ?? 'its workflow stopped';

/** A review the caller may see, and may cancel or restart (AE and above). */
async function openReviewToManage(actorId: string, reviewId: string, doing: 'cancel' | 'restart') {
  const clientId = clientOfScopedId(reviewId);
  if (!clientId) throw notFound('Review');
  const { caller, items } = await openClient(actorId, clientId, [ReviewEntity.key(clientId, reviewId)]);
  if (!items[0]) throw notFound('Review');
  if (!isAllowed(caller.role as StaffRole, 'workflow.manage')) {
    throw forbidden(`Only an account executive or above may ${doing} a review.`);
  }
  return { caller, run: await loadRun({ clientId, reviewId }) };
}

const movedOn = () =>
  conflict('version_conflict', 'The review moved on at the same moment: reload it and try again.');

/** Every observer hears of the review's end; then its pending marker goes (observers are idempotent). */
async function reviewEndHeard(review: Review): Promise<void> {
  await reviewEndedObserved(review);
  await transact([deleteItem(PendingReviewEnd.key(review.clientId, review.reviewId))]);
}

/**
 * Tells the observers of each cancelled review that did not hear of its end when it was cancelled
 * (the daily overdue-milestones job). Returns how many were finished.
 */
export async function finishPendingReviewEnds(): Promise<number> {
  const pending = await queryAll(PendingReviewEnd.pending());
  for (const marker of pending) {
    const { review } = await loadRun({
      clientId: marker.clientId as string,
      reviewId: marker.reviewId as string,
    });
    await reviewEndHeard(review);
  }
  return pending.length;
}

/**
 * Staff end a running or failed review. Its waiting step is cancelled and its open approval
 * requests closed (their links say so), the subject is freed (a plan version under review is a
 * draft again), and the workflow is stopped; were the stop to fail, the workflow ends itself at
 * its next wake, finding the review cancelled.
 */
export async function cancelReview(actorId: string, reviewId: string, input: CancelReviewInput) {
  const { caller, run } = await openReviewToManage(actorId, reviewId, 'cancel');
  const { review, steps } = run;
  if (endedReviewStatuses.includes(review.status)) {
    throw conflict(
      'review_ended',
      `This review has already ended (${review.status}): there is nothing to cancel.`,
    );
  }
  const last = steps.at(-1);
  const waiting = last?.status === 'pending' ? last : undefined;
  const at = now();
  const cancelled = patched(
    review,
    {
      status: 'cancelled',
      outcome: 'cancelled',
      endedAt: at,
      cancelledBy: caller.staffId,
      cancelReason: input.reason,
      failure: null,
    },
    at,
  );
  const ops: WriteOp[] = [putReview(cancelled, review.version, movedOn)];
  if (waiting) {
    ops.push(
      putStep(
        review.clientId,
        patched(waiting, { status: 'cancelled', settledAt: at }, at),
        waiting.version,
        movedOn,
      ),
      ...closeApprovals(await pendingApprovals(review.clientId, waiting)),
    );
  }
  if (review.status !== 'failed') {
    // A failed review let its marker go (another review may hold it now); a running one holds it.
    ops.push(
      deleteWhen(
        ActiveReview.key(review.clientId, review.subjectId),
        {
          expression: 'attribute_not_exists(PK) OR reviewId = :reviewId',
          values: { ':reviewId': review.reviewId },
        },
        movedOn,
      ),
    );
  }
  if (last) ops.push(...(await subjectOf(review).onEnded(review, 'cancelled', last.file.draftVersion)));
  ops.push(
    putNew(
      storedItem(
        PendingReviewEnd.type,
        PendingReviewEnd.key(review.clientId, review.reviewId),
        PendingReviewEnd.indexes(review),
        { clientId: review.clientId, reviewId: review.reviewId },
      ),
    ),
    clientAuditEvent(review.clientId, {
      actorId: caller.staffId,
      action: 'review.cancelled',
      entityType: 'review',
      entityId: review.reviewId,
      before: review,
      after: cancelled,
    }),
  );
  await transact(ops);
  if (review.status !== 'failed') {
    await stopExecution(
      reviewExecutionArn(executionOf(review)),
      'ReviewCancelled',
      'Cancelled by staff.',
    ).catch(() => undefined);
  }
  // The cancel is recorded: nothing after this may answer an error. The workflow that would have
  // told the observers is stopped, so they hear of the end from here (or from the daily job).
  await afterCommit(
    'The observers did not hear of a cancelled review; the overdue-milestones job tells them',
    { reviewId },
    () => reviewEndHeard(cancelled),
  );
  await afterCommit(
    'The starter and the account executives were not emailed of a cancelled review',
    { reviewId },
    async () => {
      const ctx = await loadReviewContext(review);
      await tellStaff(cancelled, last, ctx, starterAndExecutives(review, ctx), (language) => ({
        subject: staffNoticeWords[language].cancelled.subject,
        paragraphs: [staffNoticeWords[language].cancelled.paragraph(caller.name, input.reason ?? '')],
      }));
    },
  );
  return cancelled;
}

/**
 * Staff restart a failed review from the step it was at: a new execution (`<reviewId>-run<n>`:
 * the same restart sent twice gets the one execution; see `startNextRun`) that reads the review, its steps and the decisions
 * already recorded from the table, and waits on the step that was waiting — its approvers are
 * asked again, with fresh links. As when a review starts, the execution starts before the
 * restart is recorded (its first task waits until the review names it); if the record fails,
 * the execution is stopped. A version of the subject that arrived while the review was stopped
 * then moves it on, as it would have.
 */
export async function restartReview(actorId: string, reviewId: string) {
  const { caller, run } = await openReviewToManage(actorId, reviewId, 'restart');
  const { review, steps } = run;
  if (review.status !== 'failed') {
    throw conflict(
      'review_not_failed',
      endedReviewStatuses.includes(review.status)
        ? `This review has ended (${review.status}): start a new review instead.`
        : 'This review’s workflow is running: there is nothing to restart.',
    );
  }
  const last = steps.at(-1);
  const waiting = last?.status === 'pending' ? last : undefined;
  const {
    name: executionName,
    run: runs,
    executionArn,
  } = await startNextRun(startReviewExecution, review.reviewId, (review.runs ?? 1) + 1, {
    clientId: review.clientId,
    reviewId,
  });
  const restarted = patched(review, {
    status: waiting?.stage === 'revision' ? 'awaiting_revision' : 'in_review',
    executionName,
    runs,
    failure: null,
  });
  const ops: WriteOp[] = [
    putReview(restarted, review.version, movedOn),
    putNew(
      { ...ActiveReview.key(review.clientId, review.subjectId), itemType: ActiveReview.type, reviewId },
      () =>
        conflict(
          'review_in_progress',
          `Another review of this ${subjectOf(review).noun.toLowerCase()} started while this one was stopped: cancel one of them first.`,
        ),
    ),
    // Asked again when the new execution waits on the step: fresh links for the client.
    ...(waiting
      ? [putStep(review.clientId, patched(waiting, { notifiedAt: null }), waiting.version, movedOn)]
      : []),
    clientAuditEvent(review.clientId, {
      actorId: caller.staffId,
      action: 'review.restarted',
      entityType: 'review',
      entityId: review.reviewId,
      before: review,
      after: restarted,
    }),
  ];
  try {
    await transact(ops);
  } catch (error) {
    // The same restart, sent twice at once: the other call recorded this very execution.
    const again = await loadRun(review);
    if (executionOf(again.review) === executionName && again.review.status !== 'failed') return again.review;
    await stopExecution(executionArn, 'ReviewNotRestarted', 'The restart was not recorded.').catch(
      () => undefined,
    );
    throw error;
  }
  if (waiting) {
    const newest = await subjectOf(review).newestVersion(restarted);
    if (newest !== undefined && newest > waiting.file.draftVersion) {
      await newSubjectVersion(review.clientId, review.subjectId, newest);
    }
  }
  return restarted;
}

/** Refuses a decision on a review whose workflow stopped, saying what staff can do. */
export function reviewOnHold(review: Review): AppError {
  return conflict(
    'review_on_hold',
    `Nothing was recorded: this review stopped (${stoppedReason(review)}) and is on hold. An account executive or above can ${recoveryCalls(review.reviewId)}.`,
  );
}
