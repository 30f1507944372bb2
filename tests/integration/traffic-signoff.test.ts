import { beforeAll, describe, expect, it } from 'vitest';
import { runOverdueMilestones } from '../../shared/traffic/overdue.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as rv from '../support/reviews.js';
import * as tr from '../support/traffic.js';

/**
 * Issue 12 §1–§3 with the sign-off engine: briefs (versions, the account manager's approval that
 * lets creative work start, the client's sign-off of a client brief that confirms the plan), the
 * timetable signed by the client as the baseline, and the daily overdue-milestones job.
 */
type Json = fx.Json;

let s: tr.TrafficSetup;

beforeAll(async () => {
  s = await tr.trafficReady();
}, 60_000);

async function briefVersion(by: fx.Person, briefId: string, n: number) {
  const res = await api('GET', `/briefs/${briefId}/versions/${n}`, { token: by.token });
  fx.expectStatus(res, 200);
  return res.body;
}

describe('briefs', () => {
  it('are versioned documents; fields must fit their kind; an edit needs the version it is based on', async () => {
    const created = await tr.createBrief(s.agency.ae, s.job.jobId);
    expect(created.brief).toMatchObject({
      kind: 'creative',
      title: 'Spring relaunch',
      latestVersion: 1,
      version: 1,
    });
    expect(created.version).toMatchObject({
      number: 1,
      status: 'draft',
      budget: { amountMinor: 4_000_000, currency: 'EUR' },
      document: {
        objectKey: expect.stringMatching(/\/briefs\/.+\/v0001\.html$/),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    const wrongKind = await api('POST', `/jobs/${s.job.jobId}/briefs`, {
      token: s.agency.ae.token,
      body: { ...tr.creativeBrief, markets: ['Madrid'] },
    });
    fx.expectProblem(wrongKind, 400, 'validation_failed');
    expect(fx.problemFields(wrongKind)).toEqual(['body.markets']);
    fx.expectProblem(
      await api('POST', `/jobs/${s.job.jobId}/briefs`, {
        token: s.agency.creative.token,
        body: tr.creativeBrief,
      }),
      403,
      'forbidden',
    );
    const media = await api('POST', `/jobs/${s.job.jobId}/briefs`, {
      token: s.agency.ae.token,
      body: {
        kind: 'media',
        title: 'Media brief',
        markets: ['Madrid'],
        flight: { start: '2027-04-01', end: '2027-04-30' },
        channelsConsidered: ['tv'],
      },
    });
    fx.expectStatus(media, 201);
    const listed = await api('GET', `/jobs/${s.job.jobId}/briefs?kind=media`, {
      token: s.agency.creative.token,
    });
    expect(listed.body.items.map((b: Json) => b.briefId)).toEqual([media.body.brief.briefId]);

    const { briefId } = created.brief;
    fx.expectProblem(
      await api('POST', `/briefs/${briefId}/versions`, {
        token: s.agency.ae.token,
        body: { title: 'No version' },
      }),
      428,
    );
    const revised = await api('POST', `/briefs/${briefId}/versions`, {
      token: s.agency.ae.token,
      headers: { 'if-match': '"1"' },
      body: {
        ...tr.creativeBrief,
        kind: undefined,
        title: 'Spring relaunch, v2',
        keyMessage: 'Better mornings.',
      },
    });
    fx.expectStatus(revised, 201);
    expect(revised.body.brief).toMatchObject({ latestVersion: 2, version: 2, title: 'Spring relaunch, v2' });
    expect(revised.headers.get('location')).toBe(`/briefs/${briefId}/versions/2`);
    fx.expectProblem(
      await api('POST', `/briefs/${briefId}/versions`, {
        token: s.agency.ae.token,
        headers: { 'if-match': '"1"' },
        body: { title: 'Stale' },
      }),
      409,
      'version_conflict',
    );
    const versions = await api('GET', `/briefs/${briefId}/versions`, { token: s.agency.am.token });
    expect(versions.body.items.map((v: Json) => [v.number, v.keyMessage])).toEqual([
      [1, 'A better cup, every morning.'],
      [2, 'Better mornings.'],
    ]);
    fx.expectProblem(
      await api('POST', `/briefs/${briefId}/versions/1/reviews`, { token: s.agency.ae.token, body: {} }),
      409,
      'superseded_version',
    );
    fx.expectProblem(
      await api('POST', `/briefs/${media.body.brief.briefId}/versions/1/reviews`, {
        token: s.agency.ae.token,
        body: { clientSignOff: true },
      }),
      422,
      'internal_only',
    );
  });

  it('the account manager’s approval of the creative brief lets creative milestones start, and their owners hear', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production, startDate: '2026-10-05' });
    // Planning and the plan's confirmation are done: creative development is next.
    fx.expectStatus(
      await tr.progress(s.agency.ae, t.job.jobId, 'M001', { status: 'done', on: '2026-10-16' }),
      200,
    );
    fx.expectStatus(
      await tr.progress(s.agency.ae, t.job.jobId, 'M002', { status: 'done', on: '2026-10-30' }),
      200,
    );
    fx.expectProblem(
      await tr.progress(s.agency.creative, t.job.jobId, 'M003', { status: 'in_progress' }),
      409,
      'creative_brief_not_approved',
    );

    const brief = await tr.createBrief(s.agency.ae, t.job.jobId);
    const { briefId } = brief.brief;
    const started = await api('POST', `/briefs/${briefId}/versions/1/reviews`, {
      token: s.agency.ae.token,
      body: { message: 'For the creative meeting on Monday.' },
      headers: { 'idempotency-key': `brief-review-${briefId}` },
    });
    fx.expectStatus(started, 201);
    expect(started.body).toMatchObject({
      subjectType: 'brief',
      subjectId: briefId,
      briefId,
      clientApproverIds: [],
      kind: 'creative',
    });
    const approval = await tr.pendingApprovalOf(s.agency.am, briefId);
    expect(approval).toMatchObject({ stage: 'internal', subjectType: 'brief', briefId });
    expect((await briefVersion(s.agency.ae, briefId, 1)).status).toBe('in_review');
    // The AM's task list shows the approval with its job.
    const amTasks = await tr.allTasks(s.agency.am, '/me/tasks', 100);
    expect(amTasks.find((x) => x.approvalId === approval.approvalId)).toMatchObject({
      kind: 'approval',
      jobId: t.job.jobId,
      jobNumber: t.job.jobNumber,
      clientName: t.client.name,
      path: `/approvals/${approval.approvalId}`,
    });

    fx.expectStatus(await rv.decide(s.agency.am, approval.approvalId, 'approve'), 200);
    const schedule = await tr.until('creative development started', async () => {
      const current = await tr.getSchedule(s.agency.ae, t.job.jobId);
      return tr.milestoneNamed(current, 'Creative development').status === 'in_progress' && current;
    });
    expect(tr.milestoneNamed(schedule, 'Creative development').actualStart).toBe(schedule.today);
    const version = await tr.until('the version signed off', async () => {
      const v = await briefVersion(s.agency.ae, briefId, 1);
      return v.status === 'approved' && v;
    });
    expect(version.approvedAt).toBeDefined();
    const got = await api('GET', `/briefs/${briefId}`, { token: s.agency.creative.token });
    expect(got.body.brief).toMatchObject({ approvedVersion: 1 });
    const mails = await tr.until('the creative told', async () => {
      const found = (await rv.mailsTo(s.agency.creative.staff.email)).filter((m) =>
        m.subject.includes(`Creative work may start: ${t.job.jobNumber}`),
      );
      return found.length > 0 && found;
    });
    expect(mails[0]!.text).toContain('Creative development');
    expect(mails[0]!.html).toContain('<table');
    // Another creative milestone (not yet ready) may now start by hand once its turn comes.
    const chain = await tr.briefChain(s.agency.ae, briefId);
    expect(chain.reviews[0]).toMatchObject({
      status: 'released',
      steps: [{ stage: 'internal', status: 'approved' }],
    });
    // The team hears of the approval: the notice, then the brief named once.
    await tr.until('the team told', async () =>
      (await rv.mailsTo(s.agency.ae.staff.email)).some((m) =>
        m.subject.includes('] Approved by the account management: Creative brief: '),
      ),
    );
  });

  it('a brief review is titled in each reader’s language: the approver’s email, My work and tasks, and their manager’s view', async () => {
    const speak = async (who: fx.Person, language: string) =>
      fx.expectStatus(await api('PATCH', '/me', { token: who.token, body: { language } }), 200);
    await speak(s.agency.am, 'es');
    await speak(s.agency.ad, 'zh-CN');
    try {
      const brief = await tr.createBrief(s.agency.ae, s.job.jobId, {
        ...tr.creativeBrief,
        title: 'Gift season',
      });
      const { briefId } = brief.brief;
      fx.expectStatus(
        await api('POST', `/briefs/${briefId}/versions/1/reviews`, { token: s.agency.ae.token, body: {} }),
        201,
      );
      const approval = await tr.pendingApprovalOf(s.agency.am, briefId);
      const [mail] = await tr.until('the Spanish request', async () => {
        const found = (await rv.mailsTo(s.agency.am.staff.email)).filter((m) =>
          m.text.includes('Gift season'),
        );
        return found.length > 0 && found;
      });
      expect(mail!.subject).toContain('Brief creativo: Gift season');
      expect(mail!.text).toContain('Brief creativo: Gift season');
      const work = await api('GET', '/me/approvals?status=pending', { token: s.agency.am.token });
      expect(work.body.items.find((a: Json) => a.approvalId === approval.approvalId).subject.title).toBe(
        'Brief creativo: Gift season',
      );
      const tasks = await tr.allTasks(s.agency.am, '/me/tasks', 100);
      expect(tasks.find((x) => x.approvalId === approval.approvalId).title).toBe(
        'Brief creativo: Gift season v1',
      );
      // The account director reads the AM's pending approvals in Chinese.
      const view = await api('GET', '/me/reports', { token: s.agency.ad.token });
      fx.expectStatus(view, 200);
      const row = view.body.reports.find((r: Json) => r.staffId === s.agency.am.staff.staffId);
      expect(row.pendingApprovals.map((a: Json) => a.title)).toContain('创意简报：Gift season 第 1 版');
      fx.expectStatus(await rv.decide(s.agency.am, approval.approvalId, 'reject', 'Not this season.'), 200);
    } finally {
      await speak(s.agency.am, 'en');
      await speak(s.agency.ad, 'en');
    }
  });

  it('a client brief signed by the client confirms the plan: the milestone that follows it is done', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production, startDate: '2026-06-01' });
    fx.expectStatus(
      await tr.progress(s.agency.ae, t.job.jobId, 'M001', { status: 'done', on: '2026-06-12' }),
      200,
    );
    const planned = (await tr.getSchedule(s.agency.ae, t.job.jobId)).endDate;
    const brief = await tr.createBrief(s.agency.ae, t.job.jobId, {
      kind: 'client',
      title: 'The client’s instruction',
      objective: 'Relaunch the premium range.',
      timing: 'Spring',
    });
    const { briefId } = brief.brief;
    fx.expectStatus(
      await api('POST', `/briefs/${briefId}/versions/1/reviews`, {
        token: s.agency.ae.token,
        body: { clientSignOff: true },
      }),
      201,
    );
    const approval = await tr.pendingApprovalOf(s.agency.am, briefId);
    fx.expectStatus(await rv.decide(s.agency.am, approval.approvalId, 'approve'), 200);
    const link = await rv.approvalLink(t.contact.email);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Client brief');
    const linked = await tr.getSchedule(s.agency.ae, t.job.jobId);
    expect(tr.milestoneNamed(linked, 'Plan revision and client confirmation')).toMatchObject({
      status: 'in_progress',
      link: { subjectType: 'brief', subjectId: briefId, stage: 'client' },
      actualStart: linked.today,
    });
    // The confirmation started months after its planned start: the job's end moved, and the AE and traffic hear it.
    expect(linked.endDate > planned).toBe(true);
    for (const who of [s.agency.ae, s.agency.traffic]) {
      const moved = await tr.until('the schedule-moved email', async () =>
        (await rv.mailsTo(who.staff.email)).find((m) =>
          m.subject.includes(`Schedule moved: ${t.job.jobNumber}`),
        ),
      );
      expect(moved.text).toContain('later than planned');
      expect(moved.html).toContain('Plan revision and client confirmation');
    }
    expect((await rv.submitLink(link, { ...page.hidden, decision: 'approve' })).status).toBe(200);
    const done = await tr.until('the plan confirmed', async () => {
      const current = await tr.getSchedule(s.agency.ae, t.job.jobId);
      return tr.milestoneNamed(current, 'Plan revision and client confirmation').status === 'done' && current;
    });
    const confirmed = tr.milestoneNamed(done, 'Plan revision and client confirmation');
    expect(confirmed).toMatchObject({ actualEnd: done.today, actualWorkingDays: 1 });
    expect(confirmed.waitingSegments).toEqual([
      expect.objectContaining({ party: 'client', stage: 'client', from: done.today, to: done.today }),
    ]);
    // A linked milestone follows its sign-off: progress by hand is refused, in words.
    const manual = await tr.progress(s.agency.ae, t.job.jobId, confirmed.milestoneId, { status: 'done' });
    fx.expectProblem(manual, 409, 'milestone_follows_sign_off');
    expect(manual.body.detail).toBe(
      '“Plan revision and client confirmation” follows the client step of its brief: it starts and ends with it.',
    );
    await tr.until(
      'the brief signed',
      async () => (await briefVersion(s.agency.ae, briefId, 1)).status === 'signed',
    );
  });
});

