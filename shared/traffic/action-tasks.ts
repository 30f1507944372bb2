import { putItem, type WriteOp } from '../platform/db/table.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { storedItem } from '../platform/records.js';
import { type ReviewTitleParts, reviewTitle } from '../signoff/index.js';
import { ActionTask } from './entities.js';
import { taskWords } from './messages.js';

/**
 * Tasks other contexts set people (issue 15: the next steps agreed in a meeting). Traffic owns
 * everyone's list (`GET /me/tasks`); a context that wants something on it writes an action task
 * through here, in its own transaction, and rewrites it when the action changes (done, moved,
 * reassigned). Traffic knows nothing of where an action comes from beyond its `source` and the
 * path where it is handled.
 */
export interface ActionTaskInput {
  clientId: string;
  /** What set the task (`contact_report`): part of its key, shown with it. */
  source: string;
  /** The record that set it (a contact report id). */
  sourceId: string;
  /** The action within that record (a next step id). */
  actionId: string;
  /** The title as written when set, in the agency's language. */
  title: string;
  /**
   * What the title is made of, so each reader reads it in their language: an action agreed in a
   * meeting (the action and the meeting's subject as their author wrote them). A task set before
   * titles had parts keeps its `title`.
   */
  titleParts?: ActionTitleParts;
  /** The day it is due (the client's calendar). */
  due: string;
  ownerId: string;
  jobId?: string;
  /** Where it is handled (an API path). */
  path: string;
  /** Open: on its owner's list; done or withdrawn: off it. */
  open: boolean;
}

export type ActionTitleParts =
  | { kind: 'agreed'; action: string; meeting: string }
  /** Changes the client asked for on a version under review (the review's title, as the engine words it). */
  | { kind: 'changes'; subject: string; subjectParts?: ReviewTitleParts; version: number };

/** An action task's title as one reader reads it. */
export function actionTitle(task: { title: string; titleParts?: ActionTitleParts }, language: Language) {
  const parts = task.titleParts;
  if (!parts) return task.title;
  if (parts.kind === 'changes') {
    const subject = reviewTitle({ title: parts.subject, titleParts: parts.subjectParts }, language);
    return taskWords[language].changesAsked(subject, parts.version);
  }
  return taskWords[language].agreedAction(parts.action, parts.meeting);
}

/** The title as recorded (the agency's language), with the parts it is made of. */
export const actionTitled = (parts: Extract<ActionTitleParts, { kind: 'agreed' }>) => ({
  title: actionTitle({ title: '', titleParts: parts }, agencyLanguage),
  titleParts: parts,
});

/** The write of an action task (unconditional: the source's own item guards the change in the same transaction). */
export function actionTaskWrite(input: ActionTaskInput): WriteOp {
  return putItem(
    storedItem(
      ActionTask.type,
      ActionTask.key(input.clientId, input.source, input.sourceId, input.actionId),
      ActionTask.indexes(input),
      { ...input },
    ),
  );
}
