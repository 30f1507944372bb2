import { describe, expect, it } from 'vitest';
import { renderStatusReportHtml } from '../../shared/client-record/status-report-document.js';
import { type StatusInputs, statusFigures } from '../../shared/client-record/status-report-figures.js';
import { defaultCalendar } from '../../shared/platform/working-days.js';

const approval = (
  approvalId: string,
  kind: 'contact' | 'staff',
  extra: Partial<StatusInputs['approvals'][number]>,
) => ({
  approvalId,
  jobId: 'J1',
  status: 'pending',
  assignee: { kind, name: kind === 'contact' ? 'Ana Ruiz' : 'Sam Lee' },
  createdAt: '2027-03-01T09:00:00.000Z',
  ...extra,
});

const inputs: StatusInputs = {
  jobs: [{ jobId: 'J1', jobNumber: 'ACME-2027-001', title: 'Spring', status: 'open' }],
  milestones: [],
  approvals: [
    approval('A1', 'contact', {
      subjectTitle: 'Creative brief: Gift season',
      subjectTitleParts: { kind: 'creative_brief', name: 'Gift season' },
    }),
    approval('A2', 'staff', {
      subjectTitle: 'Estimate: Shoot',
      subjectTitleParts: { kind: 'estimate', name: 'Shoot' },
    }),
    // Opened before titles had parts: shown as recorded.
    approval('A3', 'staff', { subjectTitle: 'Timetable — OLD-1' }),
  ],
  contactReports: [],
  ledgers: [],
};

const html = (language: 'en' | 'es' | 'zh-CN') =>
  renderStatusReportHtml({
    language,
    agencyName: 'Agency',
    clientName: 'ACME',
    frequency: 'weekly',
    weekStart: '2027-03-01',
    weekEnd: '2027-03-07',
    asOf: '2027-03-05T12:00:00.000Z',
    timeZone: 'UTC',
    figures: statusFigures(
      inputs,
      { start: '2027-03-01', end: '2027-03-07', asOf: new Date('2027-03-05T12:00:00.000Z') },
      defaultCalendar,
    ),
  });

describe("the status report's pending approvals", () => {
  it("are titled in the report's reader's language, from the review's title parts", () => {
    expect(html('en')).toContain('Creative brief: Gift season');
    expect(html('es')).toContain('Brief creativo: Gift season');
    expect(html('es')).toContain('Presupuesto: Shoot');
    expect(html('zh-CN')).toContain('创意简报：Gift season');
    expect(html('zh-CN')).toContain('估价：Shoot');
    expect(html('zh-CN')).not.toContain('Creative brief');
  });

  it('keep the recorded title of a review opened before titles had parts', () => {
    expect(html('es')).toContain('Timetable — OLD-1');
  });
});
