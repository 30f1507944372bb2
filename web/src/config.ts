/**
 * What the console learns at start from `/config.json` on its own origin: how staff sign in. In
 * AWS the CDK deployment writes it next to the build (Cognito managed login); locally the console
 * server answers it (the local sign-in). The API is always under `/api` on the same origin.
 */
export type SignInConfig =
  | {
      kind: 'cognito';
      /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` (OpenID discovery). */
      authority: string;
      clientId: string;
      /** The managed login domain, e.g. `https://<prefix>.auth.<region>.amazoncognito.com`. */
      domain: string;
    }
  | {
      kind: 'local';
      /** The local sign-in page (lists the demo staff). */
      signInUrl: string;
      /** Answers a fresh token for the local session, or 401. */
      tokenUrl: string;
      signOutUrl: string;
    };

export interface ConsoleConfig {
  signIn: SignInConfig;
  /** The agency's name, as on its documents. */
  agencyName?: string;
}

export const apiBase = '/api';

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
