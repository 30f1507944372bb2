import { Client, Contact } from '../accounts/entities.js';
import type { Client as ClientView, Contact as ContactView } from '../accounts/index.js';
import { authorize, loadActiveTeam } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig, getReportsBucket } from '../platform/config.js';
import {
  backoff,
  deleteWhen,
  fromItem,
  getItem,
  type Page,
  putIfVersion,
  putNew,
  putWhen,
  queryAll,
  queryPage,
  TransactionRaceError,
  transact,
  type WriteOp,
} from '../platform/db/table.js';
import { type DocumentReader, issueDocumentLink } from '../platform/document-links.js';
import { escapeHtml } from '../platform/emails.js';
import { ScheduledRun } from '../platform/entities.js';
import { AppError, notFound } from '../platform/errors.js';
import { agencyLanguage, formatDayRange, type Language } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { completeRun, type SegmentedJob, walkUnits } from '../platform/job-segments.js';
import { type LeaseRecord, readLease, releaseLease, takeLease } from '../platform/lease.js';
import { sendEmail } from '../platform/mailer.js';
import { emailWords } from '../platform/messages.js';
import { formatMoney, money } from '../platform/money.js';
import { type RateLimit, takeRateLimit } from '../platform/rate-limit.js';
import { newRecord, patched } from '../platform/records.js';
import {
  type DocumentDownload,
  documentDownload,
  presignDownload,
  putDocument,
} from '../platform/storage.js';
import { recordReportGenerated } from '../platform/telemetry.js';
import { campaignItem, openCampaign } from './campaigns.js';
import { completedImportIds, deliveryRowPages } from './discrepancies.js';
import {
  Booking as BookingEntity,
  CampaignReport as CampaignReportEntity,
  Discrepancy as DiscrepancyEntity,
  MediaCampaign,
  MediaPlan,
  MediaPlanVersion,
} from './entities.js';
import { reportEmailWords } from './messages.js';
import {
  buildPostCampaignReport,
  type PostCampaignAnalysis,
  type ReportContext,
  renderPostCampaignReport,
} from './post-campaign-document.js';
import type { CampaignReport, CampaignReportWithLinks, ReportTrigger } from './report-schemas.js';
import type { Booking, Campaign, Discrepancy, Plan, PlanVersion } from './schemas.js';

/**
 * Post-campaign analyses (issue 4 §4). `generateReport` streams a campaign's monitoring rows
 * through the generator (`shared/media/post-campaign-document.ts`), stores the HTML and CSV in the
 * reports bucket, records a CampaignReport with an audit event in one transaction and — for the
 * final report — sets the campaign's `lastReportAt`, which drops it from the due index.
 * `runDuePostCampaignReports` is the daily job; `regenerateReport` and `listReports` serve the API.
 */

/** The scheduled job's name (ScheduledRun markers, the scheduler's registry). */
export const postCampaignReportsJob = 'post-campaign-reports';

/** Also email the client's media approvers (contacts approving `media`) with scheduled reports. */
const reportToClientApprovers = process.env.POST_CAMPAIGN_REPORT_TO_CLIENT_APPROVERS === 'true';

/**
 * Email links go through `GET /documents/{token}`, which checks the reader on each click and
 * presigns then: they work for two years (the reader check, not the expiry, is what guards them).
 * Links in API answers are presigned on the spot and last an hour.
 */
const emailLinkDays = 730;
const listLinkSeconds = 60 * 60;

/** The report's files: the agency's copy as `{reportId}.html`, another language's as `{reportId}.es.html`. */
const reportObjectKey = (
  clientId: string,
  campaignId: string,
  reportId: string,
  ext: 'html' | 'csv',
  language: Language = agencyLanguage,
) =>
  `clients/${clientId}/media/${campaignId}/reports/${reportId}${language === agencyLanguage ? '' : `.${language}`}.${ext}`;

const contentTypes = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/** One copy of a report stored: its HTML and CSV under the report's keys for that language. */
async function storeCopy(
  clientId: string,
  campaignId: string,
  reportId: string,
  language: Language,
  files: { html: string; csv: string },
) {
  const bucket = getReportsBucket();
  const [html, csv] = await Promise.all(
    (['html', 'csv'] as const).map((ext) =>
      putDocument(
        bucket,
        reportObjectKey(clientId, campaignId, reportId, ext, language),
        files[ext],
        contentTypes[ext],
      ),
    ),
  );
  return { html: html!, csv: csv! };
}

