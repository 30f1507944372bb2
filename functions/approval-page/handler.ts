import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { getMailConfig } from '../../shared/config.js';
import { acceptedLanguage, approvalContactLanguage } from '../../shared/domain/contact-language.js';
import { decideByLink, renewLink, showLinkPage } from '../../shared/domain/decisions.js';
import { AppError } from '../../shared/errors.js';
import type { Language } from '../../shared/schemas/languages.js';
import { requestMeta } from '../http/api.js';
import { logger } from '../logger.js';
import { pageMessages } from './messages.js';
import { type Notice, renderPage, type Shown, statusOf } from './page.js';
import { linkFormSchema, linkParams } from './routes.js';

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

/** The page speaks the contact's language (recorded with the contact), else the browser's. */
async function languageFor(shown: Shown, event: APIGatewayProxyEventV2): Promise<Language> {
  const facts = 'facts' in shown ? shown.facts : undefined;
  return (
    (facts && (await approvalContactLanguage(facts.approvalId))) ??
    acceptedLanguage(event.headers['accept-language'])
  );
}

const show = async (shown: Shown, event: APIGatewayProxyEventV2, method: string) =>
  respond(shown, method, await languageFor(shown, event));

/** A form post must come from a page of this site (the Origin, or failing that the Referer). */
function sameOrigin(event: APIGatewayProxyEventV2): boolean {
  const expected = new URL(getMailConfig().publicBaseUrl).origin;
  const claimed = event.headers.origin ?? event.headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === expected;
  } catch {
    return false;
  }
}

function parseForm(event: APIGatewayProxyEventV2) {
  const raw = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (raw.length > maxFormBytes) return undefined;
  if (!/^application\/x-www-form-urlencoded\b/i.test(event.headers['content-type'] ?? '')) return undefined;
  const result = linkFormSchema.safeParse(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  return result.success ? result.data : undefined;
}

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const params = linkParams.safeParse(event.pathParameters ?? {});
  const token = params.success ? params.data.token : '';
  const meta = requestMeta(event);
  if (method === 'GET' || method === 'HEAD')
    return show(await showLinkPage(token, meta, method), event, method);

  const browser = acceptedLanguage(event.headers['accept-language']);
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
  return show(await decideByLink(token, form, meta), event, method);
}

/** Errors become pages too: a 4xx says what to do; anything else says only that it was not the visitor's fault. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpHeaderNormalizer())
  .use({
    onError: (request) => {
      const { error } = request;
      const method = request.event.requestContext.http.method;
      const language = acceptedLanguage(request.event.headers['accept-language']);
      const words = pageMessages[language].notices;
      if (error instanceof AppError && error.status < 500) {
        const title = error.status === 429 ? words.tooManyTitle : words.notAcceptedTitle;
        request.response = respond(notice(error.status, title, error.message), method, language);
        return;
      }
      logger.error('Approval page failed', { routeKey: request.event.routeKey, error: error as Error });
      request.response = respond(notice(500, words.failedTitle, words.failed), method, language);
    },
  })
  .handler(serve);
