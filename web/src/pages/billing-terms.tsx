import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, allPages, api, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, moneyText, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useDraft, useLoad } from '../ui/hooks';
import { Async, Badge, Facts, Field, Form, Notice, Page, Section, Select } from '../ui/kit';

type Terms = Schemas['BillingTerms'];
type Schedule = Terms['schedule'];
type Remuneration = Terms['mediaRemuneration'];

/** Who may change a client's billing terms: the account manager and above (`billing.terms`). */
const managers = ['account_manager', 'account_director', 'group_account_director', 'head_of_accounts'];
const schedules: Schedule[] = ['advance', 'on_signature', 'on_delivery', 'monthly'];
const remunerations: Remuneration[] = ['commission', 'fee'];

/** The form's fields as typed (money in major units). */
interface Draft {
  schedule: Schedule | '';
  advancePercent: string;
  mediaRemuneration: Remuneration | '';
  mediaCommissionPercent: string;
  rebillMarkupPercent: string;
  paymentDays: string;
  currency: string;
  creditLimit: string;
  billingContactId: string;
  approvalThreshold: string;
  reminderDays: string;
}

const blank: Draft = {
  schedule: '',
  advancePercent: '50',
  mediaRemuneration: '',
  mediaCommissionPercent: '15',
  rebillMarkupPercent: '0',
  paymentDays: '30',
  currency: 'USD',
  creditLimit: '',
  billingContactId: '',
  approvalThreshold: '',
  reminderDays: '5',
};

const draftOf = (terms: Terms): Draft => ({
  schedule: terms.schedule,
  advancePercent: String(terms.advancePercent),
  mediaRemuneration: terms.mediaRemuneration,
  mediaCommissionPercent: String(terms.mediaCommissionPercent),
  rebillMarkupPercent: String(terms.rebillMarkupPercent),
  paymentDays: String(terms.paymentDays),
  currency: terms.currency,
  creditLimit: terms.creditLimit ? moneyText(terms.creditLimit) : '',
  billingContactId: terms.billingContactId,
  approvalThreshold: moneyText(terms.approvalThreshold),
  reminderDays: String(terms.reminderDays),
});

/** The terms that are numbers, each labelled by its own name. */
type NumberTerm =
  | 'advancePercent'
  | 'mediaCommissionPercent'
  | 'rebillMarkupPercent'
  | 'paymentDays'
  | 'reminderDays';

/** Typed numbers as the API takes them; what is not a number is sent as typed, for the API to name. */
const numberOf = (typed: string) => (typed.trim() === '' ? Number.NaN : Number(typed));

function bodyOf(d: Draft): Schemas['PutBillingTerms'] {
  const currency = d.currency.trim().toUpperCase();
  return {
    schedule: d.schedule as Schedule,
    ...(d.schedule === 'advance' ? { advancePercent: numberOf(d.advancePercent) } : {}),
    mediaRemuneration: d.mediaRemuneration as Remuneration,
    ...(d.mediaRemuneration === 'commission'
      ? { mediaCommissionPercent: numberOf(d.mediaCommissionPercent) }
      : {}),
    rebillMarkupPercent: numberOf(d.rebillMarkupPercent),
    paymentDays: numberOf(d.paymentDays),
    currency,
    ...(d.creditLimit.trim() ? { creditLimit: moneyInput(d.creditLimit, currency) } : {}),
    billingContactId: d.billingContactId,
    approvalThreshold: moneyInput(d.approvalThreshold, currency),
    reminderDays: numberOf(d.reminderDays),
  } as Schemas['PutBillingTerms'];
}

/** The client's terms, or none yet (the API's 404), with the client's contacts to bill. */
async function loadTerms(clientId: string) {
  const [client, contacts, terms] = await Promise.all([
    must(api.GET('/clients/{clientId}', { params: { path: { clientId } } })),
    allPages((nextToken) =>
      must(
        api.GET('/clients/{clientId}/contacts', {
          params: { path: { clientId }, query: { limit: 100, nextToken } },
        }),
      ),
    ),
    must(api.GET('/clients/{clientId}/billing-terms', { params: { path: { clientId } } })).catch(
      (error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404) return undefined;
        throw error;
      },
    ),
  ]);
  return { client, contacts, terms };
}

