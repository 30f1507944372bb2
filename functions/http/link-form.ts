import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { getMailConfig } from '../../shared/platform/config.js';

/**
 * What the public pages behind emailed links (the approval page, the minutes page) share about a
 * form post: it must come from a page of this site, and its body is a small urlencoded form.
 */

/** A form post must come from a page of this site (the Origin, or failing that the Referer). */
export function sameOrigin(event: APIGatewayProxyEventV2): boolean {
  const expected = new URL(getMailConfig().publicBaseUrl).origin;
  const claimed = event.headers.origin ?? event.headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === expected;
  } catch {
    return false;
  }
}

/** The form's fields as `schema` takes them; undefined for a body too big, of another type or invalid. */
export function parseLinkForm<T>(
  event: APIGatewayProxyEventV2,
  schema: z.ZodType<T>,
  maxBytes: number,
): T | undefined {
  const raw = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (raw.length > maxBytes) return undefined;
  if (!/^application\/x-www-form-urlencoded\b/i.test(event.headers['content-type'] ?? '')) return undefined;
  const result = schema.safeParse(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  return result.success ? result.data : undefined;
}
