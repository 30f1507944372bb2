import type { Language } from '../platform/i18n.js';
import { loadContact } from './contact-mail.js';

/**
 * The language of what a client contact reads (approval pages, emails, documents): recorded with
 * the contact; undefined when none is recorded (a page then follows the browser).
 */
export async function contactLanguage(clientId: string, contactId: string): Promise<Language | undefined> {
  return (await loadContact(clientId, contactId))?.language;
}
