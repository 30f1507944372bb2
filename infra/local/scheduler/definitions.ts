/**
 * The `AWS::Scheduler::Schedule` resources of the synthesized template, resolved as the local
 * runner resolves everything else (`TemplateResolver`): expression, time zone, state, start and
 * end dates, and the target (ARN, input, retry policy, dead-letter queue).
 */
import type { TemplateResolver } from '../template.js';

/** Scheduler's context attributes, substituted into a target's input at every invocation. */
const CONTEXT_ATTRIBUTES = {
  scheduleArn: '<aws.scheduler.schedule-arn>',
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
  attemptNumber: '<aws.scheduler.attempt-number>',
} as const;

/** Lambda's default for asynchronous invocations without an `EventInvokeConfig`. */
export const DEFAULT_ASYNC_RETRY_ATTEMPTS = 2;

export interface LocalScheduleTarget {
  arn: string;
  /** The target input as in the template (context attributes not yet substituted). */
  input?: string;
  roleArn?: string;
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  deadLetterArn?: string;
}

export interface LocalSchedule {
  logicalId: string;
  name: string;
  groupName: string;
  arn: string;
  expression: string;
  timezone?: string;
  enabled: boolean;
  startMs?: number;
  endMs?: number;
  description?: string;
  target: LocalScheduleTarget;
  /** The `job` field of a JSON input, if there is one (what `POST /_local/run {"job"}` matches). */
  job?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: resolved CloudFormation properties
type Json = any;

const optionalNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : undefined;

const optionalDate = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/** Substitutes Scheduler's context attributes in a target input. */
export function substituteContext(
  input: string,
  values: { scheduleArn: string; scheduledTime: string; executionId: string; attemptNumber: number },
): string {
  return input
    .replaceAll(CONTEXT_ATTRIBUTES.scheduleArn, values.scheduleArn)
    .replaceAll(CONTEXT_ATTRIBUTES.scheduledTime, values.scheduledTime)
    .replaceAll(CONTEXT_ATTRIBUTES.executionId, values.executionId)
    .replaceAll(CONTEXT_ATTRIBUTES.attemptNumber, String(values.attemptNumber));
}

function jobOf(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  try {
    const parsed = JSON.parse(
      substituteContext(input, { scheduleArn: '', scheduledTime: '', executionId: '', attemptNumber: 1 }),
    ) as Json;
    return typeof parsed?.job === 'string' ? parsed.job : undefined;
  } catch {
    return undefined;
  }
}

export function schedulesFromTemplate(resolver: TemplateResolver): LocalSchedule[] {
  const schedules: LocalSchedule[] = [];
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::Scheduler::Schedule')) {
    const props = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Json;
    const target = (props.Target ?? {}) as Json;
    const input = typeof target.Input === 'string' ? target.Input : undefined;
    schedules.push({
      logicalId,
      name: typeof props.Name === 'string' ? props.Name : resolver.physicalName(logicalId),
      groupName: typeof props.GroupName === 'string' ? props.GroupName : 'default',
      arn: resolver.arn(logicalId),
      expression: String(props.ScheduleExpression ?? ''),
      timezone:
        typeof props.ScheduleExpressionTimezone === 'string' ? props.ScheduleExpressionTimezone : undefined,
      enabled: props.State !== 'DISABLED',
      startMs: optionalDate(props.StartDate),
      endMs: optionalDate(props.EndDate),
      description: typeof props.Description === 'string' ? props.Description : undefined,
      target: {
        arn: String(target.Arn ?? ''),
        input,
        roleArn: typeof target.RoleArn === 'string' ? target.RoleArn : undefined,
        maximumRetryAttempts: optionalNumber(target.RetryPolicy?.MaximumRetryAttempts),
        maximumEventAgeInSeconds: optionalNumber(target.RetryPolicy?.MaximumEventAgeInSeconds),
        deadLetterArn:
          typeof target.DeadLetterConfig?.Arn === 'string' ? target.DeadLetterConfig.Arn : undefined,
      },
      job: jobOf(input),
    });
  }
  return schedules;
}

/**
 * Retry attempts of a function's asynchronous invocations (its `AWS::Lambda::EventInvokeConfig`),
 * by function name. Scheduler invokes Lambda asynchronously: a handler's error is retried by
 * Lambda, not by Scheduler's retry policy (which covers failed deliveries).
 */
export function asyncRetryAttempts(resolver: TemplateResolver): Map<string, number> {
  const attempts = new Map<string, number>();
  for (const [, resource] of resolver.resourcesOfType('AWS::Lambda::EventInvokeConfig')) {
    const props = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Json;
    const n = optionalNumber(props.MaximumRetryAttempts);
    if (typeof props.FunctionName === 'string' && n !== undefined) attempts.set(props.FunctionName, n);
  }
  return attempts;
}
