import * as z from 'zod';
import { badTokenLimit } from '../../shared/platform/link-tokens.js';
import { decisions } from '../../shared/signoff/index.js';
import { defineRoute } from '../http/route-spec.js';

/**
 * The client's side of a sign-off: the page an emailed link opens. No sign-in: the link's
 * token is the credential. Every bad token gets the same answer, so the path accepts any
 * string and the domain decides.
 */
export const linkParams = z.strictObject({
  token: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: "The emailed link's token: the credential of the page." }),
});

/** The page's form: a decision (with comment, nonce and the approval it is for), or asking for a fresh link. */
export const linkFormSchema = z.discriminatedUnion('intent', [
  z.strictObject({
    intent: z.literal('decide'),
    decision: z.enum(decisions),
    comment: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .transform((c) => (c ? c : undefined)),
    nonce: z.string().min(1).max(100),
    approvalId: z.string().min(1).max(100),
  }),
  z.strictObject({ intent: z.literal('renew') }),
]);

const page = (description: string) => ({ status: 200, description, mediaType: 'text/html' as const });

/** Unknown, wrong and expired links count against the address that presents them. */
const badLinks = {
  limit: badTokenLimit.limit,
  windowSeconds: badTokenLimit.windowSeconds,
  per: 'address presenting unknown, wrong or expired links',
};

export const approvalPageRoutes = {
  showApprovalPage: defineRoute({
    method: 'GET',
    path: '/approve/{token}',
    operationId: 'showApprovalPage',
    summary:
      'The approval page of an emailed link: what is to be approved (a preview of that exact version), who asked, the deadline, and the decision form. Never decides anything.',
    public: true,
    rateLimit: badLinks,
    params: linkParams,
    response: page(
      'The page (200). Used: the recorded decision; older version: superseded (410); unknown, wrong or expired: one and the same page (404); throttled: 429.',
    ),
  }),
  headApprovalPage: defineRoute({
    method: 'HEAD',
    path: '/approve/{token}',
    operationId: 'headApprovalPage',
    summary: 'The status of the approval page, without its body. Writes nothing.',
    public: true,
    rateLimit: badLinks,
    params: linkParams,
    response: page('As GET, without a body.'),
  }),
  submitApprovalPage: defineRoute({
    method: 'POST',
    path: '/approve/{token}',
    operationId: 'submitApprovalPage',
    summary:
      "The page's form: records the decision (nonce from the page, same-origin only, once), or sends a fresh link for an expired one to the address it went to.",
    public: true,
    rateLimit: badLinks,
    params: linkParams,
    body: linkFormSchema,
    bodyMediaType: 'application/x-www-form-urlencoded',
    response: page('The page after the decision; 202 for a fresh-link request.'),
  }),
};
