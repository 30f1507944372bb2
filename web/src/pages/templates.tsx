import { api, must, type Schemas } from '../api/client';
import { shippedWords, t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Badge, Page, Section, Table } from '../ui/kit';

type TemplateMilestone = Schemas['TemplateMilestone'];

/** Who owns a template milestone, as the schedule page names owners (a role, the job's owner, the client). */
function ownerWords(role: TemplateMilestone['ownerRole']): string {
  if (role === 'job_owner') return t('templates.jobOwner');
  if (role === 'client') return t('templates.client');
  return t(`roles.${role}`);
}

/**
 * The schedule templates of every job type, read-only: the built-in ones' words (names,
 * deliverables, the template's name) in the reader's language, the agency's typed words as typed.
 */
export function ScheduleTemplates() {
  const load = useLoad(() => must(api.GET('/schedule-templates')), []);
  return (
    <Page title={t('templates.title')} subtitle={t('templates.subtitle')}>
      <Async load={load}>
        {(list) => (
          <>
            {list.items.map((template) => (
              <Section
                key={template.jobType}
                id={`template-${template.jobType}`}
                title={shippedWords('templateNames', template.jobType, template.name)}
              >
                <p class="muted">
                  {t('templates.jobType', { type: t(`jobTypes.${template.jobType}`) })}{' '}
                  <Badge tone="neutral">
                    {template.builtIn ? t('templates.builtIn') : t('templates.edited')}
                  </Badge>
                </p>
                <Table
                  rows={template.milestones}
                  columns={[
                    t('templates.milestone'),
                    t('templates.department'),
                    t('templates.owner'),
                    { label: t('templates.days'), num: true },
                    t('templates.deliverable'),
                  ]}
                  caption={shippedWords('templateNames', template.jobType, template.name)}
                  hiddenCaption
                >
                  {(m) => (
                    <tr key={m.key}>
                      <th scope="row">{shippedWords('milestoneNames', m.key, m.name)}</th>
                      <td>{t(`departments.${m.department}`)}</td>
                      <td>{ownerWords(m.ownerRole)}</td>
                      <td class="num">
                        {m.maxDurationDays !== undefined
                          ? t('templates.upTo', { days: m.durationDays, max: m.maxDurationDays })
                          : m.durationDays}
                      </td>
                      <td>
                        {m.deliverable ? shippedWords('milestoneDeliverables', m.key, m.deliverable) : '—'}
                      </td>
                    </tr>
                  )}
                </Table>
              </Section>
            ))}
          </>
        )}
      </Async>
    </Page>
  );
}
