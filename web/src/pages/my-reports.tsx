import { api, must } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Page, Section } from '../ui/kit';

/** The manager view: each direct report's open jobs, overdue milestones, approvals waiting, time waiting on the client. */
export function MyReports() {
  const { me } = useApp();
  const load = useLoad(() => must(api.GET('/me/reports')), []);
  return (
    <Page
      title={t('book.reports.title')}
      subtitle={t('book.reports.subtitle')}
      actions={<a href={`/staff/${me.staffId}/evaluations`}>{t('book.evaluations.link')}</a>}
    >
      <Async load={load}>
        {({ reports }) =>
          reports.length === 0 ? (
            <Empty>{t('book.reports.none')}</Empty>
          ) : (
            reports.map((r) => (
              <Section
                key={r.staffId}
                id={`report-${r.staffId}`}
                title={`${r.name} · ${t(`roles.${r.role}`)}`}
                actions={
                  <a href={`/staff/${r.staffId}/evaluations`}>
                    {t('book.reports.evaluation', { period: r.evaluation.period })}:{' '}
                    <Badge tone={r.evaluation.status === 'due' ? 'warn' : 'neutral'}>
                      {t(`book.evaluations.${r.evaluation.status}`)}
                    </Badge>
                  </a>
                }
              >
                <p>
                  {t('book.reports.waiting', { count: r.waitingOnClientDays })}
                  {r.overdueTasks.length > 0 && (
                    <>
                      {' '}
                      <Badge tone="bad">
                        {t('book.reports.overdue')}: {formats.number(r.overdueTasks.length)}
                      </Badge>
                    </>
                  )}
                </p>
                <h3>{t('book.reports.jobs')}</h3>
                <ul class="plain">
                  {r.jobs.map((j) => (
                    <li key={j.jobId}>
                      <a href={`/jobs/${j.jobId}/schedule`}>{j.jobNumber}</a> {j.title}
                      {j.waitingOnClientDays ? (
                        <span class="muted">
                          {' '}
                          · {t('book.reports.waiting', { count: j.waitingOnClientDays })}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {r.overdueTasks.length > 0 && (
                  <>
                    <h3>{t('book.reports.overdue')}</h3>
                    <ul class="plain">
                      {r.overdueTasks.map((task) => (
                        <li key={`${task.jobNumber}-${task.title}`}>
                          {task.jobNumber} · {task.title} · {formats.date(task.due)} ·{' '}
                          <span class="overdue">{t('schedule.overdue', { count: task.overdueDays })}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {r.pendingApprovals.length > 0 && (
                  <>
                    <h3>{t('book.reports.approvals')}</h3>
                    <ul class="plain">
                      {r.pendingApprovals.map((a) => (
                        <li key={a.path}>
                          {a.jobNumber} · {a.title} · {formats.date(a.due)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Section>
            ))
          )
        }
      </Async>
    </Page>
  );
}
