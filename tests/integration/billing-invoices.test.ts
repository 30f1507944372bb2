import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from '../../shared/billing/entities.js';
import { collections } from '../../shared/billing/index.js';
import { billingWords } from '../../shared/billing/messages.js';
import { queryAll } from '../../shared/platform/db/table.js';
import { wholeRun } from '../../shared/platform/job-segments.js';
import { api } from '../support/api.js';
import { billingTermsBody, readInvoice, invoiceStep as step, workingDaysAfter } from '../support/billing.js';
import { approvedNewVendor, signedEstimate } from '../support/cost.js';
import * as fx from '../support/fixtures.js';
import { mailsTo } from '../support/reviews.js';

/**
 * Issue 14 §1–§2 over HTTP against the local stack: billing terms (AM and above), an invoice
 * drafted from the signed estimate, reviewed by the AE, approved by the AM above the threshold,
 * issued with a gap-free number, stored and emailed to the billing contact; paid in part, chased
 * by the collections job on the local clock (its "now"), paid in full (over: the excess kept as
 * credit), chasing stopped; never billed twice; credit notes; payments never passing the
 * invoice under concurrent applications; 50 concurrent issues numbered without a gap. Numbers are
 * checked against an independent calculation (whole cents, tax rounded half to even).
 */
type Json = fx.Json;

let agency: fx.Agency;
let client: Json;
let brand: Json;
let contact: Json;
const taxBasisPoints = 1_000; // 10 %
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const terms = (extra: Json = {}) =>
  billingTermsBody(contact.contactId, {
    approvalThreshold: usd(500_000),
    creditLimit: usd(100_000_000),
    ...extra,
  });

/** Independent: the tax of a subtotal at 10 %, rounded half to even to the cent. */
function tenPercent(subtotal: number): number {
  const whole = Math.floor(subtotal / 10);
  const rest = subtotal - whole * 10;
  if (rest > 5) return whole + 1;
  if (rest < 5) return whole;
  return whole % 2 === 0 ? whole : whole + 1;
}

async function signedJob(lines: { amountMinor: number; category?: string }[]) {
  const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
  await signedEstimate(agency.ae, job.jobId, lines);
  return job;
}

async function draft(jobId: string, by = agency.ae) {
  const res = await api('POST', `/clients/${client.clientId}/invoices`, {
    token: by.token,
    body: { jobIds: [jobId] },
  });
  fx.expectStatus(res, 201, 'draft invoice');
  return res.body;
}

/** Drafted, reviewed, approved when needed, issued. */
async function issued(jobId: string): Promise<Json> {
  let invoice = await draft(jobId);
  const reviewed = await step(invoice, 'review', agency.ae);
  fx.expectStatus(reviewed, 200, 'review');
  invoice = reviewed.body;
  if (invoice.needsApproval) {
    const approved = await step(invoice, 'approve', agency.am);
    fx.expectStatus(approved, 200, 'approve');
    invoice = approved.body;
  }
  const done = await step(invoice, 'issue', agency.ae);
  fx.expectStatus(done, 200, 'issue');
  return done.body;
}

const getInvoice = (invoiceId: string) => readInvoice(agency.ae, invoiceId);

beforeAll(async () => {
  agency = await fx.buildAgency();
  ({ client, brand, contact } = await fx.readyClient(agency.ad, [
    agency.ad,
    agency.am,
    agency.ae,
    agency.rep,
  ]));
  const taxed = await api('PATCH', `/clients/${client.clientId}`, {
    token: agency.ad.token,
    headers: { 'if-match': `"${client.version}"` },
    body: { taxRateBasisPoints: taxBasisPoints },
  });
  fx.expectStatus(taxed, 200, 'PATCH client tax');
  const byAe = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
    token: agency.ae.token,
    body: terms(),
  });
  fx.expectProblem(byAe, 403, 'forbidden');
  const set = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
    token: agency.am.token,
    body: terms(),
  });
  fx.expectStatus(set, 200, 'PUT billing terms');
  expect(set.body).toMatchObject({ version: 1, taxRateBasisPoints: taxBasisPoints, reminderDays: 3 });
}, 120_000);

