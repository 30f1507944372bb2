import { logger } from './telemetry.js';

/**
 * Work that follows a committed change (an email, another context's follow-up): the change is done
 * whatever happens here, so a failure must not turn its answer into an error (a retry would meet
 * a conflict or make a duplicate). The failure is logged as a warning naming what repairs it;
 * callers leave a repair to find (a pending marker, a "send again"), or say that nothing does.
 */
export async function afterCommit(
  what: string,
  details: Record<string, unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(what, { ...details, error });
  }
}
