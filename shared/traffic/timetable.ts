import { clientDocumentLanguage } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  fromItem,
  getItem,
  putIfVersion,
  putItem,
  putNew,
  queryAll,
  queryPage,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { newSubjectVersion, type Subject, titled } from '../signoff/index.js';
import { assertMayFreezeTimetable } from './authority.js';
import { clientOwner, renderTimetableDocument, shownTimetable } from './documents.js';
import { Schedule, ScheduleBaseline, TimetableVersion as TimetableEntity } from './entities.js';
import { trafficSignedOffWords, trafficWords } from './messages.js';
import { computeSchedule } from './milestones.js';
import { openScheduleScope } from './schedules.js';
import type { Baseline, TimetableVersion } from './schemas.js';

/**
 * The timetable (domain.md §4 step 8: the client approves the estimate, the timetable and the media
 * schedule, and signs): a version of the job's schedule frozen as a document. Signed by the client
 * it becomes the baseline; the schedule then shows every milestone's slip against it.
 *
 * For the cost sign-off that will put estimate and timetable in one review, the pieces stand
 * alone: `freezeTimetable` makes a version (its document and its dates), `timetableSection` renders
 * its table for another document, and `timetableSignedWrites` are the writes that make a version
 * the baseline, to join that review's own end transaction.
 */
const versionItem = (version: TimetableVersion) =>
  storedItem(
    TimetableEntity.type,
    TimetableEntity.key(version.clientId, version.jobId, version.number),
    {},
    version,
  );

/** The latest timetable version's number (0: none), reading only the newest key. */
async function latestNumber(clientId: string, jobId: string): Promise<number> {
  const page = await queryPage(TimetableEntity.ofJob(clientId, jobId), {
    limit: 1,
    newestFirst: true,
    attributes: ['number'],
  });
  return (page.items[0]?.number as number | undefined) ?? 0;
}

async function versionOf(clientId: string, jobId: string, number: number): Promise<TimetableVersion> {
  const item = await getItem(TimetableEntity.key(clientId, jobId, number));
  if (!item) throw notFound('Timetable version');
  return fromItem<TimetableVersion>(item);
}

/** The client signs the timetable with the estimate (domain.md §4 step 8): its signers read it. */
const signedBy = 'estimate';

/** Freezes the schedule as it stands into the next timetable version; a review of an older one moves on to it. */
export async function freezeTimetable(actorId: string, jobId: string): Promise<TimetableVersion> {
  const scope = await openScheduleScope(actorId, jobId);
  assertMayFreezeTimetable(scope.caller);
  if (!scope.schedule) throw notFound('Schedule');
  const schedule = computeSchedule(scope.schedule, scope.calendar);
  const number = (await latestNumber(scope.clientId, jobId)) + 1;
  const snapshot = {
    number,
    endDate: schedule.endDate,
    milestones: schedule.milestones.map((m) => ({
      milestoneId: m.milestoneId,
      name: m.name,
      ...(m.nameKey ? { nameKey: m.nameKey } : {}),
      department: m.department,
      owner: m.owner.kind === 'client' ? clientOwner : m.ownerName,
      start: m.start,
      due: m.due,
      critical: m.critical,
    })),
  };
  const stored = await putDocument(
    getDraftsBucket(),
    `clients/${scope.clientId}/jobs/${jobId}/timetable/v${String(number).padStart(4, '0')}.html`,
    renderTimetableDocument({
      agencyName: getMailConfig().agencyName,
      clientName: scope.client.name,
      jobNumber: scope.job.jobNumber,
      jobTitle: scope.job.title,
      timeZone: scope.calendar.timeZone,
      version: snapshot,
      language: await clientDocumentLanguage(scope.clientId, signedBy),
    }),
    'text/html; charset=utf-8',
  );
  const item = newRecord(
    TimetableEntity.type,
    TimetableEntity.key(scope.clientId, jobId, number),
    {},
    {
      jobId,
      clientId: scope.clientId,
      ...snapshot,
      scheduleVersion: schedule.version,
      document: {
        objectKey: stored.objectKey,
        ...(stored.objectVersionId ? { objectVersionId: stored.objectVersionId } : {}),
        sha256: stored.sha256,
      },
      status: 'draft' as const,
      createdBy: scope.caller.staffId,
    },
  );
  const version = fromItem<TimetableVersion>(item);
  await transact([
    putNew(item, () =>
      conflict('version_conflict', 'Another timetable version was made at the same moment; retry.'),
    ),
    clientAuditEvent(scope.clientId, {
      actorId,
      action: 'timetable.version_created',
      entityType: 'timetable',
      entityId: jobId,
      after: version,
      redact: ['milestones'],
    }),
  ]);
  await newSubjectVersion(scope.clientId, jobId, number);
  return version;
}

/** One frozen version of a job's timetable (the estimate's sign-off shows the one it is signed with). */
export const timetableVersionOf = versionOf;

/** The job's latest timetable version, if one was frozen (the cost sign-off puts it before the client with the estimate). */
export async function latestTimetableVersion(
  clientId: string,
  jobId: string,
): Promise<TimetableVersion | undefined> {
  const number = await latestNumber(clientId, jobId);
  return number === 0 ? undefined : versionOf(clientId, jobId, number);
}

