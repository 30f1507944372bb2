import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resendWorkReport, scheduledWorkReport, sendWorkReport } from '../../shared/client-record/index.js';
import { api } from '../support/api.js';
import { failEmails } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import { inbox, mailsTo } from '../support/reviews.js';
import { documents, tableName } from '../support/table.js';

/**
 * Issue 15 §2, the account manager's monthly work report to their account director, against the
 * local stack: a November of activity is seeded on two clients of one manager (Madrid with a
 * holiday, Shanghai), and every number is checked against one worked out here by hand. Then who
 * sees it: every role probed on the draft and on the sent report; the director's emailed link,
 * which stops opening when the director leaves the manager's line.
 */
type Json = fx.Json;

let agency: fx.Agency;
/** A peer: another account manager under the same director. */
let peerAm: fx.Person;
let other: fx.AccountLine;
let alpha: Json;
let beta: Json;
const month = '2026-11';

async function put(items: Json[]) {
  for (let i = 0; i < items.length; i += 25) {
    await documents().send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

async function setFields(key: { PK: string; SK: string }, fields: Json) {
  const names = Object.keys(fields);
  await documents().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
    }),
  );
}

const opened = (at: string) => ({ to: 'open', at, by: 'x' });
const moved = (from: string, to: string, at: string) => ({ from, to, at, by: 'x' });

afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  agency = await fx.buildAgency();
  [peerAm, other] = await Promise.all([
    fx.appoint(agency.head, 'account_manager', agency.ad),
    fx.accountLine(agency.head, agency.gad, 'other'),
  ]);
  const team = [agency.ad, agency.am, agency.ae];
  const [a, b] = [await fx.readyClient(agency.ad, team), await fx.readyClient(agency.ad, team)];
  alpha = a.client;
  beta = b.client;
  const [A, B] = [alpha.clientId as string, beta.clientId as string];
  await setFields(
    { PK: `CLIENT#${A}`, SK: 'CLIENT' },
    {
      name: `Alpha ${alpha.code}`,
      calendar: { timeZone: 'Europe/Madrid', weekend: [0, 6], holidays: ['2026-11-18'] },
    },
  );
  await setFields(
    { PK: `CLIENT#${B}`, SK: 'CLIENT' },
    { name: `Beta ${beta.code}`, calendar: { timeZone: 'Asia/Shanghai', weekend: [0, 6], holidays: [] } },
  );
  alpha.name = `Alpha ${alpha.code}`;
  beta.name = `Beta ${beta.code}`;
  const job = async (clientId: string, brandId: string, title: string, fields: Json) => {
    const j = await fx.openJob(agency.ae, clientId, brandId, title);
    await setFields({ PK: `CLIENT#${clientId}`, SK: `JOB#${j.jobId}` }, fields);
    return j;
  };
  const j1 = await job(A, a.brand.brandId, 'Spring launch', {
    createdAt: '2026-11-02T09:00:00Z',
    status: 'in_progress',
    dueDate: '2026-12-15',
    statusHistory: [opened('2026-11-02T09:00:00Z'), moved('open', 'in_progress', '2026-11-10T10:00:00Z')],
  });
  const j2 = await job(A, a.brand.brandId, 'Catalogue', {
    createdAt: '2026-10-01T09:00:00Z',
    status: 'completed',
    dueDate: '2026-12-01',
    statusHistory: [
      opened('2026-10-01T09:00:00Z'),
      moved('open', 'in_progress', '2026-10-05T09:00:00Z'),
      // 00:30 on 21 November in Madrid.
      moved('in_progress', 'completed', '2026-11-20T23:30:00Z'),
    ],
  });
  // 00:30 on 1 December in Madrid: opened next month.
  const j3 = await job(A, a.brand.brandId, 'Posters', {
    createdAt: '2026-11-30T23:30:00Z',
    status: 'open',
    dueDate: '2026-12-31',
    statusHistory: [opened('2026-11-30T23:30:00Z')],
  });
  // 02:00 on 1 November in Shanghai.
  const k1 = await job(B, b.brand.brandId, 'Packaging', {
    createdAt: '2026-10-31T18:00:00Z',
    status: 'on_hold',
    dueDate: '2027-01-10',
    statusHistory: [opened('2026-10-31T18:00:00Z'), moved('open', 'on_hold', '2026-11-12T02:00:00Z')],
  });
  const task = (clientId: string, jobId: string, id: string, name: string, due: string, status: string) => ({
    PK: `CLIENT#${clientId}`,
    SK: `TASK#${jobId}#${id}`,
    itemType: 'milestoneTask',
    clientId,
    jobId,
    milestoneId: id,
    name,
    due,
    status,
    owner: { kind: 'staff', staffId: agency.ae.staff.staffId },
    open: status !== 'done',
  });
  const contact = { kind: 'contact', contactId: 'c1', name: 'Ana Ruiz', email: 'ana@example.com' };
  const staff = {
    kind: 'staff',
    staffId: 's1',
    name: 'Leo',
    email: 'leo@example.com',
    role: 'account_manager',
  };
  const approval = (clientId: string, reviewId: string, id: string, fields: Json) => ({
    PK: `CLIENT#${clientId}`,
    SK: `APPROVAL#${id}`,
    itemType: 'approvalRequest',
    approvalId: id,
    reviewId,
    clientId,
    updatedAt: fields.decidedAt ?? fields.createdAt,
    ...fields,
  });
  const report = (clientId: string, id: string, latestIssued: number) => ({
    PK: `CLIENT#${clientId}`,
    SK: `CONTACTREPORT#${id}`,
    GSI1PK: `CLIENT#${clientId}#CONTACTREPORTS`,
    GSI1SK: `2026-11-01T10:00:00Z#${id}`,
    itemType: 'contactReport',
    reportId: id,
    clientId,
    latestIssued,
    draft: { subject: `Meeting ${id}`, meetingAt: '2026-11-01T10:00:00Z' },
    nextSteps: [],
  });
  const version = (clientId: string, id: string, number: number, status: string, settledAt?: string) => ({
    PK: `CLIENT#${clientId}`,
    SK: `CONTACTREPORT#${id}#V#${String(number).padStart(4, '0')}`,
    itemType: 'minutesVersion',
    reportId: id,
    clientId,
    number,
    status,
    ...(settledAt ? { settledAt } : {}),
  });
  await put([
    task(A, j1.jobId, 'M001', 'Shoot', '2026-12-03', 'not_started'),
    task(A, j1.jobId, 'M002', 'Edit', '2026-12-20', 'done'),
    {
      PK: `CLIENT#${A}`,
      SK: `TASK#${j1.jobId}#M003`,
      itemType: 'milestoneTask',
      jobId: j1.jobId,
      removed: true,
    },
    // The job is completed: its milestone is no plan.
    task(A, j2.jobId, 'M001', 'Proof', '2026-12-05', 'in_progress'),
    task(A, j3.jobId, 'M001', 'Print', '2027-01-04', 'not_started'),
    task(B, k1.jobId, 'M001', 'Launch', '2026-12-31', 'not_started'),
    task(B, k1.jobId, 'M002', 'Review', '2027-01-02', 'not_started'),
    {
      PK: `CLIENT#${A}`,
      SK: 'REVIEW#R1',
      itemType: 'review',
      reviewId: 'R1',
      jobId: j1.jobId,
      title: 'Key visual',
    },
    {
      PK: `CLIENT#${B}`,
      SK: 'REVIEW#R2',
      itemType: 'review',
      reviewId: 'R2',
      jobId: k1.jobId,
      title: 'Pack',
    },
    approval(A, 'R1', 'A1', {
      status: 'decided',
      decision: 'approve',
      assignee: contact,
      createdAt: '2026-11-09T08:00:00Z',
      decidedAt: '2026-11-13T15:00:00Z',
    }),
    approval(A, 'R1', 'A2', { status: 'pending', assignee: contact, createdAt: '2026-11-25T10:00:00Z' }),
    approval(A, 'R1', 'A3', {
      status: 'decided',
      decision: 'approve',
      assignee: staff,
      createdAt: '2026-11-16T09:00:00Z',
      decidedAt: '2026-11-19T09:00:00Z',
    }),
    approval(A, 'R1', 'A4', {
      status: 'decided',
      decision: 'request_changes',
      assignee: contact,
      createdAt: '2026-10-28T09:00:00Z',
      decidedAt: '2026-11-03T09:00:00Z',
    }),
    approval(A, 'R1', 'A5', {
      status: 'decided',
      decision: 'approve',
      assignee: contact,
      createdAt: '2026-10-01T09:00:00Z',
      decidedAt: '2026-10-10T09:00:00Z',
    }),
    approval(A, 'R1', 'A6', {
      status: 'closed',
      assignee: staff,
      createdAt: '2026-11-23T09:00:00Z',
      updatedAt: '2026-11-24T12:00:00Z',
    }),
    approval(B, 'R2', 'B1', { status: 'pending', assignee: staff, createdAt: '2026-11-26T20:00:00Z' }),
    approval(B, 'R2', 'B2', {
      status: 'decided',
      decision: 'approve_with_changes',
      assignee: contact,
      createdAt: '2026-11-05T01:00:00Z',
      decidedAt: '2026-11-30T17:00:00Z',
    }),
    report(A, 'CR1', 2),
    version(A, 'CR1', 1, 'disputed', '2026-11-04T10:00:00Z'),
    version(A, 'CR1', 2, 'confirmed', '2026-11-06T10:00:00Z'),
    report(A, 'CR2', 1),
    version(A, 'CR2', 1, 'confirmed_by_silence', '2026-11-30T23:30:00Z'),
    report(A, 'CR3', 1),
    version(A, 'CR3', 1, 'awaiting_confirmation'),
    report(B, 'CR4', 1),
    version(B, 'CR4', 1, 'confirmed_by_silence', '2026-11-20T16:00:00Z'),
  ]);
  Object.assign(alpha, { jobs: [j1, j2, j3] });
  Object.assign(beta, { jobs: [k1] });
});

