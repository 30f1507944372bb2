import { createHash, randomUUID } from 'node:crypto';
import { Contact, Staff, TeamMembership } from '../accounts/entities.js';
import {
  authorize,
  type Caller,
  type Contact as ContactView,
  type Language,
  openClient,
  type StaffMember,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  fromItem,
  getItems,
  type Item,
  type Page,
  putNew,
  queryAll,
  queryPage,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import {
  conflict,
  type FieldError,
  notFound,
  validationFailed,
  versionConflict,
} from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, now, patched } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { startMinutesExecution, startNextRun, stopExecution } from '../platform/workflow.js';
import { localDate } from '../platform/working-days.js';
import { actionTaskWrite, actionTitled } from '../traffic/index.js';
import { ContactReport as ReportEntity, MinutesVersion as VersionEntity } from './entities.js';
import { minutesWords } from './messages.js';
import { minutesDocument } from './minutes-document.js';
import {
  agencyName,
  changeVersion,
  type DraftIds,
  loadVersion,
  putReport,
  putVersion,
  reportItem,
  reportStatusOf,
  resumeWindow,
  type StoredReport,
  type StoredVersion,
  versionItem,
  whyOf,
} from './minutes-store.js';
import type {
  ContactReport,
  ContactReportListQuery,
  CreateContactReportInput,
  Minutes,
  MinutesAnswer,
  NextStepProgress,
  UpdateContactReportInput,
} from './schemas.js';

/**
 * Contact reports (meeting minutes) and call reports (issue 15 §1): a draft the reporter writes
 * and edits; issuing freezes it as a version (its document kept in S3, hashed), starts that
 * version's one-working-day window (the minutes workflow sends it and waits), supersedes a version
 * still open, and puts the agency's next steps on their owners' task lists.
 */
const taskSource = 'contact_report';
const reportPath = (reportId: string) => `/contact-reports/${reportId}`;

type Owner = DraftIds['nextSteps'][number]['owner'];

/** The reporter edits and issues their own report (any of the account line); an AE or above anyone's. */
function assertMayChangeReport(caller: Caller, report: { reporterId: string }): void {
  authorize(caller, caller.staffId === report.reporterId ? 'minutes.write' : 'minutes.manage');
}

/** A next step is reported done by its owner, the reporter, or an AE or above. */
function assertMayReportNextStep(
  caller: Caller,
  report: { reporterId: string },
  owner: { staffId?: string },
): void {
  if (owner.staffId !== caller.staffId) assertMayChangeReport(caller, report);
}

