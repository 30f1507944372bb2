import { useState } from 'preact/hooks';
import { ApiProblem, api, idempotencyKey, must, type Schemas } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Disclosure, Empty, Field, Form, ProblemView, Section, Select } from '../ui/kit';

type Money = Schemas['Money'];
type Invoice = Schemas['Invoice'];
type Payment = Schemas['Payment'];
const money = (m: Money) => formats.money(m);

/** Who may draft a credit note (the API's `invoice.draft`): the UI only hides it, the server decides. */
const drafters = [
  'account_executive',
  'account_manager',
  'account_director',
  'group_account_director',
  'head_of_accounts',
  'finance',
];

/** Opens an issued document (presigned for a few minutes) in a new tab. */
function useOpenDocument() {
  return useAction(async (invoiceId: string) => {
    const doc = await must(api.GET('/invoices/{invoiceId}/document', { params: { path: { invoiceId } } }));
    window.open(doc.url, '_blank', 'noopener');
  });
}

/**
 * The credit notes correcting an issued invoice (number, amount, status, document), and the form to
 * draft one line by line: each line credits at most what it has left; the draft is then reviewed
 * and issued on its own page like an invoice.
 */
export function InvoiceCredits(props: { invoice: Invoice }) {
  const { invoice } = props;
  const { me } = useApp();
  const notes = useLoad(
    async () =>
      (
        await must(
          api.GET('/clients/{clientId}/invoices', {
            params: { path: { clientId: invoice.clientId }, query: { kind: 'creditNote' } },
          }),
        )
      ).items.filter((n) => n.correctsInvoiceId === invoice.invoiceId && n.status !== 'discarded'),
    [invoice.invoiceId, invoice.version],
  );
  const openDocument = useOpenDocument();
  const [open, setOpen] = useState(false);
  const [credits, setCredits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const currency = invoice.total.currency;
  const draft = useAction(async () => {
    const lines = invoice.lines
      .filter((l) => (credits[l.lineId] ?? '').trim() !== '')
      .map((l) => ({ lineId: l.lineId, amount: moneyInput(credits[l.lineId] ?? '', currency) }));
    const made = await must(
      api.POST('/invoices/{invoiceId}/credit-notes', {
        params: { path: { invoiceId: invoice.invoiceId }, header: idempotencyKey() },
        body: { reason, lines },
      }),
    );
    location.assign(`/invoices/${made.invoiceId}`);
  });
  const issued = invoice.status === 'issued' || invoice.status === 'paid';
  return (
    <Section title={t('billing.credit.notes')}>
      <Async load={notes}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('billing.credit.noNotes')}</Empty>
          ) : (
            <ul class="plain">
              {items.map((n) => (
                <li key={n.invoiceId}>
                  <a href={`/invoices/${n.invoiceId}`}>{n.number ?? t('billing.draftCreditNote')}</a> ·{' '}
                  {money(n.total)} <Badge>{t(`billing.status.${n.status}`)}</Badge>
                  {n.document && (
                    <>
                      {' '}
                      <button
                        type="button"
                        aria-label={t('billing.credit.documentOf', { number: n.number ?? '' })}
                        disabled={openDocument.busy}
                        onClick={() => void openDocument.act(n.invoiceId)}
                      >
                        {t('billing.document')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {openDocument.error !== undefined && <ProblemView error={openDocument.error} />}
      {issued && drafters.includes(me.role) && (
        <Disclosure label={t('billing.credit.draft')} open={open} onToggle={setOpen}>
          <Form
            label={t('billing.credit.draft')}
            onSubmit={() => draft.act()}
            busy={draft.busy}
            error={draft.error}
            submitLabel={t('billing.credit.draftSubmit')}
          >
            <p class="hint">{t('billing.credit.linesHint')}</p>
            {invoice.lines.map((l) => (
              <Field
                key={l.lineId}
                label={t('billing.credit.onLine', {
                  line: l.lineId,
                  description: l.description,
                  amount: money(l.amount),
                  currency,
                })}
                inputMode="decimal"
                value={credits[l.lineId] ?? ''}
                onValue={(v) => setCredits({ ...credits, [l.lineId]: v })}
              />
            ))}
            <Field label={t('billing.credit.reason')} required value={reason} onValue={setReason} />
          </Form>
        </Disclosure>
      )}
    </Section>
  );
}

/** Where a credit came from: money received (its reference) or a credit note's excess. */
const creditSource = (p: Payment) =>
  p.creditNote
    ? t('billing.credit.fromNote', { number: p.creditNote.number })
    : t('billing.credit.fromPayment', { reference: p.reference, date: formats.date(p.receivedOn) });

/**
 * The client's unapplied credit (overpayments, credit notes' excess) and applying some of it to an
 * open invoice. The API refuses more than the invoice owes or the credit has left, in its words with
 * the amount; an application that ran at the same moment as another on the same invoice or credit
 * is applied after it or refused that way (never a 409), so a refusal reloads the figures shown.
 */
export function UnappliedCredit(props: { payments: Payment[]; open: Invoice[]; onApplied: () => void }) {
  const credits = props.payments.filter((p) => p.unapplied.amountMinor > 0);
  const [paymentId, setPaymentId] = useState('');
  const [invoiceId, setInvoiceId] = useState('');
  const [amount, setAmount] = useState('');
  const [applied, setApplied] = useState<string>();
  const chosen = credits.find((p) => p.paymentId === paymentId) ?? credits[0];
  const apply = useAction(async () => {
    if (!chosen) return;
    setApplied(undefined);
    const invoice = props.open.find((i) => i.invoiceId === invoiceId);
    try {
      await must(
        api.POST('/payments/{paymentId}/applications', {
          params: { path: { paymentId: chosen.paymentId } },
          body: { invoiceId, amount: moneyInput(amount, chosen.unapplied.currency) },
        }),
      );
    } catch (error) {
      // What the screen shows may have changed meanwhile (another application): show it as it is now.
      if (error instanceof ApiProblem && error.status === 422) props.onApplied();
      throw error;
    }
    setApplied(
      t('billing.credit.applied', {
        amount: money(moneyInput(amount, chosen.unapplied.currency)),
        number: invoice?.number ?? '',
      }),
    );
    setAmount('');
    props.onApplied();
  });
  return (
    <Section title={t('billing.unapplied')}>
      {applied !== undefined && <p role="status">{applied}</p>}
      {credits.length === 0 ? (
        <Empty>{t('billing.credit.none')}</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('billing.unapplied')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('billing.credit.source')}</th>
                  <th scope="col" class="num">
                    {t('billing.credit.left')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {credits.map((p) => (
                  <tr key={p.paymentId}>
                    <th scope="row">{creditSource(p)}</th>
                    <td class="num">{money(p.unapplied)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.open.length > 0 && chosen && (
            <Form
              label={t('billing.credit.apply')}
              onSubmit={() => apply.act()}
              busy={apply.busy}
              error={apply.error}
              submitLabel={t('billing.credit.apply')}
            >
              <Select
                label={t('billing.credit.which')}
                value={chosen.paymentId}
                required
                options={credits.map((p) => ({
                  value: p.paymentId,
                  label: `${creditSource(p)} · ${money(p.unapplied)}`,
                }))}
                onValue={setPaymentId}
              />
              <Select
                label={t('billing.applyTo')}
                value={invoiceId}
                required
                placeholder={t('billing.credit.chooseInvoice')}
                options={props.open.map((i) => ({
                  value: i.invoiceId,
                  label: `${i.number} · ${money(i.balance)}`,
                }))}
                onValue={setInvoiceId}
              />
              <Field
                label={t('billing.amount', { currency: chosen.unapplied.currency })}
                inputMode="decimal"
                required
                value={amount}
                onValue={setAmount}
              />
            </Form>
          )}
        </>
      )}
    </Section>
  );
}
