import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '../../shared/platform/errors.js';
import type { Language } from '../../shared/platform/i18n.js';
import { problemDetailTranslations, problemWords } from '../../shared/platform/messages.js';
import { registeredRefusalWords } from '../../shared/platform/refusal-words.js';

export const problemTypeBase = 'urn:account-desk:problem:';

const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/**
 * The one place an error becomes an HTTP response (RFC 9457 problem details), in the reader's
 * language: the title by status, the detail as the domain said it in that language (a refusal by
 * role), else the known code's sentence, else the domain's own (English) words. `type`, `code`
 * and each `field` are the same in every language.
 */
export function problemResponse(
  error: AppError,
  instance?: string,
  language: Language = 'en',
): APIGatewayProxyStructuredResultV2 {
  const detail = localisedDetail(error, language);
  return {
    statusCode: error.status,
    headers: {
      ...baseHeaders,
      'content-type': 'application/problem+json',
      'content-language': language,
      vary: 'Accept-Language',
      ...retryHeaders(error),
    },
    body: JSON.stringify({
      type: `${problemTypeBase}${error.code}`,
      title: language === 'en' ? error.title : (problemWords[language].titles[error.status] ?? error.title),
      status: error.status,
      detail,
      code: error.code,
      instance,
      // A field's message that repeats the detail (a refusal naming its field) reads as the detail does.
      errors: error.errors?.map((e) => (e.message === error.message ? { ...e, message: detail } : e)),
      ...error.extensions,
    }),
  };
}

/** A refusal's detail in the reader's language, as far as the catalogues know it (else the domain's English). */
export function localisedDetail(error: AppError, language: Language): string {
  if (error.detailIn) return error.detailIn(language);
  if (language === 'en') return error.message;
  return (
    problemDetailTranslations[language][error.code] ??
    registeredRefusalWords(language, error.code) ??
    error.message
  );
}

/**
 * When to try again, on a 429 or a 503: `Retry-After` (seconds); on a 429 also the limit reached
 * (`RateLimit-Limit`, `RateLimit-Remaining: 0`, `RateLimit-Reset`: IETF draft RateLimit header fields).
 */
export function retryHeaders(error: AppError): Record<string, string> {
  const seconds = error.retryAfterSeconds;
  if (!seconds) return {};
  return {
    'retry-after': String(seconds),
    ...(error.rateLimit
      ? {
          'ratelimit-limit': String(error.rateLimit),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(seconds),
        }
      : {}),
  };
}

/** Whatever went wrong inside stays inside: the client learns only that it was not its fault. */
export const internalError = () =>
  new AppError(
    500,
    'internal_error',
    'Internal server error',
    'Something went wrong on our side; nothing was changed.',
  );

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...baseHeaders, 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}
