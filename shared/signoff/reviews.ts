import { Contact, Team } from '../accounts/entities.js';
import type { Contact as ContactView } from '../accounts/index.js';
import { aRole, authorize, openClient, rank, type StaffRole } from '../accounts/index.js';
import { afterCommit } from '../platform/after-commit.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  checkWhen,
  deleteItem,
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putItem,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { AppError, conflict, notFound, unprocessable } from '../platform/errors.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import {
  resumeStep,
  startReviewExecution,
  stopExecution,
  type TaskContext,
  taskNow,
} from '../platform/workflow.js';
import { addWorkingDays } from '../platform/working-days.js';
import {
  ActiveReview,
  ApprovalRequest as ApprovalEntity,
  Evidence as EvidenceEntity,
  Review as ReviewEntity,
  ReviewStep as StepEntity,
  StepToken,
} from './entities.js';
import { signOffWords, staffNoticeWords } from './messages.js';
import {
  loadReviewContext,
  type ReviewContext,
  requestDecision,
  type StaffAssignee,
  teamWithRole,
  tellStaff,
} from './notices.js';
import { reviewEndedObserved, stepOpenedObserved, stepSettledObserved } from './observers.js';
import {
  type ApprovalRequest,
  type Assignee,
  type Decision,
  type Evidence,
  endedReviewStatuses,
  type Review,
  type ReviewStep,
  type Stage,
  type StartReviewInput,
  type SubjectType,
} from './schemas.js';
import { approvalKindOf, subjectNamed, subjectOf } from './subjects.js';

/**
 * The sign-off engine (domain.md §4, design.md §4). A review takes one subject (a draft, a media
 * plan; see subjects.ts) through its
 * steps — internal review, client review, final artwork approval for artwork — in a Standard
 * Step Functions workflow that only sequences and waits: the table holds the truth (review,
 * steps, approval requests, evidence), and every workflow operation below is idempotent, so
 * a retried or redriven task changes nothing twice.
 */

/**
 * Working days per step, as chosen when the review started (defaults: internal 2, client 5);
 * the creative team's revision gets the client's time.
 */
const stepWorkingDays = (review: Review, stage: Stage): number =>
  stage === 'internal' ? review.internalWorkingDays : review.clientWorkingDays;
/** Each escalation gives the step this much more time before the next level is told. */
const escalationWorkingDays = 1;

/** Who makes a new version of the review's subject, in the reader's words. */
const makersOf = (review: Review, language: Language) => signOffWords[language].makers[review.subjectType];

/** What the workflow does next; the state machine routes on `action`. */

export type WorkflowNext =
  | { action: 'await'; stepNo: number; waitSeconds: number }
  | { action: 'advance' }
  | { action: 'end'; outcome: Review['status'] };

export interface WorkflowInput {
  clientId: string;
  reviewId: string;
}

/** A task's input: the review, and when its state was entered and by which execution (see `TaskContext`). */
export type WorkflowTaskInput = WorkflowInput & TaskContext;

/** The execution that runs a review now (the first one is named after the review). */
export const executionOf = (review: Pick<Review, 'reviewId' | 'executionName'>): string =>
  review.executionName ?? review.reviewId;

const finalStatuses = endedReviewStatuses;

/** The subject fields an approval request copies from its review. */
const subjectRefs = (review: Review) => ({
  subjectType: review.subjectType,
  subjectId: review.subjectId,
  ...(review.draftId ? { draftId: review.draftId } : {}),
  ...(review.planId ? { planId: review.planId, campaignId: review.campaignId } : {}),
  ...(review.briefId ? { briefId: review.briefId } : {}),
});

/** The next version of a review, written only while `expectedVersion` is still current. */
export const putReview = (
  next: Review,
  expectedVersion: number,
  onConditionFailed: WriteOp['onConditionFailed'] = () =>
    conflict('version_conflict', 'The review moved on concurrently.'),
): WriteOp =>
  putIfVersion(
    storedItem(
      ReviewEntity.type,
      ReviewEntity.key(next.clientId, next.reviewId),
      ReviewEntity.indexes(next),
      next,
    ),
    expectedVersion,
    onConditionFailed,
  );

