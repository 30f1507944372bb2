import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, must, type Schemas, uploadToPresignedPost } from '../api/client';
import { formats, hasMessage, milestoneName, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Facts, Form, Progress, Table, TextArea } from '../ui/kit';
import { activityMessage } from './activity';

export type Decision = Schemas['Decision']['decision'];
const decisions: Decision[] = ['approve', 'approve_with_changes', 'request_changes', 'reject'];

const tones: Record<string, 'good' | 'bad' | 'warn' | 'neutral'> = {
  approved: 'good',
  approve: 'good',
  released: 'good',
  confirmed: 'good',
  confirmed_by_vendor: 'good',
  completed: 'good',
  pass: 'good',
  uploaded: 'good',
  linked: 'good',
  resolved: 'good',
  met: 'good',
  rejected: 'bad',
  reject: 'bad',
  fail: 'bad',
  failed: 'bad',
  cancelled: 'bad',
  expired: 'bad',
  missed: 'bad',
  changes_requested: 'warn',
  request_changes: 'warn',
  approve_with_changes: 'warn',
  awaiting_revision: 'warn',
  on_hold: 'warn',
  pending: 'warn',
  open: 'warn',
  close: 'warn',
};

/** A status in words, coloured by what it means. `group` names the catalogue's list for it. */
export function StatusBadge(props: { group: 'status'; value: string }) {
  return (
    <Badge tone={tones[props.value] ?? 'neutral'}>
      {t(`${props.group}.${props.value}` as 'status.open', { defaultValue: props.value })}
    </Badge>
  );
}

export const Money = (props: { amountMinor: number; currency: string }) => (
  <span class="num">{formats.money(props)}</span>
);

export function Deadline(props: { at: string }) {
  const overdue = new Date(props.at).getTime() < Date.now();
  return (
    <span class={overdue ? 'overdue' : undefined}>
      {formats.dateTime(props.at)}
      {overdue && <> · {t('common.overdue')}</>}
    </span>
  );
}

type SubjectType = Schemas['WorkItem']['subjectType'];

/** Where a subject's approval chain is shown in the console. */
export function chainPath(a: {
  subjectType: SubjectType;
  subjectId: string;
  draftId?: string;
  planId?: string;
  briefId?: string;
}) {
  switch (a.subjectType) {
    case 'draft':
      return `/drafts/${a.draftId}/approvals`;
    case 'media_plan':
      return `/media-plans/${a.planId}/approvals`;
    case 'brief':
      return `/briefs/${a.briefId}/approvals`;
    case 'timetable':
      // A timetable's subject is its job.
      return `/jobs/${a.subjectId}/timetable/approvals`;
    case 'estimate':
      return `/estimates/${a.subjectId}/approvals`;
  }
}

/** What an approver decides on: the exact file (drafts), the priced lines (media plans), the brief or the timetable. */
export function SubjectPreview(props: {
  subjectType: SubjectType;
  subjectId: string;
  draftId?: string;
  planId?: string;
  briefId?: string;
  version: number;
}) {
  const load = useLoad(async () => {
    const n = props.version;
    if (props.subjectType === 'draft' && props.draftId) {
      const draftId = props.draftId;
      const [draft, link] = await Promise.all([
        must(api.GET('/drafts/{draftId}', { params: { path: { draftId } } })),
        must(api.GET('/drafts/{draftId}/versions/{n}/download', { params: { path: { draftId, n } } })),
      ]);
      const version = draft.versions.find((v) => v.number === n);
      return { kind: 'file' as const, link, version };
    }
    if (props.subjectType === 'brief' && props.briefId) {
      const briefId = props.briefId;
      const version = await must(
        api.GET('/briefs/{briefId}/versions/{n}', { params: { path: { briefId, n } } }),
      );
      return { kind: 'brief' as const, version };
    }
    if (props.subjectType === 'timetable') {
      const jobId = props.subjectId;
      const version = await must(
        api.GET('/jobs/{jobId}/timetable/versions/{n}', { params: { path: { jobId, n } } }),
      );
      return { kind: 'timetable' as const, version };
    }
    if (props.subjectType === 'estimate') {
      const estimateId = props.subjectId;
      const detail = await must(
        api.GET('/estimates/{estimateId}/versions/{n}', { params: { path: { estimateId, n } } }),
      );
      return { kind: 'estimate' as const, detail };
    }
    const planId = props.planId!;
    const version = await must(
      api.GET('/media-plans/{planId}/versions/{n}', { params: { path: { planId, n } } }),
    );
    return { kind: 'plan' as const, version };
  }, [props.subjectType, props.subjectId, props.version]);
  return (
    <div class="preview">
      <Async load={load}>
        {(data) => {
          switch (data.kind) {
            case 'file':
              return (
                <FilePreview
                  url={data.link.url}
                  contentType={data.version?.contentType ?? data.version?.declaredContentType ?? ''}
                  name={data.version?.fileName ?? ''}
                  sha256={data.link.sha256}
                />
              );
            case 'brief':
              return <BriefText version={data.version} />;
            case 'timetable':
              return <TimetableLines version={data.version} />;
            case 'plan':
              return <PlanLines version={data.version} />;
            case 'estimate':
              return <EstimateSummary detail={data.detail} />;
          }
        }}
      </Async>
    </div>
  );
}

