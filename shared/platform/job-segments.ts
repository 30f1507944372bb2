import type { KeyQuery } from './db/keys.js';
import { type Item, pageTokenAfter, queryPage } from './db/table.js';

/**
 * Scheduled work in segments (design.md §4; issue 8): a job walks its due units in key order and
 * does one unit at a time. A segment stops starting units once `shouldStop()` says its time is up
 * (always after at least one unit, so every segment makes progress) and answers where to go on
 * (`resumeAfter`); the next segment — a new invocation — starts right after that unit. A unit that
 * fails does not stop the others: it is counted and named in `failures`.
 */
export interface JobSegment {
  /** Where the previous segment stopped (opaque); absent: from the first due unit. */
  resumeAfter?: string;
  shouldStop(): boolean;
}

export interface SegmentOutcome {
  /** Counts of the units' outcomes (`generated`, `skipped`, `warned` …). */
  summary: Record<string, number>;
  /** The units that failed, each as `<unit>: <error message>`. */
  failures: string[];
  /** Set when units remain: the next segment resumes after this. */
  resumeAfter?: string;
}

export type SegmentedJob = (now: Date, segment: JobSegment) => Promise<SegmentOutcome>;

/** One segment with no time limit: the whole run. */
export const wholeRun: JobSegment = { shouldStop: () => false };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Walks the items of `query` (a key-ordered index, never a Scan) from `segment.resumeAfter`, one
 * unit per item until `pastEnd(item)` (the rest is not due) or the items end; `unit` answers the
 * outcome to count, or undefined for an item that needs nothing.
 */
export async function walkUnits(options: {
  query: KeyQuery;
  segment: JobSegment;
  outcomes: readonly string[];
  pastEnd: (item: Item) => boolean;
  unit: (item: Item) => Promise<string | undefined>;
  name: (item: Item) => string;
}): Promise<SegmentOutcome> {
  const { query, segment } = options;
  const summary: Record<string, number> = Object.fromEntries(options.outcomes.map((o) => [o, 0]));
  const failures: string[] = [];
  let nextToken = segment.resumeAfter;
  let lastDone: string | undefined;
  let done = 0;
  do {
    const page = await queryPage(query, { limit: 100, nextToken });
    for (const item of page.items) {
      if (options.pastEnd(item)) return { summary, failures };
      if (done > 0 && segment.shouldStop()) {
        // Resume at this item: the token names the last item done, which precedes it.
        return { summary, failures, resumeAfter: lastDone };
      }
      try {
        const outcome = await options.unit(item);
        if (outcome !== undefined) summary[outcome] = (summary[outcome] ?? 0) + 1;
      } catch (error) {
        failures.push(`${options.name(item)}: ${errorText(error)}`);
      }
      done++;
      lastDone = pageTokenAfter(item, query);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { summary, failures };
}

/** Runs a job to its end in one go (tests, `npm run job`); throws when any unit failed. */
export async function completeRun(
  job: SegmentedJob,
  now: Date,
  what: string,
): Promise<Record<string, number>> {
  const outcome = await job(now, wholeRun);
  if (outcome.failures.length > 0) {
    throw new Error(
      `${what} failed for ${outcome.failures.length} unit(s): ${outcome.failures.join('; ')} (${JSON.stringify(outcome.summary)})`,
    );
  }
  return outcome.summary;
}
