import { Brand, Staff, TeamMembership } from '../accounts/entities.js';
import type { StaffMember } from '../accounts/index.js';
import {
  authorize,
  type Caller,
  clientView,
  isExecutiveOrAbove,
  loadCaller,
  openClient,
  openClientWith,
  openOwnedItem,
  visibleClientIds,
} from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  backoff,
  fromItem,
  getItem,
  getItems,
  type Page,
  putIfVersion,
  putNew,
  putWhen,
  queryViews,
  TransactionRaceError,
  transact,
} from '../platform/db/table.js';
import { badRequest, conflict, forbidden, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { Job, JobSequence } from './entities.js';
import { canMove, nextStatuses } from './job-status.js';
import type { CreateJobInput, JobListQuery, Job as JobView, UpdateJobInput } from './schemas.js';

export const formatJobNumber = (code: string, year: number, sequence: number) =>
  `${code}-${year}-${String(sequence).padStart(4, '0')}`;

/** A job owner is an active AE or above on the client's team (or the head, who sees all). */
async function checkOwner(clientId: string, ownerId: string, field: string): Promise<void> {
  const [staffItem, membershipItem] = await getItems([
    Staff.key(ownerId),
    TeamMembership.key(clientId, ownerId),
  ]);
  const owner = staffItem && fromItem<StaffMember>(staffItem);
  if (!owner?.active || !isExecutiveOrAbove(owner.role)) {
    throw badRequest('invalid_owner', 'The owner must be an active account executive or above.', field);
  }
  if (!membershipItem && owner.role !== 'head_of_accounts') {
    throw badRequest('invalid_owner', "The owner must be on the client's account team.", field);
  }
}

/** Concurrent creates race for the next number; the loser reads the counter again. */
const maxNumberingAttempts = 30;

class SequenceTaken extends Error {}

export async function openJob(actorId: string, input: CreateJobInput, idempotency?: IdempotencyRequest) {
  return createOnce<JobView>(actorId, idempotency, async (remember) => {
    const year = new Date().getUTCFullYear();
    const { caller, clientItem, items } = await openClient(actorId, input.clientId, [
      Brand.key(input.clientId, input.brandId),
      JobSequence.key(input.clientId, year),
    ]);
    authorize(caller, 'job.open');
    const [brandItem] = items;
    let sequenceItem = items[1];
    if (!brandItem)
      throw badRequest('unknown_brand', 'brandId is not a brand of this client.', 'body.brandId');
    const client = clientView(clientItem);
    if (!client.intakeCompleteness.complete) {
      throw unprocessable(
        'intake_incomplete',
        `Complete the client's intake before opening a job (missing: ${client.intakeCompleteness.missing.join(', ')}).`,
        'body.clientId',
      );
    }
    const ownerId = input.ownerId ?? caller.staffId;
    if (input.ownerId && input.ownerId !== caller.staffId)
      await checkOwner(input.clientId, ownerId, 'body.ownerId');

    for (let attempt = 0; ; attempt++) {
      const last = (sequenceItem?.last as number | undefined) ?? 0;
      const sequence = last + 1;
      const at = now();
      const jobId = newScopedId(input.clientId);
      const fields = {
        jobId,
        jobNumber: formatJobNumber(client.code, year, sequence),
        clientId: input.clientId,
        brandId: input.brandId,
        title: input.title,
        type: input.type,
        status: 'open' as const,
        ownerId,
        description: input.description,
        dueDate: input.dueDate,
        budget: input.budget,
        statusHistory: [{ to: 'open' as const, at, by: caller.staffId }],
        createdBy: caller.staffId,
      };
      const item = newRecord(Job.type, Job.key(input.clientId, jobId), Job.indexes(fields), fields, at);
      const view = fromItem<JobView>(item);
      try {
        await transact([
          // The number is taken only if the counter is still where it was read.
          putWhen(
            { ...JobSequence.key(input.clientId, year), itemType: JobSequence.type, last: sequence },
            sequenceItem
              ? { expression: '#last = :last', names: { '#last': 'last' }, values: { ':last': last } }
              : { expression: 'attribute_not_exists(PK)' },
            () => new SequenceTaken(),
          ),
          putNew(item),
          clientAuditEvent(input.clientId, {
            actorId,
            action: 'job.opened',
            entityType: 'job',
            entityId: jobId,
            after: item,
          }),
          ...remember(view),
        ]);
        return view;
      } catch (error) {
        const raced = error instanceof SequenceTaken || error instanceof TransactionRaceError;
        if (!raced || attempt + 1 >= maxNumberingAttempts) throw error;
        await backoff(attempt);
        sequenceItem = await getItem(JobSequence.key(input.clientId, year));
      }
    }
  });
}

export async function openJobScope(actorId: string, jobId: string) {
  const { caller, clientId, item } = await openOwnedItem<JobView>(actorId, jobId, 'Job', (c) =>
    Job.key(c, jobId),
  );
  return { caller, clientId, job: item };
}

export async function getJob(actorId: string, jobId: string): Promise<JobView> {
  return (await openJobScope(actorId, jobId)).job;
}

/** Rescheduling moves only the due date; every other field is a change to the job itself. */
const rescheduleFields: readonly (keyof UpdateJobInput)[] = ['dueDate'];

function authorizeJobChange(caller: Caller, patch: UpdateJobInput) {
  if (patch.status !== undefined) authorize(caller, 'job.changeStatus');
  if (patch.ownerId !== undefined) authorize(caller, 'job.reassign');
  const fields = Object.keys(patch) as (keyof UpdateJobInput)[];
  const reschedulesOnly = fields.every((field) => rescheduleFields.includes(field));
  authorize(caller, reschedulesOnly ? 'job.reschedule' : 'job.update');
}

export async function updateJob(
  actorId: string,
  jobId: string,
  expectedVersion: number,
  patch: UpdateJobInput,
): Promise<JobView> {
  const { caller, clientId, job: current } = await openJobScope(actorId, jobId);
  authorizeJobChange(caller, patch);
  if (current.version !== expectedVersion) throw versionConflict('This job', expectedVersion);
  const at = now();
  let statusHistory = current.statusHistory;
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canMove(current.status, patch.status)) {
      const allowed = nextStatuses(current.status);
      throw conflict(
        'invalid_status_transition',
        `A job that is ${current.status} cannot become ${patch.status}${allowed.length ? ` (it can become: ${allowed.join(', ')})` : ' (it is closed)'}.`,
        'body.status',
      );
    }
    statusHistory = [...statusHistory, { from: current.status, to: patch.status, at, by: caller.staffId }];
  }
  if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
    await checkOwner(clientId, patch.ownerId, 'body.ownerId');
  }
  const next = patched(current, { ...patch, statusHistory }, at);
  const item = storedItem(Job.type, Job.key(clientId, jobId), Job.indexes(next), next);
  await transact([
    putIfVersion(item, expectedVersion, () => versionConflict('This job', expectedVersion)),
    clientAuditEvent(clientId, {
      actorId,
      action: patch.status && patch.status !== current.status ? 'job.status_changed' : 'job.updated',
      entityType: 'job',
      entityId: jobId,
      before: current,
      after: next,
      redact: ['statusHistory'],
    }),
  ]);
  return fromItem<JobView>(item);
}

