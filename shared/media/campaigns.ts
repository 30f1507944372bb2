import { alongside, authorize, openClient } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { openJobScope } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import type { PrimaryKey } from '../platform/db/keys.js';
import {
  fromItem,
  getItem,
  type Page,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { startMediaChainExecution, stopExecution } from '../platform/workflow.js';
import { MediaBriefVersion, MediaCampaign } from './entities.js';
import type { BriefVersion, Campaign, CreateCampaignInput, MediaBrief } from './schemas.js';

/** Days after the flight ends before its post-campaign analysis is due (the delivery data is in by then). */
const reportDelayDays = Number(process.env.POST_CAMPAIGN_REPORT_DELAY_DAYS ?? 7);

export const reportDueOn = (flightEnd: string, delayDays = reportDelayDays) =>
  new Date(Date.parse(`${flightEnd}T00:00:00Z`) + delayDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Opens a campaign for the caller (404 when it is unknown or not theirs to see), in the same
 * round trip as the client and whatever else the operation needs (`alsoLoad`, answered in
 * `items` in the order asked).
 */
export async function openCampaign(
  actorId: string,
  campaignId: string,
  alsoLoad: (clientId: string) => PrimaryKey[] = () => [],
) {
  const clientId = clientOfScopedId(campaignId);
  if (!clientId) throw notFound('Media campaign');
  const {
    caller,
    clientItem,
    items: [item, ...items],
  } = await openClient(actorId, clientId, [MediaCampaign.key(clientId, campaignId), ...alsoLoad(clientId)]);
  if (!item) throw notFound('Media campaign');
  return { caller, clientId, clientItem, campaign: fromItem<Campaign>(item), items };
}

/** `openCampaign` with a read of the campaign's partition in the same round trip (see `alongside`). */
export async function openCampaignWith<Read>(
  actorId: string,
  campaignId: string,
  read: (clientId: string) => Promise<Read>,
) {
  const clientId = clientOfScopedId(campaignId);
  if (!clientId) throw notFound('Media campaign');
  const { checked, read: result } = await alongside(openCampaign(actorId, campaignId), () => read(clientId));
  return { ...checked, result };
}

export const campaignItem = (campaign: Campaign) =>
  storedItem(
    MediaCampaign.type,
    MediaCampaign.key(campaign.clientId, campaign.campaignId),
    MediaCampaign.indexes(campaign),
    campaign,
  );

function briefItem(clientId: string, campaignId: string, number: number, brief: MediaBrief, actorId: string) {
  const fields: BriefVersion = { ...brief, campaignId, number, createdBy: actorId, createdAt: now() };
  return storedItem(MediaBriefVersion.type, MediaBriefVersion.key(clientId, campaignId, number), {}, fields);
}

/** A media campaign on a live job, with its first brief if one is given. */
export async function createCampaign(
  actorId: string,
  jobId: string,
  input: CreateCampaignInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const { caller, clientId, job } = await openJobScope(actorId, jobId);
    authorize(caller, 'media.plan');
    assertLive(job);
    const campaignId = newScopedId(clientId);
    const fields = {
      campaignId,
      clientId,
      jobId,
      name: input.name,
      flightStart: input.flightStart,
      flightEnd: input.flightEnd,
      budget: input.budget,
      kpis: input.kpis,
      briefVersion: input.brief ? 1 : 0,
      stage: 'recommendation' as const,
      reportDueOn: reportDueOn(input.flightEnd),
      createdBy: caller.staffId,
    };
    const item = newRecord(
      MediaCampaign.type,
      MediaCampaign.key(clientId, campaignId),
      MediaCampaign.indexes(fields),
      fields,
    );
    const campaign = fromItem<Campaign>(item);
    // The media chain starts first (named after the campaign, so once): a recorded campaign
    // always has its chain; one whose record then fails is stopped.
    const executionArn = await startMediaChainExecution(campaignId, { clientId, campaignId });
    try {
      await transact([
        putNew(item),
        ...(input.brief ? [putNew(briefItem(clientId, campaignId, 1, input.brief, caller.staffId))] : []),
        clientAuditEvent(clientId, {
          actorId,
          action: 'media_campaign.created',
          entityType: 'mediaCampaign',
          entityId: campaignId,
          after: item,
        }),
        ...remember(campaign),
      ]);
    } catch (error) {
      await stopExecution(executionArn, 'CampaignNotRecorded', 'The campaign was not recorded.').catch(
        () => undefined,
      );
      throw error;
    }
    return campaign;
  });
}

function assertLive(job: JobView) {
  if (job.status === 'completed' || job.status === 'cancelled') {
    throw conflict('job_closed', `The job is ${job.status}: plan media on a live job.`, 'path.jobId');
  }
}

export async function getCampaign(actorId: string, campaignId: string): Promise<Campaign> {
  return (await openCampaign(actorId, campaignId)).campaign;
}

export async function listJobCampaigns(
  actorId: string,
  jobId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<Campaign>> {
  const { read: result } = await alongside(openJobScope(actorId, jobId), () =>
    queryPage(MediaCampaign.ofJob(jobId), page),
  );
  return { items: result.items.map((i) => fromItem<Campaign>(i)), nextToken: result.nextToken };
}

/** A new version of the brief (the old ones stay, so every plan shows which brief it answered). */
export async function reviseBrief(
  actorId: string,
  campaignId: string,
  brief: MediaBrief,
  expectedVersion: number,
) {
  const { caller, clientId, campaign } = await openCampaign(actorId, campaignId);
  authorize(caller, 'media.plan');
  const job = await getItem(Job.key(clientId, campaign.jobId));
  if (job) assertLive(fromItem<JobView>(job));
  const next = patched(campaign, { briefVersion: campaign.briefVersion + 1 });
  await transact([
    putIfVersion(campaignItem(next), expectedVersion, () => versionConflict('The campaign', expectedVersion)),
    putNew(briefItem(clientId, campaignId, next.briefVersion, brief, caller.staffId)),
    clientAuditEvent(clientId, {
      actorId,
      action: 'media_campaign.brief_revised',
      entityType: 'mediaCampaign',
      entityId: campaignId,
      before: campaign,
      after: next,
    }),
  ]);
  return next;
}

export async function listBriefVersions(actorId: string, campaignId: string): Promise<BriefVersion[]> {
  const { clientId } = await openCampaign(actorId, campaignId);
  return (await queryAll(MediaBriefVersion.ofCampaign(clientId, campaignId))).map((i) =>
    fromItem<BriefVersion>(i),
  );
}
