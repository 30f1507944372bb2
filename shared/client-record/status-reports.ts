import { Client, Contact } from '../accounts/entities.js';
import { authorize, loadActiveTeam, openClient, openClientWith } from '../accounts/index.js';
import { JobSpendLedger } from '../cost/entities.js';
import { Job } from '../jobs/entities.js';
import { clientAuditEvent } from '../platform/audit.js';
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
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import { conflict, conflictIn, notFound, preconditionRequired, versionConflict } from '../platform/errors.js';
import { agencyLanguage, type Language, languages } from '../platform/i18n.js';
import { type JobSegment, type SegmentOutcome, walkUnits } from '../platform/job-segments.js';
import { newRecord, now, patched, type RecordMeta, storedItem } from '../platform/records.js';
import { sendClaimed, sendingNow, sendingRecorded } from '../platform/sendings.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { defaultCalendar, localDate, type WorkingCalendar } from '../platform/working-days.js';
import { ApprovalRequest, Review } from '../signoff/entities.js';
import type { ReviewTitleParts } from '../signoff/index.js';
import { MilestoneTask } from '../traffic/entities.js';
import { ContactReport, MinutesVersion, StatusReport, StatusReportCadence } from './entities.js';
import { statusReportWords } from './messages.js';
import { reportStatusOf, type StoredVersion } from './minutes-store.js';
import { sendNotice } from './notices.js';
import {
  defaultCadence,
  duePeriod,
  periodOf,
  periodOfReportId,
  type ReportCadence,
  type ReportedFrequency,
  type ReportPeriod,
  statusReportId,
} from './status-report-cadence.js';
import { periodWords, renderStatusReportCsv, renderStatusReportHtml } from './status-report-document.js';
import { type StatusFigures, type StatusInputs, statusFigures } from './status-report-figures.js';
import type {
  GenerateStatusReportInput,
  ReportCadenceInput,
  ReportCadenceView,
  StatusReportView,
} from './status-report-schemas.js';

/**
 * The client status report (issue 15 §2), on the client's cadence (status-report-cadence.ts): jobs and their phase, milestones done and due
 * next, overdue items, approvals waiting on the client (for how many working days) and on the
 * agency, contact reports and their status, the client's open next steps, spend against signed
 * estimates. Written as HTML and CSV to the reports bucket, recorded per client and week, and
 * emailed to the client's account team with links through the API (`/documents/{token}`).
 *
 * Idempotent per client and period (its frequency and first day): a report made after its period
 * ended is final — made once, emailed once (`emailedAt`); one made during its period (on demand)
 * is redone by the next request or by the scheduled run after the period.
 */

/** The account line receives the report (the traffic coordinator and the specialists do not). */
const accountTeamRoles = new Set([
  'account_rep',
  'assistant_account_executive',
  'account_executive',
  'account_manager',
  'account_director',
  'group_account_director',
  'head_of_accounts',
]);