/**
 * With a client, the list reads only that client's partitions: the client's jobs (GSI1) or, for
 * a brand checked to be the client's, the brand's jobs (GSI2), each optionally narrowed to one
 * status by the sort-key prefix; an owner narrows it by filter. The owner's index (GSI3) holds
 * jobs of every client the owner works on, so it is never read for one client: no page (and no
 * page token) of it can reach another client's jobs. Without a client, the list is the caller's
 * own jobs on clients they can still see (or, for the head, anyone's jobs).
 */
export async function listJobs(actorId: string, query: JobListQuery): Promise<Page<JobView>> {
  const page = { limit: query.limit, nextToken: query.nextToken };
  let result: Page<JobView>;
  if (query.clientId) {
    const { clientId, brandId, ownerId, status } = query;
    const read = () =>
      queryViews<JobView>(brandId ? Job.ofBrand(brandId, status) : Job.ofClient(clientId, status), {
        ...page,
        filter: ownerId
          ? {
              expression: '#ownerId = :ownerId',
              names: { '#ownerId': 'ownerId' },
              values: { ':ownerId': ownerId },
            }
          : undefined,
      });
    if (brandId) {
      // The brand's jobs are read with the check that the brand is this client's; a brand that
      // is not has no jobs of this client, and its page (or error) is never looked at.
      const reading = read();
      reading.catch(() => undefined);
      const { items } = await openClient(actorId, clientId, [Brand.key(clientId, brandId)]);
      result = items[0] ? await reading : { items: [] };
    } else {
      ({ result } = await openClientWith(actorId, clientId, read));
    }
  } else {
    if (query.brandId)
      throw badRequest('client_required', 'Filter by brandId together with clientId.', 'query.brandId');
    const { caller } = await loadCaller(actorId);
    const ownerId = query.ownerId ?? caller.staffId;
    if (ownerId !== caller.staffId && caller.role !== 'head_of_accounts') {
      throw forbidden("Add clientId to list another person's jobs.");
    }
    const [owned, visible] = await Promise.all([
      queryViews<JobView>(Job.ofOwner(ownerId, query.status), page),
      caller.role === 'head_of_accounts' ? undefined : visibleClientIds(caller).then((ids) => new Set(ids)),
    ]);
    // Someone taken off a team keeps owning its jobs until they are reassigned, but no
    // longer sees them: a page may then hold fewer items than the limit.
    result = visible ? { ...owned, items: owned.items.filter((j) => visible.has(j.clientId)) } : owned;
  }
  return result;
}
