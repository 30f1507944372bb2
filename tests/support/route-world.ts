/**
 * A world of real resources for tests that send requests to every route of the API
 * (hostile-bodies.test.ts, fuzz.test.ts): real ids for every path parameter, a valid body for
 * every route that takes one, the current version of every resource an update locks, and what
 * each route without a body would change, read back. Each call builds a world of its own.
 */
import { expect } from 'vitest';
import { api, uniqueEmail } from './api.js';
import { billingTermsBody, billingWorld } from './billing.js';
import { timeWorld } from './billing-time.js';
import { spendWorld } from './cost.js';
import * as fx from './fixtures.js';
import * as md from './media.js';
import { png } from './media-samples.js';
import * as rv from './reviews.js';

export interface World {
  h: fx.Person;
  /** The client's account director: countersigns what `h` records. */
  ad: fx.Person;
  ids: Record<string, string>;
  /** Path ids that differ for one route (by operationId), over `ids`. */
  routeIds: Record<string, Record<string, string>>;
  versions: Record<string, () => Promise<number>>;
  valid: Record<string, () => Record<string, unknown>>;
  /**
   * What a request that got through would change, read back (it must read the same before
   * and after the hostile requests): required for every route without a body schema, and
   * given for routes whose write the item count alone would not show (a decision).
   */
  targets: Record<string, () => Promise<unknown>>;
}

/** The path ids of one route in a world. */
export const idsOf = (world: World, route: { operationId: string }): Record<string, string> => ({
  ...world.ids,
  ...world.routeIds[route.operationId],
});