type ReportCopy = Pick<CampaignReport, 'html' | 'csv' | 'summary'>;

/**
 * The copy of a report for a reader of `language`: the agency's copy for the agency's language,
 * for a language it has no copy in (a reader added since), and for reports made before copies.
 */
function reportCopyIn(report: CampaignReport, language: Language | undefined): ReportCopy {
  const copies: Partial<Record<Language, ReportCopy>> | undefined = report.translations;
  const copy = language && language !== agencyLanguage ? copies?.[language] : undefined;
  return copy ?? report;
}

/**
 * The master plan version a report compares with: the one the client confirmed last (a newer
 * version un-sets the plan's `confirmedVersion`, but the confirmed one keeps its status), else the
 * latest. One query reads the plan with its versions.
 */
async function masterPlanOf(clientId: string, campaignId: string): Promise<ReportContext['plan']> {
  const plans = (await queryAll(MediaPlan.ofCampaign(campaignId))).map((i) => fromItem<Plan>(i));
  const plan = plans.find((p) => p.kind === 'master_plan');
  if (!plan) return undefined;
  const versions = (await queryAll(MediaPlan.withVersions(clientId, plan.planId)))
    .filter((i) => i.itemType === MediaPlanVersion.type)
    .map((i) => fromItem<PlanVersion>(i))
    .sort((a, b) => b.number - a.number);
  const version = versions.find((v) => v.status === 'confirmed') ?? versions[0];
  if (!version) return undefined;
  return { planId: plan.planId, title: plan.title, version, confirmed: version.status === 'confirmed' };
}

async function reportContext(
  campaign: Campaign,
  reportId: string,
  generatedAt: string,
): Promise<ReportContext> {
  const { clientId, campaignId } = campaign;
  const [clientItem, plan, bookings, discrepancies] = await Promise.all([
    getItem(Client.key(clientId)),
    masterPlanOf(clientId, campaignId),
    queryAll(BookingEntity.ofCampaign(clientId, campaignId)),
    queryAll(DiscrepancyEntity.ofCampaign(clientId, campaignId)),
  ]);
  return {
    reportId,
    generatedAt,
    agencyName: getMailConfig().agencyName,
    clientName: clientItem ? fromItem<ClientView>(clientItem).name : clientId,
    campaign,
    plan,
    bookings: bookings.map((i) => fromItem<Booking>(i)),
    discrepancies: discrepancies.map((i) => fromItem<Discrepancy>(i)),
  };
}

export interface GenerateOptions {
  trigger: ReportTrigger;
  /** The staff member who asked (on demand); scheduled reports are the scheduler's. */
  actorId?: string;
  /** The run's "now" (a scheduled run's due time): decides whether the report is final. Default: now. */
  now?: Date;
  /**
   * Whether a final report settles the campaign (sets `lastReportAt`) in its own transaction.
   * Default true; the scheduled run settles it only once its emails are out.
   */
  settle?: boolean;
  /** Email the account team (and the client's media approvers, if asked) once stored. Default: false. */
  notify?: boolean;
  includeClientApprovers?: boolean;
  /**
   * Who will read it by email (a scheduled run emails after generating): a copy is made in each
   * language they read. Default: those `notify` emails; none (the agency's copy only) when not emailed.
   */
  readers?: { includeClientApprovers: boolean };
  /** The language of the staff member who asked (on demand): a copy is made in it too, for them to read. */
  askedIn?: Language;
  /** Further writes of the report's own transaction (a scheduled run's marker, an idempotency record). */
  alsoWrite?: (report: CampaignReport) => WriteOp[];
}

/** The campaign changed between the read and the transaction: re-read and retry. */
class CampaignMoved extends Error {}

/**
 * Runs `build(campaign)` as one transaction, re-reading the campaign and retrying when it moved
 * (a brief revised, a stage advanced) or another transaction raced it.
 */
async function withCurrentCampaign(
  campaign: Campaign,
  build: (current: Campaign) => WriteOp[],
): Promise<Campaign> {
  let current = campaign;
  for (let attempt = 0; ; attempt++) {
    try {
      await transact(build(current));
      return current;
    } catch (error) {
      const retry = error instanceof CampaignMoved || error instanceof TransactionRaceError;
      if (!retry || attempt >= 4) throw error;
      await backoff(attempt + 1);
      const fresh = await getItem(MediaCampaign.key(campaign.clientId, campaign.campaignId));
      if (!fresh) throw error;
      current = fromItem<Campaign>(fresh);
    }
  }
}

