/** Local EventBridge Scheduler: the service, schedules from the template, expression evaluation. */
export {
  asyncRetryAttempts,
  type LocalSchedule,
  schedulesFromTemplate,
  substituteContext,
} from './definitions.js';
export {
  InvalidExpressionError,
  nextFireTime,
  type ParsedExpression,
  parseScheduleExpression,
  type ScheduleTiming,
  scheduledTimeString,
  UnsupportedExpressionError,
} from './expression.js';
export {
  NoSuchScheduleError,
  SCHEDULER_SERVICE,
  type ScheduledRun,
  type SchedulerInfo,
  type SchedulerServiceOptions,
  type ScheduleState,
  schedulerService,
} from './service.js';
