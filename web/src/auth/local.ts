import type { SignInConfig } from '../config';
import { returnPath, type Session } from './contract';

type LocalConfig = Extract<SignInConfig, { kind: 'local' }>;

interface LocalToken {
  idToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * The local stack's sign-in: the local sign-in page keeps a session cookie (like Cognito's own
 * session), and the console trades it for a token it keeps in memory, renewed before it expires.
 */
export async function localSession(config: LocalConfig): Promise<Session | undefined> {
  const signIn = () => location.assign(`${config.signInUrl}?return=${encodeURIComponent(returnPath())}`);
  const fetchToken = async (): Promise<LocalToken | undefined> => {
    const response = await fetch(config.tokenUrl, { method: 'POST', credentials: 'same-origin' });
    // 204: nobody is signed in.
    return response.status === 200 ? ((await response.json()) as LocalToken) : undefined;
  };
  let current = await fetchToken();
  if (!current) {
    signIn();
    return undefined;
  }
  return {
    kind: 'local',
    async token() {
      if (!current || current.expiresAt - Date.now() / 1000 < 300) current = await fetchToken();
      if (!current) {
        signIn();
        throw new Error('signed out');
      }
      return current.idToken;
    },
    reauthenticate: signIn,
    async signOut() {
      await fetch(config.signOutUrl, { method: 'POST', credentials: 'same-origin' });
      current = undefined;
      location.assign(config.signInUrl);
    },
  };
}