/** The campaign with its final report recorded: `lastReportAt` set, so it leaves the due index. */
function settledCampaign(current: Campaign, generatedAt: string): { next: Campaign; op: WriteOp } {
  const next = patched(current, { lastReportAt: generatedAt });
  return { next, op: putIfVersion(campaignItem(next), current.version, () => new CampaignMoved()) };
}

/**
 * Generates one post-campaign analysis of `campaign` now: the rows streamed page by page, HTML
 * and CSV stored in the reports bucket under the report's own keys, the report recorded with its
 * audit event. A report generated on or after the day it is due is final: it settles the campaign
 * (`lastReportAt`; it leaves the due index); an earlier one is interim and the scheduled analysis
 * still runs.
 */
export async function generateReport(campaign: Campaign, options: GenerateOptions): Promise<CampaignReport> {
  const reportId = newId();
  // One generation per campaign at a time: the others are told which one runs.
  const lease = await takeLease(generationWork, campaign.campaignId, reportId, generationLeaseMs);
  if (!lease.taken) throw new GenerationRunning(lease.current);
  let report: CampaignReport | undefined;
  try {
    report = await generateUnderLease(campaign, reportId, options);
    return report;
  } finally {
    await releaseLease(generationWork, campaign.campaignId, reportId, report?.reportId);
  }
}

/** The work name of the generation lease (one per campaign). */
const generationWork = 'post-campaign-report';
/**
 * How long a generation may hold its campaign: longer than any function that generates runs
 * (the API's 10 s, the scheduled job's 30 s), so only a holder that died lets it lapse.
 */
const generationLeaseMs = 60_000;

/** Another generation of the same campaign holds the lease. */
export class GenerationRunning extends Error {
  constructor(readonly lease: LeaseRecord | undefined) {
    super('A post-campaign report of this campaign is being generated');
    this.name = 'GenerationRunning';
  }
}

async function generateUnderLease(
  campaign: Campaign,
  reportId: string,
  options: GenerateOptions,
): Promise<CampaignReport> {
  const { clientId, campaignId } = campaign;
  const generatedAt = new Date().toISOString();
  const readersOf =
    options.readers ??
    (options.notify ? { includeClientApprovers: options.includeClientApprovers ?? false } : undefined);
  const [context, counted, readers] = await Promise.all([
    reportContext(campaign, reportId, generatedAt),
    completedImportIds(clientId, campaignId),
    readersOf ? recipientsOf(clientId, readersOf.includeClientApprovers) : [],
  ]);
  const started = performance.now();
  const { analysis, html, csv } = await buildPostCampaignReport(
    context,
    deliveryRowPages(campaignId, counted),
  );
  recordReportGenerated(performance.now() - started, analysis.rows);
  // One copy per language its email's readers read (the team's, the client's media approvers'):
  // the analysis is streamed once, only its rendering is repeated.
  const otherLanguages = [
    ...new Set([...readers.map((r) => r.language), ...(options.askedIn ? [options.askedIn] : [])]),
  ].filter((l) => l !== agencyLanguage);
  const [{ html: htmlDoc, csv: csvDoc }, translations] = await Promise.all([
    storeCopy(clientId, campaignId, reportId, agencyLanguage, { html, csv }),
    Promise.all(
      otherLanguages.map(async (language) => {
        const copy = renderPostCampaignReport(analysis, language);
        const files = await storeCopy(clientId, campaignId, reportId, language, copy);
        return [language, { ...files, summary: copy.summary }] as const;
      }),
    ),
  ]);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  let report: CampaignReport | undefined;
  const settled = await withCurrentCampaign(campaign, (current) => {
    const final = today >= current.reportDueOn;
    const item = newRecord(
      CampaignReportEntity.type,
      CampaignReportEntity.key(clientId, campaignId, reportId),
      {},
      reportFields(analysis, {
        reportId,
        trigger: options.trigger,
        final,
        generatedBy: options.actorId ?? 'scheduler',
        generatedAt,
        html: htmlDoc,
        csv: csvDoc,
        translations: translations.length > 0 ? Object.fromEntries(translations) : undefined,
      }),
    );
    report = fromItem<CampaignReport>(item);
    return [
      putNew(item),
      ...(final && options.settle !== false ? [settledCampaign(current, generatedAt).op] : []),
      clientAuditEvent(clientId, {
        // Scheduled reports are recorded under the campaign's creator (as workflow steps are under the review's starter).
        actorId: options.actorId ?? current.createdBy,
        action: final ? 'media_campaign.report_generated' : 'media_campaign.interim_report_generated',
        entityType: 'campaignReport',
        entityId: reportId,
        after: item,
      }),
      ...(options.alsoWrite?.(report) ?? []),
    ];
  });
  if (options.notify) {
    await emailReport(report!, settled, analysis, {
      includeClientApprovers: options.includeClientApprovers ?? false,
    });
  }
  return report!;
}

