/**
 * Traffic (time): a job's schedule of milestones from the agency's templates, on the client's
 * calendar, with dependencies, the critical path, moves (and proposals), facts from the sign-off
 * engine (`trafficSignOffObserver`), the timetable the client signs (`timetableSubject`) as the
 * baseline, briefs (`briefSubject`), everyone's tasks, the traffic board and the daily
 * overdue-milestones job.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { trafficRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(trafficRefusalWords);

export { actionTaskWrite, actionTitled } from './action-tasks.js';
export { briefSubject } from './brief-subject.js';
export {
  createBrief,
  getBrief,
  getBriefVersion,
  listBriefVersions,
  listJobBriefs,
  reviseBrief,
} from './briefs.js';
export { shownTimetable, timetableSection } from './documents.js';
export { milestonesKeepBuiltInNames } from './migrations.js';
export { trafficSignOffObserver } from './observers.js';
export { overdueMilestones } from './overdue.js';
export { createProposal, decideProposal, listProposals } from './proposals.js';
export {
  createSchedule,
  getSchedule,
  previewChange,
  recordProgress,
  saveChange,
} from './schedules.js';
export * from './schemas.js';
export { listMyTasks, listStaffTasks, trafficBoard } from './tasks.js';
export { getTemplate, listTemplates, putTemplate } from './templates.js';
export {
  freezeTimetable,
  getTimetableVersion,
  latestTimetableVersion,
  listTimetableVersions,
  timetableSignedWrites,
  timetableSubject,
  timetableVersionOf,
} from './timetable.js';
