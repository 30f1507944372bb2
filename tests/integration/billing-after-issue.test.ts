import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { collections, issueInvoice, resendInvoice } from '../../shared/billing/index.js';
import { CreditStanding } from '../../shared/cost/entities.js';
import { getItem } from '../../shared/platform/db/table.js';
import { wholeRun } from '../../shared/platform/job-segments.js';
import { api } from '../support/api.js';
import { billingTermsBody, invoiceStep, readInvoice, workingDaysAfter } from '../support/billing.js';
import { signedEstimate } from '../support/cost.js';
import { failEmails, failTablePuts } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import { mailsTo } from '../support/reviews.js';

/**
 * Issue 14 §1–§2, what happens after an invoice is issued, against the local stack: its document
 * stored and emailed — and, when S3 or the mail service fails right after the issuing transaction
 * (faults injected into this process's SDK clients, which issue the invoice here), sent again by
 * `POST /invoices/{id}/send`; a credit note larger than what the invoice still owes, whose excess
 * becomes the client's unapplied credit; and chasing past the third reminder on the local clock.
 */
type Json = fx.Json;

let agency: fx.Agency;
let client: Json;
let brand: Json;
let contact: Json;
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

beforeAll(async () => {
  agency = await fx.buildAgency();
  ({ client, brand, contact } = await fx.readyClient(agency.ad, [
    agency.ad,
    agency.am,
    agency.ae,
    agency.rep,
  ]));
  const set = await api('PUT', `/clients/${client.clientId}/billing-terms`, {
    token: agency.am.token,
    body: billingTermsBody(contact.contactId, { approvalThreshold: usd(10_000_000) }),
  });
  fx.expectStatus(set, 200, 'PUT billing terms');
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const step = (invoice: Json, name: string, by: fx.Person = agency.ae) => invoiceStep(invoice, name, by);

/** A draft of a newly signed job, reviewed by the AE (this client's record has no tax rate). */
async function reviewed(amountMinor: number): Promise<Json> {
  const job = await fx.openJob(agency.ae, client.clientId, brand.brandId);
  await signedEstimate(agency.ae, job.jobId, [{ amountMinor }]);
  const drafted = await api('POST', `/clients/${client.clientId}/invoices`, {
    token: agency.ae.token,
    body: { jobIds: [job.jobId] },
  });
  fx.expectStatus(drafted, 201, 'draft');
  const done = await step(drafted.body, 'review');
  fx.expectStatus(done, 200, 'review');
  return done.body;
}

async function issuedOverHttp(amountMinor: number): Promise<Json> {
  const res = await step(await reviewed(amountMinor), 'issue');
  fx.expectStatus(res, 200, 'issue');
  return res.body;
}

const getInvoice = (invoiceId: string) => readInvoice(agency.ae, invoiceId);

const sendAgain = (invoiceId: string, by: fx.Person = agency.ae) =>
  api('POST', `/invoices/${invoiceId}/send`, { token: by.token });

const mailsOf = async (number: string) =>
  (await mailsTo(contact.email)).filter((m) => m.subject.includes(number) && !m.subject.includes('reminder'));

/** Fails this process's S3 puts of billing documents, or its SES sends, as if the service were down. */
function failDocumentPuts() {
  const send = S3Client.prototype.send;
  return vi.spyOn(S3Client.prototype, 'send').mockImplementation(function (this: S3Client, command, ...rest) {
    if (command instanceof PutObjectCommand && command.input.Key?.includes('/billing/'))
      return Promise.reject(
        Object.assign(new Error('S3 unavailable (injected)'), { name: 'ServiceUnavailable' }),
      );
    return (send as (...a: unknown[]) => Promise<unknown>).call(this, command, ...rest);
  } as S3Client['send']);
}

describe('an issued invoice is stored and sent, and sent again', () => {
  it('records the document and each sending on the normal path', async () => {
    const invoice = await issuedOverHttp(12_345);
    expect(invoice.document?.objectKey).toBe(`clients/${client.clientId}/billing/${invoice.invoiceId}.html`);
    expect(invoice.sendings).toEqual([
      { sentAt: expect.any(String), to: contact.email, sentBy: agency.ae.staff.staffId },
    ]);
    expect(await mailsOf(invoice.number)).toHaveLength(1);

    // Sent again: the same document, one more sending and one more email.
    const again = await sendAgain(invoice.invoiceId);
    fx.expectStatus(again, 200, 'send again');
    expect(again.body.document).toEqual(invoice.document);
    expect(again.body.sendings).toHaveLength(2);
    expect((await getInvoice(invoice.invoiceId)).sendings).toEqual(again.body.sendings);
    expect(await mailsOf(invoice.number)).toHaveLength(2);
    const activity = await api('GET', `/clients/${client.clientId}/activity?limit=100`, {
      token: agency.ad.token,
    });
    const sent = activity.body.items.filter(
      (e: Json) => e.action === 'invoice.sent' && e.entityId === invoice.invoiceId,
    );
    expect(sent).toHaveLength(2);

    // An account rep may not; a draft is not sent.
    fx.expectProblem(await sendAgain(invoice.invoiceId, agency.rep), 403, 'forbidden');
    const draft = await reviewed(1_000);
    const refused = await sendAgain(draft.invoiceId);
    fx.expectProblem(refused, 409, 'not_sendable');
    expect(refused.body.detail).toContain('issue the draft first');
    expect((await getInvoice(draft.invoiceId)).sendings).toBeUndefined();
  }, 60_000);

  it('stays issued without its document when S3 fails, and the send route stores and sends it', async () => {
    const draft = await reviewed(20_000);
    const puts = failDocumentPuts();
    const issued = await issueInvoice(agency.ae.staff.staffId, draft.invoiceId, draft.version);
    expect(puts).toHaveBeenCalled();
    puts.mockRestore();
    expect(issued).toMatchObject({ status: 'issued', balance: usd(20_000) });
    expect(issued.number).toMatch(/^INV-/);
    expect(issued.document).toBeUndefined();
    expect(issued.sendings).toBeUndefined();
    const stored = await getInvoice(draft.invoiceId);
    expect(stored).toMatchObject({ status: 'issued', number: issued.number });
    expect(stored.document).toBeUndefined();
    fx.expectProblem(
      await api('GET', `/invoices/${draft.invoiceId}/document`, { token: agency.ae.token }),
      404,
      'not_found',
    );
    expect(await mailsOf(issued.number!)).toHaveLength(0);

    const sent = await sendAgain(draft.invoiceId);
    fx.expectStatus(sent, 200, 'send after a failed store');
    expect(sent.body.document?.objectKey).toContain(draft.invoiceId);
    expect(sent.body.sendings).toEqual([
      { sentAt: expect.any(String), to: contact.email, sentBy: agency.ae.staff.staffId },
    ]);
    const doc = await api('GET', `/invoices/${draft.invoiceId}/document`, { token: agency.ae.token });
    fx.expectStatus(doc, 200, 'GET document');
    expect(await (await fetch(doc.body.url)).text()).toContain(issued.number);
    const mails = await mailsOf(issued.number!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('/documents/');
  }, 60_000);

  it('keeps the stored document when the email fails, and the send route only sends it', async () => {
    const draft = await reviewed(30_000);
    const emails = failEmails();
    const issued = await issueInvoice(agency.ae.staff.staffId, draft.invoiceId, draft.version);
    expect(emails).toHaveBeenCalledTimes(1);
    emails.mockRestore();
    expect(issued.document?.objectKey).toContain(draft.invoiceId);
    expect(issued.sendings).toBeUndefined();
    expect(await mailsOf(issued.number!)).toHaveLength(0);

    const sent = await sendAgain(draft.invoiceId);
    fx.expectStatus(sent, 200, 'send after a failed email');
    // Not stored again: the very object issuing stored.
    expect(sent.body.document).toEqual(issued.document);
    expect(sent.body.sendings).toHaveLength(1);
    expect(await mailsOf(issued.number!)).toHaveLength(1);
  }, 60_000);
});

describe('the client’s credit standing after an issue', () => {
  it('is marked by the issue when its refresh fails after it, the invoice issued and sent; the collections job refreshes it', async () => {
    const draft = await reviewed(40_000);
    const standing = async () => (await getItem(CreditStanding.key(client.clientId)))!;
    const puts = failTablePuts('CREDITSTANDING');
    const issued = await issueInvoice(agency.ae.staff.staffId, draft.invoiceId, draft.version);
    expect(puts).toHaveBeenCalled();
    puts.mockRestore();
    expect(issued).toMatchObject({ status: 'issued', balance: usd(40_000) });
    expect(issued.sendings).toHaveLength(1);
    expect(await mailsOf(issued.number!)).toHaveLength(1);
    const owed = (await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token })).body
      .outstanding;
    const marked = await standing();
    expect(marked.refreshesDue).toBeGreaterThanOrEqual(1);
    expect(marked.GSI2PK).toBe('CREDITSTANDING#DUE');
    expect(marked.outstanding).not.toEqual(owed);

    const { summary } = await collections(new Date(), wholeRun);
    expect(summary.standingsRepaired).toBeGreaterThanOrEqual(1);
    const repaired = await standing();
    expect(repaired).toMatchObject({ refreshesDue: 0, outstanding: owed, flagged: false });
    expect(repaired.GSI2PK).toBeUndefined();
  }, 60_000);
});

describe('two sends of an issued invoice at the same instant', () => {
  it('email it once: the other is refused as a conflict, and a send whose email failed is sent again', async () => {
    const invoice = await issuedOverHttp(12_000);
    expect(await mailsOf(invoice.number)).toHaveLength(1);
    const underOneVersion = () =>
      api('POST', `/invoices/${invoice.invoiceId}/send`, {
        token: agency.ae.token,
        headers: { 'if-match': `"${invoice.version}"` },
      });
    const answers = await Promise.all([underOneVersion(), underOneVersion()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    fx.expectProblem(answers.find((a) => a.status === 409)!, 409, 'version_conflict');
    expect(await mailsOf(invoice.number)).toHaveLength(2);
    expect((await getInvoice(invoice.invoiceId)).sendings).toHaveLength(2);

    const failing = failEmails();
    await expect(resendInvoice(agency.ae.staff.staffId, invoice.invoiceId)).rejects.toThrow();
    failing.mockRestore();
    expect((await getInvoice(invoice.invoiceId)).sendings).toHaveLength(2);
    fx.expectStatus(await sendAgain(invoice.invoiceId), 200, 'send after the failed one');
    expect(await mailsOf(invoice.number)).toHaveLength(3);
  });
});

describe('a credit note larger than what the invoice still owes', () => {
  it('settles the invoice and keeps the excess as the client’s unapplied credit, applied later', async () => {
    const ageingBefore = await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token });
    const creditBefore = ageingBefore.body.unappliedCredit.amountMinor;
    const invoice = await issuedOverHttp(100_000);
    const paid = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      body: {
        amount: usd(70_000),
        receivedOn: invoice.issuedOn,
        reference: 'WIRE-70',
        invoiceId: invoice.invoiceId,
      },
    });
    fx.expectStatus(paid, 201, 'partial payment');
    expect((await getInvoice(invoice.invoiceId)).balance).toEqual(usd(30_000));

    // 45,000.00 credited on an invoice owing 30,000.00: 15,000.00 left over, kept as credit.
    const note = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Half the shoot was cancelled', lines: [{ lineId: 'I001', amount: usd(45_000) }] },
    });
    fx.expectStatus(note, 201, 'credit note');
    const noteIssued = await step((await step(note.body, 'review')).body, 'issue');
    fx.expectStatus(noteIssued, 200, 'issue credit note');
    expect(noteIssued.body.total).toEqual(usd(45_000));
    expect(await getInvoice(invoice.invoiceId)).toMatchObject({
      status: 'paid',
      paid: usd(100_000),
      balance: usd(0),
    });
    const payments = await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token });
    const credit = payments.body.items.find(
      (p: Json) => p.creditNote?.invoiceId === noteIssued.body.invoiceId,
    );
    expect(credit).toMatchObject({
      amount: usd(15_000),
      unapplied: usd(15_000),
      applications: [],
      receivedOn: noteIssued.body.issuedOn,
      creditNote: { invoiceId: noteIssued.body.invoiceId, number: noteIssued.body.number },
    });
    expect(credit.reference).toContain(noteIssued.body.number);
    const ageing = await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token });
    expect(ageing.body.unappliedCredit).toEqual(usd(creditBefore + 15_000));

    // Once the invoice is paid in full, a further credit note is credit in whole.
    const second = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Studio refund', lines: [{ lineId: 'I001', amount: usd(5_000) }] },
    });
    const secondIssued = await step((await step(second.body, 'review')).body, 'issue');
    fx.expectStatus(secondIssued, 200, 'issue second credit note');
    expect((await getInvoice(invoice.invoiceId)).paid).toEqual(usd(100_000));
    const after = await api('GET', `/clients/${client.clientId}/ageing`, { token: agency.ae.token });
    expect(after.body.unappliedCredit).toEqual(usd(creditBefore + 20_000));

    // The credit pays part of the next invoice like any unapplied payment, never more than it has.
    const next = await issuedOverHttp(40_000);
    const applied = await api('POST', `/payments/${credit.paymentId}/applications`, {
      token: agency.ae.token,
      body: { invoiceId: next.invoiceId, amount: usd(15_000) },
    });
    fx.expectStatus(applied, 200, 'apply the credit');
    expect(applied.body.unapplied).toEqual(usd(0));
    expect(await getInvoice(next.invoiceId)).toMatchObject({ paid: usd(15_000), balance: usd(25_000) });
    const over = await api('POST', `/payments/${credit.paymentId}/applications`, {
      token: agency.ae.token,
      body: { invoiceId: next.invoiceId, amount: usd(1) },
    });
    fx.expectProblem(over, 422, 'over_unapplied');
  }, 90_000);

  it('is refused whole when its excess would put the client’s credit past what Account Desk holds', async () => {
    const full = await fx.readyClient(agency.ad, [agency.ad, agency.am, agency.ae]);
    const clientId = full.client.clientId;
    const set = await api('PUT', `/clients/${clientId}/billing-terms`, {
      token: agency.am.token,
      body: billingTermsBody(full.contact.contactId, { approvalThreshold: usd(10_000_000) }),
    });
    fx.expectStatus(set, 200, 'PUT billing terms');
    const job = await fx.openJob(agency.ae, clientId, full.brand.brandId);
    await signedEstimate(agency.ae, job.jobId, [{ amountMinor: 100_000 }]);
    const drafted = await api('POST', `/clients/${clientId}/invoices`, {
      token: agency.ae.token,
      body: { jobIds: [job.jobId] },
    });
    const invoice = (await step((await step(drafted.body, 'review')).body, 'issue')).body;
    expect(invoice.status).toBe('issued');
    const pay = (amountMinor: number, extra: Json = {}) =>
      api('POST', `/clients/${clientId}/payments`, {
        token: agency.ae.token,
        body: { amount: usd(amountMinor), receivedOn: invoice.issuedOn, reference: 'WIRE', ...extra },
      });
    fx.expectStatus(await pay(100_000, { invoiceId: invoice.invoiceId }), 201, 'paid in full');
    fx.expectStatus(await pay(999_999_999_999_999 - 40_000), 201, 'credit just short of the largest');

    // The invoice owes nothing: the note's 45,000.00 would all be credit, 5,000.00 past what is held.
    const note = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Shoot cancelled', lines: [{ lineId: 'I001', amount: usd(45_000) }] },
    });
    fx.expectStatus(note, 201, 'credit note');
    const noteReviewed = (await step(note.body, 'review')).body;
    const refused = await step(noteReviewed, 'issue');
    fx.expectProblem(refused, 422, 'credit_out_of_range');
    expect(await getInvoice(noteReviewed.invoiceId)).toMatchObject({
      status: 'reviewed',
      version: noteReviewed.version,
    });
    const payments = await api('GET', `/clients/${clientId}/payments`, { token: agency.ae.token });
    expect(payments.body.items).toHaveLength(2);
    const ageing = await api('GET', `/clients/${clientId}/ageing`, { token: agency.ae.token });
    expect(ageing.body.unappliedCredit).toEqual(usd(999_999_999_999_999 - 40_000));

    // Within what is held, the same note is issued.
    const smaller = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { reason: 'Studio refund', lines: [{ lineId: 'I001', amount: usd(40_000) }] },
    });
    const issued = await step((await step(smaller.body, 'review')).body, 'issue');
    fx.expectStatus(issued, 200, 'issue the note within what is held');
    const after = await api('GET', `/clients/${clientId}/ageing`, { token: agency.ae.token });
    expect(after.body.unappliedCredit).toEqual(usd(999_999_999_999_999));
  }, 90_000);
});

