import { accountBookRoutes } from './account-book/routes.js';
import { approvalPageRoutes } from './approval-page/routes.js';
import { billingRoutes } from './billing/routes.js';
import { clientRoutes } from './clients/routes.js';
import { contactReportRoutes } from './contact-reports/routes.js';
import { costRoutes } from './cost/routes.js';
import { documentRoutes } from './documents/routes.js';
import { draftRoutes } from './drafts/routes.js';
import type { ApiArea } from './http/route-spec.js';
import { jobRoutes } from './jobs/routes.js';
import { mediaRoutes } from './media/routes.js';
import { mediaDeliveryRoutes } from './media-delivery/routes.js';
import { mediaReportRoutes } from './media-reports/routes.js';
import { minutesPageRoutes } from './minutes-page/routes.js';
import { openApiRoutes } from './openapi/routes.js';
import { reviewRoutes } from './reviews/routes.js';
import { spendRoutes } from './spend/routes.js';
import { staffRoutes } from './staff/routes.js';
import { timeRoutes } from './time/routes.js';
import { trafficRoutes } from './traffic/routes.js';

/**
 * The HTTP API, by area: one Lambda function per area keeps bundles few and each
 * area's permissions its own. The CDK API construct, the local runner (through the
 * synthesized template) and the OpenAPI document all read this list.
 */
