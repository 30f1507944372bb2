import { escapeHtml } from '../platform/emails.js';
import { formatDay, formatMoment, formatMonth, type Language } from '../platform/i18n.js';
import { workReportWords } from './messages.js';
import { type Cell, type Section, sectionHtml, sectionsCsv } from './report-sections.js';
import type { WorkFigures } from './work-report-figures.js';

/**
 * The account manager's monthly work report as people read it, in the reader's language: one HTML
 * page that prints as it shows (the manager's summary and next month's plan in their own words,
 * then the month's figures), and a CSV of the same figures with the same headings, words and dates.
 */
const style = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}.none{color:#555}.text{white-space:pre-wrap}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

function sections(f: WorkFigures, language: Language): Section[] {
  const w = workReportWords[language];
  const c = w.columns;
  const s = w.sections;
  const day = (d: string) => formatDay(d, language);
  const word = (key: string) => w.words[key] ?? key;
  return [
    [
      s.jobsOpened,
      [c.client, c.job, c.title, c.on],
      f.jobsOpened.map((j) => [j.client, j.jobNumber, j.title, day(j.on)]),
    ],
    [
      s.jobsMoved,
      [c.client, c.job, c.title, c.from, c.to, c.on],
      f.jobsMoved.map((j) => [j.client, j.jobNumber, j.title, word(j.from), word(j.to), day(j.on)]),
    ],
    [
      s.jobsFinished,
      [c.client, c.job, c.title, c.on],
      f.jobsFinished.map((j) => [j.client, j.jobNumber, j.title, day(j.on)]),
    ],
    [
      s.signOffs,
      [c.client, c.job, c.what, c.who, c.decision, c.on],
      f.signOffs.map((a) => [a.client, a.jobNumber, a.what, a.who, word(a.decision), day(a.on)]),
    ],
    [
      s.contactReports,
      [c.client, c.subject, c.version, c.status, c.on],
      f.contactReports.map((r) => [r.client, r.subject, r.version, word(r.status), day(r.on)]),
    ],
    [
      s.waiting,
      [c.client, c.onClient, c.onAgency],
      [
        ...f.waiting.map((x): Cell[] => [x.client, x.onClient, x.onAgency]),
        ...(f.waiting.length > 0 ? [[w.total, f.waitingTotals.onClient, f.waitingTotals.onAgency]] : []),
      ],
    ],
    [
      s.nextMonthJobs,
      [c.client, c.job, c.title, c.due],
      f.nextMonthJobs.map((j) => [j.client, j.jobNumber, j.title, day(j.due)]),
    ],
    [
      s.nextMonthMilestones,
      [c.client, c.job, c.milestone, c.due],
      f.nextMonthMilestones.map((m) => [m.client, m.jobNumber, m.name, day(m.due)]),
    ],
  ];
}

export function renderWorkReportHtml(input: {
  language: Language;
  agencyName: string;
  managerName: string;
  month: string;
  clientNames: string[];
  asOf: string;
  timeZone: string;
  summary?: string;
  plan?: string;
  figures: WorkFigures;
}): string {
  const w = workReportWords[input.language];
  const title = w.title(input.managerName, formatMonth(input.month, input.language));
  const byline = w.byline(
    input.agencyName,
    input.clientNames.join(', '),
    formatMoment(input.asOf, input.timeZone, input.language),
  );
  const text = (heading: string, value?: string) =>
    `<h2>${escapeHtml(heading)}</h2>${value ? `<p class="text">${escapeHtml(value)}</p>` : `<p class="none">${escapeHtml(w.none)}</p>`}`;
  const body = sections(input.figures, input.language)
    .map((s) => sectionHtml(s, w.none))
    .join('\n');
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(byline)}</p>
${text(w.summary, input.summary)}
${text(w.plan, input.plan)}
${body}
</body></html>`;
}

/** The figures as a CSV in the reader's language: the page's sections, headings, words and dates. */
export function renderWorkReportCsv(figures: WorkFigures, language: Language): string {
  return sectionsCsv(sections(figures, language), 6, workReportWords[language].csvSection);
}
