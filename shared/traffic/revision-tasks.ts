import { Client } from '../accounts/entities.js';
import type { Client as ClientView } from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import type { Job as JobView } from '../jobs/index.js';
import { fromItem, getItem, getItems, transact } from '../platform/db/table.js';
import { agencyLanguage } from '../platform/i18n.js';
import { defaultCalendar } from '../platform/working-days.js';
import { Review as ReviewEntity, ReviewStep as StepEntity } from '../signoff/entities.js';
import {
  type Review,
  type ReviewStep,
  type SignOffStepFacts,
  type Stage,
  subjectChainPath,
} from '../signoff/index.js';
import { type ActionTaskInput, type ActionTitleParts, actionTaskWrite, actionTitle } from './action-tasks.js';
import { ActionTask } from './entities.js';
import { dateInZone } from './planning.js';

/**
 * Changes the client asked for, on the job owner's list (the AE's My work) until they are
 * answered: when the client's step (or its final artwork) ends in a request for changes, the
 * review waits for a new version in a revision step; that step's opening puts the task on the
 * AE's list, due when the revision is, and its settling — a new version took over, or it expired —
 * or the review's end (cancelled included) takes it off. One task per review, rewritten for a
 * later round of changes.
 */
export const revisionTaskSource = 'review';
const revisionTaskAction = 'changes';
const clientStages: readonly Stage[] = ['client', 'final_artwork'];

export async function openRevisionTask(facts: SignOffStepFacts): Promise<void> {
  const { clientId, reviewId, jobId } = facts;
  const [asked, review, job, client] = await getItems([
    StepEntity.key(clientId, reviewId, facts.stepNo - 1),
    ReviewEntity.key(clientId, reviewId),
    Job.key(clientId, jobId),
    Client.key(clientId),
  ]);
  if (!asked || !review || !job) return;
  const step = fromItem<ReviewStep>(asked);
  // A revision the agency asked for itself (internal review, a failed spec check) is the makers' loop.
  if (!clientStages.includes(step.stage) || step.status !== 'changes_requested') return;
  const { title, titleParts } = fromItem<Review>(review);
  const parts: ActionTitleParts = {
    kind: 'changes',
    subject: title,
    ...(titleParts ? { subjectParts: titleParts } : {}),
    version: facts.version,
  };
  const { timeZone } = (client ? fromItem<ClientView>(client).calendar : undefined) ?? defaultCalendar;
  await transact([
    actionTaskWrite({
      clientId,
      source: revisionTaskSource,
      sourceId: reviewId,
      actionId: revisionTaskAction,
      title: actionTitle({ title: '', titleParts: parts }, agencyLanguage),
      titleParts: parts,
      due: dateInZone(facts.deadline, timeZone),
      ownerId: fromItem<JobView>(job).ownerId,
      jobId,
      path: subjectChainPath(facts.subjectType, facts.subjectId),
      open: true,
    }),
  ]);
}

export async function closeRevisionTask(facts: { clientId: string; reviewId: string }): Promise<void> {
  const item = await getItem(
    ActionTask.key(facts.clientId, revisionTaskSource, facts.reviewId, revisionTaskAction),
  );
  if (!item?.open) return;
  await transact([actionTaskWrite({ ...fromItem<ActionTaskInput>(item), open: false })]);
}
