import { Client } from '../accounts/entities.js';
import type { ActiveMember, Client as ClientView, StaffRole } from '../accounts/index.js';
import { isAllowed, loadActiveTeam } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig } from '../platform/config.js';
import {
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putItem,
  putWhen,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { renderEmail } from '../platform/emails.js';
import { AppError, conflict, forbidden, notFound } from '../platform/errors.js';
import { agencyLanguage, formatDay, type Language } from '../platform/i18n.js';
import { sendEmail } from '../platform/mailer.js';
import { now, patched, storedItem } from '../platform/records.js';
import {
  resumeStep,
  type StoppedExecution,
  startMediaChainExecution,
  startNextRun,
  stopExecution,
  stoppedRecord,
  type TaskContext,
  taskNow,
} from '../platform/workflow.js';
import { defaultCalendar } from '../platform/working-days.js';
import { campaignItem, openCampaign } from './campaigns.js';
import { ChainToken, MediaCampaign, MediaPlan, MediaPlanSlot } from './entities.js';
import { mediaNoticeWords } from './messages.js';
import type { Campaign, Plan, PlanKind } from './schemas.js';

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

/** A chain task's input: the campaign, and when its state was entered (its "now"; see `TaskContext`). */
export type ChainTaskInput = ChainInput & TaskContext;

const stageOfCampaign: Record<ChainStage, Campaign['stage']> = {
  recommendation: 'recommendation',
  master_plan: 'master_plan',
  monthly_schedule: 'monthly_schedules',
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

/** What the team is told, in one reader's words. */
type TeamNotice = (
  words: (typeof mediaNoticeWords)[Language]['chain'],
  language: Language,
) => {
  subject: string;
  paragraph: string;
};

/** Emails the campaign's active account team (or those of it `who` picks), each in their own language. */
async function tellTeam(
  campaign: Campaign,
  notice: TeamNotice,
  who: (member: ActiveMember) => boolean = () => true,
): Promise<void> {
  const [[clientItem, jobItem], team] = await Promise.all([
    getItems([Client.key(campaign.clientId), Job.key(campaign.clientId, campaign.jobId)]),
    loadActiveTeam(campaign.clientId),
  ]);
  const client = fromItem<ClientView>(clientItem!);
  const job = fromItem<JobView>(jobItem!);
  for (const member of team.filter(who)) {
    const language = member.language ?? agencyLanguage;
    const words = mediaNoticeWords[language];
    const { subject, paragraph } = notice(words.chain, language);
    const facts = {
      agencyName: getMailConfig().agencyName,
      clientName: client.name,
      jobNumber: job.jobNumber,
      jobTitle: job.title,
      subjectNoun: words.chain.subjectNoun,
      title: campaign.name,
      version: campaign.briefVersion,
      stepLabel: words.chain.stepLabel,
      deadline: `${campaign.flightStart}T00:00:00.000Z`,
      timeZone: (client.calendar ?? defaultCalendar).timeZone,
      requestedBy: words.chain.requestedBy,
      language,
    };
    await sendEmail(
      renderEmail(facts, {
        to: member.email,
        subject: `${subject}: ${campaign.name}`,
        greeting: words.hello(member.name),
        paragraphs: [paragraph, words.chain.flightStarts(formatDay(campaign.flightStart, language))],
        action: {
          label: words.chain.openCampaign,
          url: `${getMailConfig().publicBaseUrl}/media-campaigns/${campaign.campaignId}/plans`,
        },
      }),
    );
  }
}

/** The wait of a stage: its task token, when it began, and whether this wait's reminder went out. */
interface ChainWait {
  taskToken: string;
  waitingSince?: string;
  remindedFor?: string;
}

const chainWaitItem = (input: ChainInput & { stage: ChainStage }, wait: ChainWait) =>
  storedItem(ChainToken.type, ChainToken.key(input.clientId, input.campaignId, input.stage), {}, wait);

/**
 * The waiting task's first act: keep the token for the stage (with when the wait began), tell
 * the team what is awaited and move the campaign to the stage. A stage confirmed already (before
 * the wait began) resumes at once. Idempotent: a repeat finds the campaign at the stage and only
 * stores the token again. Told first, moved after: a retry may repeat the email, never skip it.
 */
export async function awaitStage(
  input: ChainTaskInput & { stage: ChainStage; taskToken: string },
): Promise<void> {
  const campaign = await loadCampaign(input);
  await transact([
    putItem(chainWaitItem(input, { taskToken: input.taskToken, waitingSince: taskNow(input).toISOString() })),
  ]);
  if (await isConfirmed(input, input.stage)) {
    await resumeStep(input.taskToken, { stage: input.stage, confirmed: true });
    return;
  }
  if (campaign.stage !== stageOfCampaign[input.stage]) {
    await tellTeam(campaign, (words) => ({
      subject: words.next.subject,
      paragraph: words.next.paragraph(words.stages[input.stage]),
    }));
    await moveCampaign(campaign, stageOfCampaign[input.stage]);
  }
}

/**
/**
 * A week passed without the confirmation: remind the team, or end — once the flight is over (as
 * of the task's "now"), or once the chain has waited `maxWaits` weeks in all (a Standard execution
 * lives one year at most: the chain lapses by itself before that, and says so). `waits` counts the
 * weeks waited before this one; the answer carries the new count. The reminder goes once per wait:
 * it is recorded on the wait (`remindedFor` = when the wait began), so a repeated call sends
 * nothing twice.
 */
export async function stageOverdue(
  input: ChainTaskInput & { stage: ChainStage; waits: number; maxWaits: number },
): Promise<{ action: 'next' | 'await' | 'lapsed'; waits: number }> {
  const waits = input.waits + 1;
  if (await isConfirmed(input, input.stage)) return { action: 'next', waits };
  const campaign = await loadCampaign(input);
  const flightOver = campaign.flightEnd < taskNow(input).toISOString().slice(0, 10);
  if (flightOver || waits >= input.maxWaits) {
    await chainLapsed(campaign, input.stage, (words, language) =>
      flightOver
        ? words.lapsed.flightOver(formatDay(campaign.flightEnd, language), words.stages[input.stage])
        : words.lapsed.tooLong(words.stages[input.stage], waits),
    );
    return { action: 'lapsed', waits };
  }
  const stored = await getItem(ChainToken.key(input.clientId, input.campaignId, input.stage));
  const wait = stored ? fromItem<ChainWait>(stored) : undefined;
  if (wait?.waitingSince && wait.remindedFor === wait.waitingSince) return { action: 'await', waits };
  await tellTeam(campaign, (words, language) => ({
    subject: words.reminder.subject,
    paragraph: words.reminder.paragraph(words.stages[input.stage], formatDay(campaign.flightStart, language)),
  }));
  if (wait?.waitingSince) {
    const since = wait.waitingSince;
    await transact([
      putWhen(
        chainWaitItem(input, { ...wait, remindedFor: since }),
        { expression: 'waitingSince = :since', values: { ':since': since } },
        () => conflict('wait_moved_on', 'A new wait began meanwhile.'),
      ),
    ]).catch((error: unknown) => {
      // A new wait began meanwhile: its reminder is its own.
      if (!(error instanceof AppError && error.code === 'wait_moved_on')) throw error;
    });
  }
  return { action: 'await', waits };
}

/**
 * The chain stops following the campaign: the team told, then the lapse recorded on the campaign
 * with its activity event. A repeated call finds it recorded and does nothing; a retry after a
 * failed record may repeat the email, never skip it. Bookings still need a confirmed schedule.
 */
async function chainLapsed(
  campaign: Campaign,
  stage: ChainStage,
  why: (words: (typeof mediaNoticeWords)[Language]['chain'], language: Language) => string,
): Promise<void> {
  if (campaign.chainLapsedAt) return;
  await tellTeam(campaign, (words, language) => ({
    subject: words.lapsed.subject,
    paragraph: words.lapsed.paragraph(why(words, language), words.stages[stage]),
  }));
  const next = patched(campaign, { chainLapsedAt: now() });
  await transact([
    putIfVersion(campaignItem(next), campaign.version, () =>
      conflict('version_conflict', 'The campaign changed concurrently.'),
    ),
    clientAuditEvent(campaign.clientId, {
      actorId: campaign.createdBy,
      action: 'media_campaign.chain_lapsed',
      entityType: 'mediaCampaign',
      entityId: campaign.campaignId,
    }),
  ]);
}

/**
 * The first monthly schedule is confirmed: bookings may start (each still checks its own schedule
 * version). Told first, moved after; a repeat finds the campaign at booking and does nothing.
 */
export async function openBooking(input: ChainTaskInput): Promise<void> {
  const campaign = await loadCampaign(input);
  if (campaign.stage === 'booking') return;
  await tellTeam(campaign, (words) => ({
    subject: words.bookingOpen.subject,
    paragraph: words.bookingOpen.paragraph,
  }));
  await moveCampaign(campaign, 'booking');
}

/** The chain execution that runs a campaign now (the first is named after the campaign). */
const chainExecutionOf = (campaign: Campaign) => campaign.chainExecution ?? campaign.campaignId;

const restartCall = (campaignId: string) => `POST /media-campaigns/${campaignId}/chain/restart`;

/**
 * The campaign's media chain stopped without finishing (a task kept failing, it timed out or was
 * stopped). Only its current execution counts: a stop of one whose campaign was never recorded,
 * or that a restart replaced, changes nothing. The campaign records why (`chainFailure`), and its
 * creator and the team's AEs are told how to restart it. Returns whether it was marked.
 */
export async function chainStopped(input: ChainInput, stopped: StoppedExecution): Promise<boolean> {
  const item = await getItem(MediaCampaign.key(input.clientId, input.campaignId));
  if (!item) return false;
  const campaign = fromItem<Campaign>(item);
  if (campaign.chainFailure || chainExecutionOf(campaign) !== stopped.executionName) return false;
  const failed = patched(campaign, { chainFailure: stoppedRecord(stopped) });
  // Told first, recorded after: a redelivered event may repeat the email, never skip it.
  await tellTeam(
    campaign,
    (words) => ({
      subject: words.stopped.subject,
      paragraph: words.stopped.paragraph(failed.chainFailure!.reason, restartCall(campaign.campaignId)),
    }),
    (m) => m.staffId === campaign.createdBy || m.role === 'account_executive',
  );
  await transact([
    putIfVersion(campaignItem(failed), campaign.version, () =>
      conflict('version_conflict', 'The campaign changed concurrently.'),
    ),
    clientAuditEvent(campaign.clientId, {
      actorId: campaign.createdBy,
      action: 'media_campaign.chain_failed',
      entityType: 'mediaCampaign',
      entityId: campaign.campaignId,
      before: campaign,
      after: failed,
    }),
  ]);
  return true;
}

/**
 * Staff restart a stopped media chain: a new execution (`<campaignId>-run<n>`, see `startNextRun`) that starts at the
 * first stage and, reading the confirmations from the table, moves at once to the stage the
 * campaign waits at. Recorded like a campaign's first start: the execution first, then the
 * campaign naming it (the execution is stopped if that fails).
 */
export async function restartChain(actorId: string, campaignId: string): Promise<Campaign> {
  const { caller, campaign } = await openCampaign(actorId, campaignId);
  if (!isAllowed(caller.role as StaffRole, 'workflow.manage')) {
    throw forbidden('Only an account executive or above may restart a campaign’s media chain.');
  }
  if (!campaign.chainFailure) {
    throw conflict(
      'chain_not_failed',
      'This campaign’s media chain has not stopped: there is nothing to restart.',
    );
  }
  const {
    name: chainExecution,
    run: chainRuns,
    executionArn,
  } = await startNextRun(startMediaChainExecution, campaign.campaignId, (campaign.chainRuns ?? 1) + 1, {
    clientId: campaign.clientId,
    campaignId: campaign.campaignId,
  });
  const next = patched(campaign, { chainExecution, chainRuns, chainFailure: null });
  const movedOn = () =>
    conflict('version_conflict', 'The campaign changed at the same moment: reload it and try again.');
  try {
    await transact([
      putIfVersion(campaignItem(next), campaign.version, movedOn),
      clientAuditEvent(campaign.clientId, {
        actorId: caller.staffId,
        action: 'media_campaign.chain_restarted',
        entityType: 'mediaCampaign',
        entityId: campaign.campaignId,
        before: campaign,
        after: next,
      }),
    ]);
  } catch (error) {
    const again = await loadCampaign(campaign);
    if (chainExecutionOf(again) === chainExecution && !again.chainFailure) return again;
    await stopExecution(executionArn, 'ChainNotRestarted', 'The restart was not recorded.').catch(
      () => undefined,
    );
    throw error;
  }
  return next;
}

/** A plan of `kind` was confirmed: the chain, if it waits for that stage, moves on. */
export async function stageConfirmed(clientId: string, campaignId: string, kind: PlanKind): Promise<void> {
  const token = await getItem(ChainToken.key(clientId, campaignId, kind));
  if (token?.taskToken) await resumeStep(token.taskToken as string, { stage: kind, confirmed: true });
}
