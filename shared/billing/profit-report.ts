import { Client, Staff } from '../accounts/entities.js';
import { authorize, loadCaller } from '../accounts/index.js';
import { directCostsOfClient, plannedMargins } from '../cost/index.js';
import { Job } from '../jobs/entities.js';
import { getMailConfig, getReportsBucket } from '../platform/config.js';
import {
  fromItem,
  getItem,
  type Item,
  pageTokenAfter,
  putIfVersion,
  putItem,
  putNew,
  queryAll,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import { escapeHtml } from '../platform/emails.js';
import { notFound, versionConflict } from '../platform/errors.js';
import { agencyLanguage, type Language, languages } from '../platform/i18n.js';
import type { JobSegment, SegmentOutcome } from '../platform/job-segments.js';
import { sendEmail } from '../platform/mailer.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { defaultCalendar, isWorkingDay, localDate } from '../platform/working-days.js';
import { ClientMonthProfit, ProfitabilityReport } from './entities.js';
import { clientActivity, jobRow } from './profit.js';
import { figuresOf, type ProfitInputs, sumBy, totalsByCurrency } from './profit-figures.js';
import {
  type ClientMonth,
  type ReportFigures,
  renderProfitabilityCsv,
  renderProfitabilityHtml,
} from './profit-report-document.js';
import { profitabilityWords } from './time-messages.js';
import type { ProfitabilityReportView } from './time-schemas.js';

/**
 * The monthly profitability report for the head of accounts (issue 14 §3): every client's profit
 * for a month — per job, against the signed estimate's planned margin — as HTML (with SVG charts)
 * in each head's language and a CSV, in the reports bucket, emailed through `/documents` links.
 *
 * Reads are built for size (100 clients, 2,000 jobs, 100,000 time entries): per client, its time
 * and revenue entries of the month by the date prefix of their sort keys (only the fields profit
 * needs), its cost items in a few large pages, its jobs; clients are taken a few at a time. The
 * scheduled job walks clients in segments: each client's figures are put under the month
 * (`ClientMonthProfit`), so a run that continues in a new invocation loses nothing, and the
 * report is assembled from that one partition once every client is done.
 */
const clientsAtOnce = 8;

/** One client's month: job rows and totals per currency; put under the month. */
export async function profitOfClientMonth(
  clientId: string,
  clientName: string,
  month: string,
): Promise<ClientMonth> {
  const [activity, costs, jobItems] = await Promise.all([
    clientActivity(clientId, [month]),
    directCostsOfClient(clientId),
    queryAll(Job.ofClient(clientId)),
  ]);
  const inputs: ProfitInputs = {
    ...activity,
    bills: costs.bills.filter((b) => b.billDate.slice(0, 7) === month),
  };
  const byJob = sumBy(inputs, (jobId, date) => (date.slice(0, 7) === month ? jobId : undefined));
  const planned = new Map(
    (
      await plannedMargins(
        clientId,
        costs.signed.filter((s) => byJob.has(s.jobId)),
      )
    ).map((p) => [p.jobId, p]),
  );
  const jobsById = new Map(jobItems.map((j) => [j.jobId as string, j]));
  const jobs = [...byJob].flatMap(([jobId, byCurrency]) => {
    const job = jobsById.get(jobId);
    const label = {
      jobId,
      clientId,
      jobNumber: (job?.jobNumber as string | undefined) ?? '',
      title: (job?.title as string | undefined) ?? '',
    };
    return [...byCurrency].map(([currency, s]) => jobRow(label, figuresOf(s, currency), planned.get(jobId)));
  });
  jobs.sort((a, b) => a.jobNumber.localeCompare(b.jobNumber));
  const result: ClientMonth = { clientId, clientName, totals: totalsByCurrency(byJob.values()), jobs };
  await transact([
    putItem({
      ...ClientMonthProfit.key(month, clientId),
      itemType: ClientMonthProfit.type,
      month,
      ...result,
    }),
  ]);
  return result;
}

/** Every client's month, from the month's partition: the report's figures. */
async function reportFigures(month: string): Promise<ReportFigures> {
  const clients = (await queryAll(ClientMonthProfit.ofMonth(month)))
    .map((i) => fromItem<ClientMonth>(i))
    .filter((c) => c.jobs.length > 0)
    .sort((a, b) => a.clientName.localeCompare(b.clientName));
  const sums = clients.flatMap((c) => c.totals);
  const currencies = totalsByCurrency(
    sums.map(
      (t) =>
        new Map([
          [
            t.currency,
            {
              fees: t.fees.amountMinor,
              commission: t.commission.amountMinor,
              rebilled: t.rebilled.amountMinor,
              directCosts: t.directCosts.amountMinor,
              timeCost: t.timeCost.amountMinor,
              minutes: t.minutes,
            },
          ],
        ]),
    ),
  ).sort((a, b) => b.revenue.amountMinor - a.revenue.amountMinor);
  return { month, currencies, clients };
}

const fileOf = (month: string, format: string) => ({
  fileName: `profitability-${month}${format === 'csv' ? '' : `-${format.slice(5)}`}.${format === 'csv' ? 'csv' : 'html'}`,
  contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8',
});

/** Writes the report's files (HTML in each of `readerLanguages`, CSV) and records it (a new version if it exists). */
async function writeReport(month: string, at: Date, readerLanguages: Language[], emailedTo: string[]) {
  const figures = await reportFigures(month);
  const generatedAt = at.toISOString();
  const bucket = getReportsBucket();
  const { agencyName } = getMailConfig();
  const base = `agency/profitability/${month}`;
  const wanted = [...new Set(readerLanguages.length ? readerLanguages : [agencyLanguage])];
  const written = await Promise.all([
    ...wanted.map(async (language) => {
      const html = renderProfitabilityHtml({
        agencyName,
        figures,
        generatedAt,
        timeZone: defaultCalendar.timeZone,
        language,
      });
      return [
        `html-${language}`,
        await putDocument(bucket, `${base}/profitability-${language}.html`, html, 'text/html; charset=utf-8'),
      ] as const;
    }),
    putDocument(
      bucket,
      `${base}/profitability.csv`,
      renderProfitabilityCsv(figures),
      'text/csv; charset=utf-8',
    ).then((csv) => ['csv', csv] as const),
  ]);
  const files = Object.fromEntries(
    written.map(([name, f]) => [
      name,
      { objectKey: f.objectKey, objectVersionId: f.objectVersionId, sha256: f.sha256 },
    ]),
  );
  const fields = {
    month,
    currencies: figures.currencies,
    clients: figures.clients.length,
    jobs: figures.clients.reduce((s, c) => s + c.jobs.length, 0),
    files,
    generatedAt,
    emailedTo,
  };
  const existing = await getItem(ProfitabilityReport.key(month));
  if (existing) {
    const current = fromItem<ProfitabilityReportView>(existing);
    const next = storedItem(
      ProfitabilityReport.type,
      ProfitabilityReport.key(month),
      {},
      patched(current, fields),
    );
    await transact([
      putIfVersion(next, current.version, () => versionConflict('The report', current.version)),
    ]);
    return fromItem<ProfitabilityReportView>(next);
  }
  const item = newRecord(ProfitabilityReport.type, ProfitabilityReport.key(month), {}, fields);
  await transact([putNew(item, () => versionConflict('The report', 0))]);
  return fromItem<ProfitabilityReportView>(item);
}

interface Head {
  staffId: string;
  name: string;
  email: string;
  language: Language;
}

async function activeHeads(): Promise<Head[]> {
  return (await queryAll(Staff.withRole('head_of_accounts')))
    .filter((s) => s.active === true)
    .map((s) => ({
      staffId: s.staffId as string,
      name: s.name as string,
      email: s.email as string,
      language: (s.language as Language | undefined) ?? agencyLanguage,
    }));
}

async function emailHeads(report: ProfitabilityReportView, heads: Head[], at: Date) {
  const until = new Date(at.getTime() + 400 * 86_400_000).toISOString();
  for (const head of heads) {
    const w = profitabilityWords[head.language];
    const link = (name: string) => {
      const file = report.files[name] ?? report.files[`html-${agencyLanguage}`]!;
      return issueDocumentLink({
        clientId: 'agency',
        reader: { kind: 'headOfAccounts', staffId: head.staffId },
        document: { bucket: 'reports', ...file, ...fileOf(report.month, name) },
        purpose: 'profitability report',
        expiresAt: until,
      });
    };
    const [htmlUrl, csvUrl] = await Promise.all([link(`html-${head.language}`), link('csv')]);
    const { agencyName } = getMailConfig();
    const paragraphs = [w.ready(report.month), w.csv(csvUrl)];
    await sendEmail({
      to: head.email,
      subject: `[${agencyName}] ${w.subject(report.month)}`,
      text: [
        w.greeting(head.name),
        '',
        ...paragraphs.flatMap((p) => [p, '']),
        `${w.open}: ${htmlUrl}`,
        '',
        `— ${agencyName}, Account Desk`,
      ].join('\n'),
      html: `<!doctype html><html lang="${head.language}"><body style="font-family:sans-serif;max-width:720px"><p>${escapeHtml(w.greeting(head.name))}</p>${paragraphs
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join(
          '',
        )}<p><a href="${escapeHtml(htmlUrl)}">${escapeHtml(w.open)}</a></p><p style="color:#555">— ${escapeHtml(agencyName)}, Account Desk</p></body></html>`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The scheduled job
// ---------------------------------------------------------------------------------------------

/** The month before `date`'s (`yyyy-mm`). */
export const monthBefore = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

function firstWorkingDayOfMonth(date: string): string {
  for (let day = 1; day <= 31; day++) {
    const candidate = `${date.slice(0, 7)}-${String(day).padStart(2, '0')}`;
    if (isWorkingDay(candidate, defaultCalendar)) return candidate;
  }
  return `${date.slice(0, 7)}-01`;
}

/**
 * `profitability` (EventBridge Scheduler each working morning; `npm run job -- profitability`):
 * from the agency's first working day of a month, last month's report, once. Walks every client
 * (the clients index), a few at a time, each segment within its time; once the walk is done with
 * no failure, assembles the report and emails the heads. A run after the report exists costs one
 * GetItem.
 */
export async function profitabilityJob(at: Date, segment: JobSegment): Promise<SegmentOutcome> {
  const today = localDate(at, defaultCalendar.timeZone);
  if (today < firstWorkingDayOfMonth(today)) return { summary: { notYet: 1 }, failures: [] };
  const month = monthBefore(today);
  if (await getItem(ProfitabilityReport.key(month))) return { summary: { alreadyDone: 1 }, failures: [] };
  const walked = await walkClients(month, segment);
  if (walked.resumeAfter || walked.failures.length > 0) return walked;
  const heads = await activeHeads();
  const report = await writeReport(
    month,
    at,
    heads.map((h) => h.language),
    heads.map((h) => h.staffId),
  );
  await emailHeads(report, heads, at);
  return { summary: { ...walked.summary, generated: 1 }, failures: [] };
}

/** Every client's month, `clientsAtOnce` at a time, resuming after the last client done. */
async function walkClients(month: string, segment: JobSegment): Promise<SegmentOutcome> {
  const query = Client.all();
  const failures: string[] = [];
  let clients = 0;
  let nextToken = segment.resumeAfter;
  let lastDone: Item | undefined;
  do {
    const page = await queryPage(query, { limit: 100, nextToken });
    for (let i = 0; i < page.items.length; i += clientsAtOnce) {
      // Every segment does at least one batch; the next resumes right after the last client done.
      if (lastDone && segment.shouldStop()) {
        return { summary: { clients }, failures, resumeAfter: pageTokenAfter(lastDone, query) };
      }
      const batch = page.items.slice(i, i + clientsAtOnce);
      const outcomes = await Promise.allSettled(
        batch.map((c: Item) => profitOfClientMonth(c.clientId as string, c.name as string, month)),
      );
      outcomes.forEach((o, j) => {
        if (o.status === 'rejected') {
          failures.push(
            `client ${String(batch[j]!.clientId)}: ${o.reason instanceof Error ? o.reason.message : String(o.reason)}`,
          );
        } else clients++;
      });
      lastDone = batch[batch.length - 1];
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { summary: { clients }, failures };
}

// ---------------------------------------------------------------------------------------------
// On demand and the API's view
// ---------------------------------------------------------------------------------------------

/** Generates (or regenerates) a month's report now, in the caller's language; not emailed. */
export async function generateProfitabilityReport(actorId: string, month: string) {
  const { caller } = await loadCaller(actorId);
  authorize(caller, 'profit.report');
  const walked = await walkClients(month, { shouldStop: () => false });
  if (walked.failures.length > 0) throw new Error(`Profitability of ${month}: ${walked.failures.join('; ')}`);
  const language = caller.language ?? agencyLanguage;
  const existing = await getItem(ProfitabilityReport.key(month));
  const emailedTo = existing ? (existing.emailedTo as string[]) : [];
  await writeReport(month, new Date(), [language], emailedTo);
  return getProfitabilityReport(actorId, month);
}

export async function listProfitabilityReports(actorId: string) {
  const { caller } = await loadCaller(actorId);
  authorize(caller, 'profit.report');
  return (await queryAll(ProfitabilityReport.all()))
    .map((i) => fromItem<ProfitabilityReportView>(i))
    .sort((a, b) => b.month.localeCompare(a.month));
}

export async function getProfitabilityReport(actorId: string, month: string) {
  const { caller, items } = await loadCaller(actorId, [ProfitabilityReport.key(month)]);
  authorize(caller, 'profit.report');
  if (!items[0]) throw notFound('Profitability report');
  const report = fromItem<ProfitabilityReportView>(items[0]);
  const language = caller.language ?? agencyLanguage;
  const htmlName =
    [`html-${language}`, ...languages.map((l) => `html-${l}`)].find((name) => report.files[name]) ?? 'csv';
  const bucket = getReportsBucket();
  const [html, csv] = await Promise.all(
    [htmlName, 'csv'].map((name) =>
      documentDownload(bucket, report.files[name]!, 5 * 60, fileOf(month, name)),
    ),
  );
  return { ...report, downloads: { html: html!, csv: csv! } };
}
