import { useEffect, useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, must } from '../api/client';
import { t } from '../i18n';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import { Async, Disclosure, Field, Form, Page, Table } from '../ui/kit';
import { StatusBadge } from './parts';

/** Typing settles for this long before the list is asked again. */
const searchDelayMs = 250;

export function Clients() {
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(query.trim()), searchDelayMs);
    return () => clearTimeout(timer);
  }, [query]);
  // The API searches by the start of the name (its index), so a long client list is never read whole.
  const load = useLoad(
    () =>
      allPages((nextToken) =>
        must(api.GET('/clients', { params: { query: { limit: 100, nextToken, ...(q ? { q } : {}) } } })),
      ),
    [q],
  );
  const [adding, setAdding] = useState(false);
  const { draft, setDraft, bind } = useDraft({ name: '', code: '', industry: '' });
  const create = useAction(async () => {
    const client = await must(api.POST('/clients', { body: draft, params: { header: idempotencyKey() } }));
    location.assign(`/clients/${client.clientId}`);
  });
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
            <Field label={t('clients.name')} required {...bind('name')} />
            <Field
              label={t('clients.code')}
              hint={t('clients.codeHint')}
              required
              value={draft.code}
              onValue={(code) => setDraft({ ...draft, code: code.toUpperCase() })}
            />
            <Field label={t('clients.industry')} required {...bind('industry')} />
          </Form>
        </Disclosure>
      }
    >
      <div class="toolbar">
        <Field
          label={t('clients.search')}
          hint={t('clients.searchHint')}
          type="search"
          value={query}
          onValue={setQuery}
        />
      </div>
      <Async load={load}>
        {(shown) => (
          <Table
            rows={shown}
            empty={q ? t('clients.noMatch', { query: q }) : t('clients.none')}
            columns={[
              t('clients.name'),
              t('clients.code'),
              t('clients.industry'),
              t('clients.status'),
              t('clients.intake'),
            ]}
          >
            {(c) => (
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
            )}
          </Table>
        )}
      </Async>
    </Page>
  );
}
