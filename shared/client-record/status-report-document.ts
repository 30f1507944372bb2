import { escapeHtml } from '../platform/emails.js';
import { formatDay, formatDayRange, formatMoment, type Language } from '../platform/i18n.js';
import { formatMoney } from '../platform/money.js';
import { reviewTitle } from '../signoff/index.js';
import { statusReportWords } from './messages.js';
import { type Cell, type Section, sectionHtml, sectionsCsv } from './report-sections.js';
import type { ReportedFrequency } from './status-report-cadence.js';
import type { StatusFigures } from './status-report-figures.js';

/**
 * The client's status report as people read it, in the reader's language: one HTML page that prints
 * as it shows (print CSS, no script), and a CSV of the same figures (one row per line, with its
 * section) with the page's headings, words, dates and amounts.
 */
const style = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}.none{color:#555}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

/** Every section as title, header and rows in a language. */
function sections(f: StatusFigures, language: Language): Section[] {
  const w = statusReportWords[language];
  const c = w.columns;
  const s = w.sections;
  const day = (d: string) => formatDay(d, language);
  const money = (m: StatusFigures['spend'][number]['signed']) => formatMoney(m, language);
  const word = (words: Record<string, string>, key: string) => words[key] ?? key;
  const waiting = (list: StatusFigures['waitingOnClient']): Cell[][] =>
    list.map((a) => [
      a.jobNumber,
      reviewTitle({ title: a.what, titleParts: a.whatParts }, language),
      a.who,
      day(a.since),
      a.workingDays,
    ]);
  const milestones = (list: StatusFigures['milestonesDueNext']): Cell[][] =>
    list.map((m) => [m.jobNumber, m.name, day(m.due), word(w.owners, m.owner)]);
  return [
    [
      s.jobs,
      [c.job, c.title, c.phase, c.openMilestones],
      f.jobs.map((j) => [j.jobNumber, j.title, word(w.phases, j.phase), j.openMilestones]),
    ],
    [
      s.milestonesDone,
      [c.job, c.milestone, c.due],
      f.milestonesDone.map((m) => [m.jobNumber, m.name, day(m.due)]),
    ],
    [s.milestonesDueNext, [c.job, c.milestone, c.due, c.with], milestones(f.milestonesDueNext)],
    [s.overdueMilestones, [c.job, c.milestone, c.due, c.with], milestones(f.overdueMilestones)],
    [s.waitingOnClient, [c.job, c.what, c.approver, c.since, c.workingDays], waiting(f.waitingOnClient)],
    [s.waitingOnAgency, [c.job, c.what, c.approver, c.since, c.workingDays], waiting(f.waitingOnAgency)],
    [
      s.contactReports,
      [c.meeting, c.subject, c.status],
      f.contactReports.map((r) => [day(r.meetingAt), r.subject, word(w.reportStatuses, r.status)]),
    ],
    [
      s.clientNextSteps,
      [c.action, c.who, c.due, c.overdue],
      f.clientNextSteps.map((n) => [n.action, n.owner, day(n.due), n.overdue ? w.overdueMark : '']),
    ],
    [
      s.spend,
      [c.job, c.title, c.signed, c.committed, c.remaining],
      f.spend.map((x) => [x.jobNumber, x.title, money(x.signed), money(x.committed), money(x.remaining)]),
    ],
  ];
}

/** The period a report covers in a reader's words: "week of Mon, 16 Nov 2026", "month 1–30 Nov 2026". */
export function periodWords(
  language: Language,
  frequency: ReportedFrequency,
  start: string,
  end: string,
): string {
  const periods = statusReportWords[language].periods;
  return frequency === 'weekly'
    ? periods.weekly(formatDay(start, language))
    : periods[frequency](formatDayRange(start, end, language));
}

export function renderStatusReportHtml(input: {
  language: Language;
  agencyName: string;
  clientName: string;
  frequency: ReportedFrequency;
  weekStart: string;
  weekEnd: string;
  asOf: string;
  timeZone: string;
  figures: StatusFigures;
}): string {
  const w = statusReportWords[input.language];
  const title = w.title(
    input.clientName,
    periodWords(input.language, input.frequency, input.weekStart, input.weekEnd),
  );
  const period = w.period(
    input.agencyName,
    formatDayRange(input.weekStart, input.weekEnd, input.language),
    formatMoment(input.asOf, input.timeZone, input.language),
  );
  const body = sections(input.figures, input.language)
    .map((s) => sectionHtml(s, w.none))
    .join('\n');
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(period)}</p>
${body}
</body></html>`;
}

/** The figures as a CSV for the account team in the reader's language: the page's sections, headings, words, dates and amounts. */
export function renderStatusReportCsv(figures: StatusFigures, language: Language): string {
  return sectionsCsv(sections(figures, language), 5, statusReportWords[language].csvSection);
}
