import { escapeHtml, formatDeadline, subjectFacts } from '../../shared/platform/emails.js';
import type { ApprovalPageFacts, LinkPage } from '../../shared/signoff/index.js';

const decisionLabels: Record<string, string> = {
  approve: 'Approve',
  approve_with_changes: 'Approve with changes',
  request_changes: 'Request changes',
  reject: 'Reject',
};

/** What a page says when something other than the link's own state answers. */
export type Notice =
  | { state: 'renew_sent' }
  | { state: 'error'; status: number; title: string; message: string };

export type Shown = LinkPage | Notice;

export const statusOf = (shown: Shown): number =>
  ({ open: 200, decided: 200, superseded: 410, closed: 410, on_hold: 409, invalid: 404, renew_sent: 202 })[
    shown.state as 'open'
  ] ?? (shown as { status: number }).status;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#111}
th{text-align:left;padding:2px 12px 2px 0;vertical-align:top}img,video{max-width:100%;border:1px solid #ccc}
fieldset{border:1px solid #ccc;margin:1rem 0}label{display:block;margin:.3rem 0}textarea{width:100%}
button{padding:.6rem 1.2rem;font-size:1rem}.muted,.then{color:#555}
.wide{overflow-x:auto}table.lines{border-collapse:collapse;margin:.5rem 0}table.lines td,table.lines th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
table.lines tfoot th{text-align:right}</style></head>
<body>${body}</body></html>`;
}

function factsTable(f: ApprovalPageFacts): string {
  const rows = subjectFacts(f, [
    ['File', `${f.fileName} (${f.contentType})`],
    ['SHA-256', f.sha256],
  ]);
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** The file itself: shown in place only when its bytes were read and found to be that image, video or audio. */
function preview(f: ApprovalPageFacts): string {
  if (!f.previewUrl) return '';
  const url = escapeHtml(f.previewUrl);
  const verified = f.verifiedType !== undefined && f.verifiedType === f.contentType.split(';')[0]?.trim();
  const media = !verified
    ? ''
    : f.contentType.startsWith('image/')
      ? `<img src="${url}" alt="Preview of ${escapeHtml(f.title)}, version ${f.version}">`
      : f.contentType.startsWith('video/')
        ? `<video controls src="${url}"></video>`
        : f.contentType.startsWith('audio/')
          ? `<audio controls src="${url}"></audio>`
          : '';
  const label = media ? 'Open the file' : 'Download the file';
  return `<section id="preview">${media}<p><a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a> <span class="muted">(the link works for a few minutes; reload this page for a new one)</span></p></section>`;
}

/** What is approved, on the page itself (a plan's lines, rates and totals). */
function shownContent(f: ApprovalPageFacts): string {
  const shown = f.shown;
  if (!shown) return '';
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
  return `<section id="approved-content"><h2>${escapeHtml(shown.caption)}</h2>
<div class="wide"><table class="lines"><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody><tfoot>${totals}</tfoot></table></div>${shown.note ? `<p>${escapeHtml(shown.note)}</p>` : ''}</section>`;
}

/** The HTML of every state of an approval link's page. Every value is escaped. */
export function renderPage(shown: Shown): string {
  switch (shown.state) {
    case 'open': {
      const f = shown.facts;
      const options = Object.entries(decisionLabels)
        .map(
          ([value, label]) =>
            `<label><input type="radio" name="decision" value="${value}" required> <strong>${escapeHtml(label)}</strong> <span class="then">— ${escapeHtml(f.choices[value as keyof typeof f.choices])}</span></label>`,
        )
        .join('');
      return layout(
        `Approval: ${f.title}`,
        `<h1>${escapeHtml(f.agencyName)} asks for your approval</h1>
<p>Dear ${escapeHtml(f.approverName)}, please review exactly this version and decide.</p>
${factsTable(f)}${shownContent(f)}${preview(f)}
<form method="post" action="">
<input type="hidden" name="intent" value="decide">
<input type="hidden" name="nonce" value="${escapeHtml(shown.nonce ?? '')}">
<input type="hidden" name="approvalId" value="${escapeHtml(f.approvalId)}">
<fieldset><legend>Your decision</legend>${options}</fieldset>
<label for="comment">Comment (optional)</label>
<textarea id="comment" name="comment" rows="5" maxlength="4000"></textarea>
<p><button type="submit">Submit decision</button></p>
</form>`,
      );
    }
    case 'decided': {
      const f = shown.facts;
      return layout(
        'Decision recorded',
        `<h1>Decision recorded</h1>
<p id="decision">${escapeHtml(decisionLabels[f.decision ?? ''] ?? f.decision ?? '')}, recorded ${escapeHtml(
          f.decidedAt ? formatDeadline(f.decidedAt, f.timeZone) : '',
        )}.</p>
${f.comment ? `<blockquote>${escapeHtml(f.comment)}</blockquote>` : ''}
${factsTable(f)}
<p class="muted">This link has been used. Thank you — ${escapeHtml(f.agencyName)}.</p>`,
      );
    }
    case 'superseded':
      return layout(
        'Superseded',
        `<h1>This version has been superseded</h1>
<p>A newer version of “${escapeHtml(shown.facts.title)}” has been prepared, so version ${shown.facts.version} can no longer be approved. A link to the new version will be sent to you when it is ready for your review.</p>`,
      );
    case 'closed':
      return layout(
        'Approval closed',
        `<h1>This approval is closed</h1>
<p>The review of “${escapeHtml(shown.facts.title)}”, version ${shown.facts.version}, was settled without this link (another approver decided, or the deadline passed). Nothing more is needed from you here.</p>`,
      );
    case 'on_hold':
      return layout(
        'On hold',
        `<h1>This approval is on hold</h1>
<p>The review of “${escapeHtml(shown.facts.title)}”, version ${shown.facts.version}, is paused at ${escapeHtml(shown.facts.agencyName)} for a moment, so no decision can be recorded now — nothing you send here is recorded. They have been told; when the review resumes you will receive a fresh link to decide.</p>`,
      );
    case 'invalid':
      return layout(
        'Link not valid',
        `<h1>This link is not valid or has expired</h1>
<p>If it came to you in an email and has expired, we can send a fresh one to the address it was sent to.</p>
<form method="post" action=""><input type="hidden" name="intent" value="renew"><button type="submit">Send me a fresh link</button></form>`,
      );
    case 'renew_sent':
      return layout(
        'Fresh link requested',
        `<h1>Fresh link requested</h1>
<p>If this link was sent to you and its approval is still open, a fresh link is on its way to the address it was sent to.</p>`,
      );
    case 'error':
      return layout(shown.title, `<h1>${escapeHtml(shown.title)}</h1><p>${escapeHtml(shown.message)}</p>`);
  }
}
