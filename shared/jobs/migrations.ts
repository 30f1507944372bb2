import type { ItemMigration } from '../platform/migrations.js';
import { legacyMoney } from '../platform/migrations.js';
import { Job } from './entities.js';

/** Money as integer minor units: a job's budget. */
export const jobsMoneyInMinorUnits: ItemMigration[] = [
  {
    itemTypes: [Job.type],
    upgrade: (item, tools) => {
      const budget = legacyMoney(item.budget, tools);
      return budget ? { ...item, budget } : undefined;
    },
  },
];
