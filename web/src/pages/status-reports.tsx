import { useState } from 'preact/hooks';
import { api, ifMatch, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, ProblemView, Section } from '../ui/kit';

/** Who may send a report to the client (again): the account executive and above (the server decides). */
const senders = [
  'account_executive',
  'account_manager',
  'account_director',
  'group_account_director',
  'head_of_accounts',
];

/**
 * The client's status reports on the client page (issue 15 §2): their cadence (set by the account
 * manager and above), each period with its counts, the HTML and CSV (fresh presigned downloads,
 * fetched on the click), make the running period's now, and send one to the client's senior contacts:
 * the emails that went, or that none did, and send it again.
 */
export function StatusReports(props: { clientId: string }) {
  const { clientId } = props;
  const { me } = useApp();
  const load = useLoad(
    () => must(api.GET('/clients/{clientId}/status-reports', { params: { path: { clientId } } })),
    [clientId],
  );
  const generate = useAction(async () => {
    await must(api.POST('/clients/{clientId}/status-reports', { params: { path: { clientId } }, body: {} }));
    load.reload();
  });
  const send = useAction(async (statusReportId: string) => {
    await must(
      api.POST('/clients/{clientId}/status-reports/{statusReportId}/send', {
        params: { path: { clientId, statusReportId } },
      }),
    );
    load.reload();
  });
  // Under the version shown: of two clicks at once (two people), one emails; the other is told it changed.
  const sendAgain = useAction(async (statusReportId: string, version: number) => {
    await must(
      api.POST('/clients/{clientId}/status-reports/{statusReportId}/resend', {
        params: { path: { clientId, statusReportId }, header: ifMatch(version) },
      }),
    );
    load.reload();
  });
  const download = useAction(async (statusReportId: string, format: 'html' | 'csv') => {
    const report = await must(
      api.GET('/clients/{clientId}/status-reports/{statusReportId}', {
        params: { path: { clientId, statusReportId } },
      }),
    );
    const file = report.downloads?.[format];
    if (file) window.location.assign(file.url);
  });
  const error = generate.error ?? send.error ?? sendAgain.error ?? download.error;
  return (
    <Section title={t('statusReports.title')} id="status-reports">
      <Cadence clientId={clientId} onSaved={() => load.reload()} />
      <p>
        <button type="button" disabled={generate.busy} onClick={() => generate.act()}>
          {t('statusReports.generate')}
        </button>
      </p>
      {error !== undefined && <ProblemView error={error} />}
      <Async load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('statusReports.none')}</Empty>
          ) : (
            <ul class="plain">
              {items.map((r) => (
                <li key={r.reportId}>
                  {t(`statusReports.period.${r.frequency}`, {
                    date: formats.date(r.weekStart),
                    end: formats.date(r.weekEnd),
                  })}{' '}
                  {!r.final && <Badge>{t('statusReports.soFar')}</Badge>}{' '}
                  {r.counts.overdueMilestones + r.counts.clientNextStepsOverdue > 0 && (
                    <Badge tone="warn">
                      {t('statusReports.overdue', {
                        count: r.counts.overdueMilestones + r.counts.clientNextStepsOverdue,
                      })}
                    </Badge>
                  )}{' '}
                  · {t('statusReports.waitingOnClient', { count: r.counts.waitingOnClient })} ·{' '}
                  <button type="button" class="link" onClick={() => download.act(r.reportId, 'html')}>
                    {t('statusReports.report')}
                  </button>{' '}
                  ·{' '}
                  <button type="button" class="link" onClick={() => download.act(r.reportId, 'csv')}>
                    {t('statusReports.csv')}
                  </button>{' '}
                  ·{' '}
                  {r.sentToClient ? (
                    <>
                      <span>{t('statusReports.sent', { date: formats.date(r.sentToClient.at) })}</span>{' '}
                      {r.sendings?.length ? (
                        <span class="muted">
                          {r.sendings
                            .map((x) =>
                              t('statusReports.emailedTo', { to: x.to, date: formats.dateTime(x.sentAt) }),
                            )
                            .join('; ')}
                        </span>
                      ) : (
                        <Badge tone="bad">{t('statusReports.notEmailed')}</Badge>
                      )}{' '}
                      {senders.includes(me.role) && (
                        <button
                          type="button"
                          disabled={sendAgain.busy}
                          onClick={() => sendAgain.act(r.reportId, r.version)}
                        >
                          {t('statusReports.sendAgain')}
                        </button>
                      )}
                    </>
                  ) : (
                    <button type="button" disabled={send.busy} onClick={() => send.act(r.reportId)}>
                      {t('statusReports.send')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Section>
  );
}

type Frequency = Schemas['ReportCadence']['frequency'];
const frequencies: Frequency[] = ['weekly', 'fortnightly', 'monthly', 'none'];
const weekdays = [1, 2, 3, 4, 5];

/** How often the report is made and the weekday it goes out; the API refuses those below the AM in plain words. */
function Cadence(props: { clientId: string; onSaved: () => void }) {
  const { clientId } = props;
  const load = useLoad(
    () => must(api.GET('/clients/{clientId}/status-report-cadence', { params: { path: { clientId } } })),
    [clientId],
  );
  const [edit, setEdit] = useState<{ frequency: Frequency; weekday: number }>();
  const save = useAction(async (version: number, body: { frequency: Frequency; weekday: number }) => {
    await must(
      api.PUT('/clients/{clientId}/status-report-cadence', {
        // The default cadence (version 0) is stored by the first set, which takes no If-Match.
        // (The document lists If-Match as required for every locked route; this one is optional.)
        params: {
          path: { clientId },
          header: version > 0 ? ifMatch(version) : ({} as ReturnType<typeof ifMatch>),
        },
        body,
      }),
    );
    setEdit(undefined);
    load.reload();
    props.onSaved();
  });
  return (
    <Async load={load}>
      {(cadence) => {
        const shown = edit ?? { frequency: cadence.frequency, weekday: cadence.weekday };
        return (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void save.act(cadence.version, shown);
            }}
          >
            <label>
              {t('statusReports.cadence')}{' '}
              <select
                value={shown.frequency}
                onChange={(e) => setEdit({ ...shown, frequency: e.currentTarget.value as Frequency })}
              >
                {frequencies.map((f) => (
                  <option key={f} value={f}>
                    {t(`statusReports.frequency.${f}`)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t('statusReports.weekday')}{' '}
              <select
                value={String(shown.weekday)}
                disabled={shown.frequency === 'none'}
                onChange={(e) => setEdit({ ...shown, weekday: Number(e.currentTarget.value) })}
              >
                {weekdays.map((d) => (
                  <option key={d} value={String(d)}>
                    {formats.weekday(d)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit" disabled={save.busy || edit === undefined}>
              {t('statusReports.saveCadence')}
            </button>
            {save.error !== undefined && <ProblemView error={save.error} />}
          </form>
        );
      }}
    </Async>
  );
}
