import { Client, Staff } from '../accounts/entities.js';
import { authorize, type Client as ClientView } from '../accounts/index.js';
import { openJobScope } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  backoff,
  checkWhen,
  fromItem,
  getItems,
  putIfVersion,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
} from '../platform/db/table.js';
import { issueDocumentLink, type LinkedDocument } from '../platform/document-links.js';
import { AppError, conflict, notFound, unprocessable, versionConflict } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { sendEmail } from '../platform/mailer.js';
import { formatMoney, type Money, money, multiply, sum } from '../platform/money.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { putDocument } from '../platform/storage.js';
import { creditHoldFor } from './credit-standing.js';
import { JobSpendLedger, PurchaseOrder, Vendor } from './entities.js';
import {
  commitToLedger,
  noticeThresholds,
  readLedger,
  releaseFromLedger,
  SignedTotalMoved,
  type SpendLedger,
  sameCurrencyAsSigned,
  signedLedger,
} from './ledger.js';
import { signedEstimateLines } from './lines.js';
import { costWords } from './messages.js';
import {
  type PurchaseOrderContext,
  renderPurchaseOrder,
  renderPurchaseOrderCancelledEmail,
  renderPurchaseOrderEmail,
} from './purchase-order-document.js';
import type { LineCategory, SignedEstimateLine } from './schemas.js';
import type {
  CancelPurchaseOrderInput,
  CreatePurchaseOrderInput,
  PurchaseOrderView,
  VendorView,
} from './spend-schemas.js';

/**
 * Purchase orders (issue 13 §2): spend with a registered, approved vendor against lines of the
 * job's signed estimate, approved by the AE (domain.md §2: the AE "supervises and approves the
 * brand's media and production spend"). The order and its commitment to the job's ledger are one
 * transaction, so it stands only if the spend stays within the signed total (`ledger.ts`). The
 * order is kept as an HTML document with print CSS and emailed to the vendor with a link through
 * the API (`/documents/{token}`), presigned on each click.
 */

/** Concurrent orders on one job meet on its ledger item: a transaction that lost the race is retried. */
const maxAttempts = 25;

const orderItem = (order: PurchaseOrderView) =>
  storedItem(
    PurchaseOrder.type,
    PurchaseOrder.key(order.clientId, order.jobId, order.purchaseOrderId),
    {},
    order,
  );

const orderDocument = (order: PurchaseOrderView): LinkedDocument => ({
  bucket: 'drafts',
  ...order.document,
  fileName: `purchase-order-${order.number}.html`,
  contentType: 'text/html; charset=utf-8',
});

/**
 * An order is raised against lines of the estimate the client signed (a change order's, once
 * signed): each line it names must be on it, of the order's category, and — where the estimate
 * line names a vendor — with that vendor. The amounts may differ (the signed total is the guard).
 */
const kindOfCost = (category: LineCategory) => costWords.en.categories[category].toLowerCase();

function againstSignedLines(input: CreatePurchaseOrderInput, signed: SignedEstimateLine[]): void {
  const byId = new Map(signed.map((l) => [l.lineId, l]));
  input.lines.forEach((line, index) => {
    const field = `body.lines.${index}.estimateLineId`;
    const onEstimate = byId.get(line.estimateLineId);
    if (!onEstimate) {
      throw unprocessable(
        'not_on_signed_estimate',
        `Line ${line.estimateLineId} is not on the estimate the client signed for this job: order against one of its lines (${[...byId.keys()].join(', ')}).`,
        field,
      );
    }
    if (onEstimate.category !== input.category) {
      throw unprocessable(
        'estimate_line_category',
        `Line ${onEstimate.lineId} of the signed estimate (${onEstimate.description}) is ${kindOfCost(onEstimate.category)}, not ${kindOfCost(input.category)}: an order is for one kind of cost, the one its estimate lines are.`,
        field,
      );
    }
    if (onEstimate.vendorId && onEstimate.vendorId !== input.vendorId) {
      throw unprocessable(
        'estimate_line_vendor',
        `Line ${onEstimate.lineId} of the signed estimate (${onEstimate.description}) was quoted by another vendor: order it from that vendor, or have the client sign a change order first.`,
        field,
      );
    }
  });
}

