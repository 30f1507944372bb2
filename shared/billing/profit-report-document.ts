import { csvText } from '../platform/csv.js';
import { escapeHtml } from '../platform/emails.js';
import { formatMoment, type Language } from '../platform/i18n.js';
import { formatMoney, formatNumber, type Money, toMajorString } from '../platform/money.js';
import type { ProfitFigures } from './profit-figures.js';
import { profitabilityWords } from './time-messages.js';
import type { JobProfit } from './time-schemas.js';

/**
 * The monthly profitability report as people read it: HTML in the reader's language, with its
 * charts drawn on the server as inline SVG (no script, prints as it shows), and a CSV of every
 * job row for finance (column names fixed, amounts in major units).
 */
export interface ClientMonth {
  clientId: string;
  clientName: string;
  totals: ProfitFigures[];
  jobs: JobProfit[];
}

export interface ReportFigures {
  month: string;
  currencies: ProfitFigures[];
  clients: ClientMonth[];
}

const colours = {
  revenue: '#1d4ed8',
  directCosts: '#f59e0b',
  timeCost: '#8b5cf6',
  margin: '#10b981',
} as const;

function barChart(
  title: string,
  rows: { label: string; figures: ProfitFigures }[],
  language: Language,
  caption: (shown: number, all: number) => string,
): string {
  const w = profitabilityWords[language];
  const series = (['revenue', 'directCosts', 'timeCost', 'margin'] as const).map((key) => ({
    key,
    label: w.columns[key],
  }));
  const shown = rows.slice(0, 30);
  const max = Math.max(1, ...shown.flatMap((r) => series.map((s) => Math.abs(r.figures[s.key].amountMinor))));
  const bar = 9;
  const groupHeight = series.length * (bar + 2) + 10;
  const labelWidth = 220;
  const plotWidth = 440;
  const height = 30 + shown.length * groupHeight + 24;
  const groups = shown
    .map((r, i) => {
      const y = 30 + i * groupHeight;
      const bars = series
        .map((s, j) => {
          const value = r.figures[s.key];
          const width = Math.round((Math.abs(value.amountMinor) / max) * plotWidth);
          const fill = value.amountMinor < 0 ? '#dc2626' : colours[s.key];
          return `<rect x="${labelWidth}" y="${y + j * (bar + 2)}" width="${width}" height="${bar}" fill="${fill}"><title>${escapeHtml(`${s.label}: ${formatMoney(value, language)}`)}</title></rect>`;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + bar}" text-anchor="end" font-size="11">${escapeHtml(r.label.slice(0, 34))}</text>${bars}`;
    })
    .join('\n');
  const legend = series
    .map(
      (s, j) =>
        `<rect x="${labelWidth + j * 110}" y="${height - 16}" width="10" height="10" fill="${colours[s.key]}"/><text x="${labelWidth + j * 110 + 14}" y="${height - 7}" font-size="11">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  const width = labelWidth + plotWidth + 20;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif">
<text x="0" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>
${groups}
${legend}
</svg>${rows.length > shown.length ? `<figcaption>${escapeHtml(caption(shown.length, rows.length))}</figcaption>` : ''}</figure>`;
}

const percent = (value: number | null | undefined, language: Language) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);

const hours = (minutes: number, language: Language) => formatNumber(minutes / 60, 1, language);

function table(
  head: string[],
  rows: { label: string; figures: ProfitFigures; planned?: number | null }[],
  language: Language,
): string {
  const money = (m: Money) => formatMoney(m, language);
  const body = rows
    .map(({ label, figures: f, planned }) => {
      const cells = [
        label,
        money(f.revenue),
        money(f.directCosts),
        money(f.timeCost),
        hours(f.minutes, language),
        money(f.margin),
        percent(f.marginPercent, language),
        ...(head.length > 7 ? [percent(planned, language)] : []),
      ];
      return `<tr${f.margin.amountMinor < 0 ? ' class="loss"' : ''}>${cells.map((c, i) => `<td${i > 0 ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head.map((h, i) => `<th${i > 0 ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table>`;
}

export function renderProfitabilityHtml(input: {
  agencyName: string;
  figures: ReportFigures;
  generatedAt: string;
  timeZone: string;
  language: Language;
}): string {
  const { figures, language } = input;
  const w = profitabilityWords[language];
  const c = w.columns;
  const main = figures.currencies[0]?.currency;
  const clientRows = figures.clients
    .flatMap((client) => client.totals.map((t) => ({ label: client.clientName, figures: t })))
    .sort((a, b) => b.figures.revenue.amountMinor - a.figures.revenue.amountMinor);
  const jobRows = figures.clients.flatMap((client) =>
    client.jobs.map((j) => ({
      label: `${client.clientName} · ${j.jobNumber} ${j.title}`,
      figures: j as ProfitFigures,
      planned: j.planned?.plannedMarginPercent,
    })),
  );
  const byMargin = [...jobRows].sort((a, b) => b.figures.margin.amountMinor - a.figures.margin.amountMinor);
  const extremes = byMargin.length > 20 ? [...byMargin.slice(0, 10), ...byMargin.slice(-10)] : byMargin;
  const jobCount = jobRows.length;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(w.title(figures.month))}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;font-size:12px}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.loss td{background:#fef2f2}figure{margin:1rem 0}@page{size:A4 landscape;margin:12mm}@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}}</style></head>
<body>
<h1>${escapeHtml(w.title(figures.month))}</h1>
<p>${escapeHtml(w.intro(input.agencyName, figures.clients.length, jobCount))}</p>
${
  figures.currencies.length === 0
    ? `<p>${escapeHtml(w.noActivity)}</p>`
    : figures.currencies
        .map(
          (t) => `<h2>${escapeHtml(w.totals(t.currency))}</h2>
${table([c.client, c.revenue, c.directCosts, c.timeCost, c.hours, c.margin, c.marginPercent], [{ label: t.currency, figures: t }], language)}`,
        )
        .join('\n')
}
${
  main
    ? barChart(
        w.byClient,
        clientRows.filter((r) => r.figures.currency === main),
        language,
        w.chartCaption,
      )
    : ''
}
<h2>${escapeHtml(w.byClient)}</h2>
${table([c.client, c.revenue, c.directCosts, c.timeCost, c.hours, c.margin, c.marginPercent], clientRows, language)}
<h2>${escapeHtml(w.topJobs)}</h2>
${table([c.job, c.revenue, c.directCosts, c.timeCost, c.hours, c.margin, c.marginPercent, c.planned], extremes, language)}
<p style="color:#555">${escapeHtml(w.generated(formatMoment(input.generatedAt, input.timeZone, language)))}</p>
</body></html>
`;
}

export function renderProfitabilityCsv(figures: ReportFigures): string {
  const header = [
    'month',
    'client_id',
    'client',
    'job_id',
    'job_number',
    'job',
    'currency',
    'fees',
    'commission',
    'rebilled',
    'revenue',
    'direct_costs',
    'time_cost',
    'hours',
    'margin',
    'margin_percent',
    'planned_margin_percent',
  ];
  const lines = figures.clients.flatMap((client) =>
    client.jobs.map((j) =>
      [
        figures.month,
        client.clientId,
        client.clientName,
        j.jobId,
        j.jobNumber,
        j.title,
        j.currency,
        toMajorString(j.fees),
        toMajorString(j.commission),
        toMajorString(j.rebilled),
        toMajorString(j.revenue),
        toMajorString(j.directCosts),
        toMajorString(j.timeCost),
        (j.minutes / 60).toFixed(2),
        toMajorString(j.margin),
        j.marginPercent === null ? '' : String(j.marginPercent),
        j.planned?.plannedMarginPercent == null ? '' : String(j.planned.plannedMarginPercent),
      ]
        .map(csvText)
        .join(','),
    ),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
