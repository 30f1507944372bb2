import type { Language } from './i18n.js';

/**
 * The one error type of the domain. Each carries its HTTP status and a stable,
 * machine-readable code; the HTTP layer turns it into an RFC 9457 problem document in
 * one place. Anything that is not an AppError is a bug or an outage and answers 500.
 */
export interface FieldError {
  /** Dotted path into the request: `body.intake.marketingPlan`, `query.limit`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  /**
   * The detail in each reader's language, where the domain has it in all three (a refusal by the
   * role table); otherwise the HTTP layer localises by `code` (shared/platform/messages.ts).
   */
  detailIn?: (language: Language) => string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    /** For 429 and 503: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
    /** For 429: the limit that was reached, per window (the RateLimit-Limit header). */
    readonly rateLimit?: number,
    /** Members of the problem document beyond the standard ones (e.g. `amountOver`). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const validationFailed = (errors: FieldError[], detail = 'The request is not valid.') =>
  new AppError(400, 'validation_failed', 'Invalid request', detail, errors);

export const badRequest = (code: string, detail: string, field?: string) =>
  new AppError(400, code, 'Bad request', detail, field ? [{ field, message: detail }] : undefined);

export const unauthorized = (detail = 'A valid staff bearer token is required.') =>
  new AppError(401, 'unauthorized', 'Unauthorized', detail);

export const forbidden = (detail: string) => new AppError(403, 'forbidden', 'Forbidden', detail);

/** A refusal that says who may do it, in the reader's language (the role table's sentences). */
export function refusedByRole(whoMay: (language: Language) => string): AppError {
  const error = forbidden(whoMay('en'));
  error.detailIn = whoMay;
  return error;
}

/** Unknown and not-visible answer the same, so ids of other clients cannot be probed. */
export const notFound = (what: string) =>
  new AppError(404, 'not_found', 'Not found', `${what} was not found.`);

export const conflict = (code: string, detail: string, field?: string) =>
  new AppError(409, code, 'Conflict', detail, field ? [{ field, message: detail }] : undefined);

/** A 409 in each reader's language (a context's catalogue), with its stable code. */
export function conflictIn(code: string, detailIn: (language: Language) => string): AppError {
  const error = conflict(code, detailIn('en'));
  error.detailIn = detailIn;
  return error;
}

export const versionConflict = (what: string, expected: number) =>
  conflict(
    'version_conflict',
    `${what} was changed by someone else: version ${expected} is no longer current. Reload and retry.`,
  );

export const payloadTooLarge = (limitBytes: number) =>
  new AppError(413, 'payload_too_large', 'Payload too large', `The body exceeds ${limitBytes} bytes.`);

export const unsupportedMediaType = () =>
  new AppError(415, 'unsupported_media_type', 'Unsupported media type', 'The body must be application/json.');

export const unprocessable = (code: string, detail: string, field?: string) =>
  new AppError(422, code, 'Unprocessable request', detail, field ? [{ field, message: detail }] : undefined);

export const preconditionRequired = () =>
  new AppError(
    428,
    'precondition_required',
    'Precondition required',
    'Send the version you are changing in an If-Match header.',
    [{ field: 'header.if-match', message: 'Required for updates (optimistic locking).' }],
  );

export const tooManyRequests = (detail: string, retryAfterSeconds: number, limit: number) =>
  new AppError(429, 'too_many_requests', 'Too many requests', detail, undefined, retryAfterSeconds, limit);

/**
 * A service Account Desk depends on stayed busy (throttled, timing out) for the whole time the
 * request had: the request may be sent again. A create may have gone through, so the detail
 * says to send it with the same Idempotency-Key.
 */
export const serviceBusy = (retryAfterSeconds = 2) =>
  new AppError(
    503,
    'service_busy',
    'Service busy',
    'Account Desk is busy and could not finish your request in time. Send it again in a moment; a request that creates something, with the same Idempotency-Key.',
    undefined,
    retryAfterSeconds,
  );
