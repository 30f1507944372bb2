import type { Client as ClientView } from '../accounts/index.js';
import { authorize, clientDocumentLanguage, openClient } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import type { PrimaryKey } from '../platform/db/keys.js';
import {
  checkWhen,
  fromItem,
  getItem,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { newSubjectVersion } from '../signoff/index.js';
import { openCampaign, openCampaignWith } from './campaigns.js';
import { MediaPlan, MediaPlanSlot, MediaPlanVersion } from './entities.js';
import { planTitle, pricedLines, renderPlanDocument, totalOf } from './plan-document.js';
import type { Campaign, CreatePlanVersionInput, Plan, PlanKind, PlanVersion } from './schemas.js';

/** Each stage answers the one before: a plan of this kind needs that kind confirmed first. */
const prerequisite: Record<PlanKind, PlanKind | undefined> = {
  recommendation: undefined,
  master_plan: 'recommendation',
  monthly_schedule: 'master_plan',
};

export const planItem = (clientId: string, plan: Plan) =>
  storedItem(MediaPlan.type, MediaPlan.key(clientId, plan.planId), MediaPlan.indexes(plan), plan);

export const planVersionItem = (clientId: string, version: PlanVersion) =>
  storedItem(
    MediaPlanVersion.type,
    MediaPlanVersion.key(clientId, version.planId, version.number),
    {},
    version,
  );

const monthsOfFlight = (campaign: Campaign) => {
  const months: string[] = [];
  for (let m = campaign.flightStart.slice(0, 7); m <= campaign.flightEnd.slice(0, 7); ) {
    months.push(m);
    const [year, month] = m.split('-').map(Number) as [number, number];
    m = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  }
  return months;
};

/** Lines must run inside the flight, and a monthly schedule's inside its month. */
function checkDates(campaign: Campaign, input: CreatePlanVersionInput): void {
  if (input.month && !monthsOfFlight(campaign).includes(input.month)) {
    throw unprocessable('month_outside_flight', `${input.month} is not a month of the flight.`, 'body.month');
  }
  const from = input.month ? `${input.month}-01` : campaign.flightStart;
  const to = input.month ? `${input.month}-31` : campaign.flightEnd;
  input.lines.forEach((line, index) => {
    const lo = input.month && from > campaign.flightStart ? from : campaign.flightStart;
    const hi = input.month && to < campaign.flightEnd ? to : campaign.flightEnd;
    if (line.startDate < lo || line.endDate > hi) {
      throw unprocessable(
        'line_outside_period',
        `Line ${index + 1} runs ${line.startDate}–${line.endDate}, outside ${lo}–${hi}.`,
        `body.lines.${index}.startDate`,
      );
    }
  });
}

/** The language of a campaign's plan documents (an unknown id is refused by the access check beside it). */
const documentLanguageOf = (campaignId: string) => {
  const clientId = clientOfScopedId(campaignId);
  return clientId ? clientDocumentLanguage(clientId, 'media') : Promise.resolve(agencyLanguage);
};

/**
 * A new version of a campaign's plan of `kind` (and month): its lines priced, written as a
 * document to S3 (what the client confirms, by hash). A new version of a confirmed plan is
 * unconfirmed again: bookings need its confirmation anew.
 */
export async function createPlanVersion(
  actorId: string,
  campaignId: string,
  input: CreatePlanVersionInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const needed = prerequisite[input.kind];
    // The document's language (the client's media approvers') is read alongside the access check.
    const [
      {
        caller,
        clientId,
        clientItem,
        campaign,
        items: [slotItem, neededSlot],
      },
      language,
    ] = await Promise.all([
      openCampaign(actorId, campaignId, (c) => [
        MediaPlanSlot.key(c, campaignId, input.kind, input.month),
        ...(needed ? [MediaPlanSlot.key(c, campaignId, needed)] : []),
      ]),
      documentLanguageOf(campaignId),
    ]);
    authorize(caller, 'media.plan');
    if (campaign.briefVersion === 0) {
      throw conflict('no_brief', 'Plans answer the media brief: write the brief first.');
    }
    checkDates(campaign, input);
    const ops: WriteOp[] = [];
    if (needed) {
      const neededPlanId = neededSlot?.planId as string | undefined;
      const missing = () =>
        conflict(
          'prerequisite_not_confirmed',
          `The ${planTitle(needed)} must be confirmed by the client first.`,
          'body.kind',
        );
      if (!neededPlanId) throw missing();
      // In the same transaction: a prerequisite changed meanwhile is caught, not overtaken.
      ops.push(
        checkWhen(
          MediaPlan.key(clientId, neededPlanId),
          { expression: 'attribute_exists(confirmedVersion)' },
          missing,
        ),
      );
    }
    const existing = slotItem ? await getItem(MediaPlan.key(clientId, slotItem.planId as string)) : undefined;
    const plan = existing ? fromItem<Plan>(existing) : undefined;
    const planId = plan?.planId ?? newScopedId(clientId);
    const number = (plan?.latestVersion ?? 0) + 1;
    const lines = pricedLines(input.lines, campaign.budget.currency);
    const client = fromItem<ClientView>(clientItem);
    const document = await putDocument(
      getDraftsBucket(),
      `clients/${clientId}/media/${campaignId}/${planId}/v${String(number).padStart(4, '0')}.html`,
      renderPlanDocument({
        agencyName: getMailConfig().agencyName,
        clientName: client.name,
        campaign,
        kind: input.kind,
        month: input.month,
        number,
        briefVersion: campaign.briefVersion,
        lines,
        notes: input.notes,
        language,
      }),
      'text/html; charset=utf-8',
    );
    const versionItem = newRecord(
      MediaPlanVersion.type,
      MediaPlanVersion.key(clientId, planId, number),
      {},
      {
        planId,
        campaignId,
        kind: input.kind,
        month: input.month,
        number,
        status: 'draft' as const,
        lines,
        totalCost: totalOf(lines, campaign.budget.currency),
        briefVersion: campaign.briefVersion,
        notes: input.notes,
        document: {
          objectKey: document.objectKey,
          objectVersionId: document.objectVersionId,
          sha256: document.sha256,
        },
        createdBy: caller.staffId,
      },
    );
    const nextPlan: Plan = plan
      ? patched(plan, { latestVersion: number, confirmedVersion: null })
      : fromItem<Plan>(
          newRecord(
            MediaPlan.type,
            MediaPlan.key(clientId, planId),
            {},
            {
              planId,
              campaignId,
              clientId,
              kind: input.kind,
              month: input.month,
              title: planTitle(input.kind, input.month),
              latestVersion: 1,
            },
          ),
        );
    ops.push(
      plan
        ? putIfVersion(planItem(clientId, nextPlan), plan.version, () =>
            conflict(
              'version_conflict',
              'Another version of this plan was created at the same moment; retry.',
            ),
          )
        : putNew(planItem(clientId, nextPlan)),
      ...(plan
        ? []
        : [
            putNew(
              storedItem(
                MediaPlanSlot.type,
                MediaPlanSlot.key(clientId, campaignId, input.kind, input.month),
                {},
                { planId },
              ),
              () => conflict('version_conflict', 'This plan was opened at the same moment; retry.'),
            ),
          ]),
      putNew(versionItem),
      clientAuditEvent(clientId, {
        actorId,
        action: 'media_plan.version_created',
        entityType: 'mediaPlan',
        entityId: planId,
        before: plan,
        after: nextPlan,
      }),
    );
    const result = { plan: nextPlan, version: fromItem<PlanVersion>(versionItem) };
    await transact([...ops, ...remember(result)]);
    // A review of this plan moves on to the new version (an approval never carries over).
    await newSubjectVersion(clientId, planId, number);
    return result;
  });
}