const briefTextFields = [
  'background',
  'objective',
  'targetAudience',
  'keyMessage',
  'mandatories',
  'timing',
  'method',
  'sample',
] as const;
const briefListFields = ['deliverables', 'markets', 'channelsConsidered', 'kpis', 'questions'] as const;

/** A brief version as written: its fields in the trade's words. */
export function BriefText(props: { version: Schemas['BriefVersion'] }) {
  const v = props.version;
  const rows: [string, ComponentChildren][] = [];
  for (const field of briefTextFields) {
    const value = v[field];
    if (value) rows.push([t(`briefFields.${field}`), value]);
  }
  for (const field of briefListFields) {
    const value = v[field];
    if (value?.length) rows.push([t(`briefFields.${field}`), value.join(' · ')]);
  }
  if (v.budget) rows.push([t('briefFields.budget'), <Money key="b" {...v.budget} />]);
  if (v.flight)
    rows.push([t('briefFields.flight'), `${formats.date(v.flight.start)} – ${formats.date(v.flight.end)}`]);
  return (
    <div class="brief-text">
      <h3>
        {v.title} · v{v.number}
      </h3>
      {rows.length === 0 ? <Empty>{t('brief.emptyVersion')}</Empty> : <Facts rows={rows} />}
    </div>
  );
}

/** An estimate version as it is approved: its lines and the totals the server computed. */
function EstimateSummary(props: { detail: Schemas['EstimateDetail'] }) {
  const v = props.detail.version;
  return (
    <Table
      rows={v.lines}
      columns={[t('estimate.line'), t('estimate.description'), t('estimate.total')]}
      caption={t('estimate.linesCaption', { n: v.number })}
      foot={
        <tr>
          <td colSpan={2}>{t('estimate.grandTotal')}</td>
          <td>
            <Money {...v.totals.grandTotal} />
          </td>
        </tr>
      }
    >
      {(l) => (
        <tr key={l.lineId}>
          <td>{l.lineId}</td>
          <td>{l.description}</td>
          <td>
            <Money {...l.total} />
          </td>
        </tr>
      )}
    </Table>
  );
}

/** A timetable version as the client signs it: milestones and dates. */
export function TimetableLines(props: { version: Schemas['TimetableVersion'] }) {
  const v = props.version;
  return (
    <Table
      rows={v.milestones}
      columns={[
        t('schedule.milestone'),
        t('schedule.department'),
        t('schedule.owner'),
        t('schedule.start'),
        t('schedule.due'),
      ]}
      caption={t('schedule.timetableCaption', { n: v.number, end: formats.date(v.endDate) })}
    >
      {(m) => (
        <tr key={m.milestoneId}>
          <td>
            {milestoneName(m)}
            {m.critical && <> · {t('schedule.critical')}</>}
          </td>
          <td>{t(`departments.${m.department}`)}</td>
          {/* The API names a client-owned milestone's owner "Client"; the reader reads their word. */}
          <td>{m.owner === 'Client' ? t('schedule.clientOwner') : m.owner}</td>
          <td>{formats.date(m.start)}</td>
          <td>{formats.date(m.due)}</td>
        </tr>
      )}
    </Table>
  );
}

export function FilePreview(props: { url: string; contentType: string; name: string; sha256: string }) {
  const type = props.contentType;
  return (
    <figure class="file-preview">
      {type.startsWith('image/') ? (
        <img src={props.url} alt={t('preview.imageOf', { name: props.name })} />
      ) : type.startsWith('video/') ? (
        // biome-ignore lint/a11y/useMediaCaption: drafts are rough cuts without captions; the file itself is what is approved
        <video controls src={props.url} />
      ) : type.startsWith('audio/') ? (
        // biome-ignore lint/a11y/useMediaCaption: radio drafts have no captions; the file itself is what is approved
        <audio controls src={props.url} />
      ) : type === 'application/pdf' ? (
        <iframe src={props.url} title={t('preview.documentOf', { name: props.name })} />
      ) : null}
      <figcaption>
        <a href={props.url} target="_blank" rel="noopener noreferrer">
          {t('preview.open', { name: props.name })}
        </a>{' '}
        <span class="hash" title="SHA-256">
          SHA-256 {props.sha256.slice(0, 16)}…
        </span>
      </figcaption>
    </figure>
  );
}

