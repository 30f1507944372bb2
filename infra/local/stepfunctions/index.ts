/** Local Step Functions: the service, its clock, and the runtime behind the endpoint. */
export { ClockAbortedError, LocalClock } from './clock.js';
export { type LocalStateMachine, stateMachinesFromTemplate } from './definitions.js';
export { type ExecutionRecord, LOST_CAUSE, LOST_ERROR, LocalStepFunctions, SfnApiError } from './runtime.js';
export {
  STEPFUNCTIONS_SERVICE,
  type StepFunctionsInfo,
  type StepFunctionsServiceOptions,
  stepFunctionsService,
} from './service.js';
