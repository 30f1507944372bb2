import type { ItemMigration } from '../platform/migrations.js';
import { StatusReport } from './entities.js';
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
