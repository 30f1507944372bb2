import { draftSubject } from '../shared/creative/index.js';
import { mediaPlanSubject } from '../shared/media/index.js';
import { registerSubjects } from '../shared/signoff/index.js';

/**
 * What the sign-off engine reviews in this system. The engine imports no subject; every
 * function that runs it (starts reviews, records decisions or new versions, runs the review
 * workflow's tasks, shows approval pages) calls this once at cold start. A unit test checks that
 * every entry point reaching the engine does.
 */
export function registerSignOffSubjects(): void {
  registerSubjects(draftSubject, mediaPlanSubject);
}
