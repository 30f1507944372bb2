import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ifMatch, must, type Schemas } from '../api/client';
import { formats, t, weekLabel } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Field, Form, Page, ProblemView, Section } from '../ui/kit';
import { minutesOf } from './hours';

type Money = { amountMinor: number; currency: string };
const activities = [
  'account_management',
  'client_meeting',
  'strategy',
  'creative',
  'production',
  'media',
  'research',
  'travel',
  'other',
] as const;
type Activity = (typeof activities)[number];

/** The ISO week (`YYYY-Www`) of a day. */
function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The week before or after (a Thursday ± 7 days stays in the neighbouring ISO week). */
const shiftWeek = (days: string[], by: number) =>
  isoWeekOf(new Date(new Date(`${days[3]}T12:00:00Z`).getTime() + by * 7 * 86_400_000));

interface Row {
  jobId: string;
  activity: Activity;
  minutes: Record<string, string>;
}

const hoursText = (minutes: number) => (minutes ? String(Math.round((minutes / 60) * 100) / 100) : '');

/** The staff member's week as a grid: a row per job and activity, a column per day, hours in each cell; save, then submit. */
export function TimesheetScreen(props: { week?: string }) {
  const { route } = useLocation();
  const week = props.week ?? isoWeekOf(new Date());
  const load = useLoad(() => must(api.GET('/me/timesheets/{week}', { params: { path: { week } } })), [week]);
  return (
    <Page title={t('time.title')} subtitle={t('time.subtitle')}>
      <Async load={load}>
        {(sheet) => (
          <WeekGrid
            key={`${sheet.week}-${sheet.version}`}
            sheet={sheet}
            onSaved={load.reload}
            go={(by) => route(`/timesheet/${shiftWeek(sheet.days, by)}`)}
          />
        )}
      </Async>
    </Page>
  );
}

