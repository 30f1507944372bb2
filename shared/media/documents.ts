import { Contact, Staff } from '../accounts/entities.js';
import { isUpReportingLine, openClient } from '../accounts/index.js';
import { PurchaseOrder } from '../cost/entities.js';
import { fromItem, getItem } from '../platform/db/table.js';
import {
  lookUpDocumentLink,
  presignLinkedDocument,
  type StoredDocumentLink,
} from '../platform/document-links.js';
import { AppError } from '../platform/errors.js';
import { Booking as BookingEntity } from './entities.js';
import type { documentLinkWords } from './messages.js';
import type { Booking } from './schemas.js';

/**
 * A click on a document link in an email (`GET /documents/{token}`): the token names one reader
 * and one exact file; the reader is checked as things stand now, then the file is presigned.
 *
 * - staff: still active and still seeing the client (on its team, or above it) — a link forwarded
 *   or kept after someone left the team stops working;
 * - contact: still an active contact of the client;
 * - vendor: the booking still stands (not cancelled) and its insertion order is still this exact
 *   file (its SHA-256) — vendors are not staff and sign in nowhere: the link, bound to one order
 *   version and expiring, is their only key, as an approval link is a client's;
 * - a vendor of a purchase order (`orderVendor`): the order is still this file — the order as sent
 *   while it stands, or, once it is cancelled, the cancelled order the cancellation email links to.
 * - an agency-wide report's reader (`headOfAccounts`): still an active head of account services.
 * - a report on a staff member (`reportingLine`, an account manager's work report): the reader is
 *   still active and is that person, up their reporting line as it stands now, or a head of account
 *   services — a forwarded link, or one kept after a director left the line, opens nothing.
 */
export type DocumentClick =
  | { kind: 'download'; url: string; link: StoredDocumentLink }
  | { kind: 'invalid' }
  | { kind: 'refused'; reason: DocumentRefusal };

/** Why a link's reader may no longer open its file: a key of `documentLinkWords.refused`. */
export type DocumentRefusal = keyof (typeof documentLinkWords)['en']['refused'];

async function readerMayOpen(link: StoredDocumentLink): Promise<DocumentRefusal | undefined> {
  const { reader, clientId } = link;
  switch (reader.kind) {
    case 'staff':
      try {
        await openClient(reader.staffId, clientId);
        return undefined;
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          return 'staffOffTeam';
        }
        throw error;
      }
    case 'contact': {
      const item = await getItem(Contact.key(clientId, reader.contactId));
      return item?.active === true ? undefined : 'contactInactive';
    }
    case 'vendor': {
      const item = await getItem(BookingEntity.key(clientId, reader.campaignId, reader.bookingId));
      const booking = item ? fromItem<Booking>(item) : undefined;
      if (!booking || booking.status === 'cancelled') {
        return 'bookingCancelled';
      }
      if (booking.insertionOrder.sha256 !== link.document.sha256) {
        return 'insertionOrderReplaced';
      }
      return undefined;
    }
    case 'orderVendor': {
      const item = await getItem(PurchaseOrder.key(clientId, reader.jobId, reader.purchaseOrderId));
      if (item && (item.document as { sha256?: string } | undefined)?.sha256 === link.document.sha256) {
        return undefined;
      }
      if (!item || item.status === 'cancelled') {
        return 'purchaseOrderCancelled';
      }
      return 'purchaseOrderReplaced';
    }
    case 'headOfAccounts': {
      const item = await getItem(Staff.key(reader.staffId));
      return item?.active === true && item.role === 'head_of_accounts' ? undefined : 'headOfAccountsOnly';
    }
    case 'reportingLine': {
      const [readerItem, subjectItem] = await Promise.all([
        getItem(Staff.key(reader.staffId)),
        getItem(Staff.key(reader.subjectId)),
      ]);
      const inLine =
        readerItem?.active === true &&
        subjectItem !== undefined &&
        (reader.staffId === reader.subjectId ||
          readerItem.role === 'head_of_accounts' ||
          (await isUpReportingLine(subjectItem as { reportsTo?: string }, reader.staffId)));
      return inLine ? undefined : 'reportingLineOnly';
    }
  }
}

export async function openDocumentLink(token: string, ip: string): Promise<DocumentClick> {
  const link = await lookUpDocumentLink(token, ip);
  if (!link) return { kind: 'invalid' };
  const refusal = await readerMayOpen(link);
  if (refusal) return { kind: 'refused', reason: refusal };
  return { kind: 'download', url: await presignLinkedDocument(link.document), link };
}
