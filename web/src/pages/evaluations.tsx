import { useState } from 'preact/hooks';
import { api, idempotencyKey, ifMatch, must, type Schemas } from '../api/client';
import { formats, t } from '../i18n';
import { useApp } from '../ui/app-context';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Badge, Empty, Field, Form, Page, Section, TextArea } from '../ui/kit';

type Evaluation = Schemas['StaffEvaluation'];
type Rating = Evaluation['ratings'][number];

/** The form of a draft: a rating and comment per criterion of the role's form, a summary and goals. */
function DraftForm(props: {
  staffId: string;
  name: string;
  evaluation: Evaluation;
  criteria: { key: string }[];
  onSaved: () => void;
}) {
  const e = props.evaluation;
  const [ratings, setRatings] = useState<Record<string, Rating>>(
    Object.fromEntries(e.ratings.map((r) => [r.criterion, r])),
  );
  const [summary, setSummary] = useState(e.summary ?? '');
  const [goals, setGoals] = useState(e.goals ?? '');
  const path = { staffId: props.staffId, period: e.period };
  const save = useAction(async () => {
    await must(
      api.PATCH('/staff/{staffId}/evaluations/{period}', {
        params: { path, header: ifMatch(e.version) },
        body: {
          ratings: Object.values(ratings).map((r) => ({
            criterion: r.criterion,
            rating: r.rating,
            ...(r.comment ? { comment: r.comment } : {}),
          })),
          ...(summary ? { summary } : {}),
          ...(goals ? { goals } : {}),
        },
      }),
    );
    props.onSaved();
  });
  const submit = useAction(async () => {
    await must(api.POST('/staff/{staffId}/evaluations/{period}/submit', { params: { path } }));
    props.onSaved();
  });
  const setRating = (criterion: string, change: Partial<Rating>) =>
    setRatings((all) => ({ ...all, [criterion]: { criterion, rating: 3, ...all[criterion], ...change } }));
  return (
    <>
      <Form
        label={t('book.evaluations.save')}
        onSubmit={() => save.act()}
        busy={save.busy}
        error={save.error}
        submitLabel={t('book.evaluations.save')}
      >
        {props.criteria.map((c) => (
          <fieldset key={c.key} class="criterion">
            <legend>{t(`book.criteria.${c.key}` as 'book.criteria.deadlines')}</legend>
            <Field
              label={t('book.evaluations.rating')}
              type="number"
              min={1}
              max={5}
              value={ratings[c.key]?.rating ?? ''}
              onValue={(v) => setRating(c.key, { rating: Number(v) })}
            />
            <Field
              label={t('book.evaluations.comment')}
              value={ratings[c.key]?.comment ?? ''}
              onValue={(comment) => setRating(c.key, { comment })}
            />
          </fieldset>
        ))}
        <TextArea label={t('book.evaluations.summary')} value={summary} onValue={setSummary} />
        <TextArea label={t('book.evaluations.goals')} value={goals} onValue={setGoals} />
      </Form>
      <Form
        label={t('book.evaluations.submit', { name: props.name })}
        onSubmit={() => submit.act()}
        busy={submit.busy}
        error={submit.error}
        submitLabel={t('book.evaluations.submit', { name: props.name })}
      >
        {null}
      </Form>
    </>
  );
}

const directors = new Set(['account_director', 'group_account_director', 'head_of_accounts']);

/**
 * An account director's answer to an account manager's review of an AE or AAE: concur (it is
 * shared with the person) or send it back with a comment (the API checks the director is up the line).
 */
function Concurrence(props: { staffId: string; evaluation: Evaluation; onChanged: () => void }) {
  const e = props.evaluation;
  const [comment, setComment] = useState('');
  const answer = useAction(async (decision: 'concur' | 'send_back') => {
    await must(
      api.POST('/staff/{staffId}/evaluations/{period}/concurrence', {
        params: { path: { staffId: props.staffId, period: e.period }, header: ifMatch(e.version) },
        body: { decision, ...(comment ? { comment } : {}) },
      }),
    );
    props.onChanged();
  });
  return (
    <Form
      label={t('book.evaluations.concur')}
      onSubmit={() => answer.act('concur')}
      busy={answer.busy}
      error={answer.error}
      submitLabel={t('book.evaluations.concur')}
    >
      <TextArea label={t('book.evaluations.concurrenceComment')} value={comment} onValue={setComment} />
      <button type="button" disabled={answer.busy} onClick={() => answer.act('send_back')}>
        {t('book.evaluations.sendBack')}
      </button>
    </Form>
  );
}

