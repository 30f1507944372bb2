import { Staff } from '../accounts/entities.js';
import { loadActiveTeam } from '../accounts/index.js';
import type { Job as JobView } from '../jobs/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItem } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { sendEmail } from '../platform/mailer.js';
import { formatMoney, type Money } from '../platform/money.js';
import { spendNoticeWords } from './messages.js';

/**
 * Spend's emails to the account team (HTML and plain text from the same words, every value
 * escaped): a job's committed spend reaching 80 % or 100 % of what the client signed, and the
 * monthly reconciliation with its link.
 */
export interface CostNotice {
  to: string;
  /** The reader's language (the `lang` of the HTML); English where not given. */
  language?: Language;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

export function renderCostNotice(notice: CostNotice) {
  const { agencyName } = getMailConfig();
  const text = [
    notice.greeting,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...(notice.action ? [`${notice.action.label}: ${notice.action.url}`, ''] : []),
    `— ${agencyName}, Account Desk`,
  ].join('\n');
  const html = `<!doctype html><html lang="${notice.language ?? agencyLanguage}"><body style="font-family:sans-serif;max-width:720px">
<p>${escapeHtml(notice.greeting)}</p>
${notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  notice.action
    ? `<p><a href="${escapeHtml(notice.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(notice.action.label)}</a></p>`
    : ''
}
<p style="color:#555">— ${escapeHtml(agencyName)}, Account Desk</p>
</body></html>`;
  return { to: notice.to, subject: `[${agencyName}] ${notice.subject}`, html, text };
}

/** The job's AE (its owner) and the client's account managers, each once. */
async function spendKeepers(job: JobView) {
  const [team, ownerItem] = await Promise.all([
    loadActiveTeam(job.clientId),
    getItem(Staff.key(job.ownerId)),
  ]);
  const people = new Map<string, { name: string; email: string; language?: Language }>();
  if (ownerItem?.active) {
    const owner = fromItem<{ name: string; email: string; language?: Language }>(ownerItem);
    people.set(job.ownerId, owner);
  }
  for (const member of team) if (member.role === 'account_manager') people.set(member.staffId, member);
  return [...people.values()];
}

/** Each keeper reads the notice in their own language (`PATCH /me`), amounts by `Intl` in it. */
export async function notifySpendThreshold(job: JobView, percent: number, signed: Money, committed: Money) {
  const jobName = `${job.jobNumber} (${job.title})`;
  for (const person of await spendKeepers(job)) {
    const language = person.language ?? agencyLanguage;
    const words = spendNoticeWords[language];
    const [spent, total] = [formatMoney(committed, language), formatMoney(signed, language)];
    await sendEmail(
      renderCostNotice({
        to: person.email,
        language,
        subject: words.subject(job.jobNumber, percent),
        greeting: words.greeting(person.name),
        paragraphs: [
          percent >= 100
            ? words.reachedTotal(jobName, spent, total)
            : words.reachedShare(jobName, percent, spent, total),
          words.advice,
        ],
        action: { label: words.openJob, url: `${getMailConfig().publicBaseUrl}/jobs/${job.jobId}` },
      }),
    );
  }
}
