import { beforeAll, describe, expect, it } from 'vitest';
import { profitabilityJob } from '../../shared/billing/index.js';
import { completeRun } from '../../shared/platform/job-segments.js';
import { api } from '../support/api.js';
import { writeRevenue } from '../support/billing-time.js';
import { approvedNewVendor, signedEstimate } from '../support/cost.js';
import * as fx from '../support/fixtures.js';
import { inbox } from '../support/reviews.js';

/**
 * Issue 14 §3 over HTTP against the local stack: cost rates (the head's) and bill rates (AM and
 * above), the week grid priced at the rates in force on each day, optimistic locking, the guard
 * (time only on jobs of one's own clients), submit → return → approve by the line manager (locked
 * after), profit per job and client checked by an independent sum, who may see it, and the
 * monthly profitability report on demand and scheduled (once), emailed through document links.
 *
 * Revenue comes from `RevenueEntry` items written by a fixture with billing's key builders
 * (tests/support/billing-time.ts): the invoices' issuing code lands on another branch.
 */
type Json = fx.Json;
const usd = (minor: number) => ({ amountMinor: minor, currency: 'USD' });
const week = '2027-W09'; // Monday 1 March – Sunday 7 March 2027

let agency: fx.Agency;
let client: Json;
let brand: Json;
let job: Json;
let other: Json;

const putWeek = (by: fx.Person, entries: Json[], version?: number, extra: Record<string, string> = {}) =>
  api('PUT', `/me/timesheets/${week}`, {
    token: by.token,
    headers: { ...(version === undefined ? {} : { 'if-match': `"${version}"` }), ...extra },
    body: { entries },
  });

beforeAll(async () => {
  agency = await fx.buildAgency();
  ({ client, brand } = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae, agency.rep]));
  job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
  // Another client, whose team the AE is not on.
  const b = await fx.readyClient(agency.head, [agency.ad]);
  other = { ...b, job: await fx.openJob(agency.ad, b.client.clientId, b.brand.brandId) };
}, 60_000);

describe('rates', () => {
  it('lets only the head set cost rates, and the AM and above the client’s bill rates', async () => {
    const byAm = await api('PUT', '/cost-rates/account_executive', {
      token: agency.am.token,
      body: { hourlyRate: usd(6_000), effectiveFrom: '2027-01-01' },
    });
    fx.expectProblem(byAm, 403, 'forbidden');
    expect(byAm.body.detail).toBe(
      'Only the head of account services may set what an hour of each role costs.',
    );
    for (const [from, rate] of [
      ['2027-01-01', 6_000],
      ['2027-03-03', 9_000],
    ] as const) {
      const res = await api('PUT', '/cost-rates/account_executive', {
        token: agency.head.token,
        body: { hourlyRate: usd(rate), effectiveFrom: from },
      });
      // The shared table may hold the rate from an earlier run of this file: correct it at its version.
      if (res.status === 428) {
        const current = (await api('GET', '/cost-rates', { token: agency.head.token })).body.items.find(
          (r: Json) =>
            r.role === 'account_executive' && r.effectiveFrom === from && r.hourlyRate.currency === 'USD',
        );
        const again = await api('PUT', '/cost-rates/account_executive', {
          token: agency.head.token,
          headers: { 'if-match': `"${current.version}"` },
          body: { hourlyRate: usd(rate), effectiveFrom: from },
        });
        fx.expectStatus(again, 200, 'correct the cost rate');
      } else fx.expectStatus(res, 200, 'PUT cost rate');
    }
    const again = await api('PUT', '/cost-rates/account_executive', {
      token: agency.head.token,
      body: { hourlyRate: usd(6_500), effectiveFrom: '2027-01-01' },
    });
    fx.expectProblem(again, 428, 'precondition_required');

    fx.expectProblem(
      await api('PUT', `/clients/${client.clientId}/bill-rates/account_executive`, {
        token: agency.ae.token,
        body: { hourlyRate: usd(15_000), effectiveFrom: '2027-01-01' },
      }),
      403,
      'forbidden',
    );
    const bill = await api('PUT', `/clients/${client.clientId}/bill-rates/account_executive`, {
      token: agency.am.token,
      body: { hourlyRate: usd(15_000), effectiveFrom: '2027-01-01' },
    });
    fx.expectStatus(bill, 200, 'PUT bill rate');
    expect(bill.body).toMatchObject({ role: 'account_executive', hourlyRate: usd(15_000), version: 1 });
    const listed = await api('GET', `/clients/${client.clientId}/bill-rates`, { token: agency.am.token });
    expect(listed.body.items).toHaveLength(1);
    // Another client's rates are not the AE's, nor the AM's to see.
    fx.expectProblem(
      await api('GET', `/clients/${other.client.clientId}/bill-rates`, { token: agency.am.token }),
      404,
      'not_found',
    );
  });
});