describe('billing terms', () => {
  it('are changed under optimistic locking, in the client’s currency', async () => {
    const stale = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
      token: agency.am.token,
      headers: { 'if-match': '"7"' },
      body: terms(),
    });
    fx.expectProblem(stale, 409, 'version_conflict');
    const wrongCurrency = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
      token: agency.am.token,
      headers: { 'if-match': '"1"' },
      body: terms({ approvalThreshold: { amountMinor: 1, currency: 'EUR' } }),
    });
    fx.expectProblem(wrongCurrency, 422, 'currency_mismatch');
    expect(fx.problemFields(wrongCurrency)).toEqual(['body.approvalThreshold']);
    const es = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
      token: agency.am.token,
      headers: { 'if-match': '"1"', 'accept-language': 'es' },
      body: terms({ approvalThreshold: { amountMinor: 1, currency: 'EUR' } }),
    });
    expect(es.body.detail).toContain('A este cliente se le factura en USD');
  });
});

describe('the invoice story: signed estimate → drafted → approved → emailed → paid in part → chased → paid → chasing stops', () => {
  it('bills the signed work once, chases on the client’s calendar and stops when paid', async () => {
    const job = await signedJob([
      { amountMinor: 1_000_001, category: 'production' },
      { amountMinor: 250_000, category: 'agency_fee' },
    ]);
    const invoice = await draft(job.jobId);
    const subtotal = 1_000_001 + 250_000;
    const tax = tenPercent(subtotal);
    expect(invoice).toMatchObject({
      status: 'draft',
      kind: 'invoice',
      subtotal: usd(subtotal),
      tax: usd(tax),
      total: usd(subtotal + tax),
      balance: usd(subtotal + tax),
      needsApproval: true,
    });
    expect(invoice.lines.map((l: Json) => [l.kind, l.amount.amountMinor, l.revenue.feesMinor])).toEqual([
      ['estimate', 1_000_001, 0],
      ['estimate', 250_000, 250_000],
    ]);
    // Each line is described in the billing contact's words (their document), never a stage's code.
    for (const line of invoice.lines) expect(line.description).toMatch(/^L00\d .+ \(on signature\)$/);
    // A second draft of the same work may exist; only one of them is ever issued.
    const rival = await draft(job.jobId);

    fx.expectProblem(await step(invoice, 'review', agency.rep), 403, 'forbidden');
    const reviewed = await step(invoice, 'review', agency.ae);
    fx.expectStatus(reviewed, 200, 'review');
    fx.expectProblem(await step(reviewed.body, 'issue', agency.ae), 409, 'needs_approval');
    fx.expectProblem(await step(reviewed.body, 'approve', agency.ae), 403, 'forbidden');
    // Reviewed and above the threshold, it waits on the AM and the AD (their billing queue), not the AE.
    const waitingFor = async (who: fx.Person) =>
      ((await api('GET', '/me/billing-decisions', { token: who.token })).body.invoices as Json[]).map((w) => [
        w.invoice.invoiceId,
        w.clientName,
      ]);
    expect(await waitingFor(agency.ad)).toContainEqual([invoice.invoiceId, client.name]);
    expect(await waitingFor(agency.am)).toContainEqual([invoice.invoiceId, client.name]);
    expect(await waitingFor(agency.ae)).toEqual([]);
    const approved = await step(reviewed.body, 'approve', agency.am);
    fx.expectStatus(approved, 200, 'approve');
    expect((await waitingFor(agency.ad)).map(([id]) => id)).not.toContain(invoice.invoiceId);
    // Before issuing, the AE sees the document as it will be issued, marked as a preview.
    const previewPath = `/invoices/${invoice.invoiceId}/preview`;
    fx.expectProblem(await api('GET', previewPath, { token: agency.rep.token }), 403, 'forbidden');
    const preview = await api('GET', previewPath, { token: agency.ae.token });
    fx.expectStatus(preview, 200, 'GET preview');
    // Under the bucket's previews prefix, which its lifecycle rule expires a day later.
    expect(new URL(preview.body.url).pathname).toContain(`/previews/clients/${client.clientId}/billing/`);
    const previewHtml = await (await fetch(preview.body.url)).text();
    const words = billingWords[invoice.billingContact.language as 'en'];
    expect(previewHtml).toContain(`<p class="preview">${words.preview}. ${words.previewNote}</p>`);
    const issuedRes = await step(approved.body, 'issue', agency.ae);
    fx.expectStatus(issuedRes, 200, 'issue');
    const done = issuedRes.body;
    fx.expectProblem(await api('GET', previewPath, { token: agency.ae.token }), 409, 'already_issued');
    expect(done.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(done).toMatchObject({ status: 'issued', approvedBy: agency.am.staff.staffId });
    const dueOn = new Date(Date.parse(`${done.issuedOn}T00:00:00Z`) + 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(done.dueOn).toBe(dueOn);

    // Issued is immutable; the rival draft cannot bill the same work again; nothing is left to bill.
    const patch = await api('PATCH', `/invoices/${done.invoiceId}`, {
      token: agency.ae.token,
      headers: { 'if-match': `"${done.version}"` },
      body: { notes: 'changed' },
    });
    fx.expectProblem(patch, 409, 'already_issued');
    const rivalReviewed = await step(rival, 'review', agency.ae);
    const rivalApproved = await step(rivalReviewed.body, 'approve', agency.am);
    fx.expectProblem(await step(rivalApproved.body, 'issue', agency.ae), 409, 'already_billed');
    const again = await api('POST', `/clients/${client.clientId}/invoices`, {
      token: agency.ae.token,
      body: { jobIds: [job.jobId] },
    });
    fx.expectProblem(again, 409, 'nothing_to_bill');

    // Stored and emailed to the billing contact, listed per client and per job.
    const mail = (await mailsTo(contact.email)).find((m) => m.subject.includes(done.number));
    expect(mail?.text).toContain('/documents/');
    const doc = await api('GET', `/invoices/${done.invoiceId}/document`, { token: agency.ae.token });
    fx.expectStatus(doc, 200, 'GET document');
    const html = await (await fetch(doc.body.url)).text();
    expect(html).toContain(done.number);
    expect(html).toContain('@page');
    // The same document the preview showed (issued the same day): only the mark and the number differ.
    expect(html.replaceAll(done.number, '')).toBe(
      previewHtml.replace(/<p class="preview">.*<\/p>\n/, '').replaceAll(` (${words.preview})`, ''),
    );
    const perJob = await api('GET', `/jobs/${job.jobId}/invoices`, { token: agency.ae.token });
    expect(perJob.body.items.map((i: Json) => i.invoiceId)).toContain(done.invoiceId);

    // Paid in part.
    const total = subtotal + tax;
    const part = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      body: {
        amount: usd(500_000),
        receivedOn: done.issuedOn,
        reference: 'WIRE-1',
        invoiceId: done.invoiceId,
      },
    });
    fx.expectStatus(part, 201, 'partial payment');
    expect(part.body.unapplied).toEqual(usd(0));
    expect((await getInvoice(done.invoiceId)).balance).toEqual(usd(total - 500_000));

    // Chased on the local clock: nothing before due + 3 working days, then the AE's level, once.
    const firstReminder = workingDaysAfter(dueOn, 3);
    const before = new Date(`${workingDaysAfter(dueOn, 2)}T12:00:00Z`);
    await collections(before, wholeRun);
    expect((await getInvoice(done.invoiceId)).chasing).toEqual([]);
    const at = new Date(`${firstReminder}T12:00:00Z`);
    await collections(at, wholeRun);
    await collections(at, wholeRun);
    const chased = await getInvoice(done.invoiceId);
    expect(chased.chasing).toHaveLength(1);
    expect(chased.chasing[0]).toMatchObject({
      level: 1,
      escalatedTo: 'account_executive',
      dueOn: firstReminder,
    });
    const reminders = (await mailsTo(contact.email)).filter((m) => m.subject.includes('payment reminder'));
    expect(reminders.filter((m) => m.subject.includes(done.number))).toHaveLength(1);
    expect(reminders.at(-1)?.text).toContain('$8,750.01');
    expect((await mailsTo(agency.ae.staff.email)).some((m) => m.subject.includes(done.number))).toBe(true);

    const ageing = await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token });
    fx.expectStatus(ageing, 200, 'ageing');
    expect(ageing.body.outstanding).toEqual(usd(total - 500_000));

    // Paid in full, and over: the excess kept as credit; chasing stops.
    const rest = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      body: {
        amount: usd(1_000_000),
        // Recorded today: the chasing above ran on the local clock's later days.
        receivedOn: done.issuedOn,
        reference: 'WIRE-2',
        invoiceId: done.invoiceId,
      },
    });
    fx.expectStatus(rest, 201, 'final payment');
    expect(rest.body.unapplied).toEqual(usd(1_000_000 - (total - 500_000)));
    const paid = await getInvoice(done.invoiceId);
    expect(paid).toMatchObject({ status: 'paid', balance: usd(0), paid: usd(total) });
    await collections(new Date(`${workingDaysAfter(dueOn, 9)}T12:00:00Z`), wholeRun);
    expect((await getInvoice(done.invoiceId)).chasing).toHaveLength(1);
    const after = await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token });
    expect(after.body).toMatchObject({
      outstanding: usd(0),
      unappliedCredit: rest.body.unapplied,
      creditHold: false,
    });

    // A credit note corrects it, numbered in its own sequence.
    const note = await api('POST', `/invoices/${done.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Studio day not used', lines: [{ lineId: 'I001', amount: usd(100_000) }] },
    });
    fx.expectStatus(note, 201, 'credit note');
    const tooMuch = await api('POST', `/invoices/${done.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Too much', lines: [{ lineId: 'I002', amount: usd(250_001) }] },
    });
    fx.expectProblem(tooMuch, 422, 'over_credit');
    const noteReviewed = await step(note.body, 'review', agency.ae);
    const noteIssued = await step(noteReviewed.body, 'issue', agency.ae);
    fx.expectStatus(noteIssued, 200, 'issue credit note');
    expect(noteIssued.body).toMatchObject({
      kind: 'creditNote',
      correctsInvoiceId: done.invoiceId,
      total: usd(100_000 + tenPercent(100_000)),
    });
    expect(noteIssued.body.number).toMatch(/^CN-\d{4}-\d{6}$/);

    // Profit reads what was issued: the invoice's revenue less the credit note's; no bills, no time.
    const profit = await api('GET', `/jobs/${job.jobId}/profit`, { token: agency.am.token });
    fx.expectStatus(profit, 200, 'job profit');
    expect(profit.body).toMatchObject({
      revenue: usd(subtotal - 100_000),
      directCosts: usd(0),
      timeCost: usd(0),
      margin: usd(subtotal - 100_000),
    });
  }, 120_000);

  it('shows a client’s invoices to its own team only', async () => {
    const other = await fx.readyClient(agency.ad, [agency.ad]);
    const outsider = await fx.appoint(agency.head, 'account_executive', agency.am);
    await fx.setTeam(agency.ad, other.client.clientId, [agency.ad, outsider]);
    const list = await api('GET', `/clients/${client.clientId}/invoices`, { token: outsider.token });
    fx.expectProblem(list, 404, 'not_found');
    const mine = await api('GET', `/clients/${client.clientId}/invoices`, { token: agency.rep.token });
    fx.expectStatus(mine, 200, 'list invoices');
    const one = mine.body.items[0];
    fx.expectProblem(
      await api('GET', `/invoices/${one.invoiceId}`, { token: outsider.token }),
      404,
      'not_found',
    );
    const pay = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.rep.token,
      body: { amount: usd(1), receivedOn: '2026-01-04', reference: 'X' },
    });
    fx.expectProblem(pay, 403, 'forbidden');
  }, 60_000);
});

