import { Client } from '../accounts/entities.js';
import type { Client as ClientView } from '../accounts/index.js';
import { authorize, loadActiveTeam } from '../accounts/index.js';
import { Draft, DraftVersion } from '../creative/entities.js';
import type { DraftVersion as DraftVersionView, Draft as DraftView } from '../creative/index.js';
import { describeReason } from '../creative/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig } from '../platform/config.js';
import {
  checkWhen,
  deleteItem,
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putNew,
  type QueryOptions,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { ScheduledRun } from '../platform/entities.js';
import { AppError, conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { agencyLanguage, formatDay, type Language } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { completeRun, type SegmentedJob, walkUnits } from '../platform/job-segments.js';
import { sendEmail } from '../platform/mailer.js';
import { emailWords } from '../platform/messages.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import {
  addWorkingDays,
  defaultCalendar,
  type WorkingCalendar,
  workingDaysBetween,
} from '../platform/working-days.js';
import { openCampaign } from './campaigns.js';
import { localDate } from './discrepancies.js';
import {
  Booking as BookingEntity,
  MaterialRequisition as MaterialEntity,
  MediaCampaign,
} from './entities.js';
import { mediaNoticeWords } from './messages.js';
import type {
  Booking,
  Campaign,
  CreateMaterialRequisitionInput,
  LinkMaterialInput,
  MaterialRequisition,
} from './schemas.js';

/**
 * Material requisitions (domain.md §5): what a booking's vendor needs (format, size or duration,
 * delivery deadline), answered by linking a draft version of the same client that passed final
 * artwork approval (released to production) and its spec check. An open requisition sits in the
 * sparse GSI2 partition `MATERIAL#OPEN` by deadline; linking closes it and takes it out.
 */

const requisitionItem = (r: MaterialRequisition) =>
  storedItem(
    MaterialEntity.type,
    MaterialEntity.key(r.clientId, r.campaignId, r.bookingId, r.requisitionId),
    MaterialEntity.indexes(r),
    r,
  );

const todayUtc = () => new Date().toISOString().slice(0, 10);

export async function createMaterialRequisition(
  actorId: string,
  campaignId: string,
  bookingId: string,
  input: CreateMaterialRequisitionInput,
  idempotency?: IdempotencyRequest,
) {
  const {
    caller,
    clientId,
    items: [bookingItem],
  } = await openCampaign(actorId, campaignId, (c) => [BookingEntity.key(c, campaignId, bookingId)]);
  authorize(caller, 'media.book');
  return createOnce<MaterialRequisition>(actorId, idempotency, async (remember) => {
    if (!bookingItem) throw notFound('Booking');
    const booking = fromItem<Booking>(bookingItem);
    if (booking.status === 'cancelled') {
      throw conflict('booking_cancelled', 'This booking was cancelled: it needs no material.');
    }
    const line = input.lineId ? booking.lines.find((l) => l.lineId === input.lineId) : undefined;
    if (input.lineId && !line) {
      throw unprocessable('unknown_line', `The booking has no line ${input.lineId}.`, 'body.lineId');
    }
    if (input.deliveryDeadline < todayUtc()) {
      throw unprocessable(
        'deadline_passed',
        `The delivery deadline ${input.deliveryDeadline} has passed.`,
        'body.deliveryDeadline',
      );
    }
    const requisitionId = newScopedId(clientId);
    const fields = {
      requisitionId,
      campaignId,
      clientId,
      bookingId,
      lineId: input.lineId,
      vendor: booking.vendor,
      placement: line?.placement,
      format: input.format,
      widthPx: input.widthPx,
      heightPx: input.heightPx,
      durationSeconds: input.durationSeconds,
      deliveryDeadline: input.deliveryDeadline,
      notes: input.notes,
      status: 'open' as const,
      createdBy: caller.staffId,
    };
    const item = newRecord(
      MaterialEntity.type,
      MaterialEntity.key(clientId, campaignId, bookingId, requisitionId),
      MaterialEntity.indexes(fields),
      fields,
    );
    const requisition = fromItem<MaterialRequisition>(item);
    await transact([
      putNew(item),
      clientAuditEvent(clientId, {
        actorId,
        action: 'material_requisition.created',
        entityType: 'materialRequisition',
        entityId: requisitionId,
        after: item,
      }),
      ...remember(requisition),
    ]);
    return requisition;
  });
}

/** Every item of a campaign's requisitions that passes `filter` (a campaign has few). */
async function requisitionsOf(
  clientId: string,
  campaignId: string,
  filter?: QueryOptions['filter'],
  stopAtFirst = false,
): Promise<MaterialRequisition[]> {
  const found: MaterialRequisition[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(MaterialEntity.ofCampaign(clientId, campaignId), {
      limit: 100,
      nextToken,
      filter,
    });
    found.push(...page.items.map((i) => fromItem<MaterialRequisition>(i)));
    nextToken = page.nextToken;
  } while (nextToken && !(stopAtFirst && found.length > 0));
  return found;
}

export async function listCampaignMaterials(actorId: string, campaignId: string) {
  const { clientId } = await openCampaign(actorId, campaignId);
  return requisitionsOf(clientId, campaignId);
}

export async function listBookingMaterials(actorId: string, campaignId: string, bookingId: string) {
  const {
    clientId,
    items: [booking],
  } = await openCampaign(actorId, campaignId, (c) => [BookingEntity.key(c, campaignId, bookingId)]);
  if (!booking) throw notFound('Booking');
  return requisitionsOf(clientId, campaignId, { expression: 'bookingId = :b', values: { ':b': bookingId } });
}

async function findRequisition(clientId: string, campaignId: string, requisitionId: string) {
  if (clientOfScopedId(requisitionId) !== clientId) throw notFound('Material requisition');
  const [found] = await requisitionsOf(
    clientId,
    campaignId,
    { expression: 'requisitionId = :r', values: { ':r': requisitionId } },
    true,
  );
  if (!found) throw notFound('Material requisition');
  return found;
}

export async function getMaterialRequisition(actorId: string, campaignId: string, requisitionId: string) {
  const { clientId } = await openCampaign(actorId, campaignId);
  return findRequisition(clientId, campaignId, requisitionId);
}

interface Refusal {
  code: string;
  message: string;
}

/** Why a draft version cannot answer a requisition: every reason, first the weightiest. */
function refusals(r: MaterialRequisition, draft: DraftView, version: DraftVersionView): Refusal[] {
  const what = `Version ${version.number} of "${draft.title}"`;
  const out: Refusal[] = [];
  if (!version.releasedToProductionAt) {
    out.push({
      code: 'draft_version_not_released',
      message: `${what} has not passed final artwork approval (it is not released to production).`,
    });
  }
  const check = version.specCheck;
  if (version.status !== 'uploaded' || !check) {
    out.push({ code: 'spec_check_not_passed', message: `${what} has no accepted upload with a spec check.` });
  } else if (check.result !== 'pass') {
    out.push({
      code: 'spec_check_not_passed',
      message: `${what} failed its spec check: ${check.reasons.map(describeReason).join('; ')}.`,
    });
  }
  const facts = (check?.facts ?? {}) as { widthPx?: number; heightPx?: number; durationSeconds?: number };
  if (
    r.widthPx !== undefined &&
    facts.widthPx !== undefined &&
    (facts.widthPx !== r.widthPx || facts.heightPx !== r.heightPx)
  ) {
    out.push({
      code: 'material_size_mismatch',
      message: `${what} is ${facts.widthPx}×${facts.heightPx} px; the vendor needs ${r.widthPx}×${r.heightPx} px.`,
    });
  }
  if (
    r.durationSeconds !== undefined &&
    facts.durationSeconds !== undefined &&
    Math.abs(facts.durationSeconds - r.durationSeconds) > 0.5
  ) {
    out.push({
      code: 'material_duration_mismatch',
      message: `${what} runs ${facts.durationSeconds} s; the vendor needs ${r.durationSeconds} s.`,
    });
  }
  return out;
}

/**
 * Links the material: a version of one of this client's drafts, released to production (final
 * artwork approval) with a passed spec check (and the requisition's size or duration, where both
 * are known). Refused with 409 naming every reason otherwise. Linking closes the requisition.
 */
export async function linkMaterial(
  actorId: string,
  campaignId: string,
  requisitionId: string,
  input: LinkMaterialInput,
  expectedVersion: number,
): Promise<MaterialRequisition> {
  const { caller, clientId } = await openCampaign(actorId, campaignId);
  authorize(caller, 'media.book');
  const requisition = await findRequisition(clientId, campaignId, requisitionId);
  if (requisition.status !== 'open') {
    throw conflict(
      'material_already_linked',
      `Material is already linked: version ${requisition.material?.draftVersion} of draft ${requisition.material?.draftId}.`,
    );
  }
  if (clientOfScopedId(input.draftId) !== clientId) {
    throw conflict(
      'draft_of_other_client',
      "The draft belongs to another client: a booking's material comes from its own client's drafts.",
      'body.draftId',
    );
  }
  const versionKey = DraftVersion.key(clientId, input.draftId, input.draftVersion);
  const [draftItem, versionItem] = await getItems([Draft.key(clientId, input.draftId), versionKey]);
  if (!draftItem || !versionItem) {
    throw unprocessable(
      'unknown_draft_version',
      `Draft ${input.draftId} has no version ${input.draftVersion}.`,
      'body.draftVersion',
    );
  }
  const draft = fromItem<DraftView>(draftItem);
  const version = fromItem<DraftVersionView>(versionItem);
  const refused = refusals(requisition, draft, version);
  if (refused.length > 0) {
    throw new AppError(
      409,
      refused[0]!.code,
      'Conflict',
      refused.map((r) => r.message).join(' '),
      refused.map((r) => ({ field: 'body.draftVersion', message: r.message })),
    );
  }
  const next = patched(requisition, {
    status: 'linked',
    material: {
      draftId: input.draftId,
      draftVersion: input.draftVersion,
      draftTitle: draft.title,
      sha256: version.sha256,
      objectVersionId: version.objectVersionId,
      releasedToProductionAt: version.releasedToProductionAt!,
      linkedAt: now(),
      linkedBy: caller.staffId,
    },
  });
  await transact([
    // Written without GSI2 keys: the requisition leaves the open index.
    putIfVersion(requisitionItem(next), expectedVersion, () =>
      versionConflict('The requisition', expectedVersion),
    ),
    checkWhen(versionKey, { expression: 'attribute_exists(releasedToProductionAt)' }, () =>
      conflict('draft_version_not_released', 'The draft version is not released to production.'),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'material_requisition.linked',
      entityType: 'materialRequisition',
      entityId: requisitionId,
      before: requisition,
      after: next,
    }),
  ]);
  return next;
}

