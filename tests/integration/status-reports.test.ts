import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMigration } from '../../scripts/migration-runner.js';
import { migrations } from '../../scripts/migrations.js';
import {
  generateStatusReport,
  resendStatusReport,
  scheduledStatusReport,
  sendStatusReport,
} from '../../shared/client-record/index.js';
import { api, uniqueEmail } from '../support/api.js';
import { failEmails } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import { inbox, mailsTo } from '../support/reviews.js';
import { documents, tableName } from '../support/table.js';

/**
 * Issue 15 §2, the weekly client status report, against the local stack: a week of activity is
 * seeded as the other contexts leave it (jobs through the API; milestones, approvals, contact
 * reports and a spend ledger as their items), and every number of the report is checked against
 * one worked out here by hand. Made twice for a finished week: made once, emailed once.
 */
type Json = fx.Json;

let agency: fx.Agency;
let client: Json;
let jobs: Json[];
/** The client's first contact (senior, no language: the agency's). */
let readyContact: Json;

const week = '2026-11-16';
/** Monday after the week, 08:00 UTC (09:00 in Madrid): the week is over. */
const at = new Date('2026-11-23T08:00:00Z');
/** Madrid, with Wednesday 18 November a holiday: working days skip it. */
const calendar = { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: ['2026-11-18'] };

async function put(items: Json[]) {
  for (let i = 0; i < items.length; i += 25) {
    await documents().send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  agency = await fx.buildAgency();
  const ready = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae, agency.rep]);
  client = ready.client;
  readyContact = ready.contact;
  const cid = client.clientId as string;
  const PK = `CLIENT#${cid}`;
  jobs = [];
  for (const title of ['Spring launch', 'Store posters', 'Old catalogue']) {
    jobs.push(await fx.openJob(agency.ae, cid, ready.brand.brandId, fx.uniqueName(title)));
  }
  const [j1, j2, j3] = jobs.map((j) => j.jobId as string) as [string, string, string];
  await documents().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { PK, SK: 'CLIENT' },
      UpdateExpression: 'SET calendar = :c',
      ExpressionAttributeValues: { ':c': calendar },
    }),
  );
  // The third job is completed: neither it nor its milestones are reported.
  await documents().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { PK, SK: `JOB#${j3}` },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'completed' },
    }),
  );
  const task = (jobId: string, id: string, fields: Json) => ({
    PK,
    SK: `TASK#${jobId}#${id}`,
    itemType: 'milestoneTask',
    clientId: cid,
    jobId,
    milestoneId: id,
    owner: { kind: 'staff', staffId: agency.ae.staff.staffId },
    open: fields.status !== 'done',
    ...fields,
  });
  const approval = (id: string, fields: Json) => ({
    PK,
    SK: `APPROVAL#${id}`,
    itemType: 'approvalRequest',
    approvalId: id,
    reviewId: 'R1',
    clientId: cid,
    ...fields,
  });
  const step = (stepId: string, kind: string, status: string, due: string) => ({
    stepId,
    action: `Action ${stepId}`,
    owner:
      kind === 'contact' ? { kind, contactId: 'c1', name: 'Ana Ruiz' } : { kind, staffId: 's1', name: 'Leo' },
    due,
    status,
  });
  const report = (id: string, meetingAt: string, status: string, nextSteps: Json[]) => ({
    PK,
    SK: `CONTACTREPORT#${id}`,
    GSI1PK: `CLIENT#${cid}#CONTACTREPORTS`,
    GSI1SK: `${meetingAt}#${id}`,
    itemType: 'contactReport',
    reportId: id,
    clientId: cid,
    latestIssued: status === 'draft' ? 0 : 1,
    draft: { subject: `Meeting ${id}`, meetingAt },
    nextSteps,
  });
  // Its status is its latest issued version's.
  const version = (id: string, status: string) => ({
    PK,
    SK: `CONTACTREPORT#${id}#V#0001`,
    itemType: 'minutesVersion',
    reportId: id,
    clientId: cid,
    number: 1,
    status,
  });
  await put([
    task(j1, 'M001', {
      name: 'Layouts',
      due: '2026-11-17',
      status: 'done',
      updatedAt: '2026-11-17T10:00:00Z',
    }),
    task(j1, 'M002', { name: 'Brief', due: '2026-11-05', status: 'done', updatedAt: '2026-11-06T10:00:00Z' }),
    task(j1, 'M003', {
      name: 'Copy',
      due: '2026-11-20',
      status: 'in_progress',
      updatedAt: '2026-11-10T10:00:00Z',
    }),
    task(j2, 'M001', {
      name: 'Client proof',
      due: '2026-11-24',
      status: 'not_started',
      owner: { kind: 'client' },
    }),
    task(j2, 'M002', { name: 'Print', due: '2026-12-06', status: 'not_started' }),
    { PK, SK: `TASK#${j2}#M003`, itemType: 'milestoneTask', jobId: j2, open: false, removed: true },
    task(j3, 'M001', { name: 'Archive', due: '2026-11-17', status: 'in_progress' }),
    { PK, SK: 'REVIEW#R1', itemType: 'review', reviewId: 'R1', jobId: j1, title: 'Key visual' },
    approval('A1', {
      status: 'pending',
      assignee: { kind: 'contact', contactId: 'c1', name: 'Ana Ruiz', email: 'ana@example.com' },
      createdAt: '2026-11-13T09:00:00Z',
    }),
    approval('A2', {
      status: 'pending',
      assignee: {
        kind: 'staff',
        staffId: 's1',
        name: 'Leo',
        email: 'leo@example.com',
        role: 'account_manager',
      },
      createdAt: '2026-11-19T15:00:00Z',
    }),
    approval('A3', {
      status: 'decided',
      assignee: { kind: 'contact', contactId: 'c1', name: 'Ana Ruiz', email: 'ana@example.com' },
      createdAt: '2026-11-06T09:00:00Z',
    }),
    report('C1', '2026-11-17T10:00:00Z', 'confirmed_by_silence', [
      step('N001', 'contact', 'open', '2026-11-19'),
      step('N002', 'staff', 'open', '2026-11-19'),
      step('N003', 'contact', 'done', '2026-11-18'),
    ]),
    report('C2', '2026-10-27T10:00:00Z', 'disputed', [step('N001', 'contact', 'open', '2026-11-26')]),
    report('C3', '2026-10-22T10:00:00Z', 'confirmed', []),
    version('C1', 'confirmed_by_silence'),
    version('C2', 'disputed'),
    version('C3', 'confirmed'),
    // A draft never issued: in play, listed as a draft.
    report('C4', '2026-11-18T10:00:00Z', 'draft', []),
    {
      PK,
      SK: `COST#${j1}#LEDGER`,
      itemType: 'jobSpendLedger',
      jobId: j1,
      currency: 'USD',
      signedTotalMinor: 1_000_000,
      committedMinor: 250_000,
      version: 1,
    },
  ]);
});

