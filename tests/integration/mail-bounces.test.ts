/**
 * Email that does not arrive, end to end on the local stack. A client approver's address is SES's
 * mailbox simulator (`bounce+…@simulator.amazonses.com`): the approval request goes out through the
 * configuration set, the local SES publishes the hard bounce SES would, the local EventBridge
 * delivers it by the template's rule to the mail-events function, and the contact is marked
 * (visible in GET of the contact), the AE is told which step now waits for someone who never got
 * its link, and the next sign-off emails to that contact are withheld (the AE told instead). A
 * complaint injected as EventBridge would deliver it (PutEvents) marks a contact too; correcting
 * the address clears the mark.
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as rv from '../support/reviews.js';

type Json = fx.Json;

const simulator = (kind: 'bounce' | 'complaint') =>
  `${kind}+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;

async function setEmail(by: fx.Person, contact: Json, email: string | null, field = 'email'): Promise<Json> {
  const current = await api('GET', `/clients/${contact.clientId}/contacts/${contact.contactId}`, {
    token: by.token,
  });
  fx.expectStatus(current, 200, 'GET contact');
  const res = await api('PATCH', `/clients/${contact.clientId}/contacts/${contact.contactId}`, {
    token: by.token,
    body: { [field]: email },
    headers: { 'if-match': current.headers.get('etag') ?? '' },
  });
  fx.expectStatus(res, 200, 'PATCH contact');
  return res.body;
}

async function contactOf(by: fx.Person, contact: Json): Promise<Json> {
  const res = await api('GET', `/clients/${contact.clientId}/contacts/${contact.contactId}`, {
    token: by.token,
  });
  fx.expectStatus(res, 200, 'GET contact');
  return res.body;
}

describe('a bounced approver', () => {
  let s: rv.ReviewSetup;
  let bouncing: Json;
  let reviewId: string;

  beforeAll(async () => {
    s = await rv.reviewReady({ approvers: 2 });
    bouncing = await setEmail(s.agency.ae, s.contacts[1], simulator('bounce'));
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    reviewId = review.reviewId;
    await rv.stepOpened(s.agency.ae, s.draftId, 1);
    for (const who of [s.agency.am, s.agency.ad]) {
      const approval = await rv.pendingApproval(who, s.draftId);
      fx.expectStatus(await rv.decide(who, approval.approvalId, 'approve'), 200);
    }
    await rv.stepOpened(s.agency.ae, s.draftId, 2);
  }, 60_000);

  it('is marked once the bounce comes back, visibly in GET of the contact', async () => {
    await expect
      .poll(async () => (await contactOf(s.agency.ae, bouncing)).mailStatus?.problem, {
        timeout: 15_000,
        interval: 100,
      })
      .toBe('bounced');
    const contact = await contactOf(s.agency.ae, bouncing);
    expect(contact.mailStatus).toMatchObject({
      address: bouncing.email,
      detail: expect.stringContaining('550'),
    });
    // It went out once, through the simulator; the other approver got theirs as usual.
    expect(await rv.mailsTo(bouncing.email)).toHaveLength(1);
    expect(await rv.approvalLink(s.contacts[0].email)).toMatch(rv.approvalLinkPattern);
    const activity = await api('GET', `/clients/${s.client.clientId}/activity`, { token: s.agency.ae.token });
    expect(activity.body.items.map((e: Json) => e.action)).toContain('contact.mail_bounced');
  });

  it('tells the AE, naming the step that waits for someone who never got the link', async () => {
    let told: rv.Mail[] = [];
    await expect
      .poll(
        async () => {
          told = (await rv.mailsTo(s.agency.ae.staff.email)).filter((m) =>
            m.subject.includes('Email bounced'),
          );
          return told.length;
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBe(1);
    expect(told[0]!.subject).toContain(bouncing.name);
    expect(told[0]!.text).toContain('client review');
    // The client's page in the console, where the address is corrected (never an API call to make).
    expect(told[0]!.text).toMatch(new RegExp(`https?://[^ ]+/clients/${bouncing.clientId}\\)`));
    expect(told[0]!.text).not.toContain('PATCH');
  });

  it('withholds the next sign-off emails to them and tells the AE instead; the others still get theirs', async () => {
    const arn = await rv.executionArnOf(reviewId);
    expect(await rv.fireDeadlines(arn)).toBe(1); // the reminder, a working day before the deadline
    await expect
      .poll(
        async () =>
          (await rv.mailsTo(s.agency.ae.staff.email)).filter((m) =>
            m.subject.includes(`Not sent to ${bouncing.name}`),
          ).length,
        { timeout: 15_000, interval: 100 },
      )
      .toBe(1);
    expect(await rv.approvalLink(s.contacts[0].email, 2)).toMatch(rv.approvalLinkPattern);
    expect(await rv.mailsTo(bouncing.email)).toHaveLength(1);
  });

  it('is cleared by correcting the address', async () => {
    const corrected = await setEmail(
      s.agency.ae,
      bouncing,
      fx.uniqueName('fixed').replace(/\W/g, '') + '@client.example',
    );
    expect(corrected.mailStatus).toBeUndefined();
    expect((await contactOf(s.agency.ae, bouncing)).mailStatus).toBeUndefined();
  });
});

describe('a complaint delivered as EventBridge delivers it', () => {
  it('marks the contact named by the message tags; a repeated event changes nothing more', async () => {
    const agency = await fx.buildAgency();
    const { client, contact } = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const events = new EventBridgeClient({ endpoint: inject('env').AWS_ENDPOINT_URL_EVENTBRIDGE });
    const configurationSet = inject('env').MAIL_CONFIGURATION_SET ?? '';
    const complaint = {
      Source: 'aws.ses',
      DetailType: 'Email Complaint Received',
      Detail: JSON.stringify({
        eventType: 'Complaint',
        mail: {
          messageId: randomUUID(),
          timestamp: new Date().toISOString(),
          destination: [contact.email],
          tags: {
            'ses:configuration-set': [configurationSet],
            clientId: [client.clientId],
            contactId: [contact.contactId],
          },
        },
        complaint: {
          complaintFeedbackType: 'abuse',
          complainedRecipients: [{ emailAddress: contact.email }],
          timestamp: new Date().toISOString(),
        },
      }),
    };
    const put = await events.send(new PutEventsCommand({ Entries: [complaint, complaint] }));
    expect(put.FailedEntryCount).toBe(0);
    await expect
      .poll(async () => (await contactOf(agency.ae, contact)).mailStatus?.problem, {
        timeout: 15_000,
        interval: 100,
      })
      .toBe('complained');
    await expect
      .poll(
        async () =>
          (await rv.mailsTo(agency.ae.staff.email)).filter((m) =>
            m.subject.includes('Email reported as spam'),
          ).length,
        { timeout: 15_000, interval: 100 },
      )
      .toBe(1);
    // Another configuration set's events are not ours: the rule's pattern leaves them out.
    const other = await events.send(
      new PutEventsCommand({
        Entries: [{ ...complaint, Detail: complaint.Detail.replace(configurationSet, 'someone-elses-set') }],
      }),
    );
    expect(other.FailedEntryCount).toBe(0);
    const activity = await api('GET', `/clients/${client.clientId}/activity`, { token: agency.ae.token });
    expect(activity.body.items.filter((e: Json) => e.action === 'contact.mail_complaint')).toHaveLength(1);
  });
});
