import { getMailConfig } from '../config.js';
import { ChainToken, Client, Job, MediaCampaign, MediaPlan, MediaPlanSlot } from '../db/entities.js';
import { fromItem, getItem, getItems, putIfVersion, putItem, queryAll, transact } from '../db/table.js';
import { conflict, notFound } from '../errors.js';
import { renderEmail } from '../notify/emails.js';
import { sendEmail } from '../notify/mailer.js';
import type { Client as ClientView } from '../schemas/clients.js';
import type { Job as JobView } from '../schemas/jobs.js';
import type { Campaign, Plan, PlanKind } from '../schemas/media.js';
import { resumeStep } from '../workflow/sfn.js';
import { clientAuditEvent } from './audit.js';
import { campaignItem } from './media-campaigns.js';
import { patched, storedItem } from './records.js';
import { loadTeam } from './review-notices.js';
import { defaultCalendar } from './working-days.js';

/**
 * The media chain (domain.md §5): recommendation confirmed → master plan → confirmed → monthly
 * schedule → confirmed → booking may start. A Standard state machine per campaign waits for
 * each confirmation (a callback task whose token is kept here) and reminds the team weekly
 * while it waits. The gates themselves are in the table (a plan needs the previous stage
 * confirmed; a booking needs its exact schedule version confirmed): the workflow moves the
 * campaign's stage on and tells people, it never decides.
 */
export const chainStages = ['recommendation', 'master_plan', 'monthly_schedule'] as const;
export type ChainStage = (typeof chainStages)[number];

export interface ChainInput {
  clientId: string;
  campaignId: string;
}

const stageOfCampaign: Record<ChainStage, Campaign['stage']> = {
  recommendation: 'recommendation',
  master_plan: 'master_plan',
  monthly_schedule: 'monthly_schedules',
};

const stageLabel: Record<ChainStage, string> = {
  recommendation: 'the media recommendation',
  master_plan: 'the media master plan',
  monthly_schedule: 'a monthly media schedule',
};

/**
 * The campaign; the chain starts a moment before the campaign is recorded, so the first read
 * waits briefly for it (after that the task fails and Step Functions retries with backoff).
 */
async function loadCampaign({ clientId, campaignId }: ChainInput): Promise<Campaign> {
  for (let attempt = 0; ; attempt++) {
    const item = await getItem(MediaCampaign.key(clientId, campaignId));
    if (item) return fromItem<Campaign>(item);
    if (attempt >= 20) throw notFound('Media campaign');
    await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
  }
}

/** Whether the stage is confirmed: its plan has a confirmed version (any month's, for schedules). */
async function isConfirmed({ clientId, campaignId }: ChainInput, stage: ChainStage): Promise<boolean> {
  if (stage !== 'monthly_schedule') {
    const slot = await getItem(MediaPlanSlot.key(clientId, campaignId, stage));
    const plan = slot ? await getItem(MediaPlan.key(clientId, slot.planId as string)) : undefined;
    return plan?.confirmedVersion !== undefined;
  }
  const plans = (await queryAll(MediaPlan.ofCampaign(campaignId))).map((p) => fromItem<Plan>(p));
  const schedules = await getItems(
    plans.filter((p) => p.kind === 'monthly_schedule').map((p) => MediaPlan.key(clientId, p.planId)),
  );
  return schedules.some((p) => p?.confirmedVersion !== undefined);
}

async function moveCampaign(campaign: Campaign, stage: Campaign['stage']): Promise<Campaign> {
  if (campaign.stage === stage) return campaign;
  const next = patched(campaign, { stage });
  await transact([
    putIfVersion(campaignItem(next), campaign.version, () =>
      conflict('version_conflict', 'The campaign changed concurrently.'),
    ),
    clientAuditEvent(campaign.clientId, {
      actorId: campaign.createdBy,
      action: `media_campaign.stage_${stage}`,
      entityType: 'mediaCampaign',
      entityId: campaign.campaignId,
      before: campaign,
      after: next,
    }),
  ]);
  return next;
}

