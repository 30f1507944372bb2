import { Client } from '../accounts/entities.js';
import { Job } from '../jobs/entities.js';
import { fromItem, getItems, type Page } from '../platform/db/table.js';
import { agencyLanguage } from '../platform/i18n.js';
import { myApprovals } from './decisions.js';
import { Review } from './entities.js';
import type { Review as ReviewRecord, WorkItem } from './schemas.js';
import { reviewTitle } from './titles.js';

/**
 * The caller's approval requests, each with what a person needs to recognise it in a list (the
 * item's title and kind, its job and client): the queue plus two batched reads, instead of a
 * request per row from the console.
 */
export async function listMyWork(
  actorId: string,
  query: { status: 'pending' | 'decided' | 'all'; limit: number; nextToken?: string },
): Promise<Page<WorkItem>> {
  const { caller, page } = await myApprovals(actorId, query);
  const language = caller.language ?? agencyLanguage;
  const reviews = await getItems(page.items.map((a) => Review.key(a.clientId, a.reviewId)));
  const parents = await getItems(
    reviews.flatMap((r, i) => {
      const clientId = page.items[i]!.clientId;
      return r ? [Job.key(clientId, r.jobId as string), Client.key(clientId)] : [];
    }),
  );
  const jobs = new Map(parents.filter((p) => p?.itemType === Job.type).map((j) => [j!.jobId as string, j!]));
  const clients = new Map(
    parents.filter((p) => p?.itemType === Client.type).map((c) => [c!.clientId as string, c!]),
  );
  return {
    items: page.items.map((approval, i) => {
      const review = reviews[i];
      const job = review ? jobs.get(review.jobId as string) : undefined;
      return {
        ...approval,
        subject: {
          // In the caller's language, from the review's title parts (an older review: as recorded).
          title: review ? reviewTitle(fromItem<ReviewRecord>(review), language) : '',
          kind: (review?.kind as string | undefined) ?? approval.subjectType,
          message: review?.message as string | undefined,
          jobId: (review?.jobId as string | undefined) ?? '',
          jobNumber: job?.jobNumber as string | undefined,
          jobTitle: job?.title as string | undefined,
          clientName: clients.get(approval.clientId)?.name as string | undefined,
        },
      };
    }),
    nextToken: page.nextToken,
  };
}