export function PlanLines(props: {
  version: Schemas['MediaPlanVersion'];
  selectable?: { selected: string[]; onChange: (ids: string[]) => void };
}) {
  const v = props.version;
  const sel = props.selectable;
  return (
    <Table
      rows={v.lines}
      columns={[
        sel !== undefined && t('plan.book'),
        t('plan.line'),
        t('plan.channel'),
        t('plan.vendor'),
        t('plan.placement'),
        t('plan.dates'),
        t('plan.units'),
        t('plan.rate'),
        t('plan.cost'),
      ]}
      caption={t('plan.linesCaption', { n: v.number })}
      foot={
        <tr>
          <th scope="row" colSpan={sel ? 8 : 7}>
            {t('plan.total')}
          </th>
          <td class="num">{formats.money(v.totalCost)}</td>
        </tr>
      }
    >
      {(l) => (
        <tr key={l.lineId}>
          {sel && (
            <td>
              <input
                type="checkbox"
                aria-label={t('plan.bookLine', { line: l.lineId })}
                checked={sel.selected.includes(l.lineId)}
                onChange={(e) =>
                  sel.onChange(
                    (e.target as HTMLInputElement).checked
                      ? [...sel.selected, l.lineId]
                      : sel.selected.filter((id) => id !== l.lineId),
                  )
                }
              />
            </td>
          )}
          <td>{l.lineId}</td>
          <td>{t(`channels.${l.channel}`)}</td>
          <td>{l.vendor}</td>
          <td>{l.placement}</td>
          <td>
            {formats.date(l.startDate)} – {formats.date(l.endDate)}
          </td>
          <td class="num">
            {formats.number(l.units)} {t(`units.${l.unitType}`)}
          </td>
          <td class="num">{formats.money(l.rate)}</td>
          <td class="num">{formats.money(l.cost)}</td>
        </tr>
      )}
    </Table>
  );
}

