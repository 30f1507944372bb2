import { useState } from 'preact/hooks';
import { api, ifMatch, must, type Schemas } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Field, Form, Page, Section, Select, Table } from '../ui/kit';
import { roles } from './staff';

type Role = Schemas['Rate']['role'];

/**
 * What an hour of each role costs the agency, per currency, from a day on (the head of account
 * services'): time is costed at the rate in force on its day when it is saved.
 */
export function CostRatesScreen() {
  const load = useLoad(() => must(api.GET('/cost-rates')), []);
  const [role, setRole] = useState<Role | ''>('');
  const [currency, setCurrency] = useState('USD');
  const [hourly, setHourly] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(new Date().toISOString().slice(0, 10));
  const [saved, setSaved] = useState(false);
  const save = useAction(async (rates: Schemas['Rate'][]) => {
    setSaved(false);
    const code = currency.trim().toUpperCase();
    // The same role, currency and day again is a correction of that rate: it names its version.
    const same = rates.find(
      (r) => r.role === role && r.hourlyRate.currency === code && r.effectiveFrom === effectiveFrom,
    );
    await must(
      api.PUT('/cost-rates/{role}', {
        params: {
          path: { role: role as Role },
          header: same ? ifMatch(same.version) : ({} as ReturnType<typeof ifMatch>),
        },
        body: { hourlyRate: moneyInput(hourly, code), effectiveFrom },
      }),
    );
    setSaved(true);
    setHourly('');
    load.reload();
  });
  return (
    <Page title={t('rates.title')} subtitle={t('rates.subtitle')}>
      <Async load={load}>
        {({ items }) => (
          <>
            <Section title={t('rates.inForce')}>
              <Table
                rows={items}
                columns={[t('rates.role'), { label: t('rates.hourly'), num: true }, t('rates.from')]}
                empty={t('rates.none')}
              >
                {(r) => (
                  <tr key={`${r.role}-${r.hourlyRate.currency}-${r.effectiveFrom}`}>
                    <th scope="row">{t(`roles.${r.role}`)}</th>
                    <td class="num">{formats.money(r.hourlyRate)}</td>
                    <td>{formats.date(r.effectiveFrom)}</td>
                  </tr>
                )}
              </Table>
            </Section>
            <Section title={t('rates.set')}>
              {saved && save.error === undefined && <p role="status">{t('rates.saved')}</p>}
              <Form
                label={t('rates.set')}
                onSubmit={() => save.act(items)}
                busy={save.busy}
                error={save.error}
                submitLabel={t('rates.save')}
              >
                <Select
                  label={t('rates.role')}
                  required
                  value={role}
                  placeholder={t('common.choose')}
                  options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  onValue={setRole}
                />
                <Field
                  label={t('common.currency')}
                  required
                  maxLength={3}
                  value={currency}
                  onValue={setCurrency}
                />
                <Field
                  label={t('rates.hourlyIn', { currency })}
                  inputMode="decimal"
                  required
                  value={hourly}
                  onValue={setHourly}
                />
                <Field
                  label={t('rates.from')}
                  hint={t('rates.fromHint')}
                  type="date"
                  required
                  value={effectiveFrom}
                  onValue={setEffectiveFrom}
                />
              </Form>
            </Section>
          </>
        )}
      </Async>
    </Page>
  );
}
