import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobSpendLedger } from '../../shared/cost/entities.js';
import { signedEstimateLines } from '../../shared/cost/index.js';
import { escapeHtml } from '../../shared/platform/emails.js';
import { formatDay } from '../../shared/platform/i18n.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as rv from '../support/reviews.js';
import { documents, tableName } from '../support/table.js';
import * as tr from '../support/traffic.js';

/**
 * Issue 13 §1 against the local stack: estimates priced on the server (the client's tax), drafts
 * edited under their version, the sign-off of estimate and timetable together (account director,
 * then the client by link; one evidence record naming both documents), the job's spend ledger
 * written with the signature, the signed version locked, and a change order that shows only its
 * difference and raises the signed total without touching committed spend.
 */
type Json = fx.Json;

let s: tr.TrafficSetup;

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const lines = [
  {
    category: 'production',
    description: 'Studio shoot, 2 days',
    quantity: 2,
    unitCost: eur(150_000),
    markupPercent: 15,
  },
  {
    category: 'third_party',
    description: 'Photographer',
    quantity: 1.5,
    unitCost: eur(33_333),
    markupPercent: 10,
  },
  { category: 'agency_fee', description: 'Account service, hours', quantity: 10, unitCost: eur(9_000) },
];

beforeAll(async () => {
  s = await tr.trafficReady();
  const taxed = await api('PATCH', `/clients/${s.client.clientId}`, {
    token: s.agency.ad.token,
    headers: { 'if-match': `"${s.client.version}"` },
    body: { taxRateBasisPoints: 2100 },
  });
  fx.expectStatus(taxed, 200);
  expect(taxed.body.taxRateBasisPoints).toBe(2100);
}, 60_000);

const ledgerOf = async (jobId: string) =>
  (
    await documents().send(
      new GetCommand({ TableName: tableName(), Key: JobSpendLedger.key(s.client.clientId, jobId) }),
    )
  ).Item;

async function create(by: fx.Person, body: Json = { title: 'Spring shoot', currency: 'EUR', lines }) {
  return api('POST', `/jobs/${s.job.jobId}/estimates`, { token: by.token, body });
}

