/**
 * The local Step Functions clock: every deadline the local endpoint owns (Wait states, a
 * task's `TimeoutSeconds` / `HeartbeatSeconds`, an execution's top-level `TimeoutSeconds`)
 * is a timer on this clock, never a bare `setTimeout`.
 *
 * Why a clock with an offset (and not a `timeScale`): a test (or `POST /_local/clock`) calls
 * `advance(ms)` to move "now" forward; every timer whose deadline has passed fires at once, in
 * deadline order, and later timers still fire at their (shifted) real time. A 3-day approval
 * timeout is then one call, not 3 days, and nothing else in the process is slowed down or
 * sped up. Handlers' own `Date.now()` is NOT shifted: the clock only drives Step Functions
 * deadlines. (Retry intervals are waited by the interpreter itself in real time; give
 * `retryIntervalOverrides` to shorten them.)
 */

const MAX_TIMER_MS = 2_147_483_647; // setTimeout's limit (~24.8 days): longer waits re-arm.

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
  /** The execution the deadline belongs to, so one execution can be fast-forwarded alone. */
  owner?: string;
  handle?: NodeJS.Timeout;
}

export class ClockAbortedError extends Error {
  constructor() {
    super('The wait was cancelled');
    this.name = 'ClockAbortedError';
  }
}

export class LocalClock {
  private offsetMs = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  /** Milliseconds since the epoch, as the local Step Functions endpoint sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far `advance` has moved this clock ahead of real time. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Number of pending deadlines (tests use it to know a task is waiting). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves "now" forward by `ms` and fires every timer now due (in deadline order). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance expects ms >= 0, got ${ms}`);
    this.offsetMs += ms;
    const due = [...this.timers]
      .filter((t) => t.due <= this.now())
      .sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const timer of due) this.fireTimer(timer);
    for (const timer of this.timers) this.arm(timer);
  }

  /**
   * Fires, in deadline order, every timer of `owner` due within `ms` from now, without moving
   * the clock: tests sharing one endpoint fast-forward their own execution and nobody else's.
   * Returns how many fired.
   */
  fireDue(owner: string, ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`fireDue expects ms >= 0, got ${ms}`);
    const horizon = this.now() + ms;
    const due = [...this.timers]
      .filter((t) => t.owner === owner && t.due <= horizon)
      .sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const timer of due) this.fireTimer(timer);
    return due.length;
  }

  /** Calls `fire` once `ms` have passed on this clock; returns a cancel function. */
  schedule(ms: number, fire: () => void, owner?: string): () => void {
    const timer: Timer = { due: this.now() + Math.max(0, ms), seq: this.seq++, fire, owner };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms` on this clock; rejects with `ClockAbortedError` when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal, owner?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new ClockAbortedError());
      const onAbort = () => {
        cancel();
        reject(new ClockAbortedError());
      };
      const cancel = this.schedule(
        ms,
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        owner,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Cancels every pending timer (on stop). Their promises never settle; owners reject them. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer.handle);
    this.timers.clear();
  }

  private fireTimer(timer: Timer): void {
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer.handle);
    timer.fire();
  }

  private arm(timer: Timer): void {
    clearTimeout(timer.handle);
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, timer.due - this.now()));
    timer.handle = setTimeout(() => {
      if (timer.due <= this.now()) this.fireTimer(timer);
      else this.arm(timer);
    }, wait);
    // The endpoint's HTTP server keeps `npm start` alive; pending deadlines must not keep a
    // test process alive after the service stopped.
    timer.handle.unref();
  }
}
