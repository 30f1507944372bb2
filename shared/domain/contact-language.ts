import { ApprovalRequest, Contact } from '../db/entities.js';
import { getItem } from '../db/table.js';
import { clientOfScopedId } from '../ids.js';
import { type Language, languages } from '../schemas/languages.js';

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/**
 * The language of the client contact an approval request asks (what their approval page is shown
 * in); undefined for a staff request, or a contact who has none recorded.
 */
export async function approvalContactLanguage(approvalId: string): Promise<Language | undefined> {
  const clientId = clientOfScopedId(approvalId);
  if (!clientId) return undefined;
  const approval = await getItem(ApprovalRequest.key(clientId, approvalId));
  const assignee = approval?.assignee as { kind?: string; contactId?: string } | undefined;
  if (assignee?.kind !== 'contact' || !assignee.contactId) return undefined;
  const contact = await getItem(Contact.key(clientId, assignee.contactId));
  return isLanguage(contact?.language) ? contact.language : undefined;
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
