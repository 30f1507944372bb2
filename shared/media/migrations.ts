import { Vendor, VendorName } from '../cost/entities.js';
import type { Item } from '../platform/db/table.js';
import { clientOfScopedId } from '../platform/ids.js';
import { type ItemMigration, legacyMoney, type MigrationTools } from '../platform/migrations.js';
import {
  Booking,
  CampaignReport,
  DeliveryRow,
  MediaBriefVersion,
  MediaCampaign,
  MediaPlanVersion,
} from './entities.js';

/** Plan or booking lines with their rate and cost in minor units; the version's or booking's currency no longer repeated. */
function upgradeLines(item: Item, tools: MigrationTools): Item | undefined {
  const currency = item.currency as string | undefined;
  const total = legacyMoney(item.totalCost, tools, currency);
  if (!total) return undefined;
  const { currency: _repeated, ...rest } = item;
  return {
    ...rest,
    totalCost: total,
    lines: ((item.lines as Record<string, unknown>[] | undefined) ?? []).map((line) => ({
      ...line,
      rate: legacyMoney(line.rate, tools, currency) ?? line.rate,
      cost: legacyMoney(line.cost, tools, currency) ?? line.cost,
    })),
  };
}

const reportFigures = ['budget', 'planned', 'booked', 'delivered', 'billed'] as const;

/**
 * Money as integer minor units in media: campaign and brief budgets, plan versions' and bookings'
 * line rates, line costs and totals, monitoring rows' billed cost (in their campaign's currency),
 * and the money totals of post-campaign reports.
 */
export const mediaMoneyInMinorUnits: ItemMigration[] = [
  {
    itemTypes: [MediaCampaign.type, MediaBriefVersion.type],
    upgrade: (item, tools) => {
      const budget = legacyMoney(item.budget, tools);
      return budget ? { ...item, budget } : undefined;
    },
  },
  { itemTypes: [MediaPlanVersion.type, Booking.type], upgrade: upgradeLines },
  {
    itemTypes: [DeliveryRow.type],
    upgrade: async (item, tools) => {
      if (typeof item.cost !== 'number') return undefined;
      const campaignId = item.campaignId as string;
      const clientId = clientOfScopedId(campaignId);
      const campaign = clientId ? await tools.read(MediaCampaign.key(clientId, campaignId)) : undefined;
      const currency = (campaign?.budget as { currency?: string } | undefined)?.currency;
      const cost = legacyMoney(item.cost, tools, currency);
      if (!cost) {
        tools.note('rows of a missing campaign');
        return undefined;
      }
      return { ...item, cost };
    },
  },
  {
    itemTypes: [CampaignReport.type],
    upgrade: (item, tools) => {
      const totals = item.totals as Record<string, unknown> | undefined;
      const currency = totals?.currency as string | undefined;
      if (!totals || !currency) return undefined;
      const { currency: _repeated, ...rest } = totals;
      const upgraded: Record<string, unknown> = { ...rest };
      for (const figure of reportFigures) upgraded[figure] = legacyMoney(totals[figure], tools, currency);
      return { ...item, totals: upgraded };
    },
  },
];

/**
 * Bookings name registered vendors (issue 13 §2): each booking keeps its free-text vendor name as
 * `vendorText` (history), and gains `vendorId` where the register has a vendor of that name
 * (case and spacing aside). A name not registered yet is noted and left unlinked; run again
 * (`npm run migrate -- --force`) once the account team has registered it, and it links then.
 */
export const bookingsNameRegisteredVendors: ItemMigration[] = [
  {
    itemTypes: [Booking.type],
    upgrade: async (item, tools) => {
      if (item.vendorId || typeof item.vendor !== 'string') return undefined;
      const text = (item.vendorText as string | undefined) ?? item.vendor;
      const marker = await tools.read(VendorName.key(text));
      const vendor = marker ? await tools.read(Vendor.key(marker.vendorId as string)) : undefined;
      if (!vendor) {
        tools.note('bookings of vendors not in the register yet');
        return item.vendorText === undefined ? { ...item, vendorText: text } : undefined;
      }
      return { ...item, vendorText: text, vendorId: vendor.vendorId };
    },
  },
];
