import type { Email } from './mailer.js';

/** What every sign-off email names (design.md §6): the agency, and the exact item awaiting a decision. */
export interface SignOffSubject {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  /** What is signed off: "Draft", "Media plan". */
  subjectNoun: string;
  title: string;
  version: number;
  /** Human label of the step, e.g. "client review". */
  stepLabel: string;
  /** ISO time; empty when there is none (a review stopped before its first step). */
  deadline: string;
  timeZone: string;
  requestedBy: string;
  message?: string;
}

export interface EmailContent {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The one link of the email, if it has one. */
  action?: { label: string; url: string };
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function formatDeadline(iso: string, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${formatted} (${timeZone})`;
}

/**
 * The facts block every sign-off email (and the approval page) carries, as label/value rows;
 * `more` rows (the page's file and hash) come before the note.
 */
export function subjectFacts(s: SignOffSubject, more: [string, string][] = []): [string, string][] {
  return [
    ['Client', s.clientName],
    ['Job', `${s.jobNumber} — ${s.jobTitle}`],
    [s.subjectNoun, `${s.title}, version ${s.version}`],
    ['Step', s.stepLabel],
    ['Requested by', s.requestedBy],
    ...(s.deadline ? ([['Deadline', formatDeadline(s.deadline, s.timeZone)]] as [string, string][]) : []),
    ...more,
    ...(s.message ? ([['Note', s.message]] as [string, string][]) : []),
  ];
}

/** One email in HTML and plain text from the same content: every value is escaped in the HTML. */
export function renderEmail(subject: SignOffSubject, content: EmailContent): Email {
  const facts = subjectFacts(subject);
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    `— ${subject.agencyName}, Account Desk`,
  ].join('\n');
  const rows = facts
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<table>${rows}</table>
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`
    : ''
}
<p style="color:#555">— ${escapeHtml(subject.agencyName)}, Account Desk</p>
</body></html>`;
  return { to: content.to, subject: `[${subject.agencyName}] ${content.subject}`, html, text };
}
