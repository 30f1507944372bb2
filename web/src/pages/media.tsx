import { allPages, api, must } from '../api/client';
import { formats, t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Page, Table } from '../ui/kit';

/**
 * The media work the caller can see: the media and campaign jobs of their clients, each with its
 * campaigns. (The API lists campaigns per job; there is no agency-wide campaign list yet.)
 */
export function Media() {
  const load = useLoad(async () => {
    const clients = await allPages((nextToken) =>
      must(api.GET('/clients', { params: { query: { limit: 100, nextToken } } })),
    );
    const jobs = (
      await Promise.all(
        clients.map((c) =>
          must(api.GET('/jobs', { params: { query: { clientId: c.clientId, limit: 100 } } })).then((p) =>
            p.items.map((j) => ({ ...j, clientName: c.name })),
          ),
        ),
      )
    )
      .flat()
      .filter((j) => j.type === 'media' || j.type === 'campaign');
    return Promise.all(
      jobs.map(async (job) => ({
        job,
        campaigns: (
          await must(
            api.GET('/jobs/{jobId}/media-campaigns', {
              params: { path: { jobId: job.jobId }, query: { limit: 100 } },
            }),
          )
        ).items,
      })),
    );
  }, []);
  return (
    <Page title={t('media.title')} subtitle={t('media.subtitle')}>
      <Async load={load}>
        {(rows) => (
          <Table
            rows={rows}
            columns={[t('jobs.number'), t('jobs.client'), t('media.campaigns')]}
            empty={t('media.none')}
          >
            {({ job, campaigns }) => (
              <tr key={job.jobId}>
                <td>
                  <a href={`/jobs/${job.jobId}`}>{job.jobNumber}</a>
                  <div class="muted">{job.title}</div>
                </td>
                <td>{job.clientName}</td>
                <td>
                  {campaigns.length === 0 ? (
                    <span class="muted">{t('media.noCampaigns')}</span>
                  ) : (
                    <ul class="list">
                      {campaigns.map((c) => (
                        <li key={c.campaignId}>
                          <a href={`/media-campaigns/${c.campaignId}`}>{c.name}</a> ·{' '}
                          {formats.date(c.flightStart)} – {formats.date(c.flightEnd)} ·{' '}
                          {t(`chainStages.${c.stage}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
    </Page>
  );
}
