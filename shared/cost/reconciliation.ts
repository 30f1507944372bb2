import { Brand, Client } from '../accounts/entities.js';
import {
  authorize,
  type Client as ClientView,
  loadActiveTeam,
  openClient,
  openClientWith,
} from '../accounts/index.js';
import { Job } from '../jobs/entities.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig, getReportsBucket } from '../platform/config.js';
import type { KeyQuery } from '../platform/db/keys.js';
import {
  fromItem,
  getItem,
  getItems,
  type Item,
  putIfVersion,
  putNew,
  queryAll,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { agencyLanguage, type Language } from '../platform/i18n.js';
import { type JobSegment, type SegmentOutcome, walkUnits } from '../platform/job-segments.js';
import { sendEmail } from '../platform/mailer.js';
import type { Money } from '../platform/money.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { defaultCalendar, isWorkingDay, type WorkingCalendar } from '../platform/working-days.js';
import { BrandForecast, JobSpendLedger, Reconciliation } from './entities.js';
import { monthlyFiguresOf } from './ledger.js';
import { reconciliationWords } from './messages.js';
import { renderCostNotice } from './notices.js';
import { renderReconciliationCsv, renderReconciliationHtml } from './reconciliation-document.js';
import { type CostInputs, reconcile } from './reconciliation-figures.js';
import type { ReconciliationView, VarianceReasonInput } from './spend-schemas.js';

/**
 * The monthly budget reconciliation (issue 13 §3; domain.md §3 "monthly budget reconciliation"):
 * for each client, on its first working day of a month (its own calendar and time zone), the month
 * before is reconciled — per job and per brand, signed vs committed vs billed vs forecast
 * (`reconciliation-figures.ts`) — written as HTML (with SVG charts) and CSV to the reports bucket,
 * recorded, and emailed to the client's account managers and account directors with links through
 * the API (`/documents/{token}`, presigned on each click).
 *
 * Idempotent per client and month: the record is put only if absent, and the emails go out once
 * (`emailedAt`); a run that finds the record without `emailedAt` (the send failed) sends them.
 */
export const varianceThresholdPercent = 10;

/**
 * What a client's month is reconciled from: its jobs, brands and the month's forecasts (three
 * queries at once), then each job's spend ledger (BatchGetItem, 100 a request). The ledgers carry
 * the per-month figures the order, booking, cancellation and bill transactions keep (`ledger.ts`),
 * so the read does not grow with the orders and bills: 200 jobs are two batch reads, however many
 * cost lines they have.
 */
export async function reconciliationInputs(clientId: string, month: string): Promise<CostInputs> {
  const [jobItems, brandItems, forecastItems] = await Promise.all([
    queryEvery(Job.ofClient(clientId), jobFields),
    queryAll(Brand.ofClient(clientId)),
    queryAll(BrandForecast.ofClient(clientId, month)),
  ]);
  const ledgerItems = await getItems(jobItems.map((j) => JobSpendLedger.key(clientId, j.jobId as string)));
  return {
    jobs: jobItems.map((j) => ({
      jobId: j.jobId as string,
      jobNumber: j.jobNumber as string,
      title: j.title as string,
      brandId: j.brandId as string,
    })),
    brands: brandItems.map((b) => ({ brandId: b.brandId as string, name: b.name as string })),
    ledgers: ledgerItems.flatMap((item, i) =>
      item
        ? [
            {
              jobId: jobItems[i]!.jobId as string,
              signedTotalMinor: item.signedTotalMinor as number | undefined,
              currency: item.currency as string | undefined,
              ...monthlyFiguresOf(item),
            },
          ]
        : [],
    ),
    forecasts: forecastItems.map((f) => ({ brandId: f.brandId as string, amount: f.amount as Money })),
  };
}

/** The fields of a job the reconciliation reads (a job item carries much more). */
const jobFields = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'jobId', 'jobNumber', 'title', 'brandId'];

