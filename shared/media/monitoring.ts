import type { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey } from '@aws-sdk/client-s3';
import { authorize } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket } from '../platform/config.js';
import {
  fromItem,
  getItem,
  type Item,
  type Page,
  putBatch,
  putIfVersion,
  putNew,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { presignUpload, putDocument, s3 } from '../platform/storage.js';
import { openCampaign, openCampaignWith } from './campaigns.js';
import {
  type BookedLine,
  completedImportIds,
  liveBookedLines,
  matchLine,
  recomputeCampaignDiscrepancies,
} from './discrepancies.js';
import { DeliveryRow as DeliveryRowEntity, MonitoringImport as MonitoringImportEntity } from './entities.js';
import {
  type Campaign,
  type CreatedMonitoringImport,
  type CreateMonitoringImportInput,
  type DeliveryRow,
  type MonitoringColumn,
  type MonitoringImport,
  monitoringColumns,
  type RejectedRow,
  requiredMonitoringColumns,
} from './schemas.js';

/**
 * Monitoring imports (domain.md §5): what vendors report they delivered, as a CSV upload
 * (presigned POST, then parsed from S3 as a stream) or JSON rows through the API.
 *
 * An import is **clearly partial**: every row is checked on its own; good rows are stored as
 * DeliveryRow items (BatchWriteItem, deterministic keys `<date>#<importId>#<line>`), bad rows are
 * listed on the import with their line numbers and reasons. The import's status is written last
 * (importing → completed), and only rows of completed imports count anywhere (discrepancies,
 * reports, the row list): an interrupted import counts for nothing until it is completed, and
 * completing it again rewrites the same keys, so nothing is ever half-imported or doubled.
 * A file whose header is unusable (unknown, repeated or missing required columns) or that is too
 * large fails as a whole: nothing is stored.
 */

/** A CSV may be this large (the upload policy enforces it; checked again when read). */
const maxCsvBytes = 20 * 1024 * 1024;
const uploadExpirySeconds = 15 * 60;
/** Rejected rows listed on the import (the count is always exact); keeps the item well under 400 KB. */
const maxListedRejects = 1000;
const maxListedRejectChars = 200_000;
/** A field longer than this is a broken file, not data. */
const maxFieldChars = 10_000;
/** Rows buffered before a BatchWriteItem round (4 × 25, sent concurrently). */
const flushEvery = 100;
/**
 * How long one call may spend storing rows before it saves its progress and answers `importing`
 * (the API's functions time out after 10 s; the next call goes on from where this one stopped).
 */
const importBudgetMs = (): number => {
  const configured = Number(process.env.MONITORING_IMPORT_BUDGET_MS ?? 6000);
  return Number.isFinite(configured) && configured >= 0 ? configured : 6000;
};

// Reading: lines of a byte stream, CSV records (RFC 4180), NDJSON rows.

/** The lines of a UTF-8 byte stream (LF or CRLF; a BOM is dropped), without their terminators. */
async function* textLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  const line = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    let newline = rest.indexOf('\n', from);
    while (newline >= 0) {
      yield line(rest.slice(from, newline));
      from = newline + 1;
      newline = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield line(rest);
}

/** One CSV record: the line it starts on, its fields, and what is wrong with its syntax, if anything. */
interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/**
 * RFC 4180 records from lines: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes (`""`). A record spanning lines reports the line it starts on.
 * Syntax errors (a stray quote, text after a closing quote, a quote never closed) are reported on
 * the record, and reading goes on with the next record.
 */
async function* csvRecords(lines: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let lineNo = 0;
  let start = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let closedQuote = false;
  let error: string | undefined;
  const append = (text: string) => {
    if (field.length + text.length <= maxFieldChars) field += text;
    else error ??= `a field is longer than ${maxFieldChars} characters`;
  };
  for await (const text of lines) {
    lineNo++;
    if (inQuotes) append('\n');
    else {
      start = lineNo;
      fields = [];
      field = '';
      closedQuote = false;
      error = undefined;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c !== '"') append(c);
        else if (text[i + 1] === '"') {
          append('"');
          i++;
        } else {
          inQuotes = false;
          closedQuote = true;
        }
      } else if (c === ',') {
        fields.push(field);
        field = '';
        closedQuote = false;
      } else if (c === '"' && field === '' && !closedQuote) {
        inQuotes = true;
      } else {
        if (c === '"')
          error ??= 'a quote inside an unquoted field (quote the whole field, double inner quotes)';
        else if (closedQuote) error ??= 'text after a closing quote';
        append(c);
      }
    }
    if (inQuotes) continue;
    fields.push(field);
    yield { line: start, fields, error };
  }
  if (inQuotes) {
    fields.push(field);
    yield { line: start, fields, error: 'a quoted field is not closed before the end of the file' };
  }
}

