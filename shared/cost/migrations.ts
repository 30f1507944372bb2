import { type Item, queryAll } from '../platform/db/table.js';
import type { ItemMigration } from '../platform/migrations.js';
import { JobSpendLedger, PurchaseOrder, VendorBill } from './entities.js';
import { type LedgerFigure, monthlyAttribute } from './ledger.js';

/**
 * A ledger's monthly figures as its job's history gives them, for a ledger written before the
 * ledger kept them: each order's total in the month it was issued (less what a cancellation gave
 * back, in the month of the cancellation), each bill in the month of its bill date. Whatever else
 * the ledger holds as committed — bookings that counted against the job's total, which kept no
 * history of their own on the job — goes to the month the ledger last changed.
 */
export function monthlyFiguresFromHistory(
  ledger: { committedMinor?: number; updatedAt?: string; createdAt?: string },
  orders: {
    total: { amountMinor: number };
    createdAt: string;
    cancelledAt?: string;
    released?: { amountMinor: number };
  }[],
  bills: { total: { amountMinor: number }; billDate: string }[],
): Record<LedgerFigure, Record<string, number>> {
  const figures: Record<LedgerFigure, Record<string, number>> = { committed: {}, billed: {} };
  const add = (figure: LedgerFigure, month: string, amount: number) => {
    figures[figure][month] = (figures[figure][month] ?? 0) + amount;
  };
  let fromOrders = 0;
  for (const order of orders) {
    add('committed', order.createdAt.slice(0, 7), order.total.amountMinor);
    fromOrders += order.total.amountMinor;
    if (order.cancelledAt && order.released) {
      add('committed', order.cancelledAt.slice(0, 7), -order.released.amountMinor);
      fromOrders -= order.released.amountMinor;
    }
  }
  for (const bill of bills) add('billed', bill.billDate.slice(0, 7), bill.total.amountMinor);
  const rest = (ledger.committedMinor ?? 0) - fromOrders;
  const when = ledger.updatedAt ?? ledger.createdAt;
  if (rest !== 0 && when) add('committed', when.slice(0, 7), rest);
  return figures;
}

/**
 * Job spend ledgers keep their figures per month (`committed@yyyy-mm`, `billed@yyyy-mm`,
 * `billedMinor`), so the monthly reconciliation reads one item per job: each ledger written
 * before gets them from its job's orders and bills (`monthlyFiguresFromHistory`) and is marked
 * `monthlyFigures`. Run right after the deploy that brings the change: an order placed between
 * the deploy and this step is counted from its item, like the older ones.
 */
export const ledgersKeepMonthlyFigures: ItemMigration[] = [
  {
    itemTypes: [JobSpendLedger.type],
    upgrade: async (item) => {
      if (item.monthlyFigures === true) return undefined;
      const jobId = item.jobId as string;
      const history = await queryAll({ partition: item.PK as string, sortPrefix: `COST#${jobId}#` });
      const of = (type: string) => history.filter((i: Item) => i.itemType === type);
      const figures = monthlyFiguresFromHistory(
        item as { committedMinor?: number; updatedAt?: string },
        of(PurchaseOrder.type) as never,
        of(VendorBill.type) as never,
      );
      const kept = Object.fromEntries(
        Object.entries(item).filter(([name]) => !/^(committed|billed)@/.test(name)),
      );
      const monthly: Item = {};
      for (const figure of ['committed', 'billed'] as const) {
        for (const [month, amount] of Object.entries(figures[figure])) {
          monthly[monthlyAttribute(figure, month)] = amount;
        }
      }
      const billedMinor = Object.values(figures.billed).reduce((s, a) => s + a, 0);
      return { ...kept, ...monthly, billedMinor, monthlyFigures: true };
    },
  },
];
