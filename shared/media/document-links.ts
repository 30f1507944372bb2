import { getDraftsBucket } from '../platform/config.js';
import { presignDownload } from '../platform/storage.js';
import { getBooking } from './bookings.js';
import { getPlanVersion } from './plans.js';
import type { DocumentLink } from './schemas.js';

const linkSeconds = 5 * 60;

async function linkTo(file: {
  objectKey: string;
  objectVersionId?: string;
  sha256: string;
}): Promise<DocumentLink> {
  return {
    url: await presignDownload(getDraftsBucket(), file.objectKey, file.objectVersionId, linkSeconds),
    expiresAt: new Date(Date.now() + linkSeconds * 1000).toISOString(),
    sha256: file.sha256,
    objectVersionId: file.objectVersionId,
  };
}

/** A 5-minute link to exactly the insertion order a booking names (whoever may see the booking). */
export async function insertionOrderLink(actorId: string, campaignId: string, bookingId: string) {
  return linkTo((await getBooking(actorId, campaignId, bookingId)).insertionOrder);
}

/** A 5-minute link to exactly the document of a plan version (what the client confirms). */
export async function planDocumentLink(actorId: string, planId: string, number: number) {
  return linkTo((await getPlanVersion(actorId, planId, number)).document);
}
