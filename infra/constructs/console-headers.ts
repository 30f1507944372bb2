/**
 * The staff console's Content-Security-Policy, in one place: CloudFront's response headers policy
 * sends it in AWS and the local console server sends it locally. The console loads only its own
 * files; it talks to its own origin (/api), to S3 (presigned uploads, and previews of exactly the
 * file being approved) and, in AWS, to Cognito (sign-in, token refresh).
 */
export function consoleContentSecurityPolicy(origins: { files: string[]; signIn: string[] }): string {
  const files = origins.files.join(' ');
  const signIn = origins.signIn.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${files}`,
    `media-src 'self' ${files}`,
    `frame-src ${files}`,
    `connect-src 'self' ${files} ${signIn}`.trim(),
    `form-action 'self' ${signIn}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Paths the console's own origin sends on to the HTTP API: the API itself, the client's approval
 * pages, and the document links emails carry (both are built on that origin, PUBLIC_BASE_URL).
 */
export const consoleApiPrefix = '/api';
export const approvalPagePrefix = '/approve';
export const documentLinkPrefix = '/documents';

/** Where the console's sign-in comes back to (Cognito's callback URL). */
export const signInCallbackPath = '/auth/callback';
