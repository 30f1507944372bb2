import { useState } from 'preact/hooks';
import { api, ifMatch, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Field, Form, Page, ProblemView, Section, TextArea } from '../ui/kit';

type WorkReport = Schemas['WorkReport'];

/** The month before this one (`YYYY-MM`): the report an account manager usually writes. */
const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

/** Opens a report's HTML or CSV: a fresh presigned download, fetched on the click. */
async function openFile(report: WorkReport, format: 'html' | 'csv') {
  const full = await must(
    api.GET('/staff/{staffId}/work-reports/{month}', {
      params: { path: { staffId: report.staffId, month: report.month } },
    }),
  );
  const file = full.downloads?.[format];
  if (file) window.location.assign(file.url);
}

function Counts(props: { report: WorkReport }) {
  const c = props.report.counts;
  return (
    <p class="muted">
      {t('workReports.counts', {
        opened: c.jobsOpened,
        moved: c.jobsMoved,
        finished: c.jobsFinished,
        signOffs: c.signOffs,
        minutes: c.contactReports,
      })}{' '}
      · {t('workReports.waiting', { client: c.waitingOnClientDays, agency: c.waitingOnAgencyDays })} ·{' '}
      {t('workReports.nextMonth', { jobs: c.nextMonthJobs, milestones: c.nextMonthMilestones })}
    </p>
  );
}

/**
 * A sent report's emails to the director (when, to whom), or that the email did not go; and send
 * it again (If-Match) — the manager and those up their line, who are the ones who see it sent.
 */
function Emails(props: { report: WorkReport; onChanged: () => void }) {
  const r = props.report;
  const again = useAction(async () => {
    await must(
      api.POST('/staff/{staffId}/work-reports/{month}/resend', {
        params: { path: { staffId: r.staffId, month: r.month }, header: ifMatch(r.version) },
      }),
    );
    props.onChanged();
  });
  if (r.status !== 'sent') return null;
  return (
    <div>
      <p>
        {r.sendings?.length ? (
          t('workReports.emailed', {
            sendings: r.sendings
              .map((x) => t('workReports.emailedTo', { to: x.to, date: formats.dateTime(x.sentAt) }))
              .join('; '),
          })
        ) : (
          <Badge tone="bad">{t('workReports.notEmailed')}</Badge>
        )}{' '}
        <button type="button" disabled={again.busy} onClick={() => again.act()}>
          {t('workReports.sendAgain')}
        </button>
      </p>
      {again.error !== undefined && <ProblemView error={again.error} />}
    </div>
  );
}