/** Opens a plan for the caller, in one round trip with whatever else is asked (`alsoLoad`). */
async function openPlan(
  actorId: string,
  planId: string,
  alsoLoad: (clientId: string) => PrimaryKey[] = () => [],
) {
  const clientId = clientOfScopedId(planId);
  if (!clientId) throw notFound('Media plan');
  const {
    items: [item, ...items],
  } = await openClient(actorId, clientId, [MediaPlan.key(clientId, planId), ...alsoLoad(clientId)]);
  if (!item) throw notFound('Media plan');
  return { clientId, plan: fromItem<Plan>(item), items };
}

export async function getPlan(actorId: string, planId: string) {
  const { clientId, plan } = await openPlan(actorId, planId);
  const [, ...versions] = await queryAll(MediaPlan.withVersions(clientId, planId));
  return { ...plan, versions: versions.map((v) => fromItem<PlanVersion>(v)) };
}

export async function getPlanVersion(actorId: string, planId: string, number: number): Promise<PlanVersion> {
  const {
    items: [item],
  } = await openPlan(actorId, planId, (c) => [MediaPlanVersion.key(c, planId, number)]);
  if (!item) throw notFound('Media plan version');
  return fromItem<PlanVersion>(item);
}

export async function listCampaignPlans(
  actorId: string,
  campaignId: string,
  page: { limit: number; nextToken?: string },
) {
  const { result } = await openCampaignWith(actorId, campaignId, () =>
    queryPage(MediaPlan.ofCampaign(campaignId), page),
  );
  return { items: result.items.map((i) => fromItem<Plan>(i)), nextToken: result.nextToken };
}

/** The version's document (what the client confirms, by hash), presigned now for a reader of the client. */
export async function downloadPlanVersion(actorId: string, planId: string, number: number) {
  const {
    plan,
    items: [item],
  } = await openPlan(actorId, planId, (c) => [MediaPlanVersion.key(c, planId, number)]);
  if (!item) throw notFound('Media plan version');
  const version = fromItem<PlanVersion>(item);
  return documentDownload(getDraftsBucket(), version.document, downloadSeconds, {
    fileName: planFileName(plan, number),
    contentType: 'text/html; charset=utf-8',
  });
}

/** Presigned links handed out by the API live 5 minutes: a browser follows them at once. */
export const downloadSeconds = 5 * 60;

/** `media-master-plan-2027-03-v2.html`: the plan's title and version, in a file name. */
export const planFileName = (plan: Pick<Plan, 'title'>, number: number) =>
  `${plan.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-v${number}.html`;
