/**
 * Faults the emulators cannot make, injected into this process's SDK clients (the only mocks the
 * tests use): the service is down for the calls that go through them.
 */
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { vi } from 'vitest';

/** Every email this process sends fails as if SES were unavailable; restore the spy to end it. */
export function failEmails() {
  return vi
    .spyOn(SESv2Client.prototype, 'send')
    .mockImplementation((command) =>
      command instanceof SendEmailCommand
        ? Promise.reject(
            Object.assign(new Error('SES unavailable (injected)'), { name: 'ServiceUnavailable' }),
          )
        : Promise.reject(new Error(`Unexpected SES call ${command.constructor.name}`)),
    );
}

/**
 * Every transaction this process makes that puts an item whose sort key starts with `sortPrefix`
 * fails as if DynamoDB were unavailable; other calls (updates of such items included) go through.
 * Restore the spy to end it.
 */
export function failTablePuts(sortPrefix: string) {
  const send = DynamoDBClient.prototype.send;
  return vi.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(function (
    this: DynamoDBClient,
    ...args: Parameters<DynamoDBClient['send']>
  ) {
    const [command] = args;
    const puts =
      command instanceof TransactWriteItemsCommand &&
      (command.input.TransactItems ?? []).some((t) => t.Put?.Item?.SK?.S?.startsWith(sortPrefix));
    if (puts)
      return Promise.reject(
        Object.assign(new Error('DynamoDB unavailable (injected)'), { name: 'ServiceUnavailable' }),
      );
    return (send as (...a: typeof args) => ReturnType<DynamoDBClient['send']>).apply(this, args);
  } as DynamoDBClient['send']);
}

/** Every waiting workflow step this process resumes fails as if Step Functions were unavailable. */
export function failWorkflowResumes() {
  const send = SFNClient.prototype.send;
  return vi.spyOn(SFNClient.prototype, 'send').mockImplementation(function (
    this: SFNClient,
    ...args: Parameters<SFNClient['send']>
  ) {
    if (args[0] instanceof SendTaskSuccessCommand)
      return Promise.reject(
        Object.assign(new Error('Step Functions unavailable (injected)'), { name: 'ServiceUnavailable' }),
      );
    return (send as (...a: typeof args) => ReturnType<SFNClient['send']>).apply(this, args);
  } as SFNClient['send']);
}
