import { approvalPageRoutes } from './approval-page/routes.js';
import { clientRoutes } from './clients/routes.js';
import { draftRoutes } from './drafts/routes.js';
import type { ApiArea } from './http/route-spec.js';
import { jobRoutes } from './jobs/routes.js';
import { mediaRoutes } from './media/routes.js';
import { openApiRoutes } from './openapi/routes.js';
import { reviewRoutes } from './reviews/routes.js';
import { staffRoutes } from './staff/routes.js';

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
    tableAccess: 'readWrite',
  },
  {
    name: 'clients',
    entry: 'functions/clients/handler.ts',
    description: 'Clients, their contacts, brands, account team and activity.',
    routes: Object.values(clientRoutes),
    tableAccess: 'readWrite',
  },
  {
    name: 'jobs',
    entry: 'functions/jobs/handler.ts',
    description: 'Jobs (job tickets / work orders).',
    routes: Object.values(jobRoutes),
    tableAccess: 'readWrite',
  },
  {
    name: 'drafts',
    entry: 'functions/drafts/handler.ts',
    description: 'Creative drafts and their versions in S3.',
    routes: Object.values(draftRoutes),
    tableAccess: 'readWrite',
    draftsBucket: 'readWrite',
    // Recording an upload moves a review that waits for a new version.
    signOff: true,
  },
  {
    name: 'reviews',
    entry: 'functions/reviews/handler.ts',
    description: 'Reviews (sign-offs) of drafts, approval requests and staff decisions.',
    routes: Object.values(reviewRoutes),
    tableAccess: 'readWrite',
    signOff: true,
    startsReviews: true,
  },
  {
    name: 'approval-page',
    entry: 'functions/approval-page/handler.ts',
    description:
      "The client's approval page behind an emailed link (public; the link's token is the credential).",
    routes: Object.values(approvalPageRoutes),
    tableAccess: 'readWrite',
    draftsBucket: 'read',
    signOff: true,
  },
  {
    name: 'media',
    entry: 'functions/media/handler.ts',
    description:
      'Media campaigns, briefs, plans (recommendation, master plan, monthly schedules) and bookings.',
    routes: Object.values(mediaRoutes),
    tableAccess: 'readWrite',
    // Plan documents and insertion orders are written to S3.
    draftsBucket: 'readWrite',
    // They carry the agency's name; media takes no part in sign-offs (no review workflow, no SES).
    mailSettings: true,
  },
  {
    name: 'openapi',
    entry: 'functions/openapi/handler.ts',
    description: 'The API description.',
    routes: Object.values(openApiRoutes),
    tableAccess: 'read',
  },
];
