import type { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey } from '@aws-sdk/client-s3';
import { Client, Staff } from '../accounts/entities.js';
import { authorize, type StaffMember } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getDraftsBucket, getMailConfig } from '../platform/config.js';
import {
  deleteItem,
  fromItem,
  getItem,
  getItems,
  type Item,
  type Page,
  putBatch,
  putIfVersion,
  putNew,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { escapeHtml } from '../platform/emails.js';
import { ScheduledRun } from '../platform/entities.js';
import { AppError, conflict, notFound } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { type Email, sendEmail } from '../platform/mailer.js';
import { emailWords } from '../platform/messages.js';
import { currencyExponent, formatNumber, fromMajor, type Money } from '../platform/money.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { presignUpload, putDocument, s3Client } from '../platform/storage.js';
import {
  type StoppedExecution,
  startMonitoringImportExecution,
  stoppedReason,
} from '../platform/workflow.js';
import { openCampaign, openCampaignWith } from './campaigns.js';
import { type BookedLine, matchLine } from './delivery-rule.js';
import { completedImportIds, liveBookedLines, recomputeCampaignDiscrepancies } from './discrepancies.js';
import {
  DeliveryRow as DeliveryRowEntity,
  MediaCampaign,
  MonitoringImport as MonitoringImportEntity,
} from './entities.js';
import { mediaNoticeWords } from './messages.js';
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
/** A row (record) longer than this is refused, whatever its fields: a row of a report is a few hundred characters. */
export const maxRowChars = 20_000;
/** Columns read per row: a report has 8; past this a file is broken (fields beyond it are counted, not kept). */
export const maxColumns = 50;
/** Problems of a header listed by name (the rest are counted): keeps the import's record small. */
const maxListedHeaderProblems = 20;
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
  /** The first `maxColumns` fields. */
  fields: string[];
  /** How many fields the record has (more than kept when it is over `maxColumns`). */
  fieldCount: number;
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
  let recordChars = 0;
  let fieldCount = 0;
  // Memory stays bounded whatever the file: a field, a row and the fields kept each have a cap.
  const append = (text: string) => {
    recordChars += text.length;
    if (recordChars > maxRowChars) error ??= `the row is longer than ${formatNumber(maxRowChars)} characters`;
    else if (field.length + text.length <= maxFieldChars) field += text;
    else error ??= `a field is longer than ${formatNumber(maxFieldChars)} characters`;
  };
  const endField = () => {
    fieldCount++;
    if (fields.length < maxColumns) fields.push(field);
    field = '';
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
      recordChars = 0;
      fieldCount = 0;
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
        recordChars++;
        endField();
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
    endField();
    if (recordChars > maxRowChars) error = `the row is longer than ${formatNumber(maxRowChars)} characters`;
    yield { line: start, fields, fieldCount, error };
  }
  if (inQuotes) {
    endField();
    yield {
      line: start,
      fields,
      fieldCount,
      error: error ?? 'a quoted field is not closed before the end of the file',
    };
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

/** Columns holding counts (whole numbers); audience may have decimals (2 at most); cost is money. */
const wholeNumbers = new Set<MonitoringColumn>(['units_delivered', 'impressions', 'clicks']);
const audiencePlaces = 2;

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
  } else if (column === 'audience' && Number(n.toFixed(audiencePlaces)) !== n) {
    reasons.push(`${column}: ${shown(value)} has more than ${audiencePlaces} decimals`);
  } else return n;
  return undefined;
}

/** The billed cost, stated in the campaign currency's major units ("1234.50"), taken exactly. */
function costIn(value: RawValue, currency: string, reasons: string[]): Money | undefined {
  if (numberIn('cost', value, reasons) === undefined) return undefined;
  const text = typeof value === 'string' ? value.trim().replace(/^\+/, '') : String(value);
  try {
    return fromMajor(text, currency);
  } catch {
    const places = currencyExponent(currency);
    reasons.push(`cost: ${shown(value)} is not an amount of ${currency} (at most ${places} decimals)`);
    return undefined;
  }
}

type CheckedRow = Omit<DeliveryRow, 'campaignId' | 'importId' | 'row' | 'bookingId' | 'lineId'>;

/** Checks one row: every problem is named (a row can have several); a row with none is stored. */
function checkRow(
  source: SourceRow,
  flight: { start: string; end: string },
  currency: string,
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
  for (const column of ['units_delivered', 'impressions', 'audience', 'clicks'] as const) {
    if (!isBlank(v[column])) numbers[column] = numberIn(column, v[column], reasons);
  }
  const cost = isBlank(v.cost) ? undefined : costIn(v.cost, currency, reasons);
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
      cost: cost!,
    },
  };
}