// Checking rows.

type RawValue = unknown;

/** A row as read: its line, its values by column, and problems found while reading it. */
interface SourceRow {
  line: number;
  values: Partial<Record<MonitoringColumn, RawValue>>;
  problems: string[];
}

/** Column names are matched without regard to case, surrounding space, or spaces/hyphens for `_`. */
const columnName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const isColumn = (name: string): name is MonitoringColumn =>
  (monitoringColumns as readonly string[]).includes(name);

const shown = (value: unknown) => {
  const text = String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

const isBlank = (value: RawValue) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const isCalendarDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const maxNumber = 1e13;

/** Columns holding counts (whole numbers); audience and cost may have decimals. */
const wholeNumbers = new Set<MonitoringColumn>(['units_delivered', 'impressions', 'clicks']);

function numberIn(column: MonitoringColumn, value: RawValue, reasons: string[]): number | undefined {
  const text = typeof value === 'string' ? value.trim() : value;
  const n =
    typeof text === 'number'
      ? text
      : typeof text === 'string' && numberPattern.test(text)
        ? Number(text)
        : NaN;
  if (!Number.isFinite(n)) {
    reasons.push(`${column}: ${shown(value)} is not a number`);
    return undefined;
  }
  if (n < 0) reasons.push(`${column}: ${shown(value)} is negative`);
  else if (n > maxNumber) reasons.push(`${column}: ${shown(value)} is too large`);
  else if (wholeNumbers.has(column) && !Number.isInteger(n)) {
    reasons.push(`${column}: ${shown(value)} is not a whole number`);
  } else return n;
  return undefined;
}

type CheckedRow = Omit<DeliveryRow, 'campaignId' | 'importId' | 'row' | 'bookingId' | 'lineId'>;

/** Checks one row: every problem is named (a row can have several); a row with none is stored. */
function checkRow(
  source: SourceRow,
  flight: { start: string; end: string },
): { row?: CheckedRow; reasons: string[] } {
  const reasons = [...source.problems];
  const v = source.values;
  for (const column of requiredMonitoringColumns) {
    if (isBlank(v[column])) reasons.push(`${column}: missing (required)`);
  }
  let date: string | undefined;
  if (!isBlank(v.date)) {
    const text = String(v.date).trim();
    if (!isCalendarDate(text)) reasons.push(`date: ${shown(v.date)} is not a calendar date (YYYY-MM-DD)`);
    else if (text < flight.start || text > flight.end) {
      reasons.push(`date: ${text} is outside the flight ${flight.start}–${flight.end}`);
    } else date = text;
  }
  const name = (column: 'vendor' | 'placement') => {
    if (isBlank(v[column])) return undefined;
    const text = String(v[column]).trim().replace(/\s+/g, ' ');
    if (text.length > 200) {
      reasons.push(`${column}: longer than 200 characters`);
      return undefined;
    }
    return text;
  };
  const vendor = name('vendor');
  const placement = name('placement');
  const numbers: Partial<Record<MonitoringColumn, number>> = {};
  for (const column of ['units_delivered', 'impressions', 'audience', 'clicks', 'cost'] as const) {
    if (!isBlank(v[column])) numbers[column] = numberIn(column, v[column], reasons);
  }
  if (reasons.length > 0 || !date || !vendor || !placement) return { reasons };
  return {
    reasons,
    row: {
      date,
      vendor,
      placement,
      unitsDelivered: numbers.units_delivered!,
      impressions: numbers.impressions,
      audience: numbers.audience,
      clicks: numbers.clicks,
      cost: numbers.cost!,
    },
  };
}

/** Why a CSV header cannot be read; empty when it can. */
function headerProblems(columns: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (!isColumn(name)) {
      problems.push(
        name === ''
          ? `column ${index + 1} has no name`
          : `unknown column ${shown(name)} (columns: ${monitoringColumns.join(', ')})`,
      );
    } else if (seen.has(name)) problems.push(`column ${name} appears twice`);
    seen.add(name);
  });
  for (const column of requiredMonitoringColumns) {
    if (!seen.has(column)) problems.push(`missing required column ${column}`);
  }
  return problems;
}

