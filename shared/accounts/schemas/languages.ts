import * as z from 'zod';

/**
 * The languages the agency's own documents are written in: the staff console is in each, and
 * each staff member and client contact has one.
 */
export const languages = ['en', 'es', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

export const languageSchema = z
  .enum(languages)
  .meta({ id: 'Language', description: 'en (English), es (Spanish) or zh-CN (Simplified Chinese).' });