describe('a line is never credited beyond its amount', () => {
  it('issues at most the line’s amount of credit notes drafted and issued at once', async () => {
    const invoice = await issuedOverHttp(40_000);
    const whole = { reason: 'Cancelled', lines: [{ lineId: 'I001', amount: usd(40_000) }] };
    const zero = await api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, {
      token: agency.ae.token,
      body: { ...whole, lines: [{ lineId: 'I001', amount: usd(0) }] },
    });
    fx.expectProblem(zero, 422, 'zero_amount');
    expect(fx.problemFields(zero)).toEqual(['body.lines.0.amount.amountMinor']);

    // Drafted at once, each sees the line whole; issued at once, only one may credit it.
    const drafts = await Promise.all(
      Array.from({ length: 8 }, () =>
        api('POST', `/invoices/${invoice.invoiceId}/credit-notes`, { token: agency.ae.token, body: whole }),
      ),
    );
    const reviewed = await Promise.all(
      drafts.filter((d) => d.status === 201).map(async (d) => (await step(d.body, 'review')).body),
    );
    const issues = await Promise.all(reviewed.map((note) => step(note, 'issue')));
    const issued = issues.filter((r) => r.status === 200);
    expect(issued).toHaveLength(1);
    for (const refused of issues.filter((r) => r.status !== 200))
      fx.expectProblem(refused, 409, 'over_credit');
    expect(await getInvoice(invoice.invoiceId)).toMatchObject({ paid: usd(40_000), balance: usd(0) });
    const payments = await api('GET', `/clients/${client.clientId}/payments`, { token: agency.ae.token });
    // No note, issued or refused, left unapplied credit (a refusal's body names no note: take the drafts').
    const notes = new Set(reviewed.map((note) => note.invoiceId));
    expect(payments.body.items.filter((p: Json) => notes.has(p.creditNote?.invoiceId))).toEqual([]);
    expect(issued[0]!.body).not.toHaveProperty('credited');
    expect(await getInvoice(invoice.invoiceId)).not.toHaveProperty('creditNotesIssued');
  }, 90_000);
});