/** The client's items the report reads: a handful of key-ordered queries, no scan. */
async function statusInputsOf(clientId: string): Promise<StatusInputs> {
  const [jobItems, taskItems, approvalItems, reportItems] = await Promise.all([
    queryAll(Job.ofClient(clientId)),
    queryAll(MilestoneTask.ofClient(clientId)),
    queryAll(ApprovalRequest.ofClient(clientId)),
    queryAll(ContactReport.ofClient(clientId)),
  ]);
  // Only the ledgers, one per job (not every cost item of the client).
  const ledgerItems = await getItems(jobItems.map((j) => JobSpendLedger.key(clientId, j.jobId as string)));
  const pending = approvalItems.filter((a) => a.itemType === 'approvalRequest' && a.status === 'pending');
  const reviewIds = [...new Set(pending.map((a) => a.reviewId as string))];
  // A contact report's status is its latest issued version's.
  const reports = reportItems.filter((r) => r.itemType === ContactReport.type);
  const issued = reports.filter((r) => ((r.latestIssued as number | undefined) ?? 0) > 0);
  const versions = new Map(
    (
      await getItems(
        issued.map((r) => MinutesVersion.key(clientId, r.reportId as string, r.latestIssued as number)),
      )
    )
      .filter((v): v is Item => v !== undefined)
      .map((v) => [v.reportId as string, fromItem<StoredVersion>(v)]),
  );
  const reviews = new Map(
    (await getItems(reviewIds.map((id) => Review.key(clientId, id))))
      .filter((r): r is Item => r !== undefined)
      .map((r) => [r.reviewId as string, r]),
  );
  return {
    jobs: jobItems.map((j) => ({
      jobId: j.jobId as string,
      jobNumber: j.jobNumber as string,
      title: j.title as string,
      status: j.status as string,
    })),
    milestones: taskItems
      .filter((t) => t.itemType === 'milestoneTask')
      .map((t) => ({
        jobId: t.jobId as string,
        name: (t.name as string | undefined) ?? '',
        due: (t.due as string | undefined) ?? '',
        status: (t.status as string | undefined) ?? 'done',
        owner: (t.owner as { kind: string } | undefined) ?? { kind: 'staff' },
        removed: t.removed === true,
        updatedAt: t.updatedAt as string | undefined,
      })),
    approvals: pending.map((a) => {
      const review = reviews.get(a.reviewId as string);
      return {
        approvalId: a.approvalId as string,
        jobId: review?.jobId as string | undefined,
        subjectTitle: review?.title as string | undefined,
        subjectTitleParts: review?.titleParts as ReviewTitleParts | undefined,
        status: a.status as string,
        assignee: a.assignee as { kind: string; name?: string },
        createdAt: a.createdAt as string,
      };
    }),
    contactReports: reports.map((r) => ({
      reportId: r.reportId as string,
      subject: ((r.draft as { subject?: string } | undefined)?.subject ?? '') as string,
      meetingAt: ((r.draft as { meetingAt?: string } | undefined)?.meetingAt ?? '') as string,
      status: reportStatusOf(versions.get(r.reportId as string)),
      nextSteps: (r.nextSteps as StatusInputs['contactReports'][number]['nextSteps'] | undefined) ?? [],
    })),
    ledgers: jobItems.flatMap((j, i) => {
      const ledger = ledgerItems[i];
      return ledger
        ? [
            {
              jobId: j.jobId as string,
              signedTotalMinor: ledger.signedTotalMinor as number | undefined,
              committedMinor: ledger.committedMinor as number | undefined,
              currency: ledger.currency as string | undefined,
            },
          ]
        : [];
    }),
  };
}

const reportFile = (reportId: string, clientName: string, format: 'html' | 'csv') => ({
  fileName: `status-report-${reportId}-${clientName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.${format}`,
  contentType: format === 'html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8',
});

const countsOf = (f: StatusFigures) => ({
  jobs: f.jobs.length,
  milestonesDone: f.milestonesDone.length,
  milestonesDueNext: f.milestonesDueNext.length,
  overdueMilestones: f.overdueMilestones.length,
  waitingOnClient: f.waitingOnClient.length,
  waitingOnAgency: f.waitingOnAgency.length,
  contactReports: f.contactReports.length,
  clientNextSteps: f.clientNextSteps.length,
  clientNextStepsOverdue: f.clientNextSteps.filter((s) => s.overdue).length,
});

type StoredStatusReport = StatusReportView & {
  sentToClient?: { at: string; by: string; contactIds: string[] };
  clientName: string;
  timeZone?: string;
  figures: StatusFigures;
  html: { objectKey: string; objectVersionId?: string; sha256: string };
  /** The CSV in the agency's language (the only one of a report made before there were copies). */
  csv: StoredFile;
  /** The CSV in each other language, for the team member who reads that one. */
  csvCopies?: Partial<Record<Language, StoredFile>>;
};

type StoredFile = { objectKey: string; objectVersionId?: string; sha256: string };

