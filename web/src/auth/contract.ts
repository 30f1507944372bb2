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

/** Where to come back to after signing in. */
export const returnPath = () => `${location.pathname}${location.search}`;