describe('the timetable', () => {
  it('is frozen as a document, signed by the client, and becomes the baseline later moves slip against', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    fx.expectProblem(
      await api('POST', `/jobs/${t.job.jobId}/timetable/versions`, { token: s.agency.creative.token }),
      403,
      'forbidden',
    );
    const frozen = await api('POST', `/jobs/${t.job.jobId}/timetable/versions`, {
      token: s.agency.traffic.token,
    });
    fx.expectStatus(frozen, 201);
    expect(frozen.body).toMatchObject({
      number: 1,
      status: 'draft',
      scheduleVersion: 1,
      endDate: '2027-04-01',
    });
    expect(frozen.body.milestones).toHaveLength(7);
    expect(frozen.headers.get('location')).toBe(`/jobs/${t.job.jobId}/timetable/versions/1`);

    const started = await api('POST', `/jobs/${t.job.jobId}/timetable/versions/1/reviews`, {
      token: s.agency.ae.token,
      body: {},
    });
    fx.expectStatus(started, 201);
    expect(started.body).toMatchObject({
      subjectType: 'timetable',
      subjectId: t.job.jobId,
      kind: 'timetable',
    });
    const approval = await tr.pendingApprovalOf(s.agency.am, t.job.jobId);
    fx.expectStatus(await rv.decide(s.agency.am, approval.approvalId, 'approve'), 200);
    const link = await rv.approvalLink(t.contact.email);
    const page = await rv.openLink(link);
    expect(page.html).toContain('Timetable');
    expect((await rv.submitLink(link, { ...page.hidden, decision: 'approve' })).status).toBe(200);
    const signed = await tr.until('the baseline', async () => {
      const current = await tr.getSchedule(s.agency.ae, t.job.jobId);
      return current.baseline && current;
    });
    expect(signed.baseline).toMatchObject({
      timetableVersion: 1,
      endDate: '2027-04-01',
      slipDays: 0,
      reviewId: started.body.reviewId,
    });
    expect(tr.milestoneNamed(signed, 'Production')).toMatchObject({
      baseline: { start: '2027-03-03', due: '2027-04-01' },
      slipDays: 0,
    });
    const version = await api('GET', `/jobs/${t.job.jobId}/timetable/versions/1`, {
      token: s.agency.ae.token,
    });
    expect(version.body).toMatchObject({ status: 'signed', reviewId: started.body.reviewId });

    // A later move shows its slip against the signed timetable.
    const moved = await tr.change(s.agency.traffic, t.job.jobId, signed.version, {
      moves: [{ milestoneId: 'M003', durationDays: 13 }],
    });
    fx.expectStatus(moved, 200);
    expect(moved.body.schedule.baseline).toMatchObject({ endDate: '2027-04-01', slipDays: 3 });
    expect(tr.milestoneNamed(moved.body.schedule, 'Production').slipDays).toBe(3);
    const board = (await fx.listAll('/traffic/board', s.agency.traffic, 100)).find(
      (e: Json) => e.jobId === t.job.jobId,
    );
    expect(board).toMatchObject({ baselineEndDate: '2027-04-01', slipDays: 3, endDate: '2027-04-06' });
    const chain = await api('GET', `/jobs/${t.job.jobId}/timetable/approvals`, { token: s.agency.ae.token });
    expect(chain.body.reviews[0]).toMatchObject({ status: 'released' });
    expect(chain.body.reviews[0].evidence.map((e: Json) => e.stage)).toEqual(['internal', 'client']);
    await tr.until('the team told', async () =>
      (await rv.mailsTo(s.agency.ae.staff.email)).some((m) =>
        // The notice, then the item: its title names the timetable once.
        m.subject.includes('Signed by the client: Timetable — '),
      ),
    );
  });
});

