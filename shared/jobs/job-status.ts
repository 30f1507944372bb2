import type { JobStatus } from './schemas.js';

/**
 * The job life cycle: open → in_progress ⇄ on_hold; in_progress → completed; any live
 * job may be cancelled. Completed and cancelled are final.
 */
const transitions: Record<JobStatus, readonly JobStatus[]> = {
  open: ['in_progress', 'cancelled'],
  in_progress: ['on_hold', 'completed', 'cancelled'],
  on_hold: ['in_progress', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const canMove = (from: JobStatus, to: JobStatus): boolean => transitions[from].includes(to);

export const nextStatuses = (from: JobStatus): readonly JobStatus[] => transitions[from];
