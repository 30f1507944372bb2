import { csvText } from '../platform/csv.js';
import { escapeHtml } from '../platform/emails.js';
import type { Language } from '../platform/i18n.js';
import { formatMoney, type Money, toMajorString } from '../platform/money.js';
import { reconciliationWords } from './messages.js';
import type { Figures, Row } from './reconciliation-figures.js';

/**
 * The monthly budget reconciliation as people read it: an HTML report with its charts drawn on the
 * server as inline SVG (no script, prints as it shows), in the reader's language (amounts by
 * `Intl` in it), and a CSV of the same rows for finance (codes and plain amounts, any language).
 * Both are written again whenever the account executive gives a reason, so they say what the API
 * and the console say.
 */
const colours = { signed: '#1d4ed8', committed: '#f59e0b', billed: '#10b981', forecast: '#6b7280' } as const;

type Words = (typeof reconciliationWords)['en'];

/** Grouped horizontal bars, one group per row, scaled to the largest amount. */
function barChart(
  title: string,
  rows: Row[],
  series: { key: keyof typeof colours; label: string; of: (r: Row) => Money | undefined }[],
  language: Language,
  words: Words,
): string {
  const shown = rows.slice(0, 40);
  const max = Math.max(1, ...shown.flatMap((r) => series.map((s) => s.of(r)?.amountMinor ?? 0)));
  const bar = 10;
  const groupHeight = series.length * (bar + 2) + 10;
  const labelWidth = 220;
  const plotWidth = 440;
  const height = 30 + shown.length * groupHeight + 24;
  const groups = shown
    .map((r, i) => {
      const y = 30 + i * groupHeight;
      const bars = series
        .map((s, j) => {
          const value = s.of(r);
          const width = value
            ? Math.max(value.amountMinor > 0 ? 1 : 0, Math.round((value.amountMinor / max) * plotWidth))
            : 0;
          return `<rect x="${labelWidth}" y="${y + j * (bar + 2)}" width="${width}" height="${bar}" fill="${colours[s.key]}"><title>${escapeHtml(`${s.label}: ${value ? formatMoney(value, language) : '—'}`)}</title></rect>`;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + bar}" text-anchor="end" font-size="11">${escapeHtml(r.label.slice(0, 34))}</text>${bars}`;
    })
    .join('\n');
  const legend = series
    .map(
      (s, j) =>
        `<rect x="${labelWidth + j * 120}" y="${height - 16}" width="10" height="10" fill="${colours[s.key]}"/><text x="${labelWidth + j * 120 + 14}" y="${height - 7}" font-size="11">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + plotWidth + 20}" height="${height}" viewBox="0 0 ${labelWidth + plotWidth + 20} ${height}" font-family="system-ui,sans-serif">
<text x="0" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>
${groups}
${legend}
</svg>${rows.length > shown.length ? `<figcaption>${escapeHtml(words.largest(shown.length, rows.length))}</figcaption>` : ''}</figure>`;
}

function table(rows: Row[], withForecast: boolean, language: Language, words: Words): string {
  const amount = (m: Money | undefined) => (m ? formatMoney(m, language) : '—');
  const head = [
    '',
    words.signed,
    words.committed,
    words.billed,
    ...(withForecast ? [words.committedInMonth, words.forecast] : []),
    words.flagsColumn,
  ];
  const body = rows
    .map((r) => {
      const flags = r.flags
        .map(
          (f) =>
            `${words.flags[f.kind]}: ${formatMoney(f.variance, language)} (${f.percent} %)${f.reason ? ` — ${f.reason}` : ''}`,
        )
        .join('; ');
      const cells = [
        r.label,
        amount(r.signed),
        amount(r.committed),
        amount(r.billed),
        ...(withForecast ? [amount(r.committedInMonth), amount(r.forecast)] : []),
        flags,
      ];
      return `<tr${r.flags.length ? ' class="flagged"' : ''}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table>`;
}

export function renderReconciliationHtml(input: {
  agencyName: string;
  clientName: string;
  month: string;
  thresholdPercent: number;
  figures: Figures;
  generatedAt: string;
  /** When the AE last gave a reason (the document is written again then). */
  updatedAt?: string;
  language: Language;
}): string {
  const { figures, language } = input;
  const words = reconciliationWords[language];
  const amount = (m: Money | undefined) => (m ? formatMoney(m, language) : '—');
  const brands = figures.rows.filter((r) => r.kind === 'brand');
  const jobs = figures.rows.filter((r) => r.kind === 'job');
  const byCommitted = [...jobs].sort((a, b) => b.committed.amountMinor - a.committed.amountMinor);
  const flagged = figures.rows.filter((r) => r.flags.length > 0).length;
  const totals = words.totals(
    figures.currency,
    amount(figures.totals.signed),
    amount(figures.totals.committed),
    amount(figures.totals.billed),
    amount(figures.totals.forecast),
  );
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(words.title(input.month, input.clientName))}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;font-size:12px}tr.flagged td{background:#fff7ed}figure{margin:1rem 0}@page{size:A4 landscape;margin:12mm}@media print{body{margin:0}}</style></head>
<body>
<h1>${escapeHtml(words.heading(input.month))}</h1>
<p>${escapeHtml(words.intro(input.agencyName, input.clientName, input.thresholdPercent, flagged))}</p>
<p>${escapeHtml(totals)}${figures.otherCurrencies.length ? ` ${escapeHtml(words.otherCurrencies(figures.otherCurrencies.join(', ')))}` : ''}</p>
${barChart(
  words.brandChart,
  brands,
  [
    { key: 'forecast', label: words.forecast, of: (r) => r.forecast },
    { key: 'committed', label: words.committedInMonth, of: (r) => r.committedInMonth },
  ],
  language,
  words,
)}
<h2>${escapeHtml(words.brands)}</h2>
${table(brands, true, language, words)}
${barChart(
  words.jobChart,
  byCommitted,
  [
    { key: 'signed', label: words.signed, of: (r) => r.signed },
    { key: 'committed', label: words.committed, of: (r) => r.committed },
    { key: 'billed', label: words.billed, of: (r) => r.billed },
  ],
  language,
  words,
)}
<h2>${escapeHtml(words.jobs)}</h2>
${table(jobs, false, language, words)}
<p style="color:#555">${escapeHtml(words.generated(input.generatedAt))}${input.updatedAt ? ` ${escapeHtml(words.updated(input.updatedAt))}` : ''}</p>
</body></html>
`;
}

export function renderReconciliationCsv(figures: Figures): string {
  const header = [
    'kind',
    'id',
    'label',
    'currency',
    'signed',
    'committed',
    'billed',
    'committed_in_month',
    'forecast',
    'flags',
  ];
  const major = (m: Money | undefined) => (m ? toMajorString(m) : '');
  const lines = figures.rows.map((r) =>
    [
      r.kind,
      r.id,
      r.label,
      r.signed.currency,
      major(r.signed),
      major(r.committed),
      major(r.billed),
      major(r.committedInMonth),
      major(r.forecast),
      r.flags
        .map((f) => `${f.kind} ${toMajorString(f.variance)}${f.reason ? ` (${f.reason})` : ''}`)
        .join('; '),
    ]
      .map(csvText)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
