import { authorize, type Client, clientView, loadContact, openClient } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { fromItem, getItem, type Item, putIfVersion, putNew, transact } from '../platform/db/table.js';
import { AppError, notFound, versionConflict } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { BillingTerms as BillingTermsEntity } from './entities.js';
import { billingProblems } from './messages.js';
import type { BillingTerms, BillingTermsInput } from './schemas.js';

/**
 * A client's billing terms (issue 14 §1): when signed work becomes billable, media commission or
 * fee, payment days, currency, credit limit, the billing contact, the AM's approval threshold and
 * the reminder rhythm. The tax rate is the client record's (the one its estimates carry), read at
 * each use. Set by an account manager or above (`billing.terms`).
 */

type Problems = (typeof billingProblems)['en'];
type Texts<K extends keyof Problems> = Problems[K] extends (...args: infer A) => string ? A : [];

/** Billing's one kind of refusal: the domain's AppError, with the detail in each reader's language. */
export function billingRefusal<K extends keyof Problems>(
  status: number,
  code: K,
  args: Texts<K>,
  field?: string,
): AppError {
  const detailIn = (language: Language) => {
    const message = billingProblems[language][code] as string | ((...a: unknown[]) => string);
    return typeof message === 'function' ? message(...(args as unknown[])) : message;
  };
  const titles: Record<number, string> = {
    400: 'Bad request',
    409: 'Conflict',
    422: 'Unprocessable request',
    503: 'Service busy',
  };
  const error = new AppError(
    status,
    code,
    titles[status] ?? 'Bad request',
    detailIn('en'),
    field ? [{ field, message: detailIn('en') }] : undefined,
  );
  error.detailIn = detailIn;
  return error;
}

/** The terms with the client's tax rate as the client record holds it now. */
const withTax = (terms: Omit<BillingTerms, 'taxRateBasisPoints'>, client: Client): BillingTerms => ({
  ...terms,
  taxRateBasisPoints: client.taxRateBasisPoints ?? 0,
});

/** The terms of a client already opened for the caller; a 409 when none are set. */
export async function termsOf(client: Client): Promise<BillingTerms> {
  const item = await getItem(BillingTermsEntity.key(client.clientId));
  if (!item) throw billingRefusal(409, 'no_billing_terms', []);
  return withTax(fromItem<BillingTerms>(item), client);
}

export async function getBillingTerms(actorId: string, clientId: string): Promise<BillingTerms> {
  const { clientItem, items } = await openClient(actorId, clientId, [BillingTermsEntity.key(clientId)]);
  if (!items[0]) throw notFound('Billing terms');
  return withTax(fromItem<BillingTerms>(items[0]), clientView(clientItem));
}

export async function putBillingTerms(
  actorId: string,
  clientId: string,
  expectedVersion: number | undefined,
  input: BillingTermsInput,
): Promise<BillingTerms> {
  const { caller, clientItem, items } = await openClient(actorId, clientId, [
    BillingTermsEntity.key(clientId),
  ]);
  authorize(caller, 'billing.terms');
  const client = clientView(clientItem);
  const contact = await loadContact(clientId, input.billingContactId);
  if (!contact?.active) throw billingRefusal(422, 'unknown_billing_contact', [], 'body.billingContactId');
  for (const field of ['approvalThreshold', 'creditLimit'] as const) {
    const amount = input[field];
    if (amount && amount.currency !== input.currency)
      throw billingRefusal(422, 'currency_mismatch', [input.currency], `body.${field}`);
  }
  const current = items[0] && fromItem<BillingTerms>(items[0] as Item);
  const fields = { ...input, clientId, setBy: caller.staffId };
  let item: Item;
  if (current) {
    if (expectedVersion === undefined || expectedVersion !== current.version)
      throw versionConflict('The billing terms', expectedVersion ?? 0);
    const next = patched(current, { ...fields, creditLimit: input.creditLimit ?? null });
    delete (next as Partial<BillingTerms>).taxRateBasisPoints;
    item = storedItem(BillingTermsEntity.type, BillingTermsEntity.key(clientId), {}, next);
    await transact([
      putIfVersion(item, current.version, () => versionConflict('The billing terms', current.version)),
      clientAuditEvent(clientId, {
        actorId,
        action: 'billing_terms.changed',
        entityType: 'billingTerms',
        entityId: clientId,
        before: items[0],
        after: item,
      }),
    ]);
  } else {
    item = newRecord(BillingTermsEntity.type, BillingTermsEntity.key(clientId), {}, fields);
    await transact([
      putNew(item, () => versionConflict('The billing terms', 0)),
      clientAuditEvent(clientId, {
        actorId,
        action: 'billing_terms.set',
        entityType: 'billingTerms',
        entityId: clientId,
        after: item,
      }),
    ]);
  }
  return withTax(fromItem<BillingTerms>(item), client);
}