/** Every item of a query, only `attributes` of each, in pages as large as DynamoDB gives. */
async function queryEvery(query: KeyQuery, attributes: string[]): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await queryPage(query, { limit: 1000, nextToken, attributes });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

const reportFile = (month: string, clientName: string, format: 'html' | 'csv') => ({
  fileName: `budget-reconciliation-${month}-${clientName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.${format}`,
  contentType: format === 'html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8',
});

type Documented = Pick<
  ReconciliationView,
  | 'clientId'
  | 'month'
  | 'thresholdPercent'
  | 'currency'
  | 'rows'
  | 'totals'
  | 'otherCurrencies'
  | 'generatedAt'
  | 'reasonsUpdatedAt'
> & { clientName?: string };

const storedFile = (file: { objectKey: string; objectVersionId?: string; sha256: string }) => ({
  objectKey: file.objectKey,
  objectVersionId: file.objectVersionId,
  sha256: file.sha256,
});

/**
 * Writes the reconciliation's documents from its figures — the HTML in each of our languages (the
 * English one is `html`, the others `translations`) and the CSV — under keys fixed per client and
 * month, so a link without a version always opens the latest.
 */
async function writeDocuments(r: Documented) {
  const bucket = getReportsBucket();
  const base = `clients/${r.clientId}/reconciliations/${r.month}`;
  const { agencyName } = getMailConfig();
  const html = (language: Language) =>
    putDocument(
      bucket,
      `${base}/reconciliation${language === 'en' ? '' : `.${language}`}.html`,
      renderReconciliationHtml({
        agencyName,
        clientName: r.clientName ?? r.clientId,
        month: r.month,
        thresholdPercent: r.thresholdPercent,
        figures: r,
        generatedAt: r.generatedAt,
        updatedAt: r.reasonsUpdatedAt,
        language,
      }),
      'text/html; charset=utf-8',
    );
  const [en, es, zh, csv] = await Promise.all([
    html('en'),
    html('es'),
    html('zh-CN'),
    putDocument(bucket, `${base}/reconciliation.csv`, renderReconciliationCsv(r), 'text/csv; charset=utf-8'),
  ]);
  return {
    html: storedFile(en),
    translations: { es: storedFile(es), 'zh-CN': storedFile(zh) },
    csv: storedFile(csv),
  };
}

/** The reconciliation's HTML in a reader's language (English where it was written before translations). */
const htmlIn = (r: ReconciliationView, language: Language) =>
  (language !== 'en' && r.translations?.[language]) || r.html;

/** Reconciles one client's month, once; returns what happened. */
export async function reconcileClientMonth(
  clientId: string,
  month: string,
  at: Date,
): Promise<'generated' | 'alreadyDone' | 'emailed'> {
  const existing = await getItem(Reconciliation.key(clientId, month));
  if (existing) {
    if (existing.emailedAt) return 'alreadyDone';
    await emailReconciliation(fromItem<ReconciliationView>(existing), at);
    return 'emailed';
  }
  const clientItem = await getItem(Client.key(clientId));
  if (!clientItem) return 'alreadyDone';
  const client = fromItem<ClientView>(clientItem);
  const inputs = await reconciliationInputs(clientId, month);
  const fallback =
    (client as { intake?: { advertisingBudget?: Money } }).intake?.advertisingBudget?.currency ?? 'USD';
  const figures = reconcile(inputs, month, varianceThresholdPercent, fallback);
  const generatedAt = at.toISOString();
  const files = await writeDocuments({
    clientId,
    clientName: client.name,
    month,
    thresholdPercent: varianceThresholdPercent,
    ...figures,
    generatedAt,
  });
  const recipients = (await loadActiveTeam(clientId)).filter((m) =>
    ['account_manager', 'account_director'].includes(m.role),
  );
  const item = newRecord(
    Reconciliation.type,
    Reconciliation.key(clientId, month),
    {},
    {
      clientId,
      clientName: client.name,
      month,
      thresholdPercent: varianceThresholdPercent,
      ...figures,
      ...files,
      emailedTo: recipients.map((r) => r.staffId),
      generatedAt,
    },
  );
  try {
    await transact([
      putNew(item, () => new ReconciledMeanwhile()),
      clientAuditEvent(clientId, {
        actorId: 'system',
        action: 'reconciliation.generated',
        entityType: 'reconciliation',
        entityId: month,
        after: item,
      }),
    ]);
  } catch (error) {
    if (error instanceof ReconciledMeanwhile) return 'alreadyDone';
    throw error;
  }
  await emailReconciliation(fromItem<ReconciliationView>(item), at);
  return 'generated';
}

