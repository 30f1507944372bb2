import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '../../shared/platform/errors.js';

export const problemTypeBase = 'urn:account-desk:problem:';

const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** The one place an error becomes an HTTP response (RFC 9457 problem details). */
export function problemResponse(error: AppError, instance?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: error.status,
    headers: { ...baseHeaders, 'content-type': 'application/problem+json', ...retryHeaders(error) },
    body: JSON.stringify({
      type: `${problemTypeBase}${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      code: error.code,
      instance,
      errors: error.errors,
      ...error.extensions,
    }),
  };
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