// Warnings while material is missing.

const warningJob = 'material-warnings';
/** Markers of warnings sent are kept this long (TTL), well past any day they could be asked about again. */
const markerRetentionSeconds = 60 * 24 * 60 * 60;

/** Working days before the deadline from which a missing material is warned about (env, default 3). */
function materialWarningWorkingDays(): number {
  const configured = Number(process.env.MATERIAL_WARNING_WORKING_DAYS ?? 3);
  return Number.isInteger(configured) && configured >= 0 ? configured : 3;
}

interface ClientContext {
  client: ClientView;
  calendar: WorkingCalendar;
  recipients: { name: string; email: string; language?: Language }[];
}

async function clientContext(clientId: string): Promise<ClientContext | undefined> {
  const [clientItem, team] = await Promise.all([getItem(Client.key(clientId)), loadActiveTeam(clientId)]);
  if (!clientItem) return undefined;
  const client = fromItem<ClientView>(clientItem);
  return {
    client,
    calendar: client.calendar ?? defaultCalendar,
    recipients: team.map((m) => ({ name: m.name, email: m.email, language: m.language })),
  };
}

class AlreadyWarned extends Error {}

function warningEmail(
  to: ClientContext['recipients'][number],
  r: MaterialRequisition,
  campaign: Campaign,
  ctx: ClientContext,
  due: MaterialDue,
) {
  const { agencyName, publicBaseUrl } = getMailConfig();
  const language = to.language ?? agencyLanguage;
  const words = mediaNoticeWords[language].materialMissing;
  const size = [
    r.widthPx !== undefined ? `${r.widthPx}×${r.heightPx} px` : undefined,
    r.durationSeconds !== undefined ? `${r.durationSeconds} s` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const deadline = formatDay(r.deliveryDeadline, language);
  const when =
    due === 'overdue' ? words.overdue : due === 'today' ? words.dueToday : words.inWorkingDays(due);
  const facts: [string, string][] = [
    [words.client, ctx.client.name],
    [words.campaign, campaign.name],
    [words.vendor, r.vendor],
    ...(r.lineId
      ? ([[words.line, `${r.lineId}${r.placement ? ` — ${r.placement}` : ''}`]] as [string, string][])
      : []),
    [words.format, r.format],
    ...(size ? ([[words.size, size]] as [string, string][]) : []),
    [words.deadline, `${deadline} (${when})`],
  ];
  const url = `${publicBaseUrl}/media-campaigns/${r.campaignId}/materials`;
  const subject = `[${agencyName}] ${words.subject(r.vendor, deadline, campaign.name)}`;
  const lead = words.lead(deadline);
  const hello = mediaNoticeWords[language].hello(to.name);
  const signature = emailWords[language].signature(agencyName);
  const text = [
    hello,
    '',
    lead,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `${words.requisitions}: ${url}`,
    '',
    signature,
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;max-width:640px">
<p>${escapeHtml(hello)}</p>
<p>${escapeHtml(lead)}</p>
<table>${facts.map(([k, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(url)}">${escapeHtml(words.openRequisitions)}</a></p>
<p style="color:#555">${escapeHtml(signature)}</p>
</body></html>`;
  return { to: to.email, subject, text, html };
}

/** When missing material is due: past, today, or in so many working days. */
type MaterialDue = 'overdue' | 'today' | number;

/**
 * Warns the account team about every open requisition whose deadline is at most N working days
 * away (N = MATERIAL_WARNING_WORKING_DAYS, default 3; the client's calendar decides what a
 * working day is, overdue ones included): one email per team member, once per requisition per
 * day (the client's day). Walks the sparse open index by deadline (no Scan), in segments
 * (`JobSegment`), and stops past the furthest deadline any calendar could reach. A ScheduledRun
 * marker, written before the emails, makes a doubled or retried run send nothing twice; a failed
 * send removes its marker so a later run sends it, and counts as a failure.
 */
export const materialWarnings: SegmentedJob = (at, segment) => {
  const days = materialWarningWorkingDays();
  // At least one working day a week (a weekend has at most 6 days), plus a month for holidays.
  const horizon = new Date(at.getTime() + (7 * days + 31) * 86_400_000).toISOString().slice(0, 10);
  const clients = new Map<string, Promise<ClientContext | undefined>>();
  return walkUnits({
    query: MaterialEntity.openByDeadline(),
    segment,
    outcomes: ['warned'],
    pastEnd: (indexed) => String(indexed.deliveryDeadline) > horizon,
    name: (indexed) => String(indexed.requisitionId),
    unit: async (indexed) => {
      const listed = fromItem<MaterialRequisition>(indexed);
      if (!clients.has(listed.clientId)) clients.set(listed.clientId, clientContext(listed.clientId));
      const ctx = await clients.get(listed.clientId)!;
      if (!ctx || ctx.recipients.length === 0) return undefined;
      const threshold = localDate(addWorkingDays(at, days, ctx.calendar), ctx.calendar.timeZone);
      if (listed.deliveryDeadline > threshold) return undefined;
      // The index is eventually consistent: the table says whether it is still open, and still booked.
      const [item, bookingItem, campaignItem] = await getItems([
        MaterialEntity.key(listed.clientId, listed.campaignId, listed.bookingId, listed.requisitionId),
        BookingEntity.key(listed.clientId, listed.campaignId, listed.bookingId),
        MediaCampaign.key(listed.clientId, listed.campaignId),
      ]);
      if (item?.status !== 'open' || !campaignItem || bookingItem?.status === 'cancelled') return undefined;
      const requisition = fromItem<MaterialRequisition>(item);
      const day = localDate(at, ctx.calendar.timeZone);
      const marker = ScheduledRun.key(warningJob, requisition.requisitionId, day);
      try {
        await transact([
          putNew(
            storedItem(
              ScheduledRun.type,
              marker,
              {},
              {
                job: warningJob,
                subjectId: requisition.requisitionId,
                runKey: day,
                at: at.toISOString(),
                expiresAt: Math.floor(at.getTime() / 1000) + markerRetentionSeconds,
              },
            ),
            () => new AlreadyWarned(),
          ),
        ]);
      } catch (error) {
        if (error instanceof AlreadyWarned) return undefined;
        throw error;
      }
      const left = workingDaysBetween(
        at,
        new Date(`${requisition.deliveryDeadline}T12:00:00Z`),
        ctx.calendar,
      );
      const due: MaterialDue =
        requisition.deliveryDeadline < day
          ? 'overdue'
          : requisition.deliveryDeadline === day
            ? 'today'
            : left;
      const campaign = fromItem<Campaign>(campaignItem);
      try {
        for (const person of ctx.recipients) {
          await sendEmail(warningEmail(person, requisition, campaign, ctx, due));
        }
        return 'warned';
      } catch (error) {
        // Let a later run (the next segment's pass, or tomorrow's) send it again.
        await transact([deleteItem(marker)]).catch(() => undefined);
        throw error;
      }
    },
  });
};

/** The whole run at once (`npm run job`, tests); throws when any warning could not be sent. */
export async function warnMissingMaterials(at: Date): Promise<{ warned: number }> {
  const summary = await completeRun(materialWarnings, at, 'Material warnings');
  return { warned: summary.warned ?? 0 };
}