function reportFields(
  a: PostCampaignAnalysis,
  fields: Pick<
    CampaignReport,
    'reportId' | 'trigger' | 'final' | 'generatedBy' | 'generatedAt' | 'html' | 'csv' | 'translations'
  >,
) {
  const { campaign, plan } = a.context;
  return {
    reportId: fields.reportId,
    campaignId: campaign.campaignId,
    clientId: campaign.clientId,
    trigger: fields.trigger,
    final: fields.final,
    generatedBy: fields.generatedBy,
    generatedAt: fields.generatedAt,
    plan: plan ? { planId: plan.planId, version: plan.version.number, confirmed: plan.confirmed } : undefined,
    deliveryRows: a.rows,
    totals: {
      budget: campaign.budget,
      planned: money(a.totals.plannedCost, a.currency),
      booked: money(a.totals.bookedCost, a.currency),
      delivered: money(a.totals.deliveredValue, a.currency),
      billed: money(a.totals.billed, a.currency),
      deliveredImpressions: a.totals.deliveredImpressions,
      deliveredClicks: a.totals.deliveredClicks,
    },
    kpis: a.kpis,
    summary: a.summary,
    html: fields.html,
    csv: fields.csv,
    translations: fields.translations,
  };
}

// Emails.

interface Recipient {
  name: string;
  email: string;
  /** The language they read (a contact's or a staff member's own), else the agency's. */
  language: Language;
  /** Who the email's links are for: checked again on each click. */
  reader: DocumentReader;
}

/** Active account-team members, and the client's active media approvers if asked. */
async function recipientsOf(clientId: string, includeClientApprovers: boolean): Promise<Recipient[]> {
  const [team, contacts] = await Promise.all([
    loadActiveTeam(clientId),
    includeClientApprovers ? queryAll(Contact.ofClient(clientId)) : Promise.resolve([]),
  ]);
  const people: Recipient[] = [
    ...team.map((m) => ({
      name: m.name,
      email: m.email,
      language: m.language ?? agencyLanguage,
      reader: { kind: 'staff' as const, staffId: m.staffId },
    })),
    ...contacts
      .map((c) => fromItem<ContactView>(c))
      .filter((c) => c.active && c.approves.includes('media'))
      .map((c) => ({
        name: c.name,
        email: c.email,
        language: c.language ?? agencyLanguage,
        reader: { kind: 'contact' as const, contactId: c.contactId },
      })),
  ];
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * How a report's files are handed out: named after the campaign and the report (and the
 * language, for a copy in another one), always downloaded.
 */
function reportFileAs(
  report: CampaignReport,
  format: 'html' | 'csv',
  campaignName?: string,
  language: Language = agencyLanguage,
) {
  const stem = `post-campaign-analysis-${(campaignName ?? report.campaignId)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)}-${report.reportId}`;
  const copy = reportCopyIn(report, language) === report ? '' : `-${language}`;
  return { fileName: `${stem}${copy}.${format}`, contentType: contentTypes[format] };
}

/** Presigned links to a report's HTML and CSV: the copy in the reader's language (the agency's where there is none). */
async function reportLinks(report: CampaignReport, expiresSeconds: number, language: Language) {
  const bucket = getReportsBucket();
  const copy = reportCopyIn(report, language);
  const [html, csv] = await Promise.all(
    (['html', 'csv'] as const).map((format) =>
      presignDownload(
        bucket,
        copy[format].objectKey,
        copy[format].objectVersionId,
        expiresSeconds,
        reportFileAs(report, format, undefined, language),
      ),
    ),
  );
  return { html: html!, csv: csv!, expiresAt: new Date(Date.now() + expiresSeconds * 1000).toISOString() };
}

/**
 * Links for one recipient's email, to the copy in their language: through `GET /documents/{token}`,
 * checked and presigned on each click.
 */