/** The CSV a reader opens: the copy in their language, else the agency's. */
const csvFor = (report: StoredStatusReport, language: Language): StoredFile =>
  report.csvCopies?.[language] ?? report.csv;

class MadeMeanwhile extends Error {}

/** A period reported, with the frequency it was made by (a week, a fortnight, a month). */
export type ReportedPeriod = ReportPeriod & { frequency: ReportedFrequency };

/** Makes (or redoes, while it runs) one client's report of a period. */
export async function generateStatusReport(
  clientId: string,
  period: ReportedPeriod,
  at: Date,
  actorId = 'system',
): Promise<{ outcome: 'generated' | 'alreadyDone' | 'emailed'; report?: StoredStatusReport }> {
  const { start: weekStart, end: weekEnd, frequency } = period;
  const reportId = statusReportId(frequency, weekStart);
  const key = StatusReport.key(clientId, frequency, weekStart);
  const existingItem = await getItem(key);
  const existing = existingItem ? fromItem<StoredStatusReport>(existingItem) : undefined;
  if (existing?.final) {
    if (existing.emailedAt) return { outcome: 'alreadyDone', report: existing };
    await emailStatusReport(existing, at);
    return { outcome: 'emailed', report: existing };
  }
  const clientItem = await getItem(Client.key(clientId));
  if (!clientItem) return { outcome: 'alreadyDone' };
  const clientName = clientItem.name as string;
  const calendar = (clientItem.calendar as WorkingCalendar | undefined) ?? defaultCalendar;
  const final = localDate(at, calendar.timeZone) > weekEnd;
  const figures = statusFigures(
    await statusInputsOf(clientId),
    { start: weekStart, end: weekEnd, asOf: at },
    calendar,
  );
  const asOf = at.toISOString();
  const bucket = getReportsBucket();
  const base = `clients/${clientId}/status-reports/${reportId}`;
  const fileOf = (put: StoredFile): StoredFile => ({
    objectKey: put.objectKey,
    objectVersionId: put.objectVersionId,
    sha256: put.sha256,
  });
  // The CSV is the team's, written in each language so each member opens it in theirs.
  const csvCopies = await Promise.all(
    languages
      .filter((language) => language !== agencyLanguage)
      .map(async (language) => {
        const put = await putDocument(
          bucket,
          `${base}/status-report.${language}.csv`,
          renderStatusReportCsv(figures, language),
          'text/csv; charset=utf-8',
        );
        return [language, fileOf(put)] as const;
      }),
  );
  const [html, csv] = await Promise.all([
    putDocument(
      bucket,
      `${base}/status-report.html`,
      renderStatusReportHtml({
        language: agencyLanguage,
        agencyName: getMailConfig().agencyName,
        clientName,
        frequency,
        weekStart,
        weekEnd,
        asOf,
        timeZone: calendar.timeZone,
        figures,
      }),
      'text/html; charset=utf-8',
    ),
    putDocument(
      bucket,
      `${base}/status-report.csv`,
      renderStatusReportCsv(figures, agencyLanguage),
      'text/csv; charset=utf-8',
    ),
  ]);
  const recipients = final
    ? (await loadActiveTeam(clientId)).filter((m) => accountTeamRoles.has(m.role)).map((m) => m.staffId)
    : [];
  const fields = {
    clientId,
    reportId,
    clientName,
    timeZone: calendar.timeZone,
    frequency,
    weekStart,
    weekEnd,
    asOf,
    final,
    counts: countsOf(figures),
    figures,
    html: fileOf(html),
    csv: fileOf(csv),
    csvCopies: Object.fromEntries(csvCopies),
    emailedTo: recipients,
  };
  const item = existing
    ? storedItem(StatusReport.type, key, {}, patched(existing, fields))
    : newRecord(StatusReport.type, key, {}, fields);
  try {
    await transact([
      existing
        ? putIfVersion(item, existing.version, () => new MadeMeanwhile())
        : putNew(item, () => new MadeMeanwhile()),
      clientAuditEvent(clientId, {
        actorId,
        action: 'status_report.generated',
        entityType: 'statusReport',
        entityId: reportId,
        before: existing,
        after: item,
      }),
    ]);
  } catch (error) {
    if (!(error instanceof MadeMeanwhile)) throw error;
    const current = await getItem(key);
    return { outcome: 'alreadyDone', report: current ? fromItem<StoredStatusReport>(current) : undefined };
  }
  const report = fromItem<StoredStatusReport>(item);
  if (final) await emailStatusReport(report, at);
  return { outcome: 'generated', report };
}

