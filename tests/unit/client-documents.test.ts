import { describe, expect, it } from 'vitest';
import { renderEstimateDocument } from '../../shared/cost/document.js';
import type { ChangeOrder, EstimateLine, EstimateTotals } from '../../shared/cost/schemas.js';
import {
  renderBriefDocument,
  renderTimetableDocument,
  shownTimetable,
  timetableSection,
} from '../../shared/traffic/documents.js';
import type { TimetableVersion } from '../../shared/traffic/schemas.js';

/**
 * The documents a client signs — a brief, a timetable, an estimate or change order with the
 * timetable in it — written in the language chosen when they are made: their words, money, numbers
 * and dates by Intl in English, Spanish and Simplified Chinese. Intl's own spacing (no-break and
 * narrow spaces) is matched as any space.
 */
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const job = {
  agencyName: 'Harbour & Finch',
  clientName: 'Acme',
  jobNumber: 'ACME-2027-0001',
  jobTitle: 'Spring',
};

const timetable: Pick<TimetableVersion, 'milestones' | 'endDate' | 'number'> = {
  number: 3,
  endDate: '2027-04-30',
  milestones: [
    {
      milestoneId: 'M001',
      name: 'Key visual <final>',
      department: 'creative',
      owner: 'Ann Art',
      start: '2027-03-01',
      due: '2027-03-05',
      critical: true,
    },
    {
      milestoneId: 'M002',
      name: 'Client approval',
      department: 'client',
      owner: 'Client',
      start: '2027-03-08',
      due: '2027-03-09',
      critical: false,
    },
    {
      milestoneId: 'M003',
      name: 'Creative presentation',
      nameKey: 'creative_presentation',
      department: 'account',
      owner: 'Emma Larsen',
      start: '2027-03-10',
      due: '2027-03-10',
      critical: true,
    },
  ] as TimetableVersion['milestones'],
};

