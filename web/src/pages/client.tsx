import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, type Language, languages, moneyInput, moneyText, t } from '../i18n';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import {
  Async,
  Badge,
  Checkboxes,
  Disclosure,
  Empty,
  Facts,
  Field,
  Form,
  Page,
  ProblemView,
  Section,
  Select,
  Table,
  TextArea,
} from '../ui/kit';
import { ContactReports } from './contact-reports';
import { ActivityList, Money, StatusBadge } from './parts';
import { StatusReports } from './status-reports';

type Client = Schemas['Client'];
type Contact = Schemas['Contact'];
const levels = ['senior', 'middle', 'brand'] as const;
const scopes = ['creative', 'estimate', 'media', 'minutes'] as const;
const clientStatuses = ['prospect', 'pitching', 'active', 'dormant', 'lost'] as const;
const intakeFields = ['productKnowledge', 'marketSituation', 'advertisingBudget', 'marketingPlan'] as const;

function Intake(props: { client: Client; onChanged: () => void }) {
  const c = props.client;
  const [editing, setEditing] = useState(false);
  const [intake, setIntake] = useState({
    productKnowledge: c.intake.productKnowledge ?? '',
    marketSituation: c.intake.marketSituation ?? '',
    marketingPlan: c.intake.marketingPlan ?? '',
    amount: c.intake.advertisingBudget ? moneyText(c.intake.advertisingBudget) : '',
    currency: c.intake.advertisingBudget?.currency ?? 'USD',
  });
  const [status, setStatus] = useState(c.status);
  const save = useAction(async () => {
    await must(
      api.PATCH('/clients/{clientId}', {
        params: { path: { clientId: c.clientId }, header: ifMatch(c.version) },
        body: {
          status,
          intake: {
            ...(intake.productKnowledge ? { productKnowledge: intake.productKnowledge } : {}),
            ...(intake.marketSituation ? { marketSituation: intake.marketSituation } : {}),
            ...(intake.marketingPlan ? { marketingPlan: intake.marketingPlan } : {}),
            ...(intake.amount ? { advertisingBudget: moneyInput(intake.amount, intake.currency) } : {}),
          },
        },
      }),
    );
    setEditing(false);
    props.onChanged();
  });
  const missing = c.intakeCompleteness.missing;
  return (
    <Section title={t('client.intake')} id="intake">
      <p>
        {c.intakeCompleteness.complete ? (
          <StatusBadge group="status" value="complete" />
        ) : (
          <>
            <StatusBadge group="status" value="incomplete" /> {t('client.missing')}:{' '}
            {missing.map((m) => t(`intake.${m}`)).join(', ')}
          </>
        )}
      </p>
      <Facts
        rows={intakeFields.map((f) => [
          t(`intake.${f}`),
          f === 'advertisingBudget' ? (
            c.intake.advertisingBudget ? (
              <Money key={f} {...c.intake.advertisingBudget} />
            ) : (
              '—'
            )
          ) : (
            (c.intake[f] ?? '—')
          ),
        ])}
      />
      <Disclosure label={t('client.editIntake')} open={editing} onToggle={setEditing}>
        <Form
          label={t('client.editIntake')}
          onSubmit={() => save.act()}
          busy={save.busy}
          error={save.error}
          submitLabel={t('common.save')}
        >
          <Select
            label={t('clients.status')}
            value={status}
            options={clientStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onValue={setStatus}
          />
          <TextArea
            label={t('intake.productKnowledge')}
            value={intake.productKnowledge}
            onValue={(v) => setIntake({ ...intake, productKnowledge: v })}
          />
          <TextArea
            label={t('intake.marketSituation')}
            value={intake.marketSituation}
            onValue={(v) => setIntake({ ...intake, marketSituation: v })}
          />
          <TextArea
            label={t('intake.marketingPlan')}
            value={intake.marketingPlan}
            onValue={(v) => setIntake({ ...intake, marketingPlan: v })}
          />
          <div class="row">
            <Field
              label={t('intake.advertisingBudget')}
              type="number"
              min="0"
              step="0.01"
              value={intake.amount}
              onValue={(v) => setIntake({ ...intake, amount: v })}
            />
            <Field
              label={t('common.currency')}
              value={intake.currency}
              maxLength={3}
              onValue={(v) => setIntake({ ...intake, currency: v.toUpperCase() })}
            />
          </div>
        </Form>
      </Disclosure>
    </Section>
  );
}

const languageNames = (l: string) => t(`languages.${l}` as 'languages.en', { defaultValue: l });

/**
 * An address that bounced, or whose owner complained: sign-off emails to it are withheld until
 * someone confirms it works again (or the address is changed).
 */
function MailProblem(props: { contact: Contact; busy: boolean; onCleared: () => void }) {
  const status = props.contact.mailStatus!;
  return (
    <div class="mail-problem">
      <Badge tone="bad">{t(`mailProblems.${status.problem}`)}</Badge>
      <div class="muted">
        {t('client.mailProblemSince', { address: status.address, date: formats.dateTime(status.at) })}
        {status.detail && <> · {status.detail}</>}
      </div>
      <button type="button" disabled={props.busy} onClick={props.onCleared}>
        {t('client.mailWorksAgain', { name: props.contact.name })}
      </button>
    </div>
  );
}

function Contacts(props: { clientId: string }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/contacts', {
          params: { path: { clientId: props.clientId }, query: { limit: 100 } },
        }),
      ),
    [props.clientId],
  );
  const [adding, setAdding] = useState(false);
  const blank = {
    name: '',
    email: '',
    title: '',
    level: 'brand' as Contact['level'],
    approves: [] as Contact['approves'],
    language: 'en' as Language,
  };
  const { draft, setDraft, bind } = useDraft(blank);
  const add = useAction(async () => {
    await must(
      api.POST('/clients/{clientId}/contacts', {
        params: { path: { clientId: props.clientId }, header: idempotencyKey() },
        body: { ...draft, title: draft.title || undefined },
      }),
    );
    setDraft(blank);
    setAdding(false);
    load.reload();
  });
  const toggle = useAction(
    async (c: Contact, patch: Pick<Schemas['UpdateContact'], 'active' | 'language' | 'mailStatus'>) => {
      await must(
        api.PATCH('/clients/{clientId}/contacts/{contactId}', {
          params: { path: { clientId: c.clientId, contactId: c.contactId }, header: ifMatch(c.version) },
          // openapi-fetch's Writable<> reads a null-only property as undefined; the API takes null.
          body: patch as Omit<typeof patch, 'mailStatus'>,
        }),
      );
      load.reload();
    },
  );
  return (
    <Section title={t('client.contacts')} id="contacts">
      <Async load={load}>
        {(page) => (
          <Table
            rows={page.items}
            columns={[
              t('client.contactName'),
              t('client.level'),
              t('client.signsOff'),
              t('client.language'),
              t('client.state'),
              { label: t('common.actions'), hidden: true },
            ]}
            empty={t('client.noContacts')}
          >
            {(c) => (
              <tr key={c.contactId}>
                <td>
                  {c.name}
                  <div class="muted">
                    {c.title ? `${c.title} · ` : ''}
                    {c.email}
                  </div>
                </td>
                <td>{t(`levels.${c.level}`)}</td>
                <td>
                  {c.approves.length
                    ? c.approves.map((s) => t(`scopes.${s}`)).join(', ')
                    : t('client.noSignOff')}
                </td>
                <td>
                  <label>
                    <span class="visually-hidden">{t('client.languageOf', { name: c.name })}</span>
                    <select
                      value={c.language ?? 'en'}
                      disabled={toggle.busy}
                      onChange={(e) =>
                        void toggle.act(c, {
                          language: (e.target as HTMLSelectElement).value as Language,
                        })
                      }
                    >
                      {languages.map((l) => (
                        <option key={l} value={l}>
                          {languageNames(l)}
                        </option>
                      ))}
                    </select>
                  </label>
                </td>
                <td>
                  <StatusBadge group="status" value={c.active ? 'active' : 'inactive'} />
                  {c.mailStatus && (
                    <MailProblem
                      contact={c}
                      busy={toggle.busy}
                      onCleared={() => void toggle.act(c, { mailStatus: null })}
                    />
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={toggle.busy}
                    onClick={() => void toggle.act(c, { active: !c.active })}
                  >
                    {c.active
                      ? t('client.deactivate', { name: c.name })
                      : t('client.reactivate', { name: c.name })}
                  </button>
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
      {toggle.error !== undefined && <ProblemView error={toggle.error} />}
      <Disclosure label={t('client.addContact')} open={adding} onToggle={setAdding}>
        <Form
          label={t('client.addContact')}
          onSubmit={() => add.act()}
          busy={add.busy}
          error={add.error}
          submitLabel={t('common.add')}
        >
          <Field label={t('client.contactName')} required {...bind('name')} />
          <Field label={t('common.email')} type="email" required {...bind('email')} />
          <Field label={t('client.contactTitle')} {...bind('title')} />
          <Select
            label={t('client.level')}
            value={draft.level}
            options={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            onValue={(level) => setDraft({ ...draft, level })}
          />
          <Checkboxes
            legend={t('client.signsOff')}
            options={scopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
            {...bind('approves')}
          />
          <Select
            label={t('client.language')}
            value={draft.language}
            options={languages.map((l) => ({ value: l, label: languageNames(l) }))}
            onValue={(language) => setDraft({ ...draft, language })}
          />
        </Form>
      </Disclosure>
    </Section>
  );
}

function Brands(props: { clientId: string }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/brands', {
          params: { path: { clientId: props.clientId }, query: { limit: 100 } },
        }),
      ),
    [props.clientId],
  );
  const [adding, setAdding] = useState(false);
  const { draft, bind } = useDraft({
    name: '',
    positioning: '',
    targetConsumers: '',
    competitors: '',
  });
  const add = useAction(async () => {
    await must(
      api.POST('/clients/{clientId}/brands', {
        params: { path: { clientId: props.clientId }, header: idempotencyKey() },
        body: {
          name: draft.name,
          ...(draft.positioning ? { positioning: draft.positioning } : {}),
          ...(draft.targetConsumers ? { targetConsumers: draft.targetConsumers } : {}),
          competitors: draft.competitors
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        },
      }),
    );
    setAdding(false);
    load.reload();
  });
  return (
    <Section title={t('client.brands')} id="brands">
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('client.noBrands')}</Empty>
          ) : (
            <ul class="cards">
              {page.items.map((b) => (
                <li key={b.brandId}>
                  <h3>{b.name}</h3>
                  {b.positioning && <p>{b.positioning}</p>}
                  {b.targetConsumers && (
                    <p class="muted">
                      {t('client.target')}: {b.targetConsumers}
                    </p>
                  )}
                  {b.competitors.length > 0 && (
                    <p class="muted">
                      {t('client.competitors')}: {b.competitors.join(', ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Disclosure label={t('client.addBrand')} open={adding} onToggle={setAdding}>
        <Form
          label={t('client.addBrand')}
          onSubmit={() => add.act()}
          busy={add.busy}
          error={add.error}
          submitLabel={t('common.add')}
        >
          <Field label={t('client.brandName')} required {...bind('name')} />
          <TextArea label={t('client.positioning')} {...bind('positioning')} />
          <TextArea label={t('client.target')} {...bind('targetConsumers')} />
          <Field
            label={t('client.competitors')}
            hint={t('client.competitorsHint')}
            {...bind('competitors')}
          />
        </Form>
      </Disclosure>
    </Section>
  );
}

function Team(props: { clientId: string }) {
  const load = useLoad(async () => {
    const [team, staff] = await Promise.all([
      must(api.GET('/clients/{clientId}/team', { params: { path: { clientId: props.clientId } } })),
      allPages((nextToken) => must(api.GET('/staff', { params: { query: { limit: 100, nextToken } } }))),
    ]);
    return { team, staff };
  }, [props.clientId]);
  const [adding, setAdding] = useState('');
  const put = useAction(
    async (team: Schemas['Team'], members: { staffId: string; role: Schemas['StaffRole'] }[]) => {
      await must(
        api.PUT('/clients/{clientId}/team', {
          params: { path: { clientId: props.clientId }, header: ifMatch(team.version) },
          body: { members },
        }),
      );
      setAdding('');
      load.reload();
    },
  );
  return (
    <Section title={t('client.team')} id="team">
      <Async load={load}>
        {({ team, staff }) => {
          const members = team.members.map((m) => ({ staffId: m.staffId, role: m.role }));
          const candidates = staff.filter((s) => s.active && !members.some((m) => m.staffId === s.staffId));
          return (
            <>
              {team.members.length === 0 ? (
                <Empty>{t('client.noTeam')}</Empty>
              ) : (
                <ul class="team">
                  {team.members.map((m) => (
                    <li key={m.staffId}>
                      <a href={`/staff/${m.staffId}`}>{m.name}</a> · {t(`roles.${m.role}`)}{' '}
                      <button
                        type="button"
                        class="link"
                        disabled={put.busy}
                        onClick={() =>
                          void put.act(
                            team,
                            members.filter((x) => x.staffId !== m.staffId),
                          )
                        }
                      >
                        {t('client.removeMember', { name: m.name })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <Form
                label={t('client.addMember')}
                class="inline"
                busy={put.busy}
                error={put.error}
                submitLabel={t('common.add')}
                onSubmit={() => {
                  const person = staff.find((s) => s.staffId === adding);
                  if (person)
                    return put.act(team, [...members, { staffId: person.staffId, role: person.role }]);
                }}
              >
                <Select
                  label={t('client.addMember')}
                  value={adding}
                  placeholder={t('common.choose')}
                  required
                  options={candidates.map((s) => ({
                    value: s.staffId,
                    label: `${s.name} · ${t(`roles.${s.role}`)}`,
                  }))}
                  onValue={setAdding}
                />
              </Form>
            </>
          );
        }}
      </Async>
    </Section>
  );
}

function Activity(props: { clientId: string }) {
  const [pages, setPages] = useState(1);
  const load = useLoad(
    () =>
      allPages(
        (nextToken) =>
          must(
            api.GET('/clients/{clientId}/activity', {
              params: { path: { clientId: props.clientId }, query: { limit: 25, nextToken } },
            }),
          ),
        pages * 25,
      ),
    [props.clientId, pages],
  );
  return (
    <Section title={t('client.activity')} id="activity">
      <Async load={load}>
        {(events) => (
          <>
            <ActivityList events={events} />
            {events.length >= pages * 25 && (
              <button type="button" onClick={() => setPages(pages + 1)}>
                {t('common.more')}
              </button>
            )}
          </>
        )}
      </Async>
    </Section>
  );
}

export function ClientScreen(props: { params: { clientId: string } }) {
  const { clientId } = props.params;
  const load = useLoad(
    () => must(api.GET('/clients/{clientId}', { params: { path: { clientId } } })),
    [clientId],
  );
  return (
    <Async load={load}>
      {(c) => (
        <Page
          title={c.name}
          subtitle={
            <>
              {c.code} · {c.industry} · <StatusBadge group="status" value={c.status} /> ·{' '}
              {t(`confidentiality.${c.confidentiality}`)} ·{' '}
              {t('client.since', { date: formats.date(c.createdAt) })}
            </>
          }
          actions={
            <>
              <a href={`/jobs?clientId=${c.clientId}`}>{t('client.jobs')}</a>{' '}
              <a href={`/clients/${c.clientId}/reconciliations`}>{t('spend.reconciliations')}</a>{' '}
              <a href={`/clients/${c.clientId}/billing`}>{t('nav.billing')}</a>{' '}
              <a href={`/clients/${c.clientId}/billing-terms`}>{t('billing.terms')}</a>{' '}
              <a href={`/clients/${c.clientId}/profit`}>{t('time.profit.link')}</a>
            </>
          }
        >
          <Intake client={c} onChanged={load.reload} />
          <Contacts clientId={clientId} />
          <Brands clientId={clientId} />
          <Team clientId={clientId} />
          <ContactReports clientId={clientId} />
          <StatusReports clientId={clientId} />
          <Activity clientId={clientId} />
        </Page>
      )}
    </Async>
  );
}