describe('the week grid', () => {
  it('prices each cell at the rates in force on its day, under optimistic locking and the team guard', async () => {
    const mine = await api('GET', `/me/timesheets/${week}`, { token: agency.ae.token });
    fx.expectStatus(mine, 200, 'GET my week');
    expect(mine.body).toMatchObject({ week, status: 'draft', version: 0, entries: [] });
    expect(mine.body.days).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
      '2027-03-07',
    ]);
    expect(mine.body.jobs.map((j: Json) => j.jobId)).toContain(job.jobId);
    expect(mine.body.jobs.map((j: Json) => j.jobId)).not.toContain(other.job.jobId);

    const cells = [
      { jobId: job.jobId, date: '2027-03-02', activity: 'client_meeting', minutes: 90 },
      { jobId: job.jobId, date: '2027-03-04', activity: 'strategy', minutes: 45, note: 'Media mix' },
    ];
    const saved = await putWeek(agency.ae, cells);
    fx.expectStatus(saved, 200, 'PUT week');
    expect(saved.headers.get('etag')).toBe('"1"');
    // 90 min at 60.00/h (the rate on 2 March) = 90.00; 45 min at 90.00/h (from 3 March) = 67.50; billed at 150.00/h.
    expect(saved.body.entries.map((e: Json) => [e.date, e.costMinor, e.billMinor, e.status])).toEqual([
      ['2027-03-02', 9_000, 22_500, 'draft'],
      ['2027-03-04', 6_750, 11_250, 'draft'],
    ]);
    expect(saved.body.totalMinutes).toBe(135);

    fx.expectProblem(await putWeek(agency.ae, cells), 428, 'precondition_required');
    fx.expectProblem(await putWeek(agency.ae, cells, 0), 409, 'version_conflict');
    const outside = await putWeek(agency.ae, [{ ...cells[0], date: '2027-03-08' }], 1);
    fx.expectProblem(outside, 422, 'date_outside_week');
    expect(fx.problemFields(outside)).toEqual(['body.entries.0.date']);
    fx.expectProblem(await putWeek(agency.ae, [cells[0], cells[0]], 1), 422, 'duplicate_cell');
    const foreign = await putWeek(
      agency.ae,
      [...cells, { jobId: other.job.jobId, date: '2027-03-03', activity: 'creative', minutes: 60 }],
      1,
      { 'accept-language': 'es' },
    );
    fx.expectProblem(foreign, 403, 'not_on_team');
    expect(foreign.body.detail).toContain('no forma parte del equipo de cuenta');
    // The rep has no cost rate set for their role.
    const noRate = await putWeek(agency.rep, [cells[0]]);
    fx.expectProblem(noRate, 422, 'no_cost_rate');
    expect(noRate.body.detail).toContain('account representative');

    // A changed cell is repriced; an unchanged one keeps its entry.
    const edited = await putWeek(agency.ae, [cells[0], { ...cells[1], minutes: 60 }], 1);
    fx.expectStatus(edited, 200, 'PUT week again');
    expect(edited.body.entries[0].entryId).toBe(saved.body.entries[0].entryId);
    expect(edited.body.entries[1]).toMatchObject({ costMinor: 9_000, billMinor: 15_000, version: 2 });
  });

  it('goes to the line manager, who returns it with a reason, then approves it; approved time is locked', async () => {
    const current = await api('GET', `/me/timesheets/${week}`, { token: agency.ae.token });
    const submitted = await api('POST', `/me/timesheets/${week}/submit`, {
      token: agency.ae.token,
      headers: { 'if-match': `"${current.body.version}"` },
    });
    fx.expectStatus(submitted, 200, 'submit');
    expect(submitted.body).toMatchObject({ status: 'submitted', approverId: agency.am.staff.staffId });
    fx.expectProblem(await putWeek(agency.ae, [], submitted.body.version), 409, 'timesheet_locked');

    const waiting = await api('GET', '/me/timesheet-approvals', { token: agency.am.token });
    expect(waiting.body.items).toMatchObject([{ staffId: agency.ae.staff.staffId, week, totalMinutes: 150 }]);
    const decide = (by: fx.Person, body: Json, version: number) =>
      api('POST', `/staff/${agency.ae.staff.staffId}/timesheets/${week}/decision`, {
        token: by.token,
        headers: { 'if-match': `"${version}"` },
        body,
      });
    fx.expectProblem(
      await decide(agency.ae, { decision: 'approve' }, submitted.body.version),
      403,
      'own_timesheet',
    );
    fx.expectProblem(
      await decide(agency.ad, { decision: 'approve' }, submitted.body.version),
      403,
      'not_line_manager',
    );
    fx.expectProblem(
      await decide(agency.am, { decision: 'return' }, submitted.body.version),
      422,
      'reason_required',
    );
    const returned = await decide(
      agency.am,
      { decision: 'return', reason: 'Split the meeting.' },
      submitted.body.version,
    );
    fx.expectStatus(returned, 200, 'return');
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Split the meeting.' });
    expect((await api('GET', '/me/timesheet-approvals', { token: agency.am.token })).body.items).toEqual([]);

    const fixed = await putWeek(
      agency.ae,
      [
        { jobId: job.jobId, date: '2027-03-02', activity: 'client_meeting', minutes: 60 },
        { jobId: job.jobId, date: '2027-03-02', activity: 'account_management', minutes: 30 },
        { jobId: job.jobId, date: '2027-03-04', activity: 'strategy', minutes: 60 },
      ],
      returned.body.version,
    );
    fx.expectStatus(fixed, 200, 'fix the week');
    const again = await api('POST', `/me/timesheets/${week}/submit`, {
      token: agency.ae.token,
      headers: { 'if-match': `"${fixed.body.version}"` },
    });
    const approved = await decide(agency.am, { decision: 'approve' }, again.body.version);
    fx.expectStatus(approved, 200, 'approve');
    expect(approved.body.status).toBe('approved');
    expect(approved.body.entries.every((e: Json) => e.status === 'approved')).toBe(true);
    fx.expectProblem(await putWeek(agency.ae, [], approved.body.version), 409, 'timesheet_locked');
    // The AE's own week is theirs, their line's and the head's to read; not the creative's.
    fx.expectStatus(
      await api('GET', `/staff/${agency.ae.staff.staffId}/timesheets/${week}`, { token: agency.gad.token }),
      200,
    );
    fx.expectProblem(
      await api('GET', `/staff/${agency.ae.staff.staffId}/timesheets/${week}`, {
        token: agency.creative.token,
      }),
      404,
      'not_found',
    );
  });

  it('waits for the new line manager when the line manager changes; the old one can no longer decide it', async () => {
    const newcomer = await fx.appoint(agency.head, 'account_executive', agency.am);
    const otherManager = await fx.appoint(agency.head, 'account_manager', agency.ad);
    const own = await fx.readyClient(agency.ad, [agency.ad, newcomer]);
    const ownJob = await fx.openJob(newcomer, own.client.clientId, own.brand.brandId);
    const saved = await putWeek(newcomer, [
      { jobId: ownJob.jobId, date: '2027-03-03', activity: 'strategy', minutes: 90 },
    ]);
    fx.expectStatus(saved, 200, 'PUT week');
    const submitted = await api('POST', `/me/timesheets/${week}/submit`, {
      token: newcomer.token,
      headers: { 'if-match': `"${saved.body.version}"` },
    });
    fx.expectStatus(submitted, 200, 'submit');
    const waitingFor = async (manager: fx.Person) =>
      (await api('GET', '/me/timesheet-approvals', { token: manager.token })).body.items.filter(
        (i: Json) => i.staffId === newcomer.staff.staffId,
      );
    expect(await waitingFor(agency.am)).toHaveLength(1);

    const staff = await api('GET', `/staff/${newcomer.staff.staffId}`, { token: agency.head.token });
    const moved = await api('PATCH', `/staff/${newcomer.staff.staffId}`, {
      token: agency.head.token,
      headers: { 'if-match': `"${staff.body.version}"` },
      body: { reportsTo: otherManager.staff.staffId },
    });
    fx.expectStatus(moved, 200, 'PATCH reportsTo');
    expect(await waitingFor(agency.am)).toEqual([]);
    expect(await waitingFor(otherManager)).toMatchObject([{ week, totalMinutes: 90 }]);

    const sheet = await api('GET', `/staff/${newcomer.staff.staffId}/timesheets/${week}`, {
      token: otherManager.token,
    });
    fx.expectStatus(sheet, 200, 'the new manager reads it');
    expect(sheet.body).toMatchObject({ status: 'submitted', approverId: otherManager.staff.staffId });
    const decide = (by: fx.Person, version: number) =>
      api('POST', `/staff/${newcomer.staff.staffId}/timesheets/${week}/decision`, {
        token: by.token,
        headers: { 'if-match': `"${version}"` },
        body: { decision: 'approve' },
      });
    // Neither with the version read before the change nor with the one after.
    for (const version of [submitted.body.version, sheet.body.version]) {
      const byOld = await decide(agency.am, version);
      expect([403, 404]).toContain(byOld.status);
    }
    const approved = await decide(otherManager, sheet.body.version);
    fx.expectStatus(approved, 200, 'the new manager approves');
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: otherManager.staff.staffId });
    expect(await waitingFor(otherManager)).toEqual([]);
  });
});

