import type { Language } from '../../shared/accounts/index.js';
import { escapeHtml } from '../../shared/platform/emails.js';
import { formatMoment } from '../../shared/platform/i18n.js';
import {
  type ApprovalPageFacts,
  type LinkPage,
  type ShownContent,
  signOffWords,
} from '../../shared/signoff/index.js';
import { type PageMessages, pageMessages } from './messages.js';

const decisionKeys = ['approve', 'approve_with_changes', 'request_changes', 'reject'] as const;

/** What a page says when something other than the link's own state answers. */
export type Notice =
  | { state: 'renew_sent' }
  | { state: 'error'; status: number; title: string; message: string };

export type Shown = LinkPage | Notice;

export const statusOf = (shown: Shown): number =>
  ({ open: 200, decided: 200, superseded: 410, closed: 410, on_hold: 409, invalid: 404, renew_sent: 202 })[
    shown.state as 'open'
  ] ?? (shown as { status: number }).status;

function layout(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<meta name="robots" content="noindex,nofollow"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,'Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#111}
th{text-align:left;padding:2px 12px 2px 0;vertical-align:top}img,video{max-width:100%;border:1px solid #ccc}
fieldset{border:1px solid #ccc;margin:1rem 0}label{display:block;margin:.3rem 0}textarea{width:100%}
button{padding:.6rem 1.2rem;font-size:1rem}.muted,.then{color:#555}
.wide{overflow-x:auto}table.lines{border-collapse:collapse;margin:.5rem 0}table.lines td,table.lines th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
table.lines tfoot th{text-align:right}</style></head>
<body><main>${body}</main></body></html>`;
}

/** A deadline or a decision time in the reader's language, in the client's time zone (Intl, as the emails). */
const when = (iso: string, timeZone: string, language: Language) => formatMoment(iso, timeZone, language);

function factsTable(f: ApprovalPageFacts, m: PageMessages, language: Language): string {
  const rows: [string, string][] = [
    [m.facts.client, f.clientName],
    [m.facts.job, `${f.jobNumber} — ${f.jobTitle}`],
    [signOffWords[language].nouns[f.subjectType], `${f.title}, ${m.facts.version} ${f.version}`],
    [m.facts.step, signOffWords[language].stages[f.stage]],
    [m.facts.requestedBy, f.requestedBy],
    ...(f.deadline
      ? ([[m.facts.deadline, when(f.deadline, f.timeZone, language)]] as [string, string][])
      : []),
    [m.facts.file, `${f.fileName} (${f.contentType})`],
    ['SHA-256', f.sha256],
    ...(f.message ? ([[m.facts.note, f.message]] as [string, string][]) : []),
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** The file itself: shown in place only when its bytes were read and found to be that image, video or audio. */
function preview(f: ApprovalPageFacts, m: PageMessages): string {
  if (!f.previewUrl) return '';
  const url = escapeHtml(f.previewUrl);
  const verified = f.verifiedType !== undefined && f.verifiedType === f.contentType.split(';')[0]?.trim();
  const media = !verified
    ? ''
    : f.contentType.startsWith('image/')
      ? `<img src="${url}" alt="${escapeHtml(m.previewOf(f.title, f.version))}">`
      : f.contentType.startsWith('video/')
        ? `<video controls src="${url}"></video>`
        : f.contentType.startsWith('audio/')
          ? `<audio controls src="${url}"></audio>`
          : '';
  const label = media ? m.openFile : m.downloadFile;
  return `<section id="preview">${media}<p><a href="${url}" rel="noopener noreferrer" target="_blank">${escapeHtml(label)}</a> <span class="muted">${escapeHtml(m.linkShortLived)}</span></p></section>`;
}

/** What is approved, on the page itself: a table each (a plan's lines, rates and totals; an estimate and its timetable). */
function shownContent(f: ApprovalPageFacts): string {
  if (!f.shown?.length) return '';
  return `<section id="approved-content">${f.shown.map(shownTable).join('\n')}</section>`;
}

function shownTable(shown: ShownContent): string {
  const head = shown.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = shown.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  const totals = shown.totals
    .map(
      ([label, value]) =>
        `<tr><th scope="row" colspan="${Math.max(1, shown.columns.length - 1)}">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  // The table scrolls sideways on a narrow window: its region takes the keyboard's focus to scroll.
  return `<h2>${escapeHtml(shown.caption)}</h2>
<div class="wide" tabindex="0" role="region" aria-label="${escapeHtml(shown.caption)}"><table class="lines"><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody>${totals ? `<tfoot>${totals}</tfoot>` : ''}</table></div>${shown.note ? `<p>${escapeHtml(shown.note)}</p>` : ''}`;
}

/** The HTML of every state of an approval link's page, in the reader's language. Every value is escaped. */
export function renderPage(shown: Shown, language: Language = 'en'): string {
  const m = pageMessages[language];
  switch (shown.state) {
    case 'open': {
      const f = shown.facts;
      const options = decisionKeys
        .map(
          (value) =>
            `<label><input type="radio" name="decision" value="${value}" required> <strong>${escapeHtml(m.decisions[value])}</strong> <span class="then">— ${escapeHtml(f.choices[value])}</span></label>`,
        )
        .join('');
      return layout(
        language,
        m.approvalOf(f.title),
        `<h1>${escapeHtml(m.asks(f.agencyName))}</h1>
<p>${escapeHtml(m.dear(f.approverName))}</p>
${factsTable(f, m, language)}${shownContent(f)}${preview(f, m)}
<form method="post" action="">
<input type="hidden" name="intent" value="decide">
<input type="hidden" name="nonce" value="${escapeHtml(shown.nonce ?? '')}">
<input type="hidden" name="approvalId" value="${escapeHtml(f.approvalId)}">
<fieldset><legend>${escapeHtml(m.yourDecision)}</legend>${options}</fieldset>
<label for="comment">${escapeHtml(m.comment)}</label>
<textarea id="comment" name="comment" rows="5" maxlength="4000"></textarea>
<p><button type="submit">${escapeHtml(m.submit)}</button></p>
</form>`,
      );
    }
    case 'decided': {
      const f = shown.facts;
      // Said as done ("Approved with changes"), not as the choice it was ("Approve with changes").
      const decision = m.decided[f.decision as (typeof decisionKeys)[number]] ?? f.decision ?? '';
      return layout(
        language,
        m.recordedTitle,
        `<h1>${escapeHtml(m.recordedTitle)}</h1>
<p id="decision">${escapeHtml(m.recorded(decision, f.decidedAt ? when(f.decidedAt, f.timeZone, language) : ''))}</p>
${f.comment ? `<blockquote>${escapeHtml(f.comment)}</blockquote>` : ''}
${factsTable(f, m, language)}
<p class="muted">${escapeHtml(m.used(f.agencyName))}</p>`,
      );
    }
    case 'superseded':
      return layout(
        language,
        m.supersededTitle,
        `<h1>${escapeHtml(m.supersededTitle)}</h1>
<p>${escapeHtml(m.superseded(shown.facts.title, shown.facts.version))}</p>`,
      );
    case 'closed':
      return layout(
        language,
        m.closedTitle,
        `<h1>${escapeHtml(m.closedTitle)}</h1>
<p>${escapeHtml(m.closed(shown.facts.title, shown.facts.version))}</p>`,
      );
    case 'on_hold':
      return layout(
        language,
        m.onHoldTitle,
        `<h1>${escapeHtml(m.onHoldTitle)}</h1>
<p>${escapeHtml(m.onHold(shown.facts.title, shown.facts.version, shown.facts.agencyName))}</p>`,
      );
    case 'invalid':
      return layout(
        language,
        m.invalidTitle,
        `<h1>${escapeHtml(m.invalidTitle)}</h1>
<p>${escapeHtml(m.invalid)}</p>
<form method="post" action=""><input type="hidden" name="intent" value="renew"><button type="submit">${escapeHtml(m.renew)}</button></form>`,
      );
    case 'renew_sent':
      return layout(
        language,
        m.renewedTitle,
        `<h1>${escapeHtml(m.renewedTitle)}</h1>
<p>${escapeHtml(m.renewed)}</p>`,
      );
    case 'error':
      return layout(
        language,
        shown.title,
        `<h1>${escapeHtml(shown.title)}</h1><p>${escapeHtml(shown.message)}</p>`,
      );
  }
}