export async function createPurchaseOrder(
  actorId: string,
  jobId: string,
  input: CreatePurchaseOrderInput,
  idempotency?: IdempotencyRequest,
) {
  let context: PurchaseOrderContext | undefined;
  const outcome = await createOnce<PurchaseOrderView>(actorId, idempotency, async (remember) => {
    const { caller, clientId, job } = await openJobScope(actorId, jobId);
    authorize(caller, 'spend.commit');
    const [[vendorItem, clientItem, ledgerItem], estimateLines, creditHold] = await Promise.all([
      getItems([Vendor.key(input.vendorId), Client.key(clientId), JobSpendLedger.key(clientId, jobId)]),
      signedEstimateLines(clientId, jobId),
      creditHoldFor(caller, clientId),
    ]);
    if (!vendorItem)
      throw unprocessable('unknown_vendor', 'There is no such vendor in the register.', 'body.vendorId');
    const vendor = fromItem<VendorView>(vendorItem);
    if (vendor.status !== 'approved') {
      throw conflict(
        'vendor_not_approved',
        `${vendor.name} is not an approved vendor yet: an account director approves a supplier before it receives orders.`,
        'body.vendorId',
      );
    }
    let ledger = signedLedger(ledgerItem ? fromItem<SpendLedger>(ledgerItem) : undefined, job.jobNumber);
    againstSignedLines(input, estimateLines);
    const lines = input.lines.map((line, index) => {
      sameCurrencyAsSigned(ledger, line.unitCost, `body.lines.${index}.unitCost`);
      return {
        lineNumber: index + 1,
        ...line,
        total: multiply(line.unitCost, String(line.quantity)),
      };
    });
    const total = sum(
      lines.map((l) => l.total),
      ledger.signedTotal.currency,
    );
    if (total.amountMinor === 0)
      throw unprocessable('empty_order', 'An order of nothing cannot be placed.', 'body.lines');
    const purchaseOrderId = newScopedId(clientId);
    const number = `${job.jobNumber}-PO-${purchaseOrderId.slice(-6)}`;
    const objectKey = `clients/${clientId}/cost/${jobId}/purchase-orders/${purchaseOrderId}.html`;
    const at = now();
    const draft: PurchaseOrderView = {
      purchaseOrderId,
      number,
      clientId,
      jobId,
      brandId: job.brandId,
      vendorId: vendor.vendorId,
      vendorName: vendor.name,
      category: input.category,
      lines,
      total,
      billed: money(0, total.currency),
      status: 'issued',
      approvedBy: caller.staffId,
      ...(creditHold ? { creditHold } : {}),
      deliverBy: input.deliverBy,
      notes: input.notes,
      document: { objectKey, sha256: '' },
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    context = {
      agencyName: getMailConfig().agencyName,
      clientName: fromItem<ClientView>(clientItem!).name,
      jobNumber: job.jobNumber,
      jobTitle: job.title,
      vendor,
      approver: { name: caller.name, email: caller.email, language: caller.language },
    };
    const stored = await putDocument(
      getDraftsBucket(),
      objectKey,
      renderPurchaseOrder(draft, context),
      'text/html; charset=utf-8',
    );
    const order: PurchaseOrderView = {
      ...draft,
      document: { objectKey, objectVersionId: stored.objectVersionId, sha256: stored.sha256 },
    };
    const item = newRecord(
      PurchaseOrder.type,
      PurchaseOrder.key(clientId, jobId, purchaseOrderId),
      {},
      order,
      at,
    );
    for (let attempt = 0; ; attempt++) {
      try {
        await transact([
          checkWhen(
            Vendor.key(vendor.vendorId),
            {
              expression: '#status = :approved',
              names: { '#status': 'status' },
              values: { ':approved': 'approved' },
            },
            () =>
              conflict(
                'vendor_not_approved',
                `${vendor.name} is no longer an approved vendor.`,
                'body.vendorId',
              ),
          ),
          commitToLedger(clientId, jobId, ledger, total, at),
          putNew(item),
          clientAuditEvent(clientId, {
            actorId,
            action: 'purchase_order.issued',
            entityType: 'purchaseOrder',
            entityId: purchaseOrderId,
            after: item,
          }),
          ...remember(order),
        ]);
        return order;
      } catch (error) {
        const retry = error instanceof SignedTotalMoved || error instanceof TransactionRaceError;
        if (!retry || attempt + 1 >= maxAttempts) throw error;
        await backoff(attempt);
        // A change order signed meanwhile moved the total, and may have removed or changed lines.
        const [again, linesAgain] = await Promise.all([
          readLedger(clientId, jobId),
          signedEstimateLines(clientId, jobId),
        ]);
        ledger = signedLedger(again, job.jobNumber);
        againstSignedLines(input, linesAgain);
      }
    }
  });
  if (outcome.replayed || !context) return outcome;
  const { result } = outcome;
  await noticeThresholds(result.clientId, result.jobId);
  // Every caller of one Idempotency-Key gets the order as created (what a replay answers); its
  // `sentAt` shows on the order once the vendor's email is out.
  await emailPurchaseOrder(actorId, result, context);
  return { result, replayed: false };
}

/**
 * Emails the order to the vendor's contact and to the approver, each with their own document link.
 * A failed send leaves the order standing without `sentAt` (`…/send` sends it again).
 */
async function emailPurchaseOrder(
  actorId: string,
  order: PurchaseOrderView,
  context: PurchaseOrderContext,
  options: { rethrow?: boolean } = {},
): Promise<PurchaseOrderView | undefined> {
  const document = orderDocument(order);
  const until = new Date(Date.now() + 730 * 86_400_000).toISOString();
  try {
    const vendorUrl = await issueDocumentLink({
      clientId: order.clientId,
      reader: {
        kind: 'orderVendor',
        email: context.vendor.contact.email,
        jobId: order.jobId,
        purchaseOrderId: order.purchaseOrderId,
      },
      document,
      purpose: 'purchase order',
      expiresAt: until,
    });
    await sendEmail(
      renderPurchaseOrderEmail(order, context, { ...context.vendor.contact, role: 'vendor' }, vendorUrl),
    );
    const approverUrl = await issueDocumentLink({
      clientId: order.clientId,
      reader: { kind: 'staff', staffId: order.approvedBy },
      document,
      purpose: 'purchase order',
      expiresAt: until,
    });
    await sendEmail(
      renderPurchaseOrderEmail(order, context, { ...context.approver, role: 'approver' }, approverUrl),
    );
  } catch (error) {
    if (options.rethrow) throw error;
    console.error('The purchase order could not be emailed', order.purchaseOrderId, error);
    return undefined;
  }
  const next = patched(order, { sentAt: now() });
  try {
    await transact([
      putIfVersion(orderItem(next), order.version, () =>
        versionConflict('The purchase order', order.version),
      ),
      clientAuditEvent(order.clientId, {
        actorId,
        action: 'purchase_order.sent',
        entityType: 'purchaseOrder',
        entityId: order.purchaseOrderId,
        before: order,
        after: next,
      }),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return undefined;
    throw error;
  }
  return next;
}

async function openOrder(actorId: string, jobId: string, purchaseOrderId: string) {
  const { caller, clientId, job } = await openJobScope(actorId, jobId);
  const [item] = await getItems([PurchaseOrder.key(clientId, jobId, purchaseOrderId)]);
  if (!item) throw notFound('Purchase order');
  return { caller, clientId, job, order: fromItem<PurchaseOrderView>(item) };
}

export async function getPurchaseOrder(actorId: string, jobId: string, purchaseOrderId: string) {
  return (await openOrder(actorId, jobId, purchaseOrderId)).order;
}

/** What the order's documents and emails say beyond the order: the vendor, the client, the approver as they are now. */
async function orderContext(
  order: PurchaseOrderView,
  job: { jobNumber: string; title: string },
  caller: { name: string; email: string; language?: Language },
): Promise<PurchaseOrderContext> {
  const [vendorItem, clientItem, approverItem] = await getItems([
    Vendor.key(order.vendorId),
    Client.key(order.clientId),
    Staff.key(order.approvedBy),
  ]);
  const approver = approverItem
    ? fromItem<{ name: string; email: string; language?: Language }>(approverItem)
    : caller;
  return {
    agencyName: getMailConfig().agencyName,
    clientName: fromItem<ClientView>(clientItem!).name,
    jobNumber: job.jobNumber,
    jobTitle: job.title,
    vendor: fromItem<VendorView>(vendorItem!),
    approver: { name: approver.name, email: approver.email, language: approver.language },
  };
}

/** Sends the order to the vendor again (a lost email, a new contact at the vendor). */
export async function resendPurchaseOrder(actorId: string, jobId: string, purchaseOrderId: string) {
  const { caller, job, order } = await openOrder(actorId, jobId, purchaseOrderId);
  authorize(caller, 'spend.commit');
  if (order.status === 'cancelled')
    throw conflict('purchase_order_cancelled', `Purchase order ${order.number} was cancelled.`);
  const context = await orderContext(order, job, caller);
  return (await emailPurchaseOrder(actorId, order, context, { rethrow: true })) ?? order;
}

/**
 * Cancels a purchase order (issue 13 §2), by those who may approve one (`spend.commit`: the AE and
 * above on the client's team). What the vendor has not billed yet is given back to the job's
 * committed spend in the same transaction as the order's change (If-Match: the order's version), so
 * the guard's ledger and the orders never disagree. An order is cancelled down to what was billed
 * on it, never below: billed work was delivered and stays committed (`released` = total − billed);
 * an order billed in full has nothing left to cancel. A cancelled order takes no more bills. Its
 * document is rendered again with the cancellation on top (the vendor's link shows it), and the
 * vendor and the approver are emailed.
 */
export async function cancelPurchaseOrder(
  actorId: string,
  jobId: string,
  purchaseOrderId: string,
  expectedVersion: number,
  input: CancelPurchaseOrderInput,
): Promise<PurchaseOrderView> {
  const { caller, clientId, job, order } = await openOrder(actorId, jobId, purchaseOrderId);
  authorize(caller, 'spend.commit');
  if (order.version !== expectedVersion) throw versionConflict('The purchase order', expectedVersion);
  if (order.status === 'cancelled') {
    throw conflict('purchase_order_cancelled', `Purchase order ${order.number} is already cancelled.`);
  }
  const released = money(order.total.amountMinor - order.billed.amountMinor, order.total.currency);
  if (released.amountMinor <= 0) {
    throw conflict(
      'purchase_order_fully_billed',
      `Purchase order ${order.number} is billed in full (${formatMoney(order.billed)}): there is nothing left on it to cancel.`,
    );
  }
  const at = now();
  const context = await orderContext(order, job, caller);
  const cancelled = patched(
    order,
    {
      status: 'cancelled',
      cancelledAt: at,
      cancelledBy: caller.staffId,
      cancelReason: input.reason,
      released,
    },
    at,
  );
  // Its own object: a cancellation that loses the race leaves the order's document as it was.
  const objectKey = order.document.objectKey.replace(/\.html$/, `-cancelled-${order.version}.html`);
  const stored = await putDocument(
    getDraftsBucket(),
    objectKey,
    renderPurchaseOrder(cancelled, context),
    'text/html; charset=utf-8',
  );
  const next: PurchaseOrderView = {
    ...cancelled,
    document: { objectKey, objectVersionId: stored.objectVersionId, sha256: stored.sha256 },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await transact([
        putIfVersion(orderItem(next), expectedVersion, () =>
          versionConflict('The purchase order', expectedVersion),
        ),
        releaseFromLedger(clientId, jobId, released, at),
        clientAuditEvent(clientId, {
          actorId,
          action: 'purchase_order.cancelled',
          entityType: 'purchaseOrder',
          entityId: purchaseOrderId,
          before: order,
          after: next,
        }),
      ]);
      break;
    } catch (error) {
      // Orders and bills of the job meet on its ledger: a transaction that lost that race is retried.
      if (!(error instanceof TransactionRaceError) || attempt + 1 >= maxAttempts) throw error;
      await backoff(attempt);
    }
  }
  return (await emailCancellation(actorId, next, context)) ?? next;
}

/** Tells the vendor's contact and the approver that the order is cancelled, each with their document link. */
async function emailCancellation(
  actorId: string,
  order: PurchaseOrderView,
  context: PurchaseOrderContext,
): Promise<PurchaseOrderView | undefined> {
  const document = orderDocument(order);
  const until = new Date(Date.now() + 730 * 86_400_000).toISOString();
  try {
    const vendorUrl = await issueDocumentLink({
      clientId: order.clientId,
      reader: {
        kind: 'orderVendor',
        email: context.vendor.contact.email,
        jobId: order.jobId,
        purchaseOrderId: order.purchaseOrderId,
      },
      document,
      purpose: 'purchase order',
      expiresAt: until,
    });
    await sendEmail(
      renderPurchaseOrderCancelledEmail(
        order,
        context,
        { ...context.vendor.contact, role: 'vendor' },
        vendorUrl,
      ),
    );
    const approverUrl = await issueDocumentLink({
      clientId: order.clientId,
      reader: { kind: 'staff', staffId: order.approvedBy },
      document,
      purpose: 'purchase order',
      expiresAt: until,
    });
    await sendEmail(
      renderPurchaseOrderCancelledEmail(
        order,
        context,
        { ...context.approver, role: 'approver' },
        approverUrl,
      ),
    );
  } catch (error) {
    // The cancellation stands; the order shows no `cancellationSentAt` (`…/send` is for live orders).
    console.error('The cancellation could not be emailed', order.purchaseOrderId, error);
    return undefined;
  }
  const next = patched(order, { cancellationSentAt: now() });
  try {
    await transact([
      putIfVersion(orderItem(next), order.version, () =>
        versionConflict('The purchase order', order.version),
      ),
      clientAuditEvent(order.clientId, {
        actorId,
        action: 'purchase_order.cancellation_sent',
        entityType: 'purchaseOrder',
        entityId: order.purchaseOrderId,
        before: order,
        after: next,
      }),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return undefined;
    throw error;
  }
  return next;
}

export async function listJobPurchaseOrders(actorId: string, jobId: string): Promise<PurchaseOrderView[]> {
  const { clientId } = await openJobScope(actorId, jobId);
  return (await queryAll(PurchaseOrder.ofJob(clientId, jobId))).map((i) => fromItem<PurchaseOrderView>(i));
}

/** The ledger as a job's spend page shows it; undefined amounts while nothing is signed. */
export function ledgerFigures(ledger: SpendLedger | undefined): {
  signed: boolean;
  signedTotal?: Money;
  committed?: Money;
  remaining?: Money;
  estimateCarriesMedia?: boolean;
} {
  if (!ledger || typeof ledger.signedTotalMinor !== 'number' || !ledger.currency) return { signed: false };
  const committed = ledger.committedMinor ?? 0;
  return {
    signed: true,
    signedTotal: money(ledger.signedTotalMinor, ledger.currency),
    committed: money(committed, ledger.currency),
    remaining: money(Math.max(0, ledger.signedTotalMinor - committed), ledger.currency),
    estimateCarriesMedia: ledger.estimateCarriesMedia === true,
  };
}
