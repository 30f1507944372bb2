/**
 * Creative drafts: versioned files uploaded straight to S3, each read for its real facts
 * (type, size, duration) and checked against the specs of the media it runs in; a draft is a
 * subject of the sign-off engine (`draftSubject`), released to production when signed off.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { creativeRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(creativeRefusalWords);

export {
  completeUpload,
  createDraft,
  downloadVersion,
  getDraft,
  listJobDrafts,
  recordUpload,
  requestVersion,
  versionOfObjectKey,
} from './drafts.js';
export { probeMedia } from './media-probe.js';
export * from './schemas.js';
export { describeReason } from './spec-check.js';
export { draftSubject } from './subject.js';
