import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  answerMinutesByLink,
  minutesFormSchema,
  minutesWords,
  showMinutesPage,
} from '../../shared/client-record/index.js';
import { AppError, serviceBusy } from '../../shared/platform/errors.js';
import { acceptedLanguage, type Language } from '../../shared/platform/i18n.js';
import { answerReserveMs, isServiceBusy, withTimeBudget } from '../../shared/platform/retries.js';
import { businessMetric, countEvent } from '../../shared/platform/telemetry.js';
import { requestMeta } from '../http/api.js';
import { parseLinkForm, sameOrigin } from '../http/link-form.js';
import { retryHeaders } from '../http/problem.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { renderPage, type Shown, statusOf } from './page.js';
import { minutesLinkParams } from './routes.js';

const maxFormBytes = 16 * 1024;

/** As the approval pages: never cached, never framed, the link never leaks in a Referer; the form posts only back here. */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const browserLanguage = (event: APIGatewayProxyEventV2) => acceptedLanguage(event.headers['accept-language']);

function respond(shown: Shown, method: string, language: Language): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: statusOf(shown),
    headers: { ...pageHeaders, 'content-language': language },
    body: method === 'HEAD' ? '' : renderPage(shown, language),
  };
}

/** The page speaks the attendee's language (recorded with the contact), else the browser's. */
const show = (shown: Shown, event: APIGatewayProxyEventV2, method: string) =>
  respond(shown, method, ('facts' in shown ? shown.facts.language : undefined) ?? browserLanguage(event));

const notice = (status: number, title: string, message: string): Shown => ({
  state: 'error',
  status,
  title,
  message,
});

const parseForm = (event: APIGatewayProxyEventV2) => parseLinkForm(event, minutesFormSchema, maxFormBytes);

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const params = minutesLinkParams.safeParse(event.pathParameters ?? {});
  const token = params.success ? params.data.token : '';
  const meta = requestMeta(event);
  if (method === 'GET' || method === 'HEAD')
    return show(await showMinutesPage(token, meta, method), event, method);

  const browser = browserLanguage(event);
  const words = minutesWords[browser].page;
  const form = parseForm(event);
  if (!form) return respond(notice(400, words.notUnderstoodTitle, words.notUnderstood), method, browser);
  if (!sameOrigin(event))
    return respond(notice(403, words.notAcceptedTitle, words.notFromPage), method, browser);
  return show(await answerMinutesByLink(token, form, meta), event, method);
}

/** Errors become pages too: a 4xx says what to do; anything else says only that nothing was recorded. */
export const handler = instrumented<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpHeaderNormalizer())
  .use({
    onError: (request) => {
      const { error } = request;
      const method = request.event.requestContext.http.method;
      const language = browserLanguage(request.event);
      const words = minutesWords[language].page;
      if (error instanceof AppError && error.status < 500) {
        countEvent(businessMetric.requestRefused, { name: 'code', value: error.code });
        const title = error.status === 429 ? words.tooManyTitle : words.notAcceptedTitle;
        const response = respond(notice(error.status, title, error.message), method, language);
        request.response = { ...response, headers: { ...response.headers, ...retryHeaders(error) } };
        return;
      }
      if (isServiceBusy(error)) {
        logger.warn('Minutes page: a service stayed busy', { error: error as Error });
        const response = respond(notice(503, words.busyTitle, words.failed), method, language);
        request.response = { ...response, headers: { ...response.headers, ...retryHeaders(serviceBusy()) } };
        return;
      }
      logger.error('Minutes page failed', { routeKey: request.event.routeKey, error: error as Error });
      request.response = respond(notice(500, words.failedTitle, words.failed), method, language);
    },
  })
  .handler((event, context) =>
    withTimeBudget(Date.now() + context.getRemainingTimeInMillis() - answerReserveMs, () => serve(event)),
  );
