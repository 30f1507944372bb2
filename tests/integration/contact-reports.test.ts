import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { endOfWorkingDaysAfter } from '../../shared/platform/working-days.js';
import { api, inboxUrl, uniqueEmail } from '../support/api.js';
import { chromiumPath, launchBrowser, openInbox } from '../support/browser.js';
import * as fx from '../support/fixtures.js';
import * as rv from '../support/reviews.js';

/**
 * Issue 15 §1 on the local stack: contact reports written and issued, the minutes emailed to the
 * client attendees (in their language) with a link to confirm or raise a question, and the
 * one-working-day window of the minutes workflow run with its own fast-forwarded clock —
 * confirmed by silence, confirmed explicitly, and disputed then corrected with a new window.
 */
type Json = fx.Json;

const minutesLinkPattern = /https?:\/\/[^\s"<>]+\/approve\/minutes\/[A-Za-z0-9_-]{43}/g;
const madrid = { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: [] as string[] };

let agency: fx.Agency;
let client: Json;
let spanish: Json;
let english: Json;

async function addContact(language: 'en' | 'es' | 'zh-CN'): Promise<Json> {
  const res = await api('POST', `/clients/${client.clientId}/contacts`, {
    token: agency.ae.token,
    body: {
      name: fx.uniqueName('Contact'),
      email: uniqueEmail('contact'),
      level: 'senior',
      approves: [],
      language,
    },
  });
  fx.expectStatus(res, 201);
  return res.body;
}

beforeAll(async () => {
  agency = await fx.buildAgency();
  client = await fx.completeIntake(agency.ad, await fx.createClient(agency.ad, { calendar: madrid }));
  await fx.setTeam(agency.ad, client.clientId, [agency.ad, agency.am, agency.ae, agency.aae]);
  [spanish, english] = await Promise.all([addContact('es'), addContact('en')]);
}, 60_000);

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function writeReport(by: fx.Person, attendees: Json[], extra: Json = {}): Promise<Json> {
  const res = await api('POST', `/clients/${client.clientId}/contact-reports`, {
    token: by.token,
    headers: { 'idempotency-key': `minutes-${Math.random().toString(36).slice(2)}` },
    body: {
      meetingAt: yesterday(),
      place: 'Client office, Madrid',
      subject: fx.uniqueName('Spring campaign review'),
      agencyAttendees: [agency.aae.staff.staffId, agency.ae.staff.staffId],
      clientAttendees: attendees.map((c) => c.contactId),
      agenda: ['Creative routes', 'Media budget'],
      decisions: ['Route B goes to production.'],
      nextSteps: [
        {
          action: 'Send revised storyboard',
          owner: { kind: 'staff', staffId: agency.ae.staff.staffId },
          due: inDays(3),
        },
        {
          action: 'Confirm the media budget',
          owner: { kind: 'contact', contactId: attendees[0].contactId },
          due: inDays(5),
        },
      ],
      keyDates: [{ date: inDays(20), what: 'On air' }],
      ...extra,
    },
  });
  fx.expectStatus(res, 201, 'POST /clients/{clientId}/contact-reports');
  return res.body;
}

async function issue(by: fx.Person, report: Json): Promise<Json> {
  const res = await api('POST', `/contact-reports/${report.reportId}/issue`, {
    token: by.token,
    headers: { 'if-match': `"${report.version}"` },
  });
  fx.expectStatus(res, 200, 'POST /contact-reports/{reportId}/issue');
  return res.body;
}

async function report(reportId: string, by = agency.ae): Promise<Json> {
  const res = await api('GET', `/contact-reports/${reportId}`, { token: by.token });
  fx.expectStatus(res, 200);
  return res.body;
}

async function reportWhen(reportId: string, check: (r: Json) => boolean): Promise<Json> {
  let current: Json;
  await expect
    .poll(
      async () => {
        current = await report(reportId);
        return check(current);
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe(true);
  return current;
}

/** The `count`-th minutes link emailed to `address`, and the emails so far. */
async function minutesLink(address: string, count = 1): Promise<{ link: string; mails: rv.Mail[] }> {
  let links: string[] = [];
  let mails: rv.Mail[] = [];
  await expect
    .poll(
      async () => {
        mails = await rv.mailsTo(address);
        links = mails.flatMap((m) => m.text.match(minutesLinkPattern) ?? []);
        return links.length;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBeGreaterThanOrEqual(count);
  return { link: links[count - 1]!, mails };
}

const linksTo = async (address: string) =>
  (await rv.mailsTo(address)).flatMap((m) => m.text.match(minutesLinkPattern) ?? []).length;

const sfn = () => new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });

async function executionOf(reportId: string, number: number, run?: number): Promise<string> {
  const name = `${reportId}-v${String(number).padStart(4, '0')}${run ? `-run${run}` : ''}`;
  let arn: string | undefined;
  await expect
    .poll(async () => {
      const out = await sfn().send(
        new ListExecutionsCommand({
          stateMachineArn: inject('env').MINUTES_STATE_MACHINE_ARN,
          maxResults: 1000,
        }),
      );
      arn = out.executions?.find((e) => e.name === name)?.executionArn;
      return Boolean(arn);
    })
    .toBe(true);
  return arn!;
}

async function executionEnds(arn: string) {
  await expect
    .poll(async () => (await sfn().send(new DescribeExecutionCommand({ executionArn: arn }))).status)
    .toBe('SUCCEEDED');
}

const answer = (link: string, page: { hidden: Record<string, string> }, fields: Record<string, string>) =>
  rv.submitLink(link, { ...page.hidden, ...fields });

describe('contact reports: drafts, who may write them, issuing', () => {
  it('a draft is written by the account line, edited with optimistic locking, and refused in plain words to others', async () => {
    const denied = await api('POST', `/clients/${client.clientId}/contact-reports`, {
      token: agency.creative.token,
      body: {
        meetingAt: yesterday(),
        subject: 'x',
        agencyAttendees: [],
        clientAttendees: [english.contactId],
      },
    });
    // The creative is not on the team: the client is not theirs to see.
    fx.expectProblem(denied, 404);

    const draft = await writeReport(agency.aae, [english], { kind: 'call', place: 'Phone' });
    expect(draft).toMatchObject({
      kind: 'call',
      status: 'draft',
      latestIssued: 0,
      reporterId: agency.aae.staff.staffId,
    });
    expect(draft.draft.nextSteps.map((s: Json) => s.stepId)).toEqual(['N001', 'N002']);
    expect(draft.draft.clientAttendees).toEqual([{ id: english.contactId, name: english.name }]);

    const unknownContact = await api('PATCH', `/contact-reports/${draft.reportId}`, {
      token: agency.aae.token,
      headers: { 'if-match': `"${draft.version}"` },
      body: { clientAttendees: [fx.unknownId()] },
    });
    fx.expectProblem(unknownContact, 400);
    expect(fx.problemFields(unknownContact)).toEqual(['body.clientAttendees.0']);

    const edited = await api('PATCH', `/contact-reports/${draft.reportId}`, {
      token: agency.aae.token,
      headers: { 'if-match': `"${draft.version}"` },
      body: { decisions: ['Route B goes to production.', 'Radio is dropped.'] },
    });
    fx.expectStatus(edited, 200);
    const stale = await api('PATCH', `/contact-reports/${draft.reportId}`, {
      token: agency.aae.token,
      headers: { 'if-match': `"${draft.version}"` },
      body: { decisions: ['Something else.'] },
    });
    fx.expectProblem(stale, 409, 'version_conflict');

    // The reporter's report is theirs and an AE's or above; the account rep of the team is refused in plain words.
    await fx.setTeam(agency.ad, client.clientId, [agency.ad, agency.am, agency.ae, agency.aae, agency.rep]);
    const rep = await api('PATCH', `/contact-reports/${draft.reportId}`, {
      token: agency.rep.token,
      headers: { 'if-match': `"${edited.body.version}"` },
      body: { subject: 'Changed by the rep' },
    });
    fx.expectProblem(rep, 403);
    expect(rep.body.detail).toBe(
      'Only the reporter, or an account executive or above, may change or issue these minutes or report their next steps.',
    );
    const list = await api('GET', `/clients/${client.clientId}/contact-reports?kind=call`, {
      token: agency.ae.token,
    });
    fx.expectStatus(list, 200);
    expect(list.body.items.map((r: Json) => r.reportId)).toContain(draft.reportId);
  });

  it('names only the client’s account team on the agency side: the minutes go to them by email', async () => {
    // The creative works for other clients, not this one.
    const outsider = agency.creative.staff.staffId;
    const named = async (extra: Json) =>
      api('POST', `/clients/${client.clientId}/contact-reports`, {
        token: agency.ae.token,
        body: {
          meetingAt: yesterday(),
          subject: fx.uniqueName('Outsiders'),
          agencyAttendees: [agency.ae.staff.staffId],
          clientAttendees: [english.contactId],
          ...extra,
        },
      });
    for (const [extra, field] of [
      [{ copiesTo: { staffIds: [outsider] } }, 'body.copiesTo.staffIds.0'],
      [{ agencyAttendees: [agency.ae.staff.staffId, outsider] }, 'body.agencyAttendees.1'],
      [
        {
          nextSteps: [
            { action: 'Brief the studio', owner: { kind: 'staff', staffId: outsider }, due: inDays(2) },
          ],
        },
        'body.nextSteps.0.owner.staffId',
      ],
    ] as const) {
      const refused = await named(extra);
      fx.expectProblem(refused, 400, 'validation_failed');
      expect(fx.problemFields(refused)).toEqual([field]);
      expect(refused.body.errors[0].message).toBe('Not an active member of this client’s account team.');
    }
    // The head sees every client.
    fx.expectStatus(await named({ copiesTo: { staffIds: [agency.head.staff.staffId] } }), 201);
  });

  it('issues a draft once when five people issue it at the same moment: one version, one window, the others 409', async () => {
    // An attendee of its own: the other tests count the emails theirs receive.
    const draft = await writeReport(agency.ae, [await addContact('en')]);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        api('POST', `/contact-reports/${draft.reportId}/issue`, {
          token: agency.ae.token,
          headers: { 'if-match': `"${draft.version}"` },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body.code).toBe('version_conflict');
    const issued = await report(draft.reportId);
    expect(issued.latestIssued).toBe(1);
    // The one window runs (a refused issue never stops it).
    const arn = await executionOf(draft.reportId, 1);
    expect((await sfn().send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');
  });
});

describe('the one-working-day rule on the local stack', () => {
  it('confirmed by silence: nobody questions the minutes by the end of the next working day', async () => {
    const draft = await writeReport(agency.aae, [spanish], { copiesTo: { contactIds: [english.contactId] } });
    const issued = await issue(agency.aae, draft);
    expect(issued.status).toBe('awaiting_confirmation');
    expect(issued.latestIssued).toBe(1);

    // The attendee reads it in Spanish, with the rule; the copy goes to the other contact without a link.
    const { link, mails } = await minutesLink(spanish.email);
    expect(mails[0]!.subject).toContain('Acta de reunión para su confirmación');
    expect(mails[0]!.text).toContain('dentro del día hábil siguiente a su recepción');
    await expect.poll(async () => (await rv.mailsTo(english.email)).length).toBe(1);
    const copy = (await rv.mailsTo(english.email))[0]!;
    expect(copy.subject).toContain('For your information');
    expect(copy.text).not.toMatch(minutesLinkPattern);

    const sent = await reportWhen(draft.reportId, (r) => Boolean(r.window?.deadline));
    // The deadline is the end of the next working day after sending, on the client's calendar.
    expect(sent.window.deadline).toBe(
      endOfWorkingDaysAfter(new Date(sent.window.sentAt), 1, madrid).toISOString(),
    );
    expect(sent.why).toContain('one working day after receiving it');

    // The AE's next step is on their task list; the client's is kept on the report.
    const tasks = await api('GET', '/me/tasks', { token: agency.ae.token });
    fx.expectStatus(tasks, 200);
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'action',
        sourceId: draft.reportId,
        actionId: 'N001',
        title: `Send revised storyboard (agreed: ${draft.draft.subject})`,
      }),
    );
    // The system's words around the action are the reader's; the action and the meeting stay as written.
    for (const [language, title] of [
      ['es', `Send revised storyboard (acordado en: ${draft.draft.subject})`],
      ['zh-CN', `Send revised storyboard（议定于：${draft.draft.subject}）`],
    ] as const) {
      fx.expectStatus(await api('PATCH', '/me', { token: agency.ae.token, body: { language } }), 200);
      const read = await api('GET', '/me/tasks', { token: agency.ae.token });
      expect(read.body.items.find((t: Json) => t.sourceId === draft.reportId).title).toBe(title);
    }
    fx.expectStatus(await api('PATCH', '/me', { token: agency.ae.token, body: { language: 'en' } }), 200);
    expect(sent.nextSteps.map((s: Json) => [s.stepId, s.owner.kind, s.status])).toEqual([
      ['N001', 'staff', 'open'],
      ['N002', 'contact', 'open'],
    ]);

    // A GET (a mail scanner) decides nothing.
    expect((await rv.openLink(link)).status).toBe(200);
    expect((await report(draft.reportId)).status).toBe('awaiting_confirmation');

    // The window's end comes (this execution's own clock): confirmed by silence, with the time and the rule.
    const arn = await executionOf(draft.reportId, 1);
    expect(await rv.fireDeadlines(arn)).toBe(1);
    const settled = await reportWhen(draft.reportId, (r) => r.status === 'confirmed_by_silence');
    expect(settled.window.settledAt).toBe(settled.window.deadline);
    expect(settled.why).toContain('Confirmed by silence');
    expect(settled.why).toContain('within one working day of receiving it');
    await executionEnds(arn);
    await expect
      .poll(async () => (await rv.mailsTo(agency.aae.staff.email)).map((m) => m.subject))
      .toContainEqual(expect.stringContaining('Minutes confirmed by silence'));

    // The link now says the minutes stand; nothing can be answered.
    const after = await rv.openLink(link);
    expect(after.status).toBe(200);
    expect(after.html).toContain('Nadie planteó ninguna duda');
    expect(after.hidden.nonce).toBeUndefined();
  });

  it('explicit confirm: the attendee confirms on the page (same origin, once); the evidence is kept', async () => {
    const draft = await writeReport(agency.ae, [english]);
    await issue(agency.ae, draft);
    const { link } = await minutesLink(english.email, (await linksTo(english.email)) + 1);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('asks you to confirm these minutes');
    expect(page.hidden.nonce).toBeDefined();

    const otherOrigin = await rv.submitLink(
      link,
      { ...page.hidden, answer: 'confirm' },
      { origin: 'https://evil.example' },
    );
    expect(otherOrigin.status).toBe(403);

    const confirmed = await answer(link, page, { answer: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('You confirmed these minutes');
    const again = await answer(link, page, { answer: 'question', question: 'Changed my mind' });
    expect(again.html).toContain('You confirmed these minutes');

    const settled = await reportWhen(draft.reportId, (r) => r.status === 'confirmed');
    expect(settled.why).toContain('every client attendee confirmed');
    expect(settled.answers).toEqual([
      expect.objectContaining({ contactId: english.contactId, answer: 'confirm', via: 'link', version: 1 }),
    ]);
    expect(settled.answers[0].document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(settled.pageViews.length).toBeGreaterThanOrEqual(1);
    await executionEnds(await executionOf(draft.reportId, 1));
  });

  it('answers every hostile form on the minutes page with a 4xx page and records nothing', async () => {
    const draft = await writeReport(agency.ae, [english]);
    await issue(agency.ae, draft);
    const { link } = await minutesLink(english.email, (await linksTo(english.email)) + 1);
    const page = await rv.openLink(link);
    const good = { ...page.hidden, answer: 'confirm' };
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(link, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: new URL(link).origin,
          ...headers,
        },
        body,
      });
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const hostile: [string, string, Record<string, string>?][] = [
      ['no fields', ''],
      ['an unknown answer', form({ ...good, answer: 'approve' })],
      ['an extra field', form({ ...good, contactId: english.contactId })],
      ['a version that is not a number', form({ ...good, version: 'one' })],
      ['another report', form({ ...good, reportId: `${client.clientId}_01JZZZZZZZZZZZZZZZZZZZZZZZ` })],
      ['another version', form({ ...good, version: '2' })],
      ['a nonce never issued', form({ ...good, nonce: 'x'.repeat(24) })],
      ['a question over 4,000 characters', form({ ...good, answer: 'question', question: 'q'.repeat(4001) })],
      ['JSON instead of a form', JSON.stringify(good), { 'content-type': 'application/json' }],
      ['a body over 16 KB', form({ ...good, question: 'q'.repeat(17_000) })],
      ['no origin', form(good), { origin: '' }],
    ];
    for (const [what, body, headers] of hostile) {
      const res = await post(body, headers);
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      expect(res.headers.get('content-type'), what).toMatch(/^text\/html/);
    }
    // A refusal is worded in the reader's language, never the system's English.
    const refusedInSpanish = await post(
      form({ ...good, reportId: `${client.clientId}_01JZZZZZZZZZZZZZZZZZZZZZZZ` }),
      {
        'accept-language': 'es',
      },
    );
    expect(refusedInSpanish.status).toBe(403);
    const spanishPage = await refusedInSpanish.text();
    expect(spanishPage).toContain('lang="es"');
    expect(spanishPage).not.toContain('This link is not for those minutes');
    const after = await report(draft.reportId);
    expect(after.status).toBe('awaiting_confirmation');
    expect(after.answers).toEqual([]);
    // The page's own form still works afterwards.
    expect((await answer(link, page, { answer: 'confirm' })).html).toContain('You confirmed these minutes');
  });

  it('a link of an attendee deactivated since (they left the client) shows nothing and answers nothing', async () => {
    const leaving = await addContact('en');
    const draft = await writeReport(agency.ae, [leaving, english]);
    await issue(agency.ae, draft);
    const { link } = await minutesLink(leaving.email);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    const gone = await api('PATCH', `/clients/${client.clientId}/contacts/${leaving.contactId}`, {
      token: agency.ae.token,
      headers: { 'if-match': `"${leaving.version}"` },
      body: { active: false },
    });
    fx.expectStatus(gone, 200, 'deactivate the contact');
    const after = await rv.openLink(link);
    expect(after.status).toBe(404);
    expect(after.html).not.toContain(draft.draft.subject);
    expect((await answer(link, page, { answer: 'question', question: 'Not what we agreed' })).status).toBe(
      404,
    );
    const stored = await report(draft.reportId);
    expect(stored.status).toBe('awaiting_confirmation');
    expect(stored.answers).toEqual([]);
  });

  it('a question disputes the minutes, tells the reporter and the AE, and stops the clock until a corrected version starts a new window', async () => {
    const draft = await writeReport(agency.aae, [english]);
    await issue(agency.aae, draft);
    const before = await linksTo(english.email);
    const { link } = await minutesLink(english.email, before + 1);
    const page = await rv.openLink(link);
    const noQuestion = await answer(link, page, { answer: 'question' });
    expect(noQuestion.status).toBe(400);

    const asked = await answer(link, await rv.openLink(link), {
      answer: 'question',
      question: 'Radio was postponed, not dropped.',
    });
    expect(asked.status).toBe(200);
    const disputed = await reportWhen(draft.reportId, (r) => r.status === 'disputed');
    expect(disputed.why).toContain('Radio was postponed, not dropped.');
    const v1 = await executionOf(draft.reportId, 1);
    await executionEnds(v1);
    for (const person of [agency.aae, agency.ae]) {
      await expect
        .poll(async () => (await rv.mailsTo(person.staff.email)).map((m) => m.subject))
        .toContainEqual(expect.stringContaining('A question about the minutes'));
    }

    // Nothing new to issue until the minutes are corrected.
    const unchanged = await api('POST', `/contact-reports/${draft.reportId}/issue`, {
      token: agency.aae.token,
      headers: { 'if-match': `"${disputed.version}"` },
    });
    fx.expectProblem(unchanged, 409, 'nothing_to_issue');

    const corrected = await api('PATCH', `/contact-reports/${draft.reportId}`, {
      token: agency.aae.token,
      headers: { 'if-match': `"${disputed.version}"` },
      body: { decisions: ['Route B goes to production.', 'Radio is postponed to the autumn.'] },
    });
    fx.expectStatus(corrected, 200);
    expect(corrected.body.draftChanged).toBe(true);
    const reissued = await issue(agency.aae, corrected.body);
    expect(reissued.latestIssued).toBe(2);
    expect(reissued.status).toBe('awaiting_confirmation');

    const second = await minutesLink(english.email, before + 2);
    expect(second.mails.at(-1)!.subject).toContain('Corrected minutes');
    const withWindow = await reportWhen(
      draft.reportId,
      (r) => r.window?.version === 2 && Boolean(r.window.deadline),
    );
    expect(Date.parse(withWindow.window.sentAt)).toBeGreaterThan(Date.parse(disputed.window.settledAt));

    // The first link answers no more; the new one confirms the corrected version.
    expect((await rv.openLink(link)).html).toContain('You raised a question');
    const page2 = await rv.openLink(second.link);
    expect((await answer(second.link, page2, { answer: 'confirm' })).status).toBe(200);
    const done = await reportWhen(draft.reportId, (r) => r.status === 'confirmed');
    expect(done.versions.map((v: Json) => [v.number, v.status])).toEqual([
      [1, 'disputed'],
      [2, 'confirmed'],
    ]);
  });
});

/**
 * The attendee's side in a real (headless) Chromium: the minutes email arrives in the local inbox,
 * its link is followed into a new window, a question is raised on the page; the corrected version
 * arrives and is confirmed the same way.
 */
describe('when the window’s workflow stops', () => {
  it('marks the version, tells the reporter, and a restart records the silence the window ended in', async () => {
    const draft = await writeReport(agency.aae, [english]);
    await issue(agency.aae, draft);
    await reportWhen(draft.reportId, (r) => Boolean(r.window?.deadline));
    const first = await executionOf(draft.reportId, 1);
    await sfn().send(
      new StopExecutionCommand({ executionArn: first, error: 'Test.Stopped', cause: 'stopped by a test' }),
    );
    const stopped = await reportWhen(draft.reportId, (r) => Boolean(r.versions?.[0]?.failure));
    expect(stopped.why).toContain('stopped');
    await expect
      .poll(async () => (await rv.mailsTo(agency.aae.staff.email)).map((m) => m.subject))
      .toContainEqual(expect.stringContaining('Minutes’ clock stopped'));

    const restarted = await api('POST', `/contact-reports/${draft.reportId}/restart`, {
      token: agency.ae.token,
    });
    fx.expectStatus(restarted, 200);
    const again = await api('POST', `/contact-reports/${draft.reportId}/restart`, { token: agency.ae.token });
    fx.expectProblem(again, 409, 'not_stopped');
    const second = await executionOf(draft.reportId, 1, 2);
    // The new execution waits once it has found its version and sent nothing twice.
    await expect.poll(() => rv.fireDeadlines(second)).toBe(1);
    const settled = await reportWhen(draft.reportId, (r) => r.status === 'confirmed_by_silence');
    expect(settled.versions[0]).toMatchObject({ runs: 2, executionName: expect.stringMatching(/-run2$/) });
  });
});

describe.skipIf(!chromiumPath)(
  'in Chromium, from the local inbox: a question, then the corrected minutes confirmed',
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let inbox: Page;
    let attendee: Json;

    beforeAll(async () => {
      [browser, attendee] = await Promise.all([launchBrowser(), addContact('en')]);
      context = await browser.newContext();
      inbox = await context.newPage();
      await openInbox(inbox, inboxUrl());
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** The inbox's email carrying `link`, its HTML view, its button clicked into a new window (the page refuses frames). */
    async function follow(link: string): Promise<Page> {
      const emails = inbox.locator('.email').filter({ hasText: attendee.email });
      let index = -1;
      await expect
        .poll(
          async () => {
            const count = await emails.count();
            for (let i = 0; i < count; i++) {
              if (
                (await emails.nth(i).locator('iframe').contentFrame().locator(`a[href="${link}"]`).count()) >
                0
              ) {
                index = i;
                return true;
              }
            }
            return false;
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe(true);
      const email = emails.nth(index);
      await email.getByRole('button', { name: 'Toggle HTML view' }).click();
      const anchor = email
        .locator('iframe')
        .contentFrame()
        .getByRole('link', { name: 'Confirm or raise a question' })
        .first();
      const [page] = await Promise.all([
        context.waitForEvent('page'),
        anchor.click({ modifiers: ['Shift'] }),
      ]);
      await page.waitForLoadState();
      expect(page.url()).toBe(link);
      return page;
    }

    async function send(page: Page): Promise<string> {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === page.url()),
        page.getByRole('button', { name: 'Send my answer' }).click(),
      ]);
      expect(response.status()).toBe(200);
      await page.waitForLoadState();
      return (await page.locator('main').textContent()) ?? '';
    }

    it('raises a question on v1 and confirms the corrected v2', async () => {
      const draft = await writeReport(agency.aae, [attendee]);
      await issue(agency.aae, draft);
      const first = await follow((await minutesLink(attendee.email, 1)).link);
      await expect(first.locator('h1').textContent()).resolves.toContain('asks you to confirm these minutes');
      await first.check('input[name="answer"][value="question"]');
      await first.fill('textarea#question', 'The on-air date is the 21st, not the 20th.');
      expect(await send(first)).toContain('You raised a question');
      const disputed = await reportWhen(draft.reportId, (r) => r.status === 'disputed');

      const corrected = await api('PATCH', `/contact-reports/${draft.reportId}`, {
        token: agency.aae.token,
        headers: { 'if-match': `"${disputed.version}"` },
        body: { keyDates: [{ date: inDays(21), what: 'On air' }] },
      });
      fx.expectStatus(corrected, 200);
      await issue(agency.aae, corrected.body);
      const second = await follow((await minutesLink(attendee.email, 2)).link);
      expect(await send(second)).toContain('You confirmed these minutes');
      const done = await reportWhen(draft.reportId, (r) => r.status === 'confirmed');
      expect(done.answers.map((a: Json) => [a.version, a.answer])).toEqual([
        [1, 'question'],
        [2, 'confirm'],
      ]);
      expect(done.answers[1].userAgent).toContain('Chrome');
    });
  },
);
