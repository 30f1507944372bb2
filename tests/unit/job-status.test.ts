import { describe, expect, it } from 'vitest';
import { canMove } from '../../shared/jobs/job-status.js';
import { formatJobNumber } from '../../shared/jobs/jobs.js';
import { jobStatuses } from '../../shared/jobs/schemas.js';

const allowed = new Set([
  'open>in_progress',
  'open>cancelled',
  'in_progress>on_hold',
  'in_progress>completed',
  'in_progress>cancelled',
  'on_hold>in_progress',
  'on_hold>cancelled',
]);

describe('job status transitions', () => {
  const pairs = jobStatuses.flatMap((from) => jobStatuses.map((to) => ({ from, to })));
  it.each(pairs)('$from → $to', ({ from, to }) => {
    expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });
});

describe('job numbers', () => {
  it('are CODE-YYYY-NNNN, zero-padded', () => {
    expect(formatJobNumber('ACME', 2026, 7)).toBe('ACME-2026-0007');
    expect(formatJobNumber('AB', 2027, 1234)).toBe('AB-2027-1234');
    expect(formatJobNumber('AB', 2027, 12345)).toBe('AB-2027-12345');
  });
});