async function emailLinks(report: CampaignReport, campaign: Campaign, to: Recipient) {
  const expiresAt = new Date(Date.now() + emailLinkDays * 86_400_000).toISOString();
  const copy = reportCopyIn(report, to.language);
  const [html, csv] = await Promise.all(
    (['html', 'csv'] as const).map((format) =>
      issueDocumentLink({
        clientId: campaign.clientId,
        reader: to.reader,
        document: {
          bucket: 'reports',
          ...copy[format],
          ...reportFileAs(report, format, campaign.name, to.language),
        },
        purpose: `post-campaign analysis (${format.toUpperCase()})`,
        expiresAt,
      }),
    ),
  );
  return { html: html!, csv: csv! };
}

/**
 * One file of a report, presigned now (5 minutes) for a staff member who sees the campaign: the
 * copy in their language (the agency's where there is none).
 */
export async function downloadReportFile(
  actorId: string,
  campaignId: string,
  reportId: string,
  format: 'html' | 'csv',
): Promise<DocumentDownload> {
  const {
    caller,
    campaign,
    items: [item],
  } = await openCampaign(actorId, campaignId, (c) => [CampaignReportEntity.key(c, campaignId, reportId)]);
  if (!item) throw notFound('Report');
  const report = fromItem<CampaignReport>(item);
  const language = caller.language ?? agencyLanguage;
  const { size: _size, ...file } = reportCopyIn(report, language)[format];
  return documentDownload(
    getReportsBucket(),
    file,
    5 * 60,
    reportFileAs(report, format, campaign.name, language),
  );
}

function renderReportEmail(
  to: Recipient,
  input: {
    agencyName: string;
    clientName: string;
    campaign: Campaign;
    report: CampaignReport;
    links: { html: string; csv: string };
    listUrl: string;
  },
) {
  const { campaign, report } = input;
  const t = report.totals;
  const words = reportEmailWords[to.language];
  const locale = to.language;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const facts: [string, string][] = [
    [words.client, input.clientName],
    [words.campaign, campaign.name],
    [words.flight, formatDayRange(campaign.flightStart, campaign.flightEnd, to.language)],
    [words.billed, words.billedOf(formatMoney(t.billed, locale), formatMoney(t.budget, locale))],
    [words.delivered, formatMoney(t.delivered, locale)],
    ...report.kpis
      .filter((k) => k.percentOfTarget !== undefined)
      .map((k): [string, string] => [
        words.kpi(k.metric),
        words.ofTarget(percent.format(k.percentOfTarget! / 100), words.kpiStatus[k.status]),
      ]),
  ];
  const intro = words.intro(campaign.name);
  // The analysis's own findings, as its copy in the reader's language words them.
  const { summary } = reportCopyIn(report, to.language);
  const sections: [string, string[]][] = [
    [words.worked, summary.worked],
    [words.didNotWork, summary.didNotWork],
  ];
  const signature = emailWords[to.language].signature(input.agencyName);
  const text = [
    words.greeting(to.name),
    '',
    intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    ...sections.flatMap(([title, items]) =>
      items.length > 0 ? [`${title}:`, ...items.map((i) => `- ${i}`), ''] : [],
    ),
    `${words.report}: ${input.links.html}`,
    `${words.data}: ${input.links.csv}`,
    words.allReports(input.listUrl),
    '',
    signature,
  ].join('\n');
  const html = `<!doctype html><html lang="${to.language}"><body style="font-family:sans-serif;max-width:640px">
<p>${escapeHtml(words.greeting(to.name))}</p>
<p>${escapeHtml(intro)}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${sections
  .filter(([, items]) => items.length > 0)
  .map(
    ([title, items]) =>
      `<h3>${escapeHtml(title)}</h3><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
  )
  .join('\n')}
