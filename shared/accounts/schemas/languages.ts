import * as z from 'zod';
import { languages } from '../../platform/i18n.js';

/**
 * The languages the agency's own documents are written in (`shared/platform/i18n.ts`): the staff
 * console is in each, and each staff member and client contact has one.
 */
export type { Language } from '../../platform/i18n.js';

export const languageSchema = z
  .enum(languages)
  .meta({ id: 'Language', description: 'en (English), es (Spanish) or zh-CN (Simplified Chinese).' });