/** Everything a draft names, checked against the table and named (one round trip). */
async function resolveDraft(
  clientId: string,
  kind: 'meeting' | 'call',
  ids: DraftIds,
  reporter: { id: string; name: string },
  fieldPrefix = 'body',
): Promise<Minutes> {
  const staffIds = [
    ...new Set([
      ...ids.agencyAttendees,
      ...ids.copiesTo.staffIds,
      ...ids.nextSteps.flatMap((s) => (s.owner.kind === 'staff' ? [s.owner.staffId] : [])),
    ]),
  ];
  const contactIds = [
    ...new Set([
      ...ids.clientAttendees,
      ...ids.copiesTo.contactIds,
      ...ids.nextSteps.flatMap((s) => (s.owner.kind === 'contact' ? [s.owner.contactId] : [])),
    ]),
  ];
  const keys = [
    ...staffIds.flatMap((id) => [Staff.key(id), TeamMembership.key(clientId, id)]),
    ...contactIds.map((id) => Contact.key(clientId, id)),
    ...ids.jobIds.map((id) => Job.key(clientId, id)),
  ];
  const found = keys.length ? await getItems(keys) : [];
  // Staff named are the client's account team (or the head): the minutes are emailed to them and
  // their next steps land on their task lists — never to someone working for another client.
  const staff = new Map<string, StaffMember>();
  staffIds.forEach((id, i) => {
    const [item, membership] = [found[2 * i], found[2 * i + 1]];
    if (item?.active && (membership || item.role === 'head_of_accounts'))
      staff.set(id, fromItem<StaffMember>(item));
  });
  const afterStaff = 2 * staffIds.length;
  const contacts = new Map<string, ContactView>();
  contactIds.forEach((id, i) => {
    const item = found[afterStaff + i];
    if (item?.active) contacts.set(id, fromItem<ContactView>(item));
  });
  const jobs = new Map<string, JobView>();
  ids.jobIds.forEach((id, i) => {
    const item = found[afterStaff + contactIds.length + i];
    if (item) jobs.set(id, fromItem<JobView>(item));
  });
  const errors: FieldError[] = [];
  const check = (ok: boolean, field: string, message: string) => {
    if (!ok) errors.push({ field: `${fieldPrefix}.${field}`, message });
  };
  const notStaff = 'Not an active member of this client’s account team.';
  const notContact = 'Not an active contact of this client.';
  const each = (list: string[], field: string, known: Map<string, unknown>, message: string) => {
    for (const [i, id] of list.entries()) check(known.has(id), `${field}.${i}`, message);
  };
  each(ids.agencyAttendees, 'agencyAttendees', staff, notStaff);
  each(ids.copiesTo.staffIds, 'copiesTo.staffIds', staff, notStaff);
  each(ids.clientAttendees, 'clientAttendees', contacts, notContact);
  each(ids.copiesTo.contactIds, 'copiesTo.contactIds', contacts, notContact);
  each(ids.jobIds, 'jobIds', jobs, 'Not a job of this client.');
  for (const [i, s] of ids.nextSteps.entries()) {
    if (s.owner.kind === 'staff') check(staff.has(s.owner.staffId), `nextSteps.${i}.owner.staffId`, notStaff);
    else check(contacts.has(s.owner.contactId), `nextSteps.${i}.owner.contactId`, notContact);
  }
  if (errors.length > 0)
    throw validationFailed(errors, 'The minutes name people or jobs that are not this client’s.');
  const person = (id: string, name?: string) => ({ id, name: name ?? '' });
  const ownerOf = (owner: Owner) =>
    owner.kind === 'staff'
      ? { kind: 'staff' as const, staffId: owner.staffId, name: staff.get(owner.staffId)!.name }
      : { kind: 'contact' as const, contactId: owner.contactId, name: contacts.get(owner.contactId)!.name };
  return {
    kind,
    meetingAt: ids.meetingAt,
    ...(ids.place ? { place: ids.place } : {}),
    subject: ids.subject,
    jobs: ids.jobIds.map((id) => ({
      jobId: id,
      jobNumber: jobs.get(id)!.jobNumber,
      title: jobs.get(id)!.title,
    })),
    agencyAttendees: ids.agencyAttendees.map((id) => person(id, staff.get(id)?.name)),
    clientAttendees: ids.clientAttendees.map((id) => person(id, contacts.get(id)?.name)),
    copiesTo: {
      staff: ids.copiesTo.staffIds.map((id) => person(id, staff.get(id)?.name)),
      contacts: ids.copiesTo.contactIds.map((id) => person(id, contacts.get(id)?.name)),
    },
    agenda: ids.agenda,
    decisions: ids.decisions,
    nextSteps: ids.nextSteps.map((s) => ({
      stepId: s.stepId,
      action: s.action,
      owner: ownerOf(s.owner),
      due: s.due,
    })),
    keyDates: ids.keyDates,
    reporter: { id: reporter.id, name: reporter.name },
  };
}

