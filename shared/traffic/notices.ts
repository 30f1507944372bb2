import { Staff, Team } from '../accounts/entities.js';
import { type ActiveMember, activeMembersOf } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItem, queryAll } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { type Email, sendEmail } from '../platform/mailer.js';

/**
 * Traffic's emails (HTML and plain text from the same content, every value escaped): what is due
 * or overdue, slips on the critical path, proposed moves and their answers, the creative brief's
 * approval, each worded in its reader's language (`trafficNoticeWords`). Links point at the API's public base URL (`PUBLIC_BASE_URL`): the staff console's own
 * address is not a setting yet; when it is, only `pathUrl` changes.
 */
export interface Notice {
  to: string;
  /** The reader's language, which the words come in (named on the HTML). */
  language: Language;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A table: its header, then its rows. */
  table?: { header: string[]; rows: string[][] };
  action?: { label: string; url: string };
}

export const pathUrl = (path: string) => `${getMailConfig().publicBaseUrl}${path}`;
export const schedulePath = (jobId: string) => `/jobs/${jobId}/schedule`;

export function renderNotice(notice: Notice): Email {
  const { agencyName } = getMailConfig();
  const tableText = notice.table
    ? [notice.table.header.join(' | '), ...notice.table.rows.map((row) => row.join(' | ')), '']
    : [];
  const text = [
    notice.greeting,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...tableText,
    ...(notice.action ? [`${notice.action.label}: ${notice.action.url}`, ''] : []),
    `— ${agencyName}, Account Desk`,
  ].join('\n');
  const cell = (tag: 'th' | 'td', value: string) =>
    `<${tag} align="left" style="padding:2px 12px 2px 0;border-bottom:1px solid #ddd">${escapeHtml(value)}</${tag}>`;
  const table = notice.table
    ? `<table style="border-collapse:collapse"><tr>${notice.table.header.map((h) => cell('th', h)).join('')}</tr>${notice.table.rows
        .map((row) => `<tr>${row.map((v) => cell('td', v)).join('')}</tr>`)
        .join('')}</table>`
    : '';
  const html = `<!doctype html><html lang="${notice.language}"><body style="font-family:sans-serif;max-width:720px">
<p>${escapeHtml(notice.greeting)}</p>
${notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${table}
${
  notice.action
    ? `<p><a href="${escapeHtml(notice.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(notice.action.label)}</a></p>`
    : ''
}
<p style="color:#555">— ${escapeHtml(agencyName)}, Account Desk</p>
</body></html>`;
  return { to: notice.to, subject: `[${agencyName}] ${notice.subject}`, html, text };
}

export const sendNotice = (notice: Notice) => sendEmail(renderNotice(notice));

/** The language a staff member reads their emails in (their console's), else the agency's. */
export const readerLanguage = (person: { language?: Language }): Language =>
  person.language ?? agencyLanguage;

/** The people who answer for a job's time: its owner (the AE) and the traffic coordinators on the team, else the agency's. */
export async function timeKeepers(clientId: string, jobOwnerId: string): Promise<ActiveMember[]> {
  const team = await activeMembersOf(await getItem(Team.key(clientId)));
  let traffic = team.filter((m) => m.role === 'traffic_coordinator');
  if (traffic.length === 0) {
    traffic = (await queryAll(Staff.withRole('traffic_coordinator')))
      .filter((s) => s.active)
      .map((s) => fromItem<ActiveMember>(s))
      .map(({ staffId, name, email, role, language }) => ({ staffId, name, email, role, language }));
  }
  const owner =
    team.find((m) => m.staffId === jobOwnerId) ??
    (await getItem(Staff.key(jobOwnerId)).then((s) =>
      s?.active
        ? {
            staffId: jobOwnerId,
            name: s.name as string,
            email: s.email as string,
            role: s.role as string,
            language: s.language as Language | undefined,
          }
        : undefined,
    ));
  const people = [...(owner ? [owner] : []), ...traffic];
  return [...new Map(people.map((p) => [p.staffId, p])).values()];
}
