/**
 * Client isolation: an account executive on client A's team probes every client-scoped
 * route of the API (derived from `apiAreas`) with client B's ids (drafts, approval
 * requests, media campaigns and plans included: their ids are scoped by client like jobs;
 * a campaign's bookings, imports, discrepancies and requisitions and a plan's written
 * confirmations are reached through them). Each probe must answer 404 exactly as for a
 * missing id, say nothing of B, and change nothing; B's ids under A's own campaign or plan,
 * or in the body of a request on A's own, are answered as never-issued ones. Lists never
 * show B (the approval queue included), B's paging tokens do not open A's lists to B, and
 * a group account director sees only the clients of the account directors reporting to them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../functions/http/route-spec.js';
import { type ApiResponse, api, uniqueEmail } from '../support/api.js';
import { billingTermsBody, billingWorld } from '../support/billing.js';
import { spendWorld } from '../support/cost.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';

/** A side's media (on its first job): what B's must keep from A, and A's own for the mixed probes. */
interface Media {
  /** A contact approving media (also in the side's contacts). */
  contact: fx.Json;
  /** Campaigns on the first job; the first has everything below. */
  campaigns: fx.Json[];
  /** The March schedule (confirmed; L001 Star TV booked). */
  schedule: fx.Json;
  /** The April schedule: at the client's step, a written confirmation uploaded, not recorded. */
  april: fx.Json;
  review: fx.Json;
  upload: { uploadId: string; approvalId: string };
  booking: fx.Json;
  requisition: fx.Json;
  /** A JSON import (completed), then a CSV import (uploaded, not completed). */
  imports: fx.Json[];
  /** The account director's approval of the April schedule (decided: internal approval). */
  internalApproval: fx.Json;
  /** The unbooked delivery of a placement only this side's vendor has. */
  placement: string;
  discrepancy: fx.Json;
  reports: fx.Json[];
}

interface Side {
  client: fx.Json;
  contacts: fx.Json[];
  brands: fx.Json[];
  jobs: fx.Json[];
  /** Drafts on the first job; the first has version 1 uploaded and recorded. */
  drafts: fx.Json[];
  line: fx.AccountLine;
  /** The review of the first draft (started by the AE), waiting for its internal step. */
  reviews: fx.Json[];
  /** Its approval requests: the AM's, then the AD's. */
  approvals: fx.Json[];
  /** The first job's schedule, timetable version 1 and a creative brief (traffic). */
  brief?: fx.Json;
  /** A store check recorded for the client (the client record's competitive activity). */
  competitiveEntry?: fx.Json;
  /** A draft estimate of the first job (cost). */
  estimate?: fx.Json;
  /** A contact report (draft) with a next step of the AE's. */
  contactReport?: fx.Json;
  media?: Media;
  /** A purchase order on the first job (its estimate signed), a month's reconciliation (spend). */
  spend?: { order: fx.Json; month: string };
  /** An issued invoice of the first job, an unapplied payment (billing). */
  billing?: { invoice: fx.Json; payment: fx.Json };
}

let h: fx.Person;
let gad1: fx.Person;
let gad2: fx.Person;
let A: Side;
let B: Side;
/** A second client of B's account line, so B's team sees more than one client. */
let B2: Side;

const queryKeys = (route: RouteSpec): string[] => Object.keys((route.query as fx.Json)?.shape ?? {});
const bodyKeys = (route: RouteSpec): string[] => {
  const shape = (route.body as fx.Json)?.shape ?? (route.body as fx.Json)?.def?.shape;
  return shape ? Object.keys(shape) : [];
};

/** Estimate lines (any side's: the body names no client). */
const strangerLines = [
  {
    category: 'other',
    description: 'A stranger’s line',
    quantity: 1,
    unitCost: fx.usd(10),
    markupPercent: 0,
  },
];

/** A well-formed id that no one was ever issued. */
const neverIssued = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/**
 * Path parameters naming something of one client (its id, or an id scoped by it), and the
 * others: each parameter of every route must be one or the other, so a route with a new
 * kind of id is probed here, never left out silently.
 */
const clientScopedParams = [
  'clientId',
  'jobId',
  'draftId',
  'approvalId',
  'reviewId',
  'campaignId',
  'planId',
  'briefId',
  'estimateId',
  'contactReportId',
  'invoiceId',
  'paymentId',
];
/** Children of a campaign: always under {campaignId} (bookings and requisitions have scoped ids too). */
const campaignChildren = ['bookingId', 'requisitionId', 'importId', 'discrepancyId', 'reportId'];
const otherParams = [
  'staffId', // staff are the agency's, not a client's
  'contactId', // always under {clientId}
  'brandId', // always under {clientId}
  'n', // a version number, under {draftId} or {planId}
  'token', // an emailed link's token: the approval page, a document link (public)
  'format', // a report file's format (html, csv), always under {reportId}
  ...campaignChildren,
  'uploadId', // a written confirmation's upload, always under {planId}
  'milestoneId', // a milestone of a schedule, always under {jobId}
  'proposalId', // a proposed schedule change, always under {jobId}
  'jobType', // schedule templates are the agency's, not a client's
  'entryId', // a competitive entry, always under {clientId}
  'pitchId', // pitches are the agency's: the prospect is not a client yet
  'period', // an evaluation's half year, under {staffId}
  'stepId', // a next step of a contact report, always under {contactReportId}
  'vendorId', // the vendor register is the agency's, not a client's
  'purchaseOrderId', // a purchase order, always under {jobId}
  'month', // a calendar month, under {clientId} (reconciliations) or {brandId} (forecasts)
  'statusReportId', // a status report's period, always under {clientId}
  'role', // a staff role (rates), agency-wide or under {clientId}
  'week', // an ISO week of a staff member's timesheet, under /me or {staffId}
];

/** Well-formed ids no one was issued, for each kind of child id (scoped under `clientId`). */
const neverIssuedChildren = (clientId: string): Record<string, string> => ({
  bookingId: `${clientId}_${neverIssued}`,
  requisitionId: `${clientId}_${neverIssued}`,
  importId: neverIssued,
  discrepancyId: 'unbooked.0000000000000000.unbooked_delivery',
  uploadId: neverIssued,
  reportId: neverIssued,
});

/** Every id of a side, by path parameter (and the body ids some routes take). */
function idsOf(side: Side): Record<string, string> {
  const m = side.media;
  return {
    clientId: side.client.clientId,
    contactId: side.contacts[0].contactId,
    brandId: side.brands[0].brandId,
    jobId: side.jobs[0].jobId,
    draftId: side.drafts[0].draftId,
    n: '1',
    approvalId: side.approvals[0].approvalId,
    reviewId: side.reviews[0].reviewId,
    milestoneId: 'M001',
    proposalId: neverIssued,
    jobType: 'campaign',
    entryId: side.competitiveEntry?.entryId ?? `${side.client.clientId}_${neverIssued}`,
    pitchId: neverIssued,
    period: '2026-H1',
    purchaseOrderId: side.spend?.order.purchaseOrderId ?? `${side.client.clientId}_${neverIssued}`,
    month: side.spend?.month ?? '2027-01',
    invoiceId: side.billing?.invoice.invoiceId ?? `${side.client.clientId}_${neverIssued}`,
    paymentId: side.billing?.payment.paymentId ?? `${side.client.clientId}_${neverIssued}`,
    statusReportId: 'weekly-2026-11-02',
    role: 'account_executive',
    week: '2026-W45',
    ...(side.brief ? { briefId: side.brief.briefId } : {}),
    ...(side.estimate ? { estimateId: side.estimate.estimateId } : {}),
    ...(side.contactReport ? { contactReportId: side.contactReport.reportId, stepId: 'N001' } : {}),
    ...(m
      ? {
          campaignId: m.campaigns[0].campaignId,
          planId: m.april.planId,
          schedulePlanId: m.schedule.plan.planId,
          mediaContactId: m.contact.contactId,
          bookingId: m.booking.bookingId,
          requisitionId: m.requisition.requisitionId,
          importId: (m.imports[1] ?? m.imports[0]).importId,
          discrepancyId: m.discrepancy.discrepancyId,
          uploadId: m.upload.uploadId,
          reportId: m.reports[0]!.reportId,
          format: 'csv',
        }
      : {}),
  };
}

