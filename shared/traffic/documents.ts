import { escapeHtml } from '../platform/emails.js';
import { formatMoney } from '../platform/money.js';
import { formatDay } from './notices.js';
import type { BriefContent, BriefKind, TimetableVersion } from './schemas.js';

/**
 * The documents the client (or the account manager) signs: a brief version and a timetable
 * version, each one self-contained HTML file stored in S3 and identified by its SHA-256, so a
 * sign-off names exactly what was signed.
 */
const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.critical{font-weight:600}</style></head>
<body>
${body}
</body></html>
`;

export const briefKindLabels: Record<BriefKind, string> = {
  client: 'Client brief',
  creative: 'Creative brief',
  media: 'Media brief',
  research: 'Research brief',
};

const list = (items: string[] | undefined) =>
  items?.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';

export function renderBriefDocument(input: {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  kind: BriefKind;
  number: number;
  content: BriefContent;
}): string {
  const c = input.content;
  const title = `${briefKindLabels[input.kind]}: ${c.title} — version ${input.number}`;
  const sections: [string, string][] = [
    ['Background', c.background ? `<p>${escapeHtml(c.background)}</p>` : ''],
    ['Objective', c.objective ? `<p>${escapeHtml(c.objective)}</p>` : ''],
    ['Target audience', c.targetAudience ? `<p>${escapeHtml(c.targetAudience)}</p>` : ''],
    ['Key message', c.keyMessage ? `<p>${escapeHtml(c.keyMessage)}</p>` : ''],
    ['Mandatories', c.mandatories ? `<p>${escapeHtml(c.mandatories)}</p>` : ''],
    ['Deliverables', list(c.deliverables)],
    ['Budget', c.budget ? `<p>${escapeHtml(formatMoney(c.budget))}</p>` : ''],
    ['Timing', c.timing ? `<p>${escapeHtml(c.timing)}</p>` : ''],
    ['Markets', list(c.markets)],
    ['Flight', c.flight ? `<p>${formatDay(c.flight.start)} to ${formatDay(c.flight.end)}</p>` : ''],
    ['Channels considered', list(c.channelsConsidered)],
    ['KPIs', list(c.kpis)],
    ['Research questions', list(c.questions)],
    ['Method', c.method ? `<p>${escapeHtml(c.method)}</p>` : ''],
    ['Sample', c.sample ? `<p>${escapeHtml(c.sample)}</p>` : ''],
  ];
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(input.agencyName)} for ${escapeHtml(input.clientName)}; job ${escapeHtml(input.jobNumber)} — ${escapeHtml(input.jobTitle)}.</p>
${sections
  .filter(([, html]) => html)
  .map(([label, html]) => `<h2>${escapeHtml(label)}</h2>\n${html}`)
  .join('\n')}`,
  );
}

/**
 * The timetable's table alone, for embedding: the cost sign-off (estimate and timetable in one
 * document, domain.md §4 step 8) puts it next to the estimate.
 */
export function timetableSection(
  version: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'>,
): string {
  const rows = version.milestones
    .map(
      (m) =>
        `<tr class="${m.critical ? 'critical' : ''}"><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.department)}</td><td>${escapeHtml(
          m.owner,
        )}</td><td>${formatDay(m.start)}</td><td>${formatDay(m.due)}</td><td>${m.critical ? 'yes' : ''}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Milestone</th><th>Department</th><th>Owner</th><th>Start</th><th>Due</th><th>Critical path</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>The job ends on ${formatDay(version.endDate)}. Dates are working days of the client's calendar; a late answer from either side moves what depends on it.</p>`;
}

export function renderTimetableDocument(input: {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  timeZone: string;
  version: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'>;
}): string {
  const title = `Timetable: ${input.jobNumber} — ${input.jobTitle}, version ${input.version.number}`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(input.agencyName)} for ${escapeHtml(input.clientName)} (calendar: ${escapeHtml(input.timeZone)}).</p>
${timetableSection(input.version)}`,
  );
}
