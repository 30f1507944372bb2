import type { Language } from '../../shared/accounts/index.js';
import {
  type MinutesPage,
  minutesBody,
  minutesStyle,
  minutesWords,
} from '../../shared/client-record/index.js';
import { escapeHtml } from '../../shared/platform/emails.js';

/** What a page says when something other than the link's own state answers (a refused form, an error). */
export type Notice = { state: 'error'; status: number; title: string; message: string };

export type Shown = MinutesPage | Notice;

export const statusOf = (shown: Shown): number =>
  shown.state === 'error'
    ? shown.status
    : { open: 200, answered: 200, closed: 200, superseded: 410, invalid: 404 }[shown.state];

function layout(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<meta name="robots" content="noindex,nofollow"><title>${escapeHtml(title)}</title>
<style>${minutesStyle}
fieldset{border:1px solid #ccc;margin:1rem 0}label{display:block;margin:.3rem 0}textarea{width:100%}
button{padding:.6rem 1.2rem;font-size:1rem}body{font-family:system-ui,'Noto Sans','PingFang SC','Microsoft YaHei',sans-serif}</style></head>
<body><main>${body}</main></body></html>`;
}

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

/** The page in the attendee's language: the minutes as issued, and the form while the window is open. */
export function renderPage(shown: Shown, language: Language): string {
  const w = minutesWords[language];
  const p = w.page;
  if (shown.state === 'error') {
    return layout(
      language,
      shown.title,
      `<h1>${escapeHtml(shown.title)}</h1><p>${escapeHtml(shown.message)}</p>`,
    );
  }
  if (shown.state === 'invalid') {
    return layout(
      language,
      p.invalidTitle,
      `<h1>${escapeHtml(p.invalidTitle)}</h1><p>${escapeHtml(p.invalid)}</p>`,
    );
  }
  const f = shown.facts;
  const title = `${w.titles[f.minutes.kind]}: ${f.minutes.subject}`;
  const minutes = minutesBody(
    {
      minutes: f.minutes,
      version: f.version,
      agencyName: f.agencyName,
      clientName: f.clientName,
      timeZone: f.timeZone,
      deadlineText: f.deadlineText,
    },
    w,
  ).html;
  const head = (() => {
    switch (shown.state) {
      case 'open':
        return `<h1>${escapeHtml(p.heading(f.agencyName))}</h1><p>${escapeHtml(p.ask(f.contactName, f.deadlineText))}</p>`;
      case 'answered':
        return `<h1>${escapeHtml(p.answeredTitle)}</h1><p role="status">${escapeHtml(p.answered(f.answer!, f.answeredAt!))}</p>`;
      case 'superseded':
        return `<h1>${escapeHtml(p.supersededTitle)}</h1><p>${escapeHtml(p.superseded)}</p>`;
      case 'closed':
        return `<h1>${escapeHtml(p.closedTitle)}</h1><p role="status">${escapeHtml(f.settled ?? '')}</p>`;
    }
  })();
  const form =
    shown.state === 'open' && shown.nonce
      ? `<form method="post"><fieldset><legend>${escapeHtml(p.heading(f.agencyName))}</legend>
${hidden('nonce', shown.nonce)}${hidden('reportId', f.reportId)}${hidden('version', String(f.version))}
<label><input type="radio" name="answer" value="confirm" checked> ${escapeHtml(p.confirm)}</label>
<label><input type="radio" name="answer" value="question"> ${escapeHtml(p.question)}</label>
<label for="question">${escapeHtml(p.questionLabel)}</label>
<textarea id="question" name="question" rows="5" maxlength="4000"></textarea>
<p><button type="submit">${escapeHtml(p.send)}</button></p></fieldset></form>`
      : '';
  return layout(language, title, `${head}${form}<h2>${escapeHtml(title)}</h2>${minutes}`);
}
