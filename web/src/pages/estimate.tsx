import { useEffect, useState } from 'preact/hooks';
import { api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, moneyText, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Field, Form, Notice, Page, Section, Select, Table } from '../ui/kit';
import { Money, ReviewChainView } from './parts';
import { StartReviewForm } from './review-start';

type Category = Schemas['EstimateLine']['category'];
type Line = Schemas['EstimateLine'];
export const categories: Category[] = [
  'production',
  'media',
  'third_party',
  'research',
  'agency_fee',
  'other',
];

/** A line as a person types it: text fields; the server prices it. */
export interface LineDraft {
  lineId?: string;
  category: Category;
  description: string;
  quantity: string;
  unitCost: string;
  markupPercent: string;
  vendorId: string;
}

export const blankLine = (): LineDraft => ({
  category: 'production',
  description: '',
  quantity: '1',
  unitCost: '',
  markupPercent: '0',
  vendorId: '',
});

const draftOf = (l: Line): LineDraft => ({
  lineId: l.lineId,
  category: l.category,
  description: l.description,
  quantity: String(l.quantity),
  unitCost: moneyText(l.unitCost),
  markupPercent: String(l.markupPercent),
  vendorId: l.vendorId ?? '',
});

/** The lines as the API takes them (numbers as typed; the API answers what does not fit, by field). */
export const linesBody = (lines: LineDraft[], currency: string): Schemas['EstimateLineInput'][] =>
  lines.map((l) => ({
    ...(l.lineId ? { lineId: l.lineId } : {}),
    category: l.category,
    description: l.description.trim(),
    quantity: Number(l.quantity),
    unitCost: moneyInput(l.unitCost, currency),
    markupPercent: Number(l.markupPercent || '0'),
    ...(l.vendorId.trim() ? { vendorId: l.vendorId.trim() } : {}),
  }));

/** The totals the server computed (never in the browser). */
export function Totals(props: { totals: Schemas['EstimateTotals'] }) {
  const x = props.totals;
  return (
    <dl class="facts totals" aria-live="polite">
      <dt>{t('estimate.net')}</dt>
      <dd>
        <Money {...x.net} />
      </dd>
      <dt>{t('estimate.markup')}</dt>
      <dd>
        <Money {...x.markup} />
      </dd>
      <dt>{t('estimate.subtotal')}</dt>
      <dd>
        <Money {...x.subtotal} />
      </dd>
      <dt>{t('estimate.tax', { rate: formats.number(x.taxRateBasisPoints / 100) })}</dt>
      <dd>
        <Money {...x.tax} />
      </dd>
      <dt>{t('estimate.grandTotal')}</dt>
      <dd>
        <strong>
          <Money {...x.grandTotal} />
        </strong>
      </dd>
      <dt>{t('estimate.agencyIncome')}</dt>
      <dd>
        <Money {...x.agencyIncome} />
      </dd>
    </dl>
  );
}

export function EstimateLines(props: {
  lines: Line[];
  caption: string;
  tone?: Record<string, 'added' | 'removed'>;
}) {
  return (
    <Table
      rows={props.lines}
      columns={[
        t('estimate.line'),
        t('estimate.category'),
        t('estimate.description'),
        t('estimate.quantity'),
        t('estimate.unitCost'),
        t('estimate.net'),
        t('estimate.markupRate'),
        t('estimate.markupAmount'),
        t('estimate.total'),
      ]}
      caption={props.caption}
    >
      {(l) => (
        <tr key={l.lineId} class={props.tone?.[l.lineId]}>
          <td>{l.lineId}</td>
          <td>{t(`estimateCategories.${l.category}`)}</td>
          <td>{l.description}</td>
          <td class="num">{formats.number(l.quantity)}</td>
          <td>
            <Money {...l.unitCost} />
          </td>
          <td>
            <Money {...l.net} />
          </td>
          <td class="num">{formats.rate(l.markupPercent)}</td>
          <td>
            <Money {...l.markup} />
          </td>
          <td>
            <Money {...l.total} />
          </td>
        </tr>
      )}
    </Table>
  );
}

/**
 * The line editor: lines typed in, their prices and totals from the API's preview as one types
 * (a short pause after the last key), so the browser holds no pricing rule.
 */