/** The next version of a step, written only while `expectedVersion` is still current. */
export const putStep = (
  clientId: string,
  next: ReviewStep,
  expectedVersion: number,
  onConditionFailed: WriteOp['onConditionFailed'] = () =>
    conflict('version_conflict', 'The step changed concurrently.'),
): WriteOp =>
  putIfVersion(
    storedItem(StepEntity.type, StepEntity.key(clientId, next.reviewId, next.stepNo), {}, next),
    expectedVersion,
    onConditionFailed,
  );

/** The next version of an approval request, written only while `expectedVersion` is still current. */
export const putApproval = (
  next: ApprovalRequest,
  expectedVersion: number,
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp =>
  putIfVersion(
    storedItem(
      ApprovalEntity.type,
      ApprovalEntity.key(next.clientId, next.approvalId),
      ApprovalEntity.indexes(next),
      next,
    ),
    expectedVersion,
    onConditionFailed,
  );

// ---------------------------------------------------------------------------------------------
// Starting a review (API)
// ---------------------------------------------------------------------------------------------

export async function startReview(
  actorId: string,
  subjectRef: { type: SubjectType; id: string },
  versionNumber: number,
  input: StartReviewInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const subject = subjectNamed(subjectRef.type);
    const subjectId = subjectRef.id;
    const clientId = clientOfScopedId(subjectId);
    if (!clientId) throw notFound(subject.noun);
    const { caller, items } = await openClient(actorId, clientId, [
      ActiveReview.key(clientId, subjectId),
      Team.key(clientId),
    ]);
    const [activeItem, teamItem] = items;
    const opened = await subject.open(clientId, subjectId, versionNumber, input);
    authorize(caller, 'review.start');
    if (activeItem) {
      throw conflict(
        'review_in_progress',
        `Review ${activeItem.reviewId as string} of this ${subject.noun.toLowerCase()} is still running.`,
      );
    }
    const members = (teamItem?.members as { role: StaffRole }[] | undefined) ?? [];
    if (!members.some((m) => subject.internal.roles.includes(m.role))) {
      throw unprocessable(
        'no_internal_reviewer',
        `The account team needs ${subject.internal.roles.map((role) => aRole(role as StaffRole)).join(' or ')} to review this internally: add one to the team first.`,
      );
    }
    const approvers =
      opened.clientSignOff === false
        ? []
        : await chooseClientApprovers(
            clientId,
            input.clientApproverIds,
            approvalKindOf(subject, opened.kind),
          );

    const reviewId = newScopedId(clientId);
    const fields = {
      reviewId,
      clientId,
      subjectType: subject.type,
      subjectId,
      ...opened.refs,
      jobId: opened.jobId,
      title: opened.title,
      titleParts: opened.titleParts,
      kind: opened.kind,
      currentVersion: versionNumber,
      approvalMode: input.approvalMode,
      clientApproverIds: approvers.map((a) => a.contactId),
      message: input.message,
      clientWorkingDays: input.clientWorkingDays,
      internalWorkingDays: input.internalWorkingDays,
      startedBy: caller.staffId,
      status: 'in_review' as const,
      stepCount: 0,
      executionName: reviewId,
      runs: 1,
    };
    const reviewItem = newRecord(
      ReviewEntity.type,
      ReviewEntity.key(clientId, reviewId),
      ReviewEntity.indexes(fields),
      fields,
    );
    const review = fromItem<Review>(reviewItem);
    // The workflow starts first (named after the review, so it starts once): a review that is
    // recorded always runs. Its first task waits for the record; if the record loses a race,
    // the execution is stopped.
    const executionArn = await startReviewExecution(reviewId, { clientId, reviewId } satisfies WorkflowInput);
    try {
      await transact([
        putNew(reviewItem),
        putNew({ ...ActiveReview.key(clientId, subjectId), itemType: ActiveReview.type, reviewId }, () =>
          conflict('review_in_progress', 'Another review of this started at the same moment.'),
        ),
        clientAuditEvent(clientId, {
          actorId,
          action: 'review.started',
          entityType: 'review',
          entityId: reviewId,
          after: reviewItem,
        }),
        ...remember(review),
      ]);
    } catch (error) {
      await stopExecution(executionArn, 'ReviewNotRecorded', 'The review was not recorded.').catch(
        () => undefined,
      );
      throw error;
    }
    return review;
  });
}

