import { beforeAll, describe, expect, it } from 'vitest';
import { reconcileClientMonth } from '../../shared/cost/index.js';
import { api, uniqueEmail } from '../support/api.js';
import { approvedNewVendor, type SignedLine, signedChangeOrder, signedEstimate } from '../support/cost.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import { inbox } from '../support/reviews.js';

/**
 * Issue 13 §2–§3 over HTTP against the local stack: the vendor register (AE proposes, AD
 * approves), purchase orders under the guard (no signed estimate, over the total with the amount
 * over, 50 at once never passing it), vendors' bills and their variances, the 80 %/100 % notices,
 * forecasts and the monthly reconciliation (numbers checked by an independent sum, run twice).
 *
 * Orders are raised against lines of the signed estimate (the lines it names must be on it, of the
 * order's category, from the vendor the line names). The estimate is drawn up through the API and
 * signed by the estimate subject's own signature writes (`tests/support/cost.ts`); the whole
 * sign-off by the client's emailed link is cost-estimates.test.ts and the console story's.
 */
type Json = fx.Json;

let agency: fx.Agency;
let client: Json;
let brand: Json;
let vendor: Json;

const usd = (minor: number) => ({ amountMinor: minor, currency: 'USD' });

async function spendOf(jobId: string) {
  const res = await api('GET', `/jobs/${jobId}/spend`, { token: agency.ae.token });
  fx.expectStatus(res, 200, 'GET spend');
  return res.body;
}

const order = (amountMinor: number, quantity = 1, extra: Json = {}) => ({
  vendorId: vendor.vendorId,
  category: 'production',
  lines: [{ estimateLineId: 'L001', description: 'Studio day', quantity, unitCost: usd(amountMinor) }],
  ...extra,
});

const postOrder = (jobId: string, body: Json, by = agency.ae) =>
  api('POST', `/jobs/${jobId}/purchase-orders`, { token: by.token, body });

/** A new job whose estimate the client signed: one production line of `signedTotalMinor` (L001), or `lines`. */
async function signedJob(
  signedTotalMinor: number,
  lines: SignedLine[] = [{ amountMinor: signedTotalMinor }],
) {
  const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
  const estimate = await signedEstimate(agency.ae, job.jobId, lines);
  return { ...job, estimateId: estimate.estimateId };
}

beforeAll(async () => {
  agency = await fx.buildAgency();
  ({ client, brand } = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae, agency.rep]));
  const proposed = await api('POST', '/vendors', {
    token: agency.ae.token,
    body: {
      name: fx.uniqueName('Lumen Studios'),
      categories: ['production_house', 'photographer'],
      contact: { name: 'Rosa Lumen', email: uniqueEmail('vendor') },
      paymentTermsDays: 30,
      taxId: 'ES-B12345678',
    },
  });
  fx.expectStatus(proposed, 201, 'POST /vendors');
  vendor = proposed.body;
}, 60_000);

