/** Local Step Functions: the service, its clock, and the runtime behind the endpoint. */
export { LocalClock } from './clock.js';
export { LOST_CAUSE, LOST_ERROR } from './runtime.js';
export { stepFunctionsService } from './service.js';
