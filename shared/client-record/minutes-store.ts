import { Client } from '../accounts/entities.js';
import { type Client as ClientView, clientView } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import {
  backoff,
  fromItem,
  getItem,
  type Item,
  putIfVersion,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { AppError, versionConflict } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { storedItem } from '../platform/records.js';
import { resumeStep } from '../platform/workflow.js';
import { defaultCalendar, type WorkingCalendar } from '../platform/working-days.js';
import { ContactReport, MinutesToken, MinutesVersion as VersionEntity } from './entities.js';
import { minutesWords } from './messages.js';
import type { ContactReportStatus, Minutes, MinutesVersion, NextStepProgress } from './schemas.js';

/**
 * How contact reports and their issued versions are kept, read and changed (docs/data-model.md):
 * the report item (the draft, the latest issued number, the next steps' progress) and one item per
 * issued version (frozen minutes, document, recipients, window, answers). A version's status
 * changes touch only the version (conditional on its `version`), so the reporter editing the next
 * draft never races the client answering the last one.
 */
export interface DraftIds {
  meetingAt: string;
  place?: string;
  subject: string;
  jobIds: string[];
  agencyAttendees: string[];
  clientAttendees: string[];
  copiesTo: { staffIds: string[]; contactIds: string[] };
  agenda: string[];
  decisions: string[];
  nextSteps: {
    stepId: string;
    action: string;
    owner: { kind: 'staff'; staffId: string } | { kind: 'contact'; contactId: string };
    due: string;
  }[];
  keyDates: { date: string; what: string }[];
}

export interface StoredReport {
  reportId: string;
  clientId: string;
  kind: 'meeting' | 'call';
  reporterId: string;
  /** The draft as written (ids) and as read (names resolved when it was last written). */
  draftIds: DraftIds;
  draft: Minutes;
  nextStepSeq: number;
  latestIssued: number;
  /** The draft's fingerprint when the latest version was issued (is there anything new to issue?). */
  issuedFingerprint?: string;
  nextSteps: Omit<NextStepProgress, 'overdue'>[];
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type StoredVersion = MinutesVersion;

export const reportItem = (report: StoredReport): Item =>
  storedItem(
    ContactReport.type,
    ContactReport.key(report.clientId, report.reportId),
    ContactReport.indexes({
      clientId: report.clientId,
      reportId: report.reportId,
      meetingAt: report.draft.meetingAt,
    }),
    report,
  );

export const versionItem = (version: StoredVersion): Item =>
  storedItem(
    VersionEntity.type,
    VersionEntity.key(version.clientId, version.reportId, version.number),
    {},
    version,
  );

/** A version rewritten on the version it was read at (its answers, sending and window serialize on it). */
export const putVersion = (next: StoredVersion, expected: number, onConflict?: () => Error): WriteOp =>
  putIfVersion(versionItem(next), expected, onConflict ?? (() => new VersionMoved()));

/** Another writer changed the version first: re-read and try again. */
export class VersionMoved extends Error {}

export async function loadVersion(clientId: string, reportId: string, number: number) {
  const item = await getItem(VersionEntity.key(clientId, reportId, number));
  return item ? fromItem<StoredVersion>(item) : undefined;
}

/**
 * Changes a version with retries: `change` reads the current version and answers the next one and
 * the writes that go with it (or undefined: nothing to do). A concurrent writer that got there
 * first makes it read again (full-jitter backoff, at most 10 attempts).
 */
export async function changeVersion<T>(
  clientId: string,
  reportId: string,
  number: number,
  change: (
    current: StoredVersion,
  ) => Promise<{ next: StoredVersion; writes?: WriteOp[]; result: T } | undefined>,
): Promise<{ changed: boolean; result?: T; version: StoredVersion }> {
  for (let attempt = 0; ; attempt++) {
    const current = await loadVersion(clientId, reportId, number);
    if (!current) throw new Error(`Minutes version ${reportId} v${number} not found`);
    const outcome = await change(current);
    if (!outcome) return { changed: false, version: current };
    try {
      await transact([putVersion(outcome.next, current.version), ...(outcome.writes ?? [])]);
      return { changed: true, result: outcome.result, version: outcome.next };
    } catch (error) {
      const retry =
        (error instanceof VersionMoved ||
          error instanceof TransactionRaceError ||
          (error instanceof AppError && error.code === 'version_conflict')) &&
        attempt < 10;
      if (!retry) throw error;
      await backoff(attempt);
    }
  }
}

/** The report's item, rewritten on the version it was read at. */
export const putReport = (next: StoredReport, expected: number): WriteOp =>
  putIfVersion(reportItem(next), expected, () => versionConflict('This contact report', expected));

/** The client as the record needs it: its name and working calendar. */
export async function loadClient(
  clientId: string,
): Promise<{ client: ClientView; calendar: WorkingCalendar }> {
  const item = await getItem(Client.key(clientId));
  if (!item) throw new Error(`Client ${clientId} not found`);
  const client = clientView(item);
  return { client, calendar: client.calendar ?? defaultCalendar };
}

/** What a version's status makes of the report's. */
export const reportStatusOf = (version: StoredVersion | undefined): ContactReportStatus =>
  !version
    ? 'draft'
    : version.status === 'sending' || version.status === 'superseded'
      ? 'awaiting_confirmation'
      : version.status;

/** The report's status in plain words (the API's, in English; the console words it from the fields): the rule, the time, who. */
export function whyOf(version: StoredVersion | undefined, timeZone: string, clientName: string): string {
  const w = minutesWords[agencyLanguage];
  const at = (iso: string) => w.moment(iso, timeZone);
  if (!version)
    return 'Not issued yet: the minutes go to the client attendees when the reporter issues them.';
  if (version.failure) {
    return `The one-working-day clock of version ${version.number} stopped (${version.failure.reason}): restart it from the report; until then a silence is not recorded.`;
  }
  const recipients = version.recipients.filter((r) => r.role === 'attendee' && r.mailedAt);
  switch (version.status) {
    case 'sending':
    case 'superseded':
      return `Version ${version.number} was issued ${at(version.issuedAt)} and is being sent to the client attendees.`;
    case 'awaiting_confirmation': {
      const confirmed = version.recipients.filter((r) => r.contactId && version.confirmations[r.contactId]);
      return `Version ${version.number} was sent to ${recipients.map((r) => r.name).join(', ')} ${at(version.sentAt!)}. They may raise a question until ${w.endOfDay(version.deadline!, timeZone)} — one working day after receiving it, on ${clientName}'s calendar; without one by then it stands as confirmed.${confirmed.length ? ` Confirmed so far by ${confirmed.map((r) => r.name).join(', ')}.` : ''}`;
    }
    case 'confirmed': {
      const by = version.recipients.filter((r) => r.contactId && version.confirmations[r.contactId]);
      return `Confirmed: every client attendee confirmed version ${version.number} (${by.map((r) => `${r.name} ${at(version.confirmations[r.contactId!]!)}`).join('; ')}).`;
    }
    case 'confirmed_by_silence':
      return `Confirmed by silence: nobody raised a question about version ${version.number} within one working day of receiving it (by ${w.endOfDay(version.deadline!, timeZone)}, ${clientName}'s calendar), so under the rule for minutes it stands as the confirmed agreement between client and agency. Recorded ${at(version.recordedAt ?? version.settledAt!)}.`;
    case 'disputed':
      return `Disputed: ${version.question!.name} raised a question about version ${version.number} ${at(version.question!.at)}: “${version.question!.text}”. The clock stopped; the reporter issues a corrected version, which the client gets one working day to question again.`;
  }
}

/** Resumes the workflow waiting out a version's window (a no-op if it is not waiting). */
export async function resumeWindow(clientId: string, reportId: string, number: number): Promise<void> {
  const token = await getItem(MinutesToken.key(clientId, reportId, number));
  if (token?.taskToken) await resumeStep(token.taskToken as string, { resumed: true });
}

export const agencyName = () => getMailConfig().agencyName;
