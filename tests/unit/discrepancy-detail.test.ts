import { describe, expect, it } from 'vitest';
import { discrepancyDetail } from '../../shared/media/discrepancy-detail.js';

const line = { vendor: 'Radio One', placement: 'Drive 20s', lineStart: '2027-03-01', lineEnd: '2027-03-31' };

describe("a discrepancy's detail", () => {
  it('is worded from its type and facts in English as the import records it', () => {
    expect(
      discrepancyDetail(
        { type: 'missed_spots', facts: { ...line, unitType: 'spots', units: 10, booked: 40 } },
        'en',
      ),
    ).toBe('Radio One — Drive 20s (2027-03-01–2027-03-31): 10 spots missed, 30 of 40 aired.');
    expect(
      discrepancyDetail(
        {
          type: 'under_delivery',
          facts: { ...line, unitType: 'impressions', units: 500_000, booked: 2_000_000 },
        },
        'en',
      ),
    ).toBe(
      'Radio One — Drive 20s (2027-03-01–2027-03-31): 1,500,000 of 2,000,000 impressions delivered, 500,000 short (75.0%).',
    );
    expect(
      discrepancyDetail(
        {
          type: 'unbooked_delivery',
          facts: {
            vendor: 'Radio One',
            placement: 'Morning',
            units: 9,
            rows: 2,
            first: '2027-03-07',
            last: '2027-03-12',
          },
        },
        'en',
      ),
    ).toBe('Radio One — Morning: 9 units in 2 rows (2027-03-07–2027-03-12) match no booking.');
  });

  it('reads in Spanish and Chinese, numbers by Intl in that language', () => {
    const short = {
      type: 'under_delivery' as const,
      facts: { ...line, unitType: 'impressions' as const, units: 500_000, booked: 2_000_000 },
    };
    expect(discrepancyDetail(short, 'es')).toBe(
      'Radio One — Drive 20s (2027-03-01–2027-03-31): entregado 1.500.000 de 2.000.000 impresiones; faltan 500.000 (75,0\u00a0%).',
    );
    expect(discrepancyDetail(short, 'zh-CN')).toBe(
      'Radio One — Drive 20s（2027-03-01–2027-03-31）：已交付 1,500,000/2,000,000 次曝光，短缺 500,000（75.0%）。',
    );
    const wrong = {
      type: 'wrong_dates' as const,
      facts: {
        ...line,
        unitType: 'spots' as const,
        units: 3,
        rows: 1,
        first: '2027-04-02',
        last: '2027-04-02',
      },
    };
    expect(discrepancyDetail(wrong, 'es')).toBe(
      'Radio One — Drive 20s: 3 spots en 1 fila con fecha 2027-04-02, fuera de las fechas de la línea (2027-03-01–2027-03-31).',
    );
    expect(discrepancyDetail(wrong, 'zh-CN')).toBe(
      'Radio One — Drive 20s：1 行中的 3 次 日期为 2027-04-02，不在该行的投放日期（2027-03-01–2027-03-31）之内。',
    );
  });

  it('of one found before facts were kept is the English text it was recorded with', () => {
    expect(discrepancyDetail({ type: 'wrong_dates', detail: 'Old words.' }, 'zh-CN')).toBe('Old words.');
  });
});
