import type { SignInConfig } from '../config';

/** The signed-in staff member's session: tokens live in memory only and are renewed silently. */
export interface Session {
  kind: SignInConfig['kind'];
  /** A current ID token (renewed when close to expiry). */
  token(): Promise<string>;
  /** Sign in again (the token was refused), coming back to this page. */
  reauthenticate(): void;
  signOut(): Promise<void>;
}

export const returnPath = () => `${location.pathname}${location.search}`;

/** Starts the session, or sends the browser to sign in (and resolves to undefined). */
export async function startSession(config: SignInConfig): Promise<Session | undefined> {
  if (config.kind === 'local') return (await import('./local')).localSession(config);
  return (await import('./cognito')).cognitoSession(config);
}
