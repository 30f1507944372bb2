import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, must } from '../api/client';
import { t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Disclosure, Empty, Field, Form, Page } from '../ui/kit';
import { StatusBadge } from './parts';

export function Clients() {
  const load = useLoad(
    () =>
      allPages((nextToken) => must(api.GET('/clients', { params: { query: { limit: 100, nextToken } } }))),
    [],
  );
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState({ name: '', code: '', industry: '' });
  const create = useAction(async () => {
    const client = await must(api.POST('/clients', { body: draft, params: { header: idempotencyKey() } }));
    location.assign(`/clients/${client.clientId}`);
  });
  const needle = query.trim().toLowerCase();
  return (
    <Page
      title={t('clients.title')}
      actions={
        <Disclosure label={t('clients.new')} open={adding} onToggle={setAdding}>
          <Form
            label={t('clients.new')}
            onSubmit={() => create.act()}
            busy={create.busy}
            error={create.error}
            submitLabel={t('common.create')}
          >
            <Field
              label={t('clients.name')}
              required
              value={draft.name}
              onValue={(name) => setDraft({ ...draft, name })}
            />
            <Field
              label={t('clients.code')}
              hint={t('clients.codeHint')}
              required
              value={draft.code}
              onValue={(code) => setDraft({ ...draft, code: code.toUpperCase() })}
            />
            <Field
              label={t('clients.industry')}
              required
              value={draft.industry}
              onValue={(industry) => setDraft({ ...draft, industry })}
            />
          </Form>
        </Disclosure>
      }
    >
      <div class="toolbar">
        <Field label={t('clients.search')} type="search" value={query} onValue={setQuery} />
      </div>
      <Async load={load}>
        {(clients) => {
          const shown = clients.filter(
            (c) => !needle || [c.name, c.code, c.industry].some((v) => v.toLowerCase().includes(needle)),
          );
          if (clients.length === 0) return <Empty>{t('clients.none')}</Empty>;
          if (shown.length === 0) return <Empty>{t('clients.noMatch', { query })}</Empty>;
          return (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('clients.name')}</th>
                    <th scope="col">{t('clients.code')}</th>
                    <th scope="col">{t('clients.industry')}</th>
                    <th scope="col">{t('clients.status')}</th>
                    <th scope="col">{t('clients.intake')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((c) => (
                    <tr key={c.clientId}>
                      <td>
                        <a href={`/clients/${c.clientId}`}>{c.name}</a>
                      </td>
                      <td>{c.code}</td>
                      <td>{c.industry}</td>
                      <td>
                        <StatusBadge group="status" value={c.status} />
                      </td>
                      <td>
                        {c.intakeCompleteness.complete
                          ? t('clients.intakeComplete')
                          : t('clients.intakeMissing', { count: c.intakeCompleteness.missing.length })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </Page>
  );
}