const ulidOf = (scopedId: string): string => scopedId.split('_')[1] ?? '';

/** Client-scoped: a client's id in the path, or a client named in the query or body. */
const isClientScoped = (route: RouteSpec): boolean =>
  fx.pathParams(route.path).some((p) => clientScopedParams.includes(p)) ||
  queryKeys(route).includes('clientId') ||
  bodyKeys(route).includes('clientId');

/** Every string of a side's media that must never reach the other side's staff. */
function mediaSecretsOf(m: Media | undefined): string[] {
  if (!m) return [];
  const scoped = (id: string) => [id, ulidOf(id)];
  return [
    ...m.campaigns.flatMap((c) => [...scoped(c.campaignId), c.name]),
    ...[m.schedule.plan.planId, m.april.planId].flatMap(scoped),
    ...scoped(m.review.reviewId),
    m.review.message,
    m.upload.uploadId,
    ...scoped(m.upload.approvalId),
    ...scoped(m.booking.bookingId),
    ...scoped(m.requisition.requisitionId),
    m.requisition.format,
    ...m.imports.flatMap((i) => [i.importId, ...(i.fileName ? [i.fileName] : [])]),
    m.placement,
    m.discrepancy.discrepancyId,
    ...m.reports.map((r) => r.reportId),
  ];
}

/** Every string of a side that must never reach the other side's staff. */
function secretsOf(side: Side): string[] {
  const { client, contacts, brands, jobs, drafts, line, reviews, approvals } = side;
  return [
    ...mediaSecretsOf(side.media),
    client.clientId,
    client.name,
    client.code,
    ...contacts.flatMap((c) => [c.contactId, c.name, c.email]),
    ...brands.flatMap((b) => [b.brandId, b.name]),
    ...jobs.flatMap((j) => [j.jobId, j.jobId.split('_')[1], j.title, j.jobNumber]),
    ...drafts.flatMap((d) => [d.draftId, d.draftId.split('_')[1], d.title]),
    ...reviews.flatMap((r) => [r.reviewId, r.reviewId.split('_')[1], r.message]),
    ...approvals.flatMap((a) => [a.approvalId, a.approvalId.split('_')[1]]),
    ...(side.brief ? [side.brief.briefId, side.brief.briefId.split('_')[1], side.brief.title] : []),
    ...(side.competitiveEntry
      ? [
          side.competitiveEntry.entryId,
          ulidOf(side.competitiveEntry.entryId),
          side.competitiveEntry.competitorBrand,
        ]
      : []),
    ...(side.estimate
      ? [side.estimate.estimateId, side.estimate.estimateId.split('_')[1], side.estimate.title]
      : []),
    ...(side.contactReport
      ? [
          side.contactReport.reportId,
          side.contactReport.reportId.split('_')[1],
          side.contactReport.draft.subject,
        ]
      : []),
    ...(side.billing
      ? [side.billing.invoice.invoiceId, side.billing.payment.paymentId].flatMap((id) => [id, ulidOf(id)])
      : []),
    ...Object.values(line).flatMap((s) => [s.staff.staffId, s.staff.name, s.staff.email]),
  ];
}

function expectNothingOf(side: Side, res: ApiResponse<fx.Json>, sentIn: string, context: string): void {
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  for (const secret of secretsOf(side)) {
    if (sentIn.includes(secret)) continue;
    expect(text.includes(secret), `${context}: the response shows ${secret}: ${text.slice(0, 400)}`).toBe(
      false,
    );
  }
}