async function chooseClientApprovers(
  clientId: string,
  chosen: string[] | undefined,
  kind: ContactView['approves'][number],
): Promise<ContactView[]> {
  const approves = (c: ContactView | undefined) => Boolean(c?.active && c.approves.includes(kind));
  if (chosen) {
    const found = await getItems(chosen.map((id) => Contact.key(clientId, id)));
    const contacts = found.map((c) => (c ? fromItem<ContactView>(c) : undefined));
    const wrong = chosen.filter((_, i) => !approves(contacts[i]));
    if (wrong.length > 0) {
      throw unprocessable(
        `not_a_${kind}_approver`,
        `Not an active contact of this client registered to approve ${kind}: ${wrong.join(', ')}.`,
        'body.clientApproverIds',
      );
    }
    return contacts as ContactView[];
  }
  const all = (await queryAll(Contact.ofClient(clientId))).map((c) => fromItem<ContactView>(c));
  const approvers = all.filter(approves);
  if (approvers.length === 0) {
    throw unprocessable(
      'no_client_approver',
      `No contact of this client is registered to approve ${kind}: register one first.`,
      'body.clientApproverIds',
    );
  }
  return approvers;
}

// ---------------------------------------------------------------------------------------------
// The workflow's operations (called by the review state machine's task function)
// ---------------------------------------------------------------------------------------------

export interface Run {
  review: Review;
  steps: ReviewStep[];
}

export async function loadRun({ clientId, reviewId }: WorkflowInput): Promise<Run> {
  const [reviewItem, stepItems] = await Promise.all([
    getItem(ReviewEntity.key(clientId, reviewId)),
    queryAll(StepEntity.ofReview(clientId, reviewId)),
  ]);
  if (!reviewItem) throw notFound('Review');
  return { review: fromItem<Review>(reviewItem), steps: stepItems.map((s) => fromItem<ReviewStep>(s)) };
}

/**
 * The first load of a run by an execution: a workflow starts a moment before its review (or its
 * restart) is recorded, so the record may still be on its way. Waits briefly for the review to
 * exist and name this execution; a review that still does not exist fails the task (Step
 * Functions retries it with backoff); one run by another execution answers `undefined`.
 */
async function loadOwnRun(input: WorkflowTaskInput): Promise<Run | undefined> {
  const execution = input.execution ?? input.reviewId;
  for (let attempt = 0; ; attempt++) {
    let run: Run | undefined;
    try {
      run = await loadRun(input);
    } catch (error) {
      if (!(error instanceof AppError && error.status === 404) || attempt >= 20) throw error;
    }
    if (run && executionOf(run.review) === execution) return run;
    if (run && attempt >= 20) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
  }
}

