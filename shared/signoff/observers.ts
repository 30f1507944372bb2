import type { Review, ReviewStep, Stage, SubjectType } from './schemas.js';

/**
 * Who else wants to know how a sign-off goes: e.g. a job's schedule, whose milestones follow a
 * client review, a plan confirmation or an estimate signature. The engine imports no observer
 * (as it imports no subject): functions register them at cold start with the subjects
 * (`functions/signoff-subjects.ts`).
 *
 * Observers get plain facts, after the engine's own transaction committed, from the review
 * workflow's tasks: an observer that throws fails the task, which Step Functions retries, and
 * the facts come again. So every observer must be idempotent (facts carry the review and step
 * numbers to recognise a repeat), and nothing it does can undo the sign-off.
 */
export interface SignOffStepFacts {
  clientId: string;
  jobId: string;
  reviewId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** The subject's kind (a draft's kind, a plan's kind, a brief's kind). */
  kind: string;
  /** Who started the review: what the workflow does is attributed to them. */
  startedBy: string;
  stepNo: number;
  stage: Stage;
  /** The subject's version the step is about. */
  version: number;
  openedAt: string;
  deadline: string;
}

export interface SignOffStepSettledFacts extends SignOffStepFacts {
  status: Exclude<ReviewStep['status'], 'pending'>;
  settledAt: string;
}

export interface SignOffReviewEndedFacts {
  clientId: string;
  jobId: string;
  reviewId: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: string;
  startedBy: string;
  outcome: Review['status'];
  endedAt: string;
  /** The version signed off (released or confirmed), when it was. */
  signedOffVersion?: number;
}

export interface SignOffObserver {
  /** A step was opened (once it is armed: its emails are about to go). */
  stepOpened?: (facts: SignOffStepFacts) => Promise<void>;
  /** A step was settled: approved, changes requested, rejected, expired or revised. */
  stepSettled?: (facts: SignOffStepSettledFacts) => Promise<void>;
  /** The review ended: released (signed off), rejected, expired or cancelled by staff. */
  reviewEnded?: (facts: SignOffReviewEndedFacts) => Promise<void>;
}

const observers = new Set<SignOffObserver>();

/** Makes observers known to the engine (once per function, at cold start). */
export function registerSignOffObservers(...registered: SignOffObserver[]): void {
  for (const observer of registered) observers.add(observer);
}

const stepFacts = (review: Review, step: ReviewStep): SignOffStepFacts => ({
  clientId: review.clientId,
  jobId: review.jobId,
  reviewId: review.reviewId,
  subjectType: review.subjectType,
  subjectId: review.subjectId,
  kind: review.kind,
  startedBy: review.startedBy,
  stepNo: step.stepNo,
  stage: step.stage,
  version: step.file.draftVersion,
  openedAt: step.createdAt,
  deadline: step.deadline,
});

/** Tells every observer a step opened; an observer's failure fails the calling task (retried). */
export async function stepOpenedObserved(review: Review, step: ReviewStep): Promise<void> {
  const facts = stepFacts(review, step);
  for (const observer of observers) await observer.stepOpened?.(facts);
}

export async function stepSettledObserved(review: Review, step: ReviewStep): Promise<void> {
  if (step.status === 'pending') return;
  const facts: SignOffStepSettledFacts = {
    ...stepFacts(review, step),
    status: step.status,
    settledAt: step.settledAt ?? step.updatedAt,
  };
  for (const observer of observers) await observer.stepSettled?.(facts);
}

export async function reviewEndedObserved(review: Review): Promise<void> {
  const facts: SignOffReviewEndedFacts = {
    clientId: review.clientId,
    jobId: review.jobId,
    reviewId: review.reviewId,
    subjectType: review.subjectType,
    subjectId: review.subjectId,
    kind: review.kind,
    startedBy: review.startedBy,
    outcome: review.status,
    endedAt: review.endedAt ?? review.updatedAt,
    signedOffVersion: review.releasedVersion,
  };
  for (const observer of observers) await observer.reviewEnded?.(facts);
}
