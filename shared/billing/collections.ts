import { Client as ClientEntity } from '../accounts/entities.js';
import { type Client, clientView, loadActiveTeam } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItems, type Item, transact, updateWhen } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, formatDay } from '../platform/i18n.js';
import type { JobSegment, SegmentOutcome } from '../platform/job-segments.js';
import { walkUnits } from '../platform/job-segments.js';
import { sendEmail } from '../platform/mailer.js';
import { formatMoney } from '../platform/money.js';
import { isWorkingDay, localDate } from '../platform/working-days.js';
import { daysBetween, refreshCreditStanding, refreshDueCreditStandings } from './ageing.js';
import { BillingTerms as BillingTermsEntity, Invoice as InvoiceEntity } from './entities.js';
import { billingWords } from './messages.js';
import type { BillingTerms, Chase, Invoice } from './schemas.js';

/**
 * Chasing payment (issue 14 §2), the `collections` scheduled job. Each issued invoice with money
 * owed sits in the receivables index by due date; the job walks those already due. Reminder k is
 * due k × N working days after the due date on the client's calendar (N: the terms'
 * `reminderDays`): it goes to the client's billing contact in their language, and the chase to the
 * account team one level higher each time — the AE, then the AM, then the AD — as the sign-off
 * engine escalates a step. From the fourth on, the AD is chased again every N working days until
 * the invoice is paid: an agency does not stop asking for its money. At most one reminder goes per
 * period: a run that missed periods sends the one now due, not those it missed. Each reminder is
 * recorded on the invoice (its chasing history) by a conditional write before anything is sent, so
 * a doubled run sends nothing twice; an invoice paid in full has left the index (and the write's
 * condition), so chasing stops the moment the payment is recorded. Clients it visits get their
 * credit standing refreshed (days overdue grow); before that, so does every client whose standing
 * an issue or a payment left marked for a refresh that then failed.
 */

export const escalation = ['account_executive', 'account_manager', 'account_director'] as const;

/** The day `days` working days after `date` on the calendar (the day itself never counts). */
export function workingDaysAfter(date: string, days: number, calendar: Client['calendar']): string {
  let day = date;
  for (let counted = 0; counted < days; ) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/** The reminder due on `today` (0: none yet): how many periods of N working days since the due date. */
export function reminderLevel(
  dueOn: string,
  today: string,
  reminderDays: number,
  calendar: Client['calendar'],
) {
  let level = 0;
  for (let day = workingDaysAfter(dueOn, reminderDays, calendar); day <= today; level++)
    day = workingDaysAfter(day, reminderDays, calendar);
  return level;
}

/** Who is chased at a level: the AE, the AM, then the AD at the third and every one after. */
const escalatedRole = (level: number) => escalation[Math.min(level, escalation.length) - 1]!;

async function remind(invoice: Invoice, client: Client, today: string, level: number, at: Date) {
  const team = await loadActiveTeam(invoice.clientId);
  const role = escalatedRole(level);
  // The level's people; where the team has none in that role, the next one up.
  const staff =
    escalation
      .slice(escalation.indexOf(role))
      .map((r) => team.filter((m) => m.role === r))
      .find((members) => members.length > 0) ?? [];
  const chase: Chase = {
    level,
    escalatedTo: role,
    staffIds: staff.map((s) => s.staffId),
    contactEmail: invoice.billingContact.email,
    dueOn: today,
    sentAt: at.toISOString(),
  };
  // Recorded first, only while still owed and at the level read: a doubled run sends nothing twice.
  await transact([
    updateWhen(InvoiceEntity.key(invoice.clientId, invoice.invoiceId), {
      expression: 'SET #chasing = list_append(#chasing, :chase)',
      condition: 'size(#chasing) = :sent AND #status = :issued AND #balance.amountMinor > :zero',
      names: { '#chasing': 'chasing', '#status': 'status', '#balance': 'balance' },
      values: { ':chase': [chase], ':sent': invoice.chasing.length, ':issued': 'issued', ':zero': 0 },
    }),
  ]);
  const { agencyName } = getMailConfig();
  const language = invoice.billingContact.language;
  const w = billingWords[language];
  const days = daysBetween(invoice.dueOn!, today);
  const body = w.reminderBody(
    invoice.billingContact.name,
    invoice.number!,
    formatMoney(invoice.balance, language),
    formatDay(invoice.dueOn!, language),
    days,
  );
  await sendEmail({
    to: invoice.billingContact.email,
    subject: w.reminderSubject(agencyName, invoice.number!),
    html: `<p>${escapeHtml(body)}</p>`,
    text: `${body}\n`,
    tags: { clientId: invoice.clientId, contactId: invoice.billingContact.contactId },
  });
  for (const member of staff) {
    const s = billingWords[member.language ?? agencyLanguage];
    const text = s.chaseBody(
      client.name,
      invoice.number!,
      formatMoney(invoice.balance, member.language),
      formatDay(invoice.dueOn!, member.language ?? agencyLanguage),
    );
    await sendEmail({
      to: member.email,
      subject: s.chaseSubject(client.name, invoice.number!, level),
      html: `<p>${escapeHtml(text)}</p>`,
      text: `${text}\n`,
      tags: { clientId: invoice.clientId },
    });
  }
}

/** The `collections` job: see the module's comment. */
export async function collections(at: Date, segment: JobSegment): Promise<SegmentOutcome> {
  // First (once a run, before its first segment walks): standings a failed refresh left marked.
  const standingsRepaired = segment.resumeAfter ? 0 : await refreshDueCreditStandings(at);
  // The receivables index is in due-date order; an invoice due after tomorrow (UTC) is due nowhere yet.
  const horizon = new Date(at.getTime() + 86_400_000).toISOString().slice(0, 10);
  const refreshed = new Set<string>();
  const outcome = await walkUnits({
    query: InvoiceEntity.receivables(),
    segment,
    outcomes: ['reminded', 'notDue'],
    pastEnd: (item: Item) => (item.GSI2SK as string).slice(0, 10) > horizon,
    name: (item: Item) => `invoice ${String(item.number)}`,
    unit: async (item: Item) => {
      const invoice = fromItem<Invoice>(item);
      const [clientItem, termsItem] = await getItems([
        ClientEntity.key(invoice.clientId),
        BillingTermsEntity.key(invoice.clientId),
      ]);
      if (!clientItem || !termsItem) return 'notDue';
      const client = clientView(clientItem);
      const terms = fromItem<BillingTerms>(termsItem);
      if (!refreshed.has(client.clientId)) {
        refreshed.add(client.clientId);
        await refreshCreditStanding(client.clientId, at);
      }
      const today = localDate(at, client.calendar.timeZone);
      const level = reminderLevel(invoice.dueOn!, today, terms.reminderDays, client.calendar);
      const lastLevel = invoice.chasing.at(-1)?.level ?? 0;
      if (level <= lastLevel || invoice.balance.amountMinor === 0) return 'notDue';
      await remind(invoice, client, today, level, at);
      return 'reminded';
    },
  });
  return { ...outcome, summary: { ...outcome.summary, standingsRepaired } };
}