const secondsUntil = (iso: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/** The next time the workflow must wake for a pending step: its reminder, else its deadline. */
function awaitStep(step: ReviewStep, now: Date): WorkflowNext {
  const reminderDue = step.reminderAt && !step.remindedAt;
  return {
    action: 'await',
    stepNo: step.stepNo,
    waitSeconds: secondsUntil(reminderDue ? step.reminderAt! : step.deadline, now),
  };
}

/**
 * Decides and opens what comes after the last settled step, or ends the review. Called again
 * after a retry, it finds the step it opened still pending and just waits for it. An execution
 * that no longer runs the review (it was restarted or cancelled meanwhile) ends quietly.
 */
export async function advanceReview(input: WorkflowTaskInput): Promise<WorkflowNext> {
  const now = taskNow(input);
  const run = await loadOwnRun(input);
  if (!run) {
    const { review } = await loadRun(input);
    return { action: 'end', outcome: review.status };
  }
  const { review } = run;
  if (finalStatuses.includes(review.status)) {
    // A retry after the end committed: the observers may not have heard of it (they are idempotent).
    await reviewEndedObserved(review);
    return { action: 'end', outcome: review.status };
  }
  const last = run.steps.at(-1);
  if (last?.status === 'pending') return awaitStep(last, now);
  // Before what follows is opened: a failing observer fails this task, whose retry tells it again.
  if (last) await stepSettledObserved(review, last);

  const ctx = await loadReviewContext(review);
  if (!last) return openStep(run, ctx, 'internal', review.currentVersion, now);
  switch (last.status) {
    case 'approved': {
      const next = await subjectOf(review).after(review, last.stage, last.file.draftVersion);
      if (next === 'signed_off') return finishReview(run, ctx, 'released');
      return openStep(run, ctx, next.stage, last.file.draftVersion, now, next.reason);
    }
    case 'changes_requested':
      return openStep(
        run,
        ctx,
        'revision',
        last.file.draftVersion,
        now,
        `Changes requested at ${signOffWords[agencyLanguage].stages[last.stage]}`,
      );
    case 'revised':
      return openStep(run, ctx, 'internal', last.revisedTo!, now);
    case 'rejected':
      return finishReview(run, ctx, 'rejected');
    case 'expired':
      return finishReview(run, ctx, 'expired');
  }
  return awaitStep(last, now);
}

async function internalReviewers(run: Run, ctx: ReviewContext): Promise<Assignee[]> {
  const subject = subjectOf(run.review);
  // The subject's first internal role reviews; the others join the first time the subject goes
  // to the client (an AD for a draft), or always when the subject takes any one of them.
  const firstToClient =
    !(await subject.presentedToClient(run.review)) && !run.steps.some((s) => s.stage === 'client');
  const [lead, ...others] = subject.internal.roles;
  const leads = ctx.team.filter((m) => m.role === lead);
  const joining = ctx.team.filter((m) => others.includes(m.role));
  const everyone = subject.internal.mode === 'any' || firstToClient || leads.length === 0;
  const reviewers = [...leads, ...(everyone ? joining : [])];
  if (reviewers.length === 0) throw new Error('The account team has nobody to review this internally');
  return reviewers;
}

/**
 * Whether a contact may approve the review's subject for the client: active, and registered to
 * approve its kind. Checked when the client's step opens, and on every use of their link.
 */
export const approvesFor =
  (review: Review) =>
  (contact: ContactView | undefined): boolean =>
    Boolean(contact?.active && contact.approves.includes(approvalKindOf(subjectOf(review), review.kind)));

async function clientAssignees(review: Review): Promise<Assignee[]> {
  const found = await getItems(review.clientApproverIds.map((id) => Contact.key(review.clientId, id)));
  const approvers = found
    .filter(Boolean)
    .map((c) => fromItem<ContactView>(c!))
    .filter(approvesFor(review))
    .map((c) => ({ kind: 'contact' as const, contactId: c.contactId, name: c.name, email: c.email }));
  if (approvers.length === 0)
    throw new Error('None of the chosen client approvers may approve creative any more');
  return approvers;
}

async function openStep(
  run: Run,
  ctx: ReviewContext,
  stage: Stage,
  versionNumber: number,
  opened: Date,
  reason?: string,
): Promise<WorkflowNext> {
  const { review } = run;
  const subject = subjectOf(review);
  const [{ file }, assignees] = await Promise.all([
    subject.version(review, versionNumber),
    stage === 'client' || stage === 'final_artwork'
      ? clientAssignees(review)
      : stage === 'internal'
        ? internalReviewers(run, ctx)
        : [],
  ]);
  const days = stepWorkingDays(review, stage);
  const deadline = addWorkingDays(opened, days, ctx.calendar).toISOString();
  const reminderAt = days > 1 ? addWorkingDays(opened, days - 1, ctx.calendar).toISOString() : undefined;
  const stepNo = review.stepCount + 1;
  const approvals = assignees.map((assignee) => {
    const approvalId = newScopedId(review.clientId);
    const fields = {
      approvalId,
      clientId: review.clientId,
      reviewId: review.reviewId,
      ...subjectRefs(review),
      stepNo,
      stage,
      file,
      assignee,
      status: 'pending' as const,
      deadline,
    };
    return newRecord(
      ApprovalEntity.type,
      ApprovalEntity.key(review.clientId, approvalId),
      ApprovalEntity.indexes(fields),
      fields,
    );
  });
  const stepFields = {
    reviewId: review.reviewId,
    stepNo,
    stage,
    file,
    status: 'pending' as const,
    reason,
    assignees,
    approvalIds: approvals.map((a) => a.approvalId),
    approvalMode: stage === 'internal' ? subject.internal.mode : review.approvalMode,
    decisions: {},
    deadline,
    reminderAt,
    escalationLevel: 0,
    escalatedTo: [],
  };
  const stepItem = newRecord(
    StepEntity.type,
    StepEntity.key(review.clientId, review.reviewId, stepNo),
    {},
    stepFields,
  );
  const nextReview = patched(review, {
    stepCount: stepNo,
    currentVersion: versionNumber,
    status: stage === 'revision' ? 'awaiting_revision' : 'in_review',
  });
  const ops: WriteOp[] = [
    putReview(nextReview, review.version),
    putNew(stepItem),
    ...approvals.map((a) => putNew(a)),
    clientAuditEvent(review.clientId, {
      actorId: review.startedBy,
      action: `review.step_opened.${stage}`,
      entityType: 'review',
      entityId: review.reviewId,
      before: review,
      after: nextReview,
    }),
  ];
  ops.push(...(await subject.onStepOpened(review, stage, versionNumber)));
  try {
    await transact(ops);
  } catch (error) {
    // A retried task whose first attempt did commit: wait for the step that attempt opened.
    const again = await loadRun(review);
    const pending = again.steps.at(-1);
    if (pending?.status === 'pending' && again.review.stepCount > review.stepCount)
      return awaitStep(pending, opened);
    throw error;
  }
  return awaitStep(fromItem<ReviewStep>(stepItem), opened);
}

/**
 * The waiting task's first act: keep its task token with the step (a decision resumes the
 * workflow with it), then tell the people concerned — once per step. If the step was settled
 * while no token was stored (between a timed-out wait and this one), resume at once.
 */
export async function armStep(input: WorkflowInput & { stepNo: number; taskToken: string }): Promise<void> {
  const { clientId, reviewId, stepNo, taskToken } = input;
  const stepKey = StepEntity.key(clientId, reviewId, stepNo);
  try {
    await transact([
      checkWhen(
        stepKey,
        {
          expression: '#status = :pending',
          names: { '#status': 'status' },
          values: { ':pending': 'pending' },
        },
        () => conflict('step_settled', 'The step is settled.'),
      ),
      putItem({
        ...StepToken.key(clientId, reviewId, stepNo),
        itemType: StepToken.type,
        taskToken,
        storedAt: now(),
      }),
    ]);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'step_settled') {
      await resumeStep(taskToken, { stepNo, settled: true });
      return;
    }
    throw error;
  }
  const run = await loadRun(input);
  const step = run.steps.find((s) => s.stepNo === stepNo);
  if (!step || step.notifiedAt) return;
  await stepOpenedObserved(run.review, step);
  const ctx = await loadReviewContext(run.review);
  await notifyOpened(run.review, step, ctx);
  await saveStep(run.review.clientId, step, { notifiedAt: now() });
}

