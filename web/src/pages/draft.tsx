import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Disclosure, Empty, Page, Section, Table } from '../ui/kit';
import { FilePreview, ReviewChainView, StatusBadge, UploadForm } from './parts';
import { StartReviewForm } from './review-start';

type DraftVersion = Schemas['DraftVersion'];

function SpecCheck(props: { check?: Schemas['SpecCheck'] }) {
  if (!props.check) return <span class="muted">—</span>;
  return (
    <>
      <StatusBadge group="status" value={props.check.result} />
      {props.check.reasons.length > 0 && (
        <ul class="small">
          {props.check.reasons.map((r) => (
            <li key={r.rule}>
              {t('draft.specReason', { rule: r.rule, expected: r.expected, actual: r.actual })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function VersionPreview(props: { draftId: string; version: DraftVersion }) {
  const n = props.version.number;
  const load = useLoad(
    () =>
      must(
        api.GET('/drafts/{draftId}/versions/{n}/download', {
          params: { path: { draftId: props.draftId, n } },
        }),
      ),
    [props.draftId, n],
  );
  return (
    <Async load={load}>
      {(link) => (
        <FilePreview
          url={link.url}
          sha256={link.sha256}
          name={props.version.fileName}
          contentType={props.version.contentType ?? props.version.declaredContentType}
        />
      )}
    </Async>
  );
}

export function DraftScreen(props: { params: { draftId: string } }) {
  const { draftId } = props.params;
  const load = useLoad(async () => {
    const [draft, chain] = await Promise.all([
      must(api.GET('/drafts/{draftId}', { params: { path: { draftId } } })),
      must(api.GET('/drafts/{draftId}/approvals', { params: { path: { draftId } } })),
    ]);
    return { draft, chain };
  }, [draftId]);
  const [shown, setShown] = useState<number>();
  const [uploading, setUploading] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const pending = useRef(0);
  return (
    <Async load={load}>
      {({ draft, chain }) => {
        const versions = [...draft.versions].sort((a, b) => b.number - a.number);
        const uploaded = versions.filter((v) => v.status === 'uploaded');
        const current = versions.find((v) => v.number === shown) ?? uploaded[0];
        const latest = versions[0];
        return (
          <Page
            title={draft.title}
            subtitle={
              <>
                {t(`draftKinds.${draft.kind}`)} · {t('draft.latest', { n: draft.latestVersion })}
              </>
            }
            actions={<a href={`/jobs/${draft.jobId}`}>{t('draft.job')}</a>}
          >
            <Section title={t('draft.versions')} id="versions">
              {
                <Table
                  rows={versions}
                  columns={[
                    t('draft.version'),
                    t('draft.file'),
                    t('draft.state'),
                    t('draft.specCheck'),
                    t('draft.released'),
                    { label: t('common.actions'), hidden: true },
                  ]}
                  empty={t('draft.noVersions')}
                >
                  {(v) => (
                    <tr key={v.number}>
                      <td>v{v.number}</td>
                      <td>
                        {v.fileName}
                        {v.size !== undefined && <div class="muted">{formats.bytes(v.size)}</div>}
                      </td>
                      <td>
                        <StatusBadge group="status" value={v.status} />
                        {v.uploadedAt && <div class="muted">{formats.dateTime(v.uploadedAt)}</div>}
                        {v.rejection && <div class="small">{v.rejection}</div>}
                      </td>
                      <td>
                        <SpecCheck check={v.specCheck} />
                      </td>
                      <td>{v.releasedToProductionAt ? formats.dateTime(v.releasedToProductionAt) : '—'}</td>
                      <td>
                        {v.status === 'uploaded' && (
                          <button
                            type="button"
                            aria-pressed={current?.number === v.number}
                            onClick={() => setShown(v.number)}
                          >
                            {t('draft.show', { n: v.number })}
                          </button>
                        )}
                      </td>
                    </tr>
                  )}
                </Table>
              }
              <Disclosure label={t('draft.newVersion')} open={uploading} onToggle={setUploading}>
                <UploadForm
                  label={t('draft.newVersion')}
                  submitLabel={t('draft.upload')}
                  start={async (file) => {
                    const result = await must(
                      api.POST('/drafts/{draftId}/versions', {
                        params: { path: { draftId }, header: idempotencyKey() },
                        body: {
                          file: { name: file.name, contentType: file.type || 'application/octet-stream' },
                        },
                      }),
                    );
                    pending.current = result.version.number;
                    return result.upload;
                  }}
                  complete={async () => {
                    await must(
                      api.POST('/drafts/{draftId}/versions/{n}/complete', {
                        params: { path: { draftId, n: pending.current } },
                      }),
                    );
                    setUploading(false);
                    setShown(pending.current);
                    load.reload();
                  }}
                />
              </Disclosure>
            </Section>
            <Section title={t('draft.preview')} id="preview">
              {current ? (
                <VersionPreview draftId={draftId} version={current} />
              ) : (
                <Empty>{t('draft.nothingToShow')}</Empty>
              )}
            </Section>
            <Section title={t('draft.reviews')} id="reviews">
              {latest && underReview(chain, latest.number) && (
                <p class="muted">{t('draft.inReview', { n: latest.number })}</p>
              )}
              {latest?.status === 'uploaded' && !underReview(chain, latest.number) && (
                <Disclosure
                  label={t('draft.startReview', { n: latest.number })}
                  open={reviewing}
                  onToggle={setReviewing}
                >
                  <StartReviewForm
                    clientId={draft.clientId}
                    scope="creative"
                    start={(body) =>
                      must(
                        api.POST('/drafts/{draftId}/versions/{n}/reviews', {
                          params: { path: { draftId, n: latest.number }, header: idempotencyKey() },
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
              <ReviewChainView chain={chain} />
            </Section>
          </Page>
        );
      }}
    </Async>
  );
}

/** A version being reviewed, or waiting for the new version its review asked for, is not put to review again. */
const underReview = (chain: Schemas['ReviewChain'], n: number) =>
  chain.reviews.some(
    (r) => r.currentVersion === n && (r.status === 'in_review' || r.status === 'awaiting_revision'),
  );
