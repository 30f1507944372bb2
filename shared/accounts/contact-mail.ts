import { clientAuditEvent } from '../platform/audit.js';
import { fromItem, getItem, putIfVersion, transact } from '../platform/db/table.js';
import type { MailProblem } from '../platform/mail-events.js';
import { patched, storedItem } from '../platform/records.js';
import { Contact } from './entities.js';
import type { Contact as ContactView } from './schemas/contacts.js';

/**
 * Whether a contact can be written to. A hard bounce or a complaint about an email to the contact's
 * address marks the contact (`mailStatus`, visible in the API); sign-off emails to a marked contact
 * are withheld (and the account team told instead) until staff correct the address or clear the
 * mark. The mark names the address it is about: an address changed since no longer carries it.
 */
export interface MailStatus {
  problem: MailProblem;
  /** The address that bounced or complained. */
  address: string;
  /** When SES reported it. */
  at: string;
  /** SES's diagnostic (the receiving server's answer, or the complaint's feedback type). */
  detail?: string;
}

/** Who records the mark in the client's activity: the email service, not a person. */
export const mailSystemActor = 'system:email';

export async function loadContact(clientId: string, contactId: string): Promise<ContactView | undefined> {
  const item = await getItem(Contact.key(clientId, contactId));
  return item ? fromItem<ContactView>(item) : undefined;
}

/**
 * Whether a client contact is still active: a link emailed to one who was deactivated since (they
 * left the client) dies with them — it opens, confirms and decides nothing.
 */
export async function contactIsActive(clientId: string, contactId: string): Promise<boolean> {
  return (await loadContact(clientId, contactId))?.active === true;
}

/** The contact's mark, if their current address is the one that bounced or complained. */
export function undeliverableStatus(contact: ContactView): MailStatus | undefined {
  const status = contact.mailStatus;
  return status && status.address === contact.email.toLowerCase() ? status : undefined;
}

/**
 * Marks the contact after a bounce or complaint at `address`, once: nothing changes when the
 * contact's address is another by now, or the same mark is there already (SES and EventBridge may
 * deliver an event twice). Answers the marked contact when this call marked it.
 */
export async function markUndeliverable(
  clientId: string,
  contactId: string,
  status: MailStatus,
): Promise<ContactView | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await loadContact(clientId, contactId);
    if (!current || current.email.toLowerCase() !== status.address) return undefined;
    const existing = undeliverableStatus(current);
    // A complaint outranks a bounce; the same problem again changes nothing.
    if (existing && (existing.problem === status.problem || existing.problem === 'complained'))
      return undefined;
    const next = patched(current, { mailStatus: status });
    try {
      await transact([
        putIfVersion(
          storedItem(Contact.type, Contact.key(clientId, contactId), {}, next),
          current.version,
          () => new ContactMoved(),
        ),
        clientAuditEvent(clientId, {
          actorId: mailSystemActor,
          action: status.problem === 'bounced' ? 'contact.mail_bounced' : 'contact.mail_complaint',
          entityType: 'contact',
          entityId: contactId,
          before: current,
          after: next,
        }),
      ]);
      return next;
    } catch (error) {
      if (!(error instanceof ContactMoved)) throw error;
    }
  }
  throw new Error(`Contact ${contactId} kept changing while its mail status was recorded`);
}

class ContactMoved extends Error {
  constructor() {
    super('The contact changed concurrently');
    this.name = 'ContactMoved';
  }
}
