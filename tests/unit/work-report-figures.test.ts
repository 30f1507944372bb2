import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WorkClientInputs, workFigures } from '../../shared/client-record/work-report-figures.js';
import { workingDaysBetween } from '../../shared/platform/working-days.js';

/**
 * The work report's waiting time against a second way of counting it: the platform's
 * `workingDaysBetween` on the request's days clipped to the month, for random approvals on a
 * calendar with a weekend and holidays.
 */
const calendar = { timeZone: 'UTC', weekend: [0, 6], holidays: ['2026-11-18', '2026-12-01'] };
const client = (approvals: WorkClientInputs['approvals']): WorkClientInputs => ({
  clientId: 'C',
  name: 'Client',
  calendar,
  jobs: [],
  milestones: [],
  approvals,
  contactReportVersions: [],
});
const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 10)).toISOString();
const asOf = new Date('2026-12-20T12:00:00Z');

/** Working days of November 2026 the approval was open: the days after it was created, up to the day it ended. */
function expected(createdAt: string, endedAt: string) {
  const first = new Date('2026-10-31T12:00:00Z');
  const last = new Date('2026-11-30T12:00:00Z');
  const from = new Date(Math.max(Date.parse(createdAt), first.getTime()));
  const to = new Date(Math.min(Date.parse(endedAt), last.getTime()));
  return to > from ? workingDaysBetween(from, to, calendar) : 0;
}

describe('the work report’s time waiting', () => {
  it('counts the working days of the month an approval was open, as the platform counts them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 75 }),
            length: fc.integer({ min: 0, max: 40 }),
            onClient: fc.boolean(),
            pending: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (drawn) => {
          const approvals = drawn.map((a, i) => ({
            approvalId: `A${i}`,
            assignee: { kind: a.onClient ? 'contact' : 'staff' },
            status: a.pending ? 'pending' : 'decided',
            decision: a.pending ? undefined : 'approve',
            createdAt: day(a.start),
            decidedAt: a.pending ? undefined : day(a.start + a.length),
            updatedAt: day(a.start + a.length),
          }));
          const f = workFigures([client(approvals)], '2026-11', asOf);
          const sum = (onClient: boolean) =>
            approvals
              .filter((a) => (a.assignee.kind === 'contact') === onClient)
              .reduce((s, a) => s + expected(a.createdAt, a.decidedAt ?? asOf.toISOString()), 0);
          expect(f.waitingTotals).toEqual({ onClient: sum(true), onAgency: sum(false) });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('records a sign-off on the client’s day, not the UTC one', () => {
    const shanghai = { ...client([]), calendar: { ...calendar, timeZone: 'Asia/Shanghai' } };
    const approval = {
      approvalId: 'A',
      assignee: { kind: 'contact', name: 'Ana' },
      status: 'decided',
      decision: 'approve',
      createdAt: '2026-11-02T01:00:00Z',
      updatedAt: '2026-11-30T17:00:00Z',
    };
    // 17:00 UTC on 30 November is 1 December in Shanghai: next month's.
    const late = workFigures(
      [{ ...shanghai, approvals: [{ ...approval, decidedAt: '2026-11-30T17:00:00Z' }] }],
      '2026-11',
      asOf,
    );
    expect(late.signOffs).toEqual([]);
    const inTime = workFigures(
      [{ ...shanghai, approvals: [{ ...approval, decidedAt: '2026-11-30T15:00:00Z' }] }],
      '2026-11',
      asOf,
    );
    expect(inTime.signOffs.map((s) => s.on)).toEqual(['2026-11-30']);
  });
});
