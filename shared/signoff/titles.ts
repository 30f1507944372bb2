import { agencyLanguage, type Language } from '../platform/i18n.js';
import { reviewTitleWords } from './messages.js';
import type { ReviewTitleParts } from './schemas.js';

/**
 * A review's title as one reader reads it. Reviews record their title's parts (what is under
 * review, its name) and are worded per reader; a review opened before parts were recorded keeps
 * the title it was opened with.
 */
export const reviewTitle = (
  review: { title: string; titleParts?: ReviewTitleParts },
  language: Language,
): string =>
  review.titleParts
    ? reviewTitleWords[language][review.titleParts.kind](review.titleParts.name, review.titleParts.of ?? '')
    : review.title;

/** The title as written when the review opens (the agency's language), with the parts it is made of. */
export const titled = (parts: ReviewTitleParts) => ({
  title: reviewTitle({ title: '', titleParts: parts }, agencyLanguage),
  titleParts: parts,
});
