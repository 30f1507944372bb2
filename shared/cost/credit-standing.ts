import { authorize, type Caller } from '../accounts/index.js';
import { fromItem, getItem } from '../platform/db/table.js';
import { CreditStanding } from './entities.js';

/** What billing records of a client's credit (see `CreditStanding`). */
interface CreditStandingView {
  clientId: string;
  flagged: boolean;
  reasons: string[];
  updatedAt: string;
}

/**
 * New spend for a client whose credit standing is flagged needs an account director (issue 14 §2):
 * a purchase order raised then is refused below AD, and carries the reason when an AD places it.
 * Answers the reason to record on the order, or undefined when the standing is clear.
 */
export async function creditHoldFor(caller: Caller, clientId: string): Promise<string | undefined> {
  const item = await getItem(CreditStanding.key(clientId));
  const standing = item && fromItem<CreditStandingView>(item);
  if (!standing?.flagged) return undefined;
  authorize(caller, 'spend.commitOnCreditHold');
  return standing.reasons.join(' ');
}
