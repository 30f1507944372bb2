import { useState } from 'preact/hooks';
import { allPages, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useAction, useFollow, useLoad } from '../ui/hooks';
import {
  Async,
  Badge,
  Checkboxes,
  Disclosure,
  Empty,
  Facts,
  Field,
  Form,
  Notice,
  Page,
  Section,
  Select,
  TextArea,
} from '../ui/kit';

type Report = Schemas['ContactReport'];
type Kind = Report['kind'];
type Status = Report['status'];

const statusTone: Record<Status, 'good' | 'bad' | 'warn' | 'neutral'> = {
  draft: 'neutral',
  awaiting_confirmation: 'warn',
  confirmed: 'good',
  confirmed_by_silence: 'good',
  disputed: 'bad',
};

const ReportStatus = (props: { status: Status }) => (
  <Badge tone={statusTone[props.status]}>{t(`minutes.statuses.${props.status}`)}</Badge>
);

/** A next step as typed: what, whose (`staff:<id>` or `contact:<id>`), by when. */
interface StepDraft {
  stepId?: string;
  action: string;
  owner: string;
  due: string;
}

/** The minutes as a person types them: lists one item a line. */
interface MinutesDraft {
  kind: Kind;
  meetingAt: string;
  place: string;
  subject: string;
  jobIds: string[];
  agencyAttendees: string[];
  clientAttendees: string[];
  agenda: string;
  decisions: string;
  nextSteps: StepDraft[];
}

const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** `datetime-local` works in the reader's own clock; the API takes UTC. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function blankMinutes(): MinutesDraft {
  return {
    kind: 'meeting',
    meetingAt: localInput(new Date().toISOString()),
    place: '',
    subject: '',
    jobIds: [],
    agencyAttendees: [],
    clientAttendees: [],
    agenda: '',
    decisions: '',
    nextSteps: [],
  };
}

function draftOf(report: Report): MinutesDraft {
  const d = report.draft;
  return {
    kind: d.kind,
    meetingAt: localInput(d.meetingAt),
    place: d.place ?? '',
    subject: d.subject,
    jobIds: d.jobs.map((j) => j.jobId),
    agencyAttendees: d.agencyAttendees.map((p) => p.id),
    clientAttendees: d.clientAttendees.map((p) => p.id),
    agenda: d.agenda.join('\n'),
    decisions: d.decisions.join('\n'),
    nextSteps: d.nextSteps.map((s) => ({
      stepId: s.stepId,
      action: s.action,
      owner: s.owner.kind === 'staff' ? `staff:${s.owner.staffId}` : `contact:${s.owner.contactId}`,
      due: s.due,
    })),
  };
}

function bodyOf(d: MinutesDraft) {
  return {
    meetingAt: new Date(d.meetingAt).toISOString(),
    ...(d.place.trim() ? { place: d.place.trim() } : {}),
    subject: d.subject.trim(),
    jobIds: d.jobIds,
    agencyAttendees: d.agencyAttendees,
    clientAttendees: d.clientAttendees,
    agenda: lines(d.agenda),
    decisions: lines(d.decisions),
    nextSteps: d.nextSteps
      .filter((s) => s.action.trim() && s.owner && s.due)
      .map((s) => {
        const [kind, id] = s.owner.split(':') as ['staff' | 'contact', string];
        return {
          ...(s.stepId ? { stepId: s.stepId } : {}),
          action: s.action.trim(),
          owner: kind === 'staff' ? { kind, staffId: id } : { kind, contactId: id },
          due: s.due,
        };
      }),
  };
}

/** The people and jobs a report may name: the client's contacts, its account team and its jobs. */
function usePeople(clientId: string) {
  return useLoad(async () => {
    const [contacts, team, jobs] = await Promise.all([
      must(
        api.GET('/clients/{clientId}/contacts', { params: { path: { clientId }, query: { limit: 100 } } }),
      ),
      must(api.GET('/clients/{clientId}/team', { params: { path: { clientId } } })),
      allPages((nextToken) =>
        must(api.GET('/jobs', { params: { query: { clientId, limit: 100, nextToken } } })),
      ),
    ]);
    return {
      contacts: contacts.items.filter((c) => c.active).map((c) => ({ value: c.contactId, label: c.name })),
      staff: team.members.map((m) => ({ value: m.staffId, label: m.name })),
      jobs: jobs.map((j) => ({ value: j.jobId, label: `${j.jobNumber} · ${j.title}` })),
    };
  }, [clientId]);
}