describe('the vendor register', () => {
  it('takes a proposal from the AE and an approval from the account director only', async () => {
    expect(vendor).toMatchObject({ status: 'proposed', proposedBy: agency.ae.staff.staffId, version: 1 });
    const job = await signedJob(100_000);
    const early = await postOrder(job.jobId, order(1_000));
    fx.expectProblem(early, 409, 'vendor_not_approved');

    const byAe = await api('POST', `/vendors/${vendor.vendorId}/decision`, {
      token: agency.ae.token,
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    fx.expectProblem(byAe, 403, 'forbidden');
    expect(byAe.body.detail).toBe(
      'Only an account director or above may approve a supplier for the vendor register.',
    );

    const byAd = await api('POST', `/vendors/${vendor.vendorId}/decision`, {
      token: agency.ad.token,
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve', comment: 'Quotes checked.' },
    });
    fx.expectStatus(byAd, 200, 'decision');
    vendor = byAd.body;
    expect(vendor).toMatchObject({ status: 'approved', decidedBy: agency.ad.staff.staffId, version: 2 });

    const same = await api('POST', '/vendors', {
      token: agency.ae.token,
      body: { ...proposedBody(), name: `  ${vendor.name.toUpperCase()} ` },
    });
    fx.expectProblem(same, 409, 'vendor_exists');
    const listed = await api('GET', '/vendors?status=approved&category=photographer', {
      token: agency.rep.token,
    });
    expect(listed.body.items.map((v: Json) => v.vendorId)).toContain(vendor.vendorId);
  });
});

const proposedBody = () => ({
  name: fx.uniqueName('Vendor'),
  categories: ['printer'],
  contact: { name: 'Print Desk', email: uniqueEmail('printer') },
  paymentTermsDays: 45,
  taxId: 'X-1',
});

describe('purchase orders under the signed total', () => {
  it('refuses spend on a job with no signed estimate, in plain words', async () => {
    const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
    const res = await postOrder(job.jobId, order(1_000));
    fx.expectProblem(res, 409, 'no_signed_estimate');
    expect(res.body.detail).toContain('has no estimate signed by the client yet');
  });

  it('accepts an order within the total, emails it to the vendor, and refuses the next one over it with the amount over', async () => {
    const job = await signedJob(1_000_000);
    const first = await postOrder(job.jobId, order(250_000, 3));
    fx.expectStatus(first, 201, 'PO within the total');
    expect(first.body).toMatchObject({
      total: usd(750_000),
      status: 'issued',
      approvedBy: agency.ae.staff.staffId,
    });
    const read = await api('GET', `/jobs/${job.jobId}/purchase-orders/${first.body.purchaseOrderId}`, {
      token: agency.ae.token,
    });
    expect(read.body.sentAt).toBeDefined();
    const mails = await inbox();
    const toVendor = mails.find(
      (m) => m.to.includes(vendor.contact.email) && m.subject.includes(first.body.number),
    );
    expect(toVendor?.text).toContain('/documents/');

    const before = await fx.countItems();
    const over = await postOrder(job.jobId, order(300_000));
    fx.expectProblem(over, 409, 'over_signed_total');
    expect(over.body.amountOver).toEqual(usd(50_000));
    expect(over.body.detail).toContain('$500.00 over the total the client signed ($10,000.00)');
    expect(await fx.countItems()).toBe(before);
    expect((await spendOf(job.jobId)).committed).toEqual(usd(750_000));

    const euros = await postOrder(job.jobId, {
      ...order(100),
      lines: [
        {
          estimateLineId: 'L001',
          description: 'x',
          quantity: 1,
          unitCost: { amountMinor: 100, currency: 'EUR' },
        },
      ],
    });
    fx.expectProblem(euros, 422, 'currency_mismatch');

    const rest = await postOrder(job.jobId, order(250_000));
    fx.expectStatus(rest, 201, 'PO to the total exactly');
    const spend = await spendOf(job.jobId);
    expect(spend).toMatchObject({
      signed: true,
      signedTotal: usd(1_000_000),
      committed: usd(1_000_000),
      remaining: usd(0),
      estimateLines: [
        { lineId: 'L001', category: 'production', description: 'Studio day', total: usd(1_000_000) },
      ],
    });
    expect(spend.purchaseOrders).toHaveLength(2);
  });

  it('raises orders only against lines of the signed estimate, of their kind of cost and from the vendor a line names', async () => {
    const other = await approvedNewVendor(agency.ae, agency.ad);
    const job = await signedJob(0, [
      { amountMinor: 50_000 },
      { amountMinor: 20_000, category: 'research', description: 'Focus groups' },
      { amountMinor: 30_000, description: 'Product photography', vendorId: vendor.vendorId },
    ]);
    const line = (estimateLineId: string) => ({
      estimateLineId,
      description: 'Work',
      quantity: 1,
      unitCost: usd(1_000),
    });
    const before = await fx.countItems();
    const unknown = await postOrder(job.jobId, { ...order(0), lines: [line('L001'), line('E001')] });
    fx.expectProblem(unknown, 422, 'not_on_signed_estimate');
    expect(fx.problemFields(unknown)).toEqual(['body.lines.1.estimateLineId']);
    expect(unknown.body.detail).toBe(
      'Line E001 is not on the estimate the client signed for this job: order against one of its lines (L001, L002, L003).',
    );
    const research = await postOrder(job.jobId, { ...order(0), lines: [line('L002')] });
    fx.expectProblem(research, 422, 'estimate_line_category');
    expect(fx.problemFields(research)).toEqual(['body.lines.0.estimateLineId']);
    expect(research.body.detail).toContain('(Focus groups) is research, not production');
    const elsewhere = await postOrder(job.jobId, {
      ...order(0),
      vendorId: other.vendorId,
      lines: [line('L003')],
    });
    fx.expectProblem(elsewhere, 422, 'estimate_line_vendor');
    expect(elsewhere.body.detail).toContain('was quoted by another vendor');
    expect(await fx.countItems()).toBe(before);

    fx.expectStatus(
      await postOrder(job.jobId, { ...order(0), category: 'research', lines: [line('L002')] }),
      201,
      'research against the research line',
    );
    fx.expectStatus(
      await postOrder(job.jobId, { ...order(0), vendorId: other.vendorId, lines: [line('L001')] }),
      201,
      'a line that names no vendor, from any approved one',
    );
    fx.expectStatus(
      await postOrder(job.jobId, { ...order(0), lines: [line('L003')] }),
      201,
      'the quoted vendor',
    );
  });

  it("emails the order to the vendor in the agency's language and to the approver in theirs", async () => {
    const speak = async (language: string) =>
      fx.expectStatus(await api('PATCH', '/me', { token: agency.ae.token, body: { language } }), 200);
    await speak('zh-CN');
    try {
      const job = await signedJob(100_000);
      const po = await postOrder(job.jobId, order(12_345, 1, { deliverBy: '2027-03-05' }));
      fx.expectStatus(po, 201);
      const about = (await inbox()).filter((m) => m.subject.includes(po.body.number));
      const toApprover = about.find((m) => m.to.includes(agency.ae.staff.email))!;
      expect(toApprover.subject).toContain(`采购订单 ${po.body.number}：${vendor.name}`);
      expect(toApprover.text).toContain(`您的采购订单 ${po.body.number} 已发送给 ${vendor.name}`);
      expect(toApprover.text).toContain('总计: US$123.45');
      expect(toApprover.html).toContain('<html lang="zh-CN">');
      const toVendor = about.find((m) => m.to.includes(vendor.contact.email))!;
      expect(toVendor.subject).toContain(`Purchase order ${po.body.number} for ${vendor.name}`);
      expect(toVendor.text).toContain('Total: $123.45');
    } finally {
      await speak('en');
    }
  });

  it('lets 50 concurrent orders against one job commit at most the signed total', async () => {
    const job = await signedJob(100_000);
    const results = await Promise.all(Array.from({ length: 50 }, () => postOrder(job.jobId, order(3_000))));
    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    for (const r of refused) fx.expectProblem(r, 409, 'over_signed_total');
    expect(accepted).toHaveLength(33);
    const spend = await spendOf(job.jobId);
    expect(spend.committed).toEqual(usd(99_000));
    expect(spend.purchaseOrders).toHaveLength(33);
    expect(spend.purchaseOrders.reduce((s: number, o: Json) => s + o.total.amountMinor, 0)).toBe(99_000);
  }, 120_000);

  it('lets only an account executive or above approve spend', async () => {
    const job = await signedJob(10_000);
    const res = await postOrder(job.jobId, order(1_000), agency.rep);
    fx.expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toContain('purchase orders are the brand');
  });

  it('tells the AE and the AM once at 80 % and once at 100 %, each in their own language', async () => {
    // The AM reads Account Desk in Spanish: her notices are written in it, the AE's in English.
    const speak = async (language: string) =>
      fx.expectStatus(await api('PATCH', '/me', { token: agency.am.token, body: { language } }), 200);
    await speak('es');
    try {
      const job = await signedJob(10_000);
      for (const amount of [8_000, 500, 1_500])
        fx.expectStatus(await postOrder(job.jobId, order(amount)), 201);
      const about = (await inbox()).filter((m) => m.subject.includes(` ${job.jobNumber}: `));
      const to = (percent: number) =>
        about
          .filter((m) => m.subject.includes(`: ${percent} %`))
          .flatMap((m) => m.to)
          .sort();
      const keepers = [agency.ae.staff.email, agency.am.staff.email].sort();
      expect(to(80)).toEqual(keepers);
      expect(to(100)).toEqual(keepers);
      const read = (email: string, percent: number) =>
        about.find((m) => m.to.includes(email) && m.subject.includes(`: ${percent} %`))!;
      const spanish = read(agency.am.staff.email, 80);
      expect(spanish.subject).toContain(
        `Trabajo ${job.jobNumber}: 80 % del presupuesto firmado comprometido`,
      );
      expect(spanish.text).toContain('ha alcanzado el 80 % del total que firmó el cliente: 80,00');
      expect(spanish.html).toContain('<html lang="es">');
      const english = read(agency.ae.staff.email, 100);
      expect(english.subject).toContain(`Job ${job.jobNumber}: 100 % of the signed estimate committed`);
      expect(english.text).toContain('has reached the total the client signed: $100.00 of $100.00');
    } finally {
      await speak('en');
    }
  });
});

describe("vendors' bills", () => {
  it('are matched to the order line by line, with quantity and amount variances flagged', async () => {
    const job = await signedJob(1_000_000, [
      { amountMinor: 800_000 },
      { amountMinor: 200_000, description: 'Retouching' },
    ]);
    const po = await postOrder(job.jobId, {
      ...order(0),
      lines: [
        { estimateLineId: 'L001', description: 'Studio day', quantity: 2, unitCost: usd(100_000) },
        { estimateLineId: 'L002', description: 'Retouching', quantity: 10, unitCost: usd(5_000) },
      ],
    });
    fx.expectStatus(po, 201);
    const bill = (billNumber: string, lines: Json[]) =>
      api('POST', `/jobs/${job.jobId}/vendor-bills`, {
        token: agency.ae.token,
        body: { purchaseOrderId: po.body.purchaseOrderId, billNumber, billDate: '2027-03-10', lines },
      });
    const matching = await bill('INV-1', [{ lineNumber: 1, quantity: 2, amount: usd(200_000) }]);
    fx.expectStatus(matching, 201);
    expect(matching.body).toMatchObject({ matched: true, variances: [], total: usd(200_000) });

    const off = await bill('INV-2', [
      { lineNumber: 2, quantity: 12, amount: usd(66_000) },
      { lineNumber: 3, quantity: 1, amount: usd(1_000) },
    ]);
    fx.expectStatus(off, 201);
    expect(off.body.matched).toBe(false);
    expect(off.body.variances.map((v: Json) => [v.lineNumber, v.kind])).toEqual([
      [2, 'quantity'],
      [2, 'amount'],
      [3, 'not_ordered'],
    ]);
    expect(off.body.variances[1]).toMatchObject({ orderedAmount: usd(50_000), billedAmount: usd(66_000) });
    expect(off.body.variances[0].message).toContain('12.000 billed so far against 10.000 ordered');

    fx.expectProblem(
      await bill('inv-1', [{ lineNumber: 1, quantity: 1, amount: usd(1) }]),
      409,
      'bill_already_recorded',
    );
    const spend = await spendOf(job.jobId);
    expect(spend.billed).toEqual(usd(267_000));
  });
});

describe('forecasts and the monthly reconciliation', () => {
  it('reconciles a client’s month once, with figures an independent sum agrees with', async () => {
    const r = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae, agency.rep]);
    const brands = [r.brand, await fx.createBrand(agency.ad, r.client.clientId)];
    const month = new Date().toISOString().slice(0, 7);
    const jobs: { jobId: string; brandId: string; signed: number; orders: number[] }[] = [];
    for (const [i, b] of brands.entries()) {
      for (const signed of [50_000, 80_000]) {
        const job = await fx.openJob(agency.ae, r.client.clientId, b.brandId);
        await signedEstimate(agency.ae, job.jobId, [{ amountMinor: signed }]);
        const orders = [10_000 * (i + 1), 7_000];
        for (const amount of orders) fx.expectStatus(await postOrder(job.jobId, order(amount)), 201);
        jobs.push({ jobId: job.jobId, brandId: b.brandId, signed, orders });
      }
    }
    // A bill of the first job over what was committed.
    const first = jobs[0]!;
    const pos = (await spendOf(first.jobId)).purchaseOrders;
    fx.expectStatus(
      await api('POST', `/jobs/${first.jobId}/vendor-bills`, {
        token: agency.ae.token,
        body: {
          purchaseOrderId: pos[0].purchaseOrderId,
          billNumber: 'B-1',
          billDate: `${month}-01`,
          lines: [{ lineNumber: 1, quantity: 1, amount: usd(20_000) }],
        },
      }),
      201,
    );
    const forecast = await api('PUT', `/brands/${brands[0].brandId}/forecasts/${month}`, {
      token: agency.ae.token,
      body: { clientId: r.client.clientId, amount: usd(30_000) },
    });
    fx.expectStatus(forecast, 200, 'PUT forecast');
    const revised = await api('PUT', `/brands/${brands[0].brandId}/forecasts/${month}`, {
      token: agency.ae.token,
      headers: { 'if-match': '"1"' },
      body: { clientId: r.client.clientId, amount: usd(60_000), note: 'Two shoots.' },
    });
    expect(revised.body).toMatchObject({ version: 2, amount: usd(60_000) });
    fx.expectProblem(
      await api('PUT', `/brands/${brands[0].brandId}/forecasts/${month}`, {
        token: agency.rep.token,
        headers: { 'if-match': '"2"' },
        body: { clientId: r.client.clientId, amount: usd(1) },
      }),
      403,
      'forbidden',
    );

    const at = new Date();
    expect(await reconcileClientMonth(r.client.clientId, month, at)).toBe('generated');
    expect(await reconcileClientMonth(r.client.clientId, month, at)).toBe('alreadyDone');

    const list = await api('GET', `/clients/${r.client.clientId}/reconciliations`, {
      token: agency.am.token,
    });
    expect(list.body.items.map((x: Json) => x.month)).toEqual([month]);
    const detail = await api('GET', `/clients/${r.client.clientId}/reconciliations/${month}`, {
      token: agency.am.token,
    });
    fx.expectStatus(detail, 200);
    const rec = detail.body;

    // The independent calculation: straight from what the test put in.
    const committedOf = (j: (typeof jobs)[number]) => j.orders.reduce((a, b) => a + b, 0);
    for (const j of jobs) {
      const row = rec.rows.find((x: Json) => x.kind === 'job' && x.id === j.jobId);
      expect(row).toMatchObject({ signed: usd(j.signed), committed: usd(committedOf(j)) });
    }
    for (const b of brands) {
      const mine = jobs.filter((j) => j.brandId === b.brandId);
      const row = rec.rows.find((x: Json) => x.kind === 'brand' && x.id === b.brandId);
      expect(row).toMatchObject({
        signed: usd(mine.reduce((s, j) => s + j.signed, 0)),
        committed: usd(mine.reduce((s, j) => s + committedOf(j), 0)),
        committedInMonth: usd(mine.reduce((s, j) => s + committedOf(j), 0)),
      });
    }
    expect(rec.totals).toMatchObject({
      signed: usd(jobs.reduce((s, j) => s + j.signed, 0)),
      committed: usd(jobs.reduce((s, j) => s + committedOf(j), 0)),
      billed: usd(20_000),
      forecast: usd(60_000),
    });
    // Brand 1: 10,000+7,000 twice = 34,000 against 60,000 forecast: flagged; job 1 billed 20,000 of 17,000.
    const brandRow = rec.rows.find((x: Json) => x.id === brands[0].brandId);
    expect(brandRow.flags).toMatchObject([{ kind: 'committed_vs_forecast', variance: usd(26_000) }]);
    const jobRow = rec.rows.find((x: Json) => x.id === first.jobId);
    expect(jobRow.flags).toMatchObject([{ kind: 'billed_over_committed', variance: usd(3_000) }]);

    const html = await fetch(rec.downloads.html.url);
    const text = await html.text();
    expect(text).toContain('<svg');
    expect(text).toContain('Budget reconciliation');
    const csv = await (await fetch(rec.downloads.csv.url)).text();
    expect(csv.split('\r\n')[0]).toBe(
      'kind,id,label,currency,signed,committed,billed,committed_in_month,forecast,flags',
    );

    const mails = (await inbox()).filter(
      (m) => m.subject.includes(`Budget reconciliation ${month}`) && m.subject.includes(r.client.name),
    );
    expect(mails.flatMap((m) => m.to).sort()).toEqual([agency.ad.staff.email, agency.am.staff.email].sort());

    const reason = await api('POST', `/clients/${r.client.clientId}/reconciliations/${month}/reasons`, {
      token: agency.ae.token,
      headers: { 'if-match': `"${rec.version}"` },
      body: {
        rowId: brands[0].brandId,
        kind: 'committed_vs_forecast',
        reason: 'Second shoot moved to next month.',
      },
    });
    fx.expectStatus(reason, 200, 'reason');
    expect(reason.body.rows.find((x: Json) => x.id === brands[0].brandId).flags[0]).toMatchObject({
      reason: 'Second shoot moved to next month.',
      reasonBy: agency.ae.staff.staffId,
    });
  }, 60_000);
});