describe('credit standing', () => {
  it('flags new purchase orders of a client over its credit limit for an account director', async () => {
    const other = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const cid = other.client.clientId;
    const set = await api('PUT', `/clients/${cid}/billing-terms`, {
      token: agency.am.token,
      body: { ...terms(), billingContactId: other.contact.contactId, creditLimit: usd(50_000) },
    });
    fx.expectStatus(set, 200, 'PUT terms');
    const job = await fx.openJob(agency.ae, cid, other.brand.brandId);
    await signedEstimate(agency.ae, job.jobId, [{ amountMinor: 40_000 }, { amountMinor: 40_000 }]);
    const drafted = await api('POST', `/clients/${cid}/invoices`, { token: agency.ae.token, body: {} });
    fx.expectStatus(drafted, 201, 'draft');
    const reviewed = await step(drafted.body, 'review', agency.ae);
    fx.expectStatus(await step(reviewed.body, 'issue', agency.ae), 200, 'issue');
    const ageing = await api('GET', `/clients/${cid}/ageing`, { token: agency.ae.token });
    // This client's record has no tax rate: the total is the subtotal.
    expect(ageing.body).toMatchObject({ creditHold: true, outstanding: usd(80_000) });

    const vendor = await approvedNewVendor(agency.ae, agency.ad);
    const order = {
      vendorId: vendor.vendorId,
      category: 'production',
      lines: [{ estimateLineId: 'L001', description: 'Studio day', quantity: 1, unitCost: usd(1_000) }],
    };
    const byAe = await api('POST', `/jobs/${job.jobId}/purchase-orders`, {
      token: agency.ae.token,
      body: order,
    });
    fx.expectProblem(byAe, 403, 'forbidden');
    expect(byAe.body.detail).toContain('credit limit');
    const byAd = await api('POST', `/jobs/${job.jobId}/purchase-orders`, {
      token: agency.ad.token,
      body: order,
    });
    fx.expectStatus(byAd, 201, 'order by the AD');
    expect(byAd.body.creditHold).toContain('over its credit limit');
  }, 60_000);
});