/** The values of a JSON row by column; unknown and repeated keys are problems of the row. */
function jsonRow(line: number, input: Record<string, unknown>): SourceRow {
  const values: SourceRow['values'] = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const name = columnName(key);
    if (!isColumn(name)) problems.push(`unknown column ${shown(key)}`);
    else if (name in values) problems.push(`column ${name} given twice`);
    else values[name] = value;
  }
  return { line, values, problems };
}

/** The rows of a CSV source after its header (blank lines skipped), or why its header is unusable. */
async function* csvRows(records: AsyncGenerator<CsvRecord>, header: CsvRecord): AsyncGenerator<SourceRow> {
  const columns = header.fields.map(columnName) as MonitoringColumn[];
  for await (const record of records) {
    if (record.fields.length === 1 && record.fields[0]!.trim() === '' && !record.error) continue;
    const problems = record.error ? [`unreadable CSV: ${record.error}`] : [];
    if (record.fields.length > columns.length) {
      problems.push(
        `unknown columns: ${record.fields.length} fields, the header names ${columns.length} columns`,
      );
    } else if (record.fields.length < columns.length) {
      problems.push(
        `missing columns: ${record.fields.length} fields, the header names ${columns.length} columns`,
      );
    }
    const values: SourceRow['values'] = {};
    columns.forEach((column, index) => {
      if (index < record.fields.length) values[column] = record.fields[index];
    });
    yield { line: record.line, values, problems };
  }
}

async function* ndjsonRows(lines: AsyncGenerator<string>): AsyncGenerator<SourceRow> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { line, values: {}, problems: ['not a JSON object'] };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { line, values: {}, problems: ['not a JSON object'] };
    } else yield jsonRow(line, parsed as Record<string, unknown>);
  }
}

// Storing.

const importKey = (clientId: string, campaignId: string, importId: string) =>
  MonitoringImportEntity.key(clientId, campaignId, importId);

const importItem = (imp: MonitoringImport) =>
  storedItem(MonitoringImportEntity.type, importKey(imp.clientId, imp.campaignId, imp.importId), {}, imp);

const monitoringObjectKey = (clientId: string, campaignId: string, importId: string, ext: string) =>
  `clients/${clientId}/media/${campaignId}/monitoring/${importId}.${ext}`;

/** The import changed under us (a concurrent completion): re-read and go on from what it says now. */
class Moved extends Error {}

function asImport(item: Item | undefined): MonitoringImport {
  if (!item) throw notFound('Monitoring import');
  return fromItem<MonitoringImport>(item);
}

async function readImport(clientId: string, campaignId: string, importId: string): Promise<MonitoringImport> {
  return asImport(await getItem(importKey(clientId, campaignId, importId)));
}

async function writeImport(
  actorId: string,
  before: MonitoringImport,
  next: MonitoringImport,
  action: string,
) {
  await transact([
    putIfVersion(importItem(next), before.version, () => new Moved()),
    clientAuditEvent(next.clientId, {
      actorId,
      action: `monitoring_import.${action}`,
      entityType: 'monitoringImport',
      entityId: `${next.campaignId}#${next.importId}`,
      before,
      after: next,
      redact: ['rejects'],
    }),
  ]);
}

