import { loadActiveTeam } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { checkWhen, fromItem, getItem, putItem, transact } from '../platform/db/table.js';
import { AppError, notFound } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { now as nowIso, patched } from '../platform/records.js';
import {
  resumeStep,
  type StoppedExecution,
  stoppedRecord,
  type TaskContext,
  taskNow,
} from '../platform/workflow.js';
import { endOfWorkingDaysAfter } from '../platform/working-days.js';
import { MinutesToken, ContactReport as ReportEntity, MinutesVersion as VersionEntity } from './entities.js';
import { minutesWords } from './messages.js';
import { issueMinutesLink } from './minutes-answers.js';
import { minutesBody } from './minutes-document.js';
import {
  agencyName,
  changeVersion,
  loadClient,
  loadVersion,
  type StoredReport,
  type StoredVersion,
} from './minutes-store.js';
import { activeStaff, pathUrl, sendNotice } from './notices.js';

/**
 * The minutes workflow's operations (issue 15 §1; the state machine in
 * `infra/constructs/minutes-workflow.ts`, one execution per issued version):
 *
 *   Send ──► Route ─┬─ await ──► AwaitAnswer (callback; timeout = the time left in the window) ──► Check ──► Route
 *                   ├─ send ───► Send                 └ States.Timeout ──────────────────────────► Check
 *                   └─ end ────► Ended
 *
 * - `send` opens the window at its state's entered time (sent now; questions until the end of the
 *   next working day on the client's calendar), emails each recipient once (client attendees a
 *   link to confirm or question, the others a copy), and answers how long to wait.
 * - `await` stores the task token; an answer that settles the version (a question, or the last
 *   confirm) and a newer version superseding it resume the wait.
 * - `check` reads the table: still open at or past the deadline → confirmed by silence; open
 *   before it → wait again; settled → the reporter (and, for a question, the team's AEs) told once.
 *
 * Every operation is idempotent and takes its "now" from `$$.State.EnteredTime`: a retried task
 * decides what its first attempt decided. Emails go before the change that records them (a retry
 * may repeat one, never skip one).
 */
export interface MinutesTaskInput extends TaskContext {
  clientId: string;
  reportId: string;
  number: number;
}

export type MinutesNext =
  | { action: 'await'; waitSeconds: number }
  | { action: 'send' }
  | { action: 'end'; outcome: string };

const end = (version: StoredVersion | undefined): MinutesNext => ({
  action: 'end',
  outcome: version?.status ?? 'missing',
});

/**
 * The version as its execution should see it: issuing starts the workflow a moment before the
 * version is recorded, so it may still be on its way (waits briefly; a version still missing fails
 * the task, which Step Functions retries). One run by another execution (a restart) answers undefined.
 */
async function loadOwn(input: MinutesTaskInput): Promise<StoredVersion | undefined> {
  const execution = input.execution;
  for (let attempt = 0; ; attempt++) {
    const version = await loadVersion(input.clientId, input.reportId, input.number);
    if (version && (!execution || version.executionName === execution)) return version;
    if (version && attempt >= 20) return undefined;
    if (!version && attempt >= 20) throw notFound('Minutes version');
    await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
  }
}