function expectNotFound(res: ApiResponse<fx.Json>, context: string): void {
  const detail = `${context} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect(res.status, detail).toBe(404);
  expect(res.headers.get('content-type'), detail).toMatch(/^application\/problem\+json/);
  expect(res.body.code, detail).toBe('not_found');
}

async function version(path: string): Promise<number | undefined> {
  const res = await api('GET', path, { token: h.token });
  if (res.status !== 200) return undefined;
  // The ETag is what If-Match answers (a resource shown with its version, e.g. an estimate's draft, tags that).
  const tag = res.headers.get('etag')?.replaceAll('"', '');
  return tag ? Number(tag) : res.body.version;
}

/** A plausible, valid body for each write route (as its own team would send it). */
function validBody(route: RouteSpec, ids: Record<string, string>): unknown {
  switch (route.operationId) {
    case 'updateClient':
      return { status: 'active', intake: { marketingPlan: 'Overwritten by a stranger.' } };
    case 'createContact':
      return {
        name: 'Stranger Contact',
        email: uniqueEmail('stranger'),
        level: 'brand',
        approves: ['media'],
      };
    case 'updateContact':
      return { title: 'Hijacked', active: false };
    case 'createBrand':
      return { name: 'Stranger Brand' };
    case 'updateBrand':
      return { name: 'Hijacked Brand' };
    case 'putTeam':
      return { members: [{ staffId: A.line.ae.staff.staffId, role: 'account_executive' }] };
    case 'openJob':
      return { clientId: ids.clientId, brandId: ids.brandId, title: 'Stranger Job', type: 'pr' };
    case 'updateJob':
      return { title: 'Hijacked Job', status: 'in_progress' };
    case 'createDraft':
      return {
        title: 'Stranger Draft',
        kind: 'artwork',
        specs: fx.artworkSpecs,
        file: { name: 'stranger.png', contentType: 'image/png' },
      };
    case 'createDraftVersion':
      return { file: { name: 'stranger.png', contentType: 'image/png' } };
    case 'startReview':
      return {
        approvalMode: 'any',
        clientApproverIds: [B.contacts[0].contactId],
        message: 'A stranger asks for sign-off.',
      };
    case 'decideApproval':
      return { decision: 'approve', comment: 'Approved by a stranger.' };
    case 'cancelReview':
      return { reason: 'Cancelled by a stranger.' };
    case 'createMediaCampaign':
      return {
        name: 'Stranger campaign',
        flightStart: '2027-03-01',
        flightEnd: '2027-04-30',
        budget: fx.usd(1000),
        kpis: [{ metric: 'clicks', target: 10 }],
        brief: { ...md.brief, mandatories: 'A stranger was here.' },
      };
    case 'reviseMediaBrief':
      return { ...md.brief, objective: 'Overwritten by a stranger.' };
    case 'createMediaPlanVersion':
      return {
        kind: 'monthly_schedule',
        month: '2027-04',
        lines: [md.tvLine('2027-04-01', '2027-04-30', 1)],
        notes: 'A stranger’s schedule.',
      };
    case 'createBooking':
      // The other side's confirmed March schedule: bookable lines, were it the caller's.
      return {
        planId: ids.schedulePlanId ?? ids.planId,
        version: 1,
        lineIds: ['L002'],
        vendorContact: { name: 'Stranger Vendor', email: 'stranger@vendor.example' },
        notes: 'Stranger order',
      };
    case 'updateBooking':
      return { status: 'cancelled', vendorReference: 'STRANGER-1' };
    case 'createMonitoringImport':
      return {
        rows: [{ date: '2027-03-09', vendor: 'Stranger TV', placement: 'Any', units_delivered: 1, cost: 1 }],
      };
    case 'resolveDiscrepancy':
      return { status: 'resolved', makegood: { units: 0, note: 'Waived by a stranger.' } };
    case 'createMaterialRequisition':
      return { format: 'Stranger format', deliveryDeadline: '2027-02-20' };
    case 'linkMaterial':
      return { draftId: ids.draftId, draftVersion: 1 };
    case 'startPlanReview':
      return {
        approvalMode: 'any',
        clientApproverIds: [ids.mediaContactId ?? ids.contactId],
        message: 'A stranger asks.',
      };
    case 'requestWrittenConfirmation':
      return {
        contactId: ids.mediaContactId ?? ids.contactId,
        file: { name: 'stranger.pdf', contentType: 'application/pdf' },
      };
    case 'completeWrittenConfirmation':
      return { comment: 'Confirmed by a stranger.' };
    case 'countersignWrittenConfirmation':
      return { decision: 'countersign' };
    case 'replaceMonitoringImport':
      return { fileName: 'stranger.csv' };
    case 'createSchedule':
      return { startDate: '2027-01-04' };
    case 'previewScheduleChange':
    case 'changeSchedule':
      return { moves: [{ milestoneId: 'M001', start: '2027-01-05' }] };
    case 'recordMilestoneProgress':
      return { status: 'in_progress' };
    case 'proposeScheduleChange':
      return { milestoneId: 'M001', durationDays: 12, reason: 'A stranger proposes.' };
    case 'decideScheduleProposal':
      return { decision: 'accept' };
    case 'createBrief':
      return { kind: 'creative', title: 'A stranger’s brief' };
    case 'reviseBrief':
      return { title: 'Overwritten by a stranger.' };
    case 'startBriefReview':
      return { message: 'A stranger asks.' };
    case 'startTimetableReview':
      return { message: 'A stranger asks.' };
    case 'createCompetitiveEntry':
      return {
        kind: 'store_check',
        competitorBrand: 'A stranger’s rival',
        category: 'Tea',
        store: 'MegaMart',
        seenFrom: '2027-01-04',
        seenTo: '2027-01-04',
      };
    case 'citeCompetitiveEntry':
      return { entryId: ids.entryId };
    case 'createEstimate':
      return { title: 'A stranger’s estimate', currency: 'USD', lines: strangerLines };
    case 'previewEstimate':
      return { currency: 'USD', lines: strangerLines };
    case 'reviseEstimate':
    case 'updateEstimateDraft':
      return { lines: strangerLines };
    case 'startEstimateReview':
      return { message: 'A stranger asks.' };
    case 'createContactReport':
      return {
        meetingAt: '2026-11-02T10:00:00Z',
        subject: 'A stranger’s minutes',
        agencyAttendees: [],
        clientAttendees: [ids.contactId],
      };
    case 'updateContactReport':
      return { subject: 'Overwritten by a stranger.' };
    case 'setNextStepProgress':
      return { status: 'done' };
    case 'createPurchaseOrder':
      return {
        vendorId: neverIssued,
        category: 'production',
        lines: [
          { estimateLineId: 'L001', description: 'A stranger orders.', quantity: 1, unitCost: fx.usd(10) },
        ],
      };
    case 'cancelPurchaseOrder':
      return { reason: 'A stranger cancels.' };
    case 'recordVendorBill':
      return {
        purchaseOrderId: ids.purchaseOrderId,
        billNumber: 'STRANGER-1',
        billDate: '2027-01-10',
        lines: [{ lineNumber: 1, quantity: 1, amount: fx.usd(10) }],
      };
    case 'putBrandForecast':
      return { clientId: ids.clientId, amount: fx.usd(1) };
    case 'explainVariance':
      return { rowId: ids.brandId, kind: 'committed_vs_forecast', reason: 'A stranger explains.' };
    case 'generateStatusReport':
      return { weekOf: '2026-11-04' };
    case 'putBillRate':
      return { hourlyRate: fx.usd(1), effectiveFrom: '2027-01-01' };
    case 'putBillingTerms':
      return billingTermsBody(ids.contactId ?? '');
    case 'draftInvoice':
      return { notes: 'A stranger bills.' };
    case 'updateDraftInvoice':
      return { notes: 'Overwritten by a stranger.' };
    case 'draftCreditNote':
      return { reason: 'A stranger credits.', lines: [{ lineId: 'I001', amount: fx.usd(1) }] };
    case 'recordPayment':
      return { amount: fx.usd(1), receivedOn: '2026-01-10', reference: 'STRANGER-1' };
    case 'applyPayment':
      return { invoiceId: ids.invoiceId, amount: fx.usd(1) };
    case 'setReportCadence':
      return { frequency: 'none', weekday: 1 };
    default:
      if (route.body)
        throw new Error(`No valid body for ${route.operationId}: add one to cross-client.test.ts.`);
      return undefined;
  }
}

const outcome = (res: ApiResponse<fx.Json>) =>
  res.status === 200 ? `200 items=${res.body.items?.length ?? 'one'}` : `${res.status} ${res.body?.code}`;

interface Probe {
  route: RouteSpec;
  label: string;
  ids: Record<string, string>;
  query?: Record<string, string>;
  /**
   * Mixed probes (A's client with one of B's ids): A's client is AE_A's to see, so the
   * answer must be exactly the one for an id that was never issued (`twin`).
   */
  twin?: { ids: Record<string, string>; query?: Record<string, string> };
}

/** The query a route cannot be asked without (a list of one category in a period). */
const requiredQuery: Record<string, Record<string, string>> = {
  listCompetitiveActivity: { category: 'Tea', from: '2027-01-01', to: '2027-12-31' },
  getClientProfit: { from: '2027-01-01', to: '2027-12-31' },
};

/** The probes of one route: B's ids everywhere, and B's children under A's client. */
function probesFor(route: RouteSpec): Probe[] {
  const params = fx.pathParams(route.path);
  const bIds = idsOf(B);
  const aIds = idsOf(A);
  const aClient = A.client.clientId;
  const probes: Probe[] = [];
  const hasQueryClient = queryKeys(route).includes('clientId');
  if (params.length > 0 || bodyKeys(route).includes('clientId')) {
    probes.push({ route, label: 'B ids', ids: bIds });
  }
  // (A month or a week is no one's id: A's client with a month is A's own reconciliation, with a
  // week A's own status report, not B's.)
  if (
    params.includes('clientId') &&
    params.some((p) => p !== 'clientId' && p !== 'month' && p !== 'statusReportId')
  ) {
    const mixed = { ...bIds, clientId: A.client.clientId };
    probes.push({
      route,
      label: "A's client, B's child",
      ids: mixed,
      twin: { ids: { ...mixed, contactId: neverIssued, brandId: neverIssued } },
    });
  }
  if (params.includes('jobId')) {
    const forged = `${A.client.clientId}_${B.jobs[0].jobId.split('_')[1]}`;
    probes.push({
      route,
      label: "B's job under A's client id",
      ids: { ...bIds, jobId: forged },
      twin: { ids: { ...bIds, jobId: `${A.client.clientId}_${neverIssued}` } },
    });
  }
  if (params.includes('draftId')) {
    const forged = `${A.client.clientId}_${B.drafts[0].draftId.split('_')[1]}`;
    probes.push({
      route,
      label: "B's draft under A's client id",
      ids: { ...bIds, draftId: forged },
      twin: { ids: { ...bIds, draftId: `${A.client.clientId}_${neverIssued}` } },
    });
  }
  if (params.includes('approvalId')) {
    const forged = `${A.client.clientId}_${B.approvals[0].approvalId.split('_')[1]}`;
    probes.push({
      route,
      label: "B's approval under A's client id",
      ids: { ...bIds, approvalId: forged },
      twin: { ids: { ...bIds, approvalId: `${A.client.clientId}_${neverIssued}` } },
    });
  }
  if (params.includes('reviewId')) {
    const forged = `${A.client.clientId}_${ulidOf(B.reviews[0].reviewId)}`;
    probes.push({
      route,
      label: "B's review under A's client id",
      ids: { ...bIds, reviewId: forged },
      twin: { ids: { ...bIds, reviewId: `${A.client.clientId}_${neverIssued}` } },
    });
  }
  // Media: B's campaign or plan under A's client id; B's children under A's own campaign or plan;
  // B's booking or requisition under A's client id, in A's campaign.
  for (const scoped of ['campaignId', 'planId'] as const) {
    if (!params.includes(scoped)) continue;
    probes.push({
      route,
      label: `B's ${scoped.replace('Id', '')} under A's client id`,
      ids: { ...bIds, [scoped]: `${aClient}_${ulidOf(bIds[scoped] ?? '')}` },
      twin: { ids: { ...bIds, [scoped]: `${aClient}_${neverIssued}` } },
    });
  }
  const children = params.filter((p) => campaignChildren.includes(p));
  if (params.includes('campaignId') && children.length > 0) {
    const mixed = { ...bIds, campaignId: aIds.campaignId ?? '' };
    probes.push({
      route,
      label: `A's campaign, B's ${children.join('+')}`,
      ids: mixed,
      twin: { ids: { ...mixed, ...neverIssuedChildren(aClient) } },
    });
    for (const child of children.filter((c) => c === 'bookingId' || c === 'requisitionId')) {
      probes.push({
        route,
        label: `A's campaign, B's ${child.replace('Id', '')} under A's client id`,
        ids: { ...mixed, [child]: `${aClient}_${ulidOf(bIds[child] ?? '')}` },
        twin: { ids: { ...mixed, [child]: `${aClient}_${neverIssued}` } },
      });
    }
  }
  if (params.includes('planId') && params.includes('uploadId')) {
    const mixed = { ...bIds, planId: aIds.planId ?? '' };
    probes.push({
      route,
      label: "A's plan, B's upload",
      ids: mixed,
      twin: { ids: { ...mixed, uploadId: neverIssued } },
    });
  }
  // B's ids in the body of a request on A's own campaign, requisition or plan.
  const bodyIds: Record<string, [label: string, ids: Record<string, string>, twin: Record<string, string>]> =
    {
      createBooking: [
        "B's confirmed schedule (body)",
        { ...aIds, schedulePlanId: bIds.schedulePlanId ?? '' },
        { ...aIds, schedulePlanId: `${aClient}_${neverIssued}` },
      ],
      linkMaterial: [
        "B's draft (body)",
        { ...aIds, draftId: bIds.draftId ?? '' },
        { ...aIds, draftId: `${neverIssued}_${neverIssued}` },
      ],
      requestWrittenConfirmation: [
        "B's media contact (body)",
        { ...aIds, mediaContactId: bIds.mediaContactId ?? '' },
        { ...aIds, mediaContactId: neverIssued },
      ],
    };
  const bodyProbe = bodyIds[route.operationId];
  if (bodyProbe) {
    const [label, ids, twin] = bodyProbe;
    probes.push({ route, label: `A's own path, ${label}`, ids, twin: { ids: twin } });
  }
  if (bodyKeys(route).includes('clientId') && bodyKeys(route).includes('brandId')) {
    probes.push({
      route,
      label: "A's client, B's brand (body)",
      ids: { ...bIds, clientId: A.client.clientId },
      twin: { ids: { ...bIds, clientId: A.client.clientId, brandId: neverIssued } },
    });
  }
  if (hasQueryClient) {
    const keys = queryKeys(route);
    const variants: Record<string, string>[] = [{ clientId: B.client.clientId }];
    if (keys.includes('brandId'))
      variants.push({ clientId: B.client.clientId, brandId: B.brands[0].brandId });
    if (keys.includes('ownerId'))
      variants.push({ clientId: B.client.clientId, ownerId: B.line.ae.staff.staffId });
    if (keys.includes('status')) variants.push({ clientId: B.client.clientId, status: 'open' });
    if (keys.includes('limit')) variants.push({ clientId: B.client.clientId, limit: '100' });
    for (const query of variants)
      probes.push({ route, label: `query ${Object.keys(query).join('+')}=B`, ids: bIds, query });
    if (keys.includes('brandId')) {
      probes.push({
        route,
        label: "query A's client + B's brand",
        ids: bIds,
        query: { clientId: A.client.clientId, brandId: B.brands[0].brandId },
        twin: { ids: bIds, query: { clientId: A.client.clientId, brandId: neverIssued } },
      });
    }
    if (keys.includes('ownerId')) {
      probes.push({
        route,
        label: "query A's client + B's owner",
        ids: bIds,
        query: { clientId: A.client.clientId, ownerId: B.line.ae.staff.staffId },
        twin: { ids: bIds, query: { clientId: A.client.clientId, ownerId: neverIssued } },
      });
    }
  }
  return probes;
}

