import i18next from 'i18next';
import { en } from './en';
import { es } from './es';
import { zh } from './zh';

/** The console's languages: those the agency's own documents are written in. */
export const languages = ['en', 'es', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

const catalogues = { en, es, 'zh-CN': zh } as const;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** The browser's preferred language among ours, before the staff member's own is known. */
export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (isLanguage(tag)) return tag;
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export async function setLanguage(language: Language): Promise<void> {
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: language,
      fallbackLng: 'en',
      resources: Object.fromEntries(
        Object.entries(catalogues).map(([language, translation]) => [language, { translation }]),
      ),
      // Preact escapes what it renders.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else {
    await i18next.changeLanguage(language);
  }
  document.documentElement.lang = language;
  formats = makeFormats(language);
}

export const t = i18next.t.bind(i18next);

/** Whether the catalogue has words for a key (in English at least). */
export const hasMessage = (key: string) => i18next.exists(key);

/**
 * A milestone's name as the reader reads it: a built-in template's (`nameKey`, kept while the name is
 * unchanged) in the console's language, a name staff typed as typed.
 */
export const milestoneName = (m: { name: string; nameKey?: string }) =>
  m.nameKey && i18next.exists(`milestoneNames.${m.nameKey}`)
    ? i18next.t(`milestoneNames.${m.nameKey}` as 'milestoneNames.planning')
    : m.name;

/** A milestone's deliverable as the reader reads it: a built-in one (`deliverableKey`) in the console's language, one typed as typed. */
export const milestoneDeliverable = (m: { deliverable?: string; deliverableKey?: string }) =>
  m.deliverableKey && i18next.exists(`milestoneDeliverables.${m.deliverableKey}`)
    ? i18next.t(`milestoneDeliverables.${m.deliverableKey}` as 'milestoneDeliverables.planning')
    : m.deliverable;

/**
 * A template's words as the reader reads them: the built-in's (its key, and its English text as
 * shipped — the rule a schedule drawn from it follows) in the console's language; text the agency
 * typed as typed.
 */
export const shippedWords = (
  group: 'milestoneNames' | 'milestoneDeliverables' | 'templateNames',
  key: string,
  text: string,
): string => {
  const shipped: Record<string, string> = en[group];
  return Object.hasOwn(shipped, key) && shipped[key] === text
    ? i18next.t(`${group}.${key}` as 'milestoneNames.planning')
    : text;
};

/** The language the console speaks now (the API is asked to answer in it). */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');

/** A week as people say it ("Week 50", "Semana 50", "第 50 周"): its ISO label `YYYY-Www` is for the API. */
export const weekLabel = (isoWeek: string) =>
  t('time.week', { week: Number(isoWeek.slice(isoWeek.indexOf('W') + 1)) });

/** `YYYY-MM-DD` is a calendar date: formatted as such, never shifted by a time zone. */
const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates in English as the emails and documents write them (British: "Mon 14 Dec 2026", 24-hour
 * times), not American; money and numbers use the language itself, as the server does.
 */
const dateLocale = (language: Language) => (language === 'en' ? 'en-GB' : language);

