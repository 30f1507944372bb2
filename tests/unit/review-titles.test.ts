import { describe, expect, it } from 'vitest';
import { reviewTitle, titled } from '../../shared/signoff/index.js';

describe('review titles', () => {
  it('are recorded in the agency language with their parts, and worded per reader', () => {
    const estimate = titled({ kind: 'estimate', name: 'Spring shoot' });
    expect(estimate).toEqual({
      title: 'Estimate: Spring shoot',
      titleParts: { kind: 'estimate', name: 'Spring shoot' },
    });
    expect(reviewTitle(estimate, 'es')).toBe('Presupuesto: Spring shoot');
    expect(reviewTitle(estimate, 'zh-CN')).toBe('估价：Spring shoot');
    const changeOrder = titled({ kind: 'change_order', name: 'Spring shoot' });
    expect(reviewTitle(changeOrder, 'es')).toBe('Orden de cambio: Spring shoot');
    expect(reviewTitle(changeOrder, 'zh-CN')).toBe('变更单：Spring shoot');
    const timetable = titled({ kind: 'timetable', name: 'ACME-2027-014' });
    expect(timetable.title).toBe('Timetable — ACME-2027-014');
    expect(reviewTitle(timetable, 'zh-CN')).toBe('时间表 — ACME-2027-014');
  });

  it("keeps a subject's own name as written, and names a plan's campaign", () => {
    expect(reviewTitle(titled({ kind: 'draft', name: 'Key visual' }), 'es')).toBe('Key visual');
    const plan = titled({ kind: 'media_plan', name: 'Master plan', of: 'Spring' });
    expect(plan.title).toBe('Master plan — Spring');
    expect(reviewTitle(plan, 'zh-CN')).toBe('Master plan — Spring');
  });

  it("words a brief's kind per reader, keeping the brief's own title", () => {
    const brief = titled({ kind: 'creative_brief', name: 'Spring relaunch' });
    expect(brief.title).toBe('Creative brief: Spring relaunch');
    expect(reviewTitle(brief, 'es')).toBe('Brief creativo: Spring relaunch');
    expect(reviewTitle(brief, 'zh-CN')).toBe('创意简报：Spring relaunch');
    expect(reviewTitle(titled({ kind: 'client_brief', name: 'Q3' }), 'es')).toBe('Brief del cliente: Q3');
  });

  it('leaves a review opened before titles had parts as it was recorded', () => {
    expect(reviewTitle({ title: 'Estimate: Old one' }, 'es')).toBe('Estimate: Old one');
  });
});
