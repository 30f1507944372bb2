import {
  campaignParams,
  campaignReportWithLinksSchema,
  reportFileParams,
  reportListQuery,
} from '../../shared/media/index.js';
import { documentDownloadSchema, listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

export const mediaReportRoutes = {
  listReports: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/reports',
    operationId: 'listCampaignReports',
    summary:
      "The campaign's post-campaign analyses, newest first, each with presigned links to its HTML and CSV (valid for an hour): the copy in the caller's language where the report has one (see `translations`), else the agency's.",
    params: campaignParams,
    query: reportListQuery,
    response: {
      status: 200,
      description: 'A page of reports.',
      schema: listOf(campaignReportWithLinksSchema, 'CampaignReportPage'),
    },
  }),
  downloadReportFile: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/reports/{reportId}/{format}',
    operationId: 'downloadCampaignReportFile',
    summary:
      "One file of a report — `html` (the analysis with its charts, printable) or `csv` (its data) — as a presigned link, made now, valid for 5 minutes: the copy in the caller's language where the report has one, else the agency's.",
    params: reportFileParams,
    response: { status: 200, description: 'A presigned GET.', schema: documentDownloadSchema },
  }),
  regenerateReport: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/post-campaign-report',
    operationId: 'generatePostCampaignReport',
    summary:
      'Generate the post-campaign analysis now (planned, booked, delivered and billed; KPIs; pacing; discrepancies; summary) as HTML and CSV. Not emailed: the answer carries the links. On or after the day it is due the report is final and the scheduled one is not needed; earlier it is interim. Takes no body.',
    params: campaignParams,
    idempotent: true,
    response: {
      status: 201,
      description: 'The report, with its links.',
      schema: campaignReportWithLinksSchema,
    },
  }),
};
