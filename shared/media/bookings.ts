import { Staff } from '../accounts/entities.js';
import type { Client as ClientView, StaffMember } from '../accounts/index.js';
import { authorize } from '../accounts/index.js';
import { JobSpendLedger, Vendor, VendorName } from '../cost/entities.js';
import {
  commitToLedger,
  noticeThresholds,
  releaseFromLedger,
  type SignedLedger,
  SignedTotalMoved,
  type SpendLedger,
  sameCurrencyAsSigned,
  signedLedger,
  type VendorView,
} from '../cost/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  backoff,
  checkWhen,
  fromItem,
  getItem,
  getItems,
  putIfVersion,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import { AppError, conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { sendEmail } from '../platform/mailer.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { openCampaign } from './campaigns.js';
import { BookedLine, Booking as BookingEntity, MediaPlan, MediaPlanVersion } from './entities.js';
import {
  type InsertionOrderInput,
  renderInsertionOrder,
  renderInsertionOrderEmail,
} from './insertion-order.js';
import { totalOf } from './plan-document.js';
import { downloadSeconds } from './plans.js';
import type { Booking, CreateBookingInput, Plan, PlanVersion } from './schemas.js';

/** The confirmation a booking rests on was not there when the booking was written. */
class GateClosed extends Error {}

/** Concurrent bookings and orders on one job meet on its spend ledger: a lost race is retried. */
const maxLedgerAttempts = 25;

/**
 * The job's spend ledger when the booking counts against the job's signed total — only where the
 * signed estimate carries the media (`estimateCarriesMedia`); otherwise the client-confirmed
 * monthly schedule is the signed media spend in its own right, and the booking gate above already
 * keeps bookings within it (each line once, of the confirmed version only).
 */
async function ledgerCounting(
  clientId: string,
  jobId: string,
  campaignName: string,
  total: Booking['totalCost'],
): Promise<SignedLedger | undefined> {
  const item = await getItem(JobSpendLedger.key(clientId, jobId));
  const stored = item ? fromItem<SpendLedger>(item) : undefined;
  if (stored?.estimateCarriesMedia !== true) return undefined;
  const ledger = signedLedger(stored, `of campaign ${campaignName}`);
  sameCurrencyAsSigned(ledger, total, 'body.lineIds');
  return ledger;
}

/**
 * The registered vendor a booking is with (issue 13 §2: bookings name registered vendors): the one
 * the request names (`vendorId`), else the one the register holds under the lines' vendor name (case
 * and spacing aside). A vendor not in the register, or not approved by an account director, is not
 * booked — the refusal says which, on `vendorId`.
 */
async function bookedVendor(vendorId: string | undefined, lineVendor: string): Promise<VendorView> {
  const id = vendorId ?? ((await getItem(VendorName.key(lineVendor)))?.vendorId as string | undefined);
  const item = id ? await getItem(Vendor.key(id)) : undefined;
  if (!item) {
    if (vendorId)
      throw unprocessable('unknown_vendor', 'There is no such vendor in the register.', 'body.vendorId');
    throw conflict(
      'vendor_not_registered',
      `${lineVendor} is not in the vendor register, and bookings go only to registered vendors: have an account executive propose it and an account director approve it, or name the registered vendor these lines are with.`,
      'body.vendorId',
    );
  }
  const vendor = fromItem<VendorView>(item);
  if (vendor.status !== 'approved') {
    throw conflict(
      'vendor_not_approved',
      `${vendor.name} is in the vendor register but not approved: an account director approves a supplier before it is booked.`,
      'body.vendorId',
    );
  }
  return vendor;
}

const vendorStillApproved = (vendor: VendorView): WriteOp =>
  checkWhen(
    Vendor.key(vendor.vendorId),
    {
      expression: '#status = :approved',
      names: { '#status': 'status' },
      values: { ':approved': 'approved' },
    },
    () => conflict('vendor_not_approved', `${vendor.name} is no longer an approved vendor.`, 'body.vendorId'),
  );

const bookingItem = (booking: Booking) =>
  storedItem(
    BookingEntity.type,
    BookingEntity.key(booking.clientId, booking.campaignId, booking.bookingId),
    {},
    booking,
  );

/** The 409 of the gate: names exactly what is missing. */
function notConfirmed(plan: Plan | undefined, version: PlanVersion | undefined, asked: number) {
  const what = plan ? `${plan.title}, version ${asked}` : `version ${asked}`;
  if (plan && plan.latestVersion > asked) {
    return conflict(
      'plan_version_superseded',
      `${what} was superseded by version ${plan.latestVersion}: book from the version the client confirmed last.`,
      'body.version',
    );
  }
  if (version?.kind && version.kind !== 'monthly_schedule') {
    return conflict(
      'not_a_monthly_schedule',
      `${what} is not a monthly schedule: bookings come from monthly schedules.`,
      'body.planId',
    );
  }
  return conflict(
    'plan_version_not_confirmed',
    `${what} is not confirmed by the client: no booking before the client confirms it, by their approval link or in writing (a written confirmation counts once countersigned).`,
    'body.version',
  );
}

/**
 * Books lines of one exact monthly-schedule version as an insertion order. The hard gate
 * (domain.md §5: no booking before the client's written confirmation) is in the booking's
 * own transaction: the version must be confirmed, be the plan's latest, and the plan's
 * confirmed version — so no path (API, retry, a new version racing in) books an unconfirmed line.
 */
export async function createBooking(
  actorId: string,
  campaignId: string,
  input: CreateBookingInput,
  idempotency?: IdempotencyRequest,
) {
  let order: InsertionOrderInput | undefined;
  const outcome = await createOnce<Booking>(actorId, idempotency, async (remember) => {
    const {
      caller,
      clientId,
      clientItem,
      campaign,
      items: [planItem, versionItem],
    } = await openCampaign(actorId, campaignId, (c) => [
      MediaPlan.key(c, input.planId),
      MediaPlanVersion.key(c, input.planId, input.version),
    ]);
    authorize(caller, 'media.book');
    const plan = planItem ? fromItem<Plan>(planItem) : undefined;
    if (!plan || plan.campaignId !== campaignId || !versionItem) throw notFound('Media plan version');
    const version = fromItem<PlanVersion>(versionItem);
    if (
      version.kind !== 'monthly_schedule' ||
      version.status !== 'confirmed' ||
      plan.confirmedVersion !== input.version
    ) {
      throw notConfirmed(plan, version, input.version);
    }
    const lines = input.lineIds.map((lineId, index) => {
      const line = version.lines.find((l) => l.lineId === lineId);
      if (!line)
        throw unprocessable(
          'unknown_line',
          `Version ${input.version} has no line ${lineId}.`,
          `body.lineIds.${index}`,
        );
      return line;
    });
    const vendors = [...new Set(lines.map((l) => l.vendor))];
    if (vendors.length > 1) {
      throw unprocessable(
        'mixed_vendors',
        `An insertion order is for one vendor; these lines are with ${vendors.join(', ')}.`,
        'body.lineIds',
      );
    }
    const registered = await bookedVendor(input.vendorId, vendors[0]!);
    const bookingId = newScopedId(clientId);
    const confirmationRef = `${version.confirmation?.via ?? 'link'} confirmation by contact ${version.confirmation?.contactId ?? '?'} at ${version.confirmation?.confirmedAt ?? '?'}; document sha256 ${version.document.sha256}`;
    const totalCost = totalOf(lines, version.totalCost.currency);
    const client = fromItem<ClientView>(clientItem);
    order = {
      agencyName: getMailConfig().agencyName,
      clientName: client.name,
      campaign,
      bookingId,
      vendor: vendors[0]!,
      vendorContact: input.vendorContact,
      buyer: { name: caller.name, email: caller.email },
      lines,
      totalCost,
      planTitle: plan.title,
      planVersion: input.version,
      confirmationRef,
      issuedAt: now(),
      notes: input.notes,
    };
    const io = await putDocument(
      getDraftsBucket(),
      `clients/${clientId}/media/${campaignId}/bookings/${bookingId}/insertion-order.html`,
      renderInsertionOrder(order),
      'text/html; charset=utf-8',
    );
    const item = newRecord(
      BookingEntity.type,
      BookingEntity.key(clientId, campaignId, bookingId),
      {},
      {
        bookingId,
        campaignId,
        clientId,
        planId: input.planId,
        planVersion: input.version,
        vendor: vendors[0]!,
        vendorId: registered.vendorId,
        lines,
        totalCost,
        status: 'requested' as const,
        notes: input.notes,
        insertionOrder: { objectKey: io.objectKey, objectVersionId: io.objectVersionId, sha256: io.sha256 },
        vendorContact: input.vendorContact,
        confirmationRef,
        createdBy: caller.staffId,
      },
    );
    const gateFailed = async () => {
      // Re-read to say what changed under the booking (a new version, or the confirmation gone).
      const [p, v] = await getItems([
        MediaPlan.key(clientId, input.planId),
        MediaPlanVersion.key(clientId, input.planId, input.version),
      ]);
      return notConfirmed(
        p ? fromItem<Plan>(p) : undefined,
        v ? fromItem<PlanVersion>(v) : undefined,
        input.version,
      );
    };
    // Where the job's signed estimate carries the media, the booking is spend against its total too
    // (issue 13 §2): committed on the job's ledger in this same transaction, or refused.
    let ledger = await ledgerCounting(clientId, campaign.jobId, campaign.name, totalCost);
    let booking = fromItem<Booking>(item);
    for (let attempt = 0; ; attempt++) {
      // Whether it counted is kept on the booking: its cancellation gives back exactly that.
      const written = ledger ? { ...item, committedToJob: true } : item;
      booking = fromItem<Booking>(written);
      try {
        await transact([
          ...(ledger ? [commitToLedger(clientId, campaign.jobId, ledger, totalCost, booking.createdAt)] : []),
          vendorStillApproved(registered),
          checkWhen(
            MediaPlanVersion.key(clientId, input.planId, input.version),
            {
              expression: '#status = :confirmed AND #kind = :schedule',
              names: { '#status': 'status', '#kind': 'kind' },
              values: { ':confirmed': 'confirmed', ':schedule': 'monthly_schedule' },
            },
            () => new GateClosed(),
          ),
          checkWhen(
            MediaPlan.key(clientId, input.planId),
            {
              expression: 'confirmedVersion = :v AND latestVersion = :v',
              values: { ':v': input.version },
            },
            () => new GateClosed(),
          ),
          putNew(written),
          ...lines.map((line) =>
            putNew(
              storedItem(
                BookedLine.type,
                BookedLine.key(clientId, input.planId, input.version, line.lineId),
                {},
                {
                  bookingId,
                },
              ),
              (current) =>
                conflict(
                  'line_already_booked',
                  `Line ${line.lineId} is already booked (${String(current?.bookingId)}).`,
                  'body.lineIds',
                ),
            ),
          ),
          clientAuditEvent(clientId, {
            actorId,
            action: 'booking.created',
            entityType: 'booking',
            entityId: bookingId,
            after: written,
          }),
          ...remember(booking),
        ]);
        break;
      } catch (error) {
        if (error instanceof GateClosed) throw await gateFailed();
        const retry = error instanceof SignedTotalMoved || (ledger && error instanceof TransactionRaceError);
        if (!retry || attempt + 1 >= maxLedgerAttempts) throw error;
        await backoff(attempt);
        ledger = await ledgerCounting(clientId, campaign.jobId, campaign.name, totalCost);
      }
    }
    if (ledger) await noticeThresholds(clientId, campaign.jobId);
    return booking;
  });
  if (outcome.replayed || !order) {
    // A replay answers the booking as it is now (its insertion order sent meanwhile, its status moved).
    const current = await getItems([
      BookingEntity.key(outcome.result.clientId, campaignId, outcome.result.bookingId),
    ]);
    return { result: current[0] ? fromItem<Booking>(current[0]) : outcome.result, replayed: true };
  }
  // Sent once, by the request that created the booking; the answer is the booking as it then stands.
  const sent = await emailInsertionOrder(actorId, outcome.result, order);
  return { result: sent ?? outcome.result, replayed: false };
}

/**
 * Emails the insertion order to the vendor's booking contact and to the buyer, each with their
 * own document link, then records when on the booking. A send that fails leaves the booking
 * standing (it is committed) without `insertionOrderSentAt`: `…/insertion-order/send` sends it again.
 */
async function emailInsertionOrder(
  actorId: string,
  booking: Booking,
  order: InsertionOrderInput,
  options: { rethrow?: boolean } = {},
): Promise<Booking | undefined> {
  if (!booking.vendorContact) return undefined;
  const { campaign } = order;
  const document = {
    bucket: 'drafts' as const,
    ...booking.insertionOrder,
    ...insertionOrderAs(booking),
  };
  // A vendor's link lasts until half a year after the flight (the order is theirs to keep to then).
  const vendorUntil = new Date(
    Math.max(Date.now(), Date.parse(`${campaign.flightEnd}T00:00:00Z`)) + 180 * 86_400_000,
  ).toISOString();
  const staffUntil = new Date(Date.now() + 730 * 86_400_000).toISOString();
  try {
    const vendorUrl = await issueDocumentLink({
      clientId: booking.clientId,
      reader: {
        kind: 'vendor',
        email: booking.vendorContact.email,
        campaignId: booking.campaignId,
        bookingId: booking.bookingId,
      },
      document,
      purpose: 'insertion order',
      expiresAt: vendorUntil,
    });
    await sendEmail(
      renderInsertionOrderEmail(order, { ...booking.vendorContact, role: 'vendor' }, vendorUrl),
    );
    if (order.buyer) {
      const buyerUrl = await issueDocumentLink({
        clientId: booking.clientId,
        reader: { kind: 'staff', staffId: booking.createdBy },
        document,
        purpose: 'insertion order',
        expiresAt: staffUntil,
      });
      await sendEmail(renderInsertionOrderEmail(order, { ...order.buyer, role: 'buyer' }, buyerUrl));
    }
  } catch (error) {
    if (options.rethrow) throw error;
    // The booking stands; its answer shows no `insertionOrderSentAt`. (Lambda's JSON log format
    // records this as an ERROR line of the function.)
    console.error('The insertion order could not be emailed', booking.bookingId, error);
    return undefined;
  }
  const next = patched(booking, { insertionOrderSentAt: now() });
  try {
    await transact([
      putIfVersion(bookingItem(next), booking.version, () => versionConflict('The booking', booking.version)),
      clientAuditEvent(booking.clientId, {
        actorId,
        action: 'booking.insertion_order_sent',
        entityType: 'booking',
        entityId: booking.bookingId,
        before: booking,
        after: next,
      }),
    ]);
  } catch (error) {
    // The emails are out; the booking changed meanwhile (the vendor confirmed): its answer stands.
    if (error instanceof AppError && error.status === 409) return undefined;
    throw error;
  }
  return next;
}

/** Emails the booking's insertion order again (to the vendor contact and the buyer). */
export async function resendInsertionOrder(actorId: string, campaignId: string, bookingId: string) {
  const {
    caller,
    clientId,
    clientItem,
    campaign,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [BookingEntity.key(c, campaignId, bookingId)]);
  authorize(caller, 'media.book');
  if (!item) throw notFound('Booking');
  const booking = fromItem<Booking>(item);
  if (booking.status === 'cancelled') throw conflict('booking_cancelled', 'This booking was cancelled.');
  if (!booking.vendorContact) {
    throw conflict(
      'no_vendor_contact',
      'This booking names no vendor booking contact, so there is nobody to send the insertion order to.',
    );
  }
  const [plan, buyerItem] = await getItems([
    MediaPlan.key(clientId, booking.planId),
    Staff.key(booking.createdBy),
  ]);
  const buyer = buyerItem ? fromItem<StaffMember>(buyerItem) : undefined;
  const order: InsertionOrderInput = {
    agencyName: getMailConfig().agencyName,
    clientName: fromItem<ClientView>(clientItem).name,
    campaign,
    bookingId,
    vendor: booking.vendor,
    vendorContact: booking.vendorContact,
    buyer: buyer ? { name: buyer.name, email: buyer.email } : undefined,
    lines: booking.lines,
    totalCost: booking.totalCost,
    planTitle: String(plan?.title ?? 'Monthly media schedule'),
    planVersion: booking.planVersion,
    confirmationRef: booking.confirmationRef,
    issuedAt: booking.createdAt,
    notes: booking.notes,
  };
  // Asked for again: a send that fails now is this request's failure (nothing recorded).
  return (await emailInsertionOrder(actorId, booking, order, { rethrow: true })) ?? booking;
}

export async function listBookings(actorId: string, campaignId: string): Promise<Booking[]> {
  const { clientId } = await openCampaign(actorId, campaignId);
  return (await queryAll(BookingEntity.ofCampaign(clientId, campaignId))).map((i) => fromItem<Booking>(i));
}

async function openBooking(actorId: string, campaignId: string, bookingId: string) {
  const {
    caller,
    clientId,
    campaign,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [BookingEntity.key(c, campaignId, bookingId)]);
  if (!item) throw notFound('Booking');
  return { caller, clientId, campaign, booking: fromItem<Booking>(item) };
}

export async function getBooking(actorId: string, campaignId: string, bookingId: string): Promise<Booking> {
  return (await openBooking(actorId, campaignId, bookingId)).booking;
}

/**
 * The vendor confirmed the order, or it was cancelled (released). A cancelled order stays cancelled.
 * A booking that counted against the job's signed total (`committedToJob`) gives its cost back to
 * the job's ledger in the cancellation's own transaction.
 */
export async function updateBooking(
  actorId: string,
  campaignId: string,
  bookingId: string,
  patch: { status: 'confirmed_by_vendor' | 'cancelled'; vendorReference?: string },
  expectedVersion: number,
) {
  const { caller, clientId, campaign, booking } = await openBooking(actorId, campaignId, bookingId);
  authorize(caller, 'media.book');
  if (booking.status === 'cancelled') throw conflict('booking_cancelled', 'This booking was cancelled.');
  const at = now();
  const next = patched(booking, patch, at);
  const releases = patch.status === 'cancelled' && booking.committedToJob === true;
  for (let attempt = 0; ; attempt++) {
    try {
      await transact([
        putIfVersion(bookingItem(next), expectedVersion, () =>
          versionConflict('The booking', expectedVersion),
        ),
        ...(releases ? [releaseFromLedger(clientId, campaign.jobId, booking.totalCost, at)] : []),
        clientAuditEvent(clientId, {
          actorId,
          action: `booking.${patch.status}`,
          entityType: 'booking',
          entityId: bookingId,
          before: booking,
          after: next,
        }),
      ]);
      return next;
    } catch (error) {
      // Bookings and orders of the job meet on its ledger: a transaction that lost that race is retried.
      if (!releases || !(error instanceof TransactionRaceError) || attempt + 1 >= maxLedgerAttempts)
        throw error;
      await backoff(attempt);
    }
  }
}

/** The booking's insertion order (the exact file sent to the vendor), presigned now for a reader of the client. */
export async function downloadInsertionOrder(actorId: string, campaignId: string, bookingId: string) {
  const { booking } = await openBooking(actorId, campaignId, bookingId);
  return documentDownload(
    getDraftsBucket(),
    booking.insertionOrder,
    downloadSeconds,
    insertionOrderAs(booking),
  );
}

/** How an insertion order is handed out: named after the vendor and the order; always downloaded. */
export const insertionOrderAs = (booking: Pick<Booking, 'bookingId' | 'vendor'>) => ({
  fileName: `insertion-order-${booking.vendor
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)}-${booking.bookingId.slice(-10).toLowerCase()}.html`,
  contentType: 'text/html; charset=utf-8',
});
