import type { Language } from '../platform/i18n.js';
import { discrepancyDetailWords, mediaWords } from './messages.js';
import type { Discrepancy, DiscrepancyFacts } from './schemas.js';

/**
 * A discrepancy's detail in a reader's language, from its type and facts. Numbers by `Intl` in the
 * reader's language (English as "1,500" for every English reader); a discrepancy found before facts
 * were kept shows the English text it was recorded with.
 */
export function discrepancyDetail(
  d: { type: Discrepancy['type']; detail?: string; facts?: DiscrepancyFacts },
  language: Language,
): string {
  const f = d.facts;
  if (!f) return d.detail ?? '';
  const words = discrepancyDetailWords[language];
  const numbers = new Intl.NumberFormat(language === 'en' ? 'en-US' : language, { maximumFractionDigits: 2 });
  const n = (value: number) => numbers.format(value);
  const unitsOf = (value: number) =>
    f.unitType
      ? mediaWords[language].units[f.unitType](n(value), value === 1)
      : words.units(n(value), value === 1);
  const where = { vendor: f.vendor, placement: f.placement, line: `${f.lineStart ?? ''}–${f.lineEnd ?? ''}` };
  const dated = f.first === f.last ? (f.first ?? '') : `${f.first}–${f.last}`;
  const rows = words.rows(n(f.rows ?? 0), f.rows === 1);
  const booked = f.booked ?? 0;
  switch (d.type) {
    case 'missed_spots':
      return words.missed_spots(where, unitsOf(f.units), n(booked - f.units), n(booked));
    case 'under_delivery': {
      const percent = new Intl.NumberFormat(language === 'en' ? 'en-US' : language, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(booked === 0 ? 0 : (booked - f.units) / booked);
      return words.under_delivery(where, n(booked - f.units), unitsOf(booked), n(f.units), percent);
    }
    case 'wrong_dates':
      return words.wrong_dates(where, unitsOf(f.units), rows, dated);
    case 'unbooked_delivery':
      return words.unbooked_delivery(where, unitsOf(f.units), rows, dated);
  }
}

/** A discrepancy as a reader reads it: its detail in their language. */
export const inLanguage = (d: Discrepancy, language: Language): Discrepancy => ({
  ...d,
  detail: discrepancyDetail(d, language),
});