describe('payments never pass what an invoice owes', () => {
  it('keeps the sum applied within the total under concurrent applications (bounded runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 4, maxLength: 8 }),
        async (amounts) => {
          const job = await signedJob([{ amountMinor: 100_000 }]);
          const invoice = await issued(job.jobId);
          const total = invoice.total.amountMinor;
          const payment = await api('POST', `/clients/${client.clientId}/payments`, {
            token: agency.ae.token,
            body: { amount: usd(2 * total), receivedOn: invoice.issuedOn, reference: 'POOL' },
          });
          fx.expectStatus(payment, 201, 'unapplied payment');
          const results = await Promise.all(
            amounts.map((amountMinor) =>
              api('POST', `/payments/${payment.body.paymentId}/applications`, {
                token: agency.ae.token,
                body: { invoiceId: invoice.invoiceId, amount: usd(amountMinor) },
              }),
            ),
          );
          for (const r of results) expect([200, 422]).toContain(r.status);
          const applied = amounts.filter((_, i) => results[i]!.status === 200).reduce((a, b) => a + b, 0);
          const after = await getInvoice(invoice.invoiceId);
          expect(after.paid.amountMinor).toBe(applied);
          expect(applied).toBeLessThanOrEqual(total);
          const pool = await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token });
          const mine = pool.body.items.find((p: Json) => p.paymentId === payment.body.paymentId);
          expect(mine.unapplied.amountMinor).toBe(2 * total - applied);
        },
      ),
      { numRuns: 3, endOnFailure: true },
    );
  }, 180_000);
});

