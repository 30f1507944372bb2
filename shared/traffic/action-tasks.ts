import { putItem, type WriteOp } from '../platform/db/table.js';
import { storedItem } from '../platform/records.js';
import { ActionTask } from './entities.js';

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
  title: string;
  /** The day it is due (the client's calendar). */
  due: string;
  ownerId: string;
  jobId?: string;
  /** Where it is handled (an API path). */
  path: string;
  /** Open: on its owner's list; done or withdrawn: off it. */
  open: boolean;
}

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
