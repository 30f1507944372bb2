import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Disclosure, Empty, Page, Section, Select, TextArea } from '../ui/kit';
import { DocumentButton } from './campaign';
import { PlanLines, ReviewChainView, StatusBadge, UploadForm } from './parts';
import { StartReviewForm } from './review-start';

/** A written confirmation is a signed PDF or the client's email as received (the API reads which it is). */
const writtenType = (file: File) =>
  file.type === 'message/rfc822' || file.name.toLowerCase().endsWith('.eml')
    ? ('message/rfc822' as const)
    : ('application/pdf' as const);

/** The client's confirmation in writing (a signed PDF, their email): uploaded, hashed, recorded as their decision. */
function WrittenConfirmation(props: {
  plan: Schemas['MediaPlanWithVersions'];
  version: number;
  onRecorded: () => void;
}) {
  const contacts = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/contacts', {
          params: { path: { clientId: props.plan.clientId }, query: { limit: 100 } },
        }),
      ),
    [props.plan.clientId],
  );
  const [contactId, setContactId] = useState('');
  const [comment, setComment] = useState('');
  const uploadId = useRef('');
  const { planId } = props.plan;
  return (
    <Async load={contacts}>
      {(page) => (
        <UploadForm
          label={t('plan.written')}
          accept=".pdf,.eml"
          submitLabel={t('plan.recordWritten')}
          start={async (file) => {
            const result = await must(
              api.POST('/media-plans/{planId}/versions/{n}/written-confirmations', {
                params: { path: { planId, n: props.version } },
                body: { contactId, file: { name: file.name, contentType: writtenType(file) } },
              }),
            );
            uploadId.current = result.uploadId;
            return result.upload;
          }}
          complete={async () => {
            await must(
              api.POST('/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/complete', {
                params: { path: { planId, n: props.version, uploadId: uploadId.current } },
                body: comment ? { comment } : {},
              }),
            );
            // It counts once countersigned: the page where that happens (and where the email leads).
            location.assign(
              `/media-plans/${planId}/versions/${props.version}/written-confirmations/${uploadId.current}`,
            );
          }}
        >
          <Select
            label={t('plan.confirmedBy')}
            required
            placeholder={t('common.choose')}
            value={contactId}
            options={page.items
              .filter((c) => c.active && c.approves.includes('media'))
              .map((c) => ({ value: c.contactId, label: c.name }))}
            onValue={setContactId}
          />
          <TextArea label={t('decision.comment')} value={comment} onValue={setComment} />
        </UploadForm>
      )}
    </Async>
  );
}

export function PlanScreen(props: { params: { planId: string } }) {
  const { planId } = props.params;
  const load = useLoad(async () => {
    const [plan, chain] = await Promise.all([
      must(api.GET('/media-plans/{planId}', { params: { path: { planId } } })),
      must(api.GET('/media-plans/{planId}/approvals', { params: { path: { planId } } })),
    ]);
    return { plan, chain };
  }, [planId]);
  const [shown, setShown] = useState<number>();
  const [reviewing, setReviewing] = useState(false);
  const [writing, setWriting] = useState(false);
  return (
    <Async load={load}>
      {({ plan, chain }) => {
        const versions = [...plan.versions].sort((a, b) => b.number - a.number);
        const current = versions.find((v) => v.number === (shown ?? plan.latestVersion)) ?? versions[0];
        const latest = versions[0];
        const waitingForClient = chain.reviews.some(
          (r) =>
            r.status === 'in_review' &&
            r.steps.some(
              (s) => s.stage === 'client' && s.status === 'pending' && s.file.draftVersion === latest?.number,
            ),
        );
        return (
          <Page
            title={`${t(`planKinds.${plan.kind}`)}${plan.month ? ` · ${plan.month}` : ''}`}
            subtitle={
              <>
                {t('plan.latestIs', { n: plan.latestVersion })}
                {plan.confirmedVersion ? (
                  <> · {t('plan.confirmedIs', { n: plan.confirmedVersion })}</>
                ) : (
                  <> · {t('plan.notConfirmed')}</>
                )}
              </>
            }
            actions={<a href={`/media-campaigns/${plan.campaignId}/plans`}>{t('plan.campaign')}</a>}
          >
            <Section title={t('plan.versions')} id="plan-versions">
              {versions.length === 0 ? (
                <Empty>{t('plan.noVersions')}</Empty>
              ) : (
                <ul class="list">
                  {versions.map((v) => (
                    <li key={v.number}>
                      <button
                        type="button"
                        aria-pressed={current?.number === v.number}
                        onClick={() => setShown(v.number)}
                      >
                        v{v.number}
                      </button>{' '}
                      <StatusBadge group="status" value={v.status} /> · {formats.money(v.totalCost)} ·{' '}
                      {t('plan.answersBrief', { n: v.briefVersion })} · {formats.dateTime(v.createdAt)}
                      {v.confirmation && (
                        <span class="muted">
                          {' '}
                          ·{' '}
                          {t('plan.confirmedVia', {
                            via: t(`via.${v.confirmation.via}`),
                            at: formats.dateTime(v.confirmation.confirmedAt),
                          })}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            {current && (
              <Section
                title={t('plan.versionLines', { n: current.number })}
                id="plan-lines"
                actions={
                  <DocumentButton
                    label={t('plan.document', { n: current.number })}
                    fetch={() =>
                      must(
                        api.GET('/media-plans/{planId}/versions/{n}/document', {
                          params: { path: { planId, n: current.number } },
                        }),
                      )
                    }
                  />
                }
              >
                {current.notes && <p>{current.notes}</p>}
                <PlanLines version={current} />
              </Section>
            )}
            <Section title={t('plan.signOff')} id="plan-signoff">
              {latest && latest.status !== 'confirmed' && (
                <Disclosure
                  label={t('plan.startReview', { n: latest.number })}
                  open={reviewing}
                  onToggle={setReviewing}
                >
                  <StartReviewForm
                    clientId={plan.clientId}
                    scope="media"
                    start={(body) =>
                      must(
                        api.POST('/media-plans/{planId}/versions/{n}/reviews', {
                          params: { path: { planId, n: latest.number }, header: idempotencyKey() },
                          body,
                        }),
                      )
                    }
                    onStarted={() => {
                      setReviewing(false);
                      load.reload();
                    }}
                  />
                </Disclosure>
              )}
              {latest && waitingForClient && (
                <Disclosure label={t('plan.written')} open={writing} onToggle={setWriting}>
                  <WrittenConfirmation
                    plan={plan}
                    version={latest.number}
                    onRecorded={() => {
                      setWriting(false);
                      load.reload();
                    }}
                  />
                </Disclosure>
              )}
              <ReviewChainView chain={chain} />
            </Section>
          </Page>
        );
      }}
    </Async>
  );
}
