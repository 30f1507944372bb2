import { Staff } from '../accounts/entities.js';
import { afterCommit } from '../platform/after-commit.js';
import { clientAuditEvent } from '../platform/audit.js';
import { fromItem, getItem, putIfVersion, putNew, queryAll, transact } from '../platform/db/table.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { formatDay, type Language } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { assertMayDecideProposal } from './authority.js';
import { ScheduleProposal } from './entities.js';
import { trafficNoticeWords } from './messages.js';
import { milestoneName } from './milestone-names.js';
import { applyChange, computeSchedule } from './milestones.js';
import { pathUrl, readerLanguage, schedulePath, sendNotice, timeKeepers } from './notices.js';
import { describeChange, openScheduleScope, saveChange } from './schedules.js';
import type { CreateProposalInput, Proposal, ProposalDecisionInput } from './schemas.js';

/**
 * Someone who may not move a milestone (domain.md §2: only the job's AE and the traffic
 * coordinator reschedule) proposes the move; the AE or the traffic coordinator accepts it — the
 * move is then saved in the same transaction as the decision — or declines it. Both are recorded
 * in the job's activity, and the proposer hears the answer.
 */
const proposalItem = (p: Proposal) =>
  storedItem(ScheduleProposal.type, ScheduleProposal.key(p.clientId, p.jobId, p.proposalId), {}, p);

export async function createProposal(
  actorId: string,
  jobId: string,
  input: CreateProposalInput,
  idempotency?: IdempotencyRequest,
) {
  const outcome = await createOnce<Proposal>(actorId, idempotency, async (remember) => {
    const scope = await openScheduleScope(actorId, jobId);
    if (!scope.schedule) throw notFound('Schedule');
    const current = computeSchedule(scope.schedule, scope.calendar);
    const m = current.milestones.find((x) => x.milestoneId === input.milestoneId);
    if (!m) {
      throw unprocessable(
        'unknown_milestone',
        `${input.milestoneId} is not a milestone of this schedule.`,
        'body.milestoneId',
      );
    }
    // The same refusals as a move: a proposal that could never be accepted is refused now.
    const move = {
      milestoneId: input.milestoneId,
      ...(input.start !== undefined ? { start: input.start } : {}),
      ...(input.durationDays !== undefined ? { durationDays: input.durationDays } : {}),
    };
    const next = applyChange(current, { moves: [move] }, scope.calendar);
    const effect = describeChange(current, next, scope.calendar);
    const proposalId = newId();
    const item = newRecord(
      ScheduleProposal.type,
      ScheduleProposal.key(scope.clientId, jobId, proposalId),
      {},
      {
        proposalId,
        jobId,
        clientId: scope.clientId,
        milestoneId: m.milestoneId,
        milestoneName: m.name,
        ...(m.nameKey ? { milestoneNameKey: m.nameKey } : {}),
        current: { start: m.start, due: m.due, durationDays: m.durationDays },
        proposed: {
          ...(input.start !== undefined ? { start: input.start } : {}),
          ...(input.durationDays !== undefined ? { durationDays: input.durationDays } : {}),
        },
        preview: { endDate: effect.endDate.to, shiftDays: effect.shiftDays, moved: effect.moved.length },
        reason: input.reason,
        proposedBy: scope.caller.staffId,
        status: 'pending' as const,
      },
    );
    const proposal = fromItem<Proposal>(item);
    await transact([
      putNew(item),
      clientAuditEvent(scope.clientId, {
        actorId,
        action: 'schedule.change_proposed',
        entityType: 'scheduleProposal',
        entityId: proposalId,
        after: proposal,
      }),
      ...remember(proposal),
    ]);
    // Proposed: the deciders hear of it by email, which cannot undo it (nor re-send: only logged).
    await afterCommit(
      'The deciders were not emailed of a proposed schedule change',
      { jobId, proposalId },
      async () => {
        const deciders = await timeKeepers(scope.clientId, scope.job.ownerId);
        for (const person of deciders) {
          const language = readerLanguage(person);
          const words = trafficNoticeWords[language];
          const day = (date: string) => formatDay(date, language);
          const changes = [
            input.start !== undefined ? words.proposed.startOn(day(input.start), day(m.start)) : undefined,
            input.durationDays !== undefined
              ? words.proposed.take(input.durationDays, m.durationDays)
              : undefined,
          ].filter((change): change is string => change !== undefined);
          await sendNotice({
            to: person.email,
            language,
            subject: words.proposed.subject(milestoneName(m, language), scope.job.jobNumber),
            greeting: words.hello(person.name),
            paragraphs: [
              words.proposed.proposes(
                scope.caller.name,
                milestoneName(m, language),
                `${scope.job.jobNumber} — ${scope.job.title} (${scope.client.name})`,
                changes,
              ),
              words.proposed.reason(input.reason),
              effect.shiftDays === 0
                ? words.proposed.stillEnds(day(effect.endDate.to))
                : words.proposed.wouldEnd(day(effect.endDate.to), effect.shiftDays),
              words.proposed.decide,
            ],
            action: {
              label: words.proposed.openProposal,
              url: pathUrl(`/jobs/${jobId}/schedule/proposals/${proposalId}/decision`),
            },
          });
        }
      },
    );
    return proposal;
  });
  return outcome;
}

