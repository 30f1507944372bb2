import { escapeHtml } from '../platform/emails.js';
import { formatDay, formatDayRange, type Language } from '../platform/i18n.js';
import { formatMoney } from '../platform/money.js';
import type { ShownContent } from '../signoff/index.js';
import { trafficDocumentWords } from './messages.js';
import { milestoneName } from './milestone-names.js';
import type { BriefContent, BriefKind, TimetableVersion } from './schemas.js';

/**
 * The documents the client (or the account manager) signs: a brief version and a timetable
 * version, each one self-contained HTML file stored in S3 and identified by its SHA-256, so a
 * sign-off names exactly what was signed. Each is written once, in the language chosen when it is
 * made (`clientDocumentLanguage`); a stored document is never rendered again.
 */
const page = (title: string, body: string, language: Language) => `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.critical{font-weight:600}</style></head>
<body>
${body}
</body></html>
`;

const list = (items: string[] | undefined) =>
  items?.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';

const paragraph = (text: string | undefined) => (text ? `<p>${escapeHtml(text)}</p>` : '');

export function renderBriefDocument(input: {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  kind: BriefKind;
  number: number;
  content: BriefContent;
  /** The client's language (`clientDocumentLanguage`), else the agency's: words, money and dates in it. */
  language: Language;
}): string {
  const { content: c, language } = input;
  const words = trafficDocumentWords[language];
  const title = words.briefTitle(words.briefKinds[input.kind], c.title, input.number);
  const sections: [keyof typeof words.sections, string][] = [
    ['background', paragraph(c.background)],
    ['objective', paragraph(c.objective)],
    ['targetAudience', paragraph(c.targetAudience)],
    ['keyMessage', paragraph(c.keyMessage)],
    ['mandatories', paragraph(c.mandatories)],
    ['deliverables', list(c.deliverables)],
    ['budget', c.budget ? paragraph(formatMoney(c.budget, language)) : ''],
    ['timing', paragraph(c.timing)],
    ['markets', list(c.markets)],
    ['flight', c.flight ? paragraph(formatDayRange(c.flight.start, c.flight.end, language)) : ''],
    ['channelsConsidered', list(c.channelsConsidered)],
    ['kpis', list(c.kpis)],
    ['questions', list(c.questions)],
    ['method', paragraph(c.method)],
    ['sample', paragraph(c.sample)],
  ];
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
${paragraph(words.briefFor(input.agencyName, input.clientName, input.jobNumber, input.jobTitle))}
${sections
  .filter(([, html]) => html)
  .map(([section, html]) => `<h2>${escapeHtml(words.sections[section])}</h2>\n${html}`)
  .join('\n')}`,
    language,
  );
}

/** How a frozen timetable names the client as a milestone's owner (`ownerName` of a client-owned milestone). */
export const clientOwner = 'Client';

/**
 * The timetable's table alone, for embedding: the cost sign-off (estimate and timetable in one
 * document, domain.md §4 step 8) puts it next to the estimate, in the estimate's language.
 */
export function timetableSection(
  version: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'>,
  language: Language,
): string {
  const words = trafficDocumentWords[language];
  const rows = version.milestones
    .map(
      (m) =>
        `<tr class="${m.critical ? 'critical' : ''}"><td>${escapeHtml(milestoneName(m, language))}</td><td>${escapeHtml(
          words.departments[m.department],
        )}</td><td>${escapeHtml(m.owner === clientOwner ? words.clientOwns : m.owner)}</td><td>${escapeHtml(
          formatDay(m.start, language),
        )}</td><td>${escapeHtml(formatDay(m.due, language))}</td><td>${m.critical ? escapeHtml(words.critical) : ''}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${words.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${paragraph(words.jobEnds(formatDay(version.endDate, language)))}`;
}

/** The timetable as the approval page shows it beside its document: what the client signs, in their language. */
export function shownTimetable(
  version: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'>,
  language: Language,
): ShownContent {
  const words = trafficDocumentWords[language];
  return {
    caption: words.shownCaption(version.milestones.length, version.number),
    columns: words.columns,
    rows: version.milestones.map((m) => [
      milestoneName(m, language),
      words.departments[m.department],
      m.owner === clientOwner ? words.clientOwns : m.owner,
      formatDay(m.start, language),
      formatDay(m.due, language),
      m.critical ? words.critical : '',
    ]),
    totals: [],
    note: words.jobEnds(formatDay(version.endDate, language)),
  };
}

export function renderTimetableDocument(input: {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  timeZone: string;
  version: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'>;
  /** The language of the client's contacts who sign it (`clientDocumentLanguage`). */
  language: Language;
}): string {
  const { language } = input;
  const words = trafficDocumentWords[language];
  const title = words.timetableTitle(input.jobNumber, input.jobTitle, input.version.number);
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
${paragraph(words.timetableFor(input.agencyName, input.clientName, input.timeZone))}
${timetableSection(input.version, language)}`,
    language,
  );
}