export async function pendingApprovals(clientId: string, step: ReviewStep): Promise<ApprovalRequest[]> {
  const items = await getItems(step.approvalIds.map((id) => ApprovalEntity.key(clientId, id)));
  return items
    .filter(Boolean)
    .map((a) => fromItem<ApprovalRequest>(a!))
    .filter((a) => a.status === 'pending');
}

async function notifyOpened(review: Review, step: ReviewStep, ctx: ReviewContext): Promise<void> {
  if (step.stage === 'revision') {
    const previous = await decidedStep(review, step.stepNo - 1);
    const { makers } = subjectOf(review);
    const makersOnTeam = teamWithRole(ctx, makers.role);
    const starter = ctx.team.filter((m) => m.staffId === review.startedBy);
    await tellStaff(
      review,
      step,
      ctx,
      [...starter, ...teamWithRole(ctx, 'account_executive'), ...makersOnTeam],
      (language) => {
        const words = staffNoticeWords[language].revision;
        // Changes an approver asked for are worded for each reader; a subject's own reason
        // (a failed spec check) stays as it was recorded.
        const why =
          previous?.step.status === 'changes_requested' || !step.reason
            ? words.changesRequestedAt(signOffWords[language].stages[previous?.step.stage ?? 'internal'])
            : step.reason;
        return {
          subject: words.subject(makersOf(review, language)),
          paragraphs: [
            words.waits(why),
            ...(previous?.decided ?? []).map(({ assignee, decision, comment }) =>
              words.decided(assignee.name, words.decisions[decision!], comment ?? ''),
            ),
          ],
        };
      },
    );
    return;
  }
  for (const approval of await pendingApprovals(review.clientId, step)) {
    await requestDecision(review, step, ctx, approval, 'request');
  }
}

