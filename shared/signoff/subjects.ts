import type { StaffRole, signOffKinds } from '../accounts/index.js';
import type { PrimaryKey } from '../platform/db/keys.js';
import type { WriteOp } from '../platform/db/table.js';
import type { Language } from '../platform/i18n.js';
import type {
  Evidence,
  Review,
  ReviewedFile,
  ReviewTitleParts,
  Stage,
  StartReviewInput,
  SubjectType,
} from './schemas.js';

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
 * - `brief`: a brief version — the account manager's approval, then (when asked) the client's.
 * - `timetable`: a job's timetable (a schedule version as a document) — signed = the baseline.
 */
/** What a client contact may sign off for the client (a contact's `approves`). */
type SignOffKind = (typeof signOffKinds)[number];

export interface SubjectVersion {
  file: ReviewedFile;
  fileName: string;
  contentType: string;
  /** The type the file's bytes were found to be (a draft's upload): only then may a page show it in place. */
  verifiedType?: string;
  /**
   * What the approval page shows of the version itself, beside its file, in the reader's language:
   * a table each (a plan's lines and totals; an estimate's lines and the timetable signed with it).
   */
  shown?: (language: Language) => ShownContent[];
}

/** A table of what is approved, on the approval page itself: the client sees what they approve. */
export interface ShownContent {
  caption: string;
  columns: string[];
  rows: string[][];
  /** Label and value rows after the table (total cost, budget). */
  totals: [string, string][];
  note?: string;
}

export interface Subject {
  type: SubjectType;
  /** The sign-off kind a client contact must be registered for (by the subject's kind, where it varies). */
  approves: SignOffKind | ((kind: string) => SignOffKind);
  /** What the subject is called in emails and pages. */
  noun: string;
  /** Who makes a new version when changes are requested (their words: `signOffWords.makers`). */
  makers: { role: StaffRole };
  /** The subject's own item (it must exist for its approval chain to be shown). */
  key: (clientId: string, subjectId: string) => PrimaryKey;
  /** Where staff see its approval chain. */
  chainPath: (subjectId: string) => string;
  /** Internal reviewers' roles, and whether all or any one of them must approve. */
  internal: { roles: readonly string[]; mode: 'all' | 'any' };
  /** Whether it has been in front of the client before (an AD joins a draft's first internal review). */
  presentedToClient: (review: Review) => Promise<boolean>;
  /** Loads what a review of `version` needs; refuses a version (or a request) that cannot be reviewed. */
  open: (
    clientId: string,
    subjectId: string,
    version: number,
    input: StartReviewInput,
  ) => Promise<OpenedSubject>;
  /** The newest version a review should be on (a draft's latest uploaded version, a plan's latest), if any. */
  newestVersion: (review: Review) => Promise<number | undefined>;
  /** The exact file the approvers see. */
  version: (review: Review, number: number) => Promise<SubjectVersion>;
  /**
   * What an approval of `stage` leads to, in the approver's words and language ("The artwork is
   * released to production."): from the subject's context's own catalogue.
   */
  approvalLeadsTo: (review: Review, stage: Stage, language: Language) => string;
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
  /** What the team is told when a version is signed off, in the reader's language, from the subject's context's own catalogue (default: released to production / confirmed by the client). */
  signedOffNotice?: (
    review: Review,
    number: number,
    language: Language,
  ) => { subject: string; paragraph: string };
  /** Writes that go with the end of a review (released / confirmed, rejected…); `approval` is the client's approving evidence. */
  onEnded: (
    review: Review,
    outcome: Review['status'],
    number: number,
    approval?: Evidence,
  ) => Promise<WriteOp[]>;
}

export interface OpenedSubject {
  /** The title in the agency's language, as recorded. */
  title: string;
  /** What the title is made of, so each reader reads it in their language (`titled(…)` gives both). */
  titleParts?: ReviewTitleParts;
  kind: string;
  jobId: string;
  /** Ids the review records (e.g. `draftId`, or `planId` and `campaignId`). */
  refs: Record<string, string>;
  /** False when this review stays inside the agency: no client step, no client approvers chosen. */
  clientSignOff?: boolean;
}

/** The contact sign-off kind a review of this subject and kind needs. */
export const approvalKindOf = (subject: Subject, kind: string): SignOffKind =>
  typeof subject.approves === 'function' ? subject.approves(kind) : subject.approves;

const registered = new Map<SubjectType, Subject>();

/**
 * Makes subjects known to the engine. The engine imports no subject: each context that has
 * something to sign off (creative drafts, media plans) exports its `Subject`, and each function
 * that runs the engine registers the subjects once, at cold start (`functions/signoff-subjects.ts`).
 */
export function registerSubjects(...subjects: Subject[]): void {
  for (const subject of subjects) registered.set(subject.type, subject);
}

/** The registered subject of that type; a function that forgot to register it fails loudly. */
export function subjectNamed(type: SubjectType): Subject {
  const subject = registered.get(type);
  if (!subject) throw new Error(`No sign-off subject "${type}" is registered in this function`);
  return subject;
}

export const subjectOf = (review: Pick<Review, 'subjectType'>): Subject => subjectNamed(review.subjectType);

/** The key of a registered subject's own item (another context checks that a linked subject exists). */
export const subjectItemKey = (type: SubjectType, clientId: string, subjectId: string): PrimaryKey =>
  subjectNamed(type).key(clientId, subjectId);

/** Where staff see a registered subject's approval chain (and answer a revision: a new version). */
export const subjectChainPath = (type: SubjectType, subjectId: string): string =>
  subjectNamed(type).chainPath(subjectId);
