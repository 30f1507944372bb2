import type { Language } from '../platform/i18n.js';
import { builtInDeliverableWords, builtInMilestoneWords } from './messages.js';

/** A key of a built-in template's milestone, whose name has words in every language. */
export type BuiltInMilestoneKey = keyof (typeof builtInMilestoneWords)['en'];

/** Whether a template milestone is a built-in one as the agency ships it: its key, its name unchanged. */
export const isBuiltInName = (key: string, name: string): key is BuiltInMilestoneKey =>
  Object.hasOwn(builtInMilestoneWords.en, key) &&
  builtInMilestoneWords.en[key as BuiltInMilestoneKey] === name;

/**
 * A milestone's name as a reader reads it: a built-in template's name (`nameKey`, kept while the
 * name is not changed) in their language; a name staff typed as typed.
 */
export const milestoneName = (m: { name: string; nameKey?: string }, language: Language): string =>
  m.nameKey && Object.hasOwn(builtInMilestoneWords.en, m.nameKey)
    ? builtInMilestoneWords[language][m.nameKey as BuiltInMilestoneKey]
    : m.name;

/** A key of a built-in template's milestone that has a deliverable, worded in every language. */
type BuiltInDeliverableKey = keyof (typeof builtInDeliverableWords)['en'];

/** Whether a template milestone's deliverable is the built-in one as shipped: its key, its text unchanged. */
export const isBuiltInDeliverable = (key: string, deliverable: string): key is BuiltInDeliverableKey =>
  Object.hasOwn(builtInDeliverableWords.en, key) &&
  builtInDeliverableWords.en[key as BuiltInDeliverableKey] === deliverable;

/** A milestone's deliverable as a reader reads it: a built-in one (`deliverableKey`) in their language, one typed as typed. */
export const milestoneDeliverable = (
  m: { deliverable?: string; deliverableKey?: string },
  language: Language,
): string | undefined =>
  m.deliverableKey && Object.hasOwn(builtInDeliverableWords.en, m.deliverableKey)
    ? builtInDeliverableWords[language][m.deliverableKey as BuiltInDeliverableKey]
    : m.deliverable;
