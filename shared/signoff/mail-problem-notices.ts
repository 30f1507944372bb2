import type { ActiveMember, MailStatus, StaffMember } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';
import { formatDay, type Language } from '../platform/i18n.js';
import { signOffWords, staffNoticeWords } from './messages.js';
import type { Stage } from './schemas.js';

/**
 * Who hears that a client contact cannot be reached by email: the team's account executives (who
 * keep the client's contacts), else its account managers, and whoever started the review waiting
 * for the contact.
 */
export function whoToTell<Member extends ActiveMember>(team: Member[], starter?: StaffMember): Member[] {
  const executives = team.filter((m) => m.role === 'account_executive');
  const people = executives.length > 0 ? executives : team.filter((m) => m.role === 'account_manager');
  const starterInTeam = starter && team.find((m) => m.staffId === starter.staffId);
  return starterInTeam && !people.includes(starterInTeam) ? [...people, starterInTeam] : people;
}

/** What went wrong with the contact's address, in the reader's words. */
const what = (status: MailStatus, language: Language) => {
  const words = staffNoticeWords[language].mail;
  return status.problem === 'bounced'
    ? words.bounced(status.address, status.detail ?? '')
    : words.complained(status.address);
};

/** What the team does about it, on the client's page in the console (never an API call to make). */
const remedy = (clientId: string, name: string, language: Language) =>
  staffNoticeWords[language].mail.remedy(name, `${getMailConfig().publicBaseUrl}/clients/${clientId}`);

/** An email to the contact came back (or was reported as spam): what the team is told, in the reader's language. */
export function undeliveredNotice(
  contact: { name: string; clientId: string; contactId: string },
  status: MailStatus,
  language: Language,
  waitingStage?: Stage,
): { subject: string; paragraphs: string[] } {
  const words = staffNoticeWords[language].mail;
  return {
    subject:
      status.problem === 'bounced'
        ? words.bouncedSubject(contact.name)
        : words.complainedSubject(contact.name),
    paragraphs: [
      words.unreachable(contact.name, what(status, language)),
      ...(waitingStage ? [words.linkUnused(signOffWords[language].stages[waitingStage])] : []),
      remedy(contact.clientId, contact.name, language),
    ],
  };
}

/** A sign-off email to a marked contact was not sent: what the team is told instead, in the reader's language. */
export function withheldNotice(
  contact: { name: string; clientId: string; contactId: string },
  status: MailStatus,
  kind: 'request' | 'reminder' | 'overdue',
  language: Language,
): { subject: string; paragraphs: string[] } {
  const words = staffNoticeWords[language].mail;
  return {
    subject: words.withheldSubject(contact.name),
    paragraphs: [
      words.withheld[kind](contact.name, what(status, language), formatDay(status.at, language)),
      remedy(contact.clientId, contact.name, language),
    ],
  };
}