/** A client's billing terms: read by the account team, changed by its account manager and above. */
export function BillingTermsScreen(props: { params: { clientId: string } }) {
  const { clientId } = props.params;
  const { me } = useApp();
  const mayEdit = managers.includes(me.role);
  const load = useLoad(() => loadTerms(clientId), [clientId]);
  const { draft, setDraft, bind } = useDraft<Draft>(blank);
  const [saved, setSaved] = useState(false);
  const loaded = load.state === 'ready' ? load.data.terms : undefined;
  useEffect(() => {
    if (load.state === 'ready') setDraft(load.data.terms ? draftOf(load.data.terms) : blank);
  }, [load.state, loaded?.version]);
  const save = useAction(async (version: number | undefined) => {
    setSaved(false);
    await must(
      api.PUT('/clients/{clientId}/billing-terms', {
        params: {
          path: { clientId },
          header: version === undefined ? ({} as ReturnType<typeof ifMatch>) : ifMatch(version),
        },
        body: bodyOf(draft),
      }),
    );
    setSaved(true);
    load.reload();
  });
  const numberField = (field: NumberTerm, inputMode: 'numeric' | 'decimal', hint?: string) => (
    <Field label={t(`billingTerms.${field}`)} hint={hint} inputMode={inputMode} required {...bind(field)} />
  );
  return (
    <Async load={load}>
      {({ client, contacts, terms }) => {
        const contactName = (id: string) => contacts.find((c) => c.contactId === id)?.name ?? id;
        return (
          <Page
            title={t('billingTerms.title', { client: client.name })}
            subtitle={
              <>
                <a href={`/clients/${clientId}`}>{t('billing.backToClient')}</a> ·{' '}
                <a href={`/clients/${clientId}/billing`}>{t('billingTerms.toBilling')}</a>
              </>
            }
          >
            <Section title={t('billingTerms.current')}>
              {terms ? (
                <Facts
                  rows={[
                    [t('billingTerms.schedule'), t(`billingTerms.schedules.${terms.schedule}`)],
                    ...(terms.schedule === 'advance'
                      ? [
                          [t('billingTerms.advancePercent'), formats.number(terms.advancePercent)] as [
                            string,
                            string,
                          ],
                        ]
                      : []),
                    [
                      t('billingTerms.mediaRemuneration'),
                      terms.mediaRemuneration === 'commission'
                        ? t('billingTerms.commissionOf', {
                            percent: formats.number(terms.mediaCommissionPercent),
                          })
                        : t('billingTerms.remunerations.fee'),
                    ],
                    [t('billingTerms.rebillMarkupPercent'), formats.number(terms.rebillMarkupPercent)],
                    [t('billingTerms.paymentDays'), formats.number(terms.paymentDays)],
                    [t('billingTerms.currency'), terms.currency],
                    [t('billingTerms.tax'), `${formats.number(terms.taxRateBasisPoints / 100)} %`],
                    [
                      t('billingTerms.creditLimit'),
                      terms.creditLimit ? formats.money(terms.creditLimit) : t('billingTerms.noLimit'),
                    ],
                    [t('billingTerms.billingContact'), contactName(terms.billingContactId)],
                    [t('billingTerms.approvalThreshold'), formats.money(terms.approvalThreshold)],
                    [t('billingTerms.reminderDays'), formats.number(terms.reminderDays)],
                    [
                      t('billingTerms.lastChanged'),
                      t('billingTerms.changedOn', {
                        date: formats.dateTime(terms.updatedAt),
                        version: terms.version,
                      }),
                    ],
                  ]}
                />
              ) : (
                <Notice>{t('billingTerms.none')}</Notice>
              )}
            </Section>
            {mayEdit ? (
              <Section title={terms ? t('billingTerms.change') : t('billingTerms.set')}>
                {saved && save.error === undefined && (
                  <p role="status">
                    <Badge tone="good">{t('billingTerms.saved')}</Badge>
                  </p>
                )}
                <Form
                  label={terms ? t('billingTerms.change') : t('billingTerms.set')}
                  onSubmit={() => save.act(terms?.version)}
                  busy={save.busy}
                  error={save.error}
                  submitLabel={t('billingTerms.save')}
                >
                  <Select
                    label={t('billingTerms.schedule')}
                    required
                    placeholder={t('common.choose')}
                    options={schedules.map((s) => ({ value: s, label: t(`billingTerms.schedules.${s}`) }))}
                    {...bind('schedule')}
                  />
                  {draft.schedule === 'advance' && numberField('advancePercent', 'numeric')}
                  <Select
                    label={t('billingTerms.mediaRemuneration')}
                    required
                    placeholder={t('common.choose')}
                    options={remunerations.map((r) => ({
                      value: r,
                      label: t(`billingTerms.remunerations.${r}`),
                    }))}
                    {...bind('mediaRemuneration')}
                  />
                  {draft.mediaRemuneration === 'commission' &&
                    numberField('mediaCommissionPercent', 'decimal')}
                  {numberField('rebillMarkupPercent', 'decimal')}
                  {numberField('paymentDays', 'numeric')}
                  <Field
                    label={t('billingTerms.currency')}
                    hint={t('billingTerms.currencyHint')}
                    required
                    maxLength={3}
                    {...bind('currency')}
                  />
                  <Field
                    label={t('billingTerms.creditLimitIn', { currency: draft.currency })}
                    hint={t('billingTerms.creditLimitHint')}
                    inputMode="decimal"
                    {...bind('creditLimit')}
                  />
                  <Select
                    label={t('billingTerms.billingContact')}
                    required
                    placeholder={t('common.choose')}
                    options={contacts
                      .filter((c) => c.active || c.contactId === draft.billingContactId)
                      .map((c) => ({ value: c.contactId, label: `${c.name} <${c.email}>` }))}
                    {...bind('billingContactId')}
                  />
                  <Field
                    label={t('billingTerms.approvalThresholdIn', { currency: draft.currency })}
                    hint={t('billingTerms.approvalThresholdHint')}
                    inputMode="decimal"
                    required
                    {...bind('approvalThreshold')}
                  />
                  {numberField('reminderDays', 'numeric', t('billingTerms.reminderDaysHint'))}
                </Form>
              </Section>
            ) : (
              <Notice>{t('billingTerms.managersOnly')}</Notice>
            )}
          </Page>
        );
      }}
    </Async>
  );
}
