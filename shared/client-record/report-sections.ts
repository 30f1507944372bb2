import { csvText } from '../platform/csv.js';
import { escapeHtml } from '../platform/emails.js';

/**
 * The client record's reports (the monthly work report, the client's status report) read as
 * titled sections of rows: one renderer for their HTML tables and one for their CSV, so both
 * reports print and export alike.
 */
export type Cell = string | number;
export type Section = [title: string, head: string[], rows: Cell[][]];

/** A section as a heading and a table (numbers right-aligned), or a heading and `none`. */
export function sectionHtml([title, head, rows]: Section, none: string): string {
  if (rows.length === 0) return `<h2>${escapeHtml(title)}</h2><p class="none">${escapeHtml(none)}</p>`;
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => (typeof c === 'number' ? `<td class="n">${c}</td>` : `<td>${escapeHtml(c ?? '')}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<h2>${escapeHtml(title)}</h2><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const csvCell = (c: Cell) => csvText(String(c));

/**
 * The sections as one CSV: each line and each section's header led by the section's title; the
 * first line names the title's column (`heading`, in the CSV's language) and numbers the others.
 */
export function sectionsCsv(sections: Section[], columns: number, heading: string): string {
  const lines = [[heading, ...Array.from({ length: columns }, (_, i) => `c${i + 1}`)].map(csvCell).join(',')];
  for (const [title, head, rows] of sections) {
    lines.push([title, ...head].map(csvCell).join(','));
    for (const row of rows) lines.push([title, ...row].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