/** Why a CSV header cannot be read; empty when it can. At most a few are named, the rest counted. */
function headerProblems(header: CsvRecord): string[] {
  if (header.fieldCount > maxColumns) {
    return [
      `the header names ${formatNumber(header.fieldCount)} columns; a monitoring report has at most ${maxColumns} (its columns: ${monitoringColumns.join(', ')})`,
    ];
  }
  if (header.error) return [`unreadable CSV header: ${header.error}`];
  const columns = header.fields.map(columnName);
  const all = headerProblemList(columns);
  return all.length > maxListedHeaderProblems
    ? [...all.slice(0, maxListedHeaderProblems), `and ${all.length - maxListedHeaderProblems} more problems`]
    : all;
}

function headerProblemList(columns: string[]): string[] {
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
    if (record.fieldCount > columns.length) {
      problems.push(
        `unknown columns: ${formatNumber(record.fieldCount)} fields, the header names ${columns.length} columns`,
      );
    } else if (record.fieldCount < columns.length) {
      problems.push(
        `missing columns: ${record.fieldCount} fields, the header names ${columns.length} columns`,
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
    return await s3Client().send(
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
    const { row, reasons } = checkRow(source, flight, campaign.budget.currency);
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
 * Runs (or resumes) an import for one call's time budget: awaiting_upload → importing → completed,
 * or failed. Completing a completed or failed import changes nothing (a completed one has its
 * discrepancies recomputed, which is idempotent too). A call that runs out of its budget saves how
 * far it got (`resumeFromLine`, the counts so far) and answers `importing`; the next call — the
 * API's, or the import workflow's — reads the same source object version again and goes on from
 * there. Rows are rewritten under the same keys, never doubled. Anything that stops an import
 * (a file too large, an unreadable header, an error of storage) leaves it `failed` with the
 * reason: it can be retried, or its file replaced.
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
    return finish(actorId, imp, {
      status: 'failed',
      failure: 'The file of this import is no longer in storage: replace it with a new upload.',
    });
  }
  const body = object.Body as Readable;
  let current = imp;
  let outcome: MonitoringImport;
  try {
    if (imp.status === 'awaiting_upload') {
      current = patched(imp, { status: 'importing', startedAt: now(), sourceVersionId: object.VersionId });
      await writeImport(actorId, imp, current, 'started');
    }
    const size = object.ContentLength ?? 0;
    if (current.source === 'csv' && size > maxCsvBytes) {
      return await finish(actorId, current, {
        status: 'failed',
        failure: `The file is ${formatNumber(size)} bytes; at most ${formatNumber(maxCsvBytes)} are taken.`,
        fileUnusable: true,
      });
    }
    if (current.rowsExpected === undefined) {
      // Counted once, when the import starts: progress is rows done of this.
      current = { ...current, rowsExpected: await countRows(current) };
    }
    const lines = await liveBookedLines(clientId, campaignId);
    let rows: AsyncIterable<SourceRow>;
    if (current.source === 'csv') {
      const records = csvRecords(textLines(body));
      const first = await records.next();
      const header = first.done ? undefined : first.value;
      const problems = !header
        ? ['the file is empty: the first line names the columns']
        : headerProblems(header);
      if (problems.length > 0) {
        return await finish(actorId, current, {
          status: 'failed',
          failure: 'The header line cannot be read: nothing was imported.',
          rejects: [{ line: 1, reasons: problems }],
          fileUnusable: true,
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
    outcome = await finish(actorId, current, {
      status: 'completed',
      ...stored.tally,
      resumeFromLine: null,
    });
  } catch (error) {
    if (error instanceof Moved) {
      // Someone else started or finished this import at the same moment: go on from their state.
      return runImport(actorId, campaign, await readImport(clientId, campaignId, imp.importId), budgetMs);
    }
    // Whatever stopped it, the import says so and can be retried or replaced — never `importing` for ever.
    return failWith(actorId, current, error);
  } finally {
    body.destroy();
  }
  await recomputeCampaignDiscrepancies(actorId, clientId, campaignId);
  return outcome;
}

/** Marks the import failed with why it stopped; if even that cannot be written, the original error stands. */
async function failWith(
  actorId: string,
  current: MonitoringImport,
  error: unknown,
): Promise<MonitoringImport> {
  try {
    return await finish(actorId, current, { status: 'failed', failure: stoppedBecause(error) });
  } catch {
    throw error;
  }
}

/** Why an import stopped, for the people who read it (the technical name in brackets). */
export function stoppedBecause(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  return `The import stopped on an unexpected error (${name.slice(0, 80)}): nothing of it counts. Retry it, or replace the file.`;
}

/** The data rows of an import's source (header and blank lines aside), in one streamed pass. */
async function countRows(imp: MonitoringImport): Promise<number> {
  const object = await openSource(imp);
  if (!object) return 0;
  const body = object.Body as Readable;
  let count = 0;
  try {
    if (imp.source === 'csv') {
      let first = true;
      for await (const record of csvRecords(textLines(body))) {
        if (first) {
          first = false;
          continue;
        }
        if (!(record.fieldCount === 1 && record.fields[0]!.trim() === '' && !record.error)) count++;
      }
    } else {
      for await (const line of textLines(body)) if (line.trim() !== '') count++;
    }
  } finally {
    body.destroy();
  }
  return count;
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
  outcome: Partial<Tally> & {
    status: 'completed' | 'failed';
    failure?: string;
    resumeFromLine?: null;
    /** The file itself cannot be imported (too large, no usable header): replace it. */
    fileUnusable?: boolean;
  },
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
    const { item, upload } =
      'fileName' in input
        ? await newCsvImport(caller.staffId, clientId, campaignId, input.fileName)
        : { item: await newJsonImport(caller.staffId, clientId, campaignId, input.rows), upload: undefined };
    const created = fromItem<MonitoringImport>(item);
    const result: CreatedMonitoringImport = upload ? { ...created, upload } : created;
    await transact([
      putNew(item),
      clientAuditEvent(clientId, {
        actorId,
        action: 'monitoring_import.created',
        entityType: 'monitoringImport',
        entityId: `${campaignId}#${item.importId}`,
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
    result = await importNow(actorId, campaign, result);
  }
  return { result, replayed: outcome.replayed };
}

/**
 * Imports within this request's budget and, when the file is larger than that, hands the rest to
 * the import workflow, which goes on chunk by chunk to the end and tells the uploader.
 */
async function importNow(
  actorId: string,
  campaign: Campaign,
  imp: MonitoringImport,
  budgetMs?: number,
): Promise<MonitoringImport> {
  const result = await runImport(actorId, campaign, imp, budgetMs);
  if (result.status === 'importing') await continueInBackground(result, actorId, budgetMs);
  return result;
}

/** One run of an import by the import workflow (named after the import and its attempt). */
export interface ImportRun {
  clientId: string;
  campaignId: string;
  importId: string;
  attempt: number;
  /** Who the work is done for (the uploader, or who retried it): audit events name them. */
  actorId: string;
  /** A cap on each chunk's time, below the task function's own budget (pacing a very large file). */
  budgetMs?: number | null;
}

const executionName = (importId: string, attempt: number) => `monitoring-${importId}-${attempt}`;

async function continueInBackground(imp: MonitoringImport, actorId: string, budgetMs?: number) {
  const attempt = imp.attempt ?? 1;
  // The workflow's input: the run, and its pace (null: each chunk takes its function's whole budget).
  await startMonitoringImportExecution(executionName(imp.importId, attempt), {
    clientId: imp.clientId,
    campaignId: imp.campaignId,
    importId: imp.importId,
    attempt,
    actorId,
    pace: { budgetMs: budgetMs ?? null },
  });
}

/**
 * Reads the uploaded CSV (or resumes an interrupted import); idempotent. What the request's time
 * allows is imported at once; a larger file answers `importing` and goes on by itself (its
 * progress on the import: rowsTotal of rowsExpected, rowsRejected so far), and the uploader is
 * emailed when it has finished.
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
  return refuseUnusableFile(await importNow(actorId, campaign, asImport(item), budgetMs));
}

/**
 * A file that cannot be imported as a whole (too large, no usable header) is the request's
 * problem: 422 naming why, per problem of its header. The import stays `failed` with the same
 * reasons (GET it); replace the file.
 */
function refuseUnusableFile(imp: MonitoringImport): MonitoringImport {
  if (imp.status !== 'failed' || !imp.fileUnusable) return imp;
  const reasons = imp.rejects.find((r) => r.line === 1)?.reasons ?? [];
  throw new AppError(
    422,
    'monitoring_file_unusable',
    'Unprocessable file',
    `${imp.failure ?? 'The file cannot be imported.'} Replace the file (POST …/monitoring-imports/${imp.importId}/replacement).`,
    (reasons.length > 0 ? reasons : [imp.failure ?? 'unusable']).map((message) => ({
      field: 'file.line1',
      message,
    })),
  );
}

/**
 * A failed import of the campaign, for the media team or AE and above to retry or replace: any
 * other status, or an import already replaced, is a 409 saying what to do instead.
 */
async function openFailedImport(
  actorId: string,
  campaignId: string,
  importId: string,
  doing: 'retried' | 'replaced',
) {
  const {
    caller,
    clientId,
    campaign,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [importKey(c, campaignId, importId)]);
  authorize(caller, 'media.book');
  const failed = asImport(item);
  if (failed.status !== 'failed') {
    throw conflict(
      'import_not_failed',
      `This import is ${failed.status.replace('_', ' ')}: only a failed import is ${doing}.`,
    );
  }
  if (failed.replacedBy) {
    throw conflict(
      'import_replaced',
      `This import was already replaced by import ${failed.replacedBy}: work with that one.`,
    );
  }
  return { caller, clientId, campaign, failed };
}

/**
 * Runs a failed import again from its stored file (same object version, same row keys: nothing
 * doubles). Only a failed import may be retried; its counts and rejects start over.
 */
export async function retryMonitoringImport(actorId: string, campaignId: string, importId: string) {
  const { campaign, failed: current } = await openFailedImport(actorId, campaignId, importId, 'retried');
  const next = patched(current, {
    status: current.sourceVersionId || current.source === 'json' ? 'importing' : 'awaiting_upload',
    attempt: (current.attempt ?? 1) + 1,
    rowsExpected: null,
    rowsTotal: 0,
    rowsStored: 0,
    rowsRejected: 0,
    rowsMatched: 0,
    rejects: [],
    rejectsTruncated: null,
    failure: null,
    fileUnusable: null,
    resumeFromLine: null,
    completedAt: null,
    startedAt: now(),
  });
  try {
    await writeImport(actorId, current, next, 'retried');
  } catch (error) {
    if (error instanceof Moved)
      throw conflict('version_conflict', 'This import changed at the same moment; reload it.');
    throw error;
  }
  return refuseUnusableFile(await importNow(actorId, campaign, next));
}

/**
 * Replaces a failed CSV import's file: a new import (a new upload, 15 minutes) that names the one
 * it replaces, which keeps its failure for the record and says what replaced it.
 */
export async function replaceMonitoringImport(
  actorId: string,
  campaignId: string,
  importId: string,
  input: { fileName: string },
  idempotency?: IdempotencyRequest,
): Promise<{ result: CreatedMonitoringImport; replayed: boolean }> {
  return createOnce<CreatedMonitoringImport>(actorId, idempotency, async (remember) => {
    const { caller, clientId, failed } = await openFailedImport(actorId, campaignId, importId, 'replaced');
    const { item: created, upload } = await newCsvImport(
      caller.staffId,
      clientId,
      campaignId,
      input.fileName,
      {
        replaces: importId,
      },
    );
    const marked = patched(failed, { replacedBy: created.importId as string });
    const result: CreatedMonitoringImport = { ...fromItem<MonitoringImport>(created), upload };
    await transact([
      putIfVersion(importItem(marked), failed.version, () =>
        conflict('version_conflict', 'This import changed at the same moment; reload it.'),
      ),
      putNew(created),
      clientAuditEvent(clientId, {
        actorId,
        action: 'monitoring_import.replaced',
        entityType: 'monitoringImport',
        entityId: `${campaignId}#${importId}`,
        before: failed,
        after: marked,
        redact: ['rejects'],
      }),
      clientAuditEvent(clientId, {
        actorId,
        action: 'monitoring_import.created',
        entityType: 'monitoringImport',
        entityId: `${campaignId}#${created.importId}`,
        after: created,
      }),
      ...remember(result),
    ]);
    return result;
  });
}

/** A CSV import waiting for its file, with its presigned upload (text/csv, ≤ 20 MB, 15 minutes). */
async function newCsvImport(
  createdBy: string,
  clientId: string,
  campaignId: string,
  fileName: string,
  extra: { replaces?: string } = {},
) {
  const importId = newId();
  const objectKey = monitoringObjectKey(clientId, campaignId, importId, 'csv');
  const expiresAt = new Date(Date.now() + uploadExpirySeconds * 1000).toISOString();
  const presigned = await presignUpload({
    bucket: getDraftsBucket(),
    key: objectKey,
    contentType: 'text/csv',
    maxBytes: maxCsvBytes,
    expiresSeconds: uploadExpirySeconds,
  });
  const item = newRecord(
    MonitoringImportEntity.type,
    importKey(clientId, campaignId, importId),
    {},
    {
      importId,
      campaignId,
      clientId,
      source: 'csv' as const,
      fileName,
      objectKey,
      status: 'awaiting_upload' as const,
      rowsTotal: 0,
      rowsStored: 0,
      rowsRejected: 0,
      rowsMatched: 0,
      rejects: [],
      createdBy,
      ...extra,
    },
  );
  return { item, upload: { ...presigned, expiresAt, maxBytes: maxCsvBytes } };
}

/** A JSON import: its rows kept in S3 as its source (NDJSON, one row a line), imported at once. */
async function newJsonImport(
  createdBy: string,
  clientId: string,
  campaignId: string,
  rows: Record<string, unknown>[],
) {
  const importId = newId();
  const objectKey = monitoringObjectKey(clientId, campaignId, importId, 'ndjson');
  const ndjson = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  const { objectVersionId } = await putDocument(getDraftsBucket(), objectKey, ndjson, 'application/x-ndjson');
  return newRecord(
    MonitoringImportEntity.type,
    importKey(clientId, campaignId, importId),
    {},
    {
      importId,
      campaignId,
      clientId,
      source: 'json' as const,
      objectKey,
      sourceVersionId: objectVersionId,
      status: 'importing' as const,
      rowsTotal: 0,
      rowsStored: 0,
      rowsRejected: 0,
      rowsMatched: 0,
      rejects: [],
      startedAt: now(),
      createdBy,
    },
  );
}

// The upload event (AWS): a monitoring CSV that lands starts its import by itself.

const monitoringKeyPattern =
  /^clients\/([0-9A-Z]{26})\/media\/([0-9A-Z]{26}_[0-9A-Z]{26})\/monitoring\/([0-9A-Z]{26})\.csv$/;

/** The import an uploaded object belongs to, from its key (S3 events carry only the key). */
export function monitoringImportOfObjectKey(key: string) {
  const match = monitoringKeyPattern.exec(key);
  return match ? { clientId: match[1]!, campaignId: match[2]!, importId: match[3]! } : undefined;
}

/**
 * The S3 "Object Created" event of a monitoring CSV: the import workflow reads it to the end, as
 * the uploader's work, and tells them when it is done — no `…/complete` call needed (one made
 * anyway joins the same run).
 */
export async function importUploadedFile(ref: { clientId: string; campaignId: string; importId: string }) {
  const item = await getItem(importKey(ref.clientId, ref.campaignId, ref.importId));
  if (!item) return false;
  const imp = fromItem<MonitoringImport>(item);
  if (imp.status !== 'awaiting_upload' && imp.status !== 'importing') return false;
  await continueInBackground(imp, imp.createdBy);
  return true;
}

// The import workflow's tasks (functions/workflow/monitoring-import-tasks.ts).

/** The run's import and campaign, or why the run has nothing (more) to do. */
async function openRun(run: ImportRun) {
  const [campaignItem, importItem] = await getItems([
    MediaCampaign.key(run.clientId, run.campaignId),
    importKey(run.clientId, run.campaignId, run.importId),
  ]);
  if (!campaignItem || !importItem) return undefined;
  const imp = fromItem<MonitoringImport>(importItem);
  // A retry started another run: this one stops.
  if ((imp.attempt ?? 1) !== run.attempt) return undefined;
  return { campaign: fromItem<Campaign>(campaignItem), imp };
}

/** One chunk of the run, within `budgetMs`: whether more is to come (`importing`) or it has ended. */
export async function importChunk(run: ImportRun, budgetMs: number): Promise<{ status: string }> {
  const opened = await openRun(run);
  if (!opened) return { status: 'superseded' };
  const budget = typeof run.budgetMs === 'number' ? Math.min(run.budgetMs, budgetMs) : budgetMs;
  const next = await runImport(run.actorId, opened.campaign, opened.imp, budget);
  return { status: next.status };
}

/** The chunk kept failing past the workflow's retries: the import is failed with why. */
export async function failImportRun(run: ImportRun, cause: string | undefined): Promise<void> {
  const opened = await openRun(run);
  if (!opened || opened.imp.status === 'completed' || opened.imp.status === 'failed') return;
  await finish(run.actorId, opened.imp, {
    status: 'failed',
    failure: `The import stopped: ${(cause ?? 'an unexpected error').slice(0, 300)}. Nothing of it counts; retry it, or replace the file.`,
  });
}

/**
 * A run of the import workflow stopped without finishing (its execution failed, timed out or was
 * aborted: the recovery function, from Step Functions' status event): the import it was running is
 * failed with why — never left `importing` — and the uploader told. A run that is not the import's
 * current one, or an import already ended, changes nothing.
 */
export async function importRunStopped(run: ImportRun, stopped: StoppedExecution): Promise<boolean> {
  const opened = await openRun(run);
  if (!opened || opened.imp.status === 'completed' || opened.imp.status === 'failed') return false;
  await finish(run.actorId, opened.imp, {
    status: 'failed',
    failure: `The import stopped: ${stoppedReason(stopped)}. Nothing of it counts; retry it, or replace the file.`,
  });
  await notifyImportFinished(run);
  return true;
}

/** Tells the uploader, once per run, that their import has finished (completed or failed). */
export async function notifyImportFinished(run: ImportRun): Promise<{ notified: boolean }> {
  const opened = await openRun(run);
  if (!opened || (opened.imp.status !== 'completed' && opened.imp.status !== 'failed')) {
    return { notified: false };
  }
  const { imp, campaign } = opened;
  const [uploaderItem, clientItem] = await getItems([Staff.key(imp.createdBy), Client.key(imp.clientId)]);
  if (!uploaderItem || uploaderItem.active === false) return { notified: false };
  const marker = ScheduledRun.key(importNoticeJob, imp.importId, String(run.attempt));
  try {
    await transact([putNew({ ...marker, itemType: ScheduledRun.type, at: now() }, () => new Moved())]);
  } catch (error) {
    // Told already (a retried task): nothing twice.
    if (error instanceof Moved) return { notified: false };
    throw error;
  }
  try {
    await sendEmail(
      renderImportFinishedEmail(
        fromItem<StaffMember>(uploaderItem),
        imp,
        campaign,
        clientItem ? String(clientItem.name) : imp.clientId,
      ),
    );
  } catch (error) {
    await transact([deleteItem(marker)]);
    throw error;
  }
  return { notified: true };
}

const importNoticeJob = 'monitoring-import-notice';

function renderImportFinishedEmail(
  to: StaffMember,
  imp: MonitoringImport,
  campaign: Campaign,
  clientName: string,
): Email {
  const { agencyName, publicBaseUrl } = getMailConfig();
  const language = to.language ?? agencyLanguage;
  const words = mediaNoticeWords[language].monitoringImport;
  const count = (n: number) => formatNumber(n, 0, language);
  const what = imp.fileName ?? words.jsonRows(count(imp.rowsTotal));
  const done = imp.status === 'completed';
  // Why it failed is recorded in the system's words and quoted as recorded.
  const intro = done ? words.completed(what, campaign.name) : words.failed(what, campaign.name, imp.failure);
  const facts: [string, string][] = [
    [words.client, clientName],
    [words.campaign, campaign.name],
    [words.file, what],
    [words.rowsRead, count(imp.rowsTotal)],
    [words.rowsStored, words.stored(count(imp.rowsStored), count(imp.rowsMatched))],
    [words.rowsRejected, count(imp.rowsRejected)],
  ];
  const rejects = imp.rejects.slice(0, 10).map((r) => words.line(count(r.line), r.reasons.join('; ')));
  const url = `${publicBaseUrl}/media-campaigns/${campaign.campaignId}/monitoring-imports/${imp.importId}`;
  const next = done ? words.countsNow : words.countsNot;
  const signature = emailWords[language].signature(agencyName);
  const text = [
    mediaNoticeWords[language].hello(to.name),
    '',
    intro,
    next,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(rejects.length > 0 ? ['', `${words.rejectedRows}:`, ...rejects.map((r) => `- ${r}`)] : []),
    '',
    words.theImport(url),
    '',
    signature,
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;max-width:640px">
<p>${escapeHtml(mediaNoticeWords[language].hello(to.name))}</p>
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(next)}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${rejects.length > 0 ? `<h3>${escapeHtml(words.rejectedRows)}</h3><ul>${rejects.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''}
<p style="color:#555">${escapeHtml(words.theImport(url))}</p>
<p style="color:#555">${escapeHtml(signature)}</p>
</body></html>`;
  return {
    to: to.email,
    subject: `[${agencyName}] ${words.subject(done, what, campaign.name)}`,
    html,
    text,
  };
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
