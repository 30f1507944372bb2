/**
 * Faults the emulators cannot make, injected into this process's SDK clients (the only mocks the
 * tests use): the service is down for the calls that go through them.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
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