<p><a href="${escapeHtml(input.links.html)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(words.openReport)}</a>
&nbsp;<a href="${escapeHtml(input.links.csv)}">${escapeHtml(words.downloadData)}</a></p>
<p style="color:#555">${escapeHtml(words.allReports(input.listUrl))}</p>
<p style="color:#555">${escapeHtml(signature)}</p>
</body></html>`;
  return {
    to: to.email,
    subject: `[${input.agencyName}] ${words.subject(campaign.name, input.clientName)}`,
    html,
    text,
  };
}

/**
 * Emails the report's links to the account team (and the client's media approvers if asked),
 * one email each. `skip` names addresses already sent to (a resumed run); `sent` is told of each.
 */
async function emailReport(
  report: CampaignReport,
  campaign: Campaign,
  analysis: Pick<PostCampaignAnalysis, 'context'> | undefined,
  options: {
    includeClientApprovers: boolean;
    skip?: ReadonlySet<string>;
    sent?: (email: string) => Promise<void>;
  },
): Promise<number> {
  const { agencyName, publicBaseUrl } = getMailConfig();
  const [recipients, clientName] = await Promise.all([
    recipientsOf(campaign.clientId, options.includeClientApprovers),
    analysis
      ? Promise.resolve(analysis.context.clientName)
      : getItem(Client.key(campaign.clientId)).then((c) => (c ? String(c.name) : campaign.clientId)),
  ]);
  let count = 0;
  for (const to of recipients) {
    if (options.skip?.has(to.email.toLowerCase())) continue;
    await sendEmail(
      renderReportEmail(to, {
        agencyName,
        clientName,
        campaign,
        report,
        links: await emailLinks(report, campaign, to),
        listUrl: `${publicBaseUrl}/media-campaigns/${campaign.campaignId}/reports`,
      }),
    );
    count++;
    await options.sent?.(to.email.toLowerCase());
  }
  return count;
}

// The API.

/** A report with links to its files, in the caller's language's copy (all copies are listed in `translations`). */
const withLinks = async (report: CampaignReport, language: Language): Promise<CampaignReportWithLinks> => ({
  ...report,
  links: await reportLinks(report, listLinkSeconds, language),
});

/** The campaign's reports, newest first, each with short-lived download links. */
export async function listReports(
  actorId: string,
  campaignId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<CampaignReportWithLinks>> {
  const { caller, clientId } = await openCampaign(actorId, campaignId);
  const language = caller.language ?? agencyLanguage;
  const result = await queryPage(CampaignReportEntity.ofCampaign(clientId, campaignId), {
    ...page,
    newestFirst: true,
  });
  return {
    items: await Promise.all(result.items.map((i) => withLinks(fromItem<CampaignReport>(i), language))),
    nextToken: result.nextToken,
  };
}

/**
 * A new analysis of the campaign now (on demand). It is not emailed: the caller gets the links.
 * Final when asked for on or after the due day (the scheduled one then has nothing left to do).
 */
export async function regenerateReport(
  actorId: string,
  campaignId: string,
  idempotency?: IdempotencyRequest,
) {
  let language: Language = agencyLanguage;
  const outcome = await createOnce<CampaignReport>(actorId, idempotency, async (remember) => {
    const { caller, campaign } = await openCampaign(actorId, campaignId);
    language = caller.language ?? agencyLanguage;
    authorize(caller, 'media.plan');
    await takeRateLimit(
      reportGenerationLimit,
      caller.staffId,
      `You asked for ${reportGenerationLimit.limit} post-campaign analyses in the last quarter of an hour, the most one person may; the latest ones are in the campaign's list of reports.`,
    );
    try {
      return await generateReport(campaign, {
        trigger: 'on_demand',
        actorId: caller.staffId,
        askedIn: language,
        alsoWrite: remember,
      });
    } catch (error) {
      if (!(error instanceof GenerationRunning)) throw error;
      return joinRunning(campaign);
    }
  });
  // Links are minted per answer: a replay gets fresh ones.
  return { result: await withLinks(outcome.result, language), replayed: outcome.replayed };
}

/** Analyses one person may ask for per 15 minutes (each streams the campaign's every monitoring row). */
export const reportGenerationLimit: RateLimit = {
  scope: 'report-generation',
  limit: 20,
  windowSeconds: 15 * 60,
};

/** How long a request waits for a running generation of the same campaign (the API's functions stop at 10 s). */
const joinWaitMs = 6_000;

/**
 * Another generation of the campaign is running: wait for it and answer its report; if it has
 * not finished within the wait (or failed), 409 with when to try again.
 */
async function joinRunning(campaign: Campaign): Promise<CampaignReport> {
  const until = Date.now() + joinWaitMs;
  let lease = await readLease(generationWork, campaign.campaignId);
  while (Date.now() < until && lease && lease.leaseUntil > Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    lease = await readLease(generationWork, campaign.campaignId);
  }
  if (lease?.outcome && lease.leaseUntil <= Date.now()) {
    const item = await getItem(
      CampaignReportEntity.key(campaign.clientId, campaign.campaignId, lease.outcome),
    );
    if (item) return fromItem<CampaignReport>(item);
  }
  const seconds = lease && lease.leaseUntil > Date.now() ? (lease.leaseUntil - Date.now()) / 1000 : 5;
  throw new AppError(
    409,
    'report_in_progress',
    'Conflict',
    'The post-campaign analysis of this campaign is being generated right now; it will be in the list of reports shortly. Ask again in a moment if you need a newer one.',
    undefined,
    seconds,
  );
}

