import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { registerSignOffSubjects } from '../../functions/signoff-subjects.js';
import { formatMoney } from '../../shared/platform/money.js';
import { completeWrittenConfirmation } from '../../shared/signoff/index.js';
import { api } from '../support/api.js';
import { failEmails } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import * as samples from '../support/media-samples.js';
import * as rv from '../support/reviews.js';

/**
 * Media plans go through the same sign-off engine as drafts: internal approval (the media
 * director or an account director, either one), then the client's confirmation — by the
 * emailed link, or in writing (a signed PDF uploaded, hashed and kept as evidence).
 */
const signedPdf = samples.signedPdf('Media master plan, version 1: confirmed.');

async function planSteps(by: fx.Person, planId: string): Promise<fx.Json[]> {
  const res = await api('GET', `/media-plans/${planId}/approvals`, { token: by.token });
  fx.expectStatus(res, 200, 'GET /media-plans/{planId}/approvals');
  return res.body.reviews.at(-1)?.steps ?? [];
}

async function waitForPlanStep(by: fx.Person, planId: string, stepNo: number, status = 'pending') {
  let step: fx.Json;
  await expect
    .poll(
      async () => {
        step = (await planSteps(by, planId)).find((x) => x.stepNo === stepNo);
        return step ? `${step.status}:${step.notifiedAt ? 'notified' : '-'}` : 'none';
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe(status === 'pending' ? 'pending:notified' : `${status}:notified`);
  return step;
}

async function internalApproval(s: md.MediaSetup, planId: string, version: number) {
  const started = await api('POST', `/media-plans/${planId}/versions/${version}/reviews`, {
    token: s.agency.ae.token,
    body: {},
  });
  fx.expectStatus(started, 201, 'start plan review');
  expect(started.body).toMatchObject({ subjectType: 'media_plan', subjectId: planId, planId });
  const step = await waitForPlanStep(s.agency.ae, planId, 1);
  expect(step.approvalMode).toBe('any');
  const mine = (await fx.listAll('/approvals?assignee=me&status=pending', s.agency.ad)).find(
    (a: fx.Json) => a.planId === planId,
  );
  fx.expectStatus(await rv.decide(s.agency.ad, mine.approvalId, 'approve'), 200);
  return waitForPlanStep(s.agency.ae, planId, 2);
}

async function versionOf(by: fx.Person, planId: string, n: number) {
  const res = await api('GET', `/media-plans/${planId}/versions/${n}`, { token: by.token });
  fx.expectStatus(res, 200);
  return res.body;
}

describe('media plan confirmations through the sign-off engine', () => {
  it('recommendation by link → master plan in writing → schedule → booking', async () => {
    const s = await md.mediaReady();
    const { campaignId } = s.campaign;
    const lines = [md.tvLine('2027-03-01', '2027-03-31'), md.onlineLine('2027-03-01', '2027-04-30')];
    // The chain tells each of the team in their own language: the AM reads Spanish.
    fx.expectStatus(await api('PATCH', '/me', { token: s.agency.am.token, body: { language: 'es' } }), 200);

    // Recommendation: the client confirms through the emailed link.
    const rec = await md.planVersion(s.agency.ae, campaignId, { kind: 'recommendation', lines });
    const clientStep = await internalApproval(s, rec.plan.planId, 1);
    expect(clientStep).toMatchObject({ stage: 'client', file: { sha256: rec.version.document.sha256 } });
    expect((await versionOf(s.agency.ae, rec.plan.planId, 1)).status).toBe('in_review');
    const link = await rv.approvalLink(s.contact.email);
    const page = await rv.openLink(link);
    expect(page.html).toContain('Media plan');
    // What the client confirms is on the page itself: the lines, CPM-labelled rates and totals.
    expect(page.html).toContain('What you confirm: 2 lines of this version');
    expect(page.html).toContain('$12.50 CPM (per 1,000 impressions)');
    expect(page.html).toContain('$1,500.00 per spot');
    expect(page.html).toContain(formatMoney(rec.version.totalCost));
    expect(page.html).toContain('Campaign budget');
    // …and what each choice leads to.
    expect(page.html).toContain('This version is confirmed as shown on this page');
    expect(page.html).toContain('It goes back to the media team with your comment');
    expect(page.html).toContain('The review ends here');
    // The document itself is a download, never shown in place.
    expect(page.html).not.toMatch(/<(img|video|iframe)/);
    expect((await rv.submitLink(link, { ...page.hidden, decision: 'approve' })).status).toBe(200);
    await expect
      .poll(async () => (await versionOf(s.agency.ae, rec.plan.planId, 1)).status, { timeout: 15_000 })
      .toBe('confirmed');
    const confirmedRec = await versionOf(s.agency.ae, rec.plan.planId, 1);
    expect(confirmedRec.confirmation).toMatchObject({ via: 'link', contactId: s.contact.contactId });

    // Master plan: the client signed a PDF; the AE records it.
    const master = await md.planVersion(s.agency.ae, campaignId, { kind: 'master_plan', lines });
    const early = await api('POST', `/media-plans/${master.plan.planId}/versions/1/written-confirmations`, {
      token: s.agency.ae.token,
      body: { contactId: s.contact.contactId, file: { name: 'signed.pdf', contentType: 'application/pdf' } },
    });
    fx.expectProblem(early, 409, 'no_client_approval_pending');
    await internalApproval(s, master.plan.planId, 1);
    const requested = await api(
      'POST',
      `/media-plans/${master.plan.planId}/versions/1/written-confirmations`,
      {
        token: s.agency.ae.token,
        body: {
          contactId: s.contact.contactId,
          file: { name: 'signed.pdf', contentType: 'application/pdf' },
        },
      },
    );
    fx.expectStatus(requested, 201);
    await fx.uploadFile(requested.body.upload, signedPdf, 'application/pdf');
    const written = `/media-plans/${master.plan.planId}/versions/1/written-confirmations/${requested.body.uploadId}`;
    const byRep = await api('POST', `${written}/complete`, { token: s.agency.rep.token, body: {} });
    fx.expectProblem(byRep, 404);
    const recorded = await api('POST', `${written}/complete`, {
      token: s.agency.ae.token,
      body: { comment: 'Signed by the marketing director on 2 Feb.' },
    });
    fx.expectStatus(recorded, 200);
    const sha = createHash('sha256').update(signedPdf).digest('hex');
    // Recorded, not yet counted: the account director is asked to countersign.
    expect(recorded.body).toMatchObject({
      status: 'awaiting_countersign',
      recordedBy: s.agency.ae.staff.staffId,
      document: { sha256: sha, contentType: 'application/pdf' },
      countersigners: expect.arrayContaining([
        { staffId: s.agency.ad.staff.staffId, name: s.agency.ad.staff.name },
      ]),
    });
    expect((await versionOf(s.agency.ae, master.plan.planId, 1)).status).toBe('in_review');
    await expect
      .poll(async () => (await rv.mailsTo(s.agency.ad.staff.email)).map((m) => m.subject))
      .toContainEqual(expect.stringContaining('Countersign the client’s written confirmation'));
    // It leads to the console page where they countersign, never to an API call to make.
    const asked = (await rv.mailsTo(s.agency.ad.staff.email)).find((m) =>
      m.subject.includes('Countersign the client’s written confirmation'),
    );
    expect(asked?.text).toContain(`/versions/1/written-confirmations/`);
    expect(asked?.text).not.toMatch(/\bPOST\b/);
    // A repeat of complete answers what was recorded.
    const repeated = await api('POST', `${written}/complete`, { token: s.agency.ae.token, body: {} });
    fx.expectStatus(repeated, 200);
    expect(repeated.body).toEqual(recorded.body);
    // The person who recorded it cannot countersign it.
    const bySelf = await api('POST', `${written}/countersign`, {
      token: s.agency.ae.token,
      body: { decision: 'countersign' },
    });
    fx.expectProblem(bySelf, 403, 'forbidden');
    expect(bySelf.body.detail).toMatch(/^Only an account director/);
    const countersigned = await api('POST', `${written}/countersign`, {
      token: s.agency.ad.token,
      body: { decision: 'countersign' },
    });
    fx.expectStatus(countersigned, 200);
    expect(countersigned.body).toMatchObject({
      status: 'countersigned',
      countersignedBy: s.agency.ad.staff.staffId,
      evidenceId: expect.any(String),
    });
    await expect
      .poll(async () => (await versionOf(s.agency.ae, master.plan.planId, 1)).status, { timeout: 15_000 })
      .toBe('confirmed');
    expect((await versionOf(s.agency.ae, master.plan.planId, 1)).confirmation).toMatchObject({
      via: 'written',
      recordedBy: s.agency.ae.staff.staffId,
      countersignedBy: s.agency.ad.staff.staffId,
      document: { sha256: sha },
    });
    // The written confirmation and the plan version's document can be fetched back, exactly as kept.
    const confirmationFile = await api(
      'GET',
      `/media-plans/${master.plan.planId}/versions/1/written-confirmations/${requested.body.uploadId}/document`,
      { token: s.agency.am.token },
    );
    fx.expectStatus(confirmationFile, 200, 'GET …/written-confirmations/{uploadId}/document');
    expect(confirmationFile.body).toMatchObject({ sha256: sha, fileName: 'signed.pdf' });
    const pdf = await fetch(confirmationFile.body.url);
    expect(
      createHash('sha256')
        .update(new Uint8Array(await pdf.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);
    // Its bytes were checked when it was recorded (a PDF that opens): shown in place.
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="signed.pdf"/);
    const planDocument = await api('GET', `/media-plans/${master.plan.planId}/versions/1/document`, {
      token: s.agency.am.token,
    });
    fx.expectStatus(planDocument, 200, 'GET /media-plans/{planId}/versions/{n}/document');
    expect(planDocument.body).toMatchObject({
      sha256: master.version.document.sha256,
      fileName: 'media-master-plan-v1.html',
    });
    const html = await fetch(planDocument.body.url);
    expect(
      createHash('sha256')
        .update(await html.text())
        .digest('hex'),
    ).toBe(master.version.document.sha256);
    expect(html.headers.get('content-disposition')).toMatch(/^attachment;/);
    fx.expectProblem(
      await api('GET', `/media-plans/${master.plan.planId}/versions/1/document`, {
        token: (await fx.buildAgency()).ae.token,
      }),
      404,
    );
    const evidence = (await rv.planChain(s.agency.ae, master.plan.planId)).reviews
      .at(-1)
      .evidence.find((e: fx.Json) => e.evidenceId === countersigned.body.evidenceId);
    expect(evidence).toMatchObject({
      via: 'written',
      decision: 'approve',
      decidedBy: s.agency.ae.staff.staffId,
      countersignedBy: s.agency.ad.staff.staffId,
      document: { sha256: sha },
    });
    // Replays on the confirmed version: the same answers, not "start its review".
    const again = await api('POST', `${written}/complete`, { token: s.agency.ae.token, body: {} });
    fx.expectStatus(again, 200);
    expect(again.body).toMatchObject({ status: 'countersigned', evidenceId: countersigned.body.evidenceId });
    const countersignedAgain = await api('POST', `${written}/countersign`, {
      token: s.agency.ad.token,
      body: { decision: 'countersign' },
    });
    fx.expectStatus(countersignedAgain, 200);
    expect(countersignedAgain.body).toEqual(countersigned.body);
    const refusedLate = await api('POST', `${written}/countersign`, {
      token: s.agency.head.token,
      body: { decision: 'refuse', comment: 'Too late.' },
    });
    fx.expectProblem(refusedLate, 409, 'already_settled');

    // The March schedule: confirmed in writing too, then booked.
    const schedule = await md.planVersion(s.agency.ae, campaignId, {
      kind: 'monthly_schedule',
      month: '2027-03',
      lines: [md.tvLine('2027-03-01', '2027-03-31'), md.onlineLine('2027-03-01', '2027-03-31')],
    });
    const refused = await api('POST', `/media-campaigns/${campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: {
        planId: schedule.plan.planId,
        version: 1,
        lineIds: ['L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      },
    });
    fx.expectProblem(refused, 409, 'plan_version_not_confirmed');
    expect(refused.body.detail).toMatch(/by their approval link or in writing/);
    await internalApproval(s, schedule.plan.planId, 1);
    const link2 = await rv.approvalLink(s.contact.email, 3); // 1: recommendation, 2: master plan (confirmed in writing instead)
    const page2 = await rv.openLink(link2);
    await rv.submitLink(link2, { ...page2.hidden, decision: 'approve' });
    await expect
      .poll(async () => (await versionOf(s.agency.ae, schedule.plan.planId, 1)).status, { timeout: 15_000 })
      .toBe('confirmed');
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
    // The media chain (its own workflow) followed each confirmation to booking, and told the team.
    await expect
      .poll(
        async () =>
          (await api('GET', `/media-campaigns/${campaignId}`, { token: s.agency.ae.token })).body.stage,
        {
          timeout: 15_000,
        },
      )
      .toBe('booking');
    const teamMail = await rv.mailsTo(s.agency.ae.staff.email);
    expect(teamMail.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Next in the media chain'),
        expect.stringContaining('Bookings may start'),
      ]),
    );
    const spanish = await rv.mailsTo(s.agency.am.staff.email);
    expect(spanish.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Siguiente paso en la cadena de medios'),
        expect.stringContaining('Ya se pueden hacer reservas'),
      ]),
    );
    const booking = spanish.find((m) => m.subject.includes('Ya se pueden hacer reservas'))!;
    expect(booking.text).toContain('La campaña sale al aire el');
    expect(booking.text).not.toMatch(/Hello|Bookings may start|Open the campaign/);
    fx.expectStatus(await api('PATCH', '/me', { token: s.agency.am.token, body: { language: 'en' } }), 200);
  });

  it('a new version during the client step supersedes the old one: it must be approved and confirmed again', async () => {
    const s = await md.mediaReady();
    const { campaignId } = s.campaign;
    const lines = [md.tvLine('2027-03-01', '2027-03-31')];
    const rec = await md.planVersion(s.agency.ae, campaignId, { kind: 'recommendation', lines });
    await internalApproval(s, rec.plan.planId, 1);
    const v1Link = await rv.approvalLink(s.contact.email);
    await md.planVersion(s.agency.ae, campaignId, {
      kind: 'recommendation',
      lines: [md.tvLine('2027-03-01', '2027-03-31', 20)],
    });
    const internal = await waitForPlanStep(s.agency.ae, rec.plan.planId, 3);
    expect(internal).toMatchObject({ stage: 'internal', file: { draftVersion: 2 } });
    expect((await rv.openLink(v1Link)).status).toBe(410);
    expect((await versionOf(s.agency.ae, rec.plan.planId, 1)).status).toBe('superseded');
  });

  it('a written confirmation recorded answers as recorded when the countersigners’ email fails after it', async () => {
    const s = await md.mediaReady();
    const rec = await md.planVersion(s.agency.ae, s.campaign.campaignId, {
      kind: 'recommendation',
      lines: [md.tvLine('2027-03-01', '2027-03-31')],
    });
    const planId = rec.plan.planId;
    await md.planAtClientStep(s, planId, 1);
    const path = `/media-plans/${planId}/versions/1/written-confirmations`;
    const asked = await api('POST', path, {
      token: s.agency.ae.token,
      body: { contactId: s.contact.contactId, file: { name: 'signed.pdf', contentType: 'application/pdf' } },
    });
    fx.expectStatus(asked, 201);
    await fx.uploadFile(asked.body.upload, samples.signedPdf(), 'application/pdf');
    // Completed in this process, whose emails fail right after the recording transaction.
    registerSignOffSubjects();
    const failing = failEmails();
    const recorded = await completeWrittenConfirmation(
      s.agency.ae.staff.staffId,
      'media_plan',
      planId,
      1,
      asked.body.uploadId,
    ).finally(() => {
      expect(failing.mock.calls.length).toBeGreaterThan(0);
      failing.mockRestore();
    });
    expect(recorded.status).toBe('awaiting_countersign');
    const stands = await api('GET', `${path}/${asked.body.uploadId}`, { token: s.agency.ae.token });
    expect(stands.body.status).toBe('awaiting_countersign');
    const countersigned = await api('POST', `${path}/${asked.body.uploadId}/countersign`, {
      token: s.agency.am.token,
      body: { decision: 'countersign' },
    });
    fx.expectStatus(countersigned, 200);
  });

  it('a written confirmation is a PDF or an email that opens, asked for once per Idempotency-Key, and may be refused by the countersigner', async () => {
    const s = await md.mediaReady();
    const rec = await md.planVersion(s.agency.ae, s.campaign.campaignId, {
      kind: 'recommendation',
      lines: [md.tvLine('2027-03-01', '2027-03-31')],
    });
    const planId = rec.plan.planId;
    await md.planAtClientStep(s, planId, 1);
    const path = `/media-plans/${planId}/versions/1/written-confirmations`;
    const ask = (file: fx.Json, headers: Record<string, string> = {}) =>
      api('POST', path, {
        token: s.agency.ae.token,
        headers,
        body: { contactId: s.contact.contactId, file },
      });

    const textFile = await ask({ name: 'ok.txt', contentType: 'text/plain' });
    fx.expectProblem(textFile, 400, 'validation_failed');
    expect(fx.problemFields(textFile)).toEqual(['body.file.contentType']);
    const misnamed = await ask({ name: 'signed.txt', contentType: 'application/pdf' });
    fx.expectProblem(misnamed, 400, 'validation_failed');
    expect(fx.problemFields(misnamed)).toEqual(['body.file.name']);

    // The same Idempotency-Key: the first answer again, no second upload.
    const key = { 'idempotency-key': `confirm-${Date.now()}-${Math.random()}` };
    const first = await ask({ name: 'signed.pdf', contentType: 'application/pdf' }, key);
    fx.expectStatus(first, 201);
    const replay = await ask({ name: 'signed.pdf', contentType: 'application/pdf' }, key);
    fx.expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(first.headers.get('location')).toBe(`${path}/${first.body.uploadId}`);

    // One byte of text uploaded as the PDF: not a confirmation (422), nothing recorded.
    await fx.uploadFile(first.body.upload, new TextEncoder().encode('y'), 'application/pdf');
    const oneByte = await api('POST', `${path}/${first.body.uploadId}/complete`, {
      token: s.agency.ae.token,
    });
    fx.expectProblem(oneByte, 422, 'not_a_confirmation_document');
    expect(oneByte.body.detail).toMatch(/too small .* signed PDF, or their email saved as a file/);
    const waiting = await api('GET', `${path}/${first.body.uploadId}`, { token: s.agency.ae.token });
    expect(waiting.body.status).toBe('awaiting_upload');
    expect((await versionOf(s.agency.ae, planId, 1)).status).toBe('in_review');

    // The client's email, saved as .eml: recorded; the AE's own manager may countersign — or refuse.
    const eml = await ask({ name: 'confirmation.eml', contentType: 'message/rfc822' });
    fx.expectStatus(eml, 201);
    await fx.uploadFile(eml.body.upload, samples.confirmationEmail(s.contact.email), 'message/rfc822');
    const written = `${path}/${eml.body.uploadId}`;
    const earlyCountersign = await api('POST', `${path}/${first.body.uploadId}/countersign`, {
      token: s.agency.ad.token,
      body: { decision: 'countersign' },
    });
    fx.expectProblem(earlyCountersign, 409, 'not_recorded_yet');
    fx.expectStatus(await api('POST', `${written}/complete`, { token: s.agency.ae.token }), 200);
    const noReason = await api('POST', `${written}/countersign`, {
      token: s.agency.am.token,
      body: { decision: 'refuse' },
    });
    fx.expectProblem(noReason, 400, 'validation_failed');
    expect(fx.problemFields(noReason)).toEqual(['body.comment']);
    const refused = await api('POST', `${written}/countersign`, {
      token: s.agency.am.token,
      body: { decision: 'refuse', comment: 'This email confirms the March dates only.' },
    });
    fx.expectStatus(refused, 200);
    expect(refused.body).toMatchObject({ status: 'refused', refusedBy: s.agency.am.staff.staffId });
    expect((await versionOf(s.agency.ae, planId, 1)).status).toBe('in_review');
    // Recorded by the account director, whom nobody on this team is above: it could never count.
    const byAd = await api('POST', path, {
      token: s.agency.ad.token,
      body: { contactId: s.contact.contactId, file: { name: 'signed.pdf', contentType: 'application/pdf' } },
    });
    fx.expectStatus(byAd, 201);
    await fx.uploadFile(byAd.body.upload, samples.signedPdf(), 'application/pdf');
    const alone = await api('POST', `${path}/${byAd.body.uploadId}/complete`, { token: s.agency.ad.token });
    fx.expectProblem(alone, 409, 'no_countersigner');
    expect(alone.body.detail).toMatch(/add an account director .* to the team/);
    const late = await api('POST', `${written}/countersign`, {
      token: s.agency.ad.token,
      body: { decision: 'countersign' },
    });
    fx.expectProblem(late, 409, 'already_settled');
    expect(late.body.detail).toMatch(/refused .* record the client's confirmation again/);
  });
});