async function tellTeam(campaign: Campaign, subject: string, paragraph: string): Promise<void> {
  const [[clientItem, jobItem], team] = await Promise.all([
    getItems([Client.key(campaign.clientId), Job.key(campaign.clientId, campaign.jobId)]),
    loadTeam(campaign.clientId),
  ]);
  const client = fromItem<ClientView>(clientItem!);
  const job = fromItem<JobView>(jobItem!);
  const facts = {
    agencyName: getMailConfig().agencyName,
    clientName: client.name,
    jobNumber: job.jobNumber,
    jobTitle: job.title,
    subjectNoun: 'Media campaign',
    title: campaign.name,
    version: campaign.briefVersion,
    stepLabel: 'media chain',
    deadline: `${campaign.flightStart}T00:00:00.000Z`,
    timeZone: (client.calendar ?? defaultCalendar).timeZone,
    requestedBy: 'Account Desk',
  };
  for (const member of team) {
    await sendEmail(
      renderEmail(facts, {
        to: member.email,
        subject: `${subject}: ${campaign.name}`,
        greeting: `Hello ${member.name},`,
        paragraphs: [paragraph, `The flight starts ${campaign.flightStart}.`],
        action: {
          label: 'Open the campaign',
          url: `${getMailConfig().publicBaseUrl}/media-campaigns/${campaign.campaignId}/plans`,
        },
      }),
    );
  }
}

/**
 * The waiting task's first act: keep the token for the stage, move the campaign to it and tell
 * the team what is awaited. A stage confirmed already (before the wait began) resumes at once.
 */
export async function awaitStage(
  input: ChainInput & { stage: ChainStage; taskToken: string },
): Promise<void> {
  const campaign = await loadCampaign(input);
  await transact([
    putItem(
      storedItem(
        ChainToken.type,
        ChainToken.key(input.clientId, input.campaignId, input.stage),
        {},
        {
          taskToken: input.taskToken,
        },
      ),
    ),
  ]);
  if (await isConfirmed(input, input.stage)) {
    await resumeStep(input.taskToken, { stage: input.stage, confirmed: true });
    return;
  }
  if (campaign.stage !== stageOfCampaign[input.stage]) {
    await moveCampaign(campaign, stageOfCampaign[input.stage]);
    await tellTeam(
      campaign,
      'Next in the media chain',
      `The campaign now waits for the client to confirm ${stageLabel[input.stage]}.`,
    );
  }
}

/** A week passed without the confirmation: remind the team, or end once the flight is over. */
export async function stageOverdue(
  input: ChainInput & { stage: ChainStage },
): Promise<{ action: 'next' | 'await' | 'lapsed' }> {
  if (await isConfirmed(input, input.stage)) return { action: 'next' };
  const campaign = await loadCampaign(input);
  if (campaign.flightEnd < new Date().toISOString().slice(0, 10)) return { action: 'lapsed' };
  await tellTeam(
    campaign,
    'Still waiting for a confirmation',
    `The client has not confirmed ${stageLabel[input.stage]} yet; the flight starts ${campaign.flightStart}. Nothing may be booked before their written confirmation.`,
  );
  return { action: 'await' };
}

/** The first monthly schedule is confirmed: bookings may start (each still checks its own schedule version). */
export async function openBooking(input: ChainInput): Promise<void> {
  const campaign = await loadCampaign(input);
  if (campaign.stage === 'booking') return;
  await moveCampaign(campaign, 'booking');
  await tellTeam(
    campaign,
    'Bookings may start',
    'A monthly schedule is confirmed by the client: its lines may be booked.',
  );
}

/** A plan of `kind` was confirmed: the chain, if it waits for that stage, moves on. */
export async function stageConfirmed(clientId: string, campaignId: string, kind: PlanKind): Promise<void> {
  const token = await getItem(ChainToken.key(clientId, campaignId, kind));
  if (token?.taskToken) await resumeStep(token.taskToken as string, { stage: kind, confirmed: true });
}
