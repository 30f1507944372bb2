import * as z from 'zod';
import { minutesFormSchema } from '../../shared/client-record/index.js';
import { badTokenLimit } from '../../shared/platform/link-tokens.js';
import { defineRoute } from '../http/route-spec.js';

/**
 * The client attendee's side of issued minutes: the page their emailed link opens, on the
 * console's origin beside the approval pages (`/approve/minutes/…`). No sign-in: the link's token
 * is the credential; every bad token gets the same answer, so the path accepts any string.
 */
export const minutesLinkParams = z.strictObject({
  token: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: "The emailed link's token: the credential of the page." }),
});

const page = (description: string) => ({ status: 200, description, mediaType: 'text/html' as const });

const badLinks = {
  limit: badTokenLimit.limit,
  windowSeconds: badTokenLimit.windowSeconds,
  per: 'address presenting unknown, wrong or expired links',
};

export const minutesPageRoutes = {
  showMinutesPage: defineRoute({
    method: 'GET',
    path: '/approve/minutes/{token}',
    operationId: 'showMinutesPage',
    summary:
      'The minutes page of an emailed link: the minutes as issued, the rule and the time left, and the form to confirm them or raise a question. Never answers anything.',
    public: true,
    rateLimit: badLinks,
    params: minutesLinkParams,
    response: page(
      'The page (200): open, answered, or settled (confirmed, confirmed by silence, disputed). A corrected version exists: 410. Unknown or wrong: one and the same page (404). Throttled: 429.',
    ),
  }),
  headMinutesPage: defineRoute({
    method: 'HEAD',
    path: '/approve/minutes/{token}',
    operationId: 'headMinutesPage',
    summary: 'The status of the minutes page, without its body. Writes nothing.',
    public: true,
    rateLimit: badLinks,
    params: minutesLinkParams,
    response: page('As GET, without a body.'),
  }),
  answerMinutesPage: defineRoute({
    method: 'POST',
    path: '/approve/minutes/{token}',
    operationId: 'answerMinutesPage',
    summary:
      "The page's form: confirms the minutes or raises a question (nonce from the page, same-origin only, once per attendee). A question disputes them and stops the clock until a corrected version is issued.",
    public: true,
    rateLimit: badLinks,
    params: minutesLinkParams,
    body: minutesFormSchema,
    bodyMediaType: 'application/x-www-form-urlencoded',
    response: page('The page after the answer.'),
  }),
};