/** Next steps keep their ids across edits (a step sent back with its id); new ones get the next number. */
function numberSteps(
  input: NonNullable<CreateContactReportInput['nextSteps']>,
  existing: DraftIds['nextSteps'],
  seq: number,
): { steps: DraftIds['nextSteps']; seq: number } {
  const known = new Set(existing.map((s) => s.stepId));
  const errors: FieldError[] = [];
  let next = seq;
  const steps = input.map((s, i) => {
    if (s.stepId && !known.has(s.stepId)) {
      errors.push({ field: `body.nextSteps.${i}.stepId`, message: 'Not a next step of this report.' });
    }
    const stepId = s.stepId ?? `N${String(++next).padStart(3, '0')}`;
    return { stepId, action: s.action, owner: s.owner, due: s.due };
  });
  if (new Set(steps.map((s) => s.stepId)).size !== steps.length) {
    errors.push({ field: 'body.nextSteps', message: 'A next step may appear once.' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { steps, seq: next };
}

const fingerprintOf = (ids: DraftIds) => createHash('sha256').update(JSON.stringify(ids)).digest('hex');

/** The report with its client, for the caller (404 when either is not theirs to see). */
async function openReport(actorId: string, reportId: string) {
  const clientId = clientOfScopedId(reportId);
  if (!clientId) throw notFound('Contact report');
  const { caller, clientItem, items } = await openClient(actorId, clientId, [
    ReportEntity.key(clientId, reportId),
  ]);
  if (!items[0]) throw notFound('Contact report');
  return { caller, clientId, report: fromItem<StoredReport>(items[0]), client: clientFacts(clientItem) };
}

function nextStepsView(report: StoredReport, timeZone: string, at = new Date()): NextStepProgress[] {
  const today = localDate(at, timeZone);
  return report.nextSteps.map((s) => ({
    ...s,
    ...(s.status === 'open' && s.due < today ? { overdue: true } : {}),
  }));
}

export function reportView(
  report: StoredReport,
  latest: StoredVersion | undefined,
  client: { name: string; timeZone: string },
): ContactReport {
  const { draftIds: _ids, nextStepSeq: _seq, issuedFingerprint, ...rest } = report;
  return {
    reportId: rest.reportId,
    clientId: rest.clientId,
    kind: rest.kind,
    reporterId: rest.reporterId,
    draft: rest.draft,
    draftChanged: issuedFingerprint !== fingerprintOf(report.draftIds),
    latestIssued: rest.latestIssued,
    nextSteps: nextStepsView(report, client.timeZone),
    status: reportStatusOf(latest),
    why: whyOf(latest, client.timeZone, client.name),
    ...(latest
      ? {
          window: {
            version: latest.number,
            ...(latest.sentAt ? { sentAt: latest.sentAt } : {}),
            ...(latest.deadline ? { deadline: latest.deadline } : {}),
            timeZone: client.timeZone,
            ...(latest.settledAt ? { settledAt: latest.settledAt } : {}),
          },
        }
      : {}),
    createdBy: rest.createdBy,
    version: rest.version,
    createdAt: rest.createdAt,
    updatedAt: rest.updatedAt,
  };
}

const clientFacts = (clientItem: Item) => ({
  name: clientItem.name as string,
  timeZone: ((clientItem.calendar as { timeZone?: string } | undefined)?.timeZone ?? 'UTC') as string,
});

const emptyIds = (meetingAt: string, subject: string): DraftIds => ({
  meetingAt,
  subject,
  jobIds: [],
  agencyAttendees: [],
  clientAttendees: [],
  copiesTo: { staffIds: [], contactIds: [] },
  agenda: [],
  decisions: [],
  nextSteps: [],
  keyDates: [],
});

function draftIdsOf(
  input: Omit<Partial<CreateContactReportInput>, 'place'> & { place?: string | null },
  base: DraftIds,
  steps: DraftIds['nextSteps'],
): DraftIds {
  const place = input.place === null ? undefined : (input.place ?? base.place);
  return {
    meetingAt: input.meetingAt ?? base.meetingAt,
    ...(place ? { place } : {}),
    subject: input.subject ?? base.subject,
    jobIds: input.jobIds ?? base.jobIds,
    agencyAttendees: input.agencyAttendees ?? base.agencyAttendees,
    clientAttendees: input.clientAttendees ?? base.clientAttendees,
    copiesTo: input.copiesTo
      ? { staffIds: input.copiesTo.staffIds ?? [], contactIds: input.copiesTo.contactIds ?? [] }
      : base.copiesTo,
    agenda: input.agenda ?? base.agenda,
    decisions: input.decisions ?? base.decisions,
    nextSteps: steps,
    keyDates: input.keyDates ?? base.keyDates,
  };
}

export async function createContactReport(
  actorId: string,
  clientId: string,
  input: CreateContactReportInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<ContactReport>(actorId, idempotency, async (remember) => {
    const { caller, clientItem } = await openClient(actorId, clientId);
    authorize(caller, 'minutes.write');
    const { steps, seq } = numberSteps(input.nextSteps ?? [], [], 0);
    const ids = draftIdsOf(input, emptyIds(input.meetingAt, input.subject), steps);
    const draft = await resolveDraft(clientId, input.kind, ids, { id: caller.staffId, name: caller.name });
    const reportId = newScopedId(clientId);
    const fields: Omit<StoredReport, 'version' | 'createdAt' | 'updatedAt'> = {
      reportId,
      clientId,
      kind: input.kind,
      reporterId: caller.staffId,
      draftIds: ids,
      draft,
      nextStepSeq: seq,
      latestIssued: 0,
      nextSteps: [],
      createdBy: caller.staffId,
    };
    const record = newRecord(
      ReportEntity.type,
      ReportEntity.key(clientId, reportId),
      {},
      fields,
    ) as unknown as StoredReport;
    const view = reportView(record, undefined, clientFacts(clientItem));
    await transact([
      putNew(reportItem(record)),
      clientAuditEvent(clientId, {
        actorId,
        action: 'contact_report.created',
        entityType: 'contactReport',
        entityId: reportId,
        after: record,
        redact: ['draftIds', 'draft'],
      }),
      ...remember(view),
    ]);
    return view;
  });
}

/** One report with every issued version, the answers (evidence) and the pages opened. */
export async function getContactReport(actorId: string, reportId: string): Promise<ContactReport> {
  const clientId = clientOfScopedId(reportId);
  if (!clientId) throw notFound('Contact report');
  const [{ clientItem, items }, parts] = await Promise.all([
    openClient(actorId, clientId, [ReportEntity.key(clientId, reportId)]),
    queryAll(ReportEntity.withParts(clientId, reportId)),
  ]);
  if (!items[0]) throw notFound('Contact report');
  const report = fromItem<StoredReport>(items[0]);
  const of = (type: string) => parts.filter((p) => p.itemType === type);
  const versions = of(VersionEntity.type).map((v) => fromItem<StoredVersion>(v));
  const latest = versions.find((v) => v.number === report.latestIssued);
  return {
    ...reportView(report, latest, clientFacts(clientItem)),
    versions: versions.map(({ minutes: _m, ...v }) => v),
    answers: of('minutesAnswer').map((a) => fromItem<MinutesAnswer>(a)),
    pageViews: of('minutesPageView').map((v) => {
      const view = fromItem<{
        version: number;
        contactId: string;
        at: string;
        ip: string;
        userAgent: string;
      }>(v);
      return {
        version: view.version,
        contactId: view.contactId,
        at: view.at,
        ip: view.ip,
        userAgent: view.userAgent,
      };
    }),
  };
}

/** A client's reports, newest meeting first; filters narrow the page read. */
export async function listContactReports(
  actorId: string,
  clientId: string,
  query: ContactReportListQuery,
): Promise<Page<ContactReport>> {
  const [{ clientItem }, page] = await Promise.all([
    openClient(actorId, clientId),
    queryPage(ReportEntity.ofClient(clientId), {
      limit: query.limit,
      nextToken: query.nextToken,
      newestFirst: true,
      ...(query.kind || query.jobId
        ? {
            filter: {
              expression: [
                ...(query.kind ? ['#kind = :kind'] : []),
                ...(query.jobId ? ['contains(#draftIds.#jobIds, :jobId)'] : []),
              ].join(' AND '),
              names: {
                ...(query.kind ? { '#kind': 'kind' } : {}),
                ...(query.jobId ? { '#draftIds': 'draftIds', '#jobIds': 'jobIds' } : {}),
              },
              values: {
                ...(query.kind ? { ':kind': query.kind } : {}),
                ...(query.jobId ? { ':jobId': query.jobId } : {}),
              },
            },
          }
        : {}),
    }),
  ]);
  const reports = page.items.map((i) => fromItem<StoredReport>(i));
  const issued = reports.filter((r) => r.latestIssued > 0);
  const versionItems = issued.length
    ? await getItems(issued.map((r) => VersionEntity.key(clientId, r.reportId, r.latestIssued)))
    : [];
  const latest = new Map(
    versionItems.filter(Boolean).map((v) => [v!.reportId as string, fromItem<StoredVersion>(v!)] as const),
  );
  const facts = clientFacts(clientItem);
  const items = reports
    .map((r) => reportView(r, latest.get(r.reportId), facts))
    .filter((r) => !query.status || r.status === query.status);
  return { items, nextToken: page.nextToken };
}

/** Changes the draft (the next version to issue). */
export async function updateContactReport(
  actorId: string,
  reportId: string,
  expectedVersion: number,
  patch: UpdateContactReportInput,
): Promise<ContactReport> {
  const { caller, clientId, report, client } = await openReport(actorId, reportId);
  assertMayChangeReport(caller, report);
  if (report.version !== expectedVersion) throw versionConflict('This contact report', expectedVersion);
  const { steps, seq } = patch.nextSteps
    ? numberSteps(
        patch.nextSteps,
        [...report.draftIds.nextSteps, ...report.nextSteps.map(stepIdsOf)],
        report.nextStepSeq,
      )
    : { steps: report.draftIds.nextSteps, seq: report.nextStepSeq };
  const ids = draftIdsOf(patch, report.draftIds, steps);
  const reporter = { id: report.reporterId, name: report.draft.reporter.name };
  const draft = await resolveDraft(clientId, report.kind, ids, reporter);
  const next = patched(report, { draftIds: ids, draft, nextStepSeq: seq });
  const latest = report.latestIssued ? await loadVersion(clientId, reportId, report.latestIssued) : undefined;
  await transact([
    putReport(next, expectedVersion),
    clientAuditEvent(clientId, {
      actorId,
      action: 'contact_report.draft_changed',
      entityType: 'contactReport',
      entityId: reportId,
      before: report,
      after: next,
      redact: ['draftIds', 'draft'],
    }),
  ]);
  return reportView(next, latest, client);
}

const stepIdsOf = (s: StoredReport['nextSteps'][number]): DraftIds['nextSteps'][number] => ({
  stepId: s.stepId,
  action: s.action,
  owner:
    s.owner.kind === 'staff'
      ? { kind: 'staff', staffId: s.owner.staffId! }
      : { kind: 'contact', contactId: s.owner.contactId! },
  due: s.due,
});

/** The action task of a next step: on its owner's list while open (agency owners only). */
function stepTask(
  clientId: string,
  reportId: string,
  minutes: Minutes,
  step: StoredReport['nextSteps'][number],
  open: boolean,
): WriteOp {
  return actionTaskWrite({
    clientId,
    source: taskSource,
    sourceId: reportId,
    actionId: step.stepId,
    ...actionTitled({ kind: 'agreed', action: step.action, meeting: minutes.subject }),
    due: step.due,
    ownerId: step.owner.staffId!,
    ...(minutes.jobs[0] ? { jobId: minutes.jobs[0].jobId } : {}),
    path: reportPath(reportId),
    open,
  });
}

const executionNameOf = (reportId: string, number: number) =>
  `${reportId}-v${String(number).padStart(4, '0')}`;

/**
 * Issues the draft as the next version: its document is written to S3 (hashed), the version's
 * workflow starts (named after the report and version, so it starts once; it sends the minutes and
 * waits out the window), then one transaction records the version, the report, a still-open
 * earlier version superseded, the next steps on their owners' lists and the audit event. A start
 * whose transaction then fails is stopped.
 */
export async function issueContactReport(
  actorId: string,
  reportId: string,
  expectedVersion: number,
): Promise<ContactReport> {
  const { caller, clientId, report, client: facts } = await openReport(actorId, reportId);
  assertMayChangeReport(caller, report);
  if (report.version !== expectedVersion) throw versionConflict('This contact report', expectedVersion);
  const fingerprint = fingerprintOf(report.draftIds);
  if (report.latestIssued > 0 && report.issuedFingerprint === fingerprint) {
    throw conflict(
      'nothing_to_issue',
      `The draft is the same as version ${report.latestIssued}: correct the minutes first, then issue them.`,
    );
  }
  const at = now();
  if (report.draftIds.meetingAt > at) {
    throw conflict(
      'meeting_not_held',
      'The meeting has not taken place yet: issue its minutes afterwards.',
      'body.meetingAt',
    );
  }
  // Names and people as they are now (someone may have left, a contact's address may have bounced).
  const minutes = await resolveDraft(
    clientId,
    report.kind,
    report.draftIds,
    {
      id: report.reporterId,
      name: report.draft.reporter.name,
    },
    'draft',
  );
  const people = await getItems([
    ...report.draftIds.clientAttendees.map((id) => Contact.key(clientId, id)),
    ...report.draftIds.copiesTo.contactIds.map((id) => Contact.key(clientId, id)),
    ...[...new Set([...report.draftIds.agencyAttendees, ...report.draftIds.copiesTo.staffIds])].map((id) =>
      Staff.key(id),
    ),
  ]);
  const contacts = people.filter((p) => p?.itemType === 'contact').map((p) => fromItem<ContactView>(p!));
  const attendeeIds = new Set(report.draftIds.clientAttendees);
  const recipients: StoredVersion['recipients'] = [
    ...contacts.map((c) => ({
      contactId: c.contactId,
      name: c.name,
      email: c.email,
      role: attendeeIds.has(c.contactId) ? ('attendee' as const) : ('copy' as const),
      ...(c.language ? { language: c.language } : {}),
      ...(c.mailStatus ? { withheld: `the address ${c.mailStatus.address} ${c.mailStatus.problem}` } : {}),
    })),
    ...people
      .filter((p) => p?.itemType === 'staff' && p.active)
      .map((p) => ({
        staffId: p!.staffId as string,
        name: p!.name as string,
        email: p!.email as string,
        role: 'copy' as const,
        ...(p!.language ? { language: p!.language as Language } : {}),
      })),
  ];
  if (!recipients.some((r) => r.role === 'attendee' && !r.withheld)) {
    throw conflict(
      'no_reachable_attendee',
      'None of the client attendees can be emailed (their addresses bounced): correct a contact’s address, then issue.',
    );
  }
  const number = report.latestIssued + 1;
  // The document kept as evidence is written in the language of the first client attendee.
  const firstAttendee = contacts.find((c) => c.contactId === report.draftIds.clientAttendees[0]);
  const language: Language = firstAttendee?.language ?? 'en';
  const document = await putDocument(
    getDraftsBucket(),
    `clients/${clientId}/contact-reports/${reportId}/v${String(number).padStart(4, '0')}.html`,
    minutesDocument(
      {
        minutes,
        version: number,
        agencyName: agencyName(),
        clientName: facts.name,
        timeZone: facts.timeZone,
      },
      minutesWords[language ?? agencyLanguage],
    ),
    'text/html; charset=utf-8',
  );
  const previous = report.latestIssued
    ? await loadVersion(clientId, reportId, report.latestIssued)
    : undefined;
  const stillOpen =
    previous && (previous.status === 'sending' || previous.status === 'awaiting_confirmation');
  const executionName = executionNameOf(reportId, number);
  const version: StoredVersion = {
    reportId,
    clientId,
    number,
    status: 'sending',
    minutes,
    language,
    document: {
      objectKey: document.objectKey,
      objectVersionId: document.objectVersionId,
      sha256: document.sha256,
    },
    issuedAt: at,
    issuedBy: caller.staffId,
    recipients,
    confirmations: {},
    executionName,
    runs: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  // Progress carries over by step id; steps dropped from the minutes leave their owners' lists.
  const progress = new Map(report.nextSteps.map((s) => [s.stepId, s]));
  const nextSteps: StoredReport['nextSteps'] = minutes.nextSteps.map((s) => {
    const before = progress.get(s.stepId);
    return {
      ...s,
      status: before?.status ?? 'open',
      ...(before?.doneAt ? { doneAt: before.doneAt, doneBy: before.doneBy } : {}),
    };
  });
  const kept = new Set(nextSteps.filter((s) => s.owner.kind === 'staff').map((s) => s.stepId));
  const next = patched(report, { latestIssued: number, issuedFingerprint: fingerprint, nextSteps }, at);
  const taskWrites = [
    ...nextSteps
      .filter((s) => s.owner.kind === 'staff')
      .map((s) => stepTask(clientId, reportId, minutes, s, s.status === 'open')),
    ...report.nextSteps
      .filter((s) => s.owner.kind === 'staff' && !kept.has(s.stepId))
      .map((s) => stepTask(clientId, reportId, report.draft, s, false)),
  ];
  // The input names this request, so a second issue of the same version at the same moment is
  // refused by Step Functions (ExecutionAlreadyExists) instead of sharing, then stopping, this run.
  const executionArn = await startMinutesExecution(executionName, {
    clientId,
    reportId,
    number,
    issue: randomUUID(),
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
      throw versionConflict('This contact report', expectedVersion);
    }
    throw error;
  });
  try {
    await transact([
      putReport(next, expectedVersion),
      putNew(versionItem(version), () => versionConflict('This contact report', expectedVersion)),
      ...(stillOpen ? [supersedeWrite(previous, number, at)] : []),
      ...taskWrites,
      clientAuditEvent(clientId, {
        actorId,
        action: 'contact_report.issued',
        entityType: 'contactReport',
        entityId: reportId,
        before: report,
        after: next,
        redact: ['draftIds', 'draft'],
      }),
    ]);
  } catch (error) {
    await stopExecution(executionArn, 'MinutesNotRecorded', 'The minutes version was not recorded.').catch(
      () => undefined,
    );
    throw error;
  }
  if (stillOpen) await resumeWindow(clientId, reportId, previous.number);
  return reportView(next, version, facts);
}

/** An open version's window ends: a corrected version took over (conditional on the version read). */
function supersedeWrite(previous: StoredVersion, by: number, at: string): WriteOp {
  return putVersion(
    patched(previous, { status: 'superseded', supersededBy: by, settledAt: at }, at),
    previous.version,
    () =>
      conflict(
        'version_conflict',
        'The client answered the earlier version at the same moment: reload and issue again.',
      ),
  );
}

/** A next step reported done (or open again). */
export async function setNextStepProgress(
  actorId: string,
  reportId: string,
  stepId: string,
  expectedVersion: number,
  status: 'open' | 'done',
): Promise<ContactReport> {
  const { caller, clientId, report, client } = await openReport(actorId, reportId);
  const step = report.nextSteps.find((s) => s.stepId === stepId);
  if (!step) throw notFound('Next step');
  assertMayReportNextStep(caller, report, step.owner);
  if (report.version !== expectedVersion) throw versionConflict('This contact report', expectedVersion);
  const at = now();
  const changed = {
    ...step,
    status,
    ...(status === 'done'
      ? { doneAt: at, doneBy: caller.staffId }
      : { doneAt: undefined, doneBy: undefined }),
  };
  const next = patched(
    report,
    { nextSteps: report.nextSteps.map((s) => (s.stepId === stepId ? changed : s)) },
    at,
  );
  const latest = await loadVersion(clientId, reportId, report.latestIssued);
  await transact([
    putReport(next, expectedVersion),
    ...(step.owner.kind === 'staff'
      ? [stepTask(clientId, reportId, latest?.minutes ?? report.draft, changed, status === 'open')]
      : []),
    clientAuditEvent(clientId, {
      actorId,
      action: `contact_report.next_step_${status}`,
      entityType: 'contactReport',
      entityId: reportId,
      before: { version: report.version },
      after: { version: next.version },
    }),
  ]);
  return reportView(next, latest, client);
}

/**
 * The latest version's workflow stopped (it is marked `failure`): a new execution of its window,
 * `<reportId>-v<nnnn>-run<n>`, continues from the table — sending what was not sent, waiting out
 * what is left of the window, or confirming by silence at once when the deadline passed meanwhile.
 */
export async function restartContactReport(actorId: string, reportId: string): Promise<ContactReport> {
  const { caller, clientId, report, client } = await openReport(actorId, reportId);
  assertMayChangeReport(caller, report);
  const latest = report.latestIssued ? await loadVersion(clientId, reportId, report.latestIssued) : undefined;
  if (!latest?.failure) {
    throw conflict(
      'not_stopped',
      'The minutes’ clock is running (or the minutes are settled): there is nothing to restart.',
    );
  }
  const run = await startNextRun(
    startMinutesExecution,
    executionNameOf(reportId, latest.number),
    latest.runs + 1,
    {
      clientId,
      reportId,
      number: latest.number,
    },
  );
  const result = await changeVersion(clientId, reportId, latest.number, async (current) => {
    if (!current.failure) return undefined;
    const { failure: _failure, ...rest } = current;
    return {
      next: patched(rest as StoredVersion, { executionName: run.name, runs: run.run }),
      writes: [
        clientAuditEvent(clientId, {
          actorId,
          action: 'contact_report.restarted',
          entityType: 'contactReport',
          entityId: reportId,
          before: { version: current.version },
          after: { version: current.version + 1 },
        }),
      ],
      result: true,
    };
  });
  if (!result.changed) {
    await stopExecution(run.executionArn, 'MinutesNotRestarted', 'Another restart ran first.').catch(
      () => undefined,
    );
  }
  return reportView(report, result.version, client);
}
