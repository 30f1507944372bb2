import { createHash } from 'node:crypto';
import { Client } from '../accounts/entities.js';
import type { Client as ClientView } from '../accounts/index.js';
import { authorize } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import {
  deleteWhen,
  fromItem,
  getItem,
  type Item,
  type Page,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { defaultCalendar } from '../platform/working-days.js';
import { openCampaign } from './campaigns.js';
import { type BookedLine, bookedLines, deliveryOf, normalName } from './delivery-rule.js';
import { discrepancyDetail, inLanguage } from './discrepancy-detail.js';
import {
  Booking as BookingEntity,
  DeliveryRow as DeliveryRowEntity,
  Discrepancy as DiscrepancyEntity,
  MonitoringImport as MonitoringImportEntity,
} from './entities.js';
import type { DeliveryRowInput } from './post-campaign-document.js';
import type {
  Booking,
  Discrepancy,
  DiscrepancyFacts,
  MonitoringImport,
  ResolveDiscrepancyInput,
} from './schemas.js';

/**
 * Discrepancies between what was booked and what the monitoring reports say was delivered
 * (domain.md §5): under-delivery, missed spots, wrong dates and unbooked delivery. They are
 * derived data with deterministic ids, recomputed after every import (and on demand): a
 * recompute opens what is new, updates what is still open, clears what no longer holds, and
 * never touches a resolved one.
 */

/** The calendar day of an instant in a time zone (YYYY-MM-DD). */
export const localDate = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

export async function liveBookedLines(clientId: string, campaignId: string): Promise<BookedLine[]> {
  const items = await queryAll(BookingEntity.ofCampaign(clientId, campaignId));
  return bookedLines(items.map((i) => fromItem<Booking>(i)));
}

/** Imports whose rows count: only completed ones (an import's status is set after all its rows). */
export async function completedImportIds(clientId: string, campaignId: string): Promise<Set<string>> {
  const imports = await queryAll(MonitoringImportEntity.ofCampaign(clientId, campaignId));
  return new Set(
    imports
      .map((i) => fromItem<MonitoringImport>(i))
      .filter((i) => i.status === 'completed')
      .map((i) => i.importId),
  );
}

/** Rows per page of the delivery stream (DynamoDB also ends a page at 1 MB). */
const deliveryPageSize = 5000;

/** What discrepancies and reports read of each delivery row (and the import it came from). */
const deliveryAttributes = [
  'importId',
  'date',
  'vendor',
  'placement',
  'unitsDelivered',
  'cost',
  'impressions',
  'audience',
  'clicks',
  'bookingId',
  'lineId',
] as const;

/**
 * The campaign's monitoring rows of completed imports (`counted`; rows of an import stopped
 * halfway count nowhere), page by page — a Query of its delivery partition, never a Scan —
 * reading the next page while the caller folds in the current one. Memory holds two pages at most.
 */
export async function* deliveryRowPages(
  campaignId: string,
  counted: ReadonlySet<string>,
  limit = deliveryPageSize,
): AsyncGenerator<DeliveryRowInput[]> {
  const query = DeliveryRowEntity.ofCampaign(campaignId);
  const read = (nextToken?: string) => queryPage(query, { limit, nextToken, attributes: deliveryAttributes });
  let next: Promise<Page<Item>> | undefined = read();
  while (next) {
    const page: Page<Item> = await next;
    next = page.nextToken ? read(page.nextToken) : undefined;
    // A read ahead the caller never awaits (it stopped early) must not be an unhandled rejection.
    next?.catch(() => undefined);
    yield page.items.filter((item) => counted.has(item.importId as string)) as unknown as DeliveryRowInput[];
  }
}

/** What a recompute derives: a discrepancy's identity and numbers, before it is stored. */
interface Finding {
  discrepancyId: string;
  bookingId?: string;
  lineId?: string;
  type: Discrepancy['type'];
  expected: number;
  actual: number;
  detail: string;
  facts: DiscrepancyFacts;
}

/** A finding from its facts: the detail recorded in the agency's language, the facts for every reader's. */
const found = (f: Omit<Finding, 'detail'>): Finding => ({
  ...f,
  detail: discrepancyDetail(f, agencyLanguage),
});

interface SlotTally {
  units: number;
  rows: number;
  first: string;
  last: string;
}

const tally = (map: Map<string, SlotTally>, key: string, row: DeliveryRowInput) => {
  const t = map.get(key) ?? { units: 0, rows: 0, first: row.date, last: row.date };
  t.units += row.unitsDelivered;
  t.rows += 1;
  if (row.date < t.first) t.first = row.date;
  if (row.date > t.last) t.last = row.date;
  map.set(key, t);
};

const lineFacts = (line: BookedLine['line']) => ({
  vendor: line.vendor,
  placement: line.placement,
  unitType: line.unitType,
  lineStart: line.startDate,
  lineEnd: line.endDate,
});
const unbookedId = (vendor: string, placement: string) =>
  `unbooked.${createHash('sha256')
    .update(`${normalName(vendor)}\n${normalName(placement)}`)
    .digest('hex')
    .slice(0, 16)}.unbooked_delivery`;

/**
 * The findings for a campaign at instant `at` (its day in the client's time zone decides which
 * lines have ended). A spot line's shortfall is reported once, as missed spots; any other line's
 * as under-delivery (in its units). Rows of a booked vendor and placement dated outside the
 * line are wrong dates (counted against the nearest such line, never as delivery); rows of a
 * vendor and placement no live booking has are unbooked delivery, per vendor and placement.
 */
async function findDiscrepancies(
  campaignId: string,
  lines: BookedLine[],
  counted: Set<string>,
  today: string,
): Promise<Finding[]> {
  const delivered = new Map<string, SlotTally>();
  const wrongDates = new Map<string, SlotTally>();
  const unbooked = new Map<string, SlotTally & { vendor: string; placement: string }>();
  const lineKey = (l: BookedLine) => `${l.bookingId}.${l.line.lineId}`;
  for await (const page of deliveryRowPages(campaignId, counted)) {
    for (const row of page) {
      const delivery = deliveryOf(lines, row);
      if (delivery.kind === 'delivered') {
        tally(delivered, lineKey(delivery.booked), row);
        continue;
      }
      if (delivery.kind === 'wrong_dates') {
        tally(wrongDates, lineKey(delivery.booked), row);
        continue;
      }
      const id = unbookedId(row.vendor, row.placement);
      const before = unbooked.get(id);
      tally(unbooked as Map<string, SlotTally>, id, row);
      if (!before) Object.assign(unbooked.get(id)!, { vendor: row.vendor, placement: row.placement });
    }
  }

  const findings: Finding[] = [];
  for (const l of lines) {
    const key = lineKey(l);
    const { line } = l;
    const got = delivered.get(key)?.units ?? 0;
    const ended = line.endDate < today;
    if (ended && got < line.units) {
      const spots = line.unitType === 'spots';
      findings.push(
        found({
          discrepancyId: `${key}.${spots ? 'missed_spots' : 'under_delivery'}`,
          bookingId: l.bookingId,
          lineId: line.lineId,
          type: spots ? 'missed_spots' : 'under_delivery',
          expected: line.units,
          actual: got,
          facts: { ...lineFacts(line), units: line.units - got, booked: line.units },
        }),
      );
    }
    const wrong = wrongDates.get(key);
    if (wrong) {
      findings.push(
        found({
          discrepancyId: `${key}.wrong_dates`,
          bookingId: l.bookingId,
          lineId: line.lineId,
          type: 'wrong_dates',
          expected: 0,
          actual: wrong.units,
          facts: {
            ...lineFacts(line),
            units: wrong.units,
            rows: wrong.rows,
            first: wrong.first,
            last: wrong.last,
          },
        }),
      );
    }
  }
  for (const [id, u] of unbooked) {
    findings.push(
      found({
        discrepancyId: id,
        type: 'unbooked_delivery',
        expected: 0,
        actual: u.units,
        facts: {
          vendor: u.vendor,
          placement: u.placement,
          units: u.units,
          rows: u.rows,
          first: u.first,
          last: u.last,
        },
      }),
    );
  }
  return findings;
}

/** Facts as stored (a map's keys come back in any order) against facts as found. */
const sameFacts = (stored: DiscrepancyFacts | undefined, found: DiscrepancyFacts) =>
  stored !== undefined &&
  Object.keys(stored).length === Object.keys(found).length &&
  Object.entries(found).every(([key, value]) => stored[key as keyof DiscrepancyFacts] === value);

const discrepancyItem = (clientId: string, d: Discrepancy) =>
  storedItem(DiscrepancyEntity.type, DiscrepancyEntity.key(clientId, d.campaignId, d.discrepancyId), {}, d);

/** A recompute that lost a race (a resolution, another recompute) leaves the winner's item alone. */
class Overtaken extends Error {}

async function applyQuietly(ops: WriteOp[]): Promise<void> {
  try {
    await transact(ops);
  } catch (error) {
    if (!(error instanceof Overtaken)) throw error;
  }
}

/**
 * Recomputes a campaign's discrepancies as of `at` and stores the difference, each change in
 * its own transaction with its audit event. Resolved discrepancies are never reopened or changed.
 * Returns the campaign's discrepancies afterwards.
 */
export async function recomputeCampaignDiscrepancies(
  actorId: string,
  clientId: string,
  campaignId: string,
  at: Date = new Date(),
): Promise<Discrepancy[]> {
  const [clientItem, lines, counted, existingItems] = await Promise.all([
    getItem(Client.key(clientId)),
    liveBookedLines(clientId, campaignId),
    completedImportIds(clientId, campaignId),
    queryAll(DiscrepancyEntity.ofCampaign(clientId, campaignId)),
  ]);
  const calendar = (clientItem ? fromItem<ClientView>(clientItem).calendar : undefined) ?? defaultCalendar;
  const findings = await findDiscrepancies(campaignId, lines, counted, localDate(at, calendar.timeZone));
  const existing = new Map(
    existingItems.map((i) => fromItem<Discrepancy>(i)).map((d) => [d.discrepancyId, d] as const),
  );
  const overtaken = () => new Overtaken();
  const changes: WriteOp[][] = [];
  for (const f of findings) {
    const current = existing.get(f.discrepancyId);
    existing.delete(f.discrepancyId);
    if (current?.status === 'resolved') continue;
    if (!current) {
      const item = newRecord(
        DiscrepancyEntity.type,
        DiscrepancyEntity.key(clientId, campaignId, f.discrepancyId),
        {},
        { ...f, campaignId, status: 'open' as const },
      );
      changes.push([
        putNew(item, overtaken),
        clientAuditEvent(clientId, {
          actorId,
          action: 'discrepancy.opened',
          entityType: 'discrepancy',
          entityId: `${campaignId}#${f.discrepancyId}`,
          after: item,
        }),
      ]);
      continue;
    }
    // One found before facts were kept gains them here (a resolved one keeps its recorded text).
    if (
      current.expected === f.expected &&
      current.actual === f.actual &&
      current.detail === f.detail &&
      sameFacts(current.facts, f.facts)
    )
      continue;
    const next = patched(current, {
      expected: f.expected,
      actual: f.actual,
      detail: f.detail,
      facts: f.facts,
    });
    changes.push([
      putIfVersion(discrepancyItem(clientId, next), current.version, overtaken),
      clientAuditEvent(clientId, {
        actorId,
        action: 'discrepancy.updated',
        entityType: 'discrepancy',
        entityId: `${campaignId}#${f.discrepancyId}`,
        before: current,
        after: next,
      }),
    ]);
  }
  // Open ones that no longer hold (more delivery arrived, a booking was cancelled) are cleared.
  for (const stale of existing.values()) {
    if (stale.status !== 'open') continue;
    changes.push([
      deleteWhen(
        DiscrepancyEntity.key(clientId, campaignId, stale.discrepancyId),
        {
          expression: '#status = :open AND #version = :v',
          names: { '#status': 'status', '#version': 'version' },
          values: { ':open': 'open', ':v': stale.version },
        },
        overtaken,
      ),
      clientAuditEvent(clientId, {
        actorId,
        action: 'discrepancy.cleared',
        entityType: 'discrepancy',
        entityId: `${campaignId}#${stale.discrepancyId}`,
        before: stale,
      }),
    ]);
  }
  for (let start = 0; start < changes.length; start += 8) {
    await Promise.all(changes.slice(start, start + 8).map(applyQuietly));
  }
  return listOf(clientId, campaignId);
}

async function listOf(clientId: string, campaignId: string): Promise<Discrepancy[]> {
  return (await queryAll(DiscrepancyEntity.ofCampaign(clientId, campaignId))).map((i) =>
    fromItem<Discrepancy>(i),
  );
}

/** Recompute on demand (also what each import does when it completes). */
export async function recomputeDiscrepancies(actorId: string, campaignId: string, at: Date = new Date()) {
  const { caller, clientId } = await openCampaign(actorId, campaignId);
  authorize(caller, 'media.book');
  const language = caller.language ?? agencyLanguage;
  return (await recomputeCampaignDiscrepancies(actorId, clientId, campaignId, at)).map((d) =>
    inLanguage(d, language),
  );
}

/** The campaign's discrepancies, each detail in the caller's language. */
export async function listDiscrepancies(actorId: string, campaignId: string): Promise<Discrepancy[]> {
  const { caller, clientId } = await openCampaign(actorId, campaignId);
  const language: Language = caller.language ?? agencyLanguage;
  return (await listOf(clientId, campaignId)).map((d) => inLanguage(d, language));
}

/** Marks a discrepancy resolved with the makegood the vendor gives; a recompute leaves it resolved. */
export async function resolveDiscrepancy(
  actorId: string,
  campaignId: string,
  discrepancyId: string,
  input: ResolveDiscrepancyInput,
  expectedVersion: number,
): Promise<Discrepancy> {
  const {
    caller,
    clientId,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [DiscrepancyEntity.key(c, campaignId, discrepancyId)]);
  authorize(caller, 'media.book');
  if (!item) throw notFound('Discrepancy');
  const current = fromItem<Discrepancy>(item);
  if (current.status === 'resolved') {
    throw conflict(
      'already_resolved',
      `This discrepancy was resolved on ${current.resolvedAt ?? 'an earlier day'} with a makegood of ${current.makegood?.units ?? 0} units.`,
    );
  }
  const next = patched(current, {
    status: 'resolved',
    makegood: input.makegood,
    resolvedBy: caller.staffId,
    resolvedAt: new Date().toISOString(),
  });
  await transact([
    putIfVersion(discrepancyItem(clientId, next), expectedVersion, () =>
      versionConflict('The discrepancy', expectedVersion),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'discrepancy.resolved',
      entityType: 'discrepancy',
      entityId: `${campaignId}#${discrepancyId}`,
      before: current,
      after: next,
    }),
  ]);
  return inLanguage(next, caller.language ?? agencyLanguage);
}
