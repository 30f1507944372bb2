import { Client } from '../accounts/entities.js';
import {
  alongside,
  type Client as ClientView,
  clientDocumentLanguage,
  clientView,
  openClient,
  openOwnedItem,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { newSubjectVersion } from '../signoff/index.js';
import { assertMayWriteBrief } from './authority.js';
import { renderBriefDocument } from './documents.js';
import { Brief as BriefEntity, BriefVersion as BriefVersionEntity } from './entities.js';
import type { Brief, BriefContent, BriefKind, BriefVersion, CreateBriefInput } from './schemas.js';

/**
 * Briefs (domain.md §3): the client's own instruction as received, and the agency's creative,
 * media and research briefs. Every edit is a new version, rendered as a document (what the
 * account manager approves and, for client and creative briefs, the client signs); a brief is a
 * subject of the sign-off engine (`briefSubject`).
 */
export const briefItem = (brief: Brief) =>
  storedItem(
    BriefEntity.type,
    BriefEntity.key(brief.clientId, brief.briefId),
    BriefEntity.indexes(brief),
    brief,
  );

export const briefVersionItem = (clientId: string, version: BriefVersion) =>
  storedItem(
    BriefVersionEntity.type,
    BriefVersionEntity.key(clientId, version.briefId, version.number),
    {},
    version,
  );

const mediaOnly = ['markets', 'flight', 'channelsConsidered', 'kpis', 'mediaCampaignId'] as const;
const researchOnly = ['questions', 'method', 'sample'] as const;

/** A revision names no kind: its fields must still fit the brief's kind. */
function checkFieldsFit(kind: BriefKind, content: BriefContent): void {
  const foreign = [
    ...(kind === 'media' ? [] : mediaOnly),
    ...(kind === 'research' ? [] : researchOnly),
  ].filter((field) => content[field] !== undefined);
  if (foreign.length > 0) {
    throw unprocessable(
      'field_not_for_kind',
      `A ${kind} brief has no ${foreign.join(', ')}.`,
      `body.${foreign[0]}`,
    );
  }
}

function checkCampaign(clientId: string, content: BriefContent): void {
  if (content.mediaCampaignId && clientOfScopedId(content.mediaCampaignId) !== clientId) {
    throw unprocessable(
      'unknown_media_campaign',
      'The media campaign is not one of this client’s.',
      'body.mediaCampaignId',
    );
  }
}

const assertLive = (job: JobView) => {
  if (job.status === 'completed' || job.status === 'cancelled') {
    throw conflict('job_closed', `This job is ${job.status}: its briefs are closed.`);
  }
};

/** The briefs that may go to the client for sign-off; media and research briefs stay in the agency. */
export const briefsToClient: readonly BriefKind[] = ['client', 'creative'];
/** Whose sign-off a brief going to the client asks: the client's contacts who approve creative work. */
export const briefSignedBy = 'creative';

/** A brief's document is read in the language of those who may sign it: the client's, else the agency's. */
const briefLanguage = (clientId: string, kind: BriefKind) =>
  briefsToClient.includes(kind) ? clientDocumentLanguage(clientId, briefSignedBy) : agencyLanguage;

async function writeDocument(
  client: ClientView,
  job: JobView,
  briefId: string,
  kind: BriefKind,
  number: number,
  content: BriefContent,
) {
  return putDocument(
    getDraftsBucket(),
    `clients/${client.clientId}/jobs/${job.jobId}/briefs/${briefId}/v${String(number).padStart(4, '0')}.html`,
    renderBriefDocument({
      agencyName: getMailConfig().agencyName,
      clientName: client.name,
      jobNumber: job.jobNumber,
      jobTitle: job.title,
      kind,
      number,
      content,
      language: await briefLanguage(client.clientId, kind),
    }),
    'text/html; charset=utf-8',
  );
}

const documentOf = (stored: Awaited<ReturnType<typeof writeDocument>>) => ({
  objectKey: stored.objectKey,
  ...(stored.objectVersionId ? { objectVersionId: stored.objectVersionId } : {}),
  sha256: stored.sha256,
});

export async function createBrief(
  actorId: string,
  jobId: string,
  input: CreateBriefInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<{ brief: Brief; version: BriefVersion }>(actorId, idempotency, async (remember) => {
    const clientId = clientOfScopedId(jobId);
    if (!clientId) throw notFound('Job');
    const { caller, clientItem, items } = await openClient(actorId, clientId, [Job.key(clientId, jobId)]);
    if (!items[0]) throw notFound('Job');
    const job = fromItem<JobView>(items[0]);
    assertMayWriteBrief(caller, input.kind);
    assertLive(job);
    const { kind, ...content } = input;
    checkCampaign(clientId, content);
    const briefId = newScopedId(clientId);
    const document = documentOf(await writeDocument(clientView(clientItem), job, briefId, kind, 1, content));
    const at = now();
    const briefRecord = newRecord(
      BriefEntity.type,
      BriefEntity.key(clientId, briefId),
      BriefEntity.indexes({ jobId, briefId }),
      {
        briefId,
        clientId,
        jobId,
        kind,
        title: content.title,
        latestVersion: 1,
        createdBy: caller.staffId,
      },
      at,
    );
    const versionRecord = newRecord(
      BriefVersionEntity.type,
      BriefVersionEntity.key(clientId, briefId, 1),
      {},
      {
        briefId,
        kind,
        number: 1,
        ...content,
        document,
        status: 'draft' as const,
        createdBy: caller.staffId,
      },
      at,
    );
    const result = { brief: fromItem<Brief>(briefRecord), version: fromItem<BriefVersion>(versionRecord) };
    await transact([
      putNew(briefRecord),
      putNew(versionRecord),
      clientAuditEvent(clientId, {
        actorId,
        action: 'brief.created',
        entityType: 'brief',
        entityId: briefId,
        after: result.brief,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

async function openBrief(actorId: string, briefId: string) {
  const { caller, clientId, item } = await openOwnedItem<Brief>(actorId, briefId, 'Brief', (c) =>
    BriefEntity.key(c, briefId),
  );
  return { caller, clientId, brief: item };
}

/** A new version of the brief: the whole brief as it now stands. A review running on the old version moves on to it. */
export async function reviseBrief(
  actorId: string,
  briefId: string,
  expectedVersion: number,
  input: BriefContent,
) {
  const { caller, clientId, brief } = await openBrief(actorId, briefId);
  assertMayWriteBrief(caller, brief.kind);
  if (brief.version !== expectedVersion) throw versionConflict('This brief', expectedVersion);
  checkFieldsFit(brief.kind, input);
  checkCampaign(clientId, input);
  const [clientItem, jobItem] = await getItems([Client.key(clientId), Job.key(clientId, brief.jobId)]);
  const job = fromItem<JobView>(jobItem!);
  assertLive(job);
  const number = brief.latestVersion + 1;
  const document = documentOf(
    await writeDocument(clientView(clientItem!), job, briefId, brief.kind, number, input),
  );
  const nextBrief = patched(brief, { latestVersion: number, title: input.title });
  const versionRecord = newRecord(
    BriefVersionEntity.type,
    BriefVersionEntity.key(clientId, briefId, number),
    {},
    {
      briefId,
      kind: brief.kind,
      number,
      ...input,
      document,
      status: 'draft' as const,
      createdBy: caller.staffId,
    },
  );
  await transact([
    putIfVersion(briefItem(nextBrief), brief.version, () => versionConflict('This brief', expectedVersion)),
    putNew(versionRecord),
    clientAuditEvent(clientId, {
      actorId,
      action: 'brief.revised',
      entityType: 'brief',
      entityId: briefId,
      before: brief,
      after: nextBrief,
    }),
  ]);
  // A review waiting on an older version moves to this one (approvals never carry over).
  await newSubjectVersion(clientId, briefId, number);
  return { brief: nextBrief, version: fromItem<BriefVersion>(versionRecord) };
}

export async function getBrief(actorId: string, briefId: string) {
  const { clientId, brief } = await openBrief(actorId, briefId);
  const version = await getItem(BriefVersionEntity.key(clientId, briefId, brief.latestVersion));
  return { brief, version: fromItem<BriefVersion>(version!) };
}

export async function getBriefVersion(actorId: string, briefId: string, number: number) {
  const { clientId } = await openBrief(actorId, briefId);
  const version = await getItem(BriefVersionEntity.key(clientId, briefId, number));
  if (!version) throw notFound('Brief version');
  return fromItem<BriefVersion>(version);
}

export async function listBriefVersions(actorId: string, briefId: string) {
  const { clientId } = await openBrief(actorId, briefId);
  const items = await queryAll(BriefEntity.withVersions(clientId, briefId));
  return {
    items: items.filter((i) => i.itemType === BriefVersionEntity.type).map((i) => fromItem<BriefVersion>(i)),
  };
}

export async function listJobBriefs(actorId: string, jobId: string, kind?: BriefKind) {
  const clientId = clientOfScopedId(jobId);
  if (!clientId) throw notFound('Job');
  // The list is returned only once the job is known to be the caller's.
  const {
    checked: { items: found },
    read: briefs,
  } = await alongside(openClient(actorId, clientId, [Job.key(clientId, jobId)]), () =>
    queryAll(BriefEntity.ofJob(jobId)),
  );
  if (!found[0]) throw notFound('Job');
  return {
    items: briefs
      .map((b) => fromItem<Brief>(b))
      .filter((b) => b.clientId === clientId && (!kind || b.kind === kind)),
  };
}