describe('the brief document', () => {
  const content = {
    title: 'Spring launch',
    background: 'A new range.',
    budget: eur(1_250_000),
    flight: { start: '2027-03-01', end: '2027-04-30' },
    deliverables: ['Key visual'],
  };
  it.each([
    [
      'en',
      'Creative brief: Spring launch — version 2',
      'Background',
      /€12,500\.00/,
      /1 March\s–\s30 April 2027/,
    ],
    [
      'es',
      'Brief creativo: Spring launch — versión 2',
      'Antecedentes',
      /12\.500,00\s€/,
      /1 de marzo\s–\s30 de abril de 2027/,
    ],
    ['zh-CN', '创意简报：Spring launch — 第 2 版', '背景', /€12,500\.00/, /2027\/3\/1\s–\s2027\/4\/30/],
  ] as const)('%s: its words, money and dates', (language, title, section, budget, flight) => {
    const html = renderBriefDocument({ ...job, kind: 'creative', number: 2, content, language });
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<h2>${section}</h2>`);
    expect(html).toMatch(budget);
    expect(html).toMatch(flight);
    // Sections left empty are left out.
    expect(html).not.toContain('<h2>KPIs</h2>');
  });
});

describe('the timetable document', () => {
  it.each([
    [
      'en',
      'Timetable: ACME-2027-0001 — Spring, version 3',
      'Due',
      'Creative',
      'Client',
      'Mon, 1 Mar 2027',
      'yes',
      'Creative presentation',
    ],
    [
      'es',
      'Cronograma: ACME-2027-0001 — Spring, versión 3',
      'Entrega',
      'Creatividad',
      'Cliente',
      'lun, 1 mar 2027',
      'sí',
      'Presentación creativa',
    ],
    [
      'zh-CN',
      '工作时间表：ACME-2027-0001 — Spring，第 3 版',
      '截止',
      '创意',
      '客户',
      '2027年3月1日周一',
      '是',
      '创意提案',
    ],
  ] as const)(
    '%s: its words and days',
    (language, title, column, department, clientOwner, day, critical, builtIn) => {
      const html = renderTimetableDocument({
        ...job,
        timeZone: 'Europe/Madrid',
        version: timetable,
        language,
      });
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain(`<th>${column}</th>`);
      expect(html).toContain(`<td>${department}</td>`);
      expect(html).toContain(`<td>${clientOwner}</td>`);
      expect(html).toContain(`<td>${day}</td>`);
      expect(html).toContain(`<td>${critical}</td>`);
      expect(html).toContain('Key visual &lt;final&gt;');
      expect(html).toContain('Europe/Madrid');
      // A built-in template's milestone reads in the document's language; a typed name as typed.
      expect(html).toContain(`<td>${builtIn}</td>`);
      const shown = shownTimetable(timetable, language);
      expect(shown.rows.map((row) => row[0])).toEqual(['Key visual <final>', 'Client approval', builtIn]);
    },
  );
});

describe('the estimate document', () => {
  const line = (lineId: string, quantity: number, markupPercent: number, net: number): EstimateLine =>
    ({
      lineId,
      category: 'production',
      description: 'Studio shoot',
      quantity,
      unitCost: eur(net / quantity),
      markupPercent,
      net: eur(net),
      markup: eur((net * markupPercent) / 100),
      total: eur(net + (net * markupPercent) / 100),
    }) as EstimateLine;
  const lines = [line('L001', 2, 10, 300_000), line('L002', 1.5, 12.5, 60_000)];
  const totals = {
    net: eur(360_000),
    markup: eur(37_500),
    subtotal: eur(397_500),
    taxRateBasisPoints: 2100,
    tax: eur(83_475),
    grandTotal: eur(480_975),
    byCategory: [],
  } as unknown as EstimateTotals;
  const input = {
    ...job,
    title: 'Spring shoot',
    number: 1,
    lines,
    totals,
    timetable: { number: 3, sha256: 'ab'.repeat(32) },
  };

  it.each([
    [
      'en',
      'Estimate: Spring shoot — version 1',
      'Markup amount',
      /€4,809\.75/,
      /Tax \(21%\)/,
      '12.5%',
      '1.500',
      'Timetable (version 3)',
      'Due',
    ],
    [
      'es',
      'Presupuesto: Spring shoot — versión 1',
      'Importe del recargo',
      /4809,75\s€/,
      /Impuesto \(21\s%\)/,
      '12,5',
      '1,500',
      'Cronograma (versión 3)',
      'Entrega',
    ],
    [
      'zh-CN',
      '估价：Spring shoot — 第 1 版',
      '加价金额',
      /€4,809\.75/,
      /税（21%）/,
      '12.5%',
      '1.500',
      '工作时间表（第 3 版）',
      '截止',
    ],
  ] as const)(
    '%s: its words, money, numbers and the timetable in the same language',
    (language, title, column, grandTotal, tax, markup, quantity, timetableHeading, timetableColumn) => {
      const html = renderEstimateDocument({
        ...input,
        timetable: { ...input.timetable, html: timetableSection(timetable, language) },
        language,
      });
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain(`<th class="n">${column}</th>`);
      expect(html).toMatch(grandTotal);
      expect(html).toMatch(tax);
      expect(html).toContain(markup);
      expect(html).toContain(`<td class="n">10${language === 'es' ? '\u00a0' : ''}%</td>`);
      expect(html).toContain(`<td class="n">${quantity}</td>`);
      expect(html).toContain(`<h2>${timetableHeading}</h2>`);
      expect(html).toContain(`<th>${timetableColumn}</th>`);
      expect(html).toContain('ab'.repeat(32));
    },
  );

  it.each([
    [
      'en',
      'Change order: Spring shoot — version 2 (changes signed version 1)',
      /1 line added, 0 changed, 1 removed\. The subtotal before tax goes from €3,975\.00 to €4,000\.00/,
    ],
    [
      'es',
      'Orden de cambio: Spring shoot — versión 2 (modifica la versión firmada 1)',
      /1 línea añadida, 0 modificadas, 1 eliminada\. El subtotal antes de impuestos pasa de 3975,00\s€ a 4000,00\s€/,
    ],
    [
      'zh-CN',
      '变更单：Spring shoot — 第 2 版（变更已签署的第 1 版）',
      /新增 1 行，修改 0 行，删除 1 行。 税前小计由 €3,975\.00 变为 €4,000\.00/,
    ],
  ] as const)('%s: a change order says what changes', (language, title, summary) => {
    const changeOrder = {
      basedOnVersion: 1,
      added: [line('L003', 1, 0, 40_000)],
      removed: [lines[1]],
      changed: [],
      previousSubtotal: eur(397_500),
      newSubtotal: eur(400_000),
      previousGrandTotal: eur(480_975),
      newGrandTotal: eur(484_000),
    } as unknown as ChangeOrder;
    const html = renderEstimateDocument({
      ...input,
      number: 2,
      changeOrder,
      timetable: { ...input.timetable, html: timetableSection(timetable, language) },
      language,
    });
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toMatch(summary);
  });
});
