import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, serviceBusy } from '../../shared/platform/errors.js';
import { acceptedLanguage, type Language } from '../../shared/platform/i18n.js';
import { answerReserveMs, isServiceBusy, withTimeBudget } from '../../shared/platform/retries.js';
import { businessMetric, countEvent } from '../../shared/platform/telemetry.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { localisedDetail, retryHeaders } from './problem.js';

/** What a page behind an emailed link says when a request is refused or fails. */
export interface LinkPageNoticeWords {
  notAcceptedTitle: string;
  tooManyTitle: string;
  busyTitle: string;
  failedTitle: string;
  failed: string;
}

/** A refusal or failure shown as the page itself. */
export interface ErrorNotice {
  state: 'error';
  status: number;
  title: string;
  message: string;
}

export interface LinkPageDefinition<Shown> {
  /** How the logs name the page ("Approval page"). */
  name: string;
  /** The page's own sources (its inline style, the images it shows); everything else refused. */
  contentSecurityPolicy: string;
  render(shown: Shown, language: Language): string;
  statusOf(shown: Shown): number;
  /** The reader's own language where the link's facts record it. */
  languageOf(shown: Shown): Language | undefined;
  noticeWords(language: Language): LinkPageNoticeWords;
}

type Result = APIGatewayProxyStructuredResultV2;

export const browserLanguage = (event: APIGatewayProxyEventV2): Language =>
  acceptedLanguage(event.headers['accept-language']);

const withHeaders = (response: Result, headers: Record<string, string>): Result => ({
  ...response,
  headers: { ...response.headers, ...headers },
});

/**
 * A public page behind an emailed link (the approval page, the minutes page): never cached, never
 * framed, the link (which is the credential) never leaked in a Referer to another origin, the
 * form posting only back here; errors become pages too — a 4xx says what to do in the reader's
 * words, anything else only that nothing was recorded.
 */
export function linkPage<Shown>(page: LinkPageDefinition<Shown | ErrorNotice>) {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'content-security-policy': page.contentSecurityPolicy,
  };
  const respond = (shown: Shown | ErrorNotice, method: string, language: Language): Result => ({
    statusCode: page.statusOf(shown),
    headers: { ...headers, 'content-language': language },
    body: method === 'HEAD' ? '' : page.render(shown, language),
  });
  const notice = (status: number, title: string, message: string): ErrorNotice => ({
    state: 'error',
    status,
    title,
    message,
  });
  /** The page in the reader's language as the link's facts record it, else the browser's. */
  const show = (shown: Shown | ErrorNotice, event: APIGatewayProxyEventV2, method: string) =>
    respond(shown, method, page.languageOf(shown) ?? browserLanguage(event));

  const handler = (serve: (event: APIGatewayProxyEventV2) => Promise<Result>) =>
    instrumented<APIGatewayProxyEventV2, Result>()
      .use(httpHeaderNormalizer())
      .use({
        onError: (request) => {
          const { error } = request;
          const method = request.event.requestContext.http.method;
          const language = browserLanguage(request.event);
          const words = page.noticeWords(language);
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
            logger.warn(`${page.name}: a service stayed busy`, { error: error as Error });
            request.response = withHeaders(
              respond(notice(503, words.busyTitle, words.failed), method, language),
              retryHeaders(serviceBusy()),
            );
            return;
          }
          logger.error(`${page.name} failed`, { routeKey: request.event.routeKey, error: error as Error });
          request.response = respond(notice(500, words.failedTitle, words.failed), method, language);
        },
      })
      .handler((event, context) =>
        withTimeBudget(Date.now() + context.getRemainingTimeInMillis() - answerReserveMs, () => serve(event)),
      );

  return { respond, notice, show, handler };
}
