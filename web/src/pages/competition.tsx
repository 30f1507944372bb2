import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, must, type Schemas, uploadToPresignedPost } from '../api/client';
import { formats, moneyInput, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Field, Form, Page, Section, Select, TextArea } from '../ui/kit';

type Channel = Schemas['CompetitiveEntry']['channel'] & string;
type ShareOfVoice = Schemas['ShareOfVoice'];

const channels: Channel[] = [
  'tv',
  'radio',
  'press',
  'magazines',
  'outdoor',
  'cinema',
  'online_video',
  'social',
  'search',
  'display',
  'retail',
  'direct_mail',
  'events',
  'other',
];

/** Brand colours of the chart: distinct at a glance, each segment also named in the table below. */
const palette = ['#1f5fa8', '#d9822b', '#2e8540', '#9b3d9b', '#b8322a', '#5a6b7b', '#c2a400', '#1b8a8a'];

/**
 * The share of voice as bars: one per channel, as long as its share of all estimated spend, cut
 * into each competitor's share of that channel (the server's numbers). The table after it says the
 * same in words, for screen readers and the keyboard.
 */
function ShareChart(props: { sov: ShareOfVoice }) {
  const brands = props.sov.brands.map((b) => b.competitorBrand);
  const colour = (brand: string) => palette[brands.indexOf(brand) % palette.length];
  const rowHeight = 28;
  const labelWidth = 130;
  const width = 640;
  const barWidth = width - labelWidth - 60;
  const height = props.sov.channels.length * rowHeight + 40;
  return (
    <figure class="sov">
      <svg
        role="img"
        aria-label={t('book.competition.chart', { currency: props.sov.currency })}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
      >
        {props.sov.channels.map((c, i) => {
          let x = labelWidth;
          const length = (barWidth * c.shareOfTotal) / 100;
          return (
            <g key={c.channel} transform={`translate(0 ${i * rowHeight})`}>
              <text x={0} y={18} font-size="12">
                {t(`book.channels.${c.channel}`)}
              </text>
              {c.brands.map((b) => {
                const w = (length * b.share) / 100;
                const rect = (
                  <rect
                    key={b.competitorBrand}
                    x={x}
                    y={4}
                    width={w}
                    height={18}
                    fill={colour(b.competitorBrand)}
                  />
                );
                x += w;
                return rect;
              })}
              <text x={labelWidth + length + 6} y={18} font-size="12">
                {formats.number(c.shareOfTotal)}%
              </text>
            </g>
          );
        })}
        {brands.map((brand, i) => (
          <g
            key={brand}
            transform={`translate(${labelWidth + (i % 4) * 120} ${props.sov.channels.length * rowHeight + 8 + Math.floor(i / 4) * 16})`}
          >
            <rect width={10} height={10} fill={colour(brand)} />
            <text x={14} y={10} font-size="11">
              {brand}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{t('book.competition.chart', { currency: props.sov.currency })}</figcaption>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('book.competition.channel')}</th>
              <th scope="col">{t('book.competition.total')}</th>
              <th scope="col">{t('book.competition.shareOfTotal')}</th>
              <th scope="col">{t('book.competition.brand')}</th>
              <th scope="col">{t('book.competition.share')}</th>
            </tr>
          </thead>
          <tbody>
            {props.sov.channels.flatMap((c) =>
              c.brands.map((b, i) => (
                <tr key={`${c.channel}-${b.competitorBrand}`}>
                  <td>{i === 0 ? t(`book.channels.${c.channel}`) : ''}</td>
                  <td>{i === 0 ? formats.money(c.total) : ''}</td>
                  <td>{i === 0 ? `${formats.number(c.shareOfTotal)}%` : ''}</td>
                  <td>{b.competitorBrand}</td>
                  <td>
                    {formats.money(b.spend)} · {formats.number(b.share)}%
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function RecordForm(props: { clientId: string; category: string; onRecorded: () => void }) {
  const [kind, setKind] = useState<'advertising' | 'store_check'>('advertising');
  const [f, setF] = useState<Record<string, string>>({ currency: 'USD' });
  const [file, setFile] = useState<File>();
  const set = (key: string) => (value: string) => setF((v) => ({ ...v, [key]: value }));
  const record = useAction(async () => {
    const common = {
      competitorBrand: f.competitor ?? '',
      category: f.category || props.category,
      seenFrom: f.seenFrom ?? '',
      seenTo: f.seenTo || f.seenFrom || '',
      ...(f.notes ? { notes: f.notes } : {}),
      ...(file ? { sample: { name: file.name, contentType: file.type as 'image/png' } } : {}),
    };
    const body =
      kind === 'advertising'
        ? {
            kind,
            ...common,
            channel: (f.channel || 'tv') as Channel,
            ...(f.vendor ? { vendor: f.vendor } : {}),
            estimatedSpend: moneyInput(f.spend ?? '', f.currency ?? 'USD'),
          }
        : {
            kind,
            ...common,
            store: f.store ?? '',
            ...(f.location ? { location: f.location } : {}),
            ...(f.price ? { shelfPrice: moneyInput(f.price, f.currency ?? 'USD') } : {}),
            ...(f.promotion ? { promotion: f.promotion } : {}),
          };
    const created = await must(
      api.POST('/clients/{clientId}/competitive-activity', {
        params: { path: { clientId: props.clientId }, header: idempotencyKey() },
        body,
      }),
    );
    if (file && created.upload) {
      await uploadToPresignedPost(created.upload, file, () => undefined);
      await must(
        api.POST('/clients/{clientId}/competitive-activity/{entryId}/sample/complete', {
          params: { path: { clientId: props.clientId, entryId: created.entry.entryId } },
        }),
      );
    }
    setF({ currency: f.currency ?? 'USD' });
    setFile(undefined);
    props.onRecorded();
  });
  return (
    <Form
      label={t('book.competition.record')}
      onSubmit={() => record.act()}
      busy={record.busy}
      error={record.error}
      submitLabel={t('book.competition.record')}
    >
      <Select
        label={t('book.competition.kind')}
        value={kind}
        options={(['advertising', 'store_check'] as const).map((k) => ({
          value: k,
          label: t(`book.competition.${k}`),
        }))}
        onValue={setKind}
      />
      <Field
        label={t('book.competition.competitor')}
        value={f.competitor ?? ''}
        onValue={set('competitor')}
        required
      />
      <Field
        label={t('book.competition.category')}
        value={f.category ?? props.category}
        onValue={set('category')}
        required
      />
      <Field
        label={t('book.competition.seenFrom')}
        type="date"
        value={f.seenFrom ?? ''}
        onValue={set('seenFrom')}
        required
      />
      <Field
        label={t('book.competition.seenTo')}
        type="date"
        value={f.seenTo ?? ''}
        onValue={set('seenTo')}
      />
      {kind === 'advertising' ? (
        <>
          <Select
            label={t('book.competition.channel')}
            value={(f.channel ?? 'tv') as Channel}
            options={channels.map((c) => ({ value: c, label: t(`book.channels.${c}`) }))}
            onValue={set('channel')}
          />
          <Field label={t('book.competition.vendor')} value={f.vendor ?? ''} onValue={set('vendor')} />
          <Field
            label={t('book.competition.spend')}
            inputMode="decimal"
            value={f.spend ?? ''}
            onValue={set('spend')}
            required
          />
        </>
      ) : (
        <>
          <Field label={t('book.competition.store')} value={f.store ?? ''} onValue={set('store')} required />
          <Field label={t('book.competition.location')} value={f.location ?? ''} onValue={set('location')} />
          <Field
            label={t('book.competition.shelfPrice')}
            inputMode="decimal"
            value={f.price ?? ''}
            onValue={set('price')}
          />
          <Field
            label={t('book.competition.promotion')}
            value={f.promotion ?? ''}
            onValue={set('promotion')}
          />
        </>
      )}
      <Field
        label={t('common.currency')}
        value={f.currency ?? 'USD'}
        onValue={set('currency')}
        maxLength={3}
      />
      <TextArea label={t('book.competition.notes')} value={f.notes ?? ''} onValue={set('notes')} />
      <div class="field">
        <label>
          {t('book.competition.sample')}
          <input
            type="file"
            accept="image/*,application/pdf,video/mp4,video/quicktime,audio/*"
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])}
          />
        </label>
      </div>
    </Form>
  );
}

/** Competition: a client's category over a period, its share of voice by channel, and recording what is seen. */
export function Competition() {
  const clients = useLoad(
    () =>
      allPages(
        (nextToken) => must(api.GET('/clients', { params: { query: { limit: 100, nextToken } } })),
        500,
      ),
    [],
  );
  const today = new Date().toISOString().slice(0, 10);
  const [query, setQuery] = useState({
    clientId: '',
    category: '',
    from: `${today.slice(0, 7)}-01`,
    to: today,
  });
  const [shown, setShown] = useState<typeof query>();
  const activity = useLoad(
    () =>
      shown
        ? must(
            api.GET('/clients/{clientId}/competitive-activity', {
              params: {
                path: { clientId: shown.clientId },
                query: { category: shown.category, from: shown.from, to: shown.to },
              },
            }),
          )
        : Promise.resolve(undefined),
    [shown],
  );
  return (
    <Page title={t('book.competition.title')} subtitle={t('book.competition.subtitle')}>
      <Async load={clients}>
        {(list) => (
          <Form
            label={t('book.competition.show')}
            onSubmit={() => setShown({ ...query })}
            submitLabel={t('book.competition.show')}
          >
            <Select
              label={t('book.competition.client')}
              value={query.clientId}
              placeholder={t('common.choose')}
              required
              options={list.map((c) => ({ value: c.clientId, label: c.name }))}
              onValue={(clientId) => setQuery((q) => ({ ...q, clientId }))}
            />
            <Field
              label={t('book.competition.category')}
              value={query.category}
              required
              onValue={(category) => setQuery((q) => ({ ...q, category }))}
            />
            <Field
              label={t('book.competition.from')}
              type="date"
              value={query.from}
              required
              onValue={(from) => setQuery((q) => ({ ...q, from }))}
            />
            <Field
              label={t('book.competition.to')}
              type="date"
              value={query.to}
              required
              onValue={(to) => setQuery((q) => ({ ...q, to }))}
            />
          </Form>
        )}
      </Async>
      {shown && (
        <Async load={activity}>
          {(data) =>
            data && (
              <>
                <Section title={t('book.competition.sov')}>
                  {data.shareOfVoice.length === 0 ? (
                    <Empty>{t('book.competition.none')}</Empty>
                  ) : (
                    data.shareOfVoice.map((sov) => <ShareChart key={sov.currency} sov={sov} />)
                  )}
                </Section>
                <Section title={t('book.competition.entries')}>
                  {data.items.length === 0 ? (
                    <Empty>{t('book.competition.none')}</Empty>
                  ) : (
                    <ul class="plain">
                      {data.items.map((e) => (
                        <li key={e.entryId}>
                          <strong>{e.competitorBrand}</strong> · {t(`book.competition.${e.kind}`)} ·{' '}
                          {e.channel ? t(`book.channels.${e.channel}`) : e.store} · {formats.date(e.seenFrom)}
                          –{formats.date(e.seenTo)}
                          {e.estimatedSpend && <> · {formats.money(e.estimatedSpend)}</>}
                          {e.sample?.status === 'uploaded' && (
                            <>
                              {' '}
                              <Badge tone="good">{t('book.competition.sampleUploaded')}</Badge>
                            </>
                          )}
                          {e.sample?.status === 'rejected' && (
                            <>
                              {' '}
                              <Badge tone="bad">
                                {t('book.competition.sampleRejected', {
                                  reason: e.sample.rejectedBecause ?? '',
                                })}
                              </Badge>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </Section>
                <Section title={t('book.competition.record')}>
                  <RecordForm
                    clientId={shown.clientId}
                    category={shown.category}
                    onRecorded={activity.reload}
                  />
                </Section>
              </>
            )
          }
        </Async>
      )}
    </Page>
  );
}
