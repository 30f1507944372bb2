import { incrementCounter } from './db/table.js';
import { RateCounter } from './entities.js';
import { tooManyRequests } from './errors.js';

/**
 * Rate limits as fixed-window counters in the table (one atomic UpdateItem per counted event,
 * so concurrent requests are never under-counted). A counter lives until the end of the window
 * after its own, then TTL removes it.
 */
export interface RateLimit {
  /** What is limited: `report-generation`, `link-address`, … (part of the counter's key). */
  scope: string;
  /** Events allowed per window; the next one is refused. */
  limit: number;
  windowSeconds: number;
}

const windowOf = (limit: RateLimit, at = Date.now()) => Math.floor(at / 1000 / limit.windowSeconds);

/** Seconds until the current window ends (when a refused caller may try again). */
export const secondsLeftInWindow = (limit: RateLimit, at = Date.now()) =>
  Math.max(1, Math.ceil((windowOf(limit, at) + 1) * limit.windowSeconds - at / 1000));

/** The key of the subject's counter in the current window (tests read and seed it). */
export const counterKey = (limit: RateLimit, subject: string, at = Date.now()) =>
  RateCounter.key(limit.scope, subject, windowOf(limit, at));

/** Counts one event against the subject; the count so far in this window, this one included. */
export async function countAgainst(limit: RateLimit, subject: string): Promise<number> {
  const window = windowOf(limit);
  return incrementCounter(
    RateCounter.key(limit.scope, subject, window),
    RateCounter.type,
    (window + 2) * limit.windowSeconds,
  );
}

/** Counts the event and refuses it (429 with Retry-After) once the subject is over the limit. */
export async function takeRateLimit(limit: RateLimit, subject: string, refusal: string): Promise<void> {
  if ((await countAgainst(limit, subject)) > limit.limit) {
    throw tooManyRequests(refusal, secondsLeftInWindow(limit), limit.limit);
  }
}