export function LineEditor(props: {
  jobId: string;
  currency: string;
  lines: LineDraft[];
  onLines: (lines: LineDraft[]) => void;
}) {
  const [priced, setPriced] = useState<Schemas['EstimatePreview']>();
  const [problem, setProblem] = useState<unknown>();
  const { jobId, currency, lines } = props;
  // A line's vendor is chosen from the register's approved vendors, by name.
  const vendors = useLoad(
    () =>
      must(api.GET('/vendors', { params: { query: { status: 'approved' } } })).catch(() => ({ items: [] })),
    [],
  );
  const vendorOptions = (current: string) => {
    const approved = vendors.state === 'ready' ? vendors.data.items : [];
    const options = approved.map((v) => ({ value: v.vendorId, label: v.name }));
    return current && !options.some((o) => o.value === current)
      ? [...options, { value: current, label: t('estimate.vendorNotApproved') }]
      : options;
  };
  useEffect(() => {
    const timer = setTimeout(() => {
      api
        .POST('/jobs/{jobId}/estimates/preview', {
          params: { path: { jobId } },
          body: { currency, lines: linesBody(lines, currency) },
        })
        .then((res) => {
          if (res.data) {
            setPriced(res.data);
            setProblem(undefined);
          } else setProblem(res.error);
        })
        .catch(setProblem);
    }, 300);
    return () => clearTimeout(timer);
  }, [jobId, currency, JSON.stringify(lines)]);
  const set = (i: number, patch: Partial<LineDraft>) =>
    props.onLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <div class="estimate-editor">
      {lines.map((l, i) => (
        <fieldset key={l.lineId ?? `new-${i}`} class="line">
          <legend>
            {l.lineId ?? t('estimate.newLine')}
            {priced?.lines[i] && (
              <>
                {' '}
                · <Money {...priced.lines[i].total} />
              </>
            )}
          </legend>
          <Select
            label={t('estimate.category')}
            value={l.category}
            options={categories.map((c) => ({ value: c, label: t(`estimateCategories.${c}`) }))}
            onValue={(category) => set(i, { category })}
          />
          <Field
            label={t('estimate.description')}
            required
            maxLength={500}
            value={l.description}
            onValue={(description) => set(i, { description })}
          />
          <Field
            label={t('estimate.quantity')}
            inputMode="decimal"
            value={l.quantity}
            onValue={(quantity) => set(i, { quantity })}
          />
          <Field
            label={t('estimate.unitCostIn', { currency })}
            inputMode="decimal"
            value={l.unitCost}
            onValue={(unitCost) => set(i, { unitCost })}
          />
          <Field
            label={t('estimate.markupPercent')}
            inputMode="decimal"
            value={l.markupPercent}
            onValue={(markupPercent) => set(i, { markupPercent })}
          />
          <Select
            label={t('estimate.vendor')}
            placeholder={t('estimate.noVendor')}
            value={l.vendorId}
            options={vendorOptions(l.vendorId)}
            onValue={(vendorId) => set(i, { vendorId })}
          />
          <button type="button" onClick={() => props.onLines(lines.filter((_, j) => j !== i))}>
            {t('estimate.removeLine')}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => props.onLines([...lines, blankLine()])}>
        {t('estimate.addLine')}
      </button>
      {priced ? <Totals totals={priced.totals} /> : null}
      {problem ? <Notice>{t('estimate.notPriced')}</Notice> : null}
    </div>
  );
}

function ChangeOrderView(props: { co: Schemas['ChangeOrder'] }) {
  const co = props.co;
  const tone: Record<string, 'added' | 'removed'> = {};
  for (const l of co.added) tone[l.lineId] = 'added';
  return (
    <Section title={t('estimate.changeOrder', { n: co.basedOnVersion })}>
      {co.added.length > 0 && <EstimateLines lines={co.added} caption={t('estimate.added')} tone={tone} />}
      {co.removed.length > 0 && <EstimateLines lines={co.removed} caption={t('estimate.removed')} />}
      {co.changed.length > 0 && (
        <ul>
          {co.changed.map((c) => (
            <li key={c.lineId}>
              {c.lineId} · {c.after.description}:{' '}
              {c.fields.map((f) => t(`estimateFields.${f}` as 'estimateFields.quantity')).join(', ')} ·{' '}
              <Money {...c.before.total} /> → <Money {...c.after.total} />
            </li>
          ))}
        </ul>
      )}
      <p>
        {t('estimate.newTotal')} <Money {...co.previousSubtotal} /> →{' '}
        <strong>
          <Money {...co.newSubtotal} />
        </strong>{' '}
        ({co.difference.subtotal.amountMinor >= 0 ? '+' : '−'}
        <Money
          amountMinor={Math.abs(co.difference.subtotal.amountMinor)}
          currency={co.difference.subtotal.currency}
        />
        )
      </p>
    </Section>
  );
}

const stateTone = {
  not_started: 'neutral',
  in_review: 'warn',
  changes_requested: 'warn',
  rejected: 'bad',
  signed: 'good',
} as const;

/** An estimate: its version (lines, totals, a change order's difference), the editor, its sign-off. */
export function EstimateScreen(props: { params: { estimateId: string } }) {
  const { estimateId } = props.params;
  const load = useLoad(async () => {
    const [detail, versions, chain] = await Promise.all([
      must(api.GET('/estimates/{estimateId}', { params: { path: { estimateId } } })),
      must(api.GET('/estimates/{estimateId}/versions', { params: { path: { estimateId } } })),
      must(api.GET('/estimates/{estimateId}/approvals', { params: { path: { estimateId } } })),
    ]);
    const job = await must(api.GET('/jobs/{jobId}', { params: { path: { jobId: detail.estimate.jobId } } }));
    return { ...detail, versions: versions.items, chain, job };
  }, [estimateId]);
  const [editing, setEditing] = useState<LineDraft[]>();
  const [reviewing, setReviewing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const save = useAction(async (detail: Schemas['EstimateDetail'], lines: LineDraft[]) => {
    const body = { lines: linesBody(lines, detail.estimate.currency) };
    const draft = detail.version.status === 'draft';
    await must(
      draft
        ? api.PUT('/estimates/{estimateId}/versions/{n}', {
            params: {
              path: { estimateId, n: detail.version.number },
              header: ifMatch(detail.version.version),
            },
            body,
          })
        : api.POST('/estimates/{estimateId}/versions', {
            params: { path: { estimateId }, header: ifMatch(detail.estimate.version) },
            body,
          }),
    );
    setEditing(undefined);
    setNotice(t(draft ? 'estimate.saved' : 'estimate.revised'));
    load.reload();
  });
  const download = useAction(async (n: number) => {
    const link = await must(
      api.GET('/estimates/{estimateId}/versions/{n}/document', { params: { path: { estimateId, n } } }),
    );
    window.open(link.url, '_blank', 'noopener');
  });
  return (
    <Async load={load}>
      {(data) => {
        const { estimate, version, signOff, changeOrder } = data;
        const locked =
          signOff.state === 'in_review' || (signOff.state === 'signed' && version.status === 'signed');
        return (
          <Page
            title={`${estimate.title} · ${t(version.kind === 'change_order' ? 'estimate.kindChangeOrder' : 'estimate.kindEstimate')} v${version.number}`}
            subtitle={
              <>
                {data.job.jobNumber} ·{' '}
                <Badge tone={stateTone[signOff.state]}>{t(`estimateSignOff.${signOff.state}`)}</Badge>
                {estimate.approvedTotal && (
                  <>
                    {' '}
                    · {t('estimate.signedTotal')} <Money {...estimate.approvedTotal} />
                  </>
                )}
              </>
            }
            actions={<a href={`/jobs/${estimate.jobId}`}>{t('schedule.backToJob')}</a>}
          >
            {notice && <Notice>{notice}</Notice>}
            {changeOrder && <ChangeOrderView co={changeOrder} />}
            <Section title={t('estimate.lines')}>
              {editing ? (
                <Form
                  label={t('estimate.edit')}
                  onSubmit={() => save.act(data, editing)}
                  busy={save.busy}
                  error={save.error}
                  submitLabel={t(version.status === 'draft' ? 'estimate.save' : 'estimate.saveRevision')}
                >
                  <LineEditor
                    jobId={estimate.jobId}
                    currency={estimate.currency}
                    lines={editing}
                    onLines={setEditing}
                  />
                </Form>
              ) : (
                <>
                  <EstimateLines
                    lines={version.lines}
                    caption={t('estimate.linesCaption', { n: version.number })}
                  />
                  <Totals totals={version.totals} />
                  {!locked && version.status === 'draft' && (
                    <button type="button" onClick={() => setEditing(version.lines.map(draftOf))}>
                      {t('estimate.editDraft')}
                    </button>
                  )}
                  {version.status !== 'draft' && signOff.state !== 'in_review' && (
                    <button type="button" onClick={() => setEditing(version.lines.map(draftOf))}>
                      {t(estimate.signedVersion ? 'estimate.draftChangeOrder' : 'estimate.revise')}
                    </button>
                  )}
                  {version.document && (
                    <button type="button" onClick={() => download.act(version.number)}>
                      {t('estimate.download')}
                    </button>
                  )}
                </>
              )}
            </Section>
            <Section title={t('estimate.signOff')}>
              <p class="muted">{t('estimate.signOffExplained')}</p>
              {version.status === 'draft' && signOff.state === 'not_started' && !editing && (
                <>
                  <button type="button" onClick={() => setReviewing(!reviewing)}>
                    {t('estimate.startSignOff')}
                  </button>
                  {reviewing && (
                    <StartReviewForm
                      clientId={estimate.clientId}
                      scope="estimate"
                      start={(body) =>
                        must(
                          api.POST('/estimates/{estimateId}/versions/{n}/reviews', {
                            params: { path: { estimateId, n: version.number }, header: idempotencyKey() },
                            body,
                          }),
                        )
                      }
                      onStarted={() => {
                        setReviewing(false);
                        setNotice(t('estimate.sentForSignOff'));
                        load.reload();
                      }}
                    />
                  )}
                </>
              )}
              <ReviewChainView chain={data.chain} />
            </Section>
            <Section title={t('estimate.versions')}>
              {data.versions.length === 0 ? (
                <Empty>{t('estimate.noVersions')}</Empty>
              ) : (
                <ul>
                  {data.versions.map((v) => (
                    <li key={v.number}>
                      v{v.number} ·{' '}
                      {t(v.kind === 'change_order' ? 'estimate.kindChangeOrder' : 'estimate.kindEstimate')} ·{' '}
                      {t(`estimateStatus.${v.status}`)} · <Money {...v.totals.grandTotal} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </Page>
        );
      }}
    </Async>
  );
}

/** The job's estimates, and a new one drawn up with the line editor. */
export function JobEstimates(props: { job: Schemas['Job'] }) {
  const jobId = props.job.jobId;
  const load = useLoad(
    () => must(api.GET('/jobs/{jobId}/estimates', { params: { path: { jobId } } })),
    [jobId],
  );
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const initialCurrency = props.job.budget?.currency ?? 'EUR';
  const [currency, setCurrency] = useState(initialCurrency);
  /**
   * A job without a budget is estimated in its client's currency (its advertising budget's), the
   * one its time is costed in, so the job's profit sets like against like; unless already changed.
   */
  const open = async () => {
    setAdding(!adding);
    if (adding || props.job.budget) return;
    const client = await api.GET('/clients/{clientId}', {
      params: { path: { clientId: props.job.clientId } },
    });
    const clientCurrency = client.data?.intake?.advertisingBudget?.currency;
    if (clientCurrency) setCurrency((typed) => (typed === initialCurrency ? clientCurrency : typed));
  };
  const [lines, setLines] = useState<LineDraft[]>([blankLine()]);
  const create = useAction(async () => {
    const result = await must(
      api.POST('/jobs/{jobId}/estimates', {
        params: { path: { jobId }, header: idempotencyKey() },
        body: { title: title.trim(), currency, lines: linesBody(lines, currency) },
      }),
    );
    location.assign(`/estimates/${result.estimate.estimateId}`);
  });
  return (
    <Section title={t('job.estimates')} id="estimates">
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('job.noEstimates')}</Empty>
          ) : (
            <ul class="list">
              {list.items.map((e) => (
                <li key={e.estimateId}>
                  <a href={`/estimates/${e.estimateId}`}>{e.title}</a> · v{e.latestVersion}
                  {e.approvedTotal && (
                    <>
                      {' '}
                      · {t('estimate.signedTotal')} <Money {...e.approvedTotal} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <button type="button" aria-expanded={adding} onClick={() => void open()}>
        {t('job.newEstimate')}
      </button>
      {adding && (
        <Form
          label={t('job.newEstimate')}
          onSubmit={() => create.act()}
          busy={create.busy}
          error={create.error}
          submitLabel={t('common.create')}
        >
          <Field label={t('estimate.title')} required maxLength={200} value={title} onValue={setTitle} />
          {!props.job.budget && (
            <Field
              label={t('estimate.currency')}
              required
              maxLength={3}
              value={currency}
              onValue={(v) => setCurrency(v.toUpperCase())}
            />
          )}
          <LineEditor jobId={jobId} currency={currency} lines={lines} onLines={setLines} />
        </Form>
      )}
    </Section>
  );
}
