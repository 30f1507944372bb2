import * as z from 'zod';
import {
  bookingParams,
  bookingSchema,
  briefSchema,
  briefVersionSchema,
  campaignListQuery,
  campaignParams,
  campaignSchema,
  createBookingSchema,
  createCampaignSchema,
  createPlanVersionSchema,
  jobCampaignsParams,
  planParams,
  planSchema,
  planVersionParams,
  planVersionSchema,
  updateBookingSchema,
} from '../../shared/media/index.js';
import { documentDownloadSchema, listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

const planWithVersion = z
  .object({ plan: planSchema, version: planVersionSchema })
  .meta({ id: 'MediaPlanWithVersion' });

export const mediaRoutes = {
  createCampaign: defineRoute({
    method: 'POST',
    path: '/jobs/{jobId}/media-campaigns',
    operationId: 'createMediaCampaign',
    summary:
      'Open a media campaign on a job: flight, budget, KPIs with targets, and (optionally) its first media brief.',
    params: jobCampaignsParams,
    body: createCampaignSchema,
    idempotent: true,
    response: { status: 201, description: 'The campaign.', schema: campaignSchema },
  }),
  listJobCampaigns: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/media-campaigns',
    operationId: 'listJobMediaCampaigns',
    summary: "The job's media campaigns.",
    params: jobCampaignsParams,
    query: campaignListQuery,
    response: {
      status: 200,
      description: 'A page of campaigns.',
      schema: listOf(campaignSchema, 'MediaCampaignPage'),
    },
  }),
  getCampaign: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}',
    operationId: 'getMediaCampaign',
    summary: 'One media campaign.',
    params: campaignParams,
    response: { status: 200, description: 'The campaign.', schema: campaignSchema },
  }),
  reviseBrief: defineRoute({
    method: 'PUT',
    path: '/media-campaigns/{campaignId}/brief',
    operationId: 'reviseMediaBrief',
    summary: 'A new version of the media brief (earlier versions stay; plans name the version they answer).',
    params: campaignParams,
    body: briefSchema,
    optimisticLock: 'required',
    response: {
      status: 200,
      description: 'The campaign, with its new brief version.',
      schema: campaignSchema,
    },
  }),
  restartChain: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/chain/restart',
    operationId: 'restartMediaChain',
    summary:
      "Restart the campaign's media chain after its workflow stopped (`chainFailure` set; AE and above): a new execution that moves at once to the stage the campaign waits at.",
    params: campaignParams,
    response: { status: 200, description: 'The campaign, its chain running again.', schema: campaignSchema },
  }),
  listBriefVersions: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/brief/versions',
    operationId: 'listMediaBriefVersions',
    summary: 'Every version of the media brief.',
    params: campaignParams,
    response: {
      status: 200,
      description: 'The brief versions, oldest first.',
      schema: z.object({ items: z.array(briefVersionSchema) }).meta({ id: 'MediaBriefVersionList' }),
    },
  }),
  createPlanVersion: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/plans',
    operationId: 'createMediaPlanVersion',
    summary:
      'A new version of the recommendation, the master plan or a monthly schedule (priced lines, stored as a document). Each stage needs the previous one confirmed.',
    params: campaignParams,
    body: createPlanVersionSchema,
    idempotent: true,
    response: { status: 201, description: 'The plan and its new version.', schema: planWithVersion },
  }),
  listCampaignPlans: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/plans',
    operationId: 'listMediaPlans',
    summary: "The campaign's plans in stage order, each with its latest and confirmed version.",
    params: campaignParams,
    query: campaignListQuery,
    response: { status: 200, description: 'A page of plans.', schema: listOf(planSchema, 'MediaPlanPage') },
  }),
  getPlan: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}',
    operationId: 'getMediaPlan',
    summary: 'A plan with every version.',
    params: planParams,
    response: {
      status: 200,
      description: 'The plan and its versions.',
      schema: planSchema
        .extend({ versions: z.array(planVersionSchema) })
        .meta({ id: 'MediaPlanWithVersions' }),
    },
  }),
  getPlanVersion: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}/versions/{n}',
    operationId: 'getMediaPlanVersion',
    summary: 'One plan version with its lines and confirmation.',
    params: planVersionParams,
    response: { status: 200, description: 'The version.', schema: planVersionSchema },
  }),
  downloadPlanVersion: defineRoute({
    method: 'GET',
    path: '/media-plans/{planId}/versions/{n}/document',
    operationId: 'downloadMediaPlanVersion',
    summary:
      'The version as a document (what the client confirms, identified by its SHA-256): a presigned link to exactly that object version, made now, valid for 5 minutes.',
    params: planVersionParams,
    response: { status: 200, description: 'A presigned GET.', schema: documentDownloadSchema },
  }),
  createBooking: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/bookings',
    operationId: 'createBooking',
    summary:
      'Book lines of one client-confirmed monthly schedule version (one vendor): an insertion order. 409 when that exact version is not the confirmed, current one.',
    params: campaignParams,
    body: createBookingSchema,
    idempotent: true,
    response: { status: 201, description: 'The booking and its insertion order.', schema: bookingSchema },
  }),
  listBookings: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/bookings',
    operationId: 'listBookings',
    summary: "The campaign's bookings.",
    params: campaignParams,
    response: {
      status: 200,
      description: 'The bookings.',
      schema: z.object({ items: z.array(bookingSchema) }).meta({ id: 'BookingList' }),
    },
  }),
  getBooking: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}',
    operationId: 'getBooking',
    summary: 'One booking.',
    params: bookingParams,
    response: { status: 200, description: 'The booking.', schema: bookingSchema },
  }),
  downloadInsertionOrder: defineRoute({
    method: 'GET',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}/insertion-order',
    operationId: 'downloadInsertionOrder',
    summary:
      "The booking's insertion order, exactly as sent to the vendor: a presigned link, made now, valid for 5 minutes.",
    params: bookingParams,
    response: { status: 200, description: 'A presigned GET.', schema: documentDownloadSchema },
  }),
  sendInsertionOrder: defineRoute({
    method: 'POST',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}/insertion-order/send',
    operationId: 'sendInsertionOrder',
    summary:
      "Email the booking's insertion order again to the vendor's booking contact and the buyer (each with their own link to the document). Takes no body.",
    params: bookingParams,
    response: {
      status: 200,
      description: 'The booking, with when the order was sent.',
      schema: bookingSchema,
    },
  }),
  updateBooking: defineRoute({
    method: 'PATCH',
    path: '/media-campaigns/{campaignId}/bookings/{bookingId}',
    operationId: 'updateBooking',
    summary: 'The vendor confirmed the order, or it is cancelled.',
    params: bookingParams,
    body: updateBookingSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The booking.', schema: bookingSchema },
  }),
};