function makeFormats(language: Language) {
  const dates = dateLocale(language);
  const date = new Intl.DateTimeFormat(dates, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(dates, { dateStyle: 'medium', timeStyle: 'short' });
  const monthYear = new Intl.DateTimeFormat(dates, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dayOfMonth = new Intl.DateTimeFormat(dates, { day: 'numeric', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(dates, { weekday: 'long', timeZone: 'UTC' });
  const weekdayDate = new Intl.DateTimeFormat(dates, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const number = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const rate = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 3 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  return {
    date: (value: string) => date.format(new Date(calendarDate.test(value) ? `${value}T00:00:00Z` : value)),
    dateTime: (value: string, timeZone?: string) =>
      (timeZone
        ? new Intl.DateTimeFormat(dates, { dateStyle: 'medium', timeStyle: 'short', timeZone })
        : dateTime
      ).format(new Date(value)),
    monthYear: (value: string) => monthYear.format(new Date(`${value}T00:00:00Z`)),
    dayOfMonth: (value: string) => dayOfMonth.format(new Date(`${value}T00:00:00Z`)),
    /** A weekday by number (1 = Monday … 7 = Sunday; 1 January 2024 was a Monday). */
    weekday: (day: number) => weekday.format(new Date(Date.UTC(2024, 0, day))),
    /**
     * The last day before an instant that ends a day, in a time zone: a window closing at midnight
     * closes at the end of the day before (Tue 8 Dec 2026), as the client's email says it.
     */
    dayEndingAt: (value: string, timeZone: string) =>
      new Intl.DateTimeFormat(dates, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone,
      }).format(new Date(new Date(value).getTime() - 1)),
    /** A calendar day with its weekday, short (Mon 14 Dec), as a week's columns name it. */
    weekdayDate: (value: string) => weekdayDate.format(new Date(`${value}T00:00:00Z`)),
    number: (value: number) => number.format(value),
    percent: (fraction: number) => percent.format(fraction),
    /** A rate agreed in percent (a markup of 17.65), as the server's documents write it: "17.65%". */
    rate: (percent: number) => rate.format(percent / 100),
    /** Money as the API gives it: whole minor units of a currency (cents, yen, fils). */
    money: (value: { amountMinor: number; currency: string }) => {
      let format = moneyFormats.get(value.currency);
      if (!format) {
        format = new Intl.NumberFormat(language, { style: 'currency', currency: value.currency });
        moneyFormats.set(value.currency, format);
      }
      return format.format(value.amountMinor / 10 ** currencyExponent(value.currency));
    },
    bytes: (value: number) =>
      value < 1024 * 1024
        ? `${number.format(Math.ceil(value / 1024))} KB`
        : `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value / 1024 / 1024)} MB`,
  };
}

const exponents = new Map<string, number>();

/** Decimals of a currency's minor unit (USD 2, JPY 0, KWD 3), as Intl knows them (the API uses the same). */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/**
 * An amount as people type it, in either convention: `1234.5`, `1,234.50`, `1234,5`, `1.234,50`,
 * `1 234,50`. With both a point and a comma, the last is the decimal mark; with one of them once
 * and not three digits after it, it is the decimal mark (`12,5`, `12.50`); three digits after a
 * single mark (`1,234` / `1.234`) read as the reader's language writes numbers. Anything else is
 * NaN, so the API's validation answers it in its words.
 */
export function amountOf(text: string, language: Language = currentLanguage()): number {
  const value = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^-?[\d.,]+$/.test(value)) return Number.NaN;
  const marks = value.replace(/[^.,]/g, '');
  const last = Math.max(value.lastIndexOf('.'), value.lastIndexOf(','));
  if (marks === '') return Number(value);
  let decimal: string | undefined;
  if (marks.includes('.') && marks.includes(',')) decimal = value[last];
  else if (marks.length === 1 && value.length - last - 1 !== 3) decimal = marks;
  else if (marks.length === 1) {
    // 1,234 or 1.234: the language's own decimal mark decides.
    const own = new Intl.NumberFormat(language).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    decimal = marks === own ? marks : undefined;
  }
  const grouping = decimal === '.' ? ',' : decimal === ',' ? '.' : marks[0]!;
  const [integer, fraction] = decimal ? [value.slice(0, last), value.slice(last + 1)] : [value, ''];
  const groups = integer.split(grouping);
  // Grouping marks come every three digits; anything else is a typing mistake, not a number.
  if (
    groups.length > 1 &&
    (!/^-?\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
  )
    return Number.NaN;
  if (!/^\d*$/.test(fraction)) return Number.NaN;
  return Number(`${groups.join('')}${fraction ? `.${fraction}` : ''}`);
}

/** What a person typed (`1234.5`, `1.234,50`) as the API's money: whole minor units. */
export function moneyInput(amount: string, currency: string): { amountMinor: number; currency: string } {
  const exponent = /^[A-Z]{3}$/.test(currency) ? currencyExponent(currency) : 2;
  return { amountMinor: Math.round(amountOf(amount) * 10 ** exponent), currency };
}

/** Money as a person edits it: its amount in major units. */
export const moneyText = (value: { amountMinor: number; currency: string }) =>
  String(value.amountMinor / 10 ** currencyExponent(value.currency));

/** Dates, numbers and money for the current language (Intl). */
export let formats = makeFormats('en');
