import { fromItem, queryAll } from '../platform/db/table.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { loadContact } from './contact-mail.js';
import { Contact } from './entities.js';
import type { Contact as ContactView, signOffKinds } from './schemas/contacts.js';

/**
 * The language of what a client contact reads (approval pages, emails, documents): recorded with
 * the contact; undefined when none is recorded (a page then follows the browser).
 */
export async function contactLanguage(clientId: string, contactId: string): Promise<Language | undefined> {
  return (await loadContact(clientId, contactId))?.language;
}

/**
 * The language a document for the client is written in (a plan document, stored once and signed
 * off as it is): the language of the client's active contacts who sign that kind of thing off,
 * when they share one; else the agency's.
 */
export async function clientDocumentLanguage(
  clientId: string,
  readers: (typeof signOffKinds)[number],
): Promise<Language> {
  const contacts = (await queryAll(Contact.ofClient(clientId)))
    .map((item) => fromItem<ContactView>(item))
    .filter((c) => c.active && c.approves.includes(readers));
  const spoken = new Set(contacts.map((c) => c.language ?? agencyLanguage));
  return spoken.size === 1 ? [...spoken][0]! : agencyLanguage;
}
