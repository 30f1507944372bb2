import { authorize } from '../accounts/index.js';
import { openJobScope } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  backoff,
  fromItem,
  getItems,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  TransactionRaceError,
  transact,
} from '../platform/db/table.js';
import { conflict, unprocessable, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { formatMoney, formatNumber, money, multiply, sum } from '../platform/money.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { JobSpendLedger, PurchaseOrder, VendorBill, VendorBillNumber } from './entities.js';
import { billToLedger, type SpendLedger } from './ledger.js';
import { signedEstimateLines } from './lines.js';
import { ledgerFigures } from './purchase-orders.js';
import type { CreateVendorBillInput, PurchaseOrderView, VendorBillView } from './spend-schemas.js';

/**
 * Vendors' bills (issue 13 §2), matched to a purchase order of the job line by line (three-way
 * matching without the goods receipt: order, bill): a quantity or an amount above what was ordered,
 * or a line the order does not have, is a variance, flagged on the bill in plain words. A bill
 * is recorded as the vendor sent it — the variance is for the AE to query, not a reason to refuse
 * the paper — and adds to what was billed on its order, in the same transaction.
 */
type Variance = VendorBillView['variances'][number];

function variancesOf(
  order: PurchaseOrderView,
  bill: CreateVendorBillInput,
  earlierBilled: Map<number, { quantity: number; amountMinor: number }>,
): Variance[] {
  const variances: Variance[] = [];
  for (const line of bill.lines) {
    const ordered = order.lines.find((l) => l.lineNumber === line.lineNumber);
    if (!ordered) {
      variances.push({
        lineNumber: line.lineNumber,
        kind: 'not_ordered',
        billed: line.quantity,
        billedAmount: line.amount,
        message: `Line ${line.lineNumber} is not on purchase order ${order.number}.`,
      });
      continue;
    }
    const before = earlierBilled.get(line.lineNumber) ?? { quantity: 0, amountMinor: 0 };
    const quantity = Math.round((before.quantity + line.quantity) * 1000) / 1000;
    if (quantity > ordered.quantity) {
      variances.push({
        lineNumber: line.lineNumber,
        kind: 'quantity',
        ordered: ordered.quantity,
        billed: quantity,
        message: `Line ${line.lineNumber} (${ordered.description}): ${formatNumber(quantity, 3)} billed so far against ${formatNumber(ordered.quantity, 3)} ordered.`,
      });
    }
    // The amount the order allows for what has been billed so far: the quantity at the unit cost.
    const billedAmount = money(before.amountMinor + line.amount.amountMinor, ordered.total.currency);
    const expected = multiply(ordered.unitCost, String(Math.min(quantity, ordered.quantity)));
    if (billedAmount.amountMinor !== expected.amountMinor) {
      variances.push({
        lineNumber: line.lineNumber,
        kind: 'amount',
        orderedAmount: expected,
        billedAmount,
        message: `Line ${line.lineNumber} (${ordered.description}): ${formatMoney(billedAmount)} billed so far, where the order gives ${formatMoney(expected)} for ${formatNumber(Math.min(quantity, ordered.quantity), 3)} at ${formatMoney(ordered.unitCost)}.`,
      });
    }
  }
  return variances;
}

export async function recordVendorBill(
  actorId: string,
  jobId: string,
  input: CreateVendorBillInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<VendorBillView>(actorId, idempotency, async (remember) => {
    const { caller, clientId } = await openJobScope(actorId, jobId);
    authorize(caller, 'bill.record');
    const [orderItem] = await getItems([PurchaseOrder.key(clientId, jobId, input.purchaseOrderId)]);
    if (!orderItem) {
      throw unprocessable(
        'unknown_purchase_order',
        'This job has no such purchase order.',
        'body.purchaseOrderId',
      );
    }
    const order = fromItem<PurchaseOrderView>(orderItem);
    if (order.status === 'cancelled') {
      throw conflict(
        'purchase_order_cancelled',
        `Purchase order ${order.number} was cancelled: a bill cannot be matched to it.`,
      );
    }
    input.lines.forEach((line, index) => {
      if (line.amount.currency !== order.total.currency) {
        throw unprocessable(
          'currency_mismatch',
          `Purchase order ${order.number} is in ${order.total.currency}; its bills must be too, not ${line.amount.currency}.`,
          `body.lines.${index}.amount`,
        );
      }
    });
    const earlier = (await queryAll(VendorBill.ofJob(clientId, jobId)))
      .map((i) => fromItem<VendorBillView>(i))
      .filter((b) => b.purchaseOrderId === order.purchaseOrderId);
    const earlierBilled = new Map<number, { quantity: number; amountMinor: number }>();
    for (const b of earlier) {
      for (const l of b.lines) {
        const acc = earlierBilled.get(l.lineNumber) ?? { quantity: 0, amountMinor: 0 };
        earlierBilled.set(l.lineNumber, {
          quantity: acc.quantity + l.quantity,
          amountMinor: acc.amountMinor + l.amount.amountMinor,
        });
      }
    }
    const total = sum(
      input.lines.map((l) => l.amount),
      order.total.currency,
    );
    const variances = variancesOf(order, input, earlierBilled);
    const billId = newScopedId(clientId);
    const item = newRecord(
      VendorBill.type,
      VendorBill.key(clientId, jobId, billId),
      {},
      {
        billId,
        purchaseOrderId: order.purchaseOrderId,
        purchaseOrderNumber: order.number,
        clientId,
        jobId,
        vendorId: order.vendorId,
        billNumber: input.billNumber,
        billDate: input.billDate,
        lines: input.lines,
        total,
        variances,
        matched: variances.length === 0,
        rebillable: input.rebillable,
        recordedBy: caller.staffId,
        notes: input.notes,
      },
    );
    const bill = fromItem<VendorBillView>(item);
    const nextOrder = patched(order, {
      billed: sum([order.billed, total]),
      status: 'billed',
    });
    // Orders, bookings and bills of the job meet on its ledger: a transaction that lost that race is retried.
    for (let attempt = 0; ; attempt++) {
      try {
        await transact([
          billToLedger(clientId, jobId, total, input.billDate),
          putNew(item),
          putNew(
            storedItem(
              VendorBillNumber.type,
              VendorBillNumber.key(clientId, order.vendorId, input.billNumber),
              {},
              { billId },
            ),
            () =>
              conflict(
                'bill_already_recorded',
                `${order.vendorName}'s bill ${input.billNumber} is already recorded.`,
                'body.billNumber',
              ),
          ),
          putIfVersion(
            storedItem(
              PurchaseOrder.type,
              PurchaseOrder.key(clientId, jobId, order.purchaseOrderId),
              {},
              nextOrder,
            ),
            order.version,
            () => versionConflict('The purchase order', order.version),
          ),
          clientAuditEvent(clientId, {
            actorId,
            action: 'vendor_bill.recorded',
            entityType: 'vendorBill',
            entityId: billId,
            after: item,
          }),
          ...remember(bill),
        ]);
        return bill;
      } catch (error) {
        if (!(error instanceof TransactionRaceError) || attempt + 1 >= 10) throw error;
        await backoff(attempt);
      }
    }
  });
}

/** A job's spend: the signed total, what is committed and billed, its orders and bills (one query). */
export async function getJobSpend(actorId: string, jobId: string) {
  const { clientId } = await openJobScope(actorId, jobId);
  const [items, estimateLines] = await Promise.all([
    queryAll({ partition: JobSpendLedger.key(clientId, jobId).PK, sortPrefix: `COST#${jobId}#` }),
    signedEstimateLines(clientId, jobId),
  ]);
  const of = (type: string) => items.filter((i: Item) => i.itemType === type);
  const ledgerItem = of(JobSpendLedger.type)[0];
  const purchaseOrders = of(PurchaseOrder.type).map((i) => fromItem<PurchaseOrderView>(i));
  const bills = of(VendorBill.type).map((i) => fromItem<VendorBillView>(i));
  const figures = ledgerFigures(ledgerItem ? fromItem<SpendLedger>(ledgerItem) : undefined);
  const billed =
    figures.signedTotal &&
    sum(
      bills.map((b) => b.total).filter((t) => t.currency === figures.signedTotal!.currency),
      figures.signedTotal.currency,
    );
  return { jobId, ...figures, billed, estimateLines, purchaseOrders, bills };
}
