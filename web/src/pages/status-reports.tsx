import { api, must } from '../api/client';
import { formats, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, ProblemView, Section } from '../ui/kit';

/**
 * The client's weekly status reports on the client page (issue 15 §2): each week with its counts,
 * the HTML and CSV (fresh presigned downloads, fetched on the click), make this week's now, and
 * send a week's report to the client's senior contacts.
 */
export function StatusReports(props: { clientId: string }) {
  const { clientId } = props;
  const load = useLoad(
    () => must(api.GET('/clients/{clientId}/status-reports', { params: { path: { clientId } } })),
    [clientId],
  );
  const generate = useAction(async () => {
    await must(api.POST('/clients/{clientId}/status-reports', { params: { path: { clientId } }, body: {} }));
    load.reload();
  });
  const send = useAction(async (weekStart: string) => {
    await must(
      api.POST('/clients/{clientId}/status-reports/{weekStart}/send', {
        params: { path: { clientId, weekStart } },
      }),
    );
    load.reload();
  });
  const download = useAction(async (weekStart: string, format: 'html' | 'csv') => {
    const report = await must(
      api.GET('/clients/{clientId}/status-reports/{weekStart}', {
        params: { path: { clientId, weekStart } },
      }),
    );
    const file = report.downloads?.[format];
    if (file) window.location.assign(file.url);
  });
  const error = generate.error ?? send.error ?? download.error;
  return (
    <Section title={t('statusReports.title')} id="status-reports">
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
                <li key={r.weekStart}>
                  {t('statusReports.week', { date: formats.date(r.weekStart) })}{' '}
                  {!r.final && <Badge>{t('statusReports.soFar')}</Badge>}{' '}
                  {r.counts.overdueMilestones + r.counts.clientNextStepsOverdue > 0 && (
                    <Badge tone="warn">
                      {t('statusReports.overdue', {
                        count: r.counts.overdueMilestones + r.counts.clientNextStepsOverdue,
                      })}
                    </Badge>
                  )}{' '}
                  · {t('statusReports.waitingOnClient', { count: r.counts.waitingOnClient })} ·{' '}
                  <button type="button" class="link" onClick={() => download.act(r.weekStart, 'html')}>
                    {t('statusReports.report')}
                  </button>{' '}
                  ·{' '}
                  <button type="button" class="link" onClick={() => download.act(r.weekStart, 'csv')}>
                    {t('statusReports.csv')}
                  </button>{' '}
                  ·{' '}
                  {r.sentToClient ? (
                    <span>{t('statusReports.sent', { date: formats.date(r.sentToClient.at) })}</span>
                  ) : (
                    <button type="button" disabled={send.busy} onClick={() => send.act(r.weekStart)}>
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
