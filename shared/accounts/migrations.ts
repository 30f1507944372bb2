import type { ItemMigration } from '../platform/migrations.js';
import { legacyMoney } from '../platform/migrations.js';
import { Client } from './entities.js';

/** Money as integer minor units: a client's advertising budget (intake). */
export const accountsMoneyInMinorUnits: ItemMigration[] = [
  {
    itemTypes: [Client.type],
    upgrade: (item, tools) => {
      const intake = item.intake as Record<string, unknown> | undefined;
      const budget = legacyMoney(intake?.advertisingBudget, tools);
      return budget ? { ...item, intake: { ...intake, advertisingBudget: budget } } : undefined;
    },
  },
];