describe('the weekly status report', () => {
  it('counts a seeded week as worked out by hand, is made and emailed once, and is listed with its files', async () => {
    const cid = client.clientId as string;
    const [j1, j2] = jobs;
    const period = { start: week, end: '2026-11-22', frequency: 'weekly' as const };
    // The team's CSV is each member's in their language: the rep reads Chinese.
    const setLanguage = (language: string) =>
      api('PATCH', '/me', { token: agency.rep.token, body: { language } });
    fx.expectStatus(await setLanguage('zh-CN'), 200);
    const first = await generateStatusReport(cid, period, at);
    const again = await generateStatusReport(cid, period, at);
    expect([first.outcome, again.outcome]).toEqual(['generated', 'alreadyDone']);
    // The only change after the first run: the record that it was emailed.
    expect(again.report).toMatchObject({ version: first.report!.version + 1, emailedAt: expect.any(String) });

    const detail = await api('GET', `/clients/${cid}/status-reports/weekly-${week}`, {
      token: agency.ae.token,
    });
    fx.expectStatus(detail, 200, 'GET status report');
    const r = detail.body;
    expect(r).toMatchObject({
      reportId: `weekly-${week}`,
      weekStart: week,
      weekEnd: '2026-11-22',
      final: true,
    });
    const f = r.figures;
    // Open jobs only, with their open milestones (the removed one and the completed job's left out).
    expect(f.jobs.map((j: Json) => [j.jobNumber, j.openMilestones])).toEqual(
      [
        [j1.jobNumber, 1],
        [j2.jobNumber, 2],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(f.milestonesDone).toEqual([{ jobNumber: j1.jobNumber, name: 'Layouts', due: '2026-11-17' }]);
    // As of Sunday 22 November: due within the next 7 days, and overdue before it.
    expect(f.milestonesDueNext).toEqual([
      { jobNumber: j2.jobNumber, name: 'Client proof', due: '2026-11-24', owner: 'client' },
    ]);
    expect(f.overdueMilestones).toEqual([
      { jobNumber: j1.jobNumber, name: 'Copy', due: '2026-11-20', owner: 'agency' },
    ]);
    // Friday 13 → Monday 23 November in Madrid: 16, 17, 19, 20, 23 (18 a holiday) = 5.
    expect(f.waitingOnClient).toMatchObject([
      { approvalId: 'A1', jobNumber: j1.jobNumber, what: 'Key visual', who: 'Ana Ruiz', workingDays: 5 },
    ]);
    // Thursday 19 November 16:00 Madrid → Monday 23: 20 and 23 = 2.
    expect(f.waitingOnAgency).toMatchObject([{ approvalId: 'A2', who: 'Leo', workingDays: 2 }]);
    // Met this week (C1), or still open to question (C2, disputed); C3 settled before.
    expect(f.contactReports.map((c: Json) => [c.reportId, c.status])).toEqual([
      ['C2', 'disputed'],
      ['C1', 'confirmed_by_silence'],
      ['C4', 'draft'],
    ]);
    expect(f.clientNextSteps).toEqual([
      { reportId: 'C1', action: 'Action N001', owner: 'Ana Ruiz', due: '2026-11-19', overdue: true },
      { reportId: 'C2', action: 'Action N001', owner: 'Ana Ruiz', due: '2026-11-26', overdue: false },
    ]);
    expect(f.spend).toEqual([
      {
        jobNumber: j1.jobNumber,
        title: j1.title,
        signed: fx.usd(10_000),
        committed: fx.usd(2_500),
        remaining: fx.usd(7_500),
      },
    ]);
    expect(r.counts).toEqual({
      jobs: 2,
      milestonesDone: 1,
      milestonesDueNext: 1,
      overdueMilestones: 1,
      waitingOnClient: 1,
      waitingOnAgency: 1,
      contactReports: 3,
      clientNextSteps: 2,
      clientNextStepsOverdue: 1,
    });

    const html = await (await fetch(r.downloads.html.url)).text();
    expect(html).toContain('Approvals waiting on the client');
    expect(html).toContain('@media print');
    const csv = await (await fetch(r.downloads.csv.url)).text();
    expect(csv.split('\r\n')[0]).toBe('Section,c1,c2,c3,c4,c5');
    expect(csv).toContain(
      `Spend against signed estimates,${j1.jobNumber},${j1.title},"$10,000.00","$2,500.00"`,
    );
    expect(csv).toContain(`The client's next steps,Action N001,Ana Ruiz,"Thu, 19 Nov 2026",overdue`);
    // The Chinese reader's CSV, in the console and behind their emailed link: headings, words, dates and amounts in Chinese.
    const chineseCsv = async (text: string) => {
      expect(text.split('\r\n')[0]).toBe('部分,c1,c2,c3,c4,c5');
      expect(text).toContain(`相对已签报价的支出,${j1.jobNumber},${j1.title},"US$10,000.00"`);
      expect(text).toContain('2026年11月19日周四,逾期');
      expect(text).not.toMatch(/Spend against|overdue|2026-11-19/);
    };
    const asRep = await api('GET', `/clients/${cid}/status-reports/weekly-${week}`, {
      token: agency.rep.token,
    });
    await chineseCsv(await (await fetch(asRep.body.downloads.csv.url)).text());
    const repMail = (await inbox()).find(
      (m) => m.to.includes(agency.rep.staff.email) && m.subject.includes(client.name as string),
    )!;
    const csvLink = repMail.text.match(/https?:\/\/[^\s：]+\/documents\/[A-Za-z0-9_-]{43}/)![0];
    const click = await fetch(csvLink, { redirect: 'manual' });
    expect(click.status).toBe(303);
    await chineseCsv(await (await fetch(click.headers.get('location')!)).text());
    fx.expectStatus(await setLanguage('en'), 200);

    // Emailed once, to the account line on the team, with links through the API.
    const mails = (await inbox()).filter((m) => m.subject.includes(client.name as string));
    expect(mails.flatMap((m) => m.to).sort()).toEqual(
      [agency.ad, agency.am, agency.ae, agency.rep].map((p) => p.staff.email).sort(),
    );
    expect(
      mails.filter((m) => m.subject.endsWith(`Status report, week of Mon, 16 Nov 2026: ${client.name}`)),
    ).toHaveLength(3);
    expect(mails[0]!.text).toMatch(/\/documents\/[A-Za-z0-9_-]{20,}/);

    const list = await api('GET', `/clients/${cid}/status-reports`, { token: agency.rep.token });
    fx.expectStatus(list, 200, 'GET status reports');
    expect(list.body.items.map((x: Json) => x.weekStart)).toEqual([week]);
    expect(list.body.items[0].figures).toBeUndefined();
  });

  it('is sent by the AE to the senior contacts, each in their language, once', async () => {
    const cid = client.clientId as string;
    const spanish = await api('POST', `/clients/${cid}/contacts`, {
      token: agency.ad.token,
      body: {
        name: 'Lucía Gómez',
        email: uniqueEmail('lucia'),
        level: 'senior',
        approves: [],
        language: 'es',
      },
    });
    fx.expectStatus(spanish, 201, 'POST contact');
    const chinese = await api('POST', `/clients/${cid}/contacts`, {
      token: agency.ad.token,
      body: { name: '王芳', email: uniqueEmail('wang'), level: 'senior', approves: [], language: 'zh-CN' },
    });
    const brandLevel = await api('POST', `/clients/${cid}/contacts`, {
      token: agency.ad.token,
      body: { name: 'Brand Person', email: uniqueEmail('brand'), level: 'brand', approves: [] },
    });
    fx.expectStatus(brandLevel, 201, 'POST contact');
    const path = `/clients/${cid}/status-reports/weekly-${week}/send`;
    // An account rep carries work to the client but does not send the agency's report.
    fx.expectProblem(await api('POST', path, { token: agency.rep.token }), 403, 'forbidden');
    const sent = await api('POST', path, { token: agency.ae.token });
    fx.expectStatus(sent, 200, 'send');
    const seniors = [readyContact, spanish.body, chinese.body];
    expect([...sent.body.sentToClient.contactIds].sort()).toEqual(seniors.map((c) => c.contactId).sort());
    const again = await api('POST', path, { token: agency.ae.token });
    expect(again.body.version).toBe(sent.body.version);

    const mails = await inbox();
    const to = (c: Json) => mails.filter((m) => m.to.includes(c.email));
    expect(to(spanish.body).map((m) => m.subject)).toEqual([
      expect.stringContaining('Informe de estado, semana del'),
    ]);
    expect(to(chinese.body).map((m) => m.subject)).toEqual([expect.stringContaining('状态报告')]);
    expect(to(brandLevel.body)).toEqual([]);
    // The Spanish reader's link opens the Spanish document (presigned on the click).
    const link = to(spanish.body)[0]!.text.match(/\S+\/documents\/[A-Za-z0-9_-]{43}/)![0];
    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(303);
    const opened = await fetch(click.headers.get('location')!);
    expect(await opened.text()).toContain('Aprobaciones pendientes del cliente');
  });

  it('stays sent when the emails fail, and is sent again to the senior contacts as they stand now', async () => {
    const cid = client.clientId as string;
    const id = 'weekly-2026-11-09';
    const path = `/clients/${cid}/status-reports/${id}`;
    await generateStatusReport(
      cid,
      { start: '2026-11-09', end: '2026-11-15', frequency: 'weekly' },
      new Date('2026-11-16T08:00:00Z'),
    );
    // Not sent to the client yet: there is nothing to send again.
    fx.expectProblem(await api('POST', `${path}/resend`, { token: agency.ae.token }), 409, 'not_sendable');

    const contacts = await api('GET', `/clients/${cid}/contacts?limit=100`, { token: agency.ae.token });
    const seniors: string[] = contacts.body.items
      .filter((c: Json) => c.level === 'senior' && c.active)
      .map((c: Json) => c.email)
      .sort();
    expect(seniors.length).toBeGreaterThanOrEqual(1);
    const mailCounts = async () => Promise.all(seniors.map(async (to) => (await mailsTo(to)).length));
    const before = await mailCounts();

    // The mail service fails right after the send is recorded (injected into this process's SES
    // client, which sends it here): the report is sent to the client, and says no email went.
    const failing = failEmails();
    const sent = await sendStatusReport(agency.ae.staff.staffId, cid, id);
    expect(failing).toHaveBeenCalled();
    failing.mockRestore();
    expect(sent.sentToClient).toMatchObject({ by: agency.ae.staff.staffId });
    expect(sent.sendings).toEqual([]);
    expect(await mailCounts()).toEqual(before);
    // Sending it (again) answers it as sent and emails nobody.
    const repeated = await api('POST', `${path}/send`, { token: agency.ae.token });
    fx.expectStatus(repeated, 200, 'send');
    expect(repeated.body).toMatchObject({ version: sent.version });
    expect(repeated.body.sendings).toEqual([]);

    // Sent again by whoever may send it (the AE and above), not by an account rep.
    fx.expectProblem(await api('POST', `${path}/resend`, { token: agency.rep.token }), 403, 'forbidden');
    const again = await api('POST', `${path}/resend`, { token: agency.ae.token });
    fx.expectStatus(again, 200, 'resend');
    expect(again.body.sendings.map((x: Json) => x.to).sort()).toEqual(seniors);
    expect(new Set(again.body.sendings.map((x: Json) => x.sentBy))).toEqual(
      new Set([agency.ae.staff.staffId]),
    );
    // Raised once by the claim before the emails, once by each sending.
    expect(again.body.version).toBe(sent.version + 1 + seniors.length);
    expect(await mailCounts()).toEqual(before.map((n) => n + 1));
    expect((await api('GET', path, { token: agency.ae.token })).body.sendings).toEqual(again.body.sendings);
    const activity = await api('GET', `/clients/${cid}/activity?limit=100`, { token: agency.ad.token });
    expect(
      activity.body.items.filter((e: Json) => e.action === 'status_report.emailed' && e.entityId === id),
    ).toHaveLength(seniors.length);
  });

  it('is emailed once of two resends at the same instant; one whose emails failed is sent again', async () => {
    const cid = client.clientId as string;
    const id = 'weekly-2026-11-02';
    const path = `/clients/${cid}/status-reports/${id}`;
    await generateStatusReport(
      cid,
      { start: '2026-11-02', end: '2026-11-08', frequency: 'weekly' },
      new Date('2026-11-09T08:00:00Z'),
    );
    const contacts = await api('GET', `/clients/${cid}/contacts?limit=100`, { token: agency.ae.token });
    const seniors: string[] = contacts.body.items
      .filter((c: Json) => c.level === 'senior' && c.active)
      .map((c: Json) => c.email);
    const mailCounts = async () => Promise.all(seniors.map(async (to) => (await mailsTo(to)).length));
    const sent = await api('POST', `${path}/send`, { token: agency.ae.token });
    fx.expectStatus(sent, 200, 'send');
    const before = await mailCounts();

    const resend = (version?: number) =>
      api('POST', `${path}/resend`, {
        token: agency.ae.token,
        headers: version === undefined ? {} : { 'if-match': `"${version}"` },
      });
    const answers = await Promise.all([resend(sent.body.version), resend(sent.body.version)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    fx.expectProblem(answers.find((a) => a.status === 409)!, 409, 'version_conflict');
    expect(await mailCounts()).toEqual(before.map((n) => n + 1));
    const won = answers.find((a) => a.status === 200)!.body;
    expect(won.sendings).toHaveLength(2 * seniors.length);

    // The mail service fails after the resend is claimed: no new sending, and it is sent again.
    const failing = failEmails();
    await expect(resendStatusReport(agency.ae.staff.staffId, cid, id)).rejects.toThrow();
    failing.mockRestore();
    const stands = (await api('GET', path, { token: agency.ae.token })).body;
    expect(stands.sendings).toEqual(won.sendings);
    fx.expectStatus(await resend(), 200, 'resend after the failed one');
    expect(await mailCounts()).toEqual(before.map((n) => n + 2));
  });

  it('is made on demand for the running week (redone by each request, not emailed) by the account line', async () => {
    const cid = client.clientId as string;
    const made = await api('POST', `/clients/${cid}/status-reports`, { token: agency.rep.token, body: {} });
    fx.expectStatus(made, 200, 'POST status report');
    expect(made.body).toMatchObject({ final: false, emailedTo: [] });
    const redone = await api('POST', `/clients/${cid}/status-reports`, { token: agency.rep.token, body: {} });
    expect(redone.body.version).toBe(made.body.version + 1);
    fx.expectProblem(
      await api('POST', `/clients/${cid}/status-reports`, { token: agency.traffic.token, body: {} }),
      404,
    );
  });
});

describe('the status report cadence', () => {
  it('is set by the account manager and above, under optimistic locking; the schedule follows it', async () => {
    const fresh = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const cid = fresh.client.clientId as string;
    const path = `/clients/${cid}/status-report-cadence`;
    const initial = await api('GET', path, { token: agency.ae.token });
    fx.expectStatus(initial, 200, 'GET cadence');
    expect(initial.body).toMatchObject({ frequency: 'weekly', weekday: 1, version: 0 });
    const monthly = { frequency: 'monthly', weekday: 5 };
    fx.expectProblem(
      await api('PUT', path, { token: agency.ae.token, body: monthly, headers: { 'if-match': '"0"' } }),
      403,
      'forbidden',
    );
    fx.expectProblem(
      await api('PUT', path, {
        token: agency.am.token,
        body: { frequency: 'daily', weekday: 1 },
        headers: { 'if-match': '"0"' },
      }),
      400,
    );
    fx.expectProblem(
      await api('PUT', path, {
        token: agency.am.token,
        body: { ...monthly, weekday: 6 },
        headers: { 'if-match': '"0"' },
      }),
      400,
    );
    // The first set takes no If-Match (nothing is stored for the default).
    const set = await api('PUT', path, { token: agency.am.token, body: monthly });
    fx.expectStatus(set, 200, 'PUT cadence');
    expect(set.body).toMatchObject({ ...monthly, version: 1, updatedBy: agency.am.staff.staffId });
    // Once set, a change names its version; one made from the default's (stale) version is refused.
    fx.expectProblem(await api('PUT', path, { token: agency.ad.token, body: monthly }), 428);
    fx.expectProblem(
      await api('PUT', path, { token: agency.ad.token, body: monthly, headers: { 'if-match': '"0"' } }),
      409,
    );

    const clientItem = (
      await documents().send(
        new GetCommand({ TableName: tableName(), Key: { PK: `CLIENT#${cid}`, SK: 'CLIENT' } }),
      )
    ).Item!;
    // Thursday 3 December 2026: November's report waits for the first Friday.
    expect(await scheduledStatusReport(clientItem, new Date('2026-12-03T09:00:00Z'))).toBe('generated');
    const before = await api('GET', `/clients/${cid}/status-reports`, { token: agency.ae.token });
    expect(before.body.items.map((r: Json) => [r.frequency, r.weekStart, r.weekEnd])).toEqual([
      ['monthly', '2026-10-01', '2026-10-31'],
    ]);
    const friday = new Date('2026-12-04T09:00:00Z');
    expect(await scheduledStatusReport(clientItem, friday)).toBe('generated');
    expect(await scheduledStatusReport(clientItem, friday)).toBe('alreadyDone');
    const after = await api('GET', `/clients/${cid}/status-reports/monthly-2026-11-01`, {
      token: agency.ae.token,
    });
    fx.expectStatus(after, 200, 'GET monthly report');
    expect(after.body).toMatchObject({ frequency: 'monthly', weekEnd: '2026-11-30', final: true });
    const mails = (await inbox()).filter((m) => m.subject.endsWith(`: ${fresh.client.name}`));
    expect(mails.map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/Status report, month 1\s–\s30 November 2026: /),
    );

    // On demand follows the cadence too; 'none' stops the schedule and leaves on demand.
    const none = await api('PUT', path, {
      token: agency.ad.token,
      body: { frequency: 'none', weekday: 1 },
      headers: { 'if-match': `"${set.body.version}"` },
    });
    fx.expectStatus(none, 200, 'PUT cadence none');
    expect(await scheduledStatusReport(clientItem, new Date('2027-01-08T09:00:00Z'))).toBeUndefined();
    const onDemand = await api('POST', `/clients/${cid}/status-reports`, {
      token: agency.ae.token,
      body: {},
    });
    fx.expectStatus(onDemand, 200, 'on demand');
    expect(onDemand.body.frequency).toBe('weekly');
  });
});

describe('status report keys', () => {
  const clientItemOf = async (cid: string) =>
    (
      await documents().send(
        new GetCommand({ TableName: tableName(), Key: { PK: `CLIENT#${cid}`, SK: 'CLIENT' } }),
      )
    ).Item!;

  it('keep the week and the month starting on the same day apart when the cadence changes', async () => {
    const fresh = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const cid = fresh.client.clientId as string;
    const clientItem = await clientItemOf(cid);
    // Weekly (the default): Monday 8 March 2027 makes the week of Monday 1 March.
    expect(await scheduledStatusReport(clientItem, new Date('2027-03-08T09:00:00Z'))).toBe('generated');
    const set = await api('PUT', `/clients/${cid}/status-report-cadence`, {
      token: agency.am.token,
      body: { frequency: 'monthly', weekday: 1 },
    });
    fx.expectStatus(set, 200, 'PUT cadence');
    // Monthly from then on: Monday 5 April makes March, which also starts on 1 March.
    expect(await scheduledStatusReport(clientItem, new Date('2027-04-05T09:00:00Z'))).toBe('generated');
    const list = await api('GET', `/clients/${cid}/status-reports`, { token: agency.ae.token });
    expect(list.body.items.map((r: Json) => [r.reportId, r.weekStart, r.weekEnd])).toEqual([
      ['monthly-2027-03-01', '2027-03-01', '2027-03-31'],
      ['weekly-2027-03-01', '2027-03-01', '2027-03-07'],
    ]);
    for (const [id, end] of [
      ['weekly-2027-03-01', '2027-03-07'],
      ['monthly-2027-03-01', '2027-03-31'],
    ]) {
      const one = await api('GET', `/clients/${cid}/status-reports/${id}`, { token: agency.ae.token });
      fx.expectStatus(one, 200, `GET ${id}`);
      expect(one.body).toMatchObject({ reportId: id, weekEnd: end, final: true });
    }
    fx.expectProblem(
      await api('GET', `/clients/${cid}/status-reports/fortnightly-2027-03-01`, { token: agency.ae.token }),
      404,
    );
    fx.expectProblem(
      await api('GET', `/clients/${cid}/status-reports/2027-03-01`, { token: agency.ae.token }),
      400,
    );
  });

  it('move a report stored under its first day alone to its frequency and first day (the migration)', async () => {
    const fresh = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const cid = fresh.client.clientId as string;
    const made = await generateStatusReport(
      cid,
      { start: '2026-10-05', end: '2026-10-11', frequency: 'weekly' },
      new Date('2026-10-12T09:00:00Z'),
    );
    const stored = (
      await documents().send(
        new GetCommand({
          TableName: tableName(),
          Key: { PK: `CLIENT#${cid}`, SK: 'STATUSREPORT#2026-10-05#weekly' },
        }),
      )
    ).Item!;
    // As stored before reports were keyed by frequency: no frequency (weekly), no id.
    const { frequency: _frequency, reportId: _reportId, ...legacy } = stored;
    await documents().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName()]: [
            { DeleteRequest: { Key: { PK: stored.PK, SK: stored.SK } } },
            { PutRequest: { Item: { ...legacy, SK: 'STATUSREPORT#2026-10-05' } } },
          ],
        },
      }),
    );
    const migration = migrations.find((m) => m.name === '2026-12-status-reports-keyed-by-period')!;
    const first = await runMigration(migration, { force: true });
    expect(first.upgraded).toBeGreaterThanOrEqual(1);
    const old = await documents().send(
      new GetCommand({ TableName: tableName(), Key: { PK: `CLIENT#${cid}`, SK: 'STATUSREPORT#2026-10-05' } }),
    );
    expect(old.Item).toBeUndefined();
    const moved = await api('GET', `/clients/${cid}/status-reports/weekly-2026-10-05`, {
      token: agency.ae.token,
    });
    fx.expectStatus(moved, 200, 'GET migrated report');
    expect(moved.body).toMatchObject({
      reportId: 'weekly-2026-10-05',
      frequency: 'weekly',
      version: made.report!.version + 1,
      emailedAt: expect.any(String),
    });
    expect((await runMigration(migration, { force: true })).upgraded).toBe(0);
  });
});