type Option = { value: string; label: string };

function MinutesFields(props: {
  people: { contacts: Option[]; staff: Option[]; jobs: Option[] };
  value: MinutesDraft;
  onValue: (value: MinutesDraft) => void;
  kindFixed?: boolean;
}) {
  const d = props.value;
  const set = (patch: Partial<MinutesDraft>) => props.onValue({ ...d, ...patch });
  const owners = [
    ...props.people.staff.map((s) => ({ value: `staff:${s.value}`, label: s.label })),
    ...props.people.contacts.map((c) => ({
      value: `contact:${c.value}`,
      label: `${c.label} (${t('minutes.client')})`,
    })),
  ];
  const setStep = (i: number, patch: Partial<StepDraft>) =>
    set({ nextSteps: d.nextSteps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <>
      {!props.kindFixed && (
        <Select<Kind>
          label={t('minutes.kind')}
          value={d.kind}
          options={[
            { value: 'meeting', label: t('minutes.kinds.meeting') },
            { value: 'call', label: t('minutes.kinds.call') },
          ]}
          onValue={(kind) => set({ kind })}
        />
      )}
      <Field
        label={t('minutes.meetingAt')}
        type="datetime-local"
        required
        value={d.meetingAt}
        onValue={(meetingAt) => set({ meetingAt })}
      />
      <Field label={t('minutes.place')} value={d.place} onValue={(place) => set({ place })} />
      <Field
        label={t('minutes.subject')}
        required
        value={d.subject}
        onValue={(subject) => set({ subject })}
      />
      {props.people.jobs.length > 0 && (
        <Checkboxes
          legend={t('minutes.jobs')}
          options={props.people.jobs}
          value={d.jobIds}
          onValue={(jobIds) => set({ jobIds })}
        />
      )}
      <Checkboxes
        legend={t('minutes.clientAttendees')}
        options={props.people.contacts}
        value={d.clientAttendees}
        onValue={(clientAttendees) => set({ clientAttendees })}
      />
      <Checkboxes
        legend={t('minutes.agencyAttendees')}
        options={props.people.staff}
        value={d.agencyAttendees}
        onValue={(agencyAttendees) => set({ agencyAttendees })}
      />
      <TextArea
        label={`${t('minutes.agenda')} · ${t('brief.oneALine')}`}
        value={d.agenda}
        onValue={(agenda) => set({ agenda })}
      />
      <TextArea
        label={`${t('minutes.decisions')} · ${t('brief.oneALine')}`}
        value={d.decisions}
        onValue={(decisions) => set({ decisions })}
      />
      <fieldset class="next-steps">
        <legend>{t('minutes.nextSteps')}</legend>
        {d.nextSteps.map((s, i) => (
          <div key={s.stepId ?? `new-${i}`} class="row">
            <Field
              label={t('minutes.action')}
              value={s.action}
              onValue={(action) => setStep(i, { action })}
            />
            <Select
              label={t('minutes.owner')}
              value={s.owner}
              placeholder=""
              options={owners}
              onValue={(owner) => setStep(i, { owner })}
            />
            <Field
              label={t('minutes.due')}
              type="date"
              value={s.due}
              onValue={(due) => setStep(i, { due })}
            />
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ nextSteps: [...d.nextSteps, { action: '', owner: '', due: '' }] })}
        >
          {t('minutes.addNextStep')}
        </button>
      </fieldset>
    </>
  );
}

/** The client page's section: the client's contact and call reports, and writing a new one. */
export function ContactReports(props: { clientId: string }) {
  const { clientId } = props;
  const load = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/contact-reports', {
          params: { path: { clientId }, query: { limit: 50 } },
        }),
      ),
    [clientId],
  );
  const people = usePeople(clientId);
  const [writing, setWriting] = useState(false);
  const [draft, setDraft] = useState<MinutesDraft>(blankMinutes());
  const create = useAction(async () => {
    const report = await must(
      api.POST('/clients/{clientId}/contact-reports', {
        params: { path: { clientId }, header: idempotencyKey() },
        body: { kind: draft.kind, ...bodyOf(draft) },
      }),
    );
    window.location.assign(`/contact-reports/${report.reportId}`);
  });
  return (
    <Section title={t('minutes.title')} id="contact-reports">
      <Async load={load}>
        {(page) =>
          page.items.length === 0 ? <Empty>{t('minutes.none')}</Empty> : <ReportList reports={page.items} />
        }
      </Async>
      <Disclosure label={t('minutes.write')} open={writing} onToggle={setWriting}>
        <Async load={people}>
          {(p) => (
            <Form
              label={t('minutes.write')}
              onSubmit={() => create.act()}
              busy={create.busy}
              error={create.error}
              submitLabel={t('minutes.saveDraft')}
            >
              <MinutesFields people={p} value={draft} onValue={setDraft} />
            </Form>
          )}
        </Async>
      </Disclosure>
    </Section>
  );
}

