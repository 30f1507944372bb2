/**
 * The data migrations of Account Desk, in the order they run (`shared/platform/migrations.ts`):
 * the local stack runs the pending ones when it starts, `npm run migrate` against a deployed stack.
 */
import { accountsMoneyInMinorUnits } from '../shared/accounts/index.js';
import { reportsRecordTheirEmails, statusReportsKeyedByPeriod } from '../shared/client-record/index.js';
import { ledgersKeepMonthlyFigures } from '../shared/cost/index.js';
import { jobsMoneyInMinorUnits } from '../shared/jobs/index.js';
import { bookingsNameRegisteredVendors, mediaMoneyInMinorUnits } from '../shared/media/index.js';
import type { Migration } from '../shared/platform/migrations.js';
import { milestonesKeepBuiltInNames } from '../shared/traffic/index.js';
import { type MigrationReport, runMigration } from './migration-runner.js';

export const migrations: Migration[] = [
  {
    name: '2026-12-money-in-minor-units',
    description:
      'Money as integer minor units ({ amountMinor, currency }): job and client budgets, campaign and brief budgets, plan and booking line rates, costs and totals, monitoring rows, report totals (docs/data-model.md, "Money").',
    steps: [...accountsMoneyInMinorUnits, ...jobsMoneyInMinorUnits, ...mediaMoneyInMinorUnits],
  },
  {
    name: '2026-12-bookings-name-registered-vendors',
    description:
      'Bookings name registered vendors: the free-text vendor kept as vendorText, vendorId where the vendor register has that name (docs/data-model.md, "Cost: spend").',
    steps: bookingsNameRegisteredVendors,
  },
  {
    name: '2026-12-ledgers-keep-monthly-figures',
    description:
      'Job spend ledgers keep committed and billed spend per month (committed@yyyy-mm, billed@yyyy-mm), from each job\'s orders and bills, so the monthly reconciliation reads one item per job (docs/data-model.md, "Cost: spend").',
    steps: ledgersKeepMonthlyFigures,
  },
  {
    name: '2026-12-status-reports-keyed-by-period',
    description:
      'Status reports keyed by frequency and first day (a month and the week starting on its 1st are two reports): each moves from STATUSREPORT#<start> to STATUSREPORT#<start>#<frequency>, with its reportId (docs/data-model.md, "Client record").',
    steps: statusReportsKeyedByPeriod,
  },
  {
    name: '2026-12-reports-record-their-emails',
    description:
      'Work and status reports sent before each email was recorded get the sendings they were taken to have had (when sent, to the recipient’s address, by the sender), so they do not read as emails that did not go (docs/data-model.md, "Client record").',
    steps: reportsRecordTheirEmails,
  },
  {
    name: '2026-12-milestones-keep-built-in-names',
    description:
      'Milestones drawn from a built-in template before names were translated get nameKey by the rule used when a schedule is made (key and name both the built-in’s as shipped), and deliverableKey by the same rule for deliverables, on schedules, timetable versions, task items, board entries and change proposals (milestoneNameKey), so they read in each reader’s language (docs/data-model.md, "Traffic").',
    steps: milestonesKeepBuiltInNames,
  },
];

/** Runs every migration not yet done (all of them again with `force`), reporting each. */
export async function runMigrations(
  log: (line: string) => void,
  options: { force?: boolean } = {},
): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const migration of migrations) {
    const report = await runMigration(migration, options);
    reports.push(report);
    if (!report.alreadyDone) {
      const notes = Object.entries(report.notes).map(([what, n]) => `, ${n} ${what}`);
      log(
        `[migrate] ${report.name}: ${report.upgraded} of ${report.scanned} items upgraded${notes.join('')}`,
      );
    }
  }
  return reports;
}
