/**
 * SES's bounce and complaint events (event publishing through a configuration set, delivered by
 * EventBridge with the event record as `detail`), read into what the system acts on. The tags are
 * the message tags the email was sent with (`shared/notify/mailer.ts`), plus SES's own
 * (`ses:configuration-set`, …); SES gives each as a list of values.
 */
export interface SesEventDetail {
  eventType?: string;
  mail?: { messageId?: string; timestamp?: string; destination?: string[]; tags?: Record<string, string[]> };
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    timestamp?: string;
    bouncedRecipients?: { emailAddress?: string; diagnosticCode?: string; status?: string }[];
  };
  complaint?: {
    timestamp?: string;
    complaintFeedbackType?: string;
    complainedRecipients?: { emailAddress?: string }[];
  };
}

export type MailProblem = 'bounced' | 'complained';

/** An address that cannot (or must not) be written to again, and why. */
export interface UndeliverableMail {
  problem: MailProblem;
  /** When SES saw it (ISO). */
  at: string;
  recipients: { address: string; detail?: string }[];
  /** The message's own tags: what the email was about (`clientId`, `contactId`, `approvalId`, …). */
  tags: Record<string, string>;
  messageId?: string;
}

const firstValues = (tags: Record<string, string[]> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tags ?? {})
      .filter(([name, values]) => !name.startsWith('ses:') && typeof values?.[0] === 'string')
      .map(([name, values]) => [name, values[0]!]),
  );

/**
 * A hard bounce or a complaint; undefined for anything else (a transient bounce — a full mailbox,
 * an out-of-office — is retried by SES and marks no one).
 */
export function undeliverableMail(detail: SesEventDetail): UndeliverableMail | undefined {
  const tags = firstValues(detail.mail?.tags);
  const messageId = detail.mail?.messageId;
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    return {
      problem: 'bounced',
      at: detail.bounce.timestamp ?? detail.mail?.timestamp ?? new Date().toISOString(),
      recipients: (detail.bounce.bouncedRecipients ?? [])
        .filter((r) => typeof r.emailAddress === 'string')
        .map((r) => ({
          address: r.emailAddress!.toLowerCase(),
          detail: r.diagnosticCode ?? detail.bounce?.bounceSubType,
        })),
      tags,
      messageId,
    };
  }
  if (detail.eventType === 'Complaint') {
    return {
      problem: 'complained',
      at: detail.complaint?.timestamp ?? detail.mail?.timestamp ?? new Date().toISOString(),
      recipients: (detail.complaint?.complainedRecipients ?? [])
        .filter((r) => typeof r.emailAddress === 'string')
        .map((r) => ({
          address: r.emailAddress!.toLowerCase(),
          detail: detail.complaint?.complaintFeedbackType,
        })),
      tags,
      messageId,
    };
  }
  return undefined;
}
