import { useState } from 'preact/hooks';
import { ApiProblem, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
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
} from '../ui/kit';

type Money = Schemas['Money'];
const money = (m: Money | undefined) => (m ? formats.money(m) : '—');
const directors = ['head_of_accounts', 'group_account_director', 'account_director'];
const vendorCategories = [
  'production_house',
  'photographer',
  'printer',
  'research_firm',
  'media_owner',
  'other',
] as const;

/** The guard's refusal in the reader's words, with the amount over; any other problem as the kit says it. */
function SpendProblem(props: { error: unknown }) {
  const { error } = props;
  if (error instanceof ApiProblem && error.problem.code === 'over_signed_total') {
    const over = (error.problem as { amountOver?: Money }).amountOver;
    return (
      <div class="problem" role="alert">
        <strong>{t('spend.overTitle')}</strong>
        <p>{t('spend.over', { amount: money(over) })}</p>
      </div>
    );
  }
  if (error instanceof ApiProblem && error.problem.code === 'no_signed_estimate') {
    return (
      <div class="problem" role="alert">
        <strong>{t('spend.overTitle')}</strong>
        <p>{t('spend.noEstimate')}</p>
      </div>
    );
  }
  return <ProblemView error={error} />;
}

/** The vendor register: every supplier, proposing one (AE and above), approving it (AD and above). */
export function VendorsScreen() {
  const { me } = useApp();
  const load = useLoad(() => must(api.GET('/vendors', { params: { query: {} } })), []);
  const [name, setName] = useState('');
  const [category, setCategory] = useState<(typeof vendorCategories)[number]>('production_house');
  const [contactName, setContactName] = useState('');
  const [email, setEmail] = useState('');
  const [taxId, setTaxId] = useState('');
  const [terms, setTerms] = useState('30');
  const propose = useAction(async () => {
    await must(
      api.POST('/vendors', {
        headers: idempotencyKey(),
        body: {
          name,
          categories: [category],
          contact: { name: contactName, email },
          taxId,
          paymentTermsDays: Number(terms),
        },
      }),
    );
    setName('');
    load.reload();
  });
  const decide = useAction(async (vendor: Schemas['Vendor'], decision: 'approve' | 'reject') => {
    await must(
      api.POST('/vendors/{vendorId}/decision', {
        params: { path: { vendorId: vendor.vendorId }, header: ifMatch(vendor.version) },
        body: { decision },
      }),
    );
    load.reload();
  });
  return (
    <Page title={t('spend.vendors')} subtitle={t('spend.vendorsSubtitle')}>
      <Async load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('spend.noVendors')}</Empty>
          ) : (
            <div class="table-wrap">
              {decide.error !== undefined && <ProblemView error={decide.error} />}
              <table>
                <caption class="visually-hidden">{t('spend.vendors')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('spend.vendor')}</th>
                    <th scope="col">{t('spend.categories')}</th>
                    <th scope="col">{t('spend.terms')}</th>
                    <th scope="col">{t('spend.status')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((v) => (
                    <tr key={v.vendorId}>
                      <td>
                        {v.name}
                        <div class="muted">
                          {v.contact.name} · {v.contact.email} · {v.taxId}
                        </div>
                      </td>
                      <td>{v.categories.map((c) => t(`spend.category.${c}`)).join(', ')}</td>
                      <td>{t('spend.termsDays', { count: v.paymentTermsDays })}</td>
                      <td>
                        <Badge
                          tone={v.status === 'approved' ? 'good' : v.status === 'rejected' ? 'bad' : 'warn'}
                        >
                          {t(`spend.vendorStatus.${v.status}`)}
                        </Badge>
                      </td>
                      <td>
                        {directors.includes(me.role) && v.status !== 'approved' && (
                          <button
                            type="button"
                            disabled={decide.busy}
                            onClick={() => void decide.act(v, 'approve')}
                          >
                            {t('spend.approve')}
                          </button>
                        )}
                        {directors.includes(me.role) && v.status === 'proposed' && (
                          <button
                            type="button"
                            disabled={decide.busy}
                            onClick={() => void decide.act(v, 'reject')}
                          >
                            {t('spend.reject')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      <Section title={t('spend.propose')}>
        <Form
          label={t('spend.propose')}
          onSubmit={() => propose.act()}
          submitLabel={t('spend.propose')}
          busy={propose.busy}
          error={propose.error}
        >
          <Field label={t('spend.vendor')} value={name} onValue={setName} required maxLength={160} />
          <Select
            label={t('spend.categories')}
            value={category}
            onValue={setCategory}
            options={vendorCategories.map((c) => ({ value: c, label: t(`spend.category.${c}`) }))}
          />
          <Field
            label={t('spend.contact')}
            value={contactName}
            onValue={setContactName}
            required
            maxLength={120}
          />
          <Field label={t('common.email')} type="email" value={email} onValue={setEmail} required />
          <Field label={t('spend.taxId')} value={taxId} onValue={setTaxId} required maxLength={40} />
          <Field label={t('spend.terms')} type="number" min={0} max={180} value={terms} onValue={setTerms} />
        </Form>
      </Section>
    </Page>
  );
}

/** A job's spend: what the client signed, committed and billed; purchase orders and bills entered here. */
export function JobSpendScreen(props: { jobId?: string }) {
  const jobId = props.jobId ?? '';
  const load = useLoad(
    () =>
      Promise.all([
        must(api.GET('/jobs/{jobId}/spend', { params: { path: { jobId } } })),
        must(api.GET('/vendors', { params: { query: { status: 'approved' } } })),
      ]),
    [jobId],
  );
  return (
    <Page title={t('spend.title')} subtitle={<a href={`/jobs/${jobId}`}>{t('spend.backToJob')}</a>}>
      <Async load={load}>
        {([spend, vendors]) => (
          <>
            <Section title={t('spend.ledger')}>
              {spend.signed ? (
                <Facts
                  rows={[
                    [t('spend.signed'), money(spend.signedTotal)],
                    [t('spend.committed'), money(spend.committed)],
                    [t('spend.remaining'), money(spend.remaining)],
                    [t('spend.billed'), money(spend.billed)],
                  ]}
                />
              ) : (
                <Empty>{t('spend.noEstimate')}</Empty>
              )}
            </Section>
            <Section title={t('spend.orders')}>
              {spend.purchaseOrders.length === 0 ? (
                <Empty>{t('spend.noOrders')}</Empty>
              ) : (
                <ul class="plain">
                  {spend.purchaseOrders.map((o) => (
                    <li key={o.purchaseOrderId}>
                      <strong>{o.number}</strong> · {o.vendorName} · {money(o.total)} · {t('spend.billed')}{' '}
                      {money(o.billed)}{' '}
                      {o.status === 'cancelled' ? (
                        <>
                          <Badge tone="warn">{t('spend.cancelled')}</Badge>{' '}
                          {t('spend.cancelledReleased', {
                            amount: money(o.released),
                            reason: o.cancelReason ?? '',
                          })}
                        </>
                      ) : (
                        <CancelOrder jobId={jobId} order={o} onDone={load.reload} />
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {spend.signed && spend.signedTotal && (
                <OrderForm
                  jobId={jobId}
                  currency={spend.signedTotal.currency}
                  lines={spend.estimateLines}
                  vendors={vendors.items}
                  onDone={load.reload}
                />
              )}
            </Section>
            <Section title={t('spend.bills')}>
              {spend.bills.length === 0 ? (
                <Empty>{t('spend.noBills')}</Empty>
              ) : (
                <ul class="plain">
                  {spend.bills.map((b) => (
                    <li key={b.billId}>
                      <strong>{b.billNumber}</strong> · {b.purchaseOrderNumber} · {money(b.total)}{' '}
                      {b.matched ? (
                        <Badge tone="good">{t('spend.matched')}</Badge>
                      ) : (
                        <Badge tone="warn">{t('spend.variances', { count: b.variances.length })}</Badge>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {spend.purchaseOrders.length > 0 && (
                <BillForm jobId={jobId} orders={spend.purchaseOrders} onDone={load.reload} />
              )}
            </Section>
          </>
        )}
      </Async>
    </Page>
  );
}

/**
 * Cancels an order, with the reason the vendor reads: the API gives back to the job's committed
 * spend what was not billed on it; its refusal (billed in full, changed meanwhile) shows in plain words.
 */
function CancelOrder(props: { jobId: string; order: Schemas['PurchaseOrder']; onDone: () => void }) {
  const { order } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useAction(async () => {
    await must(
      api.POST('/jobs/{jobId}/purchase-orders/{purchaseOrderId}/cancel', {
        params: {
          path: { jobId: props.jobId, purchaseOrderId: order.purchaseOrderId },
          header: ifMatch(order.version),
        },
        body: { reason },
      }),
    );
    setOpen(false);
    props.onDone();
  });
  return (
    <Disclosure label={t('spend.cancelOrder', { number: order.number })} open={open} onToggle={setOpen}>
      <Form
        label={t('spend.cancelOrder', { number: order.number })}
        onSubmit={() => submit.act()}
        submitLabel={t('spend.cancel')}
        busy={submit.busy}
        error={submit.error}
      >
        <p class="muted">{t('spend.cancelHelp')}</p>
        <Field label={t('spend.cancelReason')} value={reason} onValue={setReason} required maxLength={1000} />
      </Form>
    </Disclosure>
  );
}

type EstimateLine = Schemas['JobSpend']['estimateLines'][number];
type OrderCategory = Schemas['CreatePurchaseOrder']['category'];
/** The kinds of cost an order is for: an agency fee is the agency's own, never bought from a vendor. */
const orderable = (l: EstimateLine): l is EstimateLine & { category: OrderCategory } =>
  l.category !== 'agency_fee';

/** An order against one line of the signed estimate: its kind of cost is the line's. */
function OrderForm(props: {
  jobId: string;
  currency: string;
  lines: EstimateLine[];
  vendors: Schemas['Vendor'][];
  onDone: () => void;
}) {
  const lines = props.lines.filter(orderable);
  const [vendorId, setVendorId] = useState('');
  const [line, setLine] = useState('');
  const chosen = lines.find((l) => l.lineId === line);
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unitCost, setUnitCost] = useState('');
  const submit = useAction(async () => {
    await must(
      api.POST('/jobs/{jobId}/purchase-orders', {
        params: { path: { jobId: props.jobId } },
        headers: idempotencyKey(),
        body: {
          vendorId,
          category: chosen?.category ?? 'production',
          lines: [
            {
              estimateLineId: line,
              description,
              quantity: Number(quantity),
              unitCost: moneyInput(unitCost, props.currency),
            },
          ],
        },
      }),
    );
    props.onDone();
  });
  return (
    <Form
      label={t('spend.newOrder')}
      onSubmit={() => submit.act()}
      submitLabel={t('spend.issue')}
      busy={submit.busy}
    >
      <Select
        label={t('spend.vendor')}
        value={vendorId}
        onValue={setVendorId}
        placeholder={t('common.choose')}
        required
        options={props.vendors.map((v) => ({ value: v.vendorId, label: v.name }))}
      />
      <Select
        label={t('spend.estimateLine')}
        value={line}
        onValue={(lineId) => {
          setLine(lineId);
          const picked = lines.find((l) => l.lineId === lineId);
          if (picked && !description) setDescription(picked.description);
          if (picked?.vendorId) setVendorId(picked.vendorId);
        }}
        placeholder={t('common.choose')}
        required
        options={lines.map((l) => ({
          value: l.lineId,
          label: `${l.lineId} · ${t(`estimateCategories.${l.category}`)} · ${l.description} · ${money(l.total)}`,
        }))}
      />
      <Field
        label={t('spend.description')}
        value={description}
        onValue={setDescription}
        required
        maxLength={300}
      />
      <Field
        label={t('spend.quantity')}
        type="number"
        step="0.001"
        min="0.001"
        value={quantity}
        onValue={setQuantity}
      />
      <Field
        label={t('spend.unitCost', { currency: props.currency })}
        inputMode="decimal"
        value={unitCost}
        onValue={setUnitCost}
        required
      />
      {submit.error !== undefined && <SpendProblem error={submit.error} />}
    </Form>
  );
}

function BillForm(props: { jobId: string; orders: Schemas['PurchaseOrder'][]; onDone: () => void }) {
  const [orderId, setOrderId] = useState(props.orders[0]?.purchaseOrderId ?? '');
  const [billNumber, setBillNumber] = useState('');
  const [billDate, setBillDate] = useState(new Date().toISOString().slice(0, 10));
  const [lineNumber, setLineNumber] = useState('1');
  const [quantity, setQuantity] = useState('1');
  const [amount, setAmount] = useState('');
  const [passedOn, setPassedOn] = useState<'rebillable'[]>([]);
  const order = props.orders.find((o) => o.purchaseOrderId === orderId);
  const submit = useAction(async () => {
    const bill = await must(
      api.POST('/jobs/{jobId}/vendor-bills', {
        params: { path: { jobId: props.jobId } },
        headers: idempotencyKey(),
        body: {
          purchaseOrderId: orderId,
          billNumber,
          billDate,
          lines: [
            {
              lineNumber: Number(lineNumber),
              quantity: Number(quantity),
              amount: moneyInput(amount, order?.total.currency ?? 'USD'),
            },
          ],
          rebillable: passedOn.includes('rebillable'),
        },
      }),
    );
    props.onDone();
    return bill;
  });
  return (
    <Form
      label={t('spend.newBill')}
      onSubmit={() => submit.act()}
      submitLabel={t('spend.record')}
      busy={submit.busy}
      error={submit.error}
    >
      <Select
        label={t('spend.order')}
        value={orderId}
        onValue={setOrderId}
        options={props.orders.map((o) => ({
          value: o.purchaseOrderId,
          label: `${o.number} · ${o.vendorName}`,
        }))}
      />
      <Field
        label={t('spend.billNumber')}
        value={billNumber}
        onValue={setBillNumber}
        required
        maxLength={60}
      />
      <Field label={t('spend.billDate')} type="date" value={billDate} onValue={setBillDate} required />
      <Field
        label={t('spend.orderLine')}
        type="number"
        min={1}
        max={50}
        value={lineNumber}
        onValue={setLineNumber}
      />
      <Field label={t('spend.quantity')} type="number" step="0.001" value={quantity} onValue={setQuantity} />
      <Field label={t('spend.amount')} inputMode="decimal" value={amount} onValue={setAmount} required />
      <Checkboxes
        legend={t('billing.passOn')}
        options={[{ value: 'rebillable', label: t('billing.rebillable') }]}
        value={passedOn}
        onValue={setPassedOn}
      />
    </Form>
  );
}

/** Bars of two figures per row, drawn as SVG (the report's own charts are in its HTML). */
function Bars(props: {
  rows: { label: string; a?: Money; b?: Money }[];
  a: string;
  b: string;
  title: string;
}) {
  const max = Math.max(1, ...props.rows.flatMap((r) => [r.a?.amountMinor ?? 0, r.b?.amountMinor ?? 0]));
  const width = 320;
  return (
    <svg role="img" aria-label={props.title} width={width + 180} height={props.rows.length * 30 + 10}>
      {props.rows.map((r, i) => (
        <g key={r.label} transform={`translate(0 ${i * 30 + 5})`}>
          <text x={170} y={14} text-anchor="end" font-size={11}>
            {r.label}
          </text>
          <rect x={180} y={2} height={10} width={((r.a?.amountMinor ?? 0) / max) * width} fill="#6b7280">
            <title>{`${props.a}: ${money(r.a)}`}</title>
          </rect>
          <rect x={180} y={14} height={10} width={((r.b?.amountMinor ?? 0) / max) * width} fill="#f59e0b">
            <title>{`${props.b}: ${money(r.b)}`}</title>
          </rect>
        </g>
      ))}
    </svg>
  );
}

/** A client's monthly budget reconciliations; one month's rows, charts, files and the AE's reasons. */
export function ReconciliationsScreen(props: { clientId?: string; month?: string }) {
  const clientId = props.clientId ?? '';
  const list = useLoad(
    () => must(api.GET('/clients/{clientId}/reconciliations', { params: { path: { clientId } } })),
    [clientId],
  );
  const month = props.month;
  return (
    <Page
      title={t('spend.reconciliations')}
      subtitle={<a href={`/clients/${clientId}`}>{t('spend.backToClient')}</a>}
    >
      <Async load={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('spend.noReconciliations')}</Empty>
          ) : (
            <ul class="plain">
              {items.map((r) => (
                <li key={r.month}>
                  <a href={`/clients/${clientId}/reconciliations/${r.month}`}>
                    {formats.monthYear(`${r.month}-01`)}
                  </a>{' '}
                  {r.flagged > 0 && <Badge tone="warn">{t('spend.flagged', { count: r.flagged })}</Badge>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {month && <ReconciliationMonth clientId={clientId} month={month} />}
    </Page>
  );
}

function ReconciliationMonth(props: { clientId: string; month: string }) {
  const load = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/reconciliations/{month}', {
          params: { path: { clientId: props.clientId, month: props.month } },
        }),
      ),
    [props.clientId, props.month],
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const explain = useAction(async (version: number, rowId: string, kind: string) => {
    await must(
      api.POST('/clients/{clientId}/reconciliations/{month}/reasons', {
        params: { path: { clientId: props.clientId, month: props.month }, header: ifMatch(version) },
        body: { rowId, kind: kind as 'committed_vs_forecast', reason: reasons[`${rowId}#${kind}`] ?? '' },
      }),
    );
    load.reload();
  });
  return (
    <Async load={load}>
      {(r) => {
        const brands = r.rows.filter((row) => row.kind === 'brand');
        return (
          <Section title={formats.monthYear(`${r.month}-01`)}>
            <p>
              <a href={r.downloads.html.url}>{t('spend.report')}</a> ·{' '}
              <a href={r.downloads.csv.url}>{t('spend.csv')}</a>
            </p>
            <Facts
              rows={[
                [t('spend.signed'), money(r.totals.signed)],
                [t('spend.committed'), money(r.totals.committed)],
                [t('spend.billed'), money(r.totals.billed)],
                [t('spend.forecast'), money(r.totals.forecast)],
              ]}
            />
            <Bars
              title={t('spend.chartTitle')}
              a={t('spend.forecast')}
              b={t('spend.committedInMonth')}
              rows={brands.map((b) => ({ label: b.label, a: b.forecast, b: b.committedInMonth }))}
            />
            {explain.error !== undefined && <ProblemView error={explain.error} />}
            <Table
              rows={r.rows}
              columns={[
                t('spend.line'),
                t('spend.signed'),
                t('spend.committed'),
                t('spend.billed'),
                t('spend.forecast'),
                t('spend.flags'),
              ]}
              caption={t('spend.reconciliations')}
              hiddenCaption
            >
              {(row) => (
                <tr key={`${row.kind}-${row.id}`}>
                  <td>{row.label}</td>
                  <td>{money(row.signed)}</td>
                  <td>{money(row.committed)}</td>
                  <td>{money(row.billed)}</td>
                  <td>{money(row.forecast)}</td>
                  <td>
                    {row.flags.map((f) => (
                      <div key={f.kind}>
                        <Badge tone="warn">{t(`spend.flag.${f.kind}`, { amount: money(f.variance) })}</Badge>
                        {f.reason ? (
                          <p>{f.reason}</p>
                        ) : (
                          <span>
                            <Field
                              label={t('spend.reason')}
                              value={reasons[`${row.id}#${f.kind}`] ?? ''}
                              onValue={(v) => setReasons({ ...reasons, [`${row.id}#${f.kind}`]: v })}
                              maxLength={1000}
                            />
                            <button
                              type="button"
                              disabled={explain.busy}
                              onClick={() => void explain.act(r.version, row.id, f.kind)}
                            >
                              {t('common.save')}
                            </button>
                          </span>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              )}
            </Table>
          </Section>
        );
      }}
    </Async>
  );
}