export const apiAreas: ApiArea[] = [
  {
    name: 'staff',
    entry: 'functions/staff/handler.ts',
    description: 'Agency staff, roles and reporting lines.',
    routes: Object.values(staffRoutes),
  },
  {
    name: 'clients',
    entry: 'functions/clients/handler.ts',
    description: 'Clients, their contacts, brands, account team and activity.',
    routes: Object.values(clientRoutes),
  },
  {
    name: 'jobs',
    entry: 'functions/jobs/handler.ts',
    description: 'Jobs (job tickets / work orders).',
    routes: Object.values(jobRoutes),
  },
  {
    name: 'drafts',
    entry: 'functions/drafts/handler.ts',
    description: 'Creative drafts and their versions in S3.',
    routes: Object.values(draftRoutes),
    draftsBucket: 'readWrite',
    // Recording an upload moves a review that waits for a new version.
    signOff: true,
  },
  {
    name: 'reviews',
    entry: 'functions/reviews/handler.ts',
    description:
      'Reviews (sign-offs) of drafts, media plans, briefs, timetables and estimates, approval requests, staff decisions, written confirmations.',
    routes: Object.values(reviewRoutes),
    // Written confirmations are uploaded to and read back from S3.
    draftsBucket: 'readWrite',
    signOff: true,
    startsReviews: true,
  },
  {
    name: 'approval-page',
    entry: 'functions/approval-page/handler.ts',
    description:
      "The client's approval page behind an emailed link (public; the link's token is the credential).",
    routes: Object.values(approvalPageRoutes),
    draftsBucket: 'read',
    signOff: true,
    // Public: a flood of link requests must not take the concurrency the staff API needs.
    reservedConcurrency: 20,
  },
  {
    name: 'documents',
    entry: 'functions/documents/handler.ts',
    description:
      'Files behind links in emails (insertion orders to vendors, reports to the team): the reader is checked and the file presigned on each click (public; the token is the credential).',
    routes: Object.values(documentRoutes),
    draftsBucket: 'read',
    reportsBucket: 'read',
  },
  {
    name: 'media',
    entry: 'functions/media/handler.ts',
    description:
      'Media campaigns, briefs, plans (recommendation, master plan, monthly schedules) and bookings.',
    routes: Object.values(mediaRoutes),
    // Plan documents and insertion orders are written to S3.
    draftsBucket: 'readWrite',
    // A new plan version supersedes the version a running review waits on (resumes it).
    signOff: true,
    startsCampaigns: true,
  },
  {
    name: 'openapi',
    entry: 'functions/openapi/handler.ts',
    description: 'The API description.',
    routes: Object.values(openApiRoutes),
  },
  {
    name: 'media-reports',
    entry: 'functions/media-reports/handler.ts',
    description: 'Post-campaign analyses of media campaigns (HTML and CSV in the reports bucket).',
    routes: Object.values(mediaReportRoutes),
    reportsBucket: 'readWrite',
    // Reports carry the agency's name; on-demand reports are not emailed (the answer has the links).
    mailSettings: true,
    // Report generation streams every delivery row: a few at a time.
    reservedConcurrency: 5,
  },
  {
    name: 'media-delivery',
    entry: 'functions/media-delivery/handler.ts',
    description:
      'Airing and monitoring: monitoring imports (CSV upload or JSON), discrepancies against bookings, material requisitions.',
    routes: Object.values(mediaDeliveryRoutes),
    // Monitoring CSVs are uploaded to and read from S3 (presigned POST), JSON rows kept there as the source.
    draftsBucket: 'readWrite',
    // A file larger than a request's time goes on in the monitoring import workflow.
    startsImports: true,
  },
  {
    name: 'traffic',
    entry: 'functions/traffic/handler.ts',
    description:
      "Time: job schedules (milestones, dependencies, critical path, moves and proposals), templates, the client's timetable (its sign-off is a review: the reviews area), briefs, everyone's tasks, the traffic board.",
    routes: Object.values(trafficRoutes),
    // Brief and timetable documents are written to S3.
    draftsBucket: 'readWrite',
    // A new brief or timetable version supersedes the version a running review waits on (resumes it).
    signOff: true,
  },
  {
    name: 'cost',
    entry: 'functions/cost/handler.ts',
    description:
      "Cost: a job's estimates (priced lines, versions, drafts, change orders) and their sign-off documents (the sign-off itself is a review: the reviews area).",
    routes: Object.values(costRoutes),
    // Sign-off documents are read back from S3 (presigned).
    draftsBucket: 'readWrite',
    // A revision moves a review that waits for a new version.
    signOff: true,
  },
  {
    name: 'account-book',
    entry: 'functions/account-book/handler.ts',
    description:
      "The client record's book: competitive activity and store checks (share of voice; briefs cite entries), new-business pitches with the conflict check, staff evaluations, the manager view of each report's work.",
    routes: Object.values(accountBookRoutes),
    // Creative samples of competitive activity are uploaded to and read back from S3.
    draftsBucket: 'readWrite',
  },
  {
    name: 'contact-reports',
    entry: 'functions/contact-reports/handler.ts',
    description:
      'Contact reports (meeting minutes) and call reports: drafts, issued versions with the one-working-day rule, the client’s answers, next steps; weekly status reports.',
    routes: Object.values(contactReportRoutes),
    // Each issued version is kept as a document in S3.
    draftsBucket: 'readWrite',
    // Status reports (HTML, CSV) are written to the reports bucket.
    reportsBucket: 'readWrite',
    // The document carries the agency's name; a finished week's status report is emailed to the account team.
    mailSettings: true,
    sendsMail: true,
    minutes: 'issue',
  },
  {
    name: 'minutes-page',
    entry: 'functions/minutes-page/handler.ts',
    description:
      "The client attendee's minutes page behind an emailed link: confirm, or raise a question (public; the link's token is the credential).",
    routes: Object.values(minutesPageRoutes),
    mailSettings: true,
    minutes: 'answer',
    // Public: a flood of link requests must not take the concurrency the staff API needs.
    reservedConcurrency: 5,
  },
  {
    name: 'spend',
    entry: 'functions/spend/handler.ts',
    description:
      "Spend: the vendor register, purchase orders (guarded by the job's signed total) and vendors' bills, brand forecasts, monthly budget reconciliations.",
    routes: Object.values(spendRoutes),
    // Purchase orders are written to S3 (drafts bucket, like insertion orders); a reconciliation's
    // documents are written again in the reports bucket when the AE gives a reason.
    draftsBucket: 'readWrite',
    reportsBucket: 'readWrite',
    // Purchase orders are emailed to vendors; spend thresholds to the AE and AM.
    sendsMail: true,
  },
  {
    name: 'time',
    entry: 'functions/time/handler.ts',
    description:
      "Time and profit: cost and bill rates, each staff member's weekly timesheet (time entries) and its approval by the line manager, profit per job and client, the monthly profitability report.",
    routes: Object.values(timeRoutes),
    // Profitability reports (HTML, CSV) are written to and read from the reports bucket.
    reportsBucket: 'readWrite',
    // The report carries the agency's name.
    mailSettings: true,
    // An on-demand report reads every client's month: a few at a time.
    reservedConcurrency: 5,
  },
  {
    name: 'billing',
    entry: 'functions/billing/handler.ts',
    description:
      "Billing: the client's billing terms, invoices and credit notes (drafted from what is billable, reviewed, approved, issued with gap-free numbers), payments and their applications, ageing with the chasing history.",
    routes: Object.values(billingRoutes),
    // Issued invoices are written to and read back from the reports bucket (presigned).
    reportsBucket: 'readWrite',
    // The document carries the agency's name; it is emailed to the client's billing contact.
    mailSettings: true,
    sendsMail: true,
  },
];