const secondsUntil = (iso: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/** Opens the window (once) and sends what was not sent. */
export async function sendMinutes(input: MinutesTaskInput): Promise<MinutesNext> {
  const now = taskNow(input);
  const own = await loadOwn(input);
  if (!own) return end(await loadVersion(input.clientId, input.reportId, input.number));
  const { client, calendar } = await loadClient(input.clientId);
  if (own.status === 'sending') {
    const deadline = endOfWorkingDaysAfter(now, 1, calendar).toISOString();
    await changeVersion(input.clientId, input.reportId, input.number, async (current) =>
      current.status === 'sending'
        ? {
            next: patched(current, {
              status: 'awaiting_confirmation',
              sentAt: now.toISOString(),
              deadline,
            }),
            result: true,
          }
        : undefined,
    );
  }
  let version = (await loadVersion(input.clientId, input.reportId, input.number))!;
  const name = agencyName();
  for (const recipient of version.recipients) {
    if (recipient.mailedAt || recipient.withheld) continue;
    // A question or a newer version meanwhile: nothing more goes out for this one.
    if (version.status !== 'awaiting_confirmation') break;
    const w = minutesWords[recipient.language ?? agencyLanguage];
    const meetingDay = w.day(version.minutes.meetingAt.slice(0, 10));
    const deadlineText = w.endOfDay(version.deadline!, calendar.timeZone);
    const body = minutesBody(
      {
        minutes: version.minutes,
        version: version.number,
        agencyName: name,
        clientName: client.name,
        timeZone: calendar.timeZone,
        deadlineText,
      },
      w,
    );
    const kind = version.minutes.kind;
    if (recipient.role === 'attendee') {
      const url = await issueMinutesLink(
        input.clientId,
        { reportId: input.reportId, number: input.number, contactId: recipient.contactId! },
        version.deadline!,
      );
      await sendNotice({
        to: recipient.email,
        subject: w.emailSubject(kind, version.minutes.subject, meetingDay, version.number),
        greeting: w.greeting(recipient.name),
        paragraphs: [w.intro(kind, meetingDay, name, version.number), w.rule(deadlineText)],
        body,
        action: { label: w.action, url },
        sign: `— ${name}`,
        tags: { clientId: input.clientId, contactId: recipient.contactId },
        plainSubject: true,
      });
    } else {
      await sendNotice({
        to: recipient.email,
        subject: w.copySubject(kind, version.minutes.subject, meetingDay),
        greeting: w.greeting(recipient.name),
        paragraphs: [w.copyIntro(kind, meetingDay), w.rule(deadlineText)],
        body,
        sign: `— ${name}`,
        ...(recipient.contactId
          ? { tags: { clientId: input.clientId, contactId: recipient.contactId } }
          : {}),
        plainSubject: Boolean(recipient.contactId),
      });
    }
    const marked = await changeVersion(input.clientId, input.reportId, input.number, async (current) => ({
      next: patched(current, {
        recipients: current.recipients.map((r) =>
          r.email === recipient.email && r.role === recipient.role ? { ...r, mailedAt: nowIso() } : r,
        ),
      }),
      result: true,
    }));
    version = marked.version;
  }
  return checkMinutes(input);
}

/** Stores the waiting task's token while the window is open; a version settled meanwhile resumes it at once. */
export async function armMinutes(input: MinutesTaskInput & { taskToken: string }): Promise<void> {
  const key = VersionEntity.key(input.clientId, input.reportId, input.number);
  class Settled extends Error {}
  try {
    await transact([
      checkWhen(
        key,
        {
          expression: '#status = :open AND #execution = :execution',
          names: { '#status': 'status', '#execution': 'executionName' },
          values: { ':open': 'awaiting_confirmation', ':execution': input.execution ?? '' },
        },
        () => new Settled(),
      ),
      putItem({
        ...MinutesToken.key(input.clientId, input.reportId, input.number),
        itemType: MinutesToken.type,
        reportId: input.reportId,
        number: input.number,
        taskToken: input.taskToken,
        waitingSince: input.enteredTime ?? nowIso(),
      }),
    ]);
  } catch (error) {
    if (!(error instanceof Settled)) throw error;
    await resumeStep(input.taskToken, { resumed: 'settled before waiting' });
  }
}

/** What the table says now: confirm by silence at the deadline, wait on, or tell the outcome and end. */
export async function checkMinutes(input: MinutesTaskInput): Promise<MinutesNext> {
  const now = taskNow(input);
  const version = await loadVersion(input.clientId, input.reportId, input.number);
  if (!version) throw notFound('Minutes version');
  if (input.execution && version.executionName !== input.execution) return end(version);
  switch (version.status) {
    case 'sending':
      return { action: 'send' };
    case 'superseded':
      return end(version);
    case 'awaiting_confirmation': {
      if (version.recipients.some((r) => !r.mailedAt && !r.withheld)) return { action: 'send' };
      if (now.getTime() < Date.parse(version.deadline!)) {
        return { action: 'await', waitSeconds: secondsUntil(version.deadline!, now) };
      }
      const silence = await changeVersion(input.clientId, input.reportId, input.number, async (current) =>
        current.status === 'awaiting_confirmation' && Date.parse(current.deadline!) <= now.getTime()
          ? {
              next: patched(current, {
                status: 'confirmed_by_silence',
                settledAt: current.deadline,
                recordedAt: now.toISOString(),
              }),
              writes: [
                clientAuditEvent(input.clientId, {
                  actorId: current.issuedBy,
                  action: 'contact_report.confirmed_by_silence',
                  entityType: 'contactReport',
                  entityId: input.reportId,
                  before: { version: current.version },
                  after: { version: current.version + 1 },
                }),
              ],
              result: true,
            }
          : undefined,
      );
      return tellOutcome(input, silence.version);
    }
    default:
      return tellOutcome(input, version);
  }
}

/** The reporter learns how the minutes ended (and the team's AEs of a question): once per version. */
async function tellOutcome(input: MinutesTaskInput, version: StoredVersion): Promise<MinutesNext> {
  if (
    version.outcomeNotifiedAt ||
    !['confirmed', 'confirmed_by_silence', 'disputed'].includes(version.status)
  ) {
    return end(version);
  }
  const [{ client, calendar }, reportItem] = await Promise.all([
    loadClient(input.clientId),
    loadReport(input.clientId, input.reportId),
  ]);
  const reporterId = reportItem?.reporterId ?? version.issuedBy;
  const team = version.status === 'disputed' ? await loadActiveTeam(input.clientId) : [];
  const people = await activeStaff([
    reporterId,
    ...team.filter((m) => m.role === 'account_executive').map((m) => m.staffId),
  ]);
  const status = version.status as 'confirmed' | 'confirmed_by_silence' | 'disputed';
  for (const person of people) {
    const w = minutesWords[person.language ?? agencyLanguage];
    const o = w.outcome;
    const what = o.what(version.minutes.kind, version.minutes.subject, client.name, version.number);
    const paragraph = {
      confirmed: () => o.confirmed(what),
      confirmed_by_silence: () => o.silence(what, w.endOfDay(version.deadline!, calendar.timeZone)),
      disputed: () =>
        o.disputed(
          what,
          version.question?.name ?? '',
          w.moment(version.question?.at ?? version.updatedAt, calendar.timeZone),
          version.question?.text ?? '',
        ),
    }[status]();
    await sendNotice({
      to: person.email,
      subject: o.subject[status](version.minutes.subject),
      greeting: w.greeting(person.name),
      paragraphs: [paragraph],
      action: { label: o.open, url: pathUrl(`/contact-reports/${input.reportId}`) },
    });
  }
  await changeVersion(input.clientId, input.reportId, input.number, async (current) =>
    current.outcomeNotifiedAt
      ? undefined
      : { next: patched(current, { outcomeNotifiedAt: nowIso() }), result: true },
  );
  return end(version);
}

async function loadReport(clientId: string, reportId: string): Promise<StoredReport | undefined> {
  const item = await getItem(ReportEntity.key(clientId, reportId));
  return item ? fromItem<StoredReport>(item) : undefined;
}

/**
 * A version's window workflow stopped without finishing (FAILED, TIMED_OUT, ABORTED): the version
 * is marked (`failure`) and the reporter and the team's AEs are told, so nobody relies on a
 * silence that would not be recorded; `POST /contact-reports/{contactReportId}/restart` runs it again.
 * Only the execution that runs the version counts, and only while something was left to do; a
 * repeated event changes nothing.
 */
export async function minutesWorkflowStopped(
  ref: { clientId: string; reportId: string; number: number },
  stopped: StoppedExecution,
): Promise<boolean> {
  const version = await loadVersion(ref.clientId, ref.reportId, ref.number);
  const pending =
    version &&
    version.executionName === stopped.executionName &&
    !version.failure &&
    (['sending', 'awaiting_confirmation'].includes(version.status) || !version.outcomeNotifiedAt);
  if (!version || !pending) return false;
  const [report, { client }, team] = await Promise.all([
    loadReport(ref.clientId, ref.reportId),
    loadClient(ref.clientId),
    loadActiveTeam(ref.clientId),
  ]);
  const failure = stoppedRecord(stopped);
  const people = await activeStaff([
    report?.reporterId ?? version.issuedBy,
    ...team.filter((m) => m.role === 'account_executive').map((m) => m.staffId),
  ]);
  for (const person of people) {
    const w = minutesWords[person.language ?? agencyLanguage];
    await sendNotice({
      to: person.email,
      subject: w.outcome.stoppedSubject(version.minutes.subject),
      greeting: w.greeting(person.name),
      paragraphs: [
        w.outcome.stopped(
          w.outcome.what(version.minutes.kind, version.minutes.subject, client.name, version.number),
        ),
      ],
      action: { label: w.outcome.open, url: pathUrl(`/contact-reports/${ref.reportId}`) },
    });
  }
  try {
    const marked = await changeVersion(ref.clientId, ref.reportId, ref.number, async (current) =>
      current.executionName === stopped.executionName && !current.failure
        ? {
            next: patched(current, { failure }),
            writes: [
              clientAuditEvent(ref.clientId, {
                actorId: current.issuedBy,
                action: 'contact_report.workflow_stopped',
                entityType: 'contactReport',
                entityId: ref.reportId,
                before: { version: current.version },
                after: { version: current.version + 1 },
              }),
            ],
            result: true,
          }
        : undefined,
    );
    return marked.changed;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
