import { loadContact } from './contact-mail.js';
import type { Language } from './schemas/languages.js';

/**
 * The language of what a client contact reads (their approval pages): recorded with the contact;
 * undefined when none is recorded (the page then follows the browser).
 */
export async function contactLanguage(clientId: string, contactId: string): Promise<Language | undefined> {
  return (await loadContact(clientId, contactId))?.language;
}

/** The first of our languages a browser asks for (Accept-Language), else English. */
export function acceptedLanguage(header: string | undefined): Language {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
