import { describe, expect, it } from 'vitest';
import { renderPage, statusOf } from '../../functions/approval-page/page.js';
import { renderPlanDocument } from '../../shared/media/plan-document.js';
import type { ApprovalPageFacts } from '../../shared/signoff/decisions.js';

const facts: ApprovalPageFacts = {
  agencyName: 'Harbour & Finch',
  clientName: '<script>alert(1)</script>',
  jobNumber: 'ACME-2026-0001',
  jobTitle: 'Spring "launch"',
  subjectNoun: 'Draft',
  title: "Key visual's <b>",
  version: 2,
  stepLabel: 'client review',
  deadline: '2026-11-27T09:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  requestedBy: 'Ann AE',
  approverName: 'Carl Client',
  approvalId: 'A_B',
  fileName: 'kv.png',
  contentType: 'image/png',
  sha256: 'ab'.repeat(32),
  verifiedType: 'image/png',
  previewUrl: 'http://s3.local/b/k?X-Amz-Signature=1&x="y"',
  stage: 'client',
  subjectType: 'draft',
  language: 'en',
  choices: {
    approve: 'The artwork goes on to final artwork approval.',
    approve_with_changes: 'You approve on condition of your changes. It goes back to the creative team.',
    request_changes: 'You ask for changes. It goes back to the creative team.',
    reject: 'The review ends here: this version goes no further.',
  },
};

/** A media plan version's page: its lines and totals are on the page itself. */
const planFacts: ApprovalPageFacts = {
  ...facts,
  subjectNoun: 'Media plan',
  title: 'Media master plan — Spring',
  fileName: 'master_plan-v1.html',
  contentType: 'text/html',
  verifiedType: undefined,
  shown: [
    {
      caption: 'What you confirm: 2 lines of this version',
      columns: ['Line', 'Channel', 'Vendor', 'Placement', 'Dates', 'Units', 'Rate', 'Cost'],
      rows: [
        [
          'L001',
          'tv',
          'Star TV',
          'Prime <time>',
          '2027-03-01 to 2027-03-31',
          '40 spots',
          'USD 1,500.00 per spot',
          'USD 60,000.00',
        ],
        [
          'L002',
          'online',
          'AdNet',
          'Homepage',
          '2027-03-01 to 2027-03-31',
          '2,000,000 impressions',
          'USD 12.50 CPM (per 1,000 impressions)',
          'USD 25,000.00',
        ],
      ],
      totals: [
        ['Total cost', 'USD 85,000.00'],
        ['Campaign budget', 'USD 500,000.00'],
      ],
    },
  ],
};

describe('approval page', () => {
  it('escapes every value it shows', () => {
    const html = renderPage({ state: 'open', facts, nonce: 'n"1' });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Key visual&#39;s &lt;b&gt;');
    expect(html).toContain('value="n&quot;1"');
    expect(html).toContain('x=&quot;y&quot;');
  });

  it('offers the four decisions, a comment and the deadline in the client’s time zone', () => {
    const html = renderPage({ state: 'open', facts, nonce: 'n' });
    for (const value of ['approve', 'approve_with_changes', 'request_changes', 'reject']) {
      expect(html).toContain(`value="${value}"`);
    }
    expect(html).toContain('<textarea id="comment" name="comment"');
    expect(html).toContain('27 Nov 2026, 17:00 (Asia/Shanghai)');
  });

  it('says under each choice what happens after it', () => {
    const html = renderPage({ state: 'open', facts, nonce: 'n' });
    for (const text of Object.values(facts.choices)) expect(html).toContain(text);
  });

  it('shows a media plan’s lines, CPM-labelled rates and totals on the page itself, the document as a download', () => {
    const html = renderPage({ state: 'open', facts: planFacts, nonce: 'n' });
    expect(html).toContain('What you confirm: 2 lines of this version');
    expect(html).toContain('USD 12.50 CPM (per 1,000 impressions)');
    expect(html).toContain('USD 1,500.00 per spot');
    expect(html).toContain('<th scope="row" colspan="7">Total cost</th><td>USD 85,000.00</td>');
    expect(html).toContain('Prime &lt;time&gt;');
    // An HTML document is never shown in place (it would run in the bucket's origin): a download link.
    expect(html).not.toMatch(/<(img|video|audio|iframe)/);
    expect(html).toContain('Download the file');
  });

  it('shows a file in place only when its bytes were found to be that type', () => {
    expect(renderPage({ state: 'open', facts, nonce: 'n' })).toContain('<img src=');
    const unverified = renderPage({
      state: 'open',
      facts: { ...facts, verifiedType: 'text/plain' },
      nonce: 'n',
    });
    expect(unverified).not.toContain('<img');
    expect(unverified).toContain('Download the file');
  });

  it('says a recorded decision as done, in the reader’s language', () => {
    const decided = { ...facts, decision: 'approve_with_changes', decidedAt: '2027-03-01T09:30:00.000Z' };
    expect(renderPage({ state: 'decided', facts: decided })).toContain('Approved with changes, recorded ');
    expect(renderPage({ state: 'decided', facts: decided }, 'es')).toContain(
      'Aprobado con cambios: decisión registrada el ',
    );
  });

  it('answers each state with its status; the invalid page is one fixed text', () => {
    expect(statusOf({ state: 'open', facts })).toBe(200);
    expect(statusOf({ state: 'decided', facts })).toBe(200);
    expect(statusOf({ state: 'superseded', facts })).toBe(410);
    expect(statusOf({ state: 'closed', facts })).toBe(410);
    expect(statusOf({ state: 'invalid' })).toBe(404);
    expect(statusOf({ state: 'renew_sent' })).toBe(202);
    expect(statusOf({ state: 'error', status: 429, title: 't', message: 'm' })).toBe(429);
    expect(renderPage({ state: 'invalid' })).toBe(renderPage({ state: 'invalid' }));
    expect(renderPage({ state: 'invalid' })).not.toMatch(/token|A_B/);
  });
});

