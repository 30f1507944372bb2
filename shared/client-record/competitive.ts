import { authorize, openClient, openClientWith } from '../accounts/index.js';
import { probeMedia } from '../creative/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  fromItem,
  getItems,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { clientOfScopedId, newScopedId } from '../platform/ids.js';
import { allocate, type Money, money, roundHalfEven } from '../platform/money.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { documentDownload, presignUpload, readObject } from '../platform/storage.js';
import { getBrief } from '../traffic/index.js';
import {
  type CompetitiveEntry,
  type CreateCompetitiveEntryInput,
  competitiveChannels,
  type ShareOfVoice,
  sampleMaxBytes,
} from './competitive-schemas.js';
import { BriefCitation, CompetitiveEntry as Entry } from './entities.js';

/** Presigned uploads and downloads are short-lived (design: expiry ≤ 15 min). */
const linkSeconds = 15 * 60;
/** Enough of the file to recognise its type from its bytes. */
const probeBytes = 1024 * 1024;

/** Every sample has its own key under its client and entry. */
const sampleKey = (clientId: string, entryId: string, fileName: string) =>
  `clients/${clientId}/competitive/${entryId}/${fileName}`;

export async function createCompetitiveEntry(
  actorId: string,
  clientId: string,
  input: CreateCompetitiveEntryInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce(actorId, idempotency, async (remember) => {
    const { caller } = await openClient(actorId, clientId);
    authorize(caller, 'competitive.record');
    const entryId = newScopedId(clientId);
    const { sample, ...fields } = input;
    const uploadExpiresAt = new Date(Date.now() + linkSeconds * 1000).toISOString();
    const stored = {
      entryId,
      clientId,
      ...fields,
      ...(sample
        ? {
            sample: {
              fileName: sample.name,
              contentType: sample.contentType,
              objectKey: sampleKey(clientId, entryId, sample.name),
              status: 'awaiting_upload' as const,
              uploadExpiresAt,
            },
          }
        : {}),
      reportedBy: caller.staffId,
    };
    const item = newRecord(Entry.type, Entry.key(clientId, entryId), Entry.indexes(stored), stored);
    const entry = fromItem<CompetitiveEntry>(item);
    const upload = entry.sample
      ? {
          ...(await presignUpload({
            bucket: getDraftsBucket(),
            key: entry.sample.objectKey,
            contentType: entry.sample.contentType,
            maxBytes: sampleMaxBytes,
            expiresSeconds: linkSeconds,
          })),
          expiresAt: uploadExpiresAt,
          maxBytes: sampleMaxBytes,
        }
      : undefined;
    const result = { entry, ...(upload ? { upload } : {}) };
    await transact([
      putNew(item),
      clientAuditEvent(clientId, {
        actorId,
        action: 'competitive_activity.recorded',
        entityType: 'competitiveEntry',
        entityId: entryId,
        after: item,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

async function openEntry(actorId: string, clientId: string, entryId: string) {
  if (clientOfScopedId(entryId) !== clientId) throw notFound('Competitive entry');
  const { caller, items } = await openClient(actorId, clientId, [Entry.key(clientId, entryId)]);
  if (!items[0]) throw notFound('Competitive entry');
  return { caller, entry: fromItem<CompetitiveEntry>(items[0]) };
}

export async function getCompetitiveEntry(actorId: string, clientId: string, entryId: string) {
  const { entry } = await openEntry(actorId, clientId, entryId);
  const citations = await queryAll(BriefCitation.ofClient(clientId));
  const sample = entry.sample;
  return {
    entry,
    ...(sample?.status === 'uploaded' && sample.sha256
      ? {
          sampleDownload: await documentDownload(
            getDraftsBucket(),
            { objectKey: sample.objectKey, objectVersionId: sample.objectVersionId, sha256: sample.sha256 },
            5 * 60,
            { fileName: sample.fileName, contentType: sample.contentType, verifiedType: sample.contentType },
          ),
        }
      : {}),
    citedBy: citations
      .filter((c) => c.entryId === entryId)
      .map((c) => ({
        briefId: c.briefId as string,
        citedAt: c.citedAt as string,
        citedBy: c.citedBy as string,
      })),
  };
}

/**
 * Records the uploaded sample: read back from storage, its type recognised from its bytes. The
 * upload policy pins key, type and size in AWS; the local S3 enforces none, so both are checked here.
 */
export async function completeSample(actorId: string, clientId: string, entryId: string) {
  const { caller, entry } = await openEntry(actorId, clientId, entryId);
  authorize(caller, 'competitive.record');
  const sample = entry.sample;
  if (!sample) throw conflict('no_sample', 'This entry names no creative sample to upload.');
  if (sample.status !== 'awaiting_upload') return entry;
  const stored = await readObject(getDraftsBucket(), sample.objectKey, probeBytes);
  if (!stored)
    throw conflict('upload_missing', 'The sample has not arrived in storage yet: upload it, then complete.');
  const detected = probeMedia(stored.head, sample.contentType).detectedType;
  const rejectedBecause =
    stored.size > sampleMaxBytes
      ? 'The file is larger than 200 MB.'
      : detected !== sample.contentType
        ? `The file is not the ${sample.contentType} it was declared to be.`
        : undefined;
  const next = patched(entry, {
    sample: {
      ...sample,
      status: rejectedBecause ? 'rejected' : 'uploaded',
      size: stored.size,
      sha256: stored.sha256,
      ...(stored.versionId ? { objectVersionId: stored.versionId } : {}),
      ...(rejectedBecause ? { rejectedBecause } : {}),
    },
  });
  const item = storedItem(Entry.type, Entry.key(clientId, entryId), Entry.indexes(next), next);
  await transact([
    putIfVersion(item, entry.version, () => versionConflict('This competitive entry', entry.version)),
    clientAuditEvent(clientId, {
      actorId,
      action: 'competitive_activity.sample_recorded',
      entityType: 'competitiveEntry',
      entityId: entryId,
      before: entry,
      after: next,
    }),
  ]);
  return fromItem<CompetitiveEntry>(item);
}

/** Days from `from` to `to`, both included. */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/**
 * The part of an entry's estimated spend that falls in the period: spread evenly over the days it
 * was seen, the days inside the period taking their share (in whole minor units, by `allocate`).
 */
export function spendInPeriod(entry: CompetitiveEntry, from: string, to: string): Money | undefined {
  if (!entry.estimatedSpend) return undefined;
  const start = entry.seenFrom > from ? entry.seenFrom : from;
  const end = entry.seenTo < to ? entry.seenTo : to;
  if (start > end) return undefined;
  const inside = daysBetween(start, end);
  const all = daysBetween(entry.seenFrom, entry.seenTo);
  return allocate(entry.estimatedSpend, [inside, all - inside])[0];
}

/** A part of a whole in percent, 2 decimals (half to even on the hundredths). */
const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : roundHalfEven((part * 10_000) / whole) / 100;

function addTo(totals: Map<string, number>, key: string, amount: number) {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}

const byAmountThenName = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || a[0].localeCompare(b[0]);

/** Share of voice by channel, per currency: estimated spend shares of the advertising entries in the period. */
export function shareOfVoice(entries: readonly CompetitiveEntry[], from: string, to: string): ShareOfVoice[] {
  const byCurrency = new Map<string, { channel: string; brand: string; amount: number }[]>();
  for (const entry of entries) {
    const spend = entry.kind === 'advertising' && entry.channel ? spendInPeriod(entry, from, to) : undefined;
    if (!spend) continue;
    const rows = byCurrency.get(spend.currency) ?? [];
    rows.push({ channel: entry.channel!, brand: entry.competitorBrand, amount: spend.amountMinor });
    byCurrency.set(spend.currency, rows);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, rows]) => {
      const total = rows.reduce((t, r) => t + r.amount, 0);
      const brandTotals = new Map<string, number>();
      for (const r of rows) addTo(brandTotals, r.brand, r.amount);
      const channels = competitiveChannels
        .map((channel) => {
          const inChannel = rows.filter((r) => r.channel === channel);
          const channelTotal = inChannel.reduce((t, r) => t + r.amount, 0);
          const brands = new Map<string, number>();
          for (const r of inChannel) addTo(brands, r.brand, r.amount);
          return { channel, channelTotal, brands, count: inChannel.length };
        })
        .filter((c) => c.count > 0)
        .sort((a, b) => b.channelTotal - a.channelTotal)
        .map(({ channel, channelTotal, brands }) => ({
          channel,
          total: money(channelTotal, currency),
          shareOfTotal: percent(channelTotal, total),
          brands: [...brands.entries()].sort(byAmountThenName).map(([competitorBrand, amount]) => ({
            competitorBrand,
            spend: money(amount, currency),
            share: percent(amount, channelTotal),
          })),
        }));
      return {
        currency,
        total: money(total, currency),
        channels,
        brands: [...brandTotals.entries()].sort(byAmountThenName).map(([competitorBrand, amount]) => ({
          competitorBrand,
          spend: money(amount, currency),
          share: percent(amount, total),
        })),
      };
    });
}

/** The most entries one category's list reads (a client's watch of one category over years). */
const maxEntries = 5000;

/**
 * A category's competitive activity seen in a period (any day of it inside the period), with the
 * share of voice by channel computed from the estimated spend that falls in the period.
 */
export async function listCompetitiveActivity(
  actorId: string,
  clientId: string,
  query: { category: string; from: string; to: string; kind?: 'advertising' | 'store_check' },
) {
  const { result } = await openClientWith(actorId, clientId, () =>
    queryAll(Entry.ofCategory(clientId, query.category)),
  );
  const items = result
    .slice(0, maxEntries)
    .map((i) => fromItem<CompetitiveEntry>(i))
    .filter((e) => e.seenFrom <= query.to && e.seenTo >= query.from)
    .sort((a, b) => (a.seenFrom < b.seenFrom ? -1 : a.seenFrom > b.seenFrom ? 1 : 0));
  const advertising = items.filter((e) => e.kind === 'advertising');
  return {
    category: query.category,
    from: query.from,
    to: query.to,
    items: query.kind ? items.filter((e) => e.kind === query.kind) : items,
    shareOfVoice: shareOfVoice(advertising, query.from, query.to),
  };
}

/** A brief cites a competitive entry of its own client (the account team's evidence for the brief). */
export async function citeInBrief(
  actorId: string,
  briefId: string,
  input: { entryId: string; note?: string },
) {
  const { brief } = await getBrief(actorId, briefId);
  const clientId = brief.clientId;
  // An entry of another client is as unknown to this brief as one never recorded (404).
  const { caller, entry } = await openEntry(actorId, clientId, input.entryId);
  authorize(caller, 'competitive.record');
  const citation = {
    briefId,
    entryId: input.entryId,
    clientId,
    ...(input.note ? { note: input.note } : {}),
    citedBy: caller.staffId,
    citedAt: now(),
  };
  await transact([
    putNew(
      { ...BriefCitation.key(clientId, briefId, input.entryId), itemType: BriefCitation.type, ...citation },
      () => conflict('already_cited', 'The brief already cites this entry.', 'body.entryId'),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'brief.cited_competitive_activity',
      entityType: 'brief',
      entityId: briefId,
      after: citation as { version?: number },
    }),
  ]);
  const { clientId: _c, ...view } = citation;
  return { ...view, entry };
}

export async function listBriefCitations(actorId: string, briefId: string) {
  const { brief } = await getBrief(actorId, briefId);
  const citations = await queryAll(BriefCitation.ofBrief(brief.clientId, briefId));
  const entries = new Map(
    (await getItems(citations.map((c) => Entry.key(brief.clientId, c.entryId as string))))
      .filter((i): i is Item => i !== undefined)
      .map((i) => [i.entryId as string, fromItem<CompetitiveEntry>(i)]),
  );
  return {
    items: citations.map((c: Item) => ({
      briefId,
      entryId: c.entryId as string,
      ...(c.note ? { note: c.note as string } : {}),
      citedBy: c.citedBy as string,
      citedAt: c.citedAt as string,
      entry: entries.get(c.entryId as string),
    })),
  };
}