class ReconciledMeanwhile extends Error {}

async function emailReconciliation(reconciliation: ReconciliationView & { clientName?: string }, at: Date) {
  const { clientId, month } = reconciliation;
  const clientName = reconciliation.clientName ?? clientId;
  const until = new Date(at.getTime() + 730 * 86_400_000).toISOString();
  const flagged = reconciliation.rows.filter((r) => r.flags.length > 0).length;
  const team = (await loadActiveTeam(clientId)).filter((m) => reconciliation.emailedTo.includes(m.staffId));
  for (const person of team) {
    const language = person.language ?? agencyLanguage;
    const words = reconciliationWords[language];
    // No object version in the link: the documents are written again when the AE gives reasons,
    // and a click opens them as they stand then.
    const link = (format: 'html' | 'csv') =>
      issueDocumentLink({
        clientId,
        reader: { kind: 'staff', staffId: person.staffId },
        document: {
          bucket: 'reports',
          ...(format === 'html' ? htmlIn(reconciliation, language) : reconciliation.csv),
          objectVersionId: undefined,
          ...reportFile(month, clientName, format),
        },
        purpose: 'budget reconciliation',
        expiresAt: until,
      });
    const [htmlUrl, csvUrl] = await Promise.all([link('html'), link('csv')]);
    await sendEmail(
      renderCostNotice({
        to: person.email,
        language,
        subject: words.subject(month, clientName),
        greeting: words.greeting(person.name),
        paragraphs: [
          words.ready(clientName, month),
          flagged > 0
            ? words.flaggedLines(flagged, reconciliation.thresholdPercent)
            : words.noVariance(reconciliation.thresholdPercent),
          words.csv(csvUrl),
        ],
        action: { label: words.open, url: htmlUrl },
      }),
    );
  }
  const current = await getItem(Reconciliation.key(clientId, month));
  if (!current || current.emailedAt) return;
  const view = fromItem<ReconciliationView>(current);
  await transact([
    putIfVersion(
      storedItem(
        Reconciliation.type,
        Reconciliation.key(clientId, month),
        {},
        patched(view, { emailedAt: now() }),
      ),
      view.version,
      () => versionConflict('The reconciliation', view.version),
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The scheduled job
// ---------------------------------------------------------------------------------------------

const dateIn = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/** The first working day of the month of `date` on a calendar. */
function firstWorkingDay(date: string, calendar: WorkingCalendar): string {
  const month = date.slice(0, 7);
  for (let day = 1; day <= 31; day++) {
    const candidate = `${month}-${String(day).padStart(2, '0')}`;
    if (isWorkingDay(candidate, calendar)) return candidate;
  }
  return `${month}-01`;
}

export const previousMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

/**
 * `budget-reconciliation` (EventBridge Scheduler each working morning; `npm run job --
 * budget-reconciliation`): walks every client (the clients index, in name order) and reconciles the
 * month before for each client whose today — on its own calendar — is on or after its first working
 * day of the month. A run on a later day catches a client a failed run missed; a client already
 * reconciled for that month costs one GetItem.
 */
export async function budgetReconciliation(at: Date, segment: JobSegment): Promise<SegmentOutcome> {
  return walkUnits({
    query: Client.all(),
    segment,
    outcomes: ['generated', 'emailed', 'alreadyDone', 'notYet'],
    pastEnd: () => false,
    name: (item) => `client ${String(item.clientId)}`,
    unit: async (item) => {
      const calendar = (item.calendar as WorkingCalendar | undefined) ?? defaultCalendar;
      const today = dateIn(at, calendar.timeZone);
      if (today < firstWorkingDay(today, calendar)) return 'notYet';
      return reconcileClientMonth(item.clientId as string, previousMonth(today), at);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The API's view
// ---------------------------------------------------------------------------------------------

const summaryOf = (r: ReconciliationView) => {
  const { rows, ...rest } = r;
  return { ...rest, flagged: rows.filter((row) => row.flags.length > 0).length };
};

export async function listReconciliations(actorId: string, clientId: string) {
  const { result } = await openClientWith(actorId, clientId, () =>
    queryAll(Reconciliation.ofClient(clientId)),
  );
  return result
    .map((i) => summaryOf(fromItem<ReconciliationView>(i)))
    .sort((a, b) => b.month.localeCompare(a.month));
}

export async function getReconciliation(actorId: string, clientId: string, month: string) {
  const { caller, items } = await openClient(actorId, clientId, [Reconciliation.key(clientId, month)]);
  if (!items[0]) throw notFound('Reconciliation');
  const r = fromItem<ReconciliationView & { clientName?: string }>(items[0]);
  const name = r.clientName ?? clientId;
  // The HTML in the caller's language (`PATCH /me`); the CSV is the same for every reader.
  const language = caller.language ?? agencyLanguage;
  const [html, csv] = await Promise.all(
    (['html', 'csv'] as const).map((format) =>
      documentDownload(
        getReportsBucket(),
        format === 'html' ? htmlIn(r, language) : r.csv,
        5 * 60,
        reportFile(month, name, format),
      ),
    ),
  );
  return { ...r, downloads: { html: html!, csv: csv! } };
}

/** The AE's reason for a flagged variance (domain.md §2: the AE answers for the brand's spend). */
export async function explainVariance(
  actorId: string,
  clientId: string,
  month: string,
  expectedVersion: number,
  input: VarianceReasonInput,
): Promise<ReconciliationView> {
  const { caller, items } = await openClient(actorId, clientId, [Reconciliation.key(clientId, month)]);
  if (!items[0]) throw notFound('Reconciliation');
  authorize(caller, 'budget.forecast');
  const current = fromItem<ReconciliationView>(items[0]);
  if (current.version !== expectedVersion) throw versionConflict('The reconciliation', expectedVersion);
  let found = false;
  const rows = current.rows.map((row) =>
    row.id !== input.rowId
      ? row
      : {
          ...row,
          flags: row.flags.map((f) => {
            if (f.kind !== input.kind) return f;
            found = true;
            return { ...f, reason: input.reason, reasonBy: caller.staffId };
          }),
        },
  );
  if (!found) {
    throw conflict(
      'no_such_variance',
      'This reconciliation flags no such variance on that line.',
      'body.rowId',
    );
  }
  const at = now();
  const explained = patched(current, { rows, reasonsUpdatedAt: at }, at);
  // The documents say what the record says: written again with the reason, then recorded with it.
  const files = await writeDocuments(explained);
  const next = { ...explained, ...files };
  await transact([
    putIfVersion(
      storedItem(Reconciliation.type, Reconciliation.key(clientId, month), {}, next),
      expectedVersion,
      () => versionConflict('The reconciliation', expectedVersion),
    ),
    clientAuditEvent(clientId, {
      actorId,
      action: 'reconciliation.variance_explained',
      entityType: 'reconciliation',
      entityId: month,
      before: current,
      after: next,
    }),
  ]);
  return next;
}
