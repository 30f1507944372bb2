import { useState } from 'preact/hooks';
import { api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import {
  Async,
  Checkboxes,
  Disclosure,
  Empty,
  Field,
  Form,
  Notice,
  Page,
  Section,
  TextArea,
} from '../ui/kit';
import { BriefText, ReviewChainView, StatusBadge } from './parts';
import { StartReviewForm } from './review-start';

type BriefKind = Schemas['Brief']['kind'];
type BriefVersion = Schemas['BriefVersion'];
export const briefKinds: BriefKind[] = ['client', 'creative', 'media', 'research'];

/** What a person types for a brief: text fields, and lists one item a line. */
export interface BriefDraft {
  title: string;
  background: string;
  objective: string;
  targetAudience: string;
  keyMessage: string;
  mandatories: string;
  deliverables: string;
  timing: string;
  markets: string;
  channelsConsidered: string;
  kpis: string;
  questions: string;
  method: string;
  sample: string;
}

const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function blankBrief(): BriefDraft {
  return {
    title: '',
    background: '',
    objective: '',
    targetAudience: '',
    keyMessage: '',
    mandatories: '',
    deliverables: '',
    timing: '',
    markets: '',
    channelsConsidered: '',
    kpis: '',
    questions: '',
    method: '',
    sample: '',
  };
}

function draftOf(v: BriefVersion): BriefDraft {
  const join = (list?: string[]) => (list ?? []).join('\n');
  return {
    title: v.title,
    background: v.background ?? '',
    objective: v.objective ?? '',
    targetAudience: v.targetAudience ?? '',
    keyMessage: v.keyMessage ?? '',
    mandatories: v.mandatories ?? '',
    deliverables: join(v.deliverables),
    timing: v.timing ?? '',
    markets: join(v.markets),
    channelsConsidered: join(v.channelsConsidered),
    kpis: join(v.kpis),
    questions: join(v.questions),
    method: v.method ?? '',
    sample: v.sample ?? '',
  };
}

/** The brief as the API takes it: empty fields left out, a kind's own fields only for that kind. */
export function briefBody(kind: BriefKind, d: BriefDraft): Schemas['ReviseBrief'] {
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  const list = (value: string) => (lines(value).length ? lines(value) : undefined);
  return {
    title: d.title.trim(),
    background: text(d.background),
    objective: text(d.objective),
    targetAudience: text(d.targetAudience),
    keyMessage: text(d.keyMessage),
    mandatories: text(d.mandatories),
    deliverables: list(d.deliverables),
    timing: text(d.timing),
    ...(kind === 'media'
      ? { markets: list(d.markets), channelsConsidered: list(d.channelsConsidered), kpis: list(d.kpis) }
      : {}),
    ...(kind === 'research'
      ? { questions: list(d.questions), method: text(d.method), sample: text(d.sample) }
      : {}),
  };
}

/** The fields of a brief of `kind` (media and research briefs have their own). */
export function BriefFields(props: {
  kind: BriefKind;
  value: BriefDraft;
  onValue: (value: BriefDraft) => void;
}) {
  const d = props.value;
  const set = (patch: Partial<BriefDraft>) => props.onValue({ ...d, ...patch });
  const area = (key: keyof BriefDraft, hint = false) => (
    <TextArea
      key={key}
      label={
        hint
          ? `${t(`briefFields.${key}` as 'briefFields.objective')} · ${t('brief.oneALine')}`
          : t(`briefFields.${key}` as 'briefFields.objective')
      }
      value={d[key]}
      onValue={(value) => set({ [key]: value })}
    />
  );
  return (
    <>
      <Field label={t('briefFields.title')} required value={d.title} onValue={(title) => set({ title })} />
      {area('background')}
      {area('objective')}
      {area('targetAudience')}
      {area('keyMessage')}
      {area('mandatories')}
      {area('deliverables', true)}
      {area('timing')}
      {props.kind === 'media' && (
        <>
          {area('markets', true)}
          {area('channelsConsidered', true)}
          {area('kpis', true)}
        </>
      )}
      {props.kind === 'research' && (
        <>
          {area('questions', true)}
          {area('method')}
          {area('sample')}
        </>
      )}
    </>
  );
}

/** A brief version to the account manager's approval, and (client and creative briefs) then to the client. */
function StartReview(props: { brief: Schemas['Brief']; n: number; onStarted: () => void }) {
  const [toClient, setToClient] = useState<'client'[]>([]);
  const clientMaySign = props.brief.kind === 'client' || props.brief.kind === 'creative';
  return (
    <StartReviewForm
      clientId={props.brief.clientId}
      scope="creative"
      start={(body) =>
        must(
          api.POST('/briefs/{briefId}/versions/{n}/reviews', {
            params: { path: { briefId: props.brief.briefId, n: props.n }, header: idempotencyKey() },
            body: { ...body, clientSignOff: toClient.length > 0 },
          }),
        )
      }
      onStarted={props.onStarted}
    >
      <p class="muted">{t('brief.reviewExplained')}</p>
      {clientMaySign && (
        <Checkboxes
          legend={t('brief.clientSignOff')}
          options={[{ value: 'client', label: t('brief.alsoToClient') }]}
          value={toClient}
          onValue={setToClient}
        />
      )}
    </StartReviewForm>
  );
}

/** A brief: its versions (each edit is one), the version shown, a new version, its approvals. */
export function BriefScreen(props: { params: { briefId: string } }) {
  const { briefId } = props.params;
  const load = useLoad(async () => {
    const [current, versions, chain] = await Promise.all([
      must(api.GET('/briefs/{briefId}', { params: { path: { briefId } } })),
      must(api.GET('/briefs/{briefId}/versions', { params: { path: { briefId } } })),
      must(api.GET('/briefs/{briefId}/approvals', { params: { path: { briefId } } })),
    ]);
    return { ...current, versions: versions.items, chain };
  }, [briefId]);
  const [shown, setShown] = useState<number>();
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [draft, setDraft] = useState<BriefDraft>(blankBrief());
  const [notice, setNotice] = useState<string>();
  const revise = useAction(async (brief: Schemas['Brief']) => {
    const result = await must(
      api.POST('/briefs/{briefId}/versions', {
        params: { path: { briefId }, header: ifMatch(brief.version) },
        body: briefBody(brief.kind, draft),
      }),
    );
    setEditing(false);
    setShown(undefined);
    setNotice(t('brief.revised', { n: result.version.number }));
    load.reload();
  });
  return (
    <Async load={load}>
      {({ brief, version: latest, versions, chain }) => {
        const version = versions.find((v) => v.number === shown) ?? latest;
        // While a review of the latest version runs, it is not put to approval a second time.
        const inReview = chain.reviews.some(
          (r) => r.status === 'in_review' && r.currentVersion === latest.number,
        );
        return (
          <Page
            title={`${brief.title} · ${t(`briefKinds.${brief.kind}`)}`}
            subtitle={
              <>
                {t('brief.latest', { n: brief.latestVersion })}
                {brief.approvedVersion && <> · {t('brief.approvedVersion', { n: brief.approvedVersion })}</>}
                {brief.signedVersion && <> · {t('brief.signedVersion', { n: brief.signedVersion })}</>}
              </>
            }
            actions={<a href={`/jobs/${brief.jobId}`}>{t('schedule.backToJob')}</a>}
          >
            {notice && <Notice>{notice}</Notice>}
            <Section title={t('brief.versions')} id="versions">
              <ol class="list versions">
                {versions.map((v) => (
                  <li key={v.number}>
                    <button
                      type="button"
                      aria-current={v.number === version.number ? 'true' : undefined}
                      onClick={() => setShown(v.number)}
                    >
                      {t('brief.versionLabel', { n: v.number, date: formats.dateTime(v.createdAt) })}
                    </button>{' '}
                    <StatusBadge
                      group="status"
                      value={inReview && v.number === latest.number ? 'in_review' : v.status}
                    />
                  </li>
                ))}
              </ol>
              <BriefText version={version} />
            </Section>
            <Section title={t('brief.edit')} id="edit">
              <Disclosure
                label={t('brief.edit')}
                open={editing}
                onToggle={(open) => {
                  setEditing(open);
                  if (open) setDraft(draftOf(latest));
                }}
              >
                <Form
                  label={t('brief.edit')}
                  onSubmit={() => revise.act(brief)}
                  busy={revise.busy}
                  error={revise.error}
                  submitLabel={t('brief.saveVersion', { n: brief.latestVersion + 1 })}
                >
                  <BriefFields kind={brief.kind} value={draft} onValue={setDraft} />
                </Form>
              </Disclosure>
              {inReview ? (
                <p class="muted">{t('brief.inReview', { n: latest.number })}</p>
              ) : (
                <Disclosure
                  label={t('brief.startReview', { n: latest.number })}
                  open={reviewing}
                  onToggle={setReviewing}
                >
                  <StartReview
                    brief={brief}
                    n={latest.number}
                    onStarted={() => {
                      setReviewing(false);
                      setNotice(t('brief.reviewStarted', { n: latest.number }));
                      load.reload();
                    }}
                  />
                </Disclosure>
              )}
            </Section>
            <Section title={t('brief.approvals')} id="approvals">
              {chain.reviews.length === 0 ? (
                <Empty>{t('review.none')}</Empty>
              ) : (
                <ReviewChainView chain={chain} />
              )}
            </Section>
          </Page>
        );
      }}
    </Async>
  );
}
