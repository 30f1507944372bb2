import { escapeHtml } from '../platform/emails.js';
import { formatMoney } from '../platform/money.js';
import type { StatusFigures } from './status-report-figures.js';

/**
 * The weekly status report as people read it: one HTML page that prints as it shows (print CSS,
 * no script), and a CSV of the same figures, one row per line item with its section.
 */
const style = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}.flag{color:#b91c1c;font-weight:600}.none{color:#555}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

type Cell = string | number;

function section(title: string, head: string[], rows: Cell[][]): string {
  if (rows.length === 0) return `<h2>${escapeHtml(title)}</h2><p class="none">None.</p>`;
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => (typeof c === 'number' ? `<td class="n">${c}</td>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<h2>${escapeHtml(title)}</h2><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Every section as title, header and rows: the HTML and the CSV share them. */
function sections(f: StatusFigures): [string, string[], Cell[][]][] {
  return [
    [
      'Jobs and their phase',
      ['Job', 'Title', 'Phase', 'Open milestones'],
      f.jobs.map((j) => [j.jobNumber, j.title, j.phase.replace('_', ' '), j.openMilestones]),
    ],
    [
      'Milestones done this week',
      ['Job', 'Milestone', 'Due'],
      f.milestonesDone.map((m) => [m.jobNumber, m.name, m.due]),
    ],
    [
      'Milestones due next',
      ['Job', 'Milestone', 'Due', 'With'],
      f.milestonesDueNext.map((m) => [m.jobNumber, m.name, m.due, m.owner]),
    ],
    [
      'Overdue milestones',
      ['Job', 'Milestone', 'Due', 'With'],
      f.overdueMilestones.map((m) => [m.jobNumber, m.name, m.due, m.owner]),
    ],
    [
      'Approvals waiting on the client',
      ['Job', 'What', 'Approver', 'Since', 'Working days'],
      f.waitingOnClient.map((a) => [a.jobNumber, a.what, a.who, a.since.slice(0, 10), a.workingDays]),
    ],
    [
      'Approvals waiting on the agency',
      ['Job', 'What', 'Approver', 'Since', 'Working days'],
      f.waitingOnAgency.map((a) => [a.jobNumber, a.what, a.who, a.since.slice(0, 10), a.workingDays]),
    ],
    [
      'Contact reports',
      ['Meeting', 'Subject', 'Status'],
      f.contactReports.map((r) => [r.meetingAt.slice(0, 10), r.subject, r.status.replaceAll('_', ' ')]),
    ],
    [
      "The client's next steps",
      ['Action', 'Who', 'Due', 'Overdue'],
      f.clientNextSteps.map((s) => [s.action, s.owner, s.due, s.overdue ? 'overdue' : '']),
    ],
    [
      'Spend against signed estimates',
      ['Job', 'Title', 'Signed', 'Committed', 'Remaining'],
      f.spend.map((s) => [
        s.jobNumber,
        s.title,
        formatMoney(s.signed),
        formatMoney(s.committed),
        formatMoney(s.remaining),
      ]),
    ],
  ];
}

export function renderStatusReportHtml(input: {
  agencyName: string;
  clientName: string;
  weekStart: string;
  weekEnd: string;
  asOf: string;
  figures: StatusFigures;
}): string {
  const title = `Status report: ${input.clientName}, week of ${input.weekStart}`;
  const body = sections(input.figures)
    .map(([t, h, rows]) => section(t, h, rows))
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(input.agencyName)} · ${escapeHtml(input.weekStart)} to ${escapeHtml(input.weekEnd)} · as of ${escapeHtml(input.asOf.slice(0, 16).replace('T', ' '))} UTC</p>
${body}
</body></html>`;
}

const csvCell = (c: Cell) => {
  const s = String(c);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function renderStatusReportCsv(figures: StatusFigures): string {
  const lines = ['section,c1,c2,c3,c4,c5'];
  for (const [title, head, rows] of sections(figures)) {
    lines.push([title, ...head].map(csvCell).join(','));
    for (const row of rows) lines.push([title, ...row].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