async function openSource(imp: MonitoringImport): Promise<GetObjectCommandOutput | undefined> {
  try {
    return await s3.send(
      new GetObjectCommand({ Bucket: getDraftsBucket(), Key: imp.objectKey, VersionId: imp.sourceVersionId }),
    );
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

interface Tally {
  rowsTotal: number;
  rowsStored: number;
  rowsRejected: number;
  rowsMatched: number;
  rejects: RejectedRow[];
  rejectsTruncated?: boolean;
}

/**
 * Checks, matches and stores the rows of a source; good rows go out in BatchWriteItem rounds.
 * Rows before `resumeFrom` were stored by an earlier call: they are checked and counted again (the
 * counts are always of the whole source) but not written. Past `deadline`, it stops after a round
 * and says where the next call goes on.
 */
async function storeRows(
  imp: MonitoringImport,
  campaign: Campaign,
  lines: BookedLine[],
  rows: AsyncIterable<SourceRow>,
  resumeFrom: number,
  deadline: number,
): Promise<{ tally: Tally; resumeFrom?: number }> {
  const tally: Tally = { rowsTotal: 0, rowsStored: 0, rowsRejected: 0, rowsMatched: 0, rejects: [] };
  let listedChars = 0;
  let pending: Item[] = [];
  const flight = { start: campaign.flightStart, end: campaign.flightEnd };
  for await (const source of rows) {
    tally.rowsTotal++;
    const { row, reasons } = checkRow(source, flight);
    if (!row) {
      tally.rowsRejected++;
      const size = reasons.reduce((n, r) => n + r.length + 4, 16);
      if (tally.rejects.length < maxListedRejects && listedChars + size <= maxListedRejectChars) {
        tally.rejects.push({ line: source.line, reasons });
        listedChars += size;
      } else tally.rejectsTruncated = true;
      continue;
    }
    const match = matchLine(lines, row);
    if (source.line < resumeFrom) {
      tally.rowsStored++;
      if (match) tally.rowsMatched++;
      continue;
    }
    const stored: DeliveryRow = {
      campaignId: imp.campaignId,
      importId: imp.importId,
      row: source.line,
      ...row,
      bookingId: match?.bookingId,
      lineId: match?.line.lineId,
    };
    pending.push(
      storedItem(
        DeliveryRowEntity.type,
        DeliveryRowEntity.key(imp.campaignId, row.date, imp.importId, source.line),
        {},
        stored,
      ),
    );
    tally.rowsStored++;
    if (match) tally.rowsMatched++;
    if (pending.length >= flushEvery) {
      await putBatch(pending);
      pending = [];
      if (Date.now() > deadline) return { tally, resumeFrom: source.line + 1 };
    }
  }
  if (pending.length > 0) await putBatch(pending);
  return { tally };
}

/**
 * Runs (or resumes) an import: awaiting_upload → importing → completed, or failed. Completing a
 * completed or failed import changes nothing (a completed one has its discrepancies recomputed,
 * which is idempotent too). A call that runs out of its time budget saves how far it got
 * (`resumeFromLine`) and answers `importing`; the next call reads the same source object version
 * again and goes on from there. An import left `importing` by an interruption is resumed the same
 * way: rows are rewritten under the same keys, never doubled.
 */
async function runImport(
  actorId: string,
  campaign: Campaign,
  imp: MonitoringImport,
  budgetMs: number = importBudgetMs(),
): Promise<MonitoringImport> {
  const started = Date.now();
  const { clientId, campaignId } = imp;
  if (imp.status === 'failed') return imp;
  if (imp.status === 'completed') {
    await recomputeCampaignDiscrepancies(actorId, clientId, campaignId);
    return imp;
  }
  const object = await openSource(imp);
  if (!object) {
    if (imp.status === 'awaiting_upload') {
      throw conflict('upload_missing', 'The file has not arrived in storage yet: upload it, then complete.');
    }
    throw new Error(`The source of monitoring import ${imp.importId} is gone from storage`);
  }
  const body = object.Body as Readable;
  let current = imp;
  try {
    if (imp.status === 'awaiting_upload') {
      current = patched(imp, { status: 'importing', startedAt: now(), sourceVersionId: object.VersionId });
      await writeImport(actorId, imp, current, 'started');
    }
    const size = object.ContentLength ?? 0;
    if (current.source === 'csv' && size > maxCsvBytes) {
      return await finish(actorId, current, {
        status: 'failed',
        failure: `The file is ${size} bytes; at most ${maxCsvBytes} are taken.`,
      });
    }
    const lines = await liveBookedLines(clientId, campaignId);
    let rows: AsyncIterable<SourceRow>;
    if (current.source === 'csv') {
      const records = csvRecords(textLines(body));
      const first = await records.next();
      const header = first.done ? undefined : first.value;
      const problems = !header
        ? ['the file is empty: the first line names the columns']
        : header.error
          ? [`unreadable CSV header: ${header.error}`]
          : headerProblems(header.fields.map(columnName));
      if (problems.length > 0) {
        return await finish(actorId, current, {
          status: 'failed',
          failure: 'The header line cannot be read: nothing was imported.',
          rejects: [{ line: 1, reasons: problems }],
        });
      }
      rows = csvRows(records, header!);
    } else rows = ndjsonRows(textLines(body));
    const stored = await storeRows(
      current,
      campaign,
      lines,
      rows,
      current.resumeFromLine ?? 0,
      started + budgetMs,
    );
    if (stored.resumeFrom !== undefined) return await saveProgress(current, stored.tally, stored.resumeFrom);
    const done = await finish(actorId, current, {
      status: 'completed',
      ...stored.tally,
      resumeFromLine: null,
    });
    await recomputeCampaignDiscrepancies(actorId, clientId, campaignId);
    return done;
  } catch (error) {
    if (!(error instanceof Moved)) throw error;
    // Someone else started or finished this import at the same moment: go on from their state.
    return runImport(actorId, campaign, await readImport(clientId, campaignId, imp.importId), budgetMs);
  } finally {
    body.destroy();
  }
}

/** How far a call got (bookkeeping of a running import: no audit event; the rejects come at the end). */
async function saveProgress(current: MonitoringImport, tally: Tally, resumeFrom: number) {
  const { rejects: _rejects, rejectsTruncated: _truncated, ...counts } = tally;
  const next = patched(current, { ...counts, resumeFromLine: resumeFrom });
  try {
    await transact([putIfVersion(importItem(next), current.version, () => new Moved())]);
  } catch (error) {
    if (!(error instanceof Moved)) throw error;
    return readImport(current.clientId, current.campaignId, current.importId);
  }
  return next;
}

/** The last write of an import: its outcome (status, counts, rejects). */
async function finish(
  actorId: string,
  current: MonitoringImport,
  outcome: Partial<Tally> & { status: 'completed' | 'failed'; failure?: string; resumeFromLine?: null },
): Promise<MonitoringImport> {
  const next = patched(current, { ...outcome, completedAt: now() });
  try {
    await writeImport(actorId, current, next, outcome.status);
  } catch (error) {
    if (!(error instanceof Moved)) throw error;
    const again = await readImport(current.clientId, current.campaignId, current.importId);
    if (again.status === 'completed' || again.status === 'failed') return again;
    throw error;
  }
  return next;
}

// The API.

/**
 * Opens an import. CSV: the import waits for its file (a presigned POST: text/csv, ≤ 20 MB,
 * 15 minutes), then `…/complete` reads it. JSON: the rows are kept as the import's source in
 * S3 (NDJSON, one row a line, so an interrupted import can be completed again) and imported at
 * once. A replayed Idempotency-Key answers the import as it is now (and completes a JSON import
 * an interruption left unfinished).
 */
export async function createMonitoringImport(
  actorId: string,
  campaignId: string,
  input: CreateMonitoringImportInput,
  idempotency?: IdempotencyRequest,
): Promise<{ result: CreatedMonitoringImport; replayed: boolean }> {
  const { caller, clientId, campaign } = await openCampaign(actorId, campaignId);
  authorize(caller, 'media.book');
  const outcome = await createOnce<CreatedMonitoringImport>(actorId, idempotency, async (remember) => {
    const importId = newId();
    const csv = 'fileName' in input;
    const objectKey = monitoringObjectKey(clientId, campaignId, importId, csv ? 'csv' : 'ndjson');
    let upload: CreatedMonitoringImport['upload'];
    let sourceVersionId: string | undefined;
    if (csv) {
      const expiresAt = new Date(Date.now() + uploadExpirySeconds * 1000).toISOString();
      const presigned = await presignUpload({
        bucket: getDraftsBucket(),
        key: objectKey,
        contentType: 'text/csv',
        maxBytes: maxCsvBytes,
        expiresSeconds: uploadExpirySeconds,
      });
      upload = { ...presigned, expiresAt, maxBytes: maxCsvBytes };
    } else {
      const ndjson = input.rows.map((row) => `${JSON.stringify(row)}\n`).join('');
      sourceVersionId = (await putDocument(getDraftsBucket(), objectKey, ndjson, 'application/x-ndjson'))
        .objectVersionId;
    }
    const item = newRecord(
      MonitoringImportEntity.type,
      importKey(clientId, campaignId, importId),
      {},
      {
        importId,
        campaignId,
        clientId,
        source: csv ? ('csv' as const) : ('json' as const),
        fileName: csv ? input.fileName : undefined,
        objectKey,
        sourceVersionId,
        status: csv ? ('awaiting_upload' as const) : ('importing' as const),
        rowsTotal: 0,
        rowsStored: 0,
        rowsRejected: 0,
        rowsMatched: 0,
        rejects: [],
        startedAt: csv ? undefined : now(),
        createdBy: caller.staffId,
      },
    );
    const created = fromItem<MonitoringImport>(item);
    const result: CreatedMonitoringImport = upload ? { ...created, upload } : created;
    await transact([
      putNew(item),
      clientAuditEvent(clientId, {
        actorId,
        action: 'monitoring_import.created',
        entityType: 'monitoringImport',
        entityId: `${campaignId}#${importId}`,
        after: item,
      }),
      ...remember(result),
    ]);
    return result;
  });
  let result = outcome.result;
  if (outcome.replayed) {
    const upload = result.upload;
    const fresh = await readImport(clientId, campaignId, result.importId);
    result = upload ? { ...fresh, upload } : fresh;
  }
  if (result.source === 'json' && result.status === 'importing') {
    result = await runImport(actorId, campaign, result);
  }
  return { result, replayed: outcome.replayed };
}

/**
 * Reads the uploaded CSV (or resumes an interrupted import); idempotent. A large file may take
 * several calls: while the answer says `importing`, call again.
 */
export async function completeMonitoringImport(
  actorId: string,
  campaignId: string,
  importId: string,
  budgetMs?: number,
) {
  const {
    caller,
    campaign,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [importKey(c, campaignId, importId)]);
  authorize(caller, 'media.book');
  return runImport(actorId, campaign, asImport(item), budgetMs);
}

export async function getMonitoringImport(actorId: string, campaignId: string, importId: string) {
  const {
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [importKey(c, campaignId, importId)]);
  return asImport(item);
}

/** The campaign's imports, newest first, without their lists of rejected rows. */
export async function listMonitoringImports(
  actorId: string,
  campaignId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<Omit<MonitoringImport, 'rejects'>>> {
  const { result } = await openCampaignWith(actorId, campaignId, (clientId) =>
    queryPage(MonitoringImportEntity.ofCampaign(clientId, campaignId), { ...page, newestFirst: true }),
  );
  return {
    items: result.items.map((i) => {
      const { rejects: _rejects, ...summary } = fromItem<MonitoringImport>(i);
      return summary;
    }),
    nextToken: result.nextToken,
  };
}

/**
 * Delivered rows of the campaign's completed imports, by date (a page may hold fewer than
 * `limit` rows when it held rows of an import not completed).
 */
export async function listDeliveryRows(
  actorId: string,
  campaignId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<DeliveryRow>> {
  const {
    result: [counted, result],
  } = await openCampaignWith(actorId, campaignId, (clientId) =>
    Promise.all([
      completedImportIds(clientId, campaignId),
      queryPage(DeliveryRowEntity.ofCampaign(campaignId), page),
    ]),
  );
  return {
    items: result.items.map((i) => fromItem<DeliveryRow>(i)).filter((r) => counted.has(r.importId)),
    nextToken: result.nextToken,
  };
}
