import { loadActiveTeam, markUndeliverable } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import { fromItem, getItems } from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import type { UndeliverableMail } from '../platform/mail-events.js';
import { sendEmail } from '../platform/mailer.js';
import { businessMetric, countEvent } from '../platform/telemetry.js';
import {
  ApprovalRequest as ApprovalEntity,
  Review as ReviewEntity,
  ReviewStep as StepEntity,
} from './entities.js';
import { undeliveredNotice, whoToTell } from './mail-problem-notices.js';
import { signOffWords } from './messages.js';
import { loadReviewContext, tellStaff } from './notices.js';
import type { ApprovalRequest, Review, ReviewStep } from './schemas.js';

export interface UndeliverableOutcome {
  /** Contacts this event marked (a repeated event marks none). */
  marked: string[];
  /** Recipients the event named that are no contact of ours (staff, or an address changed since). */
  ignored: string[];
}

/**
 * A hard bounce or a complaint came back from SES: the contact the email was for is marked (which
 * stops sign-off emails to them) and the account team is told — naming the review step that now
 * waits for someone who never got its link, when the email was an approval request. Idempotent:
 * a repeated event finds the mark and tells nobody again.
 */
export async function handleUndeliverableMail(mail: UndeliverableMail): Promise<UndeliverableOutcome> {
  const outcome: UndeliverableOutcome = { marked: [], ignored: [] };
  const { clientId, contactId, approvalId, reviewId } = mail.tags;
  for (const recipient of mail.recipients) {
    countEvent(mail.problem === 'bounced' ? businessMetric.emailBounced : businessMetric.emailComplaint);
    const marked =
      clientId && contactId
        ? await markUndeliverable(clientId, contactId, {
            problem: mail.problem,
            address: recipient.address,
            at: mail.at,
            ...(recipient.detail ? { detail: recipient.detail } : {}),
          })
        : undefined;
    if (!marked?.mailStatus) {
      outcome.ignored.push(recipient.address);
      continue;
    }
    outcome.marked.push(marked.contactId);
    const status = marked.mailStatus;
    const approvalContext =
      approvalId && reviewId ? await loadApproval(marked.clientId, reviewId, approvalId) : undefined;
    if (approvalContext) {
      const { review, step, approval } = approvalContext;
      const ctx = await loadReviewContext(review);
      const open = approval.status === 'pending';
      await tellStaff(review, step, ctx, whoToTell(ctx.team, ctx.starter), (language) =>
        undeliveredNotice(marked, status, language, open ? step.stage : undefined),
      );
    } else {
      await tellTeamPlainly(marked.clientId, (language) => undeliveredNotice(marked, status, language));
    }
  }
  return outcome;
}

async function loadApproval(clientId: string, reviewId: string, approvalId: string) {
  const [approvalItem, reviewItem] = await getItems([
    ApprovalEntity.key(clientId, approvalId),
    ReviewEntity.key(clientId, reviewId),
  ]);
  if (!approvalItem || !reviewItem) return undefined;
  const approval = fromItem<ApprovalRequest>(approvalItem);
  const [stepItem] = await getItems([StepEntity.key(clientId, reviewId, approval.stepNo)]);
  if (!stepItem) return undefined;
  return { approval, review: fromItem<Review>(reviewItem), step: fromItem<ReviewStep>(stepItem) };
}

/** The same notice without a review around it (an email that was not a sign-off request), in each reader's language. */
async function tellTeamPlainly(
  clientId: string,
  noticeIn: (language: Language) => { subject: string; paragraphs: string[] },
) {
  const { agencyName } = getMailConfig();
  for (const person of whoToTell(await loadActiveTeam(clientId))) {
    const language = person.language ?? agencyLanguage;
    const notice = noticeIn(language);
    const lines = [
      signOffWords[language].staff.greeting(person.name),
      ...notice.paragraphs,
      `— ${agencyName}, Account Desk`,
    ];
    await sendEmail({
      to: person.email,
      subject: `[${agencyName}] ${notice.subject}`,
      text: lines.join('\n\n'),
      html: `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">${lines
        .map((line) => `<p>${escapeHtml(line)}</p>`)
        .join('\n')}</body></html>`,
    });
  }
}
