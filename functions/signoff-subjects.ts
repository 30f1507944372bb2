import { estimateSubject } from '../shared/cost/index.js';
import { draftSubject } from '../shared/creative/index.js';
import { mediaPlanSubject } from '../shared/media/index.js';
import { registerSignOffObservers, registerSubjects } from '../shared/signoff/index.js';
import { briefSubject, timetableSubject, trafficSignOffObserver } from '../shared/traffic/index.js';

/**
 * What the sign-off engine reviews in this system, and who follows its sign-offs (a job's
 * schedule). The engine imports no subject and no observer; every function that runs it (starts
 * reviews, records decisions or new versions, runs the review workflow's tasks, shows approval
 * pages) calls this once at cold start. A unit test checks that every entry point reaching the
 * engine does.
 */
export function registerSignOffSubjects(): void {
  registerSubjects(draftSubject, mediaPlanSubject, briefSubject, timetableSubject, estimateSubject);
  registerSignOffObservers(trafficSignOffObserver);
}
