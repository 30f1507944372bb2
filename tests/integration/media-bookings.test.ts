import { describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';

/** The media chain's order and the hard gate: no booking before the client's written confirmation. */
describe('media plans and the booking gate', () => {
  it('prices lines, and needs each stage confirmed before the next', async () => {
    const s = await md.mediaReady();
    const { campaignId, clientId } = s.campaign;
    const early = await api('POST', `/media-campaigns/${campaignId}/plans`, {
      token: s.agency.ae.token,
      body: { kind: 'master_plan', lines: [md.tvLine('2027-03-01', '2027-03-31')] },
    });
    fx.expectProblem(early, 409, 'prerequisite_not_confirmed');
    const rec = await md.planVersion(s.agency.ae, campaignId, {
      kind: 'recommendation',
      lines: [
        md.tvLine('2027-03-01', '2027-03-31', 40),
        md.onlineLine('2027-03-01', '2027-04-30', 2_000_000),
      ],
    });
    expect(rec.version.lines.map((l: fx.Json) => l.cost)).toEqual([fx.usd(60000), fx.usd(25000)]);
    expect(rec.version.totalCost).toEqual(fx.usd(85000));
    expect(rec.version.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const outside = await api('POST', `/media-campaigns/${campaignId}/plans`, {
      token: s.agency.ae.token,
      body: { kind: 'recommendation', lines: [md.tvLine('2027-02-01', '2027-03-31')] },
    });
    fx.expectProblem(outside, 422, 'line_outside_period');
    await md.confirmInTable(clientId, rec.plan.planId, 1, s.contact.contactId);
    const master = await md.planVersion(s.agency.ae, campaignId, {
      kind: 'master_plan',
      lines: rec.version.lines.map(({ lineId, cost, ...l }: fx.Json) => l),
    });
    expect(master.plan.kind).toBe('master_plan');
  });

  it('books only lines of the confirmed, current version of a monthly schedule', async () => {
    const s = await md.mediaReady();
    const { campaignId, clientId } = s.campaign;
    const schedule = await md.confirmedSchedule(s);
    const booked = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: ['L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectStatus(booked, 201);
    expect(booked.body).toMatchObject({ vendor: 'Star TV', status: 'requested', totalCost: fx.usd(60000) });
    const again = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: ['L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(again, 409, 'line_already_booked');

    // A new version of the schedule is unconfirmed: nothing of v1 or v2 can be booked now.
    await md.planVersion(s.agency.ae, campaignId, {
      kind: 'monthly_schedule',
      month: '2027-03',
      lines: [md.tvLine('2027-03-01', '2027-03-31', 30), md.onlineLine('2027-03-01', '2027-03-31')],
    });
    const superseded = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: ['L002'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(superseded, 409, 'plan_version_superseded');
    const unconfirmed = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 2,
        lineIds: ['L002'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(unconfirmed, 409, 'plan_version_not_confirmed');
    expect(clientId).toBeTruthy();
  });

  it('races bookings against a new version of the schedule: each lands before it or is refused, none after', async () => {
    const s = await md.mediaReady();
    const { campaignId, clientId } = s.campaign;
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < 6; round++) {
      const month = round % 2 === 0 ? '2027-03' : '2027-04';
      const schedule = await md.confirmedSchedulePlain(s, month);
      const plan = schedule.plan.planId;
      const book = (lineId: string) =>
        api('POST', `/media-campaigns/${campaignId}/bookings`, {
          token: s.agency.ae.token,
          body: {
            planId: plan,
            version: schedule.version.number,
            lineIds: [lineId],
            vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
          },
        });
      const [b1, b2, v] = await Promise.all([
        book('L001'),
        book('L002'),
        api('POST', `/media-campaigns/${campaignId}/plans`, {
          token: s.agency.ae.token,
          body: { kind: 'monthly_schedule', month, lines: [md.tvLine(`${month}-01`, `${month}-28`, 10)] },
        }),
      ]);
      fx.expectStatus(v!, 201);
      for (const b of [b1!, b2!]) {
        const outcome = b.status === 201 ? 'booked' : (b.body as fx.Json).code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        expect(['booked', 'plan_version_superseded']).toContain(outcome);
      }
      // Once the new version exists, the old one books nothing more.
      const late = await book('L001');
      fx.expectProblem(late, 409);
      expect(['plan_version_superseded', 'line_already_booked']).toContain(late.body.code);
      await md.confirmInTable(clientId, plan, v!.body.version.number, s.contact.contactId);
    }
    const bookings = (
      await api('GET', `/media-campaigns/${campaignId}/bookings`, { token: s.agency.ae.token })
    ).body.items;
    expect(bookings).toHaveLength(outcomes.booked ?? 0);
    console.log(`booking race: 12 bookings against 6 new versions → ${JSON.stringify(outcomes)}`);
  });

  it('refuses, with 400 and nothing written, a booking naming a line twice or over 90 lines, and a forged page token', async () => {
    const s = await md.mediaSettled();
    const { campaignId } = s.campaign;
    const schedule = await md.confirmedSchedule(s);
    const before = await fx.countItems();
    const twice = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: ['L001', 'L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(twice, 400);
    expect(fx.problemFields(twice)).toEqual(['body.lineIds']);
    const many = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: Array.from({ length: 91 }, (_, i) => `L${String(i + 1).padStart(3, '0')}`),
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(many, 400);
    // A token naming only the list's partition (not an item's full key) is refused, not passed to DynamoDB.
    const forged = Buffer.from(JSON.stringify({ GSI1PK: `JOB#${s.jobId}#CAMPAIGNS` })).toString('base64url');
    const page = await api('GET', `/jobs/${s.jobId}/media-campaigns?nextToken=${forged}`, {
      token: s.agency.ae.token,
    });
    fx.expectProblem(page, 400, 'invalid_next_token');
    expect(await fx.countItems()).toBe(before);
  });
});