function EvaluationView(props: {
  staffId: string;
  name: string;
  evaluation: Evaluation;
  criteria: { key: string }[];
  onChanged: () => void;
}) {
  const { me } = useApp();
  const e = props.evaluation;
  const [comment, setComment] = useState('');
  const acknowledge = useAction(async () => {
    await must(
      api.POST('/staff/{staffId}/evaluations/{period}/acknowledge', {
        params: { path: { staffId: props.staffId, period: e.period } },
        body: comment ? { comment } : {},
      }),
    );
    props.onChanged();
  });
  return (
    <Section
      title={`${t('book.evaluations.period')} ${e.period}`}
      id={`evaluation-${e.period}`}
      actions={<Badge>{t(`book.evaluations.${e.status}`)}</Badge>}
    >
      {e.status === 'draft' && e.evaluatorId === me.staffId ? (
        <DraftForm
          staffId={props.staffId}
          name={props.name}
          evaluation={e}
          criteria={props.criteria}
          onSaved={props.onChanged}
        />
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('book.evaluations.criterion')}</th>
                <th scope="col">{t('book.evaluations.rating')}</th>
                <th scope="col">{t('book.evaluations.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {e.ratings.map((r) => (
                <tr key={r.criterion}>
                  <td>{t(`book.criteria.${r.criterion}` as 'book.criteria.deadlines')}</td>
                  <td>{formats.number(r.rating)}</td>
                  <td>{r.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {e.summary && <p>{e.summary}</p>}
          {e.goals && (
            <p>
              <strong>{t('book.evaluations.goals')}</strong> {e.goals}
            </p>
          )}
          {e.acknowledgement && (
            <p>
              <strong>{t('book.evaluations.theirComment')}</strong> {e.acknowledgement}
            </p>
          )}
        </>
      )}
      {e.concurrence && (
        <p>
          <strong>
            {t(`book.evaluations.concurrence.${e.concurrence.decision}`, {
              date: formats.dateTime(e.concurrence.at),
            })}
          </strong>{' '}
          {e.concurrence.comment ?? ''}
        </p>
      )}
      {e.status === 'awaiting_concurrence' && e.evaluatorId !== me.staffId && directors.has(me.role) && (
        <Concurrence staffId={props.staffId} evaluation={e} onChanged={props.onChanged} />
      )}
      {e.status === 'submitted' && props.staffId === me.staffId && (
        <Form
          label={t('book.evaluations.acknowledge')}
          onSubmit={() => acknowledge.act()}
          busy={acknowledge.busy}
          error={acknowledge.error}
          submitLabel={t('book.evaluations.acknowledge')}
        >
          <TextArea label={t('book.evaluations.acknowledgement')} value={comment} onValue={setComment} />
        </Form>
      )}
    </Section>
  );
}

/** A person's evaluations: theirs to read and acknowledge, their managers' to write (the API decides who sees them). */
export function EvaluationsScreen(props: { params: { staffId: string } }) {
  const { staffId } = props.params;
  const load = useLoad(async () => {
    const [person, list, forms] = await Promise.all([
      must(api.GET('/staff/{staffId}', { params: { path: { staffId } } })),
      must(api.GET('/staff/{staffId}/evaluations', { params: { path: { staffId } } })).catch(() => ({
        items: [] as Evaluation[],
      })),
      must(api.GET('/evaluation-forms')),
    ]);
    return { person, list: list.items, forms };
  }, [staffId]);
  const [period, setPeriod] = useState('');
  const start = useAction(async (current: string) => {
    await must(
      api.POST('/staff/{staffId}/evaluations', {
        params: { path: { staffId }, header: idempotencyKey() },
        body: { period: period || current, ratings: [] },
      }),
    );
    load.reload();
  });
  return (
    <Async load={load}>
      {({ person, list, forms }) => {
        const criteria = forms.forms.find((f) => f.role === person.role)?.criteria ?? [];
        return (
          <Page
            title={t('book.evaluations.title', { name: person.name })}
            subtitle={t('book.evaluations.subtitle')}
          >
            {list.length === 0 && <Empty>{t('book.evaluations.none')}</Empty>}
            {list.map((e) => (
              <EvaluationView
                key={e.period}
                staffId={staffId}
                name={person.name}
                evaluation={e}
                criteria={criteria}
                onChanged={load.reload}
              />
            ))}
            {criteria.length > 0 && (
              <Section title={t('book.evaluations.start')}>
                <Form
                  label={t('book.evaluations.start')}
                  onSubmit={() => start.act(forms.currentPeriod)}
                  busy={start.busy}
                  error={start.error}
                  submitLabel={t('book.evaluations.start')}
                >
                  <Field
                    label={t('book.evaluations.period')}
                    value={period || forms.currentPeriod}
                    onValue={setPeriod}
                    maxLength={7}
                  />
                </Form>
              </Section>
            )}
          </Page>
        );
      }}
    </Async>
  );
}