describe('chasing after the third reminder', () => {
  it('chases the AD every N working days until paid, one reminder per period at most', async () => {
    const invoice = await issuedOverHttp(50_000);
    const period = (k: number) => workingDaysAfter(invoice.dueOn, 3 * k);
    const run = (day: string) => collections(new Date(`${day}T12:00:00Z`), wholeRun);
    const chasing = async () => (await getInvoice(invoice.invoiceId)).chasing as Json[];
    const adChases = async () =>
      (await mailsTo(agency.ad.staff.email)).filter((m) => m.subject.includes(invoice.number)).length;

    for (const k of [1, 2, 3, 4]) await run(period(k));
    await run(period(4));
    await run(workingDaysAfter(period(4), 2));
    expect((await chasing()).map((c) => [c.level, c.escalatedTo, c.dueOn])).toEqual([
      [1, 'account_executive', period(1)],
      [2, 'account_manager', period(2)],
      [3, 'account_director', period(3)],
      [4, 'account_director', period(4)],
    ]);
    expect(await adChases()).toBe(2);

    // Runs missed for two periods: the one reminder due now, not the two missed.
    await run(period(7));
    const afterGap = await chasing();
    expect(afterGap.map((c) => c.level)).toEqual([1, 2, 3, 4, 7]);
    expect(afterGap.at(-1)).toMatchObject({ escalatedTo: 'account_director', dueOn: period(7) });
    expect(afterGap.at(-1)!.staffIds).toEqual([agency.ad.staff.staffId]);
    expect(await adChases()).toBe(3);
    const reminders = (await mailsTo(contact.email)).filter(
      (m) => m.subject.includes('payment reminder') && m.subject.includes(invoice.number),
    );
    expect(reminders).toHaveLength(5);

    // Paid: chasing stops.
    const paid = await api('POST', `/clients/${client.clientId}/payments`, {
      token: agency.ae.token,
      body: {
        amount: usd(50_000),
        // Recorded today: the chasing above ran on the local clock's later days.
        receivedOn: invoice.issuedOn,
        reference: 'WIRE-LATE',
        invoiceId: invoice.invoiceId,
      },
    });
    fx.expectStatus(paid, 201, 'payment');
    await run(period(8));
    expect(await chasing()).toHaveLength(5);
    expect(await adChases()).toBe(3);
  }, 120_000);
});
