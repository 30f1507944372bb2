/**
 * The languages a person reads Account Desk in — those the agency's own documents are written in —
 * and how domain texts are kept in them. Every text a person reads that the server writes (emails,
 * documents, the approval page's server-written parts, problem details) comes from a catalogue:
 * one `Catalogue` per context, in that context's `messages.ts`, the same keys in every language
 * (the compiler checks the shape; `tests/unit/catalogues.test.ts` checks every catalogue's keys).
 */
export const languages = ['en', 'es', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

/** The agency's own language: for a reader whose language is not known (a vendor with none recorded). */
export const agencyLanguage: Language = 'en';

/** One text set in each language; each language has the English set's shape (keys and parameters). */
export type Catalogue<Messages> = Readonly<Record<Language, Messages>>;

/**
 * A catalogue from its English messages and their translations. `T` is inferred from English, so
 * a Spanish or Chinese set missing a key, or a message with other parameters, does not compile.
 * Each call carries a `@__PURE__` annotation (a test checks): esbuild then drops from a function's
 * bundle the catalogues it never reads, instead of keeping every one its modules define.
 */
export const catalogue = <Messages>(
  en: Messages,
  translations: Record<Exclude<Language, 'en'>, Messages>,
): Catalogue<Messages> => ({
  en,
  ...translations,
});

/** The first of our languages an `Accept-Language` header asks for, else English. */
export function acceptedLanguage(header: string | undefined): Language {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * The `Intl` locale of a language for dates: British English writes "Mon 1 Feb 2027", day before
 * month. Money and numbers use the language itself ("$12.50", as the console shows them).
 */
const intlLocale = (language: Language): string => (language === 'en' ? 'en-GB' : language);

/** A moment as the reader reads it, in a time zone, naming the zone: "Mon 1 Feb 2027, 17:00 (Europe/Madrid)". */
export function formatMoment(iso: string, timeZone: string, language: Language): string {
  const formatted = new Intl.DateTimeFormat(intlLocale(language), {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${formatted} (${timeZone})`;
}

/** A calendar day (`YYYY-MM-DD`) as the reader reads it: "Mon 1 Feb 2027", "lun, 1 feb 2027", "2027年2月1日周一". */
export const formatDay = (date: string, language: Language): string =>
  new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));

/** A span of days as the reader reads it ("1 – 28 February 2027", "1–28 de febrero de 2027", "2027/2/1 – 2027/2/28"), by `Intl`. */
export const formatDayRange = (start: string, end: string, language: Language): string =>
  new Intl.DateTimeFormat(intlLocale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRange(new Date(`${start.slice(0, 10)}T00:00:00Z`), new Date(`${end.slice(0, 10)}T00:00:00Z`));

/** A calendar month (`YYYY-MM`) as the reader reads it: "November 2026", "noviembre de 2026", "2026年11月". */
export const formatMonth = (month: string, language: Language): string =>
  new Intl.DateTimeFormat(intlLocale(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
