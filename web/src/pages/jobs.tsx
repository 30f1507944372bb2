import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { allPages, api, idempotencyKey, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import { Async, Disclosure, Field, Form, Page, Select, Table, TextArea } from '../ui/kit';
import { StatusBadge } from './parts';

export const jobStatuses = ['open', 'in_progress', 'on_hold', 'completed', 'cancelled'] as const;
export const jobTypes = [
  'campaign',
  'creative',
  'media',
  'research',
  'production',
  'pr',
  'promotion',
  'event',
] as const;
type JobStatus = (typeof jobStatuses)[number];

function NewJob(props: { clients: Schemas['Client'][]; clientId: string }) {
  const [open, setOpen] = useState(false);
  const { draft, setDraft, bind } = useDraft({
    clientId: props.clientId,
    brandId: '',
    title: '',
    type: 'campaign' as Schemas['CreateJob']['type'],
    dueDate: '',
    description: '',
  });
  const brands = useLoad(
    async () =>
      draft.clientId
        ? (
            await must(
              api.GET('/clients/{clientId}/brands', {
                params: { path: { clientId: draft.clientId }, query: { limit: 100 } },
              }),
            )
          ).items
        : [],
    [draft.clientId],
  );
  const create = useAction(async () => {
    const job = await must(
      api.POST('/jobs', {
        params: { header: idempotencyKey() },
        body: {
          clientId: draft.clientId,
          brandId: draft.brandId,
          title: draft.title,
          type: draft.type,
          ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
          ...(draft.description ? { description: draft.description } : {}),
        },
      }),
    );
    location.assign(`/jobs/${job.jobId}`);
  });
  return (
    <Disclosure label={t('jobs.new')} open={open} onToggle={setOpen}>
      <Form
        label={t('jobs.new')}
        onSubmit={() => create.act()}
        busy={create.busy}
        error={create.error}
        submitLabel={t('jobs.open')}
      >
        <Select
          label={t('jobs.client')}
          required
          placeholder={t('common.choose')}
          value={draft.clientId}
          options={props.clients.map((c) => ({ value: c.clientId, label: c.name }))}
          onValue={(clientId) => setDraft({ ...draft, clientId, brandId: '' })}
        />
        <Select
          label={t('jobs.brand')}
          required
          placeholder={t('common.choose')}
          value={draft.brandId}
          options={
            brands.state === 'ready' ? brands.data.map((b) => ({ value: b.brandId, label: b.name })) : []
          }
          onValue={(brandId) => setDraft({ ...draft, brandId })}
        />
        <Field label={t('jobs.titleLabel')} required {...bind('title')} />
        <Select
          label={t('jobs.type')}
          value={draft.type}
          options={jobTypes.map((v) => ({ value: v, label: t(`jobTypes.${v}`) }))}
          onValue={(type) => setDraft({ ...draft, type })}
        />
        <Field label={t('jobs.due')} type="date" {...bind('dueDate')} />
        <TextArea label={t('jobs.description')} {...bind('description')} />
      </Form>
    </Disclosure>
  );
}

export function Jobs() {
  const { me } = useApp();
  const { query, route } = useLocation();
  const clientId = query.clientId ?? '';
  const status = (query.status ?? '') as JobStatus | '';
  const mine = query.owner === 'me';
  const clients = useLoad(
    () =>
      allPages((nextToken) => must(api.GET('/clients', { params: { query: { limit: 100, nextToken } } }))),
    [],
  );
  const jobs = useLoad(
    () =>
      allPages(
        (nextToken) =>
          must(
            api.GET('/jobs', {
              params: {
                query: {
                  limit: 100,
                  nextToken,
                  ...(clientId ? { clientId } : {}),
                  ...(status ? { status } : {}),
                  ...(mine && clientId ? { ownerId: me.staffId } : {}),
                },
              },
            }),
          ),
        500,
      ),
    [clientId, status, mine],
  );
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    route(`/jobs${next.size ? `?${next}` : ''}`, true);
  };
  const clientName = (id: string) =>
    clients.state === 'ready' ? (clients.data.find((c) => c.clientId === id)?.name ?? '') : '';
  return (
    <Page
      title={t('jobs.title')}
      actions={clients.state === 'ready' && <NewJob clients={clients.data} clientId={clientId} />}
    >
      <div class="toolbar">
        <Select
          label={t('jobs.client')}
          value={clientId}
          placeholder={t('jobs.allClients')}
          options={
            clients.state === 'ready' ? clients.data.map((c) => ({ value: c.clientId, label: c.name })) : []
          }
          onValue={(v) => setFilter('clientId', v)}
        />
        <Select
          label={t('jobs.status')}
          value={status}
          placeholder={t('jobs.allStatuses')}
          options={jobStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onValue={(v) => setFilter('status', v)}
        />
        {clientId && (
          <label class="check">
            <input
              type="checkbox"
              checked={mine}
              onChange={(e) => setFilter('owner', (e.target as HTMLInputElement).checked ? 'me' : '')}
            />{' '}
            {t('jobs.onlyMine')}
          </label>
        )}
      </div>
      {!clientId && <p class="muted">{t('jobs.yoursUnlessClient')}</p>}
      <Async load={jobs}>
        {(items) => (
          <Table
            rows={items}
            columns={[
              t('jobs.number'),
              t('jobs.titleLabel'),
              t('jobs.client'),
              t('jobs.type'),
              t('jobs.status'),
              t('jobs.due'),
            ]}
            empty={t('jobs.none')}
          >
            {(j) => (
              <tr key={j.jobId}>
                <td>
                  <a href={`/jobs/${j.jobId}`}>{j.jobNumber}</a>
                </td>
                <td>{j.title}</td>
                <td>{clientName(j.clientId)}</td>
                <td>{t(`jobTypes.${j.type}`)}</td>
                <td>
                  <StatusBadge group="status" value={j.status} />
                </td>
                <td>{j.dueDate ? formats.date(j.dueDate) : '—'}</td>
              </tr>
            )}
          </Table>
        )}
      </Async>
    </Page>
  );
}