async function runProbe(
  probe: Probe,
  as: fx.Person,
): Promise<{ res: ApiResponse<fx.Json>; sentIn: string; context: string }> {
  const { route } = probe;
  const path = fx.fillPath(route.path, probe.ids);
  const fullQuery = { ...requiredQuery[route.operationId], ...probe.query };
  const query = Object.keys(fullQuery).length > 0 ? `?${new URLSearchParams(fullQuery)}` : '';
  const body = route.body ? validBody(route, probe.ids) : undefined;
  const headers: Record<string, string> = {};
  if (route.optimisticLock) {
    const v = await version(path);
    headers['if-match'] = `"${v ?? 1}"`;
  }
  if (route.idempotent) headers['idempotency-key'] = `cross-${crypto.randomUUID()}`;
  const res = await api(route.method, `${path}${query}`, { token: as.token, body, headers });
  return {
    res,
    sentIn: `${path}${query}${JSON.stringify(body ?? '')}`,
    context: `${route.method} ${route.path} [${probe.label}] as AE_A: ${path}${query}`,
  };
}

beforeAll(async () => {
  const agency = await fx.buildAgency();
  h = agency.head;
  gad1 = agency.gad;
  gad2 = await fx.appoint(h, 'group_account_director', h, fx.uniqueName('GAD two'));
  const lineA: fx.AccountLine = { ad: agency.ad, am: agency.am, ae: agency.ae };
  const lineB = await fx.accountLine(h, gad2, 'B');
  const side = async (line: Side['line'], jobs: number, extra: number, drafts = 1): Promise<Side> => {
    const { client, brand, contact } = await fx.readyClient(h, [line.ad, line.am, line.ae]);
    const contacts = [contact];
    const brands = [brand];
    for (let i = 0; i < extra; i++) {
      contacts.push(await fx.createContact(h, client.clientId));
      brands.push(await fx.createBrand(h, client.clientId));
    }
    const opened = [];
    for (let i = 0; i < jobs; i++) opened.push(await fx.openJob(line.ae, client.clientId, brand.brandId));
    const made = [];
    for (let i = 0; i < drafts; i++) {
      const { draft, version, upload } = await fx.createDraft(line.ae, opened[0].jobId);
      if (i === 0) {
        await fx.uploadFile(upload, png(1080, 1920), 'image/png');
        const recorded = await api('POST', `/drafts/${draft.draftId}/versions/${version.number}/complete`, {
          token: line.ae.token,
        });
        fx.expectStatus(recorded, 200, 'POST /drafts/{draftId}/versions/{n}/complete');
      }
      made.push(draft);
    }
    const fresh = await api('GET', `/clients/${client.clientId}`, { token: h.token });
    return {
      client: fresh.body,
      contacts,
      brands,
      jobs: opened,
      drafts: made,
      line,
      reviews: [],
      approvals: [],
    };
  };
  A = await side(lineA, 1, 0);
  B = await side(lineB, 2, 1, 2);
  B2 = await side(lineB, 1, 0);
  // A review of each side's first draft, waiting for its AM and AD (B's AM and AD then have
  // two approvals each, B's and B2's). Its workflow writes nothing more once the step is notified.
  for (const s of [A, B, B2]) {
    const draftId = s.drafts[0].draftId;
    s.reviews.push(await rv.startReview(s.line.ae, draftId, 1, { message: fx.uniqueName('Review note') }));
    await rv.stepOpened(s.line.ae, draftId, 1);
    const approvals = (await rv.chain(h, draftId)).reviews[0].approvals;
    for (const who of [s.line.am, s.line.ad]) {
      const approval = approvals.find((a: fx.Json) => a.assignee.staffId === who.staff.staffId);
      expect(approval, `${who.staff.role}'s approval of ${draftId}`).toBeDefined();
      s.approvals.push(approval);
    }
  }
  // Spend for A and B: an order on the first job, a reconciled month.
  for (const s of [A, B])
    s.spend = await spendWorld(h, s.client.clientId, s.brands[0].brandId, s.jobs[0].jobId);
  // Billing for A and B: the first job's signed work invoiced and issued, a payment.
  for (const s of [A, B])
    s.billing = await billingWorld(h, s.client.clientId, s.contacts[0].contactId, s.jobs[0].jobId);
  // Traffic for A and B: the first job's schedule, its timetable version 1, a creative brief.
  for (const s of [A, B]) {
    const jobId = s.jobs[0].jobId;
    fx.expectStatus(
      await api('POST', `/jobs/${jobId}/schedule`, {
        token: s.line.ae.token,
        body: { startDate: '2027-01-04' },
      }),
      201,
    );
    fx.expectStatus(await api('POST', `/jobs/${jobId}/timetable/versions`, { token: s.line.ae.token }), 201);
    const brief = await api('POST', `/jobs/${jobId}/briefs`, {
      token: s.line.ae.token,
      body: { kind: 'creative', title: fx.uniqueName('Brief') },
    });
    fx.expectStatus(brief, 201);
    s.brief = brief.body.brief;
    const entry = await api('POST', `/clients/${s.client.clientId}/competitive-activity`, {
      token: s.line.ae.token,
      body: {
        kind: 'store_check',
        competitorBrand: fx.uniqueName('Rival'),
        category: 'Tea',
        store: 'MegaMart',
        seenFrom: '2027-01-04',
        seenTo: '2027-01-04',
      },
    });
    fx.expectStatus(entry, 201);
    s.competitiveEntry = entry.body.entry;
    const estimate = await api('POST', `/jobs/${jobId}/estimates`, {
      token: s.line.ae.token,
      body: { title: fx.uniqueName('Estimate'), currency: 'USD', lines: strangerLines },
    });
    fx.expectStatus(estimate, 201);
    s.estimate = estimate.body.estimate;
    const report = await api('POST', `/clients/${s.client.clientId}/contact-reports`, {
      token: s.line.ae.token,
      body: {
        meetingAt: '2026-11-02T10:00:00Z',
        subject: fx.uniqueName('Minutes'),
        agencyAttendees: [s.line.ae.staff.staffId],
        clientAttendees: [s.contacts[0].contactId],
        nextSteps: [
          {
            action: 'Send the storyboard',
            owner: { kind: 'staff', staffId: s.line.ae.staff.staffId },
            due: '2026-11-09',
          },
        ],
      },
    });
    fx.expectStatus(report, 201);
    s.contactReport = report.body;
    // A finished week's status report (it names the side's jobs and contact reports).
    const status = await api('POST', `/clients/${s.client.clientId}/status-reports`, {
      token: s.line.ae.token,
      body: { weekOf: '2026-11-04' },
    });
    fx.expectStatus(status, 200);
  }
  // Media for A and B (B with two campaigns and two reports, so its lists have second pages).
  A.media = await addMedia(A, 1, 1);
  B.media = await addMedia(B, 2, 2);
});

