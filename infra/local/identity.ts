/**
 * Local stand-in for the Cognito user pool: an ES256 key pair, tokens shaped like Cognito
 * ID tokens, and a verifier that behaves like the HTTP API JWT authorizer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'account-desk-local';
export const LOCAL_AUDIENCE = 'account-desk-local-client';
export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const ALG = 'ES256';

export interface LocalKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface StaffIdentity {
  staffId: string;
  email: string;
}

export async function generateLocalKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  return { privateJwk, publicJwk };
}

/** Loads the key pair from `dir`, generating it on first use (`dir` undefined: in memory). */
export async function loadOrCreateKeys(dir: string | undefined): Promise<LocalKeys> {
  if (!dir) return generateLocalKeys();
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'public.jwk.json');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
      publicJwk: JSON.parse(readFileSync(publicPath, 'utf8')) as JWK,
    };
  }
  const keys = await generateLocalKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(privatePath, JSON.stringify(keys.privateJwk, null, 2), { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify(keys.publicJwk, null, 2));
  return keys;
}

export interface MintOptions {
  /** Seconds since epoch to use as "now" (tests: expired / not-yet-valid tokens). */
  now?: number;
  lifetimeSeconds?: number;
  issuer?: string;
  audience?: string;
  extraClaims?: Record<string, unknown>;
}

/** A token shaped like a Cognito ID token for one staff member. */
export async function mintStaffToken(
  privateJwk: JWK,
  staff: StaffIdentity,
  options: MintOptions = {},
): Promise<string> {
  const key = await importJWK(privateJwk, ALG);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: staff.email,
    staff_id: staff.staffId,
    token_use: 'id',
    auth_time: now,
    ...options.extraClaims,
  })
    .setProtectedHeader({ alg: ALG, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(staff.staffId)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS))
    .sign(key);
}

/**
 * Verifies a bearer token the way the HTTP API JWT authorizer does: signature with a key of
 * the issuer's JWKS (by `kid`), `iss`, `exp`/`nbf`, and `aud` — or `client_id` when the
 * token has no `aud`. Returns the claims, or `undefined` when API Gateway would answer 401.
 */
export function createJwtVerifier(
  publicJwk: JWK,
  issuer = LOCAL_ISSUER,
  audience = LOCAL_AUDIENCE,
): (token: string) => Promise<JWTPayload | undefined> {
  const keyPromise = importJWK(publicJwk, ALG);
  return async (token) => {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, await keyPromise, {
        issuer,
        algorithms: [ALG],
      });
      if (publicJwk.kid && protectedHeader.kid !== publicJwk.kid) return undefined;
      if (typeof payload.exp !== 'number') return undefined;
      const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (aud.length > 0 ? !aud.includes(audience) : payload.client_id !== audience) return undefined;
      return payload;
    } catch {
      return undefined;
    }
  };
}

/**
 * Claims as the HTTP API puts them in `requestContext.authorizer.jwt.claims`: every value a
 * string (numbers and booleans printed, lists as `[a b]`).
 */
export function claimsForEvent(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out[key] = `[${value.join(' ')}]`;
    else if (value !== null && typeof value === 'object') out[key] = JSON.stringify(value);
    else out[key] = String(value);
  }
  return out;
}
