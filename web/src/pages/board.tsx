import { allPages, api, must } from '../api/client';
import { formats, milestoneName, t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Badge, Page, Table } from '../ui/kit';

/** The traffic board: every active job's next milestone, late ones first, with its slip (as the API sorts it). */
export function TrafficBoard() {
  const load = useLoad(
    () =>
      allPages(
        (nextToken) => must(api.GET('/traffic/board', { params: { query: { limit: 100, nextToken } } })),
        500,
      ),
    [],
  );
  return (
    <Page
      title={t('board.title')}
      subtitle={t('board.subtitle')}
      actions={<a href="/schedule-templates">{t('templates.link')}</a>}
    >
      <Async load={load}>
        {(entries) => (
          <Table
            rows={entries}
            columns={[
              t('jobs.number'),
              t('board.client'),
              t('board.next'),
              t('schedule.due'),
              t('schedule.end'),
              t('schedule.baselineEnd'),
            ]}
            caption={t('board.title')}
            hiddenCaption
            empty={t('board.none')}
          >
            {(e) => (
              <tr key={e.jobId}>
                <td>
                  <a href={`/jobs/${e.jobId}/schedule`}>{e.jobNumber}</a>
                  <div class="muted">{e.jobTitle}</div>
                </td>
                <td>{e.clientName}</td>
                <td>
                  {milestoneName(e.next)}
                  <div class="muted">
                    {t(`departments.${e.next.department}`)}
                    {e.next.critical && <> · {t('schedule.critical')}</>}
                  </div>
                </td>
                <td>
                  {formats.date(e.next.due)}
                  {e.late && (
                    <div>
                      <Badge tone="bad">{t('schedule.overdue', { count: e.overdueDays })}</Badge>
                    </div>
                  )}
                </td>
                <td>{formats.date(e.endDate)}</td>
                <td>
                  {e.baselineEndDate ? formats.date(e.baselineEndDate) : '—'}
                  {e.slipDays ? (
                    <div class={e.slipDays > 0 ? 'overdue' : 'muted'}>
                      {t('schedule.slip', { count: e.slipDays })}
                    </div>
                  ) : null}
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
    </Page>
  );
}
