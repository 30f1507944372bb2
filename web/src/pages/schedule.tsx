import { useState } from 'preact/hooks';
import { ApiProblem, api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, milestoneDeliverable, milestoneName, t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import {
  Async,
  Badge,
  Disclosure,
  Empty,
  Facts,
  Field,
  Form,
  Notice,
  Page,
  ProblemView,
  Section,
  Select,
  Table,
} from '../ui/kit';
import { Gantt, shiftWorkingDays } from './gantt';
import { ReviewChainView, StatusBadge, TimetableLines } from './parts';
import { StartReviewForm } from './review-start';

type Schedule = Schemas['Schedule'];
type Milestone = Schemas['Milestone'];
type ChangeResult = Schemas['ScheduleChangeResult'];

/** A move the reader asked to see: what the API says it does, before anything is saved. */
interface PendingMove {
  milestone: Milestone;
  start: string;
  result: ChangeResult;
}

function DrawUp(props: { jobId: string; onDrawn: () => void }) {
  const [startDate, setStartDate] = useState('');
  const draw = useAction(async () => {
    await must(
      api.POST('/jobs/{jobId}/schedule', {
        params: { path: { jobId: props.jobId }, header: idempotencyKey() },
        body: { startDate },
      }),
    );
    props.onDrawn();
  });
  return (
    <Form
      label={t('schedule.drawUp')}
      onSubmit={() => draw.act()}
      busy={draw.busy}
      error={draw.error}
      submitLabel={t('schedule.drawUp')}
    >
      <Field
        label={t('schedule.startDate')}
        hint={t('schedule.startDateHint')}
        type="date"
        required
        value={startDate}
        onValue={setStartDate}
      />
    </Form>
  );
}

/** The preview of a move: what moves and where the job now ends; saved, proposed or dropped. */
function MovePreview(props: {
  jobId: string;
  schedule: Schedule;
  pending: PendingMove;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { pending, schedule } = props;
  const mayMove = schedule.allowed?.move ?? false;
  const [reason, setReason] = useState('');
  const save = useAction(async () => {
    await must(
      api.PATCH('/jobs/{jobId}/schedule', {
        params: { path: { jobId: props.jobId }, header: ifMatch(schedule.version) },
        body: { moves: [{ milestoneId: pending.milestone.milestoneId, start: pending.start }] },
      }),
    );
    props.onDone(t('schedule.saved', { name: milestoneName(pending.milestone) }));
  });
  const propose = useAction(async () => {
    await must(
      api.POST('/jobs/{jobId}/schedule/proposals', {
        params: { path: { jobId: props.jobId }, header: idempotencyKey() },
        body: { milestoneId: pending.milestone.milestoneId, start: pending.start, reason },
      }),
    );
    props.onDone(t('schedule.proposed', { name: milestoneName(pending.milestone) }));
  });
  const { result } = pending;
  return (
    <section class="card preview-panel" aria-labelledby="move-preview-title">
      <h2 id="move-preview-title">
        {t('schedule.previewTitle', {
          name: milestoneName(pending.milestone),
          date: formats.date(pending.start),
        })}
      </h2>
      <p role="status">
        {t('schedule.previewEnd', {
          from: formats.date(result.endDate.from),
          to: formats.date(result.endDate.to),
        })}{' '}
        {result.shiftDays === 0
          ? t('schedule.endUnchanged')
          : t(result.shiftDays > 0 ? 'schedule.endLater' : 'schedule.endEarlier', {
              count: Math.abs(result.shiftDays),
            })}
      </p>
      {
        <Table
          rows={result.moved}
          columns={[t('schedule.milestone'), t('schedule.now'), t('schedule.after')]}
          caption={t('schedule.whatMoves', { count: result.moved.length })}
          empty={t('schedule.nothingMoves')}
        >
          {(m) => (
            <tr key={m.milestoneId}>
              <td>{milestoneName(m)}</td>
              <td>{m.from ? `${formats.date(m.from.start)} – ${formats.date(m.from.due)}` : '—'}</td>
              <td>{m.to ? `${formats.date(m.to.start)} – ${formats.date(m.to.due)}` : '—'}</td>
            </tr>
          )}
        </Table>
      }
      {mayMove ? (
        <div class="form-actions">
          {save.error !== undefined && <ProblemView error={save.error} />}
          <button type="button" class="primary" disabled={save.busy} onClick={() => void save.act()}>
            {save.busy ? t('common.working') : t('schedule.saveMove')}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('schedule.discard')}
          </button>
        </div>
      ) : (
        <Form
          label={t('schedule.propose')}
          onSubmit={() => propose.act()}
          busy={propose.busy}
          error={propose.error}
          submitLabel={t('schedule.propose')}
        >
          <p class="muted">{t('schedule.proposeWhy')}</p>
          <Field label={t('schedule.reason')} required value={reason} onValue={setReason} />
          <button type="button" onClick={props.onCancel}>
            {t('schedule.discard')}
          </button>
        </Form>
      )}
    </section>
  );
}

/** The keyboard's way to move: by a number of the client's working days, with the same preview. */
function MoveByDays(props: {
  milestone: Milestone;
  nonWorking: ReadonlySet<string>;
  onPreview: (start: string) => void;
  busy: boolean;
}) {
  const [days, setDays] = useState('1');
  const n = Number.parseInt(days, 10);
  return (
    <form
      class="form inline move-form"
      aria-label={t('schedule.moveBy', { name: milestoneName(props.milestone) })}
      onSubmit={(e) => {
        e.preventDefault();
        if (Number.isInteger(n) && n !== 0)
          props.onPreview(shiftWorkingDays(props.milestone.start, n, props.nonWorking));
      }}
    >
      <Field
        label={t('schedule.workingDays')}
        hint={t('schedule.workingDaysHint')}
        type="number"
        min="-250"
        max="250"
        required
        value={days}
        onValue={setDays}
      />
      <button type="submit" disabled={props.busy}>
        {t('schedule.previewMove')}
      </button>
    </form>
  );
}

function MilestoneTable(props: {
  schedule: Schedule;
  jobId: string;
  canMoveOrPropose: (m: Milestone) => boolean;
  onPreview: (m: Milestone, start: string) => void;
  previewing: boolean;
  onChanged: () => void;
}) {
  const { schedule } = props;
  const [moving, setMoving] = useState<string>();
  const nonWorking = new Set(schedule.calendar.nonWorkingDays);
  const reportable = new Set(schedule.allowed?.reportProgress ?? []);
  const progress = useAction(async (m: Milestone, status: 'in_progress' | 'done') => {
    await must(
      api.POST('/jobs/{jobId}/schedule/milestones/{milestoneId}/progress', {
        params: { path: { jobId: props.jobId, milestoneId: m.milestoneId } },
        body: { status },
      }),
    );
    props.onChanged();
  });
  return (
    <div class="table-wrap">
      {progress.error !== undefined && <ProblemView error={progress.error} />}
      <table class="milestones">
        <caption>{t('schedule.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schedule.milestone')}</th>
            <th scope="col">{t('schedule.owner')}</th>
            <th scope="col">{t('schedule.start')}</th>
            <th scope="col">{t('schedule.due')}</th>
            <th scope="col">{t('schedule.baseline')}</th>
            <th scope="col">{t('schedule.waitingClient')}</th>
            <th scope="col">{t('schedule.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedule.milestones.map((m) => (
            <tr key={m.milestoneId} class={m.critical ? 'critical' : undefined}>
              <th scope="row">
                {milestoneName(m)}
                {m.deliverable && <div>{milestoneDeliverable(m)}</div>}
                <div class="muted">
                  {t(`departments.${m.department}`)}
                  {m.critical && <> · {t('schedule.critical')}</>}
                  {m.dependsOn.length > 0 && (
                    <>
                      {' · '}
                      {t('schedule.dependsOn', {
                        names: m.dependsOn
                          .map((d) => {
                            const before = schedule.milestones.find((p) => p.milestoneId === d.milestoneId);
                            return before ? milestoneName(before) : d.milestoneId;
                          })
                          .join(', '),
                      })}
                    </>
                  )}
                </div>
              </th>
              <td>{m.owner.kind === 'client' ? t('schedule.clientOwner') : m.ownerName}</td>
              <td>{formats.date(m.start)}</td>
              <td>
                {formats.date(m.due)}
                {m.overdueDays > 0 && (
                  <div class="overdue">{t('schedule.overdue', { count: m.overdueDays })}</div>
                )}
              </td>
              <td>
                {m.baseline ? formats.date(m.baseline.due) : '—'}
                {m.slipDays ? (
                  <div class={m.slipDays > 0 ? 'overdue' : 'muted'}>
                    {t('schedule.slip', { count: m.slipDays })}
                  </div>
                ) : null}
              </td>
              <td class="num">{formats.number(m.waiting.clientDays)}</td>
              <td>
                <StatusBadge group="status" value={m.status} />
              </td>
              <td class="row-actions">
                {m.status !== 'done' && props.canMoveOrPropose(m) && (
                  <button
                    type="button"
                    aria-expanded={moving === m.milestoneId}
                    onClick={() => setMoving(moving === m.milestoneId ? undefined : m.milestoneId)}
                  >
                    {t('schedule.move', { name: milestoneName(m) })}
                  </button>
                )}
                {reportable.has(m.milestoneId) && m.status === 'not_started' && (
                  <button
                    type="button"
                    disabled={progress.busy}
                    onClick={() => void progress.act(m, 'in_progress')}
                  >
                    {t('schedule.markStarted', { name: milestoneName(m) })}
                  </button>
                )}
                {reportable.has(m.milestoneId) && m.status === 'in_progress' && (
                  <button type="button" disabled={progress.busy} onClick={() => void progress.act(m, 'done')}>
                    {t('schedule.markDone', { name: milestoneName(m) })}
                  </button>
                )}
                {moving === m.milestoneId && (
                  <MoveByDays
                    milestone={m}
                    nonWorking={nonWorking}
                    busy={props.previewing}
                    onPreview={(start) => props.onPreview(m, start)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A proposal's milestone as it was named when proposed: a built-in one in the reader's language. */
const proposalMilestone = (p: Schemas['ScheduleProposal']) =>
  milestoneName({ name: p.milestoneName, nameKey: p.milestoneNameKey });

function Proposals(props: { jobId: string; schedule: Schedule; changes: number; onChanged: () => void }) {
  // Read again after every change made on this screen (a proposal leaves the schedule's version as it was).
  const load = useLoad(
    () => must(api.GET('/jobs/{jobId}/schedule/proposals', { params: { path: { jobId: props.jobId } } })),
    [props.jobId, props.schedule.version, props.changes],
  );
  const decide = useAction(async (proposalId: string, decision: 'accept' | 'decline') => {
    await must(
      api.POST('/jobs/{jobId}/schedule/proposals/{proposalId}/decision', {
        params: { path: { jobId: props.jobId, proposalId } },
        body: { decision },
      }),
    );
    load.reload();
    props.onChanged();
  });
  const mayDecide = props.schedule.allowed?.decideProposals ?? false;
  return (
    <Section title={t('schedule.proposals')} id="proposals">
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('schedule.noProposals')}</Empty>
          ) : (
            <ul class="list">
              {list.items.map((p) => (
                <li key={p.proposalId}>
                  {t('schedule.proposalLine', {
                    name: proposalMilestone(p),
                    from: formats.date(p.current.start),
                    to: p.proposed.start ? formats.date(p.proposed.start) : formats.date(p.current.start),
                    end: formats.date(p.preview.endDate),
                  })}
                  <div class="muted">{p.reason}</div>
                  {mayDecide && (
                    <div class="form-actions">
                      <button
                        type="button"
                        disabled={decide.busy}
                        onClick={() => void decide.act(p.proposalId, 'accept')}
                      >
                        {t('schedule.accept', { name: proposalMilestone(p) })}
                      </button>
                      <button
                        type="button"
                        disabled={decide.busy}
                        onClick={() => void decide.act(p.proposalId, 'decline')}
                      >
                        {t('schedule.decline', { name: proposalMilestone(p) })}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {decide.error !== undefined && <ProblemView error={decide.error} />}
    </Section>
  );
}

function Timetable(props: { jobId: string; schedule: Schedule }) {
  const load = useLoad(async () => {
    const path = { jobId: props.jobId };
    const versions = await must(api.GET('/jobs/{jobId}/timetable/versions', { params: { path } }));
    // The sign-off chain exists once there is a version to sign.
    const chain = versions.items.length
      ? await must(api.GET('/jobs/{jobId}/timetable/approvals', { params: { path } }))
      : { subjectId: props.jobId, reviews: [] };
    return { items: versions.items, chain };
  }, [props.jobId]);
  const [shown, setShown] = useState<number>();
  const freeze = useAction(async () => {
    await must(api.POST('/jobs/{jobId}/timetable/versions', { params: { path: { jobId: props.jobId } } }));
    load.reload();
  });
  const [sending, setSending] = useState<number>();
  return (
    <Section
      title={t('schedule.timetable')}
      id="timetable"
      actions={
        props.schedule.allowed?.freezeTimetable && (
          <button type="button" disabled={freeze.busy} onClick={() => void freeze.act()}>
            {t('schedule.freeze')}
          </button>
        )
      }
    >
      {freeze.error !== undefined && <ProblemView error={freeze.error} />}
      <Async load={load}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>{t('schedule.noTimetable')}</Empty>
          ) : (
            <>
              <ul class="list">
                {list.items.map((v) => (
                  <li key={v.number}>
                    {t('schedule.timetableVersion', { n: v.number, end: formats.date(v.endDate) })}{' '}
                    <StatusBadge group="status" value={v.status} />{' '}
                    <button
                      type="button"
                      aria-expanded={shown === v.number}
                      onClick={() => setShown(shown === v.number ? undefined : v.number)}
                    >
                      {t('schedule.showVersion', { n: v.number })}
                    </button>
                    {shown === v.number && <TimetableLines version={v} />}
                    {v.status === 'draft' && props.schedule.allowed?.sendTimetable && (
                      <Disclosure
                        label={t('schedule.sendForSignOff', { n: v.number })}
                        open={sending === v.number}
                        onToggle={(open) => setSending(open ? v.number : undefined)}
                      >
                        <StartReviewForm
                          clientId={props.schedule.clientId}
                          scope="estimate"
                          start={(body) =>
                            must(
                              api.POST('/jobs/{jobId}/timetable/versions/{n}/reviews', {
                                params: {
                                  path: { jobId: props.jobId, n: v.number },
                                  header: idempotencyKey(),
                                },
                                body,
                              }),
                            )
                          }
                          onStarted={() => {
                            setSending(undefined);
                            load.reload();
                          }}
                        />
                      </Disclosure>
                    )}
                  </li>
                ))}
              </ul>
              {list.chain.reviews.length > 0 && (
                <>
                  <h3>{t('schedule.timetableSignOff')}</h3>
                  <ReviewChainView chain={list.chain} />
                </>
              )}
            </>
          )
        }
      </Async>
    </Section>
  );
}

type Department = Schemas['Milestone']['department'];
const departmentsList: Department[] = ['account', 'creative', 'media', 'production', 'research', 'client'];

/**
 * Changing the schedule's shape (the job's AE, account managers and above: `allowed.reshape`):
 * a milestone's length, a new milestone after another, a milestone taken out. Saved with the
 * schedule's version; the API says what moved and refuses what it must.
 */
function Reshape(props: { job: Schemas['Job']; schedule: Schedule; onDone: (message: string) => void }) {
  const { job, schedule } = props;
  const open = schedule.milestones.filter((m) => m.status !== 'done');
  const options = open.map((m) => ({ value: m.milestoneId, label: milestoneName(m) }));
  const save = async (body: Schemas['ScheduleChange']) => {
    const result = await must(
      api.PATCH('/jobs/{jobId}/schedule', {
        params: { path: { jobId: job.jobId }, header: ifMatch(schedule.version) },
        body,
      }),
    );
    props.onDone(t('schedule.reshaped', { end: formats.date(result.schedule.endDate) }));
  };
  const [lengthOf, setLengthOf] = useState('');
  const [days, setDays] = useState('');
  const resize = useAction(() =>
    save({ moves: [{ milestoneId: lengthOf, durationDays: Number.parseInt(days, 10) }] }),
  );
  const [name, setName] = useState('');
  const [department, setDepartment] = useState<Department | ''>('');
  const [newDays, setNewDays] = useState('');
  const [after, setAfter] = useState('');
  const add = useAction(() =>
    save({
      add: [
        {
          name,
          department: department as Department,
          owner: department === 'client' ? { kind: 'client' } : { kind: 'staff', staffId: job.ownerId },
          durationDays: Number.parseInt(newDays, 10),
          dependsOn: after ? [{ milestoneId: after, lagDays: 0 }] : [],
        },
      ],
    }),
  );
  const [removing, setRemoving] = useState('');
  const remove = useAction(() => save({ remove: [removing] }));
  return (
    <Section title={t('schedule.reshape')} id="reshape">
      <p class="muted">{t('schedule.reshapeHint')}</p>
      {open.length === 0 ? (
        <Empty>{t('schedule.nothingOpen')}</Empty>
      ) : (
        <>
          <Form
            label={t('schedule.changeLength')}
            onSubmit={() => resize.act()}
            busy={resize.busy}
            error={resize.error}
            submitLabel={t('schedule.changeLength')}
          >
            <Select
              label={t('schedule.milestone')}
              value={lengthOf}
              options={options}
              onValue={setLengthOf}
              placeholder={t('schedule.choose')}
              required
            />
            <Field
              label={t('schedule.lengthDays')}
              type="number"
              min="0"
              max="250"
              required
              value={days}
              onValue={setDays}
            />
          </Form>
          <Form
            label={t('schedule.removeMilestone')}
            onSubmit={() => remove.act()}
            busy={remove.busy}
            error={remove.error}
            submitLabel={t('schedule.removeMilestone')}
          >
            <Select
              label={t('schedule.milestone')}
              value={removing}
              options={options}
              onValue={setRemoving}
              placeholder={t('schedule.choose')}
              required
            />
          </Form>
        </>
      )}
      <Form
        label={t('schedule.addMilestone')}
        onSubmit={() => add.act()}
        busy={add.busy}
        error={add.error}
        submitLabel={t('schedule.addMilestone')}
      >
        <Field label={t('schedule.milestoneName')} required maxLength={120} value={name} onValue={setName} />
        <Select
          label={t('schedule.department')}
          value={department}
          options={departmentsList.map((d) => ({ value: d, label: t(`departments.${d}`) }))}
          onValue={setDepartment}
          placeholder={t('schedule.choose')}
          required
        />
        <Field
          label={t('schedule.lengthDays')}
          type="number"
          min="0"
          max="250"
          required
          value={newDays}
          onValue={setNewDays}
        />
        <Select
          label={t('schedule.startsAfter')}
          value={after}
          options={schedule.milestones.map((m) => ({ value: m.milestoneId, label: milestoneName(m) }))}
          onValue={setAfter}
          placeholder={t('schedule.afterNone')}
        />
      </Form>
    </Section>
  );
}

function ScheduleView(props: { job: Schemas['Job']; schedule: Schedule; reload: () => void }) {
  const { job, schedule } = props;
  const jobId = job.jobId;
  const [pending, setPending] = useState<PendingMove>();
  const [message, setMessage] = useState<string>();
  const [changes, setChanges] = useState(0);
  const preview = useAction(async (milestone: Milestone, start: string) => {
    setMessage(undefined);
    const result = await must(
      api.POST('/jobs/{jobId}/schedule/preview', {
        params: { path: { jobId } },
        body: { moves: [{ milestoneId: milestone.milestoneId, start }] },
      }),
    );
    setPending({ milestone, start, result });
  });
  // Whoever sees the job may see what a move would do: those who may move save it, others propose it.
  const canMoveOrPropose = (m: Milestone) => m.status !== 'done' && !m.link;
  return (
    <>
      <Section title={t('schedule.summary')} id="summary">
        <Facts
          rows={[
            [t('schedule.start'), formats.date(schedule.startDate)],
            [t('schedule.end'), formats.date(schedule.endDate)],
            [
              t('schedule.baselineEnd'),
              schedule.baseline ? (
                <span key="b">
                  {formats.date(schedule.baseline.endDate)} ·{' '}
                  {t('schedule.timetableVersion', {
                    n: schedule.baseline.timetableVersion,
                    end: formats.date(schedule.baseline.endDate),
                  })}
                  {schedule.baseline.slipDays !== 0 && (
                    <Badge tone={schedule.baseline.slipDays > 0 ? 'bad' : 'good'}>
                      {t('schedule.slip', { count: schedule.baseline.slipDays })}
                    </Badge>
                  )}
                </span>
              ) : (
                t('schedule.noBaseline')
              ),
            ],
            [
              t('schedule.waiting'),
              t('schedule.waitingDays', {
                client: schedule.waiting.clientDays,
                agency: schedule.waiting.agencyDays,
              }),
            ],
            [t('schedule.timeZone'), schedule.timeZone],
          ]}
        />
        {!schedule.tasksUpToDate && <Notice>{t('schedule.tasksCatchingUp')}</Notice>}
      </Section>
      <Section title={t('schedule.chart')} id="chart">
        <p class="muted">{schedule.allowed?.move ? t('schedule.dragHint') : t('schedule.dragHintPropose')}</p>
        <Gantt
          schedule={schedule}
          preview={pending?.result.schedule}
          canDrag={canMoveOrPropose}
          onDrop={(m, start) => void preview.act(m, start)}
        />
      </Section>
      {message && <Notice>{message}</Notice>}
      {preview.error !== undefined && <ProblemView error={preview.error} />}
      {pending && (
        <MovePreview
          jobId={jobId}
          schedule={schedule}
          pending={pending}
          onCancel={() => setPending(undefined)}
          onDone={(words) => {
            setPending(undefined);
            setMessage(words);
            setChanges((n) => n + 1);
            props.reload();
          }}
        />
      )}
      <Section title={t('schedule.milestones')} id="milestones">
        <MilestoneTable
          schedule={schedule}
          jobId={jobId}
          canMoveOrPropose={canMoveOrPropose}
          previewing={preview.busy}
          onPreview={(m, start) => void preview.act(m, start)}
          onChanged={props.reload}
        />
      </Section>
      {schedule.allowed?.reshape && (
        <Reshape
          job={job}
          schedule={schedule}
          onDone={(words) => {
            setMessage(words);
            props.reload();
          }}
        />
      )}
      <Proposals jobId={jobId} schedule={schedule} changes={changes} onChanged={props.reload} />
      <Timetable jobId={jobId} schedule={schedule} />
    </>
  );
}

/** A job's schedule: the Gantt chart, moves with their preview, proposals, the timetable for the client. */
export function ScheduleScreen(props: { params: { jobId: string } }) {
  const { jobId } = props.params;
  const load = useLoad(async () => {
    const job = await must(api.GET('/jobs/{jobId}', { params: { path: { jobId } } }));
    try {
      return {
        job,
        schedule: await must(api.GET('/jobs/{jobId}/schedule', { params: { path: { jobId } } })),
      };
    } catch (error) {
      // The job is there (it was just read): a 404 here means no schedule has been drawn up yet.
      if (error instanceof ApiProblem && error.status === 404) return { job, schedule: undefined };
      throw error;
    }
  }, [jobId]);
  const [adding, setAdding] = useState(false);
  return (
    <Async load={load}>
      {({ job, schedule }) => (
        <Page
          title={t('schedule.title', { job: job.jobNumber })}
          subtitle={`${job.title}`}
          actions={<a href={`/jobs/${jobId}`}>{t('schedule.backToJob')}</a>}
        >
          {schedule ? (
            <ScheduleView job={job} schedule={schedule} reload={load.reload} />
          ) : (
            <Section title={t('schedule.none')} id="draw-up">
              <Empty>{t('schedule.noneYet')}</Empty>
              <Disclosure label={t('schedule.drawUp')} open={adding} onToggle={setAdding}>
                <DrawUp jobId={jobId} onDrawn={load.reload} />
              </Disclosure>
            </Section>
          )}
        </Page>
      )}
    </Async>
  );
}
