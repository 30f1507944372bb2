import type { SignInConfig } from '../config';
import type { Session } from './contract';

export type { Session } from './contract';

/** Starts the session, or sends the browser to sign in (and resolves to undefined). */
export async function startSession(config: SignInConfig): Promise<Session | undefined> {
  if (config.kind === 'local') return (await import('./local')).localSession(config);
  return (await import('./cognito')).cognitoSession(config);
}