/** A settled step and the approvals on it that were decided (with their comments). */
async function decidedStep(review: Review, stepNo: number) {
  const item = await getItem(StepEntity.key(review.clientId, review.reviewId, stepNo));
  if (!item) return undefined;
  const step = fromItem<ReviewStep>(item);
  const approvals = await getItems(step.approvalIds.map((id) => ApprovalEntity.key(review.clientId, id)));
  return {
    step,
    decided: approvals.filter((a) => a?.decision).map((a) => fromItem<ApprovalRequest>(a!)),
  };
}

async function saveStep(
  clientId: string,
  step: ReviewStep,
  patch: Record<string, unknown>,
): Promise<ReviewStep> {
  const next = patched(step, patch);
  await transact([putStep(clientId, next, step.version)]);
  return next;
}

/**
 * Who is told, level by level, when a step's deadline passes (AE → AM → AD). For an internal
 * review, the levels above its most junior reviewer (an AD reviewing beside an AM is told as
 * the AM's superior, and may decide on their behalf).
 */
function escalationLevels(step: ReviewStep, ctx: ReviewContext): StaffAssignee[][] {
  const lowestReviewer = Math.min(
    ...step.assignees.map((a) => (a.kind === 'staff' ? rank(a.role as StaffRole) : Number.POSITIVE_INFINITY)),
  );
  const ladder: StaffRole[] =
    step.stage === 'internal'
      ? (['account_director', 'group_account_director', 'head_of_accounts'] as StaffRole[]).filter(
          (role) => rank(role) > lowestReviewer,
        )
      : ['account_executive', 'account_manager', 'account_director'];
  return ladder.map((role) => teamWithRole(ctx, role)).filter((level) => level.length > 0);
}

/**
 * The waiting task timed out: whatever is due at the task's "now" (its state's entered time —
 * the workflow's clock decides when, so fast-forwarded clocks work) is done once. Past the
 * deadline, the step escalates one level and its deadline moves one working day past now, or,
 * past the last level, it expires; else an unsent reminder that is due goes out. Each action is
 * conditional on the step's current level and due time, and escalation and expiry on its
 * version: a repeated call (a Lambda retry after the side effects, a duplicate timeout) finds
 * nothing due and only says how long to wait.
 */
export async function stepDeadline(input: WorkflowTaskInput & { stepNo: number }): Promise<WorkflowNext> {
  const now = taskNow(input);
  const run = await loadRun(input);
  const step = run.steps.find((s) => s.stepNo === input.stepNo);
  if (!step) throw notFound('Review step');
  if (step.status !== 'pending') return { action: 'advance' };
  const { review } = run;
  const due = (iso: string | undefined) => iso !== undefined && Date.parse(iso) <= now.getTime();

  if (!due(step.deadline)) {
    if (!(due(step.reminderAt) && !step.remindedAt)) return awaitStep(step, now);
    const ctx = await loadReviewContext(review);
    const pending = await pendingApprovals(review.clientId, step);
    for (const approval of pending) await requestDecision(review, step, ctx, approval, 'reminder');
    if (step.stage === 'revision') {
      await tellStaff(review, step, ctx, teamWithRole(ctx, 'account_executive'), (language) => ({
        subject: staffNoticeWords[language].revision.reminderSubject,
        paragraphs: [staffNoticeWords[language].revision.reminder(makersOf(review, language))],
      }));
    }
    return awaitStep(await saveStep(review.clientId, step, { remindedAt: now.toISOString() }), now);
  }

  const ctx = await loadReviewContext(review);
  const levels = escalationLevels(step, ctx);
  if (step.escalationLevel < levels.length) {
    const level = levels[step.escalationLevel]!;
    // From now, which is past the deadline: an escalation never pulls a deadline forward.
    const deadline = addWorkingDays(now, escalationWorkingDays, ctx.calendar).toISOString();
    const next = patched(step, {
      escalationLevel: step.escalationLevel + 1,
      escalatedTo: [...step.escalatedTo, ...level.map((m) => m.staffId)],
      deadline,
      reminderAt: null,
      remindedAt: null,
    });
    const pending = (await pendingApprovals(review.clientId, step)).map((a) => patched(a, { deadline }));
    // Told first, saved after: a retry after a failed send tells this level again, never skips it.
    await tellStaff(review, next, ctx, level, (language) => {
      const words = signOffWords[language];
      const overdue = staffNoticeWords[language].overdue;
      return {
        subject: overdue.subject,
        paragraphs: [
          overdue.escalated(
            words.stages[step.stage],
            words.nouns[review.subjectType],
            step.escalationLevel + 1,
          ),
          pending.length > 0
            ? overdue.waitingOn(
                new Intl.ListFormat(language, { type: 'conjunction' }).format(
                  pending.map((p) => p.assignee.name),
                ),
              )
            : overdue.waitingOnVersion(makersOf(review, language)),
        ],
      };
    });
    for (const approval of pending) {
      if (approval.assignee.kind === 'contact') await requestDecision(review, next, ctx, approval, 'overdue');
    }
    await transact([
      putStep(review.clientId, next, step.version),
      // Approvals decided meanwhile keep their decision: those are left out (the step's
      // version check above fails anyway if a decision settled it).
      ...pending.map((approval) =>
        putApproval(approval, approval.version - 1, () =>
          conflict('version_conflict', 'Decided concurrently.'),
        ),
      ),
    ]);
    return awaitStep(next, now);
  }

  await settleStep(review, step, 'expired', await pendingApprovals(review.clientId, step));
  return { action: 'advance' };
}

