import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, must, type Schemas } from '../api/client';
import { t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import { Async, Disclosure, Empty, Field, Form, Page, Section, Select, Table } from '../ui/kit';
import { StatusBadge } from './parts';

type Staff = Schemas['Staff'];
export const roles = [
  'head_of_accounts',
  'group_account_director',
  'account_director',
  'account_manager',
  'account_executive',
  'assistant_account_executive',
  'account_rep',
  'traffic_coordinator',
  'creative',
  'media',
  'planning',
  'production',
  'finance',
] as const satisfies readonly Staff['role'][];

export const loadAllStaff = () =>
  allPages((nextToken) => must(api.GET('/staff', { params: { query: { limit: 100, nextToken } } })));

/** The reporting lines as a tree: each person under whom they report. */
function ReportingTree(props: { staff: Staff[] }) {
  const byManager = new Map<string, Staff[]>();
  for (const s of props.staff) {
    const key = s.reportsTo && props.staff.some((m) => m.staffId === s.reportsTo) ? s.reportsTo : '';
    byManager.set(key, [...(byManager.get(key) ?? []), s]);
  }
  const branch = (managerId: string): ComponentChildren => {
    const reports = byManager.get(managerId) ?? [];
    if (reports.length === 0) return null;
    return (
      <ul>
        {reports.map((s) => (
          <li key={s.staffId}>
            <a href={`/staff/${s.staffId}`}>{s.name}</a> · {t(`roles.${s.role}`)}
            {!s.active && <> · {t('status.inactive')}</>}
            {branch(s.staffId)}
          </li>
        ))}
      </ul>
    );
  };
  return <div class="tree">{branch('')}</div>;
}

function Appoint(props: { staff: Staff[]; onAppointed: () => void }) {
  const [open, setOpen] = useState(false);
  const { draft, setDraft, bind } = useDraft({
    name: '',
    email: '',
    role: 'account_executive' as Staff['role'],
    reportsTo: '',
  });
  const appoint = useAction(async () => {
    await must(
      api.POST('/staff', {
        params: { header: idempotencyKey() },
        body: {
          name: draft.name,
          email: draft.email,
          role: draft.role,
          ...(draft.reportsTo ? { reportsTo: draft.reportsTo } : {}),
        },
      }),
    );
    setOpen(false);
    props.onAppointed();
  });
  return (
    <Disclosure label={t('staff.appoint')} open={open} onToggle={setOpen}>
      <Form
        label={t('staff.appoint')}
        onSubmit={() => appoint.act()}
        busy={appoint.busy}
        error={appoint.error}
        submitLabel={t('staff.appointSubmit')}
      >
        <Field label={t('staff.name')} required {...bind('name')} />
        <Field label={t('common.email')} type="email" required {...bind('email')} />
        <Select
          label={t('staff.role')}
          value={draft.role}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onValue={(role) => setDraft({ ...draft, role })}
        />
        <Select
          label={t('staff.reportsTo')}
          value={draft.reportsTo}
          placeholder={t('staff.nobody')}
          options={props.staff
            .filter((s) => s.active)
            .map((s) => ({ value: s.staffId, label: `${s.name} · ${t(`roles.${s.role}`)}` }))}
          onValue={(reportsTo) => setDraft({ ...draft, reportsTo })}
        />
      </Form>
    </Disclosure>
  );
}

export function StaffDirectory() {
  const { me } = useApp();
  const load = useLoad(loadAllStaff, []);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  return (
    <Async load={load}>
      {(staff) => (
        <Page
          title={t('staff.title')}
          // Only the head appoints; the API refuses anyone else whatever the page shows.
          actions={me.role === 'head_of_accounts' && <Appoint staff={staff} onAppointed={load.reload} />}
        >
          <Section title={t('staff.directory')} id="directory">
            <div class="toolbar">
              <Field label={t('staff.search')} type="search" value={query} onValue={setQuery} />
            </div>
            {staff.length === 0 ? (
              <Empty>{t('staff.none')}</Empty>
            ) : (
              <Table
                rows={staff.filter(
                  (s) =>
                    !needle ||
                    [s.name, s.email, t(`roles.${s.role}`)].some((v) => v.toLowerCase().includes(needle)),
                )}
                columns={[
                  t('staff.name'),
                  t('staff.role'),
                  t('common.email'),
                  t('staff.reportsTo'),
                  t('client.state'),
                ]}
              >
                {(s) => (
                  <tr key={s.staffId}>
                    <td>
                      <a href={`/staff/${s.staffId}`}>{s.name}</a>
                    </td>
                    <td>{t(`roles.${s.role}`)}</td>
                    <td>{s.email}</td>
                    <td>{staff.find((m) => m.staffId === s.reportsTo)?.name ?? '—'}</td>
                    <td>
                      <StatusBadge group="status" value={s.active ? 'active' : 'inactive'} />
                    </td>
                  </tr>
                )}
              </Table>
            )}
          </Section>
          <Section title={t('staff.lines')} id="lines">
            <ReportingTree staff={staff} />
          </Section>
        </Page>
      )}
    </Async>
  );
}