/** Reports as a list: subject (to the report's page), kind, meeting time and where it stands. */
function ReportList(props: { reports: Report[] }) {
  return (
    <ul class="list">
      {props.reports.map((r) => (
        <li key={r.reportId}>
          <a href={`/contact-reports/${r.reportId}`}>{r.draft.subject}</a>{' '}
          <span class="muted">
            · {t(`minutes.kinds.${r.kind}`)} · {formats.dateTime(r.draft.meetingAt)}
          </span>{' '}
          <ReportStatus status={r.status} />
        </li>
      ))}
    </ul>
  );
}

/** The job page's section: the contact and call reports that name the job, newest first. */
export function JobContactReports(props: { clientId: string; jobId: string }) {
  const { clientId, jobId } = props;
  const load = useLoad(
    () =>
      allPages(
        (nextToken) =>
          must(
            api.GET('/clients/{clientId}/contact-reports', {
              params: { path: { clientId }, query: { jobId, limit: 50, nextToken } },
            }),
          ),
        200,
      ),
    [clientId, jobId],
  );
  return (
    <Section
      title={t('minutes.title')}
      id="job-contact-reports"
      actions={<a href={`/clients/${clientId}#contact-reports`}>{t('minutes.write')}</a>}
    >
      <Async load={load}>
        {(reports) =>
          reports.length === 0 ? <Empty>{t('minutes.noneForJob')}</Empty> : <ReportList reports={reports} />
        }
      </Async>
    </Section>
  );
}

/** Where the minutes stand, in the reader's words, from the report's fields. */
function standing(report: Report): string {
  const w = report.window;
  const zone = w?.timeZone;
  switch (report.status) {
    case 'draft':
      return t('minutes.why.draft');
    case 'awaiting_confirmation':
      return w?.deadline
        ? t('minutes.why.awaiting', { day: formats.dayEndingAt(w.deadline, w.timeZone), zone })
        : t('minutes.why.sending');
    case 'confirmed':
      return t('minutes.why.confirmed', { at: formats.dateTime(w?.settledAt ?? report.updatedAt, zone) });
    case 'confirmed_by_silence':
      return t('minutes.why.silence', {
        deadline: formats.dateTime(w?.settledAt ?? report.updatedAt, zone),
        zone,
      });
    case 'disputed': {
      const question = report.answers?.filter((a) => a.answer === 'question').at(-1);
      return t('minutes.why.disputed', {
        who: question?.contactName ?? '',
        question: question?.question ?? '',
      });
    }
  }
}

type Version = NonNullable<Report['versions']>[number];
type Recipient = Version['recipients'][number];

/** A version's email to a recipient: sent, not sent (withheld, or its workflow stopped), or still going. */
function mailOutcome(version: Version, recipient: Recipient): 'sent' | 'notSent' | 'going' {
  if (recipient.mailedAt) return 'sent';
  if (recipient.withheld || version.failure || version.status === 'superseded') return 'notSent';
  return 'going';
}

/** Whether the latest version is still being sent: its workflow has emails left to send. */
const stillSending = (report: Report) => {
  const latest = (report.versions ?? []).at(-1);
  return (
    latest !== undefined &&
    (latest.status === 'sending' || latest.recipients.some((r) => mailOutcome(latest, r) === 'going'))
  );
};