async function settleStep(
  review: Review,
  step: ReviewStep,
  status: ReviewStep['status'],
  open: ApprovalRequest[],
  extra: WriteOp[] = [],
): Promise<void> {
  const settled = patched(step, { status, settledAt: now() });
  await transact([
    putStep(review.clientId, settled, step.version),
    ...closeApprovals(open),
    ...extra,
    clientAuditEvent(review.clientId, {
      actorId: review.startedBy,
      action: `review.step_${status}`,
      entityType: 'reviewStep',
      entityId: `${review.reviewId}#${step.stepNo}`,
      before: step,
      after: settled,
    }),
  ]);
}

/** Approvals of a settled step that nobody decided are closed (their links then say so). */
export function closeApprovals(open: ApprovalRequest[]): WriteOp[] {
  return open.map((approval) =>
    putApproval(patched(approval, { status: 'closed' }), approval.version, () =>
      conflict('version_conflict', 'An approval of this step was decided at the same moment; retry.'),
    ),
  );
}

async function finishReview(
  run: Run,
  ctx: ReviewContext,
  outcome: 'released' | 'rejected' | 'expired',
): Promise<WorkflowNext> {
  const { review } = run;
  const last = run.steps.at(-1);
  const ended = patched(review, {
    status: outcome,
    outcome,
    endedAt: now(),
    releasedVersion: outcome === 'released' ? last?.file.draftVersion : undefined,
  });
  const ops: WriteOp[] = [
    putReview(ended, review.version),
    deleteItem(ActiveReview.key(review.clientId, review.subjectId)),
    clientAuditEvent(review.clientId, {
      actorId: review.startedBy,
      action: `review.${outcome}`,
      entityType: 'review',
      entityId: review.reviewId,
      before: review,
      after: ended,
    }),
  ];
  if (last) {
    // The client's approval that signed it off (a plan's confirmation names it).
    const evidence = (await queryAll(EvidenceEntity.ofReview(review.clientId, review.reviewId)))
      .map((e) => fromItem<Evidence>(e))
      .filter((e) => e.stage === 'client' && e.file.draftVersion === last.file.draftVersion);
    ops.push(...(await subjectOf(review).onEnded(review, outcome, last.file.draftVersion, evidence.at(-1))));
  }
  try {
    await transact(ops);
  } catch (error) {
    const again = await loadRun(review);
    if (finalStatuses.includes(again.review.status)) return { action: 'end', outcome: again.review.status };
    throw error;
  }
  await subjectOf(review).afterEnded(ended, outcome);
  await reviewEndedObserved(ended);
  if (last) {
    const { signedOffNotice } = subjectOf(review);
    const version = last.file.draftVersion;
    const message = (language: Language) => {
      const words = staffNoticeWords[language];
      if (outcome !== 'released') {
        const { subject, paragraph } = words[outcome];
        return { subject, paragraphs: [paragraph] };
      }
      const signedOff = signedOffNotice?.(review, version, language);
      if (signedOff) return { subject: signedOff.subject, paragraphs: [signedOff.paragraph] };
      const { subject, paragraph } = review.subjectType === 'draft' ? words.released : words.confirmed;
      return { subject, paragraphs: [paragraph(version)] };
    };
    await tellStaff(
      ended,
      last,
      ctx,
      outcome === 'released'
        ? ctx.team
        : ctx.team.filter(
            (m) => m.staffId === review.startedBy || rank(m.role as StaffRole) >= rank('account_manager'),
          ),
      message,
    );
  }
  return { action: 'end', outcome };
}