function WeekGrid(props: { sheet: Schemas['MyTimesheet']; onSaved: () => void; go: (by: number) => void }) {
  const { sheet } = props;
  const initial = (): Row[] => {
    const rows = new Map<string, Row>();
    for (const e of sheet.entries) {
      const key = `${e.jobId}|${e.activity}`;
      const row = rows.get(key) ?? { jobId: e.jobId, activity: e.activity, minutes: {} };
      row.minutes[e.date] = hoursText(e.minutes);
      rows.set(key, row);
    }
    return [...rows.values()];
  };
  const [rows, setRows] = useState<Row[]>(initial);
  const [adding, setAdding] = useState({
    jobId: sheet.jobs[0]?.jobId ?? '',
    activity: 'client_meeting' as Activity,
  });
  useEffect(() => setRows(initial()), [sheet.version]);
  const locked = sheet.status === 'submitted' || sheet.status === 'approved';
  const jobLabel = (jobId: string) => {
    const job = sheet.jobs.find((j) => j.jobId === jobId);
    return job ? `${job.clientName} · ${job.jobNumber} ${job.title}` : jobId;
  };
  const entries = () =>
    rows.flatMap((r) =>
      sheet.days.flatMap((date) => {
        const minutes = minutesOf(r.minutes[date] ?? '') ?? 0;
        return minutes > 0 ? [{ jobId: r.jobId, date, activity: r.activity, minutes }] : [];
      }),
    );
  const unreadable = rows.some((r) => sheet.days.some((d) => minutesOf(r.minutes[d] ?? '') === undefined));
  const save = useAction(async () => {
    // A cell that is not hours is never saved as nothing: the reader corrects it first.
    if (unreadable) return;
    await must(
      api.PUT('/me/timesheets/{week}', {
        params: { path: { week: sheet.week }, header: ifMatch(sheet.version) },
        body: { entries: entries() },
      }),
    );
    props.onSaved();
  });
  const submit = useAction(async () => {
    await must(
      api.POST('/me/timesheets/{week}/submit', {
        params: { path: { week: sheet.week }, header: ifMatch(sheet.version) },
      }),
    );
    props.onSaved();
  });
  const hoursIn = (cells: string[]) => cells.reduce((sum, cell) => sum + (minutesOf(cell) ?? 0), 0) / 60;
  const dayTotal = (date: string) => hoursIn(rows.map((r) => r.minutes[date] ?? ''));
  const rowTotal = (r: Row) => hoursIn(sheet.days.map((d) => r.minutes[d] ?? ''));
  const weekTotal = rows.reduce((sum, r) => sum + rowTotal(r), 0);
  return (
    <>
      <p>
        <button type="button" onClick={() => props.go(-1)}>
          {t('time.previousWeek')}
        </button>{' '}
        <strong>
          {weekLabel(sheet.week)} · {formats.date(sheet.days[0]!)} – {formats.date(sheet.days[6]!)}
        </strong>{' '}
        <button type="button" onClick={() => props.go(1)}>
          {t('time.nextWeek')}
        </button>{' '}
        <Badge tone={sheet.status === 'approved' ? 'good' : sheet.status === 'returned' ? 'warn' : 'neutral'}>
          {t(`time.status.${sheet.status}`)}
        </Badge>
      </p>
      {sheet.returnReason && sheet.status === 'returned' && (
        <p role="note">
          {t('time.returned')}: {sheet.returnReason}
        </p>
      )}
      <table class="grid">
        <caption class="visually-hidden">{t('time.gridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('time.job')}</th>
            <th scope="col">{t('time.activity')}</th>
            {sheet.days.map((d) => (
              <th scope="col" key={d}>
                {formats.weekdayDate(d)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('time.rowTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.jobId}|${r.activity}`}>
              <th scope="row">{jobLabel(r.jobId)}</th>
              <td>{t(`time.activities.${r.activity}`)}</td>
              {sheet.days.map((d) => (
                <td key={d}>
                  <input
                    aria-label={`${jobLabel(r.jobId)}, ${t(`time.activities.${r.activity}`)}, ${formats.weekdayDate(d)}`}
                    aria-invalid={minutesOf(r.minutes[d] ?? '') === undefined ? 'true' : undefined}
                    inputMode="decimal"
                    size={4}
                    disabled={locked}
                    value={r.minutes[d] ?? ''}
                    onInput={(e) => {
                      const value = (e.target as HTMLInputElement).value;
                      setRows(
                        rows.map((x, j) => (j === i ? { ...x, minutes: { ...x.minutes, [d]: value } } : x)),
                      );
                    }}
                  />
                </td>
              ))}
              <td class="num">{formats.number(rowTotal(r))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('time.hoursPerDay')}
            </th>
            {sheet.days.map((d) => (
              <td key={d}>{formats.number(dayTotal(d))}</td>
            ))}
            <td class="num">{formats.number(weekTotal)}</td>
          </tr>
        </tfoot>
      </table>
      {!locked && (
        <>
          <p>
            <label>
              {t('time.job')}{' '}
              <select
                value={adding.jobId}
                onChange={(e) => setAdding({ ...adding, jobId: (e.target as HTMLSelectElement).value })}
              >
                {sheet.jobs.map((j) => (
                  <option key={j.jobId} value={j.jobId}>
                    {jobLabel(j.jobId)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t('time.activity')}{' '}
              <select
                value={adding.activity}
                onChange={(e) =>
                  setAdding({ ...adding, activity: (e.target as HTMLSelectElement).value as Activity })
                }
              >
                {activities.map((a) => (
                  <option key={a} value={a}>
                    {t(`time.activities.${a}`)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              disabled={
                !adding.jobId || rows.some((r) => r.jobId === adding.jobId && r.activity === adding.activity)
              }
              onClick={() => setRows([...rows, { ...adding, minutes: {} }])}
            >
              {t('time.addRow')}
            </button>
          </p>
          {sheet.jobs.length === 0 && <Empty>{t('time.noJobs')}</Empty>}
          <Form
            label={t('time.save')}
            submitLabel={t('time.save')}
            onSubmit={save.act}
            busy={save.busy}
            error={save.error}
          >
            <p class="muted">{t('time.priced')}</p>
            {unreadable && (
              <p class="problem" role="alert">
                {t('time.unreadableHours')}
              </p>
            )}
          </Form>
          {sheet.version > 0 && (
            <p>
              <button type="button" class="primary" disabled={submit.busy} onClick={() => void submit.act()}>
                {t('time.submit')}
              </button>
              {submit.error !== undefined && <ProblemView error={submit.error} />}
            </p>
          )}
        </>
      )}
      <p>
        <a href="/timesheets/approvals">{t('time.approvals.title')}</a>
      </p>
    </>
  );
}

/** The weeks waiting for the line manager: open one, approve it or return it with a reason. */
export function TimesheetApprovals() {
  const list = useLoad(() => must(api.GET('/me/timesheet-approvals')), []);
  return (
    <Page title={t('time.approvals.title')} subtitle={t('time.approvals.subtitle')}>
      <Async load={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('time.approvals.none')}</Empty>
          ) : (
            items.map((s) => (
              <Waiting
                key={`${s.staffId}-${s.week}`}
                staffId={s.staffId}
                week={s.week}
                onDone={list.reload}
              />
            ))
          )
        }
      </Async>
    </Page>
  );
}

function Waiting(props: { staffId: string; week: string; onDone: () => void }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/staff/{staffId}/timesheets/{week}', {
          params: { path: { staffId: props.staffId, week: props.week } },
        }),
      ),
    [props.staffId, props.week],
  );
  const [reason, setReason] = useState('');
  const decide = useAction(async (sheet: Schemas['Timesheet'], decision: 'approve' | 'return') => {
    await must(
      api.POST('/staff/{staffId}/timesheets/{week}/decision', {
        params: {
          path: { staffId: props.staffId, week: props.week },
          header: ifMatch(sheet.version),
        },
        body: decision === 'return' ? { decision, reason } : { decision },
      }),
    );
    props.onDone();
  });
  return (
    <Async load={load}>
      {(sheet) => (
        <Section
          id={`sheet-${sheet.staffId}-${sheet.week}`}
          title={`${sheet.staffName ?? sheet.staffId} · ${weekLabel(sheet.week)}`}
        >
          <p>{t('time.totalHours', { hours: formats.number(sheet.totalMinutes / 60) })}</p>
          <SheetEntries sheet={sheet} />
          <p>
            <button
              type="button"
              class="primary"
              disabled={decide.busy}
              onClick={() => void decide.act(sheet, 'approve')}
            >
              {t('time.approvals.approve')}
            </button>
          </p>
          <Form
            label={t('time.approvals.return')}
            submitLabel={t('time.approvals.return')}
            onSubmit={() => decide.act(sheet, 'return')}
            busy={decide.busy}
            error={decide.error}
          >
            <Field label={t('time.approvals.reason')} value={reason} onValue={setReason} />
          </Form>
        </Section>
      )}
    </Async>
  );
}

/** A submitted week's entries, each with the job it was worked on (its number and title). */
function SheetEntries(props: { sheet: Schemas['Timesheet'] }) {
  const jobIds = [...new Set(props.sheet.entries.map((e) => e.jobId))];
  const jobs = useLoad(
    () =>
      Promise.all(
        jobIds.map((jobId) =>
          // A job the approver may not open is listed without its name rather than not at all.
          must(api.GET('/jobs/{jobId}', { params: { path: { jobId } } })).catch(() => undefined),
        ),
      ),
    [jobIds.join()],
  );
  const jobOf = (jobId: string) =>
    jobs.state === 'ready' ? jobs.data.find((j) => j?.jobId === jobId) : undefined;
  return (
    <ul class="plain">
      {props.sheet.entries.map((e) => {
        const job = jobOf(e.jobId);
        return (
          <li key={e.entryId}>
            {formats.date(e.date)} · {job && <>{`${job.jobNumber} ${job.title}`} · </>}
            {t(`time.activities.${e.activity}`)} · {formats.number(e.minutes / 60)} h
            {e.note ? ` · ${e.note}` : ''}
          </li>
        );
      })}
    </ul>
  );
}

const figureKeys = ['revenue', 'directCosts', 'timeCost', 'margin'] as const;
const colours: Record<(typeof figureKeys)[number], string> = {
  revenue: '#1d4ed8',
  directCosts: '#f59e0b',
  timeCost: '#8b5cf6',
  margin: '#10b981',
};

/** Revenue, bills, time and margin per row, as SVG bars (a loss in red). */
function ProfitBars(props: {
  title: string;
  rows: { label: string; figures: Record<(typeof figureKeys)[number], Money> }[];
}) {
  const max = Math.max(
    1,
    ...props.rows.flatMap((r) => figureKeys.map((k) => Math.abs(r.figures[k].amountMinor))),
  );
  const width = 320;
  const group = figureKeys.length * 11 + 10;
  return (
    <svg role="img" aria-label={props.title} width={width + 200} height={props.rows.length * group + 10}>
      {props.rows.map((r, i) => (
        <g key={r.label} transform={`translate(0 ${i * group + 5})`}>
          <text x={190} y={12} text-anchor="end" font-size={11}>
            {r.label.slice(0, 30)}
          </text>
          {figureKeys.map((k, j) => (
            <rect
              key={k}
              x={200}
              y={j * 11}
              height={9}
              width={(Math.abs(r.figures[k].amountMinor) / max) * width}
              fill={r.figures[k].amountMinor < 0 ? '#dc2626' : colours[k]}
            >
              <title>{`${t(`time.profit.${k}`)}: ${formats.money(r.figures[k])}`}</title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formats.percent(value / 100);

function FiguresTable(props: {
  rows: {
    label: string;
    figures: Schemas['JobProfit'] | Schemas['ClientProfit']['totals'][number];
    planned?: number | null;
  }[];
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col" />
          {figureKeys.map((k) => (
            <th scope="col" key={k}>
              {t(`time.profit.${k}`)}
            </th>
          ))}
          <th scope="col">{t('time.profit.hours')}</th>
          <th scope="col">{t('time.profit.marginPercent')}</th>
          <th scope="col">{t('time.profit.planned')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {figureKeys.map((k) => (
              <td key={k}>{formats.money(r.figures[k])}</td>
            ))}
            <td>{formats.number(Math.round((r.figures.minutes / 60) * 10) / 10)}</td>
            <td>{percent(r.figures.marginPercent)}</td>
            <td>{percent(r.planned)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A job's profit: revenue, vendors' bills, time at cost and margin, against the signed estimate's plan. */
export function JobProfitScreen(props: { jobId?: string }) {
  const jobId = props.jobId ?? '';
  const load = useLoad(() => must(api.GET('/jobs/{jobId}/profit', { params: { path: { jobId } } })), [jobId]);
  return (
    <Page
      title={t('time.profit.jobTitle')}
      actions={<a href={`/jobs/${jobId}`}>{t('time.profit.backToJob')}</a>}
    >
      <Async load={load}>
        {(p) => (
          <>
            <ProfitBars
              title={t('time.profit.chart')}
              rows={[{ label: `${p.jobNumber} ${p.title}`, figures: p }]}
            />
            <FiguresTable
              rows={[
                { label: `${p.jobNumber} ${p.title}`, figures: p, planned: p.planned?.plannedMarginPercent },
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}

const monthStart = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
};

/** A client's profit over a period: per job and per month, with charts. */
export function ClientProfitScreen(props: { clientId?: string }) {
  const clientId = props.clientId ?? '';
  const [from, setFrom] = useState(monthStart(-11));
  const [to, setTo] = useState(
    new Date(new Date(`${monthStart(1)}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10),
  );
  const load = useLoad(
    () =>
      must(api.GET('/clients/{clientId}/profit', { params: { path: { clientId }, query: { from, to } } })),
    [clientId, from, to],
  );
  return (
    <Page
      title={t('time.profit.clientTitle')}
      actions={<a href={`/clients/${clientId}`}>{t('time.profit.backToClient')}</a>}
    >
      <p>
        <Field label={t('time.profit.from')} type="date" value={from} onValue={setFrom} />{' '}
        <Field label={t('time.profit.to')} type="date" value={to} onValue={setTo} />
      </p>
      <Async load={load}>
        {(p) =>
          p.jobs.length === 0 ? (
            <Empty>{t('time.profit.none')}</Empty>
          ) : (
            <>
              <h2>{p.clientName}</h2>
              <FiguresTable rows={p.totals.map((f) => ({ label: f.currency, figures: f }))} />
              <ProfitBars
                title={t('time.profit.byMonth')}
                rows={p.months.map((m) => ({
                  label: `${formats.monthYear(`${m.month}-01`)} ${m.currency}`,
                  figures: m,
                }))}
              />
              <h3>{t('time.profit.jobs')}</h3>
              <FiguresTable
                rows={p.jobs.map((j) => ({
                  label: `${j.jobNumber} ${j.title} (${j.currency})`,
                  figures: j,
                  planned: j.planned?.plannedMarginPercent,
                }))}
              />
            </>
          )
        }
      </Async>
    </Page>
  );
}
