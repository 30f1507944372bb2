import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { type Loaded, useAction, useLoad } from '../ui/hooks';
import {
  Async,
  Badge,
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
import { InvoiceCredits, UnappliedCredit } from './billing-credit';

type Money = Schemas['Money'];
type Invoice = Schemas['Invoice'];
const money = (m: Money | undefined) => (m ? formats.money(m) : '—');
const buckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
const statusTone: Record<Invoice['status'], 'good' | 'bad' | 'warn' | 'neutral'> = {
  draft: 'neutral',
  reviewed: 'neutral',
  approved: 'neutral',
  issued: 'warn',
  paid: 'good',
  discarded: 'bad',
};

const invoiceTitle = (i: Invoice) =>
  i.number ?? (i.kind === 'invoice' ? t('billing.draftInvoice') : t('billing.draftCreditNote'));

/** Billing across the caller's clients: what each owes by age, and where to go for each. */
export function BillingOverview() {
  const load = useLoad(async () => {
    const clients = await must(api.GET('/clients', { params: { query: { limit: 50 } } }));
    const ageing = await Promise.all(
      clients.items.map((c) =>
        must(api.GET('/clients/{clientId}/ageing', { params: { path: { clientId: c.clientId } } })),
      ),
    );
    return ageing;
  }, []);
  return (
    <Page title={t('billing.title')} subtitle={t('billing.subtitle')}>
      <Async load={load}>
        {(rows) => (
          <Table
            rows={rows}
            columns={[
              t('billing.client'),
              ...buckets.map((b) => ({ label: t(`billing.bucket.${b}`), num: true })),
              { label: t('billing.outstanding'), num: true },
            ]}
            caption={t('billing.ageing')}
            hiddenCaption
            empty={t('billing.noClients')}
          >
            {(a) => (
              <tr key={a.clientId}>
                <th scope="row">
                  <a href={`/clients/${a.clientId}/billing`}>{a.clientName}</a>{' '}
                  {a.creditHold && <Badge tone="bad">{t('billing.creditHold')}</Badge>}
                </th>
                {buckets.map((b) => (
                  <td key={b} class="num">
                    {money(a.buckets[b])}
                  </td>
                ))}
                <td class="num">{money(a.outstanding)}</td>
              </tr>
            )}
          </Table>
        )}
      </Async>
    </Page>
  );
}

/** One client's billing: ageing with the chasing history, invoices to review and issue, payments. */
export function ClientBillingScreen(props: { clientId?: string }) {
  const clientId = props.clientId ?? '';
  const ageing = useLoad(
    () => must(api.GET('/clients/{clientId}/ageing', { params: { path: { clientId } } })),
    [clientId],
  );
  const invoices = useLoad(
    () => must(api.GET('/clients/{clientId}/invoices', { params: { path: { clientId } } })),
    [clientId],
  );
  const payments = useLoad(
    () => must(api.GET('/clients/{clientId}/payments', { params: { path: { clientId } } })),
    [clientId],
  );
  const clientName = useClientName(clientId);
  const draft = useAction(async () => {
    const made = await must(
      api.POST('/clients/{clientId}/invoices', {
        params: { path: { clientId }, header: idempotencyKey() },
        body: {},
      }),
    );
    location.assign(`/invoices/${made.invoiceId}`);
  });
  const open =
    invoices.state === 'ready'
      ? invoices.data.items.filter((i) => i.kind === 'invoice' && i.status === 'issued')
      : [];
  return (
    <Page
      title={t('billing.clientTitle', { client: clientName ?? '' })}
      subtitle={
        <>
          <a href={`/clients/${clientId}`}>{t('billing.backToClient')}</a> ·{' '}
          <a href={`/clients/${clientId}/billing-terms`}>{t('billing.terms')}</a>
        </>
      }
      actions={
        <button type="button" class="primary" disabled={draft.busy} onClick={() => void draft.act()}>
          {t('billing.draftFromBillable')}
        </button>
      }
    >
      {draft.error !== undefined && <ProblemView error={draft.error} />}
      <Section title={t('billing.ageing')}>
        <Async load={ageing}>
          {(a) => (
            <>
              <Facts
                rows={[
                  ...buckets.map((b) => [t(`billing.bucket.${b}`), money(a.buckets[b])] as [string, string]),
                  [t('billing.outstanding'), money(a.outstanding)],
                  [t('billing.unapplied'), money(a.unappliedCredit)],
                  [
                    t('billing.creditStanding'),
                    a.creditHold ? (
                      <Badge tone="bad">{t('billing.creditHold')}</Badge>
                    ) : (
                      <Badge tone="good">{t('billing.creditClear')}</Badge>
                    ),
                  ],
                ]}
              />
              {a.invoices.length > 0 && (
                <Table
                  rows={a.invoices}
                  columns={[
                    t('billing.number'),
                    t('billing.dueOn'),
                    { label: t('billing.daysOverdue'), num: true },
                    { label: t('billing.balance'), num: true },
                    t('billing.chasing'),
                  ]}
                  caption={t('billing.openInvoices', { date: formats.date(a.asOf) })}
                >
                  {(i) => (
                    <tr key={i.invoiceId}>
                      <th scope="row">
                        <a href={`/invoices/${i.invoiceId}`}>{i.number}</a>
                      </th>
                      <td>{formats.date(i.dueOn)}</td>
                      <td class="num">{formats.number(i.daysOverdue)}</td>
                      <td class="num">{money(i.balance)}</td>
                      <td>
                        {i.chasing.length === 0
                          ? t('billing.notChased')
                          : i.chasing
                              .map((c) =>
                                t('billing.chase', {
                                  level: c.level,
                                  role: t(`roles.${c.escalatedTo}`),
                                  date: formats.date(c.dueOn),
                                }),
                              )
                              .join('; ')}
                      </td>
                    </tr>
                  )}
                </Table>
              )}
            </>
          )}
        </Async>
      </Section>
      <Section title={t('billing.invoices')}>
        <Async load={invoices}>
          {({ items }) =>
            items.length === 0 ? (
              <Empty>{t('billing.noInvoices')}</Empty>
            ) : (
              <ul class="plain">
                {items.map((i) => (
                  <li key={i.invoiceId}>
                    <a href={`/invoices/${i.invoiceId}`}>{invoiceTitle(i)}</a> · {money(i.total)}{' '}
                    <Badge tone={statusTone[i.status]}>{t(`billing.status.${i.status}`)}</Badge>
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Section>
      <Payments
        clientId={clientId}
        list={payments}
        open={open}
        onChanged={() => {
          ageing.reload();
          invoices.reload();
        }}
      />
      {payments.state === 'ready' && (
        <UnappliedCredit
          payments={payments.data.items}
          open={open}
          onApplied={() => {
            ageing.reload();
            invoices.reload();
            payments.reload();
          }}
        />
      )}
    </Page>
  );
}

function Payments(props: {
  clientId: string;
  list: Loaded<{ items: Schemas['Payment'][] }> & { reload: () => void };
  open: Invoice[];
  onChanged: () => void;
}) {
  const { list } = props;
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState(new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const [invoiceId, setInvoiceId] = useState('');
  const currency = props.open[0]?.total.currency ?? 'USD';
  const record = useAction(async () => {
    await must(
      api.POST('/clients/{clientId}/payments', {
        params: { path: { clientId: props.clientId }, header: idempotencyKey() },
        body: {
          amount: moneyInput(amount, currency),
          receivedOn,
          reference,
          ...(invoiceId ? { invoiceId } : {}),
        },
      }),
    );
    setAmount('');
    setReference('');
    list.reload();
    props.onChanged();
  });
  return (
    <Section title={t('billing.payments')}>
      <Async load={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('billing.noPayments')}</Empty>
          ) : (
            <ul class="plain">
              {items.map((p) => (
                <li key={p.paymentId}>
                  {formats.date(p.receivedOn)} · {p.reference} · {money(p.amount)}
                  {p.creditNote && ` · ${t('billing.fromCreditNote', { number: p.creditNote.number })}`}
                  {p.applications.length > 0 &&
                    ` · ${p.applications.map((a) => `${a.number} ${money(a.amount)}`).join(', ')}`}
                  {p.unapplied.amountMinor > 0 && (
                    <>
                      {' '}
                      <Badge tone="warn">
                        {t('billing.unappliedAmount', { amount: money(p.unapplied) })}
                      </Badge>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Form
        label={t('billing.recordPayment')}
        onSubmit={() => record.act()}
        busy={record.busy}
        error={record.error}
        submitLabel={t('billing.recordPayment')}
      >
        <Field
          label={t('billing.amount', { currency })}
          inputMode="decimal"
          required
          value={amount}
          onValue={setAmount}
        />
        <Field
          label={t('billing.receivedOn')}
          type="date"
          required
          value={receivedOn}
          onValue={setReceivedOn}
        />
        <Field label={t('billing.reference')} required value={reference} onValue={setReference} />
        <Select
          label={t('billing.applyTo')}
          value={invoiceId}
          placeholder={t('billing.keepUnapplied')}
          options={props.open.map((i) => ({
            value: i.invoiceId,
            label: `${i.number} · ${money(i.balance)}`,
          }))}
          onValue={setInvoiceId}
        />
      </Form>
    </Section>
  );
}

/** One invoice or credit note: its lines and totals, and the next step for the reader's role. */
export function InvoiceScreen(props: { invoiceId?: string }) {
  const invoiceId = props.invoiceId ?? '';
  const load = useLoad(
    () => must(api.GET('/invoices/{invoiceId}', { params: { path: { invoiceId } } })),
    [invoiceId],
  );
  const step = useAction(async (version: number, name: 'review' | 'approve' | 'issue' | 'discard') => {
    await must(
      api.POST(`/invoices/{invoiceId}/${name}`, {
        params: { path: { invoiceId }, header: ifMatch(version) },
      }),
    );
    load.reload();
  });
  const removeLine = useAction(async (version: number, lineId: string) => {
    await must(
      api.PATCH('/invoices/{invoiceId}', {
        params: { path: { invoiceId }, header: ifMatch(version) },
        body: { removeLineIds: [lineId] },
      }),
    );
    load.reload();
  });
  const [sentTo, setSentTo] = useState<string>();
  // Under the version shown: of two clicks at once (two people), one emails; the other is told it changed.
  const send = useAction(async (version: number) => {
    setSentTo(undefined);
    const sent = await must(
      api.POST('/invoices/{invoiceId}/send', { params: { path: { invoiceId }, header: ifMatch(version) } }),
    );
    setSentTo(sent.sendings?.at(-1)?.to);
    load.reload();
  });
  // The draft's document as issuing will render it, marked as a preview, in the billing contact's language.
  const preview = useAction(async () => {
    const doc = await must(api.GET('/invoices/{invoiceId}/preview', { params: { path: { invoiceId } } }));
    window.open(doc.url, '_blank', 'noopener');
  });
  const openDocument = useAction(async () => {
    const doc = await must(api.GET('/invoices/{invoiceId}/document', { params: { path: { invoiceId } } }));
    window.open(doc.url, '_blank', 'noopener');
  });
  return (
    <Async load={load}>
      {(i) => {
        const draft = i.status === 'draft' || i.status === 'reviewed' || i.status === 'approved';
        return (
          <Page
            title={invoiceTitle(i)}
            subtitle={
              <>
                <ClientName clientId={i.clientId} /> ·{' '}
                <a href={`/clients/${i.clientId}/billing`}>{t('billing.backToBilling')}</a>
              </>
            }
            actions={
              <>
                {i.status === 'draft' && (
                  <button
                    type="button"
                    onClick={() => void step.act(i.version, 'review')}
                    disabled={step.busy}
                  >
                    {t('billing.review')}
                  </button>
                )}
                {i.status === 'reviewed' && i.needsApproval && (
                  <button
                    type="button"
                    onClick={() => void step.act(i.version, 'approve')}
                    disabled={step.busy}
                  >
                    {t('billing.approve')}
                  </button>
                )}
                {draft && (
                  <button type="button" onClick={() => void preview.act()} disabled={preview.busy}>
                    {t('billing.preview')}
                  </button>
                )}
                {(i.status === 'approved' || (i.status === 'reviewed' && !i.needsApproval)) && (
                  <button
                    type="button"
                    class="primary"
                    onClick={() => void step.act(i.version, 'issue')}
                    disabled={step.busy}
                  >
                    {t('billing.issue')}
                  </button>
                )}
                {draft && (
                  <button
                    type="button"
                    onClick={() => void step.act(i.version, 'discard')}
                    disabled={step.busy}
                  >
                    {t('billing.discard')}
                  </button>
                )}
                {i.document && (
                  <button type="button" onClick={() => void openDocument.act()}>
                    {t('billing.document')}
                  </button>
                )}
                {(i.status === 'issued' || i.status === 'paid') && (
                  <button type="button" onClick={() => void send.act(i.version)} disabled={send.busy}>
                    {t('billing.sendAgain')}
                  </button>
                )}
              </>
            }
          >
            {step.error !== undefined && <ProblemView error={step.error} />}
            {removeLine.error !== undefined && <ProblemView error={removeLine.error} />}
            {preview.error !== undefined && <ProblemView error={preview.error} />}
            {openDocument.error !== undefined && <ProblemView error={openDocument.error} />}
            {send.error !== undefined && <ProblemView error={send.error} />}
            {sentTo !== undefined && <p role="status">{t('billing.sentAgain', { to: sentTo })}</p>}
            <Section title={t('billing.summary')}>
              <Facts
                rows={[
                  [
                    t('billing.statusLabel'),
                    <Badge tone={statusTone[i.status]}>{t(`billing.status.${i.status}`)}</Badge>,
                  ],
                  ...(i.issuedOn
                    ? [[t('billing.issuedOn'), formats.date(i.issuedOn)] as [string, string]]
                    : []),
                  ...(i.dueOn && i.kind === 'invoice'
                    ? [[t('billing.dueOn'), formats.date(i.dueOn)] as [string, string]]
                    : []),
                  [t('billing.billTo'), `${i.billingContact.name} <${i.billingContact.email}>`],
                  [t('billing.needsApproval'), i.needsApproval ? t('billing.yes') : t('billing.no')],
                  ...(i.number
                    ? [
                        [
                          t('billing.sending'),
                          <>
                            {i.sendings?.length ? (
                              i.sendings
                                .map((x) =>
                                  t('billing.sentTo', { to: x.to, date: formats.dateTime(x.sentAt) }),
                                )
                                .join('; ')
                            ) : (
                              <Badge tone="bad">{t('billing.notSent')}</Badge>
                            )}
                            {!i.document && (
                              <>
                                {' '}
                                <Badge tone="bad">{t('billing.notStored')}</Badge>
                              </>
                            )}
                          </>,
                        ] as [string, ComponentChildren],
                      ]
                    : []),
                  ...(i.correctsInvoiceId
                    ? [
                        [
                          t('billing.credit.corrects'),
                          <a href={`/invoices/${i.correctsInvoiceId}`}>
                            {t('billing.credit.correctedInvoice')}
                          </a>,
                        ] as [string, ComponentChildren],
                      ]
                    : []),
                  ...(i.reason ? [[t('billing.reason'), i.reason] as [string, string]] : []),
                ]}
              />
            </Section>
            <Section title={t('billing.lines')}>
              <Table
                rows={i.lines}
                columns={[
                  t('billing.line'),
                  t('billing.job'),
                  t('billing.description'),
                  { label: t('billing.amountColumn'), num: true },
                  draft && t('billing.actions'),
                ]}
              >
                {(l) => (
                  <tr key={l.lineId}>
                    <th scope="row">{l.lineId}</th>
                    <td>
                      <a href={`/jobs/${l.jobId}`}>{l.jobNumber}</a>
                    </td>
                    <td>
                      {l.description}
                      {l.media && (
                        <small class="hint">
                          {' '}
                          {t('billing.media', {
                            gross: money(l.media.gross),
                            commission: money(l.media.commission),
                            net: money(l.media.net),
                          })}
                        </small>
                      )}
                    </td>
                    <td class="num">{money(l.amount)}</td>
                    {draft && (
                      <td>
                        <button
                          type="button"
                          disabled={removeLine.busy || i.lines.length === 1}
                          onClick={() => void removeLine.act(i.version, l.lineId)}
                        >
                          {t('billing.leaveForLater')}
                        </button>
                      </td>
                    )}
                  </tr>
                )}
              </Table>
              <Facts
                rows={[
                  [t('billing.subtotal'), money(i.subtotal)],
                  [t('billing.tax', { percent: formats.number(i.taxRateBasisPoints / 100) }), money(i.tax)],
                  [t('billing.total'), money(i.total)],
                  [t('billing.paid'), money(i.paid)],
                  [t('billing.balance'), money(i.balance)],
                ]}
              />
            </Section>
            {i.kind === 'invoice' && (i.status === 'issued' || i.status === 'paid') && (
              <InvoiceCredits invoice={i} />
            )}
            {i.chasing.length > 0 && (
              <Section title={t('billing.chasing')}>
                <ul class="plain">
                  {i.chasing.map((c) => (
                    <li key={c.level}>
                      {t('billing.chase', {
                        level: c.level,
                        role: t(`roles.${c.escalatedTo}`),
                        date: formats.date(c.dueOn),
                      })}
                    </li>
                  ))}
                </ul>
              </Section>
            )}
          </Page>
        );
      }}
    </Async>
  );
}

/** The client's name, for a heading that must say whose invoices these are (undefined until known). */
function useClientName(clientId: string): string | undefined {
  const client = useLoad(
    () => must(api.GET('/clients/{clientId}', { params: { path: { clientId } } })),
    [clientId],
  );
  return client.state === 'ready' ? client.data.name : undefined;
}

function ClientName(props: { clientId: string }) {
  return <>{useClientName(props.clientId) ?? '…'}</>;
}