/**
 * A new version of a subject exists (a draft's upload was recorded, a plan got a new version):
 * the running review of that subject moves on to it.
 */
export async function newSubjectVersion(
  clientId: string,
  subjectId: string,
  versionNumber: number,
): Promise<void> {
  const active = await getItem(ActiveReview.key(clientId, subjectId));
  if (!active) return;
  const run = await loadRun({ clientId, reviewId: active.reviewId as string });
  const last = run.steps.at(-1);
  // The step waiting now — for a new version, or for decisions on an older one — is revised:
  // an approval never carries over, so the new version starts again at internal review.
  const step = last?.status === 'pending' ? last : undefined;
  if (!step || versionNumber <= step.file.draftVersion) return;
  const revised = patched(step, { status: 'revised', revisedTo: versionNumber, settledAt: now() });
  try {
    await transact([
      putStep(clientId, revised, step.version),
      ...closeApprovals(await pendingApprovals(clientId, step)),
      ...(step.stage === 'revision'
        ? []
        : await subjectOf(run.review).onSuperseded(run.review, step.file.draftVersion)),
      clientAuditEvent(clientId, {
        actorId: run.review.startedBy,
        action: 'review.step_revised',
        entityType: 'reviewStep',
        entityId: `${step.reviewId}#${step.stepNo}`,
        before: step,
        after: revised,
      }),
    ]);
  } catch (error) {
    // Settled concurrently (a decision, another recording of the same upload, or a deadline).
    if (error instanceof AppError && error.code === 'version_conflict') return;
    if (error instanceof TransactionRaceError) return;
    throw error;
  }
  await resumeSettledStep(clientId, step.reviewId, step.stepNo);
}

/**
 * Resumes the workflow of a settled step, if its waiting task has stored a token (else it will see
 * the step settled). Called after the settling commit, so it never fails its caller: a workflow
 * that could not be woken reads the settled step from the table when its wait times out (the
 * step's deadline).
 */
export async function resumeSettledStep(clientId: string, reviewId: string, stepNo: number): Promise<void> {
  await afterCommit(
    'The review workflow was not woken for a settled step; it reads the step at its deadline',
    { reviewId, stepNo },
    async () => {
      const token = await getItem(StepToken.key(clientId, reviewId, stepNo));
      if (token?.taskToken) await resumeStep(token.taskToken as string, { stepNo, settled: true });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Settling a step from its decisions
// ---------------------------------------------------------------------------------------------

/**
 * What a step's decisions add up to: any reject rejects; any request for changes (including
 * "approve with changes") sends the work back; otherwise it is approved once everyone (mode
 * `all`) or anyone (mode `any`) approved. Undefined: still waiting.
 */
export function settlement(
  mode: 'all' | 'any',
  approvalIds: readonly string[],
  decisions: Readonly<Record<string, Decision>>,
): 'approved' | 'changes_requested' | 'rejected' | undefined {
  const given = Object.values(decisions);
  if (given.includes('reject')) return 'rejected';
  if (given.some((d) => d === 'request_changes' || d === 'approve_with_changes')) return 'changes_requested';
  if (mode === 'any' && given.includes('approve')) return 'approved';
  if (approvalIds.length > 0 && approvalIds.every((id) => decisions[id] === 'approve')) return 'approved';
  return undefined;
}
