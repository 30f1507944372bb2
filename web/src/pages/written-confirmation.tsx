import { useState } from 'preact/hooks';
import { api, must } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Facts, Form, Notice, Page, TextArea } from '../ui/kit';
import { DocumentButton } from './campaign';
import { StatusBadge } from './parts';

const decisions = ['countersign', 'refuse'] as const;

/**
 * A client's written confirmation of a plan version, as recorded: it counts only once an account
 * director (or someone above the person who recorded it) countersigns it — here, where the email
 * asking them leads. The API decides who may.
 */
export function WrittenConfirmationScreen(props: {
  params: { planId: string; n: string; uploadId: string };
}) {
  const { planId, uploadId } = props.params;
  const n = Number(props.params.n);
  const { me } = useApp();
  const path = { planId, n, uploadId };
  const load = useLoad(
    () =>
      must(
        api.GET('/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}', { params: { path } }),
      ),
    [planId, n, uploadId],
  );
  const [decision, setDecision] = useState<(typeof decisions)[number] | ''>('');
  const [comment, setComment] = useState('');
  const answer = useAction(async () => {
    if (!decision) return;
    await must(
      api.POST('/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/countersign', {
        params: { path },
        body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    );
    load.reload();
  });
  return (
    <Async load={load}>
      {(w) => (
        <Page
          title={t('written.title', { n: w.versionNumber })}
          subtitle={<StatusBadge group="status" value={w.status} />}
          actions={<a href={`/media-plans/${planId}`}>{t('written.plan')}</a>}
        >
          <Facts
            rows={[
              [t('written.file'), w.fileName],
              ...(w.recordedAt
                ? ([[t('written.recordedAt'), formats.dateTime(w.recordedAt)]] as [string, string][])
                : []),
              ...(w.comment ? ([[t('decision.comment'), w.comment]] as [string, string][]) : []),
              [t('written.countersigners'), (w.countersigners ?? []).map((c) => c.name).join(', ') || '—'],
              ...(w.document ? ([['SHA-256', w.document.sha256]] as [string, string][]) : []),
              ...(w.refusal ? ([[t('written.refusal'), w.refusal]] as [string, string][]) : []),
            ]}
          />
          {w.document && (
            <DocumentButton
              label={t('written.download', { name: w.fileName })}
              fetch={() =>
                must(
                  api.GET('/media-plans/{planId}/versions/{n}/written-confirmations/{uploadId}/document', {
                    params: { path },
                  }),
                )
              }
            />
          )}
          {w.status === 'countersigned' && <Notice>{t('written.counts')}</Notice>}
          {w.status === 'awaiting_countersign' &&
            ((w.countersigners ?? []).some((c) => c.staffId === me.staffId) ? (
              <Form
                label={t('written.answer')}
                onSubmit={() => answer.act()}
                busy={answer.busy}
                error={answer.error}
                submitLabel={t('written.answer')}
              >
                <fieldset class="decisions">
                  <legend>{t('written.question')}</legend>
                  {decisions.map((d) => (
                    <label key={d}>
                      <input
                        type="radio"
                        name="countersign"
                        value={d}
                        required
                        checked={decision === d}
                        onChange={() => setDecision(d)}
                      />{' '}
                      {t(`written.decisions.${d}`)}
                    </label>
                  ))}
                </fieldset>
                <TextArea label={t('written.why')} value={comment} onValue={setComment} maxLength={4000} />
              </Form>
            ) : (
              <p class="muted">{t('written.waiting')}</p>
            ))}
        </Page>
      )}
    </Async>
  );
}
