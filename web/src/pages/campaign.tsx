import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { currentLanguage, formats, moneyInput, t } from '../i18n';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import {
  Async,
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
  Tabs,
  TextArea,
} from '../ui/kit';
import { channels } from './media-terms';
import { Money, PlanLines, StatusBadge, UploadForm } from './parts';

type Campaign = Schemas['MediaCampaign'];
const tabs = ['brief', 'plans', 'bookings', 'monitoring', 'discrepancies', 'materials', 'reports'] as const;
type Tab = (typeof tabs)[number];
const unitTypes = ['spots', 'insertions', 'impressions'] as const;
const planKinds = ['recommendation', 'master_plan', 'monthly_schedule'] as const;

/**
 * Downloads a document through a short-lived link (insertion order, plan document): S3 serves it
 * as an attachment, so the browser saves it and the console stays where it is.
 */
export function DocumentButton(props: { label: string; fetch: () => Promise<{ url: string }> }) {
  const open = useAction(async () => {
    const link = await props.fetch();
    location.assign(link.url);
  });
  return (
    <>
      <button type="button" disabled={open.busy} onClick={() => void open.act()}>
        {props.label}
      </button>
      {open.error !== undefined && <ProblemView error={open.error} />}
    </>
  );
}

function Brief(props: { campaign: Campaign; onChanged: () => void }) {
  const c = props.campaign;
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/brief/versions', {
          params: { path: { campaignId: c.campaignId } },
        }),
      ),
    [c.campaignId, c.version],
  );
  const [editing, setEditing] = useState(false);
  const { draft, setDraft, bind } = useDraft({
    objective: '',
    targetAudience: '',
    markets: '',
    channels: [] as (typeof channels)[number][],
    mandatories: '',
    timing: '',
  });
  const revise = useAction(async () => {
    await must(
      api.PUT('/media-campaigns/{campaignId}/brief', {
        params: { path: { campaignId: c.campaignId }, header: ifMatch(c.version) },
        body: {
          objective: draft.objective,
          targetAudience: draft.targetAudience,
          markets: draft.markets
            .split(',')
            .map((m) => m.trim())
            .filter(Boolean),
          channelsConsidered: draft.channels,
          ...(draft.mandatories ? { mandatories: draft.mandatories } : {}),
          budget: c.budget,
          timing: draft.timing,
        },
      }),
    );
    setEditing(false);
    props.onChanged();
  });
  return (
    <Section title={t('campaign.brief')} id="brief">
      <Async load={load}>
        {(list) => {
          const latest = [...list.items].sort((a, b) => b.number - a.number)[0];
          if (!latest) return <Empty>{t('campaign.noBrief')}</Empty>;
          return (
            <>
              <p class="muted">
                {t('campaign.briefVersion', {
                  n: latest.number,
                  count: list.items.length,
                  at: formats.dateTime(latest.createdAt),
                })}
              </p>
              <Facts
                rows={[
                  [t('brief.objective'), latest.objective],
                  [t('brief.targetAudience'), latest.targetAudience],
                  [t('brief.markets'), latest.markets.join(', ')],
                  [
                    t('brief.channels'),
                    latest.channelsConsidered.map((ch) => t(`channels.${ch}`)).join(', ') || '—',
                  ],
                  [t('brief.mandatories'), latest.mandatories ?? '—'],
                  [t('campaign.budget'), <Money key="b" {...latest.budget} />],
                  [t('brief.timing'), latest.timing],
                ]}
              />
            </>
          );
        }}
      </Async>
      <Disclosure label={t('campaign.reviseBrief')} open={editing} onToggle={setEditing}>
        <Form
          label={t('campaign.reviseBrief')}
          onSubmit={() => revise.act()}
          busy={revise.busy}
          error={revise.error}
          submitLabel={t('common.save')}
        >
          <TextArea label={t('brief.objective')} required {...bind('objective')} />
          <TextArea label={t('brief.targetAudience')} required {...bind('targetAudience')} />
          <Field label={t('brief.markets')} hint={t('brief.marketsHint')} required {...bind('markets')} />
          <Checkboxes
            legend={t('brief.channels')}
            options={channels.map((ch) => ({ value: ch, label: t(`channels.${ch}`) }))}
            value={draft.channels}
            onValue={(v) => setDraft({ ...draft, channels: v })}
          />
          <TextArea label={t('brief.mandatories')} {...bind('mandatories')} />
          <Field label={t('brief.timing')} required {...bind('timing')} />
        </Form>
      </Disclosure>
    </Section>
  );
}

