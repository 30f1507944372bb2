import { beforeAll, describe, expect, it } from 'vitest';
import { registerSignOffSubjects } from '../../functions/signoff-subjects.js';
import { decideAsStaff } from '../../shared/signoff/index.js';
import { api } from '../support/api.js';
import { failWorkflowResumes } from '../support/faults.js';
import * as fx from '../support/fixtures.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';

/**
 * The sign-off engine over HTTP against the local stack: the review workflow (the synthesized
 * state machine, run locally), staff decisions through the API, the client's decisions through
 * the emailed link's page, the evidence chain.
 */
describe('creative review: internal → client → final artwork → released', () => {
  let s: rv.ReviewSetup;
  let review: fx.Json;

  beforeAll(async () => {
    s = await rv.reviewReady();
  });

  it('refuses a review by someone not on the team, and of a version that is not the latest upload', async () => {
    const byRep = await api('POST', `/drafts/${s.draftId}/versions/1/reviews`, {
      token: s.agency.rep.token,
      body: {},
    });
    fx.expectProblem(byRep, 404); // the rep is not on this client's team
    const noVersion = await api('POST', `/drafts/${s.draftId}/versions/2/reviews`, {
      token: s.agency.ae.token,
      body: {},
    });
    fx.expectProblem(noVersion, 404);
  });

  it('starts: the AM and (first time to the client) the AD are asked internally, by email', async () => {
    review = await rv.startReview(s.agency.ae, s.draftId, 1);
    expect(review).toMatchObject({ status: 'in_review', currentVersion: 1, approvalMode: 'all' });
    const again = await api('POST', `/drafts/${s.draftId}/versions/1/reviews`, {
      token: s.agency.ae.token,
      body: {},
    });
    fx.expectProblem(again, 409, 'review_in_progress');

    const step = await rv.waitForStep(s.agency.ae, s.draftId, 1);
    expect(step.stage).toBe('internal');
    expect(step.assignees.map((a: fx.Json) => a.staffId).sort()).toEqual(
      [s.agency.am.staff.staffId, s.agency.ad.staff.staffId].sort(),
    );
    const mails = await rv.mailsTo(s.agency.am.staff.email);
    expect(mails.at(-1)?.subject).toContain('Internal review requested');
    // The console page where they decide (never an API call to make).
    expect(mails.at(-1)?.text).toContain('/approvals/');
  });

  it('lets neither the AE nor the client-side path decide an internal step; the AM and AD approve', async () => {
    const amApproval = await rv.pendingApproval(s.agency.am, s.draftId);
    const byAe = await rv.decide(s.agency.ae, amApproval.approvalId, 'approve');
    fx.expectProblem(byAe, 403);
    const ok = await rv.decide(s.agency.am, amApproval.approvalId, 'approve', 'Good to go.');
    fx.expectStatus(ok, 200);
    expect(ok.body.stepSettled).toBe(false);
    expect(ok.body.evidence).toMatchObject({
      decision: 'approve',
      via: 'api',
      decidedBy: s.agency.am.staff.staffId,
    });
    const twice = await rv.decide(s.agency.am, amApproval.approvalId, 'approve');
    fx.expectProblem(twice, 409, 'already_decided');

    const adApproval = await rv.pendingApproval(s.agency.ad, s.draftId);
    const adOk = await rv.decide(s.agency.ad, adApproval.approvalId, 'approve');
    fx.expectStatus(adOk, 200);
    expect(adOk.body.stepSettled).toBe(true);
  });

  it('sends the client an approval link; its page shows exactly this version; the client approves', async () => {
    const step = await rv.waitForStep(s.agency.ae, s.draftId, 2);
    expect(step.stage).toBe('client');
    const link = await rv.approvalLink(s.contacts[0].email);
    const head = await fetch(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const page = await rv.openLink(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain(step.file.sha256);
    expect(page.hidden.nonce).toBeTruthy();
    const decided = await rv.submitLink(link, { ...page.hidden, decision: 'approve', comment: 'Lovely.' });
    expect(decided.status).toBe(200);
    expect(decided.html).toContain('Decision recorded');
    const reused = await rv.openLink(link);
    expect(reused.html).toContain('Decision recorded');
  });

  it('asks for final artwork approval (artwork), then releases the version to production', async () => {
    const step = await rv.waitForStep(s.agency.ae, s.draftId, 3);
    expect(step.stage).toBe('final_artwork');
    // The creative reads Account Desk in Spanish, the account executive in English.
    const spanish = await api('PATCH', '/me', { token: s.agency.creative.token, body: { language: 'es' } });
    fx.expectStatus(spanish, 200, 'PATCH /me');
    const link = await rv.approvalLink(s.contacts[0].email, 2);
    const page = await rv.openLink(link);
    const decided = await rv.submitLink(link, { ...page.hidden, decision: 'approve' });
    expect(decided.status).toBe(200);
    const ended = await rv.waitForReview(s.agency.ae, s.draftId, 'released');
    expect(ended.releasedVersion).toBe(1);
    const draft = await api('GET', `/drafts/${s.draftId}`, { token: s.agency.ae.token });
    expect(draft.body.versions[0].releasedToProductionAt).toBeTruthy();
    const chain = await rv.chain(s.agency.ae, s.draftId);
    const evidence = chain.reviews[0].evidence;
    expect(evidence.map((e: fx.Json) => `${e.stage}:${e.decision}:${e.via}`)).toEqual([
      'internal:approve:api',
      'internal:approve:api',
      'client:approve:link',
      'final_artwork:approve:link',
    ]);
    for (const e of evidence) {
      expect(e.file.sha256).toBe(chain.reviews[0].steps[0].file.sha256);
      expect(e.ip).toBeTruthy();
    }
    expect(chain.reviews[0].pageViews.length).toBeGreaterThanOrEqual(2);
    // The team hears of it, each in their own language: subject, words, greeting and facts.
    const told = async (email: string, subject: string) =>
      (await rv.mailsTo(email)).find((m) => m.subject.includes(subject));
    await expect.poll(() => told(s.agency.creative.staff.email, '] Pasa a producción: ')).toBeTruthy();
    const spanishMail = (await told(s.agency.creative.staff.email, '] Pasa a producción: '))!;
    expect(spanishMail.text).toContain(`Hola, ${s.agency.creative.staff.name}:`);
    expect(spanishMail.text).toContain('La versión 1 está aprobada por el cliente y pasa a producción.');
    expect(spanishMail.text).toContain('Abrir sus aprobaciones');
    expect(spanishMail.text).not.toContain('Released to production');
    await expect.poll(() => told(s.agency.ae.staff.email, '] Released to production: ')).toBeTruthy();
    const englishMail = (await told(s.agency.ae.staff.email, '] Released to production: '))!;
    expect(englishMail.text).toContain('Version 1 is approved by the client and released to production.');
    expect(englishMail.text).toContain('Open its approvals');
  });

  it('refuses a new review of the version released to production, in plain words (409)', async () => {
    const again = await api('POST', `/drafts/${s.draftId}/versions/1/reviews`, {
      token: s.agency.ae.token,
      body: {},
    });
    fx.expectProblem(again, 409, 'already_released');
    expect(again.body.detail).toMatch(/released to production .* upload a new version/);
    expect((await rv.chain(s.agency.ae, s.draftId)).reviews).toHaveLength(1);
  });
});

describe('the account representative sends work to review, and never decides', () => {
  it('a rep on the team starts a draft review: it opens with internal review; their decision is refused in plain words', async () => {
    const s = await rv.reviewReady();
    const { ad, am, ae, creative, rep } = s.agency;
    await fx.setTeam(ad, s.client.clientId, [ad, am, ae, creative, rep]);
    const review = await rv.startReview(rep, s.draftId, 1);
    expect(review).toMatchObject({ status: 'in_review', startedBy: rep.staff.staffId });
    const step = await rv.waitForStep(ae, s.draftId, 1);
    expect(step.stage).toBe('internal');
    const amApproval = await rv.pendingApproval(am, s.draftId);
    const byRep = await rv.decide(rep, amApproval.approvalId, 'approve');
    fx.expectProblem(byRep, 403, 'forbidden');
    expect(byRep.body.detail).toContain('an account representative never decides');
    expect(byRep.body.detail).not.toMatch(/review\.decide|account_rep/);
  });
});

describe('changes requested: back to creative, a new version, internal review again', () => {
  it('runs v1 → changes → v2 → approved, and refuses the v1 link after v2', async () => {
    const s = await rv.reviewReady({ kind: 'layout' });
    const { review, link: v1Link, revision } = await rv.clientAsksForChanges(s, 'Bigger logo.');
    expect(revision.stage).toBe('revision');
    // The job's AE has the client's changes on their list until a new version answers them.
    const revisionTasks = () => rv.revisionTasks(s.agency.ae, review.reviewId);
    await expect.poll(async () => (await revisionTasks()).length, { timeout: 15_000 }).toBe(1);
    const [task] = await revisionTasks();
    expect(task).toMatchObject({
      jobId: s.jobId,
      status: 'open',
      source: 'review',
      path: `/drafts/${s.draftId}/approvals`,
    });
    expect(task!.title).toMatch(/^The client asked for changes to .+ v1: upload a new version$/);
    await rv.nextVersion(s.agency.creative, s.draftId, png(1080, 1920));
    const internal = await rv.waitForStep(s.agency.ae, s.draftId, 4);
    await expect.poll(async () => (await revisionTasks()).length, { timeout: 15_000 }).toBe(0);
    expect(internal).toMatchObject({ stage: 'internal', file: { draftVersion: 2 } });
    // Only the AM now: the draft has been to the client before.
    expect(internal.assignees.map((a: fx.Json) => a.staffId)).toEqual([s.agency.am.staff.staffId]);

    const stale = await rv.openLink(v1Link);
    expect(stale.html).toContain('Decision recorded');

    fx.expectStatus(
      await rv.decide(s.agency.am, (await rv.pendingApproval(s.agency.am, s.draftId)).approvalId, 'approve'),
      200,
    );
    await rv.waitForStep(s.agency.ae, s.draftId, 5);
    const v2Link = await rv.approvalLink(s.contacts[0].email, 2);
    const v2Page = await rv.openLink(v2Link);
    expect(v2Page.html).toContain('version 2');
    fx.expectStatus(
      { status: (await rv.submitLink(v2Link, { ...v2Page.hidden, decision: 'approve' })).status } as never,
      200,
    );
    const ended = await rv.waitForReview(s.agency.ae, s.draftId, 'released');
    expect(ended.releasedVersion).toBe(2);
  });
});

describe('changes the client asked for leave the AE’s list when the review is cancelled', () => {
  it('lists the revision for the job’s AE only, and takes it off when staff cancel the review', async () => {
    const s = await rv.reviewReady();
    const { review } = await rv.clientAsksForChanges(s);
    const revisionsOf = async (who: fx.Person) => (await rv.revisionTasks(who, review.reviewId)).length;
    await expect.poll(() => revisionsOf(s.agency.ae), { timeout: 15_000 }).toBe(1);
    expect(await revisionsOf(s.agency.am)).toBe(0);
    fx.expectStatus(
      await api('POST', `/reviews/${review.reviewId}/cancel`, {
        token: s.agency.ae.token,
        body: { reason: 'The client withdrew the brief.' },
      }),
      200,
      'cancel',
    );
    expect(await revisionsOf(s.agency.ae)).toBe(0);
  });
});

describe('a decision that settles a step when its workflow cannot be woken', () => {
  it('answers the recorded decision and leaves the step settled for the workflow to read', async () => {
    const s = await rv.reviewReady();
    const review = await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    fx.expectStatus(
      await rv.decide(s.agency.am, (await rv.pendingApproval(s.agency.am, s.draftId)).approvalId, 'approve'),
      200,
    );
    // The AD's approval settles the step, in this process, whose Step Functions calls fail after it.
    const approvalId = (await rv.pendingApproval(s.agency.ad, s.draftId)).approvalId;
    registerSignOffSubjects();
    const failing = failWorkflowResumes();
    const decided = await decideAsStaff(
      s.agency.ad.staff.staffId,
      approvalId,
      { decision: 'approve' },
      { ip: '192.0.2.1', userAgent: 'vitest' },
    ).finally(() => {
      expect(failing.mock.calls.length).toBeGreaterThan(0);
      failing.mockRestore();
    });
    expect(decided).toMatchObject({ stepSettled: true, approval: { decision: 'approve' } });
    const chain = await rv.chain(s.agency.ae, s.draftId);
    const ours = chain.reviews.find((r: fx.Json) => r.reviewId === review.reviewId);
    expect(ours.steps[0].status).toBe('approved');
    fx.expectProblem(await rv.decide(s.agency.ad, approvalId, 'approve'), 409, 'already_decided');
  });
});

describe('a new version while an older one waits at the client', () => {
  it('supersedes the older version’s links and starts the new version at internal review', async () => {
    const s = await rv.reviewReady({ kind: 'layout' });
    await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    for (const who of [s.agency.am, s.agency.ad]) {
      fx.expectStatus(
        await rv.decide(who, (await rv.pendingApproval(who, s.draftId)).approvalId, 'approve'),
        200,
      );
    }
    await rv.waitForStep(s.agency.ae, s.draftId, 2);
    const v1Link = await rv.approvalLink(s.contacts[0].email);
    await rv.nextVersion(s.agency.creative, s.draftId, png(1080, 1920));
    const internal = await rv.waitForStep(s.agency.ae, s.draftId, 3);
    expect(internal).toMatchObject({ stage: 'internal', file: { draftVersion: 2 } });
    const stale = await rv.openLink(v1Link);
    expect(stale.status).toBe(410);
    expect(stale.html).toContain('superseded');
    const chain = await rv.chain(s.agency.ae, s.draftId);
    expect(chain.reviews[0].steps[1]).toMatchObject({ stage: 'client', status: 'revised', revisedTo: 2 });
    expect(chain.reviews[0].evidence.filter((e: fx.Json) => e.stage === 'client')).toEqual([]);
  });
});

describe("deciding on someone's behalf goes by reporting line, not rank", () => {
  it('an account director the AM does not report to is refused; the AM’s own director decides for them', async () => {
    const s = await rv.reviewReady();
    const { head, gad, ad, am, ae, creative } = s.agency;
    const otherAd = await fx.appoint(head, 'account_director', gad);
    await fx.setTeam(ad, s.client.clientId, [ad, am, ae, creative, otherAd]);
    await rv.startReview(ae, s.draftId, 1);
    await rv.waitForStep(ae, s.draftId, 1);
    const amApproval = await rv.pendingApproval(am, s.draftId);
    const byOtherAd = await rv.decide(otherAd, amApproval.approvalId, 'approve');
    fx.expectProblem(byOtherAd, 403, 'forbidden');
    expect(byOtherAd.body.detail).toBe(
      `Only ${am.staff.name}, or someone they report to up their reporting line, may decide this step.`,
    );
    const byAd = await rv.decide(ad, amApproval.approvalId, 'approve', 'For the AM.');
    fx.expectStatus(byAd, 200);
    expect(byAd.body.evidence).toMatchObject({ decidedBy: ad.staff.staffId, onBehalfOf: am.staff.staffId });
  });
});

describe('each client contact reads in their own language', () => {
  it('a Spanish and a Chinese contact get the approval email and page in theirs, whatever the browser asks', async () => {
    const s = await rv.reviewReady({ approvers: 2 });
    const [spanish, chinese] = s.contacts as [fx.Json, fx.Json];
    for (const [contact, language] of [
      [spanish, 'es'],
      [chinese, 'zh-CN'],
    ] as const) {
      const res = await api('PATCH', `/clients/${s.client.clientId}/contacts/${contact.contactId}`, {
        token: s.agency.ae.token,
        body: { language },
        headers: { 'if-match': `"${contact.version}"` },
      });
      fx.expectStatus(res, 200);
    }
    await rv.startReview(s.agency.ae, s.draftId, 1);
    await rv.waitForStep(s.agency.ae, s.draftId, 1);
    for (const person of [s.agency.am, s.agency.ad]) {
      const approval = await rv.pendingApproval(person, s.draftId);
      fx.expectStatus(await rv.decide(person, approval.approvalId, 'approve'), 200);
    }
    await rv.waitForStep(s.agency.ae, s.draftId, 2);

    const esLink = await rv.approvalLink(spanish.email);
    const esMail = (await rv.mailsTo(spanish.email)).at(-1)!;
    expect(esMail.subject).toContain('Aprobación solicitada');
    expect(esMail.text).toContain(`Estimado/a ${spanish.name}:`);
    expect(esMail.text).toMatch(/Plazo: .*\d{4}/);
    expect(esMail.text).toContain('Revisar y decidir');
    expect(esMail.html).toContain('<html lang="es">');
    const esPage = await rv.openLink(esLink, { headers: { 'accept-language': 'zh-CN' } });
    expect(esPage.html).toContain('<html lang="es">');
    expect(esPage.html).toContain('Aprobar con cambios');
    // Server-written: what approving leads to (the draft is artwork) and that both must approve.
    expect(esPage.html).toContain('El arte pasa a la aprobación del arte final');
    expect(esPage.html).toContain('Vuelve al equipo creativo con su comentario');
    expect(esPage.html).not.toMatch(/goes on to final artwork|It goes back to/);

    const zhLink = await rv.approvalLink(chinese.email);
    const zhMail = (await rv.mailsTo(chinese.email)).at(-1)!;
    expect(zhMail.subject).toContain('请您审批');
    expect(zhMail.text).toContain(`${chinese.name}，您好：`);
    expect(zhMail.text).toContain('截止时间');
    const zhPage = await rv.openLink(zhLink, { headers: { 'accept-language': 'es' } });
    expect(zhPage.html).toContain('<html lang="zh-CN">');
    expect(zhPage.html).toContain('修改后批准');
    expect(zhPage.html).toContain('作品将进入完稿确认');
    expect(zhPage.html).toContain('所有被邀请的审批人都批准后才会生效');

    // A refusal on the page is said in the browser's language too (a form whose nonce is not the page's).
    const otherNonce = esPage.hidden.nonce!.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    const refused = await rv.submitLink(
      esLink,
      { ...esPage.hidden, nonce: otherNonce, decision: 'approve' },
      { 'accept-language': 'es' },
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Este formulario ha caducado');
    // So is a refusal the domain words only in English (a form naming another approver's approval).
    const notThisApproval = await rv.submitLink(
      esLink,
      { ...esPage.hidden, approvalId: zhPage.hidden.approvalId!, decision: 'approve' },
      { 'accept-language': 'es' },
    );
    expect(notThisApproval.status).toBe(403);
    expect(notThisApproval.html).toContain('Usted no puede hacer esto');
    expect(notThisApproval.html).not.toContain('This link is not for that approval');
    const decided = await rv.submitLink(esLink, { ...esPage.hidden, decision: 'approve' });
    expect(decided.html).toContain('Decisión registrada');
  });
});
