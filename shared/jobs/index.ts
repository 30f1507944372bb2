/**
 * Jobs (job tickets / work orders): gap-free job numbers per client and year, owners, budget,
 * due date and the status life cycle. Other contexts hang their work off a job (`openJobScope`).
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { jobsRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(jobsRefusalWords);

export { getJob, listJobs, openJob, openJobScope, updateJob } from './jobs.js';
export { jobsMoneyInMinorUnits } from './migrations.js';
export * from './schemas.js';