describe('credit notes in parts', () => {
  it('credit exactly the invoice’s total when they credit all of it: no cent made by rounding', async () => {
    // 100.05 at 10 %: tax 10.005 → 10.00 (half to even); credited as 0.15 + 99.90, taxed one by one
    // 0.015 → 0.02 and 9.99: a cent more than the invoice's tax.
    const job = await signedJob([{ amountMinor: 10_005 }]);
    const invoice = await issued(job.jobId);
    expect(invoice.total).toEqual(usd(11_005));
    const totals: number[] = [];
    for (const amountMinor of [15, 9_990]) {
      const note = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
        token: agency.ae.token,
        body: { reason: 'Not used', lines: [{ lineId: 'I001', amount: usd(amountMinor) }] },
      });
      fx.expectStatus(note, 201, 'credit note');
      const done = await step((await step(note.body, 'review', agency.ae)).body, 'issue', agency.ae);
      fx.expectStatus(done, 200, 'issue credit note');
      expect(done.body.total.amountMinor).toBe(amountMinor + done.body.tax.amountMinor);
      expect(await readInvoice(agency.ae, done.body.invoiceId)).toMatchObject({ tax: done.body.tax });
      totals.push(done.body.total.amountMinor);
    }
    expect(totals.reduce((a, b) => a + b, 0)).toBe(11_005);
    expect(await getInvoice(invoice.invoiceId)).toMatchObject({ paid: usd(11_005), balance: usd(0) });
    const payments = await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token });
    expect(payments.body.items.filter((p: Json) => p.reference?.includes(invoice.number))).toEqual([]);
  }, 60_000);
});

