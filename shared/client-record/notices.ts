import { Staff } from '../accounts/entities.js';
import type { Language } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import { getItems } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { type EmailTags, sendEmail } from '../platform/mailer.js';

/**
 * Emails of the client record (HTML and plain text from one content, every value escaped). Links
 * point at the console's origin (`PUBLIC_BASE_URL`): console pages for staff, the minutes page for
 * the client's attendees.
 */
export interface Notice {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label/value rows (facts of what the email is about). */
  facts?: [string, string][];
  /** HTML already escaped (a rendered document fragment) with its plain-text twin. */
  body?: { html: string; text: string };
  action?: { label: string; url: string };
  sign?: string;
  tags?: EmailTags;
  /** Subject prefix: the agency's name (default) or none. */
  plainSubject?: boolean;
}

export const pathUrl = (path: string) => `${getMailConfig().publicBaseUrl}${path}`;

export async function sendNotice(notice: Notice): Promise<void> {
  const { agencyName } = getMailConfig();
  const sign = notice.sign ?? `— ${agencyName}, Account Desk`;
  const facts = notice.facts ?? [];
  const text = [
    notice.greeting,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...(facts.length ? [...facts.map(([k, v]) => `${k}: ${v}`), ''] : []),
    ...(notice.body ? [notice.body.text, ''] : []),
    ...(notice.action ? [`${notice.action.label}: ${notice.action.url}`, ''] : []),
    sign,
  ].join('\n');
  const rows = facts
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const button = notice.action
    ? `<p><a href="${escapeHtml(notice.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(notice.action.label)}</a></p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:760px">
<p>${escapeHtml(notice.greeting)}</p>
${notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${rows ? `<table>${rows}</table>` : ''}
${button}
${notice.body?.html ?? ''}
${notice.body && notice.action ? button : ''}
<p style="color:#555">${escapeHtml(sign)}</p>
</body></html>`;
  await sendEmail({
    to: notice.to,
    subject: notice.plainSubject ? notice.subject : `[${agencyName}] ${notice.subject}`,
    html,
    text,
    tags: notice.tags,
  });
}

export interface StaffReader {
  staffId: string;
  name: string;
  email: string;
  role: string;
  language?: Language;
}

/** Active staff by id, with the language they read (inactive and unknown ones left out). */
export async function activeStaff(ids: string[]): Promise<StaffReader[]> {
  const unique = [...new Set(ids)];
  const items = unique.length ? await getItems(unique.map((id) => Staff.key(id))) : [];
  return items
    .filter((s) => s?.active)
    .map((s) => ({
      staffId: s!.staffId as string,
      name: s!.name as string,
      email: s!.email as string,
      role: s!.role as string,
      ...(s!.language ? { language: s!.language as Language } : {}),
    }));
}