const path = () => `/staff/${agency.am.staff.staffId}/work-reports`;
const monthPath = () => `${path()}/${month}`;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

describe('the account manager’s monthly work report', () => {
  it('is drafted by the monthly job, once, with the numbers of a seeded month as worked out by hand', async () => {
    const amItem = (
      await documents().send(
        new GetCommand({
          TableName: tableName(),
          Key: { PK: `STAFF#${agency.am.staff.staffId}`, SK: 'STAFF' },
        }),
      )
    ).Item!;
    const at = new Date('2026-12-01T08:00:00Z');
    expect(await scheduledWorkReport(amItem, month, at)).toBe('generated');
    expect(await scheduledWorkReport(amItem, month, at)).toBe('alreadyDone');
    const told = (await inbox()).filter(
      (m) => m.to.includes(agency.am.staff.email) && m.subject.includes('Your work report for November 2026'),
    );
    expect(told).toHaveLength(1);

    const res = await api('GET', monthPath(), { token: agency.am.token });
    fx.expectStatus(res, 200, 'GET work report');
    const r = res.body;
    const [j1, j2, j3] = alpha.jobs as Json[];
    const [k1] = beta.jobs as Json[];
    expect(r).toMatchObject({ status: 'draft', month, staffId: agency.am.staff.staffId });
    expect(r.clients.map((c: Json) => c.name)).toEqual([alpha.name, beta.name]);
    const f = r.figures;
    // Opened: J1 on 2 Nov; K1 at 02:00 on 1 Nov in Shanghai (still 31 Oct in UTC); J3 is 1 Dec in Madrid.
    expect(f.jobsOpened).toEqual([
      { client: alpha.name, jobNumber: j1.jobNumber, title: j1.title, on: '2026-11-02' },
      { client: beta.name, jobNumber: k1.jobNumber, title: k1.title, on: '2026-11-01' },
    ]);
    expect(f.jobsMoved).toEqual([
      {
        client: alpha.name,
        jobNumber: j1.jobNumber,
        title: j1.title,
        from: 'open',
        to: 'in_progress',
        on: '2026-11-10',
      },
      {
        client: beta.name,
        jobNumber: k1.jobNumber,
        title: k1.title,
        from: 'open',
        to: 'on_hold',
        on: '2026-11-12',
      },
    ]);
    expect(f.jobsFinished).toEqual([
      { client: alpha.name, jobNumber: j2.jobNumber, title: j2.title, on: '2026-11-21' },
    ]);
    // The client's decisions: A4 (3 Nov) and A1 (13 Nov); B2 was decided on 1 December in Shanghai.
    expect(f.signOffs).toEqual([
      {
        client: alpha.name,
        jobNumber: j1.jobNumber,
        what: 'Key visual',
        who: 'Ana Ruiz',
        decision: 'request_changes',
        on: '2026-11-03',
      },
      {
        client: alpha.name,
        jobNumber: j1.jobNumber,
        what: 'Key visual',
        who: 'Ana Ruiz',
        decision: 'approve',
        on: '2026-11-13',
      },
    ]);
    // CR1's two versions; CR4 on 21 Nov in Shanghai; CR2 settled on 1 Dec in Madrid; CR3 still open.
    expect(f.contactReports.map((c: Json) => [c.client, c.subject, c.version, c.status, c.on])).toEqual([
      [alpha.name, 'Meeting CR1', 1, 'disputed', '2026-11-04'],
      [alpha.name, 'Meeting CR1', 2, 'confirmed', '2026-11-06'],
      [beta.name, 'Meeting CR4', 1, 'confirmed_by_silence', '2026-11-21'],
    ]);
    // Alpha (Madrid, 18 Nov a holiday), on the client: A1 10–13 Nov = 4; A2 26, 27, 30 Nov = 3;
    // A4 2, 3 Nov = 2 → 9. On the agency: A3 17, 19 Nov = 2; A6 24 Nov = 1 → 3.
    // Beta (Shanghai), on the client: B2 from Thursday 5 Nov, the working days after it in November:
    // 6; 9–13; 16–20; 23–27; 30 = 1 + 5 + 5 + 5 + 1 = 17. On the agency: B1 from Friday 27 Nov: 30 Nov = 1.
    expect(f.waiting).toEqual([
      { client: alpha.name, onClient: 9, onAgency: 3 },
      { client: beta.name, onClient: 17, onAgency: 1 },
    ]);
    expect(f.waitingTotals).toEqual({ onClient: 26, onAgency: 4 });
    expect(f.nextMonthJobs).toEqual([
      { client: alpha.name, jobNumber: j1.jobNumber, title: j1.title, due: '2026-12-15' },
      { client: alpha.name, jobNumber: j3.jobNumber, title: j3.title, due: '2026-12-31' },
    ]);
    expect(f.nextMonthMilestones).toEqual([
      { client: alpha.name, jobNumber: j1.jobNumber, name: 'Shoot', due: '2026-12-03' },
      { client: beta.name, jobNumber: k1.jobNumber, name: 'Launch', due: '2026-12-31' },
    ]);
    expect(r.counts).toEqual({
      jobsOpened: 2,
      jobsMoved: 2,
      jobsFinished: 1,
      signOffs: 2,
      contactReports: 3,
      waitingOnClientDays: 26,
      waitingOnAgencyDays: 4,
      nextMonthJobs: 2,
      nextMonthMilestones: 2,
    });
    const html = await (await fetch(r.downloads.html.url)).text();
    expect(html).toContain('Working days waiting');
    expect(html).toContain('@media print');
    const csv = await (await fetch(r.downloads.csv.url)).text();
    expect(csv).toContain(`Jobs finished,${alpha.name},${j2.jobNumber},`);
  });

  it('is the manager’s to edit (If-Match) and send; the director gets a link only the line opens; every role probed', async () => {
    const am = agency.am;
    const everyone: [string, fx.Person][] = [
      ['head', agency.head],
      ['gad', agency.gad],
      ['ad', agency.ad],
      ['am', agency.am],
      ['peer am', peerAm],
      ['ae', agency.ae],
      ['aae', agency.aae],
      ['rep', agency.rep],
      ['traffic', agency.traffic],
      ['creative', agency.creative],
      ['other ad', other.ad],
      ['other am', other.am],
      ['other ae', other.ae],
    ];
    const probe = async () => {
      const seen: string[] = [];
      for (const [label, person] of everyone) {
        const one = await api('GET', monthPath(), { token: person.token });
        const list = await api('GET', path(), { token: person.token });
        expect([label, one.status === 200, list.status === 200 && list.body.items.length > 0]).toEqual([
          label,
          one.status === 200,
          one.status === 200,
        ]);
        if (one.status !== 200) expect([label, one.status]).toEqual([label, 404]);
        if (one.status === 200) seen.push(label);
      }
      return seen;
    };
    // A draft is the manager's alone.
    expect(await probe()).toEqual(['am']);

    const draft = (await api('GET', monthPath(), { token: am.token })).body;
    const texts = {
      summary: 'A steady month: the spring launch moved.',
      plan: 'Shoot on 3 December; posters by the 31st.',
    };
    fx.expectProblem(await api('PATCH', monthPath(), { token: am.token, body: texts }), 428);
    fx.expectProblem(
      await api('PATCH', monthPath(), { token: am.token, body: texts, headers: ifMatch(draft.version - 1) }),
      409,
    );
    fx.expectProblem(
      await api('PATCH', monthPath(), {
        token: agency.ad.token,
        body: texts,
        headers: ifMatch(draft.version),
      }),
      404,
    );
    // Those up the line may read it once sent, but only the manager makes it.
    const byAd = await api('POST', path(), { token: agency.ad.token, body: { month } });
    fx.expectProblem(byAd, 403, 'forbidden');
    expect(byAd.body.detail).toMatch(/account manager/);
    fx.expectProblem(await api('POST', path(), { token: agency.ae.token, body: { month } }), 404);
    fx.expectProblem(
      await api('POST', path(), { token: am.token, body: { month: '2099-01' } }),
      422,
      'future_month',
    );
    const edited = await api('PATCH', monthPath(), {
      token: am.token,
      body: texts,
      headers: ifMatch(draft.version),
    });
    fx.expectStatus(edited, 200, 'PATCH work report');
    expect(edited.body).toMatchObject({ ...texts, version: draft.version + 1 });
    // Made again, the figures are taken again and the manager's words stay.
    const redone = await api('POST', path(), { token: am.token, body: { month } });
    fx.expectStatus(redone, 200, 'POST work report');
    expect(redone.body).toMatchObject({ ...texts, status: 'draft', counts: draft.counts });

    fx.expectProblem(await api('POST', `${monthPath()}/send`, { token: am.token }), 428);
    const sent = await api('POST', `${monthPath()}/send`, {
      token: am.token,
      headers: ifMatch(redone.body.version),
    });
    fx.expectStatus(sent, 200, 'send');
    expect(sent.body).toMatchObject({
      status: 'sent',
      sentTo: { staffId: agency.ad.staff.staffId, name: agency.ad.staff.name },
    });
    fx.expectProblem(
      await api('PATCH', monthPath(), { token: am.token, body: texts, headers: ifMatch(sent.body.version) }),
      409,
      'work_report_sent',
    );
    // Sent: the manager and everyone up their line; peers, reports and other lines see nothing.
    expect(await probe()).toEqual(['head', 'gad', 'ad', 'am']);
    const received = await api('GET', '/me/work-reports', { token: agency.ad.token });
    expect(received.body.items.map((x: Json) => [x.staffId, x.month])).toEqual([[am.staff.staffId, month]]);
    expect((await api('GET', '/me/work-reports', { token: agency.gad.token })).body.items).toEqual([]);
    expect((await api('GET', '/me/work-reports', { token: peerAm.token })).body.items).toEqual([]);

    const mail = (await inbox()).find(
      (m) =>
        m.to.includes(agency.ad.staff.email) && m.subject.includes(`Monthly work report of ${am.staff.name}`),
    );
    expect(mail).toBeDefined();
    const link = /https?:\/\/\S+\/documents\/[A-Za-z0-9_-]{20,}/.exec(mail!.text)![0];
    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(303);
    const doc = await (await fetch(click.headers.get('location')!)).text();
    expect(doc).toContain(texts.plan);

    // The director leaves the manager's line: their link no longer opens the report.
    const amNow = await api('GET', `/staff/${am.staff.staffId}`, { token: agency.head.token });
    const moved = await api('PATCH', `/staff/${am.staff.staffId}`, {
      token: agency.head.token,
      body: { reportsTo: other.ad.staff.staffId },
      headers: ifMatch(amNow.body.version),
    });
    fx.expectStatus(moved, 200, 'PATCH staff');
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
  });
  it('is written in the manager’s language (CSV too); an email that failed leaves it sent without a sending, and it is sent again', async () => {
    // The peer manager (same director) reads Spanish, with one client and a job opened in October.
    const spanishAm = peerAm;
    const es = await api('PATCH', '/me', { token: spanishAm.token, body: { language: 'es' } });
    fx.expectStatus(es, 200, 'PATCH /me');
    const { client, brand } = await fx.readyClient(agency.ad, [agency.ad, spanishAm, agency.ae]);
    const job = await fx.openJob(agency.ae, client.clientId, brand.brandId, 'Campaña de otoño');
    await setFields(
      { PK: `CLIENT#${client.clientId}`, SK: `JOB#${job.jobId}` },
      { createdAt: '2026-10-05T10:00:00Z', statusHistory: [opened('2026-10-05T10:00:00Z')] },
    );
    const reports = `/staff/${spanishAm.staff.staffId}/work-reports`;
    const october = `${reports}/2026-10`;
    fx.expectStatus(
      await api('POST', reports, { token: spanishAm.token, body: { month: '2026-10' } }),
      200,
      'POST work report',
    );
    const draft = await api('GET', october, { token: spanishAm.token });
    const csv = await (await fetch(draft.body.downloads.csv.url)).text();
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'Sección,c1,c2,c3,c4,c5,c6',
      'Órdenes de trabajo abiertas,Cliente,Orden,Título,Fecha',
      `Órdenes de trabajo abiertas,${client.name},${job.jobNumber},Campaña de otoño,"lun, 5 oct 2026"`,
    ]);
    expect(csv).toContain('Hitos del próximo mes,Cliente,Orden,Hito,Vence');

    // A draft is not sent again: it is sent first.
    const resend = (by: fx.Person, version: number) =>
      api('POST', `${october}/resend`, { token: by.token, headers: ifMatch(version) });
    const refused = await resend(spanishAm, draft.body.version);
    fx.expectProblem(refused, 409, 'not_sendable');
    const refusedEs = await api('POST', `${october}/resend`, {
      token: spanishAm.token,
      headers: { ...ifMatch(draft.body.version), 'accept-language': 'es' },
    });
    expect(refusedEs.body.detail).toContain('borrador');

    // The mail service fails right after the sending transaction (injected into this process's SES
    // client, which sends it here): the report is sent, and says no email went.
    const subject = `Monthly work report of ${spanishAm.staff.name}:`;
    const toDirector = async () =>
      (await mailsTo(agency.ad.staff.email)).filter((m) => m.subject.includes(subject));
    const failing = failEmails();
    const sent = await sendWorkReport(
      spanishAm.staff.staffId,
      spanishAm.staff.staffId,
      '2026-10',
      draft.body.version,
    );
    expect(failing).toHaveBeenCalled();
    failing.mockRestore();
    expect(sent).toMatchObject({ status: 'sent', sentTo: { staffId: agency.ad.staff.staffId } });
    expect(sent.sendings).toEqual([]);
    expect(await toDirector()).toEqual([]);
    const stands = (await api('GET', october, { token: spanishAm.token })).body;
    expect(stands).toMatchObject({ status: 'sent', version: sent.version });
    expect(stands.sendings).toEqual([]);

    // Send again: not by those below or beside the manager, not under a stale version.
    fx.expectProblem(await resend(agency.ae, stands.version), 404);
    fx.expectProblem(await resend(other.ad, stands.version), 404);
    fx.expectProblem(await resend(spanishAm, stands.version - 1), 409, 'version_conflict');
    const again = await resend(spanishAm, stands.version);
    fx.expectStatus(again, 200, 'resend');
    // Raised once by the claim before the email, once by its sending.
    expect(again.body).toMatchObject({ status: 'sent', version: stands.version + 2 });
    expect(again.body.sendings).toEqual([
      { sentAt: expect.any(String), to: agency.ad.staff.email, sentBy: spanishAm.staff.staffId },
    ]);
    const mails = await toDirector();
    expect(mails).toHaveLength(1);
    // The director (English) opens the copy as sent: the page and the CSV in their language.
    const link = /https?:\/\/\S+\/documents\/[A-Za-z0-9_-]{20,}/.exec(mails[0]!.text)![0];
    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(303);
    expect(await (await fetch(click.headers.get('location')!)).text()).toContain('Jobs opened');
    const asDirector = (await api('GET', october, { token: agency.ad.token })).body;
    expect(await (await fetch(asDirector.downloads.csv.url)).text()).toContain(
      `Jobs opened,${client.name},${job.jobNumber},Campaña de otoño,"Mon, 5 Oct 2026"`,
    );

    // Up the line may send it again too; each sending is in the manager's activity.
    const byDirector = await resend(agency.ad, again.body.version);
    fx.expectStatus(byDirector, 200, 'resend by the director');
    expect(byDirector.body.sendings.map((x: Json) => x.sentBy)).toEqual([
      spanishAm.staff.staffId,
      agency.ad.staff.staffId,
    ]);
    expect(await toDirector()).toHaveLength(2);
    const activity = await api('GET', `/staff/${spanishAm.staff.staffId}/activity?limit=100`, {
      token: agency.head.token,
    });
    expect(
      activity.body.items.filter((e: Json) => e.action === 'work_report.emailed' && e.entityId === '2026-10'),
    ).toHaveLength(2);
  });

  it('is emailed once of two resends at the same instant under one version; one whose email failed is sent again', async () => {
    const reports = `/staff/${peerAm.staff.staffId}/work-reports`;
    const september = `${reports}/2026-09`;
    fx.expectStatus(
      await api('POST', reports, { token: peerAm.token, body: { month: '2026-09' } }),
      200,
      'POST work report',
    );
    const draft = (await api('GET', september, { token: peerAm.token })).body;
    const sent = await api('POST', `${september}/send`, {
      token: peerAm.token,
      headers: ifMatch(draft.version),
    });
    fx.expectStatus(sent, 200, 'send');
    expect(sent.body.sendings).toHaveLength(1);
    const subject = `Monthly work report of ${peerAm.staff.name}: September`;
    const toDirector = async () =>
      (await mailsTo(agency.ad.staff.email)).filter((m) => m.subject.includes(subject));
    expect(await toDirector()).toHaveLength(1);

    const resend = () =>
      api('POST', `${september}/resend`, { token: peerAm.token, headers: ifMatch(sent.body.version) });
    const answers = await Promise.all([resend(), resend()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    fx.expectProblem(answers.find((a) => a.status === 409)!, 409, 'version_conflict');
    const won = answers.find((a) => a.status === 200)!.body;
    expect(won.sendings).toHaveLength(2);
    expect(await toDirector()).toHaveLength(2);

    // The mail service fails after the resend is claimed: the report says no new email went, and
    // is sent again at the version it now has.
    const failing = failEmails();
    await expect(
      resendWorkReport(peerAm.staff.staffId, peerAm.staff.staffId, '2026-09', won.version),
    ).rejects.toThrow();
    failing.mockRestore();
    const stands = (await api('GET', september, { token: peerAm.token })).body;
    expect(stands.sendings).toEqual(won.sendings);
    expect(stands.version).toBeGreaterThan(won.version);
    fx.expectStatus(
      await api('POST', `${september}/resend`, { token: peerAm.token, headers: ifMatch(stands.version) }),
      200,
      'resend after the failed one',
    );
    expect(await toDirector()).toHaveLength(3);
  });
});
