import { Client as ClientEntity } from '../accounts/entities.js';
import { type Caller, isAllowed, loadCaller, type StaffRole, visibleClientIds } from '../accounts/index.js';
import { listVendors } from '../cost/index.js';
import { fromItem, getItems, queryAll } from '../platform/db/table.js';
import { Invoice as InvoiceEntity } from './entities.js';
import { invoiceView } from './invoices.js';
import type { BillingDecisions } from './schemas.js';

/**
 * What waits on the caller's decision in billing and cost, beside My work's approvals: drafts of
 * invoices and credit notes the AE has reviewed that are above their client's approval threshold,
 * for those who approve invoices (the account manager and above), on the clients they see (the
 * head: every client); and suppliers proposed, for those who approve suppliers (directors).
 * Estimates and change orders wait in the sign-off engine's queue (`GET /me/approvals`).
 * A client's invoices are one query on its partition (`INVOICE#`), as its billing page reads them.
 */
export async function listBillingDecisions(actorId: string): Promise<BillingDecisions> {
  const { caller } = await loadCaller(actorId);
  const role = caller.role as StaffRole;
  const [invoices, vendors] = await Promise.all([
    isAllowed(role, 'invoice.approve') ? invoicesToApprove(caller) : [],
    isAllowed(role, 'vendor.approve') ? listVendors(actorId, { status: 'proposed' }) : [],
  ]);
  return { invoices, vendors };
}

async function invoicesToApprove(caller: Caller): Promise<BillingDecisions['invoices']> {
  const clientIds =
    caller.role === 'head_of_accounts'
      ? (await queryAll(ClientEntity.all())).map((c) => c.clientId as string)
      : await visibleClientIds(caller);
  const perClient = await Promise.all(clientIds.map((id) => queryAll(InvoiceEntity.ofClient(id))));
  const waiting = perClient
    .flat()
    .filter((item) => item.itemType === InvoiceEntity.type)
    .map(invoiceView)
    .filter((i) => i.status === 'reviewed' && i.needsApproval);
  const clients = waiting.length
    ? await getItems([...new Set(waiting.map((i) => i.clientId))].map((id) => ClientEntity.key(id)))
    : [];
  const names = new Map(
    clients.filter(Boolean).map((c) => [c!.clientId as string, fromItem<{ name: string }>(c!).name]),
  );
  return waiting
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
    .map((invoice) => ({ clientName: names.get(invoice.clientId) ?? '', invoice }));
}