describe('approval page in the contact’s language', () => {
  it.each([
    [
      'es',
      'solicita su aprobación',
      'Aprobar con cambios',
      'Enviar la decisión',
      'revisión del cliente',
      'Boceto',
    ],
    ['zh-CN', '请您审批', '修改后批准', '提交决定', '客户审核', '创意稿'],
  ] as const)(
    'speaks %s: title, decisions, facts and the step',
    (language, asks, withChanges, submit, step, noun) => {
      const html = renderPage({ state: 'open', facts, nonce: 'n' }, language);
      expect(html).toContain(`<html lang="${language}">`);
      for (const text of [asks, withChanges, submit, step, noun]) expect(html).toContain(text);
      expect(html).not.toContain('Submit decision');
      // The deadline in the reader's language, still in the client's time zone.
      expect(html).toContain('(Asia/Shanghai)');
      expect(html).toContain(language === 'es' ? 'nov' : '11月');
    },
  );
});

describe('a plan document in the client’s language', () => {
  const lines = [
    {
      lineId: 'L001',
      channel: 'tv',
      vendor: 'Star TV',
      placement: 'Prime',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
      unitType: 'spots',
      units: 40,
      rate: { amountMinor: 150_000, currency: 'USD' },
      cost: { amountMinor: 6_000_000, currency: 'USD' },
    },
  ] as unknown as Parameters<typeof renderPlanDocument>[0]['lines'];
  const input = {
    agencyName: 'Harbour & Finch',
    clientName: 'Acme',
    campaign: {
      name: 'Spring',
      flightStart: '2027-03-01',
      flightEnd: '2027-04-30',
      budget: { amountMinor: 50_000_000, currency: 'USD' },
    } as Parameters<typeof renderPlanDocument>[0]['campaign'],
    kind: 'master_plan' as const,
    number: 2,
    briefVersion: 1,
    lines,
  };

  // Intl's own spacing (no-break and thin spaces) is matched as any space.
  it.each([
    [
      'en',
      'Media master plan — Spring, version 2',
      'Placement',
      /\$1,500\.00 per spot/,
      /1 March\s–\s30 April 2027/,
    ],
    [
      'es',
      'Plan maestro de medios — Spring, versión 2',
      'Ubicación',
      /1500,00\sUS\$ por spot/,
      /1 de marzo\s–\s30 de abril de 2027/,
    ],
    ['zh-CN', '媒介总体计划 — Spring，第 2 版', '版位', /每次 US\$1,500\.00/, /2027\/3\/1\s–\s2027\/4\/30/],
  ] as const)('%s: its words, money and dates', (language, title, column, rate, flight) => {
    const html = renderPlanDocument({ ...input, language });
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<th>${column}</th>`);
    expect(html).toMatch(rate);
    expect(html).toMatch(flight);
  });
});
