import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from '../api/client';
import { t } from '../i18n';
import { useApp } from './app-context';
import type { Loaded } from './hooks';

export function Page(props: {
  title: string;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new screen announces itself: focus moves to its heading (screen readers read it).
  useEffect(() => {
    heading.current?.focus();
    document.title = `${props.title} · Account Desk`;
  }, [props.title]);
  return (
    <>
      <header class="page-header">
        <div>
          <h1 tabIndex={-1} ref={heading}>
            {props.title}
          </h1>
          {props.subtitle && <p class="subtitle">{props.subtitle}</p>}
        </div>
        {props.actions && <div class="actions">{props.actions}</div>}
      </header>
      {props.children}
    </>
  );
}

export function Section(props: {
  title: string;
  id?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const id = props.id ?? `s-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <div class="section-header">
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? t('common.loading')}
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

/** A problem in plain words: the trade's words for what happened, and what the API said about each field. */
export function problemWords(
  error: unknown,
  role?: string,
): { title: string; detail?: string; fields: string[] } {
  if (!(error instanceof ApiProblem))
    return { title: t('problems.unexpected'), detail: String(error), fields: [] };
  const { status, problem } = error;
  if (status === 0) return { title: t('problems.network'), fields: [] };
  const code = problem.code ?? '';
  const known = t(`problems.codes.${code}` as 'problems.codes.not_found', { defaultValue: '' });
  const title = t(`problems.status.${status}` as 'problems.status.400', {
    defaultValue: t('problems.status.other'),
  });
  // A refusal by role is said in the trade's words, never as the permission's code.
  const detail =
    status === 403
      ? t('problems.forbidden', { role: role ? t(`roles.${role}` as 'roles.account_rep') : '' })
      : known || problem.detail;
  // A field's message already said as the detail is not said again under its field's path.
  const fields = (problem.errors ?? [])
    .filter((e) => e.message !== detail)
    .map((e) => {
      const name = e.field.split('.').slice(1).join(' › ') || e.field;
      return `${name}: ${e.message}`;
    });
  return { title, detail, fields };
}

export function ProblemView(props: { error: unknown }) {
  let role: string | undefined;
  try {
    role = useApp().me.role;
  } catch {
    role = undefined;
  }
  const words = problemWords(props.error, role);
  return (
    <div class="problem" role="alert">
      <strong>{words.title}</strong>
      {words.detail && <p>{words.detail}</p>}
      {words.fields.length > 0 && (
        <ul>
          {words.fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loading, error or the content of a load. */
export function Async<T>(props: { load: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (props.load.state === 'loading') return <Loading />;
  if (props.load.state === 'error') return <ProblemView error={props.load.error} />;
  return <>{props.children(props.load.data)}</>;
}

/** A column's heading: its words, or with `num` for a column of numbers, `hidden` for one named to screen readers only (a column of buttons). */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** Rows in a table in its scrolling frame (`foot`: its totals), or `empty`'s words when there are none; a column given as `false` is left out. */
export function Table<R>(props: {
  rows: R[];
  columns: (Column | false)[];
  empty?: ComponentChildren;
  caption?: ComponentChildren;
  hiddenCaption?: boolean;
  class?: string;
  foot?: ComponentChildren;
  children: (row: R) => ComponentChildren;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <Empty>{props.empty}</Empty>;
  return (
    <div class="table-wrap">
      <table class={props.class}>
        {props.caption !== undefined && (
          <caption class={props.hiddenCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
        )}
        <thead>
          <tr>
            {props.columns.map((column) => {
              if (column === false) return null;
              const { label, num, hidden } = typeof column === 'string' ? { label: column } : column;
              return (
                <th scope="col" key={label} class={num ? 'num' : undefined}>
                  {hidden ? <span class="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{props.rows.map(props.children)}</tbody>
        {props.foot !== undefined && <tfoot>{props.foot}</tfoot>}
      </table>
    </div>
  );
}

export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {props.children}
    </p>
  );
}

export function Badge(props: { tone?: 'good' | 'bad' | 'warn' | 'neutral'; children: ComponentChildren }) {
  return <span class={`badge ${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

let fieldCounter = 0;
const useFieldId = () => {
  const id = useRef<string>();
  id.current ??= `f${++fieldCounter}`;
  return id.current;
};

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'value'> & {
  label: string;
  hint?: string;
  value?: string | number;
  onValue?: (value: string) => void;
};

export function Field({ label, hint, onValue, ...input }: InputProps) {
  const id = useFieldId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
        onInput={(e) => onValue?.((e.target as HTMLInputElement).value)}
      />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function TextArea(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}) {
  const id = useFieldId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        required={props.required}
        maxLength={props.maxLength}
        value={props.value}
        onInput={(e) => props.onValue((e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export function Select<V extends string>(props: {
  label: string;
  value: V | '';
  options: { value: V; label: string }[];
  onValue: (value: V) => void;
  required?: boolean;
  placeholder?: string;
}) {
  const id = useFieldId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        required={props.required}
        onChange={(e) => props.onValue((e.target as HTMLSelectElement).value as V)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkboxes<V extends string>(props: {
  legend: string;
  options: { value: V; label: string }[];
  value: V[];
  onValue: (value: V[]) => void;
}) {
  return (
    <fieldset class="checkboxes">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={props.value.includes(o.value)}
            onChange={(e) =>
              props.onValue(
                (e.target as HTMLInputElement).checked
                  ? [...props.value, o.value]
                  : props.value.filter((v) => v !== o.value),
              )
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Progress(props: { fraction: number; label: string }) {
  return (
    <div class="progress">
      <progress max={100} value={Math.round(props.fraction * 100)} aria-label={props.label} />
      <span>{Math.round(props.fraction * 100)}%</span>
    </div>
  );
}

/** A form whose submit runs an action; its problem is shown under it. */
export function Form(props: {
  label: string;
  onSubmit: () => unknown;
  busy?: boolean;
  error?: unknown;
  submitLabel: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form
      class={`form ${props.class ?? ''}`}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
    >
      {props.children}
      {props.error !== undefined && <ProblemView error={props.error} />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? t('common.working') : props.submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A section that opens a form on demand (the button keeps focus order natural). */
export function Disclosure(props: {
  label: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ComponentChildren;
}) {
  return (
    <div class="disclosure">
      <button type="button" aria-expanded={props.open} onClick={() => props.onToggle(!props.open)}>
        {props.label}
      </button>
      {props.open && <div class="disclosure-body">{props.children}</div>}
    </div>
  );
}

export function Tabs<K extends string>(props: {
  label: string;
  tabs: { key: K; label: string }[];
  current: K;
  onSelect: (key: K) => void;
}) {
  return (
    <nav class="tabs" aria-label={props.label}>
      {props.tabs.map((tab) => (
        <button
          type="button"
          key={tab.key}
          aria-current={tab.key === props.current ? 'page' : undefined}
          onClick={() => props.onSelect(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}

export function Facts(props: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {props.rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
