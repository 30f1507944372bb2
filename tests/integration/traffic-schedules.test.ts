import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../scripts/migration-runner.js';
import { migrations } from '../../scripts/migrations.js';
import { createProposal, decideProposal } from '../../shared/traffic/index.js';
import { api, inboxUrl } from '../support/api.js';
import { failEmails } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import { documents, tableName } from '../support/table.js';
import * as tr from '../support/traffic.js';

/**
 * Issue 12 §1 and §3 over HTTP against the local stack: schedules drawn from templates on the
 * client's calendar, moves with their preview, authority (traffic coordinator, the job's AE,
 * everyone else proposes), optimistic locking and idempotency, other clients' jobs invisible,
 * everyone's task lists and the traffic board, templates.
 */
type Json = fx.Json;

let s: tr.TrafficSetup;

beforeAll(async () => {
  s = await tr.trafficReady();
}, 60_000);

describe('a schedule drawn from the template', () => {
  it('has the seeds’ timeline on the client’s calendar, owners from the team, and the whole chain critical', () => {
    const { schedule } = s;
    expect(schedule).toMatchObject({
      jobId: s.job.jobId,
      clientName: s.client.name,
      jobNumber: s.job.jobNumber,
      timeZone: 'Europe/Madrid',
      startDate: '2027-01-04',
      endDate: '2027-04-01',
      version: 1,
      tasksUpToDate: true,
      waiting: { clientDays: 0, agencyDays: 0 },
    });
    expect(schedule.milestones.map((m: Json) => [m.name, m.start, m.due])).toEqual([
      ['Planning', '2027-01-04', '2027-01-18'],
      ['Plan revision and client confirmation', '2027-01-19', '2027-02-01'],
      ['Creative development', '2027-02-02', '2027-02-15'],
      ['Creative presentation', '2027-02-16', '2027-02-16'],
      ['Client feedback', '2027-02-17', '2027-02-23'],
      ['Revisions', '2027-02-24', '2027-03-02'],
      ['Production', '2027-03-03', '2027-04-01'],
    ]);
    // Each keeps its built-in name's key, so every reader reads it in their language.
    expect(schedule.milestones.map((m: Json) => m.nameKey)).toEqual([
      'planning',
      'plan_confirmation',
      'creative_development',
      'creative_presentation',
      'client_feedback',
      'revisions',
      'production',
    ]);
    // And its deliverable's key: the built-in words are read in each reader's language too.
    expect(schedule.milestones.map((m: Json) => m.deliverableKey)).toEqual(
      schedule.milestones.map((m: Json) => m.nameKey),
    );
    expect(schedule.criticalPath).toHaveLength(7);
    // The client's calendar around it: weekends and Madrid's holidays (Epiphany), for a chart.
    expect(schedule.calendar.from <= '2027-01-04' && schedule.calendar.to >= '2027-04-01').toBe(true);
    expect(schedule.calendar.nonWorkingDays).toEqual(expect.arrayContaining(['2027-01-06', '2027-01-09']));
    expect(schedule.calendar.nonWorkingDays).not.toContain('2027-01-04');
    expect(tr.milestoneNamed(schedule, 'Creative development')).toMatchObject({
      owner: { kind: 'staff', staffId: s.agency.creative.staff.staffId },
      ownerName: s.agency.creative.staff.name,
      maxDurationDays: 15,
      critical: true,
      ready: false,
    });
    expect(tr.milestoneNamed(schedule, 'Client feedback').owner).toEqual({ kind: 'client' });
    expect(tr.milestoneNamed(schedule, 'Production').owner.staffId).toBe(s.production.staff.staffId);
  });

  it('drawn before built-in names were translated, gets its keys back from the migration, once', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const as = t.agency.ae;
    const before = await tr.getSchedule(as, t.job.jobId);
    const key = { PK: `CLIENT#${t.client.clientId}`, SK: `SCHEDULE#${t.job.jobId}` };
    const stored = (await documents().send(new GetCommand({ TableName: tableName(), Key: key }))).Item!;
    const older = stored.milestones.map(({ nameKey: _, deliverableKey: __, ...m }: Json) => m);
    await documents().send(
      new PutCommand({ TableName: tableName(), Item: { ...stored, milestones: older } }),
    );
    expect((await tr.getSchedule(as, t.job.jobId)).milestones.map((m: Json) => m.nameKey)).toEqual(
      before.milestones.map(() => undefined),
    );

    const migration = migrations.find((m) => m.name === '2026-12-milestones-keep-built-in-names')!;
    expect((await runMigration(migration, { force: true })).upgraded).toBeGreaterThanOrEqual(1);
    expect(await tr.getSchedule(as, t.job.jobId)).toEqual(before);
    expect((await runMigration(migration, { force: true })).upgraded).toBe(0);
  });

  it('is drawn once: a replayed Idempotency-Key answers the first result, a second schedule is refused', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production, startDate: null });
    const body = { startDate: '2027-02-01' };
    const headers = { 'idempotency-key': `schedule-${t.job.jobId}` };
    const first = await api('POST', `/jobs/${t.job.jobId}/schedule`, {
      token: s.agency.ae.token,
      body,
      headers,
    });
    fx.expectStatus(first, 201);
    expect(first.headers.get('location')).toBe(`/jobs/${t.job.jobId}/schedule`);
    const replay = await api('POST', `/jobs/${t.job.jobId}/schedule`, {
      token: s.agency.ae.token,
      body,
      headers,
    });
    fx.expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    fx.expectProblem(
      await api('POST', `/jobs/${t.job.jobId}/schedule`, { token: s.agency.ae.token, body }),
      409,
      'schedule_exists',
    );
    fx.expectProblem(
      await api('POST', `/jobs/${t.job.jobId}/schedule`, {
        token: s.agency.ae.token,
        body: { startDate: '2027-02-30' },
      }),
      400,
      'validation_failed',
    );
  });

  it('may be drawn up by the traffic coordinator, not by a creative', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production, startDate: null });
    const refused = await api('POST', `/jobs/${t.job.jobId}/schedule`, {
      token: s.agency.creative.token,
      body: { startDate: '2027-02-01' },
    });
    fx.expectProblem(refused, 403, 'forbidden');
    expect(refused.body.detail).toMatch(/account executive or above, or the traffic coordinator/);
    fx.expectStatus(
      await api('POST', `/jobs/${t.job.jobId}/schedule`, {
        token: s.agency.traffic.token,
        body: { startDate: '2027-02-01' },
      }),
      201,
    );
  });
});