// The daily job.

/** A scheduled run's hold on one campaign: `running` (generating), `generated` (emailing), `done`. */
interface RunMarker {
  job: string;
  campaignId: string;
  clientId: string;
  status: 'running' | 'generated' | 'done';
  runId: string;
  /**
   * Epoch ms until which the run owns the campaign; a crashed run's hold lapses then. Longer
   * than the scheduled-jobs function's timeout (30 s), which bounds a holder's life in AWS.
   */
  leaseUntil: number;
  reportId?: string;
  /** Addresses emailed so far (lower case): a resumed run emails only the others. */
  notified: string[];
  outcome?: 'generated' | 'already_reported' | 'gone';
  updatedAt: string;
}

const leaseMs = 2 * 60 * 1000;

const markerKey = (campaignId: string) => ScheduledRun.key(postCampaignReportsJob, campaignId, 'scheduled');

const markerItem = (m: RunMarker) => ({ ...markerKey(m.campaignId), itemType: ScheduledRun.type, ...m });

/** Another run holds the campaign (or finished it). */
class Held extends Error {}

const ifOurs = { expression: '#runId = :runId', names: { '#runId': 'runId' } };

/** The marker rewritten, only while this run still holds it. */
const ours = (m: RunMarker) =>
  putWhen(
    markerItem({ ...m, updatedAt: new Date().toISOString() }),
    { ...ifOurs, values: { ':runId': m.runId } },
    () => new Held(),
  );

/**
 * Takes the campaign for this run: when no run ever did, or the run that did lapsed (its lease
 * ran out before it finished). Conditional on the marker being exactly as read, so of two runs
 * at once only one gets it. Undefined: another run has it or finished it.
 */
async function claim(campaign: Campaign): Promise<RunMarker | undefined> {
  const stored = await getItem(markerKey(campaign.campaignId));
  const previous = stored ? fromItem<RunMarker>(stored) : undefined;
  if (previous && (previous.status === 'done' || previous.leaseUntil > Date.now())) return undefined;
  const resumes = previous?.status === 'generated';
  const marker: RunMarker = {
    job: postCampaignReportsJob,
    campaignId: campaign.campaignId,
    clientId: campaign.clientId,
    status: resumes ? 'generated' : 'running',
    runId: newId(),
    leaseUntil: Date.now() + leaseMs,
    reportId: resumes ? previous.reportId : undefined,
    notified: resumes ? (previous.notified ?? []) : [],
    updatedAt: new Date().toISOString(),
  };
  const op = previous
    ? putWhen(
        markerItem(marker),
        {
          expression: '#runId = :runId AND #leaseUntil = :leaseUntil',
          names: { '#runId': 'runId', '#leaseUntil': 'leaseUntil' },
          values: { ':runId': previous.runId, ':leaseUntil': previous.leaseUntil },
        },
        () => new Held(),
      )
    : putNew(markerItem(marker), () => new Held());
  try {
    await transact([op]);
  } catch (error) {
    if (error instanceof Held || error instanceof TransactionRaceError) return undefined;
    throw error;
  }
  return marker;
}

/** Ends this run's hold on the campaign (its lease), whatever state the marker is in. */
async function release(campaignId: string, runId: string): Promise<void> {
  const stored = await getItem(markerKey(campaignId));
  const current = stored ? fromItem<RunMarker>(stored) : undefined;
  if (current?.runId === runId) await transact([ours({ ...current, leaseUntil: 0 })]);
}

type Outcome = 'generated' | 'skipped';

/**
 * One due campaign: claim it; generate its report (the marker moves to `generated` in the
 * report's transaction); email each recipient, recording each address on the marker; then settle
 * the campaign (`lastReportAt`) and mark the run done in one transaction. Until then the campaign
 * stays in the due index, so a run that died emailing is finished by the next one, which emails
 * only the addresses not yet recorded.
 */