/** One of the manager's own reports: a draft they edit (their summary and plan, If-Match) and send. */
function OwnReport(props: { report: WorkReport; onChanged: () => void }) {
  const r = props.report;
  const [summary, setSummary] = useState(r.summary ?? '');
  const [plan, setPlan] = useState(r.plan ?? '');
  const save = useAction(async () => {
    await must(
      api.PATCH('/staff/{staffId}/work-reports/{month}', {
        params: { path: { staffId: r.staffId, month: r.month }, header: ifMatch(r.version) },
        body: { summary: summary.trim() || null, plan: plan.trim() || null },
      }),
    );
    props.onChanged();
  });
  const send = useAction(async () => {
    await must(
      api.POST('/staff/{staffId}/work-reports/{month}/send', {
        params: { path: { staffId: r.staffId, month: r.month }, header: ifMatch(r.version) },
      }),
    );
    props.onChanged();
  });
  const open = useAction(openFile);
  const edited = summary !== (r.summary ?? '') || plan !== (r.plan ?? '');
  return (
    <Section
      title={formats.monthYear(`${r.month}-01`)}
      id={`work-report-${r.month}`}
      actions={
        <Badge tone={r.status === 'draft' ? 'warn' : 'neutral'}>{t(`workReports.status.${r.status}`)}</Badge>
      }
    >
      <Counts report={r} />
      <p>
        <button type="button" class="link" onClick={() => open.act(r, 'html')}>
          {t('workReports.open')}
        </button>{' '}
        ·{' '}
        <button type="button" class="link" onClick={() => open.act(r, 'csv')}>
          {t('workReports.csv')}
        </button>
        {r.sentTo && (
          <> · {t('workReports.sentTo', { name: r.sentTo.name, date: formats.date(r.sentTo.at) })}</>
        )}
      </p>
      {open.error !== undefined && <ProblemView error={open.error} />}
      {r.status === 'draft' ? (
        <>
          <Form
            label={t('workReports.edit')}
            onSubmit={() => save.act()}
            busy={save.busy}
            error={save.error}
            submitLabel={t('common.save')}
          >
            <TextArea label={t('workReports.summary')} value={summary} onValue={setSummary} rows={4} />
            <TextArea label={t('workReports.plan')} value={plan} onValue={setPlan} rows={4} />
          </Form>
          <p>
            <button type="button" disabled={send.busy || edited} onClick={() => send.act()}>
              {t('workReports.send')}
            </button>{' '}
            {edited && <span class="muted">{t('workReports.saveFirst')}</span>}
          </p>
          {send.error !== undefined && <ProblemView error={send.error} />}
        </>
      ) : (
        <>
          <Emails report={r} onChanged={props.onChanged} />
          {r.summary && <p class="text">{r.summary}</p>}
          {r.plan && <p class="text">{r.plan}</p>}
        </>
      )}
    </Section>
  );
}

function OwnReports(props: { staffId: string }) {
  const load = useLoad(
    () => must(api.GET('/staff/{staffId}/work-reports', { params: { path: { staffId: props.staffId } } })),
    [props.staffId],
  );
  const [month, setMonth] = useState(lastMonth());
  const make = useAction(async () => {
    await must(
      api.POST('/staff/{staffId}/work-reports', {
        params: { path: { staffId: props.staffId } },
        body: { month },
      }),
    );
    load.reload();
  });
  return (
    <>
      <Section title={t('workReports.make')}>
        <Form
          label={t('workReports.make')}
          onSubmit={() => make.act()}
          busy={make.busy}
          error={make.error}
          submitLabel={t('workReports.makeButton')}
        >
          <Field label={t('workReports.month')} type="month" value={month} onValue={setMonth} required />
        </Form>
      </Section>
      <Async load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('workReports.none')}</Empty>
          ) : (
            items.map((r) => <OwnReport key={`${r.month}-${r.version}`} report={r} onChanged={load.reload} />)
          )
        }
      </Async>
    </>
  );
}

/** The reports the caller's account managers sent them. */
function Received() {
  const load = useLoad(() => must(api.GET('/me/work-reports')), []);
  const open = useAction(openFile);
  return (
    <Section title={t('workReports.received')}>
      {open.error !== undefined && <ProblemView error={open.error} />}
      <Async load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('workReports.noneReceived')}</Empty>
          ) : (
            <ul class="plain">
              {items.map((r) => (
                <li key={`${r.staffId}-${r.month}`}>
                  <strong>{r.managerName}</strong> · {formats.monthYear(`${r.month}-01`)}
                  {r.sentTo && <> · {formats.date(r.sentTo.at)}</>}{' '}
                  <button type="button" class="link" onClick={() => open.act(r, 'html')}>
                    {t('workReports.open')}
                  </button>
                  <Counts report={r} />
                  <Emails report={r} onChanged={load.reload} />
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Section>
  );
}

/**
 * The account manager's monthly work report to their account director (issue 15 §2): the manager
 * makes, edits and sends theirs; a director reads the ones sent to them.
 */
export function WorkReports() {
  const { me } = useApp();
  return (
    <Page title={t('workReports.title')} subtitle={t('workReports.subtitle')}>
      {me.role === 'account_manager' && <OwnReports staffId={me.staffId} />}
      <Received />
    </Page>
  );
}
