/**
 * The local Step Functions clock: every deadline the local endpoint owns (Wait states, a
 * task's `TimeoutSeconds` / `HeartbeatSeconds`, an execution's top-level `TimeoutSeconds`)
 * is a timer on this clock, never a bare `setTimeout`.
 *
 * Why a clock with an offset (and not a `timeScale`): a test (or `POST /_local/clock`) calls
 * `advance(ms)` to move "now" forward; every timer whose deadline has passed fires at once, in
 * deadline order, and later timers still fire at their (shifted) real time. A 3-day approval
 * timeout is then one call, not 3 days, and nothing else in the process is slowed down or
 * sped up.
 *
 * Owners: each timer belongs to an owner (an execution ARN, a schedule). `advance(ms, owner)`
 * moves only that owner's clock — its timers fire as they come due on it, and it sees "now"
 * that much later (`now(owner)`: an execution's states are entered, and its history stamped, at
 * its own time) — so tests sharing one endpoint fast-forward their own execution and nobody
 * else's, and successive calls add up. Handlers' own `Date.now()` is NOT shifted: workflow tasks
 * take their "now" from their state's entered time. (Retry intervals are waited by the
 * interpreter itself in real time; give `retryIntervalOverrides` to shorten them.)
 */

const MAX_TIMER_MS = 2_147_483_647; // setTimeout's limit (~24.8 days): longer waits re-arm.

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
  /** Whose deadline it is (an execution ARN, a schedule): its `due` is on that owner's clock. */
  owner?: string;
  /** An outer limit (an execution's timeout), not a next step: `advanceToNext` passes it by. */
  limit?: boolean;
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
  /** How far each owner's own clock runs ahead of the shared one. */
  private readonly ownerOffsets = new Map<string, number>();

  /** Milliseconds since the epoch, as the local endpoint sees it (for `owner`: on its own clock). */
  now(owner?: string): number {
    return Date.now() + this.offsetMs + (owner === undefined ? 0 : (this.ownerOffsets.get(owner) ?? 0));
  }

  /** How far `advance` has moved this clock ahead of real time. */
  get offset(): number {
    return this.offsetMs;
  }

  /** How far `advance(ms, owner)` has moved an owner's clock ahead of the shared one. */
  offsetOf(owner: string): number {
    return this.ownerOffsets.get(owner) ?? 0;
  }

  /** Sets the offsets a restarted runner had (they are persisted with its executions). */
  restore(offsetMs: number, owners: Record<string, number> = {}): void {
    this.offsetMs = offsetMs;
    for (const [owner, offset] of Object.entries(owners)) this.ownerOffsets.set(owner, offset);
    for (const timer of this.timers) this.arm(timer);
  }

  /** Drops an owner's own offset (a closed execution needs none). */
  forget(owner: string): void {
    this.ownerOffsets.delete(owner);
  }

  /** Number of pending deadlines (tests use it to know a task is waiting). */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves "now" forward by `ms` — the shared clock, or only `owner`'s — and fires every timer
   * now due on it, in deadline order. Returns how many fired.
   */
  advance(ms: number, owner?: string): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance expects ms >= 0, got ${ms}`);
    if (owner === undefined) this.offsetMs += ms;
    else this.ownerOffsets.set(owner, this.offsetOf(owner) + ms);
    const moved = [...this.timers].filter((t) => owner === undefined || t.owner === owner);
    const due = moved
      .filter((t) => t.due <= this.now(t.owner))
      .sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const timer of due) this.fireTimer(timer);
    for (const timer of moved) if (this.timers.has(timer)) this.arm(timer);
    return due.length;
  }

  /**
   * Moves `owner`'s clock to its next deadline — not an outer limit such as the execution's
   * timeout — and fires what is due then (one step of a review's ladder: the reminder, then each
   * escalation). Returns how many fired (0: it has none now).
   */
  advanceToNext(owner: string): number {
    const dues = [...this.timers].filter((t) => t.owner === owner && !t.limit).map((t) => t.due);
    if (dues.length === 0) return 0;
    return this.advance(Math.max(0, Math.min(...dues) - this.now(owner)), owner);
  }

  /** Calls `fire` once `ms` have passed on this clock; returns a cancel function. */
  schedule(ms: number, fire: () => void, owner?: string, options: { limit?: boolean } = {}): () => void {
    const timer: Timer = {
      due: this.now(owner) + Math.max(0, ms),
      seq: this.seq++,
      fire,
      owner,
      limit: options.limit,
    };
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
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, timer.due - this.now(timer.owner)));
    timer.handle = setTimeout(() => {
      if (timer.due <= this.now(timer.owner)) this.fireTimer(timer);
      else this.arm(timer);
    }, wait);
    // The endpoint's HTTP server keeps `npm start` alive; pending deadlines must not keep a
    // test process alive after the service stopped.
    timer.handle.unref();
  }
}
