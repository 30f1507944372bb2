import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; data: T };

/** Loads data for a screen; `reload` fetches again (after a change). A stale answer never wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult((previous) => (previous.state === 'ready' && round > 0 ? previous : { state: 'loading' }));
    load().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}

/** A change a person makes (a form, a button): busy while it runs, its problem kept to show. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const act = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await run(...args);
    } catch (e) {
      if (mounted.current) setError(e);
      return undefined;
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  return { act, busy, error, clearError: () => setError(undefined) };
}

/** A form's fields as typed; `bind(name)` gives a field its value and the way to change it. */
export function useDraft<D extends object>(initial: D | (() => D)) {
  const [draft, setDraft] = useState<D>(initial);
  const bind = <K extends keyof D>(field: K) => ({
    value: draft[field],
    onValue: (value: D[K]) => setDraft({ ...draft, [field]: value }),
  });
  return { draft, setDraft, bind };
}

/**
 * Follows what the server finishes after answering (minutes a workflow emails): once `follow()` is
 * called, reloads every `everyMs` while `underWay` says the loaded data is still under way, at most
 * `times` times, so the screen reaches the outcome without the page being reloaded. `waiting` is
 * true while it follows; after the last try the screen shows what stands then.
 */
export function useFollow<T>(
  loaded: Loaded<T> & { reload: () => void },
  underWay: (data: T) => boolean,
  times = 30,
  everyMs = 1000,
) {
  const [left, setLeft] = useState(0);
  const data = loaded.state === 'ready' ? loaded.data : undefined;
  const pending = data !== undefined && underWay(data);
  useEffect(() => {
    if (left <= 0 || !pending) return;
    const timer = setTimeout(() => {
      setLeft((n) => n - 1);
      loaded.reload();
    }, everyMs);
    return () => clearTimeout(timer);
  }, [left, data]);
  return { follow: () => setLeft(times), waiting: left > 0 && pending };
}
