import { Contact, Staff } from '../accounts/entities.js';
import type { ItemMigration } from '../platform/migrations.js';
import type { Sending } from '../platform/sendings.js';
import { StatusReport, WorkReport } from './entities.js';
import { type ReportedFrequency, statusReportId } from './status-report-cadence.js';

/**
 * Status reports keyed by their frequency as well as their first day (`STATUSREPORT#<start>#<frequency>`):
 * a report stored under its first day alone moves to its new key, with its frequency (weekly when
 * it names none: reports were weekly before cadences) and its id.
 */
export const statusReportsKeyedByPeriod: ItemMigration[] = [
  {
    itemTypes: [StatusReport.type],
    upgrade: (item) => {
      if ((item.SK as string).split('#').length > 2) return undefined;
      const frequency = (item.frequency as ReportedFrequency | undefined) ?? 'weekly';
      const start = item.weekStart as string;
      return {
        ...item,
        ...StatusReport.key(item.clientId as string, frequency, start),
        frequency,
        reportId: statusReportId(frequency, start),
      };
    },
  },
];

/**
 * Reports sent before each email was recorded: the send put the report as sent and then emailed,
 * so a sent report without `sendings` (a send since writes an empty list first) gets the sending
 * it was taken to have had — when it was sent, to the recipient's address, by the sender — rather
 * than reading as an email that did not go.
 */
export const reportsRecordTheirEmails: ItemMigration[] = [
  {
    itemTypes: [WorkReport.type],
    upgrade: async (item, { read }) => {
      const sentTo = item.sentTo as { staffId: string; at: string } | undefined;
      if (item.status !== 'sent' || !sentTo || item.sendings !== undefined) return undefined;
      const director = await read(Staff.key(sentTo.staffId));
      const sendings: Sending[] = director
        ? [{ sentAt: sentTo.at, to: director.email as string, sentBy: item.staffId as string }]
        : [];
      return { ...item, sendings };
    },
  },
  {
    itemTypes: [StatusReport.type],
    upgrade: async (item, { read }) => {
      const sent = item.sentToClient as { at: string; by: string; contactIds: string[] } | undefined;
      if (!sent || item.sendings !== undefined) return undefined;
      const contacts = await Promise.all(
        sent.contactIds.map((id) => read(Contact.key(item.clientId as string, id))),
      );
      const sendings: Sending[] = contacts.flatMap((c) =>
        c ? [{ sentAt: sent.at, to: c.email as string, sentBy: sent.by }] : [],
      );
      return { ...item, sendings };
    },
  },
];
