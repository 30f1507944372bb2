import { Client, Staff } from '../accounts/entities.js';
import {
  type Caller,
  isUpReportingLine,
  loadCaller,
  type StaffMember,
  visibleClientIds,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import { staffAuditEvent } from '../platform/audit.js';
import { getMailConfig, getReportsBucket } from '../platform/config.js';
import {
  fromItem,
  getItem,
  getItems,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  transact,
  updateWhen,
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import {
  conflict,
  conflictIn,
  forbidden,
  notFound,
  unprocessable,
  versionConflict,
} from '../platform/errors.js';
import { agencyLanguage, formatMonth, type Language } from '../platform/i18n.js';
import { type JobSegment, type SegmentOutcome, walkUnits } from '../platform/job-segments.js';
import { newRecord, now, patched, type RecordMeta, storedItem } from '../platform/records.js';
import { sendClaimed, sendingNow, sendingRecorded } from '../platform/sendings.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { defaultCalendar, isWorkingDay, localDate, type WorkingCalendar } from '../platform/working-days.js';
import { ApprovalRequest, Review } from '../signoff/entities.js';
import { MilestoneTask } from '../traffic/entities.js';
import { ContactReport, MinutesVersion, WorkReport } from './entities.js';
import { workReportWords } from './messages.js';
import { pathUrl, sendNotice } from './notices.js';
import { renderWorkReportCsv, renderWorkReportHtml } from './work-report-document.js';
import { monthDays, type WorkClientInputs, type WorkFigures, workFigures } from './work-report-figures.js';
import type {
  GenerateWorkReportInput,
  UpdateWorkReportInput,
  WorkReportView,
} from './work-report-schemas.js';

/**
 * The account manager's monthly work report to their account director (issue 15 §2; the seeds:
 * the AM "gives the client director a monthly work report and the planned work"). One per manager
 * and month, across every client on the manager's team (`work-report-figures.ts` says what it
 * counts). Made as a draft — by the monthly job on the agency's first working day of the month, or
 * on demand — with its HTML and CSV in the reports bucket; the manager adds their own summary and
 * next month's plan (If-Match), and sends it: it goes to their line manager (`reportsTo`) as a
 * `/documents` link whose reader rule (`reportingLine`) lets only the manager, the people up their
 * line and the head open it. Invisible to everyone else: a draft is the manager's alone; a sent
 * report is also theirs up the line. Each email the mail service took is recorded in `sendings`:
 * sent with none, the email did not go, and `…/resend` sends it again.
 */

type StoredFile = { objectKey: string; objectVersionId?: string; sha256: string };
type StoredWorkReport = WorkReportView &
  RecordMeta & {
    figures: WorkFigures;
    language: Language;
    timeZone: string;
    html: StoredFile;
    csv: StoredFile;
    /** The document and its CSV as sent, in the director's language. */
    sentHtml?: StoredFile;
    sentCsv?: StoredFile;
  };

const notFoundReport = () => notFound('Work report');

/** The manager whose report it is (an active account manager), with the caller. */
async function openManager(actorId: string, staffId: string, month?: string) {
  const { caller, items } = await loadCaller(actorId, [
    Staff.key(staffId),
    ...(month ? [WorkReport.key(staffId, month)] : []),
  ]);
  const [managerItem, reportItem] = items;
  const manager = managerItem ? fromItem<StaffMember>(managerItem) : undefined;
  if (!manager) throw notFound('Staff member');
  const report = reportItem ? fromItem<StoredWorkReport>(reportItem) : undefined;
  return { caller, manager, report };
}

/** Up the manager's reporting line (the head is at the top of every line). */
const isAbove = async (caller: Caller, manager: StaffMember) =>
  caller.staffId !== manager.staffId &&
  (caller.role === 'head_of_accounts' || (await isUpReportingLine(manager, caller.staffId)));

/** A draft is the manager's alone; a sent report is also for everyone up their line. */
async function mayRead(caller: Caller, manager: StaffMember, report: StoredWorkReport) {
  if (caller.staffId === manager.staffId) return true;
  return report.status === 'sent' && (await isAbove(caller, manager));
}

const onlyTheManager = () =>
  forbidden('Only the account manager whose work report it is makes, edits and sends it.');

function assertOwnReport(caller: Caller, manager: StaffMember) {
  if (caller.staffId !== manager.staffId) throw onlyTheManager();
  if (manager.role !== 'account_manager') {
    throw unprocessable(
      'not_an_account_manager',
      'The monthly work report is the account manager’s duty: this person is not an account manager.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the month
// ---------------------------------------------------------------------------------------------

/** One client's items the report reads: a handful of key-ordered queries, no scan. */
async function clientInputs(clientItem: Item, month: string): Promise<WorkClientInputs> {
  const clientId = clientItem.clientId as string;
  const [jobItems, taskItems, approvalItems, reportItems] = await Promise.all([
    queryAll(Job.ofClient(clientId)),
    queryAll(MilestoneTask.ofClient(clientId)),
    queryAll(ApprovalRequest.ofClient(clientId)),
    queryAll(ContactReport.ofClient(clientId)),
  ]);
  const { first } = monthDays(month);
  // Approvals that ended before the month cannot count in it.
  const approvals = approvalItems.filter(
    (a) =>
      a.itemType === ApprovalRequest.type &&
      (a.status === 'pending' || ((a.decidedAt ?? a.updatedAt) as string) >= first),
  );
  const reviews = new Map(
    (
      await getItems(
        [...new Set(approvals.map((a) => a.reviewId as string))].map((id) => Review.key(clientId, id)),
      )
    )
      .filter((r): r is Item => r !== undefined)
      .map((r) => [r.reviewId as string, r]),
  );
  const issued = reportItems.filter(
    (r) => r.itemType === ContactReport.type && ((r.latestIssued as number | undefined) ?? 0) > 0,
  );
  const versionItems = await getItems(
    issued.flatMap((r) =>
      Array.from({ length: r.latestIssued as number }, (_, i) =>
        MinutesVersion.key(clientId, r.reportId as string, i + 1),
      ),
    ),
  );
  const subjects = new Map(
    issued.map((r) => [r.reportId as string, (r.draft as { subject?: string } | undefined)?.subject ?? '']),
  );
  return {
    clientId,
    name: clientItem.name as string,
    calendar: (clientItem.calendar as WorkingCalendar | undefined) ?? defaultCalendar,
    jobs: jobItems.map((j) => ({
      jobId: j.jobId as string,
      jobNumber: j.jobNumber as string,
      title: j.title as string,
      status: j.status as string,
      createdAt: j.createdAt as string,
      dueDate: j.dueDate as string | undefined,
      statusHistory: (j.statusHistory as WorkClientInputs['jobs'][number]['statusHistory'] | undefined) ?? [],
    })),
    milestones: taskItems
      .filter((t) => t.itemType === 'milestoneTask')
      .map((t) => ({
        jobId: t.jobId as string,
        name: (t.name as string | undefined) ?? '',
        due: (t.due as string | undefined) ?? '',
        status: (t.status as string | undefined) ?? 'done',
        removed: t.removed === true,
      })),
    approvals: approvals.map((a) => {
      const review = reviews.get(a.reviewId as string);
      return {
        approvalId: a.approvalId as string,
        jobId: review?.jobId as string | undefined,
        what: review?.title as string | undefined,
        assignee: a.assignee as { kind: string; name?: string },
        status: a.status as string,
        decision: a.decision as string | undefined,
        createdAt: a.createdAt as string,
        decidedAt: a.decidedAt as string | undefined,
        updatedAt: a.updatedAt as string,
      };
    }),
    contactReportVersions: versionItems
      .filter((v): v is Item => v !== undefined)
      .map((v) => ({
        reportId: v.reportId as string,
        subject: subjects.get(v.reportId as string) ?? '',
        number: v.number as number,
        status: v.status as string,
        settledAt: v.settledAt as string | undefined,
      })),
  };
}

/** The clients on the manager's team, by name. */
async function clientsOf(manager: StaffMember) {
  const ids = await visibleClientIds(manager);
  return (await getItems(ids.map((id) => Client.key(id))))
    .filter((c): c is Item => c !== undefined)
    .sort((a, b) => (a.name as string).localeCompare(b.name as string));
}

const countsOf = (f: WorkFigures): WorkReportView['counts'] => ({
  jobsOpened: f.jobsOpened.length,
  jobsMoved: f.jobsMoved.length,
  jobsFinished: f.jobsFinished.length,
  signOffs: f.signOffs.length,
  contactReports: f.contactReports.length,
  waitingOnClientDays: f.waitingTotals.onClient,
  waitingOnAgencyDays: f.waitingTotals.onAgency,
  nextMonthJobs: f.nextMonthJobs.length,
  nextMonthMilestones: f.nextMonthMilestones.length,
});

const reportFile = (month: string, managerName: string, format: 'html' | 'csv') => ({
  fileName: `work-report-${month}-${managerName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.${format}`,
  contentType: format === 'html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8',
});

const base = (staffId: string, month: string) => `staff/${staffId}/work-reports/${month}`;

function writeCsv(report: StoredWorkReport, language: Language, name: string) {
  return putDocument(
    getReportsBucket(),
    `${base(report.staffId, report.month)}/${name}`,
    renderWorkReportCsv(report.figures, language),
    'text/csv; charset=utf-8',
  );
}

function writeHtml(report: StoredWorkReport, language: Language, name: string) {
  return putDocument(
    getReportsBucket(),
    `${base(report.staffId, report.month)}/${name}`,
    renderWorkReportHtml({
      language,
      agencyName: getMailConfig().agencyName,
      managerName: report.managerName,
      month: report.month,
      clientNames: report.clients.map((c) => c.name),
      asOf: report.asOf,
      timeZone: report.timeZone,
      summary: report.summary,
      plan: report.plan,
      figures: report.figures,
    }),
    'text/html; charset=utf-8',
  );
}

const fileOf = (put: StoredFile): StoredFile => ({
  objectKey: put.objectKey,
  objectVersionId: put.objectVersionId,
  sha256: put.sha256,
});

class MadeMeanwhile extends Error {}

/**
 * Makes (or redoes, while a draft) one manager's report of a month: the figures taken now, the
 * manager's own texts kept. A sent report is answered as it is.
 */
export async function generateWorkReport(
  manager: StaffMember,
  month: string,
  at: Date,
  actorId = 'system',
): Promise<{ outcome: 'generated' | 'alreadyDone'; report: StoredWorkReport }> {
  const key = WorkReport.key(manager.staffId, month);
  const existingItem = await getItem(key);
  const existing = existingItem ? fromItem<StoredWorkReport>(existingItem) : undefined;
  if (existing?.status === 'sent') return { outcome: 'alreadyDone', report: existing };
  const clientItems = await clientsOf(manager);
  const inputs = await Promise.all(clientItems.map((c) => clientInputs(c, month)));
  const figures = workFigures(inputs, month, at);
  const language = manager.language ?? agencyLanguage;
  const draft = {
    staffId: manager.staffId,
    managerName: manager.name,
    month,
    status: 'draft' as const,
    clients: clientItems.map((c) => ({ clientId: c.clientId as string, name: c.name as string })),
    asOf: at.toISOString(),
    counts: countsOf(figures),
    figures,
    language,
    timeZone: defaultCalendar.timeZone,
    ...(existing?.summary ? { summary: existing.summary } : {}),
    ...(existing?.plan ? { plan: existing.plan } : {}),
  };
  const [html, csv] = await Promise.all([
    writeHtml(draft as StoredWorkReport, language, 'work-report.html'),
    writeCsv(draft as StoredWorkReport, language, 'work-report.csv'),
  ]);
  const fields = { ...draft, html: fileOf(html), csv: fileOf(csv) };
  const item = existing
    ? storedItem(WorkReport.type, key, {}, patched(existing, fields))
    : newRecord(WorkReport.type, key, {}, fields);
  try {
    await transact([
      existing
        ? putIfVersion(item, existing.version, () => new MadeMeanwhile())
        : putNew(item, () => new MadeMeanwhile()),
      staffAuditEvent(manager.staffId, {
        actorId,
        action: 'work_report.generated',
        entityType: 'workReport',
        entityId: month,
        after: { version: item.version as number },
      }),
    ]);
  } catch (error) {
    if (!(error instanceof MadeMeanwhile)) throw error;
    const current = await getItem(key);
    if (!current) throw error;
    return { outcome: 'alreadyDone', report: fromItem<StoredWorkReport>(current) };
  }
  return { outcome: 'generated', report: fromItem<StoredWorkReport>(item) };
}

const viewOf = (r: StoredWorkReport): WorkReportView => {
  const {
    figures: _figures,
    html: _html,
    csv: _csv,
    sentHtml: _sentHtml,
    sentCsv: _sentCsv,
    language: _language,
    timeZone: _timeZone,
    ...view
  } = r;
  return view;
};

/** The month before the one `date` (YYYY-MM-DD) falls in. */
export const monthBefore = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

/** On demand, by the manager: a month's draft made (or redone) now; default last month. */
export async function requestWorkReport(
  actorId: string,
  staffId: string,
  input: GenerateWorkReportInput,
): Promise<WorkReportView> {
  const { caller, manager } = await openManager(actorId, staffId);
  if (caller.staffId !== manager.staffId && !(await isAbove(caller, manager))) throw notFound('Staff member');
  assertOwnReport(caller, manager);
  const at = new Date();
  const today = localDate(at, defaultCalendar.timeZone);
  const month = input.month ?? monthBefore(today);
  if (month > today.slice(0, 7)) {
    throw unprocessable(
      'future_month',
      'A work report is of a month that has begun: this one has not.',
      'body.month',
    );
  }
  return viewOf((await generateWorkReport(manager, month, at, actorId)).report);
}

/** The manager's reports (drafts too) for the manager; the sent ones for those up their line; 404 for anyone else. */
export async function listWorkReports(actorId: string, staffId: string): Promise<WorkReportView[]> {
  const { caller, manager } = await openManager(actorId, staffId);
  const own = caller.staffId === manager.staffId;
  if (!own && !(await isAbove(caller, manager))) throw notFound('Staff member');
  return (await queryAll(WorkReport.ofStaff(staffId)))
    .map((i) => fromItem<StoredWorkReport>(i))
    .filter((r) => own || r.status === 'sent')
    .map(viewOf)
    .sort((a, b) => b.month.localeCompare(a.month));
}

export async function getWorkReport(actorId: string, staffId: string, month: string) {
  const { caller, manager, report } = await openManager(actorId, staffId, month);
  if (!report || !(await mayRead(caller, manager, report))) throw notFoundReport();
  // The manager reads their own copies; those up the line, the director's (as sent).
  const own = caller.staffId === manager.staffId;
  const [html, csv] = await Promise.all([
    documentDownload(
      getReportsBucket(),
      own ? report.html : (report.sentHtml ?? report.html),
      5 * 60,
      reportFile(month, report.managerName, 'html'),
    ),
    documentDownload(
      getReportsBucket(),
      own ? report.csv : (report.sentCsv ?? report.csv),
      5 * 60,
      reportFile(month, report.managerName, 'csv'),
    ),
  ]);
  return { ...viewOf(report), figures: report.figures, downloads: { html, csv } };
}

async function ownDraft(actorId: string, staffId: string, month: string, expectedVersion: number) {
  const { caller, manager, report } = await openManager(actorId, staffId, month);
  if (!report || !(await mayRead(caller, manager, report))) throw notFoundReport();
  if (caller.staffId !== manager.staffId) throw onlyTheManager();
  if (report.version !== expectedVersion) throw versionConflict('The work report', expectedVersion);
  if (report.status === 'sent') {
    throw conflict(
      'work_report_sent',
      'This work report was sent to the account director: it no longer changes.',
    );
  }
  return { caller, manager, report };
}

async function saveReport(
  actorId: string,
  current: StoredWorkReport,
  next: StoredWorkReport,
  action: string,
) {
  const item = storedItem(
    WorkReport.type,
    WorkReport.key(current.staffId, current.month),
    WorkReport.indexes(next),
    next,
  );
  await transact([
    putIfVersion(item, current.version, () => versionConflict('The work report', current.version)),
    staffAuditEvent(current.staffId, {
      actorId,
      action,
      entityType: 'workReport',
      entityId: current.month,
      before: { version: current.version },
      after: { version: next.version },
    }),
  ]);
  return fromItem<StoredWorkReport>(item);
}

/** The manager writes their own summary and next month's plan into the draft (its HTML written again). */
export async function updateWorkReport(
  actorId: string,
  staffId: string,
  month: string,
  expectedVersion: number,
  patch: UpdateWorkReportInput,
): Promise<WorkReportView> {
  const { report } = await ownDraft(actorId, staffId, month, expectedVersion);
  const texts = patched(report, patch);
  const html = await writeHtml(texts, report.language, 'work-report.html');
  return viewOf(await saveReport(actorId, report, { ...texts, html: fileOf(html) }, 'work_report.edited'));
}

/** The active staff member a report goes (or went) to, or the refusal to send it. */
async function activeDirector(staffId: string | undefined, refusal: () => Error): Promise<StaffMember> {
  const item = staffId ? await getItem(Staff.key(staffId)) : undefined;
  if (item?.active !== true) throw refusal();
  return fromItem<StaffMember>(item);
}

/**
 * Emails the sent report's link to the director (as they stand now: their address and language),
 * then records the sending, raising the version (the resend's If-Match), with an audit event.
 */
async function emailToDirector(
  actorId: string,
  manager: StaffMember,
  report: StoredWorkReport,
  director: StaffMember,
): Promise<StoredWorkReport> {
  const key = WorkReport.key(report.staffId, report.month);
  const url = await issueDocumentLink({
    clientId: 'agency',
    reader: { kind: 'reportingLine', staffId: director.staffId, subjectId: manager.staffId },
    document: {
      bucket: 'reports',
      ...(report.sentHtml ?? report.html),
      ...reportFile(report.month, manager.name, 'html'),
    },
    purpose: 'work report',
    expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
  });
  const language = director.language ?? agencyLanguage;
  const w = workReportWords[language];
  const monthWords = formatMonth(report.month, language);
  await sendNotice({
    to: director.email,
    subject: w.emailSubject(manager.name, monthWords),
    greeting: w.greeting(director.name),
    paragraphs: [w.sent(manager.name, monthWords)],
    facts: (['jobsOpened', 'jobsFinished', 'signOffs', 'contactReports'] as const).map(
      (k): [string, string] => [w.sections[k], String(report.counts[k])],
    ),
    action: { label: w.open, url },
  });
  await transact([
    sendingRecorded(key, sendingNow(director.email, actorId), true),
    staffAuditEvent(report.staffId, {
      actorId,
      action: 'work_report.emailed',
      entityType: 'workReport',
      entityId: report.month,
      before: { version: report.version },
      after: { version: report.version + 1 },
    }),
  ]);
  return fromItem<StoredWorkReport>((await getItem(key))!);
}

/**
 * The manager sends the draft to their line manager (the account director): written in the
 * director's language (the page and the CSV), recorded as sent under the draft's version, then
 * emailed as a `/documents` link only the manager's reporting line can open. If the email fails,
 * the report stays sent without a sending, for `…/resend`.
 */
export async function sendWorkReport(
  actorId: string,
  staffId: string,
  month: string,
  expectedVersion: number,
): Promise<WorkReportView> {
  const { manager, report } = await ownDraft(actorId, staffId, month, expectedVersion);
  const director = await activeDirector(manager.reportsTo, () =>
    conflict(
      'no_account_director',
      'You report to no active account director: ask the head of account services to set your line manager before sending.',
    ),
  );
  const language = director.language ?? agencyLanguage;
  const [sentHtml, sentCsv] = await Promise.all([
    writeHtml(report, language, `work-report.sent.${language}.html`),
    writeCsv(report, language, `work-report.sent.${language}.csv`),
  ]);
  const sent = patched(report, {
    status: 'sent',
    sentTo: { staffId: director.staffId, name: director.name, at: now() },
    sentHtml: fileOf(sentHtml),
    sentCsv: fileOf(sentCsv),
    // None yet: the email is added once the mail service took it.
    sendings: [],
  });
  const saved = await saveReport(actorId, report, sent, 'work_report.sent');
  try {
    return viewOf(await emailToDirector(actorId, manager, saved, director));
  } catch (error) {
    console.error('The sent work report could not be emailed', staffId, month, error);
    return viewOf(fromItem<StoredWorkReport>((await getItem(WorkReport.key(staffId, month)))!));
  }
}

/**
 * Emails a sent report to the director it was sent to again (the manager, or anyone up their line,
 * under the version they saw): the director's copies stored first if sending could not store them.
 * Recorded in its `sendings`. A draft is refused (409 `not_sendable`).
 */
export async function resendWorkReport(
  actorId: string,
  staffId: string,
  month: string,
  expectedVersion: number,
): Promise<WorkReportView> {
  const { caller, manager, report } = await openManager(actorId, staffId, month);
  if (!report || !(await mayRead(caller, manager, report))) throw notFoundReport();
  if (report.version !== expectedVersion) throw versionConflict('The work report', expectedVersion);
  if (report.status !== 'sent' || !report.sentTo)
    throw conflictIn('not_sendable', (l) => workReportWords[l].notSent);
  const { sentTo } = report;
  const director = await activeDirector(sentTo.staffId, () =>
    conflictIn('no_account_director', (l) => workReportWords[l].directorGone(sentTo.name)),
  );
  // Claimed before anything is stored or emailed: of resends at once under one version, one goes on.
  const key = WorkReport.key(staffId, month);
  await transact([
    sendClaimed(key, expectedVersion, () => versionConflict('The work report', expectedVersion)),
  ]);
  const claimed = { ...report, version: expectedVersion + 1 };
  const language = director.language ?? agencyLanguage;
  const missing = {
    ...(report.sentHtml
      ? {}
      : { sentHtml: fileOf(await writeHtml(report, language, `work-report.sent.${language}.html`)) }),
    ...(report.sentCsv
      ? {}
      : { sentCsv: fileOf(await writeCsv(report, language, `work-report.sent.${language}.csv`)) }),
  };
  const names = Object.keys(missing);
  if (names.length > 0) {
    await transact([
      updateWhen(key, {
        expression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
        names: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        values: Object.fromEntries(Object.entries(missing).map(([n, file]) => [`:${n}`, file])),
      }),
    ]);
  }
  return viewOf(await emailToDirector(actorId, manager, { ...claimed, ...missing }, director));
}

/** The reports sent to the caller (as the director their managers report to), newest month first. */
export async function listReceivedWorkReports(actorId: string): Promise<WorkReportView[]> {
  const { caller } = await loadCaller(actorId);
  const items = await queryAll(WorkReport.sentTo(caller.staffId));
  return items
    .map((i) => viewOf(fromItem<StoredWorkReport>(i)))
    .sort((a, b) => b.month.localeCompare(a.month));
}

// ---------------------------------------------------------------------------------------------
// The scheduled job
// ---------------------------------------------------------------------------------------------

function firstWorkingDayOfMonth(date: string): string {
  for (let day = 1; day <= 31; day++) {
    const candidate = `${date.slice(0, 7)}-${String(day).padStart(2, '0')}`;
    if (isWorkingDay(candidate, defaultCalendar)) return candidate;
  }
  return `${date.slice(0, 7)}-01`;
}

/**
 * `work-reports` (EventBridge Scheduler each working morning; `npm run job -- work-reports`): from
 * the agency's first working day of a month, each active account manager's draft of last month,
 * once, with an email telling them it is ready to edit and send. A manager whose draft exists
 * costs one GetItem.
 */
export async function workReports(at: Date, segment: JobSegment): Promise<SegmentOutcome> {
  const today = localDate(at, defaultCalendar.timeZone);
  if (today < firstWorkingDayOfMonth(today)) return { summary: { notYet: 1 }, failures: [] };
  const month = monthBefore(today);
  return walkUnits({
    query: Staff.withRole('account_manager'),
    segment,
    outcomes: ['generated', 'alreadyDone'],
    pastEnd: () => false,
    name: (item) => `account manager ${String(item.staffId)}`,
    unit: (item) => scheduledWorkReport(item, month, at),
  });
}

/** One account manager's part of the scheduled run: last month's draft made (once) and the manager told. */
export async function scheduledWorkReport(staffItem: Item, month: string, at: Date) {
  if (staffItem.active !== true) return undefined;
  if (await getItem(WorkReport.key(staffItem.staffId as string, month))) return 'alreadyDone';
  const manager = fromItem<StaffMember>(staffItem);
  await generateWorkReport(manager, month, at);
  const language = manager.language ?? agencyLanguage;
  const w = workReportWords[language];
  const monthWords = formatMonth(month, language);
  await sendNotice({
    to: manager.email,
    subject: w.draftSubject(monthWords),
    greeting: w.greeting(manager.name),
    paragraphs: [w.draftReady(monthWords)],
    action: { label: w.edit, url: pathUrl('/work-reports') },
  });
  return 'generated';
}
