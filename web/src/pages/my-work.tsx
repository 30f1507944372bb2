import { useState } from 'preact/hooks';
import { allPages, api, must, type Schemas } from '../api/client';
import { formats, t, weekLabel } from '../i18n';
import { useApp } from '../ui/app-context';
import { useLoad } from '../ui/hooks';
import { Async, Empty, Notice, Page, Section, Table } from '../ui/kit';
import { Deadline, DecisionForm, StatusBadge, SubjectPreview } from './parts';

type WorkItem = Schemas['WorkItem'];
type Task = Schemas['Task'];
const urgencies = ['overdue', 'today', 'this_week', 'later'] as const;

/**
 * Where a task is handled in the console: an approval's page, the milestone on its job's
 * schedule, an agreed action where it was set (a contact report), or the changes a client asked
 * for on the subject's approval chain, where its new version is uploaded (the console's route is
 * the API's path).
 */
const taskHref = (task: Task) =>
  task.kind === 'approval' && task.approvalId
    ? `/approvals/${task.approvalId}`
    : (task.kind === 'action' || task.kind === 'revision') && task.path
      ? task.path
      : `/jobs/${task.jobId}/schedule`;

/** Tasks by urgency, as the API sorts them, each linked to where it is handled. */
export function TaskList(props: { tasks: Task[]; empty: string }) {
  const { tasks } = props;
  if (tasks.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <>
      {urgencies.map((urgency) => {
        const group = tasks.filter((task) => task.urgency === urgency);
        if (group.length === 0) return null;
        return (
          <div key={urgency} class="task-group">
            <h3>{t(`urgencies.${urgency}`, { count: group.length })}</h3>
            <ul class="list tasks">
              {group.map((task) => (
                <li
                  key={`${task.kind}-${task.approvalId ?? task.actionId ?? `${task.jobId}-${task.milestoneId}`}`}
                >
                  <a href={taskHref(task)}>{task.title}</a>{' '}
                  <span class="muted">
                    · {t(`taskKinds.${task.kind}`)} · {task.clientName} · {task.jobNumber}
                  </span>
                  <div class={task.overdueDays > 0 ? 'overdue' : 'muted'}>
                    {t('myWork.taskDue', { date: formats.date(task.due) })}
                    {task.overdueDays > 0 && <> · {t('schedule.overdue', { count: task.overdueDays })}</>}
                    {task.critical && <> · {t('schedule.critical')}</>}
                  </div>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

/** My milestones by urgency (the approvals among my tasks are listed below, each with its decisions). */
function Tasks() {
  const load = useLoad(
    () =>
      allPages(
        (nextToken) => must(api.GET('/me/tasks', { params: { query: { limit: 100, nextToken } } })),
        300,
      ),
    [],
  );
  return (
    <Section title={t('myWork.tasks')} id="tasks">
      <Async load={load}>
        {(tasks) => (
          <TaskList tasks={tasks.filter((task) => task.kind !== 'approval')} empty={t('myWork.noTasks')} />
        )}
      </Async>
    </Section>
  );
}

/** One approval waiting for me: what, for whom, by when; opens in place with the file and the decisions. */
function WorkRow(props: { item: WorkItem; onDecided: (item: WorkItem, decision: string) => void }) {
  const [open, setOpen] = useState(false);
  const a = props.item;
  const panel = `panel-${a.approvalId}`;
  return (
    <li class="work-item">
      <div class="work-summary">
        <div>
          <a href={`/approvals/${a.approvalId}`} class="work-title">
            {a.subject.title || t(`subjects.${a.subjectType}`)} · v{a.file.draftVersion}
          </a>
          <div class="muted">
            {t(`subjects.${a.subjectType}`)} · {t(`stages.${a.stage}`)} · {a.subject.clientName}
            {a.subject.jobNumber && <> · {a.subject.jobNumber}</>}
          </div>
        </div>
        <div class="work-deadline">
          <Deadline at={a.deadline} />
        </div>
        <button type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
          {open ? t('myWork.close') : t('myWork.review')}
        </button>
      </div>
      {open && (
        <div id={panel} class="work-panel">
          {a.subject.message && <blockquote>{a.subject.message}</blockquote>}
          <SubjectPreview
            subjectType={a.subjectType}
            subjectId={a.subjectId}
            draftId={a.draftId}
            planId={a.planId}
            briefId={a.briefId}
            version={a.file.draftVersion}
          />
          <DecisionForm approvalId={a.approvalId} onDecided={(d) => props.onDecided(a, d)} />
        </div>
      )}
    </li>
  );
}

/** The weeks the reader's direct reports submitted: a line manager sees them where the day starts. */
function TimesheetsWaiting() {
  const load = useLoad(() => must(api.GET('/me/timesheet-approvals')), []);
  if (load.state !== 'ready' || load.data.items.length === 0) return null;
  return (
    <Section
      title={t('myWork.timesheets')}
      id="timesheets"
      actions={<a href="/timesheets/approvals">{t('myWork.openTimesheets')}</a>}
    >
      <ul class="plain">
        {load.data.items.map((sheet) => (
          <li key={`${sheet.staffId}-${sheet.week}`}>
            {sheet.staffName ?? '—'} · {weekLabel(sheet.week)} ·{' '}
            {t('time.totalHours', { hours: formats.number(sheet.totalMinutes / 60) })}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * What waits on my decision in billing and cost (the API decides by role): invoices above their
 * client's approval threshold, reviewed by the AE, and suppliers proposed. Estimates wait among
 * the approvals.
 */
function BillingDecisions() {
  const load = useLoad(() => must(api.GET('/me/billing-decisions')), []);
  if (load.state !== 'ready') return null;
  const { invoices, vendors } = load.data;
  if (invoices.length === 0 && vendors.length === 0) return null;
  return (
    <Section title={t('myWork.billing')} id="billing-decisions">
      {invoices.length > 0 && (
        <>
          <h3>{t('myWork.invoicesToApprove', { count: invoices.length })}</h3>
          <ul class="list">
            {invoices.map(({ clientName, invoice }) => (
              <li key={invoice.invoiceId}>
                <a href={`/invoices/${invoice.invoiceId}`}>
                  {t(invoice.kind === 'invoice' ? 'billing.draftInvoice' : 'billing.draftCreditNote')} ·{' '}
                  {clientName}
                </a>{' '}
                · {formats.money(invoice.total)}
              </li>
            ))}
          </ul>
        </>
      )}
      {vendors.length > 0 && (
        <>
          <h3>{t('myWork.suppliersToApprove', { count: vendors.length })}</h3>
          <ul class="list">
            {vendors.map((v) => (
              <li key={v.vendorId}>
                <a href="/vendors">{v.name}</a> ·{' '}
                {v.categories.map((c) => t(`spend.category.${c}`)).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function MyWork() {
  const { me } = useApp();
  const [decided, setDecided] = useState<{ id: string; title: string; decision: string }[]>([]);
  const approvals = useLoad(
    () =>
      allPages((nextToken) =>
        must(api.GET('/me/approvals', { params: { query: { status: 'pending', limit: 100, nextToken } } })),
      ),
    [],
  );
  const jobs = useLoad(
    () => must(api.GET('/jobs', { params: { query: { ownerId: me.staffId, limit: 50 } } })),
    [me.staffId],
  );
  const live = (j: Schemas['Job']) => j.status !== 'completed' && j.status !== 'cancelled';
  return (
    <Page title={t('myWork.title')} subtitle={t('myWork.subtitle', { name: me.name })}>
      <Tasks />
      <Section title={t('myWork.approvals')} id="approvals">
        {decided.map((d) => (
          <Notice key={d.id}>
            {t('myWork.decided', {
              title: d.title,
              decision: t(`status.${d.decision}` as 'status.approve'),
            })}
          </Notice>
        ))}
        <Async load={approvals}>
          {(items) => {
            const waiting = items.filter((a) => !decided.some((d) => d.id === a.approvalId));
            if (waiting.length === 0) return <Empty>{t('myWork.noApprovals')}</Empty>;
            return (
              <>
                <p class="muted">{t('myWork.waitingCount', { count: waiting.length })}</p>
                <ul class="work-list">
                  {waiting.map((item) => (
                    <WorkRow
                      key={item.approvalId}
                      item={item}
                      onDecided={(a, decision) =>
                        setDecided((list) => [
                          ...list,
                          { id: a.approvalId, title: a.subject.title, decision },
                        ])
                      }
                    />
                  ))}
                </ul>
              </>
            );
          }}
        </Async>
      </Section>
      <BillingDecisions />
      <TimesheetsWaiting />
      <Section title={t('myWork.myJobs')} id="my-jobs">
        <Async load={jobs}>
          {(page) => (
            <Table
              rows={page.items.filter(live)}
              columns={[t('jobs.number'), t('jobs.titleLabel'), t('jobs.status'), t('jobs.due')]}
              empty={t('myWork.noJobs')}
            >
              {(j) => (
                <tr key={j.jobId}>
                  <td>
                    <a href={`/jobs/${j.jobId}`}>{j.jobNumber}</a>
                  </td>
                  <td>{j.title}</td>
                  <td>
                    <StatusBadge group="status" value={j.status} />
                  </td>
                  <td>{j.dueDate ? formats.date(j.dueDate) : '—'}</td>
                </tr>
              )}
            </Table>
          )}
        </Async>
      </Section>
    </Page>
  );
}
