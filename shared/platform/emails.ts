import { formatMoment, type Language } from './i18n.js';
import type { Email } from './mailer.js';
import { emailWords } from './messages.js';

/** What every sign-off email names (design.md §6): the agency, and the exact item awaiting a decision. */
export interface SignOffSubject {
  agencyName: string;
  clientName: string;
  jobNumber: string;
  jobTitle: string;
  /** What is signed off ("Draft", "Media plan"), in the reader's language. */
  subjectNoun: string;
  title: string;
  version: number;
  /** Human label of the step, e.g. "client review", in the reader's language. */
  stepLabel: string;
  /** ISO time; empty when there is none (a review stopped before its first step). */
  deadline: string;
  timeZone: string;
  requestedBy: string;
  message?: string;
  /** The reader's language: the email's frame (labels, dates, signature) is written in it. */
  language: Language;
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

/** The facts block every sign-off email carries, as label/value rows, in the reader's language. */
function subjectFacts(s: SignOffSubject): [string, string][] {
  const words = emailWords[s.language];
  return [
    [words.client, s.clientName],
    [words.job, `${s.jobNumber} — ${s.jobTitle}`],
    [s.subjectNoun, words.versionOf(s.title, s.version)],
    [words.step, s.stepLabel],
    [words.requestedBy, s.requestedBy],
    ...(s.deadline
      ? ([[words.deadline, formatMoment(s.deadline, s.timeZone, s.language)]] as [string, string][])
      : []),
    ...(s.message ? ([[words.note, s.message]] as [string, string][]) : []),
  ];
}

/**
 * One email in HTML and plain text from the same content, in the reader's language (the content
 * comes in it; the frame follows `subject.language`): every value is escaped in the HTML.
 */
export function renderEmail(subject: SignOffSubject, content: EmailContent): Email {
  const facts = subjectFacts(subject);
  const signature = emailWords[subject.language].signature(subject.agencyName);
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    signature,
  ].join('\n');
  const rows = facts
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${subject.language}"><body style="font-family:sans-serif;max-width:640px">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<table>${rows}</table>
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`
    : ''
}
<p style="color:#555">${escapeHtml(signature)}</p>
</body></html>`;
  return { to: content.to, subject: `[${subject.agencyName}] ${content.subject}`, html, text };
}
