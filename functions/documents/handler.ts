import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentLinkWords, openDocumentLink } from '../../shared/media/index.js';
import { escapeHtml } from '../../shared/platform/emails.js';
import { AppError } from '../../shared/platform/errors.js';
import type { Language } from '../../shared/platform/i18n.js';
import { requestMeta } from '../http/api.js';
import { browserLanguage } from '../http/link-page.js';
import { localisedDetail } from '../http/problem.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { documentLinkParams } from './routes.js';

/** Never cached, never leaking the link (the credential) in a Referer, never sniffed. */
const baseHeaders = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

function page(
  status: number,
  title: string,
  message: string,
  method: string,
  language: Language,
  extra: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const body = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="robots" content="noindex,nofollow"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  return {
    statusCode: status,
    headers: {
      ...baseHeaders,
      'content-type': 'text/html; charset=utf-8',
      'content-language': language,
      vary: 'Accept-Language',
      ...extra,
    },
    body: method === 'HEAD' ? '' : body,
  };
}

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const language = browserLanguage(event);
  const words = documentLinkWords[language];
  const params = documentLinkParams.safeParse(event.pathParameters ?? {});
  const click = await openDocumentLink(params.success ? params.data.token : '', requestMeta(event).ip);
  switch (click.kind) {
    case 'download':
      logger.info('Document link opened', { purpose: click.link.purpose, reader: click.link.reader.kind });
      return { statusCode: 303, headers: { ...baseHeaders, location: click.url }, body: '' };
    case 'refused':
      return page(403, words.refusedTitle, words.refused[click.reason], method, language);
    case 'invalid':
      return page(404, words.invalidTitle, words.invalid, method, language);
  }
}

/** Throttling answers a page too; anything unexpected says only that it was not the visitor's fault. */
export const handler = instrumented<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpHeaderNormalizer())
  .use({
    onError: (request) => {
      const { error } = request;
      const method = request.event.requestContext.http.method;
      const language = browserLanguage(request.event);
      const words = documentLinkWords[language];
      if (error instanceof AppError && error.status < 500) {
        request.response = page(
          error.status,
          error.status === 429 ? words.tooManyTitle : words.notAcceptedTitle,
          localisedDetail(error, language),
          method,
          language,
          error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {},
        );
        return;
      }
      logger.error('Document link failed', { error: error as Error });
      request.response = page(500, words.failedTitle, words.failed, method, language);
    },
  })
  .handler(serve);
