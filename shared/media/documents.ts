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
  | { kind: 'refused'; reason: string };

async function readerMayOpen(link: StoredDocumentLink): Promise<string | undefined> {
  const { reader, clientId } = link;
  switch (reader.kind) {
    case 'staff':
      try {
        await openClient(reader.staffId, clientId);
        return undefined;
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          return 'This link was sent to a member of the account team who no longer works on this client. Ask the account team for the file.';
        }
        throw error;
      }
    case 'contact': {
      const item = await getItem(Contact.key(clientId, reader.contactId));
      return item?.active === true
        ? undefined
        : 'This link was sent to a client contact who is no longer active. Ask the account team for the file.';
    }
    case 'vendor': {
      const item = await getItem(BookingEntity.key(clientId, reader.campaignId, reader.bookingId));
      const booking = item ? fromItem<Booking>(item) : undefined;
      if (!booking || booking.status === 'cancelled') {
        return 'This order was cancelled: the insertion order no longer stands. The agency’s buyer will be in touch.';
      }
      if (booking.insertionOrder.sha256 !== link.document.sha256) {
        return 'This insertion order has been replaced; use the link in the latest email from the agency.';
      }
      return undefined;
    }
    case 'orderVendor': {
      const item = await getItem(PurchaseOrder.key(clientId, reader.jobId, reader.purchaseOrderId));
      if (item && (item.document as { sha256?: string } | undefined)?.sha256 === link.document.sha256) {
        return undefined;
      }
      if (!item || item.status === 'cancelled') {
        return 'This purchase order was cancelled and no longer stands. The agency will be in touch.';
      }
      return 'This purchase order has been replaced; use the link in the latest email from the agency.';
    }
    case 'headOfAccounts': {
      const item = await getItem(Staff.key(reader.staffId));
      return item?.active === true && item.role === 'head_of_accounts'
        ? undefined
        : 'This report was sent to the head of account services; the link no longer opens it for this account.';
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
      return inLine
        ? undefined
        : 'This report is for the reporting line of the person it is about; the link no longer opens it for this account.';
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
