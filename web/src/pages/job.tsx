import { useRef, useState } from 'preact/hooks';
import { ApiProblem, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, milestoneName, moneyInput, moneyText, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import {
  Async,
  Checkboxes,
  Disclosure,
  Empty,
  Facts,
  Field,
  Form,
  Page,
  Section,
  Select,
  TextArea,
} from '../ui/kit';
import { type BriefDraft, BriefFields, blankBrief, briefBody, briefKinds } from './brief';
import { JobContactReports } from './contact-reports';
import { JobEstimates } from './estimate';
import { jobStatuses } from './jobs';
import { type Channel, channels } from './media-terms';
import { Money, StatusBadge, UploadForm } from './parts';

const draftKinds = ['layout', 'storyboard', 'script', 'copy', 'artwork', 'video', 'audio'] as const;
const kpiMetrics = ['impressions', 'reach', 'grps', 'clicks', 'views', 'conversions'] as const;

function StatusChange(props: { job: Schemas['Job']; onChanged: () => void }) {
  const [status, setStatus] = useState<Schemas['Job']['status'] | ''>('');
  const change = useAction(async () => {
    if (!status) return;
    await must(
      api.PATCH('/jobs/{jobId}', {
        params: { path: { jobId: props.job.jobId }, header: ifMatch(props.job.version) },
        body: { status },
      }),
    );
    setStatus('');
    props.onChanged();
  });
  // Every other status is offered; the API says which moves the job's life cycle allows.
  return (
    <Form
      label={t('job.changeStatus')}
      class="inline"
      onSubmit={() => change.act()}
      busy={change.busy}
      error={change.error}
      submitLabel={t('job.changeStatus')}
    >
      <Select
        label={t('job.newStatus')}
        required
        placeholder={t('common.choose')}
        value={status}
        options={jobStatuses
          .filter((s) => s !== props.job.status)
          .map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onValue={setStatus}
      />
    </Form>
  );
}

const managers = ['head_of_accounts', 'group_account_director', 'account_director', 'account_manager'];
/** Who may change the ticket (the API's rules): its fields from the AE up; its owner from the AM up. */
const editors = [...managers, 'account_executive'];

/** The ticket as a person edits it: every field as typed. */
function ticketDraft(job: Schemas['Job']) {
  return {
    title: job.title,
    description: job.description ?? '',
    dueDate: job.dueDate ?? '',
    amount: job.budget ? moneyText(job.budget) : '',
    currency: job.budget?.currency ?? 'USD',
    ownerId: job.ownerId,
  };
}

/**
 * Changes the ticket: the AE and above its title, description, due date and budget, the account
 * manager and above its owner too, the traffic coordinator its due date alone (they may reschedule
 * work, domain.md §2). Only what was changed is sent, so a reschedule stays a reschedule. A change
 * someone else saved first is said in plain words, with the way to load it.
 */
function TicketEdit(props: { job: Schemas['Job']; onChanged: () => void }) {
  const { me } = useApp();
  const { job } = props;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => ticketDraft(job));
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const mayEdit = editors.includes(me.role);
  const mayReassign = managers.includes(me.role);
  const team = useLoad(
    async () =>
      open && mayReassign
        ? (await must(api.GET('/clients/{clientId}/team', { params: { path: { clientId: job.clientId } } })))
            .members
        : [],
    [job.clientId, open, mayReassign],
  );
  const save = useAction(async () => {
    const before = ticketDraft(job);
    const body: Schemas['UpdateJob'] = {};
    if (draft.title !== before.title) body.title = draft.title;
    if (draft.description !== before.description) body.description = draft.description || null;
    if (draft.dueDate !== before.dueDate) body.dueDate = draft.dueDate || null;
    if (draft.amount !== before.amount || draft.currency !== before.currency)
      body.budget = draft.amount ? moneyInput(draft.amount, draft.currency) : null;
    if (draft.ownerId !== before.ownerId) body.ownerId = draft.ownerId;
    if (Object.keys(body).length === 0) {
      setOpen(false);
      return;
    }
    await must(
      api.PATCH('/jobs/{jobId}', {
        params: { path: { jobId: job.jobId }, header: ifMatch(job.version) },
        body,
      }),
    );
    setOpen(false);
    props.onChanged();
  });
  if (!mayEdit && me.role !== 'traffic_coordinator') return null;
  const stale =
    save.error instanceof ApiProblem &&
    save.error.status === 409 &&
    save.error.problem.code === 'version_conflict';
  const owners = team.state === 'ready' ? team.data.filter((m) => editors.includes(m.role)) : [];
  return (
    <Disclosure label={t('job.edit')} open={open} onToggle={setOpen}>
      <Form
        label={t('job.edit')}
        onSubmit={() => save.act()}
        busy={save.busy}
        error={save.error}
        submitLabel={t('common.save')}
      >
        {mayEdit && (
          <Field
            label={t('jobs.titleLabel')}
            required
            maxLength={200}
            value={draft.title}
            onValue={(title) => set({ title })}
          />
        )}
        <Field
          label={t('jobs.due')}
          type="date"
          value={draft.dueDate}
          onValue={(dueDate) => set({ dueDate })}
        />
        {mayEdit && (
          <>
            <div class="row">
              <Field
                label={t('job.budget')}
                inputMode="decimal"
                value={draft.amount}
                onValue={(amount) => set({ amount })}
              />
              <Field
                label={t('common.currency')}
                maxLength={3}
                value={draft.currency}
                onValue={(currency) => set({ currency: currency.toUpperCase() })}
              />
            </div>
            <TextArea
              label={t('jobs.description')}
              rows={4}
              maxLength={10_000}
              value={draft.description}
              onValue={(description) => set({ description })}
            />
          </>
        )}
        {mayReassign && owners.length > 0 && (
          <Select
            label={t('job.owner')}
            value={draft.ownerId}
            options={[
              // An owner off the team (the head) stays the owner until someone else is chosen.
              ...(owners.some((m) => m.staffId === job.ownerId)
                ? []
                : [{ value: job.ownerId, label: t('job.ownerOffTeam') }]),
              ...owners.map((m) => ({ value: m.staffId, label: `${m.name} · ${t(`roles.${m.role}`)}` })),
            ]}
            onValue={(ownerId) => set({ ownerId })}
          />
        )}
      </Form>
      {stale && (
        <button type="button" onClick={props.onChanged}>
          {t('job.reloadTicket')}
        </button>
      )}
    </Disclosure>
  );
}

function Drafts(props: { jobId: string }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/jobs/{jobId}/drafts', { params: { path: { jobId: props.jobId }, query: { limit: 100 } } }),
      ),
    [props.jobId],
  );
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Schemas['CreateDraft']['kind']>('layout');
  const created = useRef<string>();
  return (
    <Section title={t('job.drafts')} id="drafts">
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('job.noDrafts')}</Empty>
          ) : (
            <ul class="list">
              {page.items.map((d) => (
                <li key={d.draftId}>
                  <a href={`/drafts/${d.draftId}`}>{d.title}</a> · {t(`draftKinds.${d.kind}`)} · v
                  {d.latestVersion}
                  {d.presentedToClientAt && <> · {t('job.presented')}</>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Disclosure label={t('job.newDraft')} open={adding} onToggle={setAdding}>
        <UploadForm
          label={t('job.newDraft')}
          submitLabel={t('job.uploadDraft')}
          start={async (file) => {
            const result = await must(
              api.POST('/jobs/{jobId}/drafts', {
                params: { path: { jobId: props.jobId }, header: idempotencyKey() },
                body: {
                  title,
                  kind,
                  file: { name: file.name, contentType: file.type || 'application/octet-stream' },
                },
              }),
            );
            created.current = result.draft.draftId;
            return result.upload;
          }}
          complete={async () => {
            const draftId = created.current!;
            await must(
              api.POST('/drafts/{draftId}/versions/{n}/complete', { params: { path: { draftId, n: 1 } } }),
            );
            location.assign(`/drafts/${draftId}`);
          }}
        >
          <Field label={t('job.draftTitle')} required value={title} onValue={setTitle} />
          <Select
            label={t('job.draftKind')}
            value={kind}
            options={draftKinds.map((k) => ({ value: k, label: t(`draftKinds.${k}`) }))}
            onValue={setKind}
          />
        </UploadForm>
      </Disclosure>
    </Section>
  );
}

/** The schedule in brief: where the job ends, against the signed timetable; the chart is one click away. */
function ScheduleSummary(props: { jobId: string }) {
  const load = useLoad(async () => {
    try {
      return await must(api.GET('/jobs/{jobId}/schedule', { params: { path: { jobId: props.jobId } } }));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return undefined;
      throw error;
    }
  }, [props.jobId]);
  return (
    <Section
      title={t('job.schedule')}
      id="schedule"
      actions={<a href={`/jobs/${props.jobId}/schedule`}>{t('job.openSchedule')}</a>}
    >
      <Async load={load}>
        {(schedule) => {
          if (!schedule) return <Empty>{t('schedule.noneYet')}</Empty>;
          const next = schedule.milestones.find((m) => m.status !== 'done');
          return (
            <Facts
              rows={[
                [t('schedule.end'), formats.date(schedule.endDate)],
                [
                  t('schedule.baselineEnd'),
                  schedule.baseline
                    ? `${formats.date(schedule.baseline.endDate)} · ${t('schedule.slip', { count: schedule.baseline.slipDays })}`
                    : t('schedule.noBaseline'),
                ],
                [t('job.nextMilestone'), next ? `${milestoneName(next)} · ${formats.date(next.due)}` : '—'],
              ]}
            />
          );
        }}
      </Async>
    </Section>
  );
}

function Briefs(props: { jobId: string }) {
  const load = useLoad(
    () => must(api.GET('/jobs/{jobId}/briefs', { params: { path: { jobId: props.jobId } } })),
    [props.jobId],
  );
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<(typeof briefKinds)[number]>('creative');
  const [draft, setDraft] = useState<BriefDraft>(blankBrief());
  const create = useAction(async () => {
    const result = await must(
      api.POST('/jobs/{jobId}/briefs', {
        params: { path: { jobId: props.jobId }, header: idempotencyKey() },
        body: { kind, ...briefBody(kind, draft) },
      }),
    );
    location.assign(`/briefs/${result.brief.briefId}`);
  });
  return (
    <Section title={t('job.briefs')} id="briefs">
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('job.noBriefs')}</Empty>
          ) : (
            <ul class="list">
              {list.items.map((b) => (
                <li key={b.briefId}>
                  <a href={`/briefs/${b.briefId}`}>{b.title}</a> · {t(`briefKinds.${b.kind}`)} · v
                  {b.latestVersion}
                  {b.approvedVersion && <> · {t('brief.approvedVersion', { n: b.approvedVersion })}</>}
                  {b.signedVersion && <> · {t('brief.signedVersion', { n: b.signedVersion })}</>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Disclosure label={t('job.newBrief')} open={adding} onToggle={setAdding}>
        <Form
          label={t('job.newBrief')}
          onSubmit={() => create.act()}
          busy={create.busy}
          error={create.error}
          submitLabel={t('common.create')}
        >
          <Select
            label={t('job.briefKind')}
            value={kind}
            options={briefKinds.map((k) => ({ value: k, label: t(`briefKinds.${k}`) }))}
            onValue={setKind}
          />
          <BriefFields kind={kind} value={draft} onValue={setDraft} />
        </Form>
      </Disclosure>
    </Section>
  );
}

function Campaigns(props: { job: Schemas['Job'] }) {
  const jobId = props.job.jobId;
  const load = useLoad(
    () =>
      must(api.GET('/jobs/{jobId}/media-campaigns', { params: { path: { jobId }, query: { limit: 100 } } })),
    [jobId],
  );
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState({
    name: '',
    flightStart: '',
    flightEnd: '',
    amount: '',
    currency: props.job.budget?.currency ?? 'USD',
    metric: 'impressions' as (typeof kpiMetrics)[number],
    target: '',
    objective: '',
    targetAudience: '',
    markets: '',
    channels: [] as Channel[],
    timing: '',
  });
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const create = useAction(async () => {
    const budget = moneyInput(draft.amount, draft.currency);
    const campaign = await must(
      api.POST('/jobs/{jobId}/media-campaigns', {
        params: { path: { jobId }, header: idempotencyKey() },
        body: {
          name: draft.name,
          flightStart: draft.flightStart,
          flightEnd: draft.flightEnd,
          budget,
          kpis: draft.target ? [{ metric: draft.metric, target: Number(draft.target) }] : [],
          ...(draft.objective
            ? {
                brief: {
                  objective: draft.objective,
                  targetAudience: draft.targetAudience,
                  markets: draft.markets
                    .split(',')
                    .map((m) => m.trim())
                    .filter(Boolean),
                  channelsConsidered: draft.channels,
                  budget,
                  timing: draft.timing,
                },
              }
            : {}),
        },
      }),
    );
    location.assign(`/media-campaigns/${campaign.campaignId}`);
  });
  return (
    <Section title={t('job.campaigns')} id="campaigns">
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('job.noCampaigns')}</Empty>
          ) : (
            <ul class="list">
              {page.items.map((c) => (
                <li key={c.campaignId}>
                  <a href={`/media-campaigns/${c.campaignId}`}>{c.name}</a> · {formats.date(c.flightStart)} –{' '}
                  {formats.date(c.flightEnd)} · {t(`chainStages.${c.stage}`)}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Disclosure label={t('job.newCampaign')} open={adding} onToggle={setAdding}>
        <Form
          label={t('job.newCampaign')}
          onSubmit={() => create.act()}
          busy={create.busy}
          error={create.error}
          submitLabel={t('common.create')}
        >
          <Field label={t('campaign.name')} required value={draft.name} onValue={(name) => set({ name })} />
          <div class="row">
            <Field
              label={t('campaign.flightStart')}
              type="date"
              required
              value={draft.flightStart}
              onValue={(flightStart) => set({ flightStart })}
            />
            <Field
              label={t('campaign.flightEnd')}
              type="date"
              required
              value={draft.flightEnd}
              onValue={(flightEnd) => set({ flightEnd })}
            />
          </div>
          <div class="row">
            <Field
              label={t('campaign.budget')}
              type="number"
              min="0"
              step="0.01"
              required
              value={draft.amount}
              onValue={(amount) => set({ amount })}
            />
            <Field
              label={t('common.currency')}
              required
              maxLength={3}
              value={draft.currency}
              onValue={(currency) => set({ currency: currency.toUpperCase() })}
            />
          </div>
          <div class="row">
            <Select
              label={t('campaign.kpi')}
              value={draft.metric}
              options={kpiMetrics.map((m) => ({ value: m, label: t(`kpis.${m}`) }))}
              onValue={(metric) => set({ metric })}
            />
            <Field
              label={t('campaign.target')}
              type="number"
              min="0"
              value={draft.target}
              onValue={(target) => set({ target })}
            />
          </div>
          <fieldset>
            <legend>{t('campaign.brief')}</legend>
            <Field
              label={t('brief.objective')}
              value={draft.objective}
              onValue={(objective) => set({ objective })}
            />
            <Field
              label={t('brief.targetAudience')}
              value={draft.targetAudience}
              onValue={(targetAudience) => set({ targetAudience })}
            />
            <Field
              label={t('brief.markets')}
              hint={t('brief.marketsHint')}
              value={draft.markets}
              onValue={(markets) => set({ markets })}
            />
            <Checkboxes
              legend={t('brief.channels')}
              options={channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
              value={draft.channels}
              onValue={(v) => set({ channels: v })}
            />
            <Field label={t('brief.timing')} value={draft.timing} onValue={(timing) => set({ timing })} />
          </fieldset>
        </Form>
      </Disclosure>
    </Section>
  );
}

/**
 * The job's ticket: whose job it is — the client, the brand and the account executive who owns
 * it (the job keeps their ids) —, when it is due, its budget and description. A name the reader
 * may not open is left out rather than shown as an id.
 */
function Ticket({ job }: { job: Schemas['Job'] }) {
  const names = useLoad(async () => {
    const quietly = <T,>(p: Promise<T>) => p.catch(() => undefined);
    const [client, brands, owner] = await Promise.all([
      quietly(must(api.GET('/clients/{clientId}', { params: { path: { clientId: job.clientId } } }))),
      quietly(must(api.GET('/clients/{clientId}/brands', { params: { path: { clientId: job.clientId } } }))),
      quietly(must(api.GET('/staff/{staffId}', { params: { path: { staffId: job.ownerId } } }))),
    ]);
    return {
      client: client?.name,
      brand: brands?.items.find((b) => b.brandId === job.brandId)?.name,
      owner: owner?.name,
    };
  }, [job.jobId, job.ownerId]);
  const known: { client?: string; brand?: string; owner?: string } =
    names.state === 'ready' ? names.data : {};
  return (
    <Facts
      rows={[
        [t('jobs.client'), known.client ? <a href={`/clients/${job.clientId}`}>{known.client}</a> : '—'],
        [t('jobs.brand'), known.brand ?? '—'],
        [t('job.owner'), known.owner ?? '—'],
        [t('jobs.due'), job.dueDate ? formats.date(job.dueDate) : '—'],
        [t('job.budget'), job.budget ? <Money key="b" {...job.budget} /> : '—'],
        [t('jobs.description'), job.description ?? '—'],
      ]}
    />
  );
}

export function JobScreen(props: { params: { jobId: string } }) {
  const { jobId } = props.params;
  const load = useLoad(() => must(api.GET('/jobs/{jobId}', { params: { path: { jobId } } })), [jobId]);
  return (
    <Async load={load}>
      {(job) => (
        <Page
          title={`${job.jobNumber} · ${job.title}`}
          subtitle={
            <>
              {t(`jobTypes.${job.type}`)} · <StatusBadge group="status" value={job.status} />
            </>
          }
          actions={
            <>
              <a href={`/clients/${job.clientId}`}>{t('job.client')}</a>{' '}
              <a href={`/jobs/${job.jobId}/spend`}>{t('spend.title')}</a>{' '}
              <a href={`/jobs/${job.jobId}/profit`}>{t('time.profit.link')}</a>
            </>
          }
        >
          <Section title={t('job.details')} id="details">
            <Ticket job={job} />
            <TicketEdit key={job.version} job={job} onChanged={load.reload} />
            <StatusChange job={job} onChanged={load.reload} />
            <h3>{t('job.history')}</h3>
            <ol class="activity">
              {job.statusHistory.map((h) => (
                <li key={h.at}>
                  <time dateTime={h.at}>{formats.dateTime(h.at)}</time> · {t(`status.${h.to}`)}
                </li>
              ))}
            </ol>
          </Section>
          <ScheduleSummary jobId={jobId} />
          <Briefs jobId={jobId} />
          <JobEstimates job={job} />
          <Drafts jobId={jobId} />
          <Campaigns job={job} />
          <JobContactReports clientId={job.clientId} jobId={jobId} />
        </Page>
      )}
    </Async>
  );
}