describe('a payment is refused whole', () => {
  it('when zero, in another currency than its invoice or the client’s, or past what Account Desk holds', async () => {
    const job = await signedJob([{ amountMinor: 10_000 }]);
    const invoice = await issued(job.jobId);
    const pay = (amount: Json, extra: Json = {}) =>
      api('POST', `/clients/${client.clientId}/payments`, {
        token: agency.ae.token,
        body: { amount, receivedOn: invoice.issuedOn, reference: 'HOSTILE', ...extra },
      });
    const count = async () =>
      (await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token })).body.items
        .length;
    const before = await count();

    const eur = { amountMinor: 10_000, currency: 'EUR' };
    const toInvoice = await pay(eur, { invoiceId: invoice.invoiceId });
    fx.expectProblem(toInvoice, 422, 'currency_mismatch');
    expect(toInvoice.body.detail).toContain('USD');
    fx.expectProblem(await pay(eur), 422, 'currency_mismatch');
    const zero = await pay(usd(0));
    fx.expectProblem(zero, 422, 'zero_amount');
    expect(fx.problemFields(zero)).toEqual(['body.amount.amountMinor']);
    fx.expectProblem(await pay(usd(0), { invoiceId: invoice.invoiceId }), 422, 'zero_amount');
    expect(await count()).toBe(before);
    expect((await getInvoice(invoice.invoiceId)).paid).toEqual(usd(0));

    const pool = await pay(usd(500));
    fx.expectStatus(pool, 201, 'payment');
    const zeroApplied = await api('POST', `/payments/${pool.body.paymentId}/applications`, {
      token: agency.ae.token,
      body: { invoiceId: invoice.invoiceId, amount: usd(0) },
    });
    fx.expectProblem(zeroApplied, 422, 'zero_amount');

    // The largest amount once is taken; a second would put the client's credit past what is held.
    const other = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const set = await api('PUT', `/clients/${other.client.clientId}/billing-terms`, {
      token: agency.am.token,
      body: billingTermsBody(other.contact.contactId),
    });
    fx.expectStatus(set, 200, 'PUT billing terms');
    const largest = (reference: string) =>
      api('POST', `/clients/${other.client.clientId}/payments`, {
        token: agency.ae.token,
        body: { amount: usd(999_999_999_999_999), receivedOn: invoice.issuedOn, reference },
      });
    fx.expectStatus(await largest('MAX-1'), 201, 'the largest payment');
    const past = await largest('MAX-2');
    fx.expectProblem(past, 422, 'credit_out_of_range');
    expect(fx.problemFields(past)).toEqual(['body.amount.amountMinor']);
    const ageing = await api('GET', `/clients/${other.client.clientId}/ageing`, { token: agency.ae.token });
    fx.expectStatus(ageing, 200, 'ageing');
    expect(ageing.body.unappliedCredit).toEqual(usd(999_999_999_999_999));
  }, 90_000);

  it('past what Account Desk holds when two payments arrive at the same instant: one is kept, the other refused whole', async () => {
    const other = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const set = await api('PUT', `/clients/${other.client.clientId}/billing-terms`, {
      token: agency.am.token,
      body: billingTermsBody(other.contact.contactId),
    });
    fx.expectStatus(set, 200, 'PUT billing terms');
    const pay = (reference: string) =>
      api('POST', `/clients/${other.client.clientId}/payments`, {
        token: agency.ae.token,
        body: { amount: usd(600_000_000_000_000), receivedOn: '2026-01-05', reference },
      });
    const answers = await Promise.all([pay('AT-ONCE-1'), pay('AT-ONCE-2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    const refused = answers.find((a) => a.status === 422)!;
    fx.expectProblem(refused, 422, 'credit_out_of_range');
    expect(fx.problemFields(refused)).toEqual(['body.amount.amountMinor']);
    const payments = await api('GET', `/clients/${other.client.clientId}/payments`, {
      token: agency.ae.token,
    });
    expect(payments.body.items).toHaveLength(1);
    const ageing = await api('GET', `/clients/${other.client.clientId}/ageing`, { token: agency.ae.token });
    expect(ageing.body.unappliedCredit).toEqual(usd(600_000_000_000_000));
  }, 60_000);

  it('when received after today on the client’s calendar, naming the field, in the reader’s language', async () => {
    const count = async () =>
      (await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token })).body.items
        .length;
    const before = await count();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const receivedOn of [tomorrow, '2031-06-30']) {
      const ahead = await api('POST', `/clients/${client.clientId}/payments`, {
        token: agency.ae.token,
        body: { amount: usd(1_000), receivedOn, reference: 'POSTDATED' },
      });
      fx.expectProblem(ahead, 422, 'payment_in_future');
      expect(fx.problemFields(ahead)).toEqual(['body.receivedOn']);
    }
    const es = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      headers: { 'accept-language': 'es' },
      body: { amount: usd(1_000), receivedOn: '2031-06-30', reference: 'POSTDATED' },
    });
    fx.expectProblem(es, 422, 'payment_in_future');
    expect(es.body.detail).toContain('pago');
    expect(await count()).toBe(before);
    // Two days back is in the past on any client's calendar.
    const earlier = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const onTime = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      body: { amount: usd(1_000), receivedOn: earlier, reference: 'ON-TIME' },
    });
    fx.expectStatus(onTime, 201, 'a payment received two days ago');
  }, 60_000);
});