export async function listTimetableVersions(actorId: string, jobId: string) {
  const scope = await openScheduleScope(actorId, jobId);
  const items = await queryAll(TimetableEntity.ofJob(scope.clientId, jobId));
  return { items: items.map((i) => fromItem<TimetableVersion>(i)) };
}

export async function getTimetableVersion(actorId: string, jobId: string, number: number) {
  const scope = await openScheduleScope(actorId, jobId);
  return versionOf(scope.clientId, jobId, number);
}

/**
 * The writes that make a timetable version the job's baseline when the client signed it: the
 * version marked signed, and the baseline (its dates) — apart from the schedule, so a signature
 * never races an edit of the schedule.
 */
export async function timetableSignedWrites(
  clientId: string,
  jobId: string,
  number: number,
  signature: { at: string; reviewId?: string },
): Promise<WriteOp[]> {
  const version = await versionOf(clientId, jobId, number);
  const signed = patched(version, { status: 'signed', signedAt: signature.at, reviewId: signature.reviewId });
  const baseline: Baseline = {
    jobId,
    clientId,
    timetableVersion: number,
    signedAt: signature.at,
    ...(signature.reviewId ? { reviewId: signature.reviewId } : {}),
    endDate: version.endDate,
    dates: Object.fromEntries(version.milestones.map((m) => [m.milestoneId, { start: m.start, due: m.due }])),
  };
  return [
    putIfVersion(versionItem(signed), version.version, () =>
      conflict('version_conflict', 'The timetable version changed concurrently.'),
    ),
    putItem(storedItem(ScheduleBaseline.type, ScheduleBaseline.key(clientId, jobId), {}, baseline)),
  ];
}

async function setStatus(
  clientId: string,
  jobId: string,
  number: number,
  status: TimetableVersion['status'],
) {
  const version = await versionOf(clientId, jobId, number);
  return {
    version,
    op: putIfVersion(versionItem(patched(version, { status })), version.version, () =>
      conflict('version_conflict', 'The timetable version changed concurrently.'),
    ),
  };
}

/** A job's timetable as a subject of the sign-off engine; its id is the job's id. */
export const timetableSubject: Subject = {
  type: 'timetable',
  approves: signedBy,
  noun: 'Timetable',
  makers: { role: 'traffic_coordinator' },
  key: (clientId, jobId) => Schedule.key(clientId, jobId),
  chainPath: (jobId) => `/jobs/${jobId}/timetable/approvals`,
  internal: { roles: ['account_manager', 'account_director'], mode: 'any' },
  async open(clientId, jobId, number) {
    const [version, latest] = await Promise.all([
      versionOf(clientId, jobId, number),
      latestNumber(clientId, jobId),
    ]);
    if (number !== latest) {
      throw conflict(
        'superseded_version',
        `Version ${latest} is the latest: put that one to the client.`,
        'path.n',
      );
    }
    if (version.status === 'signed')
      throw conflict('already_signed', 'The client has signed this version already.', 'path.n');
    const schedule = await getItem(Schedule.key(clientId, jobId));
    return {
      ...titled({ kind: 'timetable', name: (schedule?.jobNumber as string | undefined) ?? jobId }),
      kind: 'timetable',
      jobId,
      refs: {},
    };
  },
  presentedToClient: async () => true,
  newestVersion: (review) => latestNumber(review.clientId, review.subjectId),
  async version(review, number) {
    const version = await versionOf(review.clientId, review.subjectId, number);
    return {
      file: { draftVersion: number, ...version.document },
      fileName: `timetable-v${number}.html`,
      contentType: 'text/html',
      shown: (language: Language) => [shownTimetable(version, language)],
    };
  },
  approvalLeadsTo(_review, stage, language) {
    const words = trafficWords[language];
    return stage === 'internal' ? words.timetableToClient : words.timetableSigned;
  },
  async after(_review, stage) {
    return stage === 'internal' ? { stage: 'client' } : 'signed_off';
  },
  async onStepOpened(review, stage, number) {
    if (stage === 'revision') return [];
    const { version, op } = await setStatus(review.clientId, review.subjectId, number, 'in_review');
    return version.status === 'in_review' ? [] : [op];
  },
  async onSuperseded(review, number) {
    const { version, op } = await setStatus(review.clientId, review.subjectId, number, 'superseded');
    return version.status === 'in_review' ? [op] : [];
  },
  afterEnded: async () => {},
  signedOffNotice(_review, number, language) {
    const { subject, paragraph } = trafficSignedOffWords[language].timetableSigned;
    return { subject, paragraph: paragraph(number) };
  },
  async onEnded(review, outcome, number, approval) {
    if (outcome === 'released') {
      return timetableSignedWrites(review.clientId, review.subjectId, number, {
        at: approval?.at ?? new Date().toISOString(),
        reviewId: review.reviewId,
      });
    }
    const status = outcome === 'rejected' ? 'rejected' : 'changes_requested';
    return [(await setStatus(review.clientId, review.subjectId, number, status)).op];
  },
};