/**
 * A side's media on its first job, as its account team would set it up: a contact approving
 * media; campaigns (each media chain parked at the recommendation); the first one's March
 * schedule confirmed and L001 booked, with a material requisition; a JSON import (a row of
 * Star TV's booked line, and one of a placement only this side has: an unbooked-delivery
 * discrepancy) and a CSV import uploaded but not completed; the April schedule at the client's
 * step with a written confirmation uploaded; on-demand reports.
 */
async function addMedia(s: Side, campaigns: number, reports: number): Promise<Media> {
  const { ae } = s.line;
  const contact = await api('POST', `/clients/${s.client.clientId}/contacts`, {
    token: h.token,
    body: {
      name: fx.uniqueName('Media approver'),
      email: uniqueEmail('media'),
      level: 'senior',
      approves: ['media'],
    },
  });
  fx.expectStatus(contact, 201, 'POST /clients/{clientId}/contacts (media)');
  s.contacts.push(contact.body);
  const opened: fx.Json[] = [];
  for (let i = 0; i < campaigns; i++) {
    const res = await api('POST', `/jobs/${s.jobs[0].jobId}/media-campaigns`, {
      token: ae.token,
      body: {
        name: fx.uniqueName('Flight'),
        flightStart: '2027-03-01',
        flightEnd: '2027-04-30',
        budget: fx.usd(500_000),
        kpis: [{ metric: 'impressions', target: 20_000_000 }],
        brief: md.brief,
      },
    });
    fx.expectStatus(res, 201, 'POST /jobs/{jobId}/media-campaigns');
    expect(await md.chainParked(res.body.campaignId)).toBe('AwaitRecommendation');
    opened.push(res.body);
  }
  const setup: md.MediaSetup = {
    agency: { ...s.line } as fx.Agency,
    client: s.client,
    contact: contact.body,
    jobId: s.jobs[0].jobId,
    campaign: opened[0],
  };
  const campaign = `/media-campaigns/${opened[0].campaignId}`;
  const as = { token: ae.token };
  await md.registeredMediaVendors(s.line);
  const schedule = await md.confirmedSchedule(setup);
  const booking = await api('POST', `${campaign}/bookings`, {
    ...as,
    body: {
      planId: schedule.plan.planId,
      version: 1,
      lineIds: ['L001'],
      vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
    },
  });
  fx.expectStatus(booking, 201, 'POST bookings');
  const requisition = await api('POST', `${campaign}/bookings/${booking.body.bookingId}/materials`, {
    ...as,
    body: {
      lineId: 'L001',
      format: fx.uniqueName('TVC 30s'),
      durationSeconds: 30,
      deliveryDeadline: '2027-02-20',
    },
  });
  fx.expectStatus(requisition, 201, 'POST materials');
  const placement = fx.uniqueName('Night slot');
  const json = await api('POST', `${campaign}/monitoring-imports`, {
    ...as,
    body: {
      rows: [
        {
          date: '2027-03-02',
          vendor: 'Star TV',
          placement: 'Prime time 30s',
          units_delivered: 3,
          cost: 4500,
        },
        { date: '2027-03-03', vendor: 'Radio One', placement, units_delivered: 5, cost: 500 },
      ],
    },
  });
  fx.expectStatus(json, 201, 'POST monitoring-imports (JSON)');
  expect(json.body).toMatchObject({ status: 'completed', rowsStored: 2, rowsMatched: 1 });
  const csv = await api('POST', `${campaign}/monitoring-imports`, {
    ...as,
    body: { fileName: `${fx.uniqueName('monitoring')}.csv` },
  });
  fx.expectStatus(csv, 201, 'POST monitoring-imports (CSV)');
  await fx.uploadFile(
    csv.body.upload,
    new TextEncoder().encode(
      `date,vendor,placement,units_delivered,cost\n2027-03-04,Radio One,${placement},1,100\n`,
    ),
    'text/csv',
  );
  const discrepancy = (await api('GET', `${campaign}/discrepancies`, as)).body.items.find((d: fx.Json) =>
    d.detail.includes(placement),
  );
  expect(discrepancy, 'the unbooked delivery of the side’s own placement').toMatchObject({ status: 'open' });
  const april = await md.planVersion(ae, opened[0].campaignId, {
    kind: 'monthly_schedule',
    month: '2027-04',
    lines: [md.tvLine('2027-04-01', '2027-04-30'), md.onlineLine('2027-04-01', '2027-04-30')],
  });
  const review = await md.planAtClientStep(setup, april.plan.planId, 1);
  const internalApproval = review.approvals.find((a: fx.Json) => a.assignee.kind === 'staff');
  expect(internalApproval).toMatchObject({
    status: 'decided',
    assignee: { staffId: s.line.ad.staff.staffId },
  });
  const upload = await md.writtenConfirmationUploaded(setup, april.plan.planId, 1);
  const made: fx.Json[] = [];
  for (let i = 0; i < reports; i++) {
    const report = await api('POST', `${campaign}/post-campaign-report`, as);
    fx.expectStatus(report, 201, 'POST post-campaign-report');
    made.push(report.body);
  }
  return {
    contact: contact.body,
    campaigns: opened,
    schedule,
    april: april.plan,
    review,
    upload,
    booking: booking.body,
    requisition: requisition.body,
    imports: [json.body, csv.body],
    internalApproval,
    placement,
    discrepancy,
    reports: made,
  };
}