describe('an invoice the client could not owe', () => {
  /** A client whose billing terms never ask for approval, and reviewed drafts of $6 trillion each (on a new job). */
  async function hugeClient() {
    const huge = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const set = await api('PUT', `/clients/${huge.client.clientId}/billing-terms`, {
      token: agency.am.token,
      body: billingTermsBody(huge.contact.contactId, { approvalThreshold: usd(999_999_999_999_999) }),
    });
    fx.expectStatus(set, 200, 'PUT billing terms');
    const reviewedDraft = async () => {
      const job = await fx.openJob(agency.ae, huge.client.clientId, huge.brand.brandId);
      await signedEstimate(agency.ae, job.jobId, [{ amountMinor: 600_000_000_000_000 }]);
      const drafted = await api('POST', `/clients/${huge.client.clientId}/invoices`, {
        token: agency.ae.token,
        body: { jobIds: [job.jobId] },
      });
      fx.expectStatus(drafted, 201, 'draft');
      return (await step(drafted.body, 'review', agency.ae)).body;
    };
    return { huge, reviewedDraft };
  }

  it('is refused before it is issued when the client would owe more than Account Desk holds', async () => {
    const { huge, reviewedDraft } = await hugeClient();
    fx.expectStatus(await step(await reviewedDraft(), 'issue', agency.ae), 200, 'the first issue');
    const second = await reviewedDraft();
    fx.expectProblem(await step(second, 'issue', agency.ae), 422, 'outstanding_out_of_range');
    expect((await readInvoice(agency.ae, second.invoiceId)).status).toBe('reviewed');
    const ageing = await api('GET', `/clients/${huge.client.clientId}/ageing`, { token: agency.ae.token });
    fx.expectStatus(ageing, 200, 'ageing');
    expect(ageing.body.outstanding).toEqual(usd(600_000_000_000_000));
  }, 60_000);

  it('is issued once of two issues at the same instant that together would pass it; the other is refused, nothing of it written', async () => {
    const { huge, reviewedDraft } = await hugeClient();
    const drafts = [await reviewedDraft(), await reviewedDraft()];
    const answers = await Promise.all(drafts.map((d) => step(d, 'issue', agency.ae)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    const refusedAt = answers.findIndex((a) => a.status === 422);
    fx.expectProblem(answers[refusedAt]!, 422, 'outstanding_out_of_range');
    const refused = await readInvoice(agency.ae, drafts[refusedAt]!.invoiceId);
    expect(refused).toMatchObject({ status: 'reviewed', version: drafts[refusedAt]!.version });
    expect(refused.number).toBeUndefined();
    const ageing = await api('GET', `/clients/${huge.client.clientId}/ageing`, { token: agency.ae.token });
    expect(ageing.body.outstanding).toEqual(usd(600_000_000_000_000));
  }, 90_000);
});

describe('invoice numbers', () => {
  it('are gap-free under 50 concurrent issues', async () => {
    // Jobs take their own gap-free numbers per client: opened a few at a time, so only the issues race.
    const reviewed: Json[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const jobs = [];
      for (let j = 0; j < 5; j++) jobs.push(await fx.openJob(agency.ae, client.clientId, brand.brandId));
      await Promise.all(jobs.map((job) => signedEstimate(agency.ae, job.jobId, [{ amountMinor: 10_000 }])));
      reviewed.push(
        ...(await Promise.all(
          jobs.map(async (job) => (await step(await draft(job.jobId), 'review', agency.ae)).body),
        )),
      );
    }
    // As any client of the API is told: a 503 (the request ran out of time while 49 others took
    // numbers) is sent again; an issue that went through meanwhile answers 409 and is read back.
    const issueOnce = async (invoice: Json): Promise<Json> => {
      for (let attempt = 0; attempt < 30; attempt++) {
        const current = await getInvoice(invoice.invoiceId);
        if (current.status === 'issued') return current;
        const res = await step(current, 'issue', agency.ae);
        if (res.status === 200) return res.body;
        expect([503, 409], JSON.stringify(res.body)).toContain(res.status);
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
      }
      throw new Error(`Invoice ${invoice.invoiceId} was not issued`);
    };
    const results = await Promise.all(reviewed.map(issueOnce));
    const numbers = results.map((r) => r.number as string);
    expect(new Set(numbers).size).toBe(50);
    const year = Number(numbers[0]!.slice(4, 8));
    // The agency's register of the year: every number from 1 to the last, once (every test's issues).
    const register = (await queryAll(Invoice.ofYear('invoice', year))).map((i) => Number(i.GSI3SK));
    const sorted = [...register].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
  }, 240_000);
});