describe('reports sent before each email was recorded', () => {
  const removeSendings = (key: { PK: string; SK: string }) =>
    documents().send(
      new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE sendings' }),
    );

  it('get the sendings they were taken to have had; a report whose email did not go keeps none (the migration)', async () => {
    const cid = client.clientId as string;
    // A work report sent to the AM's director, and the status report sent to the client above,
    // stored as the send left them before emails were recorded: without sendings.
    const am = agency.am;
    const workPath = `/staff/${am.staff.staffId}/work-reports/2026-09`;
    fx.expectStatus(
      await api('POST', `/staff/${am.staff.staffId}/work-reports`, {
        token: am.token,
        body: { month: '2026-09' },
      }),
      200,
      'POST work report',
    );
    const draft = (await api('GET', workPath, { token: am.token })).body;
    const sentWork = await api('POST', `${workPath}/send`, {
      token: am.token,
      headers: { 'if-match': `"${draft.version}"` },
    });
    fx.expectStatus(sentWork, 200, 'send work report');
    await removeSendings({ PK: `STAFF#${am.staff.staffId}`, SK: 'WORKREPORT#2026-09' });
    const statusPath = `/clients/${cid}/status-reports/weekly-${week}`;
    await removeSendings({ PK: `CLIENT#${cid}`, SK: `STATUSREPORT#${week}#weekly` });
    // Sent since, its emails failed: an empty list, which stays empty.
    await documents().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: `CLIENT#${cid}`, SK: 'STATUSREPORT#2026-11-09#weekly' },
        UpdateExpression: 'SET sendings = :none',
        ExpressionAttributeValues: { ':none': [] },
      }),
    );
    const statusBefore = (await api('GET', statusPath, { token: agency.ae.token })).body;
    expect(statusBefore.sendings).toBeUndefined();

    const migration = migrations.find((m) => m.name === '2026-12-reports-record-their-emails')!;
    expect((await runMigration(migration, { force: true })).upgraded).toBeGreaterThanOrEqual(2);

    const work = (await api('GET', workPath, { token: am.token })).body;
    expect(work.version).toBe(sentWork.body.version);
    expect(work.sendings).toEqual([
      { sentAt: sentWork.body.sentTo.at, to: agency.ad.staff.email, sentBy: am.staff.staffId },
    ]);
    const status = (await api('GET', statusPath, { token: agency.ae.token })).body;
    expect(status.version).toBe(statusBefore.version);
    const contacts = await api('GET', `/clients/${cid}/contacts?limit=100`, { token: agency.ae.token });
    const emailOf = new Map(contacts.body.items.map((c: Json) => [c.contactId, c.email]));
    expect(status.sendings).toEqual(
      statusBefore.sentToClient.contactIds.map((id: string) => ({
        sentAt: statusBefore.sentToClient.at,
        to: emailOf.get(id),
        sentBy: statusBefore.sentToClient.by,
      })),
    );
    expect(
      (await api('GET', `/clients/${cid}/status-reports/weekly-2026-11-09`, { token: agency.ae.token })).body
        .sendings,
    ).toEqual([]);
    expect((await runMigration(migration, { force: true })).upgraded).toBe(0);
  });
});