/** Everything of a side's media, as the head reads it (reports without their freshly minted links). */
async function mediaStateOf(side: Side): Promise<Record<string, unknown>> {
  const m = side.media as Media;
  const campaign = `/media-campaigns/${m.campaigns[0].campaignId}`;
  const get = async (path: string) => {
    const res = await api('GET', path, { token: h.token });
    fx.expectStatus(res, 200, `GET ${path}`);
    return res.body;
  };
  return {
    campaignsOfJob: await fx.listAll(`/jobs/${side.jobs[0].jobId}/media-campaigns`, h),
    campaigns: await Promise.all(m.campaigns.map((c) => get(`/media-campaigns/${c.campaignId}`))),
    briefs: await get(`${campaign}/brief/versions`),
    planList: await fx.listAll(`${campaign}/plans`, h),
    plans: await Promise.all([m.schedule.plan.planId, m.april.planId].map((id) => get(`/media-plans/${id}`))),
    approvals: (await rv.planChain(h, m.april.planId)).reviews,
    bookings: await get(`${campaign}/bookings`),
    materials: await get(`${campaign}/materials`),
    imports: await Promise.all(m.imports.map((i) => get(`${campaign}/monitoring-imports/${i.importId}`))),
    rows: await fx.listAll(`${campaign}/delivery-rows`, h),
    discrepancies: await get(`${campaign}/discrepancies`),
    reports: (await fx.listAll(`${campaign}/reports`, h)).map(({ links: _links, ...report }) => report),
  };
}

/** A side's review chains, as the head reads them. */
const chainsOf = async (side: Side) =>
  Promise.all(side.drafts.map(async (d) => (await rv.chain(h, d.draftId)).reviews));

