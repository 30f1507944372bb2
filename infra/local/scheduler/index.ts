/** Local EventBridge Scheduler: the service, schedules from the template, expression evaluation. */
export {
  InvalidExpressionError,
  nextFireTime,
  parseScheduleExpression,
  scheduledTimeString,
  UnsupportedExpressionError,
} from './expression.js';
export { type ScheduledRun, type SchedulerInfo, schedulerService } from './service.js';