export async function listProposals(actorId: string, jobId: string, status: Proposal['status'] | 'all') {
  const scope = await openScheduleScope(actorId, jobId);
  const items = (await queryAll(ScheduleProposal.ofJob(scope.clientId, jobId))).map((i) =>
    fromItem<Proposal>(i),
  );
  return { items: items.filter((p) => status === 'all' || p.status === status) };
}

export async function decideProposal(
  actorId: string,
  jobId: string,
  proposalId: string,
  input: ProposalDecisionInput,
): Promise<Proposal> {
  const scope = await openScheduleScope(actorId, jobId);
  const stored = await getItem(ScheduleProposal.key(scope.clientId, jobId, proposalId));
  if (!stored || !scope.schedule) throw notFound('Proposal');
  const proposal = fromItem<Proposal>(stored);
  assertMayDecideProposal(scope.caller, scope.job);
  if (proposal.status !== 'pending') {
    throw conflict('proposal_decided', `This proposal was already ${proposal.status}.`);
  }
  const decided = (appliedInVersion?: number) =>
    patched(proposal, {
      status: input.decision === 'accept' ? 'accepted' : 'declined',
      decidedBy: scope.caller.staffId,
      decidedAt: new Date().toISOString(),
      comment: input.comment,
      appliedInVersion,
    });
  const decisionWrites = (next: Proposal) => [
    putIfVersion(proposalItem(next), proposal.version, () =>
      conflict('proposal_decided', 'This proposal was decided at the same moment.'),
    ),
    clientAuditEvent(scope.clientId, {
      actorId,
      action: `schedule.change_${next.status}`,
      entityType: 'scheduleProposal',
      entityId: proposalId,
      before: proposal,
      after: next,
    }),
  ];
  let result: Proposal;
  if (input.decision === 'accept') {
    const move = {
      milestoneId: proposal.milestoneId,
      ...(proposal.proposed.start !== undefined ? { start: proposal.proposed.start } : {}),
      ...(proposal.proposed.durationDays !== undefined
        ? { durationDays: proposal.proposed.durationDays }
        : {}),
    };
    let accepted: Proposal | undefined;
    await saveChange(
      actorId,
      jobId,
      scope.schedule.version,
      { moves: [move], note: `Proposed change accepted: ${proposal.reason}` },
      (saved) => {
        accepted = decided(saved.version);
        return decisionWrites(accepted);
      },
    );
    result = accepted!;
  } else {
    result = decided();
    await transact(decisionWrites(result));
  }
  // Decided: the proposer hears of it by email, which cannot undo it (nor re-send: only logged).
  await afterCommit(
    'The proposer was not emailed of the decision on a schedule change',
    { jobId, proposalId },
    async () => {
      const proposer = await getItem(Staff.key(proposal.proposedBy));
      if (proposer?.active) {
        const language = readerLanguage({ language: proposer.language as Language | undefined });
        const words = trafficNoticeWords[language];
        const accepted = result.status === 'accepted';
        const name = milestoneName(
          { name: proposal.milestoneName, nameKey: proposal.milestoneNameKey },
          language,
        );
        await sendNotice({
          to: proposer.email as string,
          language,
          subject: words.decided.subject(accepted, name, scope.job.jobNumber),
          greeting: words.hello(proposer.name as string),
          paragraphs: [
            words.decided.paragraph(
              scope.caller.name,
              accepted,
              name,
              `${scope.job.jobNumber} — ${scope.job.title}`,
            ),
            ...(input.comment ? [words.decided.comment(input.comment)] : []),
          ],
          action: { label: words.openSchedule, url: pathUrl(schedulePath(jobId)) },
        });
      }
    },
  );
  return result;
}