async function runFor(dueCampaign: Campaign, now: Date): Promise<Outcome> {
  let marker = await claim(dueCampaign);
  if (!marker) return 'skipped';
  const today = now.toISOString().slice(0, 10);
  try {
    // The index is eventually consistent: the campaign as it is now decides.
    const fresh = await getItem(MediaCampaign.key(dueCampaign.clientId, dueCampaign.campaignId));
    const campaign = fresh ? fromItem<Campaign>(fresh) : undefined;
    let report: CampaignReport | undefined;
    if (marker.status === 'generated') {
      const item = await getItem(
        CampaignReportEntity.key(marker.clientId, marker.campaignId, marker.reportId ?? '-'),
      );
      report = item ? fromItem<CampaignReport>(item) : undefined;
    }
    if (!campaign || campaign.lastReportAt || (marker.status === 'generated' && !report)) {
      // Reported meanwhile (a final report on demand), or gone.
      await transact([ours({ ...marker, status: 'done', outcome: campaign ? 'already_reported' : 'gone' })]);
      return 'skipped';
    }
    if (campaign.reportDueOn > today) {
      // Its flight was extended: not due after all. Let go; the run of its new due day takes it.
      await transact([
        deleteWhen(
          markerKey(campaign.campaignId),
          { ...ifOurs, values: { ':runId': marker.runId } },
          () => new Held(),
        ),
      ]);
      return 'skipped';
    }
    if (!report) {
      const generated: RunMarker = { ...marker, status: 'generated', outcome: 'generated' };
      report = await generateReport(campaign, {
        trigger: 'scheduled',
        now,
        settle: false,
        readers: { includeClientApprovers: reportToClientApprovers },
        alsoWrite: (r) => [ours({ ...generated, reportId: r.reportId })],
      });
      marker = { ...generated, reportId: report.reportId };
    }
    const notified = new Set(marker.notified);
    await emailReport(report, campaign, undefined, {
      includeClientApprovers: reportToClientApprovers,
      skip: notified,
      sent: async (email) => {
        notified.add(email);
        marker = { ...marker!, notified: [...notified] };
        await transact([ours(marker)]);
      },
    });
    const done: RunMarker = { ...marker, status: 'done' };
    await withCurrentCampaign(campaign, (current) => {
      if (current.lastReportAt) return [ours(done)];
      const { next, op } = settledCampaign(current, report!.generatedAt);
      return [
        op,
        clientAuditEvent(current.clientId, {
          actorId: current.createdBy,
          action: 'media_campaign.report_sent',
          entityType: 'mediaCampaign',
          entityId: current.campaignId,
          before: current,
          after: next,
        }),
        ours(done),
      ];
    });
    return 'generated';
  } catch (error) {
    if (error instanceof Held) return 'skipped';
    // Let the next run take over at once: it generates anew (nothing was stored) or finishes the
    // emails. The marker is re-read, so an outcome this run did not see (a commit whose answer was
    // lost) is kept, only the lease is let go.
    await release(marker.campaignId, marker.runId).catch(() => undefined);
    throw error;
  }
}

/**
 * The daily job: the post-campaign analysis of every campaign due on or before `now`'s day (UTC)
 * that has none yet, emailed to the account team (and the client's media approvers when
 * POST_CAMPAIGN_REPORT_TO_CLIENT_APPROVERS=true). Each campaign is held by a ScheduledRun marker,
 * so a retried or doubled run generates one report and sends one email per recipient.
 * `generated`: campaigns whose analysis this run completed (stored, emailed, settled — including
 * one whose emails a crashed run had left unfinished); `skipped`: due campaigns another run held,
 * or that turned out reported already or not due.
 * A campaign that fails does not stop the others. The job runs in segments (`JobSegment`): the
 * campaigns are walked in due order on the sparse due index (never a Scan), and a segment whose
 * time is up answers where the next one resumes.
 */
export const duePostCampaignReports: SegmentedJob = (now, segment) => {
  const today = now.toISOString().slice(0, 10);
  return walkUnits({
    query: MediaCampaign.reportsDue(),
    segment,
    outcomes: ['generated', 'skipped'],
    pastEnd: (item) => String(item.GSI2SK).slice(0, 10) > today,
    unit: (item) => runFor(fromItem<Campaign>(item), now),
    name: (item) => String(item.campaignId),
  });
};

/** The whole daily run at once (`npm run job`, tests); throws when any campaign failed. */
export async function runDuePostCampaignReports(now: Date): Promise<{ generated: number; skipped: number }> {
  const summary = await completeRun(duePostCampaignReports, now, 'Post-campaign reports');
  return { generated: summary.generated ?? 0, skipped: summary.skipped ?? 0 };
}