/** The four decisions of an internal step, with a comment. The API decides who may. */
export function DecisionForm(props: { approvalId: string; onDecided: (decision: Decision) => void }) {
  const [decision, setDecision] = useState<Decision | ''>('');
  const [comment, setComment] = useState('');
  const action = useAction(async () => {
    if (!decision) return;
    await must(
      api.POST('/approvals/{approvalId}/decision', {
        params: { path: { approvalId: props.approvalId } },
        body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    );
    props.onDecided(decision);
  });
  return (
    <Form
      label={t('decision.formLabel')}
      onSubmit={() => action.act()}
      busy={action.busy}
      error={action.error}
      submitLabel={t('decision.submit')}
    >
      <fieldset class="decisions">
        <legend>{t('decision.legend')}</legend>
        {decisions.map((d) => (
          <label key={d}>
            <input
              type="radio"
              name={`decision-${props.approvalId}`}
              value={d}
              required
              checked={decision === d}
              onChange={() => setDecision(d)}
            />{' '}
            {t(`decisions.${d}`)}
          </label>
        ))}
      </fieldset>
      <TextArea label={t('decision.comment')} value={comment} onValue={setComment} maxLength={4000} />
    </Form>
  );
}

type Chain = Schemas['ReviewChain'];

const assigneeName = (a: Schemas['Assignee']) => a.name;

/**
 * Why a step was opened, in the reader's words: a revision names the step that asked for changes
 * (the review keeps that reason in English only).
 */
function stepReason(step: Chain['reviews'][number]['steps'][number], before?: { stage: string }) {
  if (step.stage === 'revision' && before)
    return (
      <> · {t('review.changesRequestedAt', { stage: t(`stages.${before.stage}` as 'stages.client') })}</>
    );
  return step.reason ? <> · {step.reason}</> : null;
}

/** Every review of a subject: its steps as a timeline, who decided what, and the evidence. */
export function ReviewChainView(props: { chain: Chain }) {
  const reviews = [...props.chain.reviews].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (reviews.length === 0) return <Empty>{t('review.none')}</Empty>;
  return (
    <div class="reviews">
      {reviews.map((review) => (
        <article
          key={review.reviewId}
          class="review"
          aria-label={t('review.label', { n: review.currentVersion })}
        >
          <h3>
            {t('review.heading', { n: review.currentVersion })}{' '}
            <StatusBadge group="status" value={review.status} />
          </h3>
          <p class="muted">
            {t('review.started', { at: formats.dateTime(review.createdAt) })}
            {review.message && <> · “{review.message}”</>}
          </p>
          <ol class="timeline">
            {[...review.steps]
              .sort((a, b) => a.stepNo - b.stepNo)
              .map((step, index, steps) => (
                <li key={step.stepNo} class={`step ${step.status}`}>
                  <div>
                    <strong>{t(`stages.${step.stage}`)}</strong> · v{step.file.draftVersion}{' '}
                    <StatusBadge group="status" value={step.status} />
                  </div>
                  <div class="muted">
                    {t('review.deadline')}: <Deadline at={step.deadline} />
                    {step.escalationLevel > 0 && <> · {t('review.escalated', { n: step.escalationLevel })}</>}
                    {stepReason(step, steps[index - 1])}
                  </div>
                  {step.assignees.length > 0 && (
                    <ul class="assignees">
                      {step.assignees.map((a, i) => {
                        const id = a.kind === 'staff' ? a.staffId : a.contactId;
                        // Decisions are kept by approval id; a step's approvals are its assignees, in order.
                        const decided = step.decisions[step.approvalIds[i] ?? ''];
                        return (
                          <li key={id}>
                            {assigneeName(a)} (
                            {a.kind === 'staff'
                              ? t(`roles.${a.role}` as 'roles.account_rep')
                              : t('review.client')}
                            ){' · '}
                            {decided ? (
                              <StatusBadge group="status" value={decided} />
                            ) : step.status === 'pending' ? (
                              t('review.waiting')
                            ) : (
                              t('review.notNeeded')
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              ))}
          </ol>
          {review.evidence.length > 0 && (
            <Table
              rows={review.evidence}
              columns={[
                t('review.when'),
                t('review.approver'),
                t('review.decision'),
                t('review.via'),
                t('review.from'),
                t('review.file'),
              ]}
              caption={t('review.evidence')}
            >
              {(e) => (
                <tr key={e.evidenceId}>
                  <td>{formats.dateTime(e.at)}</td>
                  <td>
                    {assigneeName(e.approver)}
                    {e.onBehalfOf && <> ({t('review.onBehalf')})</>}
                  </td>
                  <td>
                    <StatusBadge group="status" value={e.decision} />
                    {e.comment && <div class="comment">“{e.comment}”</div>}
                  </td>
                  <td>{t(`via.${e.via}`)}</td>
                  <td class="small">
                    {e.ip}
                    <br />
                    {e.userAgent}
                  </td>
                  <td class="small hash">
                    v{e.file.draftVersion} · {e.file.sha256.slice(0, 12)}…
                  </td>
                </tr>
              )}
            </Table>
          )}
          {review.pageViews.length > 0 && (
            <p class="muted">{t('review.pageViews', { count: review.pageViews.length })}</p>
          )}
        </article>
      ))}
    </div>
  );
}

/** Picks a file and uploads it to a presigned POST the caller obtains, with progress. */
export function UploadForm(props: {
  label: string;
  accept?: string;
  submitLabel: string;
  /** Obtain the presigned POST for this file (the API names key, type and size). */
  start: (file: File) => Promise<{ url: string; fields: Record<string, string> }>;
  /** After S3 accepted the file: tell the API (records and checks it). */
  complete: (file: File) => Promise<void>;
  children?: preact.ComponentChildren;
}) {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const action = useAction(async () => {
    if (!file) return;
    setProgress(0);
    const upload = await props.start(file);
    await uploadToPresignedPost(upload, file, setProgress);
    await props.complete(file);
    setFile(undefined);
    setProgress(undefined);
  });
  return (
    <Form
      label={props.label}
      onSubmit={() => action.act()}
      busy={action.busy}
      error={action.error}
      submitLabel={props.submitLabel}
    >
      {props.children}
      <div class="field">
        <label>
          {t('upload.file')}
          <input
            type="file"
            accept={props.accept}
            required
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])}
          />
        </label>
      </div>
      {progress !== undefined && <Progress fraction={progress} label={t('upload.progress')} />}
    </Form>
  );
}

export function ActivityList(props: { events: Schemas['ActivityEvent'][] }) {
  if (props.events.length === 0) return <Empty>{t('activity.none')}</Empty>;
  return (
    <ol class="activity">
      {props.events.map((e) => (
        <li key={e.eventId}>
          <time dateTime={e.at}>{formats.dateTime(e.at)}</time> {activityWords(e.action)}
        </li>
      ))}
    </ol>
  );
}

function activityWords(action: string) {
  const message = activityMessage(action, hasMessage);
  return message.key === 'activity.changed'
    ? t(message.key, { thing: t(message.thing as 'activity.things.job') })
    : t(message.key as 'activity.recorded');
}