describe('profit', () => {
  it('is revenue − vendors’ bills − time at cost, against the signed estimate’s planned margin', async () => {
    const estimate = await signedEstimate(agency.ae, job.jobId, [
      { amountMinor: 500_000, category: 'agency_fee', description: 'Account service' },
      { amountMinor: 200_000, category: 'production', description: 'Shoot' },
    ]);
    expect(estimate.lines).toHaveLength(2);
    const vendor = await approvedNewVendor(agency.ae, agency.ad);
    const order = await api('POST', `/jobs/${job.jobId}/purchase-orders`, {
      token: agency.ae.token,
      body: {
        vendorId: vendor.vendorId,
        category: 'production',
        lines: [{ estimateLineId: 'L002', description: 'Shoot', quantity: 1, unitCost: usd(150_000) }],
      },
    });
    fx.expectStatus(order, 201, 'purchase order');
    fx.expectStatus(
      await api('POST', `/jobs/${job.jobId}/vendor-bills`, {
        token: agency.ae.token,
        body: {
          purchaseOrderId: order.body.purchaseOrderId,
          billNumber: fx.uniqueName('B'),
          billDate: '2027-03-10',
          lines: [{ lineNumber: 1, quantity: 1, amount: usd(150_000) }],
        },
      }),
      201,
    );
    await writeRevenue([
      {
        clientId: client.clientId,
        jobId: job.jobId,
        issuedOn: '2027-03-05',
        feesMinor: 300_000,
        commissionMinor: 20_000,
        rebilledMinor: 180_000,
        mediaNetMinor: 400_000,
      },
      {
        clientId: client.clientId,
        jobId: job.jobId,
        issuedOn: '2027-03-20',
        kind: 'creditNote',
        feesMinor: -25_000,
      },
      { clientId: client.clientId, jobId: job.jobId, issuedOn: '2027-04-02', feesMinor: 100_000 },
    ]);

    fx.expectProblem(
      await api('GET', `/jobs/${job.jobId}/profit`, { token: agency.ae.token }),
      403,
      'forbidden',
    );
    const res = await api('GET', `/jobs/${job.jobId}/profit`, { token: agency.am.token });
    fx.expectStatus(res, 200, 'GET job profit');
    // The independent sum: what the test put in.
    const revenue = 300_000 + 20_000 + 180_000 - 25_000 + 100_000;
    const time = 6_000 + 3_000 + 9_000; // 60 + 30 min at 60.00/h on 2 March, 60 min at 90.00/h on 4 March
    const margin = revenue - 150_000 - time;
    expect(res.body).toMatchObject({
      currency: 'USD',
      revenue: usd(revenue),
      fees: usd(375_000),
      directCosts: usd(150_000),
      timeCost: usd(time),
      minutes: 150,
      margin: usd(margin),
      marginPercent: Math.round((margin / revenue) * 10_000) / 100,
      planned: {
        estimateId: estimate.estimateId,
        subtotal: usd(700_000),
        agencyIncome: usd(500_000),
        plannedMarginPercent: 71.43,
      },
    });

    const march = await api('GET', `/clients/${client.clientId}/profit?from=2027-03-01&to=2027-03-31`, {
      token: agency.am.token,
    });
    fx.expectStatus(march, 200, 'GET client profit');
    const marchRevenue = 300_000 + 20_000 + 180_000 - 25_000;
    expect(march.body.totals).toMatchObject([
      { currency: 'USD', revenue: usd(marchRevenue), margin: usd(marchRevenue - 150_000 - time) },
    ]);
    expect(march.body.months.map((m: Json) => m.month)).toEqual(['2027-03']);
    expect(march.body.jobs).toMatchObject([{ jobId: job.jobId, revenue: usd(marchRevenue) }]);
    const spring = await api('GET', `/clients/${client.clientId}/profit?from=2027-03-01&to=2027-04-30`, {
      token: agency.head.token,
    });
    expect(spring.body.months.map((m: Json) => [m.month, m.revenue.amountMinor])).toEqual([
      ['2027-03', marchRevenue],
      ['2027-04', 100_000],
    ]);
    fx.expectProblem(
      await api('GET', `/clients/${client.clientId}/profit?from=2027-04-01&to=2027-03-01`, {
        token: agency.am.token,
      }),
      400,
      'validation_failed',
    );
    fx.expectProblem(
      await api('GET', `/clients/${other.client.clientId}/profit?from=2027-03-01&to=2027-03-31`, {
        token: agency.am.token,
      }),
      404,
      'not_found',
    );
  });
});