export async function buildRouteWorld(): Promise<World> {
  const agency = await fx.buildAgency();
  const { head: h, ad, am, ae } = agency;
  const line: fx.AccountLine = { ad, am, ae };
  const { client, brand, contact } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
  const job = await fx.openJob(line.ae, client.clientId, brand.brandId);
  // A draft whose version 1 has landed in storage but is not recorded yet: a completing
  // call that got through would record it, a version request would add version 2.
  const { draft, upload } = await fx.createDraft(line.ae, job.jobId);
  await fx.uploadFile(upload, png(1080, 1920), 'image/png');
  // A draft whose version 1 is uploaded and recorded, never reviewed: a review request that
  // got through would start a review of it.
  const toReview = await fx.createDraft(line.ae, job.jobId);
  await rv.uploadVersion(line.ae, toReview.draft.draftId, toReview, png(1080, 1920));
  // A review waiting for the AM's internal decision: a decision that got through (the head
  // may decide for the AM) would record it.
  const inReview = await fx.createDraft(line.ae, job.jobId);
  await rv.uploadVersion(line.ae, inReview.draft.draftId, inReview, png(1080, 1920));
  // Cancelling or restarting it that got through would end it, or start another execution.
  const underReview = await rv.startReview(line.ae, inReview.draft.draftId, 1);
  const step = await rv.stepOpened(line.ae, inReview.draft.draftId, 1);
  const approval = (await rv.chain(h, inReview.draft.draftId)).reviews[0].approvals.find(
    (a: fx.Json) => a.assignee.staffId === line.am.staff.staffId,
  );
  expect(approval, `the AM's approval of step 1: ${JSON.stringify(step)}`).toMatchObject({
    status: 'pending',
  });

  // Media, on a client of its own (team AD, AM, AE; a contact approving media): a March–April
  // campaign whose media chain waits at the recommendation, with its March schedule confirmed
  // (L001 Star TV, L002 AdNet).
  const m = await md.mediaSettled(agency);
  const campaign = `/media-campaigns/${m.campaign.campaignId}`;
  const as = { token: h.token };
  const march = await md.confirmedSchedule(m);
  // Delivery reported before anything was booked: Star TV's spots and Radio One's are unbooked.
  const radioPlacement = fx.uniqueName('Morning drive');
  const imported = await api('POST', `${campaign}/monitoring-imports`, {
    ...as,
    body: {
      rows: [
        {
          date: '2027-03-02',
          vendor: 'Star TV',
          placement: 'Prime time 30s',
          units_delivered: 2,
          cost: 3000,
        },
        { date: '2027-03-03', vendor: 'Radio One', placement: radioPlacement, units_delivered: 4, cost: 400 },
      ],
    },
  });
  fx.expectStatus(imported, 201, 'POST monitoring-imports (JSON)');
  expect(imported.body).toMatchObject({ status: 'completed', rowsStored: 2, rowsMatched: 0 });
  // Star TV is booked afterwards: a recompute that got through would clear its unbooked delivery.
  const booked = await api('POST', `${campaign}/bookings`, {
    ...as,
    body: {
      planId: march.plan.planId,
      version: march.version.number,
      lineIds: ['L001'],
      vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
    },
  });
  fx.expectStatus(booked, 201, 'POST bookings');
  const discrepancies = async (): Promise<fx.Json[]> =>
    (await api('GET', `${campaign}/discrepancies`, as)).body.items;
  const unbooked = await discrepancies();
  expect(unbooked.map((d) => `${d.type}:${d.status}`)).toEqual([
    'unbooked_delivery:open',
    'unbooked_delivery:open',
  ]);
  const radio = unbooked.find((d) => d.detail.includes(radioPlacement));
  expect(radio, JSON.stringify(unbooked)).toBeDefined();
  // An open requisition of the booking, and a released, spec-checked 1080×1920 draft version that answers it.
  const requisition = await api('POST', `${campaign}/bookings/${booked.body.bookingId}/materials`, {
    ...as,
    body: { format: 'Key visual, PNG', widthPx: 1080, heightPx: 1920, deliveryDeadline: '2027-02-20' },
  });
  fx.expectStatus(requisition, 201, 'POST materials');
  const material = await fx.createDraft(h, m.jobId);
  await rv.uploadVersion(h, material.draft.draftId, material, png(1080, 1920));
  await md.releaseInTable(m.campaign.clientId, material.draft.draftId, 1);
  // A CSV import whose file is in storage, not completed: a completing call that got through would import it.
  const csv = await api('POST', `${campaign}/monitoring-imports`, {
    ...as,
    body: { fileName: 'star-tv.csv' },
  });
  fx.expectStatus(csv, 201, 'POST monitoring-imports (CSV)');
  await fx.uploadFile(
    csv.body.upload,
    new TextEncoder().encode(
      'date,vendor,placement,units_delivered,cost\n2027-03-05,Star TV,Prime time 30s,3,4500\n',
    ),
    'text/csv',
  );
  // A CSV import that failed (its header unreadable): a retry or replacement that got through
  // would run it again or open a new import.
  const wrong = await api('POST', `${campaign}/monitoring-imports`, {
    ...as,
    body: { fileName: 'wrong.csv' },
  });
  fx.expectStatus(wrong, 201, 'POST monitoring-imports (CSV)');
  await fx.uploadFile(wrong.body.upload, new TextEncoder().encode('Spots,Station\n4,Star TV\n'), 'text/csv');
  fx.expectStatus(
    await api('POST', `${campaign}/monitoring-imports/${wrong.body.importId}/complete`, as),
    422,
    'complete a file that cannot be read',
  );
  // The April schedule at the client's step, its written confirmation uploaded: a completing
  // call that got through would confirm the version.
  const april = await md.planVersion(m.agency.ae, m.campaign.campaignId, {
    kind: 'monthly_schedule',
    month: '2027-04',
    lines: [md.tvLine('2027-04-01', '2027-04-30'), md.onlineLine('2027-04-01', '2027-04-30')],
  });
  await md.planAtClientStep(m, april.plan.planId, 1);
  const written = await md.writtenConfirmationUploaded(m, april.plan.planId, 1);
  // Version 2 of the (confirmed) recommendation, never reviewed: a review request that got through would start one.
  const recommendation = await md.planVersion(m.agency.ae, m.campaign.campaignId, {
    kind: 'recommendation',
    lines: [md.tvLine('2027-03-01', '2027-04-30', 60)],
  });
  expect(recommendation.version.number).toBe(2);

  // Traffic: the job's schedule with a pending proposal, a timetable version, a creative brief;
  // the event template edited once (so If-Match "0" is stale there too).
  fx.expectStatus(
    await api('POST', `/jobs/${job.jobId}/schedule`, { token: h.token, body: { startDate: '2027-01-04' } }),
    201,
  );
  const proposal = await api('POST', `/jobs/${job.jobId}/schedule/proposals`, {
    token: line.am.token,
    body: { milestoneId: 'M003', durationDays: 12, reason: 'A photo shoot.' },
  });
  fx.expectStatus(proposal, 201, 'POST proposals');
  fx.expectStatus(await api('POST', `/jobs/${job.jobId}/timetable/versions`, { token: h.token }), 201);
  const brief = await api('POST', `/jobs/${job.jobId}/briefs`, {
    token: h.token,
    body: { kind: 'creative', title: fx.uniqueName('Brief') },
  });
  fx.expectStatus(brief, 201, 'POST briefs');
  // Cost: a draft estimate of the job (its timetable is frozen above, so it may go to sign-off).
  const estimateLines = [
    {
      category: 'production',
      description: 'Studio shoot',
      quantity: 2,
      unitCost: fx.usd(1500),
      markupPercent: 15,
    },
  ];
  const estimate = await api('POST', `/jobs/${job.jobId}/estimates`, {
    token: h.token,
    body: { title: fx.uniqueName('Estimate'), currency: 'USD', lines: estimateLines },
  });
  fx.expectStatus(estimate, 201, 'POST estimates');
  // A finished week's status report, not sent: a send that got through would send it.
  const statusReport = await api('POST', `/clients/${client.clientId}/status-reports`, {
    token: line.ae.token,
    body: { weekOf: '2026-11-04' },
  });
  fx.expectStatus(statusReport, 200, 'POST status-reports');
  // The client record: a contact report (draft) with a next step of the AE's.
  const contactReport = await api('POST', `/clients/${client.clientId}/contact-reports`, {
    token: h.token,
    body: {
      meetingAt: '2026-11-02T10:00:00Z',
      subject: fx.uniqueName('Minutes'),
      agencyAttendees: [line.ae.staff.staffId],
      clientAttendees: [contact.contactId],
      nextSteps: [
        {
          action: 'Send the storyboard',
          owner: { kind: 'staff', staffId: line.ae.staff.staffId },
          due: '2026-11-09',
        },
      ],
    },
  });
  fx.expectStatus(contactReport, 201, 'POST contact-reports');
  const eventTemplate = {
    name: 'Event',
    milestones: [
      { key: 'venue', name: 'Venue booked', department: 'account', ownerRole: 'job_owner', durationDays: 5 },
      {
        key: 'show',
        name: 'The show',
        department: 'production',
        ownerRole: 'production',
        durationDays: 1,
        dependsOn: [{ key: 'venue' }],
      },
    ],
  };
  const template = await api('GET', '/schedule-templates/event', { token: h.token });
  fx.expectStatus(
    await api('PUT', '/schedule-templates/event', {
      token: h.token,
      body: eventTemplate,
      headers: { 'if-match': `"${template.body.version}"` },
    }),
    200,
    'PUT schedule template',
  );

  // The client record's book: a competitive entry whose sample has landed but is not recorded (a
  // completing call that got through would record it), a pitch, and a draft evaluation of the AE.
  const entry = await api('POST', `/clients/${client.clientId}/competitive-activity`, {
    token: h.token,
    body: {
      kind: 'store_check',
      competitorBrand: 'Rival',
      category: 'Tea',
      store: 'MegaMart',
      seenFrom: '2027-03-01',
      seenTo: '2027-03-01',
      sample: { name: 'shelf.png', contentType: 'image/png' },
    },
  });
  fx.expectStatus(entry, 201, 'POST competitive-activity');
  await fx.uploadFile(entry.body.upload, png(40, 30), 'image/png');
  const pitch = await api('POST', '/pitches', {
    token: h.token,
    body: {
      prospect: { name: fx.uniqueName('Prospect'), category: fx.uniqueName('Category') },
      leadSource: 'reputation',
      pitchDate: '2027-04-01',
      team: [{ staffId: line.ae.staff.staffId }],
    },
  });
  fx.expectStatus(pitch, 201, 'POST /pitches');
  const evaluation = await api('POST', `/staff/${line.ae.staff.staffId}/evaluations`, {
    token: h.token,
    body: { period: '2026-H1' },
  });
  fx.expectStatus(evaluation, 201, 'POST evaluations');
  // The AM's work report of November 2026, a draft: an edit or a send that got through would change it.
  const workReportIds = { staffId: line.am.staff.staffId, month: '2026-11' };
  const workReportPath = `/staff/${workReportIds.staffId}/work-reports/${workReportIds.month}`;
  const workReport = await api('POST', `/staff/${workReportIds.staffId}/work-reports`, {
    token: line.am.token,
    body: { month: workReportIds.month },
  });
  fx.expectStatus(workReport, 200, 'POST work-reports');
  // Only its manager reads a draft.
  const workReportNow = async () => (await api('GET', workReportPath, { token: line.am.token })).body;
  // Spend: an approved vendor and a proposed one, an order on the job (its estimate signed), a reconciliation.
  const spend = await spendWorld(h, client.clientId, brand.brandId, job.jobId);
  // Time: a cost rate and the client's bill rate (so a PUT without If-Match is refused), the
  // head's saved (empty) week: a submit that got through would submit it.
  const time = await timeWorld(h, client.clientId);
  // Billing: the job's signed work invoiced and issued (steps on it are refused), a payment.
  const billing = await billingWorld(h, client.clientId, contact.contactId, job.jobId);
  // The client's status report cadence, set once: a change must name its version (an empty
  // If-Match is no version).
  const cadence = await api('PUT', `/clients/${client.clientId}/status-report-cadence`, {
    token: h.token,
    body: { frequency: 'weekly', weekday: 1 },
  });
  expect(cadence.status, 'PUT status report cadence').toBe(200);

  const ids: Record<string, string> = {
    vendorId: spend.proposedVendorId,
    purchaseOrderId: spend.order.purchaseOrderId,
    month: spend.month,
    invoiceId: billing.invoice.invoiceId,
    paymentId: billing.payment.paymentId,
    clientId: client.clientId,
    entryId: entry.body.entry.entryId,
    pitchId: pitch.body.pitchId,
    period: '2026-H1',
    contactId: contact.contactId,
    brandId: brand.brandId,
    jobId: job.jobId,
    staffId: line.ae.staff.staffId,
    draftId: draft.draftId,
    n: '1',
    approvalId: approval.approvalId,
    reviewId: underReview.reviewId,
    campaignId: m.campaign.campaignId,
    planId: april.plan.planId,
    uploadId: written.uploadId,
    bookingId: booked.body.bookingId,
    importId: csv.body.importId,
    discrepancyId: radio.discrepancyId,
    requisitionId: requisition.body.requisitionId,
    jobType: 'event',
    milestoneId: 'M001',
    proposalId: proposal.body.proposalId,
    briefId: brief.body.brief.briefId,
    estimateId: estimate.body.estimate.estimateId,
    contactReportId: contactReport.body.reportId,
    stepId: 'N001',
    statusReportId: 'weekly-2026-11-02',
    role: time.role,
    week: time.week,
  };
  const invoiceNow = async () => (await api('GET', `/invoices/${ids.invoiceId}`, { token: h.token })).body;
  const current = (path: string) => async () => {
    const res = await api('GET', path, { token: h.token });
    return res.body.version as number;
  };
  return {
    h,
    ad,
    ids,
    routeIds: {
      startReview: { draftId: toReview.draft.draftId },
      startPlanReview: { planId: recommendation.plan.planId, n: '2' },
      retryMonitoringImport: { importId: wrong.body.importId },
      replaceMonitoringImport: { importId: wrong.body.importId },
      cancelPurchaseOrder: { purchaseOrderId: spend.cancellableOrderId },
      generateWorkReport: workReportIds,
      listWorkReports: workReportIds,
      getWorkReport: workReportIds,
      updateWorkReport: workReportIds,
      sendWorkReport: workReportIds,
      resendWorkReport: workReportIds,
    },
    versions: {
      updateStaff: current(`/staff/${ids.staffId}`),
      updateClient: current(`/clients/${ids.clientId}`),
      updateContact: current(`/clients/${ids.clientId}/contacts/${ids.contactId}`),
      updateBrand: current(`/clients/${ids.clientId}/brands/${ids.brandId}`),
      putTeam: current(`/clients/${ids.clientId}/team`),
      updatePitch: current(`/pitches/${ids.pitchId}`),
      updateWorkReport: async () => (await workReportNow()).version,
      sendWorkReport: async () => (await workReportNow()).version,
      resendWorkReport: async () => (await workReportNow()).version,
      updateEvaluation: current(`/staff/${ids.staffId}/evaluations/${ids.period}`),
      concurWithEvaluation: current(`/staff/${ids.staffId}/evaluations/${ids.period}`),
      setReportCadence: current(`/clients/${ids.clientId}/status-report-cadence`),
      updateJob: current(`/jobs/${ids.jobId}`),
      reviseMediaBrief: current(campaign),
      updateBooking: current(`${campaign}/bookings/${ids.bookingId}`),
      linkMaterial: current(`${campaign}/materials/${ids.requisitionId}`),
      resolveDiscrepancy: async () =>
        (await discrepancies()).find((d) => d.discrepancyId === ids.discrepancyId)?.version,
      putScheduleTemplate: current('/schedule-templates/event'),
      changeSchedule: current(`/jobs/${ids.jobId}/schedule`),
      reviseBrief: async () =>
        (await api('GET', `/briefs/${ids.briefId}`, { token: h.token })).body.brief.version,
      reviseEstimate: async () =>
        (await api('GET', `/estimates/${ids.estimateId}`, { token: h.token })).body.estimate.version,
      updateEstimateDraft: async () =>
        (await api('GET', `/estimates/${ids.estimateId}/versions/1`, { token: h.token })).body.version
          .version,
      updateContactReport: current(`/contact-reports/${ids.contactReportId}`),
      issueContactReport: current(`/contact-reports/${ids.contactReportId}`),
      setNextStepProgress: current(`/contact-reports/${ids.contactReportId}`),
      decideVendor: current(`/vendors/${ids.vendorId}`),
      cancelPurchaseOrder: current(`/jobs/${ids.jobId}/purchase-orders/${spend.cancellableOrderId}`),
      putBrandForecast: async () =>
        (
          await api('GET', `/clients/${ids.clientId}/forecasts?month=${ids.month}`, { token: h.token })
        ).body.items.find((f: fx.Json) => f.brandId === ids.brandId)?.version ?? 0,
      explainVariance: current(`/clients/${ids.clientId}/reconciliations/${ids.month}`),
      putCostRate: time.costRateVersion,
      putBillRate: time.billRateVersion,
      putMyTimesheet: current(`/me/timesheets/${ids.week}`),
      submitMyTimesheet: current(`/me/timesheets/${ids.week}`),
      decideTimesheet: current(`/staff/${ids.staffId}/timesheets/${ids.week}`),
      putBillingTerms: current(`/clients/${ids.clientId}/billing-terms`),
      updateDraftInvoice: current(`/invoices/${ids.invoiceId}`),
      reviewInvoice: current(`/invoices/${ids.invoiceId}`),
      approveInvoice: current(`/invoices/${ids.invoiceId}`),
      issueInvoice: current(`/invoices/${ids.invoiceId}`),
      discardInvoice: current(`/invoices/${ids.invoiceId}`),
      sendInvoice: current(`/invoices/${ids.invoiceId}`),
      resendStatusReport: current(`/clients/${ids.clientId}/status-reports/${ids.statusReportId}`),
    },
    valid: {
      createStaff: () => ({
        email: uniqueEmail('hostile'),
        name: fx.uniqueName('Staff'),
        role: 'account_executive',
        reportsTo: line.am.staff.staffId,
      }),
      updateStaff: () => ({ name: fx.uniqueName('Renamed') }),
      updateMe: () => ({ language: 'es' }),
      createClient: () => ({
        name: fx.uniqueName('Client'),
        code: fx.clientCode(),
        industry: 'Toys',
        intake: { advertisingBudget: fx.usd(1_000_000) },
      }),
      updateClient: () => ({ status: 'active', intake: { advertisingBudget: fx.usd(1_200_000) } }),
      createContact: () => ({
        name: fx.uniqueName('Contact'),
        email: uniqueEmail('c'),
        level: 'middle',
        approves: [],
      }),
      updateContact: () => ({ title: 'CMO' }),
      createBrand: () => ({ name: fx.uniqueName('Brand') }),
      updateBrand: () => ({ positioning: 'Bolder.' }),
      putTeam: () => ({
        members: [line.ad, line.am, line.ae].map((m) => ({ staffId: m.staff.staffId, role: m.staff.role })),
      }),
      openJob: () => ({
        clientId: ids.clientId,
        brandId: brand.brandId,
        title: fx.uniqueName('Job'),
        type: 'media',
        budget: fx.usd(25_000),
      }),
      updateJob: () => ({ title: fx.uniqueName('Retitled'), budget: fx.usd(30_000.5) }),
      createDraft: () => ({
        title: fx.uniqueName('Draft'),
        kind: 'artwork',
        specs: fx.artworkSpecs,
        file: { name: 'key-visual.png', contentType: 'image/png' },
      }),
      createDraftVersion: () => ({ file: { name: 'key-visual-v2.png', contentType: 'image/png' } }),
      startReview: () => ({
        approvalMode: 'any',
        clientApproverIds: [contact.contactId],
        message: 'Please review the key visual.',
        clientWorkingDays: 4,
        internalWorkingDays: 3,
      }),
      decideApproval: () => ({ decision: 'approve_with_changes', comment: 'Tighten the crop.' }),
      cancelReview: () => ({ reason: 'The client withdrew the brief.' }),
      createMediaCampaign: () => ({
        name: fx.uniqueName('Summer flight'),
        flightStart: '2027-03-01',
        flightEnd: '2027-04-30',
        budget: fx.usd(320_000.5),
        kpis: [
          { metric: 'reach', target: 4_000_000 },
          { metric: 'grps', target: 350 },
        ],
        brief: { ...md.brief, mandatories: 'The new pack shot in every execution.' },
      }),
      reviseMediaBrief: () => ({
        ...md.brief,
        objective: 'Relaunch awareness and trial in tier-1 cities.',
        markets: ['Shanghai', 'Beijing', 'Shenzhen'],
        mandatories: 'No alcohol adjacency.',
      }),
      createMediaPlanVersion: () => ({
        kind: 'monthly_schedule',
        month: '2027-03',
        lines: [md.tvLine('2027-03-01', '2027-03-31', 30), md.onlineLine('2027-03-08', '2027-03-31')],
        notes: 'Fewer spots, a later banner start.',
      }),
      createBooking: () => ({
        planId: march.plan.planId,
        version: march.version.number,
        lineIds: ['L002'],
        vendorContact: { name: 'Adnet Bookings', email: 'bookings@adnet.example' },
        notes: 'Homepage banner, March.',
      }),
      updateBooking: () => ({ status: 'confirmed_by_vendor', vendorReference: 'STV-2027-0301' }),
      createMonitoringImport: () => ({
        rows: [
          {
            date: '2027-03-04',
            vendor: 'AdNet',
            placement: 'Homepage banner',
            units_delivered: 500000,
            impressions: 500000,
            audience: 120.5,
            clicks: 2500,
            cost: 6250,
          },
        ],
      }),
      resolveDiscrepancy: () => ({
        status: 'resolved',
        makegood: { units: 4, date: '2027-04-10', note: 'Bonus spots in April.' },
      }),
      createMaterialRequisition: () => ({
        lineId: 'L001',
        format: 'TVC 30s, ProRes 422',
        widthPx: 1920,
        heightPx: 1080,
        durationSeconds: 30,
        deliveryDeadline: '2027-02-22',
        notes: 'Clean feed, no supers.',
      }),
      linkMaterial: () => ({ draftId: material.draft.draftId, draftVersion: 1 }),
      startPlanReview: () => ({
        approvalMode: 'any',
        clientApproverIds: [m.contact.contactId],
        message: 'The revised recommendation.',
        clientWorkingDays: 4,
        internalWorkingDays: 3,
      }),
      requestWrittenConfirmation: () => ({
        contactId: m.contact.contactId,
        file: { name: 'signed-april-schedule.pdf', contentType: 'application/pdf' },
      }),
      completeWrittenConfirmation: () => ({ comment: 'Signed by the marketing director on 2 Feb.' }),
      countersignWrittenConfirmation: () => ({ decision: 'countersign' }),
      replaceMonitoringImport: () => ({ fileName: 'star-tv-corrected.csv' }),
      putScheduleTemplate: () => eventTemplate,
      createSchedule: () => ({ startDate: '2027-02-01' }),
      previewScheduleChange: () => ({ moves: [{ milestoneId: 'M001', start: '2027-01-05' }] }),
      changeSchedule: () => ({
        moves: [{ milestoneId: 'M001', start: '2027-01-05' }],
        note: 'Kick-off a day later.',
      }),
      recordMilestoneProgress: () => ({ status: 'in_progress', on: '2027-01-04' }),
      proposeScheduleChange: () => ({ milestoneId: 'M002', durationDays: 8, reason: 'Quicker.' }),
      decideScheduleProposal: () => ({ decision: 'decline', comment: 'Not now.' }),
      createBrief: () => ({ kind: 'media', title: fx.uniqueName('Media brief'), markets: ['Madrid'] }),
      createContactReport: () => ({
        meetingAt: '2026-11-02T10:00:00Z',
        subject: fx.uniqueName('Minutes'),
        agencyAttendees: [],
        clientAttendees: [ids.contactId],
      }),
      updateContactReport: () => ({ decisions: ['Route B goes to production.'] }),
      setNextStepProgress: () => ({ status: 'done' }),
      reviseBrief: () => ({ title: 'Spring relaunch, revised', objective: 'Trial.' }),
      startBriefReview: () => ({ message: 'For the creative meeting.' }),
      startTimetableReview: () => ({ message: 'The timetable for your signature.' }),
      createCompetitiveEntry: () => ({
        kind: 'advertising',
        competitorBrand: 'Rival',
        category: 'Tea',
        channel: 'tv',
        seenFrom: '2027-03-01',
        seenTo: '2027-03-07',
        estimatedSpend: { amountMinor: 1_000_000, currency: 'USD' },
      }),
      citeCompetitiveEntry: () => ({ entryId: ids.entryId, note: 'Their shelf price.' }),
      createPitch: () => ({
        prospect: { name: fx.uniqueName('Prospect'), category: fx.uniqueName('Category') },
        leadSource: 'referral',
        pitchDate: '2027-05-01',
        team: [],
      }),
      updatePitch: () => ({ notes: 'Chemistry meeting went well.' }),
      generateWorkReport: () => ({ month: '2026-11' }),
      updateWorkReport: () => ({ summary: 'A steady month.', plan: 'The spring launch.' }),
      decidePitchConflict: () => ({ decision: 'proceed', reason: 'Different segment.' }),
      recordPitchOutcome: () => ({ outcome: 'lost', reasons: 'Price.' }),
      createEvaluation: () => ({ period: '2025-H2' }),
      updateEvaluation: () => ({ goals: 'Lead a brand.' }),
      acknowledgeEvaluation: () => ({ comment: 'Read.' }),
      concurWithEvaluation: () => ({ decision: 'send_back', comment: 'Rate the minutes again.' }),
      setReportCadence: () => ({ frequency: 'fortnightly', weekday: 2 }),
      createEstimate: () => ({ title: fx.uniqueName('Estimate'), currency: 'USD', lines: estimateLines }),
      previewEstimate: () => ({ currency: 'USD', lines: estimateLines }),
      reviseEstimate: () => ({ lines: [{ ...estimateLines[0], lineId: 'L001', quantity: 3 }] }),
      updateEstimateDraft: () => ({ lines: [{ ...estimateLines[0], lineId: 'L001', quantity: 3 }] }),
      startEstimateReview: () => ({ message: 'The estimate and the timetable for your signature.' }),
      proposeVendor: () => ({
        name: fx.uniqueName('Vendor'),
        categories: ['printer'],
        contact: { name: 'Print Desk', email: uniqueEmail('printer') },
        paymentTermsDays: 45,
        taxId: 'X-1',
      }),
      decideVendor: () => ({ decision: 'approve', comment: 'Quotes checked.' }),
      createPurchaseOrder: () => ({
        vendorId: spend.vendor.vendorId,
        category: 'production',
        lines: [{ estimateLineId: 'L001', description: 'Retouching', quantity: 2.5, unitCost: fx.usd(80) }],
        notes: 'Deliver to the studio.',
      }),
      cancelPurchaseOrder: () => ({ reason: 'The client dropped the second studio day.' }),
      recordVendorBill: () => ({
        purchaseOrderId: ids.purchaseOrderId,
        billNumber: fx.uniqueName('INV'),
        billDate: '2027-01-20',
        lines: [{ lineNumber: 1, quantity: 1, amount: fx.usd(1_000) }],
      }),
      generateStatusReport: () => ({ weekOf: '2026-11-04' }),
      putBillingTerms: () => billingTermsBody(contact.contactId),
      draftInvoice: () => ({ notes: 'Retainer for March.' }),
      updateDraftInvoice: () => ({ notes: 'Quote PO 4471.' }),
      draftCreditNote: () => ({
        reason: 'Studio day not used.',
        lines: [{ lineId: 'I001', amount: fx.usd(10) }],
      }),
      recordPayment: () => ({ amount: fx.usd(50), receivedOn: '2026-01-20', reference: 'WIRE-77' }),
      applyPayment: () => ({ invoiceId: ids.invoiceId, amount: fx.usd(10) }),
      putBrandForecast: () => ({ clientId: ids.clientId, amount: fx.usd(50_000), note: 'Spring push.' }),
      explainVariance: () => ({
        rowId: ids.brandId,
        kind: 'committed_vs_forecast',
        reason: 'Moved to February.',
      }),
      putCostRate: () => time.rate,
      putBillRate: () => time.rate,
      putMyTimesheet: () => ({ entries: [] }),
      decideTimesheet: () => ({ decision: 'return', reason: 'Split the meeting.' }),
      generateProfitabilityReport: () => ({ month: '2026-10' }),
    },
    targets: {
      submitMyTimesheet: async () =>
        (await api('GET', `/me/timesheets/${ids.week}`, { token: h.token })).body,
      completeCompetitiveSample: async () =>
        (await api('GET', `/clients/${ids.clientId}/competitive-activity/${ids.entryId}`, { token: h.token }))
          .body.entry,
      submitEvaluation: async () =>
        (await api('GET', `/staff/${ids.staffId}/evaluations/${ids.period}`, { token: h.token })).body,
      issueContactReport: async () =>
        (await api('GET', `/contact-reports/${ids.contactReportId}`, { token: h.token })).body,
      // A send that got through would mark it sent (and email the director).
      sendWorkReport: async () => {
        const { status, version, sentTo } = await workReportNow();
        return { status, version, sentTo: sentTo ?? null };
      },
      // The report is a draft: a send again that got through would email it and add to its sendings.
      resendWorkReport: async () => {
        const { status, version, sendings } = await workReportNow();
        return { status, version, sendings: sendings ?? null };
      },
      // A finished week's report is made once: what it is (its week, version, counts) reads the same.
      generateStatusReport: async () =>
        (await api('GET', `/clients/${ids.clientId}/status-reports`, { token: h.token })).body.items,
      sendStatusReport: async () =>
        (
          await api('GET', `/clients/${ids.clientId}/status-reports/${ids.statusReportId}`, {
            token: h.token,
          })
        ).body.sentToClient ?? null,
      // Not sent to the client: a send again that got through would add to its sendings.
      resendStatusReport: async () =>
        (
          await api('GET', `/clients/${ids.clientId}/status-reports/${ids.statusReportId}`, {
            token: h.token,
          })
        ).body.sendings ?? null,
      restartContactReport: async () =>
        (await api('GET', `/contact-reports/${ids.contactReportId}`, { token: h.token })).body,
      sendPurchaseOrder: async () =>
        (await api('GET', `/jobs/${ids.jobId}/purchase-orders/${ids.purchaseOrderId}`, { token: h.token }))
          .body,
      cancelPurchaseOrder: async () =>
        (
          await api('GET', `/jobs/${ids.jobId}/purchase-orders/${spend.cancellableOrderId}`, {
            token: h.token,
          })
        ).body,
      completeDraftUpload: async () => (await api('GET', `/drafts/${ids.draftId}`, { token: h.token })).body,
      // The issued invoice: a step that got through would change it.
      reviewInvoice: invoiceNow,
      approveInvoice: invoiceNow,
      issueInvoice: invoiceNow,
      discardInvoice: invoiceNow,
      // A send that got through would add to the issued invoice's sendings.
      sendInvoice: invoiceNow,
      startReview: async () => (await rv.chain(h, toReview.draft.draftId)).reviews,
      createTimetableVersion: async () =>
        (await api('GET', `/jobs/${ids.jobId}/timetable/versions`, { token: h.token })).body.items,
      decideApproval: async () => (await api('GET', `/approvals/${ids.approvalId}`, { token: h.token })).body,
      cancelReview: async () => (await rv.chain(h, inReview.draft.draftId)).reviews,
      restartReview: async () => (await rv.chain(h, inReview.draft.draftId)).reviews,
      restartMediaChain: async () => (await api('GET', campaign, as)).body,
      startPlanReview: async () => (await rv.planChain(h, recommendation.plan.planId)).reviews,
      completeWrittenConfirmation: async () =>
        (
          await api(
            'GET',
            `/media-plans/${april.plan.planId}/versions/1/written-confirmations/${written.uploadId}`,
            as,
          )
        ).body,
      countersignWrittenConfirmation: async () => (await rv.planChain(h, april.plan.planId)).reviews,
      completeMonitoringImport: async () =>
        (await api('GET', `${campaign}/monitoring-imports/${ids.importId}`, as)).body,
      recomputeDiscrepancies: discrepancies,
      sendInsertionOrder: async () => (await api('GET', `${campaign}/bookings/${ids.bookingId}`, as)).body,
      retryMonitoringImport: async () =>
        (await api('GET', `${campaign}/monitoring-imports/${wrong.body.importId}`, as)).body,
      // Report ids only: every read mints fresh download links.
      generatePostCampaignReport: async () =>
        (await api('GET', `${campaign}/reports`, as)).body.items.map((r: fx.Json) => r.reportId),
    },
  };
}
