import type { Client as ClientView } from '../accounts/index.js';
import { authorize } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  checkWhen,
  fromItem,
  getItems,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { openCampaign } from './campaigns.js';
import { BookedLine, Booking as BookingEntity, MediaPlan, MediaPlanVersion } from './entities.js';
import { renderInsertionOrder } from './insertion-order.js';
import { totalOf } from './plan-document.js';
import type { Booking, CreateBookingInput, Plan, PlanVersion } from './schemas.js';

/** The confirmation a booking rests on was not there when the booking was written. */
class GateClosed extends Error {}

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
  return createOnce(actorId, idempotency, async (remember) => {
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
    const bookingId = newScopedId(clientId);
    const confirmationRef = `${version.confirmation?.via ?? 'link'} confirmation by contact ${version.confirmation?.contactId ?? '?'} at ${version.confirmation?.confirmedAt ?? '?'}; document sha256 ${version.document.sha256}`;
    const totalCost = totalOf(lines);
    const client = fromItem<ClientView>(clientItem);
    const io = await putDocument(
      getDraftsBucket(),
      `clients/${clientId}/media/${campaignId}/bookings/${bookingId}/insertion-order.html`,
      renderInsertionOrder({
        agencyName: getMailConfig().agencyName,
        clientName: client.name,
        campaign,
        bookingId,
        vendor: vendors[0]!,
        lines,
        totalCost,
        planTitle: plan.title,
        planVersion: input.version,
        confirmationRef,
        issuedAt: now(),
      }),
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
        lines,
        totalCost,
        currency: version.currency,
        status: 'requested' as const,
        notes: input.notes,
        insertionOrder: { objectKey: io.objectKey, objectVersionId: io.objectVersionId, sha256: io.sha256 },
        confirmationRef,
        createdBy: caller.staffId,
      },
    );
    const booking = fromItem<Booking>(item);
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
    try {
      await transact([
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
        putNew(item),
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
          after: item,
        }),
        ...remember(booking),
      ]);
    } catch (error) {
      if (error instanceof GateClosed) throw await gateFailed();
      throw error;
    }
    return booking;
  });
}

export async function listBookings(actorId: string, campaignId: string): Promise<Booking[]> {
  const { clientId } = await openCampaign(actorId, campaignId);
  return (await queryAll(BookingEntity.ofCampaign(clientId, campaignId))).map((i) => fromItem<Booking>(i));
}

async function openBooking(actorId: string, campaignId: string, bookingId: string) {
  const {
    caller,
    clientId,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [BookingEntity.key(c, campaignId, bookingId)]);
  if (!item) throw notFound('Booking');
  return { caller, clientId, booking: fromItem<Booking>(item) };
}

export async function getBooking(actorId: string, campaignId: string, bookingId: string): Promise<Booking> {
  return (await openBooking(actorId, campaignId, bookingId)).booking;
}

/** The vendor confirmed the order, or it was cancelled. A cancelled order stays cancelled. */
export async function updateBooking(
  actorId: string,
  campaignId: string,
  bookingId: string,
  patch: { status: 'confirmed_by_vendor' | 'cancelled'; vendorReference?: string },
  expectedVersion: number,
) {
  const { caller, clientId, booking } = await openBooking(actorId, campaignId, bookingId);
  authorize(caller, 'media.book');
  if (booking.status === 'cancelled') throw conflict('booking_cancelled', 'This booking was cancelled.');
  const next = patched(booking, patch);
  await transact([
    putIfVersion(bookingItem(next), expectedVersion, () => versionConflict('The booking', expectedVersion)),
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
}
