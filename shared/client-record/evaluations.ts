import { Staff } from '../accounts/entities.js';
import {
  type Caller,
  isUpReportingLine,
  loadCaller,
  type StaffMember,
  type StaffRole,
  visibleClientIds,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import { staffAuditEvent } from '../platform/audit.js';
import {
  fromItem,
  getItem,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  unprocessable,
  versionConflict,
} from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { getSchedule, listStaffTasks } from '../traffic/index.js';
import { StaffEvaluation } from './entities.js';
import { evaluationForms, periodOf } from './evaluation-forms.js';
import type {
  ConcurrenceInput,
  CreateEvaluationInput,
  Evaluation,
  UpdateEvaluationInput,
} from './evaluation-schemas.js';

/** What an evaluation's audit event never copies: the words and ratings stay with the evaluation. */
const redact = ['ratings', 'summary', 'goals', 'acknowledgement'] as const;

export function evaluationFormsView(at = new Date()) {
  return {
    cadence: 'half_yearly' as const,
    currentPeriod: periodOf(at),
    forms: Object.entries(evaluationForms).map(([role, criteria]) => ({ role: role as StaffRole, criteria })),
  };
}

async function loadSubject(actorId: string, staffId: string, also: { PK: string; SK: string }[] = []) {
  const { caller, items } = await loadCaller(actorId, [Staff.key(staffId), ...also]);
  const [subjectItem, ...rest] = items;
  if (!subjectItem) throw notFound('Staff member');
  return { caller, subject: fromItem<StaffMember>(subjectItem), items: rest };
}

/** Up the evaluated person's reporting line (the head is at the top of every line). */
const isAbove = async (caller: Caller, subject: StaffMember) =>
  caller.staffId !== subject.staffId &&
  (caller.role === 'head_of_accounts' || (await isUpReportingLine(subject, caller.staffId)));

/**
 * Who writes someone's evaluation (issue 15 §5): their line manager; for an AE or AAE, also an
 * account manager up their line (the AM reviews them with the AD); the head, who evaluates all
 * account staff.
 */
async function mayEvaluate(caller: Caller, subject: StaffMember) {
  if (caller.staffId === subject.staffId) return false;
  if (subject.reportsTo === caller.staffId || caller.role === 'head_of_accounts') return true;
  return (
    caller.role === 'account_manager' &&
    ['account_executive', 'assistant_account_executive'].includes(subject.role) &&
    (await isUpReportingLine(subject, caller.staffId))
  );
}

const whoEvaluates =
  "Only the person's line manager (for an account executive or assistant, also the account manager above them) or the head of account services writes their evaluation.";

/** Not yet the evaluated person's: their author's draft, or a review waiting for the director's concurrence. */
const unshared = new Set<Evaluation['status']>(['draft', 'awaiting_concurrence']);

/** Visible to the evaluated person once shared with them, and to everyone up their line; to anyone else it does not exist. */
async function mayRead(caller: Caller, subject: StaffMember, evaluation: Evaluation) {
  if (caller.staffId === subject.staffId) return !unshared.has(evaluation.status);
  return isAbove(caller, subject);
}

function checkRatings(role: StaffRole, ratings: readonly { criterion: string }[]) {
  const form = evaluationForms[role] ?? [];
  ratings.forEach((r, i) => {
    if (!form.some((c) => c.key === r.criterion)) {
      throw badRequest(
        'unknown_criterion',
        'Not a criterion of this role’s evaluation form.',
        `body.ratings.${i}.criterion`,
      );
    }
  });
}

const evaluationView = (item: Item) => fromItem<Evaluation>(item);

export async function createEvaluation(
  actorId: string,
  staffId: string,
  input: CreateEvaluationInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<Evaluation>(actorId, idempotency, async (remember) => {
    const { caller, subject, items } = await loadSubject(actorId, staffId, [
      StaffEvaluation.key(staffId, input.period),
    ]);
    if (!(await isAbove(caller, subject))) throw notFound('Staff member');
    if (!evaluationForms[subject.role]) {
      throw unprocessable(
        'no_evaluation_form',
        'The account department evaluates its own staff only: this person has no form here.',
        'path.staffId',
      );
    }
    if (!(await mayEvaluate(caller, subject))) throw forbidden(whoEvaluates);
    if (items[0])
      throw conflict(
        'evaluation_exists',
        `${subject.name} already has an evaluation for ${input.period}.`,
        'body.period',
      );
    checkRatings(subject.role, input.ratings);
    const fields = {
      staffId,
      period: input.period,
      role: subject.role,
      status: 'draft' as const,
      ratings: input.ratings,
      ...(input.summary ? { summary: input.summary } : {}),
      ...(input.goals ? { goals: input.goals } : {}),
      evaluatorId: caller.staffId,
    };
    const item = newRecord(StaffEvaluation.type, StaffEvaluation.key(staffId, input.period), {}, fields);
    const view = evaluationView(item);
    await transact([
      putNew(item, () =>
        conflict(
          'evaluation_exists',
          `${subject.name} already has an evaluation for ${input.period}.`,
          'body.period',
        ),
      ),
      staffAuditEvent(caller.staffId, {
        actorId,
        action: 'evaluation.drafted',
        entityType: 'staffEvaluation',
        entityId: `${staffId}/${input.period}`,
        after: item,
        redact,
      }),
      ...remember(view),
    ]);
    return view;
  });
}

async function openEvaluation(actorId: string, staffId: string, period: string) {
  const { caller, subject, items } = await loadSubject(actorId, staffId, [
    StaffEvaluation.key(staffId, period),
  ]);
  const evaluation = items[0] ? evaluationView(items[0]) : undefined;
  if (!evaluation || !(await mayRead(caller, subject, evaluation))) throw notFound('Evaluation');
  return { caller, subject, evaluation };
}

export async function getEvaluation(actorId: string, staffId: string, period: string) {
  return (await openEvaluation(actorId, staffId, period)).evaluation;
}

export async function listEvaluations(actorId: string, staffId: string) {
  const { caller, subject } = await loadSubject(actorId, staffId);
  const own = caller.staffId === staffId;
  if (!own && !(await isAbove(caller, subject))) throw notFound('Evaluations');
  const items = (await queryAll(StaffEvaluation.ofStaff(staffId))).map(evaluationView);
  return { items: (own ? items.filter((e) => !unshared.has(e.status)) : items).reverse() };
}

async function save(
  actorId: string,
  auditOwner: string,
  current: Evaluation,
  next: Evaluation,
  action: string,
) {
  const item = storedItem(
    StaffEvaluation.type,
    StaffEvaluation.key(current.staffId, current.period),
    {},
    next,
  );
  await transact([
    putIfVersion(item, current.version, () => versionConflict('This evaluation', current.version)),
    staffAuditEvent(auditOwner, {
      actorId,
      action,
      entityType: 'staffEvaluation',
      entityId: `${current.staffId}/${current.period}`,
      before: current,
      after: next,
      redact,
    }),
  ]);
  return evaluationView(item);
}

/** Only its author changes an evaluation, and only until it is shared with the evaluated person. */
function assertAuthor(caller: Caller, evaluation: Evaluation) {
  if (evaluation.evaluatorId !== caller.staffId)
    throw forbidden('Only the evaluation’s author may change or share it.');
  if (evaluation.status === 'awaiting_concurrence')
    throw conflict(
      'awaiting_concurrence',
      'The review waits for the account director’s concurrence: it changes again only if sent back.',
    );
  if (evaluation.status !== 'draft')
    throw conflict('evaluation_shared', 'The evaluation was shared with the person: it no longer changes.');
}

export async function updateEvaluation(
  actorId: string,
  staffId: string,
  period: string,
  expectedVersion: number,
  patch: UpdateEvaluationInput,
) {
  const { caller, evaluation } = await openEvaluation(actorId, staffId, period);
  if (evaluation.version !== expectedVersion) throw versionConflict('This evaluation', expectedVersion);
  assertAuthor(caller, evaluation);
  if (patch.ratings) checkRatings(evaluation.role, patch.ratings);
  return save(actorId, caller.staffId, evaluation, patched(evaluation, patch), 'evaluation.updated');
}

/**
 * The account manager reviews an AE or AAE with the account director (domain.md §2): such a review
 * is final only once a director up the manager's line concurs.
 */
const needsConcurrence = (evaluation: Evaluation, evaluator: Caller) =>
  evaluator.role === 'account_manager' &&
  ['account_executive', 'assistant_account_executive'].includes(evaluation.role);

const directorRoles = new Set(['account_director', 'group_account_director', 'head_of_accounts']);

/**
 * Shares a complete evaluation with the evaluated person: every criterion rated, and a summary. An
 * account manager's review of an AE or AAE goes first to the account director for concurrence.
 */
export async function submitEvaluation(actorId: string, staffId: string, period: string) {
  const { caller, evaluation } = await openEvaluation(actorId, staffId, period);
  assertAuthor(caller, evaluation);
  const missing = (evaluationForms[evaluation.role] ?? []).filter(
    (c) => !evaluation.ratings.some((r) => r.criterion === c.key),
  );
  if (missing.length > 0) {
    throw unprocessable(
      'evaluation_incomplete',
      `Rate every criterion before sharing: ${missing.map((c) => c.label).join('; ')}.`,
      'body.ratings',
    );
  }
  if (!evaluation.summary)
    throw unprocessable('evaluation_incomplete', 'Write a summary before sharing.', 'body.summary');
  if (needsConcurrence(evaluation, caller)) {
    return save(
      actorId,
      caller.staffId,
      evaluation,
      patched(evaluation, { status: 'awaiting_concurrence', submittedAt: now() }),
      'evaluation.awaiting_concurrence',
    );
  }
  return save(
    actorId,
    caller.staffId,
    evaluation,
    patched(evaluation, { status: 'submitted', submittedAt: now() }),
    'evaluation.submitted',
  );
}

/**
 * An account director (or a director above) up the author's reporting line concurs with an account
 * manager's review of an AE or AAE — it is shared with the person — or sends it back to the author
 * with a comment, as a draft again.
 */
export async function concurWithEvaluation(
  actorId: string,
  staffId: string,
  period: string,
  expectedVersion: number,
  input: ConcurrenceInput,
) {
  const { caller, evaluation } = await openEvaluation(actorId, staffId, period);
  if (evaluation.version !== expectedVersion) throw versionConflict('This evaluation', expectedVersion);
  const authorItem = await getItem(Staff.key(evaluation.evaluatorId));
  const author = authorItem ? fromItem<StaffMember>(authorItem) : undefined;
  const concurs =
    author !== undefined &&
    directorRoles.has(caller.role) &&
    caller.staffId !== author.staffId &&
    (caller.role === 'head_of_accounts' || (await isUpReportingLine(author, caller.staffId)));
  if (!concurs)
    throw forbidden(
      'Only an account director above the account manager who wrote this review concurs with it or sends it back.',
    );
  if (evaluation.status !== 'awaiting_concurrence')
    throw conflict(
      'not_awaiting_concurrence',
      'This evaluation is not waiting for a director’s concurrence.',
    );
  if (input.decision === 'send_back' && !input.comment)
    throw unprocessable(
      'comment_required',
      'Say what the review should change before sending it back.',
      'body.comment',
    );
  const concurrence = {
    decision: input.decision,
    by: caller.staffId,
    at: now(),
    ...(input.comment ? { comment: input.comment } : {}),
  };
  const next =
    input.decision === 'concur'
      ? patched(evaluation, { status: 'submitted', concurrence })
      : patched(evaluation, { status: 'draft', concurrence, submittedAt: null });
  return save(
    actorId,
    caller.staffId,
    evaluation,
    next,
    `evaluation.${input.decision === 'concur' ? 'concurred' : 'sent_back'}`,
  );
}

/** The evaluated person acknowledges having read theirs, with their own words if they wish. */
export async function acknowledgeEvaluation(
  actorId: string,
  staffId: string,
  period: string,
  input: { comment?: string },
) {
  const { caller, evaluation } = await openEvaluation(actorId, staffId, period);
  if (caller.staffId !== staffId) throw forbidden('Only the evaluated person acknowledges their evaluation.');
  if (evaluation.status === 'acknowledged')
    throw conflict('already_acknowledged', 'You acknowledged this evaluation already.');
  return save(
    actorId,
    staffId,
    evaluation,
    patched(evaluation, {
      status: 'acknowledged',
      acknowledgedAt: now(),
      ...(input.comment ? { acknowledgement: input.comment } : {}),
    }),
    'evaluation.acknowledged',
  );
}

// ---------------------------------------------------------------------------------------------
// The manager view: each level checks the work of the level below (domain.md §2)
// ---------------------------------------------------------------------------------------------

const openStatuses = ['open', 'in_progress', 'on_hold'];
/** A report's jobs shown (and schedules read) at most. */
const maxJobs = 50;

async function reportWork(
  caller: Caller,
  report: StaffMember,
  visible: Set<string> | undefined,
  period: string,
) {
  const [jobs, tasks, evaluation] = await Promise.all([
    queryAll(Job.ofOwner(report.staffId)),
    listStaffTasks(caller.staffId, report.staffId, { due: 'all', limit: 100 }),
    getItem(StaffEvaluation.key(report.staffId, period)),
  ]);
  const open = jobs
    .filter(
      (j) => openStatuses.includes(j.status as string) && (!visible || visible.has(j.clientId as string)),
    )
    .slice(0, maxJobs);
  const waiting = await Promise.all(
    open.map((j) =>
      getSchedule(caller.staffId, j.jobId as string).then(
        (s) => s.waiting,
        () => undefined, // a job without a schedule has waited on nobody yet
      ),
    ),
  );
  const task = (t: { title: string; jobNumber: string; due: string; overdueDays: number; path: string }) => ({
    title: t.title,
    jobNumber: t.jobNumber,
    due: t.due,
    overdueDays: t.overdueDays,
    path: t.path,
  });
  return {
    staffId: report.staffId,
    name: report.name,
    role: report.role,
    jobs: open.map((j, i) => ({
      jobId: j.jobId as string,
      jobNumber: j.jobNumber as string,
      title: j.title as string,
      clientId: j.clientId as string,
      status: j.status as string,
      ...(waiting[i]
        ? { waitingOnClientDays: waiting[i].clientDays, waitingOnAgencyDays: waiting[i].agencyDays }
        : {}),
    })),
    overdueTasks: tasks.items.filter((t) => t.kind === 'milestone' && t.overdueDays > 0).map(task),
    pendingApprovals: tasks.items.filter((t) => t.kind === 'approval').map(task),
    waitingOnClientDays: waiting.reduce((sum, w) => sum + (w?.clientDays ?? 0), 0),
    evaluation: {
      period,
      status: evaluation ? (evaluation.status as Evaluation['status']) : ('due' as const),
    },
  };
}

/** The caller's direct reports and their work: jobs, overdue tasks, pending approvals, time waiting on the client. */
export async function managerView(actorId: string, at = new Date()) {
  const { caller } = await loadCaller(actorId);
  const reports = (await queryAll(Staff.reportingTo(caller.staffId)))
    .map((i) => fromItem<StaffMember>(i))
    .filter((s) => s.active);
  const visible = caller.role === 'head_of_accounts' ? undefined : new Set(await visibleClientIds(caller));
  const period = periodOf(at);
  return { reports: await Promise.all(reports.map((r) => reportWork(caller, r, visible, period))) };
}