it('accepts, once a change order raised the signed total, the order it refused before', async () => {
  const job = await signedJob(1_000);
  fx.expectProblem(await postOrder(job.jobId, order(4_000)), 409, 'over_signed_total');
  await signedChangeOrder(agency.ae, job.estimateId, [{ lineId: 'L001', amountMinor: 5_000 }]);
  fx.expectStatus(await postOrder(job.jobId, order(4_000)), 201);
});

describe("media bookings against the job's signed total", () => {
  it('count where the signed estimate carries the media, and name the registered vendor', async () => {
    const s = await md.mediaReady();
    const { plan, version } = await md.confirmedSchedule(s);
    const cost = (lineId: string) =>
      version.lines.find((l: Json) => l.lineId === lineId).cost.amountMinor as number;
    const adnet = await approvedVendor('AdNet', s.agency);
    // The signed estimate carries the media (a media line), a dollar short of booking both lines.
    await signedEstimate(s.agency.ae, s.campaign.jobId, [
      { amountMinor: cost('L002') + cost('L001') - 100, category: 'media', description: 'Media' },
    ]);
    const book = (lineIds: string[]) =>
      api('POST', `/media-campaigns/${s.campaign.campaignId}/bookings`, {
        token: s.agency.ae.token,
        body: {
          planId: plan.planId,
          version: version.number,
          lineIds,
          vendorContact: { name: 'Bookings', email: uniqueEmail('io') },
        },
      });
    const online = await book(['L002']);
    fx.expectStatus(online, 201, 'booking within the signed total');
    expect(online.body).toMatchObject({ vendor: 'AdNet', vendorId: adnet.vendorId });
    const tv = await book(['L001']);
    fx.expectProblem(tv, 409, 'over_signed_total');
    expect(tv.body.amountOver).toEqual(usd(100));
    const spend = await api('GET', `/jobs/${s.campaign.jobId}/spend`, { token: s.agency.ae.token });
    expect(spend.body.committed).toEqual(usd(cost('L002')));
  }, 60_000);
});

/** A vendor of that name in the register, approved (registered by an earlier run of the shared stack, or now). */
async function approvedVendor(name: string, by: fx.Agency): Promise<Json> {
  const created = await api('POST', '/vendors', {
    token: by.ae.token,
    body: { ...proposedBody(), name, categories: ['media_owner'] },
  });
  const vendorId =
    created.status === 201
      ? created.body.vendorId
      : (await api('GET', '/vendors', { token: by.ae.token })).body.items.find((v: Json) => v.name === name)
          .vendorId;
  const current = await api('GET', `/vendors/${vendorId}`, { token: by.ae.token });
  if (current.body.status === 'approved') return current.body;
  const decided = await api('POST', `/vendors/${vendorId}/decision`, {
    token: by.head.token,
    headers: { 'if-match': `"${current.body.version}"` },
    body: { decision: 'approve' },
  });
  fx.expectStatus(decided, 200, 'vendor approved');
  return decided.body;
}
