import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Checkboxes, Empty, Field, Form, Page, Section, Select, TextArea } from '../ui/kit';
import { loadAllStaff } from './staff';

type Pitch = Schemas['Pitch'];
type LeadSource = Pitch['leadSource'];
const leadSources: LeadSource[] = ['referral', 'reputation', 'pitch', 'solicitation', 'agency_advertising'];
const directors = ['head_of_accounts', 'group_account_director', 'account_director'];
type Prospect = { clientId: string; name: string; industry: string };

/** The clients the caller sees that are recorded as prospects (a pitch may be linked to one). */
const loadProspects = async (): Promise<Prospect[]> =>
  (
    await allPages(
      (nextToken) => must(api.GET('/clients', { params: { query: { limit: 100, nextToken } } })),
      1000,
    )
  ).filter((c) => c.status === 'prospect');

const prospectOptions = (prospects: Prospect[]) =>
  prospects.map((c) => ({ value: c.clientId, label: `${c.name} · ${c.industry}` }));

function NewPitch(props: { prospects: Prospect[]; onCreated: () => void }) {
  const staff = useLoad(loadAllStaff, []);
  const [f, setF] = useState<Record<string, string>>({ currency: 'USD', leadSource: 'referral' });
  const [team, setTeam] = useState<string[]>([]);
  const set = (key: string) => (value: string) => setF((v) => ({ ...v, [key]: value }));
  const create = useAction(async () => {
    await must(
      api.POST('/pitches', {
        params: { header: idempotencyKey() },
        body: {
          ...(f.prospectClientId
            ? { prospectClientId: f.prospectClientId }
            : {
                prospect: {
                  name: f.name ?? '',
                  category: f.category ?? '',
                  ...(f.code ? { code: f.code } : {}),
                },
              }),
          leadSource: f.leadSource as LeadSource,
          ...(f.referredBy ? { referredBy: f.referredBy } : {}),
          pitchDate: f.pitchDate ?? '',
          team: team.map((staffId) => ({ staffId })),
          competingAgencies: (f.competing ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          ...(f.cost ? { costOfPitching: moneyInput(f.cost, f.currency ?? 'USD') } : {}),
        },
      }),
    );
    setF({ currency: 'USD', leadSource: 'referral' });
    setTeam([]);
    props.onCreated();
  });
  return (
    <Form
      label={t('book.pitches.new')}
      onSubmit={() => create.act()}
      busy={create.busy}
      error={create.error}
      submitLabel={t('common.create')}
    >
      <Select
        label={t('book.pitches.recordedProspect')}
        value={f.prospectClientId ?? ''}
        placeholder={t('book.pitches.describeNew')}
        options={prospectOptions(props.prospects)}
        onValue={set('prospectClientId')}
      />
      {!f.prospectClientId && (
        <>
          <Field label={t('book.pitches.prospect')} value={f.name ?? ''} onValue={set('name')} required />
          <Field
            label={t('book.pitches.category')}
            value={f.category ?? ''}
            onValue={set('category')}
            required
          />
          <Field label={t('book.pitches.code')} value={f.code ?? ''} onValue={set('code')} maxLength={8} />
        </>
      )}
      <Select
        label={t('book.pitches.leadSource')}
        value={f.leadSource as LeadSource}
        options={leadSources.map((s) => ({ value: s, label: t(`book.leadSources.${s}`) }))}
        onValue={set('leadSource')}
      />
      <Field label={t('book.pitches.referredBy')} value={f.referredBy ?? ''} onValue={set('referredBy')} />
      <Field
        label={t('book.pitches.pitchDate')}
        type="date"
        value={f.pitchDate ?? ''}
        onValue={set('pitchDate')}
        required
      />
      <Async load={staff}>
        {(people) => (
          <Checkboxes
            legend={t('book.pitches.team')}
            value={team}
            options={people
              .filter((p) => p.active)
              .map((p) => ({ value: p.staffId, label: `${p.name} · ${t(`roles.${p.role}`)}` }))}
            onValue={setTeam}
          />
        )}
      </Async>
      <TextArea label={t('book.pitches.competing')} value={f.competing ?? ''} onValue={set('competing')} />
      <Field label={t('book.pitches.cost')} inputMode="decimal" value={f.cost ?? ''} onValue={set('cost')} />
      <Field
        label={t('common.currency')}
        value={f.currency ?? 'USD'}
        onValue={set('currency')}
        maxLength={3}
      />
    </Form>
  );
}

/** Links an open pitch to a prospect on record, or unlinks it (under the pitch's version). */
function ProspectLink(props: { pitch: Pitch; prospects: Prospect[]; onChanged: () => void }) {
  const p = props.pitch;
  const [chosen, setChosen] = useState(p.prospect.clientId ?? '');
  const save = useAction(async (prospectClientId: string | null) => {
    await must(
      api.PATCH('/pitches/{pitchId}', {
        params: { path: { pitchId: p.pitchId }, header: ifMatch(p.version) },
        body: { prospectClientId },
      }),
    );
    props.onChanged();
  });
  return (
    <Form
      label={t('book.pitches.linkForm')}
      onSubmit={() => save.act(chosen || null)}
      busy={save.busy}
      error={save.error}
      submitLabel={chosen ? t('book.pitches.link') : t('book.pitches.unlink')}
    >
      <Select
        label={t('book.pitches.recordedProspect')}
        value={chosen}
        placeholder={t('book.pitches.describeNew')}
        options={prospectOptions(props.prospects)}
        onValue={setChosen}
      />
    </Form>
  );
}

function PitchCard(props: { pitch: Pitch; prospects: Prospect[]; onChanged: () => void }) {
  const { me } = useApp();
  const p = props.pitch;
  const [decision, setDecision] = useState<'refer_elsewhere' | 'proceed'>('proceed');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'won' | 'lost' | 'withdrawn'>('won');
  const [reasons, setReasons] = useState('');
  const [code, setCode] = useState('');
  const decide = useAction(async () => {
    await must(
      api.POST('/pitches/{pitchId}/conflict-decision', {
        params: { path: { pitchId: p.pitchId } },
        body: { decision, reason },
      }),
    );
    props.onChanged();
  });
  const record = useAction(async () => {
    await must(
      api.POST('/pitches/{pitchId}/outcome', {
        params: { path: { pitchId: p.pitchId } },
        body: { outcome, reasons, ...(outcome === 'won' && code ? { code } : {}) },
      }),
    );
    props.onChanged();
  });
  const undecided = p.conflict && !p.conflict.decision;
  return (
    <Section
      title={p.prospect.name}
      id={`pitch-${p.pitchId}`}
      actions={<Badge>{t(`book.pitchStatuses.${p.status}`)}</Badge>}
    >
      <p>
        {p.prospect.category} · {t(`book.leadSources.${p.leadSource}`)} · {formats.date(p.pitchDate)}
        {p.costOfPitching && <> · {formats.money(p.costOfPitching)}</>}
      </p>
      {p.prospect.clientId && (
        <p>
          <a href={`/clients/${p.prospect.clientId}`}>{t('book.pitches.linked')}</a>
        </p>
      )}
      <p class="muted">
        {p.team.map((m) => m.name).join(', ')}
        {p.competingAgencies.length > 0 && <> · {p.competingAgencies.join(', ')}</>}
      </p>
      {p.conflict && (
        <div class="notice" role="note">
          <Badge tone={undecided ? 'warn' : 'neutral'}>
            {t('book.pitches.conflict', { clients: p.conflict.clients.map((c) => c.name).join(', ') })}
          </Badge>{' '}
          {p.conflict.decision
            ? t('book.pitches.decided', {
                decision: t(`book.pitches.${p.conflict.decision.decision}`),
                reason: p.conflict.decision.reason,
              })
            : t('book.pitches.awaitingHead')}
        </div>
      )}
      {undecided && me.role === 'head_of_accounts' && p.status === 'open' && (
        <Form
          label={t('book.pitches.decide')}
          onSubmit={() => decide.act()}
          busy={decide.busy}
          error={decide.error}
          submitLabel={t('book.pitches.decide')}
        >
          <Select
            label={t('book.pitches.decision')}
            value={decision}
            options={(['proceed', 'refer_elsewhere'] as const).map((d) => ({
              value: d,
              label: t(`book.pitches.${d}`),
            }))}
            onValue={setDecision}
          />
          <TextArea label={t('book.pitches.reason')} value={reason} onValue={setReason} required />
        </Form>
      )}
      {p.outcome && (
        <p>
          {t(`book.pitchStatuses.${p.outcome.outcome}`)}: {p.outcome.reasons}
          {p.outcome.clientId && (
            <>
              {' '}
              · <a href={`/clients/${p.outcome.clientId}`}>{t('book.pitches.becameClient')}</a>
            </>
          )}
        </p>
      )}
      {p.status === 'open' && directors.includes(me.role) && (
        <ProspectLink pitch={p} prospects={props.prospects} onChanged={props.onChanged} />
      )}
      {p.status === 'open' && directors.includes(me.role) && (
        <Form
          label={t('book.pitches.recordOutcome')}
          onSubmit={() => record.act()}
          busy={record.busy}
          error={record.error}
          submitLabel={t('book.pitches.recordOutcome')}
        >
          <Select
            label={t('book.pitches.outcome')}
            value={outcome}
            options={(['won', 'lost', 'withdrawn'] as const).map((o) => ({
              value: o,
              label: t(`book.pitchStatuses.${o}`),
            }))}
            onValue={setOutcome}
          />
          <TextArea label={t('book.pitches.reasons')} value={reasons} onValue={setReasons} required />
          {outcome === 'won' && !p.prospect.code && (
            <Field label={t('book.pitches.code')} value={code} onValue={setCode} maxLength={8} />
          )}
        </Form>
      )}
    </Section>
  );
}

/** New business: pitches, their conflict check and the head's decision, their outcome. */
export function Pitches() {
  const { me } = useApp();
  const load = useLoad(
    () =>
      allPages(
        (nextToken) => must(api.GET('/pitches', { params: { query: { limit: 100, nextToken } } })),
        300,
      ),
    [],
  );
  // Only directors open or link pitches: only they need the prospects on record.
  const prospects = useLoad(async () => (directors.includes(me.role) ? loadProspects() : []), [me.role]);
  const changed = () => {
    load.reload();
    prospects.reload();
  };
  return (
    <Page title={t('book.pitches.title')} subtitle={t('book.pitches.subtitle')}>
      <Async load={prospects}>
        {(recorded) => (
          <>
            {directors.includes(me.role) && (
              <Section title={t('book.pitches.new')}>
                <NewPitch prospects={recorded} onCreated={changed} />
              </Section>
            )}
            <Async load={load}>
              {(pitches) =>
                pitches.length === 0 ? (
                  <Empty>{t('book.pitches.none')}</Empty>
                ) : (
                  pitches.map((p) => (
                    <PitchCard key={p.pitchId} pitch={p} prospects={recorded} onChanged={changed} />
                  ))
                )
              }
            </Async>
          </>
        )}
      </Async>
    </Page>
  );
}
