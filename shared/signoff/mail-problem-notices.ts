import type { ActiveMember, MailStatus, StaffMember } from '../accounts/index.js';
import { getMailConfig } from '../platform/config.js';

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

const what = (status: MailStatus) =>
  status.problem === 'bounced'
    ? `emails to ${status.address} bounce${status.detail ? ` (${status.detail})` : ''}`
    : `they reported an email from us to ${status.address} as spam`;

/** What the team does about it, on the client's page in the console (never an API call to make). */
const remedy = (clientId: string, name: string) =>
  `Check the address with the client and correct it on the client's page in Account Desk (${getMailConfig().publicBaseUrl}/clients/${clientId}), or, once it is confirmed to work, choose "${name}’s address works again" there. Until then Account Desk sends them no sign-off emails.`;

/** An email to the contact came back (or was reported as spam): what the team is told. */
export function undeliveredNotice(
  contact: { name: string; clientId: string; contactId: string },
  status: MailStatus,
  approval?: { stepLabel: string },
): { subject: string; paragraphs: string[] } {
  return {
    subject: `${status.problem === 'bounced' ? 'Email bounced' : 'Email reported as spam'}: ${contact.name}`,
    paragraphs: [
      `${contact.name} cannot be reached by email: ${what(status)}.`,
      ...(approval
        ? [
            `They did not get (or will not use) the approval link for the ${approval.stepLabel} below, so the step waits for someone who has not seen it. It keeps its deadline, reminders and escalation.`,
          ]
        : []),
      remedy(contact.clientId, contact.name),
    ],
  };
}

/** A sign-off email to a marked contact was not sent: what the team is told instead. */
export function withheldNotice(
  contact: { name: string; clientId: string; contactId: string },
  status: MailStatus,
  kind: 'request' | 'reminder' | 'overdue',
): { subject: string; paragraphs: string[] } {
  return {
    subject: `Not sent to ${contact.name}`,
    paragraphs: [
      `The ${kind === 'request' ? 'approval request' : kind === 'reminder' ? 'reminder' : 'overdue notice'} for the item below was not emailed to ${contact.name}: ${what(status)} (since ${status.at.slice(0, 10)}).`,
      remedy(contact.clientId, contact.name),
    ],
  };
}