/** The email that carries a report, in its reader's language (the CSV only for the account team). */
function reportNotice(
  report: StoredStatusReport,
  reader: { name: string; email: string },
  language: Language,
  htmlUrl: string,
  csvUrl?: string,
) {
  const w = statusReportWords[language];
  const week = periodWords(language, report.frequency, report.weekStart, report.weekEnd);
  const c = report.counts;
  return {
    to: reader.email,
    subject: w.emailSubject(report.clientName, week),
    greeting: w.greeting(reader.name),
    paragraphs: [w.ready(report.clientName, week), ...(csvUrl ? [w.csv(csvUrl)] : [])],
    facts: (Object.keys(w.facts) as (keyof typeof w.facts)[]).map((key): [string, string] => [
      w.facts[key],
      String(c[key]),
    ]),
    action: { label: w.open, url: htmlUrl },
    tags: { clientId: report.clientId },
  };
}

async function emailStatusReport(report: StoredStatusReport, at: Date): Promise<void> {
  const { clientId, reportId, clientName } = report;
  const key = StatusReport.key(clientId, report.frequency, report.weekStart);
  const until = new Date(at.getTime() + 365 * 86_400_000).toISOString();
  const team = (await loadActiveTeam(clientId)).filter((m) => report.emailedTo.includes(m.staffId));
  for (const person of team) {
    const language = person.language ?? agencyLanguage;
    const link = (format: 'html' | 'csv') =>
      issueDocumentLink({
        clientId,
        reader: { kind: 'staff', staffId: person.staffId },
        document: {
          bucket: 'reports',
          ...(format === 'csv' ? csvFor(report, language) : report.html),
          ...reportFile(reportId, clientName, format),
        },
        purpose: 'status report',
        expiresAt: until,
      });
    const [htmlUrl, csvUrl] = await Promise.all([link('html'), link('csv')]);
    await sendNotice(reportNotice(report, person, language, htmlUrl, csvUrl));
  }
  const current = await getItem(key);
  if (!current || current.emailedAt) return;
  const view = fromItem<StoredStatusReport>(current);
  await transact([
    putIfVersion(
      storedItem(StatusReport.type, key, {}, patched(view, { emailedAt: now() })),
      view.version,
      () => versionConflict('The status report', view.version),
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The scheduled job
// ---------------------------------------------------------------------------------------------

/** A client's cadence (weekly on Mondays until someone sets another). */
async function cadenceOf(clientId: string): Promise<ReportCadence & { version?: number }> {
  const item = await getItem(StatusReportCadence.key(clientId));
  return item
    ? {
        frequency: item.frequency as ReportCadence['frequency'],
        weekday: item.weekday as number,
        version: item.version as number,
      }
    : defaultCadence;
}

/**
 * `status-reports` (EventBridge Scheduler each working morning; `npm run job -- status-reports`):
 * walks every client and makes the report of its latest finished period whose day has come, by its
 * cadence and on its own calendar, if it is not made yet. The first run on or after the cadence's
 * weekday makes it; a later run catches a client a failed run missed; a client already reported
 * (or not due) costs two GetItems; a client reported on demand only ('none') costs one.
 */
export async function statusReports(at: Date, segment: JobSegment): Promise<SegmentOutcome> {
  return walkUnits({
    query: Client.all(),
    segment,
    outcomes: ['generated', 'emailed', 'alreadyDone'],
    pastEnd: () => false,
    name: (item) => `client ${String(item.clientId)}`,
    unit: (item) => scheduledStatusReport(item, at),
  });
}

/** One client's part of the scheduled run: its due report made (once), or nothing when none is due. */
export async function scheduledStatusReport(clientItem: Item, at: Date) {
  const clientId = clientItem.clientId as string;
  const calendar = (clientItem.calendar as WorkingCalendar | undefined) ?? defaultCalendar;
  const cadence = await cadenceOf(clientId);
  const period = duePeriod(cadence, localDate(at, calendar.timeZone));
  if (!period || cadence.frequency === 'none') return undefined;
  return (await generateStatusReport(clientId, { ...period, frequency: cadence.frequency }, at)).outcome;
}

// ---------------------------------------------------------------------------------------------
// The API's view
// ---------------------------------------------------------------------------------------------

const summaryOf = (r: StoredStatusReport): StatusReportView => {
  const { figures: _figures, html: _html, csv: _csv, csvCopies: _copies, clientName: _name, ...rest } = r;
  return rest;
};

/** On demand (the account line): the period of the client's cadence holding `weekOf` (default: the running one so far). */
export async function requestStatusReport(
  actorId: string,
  clientId: string,
  input: GenerateStatusReportInput,
): Promise<StatusReportView> {
  const { caller, clientItem } = await openClient(actorId, clientId);
  authorize(caller, 'minutes.write');
  const timeZone = (clientItem.calendar as WorkingCalendar | undefined)?.timeZone ?? defaultCalendar.timeZone;
  const at = new Date();
  const { frequency } = await cadenceOf(clientId);
  const reported: ReportedFrequency = frequency === 'none' ? 'weekly' : frequency;
  const period = periodOf(reported, input.weekOf ?? localDate(at, timeZone));
  const { report } = await generateStatusReport(clientId, { ...period, frequency: reported }, at, actorId);
  if (!report) throw notFound('Client');
  return summaryOf(report);
}

export async function listStatusReports(actorId: string, clientId: string): Promise<StatusReportView[]> {
  const { result } = await openClientWith(actorId, clientId, () => queryAll(StatusReport.ofClient(clientId)));
  return result
    .map((i) => summaryOf(fromItem<StoredStatusReport>(i)))
    .sort((a, b) => b.weekStart.localeCompare(a.weekStart) || a.frequency.localeCompare(b.frequency));
}

/** The client's senior contacts a report goes to now: active, their address not known to bounce. */
async function seniorContacts(clientId: string): Promise<Item[]> {
  const contacts = (await queryAll(Contact.ofClient(clientId))).filter(
    (c) => c.itemType === Contact.type && c.active === true && c.level === 'senior' && !c.mailStatus,
  );
  if (contacts.length === 0) {
    throw conflict(
      'no_senior_contact',
      'The client has no active senior contact with a working address to send the status report to.',
    );
  }
  return contacts;
}

/**
 * Writes the report once per language among the contacts and emails each a link of their own.
 * Each email the mail service took is recorded as it goes (a sending, raising the version, with
 * an audit event), so a failure part way leaves the report saying who has it.
 */
async function emailToContacts(
  actorId: string,
  report: StoredStatusReport,
  contacts: Item[],
): Promise<StoredStatusReport> {
  const { clientId, reportId } = report;
  const key = StatusReport.key(clientId, report.frequency, report.weekStart);
  const languageOf = (c: Item) => (c.language as Language | undefined) ?? agencyLanguage;
  const documents = new Map<Language, { objectKey: string; objectVersionId?: string; sha256: string }>();
  for (const language of new Set(contacts.map(languageOf))) {
    const put = await putDocument(
      getReportsBucket(),
      `clients/${clientId}/status-reports/${reportId}/status-report.${language}.html`,
      renderStatusReportHtml({
        language,
        agencyName: getMailConfig().agencyName,
        clientName: report.clientName,
        frequency: report.frequency,
        weekStart: report.weekStart,
        weekEnd: report.weekEnd,
        asOf: report.asOf,
        timeZone: report.timeZone ?? defaultCalendar.timeZone,
        figures: report.figures,
      }),
      'text/html; charset=utf-8',
    );
    documents.set(language, {
      objectKey: put.objectKey,
      objectVersionId: put.objectVersionId,
      sha256: put.sha256,
    });
  }
  const until = new Date(Date.now() + 365 * 86_400_000).toISOString();
  let version = report.version;
  for (const contact of contacts) {
    const language = languageOf(contact);
    const url = await issueDocumentLink({
      clientId,
      reader: { kind: 'contact', contactId: contact.contactId as string },
      document: {
        bucket: 'reports',
        ...documents.get(language)!,
        ...reportFile(reportId, report.clientName, 'html'),
      },
      purpose: 'status report',
      expiresAt: until,
    });
    const email = contact.email as string;
    await sendNotice(reportNotice(report, { name: contact.name as string, email }, language, url));
    await transact([
      sendingRecorded(key, sendingNow(email, actorId), true),
      clientAuditEvent(clientId, {
        actorId,
        action: 'status_report.emailed',
        entityType: 'statusReport',
        entityId: reportId,
        before: { version },
        after: { version: version + 1 },
      }),
    ]);
    version += 1;
  }
  return fromItem<StoredStatusReport>((await getItem(key))!);
}

/**
 * The AE sends a period's report to the client's senior contacts (active, their address not known
 * to bounce), each in their own language: the document is written once per language among them,
 * and each gets a link of their own through the API. Sent once: the send is recorded (under the
 * report's version) before the emails go, so a repeated request answers the report as sent; each
 * email is recorded in `sendings` once the mail service took it, and one that failed is sent by
 * `…/resend`.
 */
export async function sendStatusReport(
  actorId: string,
  clientId: string,
  reportId: string,
): Promise<StatusReportView> {
  const { frequency, start } = periodOfReportId(reportId);
  const key = StatusReport.key(clientId, frequency, start);
  const { caller, items } = await openClient(actorId, clientId, [key]);
  if (!items[0]) throw notFound('Status report');
  authorize(caller, 'minutes.manage');
  const report = fromItem<StoredStatusReport>(items[0]);
  if (report.sentToClient) return summaryOf(report);
  const contacts = await seniorContacts(clientId);
  const sentToClient = {
    at: now(),
    by: caller.staffId,
    contactIds: contacts.map((c) => c.contactId as string),
  };
  // No email yet: each is added once the mail service took it.
  const next = patched(report, { sentToClient, sendings: [] });
  await transact([
    putIfVersion(storedItem(StatusReport.type, key, {}, next), report.version, () =>
      versionConflict('The status report', report.version),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'status_report.sent',
      entityType: 'statusReport',
      entityId: reportId,
      before: { version: report.version },
      after: { version: next.version, sentToClient } as { version: number },
    }),
  ]);
  try {
    return summaryOf(await emailToContacts(actorId, next, contacts));
  } catch (error) {
    console.error('The status report could not be emailed to the client', clientId, reportId, error);
    return summaryOf(fromItem<StoredStatusReport>((await getItem(key))!));
  }
}

/**
 * Emails a report already sent to the client again (whoever may send it: the AE and above), to the
 * client's senior contacts as they stand now, each in their language. Recorded in its `sendings`.
 * One not sent to the client yet is refused (409 `not_sendable`): `…/send` sends it.
 */
export async function resendStatusReport(
  actorId: string,
  clientId: string,
  reportId: string,
  expectedVersion?: number,
): Promise<StatusReportView> {
  const { frequency, start } = periodOfReportId(reportId);
  const { caller, items } = await openClient(actorId, clientId, [
    StatusReport.key(clientId, frequency, start),
  ]);
  if (!items[0]) throw notFound('Status report');
  authorize(caller, 'minutes.manage');
  const report = fromItem<StoredStatusReport>(items[0]);
  if (!report.sentToClient) throw conflictIn('not_sendable', (l) => statusReportWords[l].notSent);
  const version = expectedVersion ?? report.version;
  if (report.version !== version) throw versionConflict('The status report', version);
  // Claimed on that version before any email goes: of resends at once under it, one emails.
  await transact([
    sendClaimed(StatusReport.key(clientId, frequency, start), version, () =>
      versionConflict('The status report', version),
    ),
  ]);
  const claimed = { ...report, version: version + 1 };
  return summaryOf(await emailToContacts(actorId, claimed, await seniorContacts(clientId)));
}

export async function getStatusReport(actorId: string, clientId: string, reportId: string) {
  const { frequency, start } = periodOfReportId(reportId);
  const { caller, items } = await openClient(actorId, clientId, [
    StatusReport.key(clientId, frequency, start),
  ]);
  if (!items[0]) throw notFound('Status report');
  const r = fromItem<StoredStatusReport>(items[0]);
  const files = { html: r.html, csv: csvFor(r, caller.language ?? agencyLanguage) };
  const [html, csv] = await Promise.all(
    (['html', 'csv'] as const).map((format) =>
      documentDownload(getReportsBucket(), files[format], 5 * 60, reportFile(reportId, r.clientName, format)),
    ),
  );
  return { ...summaryOf(r), figures: r.figures, downloads: { html: html!, csv: csv! } };
}

// ---------------------------------------------------------------------------------------------
// The cadence
// ---------------------------------------------------------------------------------------------

const cadenceView = (clientId: string, item: Item | undefined): ReportCadenceView =>
  item
    ? {
        clientId,
        frequency: item.frequency as ReportCadenceView['frequency'],
        weekday: item.weekday as number,
        updatedBy: item.updatedBy as string,
        version: item.version as number,
        updatedAt: item.updatedAt as string,
      }
    : { clientId, ...defaultCadence, version: 0 };

export async function getReportCadence(actorId: string, clientId: string): Promise<ReportCadenceView> {
  const { items } = await openClient(actorId, clientId, [StatusReportCadence.key(clientId)]);
  return cadenceView(clientId, items[0]);
}

/**
 * The account manager or above sets how often the client's status report is made and the weekday
 * it goes out. The first set (nothing stored: the default, version 0) takes no If-Match; every
 * later one names the version it changes (as brand forecasts do).
 */
export async function setReportCadence(
  actorId: string,
  clientId: string,
  expectedVersion: number | undefined,
  input: ReportCadenceInput,
): Promise<ReportCadenceView> {
  const { caller, items } = await openClient(actorId, clientId, [StatusReportCadence.key(clientId)]);
  authorize(caller, 'statusReport.schedule');
  const current = cadenceView(clientId, items[0]);
  if (items[0] && expectedVersion === undefined) throw preconditionRequired();
  if (expectedVersion !== undefined && (!items[0] || current.version !== expectedVersion))
    throw versionConflict('The status report cadence', expectedVersion);
  const fields = { clientId, frequency: input.frequency, weekday: input.weekday, updatedBy: caller.staffId };
  const key = StatusReportCadence.key(clientId);
  const conflictNow = () => versionConflict('The status report cadence', current.version);
  const item = items[0]
    ? storedItem(
        StatusReportCadence.type,
        key,
        {},
        patched(fromItem<ReportCadenceView & RecordMeta>(items[0]), fields),
      )
    : newRecord(StatusReportCadence.type, key, {}, fields);
  await transact([
    items[0] ? putIfVersion(item, current.version, conflictNow) : putNew(item, conflictNow),
    clientAuditEvent(clientId, {
      actorId,
      action: 'status_report.cadence_set',
      entityType: 'statusReportCadence',
      entityId: clientId,
      before: items[0],
      after: item,
    }),
  ]);
  return cadenceView(clientId, item);
}
