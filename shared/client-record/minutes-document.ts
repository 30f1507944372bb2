import { escapeHtml } from '../platform/emails.js';
import type { Wording } from './messages.js';
import type { Minutes } from './schemas.js';

/**
 * The minutes as a document (seeds 004, the minutes template): meeting time and place, agency and
 * client, attendees, copies to, subject, agenda, decisions, next steps with who and by when, key
 * dates, who reported, the client's confirmation — and the rule. One rendering serves the document
 * kept as evidence (S3, hashed), the email and the page, so they say exactly the same.
 */
export interface MinutesFacts {
  minutes: Minutes;
  version: number;
  agencyName: string;
  clientName: string;
  timeZone: string;
  /** The end of the day by which a question must come, as the reader reads it (absent before sending). */
  deadlineText?: string;
  /** The client's confirmation, once there is one. */
  confirmation?: string;
}

const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ');

/** Label/value rows of the header (the template's first block). */
function headerRows(f: MinutesFacts, w: Wording): [string, string][] {
  const l = w.labels;
  const m = f.minutes;
  const copies = [...m.copiesTo.staff, ...m.copiesTo.contacts];
  return [
    [l.meetingAt, w.moment(m.meetingAt, f.timeZone)],
    ...(m.place ? ([[l.place, m.place]] as [string, string][]) : []),
    [l.agency, `${f.agencyName}: ${names(m.agencyAttendees)}`],
    [l.client, `${f.clientName}: ${names(m.clientAttendees)}`],
    ...(copies.length ? ([[l.copiesTo, names(copies)]] as [string, string][]) : []),
    ...(m.jobs.length
      ? ([[l.jobs, m.jobs.map((j) => `${j.jobNumber} — ${j.title}`).join('; ')]] as [string, string][])
      : []),
    [l.subject, m.subject],
    [l.version, String(f.version)],
    [l.reporter, m.reporter.name],
  ];
}

/** The minutes' body as HTML (every value escaped) and as plain text. */
export function minutesBody(f: MinutesFacts, w: Wording): { html: string; text: string } {
  const l = w.labels;
  const m = f.minutes;
  const rows = headerRows(f, w);
  const list = (items: string[]) =>
    items.length ? `<ol>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>` : '<p>—</p>';
  const steps = m.nextSteps.length
    ? `<table class="steps"><tr><th>${escapeHtml(l.nextSteps)}</th><th>${escapeHtml(l.who)}</th><th>${escapeHtml(l.byWhen)}</th></tr>${m.nextSteps
        .map(
          (s) =>
            `<tr><td>${escapeHtml(s.action)}</td><td>${escapeHtml(s.owner.name)}</td><td>${escapeHtml(w.day(s.due))}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>—</p>';
  const keyDates = m.keyDates.length
    ? `<ul>${m.keyDates.map((k) => `<li>${escapeHtml(w.day(k.date))}: ${escapeHtml(k.what)}</li>`).join('')}</ul>`
    : '<p>—</p>';
  const html = `<section class="minutes">
<table class="facts">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>${escapeHtml(l.agenda)}</h2>${list(m.agenda)}
<h2>${escapeHtml(l.decisions)}</h2>${list(m.decisions)}
<h2>${escapeHtml(l.nextSteps)}</h2>${steps}
<h2>${escapeHtml(l.keyDates)}</h2>${keyDates}
<h2>${escapeHtml(l.confirmation)}</h2><p>${escapeHtml(f.confirmation ?? '—')}</p>
<p class="rule"><strong>${escapeHtml(w.rule(f.deadlineText))}</strong></p>
</section>`;
  const text = [
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `${l.agenda}:`,
    ...(m.agenda.length ? m.agenda.map((a, i) => `  ${i + 1}. ${a}`) : ['  —']),
    '',
    `${l.decisions}:`,
    ...(m.decisions.length ? m.decisions.map((d, i) => `  ${i + 1}. ${d}`) : ['  —']),
    '',
    `${l.nextSteps}:`,
    ...(m.nextSteps.length
      ? m.nextSteps.map((s) => `  - ${s.action} — ${l.who}: ${s.owner.name}; ${l.byWhen}: ${w.day(s.due)}`)
      : ['  —']),
    '',
    `${l.keyDates}:`,
    ...(m.keyDates.length ? m.keyDates.map((k) => `  - ${w.day(k.date)}: ${k.what}`) : ['  —']),
    '',
    `${l.confirmation}: ${f.confirmation ?? '—'}`,
    '',
    w.rule(f.deadlineText),
  ].join('\n');
  return { html, text };
}

export const minutesStyle = `body{font-family:system-ui,sans-serif;max-width:820px;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:3px 12px 3px 0}
table.steps th,table.steps td{border-bottom:1px solid #ccc}h2{font-size:1.05rem;margin:1.2rem 0 .3rem}
.rule{border:1px solid #999;padding:.6rem;margin-top:1rem}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}.noprint{display:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** The self-contained HTML document of one version (kept in S3 and hashed: the exact minutes sent). */
export function minutesDocument(f: MinutesFacts, w: Wording): string {
  const title = `${w.titles[f.minutes.kind]}: ${f.minutes.subject}`;
  return `<!doctype html>
<html lang="${w.language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${minutesStyle}</style></head>
<body><h1>${escapeHtml(title)}</h1>${minutesBody(f, w).html}</body></html>`;
}
