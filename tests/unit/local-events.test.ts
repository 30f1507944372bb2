/**
 * The local EventBridge's event patterns (the subset the template's rules use, and the common
 * content filters) and the local SES's mailbox-simulator events, against the shapes AWS uses.
 */
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../infra/local/events/pattern.js';
import { simulatorEvents } from '../../infra/local/ses.js';
import { undeliverableMail } from '../../shared/platform/mail-events.js';

const sesEvent = (tags: Record<string, string[]>) => ({
  source: 'aws.ses',
  'detail-type': 'Email Bounced',
  detail: { eventType: 'Bounce', mail: { tags } },
});

describe('event patterns', () => {
  const rule = {
    source: ['aws.ses'],
    'detail-type': ['Email Bounced', 'Email Complaint Received'],
    detail: { mail: { tags: { 'ses:configuration-set': ['set-a'] } } },
  };

  it('match on literals, nested fields and any value of an array', () => {
    expect(matchesPattern(rule, sesEvent({ 'ses:configuration-set': ['set-a'], clientId: ['C1'] }))).toBe(
      true,
    );
    expect(matchesPattern(rule, sesEvent({ 'ses:configuration-set': ['set-b'] }))).toBe(false);
    expect(matchesPattern(rule, sesEvent({}))).toBe(false);
    expect(
      matchesPattern(rule, { ...sesEvent({ 'ses:configuration-set': ['set-a'] }), source: 'aws.s3' }),
    ).toBe(false);
  });

  it('support prefix, suffix, anything-but, exists and equals-ignore-case', () => {
    const event = { detail: { object: { key: 'clients/C1/drafts/a.png' }, status: 'open' } };
    expect(matchesPattern({ detail: { object: { key: [{ prefix: 'clients/' }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { object: { key: [{ prefix: 'reports/' }] } } }, event)).toBe(false);
    expect(matchesPattern({ detail: { object: { key: [{ suffix: '.png' }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { status: [{ 'anything-but': ['closed'] }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { status: [{ 'anything-but': 'open' }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { missing: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { status: [{ exists: false }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { status: [{ 'equals-ignore-case': 'OPEN' }] } }, event)).toBe(true);
  });
});

describe('the local SES mailbox simulator', () => {
  const destinations = new Map([['set-a', new Set(['BOUNCE', 'COMPLAINT'])]]);
  const send = (to: string, set = 'set-a') => ({
    FromEmailAddress: 'approvals@agency.example',
    ConfigurationSetName: set,
    Destination: { ToAddresses: [to] },
    EmailTags: [
      { Name: 'clientId', Value: 'C1' },
      { Name: 'contactId', Value: 'K1' },
    ],
  });

  it('publishes the hard bounce SES would, with the message tags, which the mail-events reader understands', () => {
    const [entry, ...more] = simulatorEvents(send('bounce+x1@simulator.amazonses.com'), 'm-1', destinations);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ Source: 'aws.ses', DetailType: 'Email Bounced' });
    const mail = undeliverableMail(entry!.Detail as never);
    expect(mail).toMatchObject({
      problem: 'bounced',
      recipients: [{ address: 'bounce+x1@simulator.amazonses.com' }],
      tags: { clientId: 'C1', contactId: 'K1' },
      messageId: 'm-1',
    });
  });

  it('publishes a complaint; nothing for other recipients, or without an EventBridge destination', () => {
    const [complaint] = simulatorEvents(send('complaint@simulator.amazonses.com'), 'm-2', destinations);
    expect(undeliverableMail(complaint!.Detail as never)?.problem).toBe('complained');
    expect(simulatorEvents(send('someone@client.example'), 'm-3', destinations)).toEqual([]);
    expect(simulatorEvents(send('bounce@simulator.amazonses.com', 'set-b'), 'm-4', destinations)).toEqual([]);
  });

  it('is read as nothing to do for a transient bounce', () => {
    expect(
      undeliverableMail({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [] } }),
    ).toBeUndefined();
  });
});
