import type { EventBridgeEvent } from 'aws-lambda';
import { type SesEventDetail, undeliverableMail } from '../../shared/platform/mail-events.js';
import { handleUndeliverableMail } from '../../shared/signoff/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

registerSignOffSubjects();

type SesEvent = EventBridgeEvent<'Email Bounced' | 'Email Complaint Received', SesEventDetail>;

/**
 * SES bounce and complaint events of the stack's configuration set, delivered by EventBridge
 * (`infra/constructs/mail.ts`). Errors propagate, so EventBridge retries and then dead-letters.
 * A transient bounce is SES's to retry: nothing to do here.
 */
export const handler = instrumented<SesEvent, void>().handler(async (event) => {
  const mail = undeliverableMail(event.detail);
  if (!mail) {
    logger.info('Mail event needs no action', { detailType: event['detail-type'] });
    return;
  }
  logger.appendKeys({ messageId: mail.messageId, problem: mail.problem });
  const outcome = await handleUndeliverableMail(mail);
  logger.info('Mail event handled', { marked: outcome.marked, ignoredRecipients: outcome.ignored.length });
});
