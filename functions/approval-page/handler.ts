import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, serviceBusy } from '../../shared/platform/errors.js';
import { acceptedLanguage, type Language } from '../../shared/platform/i18n.js';
import { answerReserveMs, isServiceBusy, withTimeBudget } from '../../shared/platform/retries.js';
import { businessMetric, countEvent } from '../../shared/platform/telemetry.js';
import { decideByLink, renewLink, showLinkPage } from '../../shared/signoff/index.js';
import { requestMeta } from '../http/api.js';
import { parseLinkForm, sameOrigin } from '../http/link-form.js';
import { localisedDetail, retryHeaders } from '../http/problem.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { pageMessages } from './messages.js';
import { type Notice, renderPage, type Shown, statusOf } from './page.js';
import { linkFormSchema, linkParams } from './routes.js';

registerSignOffSubjects();

const maxFormBytes = 16 * 1024;

/**
 * Pages are never cached, never framed, and never leak the link (which is the credential) in
 * a Referer to another origin; the form may post only back here.
 */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; media-src *; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const notice = (status: number, title: string, message: string): Notice => ({
  state: 'error',
  status,
  title,
  message,
});

function respond(shown: Shown, method: string, language: Language): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: statusOf(shown),
    headers: { ...pageHeaders, 'content-language': language },
    body: method === 'HEAD' ? '' : renderPage(shown, language),
  };
}

const browserLanguage = (event: APIGatewayProxyEventV2) => acceptedLanguage(event.headers['accept-language']);

/** The page speaks the contact's language (recorded with the contact; the facts say it), else the browser's. */
const show = (shown: Shown, event: APIGatewayProxyEventV2, method: string) =>
  respond(shown, method, 'facts' in shown ? shown.facts.language : browserLanguage(event));

const parseForm = (event: APIGatewayProxyEventV2) => parseLinkForm(event, linkFormSchema, maxFormBytes);

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const params = linkParams.safeParse(event.pathParameters ?? {});
  const token = params.success ? params.data.token : '';
  const meta = requestMeta(event);
  if (method === 'GET' || method === 'HEAD')
    return show(await showLinkPage(token, meta, method, browserLanguage(event)), event, method);

  const browser = browserLanguage(event);
  const words = pageMessages[browser].notices;
  const form = parseForm(event);
  if (!form) return respond(notice(400, words.notUnderstoodTitle, words.notUnderstood), method, browser);
  if (form.intent === 'renew') {
    await renewLink(token, meta);
    return respond({ state: 'renew_sent' }, method, browser);
  }
  if (!sameOrigin(event)) {
    return respond(notice(403, words.notAcceptedTitle, words.otherOrigin), method, browser);
  }
  return show(await decideByLink(token, form, meta, browser), event, method);
}

/** Errors become pages too: a 4xx says what to do; anything else says only that it was not the visitor's fault. */
export const handler = instrumented<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpHeaderNormalizer())
  .use({
    onError: (request) => {
      const { error } = request;
      const method = request.event.requestContext.http.method;
      const language = browserLanguage(request.event);
      const words = pageMessages[language].notices;
      if (error instanceof AppError && error.status < 500) {
        countEvent(businessMetric.requestRefused, { name: 'code', value: error.code });
        const title = error.status === 429 ? words.tooManyTitle : words.notAcceptedTitle;
        request.response = withHeaders(
          respond(notice(error.status, title, localisedDetail(error, language)), method, language),
          retryHeaders(error),
        );
        return;
      }
      if (isServiceBusy(error)) {
        logger.warn('Approval page: a service stayed busy', { error: error as Error });
        request.response = withHeaders(
          respond(notice(503, words.busyTitle, words.failed), method, language),
          retryHeaders(serviceBusy()),
        );
        return;
      }
      logger.error('Approval page failed', { routeKey: request.event.routeKey, error: error as Error });
      request.response = respond(notice(500, words.failedTitle, words.failed), method, language);
    },
  })
  .handler((event, context) =>
    withTimeBudget(Date.now() + context.getRemainingTimeInMillis() - answerReserveMs, () => serve(event)),
  );

function withHeaders(
  response: APIGatewayProxyStructuredResultV2,
  headers: Record<string, string>,
): APIGatewayProxyStructuredResultV2 {
  return { ...response, headers: { ...response.headers, ...headers } };
}