type LineDraft = {
  channel: (typeof channels)[number];
  vendor: string;
  placement: string;
  startDate: string;
  endDate: string;
  unitType: (typeof unitTypes)[number];
  units: string;
  rate: string;
};

function LinesEditor(props: {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  defaults: Pick<LineDraft, 'startDate' | 'endDate'>;
}) {
  const update = (i: number, patch: Partial<LineDraft>) =>
    props.onChange(props.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset class="lines">
      <legend>{t('plan.lines')}</legend>
      {props.lines.map((l, i) => (
        <fieldset class="line-row" key={i}>
          <legend>{t('plan.lineN', { n: i + 1 })}</legend>
          <Select
            label={t('plan.channel')}
            value={l.channel}
            options={channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            onValue={(channel) => update(i, { channel })}
          />
          <Field
            label={t('plan.vendor')}
            required
            value={l.vendor}
            onValue={(vendor) => update(i, { vendor })}
          />
          <Field
            label={t('plan.placement')}
            required
            value={l.placement}
            onValue={(placement) => update(i, { placement })}
          />
          <Field
            label={t('plan.start')}
            type="date"
            required
            value={l.startDate}
            onValue={(startDate) => update(i, { startDate })}
          />
          <Field
            label={t('plan.end')}
            type="date"
            required
            value={l.endDate}
            onValue={(endDate) => update(i, { endDate })}
          />
          <Select
            label={t('plan.unitType')}
            value={l.unitType}
            options={unitTypes.map((u) => ({ value: u, label: t(`units.${u}`) }))}
            onValue={(unitType) => update(i, { unitType })}
          />
          <Field
            label={t('plan.units')}
            type="number"
            min="1"
            required
            value={l.units}
            onValue={(units) => update(i, { units })}
          />
          <Field
            label={t('plan.rate')}
            hint={l.unitType === 'impressions' ? t('plan.cpmHint') : undefined}
            type="number"
            min="0"
            step="0.01"
            required
            value={l.rate}
            onValue={(rate) => update(i, { rate })}
          />
          <button
            type="button"
            class="link"
            onClick={() => props.onChange(props.lines.filter((_, j) => j !== i))}
          >
            {t('plan.removeLine', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          props.onChange([
            ...props.lines,
            {
              channel: 'tv',
              vendor: '',
              placement: '',
              unitType: 'spots',
              units: '',
              rate: '',
              ...props.defaults,
            },
          ])
        }
      >
        {t('plan.addLine')}
      </button>
    </fieldset>
  );
}

function Plans(props: { campaign: Campaign }) {
  const c = props.campaign;
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/plans', {
          params: { path: { campaignId: c.campaignId }, query: { limit: 100 } },
        }),
      ),
    [c.campaignId],
  );
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<(typeof planKinds)[number]>('recommendation');
  const [month, setMonth] = useState(c.flightStart.slice(0, 7));
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([]);
  const create = useAction(async () => {
    const result = await must(
      api.POST('/media-campaigns/{campaignId}/plans', {
        params: { path: { campaignId: c.campaignId }, header: idempotencyKey() },
        body: {
          kind,
          ...(kind === 'monthly_schedule' ? { month } : {}),
          ...(notes ? { notes } : {}),
          lines: lines.map((l) => ({
            ...l,
            units: Number(l.units),
            // Rates in the campaign's currency, as minor units.
            rate: moneyInput(l.rate, c.budget.currency),
          })),
        },
      }),
    );
    location.assign(`/media-plans/${result.plan.planId}`);
  });
  return (
    <Section title={t('campaign.plans')} id="plans">
      <Async load={load}>
        {(page) => (
          <Table
            rows={page.items}
            columns={[t('plan.kind'), t('plan.latest'), t('plan.confirmed')]}
            empty={t('campaign.noPlans')}
          >
            {(p) => (
              <tr key={p.planId}>
                <td>
                  <a href={`/media-plans/${p.planId}`}>
                    {t(`planKinds.${p.kind}`)}
                    {p.month && ` · ${p.month}`}
                  </a>
                </td>
                <td>v{p.latestVersion}</td>
                <td>
                  {p.confirmedVersion ? <StatusBadge group="status" value="confirmed" /> : '—'}
                  {p.confirmedVersion && ` v${p.confirmedVersion}`}
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
      <Disclosure label={t('campaign.newPlanVersion')} open={adding} onToggle={setAdding}>
        <Form
          label={t('campaign.newPlanVersion')}
          onSubmit={() => create.act()}
          busy={create.busy}
          error={create.error}
          submitLabel={t('campaign.writePlan')}
        >
          <p class="muted">{t('campaign.pricedByServer')}</p>
          <Select
            label={t('plan.kind')}
            value={kind}
            options={planKinds.map((k) => ({ value: k, label: t(`planKinds.${k}`) }))}
            onValue={setKind}
          />
          {kind === 'monthly_schedule' && (
            <Field label={t('plan.month')} type="month" required value={month} onValue={setMonth} />
          )}
          <LinesEditor
            lines={lines}
            onChange={setLines}
            defaults={{ startDate: c.flightStart, endDate: c.flightEnd }}
          />
          <TextArea label={t('plan.notes')} value={notes} onValue={setNotes} />
        </Form>
      </Disclosure>
    </Section>
  );
}

function NewBooking(props: { campaign: Campaign; onBooked: () => void }) {
  const c = props.campaign;
  const load = useLoad(async () => {
    const plans = (
      await must(
        api.GET('/media-campaigns/{campaignId}/plans', {
          params: { path: { campaignId: c.campaignId }, query: { limit: 100 } },
        }),
      )
    ).items;
    return plans.filter((p) => p.kind === 'monthly_schedule' && p.confirmedVersion);
  }, [c.campaignId]);
  const [planId, setPlanId] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [vendorContact, setVendorContact] = useState({ name: '', email: '' });
  const plan = load.state === 'ready' ? load.data.find((p) => p.planId === planId) : undefined;
  const version = useLoad(
    async () =>
      plan?.confirmedVersion
        ? must(
            api.GET('/media-plans/{planId}/versions/{n}', {
              params: { path: { planId: plan.planId, n: plan.confirmedVersion } },
            }),
          )
        : undefined,
    [plan?.planId, plan?.confirmedVersion],
  );
  const book = useAction(async () => {
    if (!plan?.confirmedVersion) return;
    await must(
      api.POST('/media-campaigns/{campaignId}/bookings', {
        params: { path: { campaignId: c.campaignId }, header: idempotencyKey() },
        body: {
          planId: plan.planId,
          version: plan.confirmedVersion,
          lineIds: selected,
          vendorContact,
          ...(notes ? { notes } : {}),
        },
      }),
    );
    setSelected([]);
    props.onBooked();
  });
  return (
    <Async load={load}>
      {(plans) =>
        plans.length === 0 ? (
          <Empty>{t('booking.noConfirmedSchedule')}</Empty>
        ) : (
          <Form
            label={t('booking.new')}
            onSubmit={() => book.act()}
            busy={book.busy}
            error={book.error}
            submitLabel={t('booking.book')}
          >
            <Select
              label={t('booking.schedule')}
              required
              placeholder={t('common.choose')}
              value={planId}
              options={plans.map((p) => ({
                value: p.planId,
                label: `${t(`planKinds.${p.kind}`)} ${p.month ?? ''} · v${p.confirmedVersion}`,
              }))}
              onValue={(v) => {
                setPlanId(v);
                setSelected([]);
              }}
            />
            {version.state === 'ready' && version.data && (
              <PlanLines version={version.data} selectable={{ selected, onChange: setSelected }} />
            )}
            <fieldset>
              <legend>{t('booking.vendorContact')}</legend>
              <div class="row">
                <Field
                  label={t('booking.vendorContactName')}
                  required
                  value={vendorContact.name}
                  onValue={(name) => setVendorContact({ ...vendorContact, name })}
                />
                <Field
                  label={t('common.email')}
                  type="email"
                  required
                  value={vendorContact.email}
                  onValue={(email) => setVendorContact({ ...vendorContact, email })}
                />
              </div>
            </fieldset>
            <TextArea label={t('plan.notes')} value={notes} onValue={setNotes} />
          </Form>
        )
      }
    </Async>
  );
}

function Bookings(props: { campaign: Campaign }) {
  const c = props.campaign;
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/bookings', { params: { path: { campaignId: c.campaignId } } }),
      ),
    [c.campaignId],
  );
  const [adding, setAdding] = useState(false);
  const update = useAction(async (b: Schemas['Booking'], status: 'confirmed_by_vendor' | 'cancelled') => {
    await must(
      api.PATCH('/media-campaigns/{campaignId}/bookings/{bookingId}', {
        params: { path: { campaignId: c.campaignId, bookingId: b.bookingId }, header: ifMatch(b.version) },
        body: { status },
      }),
    );
    load.reload();
  });
  return (
    <Section title={t('campaign.bookings')} id="bookings">
      <p class="muted">{t('booking.rule')}</p>
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('booking.none')}</Empty>
          ) : (
            <Table
              rows={list.items}
              columns={[
                t('plan.vendor'),
                t('booking.lines'),
                t('plan.total'),
                t('booking.status'),
                t('booking.insertionOrder'),
                { label: t('common.actions'), hidden: true },
              ]}
            >
              {(b) => (
                <tr key={b.bookingId}>
                  <td>
                    {b.vendor}
                    <div class="muted">{t('booking.fromVersion', { n: b.planVersion })}</div>
                  </td>
                  <td>{b.lines.map((l) => `${l.lineId} ${l.placement}`).join(', ')}</td>
                  <td class="num">{formats.money(b.totalCost)}</td>
                  <td>
                    <StatusBadge group="status" value={b.status} />
                  </td>
                  <td>
                    <DocumentButton
                      label={t('booking.downloadIo', { vendor: b.vendor })}
                      fetch={() =>
                        must(
                          api.GET('/media-campaigns/{campaignId}/bookings/{bookingId}/insertion-order', {
                            params: { path: { campaignId: c.campaignId, bookingId: b.bookingId } },
                          }),
                        )
                      }
                    />
                  </td>
                  <td>
                    {b.status === 'requested' && (
                      <>
                        <button
                          type="button"
                          disabled={update.busy}
                          onClick={() => void update.act(b, 'confirmed_by_vendor')}
                        >
                          {t('booking.vendorConfirmed')}
                        </button>{' '}
                        <button
                          type="button"
                          disabled={update.busy}
                          onClick={() => void update.act(b, 'cancelled')}
                        >
                          {t('booking.cancel')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              )}
            </Table>
          )
        }
      </Async>
      {update.error !== undefined && <ProblemView error={update.error} />}
      <Disclosure label={t('booking.new')} open={adding} onToggle={setAdding}>
        <NewBooking
          campaign={c}
          onBooked={() => {
            setAdding(false);
            load.reload();
          }}
        />
      </Disclosure>
    </Section>
  );
}

function ImportDetail(props: { campaignId: string; importId: string }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/monitoring-imports/{importId}', {
          params: { path: { campaignId: props.campaignId, importId: props.importId } },
        }),
      ),
    [props.importId],
  );
  return (
    <Async load={load}>
      {(imp) =>
        imp.rejects.length === 0 ? (
          <p>{t('monitoring.noRejects')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t('monitoring.rejectedRows', { count: imp.rowsRejected })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.line')}</th>
                  <th scope="col">{t('monitoring.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {imp.rejects.map((r) => (
                  <tr key={r.line}>
                    <td class="num">{r.line}</td>
                    <td>{r.reasons.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {imp.rejectsTruncated && <p class="muted">{t('monitoring.truncated')}</p>}
          </div>
        )
      }
    </Async>
  );
}

function Monitoring(props: { campaign: Campaign }) {
  const campaignId = props.campaign.campaignId;
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/monitoring-imports', {
          params: { path: { campaignId }, query: { limit: 50 } },
        }),
      ),
    [campaignId],
  );
  const [open, setOpen] = useState<string>();
  const [adding, setAdding] = useState(false);
  const importId = useRef('');
  return (
    <Section title={t('campaign.monitoring')} id="monitoring">
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('monitoring.none')}</Empty>
          ) : (
            <ul class="imports">
              {page.items.map((imp) => (
                <li key={imp.importId}>
                  <div class="work-summary">
                    <div>
                      <strong>{imp.fileName ?? t('monitoring.jsonRows')}</strong>{' '}
                      <StatusBadge group="status" value={imp.status} />
                      <div class="muted">
                        {t('monitoring.counts', {
                          total: formats.number(imp.rowsTotal),
                          stored: formats.number(imp.rowsStored),
                          rejected: formats.number(imp.rowsRejected),
                          matched: formats.number(imp.rowsMatched),
                        })}
                        {imp.failure && <> · {imp.failure}</>}
                      </div>
                    </div>
                    <button
                      type="button"
                      aria-expanded={open === imp.importId}
                      onClick={() => setOpen(open === imp.importId ? undefined : imp.importId)}
                    >
                      {t('monitoring.showRejected')}
                    </button>
                  </div>
                  {open === imp.importId && <ImportDetail campaignId={campaignId} importId={imp.importId} />}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Disclosure label={t('monitoring.import')} open={adding} onToggle={setAdding}>
        <p class="muted">{t('monitoring.csvHint')}</p>
        <UploadForm
          label={t('monitoring.import')}
          accept=".csv,text/csv"
          submitLabel={t('monitoring.importSubmit')}
          start={async (file) => {
            const created = await must(
              api.POST('/media-campaigns/{campaignId}/monitoring-imports', {
                params: { path: { campaignId }, header: idempotencyKey() },
                body: { fileName: file.name },
              }),
            );
            importId.current = created.importId;
            if (!created.upload) throw new Error('no upload');
            return created.upload;
          }}
          complete={async () => {
            // A large file is imported in rounds: each call goes on where the last stopped.
            for (let round = 0; round < 50; round++) {
              const result = await must(
                api.POST('/media-campaigns/{campaignId}/monitoring-imports/{importId}/complete', {
                  params: { path: { campaignId, importId: importId.current } },
                }),
              );
              if (result.status !== 'importing') break;
            }
            setAdding(false);
            setOpen(importId.current);
            load.reload();
          }}
        />
      </Disclosure>
    </Section>
  );
}

function Discrepancies(props: { campaign: Campaign }) {
  const campaignId = props.campaign.campaignId;
  const load = useLoad(
    () => must(api.GET('/media-campaigns/{campaignId}/discrepancies', { params: { path: { campaignId } } })),
    [campaignId],
  );
  const recompute = useAction(async () => {
    await must(
      api.POST('/media-campaigns/{campaignId}/discrepancies/recompute', { params: { path: { campaignId } } }),
    );
    load.reload();
  });
  const [resolving, setResolving] = useState<string>();
  const [makegood, setMakegood] = useState({ units: '', date: '', note: '' });
  const resolve = useAction(async (d: Schemas['Discrepancy']) => {
    await must(
      api.PATCH('/media-campaigns/{campaignId}/discrepancies/{discrepancyId}', {
        params: { path: { campaignId, discrepancyId: d.discrepancyId }, header: ifMatch(d.version) },
        body: {
          status: 'resolved',
          makegood: {
            units: Number(makegood.units),
            ...(makegood.date ? { date: makegood.date } : {}),
            ...(makegood.note ? { note: makegood.note } : {}),
          },
        },
      }),
    );
    setResolving(undefined);
    load.reload();
  });
  return (
    <Section
      title={t('campaign.discrepancies')}
      id="discrepancies"
      actions={
        <button type="button" disabled={recompute.busy} onClick={() => void recompute.act()}>
          {t('discrepancy.recompute')}
        </button>
      }
    >
      {recompute.error !== undefined && <ProblemView error={recompute.error} />}
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('discrepancy.none')}</Empty>
          ) : (
            <ul class="list">
              {list.items.map((d) => (
                <li key={d.discrepancyId}>
                  <strong>{t(`discrepancyTypes.${d.type}`)}</strong>{' '}
                  <StatusBadge group="status" value={d.status} />
                  <div>{d.detail}</div>
                  <div class="muted">
                    {t('discrepancy.numbers', {
                      expected: formats.number(d.expected),
                      actual: formats.number(d.actual),
                    })}
                  </div>
                  {d.makegood && (
                    <div class="muted">
                      {t('discrepancy.makegood', { units: formats.number(d.makegood.units) })}
                      {d.makegood.date && ` · ${formats.date(d.makegood.date)}`}
                      {d.makegood.note && ` · ${d.makegood.note}`}
                    </div>
                  )}
                  {d.status === 'open' && (
                    <Disclosure
                      label={t('discrepancy.resolve')}
                      open={resolving === d.discrepancyId}
                      onToggle={(o) => setResolving(o ? d.discrepancyId : undefined)}
                    >
                      <Form
                        label={t('discrepancy.resolve')}
                        onSubmit={() => resolve.act(d)}
                        busy={resolve.busy}
                        error={resolve.error}
                        submitLabel={t('discrepancy.resolveSubmit')}
                      >
                        <Field
                          label={t('discrepancy.makegoodUnits')}
                          type="number"
                          min="0"
                          required
                          value={makegood.units}
                          onValue={(units) => setMakegood({ ...makegood, units })}
                        />
                        <Field
                          label={t('discrepancy.makegoodDate')}
                          type="date"
                          value={makegood.date}
                          onValue={(date) => setMakegood({ ...makegood, date })}
                        />
                        <Field
                          label={t('discrepancy.note')}
                          value={makegood.note}
                          onValue={(note) => setMakegood({ ...makegood, note })}
                        />
                      </Form>
                    </Disclosure>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Section>
  );
}

function Materials(props: { campaign: Campaign }) {
  const c = props.campaign;
  const load = useLoad(async () => {
    const [materials, bookings, drafts] = await Promise.all([
      must(
        api.GET('/media-campaigns/{campaignId}/materials', {
          params: { path: { campaignId: c.campaignId } },
        }),
      ),
      must(
        api.GET('/media-campaigns/{campaignId}/bookings', { params: { path: { campaignId: c.campaignId } } }),
      ),
      must(api.GET('/jobs/{jobId}/drafts', { params: { path: { jobId: c.jobId }, query: { limit: 100 } } })),
    ]);
    return { materials: materials.items, bookings: bookings.items, drafts: drafts.items };
  }, [c.campaignId]);
  const [linking, setLinking] = useState<{ id: string; draftId: string; version: string }>();
  const link = useAction(async (r: Schemas['MaterialRequisition']) => {
    if (!linking) return;
    await must(
      api.PATCH('/media-campaigns/{campaignId}/materials/{requisitionId}', {
        params: {
          path: { campaignId: c.campaignId, requisitionId: r.requisitionId },
          header: ifMatch(r.version),
        },
        body: { draftId: linking.draftId, draftVersion: Number(linking.version) },
      }),
    );
    setLinking(undefined);
    load.reload();
  });
  const [requesting, setRequesting] = useState(false);
  const [req, setReq] = useState({
    bookingId: '',
    format: '',
    widthPx: '',
    heightPx: '',
    durationSeconds: '',
    deliveryDeadline: '',
  });
  const request = useAction(async () => {
    await must(
      api.POST('/media-campaigns/{campaignId}/bookings/{bookingId}/materials', {
        params: { path: { campaignId: c.campaignId, bookingId: req.bookingId }, header: idempotencyKey() },
        body: {
          format: req.format,
          deliveryDeadline: req.deliveryDeadline,
          ...(req.widthPx ? { widthPx: Number(req.widthPx), heightPx: Number(req.heightPx) } : {}),
          ...(req.durationSeconds ? { durationSeconds: Number(req.durationSeconds) } : {}),
        },
      }),
    );
    setRequesting(false);
    load.reload();
  });
  return (
    <Section title={t('campaign.materials')} id="materials">
      <Async load={load}>
        {({ materials, bookings, drafts }) => (
          <>
            {materials.length === 0 ? (
              <Empty>{t('materials.none')}</Empty>
            ) : (
              <ul class="list">
                {materials.map((r) => (
                  <li key={r.requisitionId}>
                    <strong>
                      {r.vendor} · {r.format}
                    </strong>{' '}
                    <StatusBadge group="status" value={r.status} />
                    <div class="muted">
                      {t('materials.deadline', { date: formats.date(r.deliveryDeadline) })}
                      {r.widthPx !== undefined && ` · ${r.widthPx}×${r.heightPx} px`}
                      {r.durationSeconds !== undefined && ` · ${r.durationSeconds} s`}
                    </div>
                    {r.material && (
                      <div>
                        {t('materials.linked', { title: r.material.draftTitle, n: r.material.draftVersion })}
                      </div>
                    )}
                    {r.status === 'open' && (
                      <Disclosure
                        label={t('materials.link')}
                        open={linking?.id === r.requisitionId}
                        onToggle={(o) =>
                          setLinking(o ? { id: r.requisitionId, draftId: '', version: '' } : undefined)
                        }
                      >
                        {linking && (
                          <Form
                            label={t('materials.link')}
                            onSubmit={() => link.act(r)}
                            busy={link.busy}
                            error={link.error}
                            submitLabel={t('materials.linkSubmit')}
                          >
                            <Select
                              label={t('materials.draft')}
                              required
                              placeholder={t('common.choose')}
                              value={linking.draftId}
                              options={drafts.map((d) => ({
                                value: d.draftId,
                                label: `${d.title} (v${d.latestVersion})`,
                              }))}
                              onValue={(draftId) => setLinking({ ...linking, draftId })}
                            />
                            <Field
                              label={t('materials.version')}
                              type="number"
                              min="1"
                              required
                              value={linking.version}
                              onValue={(version) => setLinking({ ...linking, version })}
                            />
                          </Form>
                        )}
                      </Disclosure>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {bookings.length > 0 && (
              <Disclosure label={t('materials.request')} open={requesting} onToggle={setRequesting}>
                <Form
                  label={t('materials.request')}
                  onSubmit={() => request.act()}
                  busy={request.busy}
                  error={request.error}
                  submitLabel={t('materials.requestSubmit')}
                >
                  <Select
                    label={t('materials.booking')}
                    required
                    placeholder={t('common.choose')}
                    value={req.bookingId}
                    options={bookings.map((b) => ({
                      value: b.bookingId,
                      label: `${b.vendor} · ${formats.money(b.totalCost)}`,
                    }))}
                    onValue={(bookingId) => setReq({ ...req, bookingId })}
                  />
                  <Field
                    label={t('materials.format')}
                    required
                    value={req.format}
                    onValue={(format) => setReq({ ...req, format })}
                  />
                  <div class="row">
                    <Field
                      label={t('materials.width')}
                      type="number"
                      min="1"
                      value={req.widthPx}
                      onValue={(widthPx) => setReq({ ...req, widthPx })}
                    />
                    <Field
                      label={t('materials.height')}
                      type="number"
                      min="1"
                      value={req.heightPx}
                      onValue={(heightPx) => setReq({ ...req, heightPx })}
                    />
                    <Field
                      label={t('materials.duration')}
                      type="number"
                      min="1"
                      value={req.durationSeconds}
                      onValue={(durationSeconds) => setReq({ ...req, durationSeconds })}
                    />
                  </div>
                  <Field
                    label={t('materials.deliveryDeadline')}
                    type="date"
                    required
                    value={req.deliveryDeadline}
                    onValue={(deliveryDeadline) => setReq({ ...req, deliveryDeadline })}
                  />
                </Form>
              </Disclosure>
            )}
          </>
        )}
      </Async>
    </Section>
  );
}

function Reports(props: { campaign: Campaign }) {
  const campaignId = props.campaign.campaignId;
  const load = useLoad(
    () =>
      must(
        api.GET('/media-campaigns/{campaignId}/reports', {
          params: { path: { campaignId }, query: { limit: 20 } },
        }),
      ),
    [campaignId],
  );
  const generate = useAction(async () => {
    await must(
      api.POST('/media-campaigns/{campaignId}/post-campaign-report', {
        params: { path: { campaignId }, header: idempotencyKey() },
      }),
    );
    load.reload();
  });
  return (
    <Section
      title={t('campaign.reports')}
      id="reports"
      actions={
        <button type="button" disabled={generate.busy} onClick={() => void generate.act()}>
          {generate.busy ? t('common.working') : t('reports.generate')}
        </button>
      }
    >
      {generate.error !== undefined && <ProblemView error={generate.error} />}
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('reports.none', { date: formats.date(props.campaign.reportDueOn) })}</Empty>
          ) : (
            <ul class="reports">
              {page.items.map((r) => (
                <li key={r.reportId}>
                  <h3>
                    {t(r.final ? 'reports.final' : 'reports.interim')} · {formats.dateTime(r.generatedAt)}
                  </h3>
                  <Facts
                    rows={[
                      [t('reports.budget'), formats.money(r.totals.budget)],
                      [t('reports.planned'), formats.money(r.totals.planned)],
                      [t('reports.booked'), formats.money(r.totals.booked)],
                      [t('reports.delivered'), formats.money(r.totals.delivered)],
                      [t('reports.billed'), formats.money(r.totals.billed)],
                    ]}
                  />
                  <ul class="list">
                    {r.kpis.map((k) => (
                      <li key={k.metric}>
                        {t(`kpis.${k.metric}`)}: {k.actual !== undefined ? formats.number(k.actual) : '—'} /{' '}
                        {formats.number(k.target)} <StatusBadge group="status" value={k.status} />
                      </li>
                    ))}
                  </ul>
                  <ReportSummary report={r} />
                  <p>
                    <a href={r.links.html} target="_blank" rel="noopener noreferrer">
                      {t('reports.openHtml')}
                    </a>{' '}
                    ·{' '}
                    <a href={r.links.csv} target="_blank" rel="noopener noreferrer">
                      {t('reports.downloadCsv')}
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Section>
  );
}

/**
 * A report's findings in the reader's language: its copy in that language where the report has
 * one (`translations`), else the agency's words it was generated in.
 */
function ReportSummary(props: { report: Schemas['CampaignReportWithLinks'] }) {
  const language = currentLanguage();
  const summary =
    (language !== 'en' && props.report.translations?.[language]?.summary) || props.report.summary;
  if (summary.worked.length + summary.didNotWork.length === 0) return null;
  return (
    <div class="summary" lang={summary === props.report.summary ? 'en' : language}>
      {summary.worked.map((s) => (
        <p key={s}>✓ {s}</p>
      ))}
      {summary.didNotWork.map((s) => (
        <p key={s}>✗ {s}</p>
      ))}
    </div>
  );
}

export function CampaignScreen(props: { params: { campaignId: string; tab?: string } }) {
  const { campaignId } = props.params;
  const { route } = useLocation();
  const tab: Tab = (tabs as readonly string[]).includes(props.params.tab ?? '')
    ? (props.params.tab as Tab)
    : 'brief';
  const load = useLoad(
    () => must(api.GET('/media-campaigns/{campaignId}', { params: { path: { campaignId } } })),
    [campaignId],
  );
  return (
    <Async load={load}>
      {(c) => (
        <Page
          title={c.name}
          subtitle={
            <>
              {formats.date(c.flightStart)} – {formats.date(c.flightEnd)} · <Money {...c.budget} /> ·{' '}
              {t(`chainStages.${c.stage}`)}
            </>
          }
          actions={<a href={`/jobs/${c.jobId}`}>{t('campaign.job')}</a>}
        >
          <Tabs
            label={t('campaign.sections')}
            tabs={tabs.map((key) => ({ key, label: t(`campaign.${key}`) }))}
            current={tab}
            onSelect={(key) => route(`/media-campaigns/${campaignId}/${key}`)}
          />
          {tab === 'brief' && <Brief campaign={c} onChanged={load.reload} />}
          {tab === 'plans' && <Plans campaign={c} />}
          {tab === 'bookings' && <Bookings campaign={c} />}
          {tab === 'monitoring' && <Monitoring campaign={c} />}
          {tab === 'discrepancies' && <Discrepancies campaign={c} />}
          {tab === 'materials' && <Materials campaign={c} />}
          {tab === 'reports' && <Reports campaign={c} />}
        </Page>
      )}
    </Async>
  );
}