describe('moves', () => {
  it('are previewed (what moves, the new end) and then saved as previewed, with an ETag', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const body = {
      moves: [{ milestoneId: 'M001', start: '2027-01-11' }],
      note: 'Client kick-off moved a week.',
    };
    const seen = await tr.preview(s.agency.ae, t.job.jobId, body);
    fx.expectStatus(seen, 200);
    expect(seen.body).toMatchObject({
      saved: false,
      endDate: { from: '2027-04-01', to: '2027-04-07' },
      shiftDays: 4,
    });
    expect(seen.body.moved).toHaveLength(7);
    // Nothing was saved by the preview.
    expect((await tr.getSchedule(s.agency.ae, t.job.jobId)).version).toBe(1);
    const saved = await tr.change(s.agency.ae, t.job.jobId, 1, body);
    fx.expectStatus(saved, 200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(saved.body).toMatchObject({ saved: true, shiftDays: 4 });
    expect(saved.body.schedule.milestones).toEqual(seen.body.schedule.milestones);
    expect(saved.body.moved).toEqual(seen.body.moved);
    const activity = await api('GET', `/clients/${t.client.clientId}/activity`, { token: s.agency.ad.token });
    const event = activity.body.items.find((e: Json) => e.action === 'schedule.rescheduled');
    expect(event).toMatchObject({
      entityId: t.job.jobId,
      beforeVersion: 1,
      afterVersion: 2,
      actorId: s.agency.ae.staff.staffId,
    });
    expect(event.changes.M001).toMatchObject({ from: { start: '2027-01-04' }, to: { start: '2027-01-11' } });
  });

  it('need If-Match, are refused on a stale version, and of two at the same version exactly one wins', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const body = { moves: [{ milestoneId: 'M001', start: '2027-01-05' }] };
    fx.expectProblem(
      await api('PATCH', `/jobs/${t.job.jobId}/schedule`, { token: s.agency.ae.token, body }),
      428,
      'precondition_required',
    );
    const [a, b] = await Promise.all([
      tr.change(s.agency.ae, t.job.jobId, 1, body),
      tr.change(s.agency.traffic, t.job.jobId, 1, { moves: [{ milestoneId: 'M002', durationDays: 12 }] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('version_conflict');
    fx.expectProblem(await tr.change(s.agency.ae, t.job.jobId, 1, body), 409, 'version_conflict');
    expect((await tr.getSchedule(s.agency.ae, t.job.jobId)).version).toBe(2);
  });

  it('are refused in plain words: before a predecessor ends, on a holiday, unknown milestones, empty changes', async () => {
    const { jobId } = s.job;
    const before = await tr.preview(s.agency.ae, jobId, {
      moves: [{ milestoneId: 'M003', start: '2027-01-25' }],
    });
    fx.expectProblem(before, 422, 'before_predecessor');
    expect(before.body.detail).toContain('“Plan revision and client confirmation” ends on Mon, 1 Feb 2027');
    expect(fx.problemFields(before)).toEqual(['body.moves.0.start']);
    const holiday = await tr.preview(s.agency.ae, jobId, {
      moves: [{ milestoneId: 'M001', start: '2027-01-06' }],
    });
    fx.expectProblem(holiday, 422, 'not_a_working_day');
    fx.expectProblem(
      await tr.preview(s.agency.ae, jobId, { moves: [{ milestoneId: 'M042', start: '2027-01-05' }] }),
      422,
      'unknown_milestone',
    );
    fx.expectProblem(await tr.preview(s.agency.ae, jobId, {}), 400, 'validation_failed');
    fx.expectProblem(
      await tr.preview(s.agency.ae, jobId, { moves: [{ milestoneId: 'M001' }] }),
      400,
      'validation_failed',
    );
    const cycle = await tr.preview(s.agency.ae, jobId, {
      update: [{ milestoneId: 'M001', dependsOn: [{ milestoneId: 'M007' }] }],
    });
    fx.expectProblem(cycle, 422, 'dependency_cycle');
    expect(cycle.body.detail).toContain('“Planning”');
  });

  it('saved schedules equal their previews, for random moves (fast-check, through the API)', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    let version = 1;
    let current = t.schedule;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
        async (which, shift, durationDays) => {
          const id = `M00${which}`;
          const m = current.milestones.find((x: Json) => x.milestoneId === id);
          const start = new Date(Date.parse(`${m.start}T00:00:00Z`) + shift * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const body = { moves: [{ milestoneId: id, start, ...(durationDays ? { durationDays } : {}) }] };
          const seen = await tr.preview(s.agency.traffic, t.job.jobId, body);
          if (seen.status === 422) {
            expect(['before_predecessor', 'not_a_working_day']).toContain(seen.body.code);
            return;
          }
          fx.expectStatus(seen, 200);
          const saved = await tr.change(s.agency.traffic, t.job.jobId, version, body);
          fx.expectStatus(saved, 200);
          expect(saved.body.schedule.milestones).toEqual(seen.body.schedule.milestones);
          expect(saved.body.schedule.endDate).toBe(seen.body.schedule.endDate);
          version = saved.body.schedule.version;
          current = saved.body.schedule;
          // No milestone starts before its predecessors end.
          for (const ms of current.milestones) {
            for (const dep of ms.dependsOn) {
              const pred = current.milestones.find((x: Json) => x.milestoneId === dep.milestoneId);
              expect(ms.start > pred.due || (pred.durationDays === 0 && ms.start >= pred.start)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);
  it('too large for one transaction, a move still saves at once and the task lists catch up with it', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const owner = { kind: 'staff', staffId: s.agency.aae.staff.staffId };
    // 7 + 113 milestones: a chain of sign-off checks after planning, owned by the AAE.
    await fx.setTeam(s.agency.ad, t.client.clientId, [
      s.agency.ad,
      s.agency.am,
      s.agency.ae,
      s.agency.creative,
      s.production,
      s.agency.traffic,
      s.agency.aae,
    ]);
    let version = 1;
    for (const [from, count] of [
      [8, 100],
      [108, 13],
    ] as const) {
      const add = Array.from({ length: count }, (_, i) => ({
        name: `Check ${from + i}`,
        department: 'account',
        owner,
        durationDays: 1,
        dependsOn: [{ milestoneId: i === 0 ? 'M001' : `M${String(from + i - 1).padStart(3, '0')}` }],
      }));
      const res = await tr.change(s.agency.ae, t.job.jobId, version, { add });
      fx.expectStatus(res, 200);
      version = res.body.schedule.version;
    }
    const before = await tr.allTasks(s.agency.aae, '/me/tasks', 100);
    expect(before.filter((x) => x.jobId === t.job.jobId)).toHaveLength(113);
    const moved = await tr.change(s.agency.ae, t.job.jobId, version, {
      moves: [{ milestoneId: 'M001', start: '2027-01-18' }],
    });
    fx.expectStatus(moved, 200);
    expect(moved.body.moved.length).toBeGreaterThan(100);
    expect(moved.body.schedule.tasksUpToDate).toBe(true);
    const after = new Map(
      (await tr.allTasks(s.agency.aae, '/me/tasks', 100))
        .filter((x) => x.jobId === t.job.jobId)
        .map((x) => [x.milestoneId, x]),
    );
    expect(after.size).toBe(113);
    for (const m of moved.body.schedule.milestones.filter(
      (x: Json) => x.owner.staffId === s.agency.aae.staff.staffId,
    )) {
      expect(after.get(m.milestoneId)?.due, m.milestoneId).toBe(m.due);
    }
  }, 60_000);
});

describe('authority', () => {
  it('the traffic coordinator moves any milestone; the job’s AE their own job’s; an AM or a creative must propose', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const move = (start: string) => ({ moves: [{ milestoneId: 'M001', start }] });
    fx.expectStatus(await tr.change(s.agency.traffic, t.job.jobId, 1, move('2027-01-05')), 200);
    fx.expectStatus(await tr.change(s.agency.ae, t.job.jobId, 2, move('2027-01-07')), 200);
    for (const who of [s.agency.am, s.agency.creative, s.agency.ad]) {
      const refused = await tr.change(who, t.job.jobId, 3, move('2027-01-08'));
      fx.expectProblem(refused, 403, 'forbidden');
      expect(refused.body.detail).toBe(
        "Only the job's account executive or the traffic coordinator may move this milestone; propose the change instead.",
      );
    }
    // Anyone who sees the job may preview a move (what their proposal would do); saving is refused.
    const previewed = await tr.preview(s.agency.creative, t.job.jobId, move('2027-01-08'));
    fx.expectStatus(previewed, 200);
    expect(previewed.body.saved).toBe(false);
    // What each reader may do comes with the schedule, from the same rules.
    const allowedOf = async (who: fx.Person) => {
      const res = await api('GET', `/jobs/${t.job.jobId}/schedule`, { token: who.token });
      fx.expectStatus(res, 200);
      return res.body.allowed;
    };
    expect(await allowedOf(s.agency.traffic)).toMatchObject({
      move: true,
      reshape: false,
      decideProposals: true,
      freezeTimetable: true,
      // The traffic coordinator prepares the timetable; an AE or above sends it to the client.
      sendTimetable: false,
    });
    expect(await allowedOf(s.agency.ae)).toMatchObject({
      move: true,
      reshape: true,
      decideProposals: true,
      sendTimetable: true,
    });
    expect(await allowedOf(s.agency.am)).toMatchObject({
      move: false,
      reshape: true,
      decideProposals: false,
    });
    const ofCreative = await allowedOf(s.agency.creative);
    expect(ofCreative).toMatchObject({
      move: false,
      reshape: false,
      decideProposals: false,
      freezeTimetable: false,
    });
    const ownedByCreative = t.schedule.milestones
      .filter((m: Json) => m.owner.staffId === s.agency.creative.staff.staffId && !m.link)
      .map((m: Json) => m.milestoneId);
    expect(ownedByCreative.length).toBeGreaterThan(0);
    expect(ofCreative.reportProgress).toEqual(ownedByCreative);
    // Reshaping is for the job's AE and AM and above, not for the traffic coordinator.
    const add = {
      add: [
        {
          name: 'Regulatory review',
          department: 'account',
          owner: { kind: 'staff', staffId: s.agency.ae.staff.staffId },
          durationDays: 3,
          dependsOn: [{ milestoneId: 'M006' }],
        },
      ],
    };
    const traffic = await tr.change(s.agency.traffic, t.job.jobId, 3, add);
    fx.expectProblem(traffic, 403, 'forbidden');
    expect(traffic.body.detail).toMatch(/traffic coordinator reschedules milestones/);
    const added = await tr.change(s.agency.am, t.job.jobId, 3, add);
    fx.expectStatus(added, 200);
    expect(tr.milestoneNamed(added.body.schedule, 'Regulatory review')).toMatchObject({
      milestoneId: 'M008',
      ownerName: s.agency.ae.staff.name,
    });
    // Owners must be on the client's team.
    const outsider = await fx.appoint(s.agency.head, 'creative');
    const wrongOwner = await tr.change(s.agency.am, t.job.jobId, 4, {
      update: [{ milestoneId: 'M008', owner: { kind: 'staff', staffId: outsider.staff.staffId } }],
    });
    fx.expectProblem(wrongOwner, 422, 'owner_not_on_team');
    expect(fx.problemFields(wrongOwner)).toEqual(['body.update.0.owner']);
    // A built-in milestone renamed is a name typed: it stays as typed for every reader.
    const renamed = await tr.change(s.agency.am, t.job.jobId, 4, {
      update: [{ milestoneId: 'M001', name: 'Planning with the brand team' }],
    });
    fx.expectStatus(renamed, 200);
    const planning = tr.milestoneNamed(renamed.body.schedule, 'Planning with the brand team');
    expect(planning.nameKey).toBeUndefined();
    expect(tr.milestoneNamed(renamed.body.schedule, 'Revisions').nameKey).toBe('revisions');
  });

  it('a creative’s proposal is accepted by the AE (saved with the decision) or declined, and the proposer hears', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    // Each reads their email in their own language: the creative in Spanish, the AE in Chinese.
    const setLanguage = (who: fx.Person, language: string) =>
      api('PATCH', '/me', { token: who.token, body: { language } });
    fx.expectStatus(await setLanguage(s.agency.creative, 'es'), 200);
    fx.expectStatus(await setLanguage(s.agency.ae, 'zh-CN'), 200);
    const propose = (body: Json, key?: string) =>
      api('POST', `/jobs/${t.job.jobId}/schedule/proposals`, {
        token: s.agency.creative.token,
        body,
        headers: key ? { 'idempotency-key': key } : {},
      });
    const body = { milestoneId: 'M003', durationDays: 15, reason: 'The key visual needs a photo shoot.' };
    const first = await propose(body, `proposal-${t.job.jobId}`);
    fx.expectStatus(first, 201);
    expect(first.body).toMatchObject({
      status: 'pending',
      milestoneName: 'Creative development',
      milestoneNameKey: 'creative_development',
      current: { durationDays: 10 },
      proposed: { durationDays: 15 },
      preview: { endDate: '2027-04-08', shiftDays: 5 },
      proposedBy: s.agency.creative.staff.staffId,
    });
    const replay = await propose(body, `proposal-${t.job.jobId}`);
    expect(replay.body.proposalId).toBe(first.body.proposalId);
    fx.expectProblem(
      await propose({ milestoneId: 'M003', start: '2027-01-05', reason: 'Sooner' }),
      422,
      'before_predecessor',
    );

    const decide = (who: fx.Person, proposalId: string, decision: string) =>
      api('POST', `/jobs/${t.job.jobId}/schedule/proposals/${proposalId}/decision`, {
        token: who.token,
        body: { decision, comment: 'Agreed with the client.' },
      });
    const creativeDecides = await decide(s.agency.creative, first.body.proposalId, 'accept');
    fx.expectProblem(creativeDecides, 403, 'forbidden');
    expect(creativeDecides.body.detail).toMatch(
      /job's account executive or the traffic coordinator may accept or decline/,
    );
    const accepted = await decide(s.agency.ae, first.body.proposalId, 'accept');
    fx.expectStatus(accepted, 200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      appliedInVersion: 2,
      decidedBy: s.agency.ae.staff.staffId,
    });
    const after = await tr.getSchedule(s.agency.ae, t.job.jobId);
    expect(after).toMatchObject({ version: 2, endDate: '2027-04-08' });
    expect(tr.milestoneNamed(after, 'Creative development').durationDays).toBe(15);
    fx.expectProblem(await decide(s.agency.ae, first.body.proposalId, 'decline'), 409, 'proposal_decided');

    const second = await propose({ milestoneId: 'M004', durationDays: 2, reason: 'Two presentations.' });
    fx.expectStatus(await decide(s.agency.traffic, second.body.proposalId, 'decline'), 200);
    expect((await tr.getSchedule(s.agency.ae, t.job.jobId)).version).toBe(2);
    const listed = await api('GET', `/jobs/${t.job.jobId}/schedule/proposals?status=all`, {
      token: s.agency.am.token,
    });
    expect(listed.body.items.map((p: Json) => p.status).sort()).toEqual(['accepted', 'declined']);

    // The deciders were asked, the proposer told.
    await tr.until('the proposer told', async () => {
      const res = await fetch(new URL('store', inboxUrl()));
      const mails = ((await res.json()) as { emails: Json[] }).emails;
      const to = (m: Json) => [m.destination?.to ?? []].flat();
      return (
        mails.some(
          (m) =>
            to(m).includes(s.agency.creative.staff.email) &&
            /Cambio rechazado: Presentación creativa/.test(m.subject) &&
            /rechazó el cambio que propusiste para «Presentación creativa»/.test(m.body?.text ?? ''),
        ) &&
        mails.some(
          (m) =>
            to(m).includes(s.agency.ae.staff.email) &&
            /调整提议：创意发展/.test(m.subject) &&
            /提议 .*的“创意发展”用时 15 个工作日（现为 10）/.test(m.body?.text ?? ''),
        )
      );
    });
    fx.expectStatus(await setLanguage(s.agency.creative, 'en'), 200);
    fx.expectStatus(await setLanguage(s.agency.ae, 'en'), 200);
  });

  it('a proposal and its decision answer what was recorded when the emails after them fail', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    // Proposed and decided in this process, whose emails fail right after each transaction.
    const failing = failEmails();
    try {
      const proposed = await createProposal(s.agency.creative.staff.staffId, t.job.jobId, {
        milestoneId: 'M003',
        durationDays: 12,
        reason: 'A second round of sketches.',
      });
      expect(proposed.result).toMatchObject({ status: 'pending', proposed: { durationDays: 12 } });
      const declined = await decideProposal(
        s.agency.ae.staff.staffId,
        t.job.jobId,
        proposed.result.proposalId,
        {
          decision: 'decline',
        },
      );
      expect(declined).toMatchObject({ status: 'declined', decidedBy: s.agency.ae.staff.staffId });
      expect(failing.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      failing.mockRestore();
    }
    const listed = await api('GET', `/jobs/${t.job.jobId}/schedule/proposals?status=all`, {
      token: s.agency.am.token,
    });
    expect(listed.body.items.map((p: Json) => p.status)).toEqual(['declined']);
  });

  it('progress is reported by the milestone’s owner, the job’s AE or the traffic coordinator; creative work waits for the brief', async () => {
    const t = await tr.trafficReady({ agency: s.agency, production: s.production });
    const refused = await tr.progress(s.agency.creative, t.job.jobId, 'M001', {
      status: 'in_progress',
      on: '2027-01-04',
    });
    fx.expectProblem(refused, 403, 'forbidden');
    expect(refused.body.detail).toMatch(
      /milestone's owner, the job's account executive or the traffic coordinator/,
    );
    const started = await tr.progress(s.agency.ae, t.job.jobId, 'M001', {
      status: 'in_progress',
      on: '2026-11-02',
    });
    fx.expectStatus(started, 200);
    expect(tr.milestoneNamed(started.body, 'Planning')).toMatchObject({
      status: 'in_progress',
      actualStart: '2026-11-02',
      start: '2026-11-02',
    });
    const done = await tr.progress(s.agency.traffic, t.job.jobId, 'M001', {
      status: 'done',
      on: '2026-11-13',
    });
    fx.expectStatus(done, 200);
    expect(tr.milestoneNamed(done.body, 'Planning')).toMatchObject({
      status: 'done',
      actualWorkingDays: 10,
      due: '2026-11-13',
    });
    expect(tr.milestoneNamed(done.body, 'Planning').waiting).toEqual({ clientDays: 0, agencyDays: 10 });
    fx.expectStatus(
      await tr.progress(s.agency.ae, t.job.jobId, 'M002', { status: 'done', on: '2026-11-20' }),
      200,
    );
    const creative = await tr.progress(s.agency.creative, t.job.jobId, 'M003', { status: 'in_progress' });
    fx.expectProblem(creative, 409, 'creative_brief_not_approved');
    expect(creative.body.detail).toBe(
      "Creative work starts once the account manager has approved the job's creative brief.",
    );
    fx.expectProblem(
      await tr.progress(s.agency.ae, t.job.jobId, 'M004', { status: 'done', on: '2099-01-04' }),
      422,
      'future_date',
    );
  });
});

describe('other clients’ jobs', () => {
  it('are 404 for every traffic route, the same as unknown ids', async () => {
    const other = await fx.accountLine(s.agency.head, s.agency.gad, 'other');
    const stranger = other.ae;
    const { jobId } = s.job;
    const brief = await tr.createBrief(s.agency.ae, jobId);
    const probes: [string, string, Json?][] = [
      ['GET', `/jobs/${jobId}/schedule`],
      ['POST', `/jobs/${jobId}/schedule/preview`, { moves: [{ milestoneId: 'M001', start: '2027-01-05' }] }],
      [
        'POST',
        `/jobs/${jobId}/schedule/proposals`,
        { milestoneId: 'M001', start: '2027-01-05', reason: 'x' },
      ],
      ['GET', `/jobs/${jobId}/schedule/proposals`],
      ['POST', `/jobs/${jobId}/schedule/milestones/M001/progress`, { status: 'in_progress' }],
      ['POST', `/jobs/${jobId}/timetable/versions`],
      ['GET', `/jobs/${jobId}/timetable/versions`],
      ['GET', `/jobs/${jobId}/timetable/approvals`],
      ['GET', `/jobs/${jobId}/briefs`],
      ['POST', `/jobs/${jobId}/briefs`, tr.creativeBrief],
      ['GET', `/briefs/${brief.brief.briefId}`],
      ['GET', `/briefs/${brief.brief.briefId}/versions/1`],
      ['GET', `/briefs/${brief.brief.briefId}/approvals`],
      ['POST', `/briefs/${brief.brief.briefId}/versions/1/reviews`, {}],
    ];
    for (const [method, path, body] of probes) {
      const res = await api(method, path, { token: stranger.token, body });
      fx.expectProblem(res, 404, 'not_found');
      const unknown = await api(method, path.replace(jobId, `${s.client.clientId}_${fx.unknownId()}`), {
        token: s.agency.ae.token,
        body,
      });
      if (path.includes(jobId)) fx.expectProblem(unknown, 404, 'not_found');
    }
    const revise = await api('POST', `/briefs/${brief.brief.briefId}/versions`, {
      token: stranger.token,
      headers: { 'if-match': '"1"' },
      body: { title: 'Mine now' },
    });
    fx.expectProblem(revise, 404, 'not_found');
    const theirs = await tr.allTasks(stranger);
    expect(theirs.filter((x) => x.clientId === s.client.clientId)).toEqual([]);
    const board = await fx.listAll('/traffic/board', stranger);
    expect(board.filter((x: Json) => x.clientId === s.client.clientId)).toEqual([]);
  });
});

describe('everyone’s work', () => {
  it('lists a person’s milestones and pending approvals across jobs, by urgency, page by page', async () => {
    const production = await fx.appoint(s.agency.head, 'production');
    const [a, b] = await Promise.all([
      tr.trafficReady({ agency: s.agency, production, startDate: '2026-06-01' }),
      tr.trafficReady({ agency: s.agency, production, startDate: '2027-06-07' }),
    ]);
    const mine = await tr.allTasks(production, '/me/tasks', 1);
    expect(mine.map((x) => [x.jobId, x.title, x.due])).toEqual([
      [a.job.jobId, 'Production', tr.milestoneNamed(a.schedule, 'Production').due],
      [b.job.jobId, 'Production', tr.milestoneNamed(b.schedule, 'Production').due],
    ]);
    expect(mine[0]).toMatchObject({
      kind: 'milestone',
      urgency: 'overdue',
      clientName: a.client.name,
      jobNumber: a.job.jobNumber,
      department: 'production',
      critical: true,
      path: `/jobs/${a.job.jobId}/schedule`,
    });
    expect(mine[0].overdueDays).toBeGreaterThan(0);
    expect(mine[1]).toMatchObject({ urgency: 'later', overdueDays: 0 });
    const overdue = await tr.allTasks(production, '/me/tasks?due=overdue');
    expect(overdue.map((x) => x.jobId)).toEqual([a.job.jobId]);
    // A cancelled job's milestones are nobody's work any more.
    const cancelled = await api('PATCH', `/jobs/${b.job.jobId}`, {
      token: s.agency.ae.token,
      headers: { 'if-match': `"${b.job.version}"` },
      body: { status: 'cancelled' },
    });
    fx.expectStatus(cancelled, 200);
    expect((await tr.allTasks(production)).map((x) => x.jobId)).toEqual([a.job.jobId]);

    // The AE's own list holds milestones and, merged in by date, an approval waiting for them.
    const aeTasks = await tr.allTasks(s.agency.ae, '/me/tasks?due=all', 7);
    const dues = aeTasks.map((x) => x.due);
    expect([...dues].sort()).toEqual(dues);

    // Managers up the line see it; a peer or someone below does not.
    const viaHead = await api('GET', `/staff/${production.staff.staffId}/tasks`, {
      token: s.agency.head.token,
    });
    fx.expectStatus(viaHead, 200);
    expect(viaHead.body.items.map((x: Json) => x.jobId)).toEqual([a.job.jobId]);
    const aeList = await api('GET', `/staff/${s.agency.ae.staff.staffId}/tasks?limit=5`, {
      token: s.agency.ad.token,
    });
    fx.expectStatus(aeList, 200);
    const below = await api('GET', `/staff/${s.agency.am.staff.staffId}/tasks`, { token: s.agency.ae.token });
    fx.expectProblem(below, 403, 'forbidden');
    expect(below.body.detail).toMatch(/reports to, up the line/);
    fx.expectProblem(
      await api('GET', '/me/tasks?nextToken=bm9wZQ', { token: s.agency.ae.token }),
      400,
      'invalid_next_token',
    );
  });

  it('shows the traffic board: every active job’s next milestone, late ones first', async () => {
    const late = await tr.trafficReady({
      agency: s.agency,
      production: s.production,
      startDate: '2026-09-07',
    });
    const board = await fx.listAll('/traffic/board', s.agency.traffic, 100);
    const ours = board.filter((e: Json) => [late.job.jobId, s.job.jobId].includes(e.jobId));
    expect(ours.map((e: Json) => e.jobId)).toEqual([late.job.jobId, s.job.jobId]);
    expect(ours[0]).toMatchObject({
      late: true,
      next: { name: 'Planning' },
      jobStatus: 'open',
      clientName: late.client.name,
    });
    expect(ours[0].overdueDays).toBeGreaterThan(20);
    const firstLate = board.findIndex((e: Json) => !e.late);
    expect(board.slice(firstLate === -1 ? board.length : firstLate).every((e: Json) => !e.late)).toBe(true);
  });
});

describe('templates', () => {
  it('are read by anyone; replaced by the head or the traffic coordinator (versioned); validated', async () => {
    const all = await api('GET', '/schedule-templates', { token: s.agency.creative.token });
    fx.expectStatus(all, 200);
    expect(all.body.items.map((t: Json) => t.jobType)).toEqual([
      'campaign',
      'creative',
      'media',
      'research',
      'production',
      'pr',
      'promotion',
      'event',
    ]);
    const current = await api('GET', '/schedule-templates/event', { token: s.agency.ae.token });
    const body = {
      name: 'Event',
      milestones: [
        {
          key: 'venue',
          name: 'Venue booked',
          department: 'account',
          ownerRole: 'job_owner',
          durationDays: 5,
        },
        {
          key: 'rehearsal',
          name: 'Rehearsal',
          department: 'production',
          ownerRole: 'production',
          durationDays: 1,
          dependsOn: [{ key: 'venue', lagDays: 2 }],
        },
      ],
    };
    const refused = await api('PUT', '/schedule-templates/event', { token: s.agency.ae.token, body });
    fx.expectProblem(refused, 403, 'forbidden');
    expect(refused.body.detail).toMatch(/head of account services or the traffic coordinator/);
    const first = await api('PUT', '/schedule-templates/event', {
      token: s.agency.traffic.token,
      body,
      headers: { 'if-match': `"${current.body.version}"` },
    });
    fx.expectStatus(first, 200);
    expect(first.body).toMatchObject({ builtIn: false, updatedBy: s.agency.traffic.staff.staffId });
    fx.expectProblem(
      await api('PUT', '/schedule-templates/event', { token: s.agency.head.token, body }),
      409,
    );
    fx.expectProblem(
      await api('PUT', '/schedule-templates/event', {
        token: s.agency.head.token,
        body: { ...body, milestones: [body.milestones[0], { ...body.milestones[1], key: 'venue' }] },
        headers: { 'if-match': `"${first.body.version}"` },
      }),
      422,
      'duplicate_key',
    );
    fx.expectProblem(
      await api('PUT', '/schedule-templates/event', {
        token: s.agency.head.token,
        body: {
          ...body,
          milestones: [{ ...body.milestones[0], dependsOn: [{ key: 'rehearsal' }] }, body.milestones[1]],
        },
        headers: { 'if-match': `"${first.body.version}"` },
      }),
      422,
      'dependency_cycle',
    );
  });
});