describe('the monthly profitability report', () => {
  it('is the head’s, on demand in their language, and scheduled once with links by email', {
    timeout: 120_000,
  }, async () => {
    fx.expectProblem(
      await api('POST', '/profitability-reports', { token: agency.am.token, body: { month: '2027-03' } }),
      403,
      'forbidden',
    );
    const made = await api('POST', '/profitability-reports', {
      token: agency.head.token,
      body: { month: '2027-03' },
    });
    fx.expectStatus(made, 200, 'generate report');
    const html = await (await fetch(made.body.downloads.html.url)).text();
    expect(html).toContain('<svg');
    expect(html).toContain(client.name);
    const csv = await (await fetch(made.body.downloads.csv.url)).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header?.split(',').slice(0, 7)).toEqual([
      'month',
      'client_id',
      'client',
      'job_id',
      'job_number',
      'job',
      'currency',
    ]);
    const mine = rows.find((r) => r.includes(job.jobId));
    expect(mine?.split(',').slice(10, 13)).toEqual(['4750.00', '1500.00', '180.00']);

    // Scheduled: April's report on the first working day of May (Monday 3 May 2027), once.
    const at = new Date('2027-05-03T08:00:00Z');
    expect(await completeRun(profitabilityJob, new Date('2027-05-01T08:00:00Z'), 'profitability')).toEqual({
      notYet: 1,
    });
    const first = await completeRun(profitabilityJob, at, 'profitability');
    expect(first.generated).toBe(1);
    expect(await completeRun(profitabilityJob, at, 'profitability')).toEqual({ alreadyDone: 1 });
    const april = await api('GET', '/profitability-reports/2027-04', { token: agency.head.token });
    fx.expectStatus(april, 200, 'GET April report');
    expect(april.body.emailedTo).toContain(agency.head.staff.staffId);
    const aprilCsv = await (await fetch(april.body.downloads.csv.url)).text();
    expect(aprilCsv).toContain(`${job.jobId}`);
    const mails = (await inbox()).filter(
      (m) => m.subject.includes('Profitability report 2027-04') && m.to.includes(agency.head.staff.email),
    );
    expect(mails).toHaveLength(1);
    const list = await api('GET', '/profitability-reports', { token: agency.head.token });
    expect(list.body.items.map((r: Json) => r.month)).toEqual(expect.arrayContaining(['2027-04', '2027-03']));
  });
});
