import { useState } from 'preact/hooks';
import { ApiProblem, allPages, api, ifMatch, must } from '../api/client';
import { t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Facts, Form, Page, Section, Select } from '../ui/kit';
import { TaskList } from './my-work';
import { ActivityList, StatusBadge } from './parts';
import { loadAllStaff, roles } from './staff';

export function StaffScreen(props: { params: { staffId: string } }) {
  const { staffId } = props.params;
  const { me } = useApp();
  const isHead = me.role === 'head_of_accounts';
  const load = useLoad(async () => {
    const [person, staff] = await Promise.all([
      must(api.GET('/staff/{staffId}', { params: { path: { staffId } } })),
      loadAllStaff(),
    ]);
    return { person, staff };
  }, [staffId]);
  const activity = useLoad(
    () =>
      isHead || staffId === me.staffId
        ? must(
            api.GET('/staff/{staffId}/activity', { params: { path: { staffId }, query: { limit: 25 } } }),
          ).then((p) => p.items)
        : Promise.resolve(undefined),
    [staffId],
  );
  // Someone's work is for the people they report to up the line: the API says who (403 otherwise).
  const work = useLoad(async () => {
    try {
      return await allPages(
        (nextToken) =>
          must(
            api.GET('/staff/{staffId}/tasks', {
              params: { path: { staffId }, query: { limit: 100, nextToken } },
            }),
          ),
        300,
      );
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 403) return undefined;
      throw error;
    }
  }, [staffId]);
  const [role, setRole] = useState('');
  const [reportsTo, setReportsTo] = useState<string>();
  const save = useAction(async (version: number, active?: boolean) => {
    await must(
      api.PATCH('/staff/{staffId}', {
        params: { path: { staffId }, header: ifMatch(version) },
        body: {
          ...(role ? { role: role as (typeof roles)[number] } : {}),
          ...(reportsTo !== undefined ? { reportsTo: reportsTo || null } : {}),
          ...(active !== undefined ? { active } : {}),
        },
      }),
    );
    setRole('');
    setReportsTo(undefined);
    load.reload();
    activity.reload();
  });
  return (
    <Async load={load}>
      {({ person, staff }) => (
        <Page
          title={person.name}
          subtitle={
            <>
              {t(`roles.${person.role}`)} ·{' '}
              <StatusBadge group="status" value={person.active ? 'active' : 'inactive'} />
            </>
          }
        >
          <Section title={t('staff.details')} id="details">
            <Facts
              rows={[
                [t('common.email'), person.email],
                [t('staff.reportsTo'), staff.find((s) => s.staffId === person.reportsTo)?.name ?? '—'],
                [
                  t('staff.directReports'),
                  staff
                    .filter((s) => s.reportsTo === person.staffId)
                    .map((s) => s.name)
                    .join(', ') || '—',
                ],
                [t('client.language'), t(`languages.${person.language ?? 'en'}` as 'languages.en')],
              ]}
            />
          </Section>
          {isHead && (
            <Section title={t('staff.change')} id="change">
              <p class="muted">{t('staff.changeHint')}</p>
              <Form
                label={t('staff.change')}
                onSubmit={() => save.act(person.version)}
                busy={save.busy}
                error={save.error}
                submitLabel={t('common.save')}
              >
                <Select
                  label={t('staff.role')}
                  value={role || person.role}
                  options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  onValue={setRole}
                />
                <Select
                  label={t('staff.reportsTo')}
                  value={reportsTo ?? person.reportsTo ?? ''}
                  placeholder={t('staff.nobody')}
                  options={staff
                    .filter((s) => s.active && s.staffId !== person.staffId)
                    .map((s) => ({ value: s.staffId, label: `${s.name} · ${t(`roles.${s.role}`)}` }))}
                  onValue={setReportsTo}
                />
              </Form>
              <button
                type="button"
                disabled={save.busy}
                onClick={() => void save.act(person.version, !person.active)}
              >
                {person.active
                  ? t('staff.deactivate', { name: person.name })
                  : t('staff.reactivate', { name: person.name })}
              </button>
            </Section>
          )}
          <Section title={t('staff.work')} id="staff-work">
            <Async load={work}>
              {(tasks) =>
                tasks ? (
                  <TaskList tasks={tasks} empty={t('staff.noWork', { name: person.name })} />
                ) : (
                  <p class="muted">{t('staff.workHidden')}</p>
                )
              }
            </Async>
          </Section>
          <Section title={t('staff.activity')} id="staff-activity">
            <Async load={activity}>
              {(events) =>
                events ? <ActivityList events={events} /> : <p class="muted">{t('staff.activityHidden')}</p>
              }
            </Async>
          </Section>
        </Page>
      )}
    </Async>
  );
}