describe('client isolation', () => {
  it('AE_A gets 404 and nothing of B on every client-scoped route probed with B ids', {
    timeout: 60_000,
  }, async () => {
    for (const route of fx.allRoutes()) {
      for (const param of fx.pathParams(route.path)) {
        expect(
          [...clientScopedParams, ...otherParams],
          `${route.method} ${route.path}: is {${param}} client-scoped? Classify it in cross-client.test.ts`,
        ).toContain(param);
      }
    }
    const routes = fx.allRoutes().filter(isClientScoped);
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const probes = routes.flatMap(probesFor);
    const before = await fx.countItems();
    const chainsBefore = await chainsOf(B);
    const mediaBefore = await mediaStateOf(B);
    let strict = 0;
    const failures: string[] = [];
    for (const probe of probes) {
      const { res, sentIn, context } = await runProbe(probe, A.line.ae);
      if (probe.twin) {
        const twin = await runProbe({ ...probe, ...probe.twin, twin: undefined }, A.line.ae);
        if (outcome(res) !== outcome(twin.res) || (res.status === 200 && res.body.items?.length !== 0)) {
          failures.push(`${context} → ${outcome(res)}, but for a never-issued id → ${outcome(twin.res)}`);
        }
      } else {
        strict++;
        if (res.status !== 404 || res.body.code !== 'not_found') {
          failures.push(
            `${context} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)} (expected 404 not_found)`,
          );
        }
      }
      expectNothingOf(B, res, sentIn, context);
      expectNothingOf(B2, res, sentIn, context);
    }
    console.log(
      `cross-client: ${routes.length} client-scoped routes × ids → ${probes.length} probes (${strict} must-404, ${probes.length - strict} mixed A/B ids answered like a missing id)`,
    );
    expect(failures).toEqual([]);
    expect(await fx.countItems()).toBe(before);
    // Nothing of B changed either.
    const b = await api('GET', `/clients/${B.client.clientId}`, { token: h.token });
    expect(b.body.version).toBe(B.client.version);
    const team = await api('GET', `/clients/${B.client.clientId}/team`, { token: h.token });
    expect(team.body.members.map((m: fx.Json) => m.staffId).sort()).toEqual(
      Object.values(B.line)
        .map((s) => s.staff.staffId)
        .sort(),
    );
    for (const draft of B.drafts) {
      const stored = await api('GET', `/drafts/${draft.draftId}`, { token: h.token });
      expect(stored.body).toMatchObject({ version: draft.version, title: draft.title, latestVersion: 1 });
      expect(stored.body.versions).toHaveLength(1);
    }
    // B's review: one, still waiting, no decision, no evidence (the reviews, steps and approvals unchanged).
    const chains = await chainsOf(B);
    expect(chains).toEqual(chainsBefore);
    expect(chains[0]).toHaveLength(1);
    expect(chains[0]?.[0]).toMatchObject({
      reviewId: B.reviews[0].reviewId,
      status: 'in_review',
      evidence: [],
    });
    for (const approval of chains[0]?.[0].approvals ?? []) expect(approval.status).toBe('pending');
    // B's media: campaigns, brief, plans, the April schedule still at the client's step (no
    // written confirmation recorded), bookings, requisitions, imports, rows, discrepancies, reports.
    const media = await mediaStateOf(B);
    expect(media).toEqual(mediaBefore);
    const m = B.media as Media;
    expect(media.campaignsOfJob).toHaveLength(m.campaigns.length);
    expect(media.approvals).toMatchObject([{ reviewId: m.review.reviewId, status: 'in_review' }]);
    expect((media.approvals as fx.Json[])[0].evidence.map((e: fx.Json) => `${e.stage}:${e.via}`)).toEqual([
      'internal:api',
    ]);
    expect(media.bookings).toMatchObject({
      items: [{ bookingId: m.booking.bookingId, status: 'requested' }],
    });
    expect(media.materials).toMatchObject({
      items: [{ requisitionId: m.requisition.requisitionId, status: 'open' }],
    });
    expect(media.imports).toMatchObject([{ status: 'completed' }, { status: 'awaiting_upload' }]);
    expect(media.discrepancies).toMatchObject({
      items: [{ discrepancyId: m.discrepancy.discrepancyId, status: 'open' }],
    });
    expect(media.reports).toHaveLength(m.reports.length);
  });

  it('the same probes with A ids reach A (the 404s above are not blanket refusals)', async () => {
    const reads = fx.allRoutes().filter((r) => r.method === 'GET' && isClientScoped(r));
    const ids = idsOf(A);
    expect(reads.filter((r) => /\{draftId\}/.test(r.path)).length).toBeGreaterThanOrEqual(2);
    expect(reads.filter((r) => /\{approvalId\}/.test(r.path)).length).toBeGreaterThanOrEqual(1);
    expect(reads.filter((r) => /\{campaignId\}/.test(r.path)).length).toBeGreaterThanOrEqual(12);
    expect(reads.filter((r) => /\{planId\}/.test(r.path)).length).toBeGreaterThanOrEqual(3);
    for (const route of reads) {
      const required = requiredQuery[route.operationId];
      const query = queryKeys(route).includes('clientId')
        ? `?clientId=${A.client.clientId}`
        : required
          ? `?${new URLSearchParams(required)}`
          : '';
      const res = await api('GET', `${fx.fillPath(route.path, ids)}${query}`, { token: A.line.ae.token });
      // A's written confirmation is uploaded but not recorded: its document is not there to give yet.
      if (route.operationId === 'downloadWrittenConfirmation') {
        fx.expectProblem(res, 409, 'not_recorded');
        continue;
      }
      // Margins show what staff cost: the AE reads no profit, of A's client either (`profit.view`).
      if (route.operationId === 'getJobProfit' || route.operationId === 'getClientProfit') {
        fx.expectProblem(res, 403, 'forbidden');
        continue;
      }
      // A's estimate is a draft never put to sign-off: its document is made when its review starts.
      if (route.operationId === 'downloadEstimateDocument') {
        fx.expectProblem(res, 409, 'no_document');
        continue;
      }
      // A's invoice is issued: only a draft is previewed (the issued one has its document).
      if (route.operationId === 'previewInvoiceDocument') {
        fx.expectProblem(res, 409, 'already_issued');
        continue;
      }
      expect(res.status, `${route.method} ${route.path}`).toBe(200);
    }
  });

  it('GET /clients as AE_A lists A and never B, on any page', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const q = new URLSearchParams({ limit: '1', ...(nextToken ? { nextToken } : {}) });
      const res = await api('GET', `/clients?${q}`, { token: A.line.ae.token });
      expect(res.status).toBe(200);
      expectNothingOf(B, res, '', 'GET /clients');
      expectNothingOf(B2, res, '', 'GET /clients');
      seen.push(...res.body.items.map((c: fx.Json) => c.clientId));
      nextToken = res.body.nextToken;
    } while (nextToken);
    expect(seen).toEqual([A.client.clientId]);
  });

  it("GET /approvals (the caller's queue, no id) never lists B's approvals to A's staff, on any page", async () => {
    const lineA = [A.line.ae, A.line.am, A.line.ad];
    for (const who of lineA) {
      for (const status of ['pending', 'decided', 'all']) {
        const seen: fx.Json[] = [];
        let nextToken: string | undefined;
        do {
          const q = new URLSearchParams({
            assignee: 'me',
            status,
            limit: '1',
            ...(nextToken ? { nextToken } : {}),
          });
          const res = await api('GET', `/approvals?${q}`, { token: who.token });
          const what = `GET /approvals?${q} as ${who.staff.role} of A`;
          expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBe(200);
          expectNothingOf(B, res, '', what);
          expectNothingOf(B2, res, '', what);
          seen.push(...res.body.items);
          nextToken = res.body.nextToken;
        } while (nextToken);
        // Only A's approvals, and only the caller's own: the draft's pending ones, and the AD's
        // decided internal approval of A's April schedule.
        for (const a of seen) {
          expect(a.clientId).toBe(A.client.clientId);
          expect(a.assignee.staffId).toBe(who.staff.staffId);
        }
        const pending = A.approvals.filter((a) => a.assignee.staffId === who.staff.staffId);
        const decided = [A.media?.internalApproval].filter((a) => a?.assignee.staffId === who.staff.staffId);
        const expected = { pending, decided, all: [...pending, ...decided] }[status] ?? [];
        expect(seen.map((a) => a.approvalId).sort(), `${who.staff.role} of A, ${status}`).toEqual(
          expected.map((a) => a.approvalId).sort(),
        );
      }
    }
    // B's AM has two (B's and B2's): the queue is not empty on B's side, it is just never A's to see.
    const bQueue = await fx.listAll('/approvals?assignee=me&status=pending', B.line.am);
    expect(bQueue.map((a) => a.approvalId).sort()).toEqual(
      [B.approvals[0].approvalId, B2.approvals[0].approvalId].sort(),
    );

    // Asking for someone else's queue is refused, and says nothing of theirs.
    const other = await api('GET', `/approvals?assignee=${B.line.am.staff.staffId}`, {
      token: A.line.ae.token,
    });
    fx.expectProblem(other, 400, 'validation_failed');
    expectNothingOf(B, other, `assignee=${B.line.am.staff.staffId}`, "GET /approvals?assignee=B's AM");

    // B's AM's paging token does not page A's AM's queue.
    const first = await api('GET', '/approvals?assignee=me&status=pending&limit=1', {
      token: B.line.am.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.nextToken, "B's AM's queue has a second page").toBeTypeOf('string');
    const replayed = await api(
      'GET',
      `/approvals?assignee=me&status=pending&nextToken=${encodeURIComponent(first.body.nextToken)}`,
      { token: A.line.am.token },
    );
    fx.expectProblem(replayed, 400, 'invalid_next_token');
    expectNothingOf(B, replayed, '', "GET /approvals with B's AM's nextToken");
    expectNothingOf(B2, replayed, '', "GET /approvals with B's AM's nextToken");
  });

  it("GET /jobs (own jobs) as AE_A never includes B's jobs", async () => {
    const res = await api('GET', '/jobs?limit=100', { token: A.line.ae.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((j: fx.Json) => j.jobId)).toEqual([A.jobs[0].jobId]);
    expectNothingOf(B, res, '', 'GET /jobs');
    const other = await api('GET', `/jobs?ownerId=${B.line.ae.staff.staffId}`, { token: A.line.ae.token });
    expect(other.status).toBe(403);
    expectNothingOf(B, other, `ownerId=${B.line.ae.staff.staffId}`, 'GET /jobs?ownerId=AE_B');
  });

  it("a nextToken from one of B's lists does not page A's list for AE_A", async () => {
    const lists = fx
      .allRoutes()
      .filter((r) => r.method === 'GET' && queryKeys(r).includes('nextToken') && /\{clientId\}/.test(r.path));
    const jobLists = fx
      .allRoutes()
      .filter((r) => r.method === 'GET' && queryKeys(r).includes('nextToken') && /\{jobId\}/.test(r.path));
    expect(jobLists.length).toBeGreaterThanOrEqual(2);
    const campaignLists = fx
      .allRoutes()
      .filter(
        (r) => r.method === 'GET' && queryKeys(r).includes('nextToken') && /\{campaignId\}/.test(r.path),
      );
    expect(campaignLists.length).toBeGreaterThanOrEqual(4);
    const campaignOf = (side: Side) => ({ campaignId: side.media?.campaigns[0].campaignId ?? '' });
    const cases = [
      ...lists.map((r) => ({
        label: `${r.method} ${r.path}`,
        b: fx.fillPath(r.path, { clientId: B.client.clientId }),
        a: fx.fillPath(r.path, { clientId: A.client.clientId }),
        strict: true,
      })),
      ...jobLists.map((r) => ({
        label: `${r.method} ${r.path}`,
        b: fx.fillPath(r.path, { jobId: B.jobs[0].jobId }),
        a: fx.fillPath(r.path, { jobId: A.jobs[0].jobId }),
        strict: true,
      })),
      ...campaignLists.map((r) => ({
        label: `${r.method} ${r.path}`,
        b: fx.fillPath(r.path, campaignOf(B)),
        a: fx.fillPath(r.path, campaignOf(A)),
        strict: true,
      })),
      {
        label: 'GET /jobs?clientId=',
        b: `/jobs?clientId=${B.client.clientId}`,
        a: `/jobs?clientId=${A.client.clientId}`,
        strict: true,
      },
      { label: 'GET /jobs (own)', b: '/jobs', a: '/jobs', strict: true },
      { label: 'GET /clients', b: '/clients', a: '/clients', strict: false },
    ];
    expect(lists.length).toBeGreaterThanOrEqual(3);
    const loose: string[] = [];
    for (const c of cases) {
      const sep = (p: string) => (p.includes('?') ? '&' : '?');
      const first = await api('GET', `${c.b}${sep(c.b)}limit=1`, { token: B.line.ae.token });
      expect(first.status, c.label).toBe(200);
      const token = first.body.nextToken;
      expect(token, `${c.label}: B's list has a second page`).toBeTypeOf('string');
      const res = await api('GET', `${c.a}${sep(c.a)}nextToken=${encodeURIComponent(token)}`, {
        token: A.line.ae.token,
      });
      expectNothingOf(B, res, c.a, `${c.label} with B's token`);
      expectNothingOf(B2, res, c.a, `${c.label} with B's token`);
      if (c.strict) {
        expect(res.status, `${c.label} → ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.code).toBe('invalid_next_token');
      } else if (res.status !== 400) {
        loose.push(`${c.label} → ${res.status} (${res.body.items?.length} items, none of B)`);
      }
    }
    if (loose.length) console.log(`nextToken not bound to its list (no data leaked): ${loose.join('; ')}`);
  });

  it('a group account director sees only the clients of their own account directors', async () => {
    for (const [gad, own, others] of [
      [gad1, [A], [B, B2]],
      [gad2, [B, B2], [A]],
    ] as const) {
      const list = await api('GET', '/clients?limit=100', { token: gad.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: fx.Json) => c.clientId).sort()).toEqual(
        own.map((s) => s.client.clientId).sort(),
      );
      for (const side of own) {
        expect((await api('GET', `/clients/${side.client.clientId}`, { token: gad.token })).status).toBe(200);
        expect(
          (await api('GET', `/jobs?clientId=${side.client.clientId}`, { token: gad.token })).status,
        ).toBe(200);
      }
      for (const side of others) {
        expectNothingOf(side, list, '', 'GET /clients as GAD');
        for (const path of [
          `/clients/${side.client.clientId}`,
          `/clients/${side.client.clientId}/team`,
          `/clients/${side.client.clientId}/activity`,
          `/jobs?clientId=${side.client.clientId}`,
          `/jobs/${side.jobs[0].jobId}`,
          `/jobs/${side.jobs[0].jobId}/drafts`,
          `/drafts/${side.drafts[0].draftId}`,
          `/drafts/${side.drafts[0].draftId}/versions/1/download`,
          `/drafts/${side.drafts[0].draftId}/approvals`,
          `/approvals/${side.approvals[0].approvalId}`,
          ...(side.media
            ? [
                `/jobs/${side.jobs[0].jobId}/media-campaigns`,
                `/media-campaigns/${side.media.campaigns[0].campaignId}`,
                `/media-campaigns/${side.media.campaigns[0].campaignId}/bookings/${side.media.booking.bookingId}`,
                `/media-campaigns/${side.media.campaigns[0].campaignId}/delivery-rows`,
                `/media-campaigns/${side.media.campaigns[0].campaignId}/reports`,
                `/media-plans/${side.media.april.planId}/versions/1`,
                `/media-plans/${side.media.april.planId}/approvals`,
              ]
            : []),
        ]) {
          const res = await api('GET', path, { token: gad.token });
          expectNotFound(res, `GET ${path} as another GAD`);
          expectNothingOf(side, res, path, `GET ${path} as another GAD`);
        }
      }
    }
  });

  it("an account manager's work report spans their own clients: B's line and group director read none of A's", async () => {
    const month = '2026-11';
    const am = A.line.am;
    const at = `/staff/${am.staff.staffId}/work-reports`;
    const made = await api('POST', at, { token: am.token, body: { month } });
    expect(made.status).toBe(200);
    expect(made.body.clients.map((c: fx.Json) => c.clientId)).toContain(A.client.clientId);
    const full = await api('GET', `${at}/${month}`, { token: am.token });
    expectNothingOf(B, full, '', "A's account manager's work report");
    const sent = await api('POST', `${at}/${month}/send`, {
      token: am.token,
      headers: { 'if-match': `"${full.body.version}"` },
    });
    expect(sent.status).toBe(200);
    for (const who of [B.line.ad, B.line.am, B.line.ae, gad2]) {
      expectNotFound(
        await api('GET', `${at}/${month}`, { token: who.token }),
        `work report as ${who.staff.name}`,
      );
      expectNotFound(await api('GET', at, { token: who.token }), `work reports as ${who.staff.name}`);
      const received = await api('GET', '/me/work-reports', { token: who.token });
      expect(received.body.items.filter((r: fx.Json) => r.staffId === am.staff.staffId)).toEqual([]);
      expectNothingOf(A, received, '', `GET /me/work-reports as ${who.staff.name}`);
    }
  });
});