/** Who each version was emailed to, and whose email did not go. */
function VersionEmails(props: { version: Version }) {
  const { version } = props;
  return (
    <ul class="list emails">
      {version.recipients.map((r) => {
        const outcome = mailOutcome(version, r);
        return (
          <li key={`${r.role}-${r.email}`}>
            {r.name}
            {r.role === 'copy' && <> ({t('minutes.copy')})</>}:{' '}
            {outcome === 'sent' ? (
              t('minutes.emailedOn', { date: formats.dateTime(r.mailedAt!) })
            ) : outcome === 'notSent' ? (
              <Badge tone="bad">{t('minutes.notEmailed')}</Badge>
            ) : (
              <Badge>{t('minutes.versionStatuses.sending')}</Badge>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** One contact report: where it stands and why, its next steps, its versions and answers, its draft. */
export function ContactReportScreen(props: { params: { reportId: string } }) {
  const { reportId } = props.params;
  const load = useLoad(
    () =>
      must(
        api.GET('/contact-reports/{contactReportId}', { params: { path: { contactReportId: reportId } } }),
      ),
    [reportId],
  );
  // Issuing answers at once; the workflow sends the minutes after: the page follows it there.
  const sending = useFollow(load, stillSending);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<MinutesDraft>(blankMinutes());
  const [notice, setNotice] = useState<string>();
  const save = useAction(async (report: Report) => {
    await must(
      api.PATCH('/contact-reports/{contactReportId}', {
        params: { path: { contactReportId: reportId }, header: ifMatch(report.version) },
        body: bodyOf(draft),
      }),
    );
    setEditing(false);
    setNotice(t('minutes.saved'));
    load.reload();
  });
  const issue = useAction(async (report: Report) => {
    await must(
      api.POST('/contact-reports/{contactReportId}/issue', {
        params: { path: { contactReportId: reportId }, header: ifMatch(report.version) },
      }),
    );
    setNotice(t('minutes.issued', { n: report.latestIssued + 1 }));
    load.reload();
    sending.follow();
  });
  const progress = useAction(async (report: Report, stepId: string, status: 'open' | 'done') => {
    await must(
      api.PUT('/contact-reports/{contactReportId}/next-steps/{stepId}/progress', {
        params: { path: { contactReportId: reportId, stepId }, header: ifMatch(report.version) },
        body: { status },
      }),
    );
    load.reload();
  });
  return (
    <Async load={load}>
      {(report) => (
        <Page
          title={report.draft.subject}
          subtitle={
            <>
              {t(`minutes.kinds.${report.kind}`)} · {formats.dateTime(report.draft.meetingAt)} ·{' '}
              <ReportStatus status={report.status} />
            </>
          }
          actions={<a href={`/clients/${report.clientId}`}>{t('minutes.backToClient')}</a>}
        >
          {notice && <Notice>{notice}</Notice>}
          <Section title={t('minutes.standing')} id="standing">
            <p role="status">
              {standing(report)}
              {sending.waiting && <> {t('minutes.following')}</>}
            </p>
            {report.window && (
              <Facts
                rows={[
                  [t('minutes.version'), String(report.window.version)],
                  ...(report.window.sentAt
                    ? ([
                        [t('minutes.sentAt'), formats.dateTime(report.window.sentAt, report.window.timeZone)],
                      ] as [string, string][])
                    : []),
                  [t('minutes.timeZone'), report.window.timeZone],
                ]}
              />
            )}
          </Section>
          <Section title={t('minutes.nextSteps')} id="next-steps">
            {report.nextSteps.length === 0 ? (
              <Empty>{t('minutes.noNextSteps')}</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t('minutes.action')}</th>
                    <th>{t('minutes.owner')}</th>
                    <th>{t('minutes.due')}</th>
                    <th>{t('minutes.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.nextSteps.map((s) => (
                    <tr key={s.stepId}>
                      <td>{s.action}</td>
                      <td>
                        {s.owner.name}
                        {s.owner.kind === 'contact' && <> ({t('minutes.client')})</>}
                      </td>
                      <td class={s.overdue ? 'overdue' : undefined}>
                        {formats.date(s.due)}
                        {s.overdue && <> · {t('minutes.overdue')}</>}
                      </td>
                      <td>
                        <button
                          type="button"
                          disabled={progress.busy}
                          onClick={() =>
                            progress.act(report, s.stepId, s.status === 'done' ? 'open' : 'done')
                          }
                        >
                          {s.status === 'done' ? t('minutes.reopen') : t('minutes.markDone')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section title={t('minutes.versions')} id="versions">
            {(report.versions ?? []).length === 0 ? (
              <Empty>{t('minutes.notIssued')}</Empty>
            ) : (
              <ol class="list versions">
                {(report.versions ?? []).map((v) => (
                  <li key={v.number}>
                    {t('minutes.versionIssued', { n: v.number, at: formats.dateTime(v.issuedAt) })}{' '}
                    <Badge>{t(`minutes.versionStatuses.${v.status}`)}</Badge>
                    <VersionEmails version={v} />
                  </li>
                ))}
              </ol>
            )}
            {(report.answers ?? []).length > 0 && (
              <table>
                <caption>{t('minutes.answers')}</caption>
                <thead>
                  <tr>
                    <th>{t('minutes.version')}</th>
                    <th>{t('minutes.who')}</th>
                    <th>{t('minutes.answer')}</th>
                    <th>{t('minutes.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(report.answers ?? []).map((a) => (
                    <tr key={a.answerId}>
                      <td>{a.version}</td>
                      <td>{a.contactName}</td>
                      <td>
                        {t(`minutes.answerKinds.${a.answer}`)}
                        {a.question && <> · “{a.question}”</>}
                      </td>
                      <td>{formats.dateTime(a.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section title={t('minutes.draft')} id="draft">
            {report.latestIssued > 0 && !report.draftChanged && (
              <p class="muted">{t('minutes.draftIsIssued')}</p>
            )}
            <DraftMinutes draft={report.draft} />
            <Disclosure
              label={t('minutes.edit')}
              open={editing}
              onToggle={(open) => {
                setEditing(open);
                if (open) setDraft(draftOf(report));
              }}
            >
              <EditDraft
                clientId={report.clientId}
                value={draft}
                onValue={setDraft}
                onSubmit={() => save.act(report)}
                busy={save.busy}
                error={save.error}
              />
            </Disclosure>
            {/* An unchanged draft is the version already issued: there is nothing new to send. */}
            {(report.latestIssued === 0 || report.draftChanged) && (
              <Form
                label={t('minutes.issue', { n: report.latestIssued + 1 })}
                onSubmit={() => issue.act(report)}
                busy={issue.busy}
                error={issue.error}
                submitLabel={t('minutes.issue', { n: report.latestIssued + 1 })}
              >
                <p class="muted">{t('minutes.issueExplained')}</p>
              </Form>
            )}
          </Section>
        </Page>
      )}
    </Async>
  );
}

/** The draft as it will be issued: who attended, the agenda, the decisions and the next steps. */
function DraftMinutes(props: { draft: Report['draft'] }) {
  const d = props.draft;
  const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ') || '—';
  const lines = (items: string[]) =>
    items.length === 0 ? (
      '—'
    ) : (
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
    );
  return (
    <Facts
      rows={[
        [t('minutes.place'), d.place || '—'],
        [
          t('minutes.jobs'),
          d.jobs.length === 0
            ? '—'
            : d.jobs.map((j, i) => (
                <span key={j.jobId}>
                  {i > 0 && ', '}
                  <a href={`/jobs/${j.jobId}`}>
                    {j.jobNumber} · {j.title}
                  </a>
                </span>
              )),
        ],
        [t('minutes.clientAttendees'), names(d.clientAttendees)],
        [t('minutes.agencyAttendees'), names(d.agencyAttendees)],
        [t('minutes.agenda'), lines(d.agenda)],
        [t('minutes.decisions'), lines(d.decisions)],
        [
          t('minutes.nextSteps'),
          lines(
            d.nextSteps.map(
              (s) =>
                `${s.action} · ${s.owner.name}${s.owner.kind === 'contact' ? ` (${t('minutes.client')})` : ''} · ${formats.date(s.due)}`,
            ),
          ),
        ],
      ]}
    />
  );
}

function EditDraft(props: {
  clientId: string;
  value: MinutesDraft;
  onValue: (value: MinutesDraft) => void;
  onSubmit: () => void;
  busy: boolean;
  error: unknown;
}) {
  const people = usePeople(props.clientId);
  return (
    <Async load={people}>
      {(p) => (
        <Form
          label={t('minutes.edit')}
          onSubmit={props.onSubmit}
          busy={props.busy}
          error={props.error}
          submitLabel={t('common.save')}
        >
          <MinutesFields people={p} value={props.value} onValue={props.onValue} kindFixed />
        </Form>
      )}
    </Async>
  );
}
