import { beforeAll, describe, expect, it } from 'vitest';
import { createPurchaseOrder, reconcileClientMonth } from '../../shared/cost/index.js';
import { createPurchaseOrderSchema } from '../../shared/cost/spend-schemas.js';
import { api, uniqueEmail } from '../support/api.js';
import { approvedNewVendor, type SignedLine, signedChangeOrder, signedEstimate } from '../support/cost.js';
import { failEmails } from '../support/faults.js';
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

const cancelOrder = (jobId: string, po: Json, reason: string, by = agency.ae, version = po.version) =>
  api('POST', `/jobs/${jobId}/purchase-orders/${po.purchaseOrderId}/cancel`, {
    token: by.token,
    headers: { 'if-match': `"${version}"` },
    body: { reason },
  });

const speak = async (who: fx.Person, language: string) =>
  fx.expectStatus(await api('PATCH', '/me', { token: who.token, body: { language } }), 200);

/** The document link an email's text gives after `label: ` (the API's `/documents/{token}`). */
function documentLinkIn(text: string, label: string): string {
  const url = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\S+)`).exec(text)?.[1];
  if (!url) throw new Error(`No "${label}" link in: ${text}`);
  return url;
}

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
    // The proposal waits on the directors' decision, in their billing and cost queue; not the AM's.
    const waitingFor = async (who: fx.Person) =>
      ((await api('GET', '/me/billing-decisions', { token: who.token })).body.vendors as fx.Json[]).map(
        (v) => v.vendorId,
      );
    expect(await waitingFor(agency.ad)).toContain(vendor.vendorId);
    expect(await waitingFor(agency.am)).toEqual([]);

    const byAd = await api('POST', `/vendors/${vendor.vendorId}/decision`, {
      token: agency.ad.token,
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve', comment: 'Quotes checked.' },
    });
    fx.expectStatus(byAd, 200, 'decision');
    vendor = byAd.body;
    expect(vendor).toMatchObject({ status: 'approved', decidedBy: agency.ad.staff.staffId, version: 2 });
    expect(await waitingFor(agency.ad)).not.toContain(vendor.vendorId);

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

describe('a spend notice whose email fails', () => {
  it('leaves the order made and answered, and is sent with the next order of the job', async () => {
    const job = await signedJob(10_000);
    const notices = async (percent: number) =>
      (await inbox())
        .filter((m) => m.subject.includes(`Job ${job.jobNumber}: ${percent} %`))
        .flatMap((m) => m.to)
        .sort();
    // Ordered in this process, whose emails fail right after the order's transaction.
    const failing = failEmails();
    const made = await createPurchaseOrder(
      agency.ae.staff.staffId,
      job.jobId,
      createPurchaseOrderSchema.parse(order(8_000)),
    ).finally(() => {
      expect(failing.mock.calls.length).toBeGreaterThan(0);
      failing.mockRestore();
    });
    expect(made.result).toMatchObject({ jobId: job.jobId, total: usd(8_000) });
    expect((await spendOf(job.jobId)).committed).toEqual(usd(8_000));
    expect(await notices(80)).toEqual([]);

    fx.expectStatus(await postOrder(job.jobId, order(500)), 201);
    expect(await notices(80)).toEqual([agency.ae.staff.email, agency.am.staff.email].sort());
  });
});

describe('cancelling a purchase order', () => {
  it("gives back what was not billed in the order's own transaction, and takes no bills after", async () => {
    const job = await signedJob(10_000);
    const po = await postOrder(job.jobId, order(8_000));
    fx.expectStatus(po, 201);
    fx.expectProblem(await postOrder(job.jobId, order(3_000)), 409, 'over_signed_total');

    // Only those who may approve spend cancel, with the order's version, and with a reason.
    fx.expectProblem(await cancelOrder(job.jobId, po.body, 'No.', agency.rep), 403, 'forbidden');
    const current = await api('GET', `/jobs/${job.jobId}/purchase-orders/${po.body.purchaseOrderId}`, {
      token: agency.ae.token,
    });
    fx.expectProblem(await cancelOrder(job.jobId, po.body, 'Stale.', agency.ae, 99), 409, 'version_conflict');
    const cancelled = await cancelOrder(job.jobId, current.body, 'The client dropped the shoot.');
    fx.expectStatus(cancelled, 200, 'cancel');
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      released: usd(8_000),
      cancelledBy: agency.ae.staff.staffId,
      cancelReason: 'The client dropped the shoot.',
    });
    expect(cancelled.body.cancellationSentAt).toEqual(expect.any(String));
    const spend = await spendOf(job.jobId);
    expect(spend.committed).toEqual(usd(0));
    expect(spend.remaining).toEqual(usd(10_000));
    fx.expectStatus(await postOrder(job.jobId, order(3_000)), 201, 'the room the cancellation gave back');

    fx.expectProblem(await cancelOrder(job.jobId, cancelled.body, 'Again.'), 409, 'purchase_order_cancelled');
    const bill = await api('POST', `/jobs/${job.jobId}/vendor-bills`, {
      token: agency.ae.token,
      body: {
        purchaseOrderId: po.body.purchaseOrderId,
        billNumber: fx.uniqueName('INV'),
        billDate: '2027-03-10',
        lines: [{ lineNumber: 1, quantity: 1, amount: usd(8_000) }],
      },
    });
    fx.expectProblem(bill, 409, 'purchase_order_cancelled');

    // The vendor is told, with a link to the order marked cancelled (the old link no longer opens it).
    const about = (await inbox()).filter((m) => m.subject.includes(`${po.body.number} cancelled`));
    const toVendor = about.find((m) => m.to.includes(vendor.contact.email))!;
    expect(toVendor.text).toContain('Reason: The client dropped the shoot.');
    expect(toVendor.text).toContain('Withdrawn: $80.00');
    const page = await (await fetch(documentLinkIn(toVendor.text, 'Open the cancelled order'))).text();
    expect(page).toContain(`Purchase order ${po.body.number} — CANCELLED`);
    expect(about.flatMap((m) => m.to)).toContain(agency.ae.staff.email);
  });

  it('cancels an order down to what was billed on it, and refuses one billed in full', async () => {
    const job = await signedJob(10_000);
    const po = await postOrder(job.jobId, {
      ...order(0),
      lines: [{ estimateLineId: 'L001', description: 'Prints', quantity: 10, unitCost: usd(500) }],
    });
    fx.expectStatus(po, 201);
    const bill = (amountMinor: number, quantity: number) =>
      api('POST', `/jobs/${job.jobId}/vendor-bills`, {
        token: agency.ae.token,
        body: {
          purchaseOrderId: po.body.purchaseOrderId,
          billNumber: fx.uniqueName('INV'),
          billDate: '2027-03-10',
          lines: [{ lineNumber: 1, quantity, amount: usd(amountMinor) }],
        },
      });
    fx.expectStatus(await bill(2_000, 4), 201);
    const billed = await api('GET', `/jobs/${job.jobId}/purchase-orders/${po.body.purchaseOrderId}`, {
      token: agency.ae.token,
    });
    const cancelled = await cancelOrder(job.jobId, billed.body, 'Six prints are enough… four, in fact.');
    fx.expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ released: usd(3_000), billed: usd(2_000) });
    expect((await spendOf(job.jobId)).committed).toEqual(usd(2_000));

    const full = await postOrder(job.jobId, order(1_000));
    fx.expectStatus(full, 201);
    await api('POST', `/jobs/${job.jobId}/vendor-bills`, {
      token: agency.ae.token,
      body: {
        purchaseOrderId: full.body.purchaseOrderId,
        billNumber: fx.uniqueName('INV'),
        billDate: '2027-03-11',
        lines: [{ lineNumber: 1, quantity: 1, amount: usd(1_000) }],
      },
    });
    const fullNow = await api('GET', `/jobs/${job.jobId}/purchase-orders/${full.body.purchaseOrderId}`, {
      token: agency.ae.token,
    });
    const refused = await api(
      'POST',
      `/jobs/${job.jobId}/purchase-orders/${full.body.purchaseOrderId}/cancel`,
      {
        token: agency.ae.token,
        headers: { 'if-match': `"${fullNow.body.version}"`, 'accept-language': 'es' },
        body: { reason: 'Too late.' },
      },
    );
    fx.expectProblem(refused, 409, 'purchase_order_fully_billed');
    expect(refused.body.detail).toBe(
      'Esta orden de compra está facturada por completo: no queda nada en ella que cancelar.',
    );
    expect((await spendOf(job.jobId)).committed).toEqual(usd(3_000));
  });

  it("writes the vendor's copy and emails in the vendor contact's language", async () => {
    const proposed = await api('POST', '/vendors', {
      token: agency.ae.token,
      body: {
        ...proposedBody(),
        contact: { name: 'Lucía Prados', email: uniqueEmail('vendor-es'), language: 'es' },
      },
    });
    fx.expectStatus(proposed, 201);
    const decided = await api('POST', `/vendors/${proposed.body.vendorId}/decision`, {
      token: agency.ad.token,
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    fx.expectStatus(decided, 200);
    const job = await signedJob(100_000);
    const po = await postOrder(job.jobId, { ...order(12_345), vendorId: proposed.body.vendorId });
    fx.expectStatus(po, 201);
    const toVendor = (await inbox()).find(
      (m) => m.to.includes(proposed.body.contact.email) && m.subject.includes(po.body.number),
    )!;
    expect(toVendor.subject).toContain(`Orden de compra ${po.body.number} para ${proposed.body.name}`);
    const document = await (
      await fetch(documentLinkIn(toVendor.text, 'La orden de compra (documento)'))
    ).text();
    expect(document).toContain('<html lang="es">');
    expect(document).toContain(`Orden de compra ${po.body.number}`);
    expect(document).toContain('123,45');
    fx.expectStatus(
      await cancelOrder(job.jobId, (await spendOf(job.jobId)).purchaseOrders[0], 'Sin rodaje.'),
      200,
    );
    const cancelled = (await inbox()).find(
      (m) => m.to.includes(proposed.body.contact.email) && m.subject.includes(`${po.body.number} cancelada`),
    );
    expect(cancelled?.text).toContain('Motivo: Sin rodaje.');
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
    // An order of the second job issued and cancelled in the month: it commits nothing.
    const withdrawn = await postOrder(jobs[1]!.jobId, order(5_000));
    fx.expectStatus(withdrawn, 201);
    const sent = await api(
      'GET',
      `/jobs/${jobs[1]!.jobId}/purchase-orders/${withdrawn.body.purchaseOrderId}`,
      {
        token: agency.ae.token,
      },
    );
    fx.expectStatus(await cancelOrder(jobs[1]!.jobId, sent.body, 'Shoot dropped.'), 200);
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

    // The AM reads Account Desk in Spanish: her email and the document it links are in Spanish.
    await speak(agency.am, 'es');
    const at = new Date();
    try {
      expect(await reconcileClientMonth(r.client.clientId, month, at)).toBe('generated');
    } finally {
      await speak(agency.am, 'en');
    }
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
      (m) => m.subject.includes(month) && m.subject.includes(r.client.name),
    );
    expect(mails.flatMap((m) => m.to).sort()).toEqual([agency.ad.staff.email, agency.am.staff.email].sort());
    const spanish = mails.find((m) => m.to.includes(agency.am.staff.email))!;
    expect(spanish.subject).toContain(`Conciliación presupuestaria ${month}: ${r.client.name}`);
    expect(spanish.html).toContain('<html lang="es">');
    const spanishReport = await (await fetch(documentLinkIn(spanish.text, 'Abrir la conciliación'))).text();
    expect(spanishReport).toContain('<html lang="es">');
    expect(spanishReport).toContain(`Conciliación presupuestaria, ${month}`);
    const english = mails.find((m) => m.to.includes(agency.ad.staff.email))!;
    expect(english.subject).toContain(`Budget reconciliation ${month}: ${r.client.name}`);

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
    // The documents say what the API says: written again with the reason — the emailed link opens
    // them as they are now, and a reader of Chinese gets the Chinese report.
    expect(reason.body.reasonsUpdatedAt).toEqual(expect.any(String));
    const again = await fetch(documentLinkIn(spanish.text, 'Abrir la conciliación'));
    expect(await again.text()).toContain('Second shoot moved to next month.');
    await speak(agency.am, 'zh-CN');
    try {
      const now = await api('GET', `/clients/${r.client.clientId}/reconciliations/${month}`, {
        token: agency.am.token,
      });
      const chinese = await (await fetch(now.body.downloads.html.url)).text();
      expect(chinese).toContain('<html lang="zh-CN">');
      expect(chinese).toContain('Second shoot moved to next month.');
      const csvNow = await (await fetch(now.body.downloads.csv.url)).text();
      expect(csvNow).toContain('committed_vs_forecast 260.00 (Second shoot moved to next month.)');
    } finally {
      await speak(agency.am, 'en');
    }
  }, 90_000);
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
    const adnet = await md.approvedVendor('AdNet', s.agency);
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
    expect(online.body.committedToJob).toBe(true);

    // Released, the booking gives its cost back to the job: the TV line fits now.
    const released = await api(
      'PATCH',
      `/media-campaigns/${s.campaign.campaignId}/bookings/${online.body.bookingId}`,
      {
        token: s.agency.ae.token,
        headers: { 'if-match': `"${online.body.version}"` },
        body: { status: 'cancelled' },
      },
    );
    fx.expectStatus(released, 200, 'booking cancelled');
    expect(
      (await api('GET', `/jobs/${s.campaign.jobId}/spend`, { token: s.agency.ae.token })).body.committed,
    ).toEqual(usd(0));
    fx.expectStatus(await book(['L001']), 201, 'the TV line, in the room the release gave back');
    expect(
      (await api('GET', `/jobs/${s.campaign.jobId}/spend`, { token: s.agency.ae.token })).body.committed,
    ).toEqual(usd(cost('L001')));
  }, 60_000);

  it('go only to registered, approved vendors: an unregistered name is refused on vendorId, in the reader’s language', async () => {
    const s = await md.mediaReady();
    const { campaignId, clientId } = s.campaign;
    const unlisted = fx.uniqueName('Unlisted FM');
    const lines = [{ ...md.tvLine('2027-03-01', '2027-03-31'), vendor: unlisted }];
    for (const kind of ['recommendation', 'master_plan'] as const) {
      const created = await md.planVersion(s.agency.ae, campaignId, { kind, lines });
      await md.confirmInTable(clientId, created.plan.planId, created.version.number, s.contact.contactId);
    }
    const schedule = await md.planVersion(s.agency.ae, campaignId, {
      kind: 'monthly_schedule',
      month: '2027-03',
      lines,
    });
    await md.confirmInTable(clientId, schedule.plan.planId, schedule.version.number, s.contact.contactId);
    const book = (extra: Json = {}, language = 'en') =>
      api('POST', `/media-campaigns/${campaignId}/bookings`, {
        token: s.agency.ae.token,
        headers: { 'accept-language': language },
        body: {
          planId: schedule.plan.planId,
          version: schedule.version.number,
          lineIds: ['L001'],
          vendorContact: { name: 'Bookings', email: uniqueEmail('io') },
          ...extra,
        },
      });
    const bookings = async () =>
      (await api('GET', `/media-campaigns/${campaignId}/bookings`, { token: s.agency.ae.token })).body.items;
    const refused = await book();
    fx.expectProblem(refused, 409, 'vendor_not_registered');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'body.vendorId' })]);
    expect(refused.body.detail).toContain(`${unlisted} is not in the vendor register`);
    const spanish = await book({}, 'es');
    expect(spanish.body.code).toBe('vendor_not_registered');
    expect(spanish.body.detail).toContain('no está en el registro de proveedores');
    const chinese = await book({}, 'zh-CN');
    expect(chinese.body.detail).toContain('不在供应商名录中');
    // Nothing booked (the table's item count would also see the plan confirmations' workflows settle).
    expect(await bookings()).toEqual([]);

    // A vendor proposed but not approved is refused too; the registered vendor named is booked.
    const proposed = await api('POST', '/vendors', {
      token: s.agency.ae.token,
      body: { ...proposedBody(), categories: ['media_owner'] },
    });
    fx.expectStatus(proposed, 201);
    fx.expectProblem(await book({ vendorId: proposed.body.vendorId }), 409, 'vendor_not_approved');
    fx.expectProblem(await book({ vendorId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }), 422, 'unknown_vendor');
    const starTv = await md.approvedVendor('Star TV', s.agency);
    const booked = await book({ vendorId: starTv.vendorId });
    fx.expectStatus(booked, 201, 'booked with the registered vendor named');
    expect(booked.body).toMatchObject({ vendor: unlisted, vendorId: starTv.vendorId });
  }, 60_000);
});