describe('estimates', () => {
  it('are priced on the server with the client’s tax, one rounding rule; bad lines are refused by field', async () => {
    const preview = await api('POST', `/jobs/${s.job.jobId}/estimates/preview`, {
      token: s.agency.ae.token,
      body: { currency: 'EUR', lines },
    });
    fx.expectStatus(preview, 200);
    // 2 × 1,500.00 = 3,000.00 + 15 % = 3,450.00; 1.5 × 333.33 = 499.995 → 500.00 (half to even) + 10 % = 550.00; fee 900.00.
    expect(
      preview.body.lines.map((l: Json) => [
        l.lineId,
        l.net.amountMinor,
        l.markup.amountMinor,
        l.total.amountMinor,
      ]),
    ).toEqual([
      ['L001', 300_000, 45_000, 345_000],
      ['L002', 50_000, 5_000, 55_000],
      ['L003', 90_000, 0, 90_000],
    ]);
    expect(preview.body.totals).toMatchObject({
      subtotal: eur(490_000),
      taxRateBasisPoints: 2100,
      tax: eur(102_900),
      grandTotal: eur(592_900),
      agencyIncome: eur(140_000),
      carriesMedia: false,
    });

    const refused = await create(s.agency.creative);
    fx.expectProblem(refused, 403, 'forbidden');
    expect(refused.body.detail).toBe(
      'Only an account executive or above, or production, may draw up and revise cost estimates.',
    );
    const mismatch = await create(s.agency.ae, {
      title: 'x',
      currency: 'EUR',
      lines: [{ ...lines[0], unitCost: { amountMinor: 1, currency: 'USD' } }],
    });
    fx.expectProblem(mismatch, 422, 'currency_mismatch');
    expect(fx.problemFields(mismatch)).toEqual(['body.lines.0.unitCost.currency']);
    const float = await create(s.agency.ae, {
      title: 'x',
      currency: 'EUR',
      lines: [{ ...lines[0], unitCost: { amountMinor: 10.5, currency: 'EUR' } }],
    });
    fx.expectProblem(float, 400, 'validation_failed');
    expect(fx.problemFields(float)).toEqual(['body.lines.0.unitCost.amountMinor']);
    fx.expectProblem(await create(s.agency.ae, { title: 'x', lines }), 422, 'currency_required');
  });

  it('are versioned: a draft is edited under its version, then signed with the timetable and locked; a change order raises the signed total', async () => {
    const created = await create(s.agency.ae);
    fx.expectStatus(created, 201);
    const { estimateId } = created.body.estimate;
    expect(created.body).toMatchObject({
      estimate: { latestVersion: 1, currency: 'EUR', jobId: s.job.jobId },
      version: { number: 1, kind: 'estimate', status: 'draft', totals: { grandTotal: eur(592_900) } },
      signOff: { state: 'not_started', version: 1 },
    });
    const listed = await api('GET', `/jobs/${s.job.jobId}/estimates`, { token: s.agency.am.token });
    expect(listed.body.items.map((e: Json) => e.estimateId)).toContain(estimateId);

    // The draft is edited in place under its own version; a stale edit is refused.
    const path = `/estimates/${estimateId}/versions/1`;
    const edited = [
      ...lines,
      { category: 'research', description: 'Pre-test', quantity: 1, unitCost: eur(80_000) },
    ].map((l, i) => (i < 3 ? { ...l, lineId: `L00${i + 1}` } : l));
    fx.expectProblem(await api('PUT', path, { token: s.agency.ae.token, body: { lines: edited } }), 428);
    const saved = await api('PUT', path, {
      token: s.agency.ae.token,
      headers: { 'if-match': '"1"' },
      body: { lines: edited },
    });
    fx.expectStatus(saved, 200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(saved.body.version.lines.map((l: Json) => l.lineId)).toEqual(['L001', 'L002', 'L003', 'L004']);
    expect(saved.body.version.totals.subtotal).toEqual(eur(570_000));
    fx.expectProblem(
      await api('PUT', path, { token: s.agency.ae.token, headers: { 'if-match': '"1"' }, body: { lines } }),
      409,
      'version_conflict',
    );
    const unknownLine = await api('PUT', path, {
      token: s.agency.ae.token,
      headers: { 'if-match': '"2"' },
      body: { lines: [{ ...lines[0], lineId: 'L099' }] },
    });
    fx.expectProblem(unknownLine, 422, 'unknown_line');
    expect(fx.problemFields(unknownLine)).toEqual(['body.lines.0.lineId']);
    fx.expectProblem(
      await api('POST', `/estimates/${estimateId}/versions`, {
        token: s.agency.ae.token,
        headers: { 'if-match': '"2"' },
        body: { lines },
      }),
      409,
      'draft_open',
    );
    fx.expectProblem(await api('GET', `${path}/document`, { token: s.agency.ae.token }), 409, 'no_document');

    // The client signs the estimate with the timetable: none frozen yet, none to sign.
    fx.expectProblem(
      await api('POST', `${path}/reviews`, { token: s.agency.ae.token, body: {} }),
      422,
      'no_timetable',
    );
    const frozen = await api('POST', `/jobs/${s.job.jobId}/timetable/versions`, {
      token: s.agency.traffic.token,
    });
    fx.expectStatus(frozen, 201);
    const review = await api('POST', `${path}/reviews`, { token: s.agency.ae.token, body: {} });
    fx.expectStatus(review, 201);
    expect(review.body).toMatchObject({ subjectType: 'estimate', subjectId: estimateId, kind: 'estimate' });
    fx.expectProblem(
      await api('PUT', path, { token: s.agency.ae.token, headers: { 'if-match': '"2"' }, body: { lines } }),
      409,
      'review_in_progress',
    );

    // The account director approves inside the agency (an account manager is not asked).
    const internal = await tr.pendingApprovalOf(s.agency.ad, estimateId);
    expect(internal).toMatchObject({ stage: 'internal', subjectType: 'estimate' });
    expect(internal.file.parts.map((p: Json) => [p.subjectType, p.version])).toEqual([
      ['estimate', 1],
      ['timetable', 1],
    ]);
    fx.expectStatus(await rv.decide(s.agency.ad, internal.approvalId, 'approve'), 200);
    const inReview = await api('GET', `/estimates/${estimateId}`, { token: s.agency.ae.token });
    expect(inReview.body.signOff).toMatchObject({ state: 'in_review', reviewId: review.body.reviewId });

    // The client's page shows the estimate's lines and totals, and the timetable's milestones with
    // their dates (not only in the document); one decision signs both.
    const link = await rv.approvalLink(s.contact.email);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Estimate and timetable');
    expect(page.html).toContain('Studio shoot, 2 days');
    expect(page.html).toContain('€6,897.00');
    // Markup as the console and the signed document say it: the rate agreed and the amount it comes to.
    for (const column of ['Net', 'Markup', 'Markup amount', 'Total']) {
      expect(page.html).toContain(`<th scope="col">${column}</th>`);
    }
    expect(page.html).toMatch(/<td>€3,000\.00<\/td><td>15%<\/td><td>€450\.00<\/td><td>€3,450\.00<\/td>/);
    expect(page.html).toMatch(/Markup and commission<\/th><td>€/);
    const milestones: Json[] = frozen.body.milestones;
    expect(page.html).toContain(`The timetable, version 1: ${milestones.length} milestones`);
    for (const m of milestones) {
      expect(page.html).toContain(`<td>${escapeHtml(m.name)}</td>`);
      expect(page.html).toContain(formatDay(m.due, 'en'));
    }
    expect(page.html).toContain(`The job ends on ${formatDay(frozen.body.endDate, 'en')}`);
    expect((await rv.submitLink(link, { ...page.hidden, decision: 'approve' })).status).toBe(200);
    const signed = await tr.until('the estimate signed', async () => {
      const got = await api('GET', `/estimates/${estimateId}`, { token: s.agency.ae.token });
      return got.body.signOff.state === 'signed' && got.body.estimate.signedVersion === 1 && got.body;
    });
    expect(signed.estimate).toMatchObject({ signedVersion: 1, approvedTotal: eur(570_000) });
    expect(signed.version).toMatchObject({
      status: 'signed',
      timetableVersion: 1,
      reviewId: review.body.reviewId,
    });

    // One evidence record of the client's signature names both documents' hashes.
    const chain = await api('GET', `/estimates/${estimateId}/approvals`, { token: s.agency.ae.token });
    const clientEvidence = chain.body.reviews[0].evidence.filter((e: Json) => e.stage === 'client');
    expect(clientEvidence).toHaveLength(1);
    const timetable = await api('GET', `/jobs/${s.job.jobId}/timetable/versions/1`, {
      token: s.agency.ae.token,
    });
    expect(timetable.body).toMatchObject({ status: 'signed', reviewId: review.body.reviewId });
    expect(clientEvidence[0].file).toMatchObject({
      sha256: signed.version.document.sha256,
      parts: [
        {
          subjectType: 'estimate',
          subjectId: estimateId,
          version: 1,
          sha256: signed.version.document.sha256,
        },
        {
          subjectType: 'timetable',
          subjectId: s.job.jobId,
          version: 1,
          sha256: timetable.body.document.sha256,
        },
      ],
    });
    expect((await tr.getSchedule(s.agency.ae, s.job.jobId)).baseline).toMatchObject({ timetableVersion: 1 });

    // The document is downloadable: print-ready HTML with the estimate and the timetable.
    const download = await api('GET', `${path}/document`, { token: s.agency.am.token });
    fx.expectStatus(download, 200);
    const html = await (await fetch(download.body.url)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('@media print');
    expect(html).toContain('Timetable (version 1)');
    expect(html).toContain(timetable.body.document.sha256);

    // The job's spend ledger took the signature: the total before tax; committed spend starts at 0.
    expect(await ledgerOf(s.job.jobId)).toMatchObject({
      currency: 'EUR',
      signedTotalMinor: 570_000,
      committedMinor: 0,
      signedEstimateId: estimateId,
      signedEstimateVersion: 1,
      estimateCarriesMedia: false,
      version: 1,
    });
    expect(await signedEstimateLines(s.client.clientId, s.job.jobId)).toEqual([
      expect.objectContaining({ lineId: 'L001', category: 'production', total: eur(345_000) }),
      expect.objectContaining({ lineId: 'L002' }),
      expect.objectContaining({ lineId: 'L003' }),
      expect.objectContaining({ lineId: 'L004', total: eur(80_000) }),
    ]);

    // Signed is locked: a change is a change order, which shows only the difference.
    fx.expectProblem(
      await api('PUT', path, {
        token: s.agency.ae.token,
        headers: { 'if-match': `"${signed.version.version}"` },
        body: { lines },
      }),
      409,
      'estimate_locked',
    );
    const co = await api('POST', `/estimates/${estimateId}/versions`, {
      token: s.agency.ae.token,
      headers: { 'if-match': `"${signed.estimate.version}"` },
      body: {
        lines: [
          { ...edited[0], lineId: 'L001', quantity: 3 },
          { ...edited[1], lineId: 'L002' },
          { ...edited[2], lineId: 'L003' },
          {
            category: 'media',
            description: 'Radio, 2 weeks',
            quantity: 1,
            unitCost: eur(50_000),
            markupPercent: 10,
          },
        ],
      },
    });
    fx.expectStatus(co, 201);
    expect(co.body.version).toMatchObject({
      number: 2,
      kind: 'change_order',
      basedOnVersion: 1,
      status: 'draft',
    });
    expect(co.body.changeOrder).toMatchObject({
      basedOnVersion: 1,
      added: [expect.objectContaining({ lineId: 'L005', category: 'media' })],
      removed: [expect.objectContaining({ lineId: 'L004' })],
      changed: [expect.objectContaining({ lineId: 'L001', fields: ['quantity'] })],
      previousSubtotal: eur(570_000),
      newSubtotal: eur(717_500),
      difference: { subtotal: eur(147_500) },
    });

    // Purchase orders committed spend meanwhile (the other writer of the ledger): the signature leaves it alone.
    await documents().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: JobSpendLedger.key(s.client.clientId, s.job.jobId),
        UpdateExpression: 'SET committedMinor = :c',
        ExpressionAttributeValues: { ':c': 400_000 },
      }),
    );
    // The client's contact now reads Spanish: the change order's document is made in it when its
    // review opens (the signed version's document stays as it was signed).
    fx.expectStatus(
      await api('PATCH', `/clients/${s.client.clientId}/contacts/${s.contact.contactId}`, {
        token: s.agency.ae.token,
        headers: { 'if-match': `"${s.contact.version}"` },
        body: { language: 'es' },
      }),
      200,
    );
    fx.expectStatus(
      await api('POST', `/estimates/${estimateId}/versions/2/reviews`, {
        token: s.agency.ae.token,
        body: {},
      }),
      201,
    );
    const second = await tr.pendingApprovalOf(s.agency.ad, estimateId);
    fx.expectStatus(await rv.decide(s.agency.ad, second.approvalId, 'approve'), 200);
    const coLink = await rv.approvalLink(s.contact.email, 2);
    const coPage = await rv.openLink(coLink);
    expect(coPage.html).toContain('orden de cambio');
    // The review's title, opened in English, is worded in the contact's language from its parts.
    expect(coPage.html).toContain('Aprobación: Orden de cambio: Spring shoot');
    expect(coPage.html).not.toContain('Change order: Spring shoot');
    expect((await rv.mailsTo(s.contact.email)).at(-1)!.subject).toContain('Orden de cambio: Spring shoot v2');
    expect((await rv.submitLink(coLink, { ...coPage.hidden, decision: 'approve' })).status).toBe(200);
    const ledger = await tr.until('the change order signed', async () => {
      const item = await ledgerOf(s.job.jobId);
      return item?.signedEstimateVersion === 2 && item;
    });
    expect(ledger).toMatchObject({
      signedTotalMinor: 717_500,
      committedMinor: 400_000,
      estimateCarriesMedia: true,
      version: 2,
    });
    const coDownload = await api('GET', `/estimates/${estimateId}/versions/2/document`, {
      token: s.agency.am.token,
    });
    fx.expectStatus(coDownload, 200);
    const coHtml = await (await fetch(coDownload.body.url)).text();
    expect(coHtml).toContain('<html lang="es">');
    expect(coHtml).toContain('Orden de cambio: Spring shoot — versión 2 (modifica la versión firmada 1)');
    expect(coHtml).toMatch(/pasa de 5700,00\s€ a 7175,00\s€/);
    expect(coHtml).toContain('<h2>Cronograma (versión 1)</h2>');
    expect(coHtml).toContain('<th>Ruta crítica</th>');
    const after = await api('GET', `/estimates/${estimateId}`, { token: s.agency.ae.token });
    expect(after.body.estimate).toMatchObject({ signedVersion: 2, approvedTotal: eur(717_500) });
    expect((await signedEstimateLines(s.client.clientId, s.job.jobId)).map((l) => l.lineId)).toEqual([
      'L001',
      'L002',
      'L003',
      'L005',
    ]);

    // Another estimate of the same job cannot be signed over this one.
    const other = await create(s.agency.ae, { title: 'Alternative', currency: 'EUR', lines });
    fx.expectProblem(
      await api('POST', `/estimates/${other.body.estimate.estimateId}/versions/1/reviews`, {
        token: s.agency.ae.token,
        body: {},
      }),
      409,
      'job_has_signed_estimate',
    );
  });
});
