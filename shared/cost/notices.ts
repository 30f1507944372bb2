import { Staff } from '../accounts/entities.js';
import { loadActiveTeam } from '../accounts/index.js';
import type { Job as JobView } from '../jobs/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItem } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { sendEmail } from '../platform/mailer.js';
import { formatMoney, type Money } from '../platform/money.js';

/**
 * Spend's emails to the account team (HTML and plain text from the same words, every value
 * escaped): a job's committed spend reaching 80 % or 100 % of what the client signed, and the
 * monthly reconciliation with its link.
 */
export interface CostNotice {
  to: string;
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
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:720px">
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
  const people = new Map<string, { name: string; email: string }>();
  if (ownerItem?.active) {
    const owner = fromItem<{ name: string; email: string }>(ownerItem);
    people.set(job.ownerId, owner);
  }
  for (const member of team) if (member.role === 'account_manager') people.set(member.staffId, member);
  return [...people.values()];
}

export async function notifySpendThreshold(job: JobView, percent: number, signed: Money, committed: Money) {
  const reached =
    percent >= 100
      ? `Committed spend on job ${job.jobNumber} (${job.title}) has reached the total the client signed: ${formatMoney(committed)} of ${formatMoney(signed)}. No further purchase order or booking can be placed until the client signs a change order.`
      : `Committed spend on job ${job.jobNumber} (${job.title}) has reached ${percent} % of the total the client signed: ${formatMoney(committed)} of ${formatMoney(signed)}.`;
  for (const person of await spendKeepers(job)) {
    await sendEmail(
      renderCostNotice({
        to: person.email,
        subject: `Job ${job.jobNumber}: ${percent} % of the signed estimate committed`,
        greeting: `Dear ${person.name},`,
        paragraphs: [
          reached,
          'If more spend is needed, forecast the overrun and have the client approve it first (a change order).',
        ],
        action: { label: 'Open the job', url: `${getMailConfig().publicBaseUrl}/jobs/${job.jobId}` },
      }),
    );
  }
}