describe('the overdue-milestones job', () => {
  it('emails each owner their overdue and due-today milestones, the AE and traffic of critical slips — once a day', async () => {
    const production = await fx.appoint(s.agency.head, 'production');
    const t = await tr.trafficReady({ agency: s.agency, production, startDate: '2026-06-01' });
    // A working morning on the client's calendar (the job waits out weekends): the coming Wednesday.
    const at = new Date();
    at.setUTCHours(8, 0, 0, 0);
    while (at.getUTCDay() !== 3) at.setUTCDate(at.getUTCDate() + 1);
    const first = await runOverdueMilestones(at);
    expect(first.overdue).toBeGreaterThanOrEqual(7);
    expect(first.ownersEmailed).toBeGreaterThanOrEqual(3);
    expect(first.criticalSlipsReported).toBeGreaterThanOrEqual(1);
    const digest = (await rv.mailsTo(production.staff.email)).filter(
      (m) => m.subject.startsWith('[') && m.subject.includes('Your milestones'),
    );
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toContain('1 overdue, 0 due today');
    expect(digest[0]!.text).toContain(t.job.jobNumber);
    expect(digest[0]!.text).toContain('Production');
    const slip = (await rv.mailsTo(s.agency.traffic.staff.email)).filter((m) =>
      m.subject.includes(`Critical path slipping: ${t.job.jobNumber}`),
    );
    expect(slip).toHaveLength(1);
    expect(slip[0]!.text).toContain('Client feedback');
    expect(slip[0]!.text).toContain('the client');
    expect(
      (await rv.mailsTo(s.agency.ae.staff.email)).some((m) =>
        m.subject.includes(`Critical path slipping: ${t.job.jobNumber}`),
      ),
    ).toBe(true);

    // Again the same day: nothing is sent twice.
    const again = await runOverdueMilestones(at);
    expect(again.ownersEmailed).toBe(0);
    expect(again.criticalSlipsReported).toBe(0);
    expect(again.alreadySent).toBeGreaterThanOrEqual(first.ownersEmailed! + first.criticalSlipsReported!);
    expect(
      (await rv.mailsTo(production.staff.email)).filter((m) => m.subject.includes('Your milestones')),
    ).toHaveLength(1);
  });
});
