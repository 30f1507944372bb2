import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from '../config';
import { returnPath, type Session } from './contract';

type CognitoConfig = Extract<SignInConfig, { kind: 'cognito' }>;

export const callbackPath = '/auth/callback';

/**
 * Cognito managed login: authorization code with PKCE (oidc-client-ts). Tokens are kept in memory
 * only (a reload signs in again through Cognito's own session, without a password) and renewed
 * silently with the refresh token before they expire. The API takes the ID token: it carries the
 * `staff_id` claim the pre-token-generation trigger adds.
 */
export async function cognitoSession(config: CognitoConfig): Promise<Session | undefined> {
  const origin = location.origin;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${callbackPath}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    // Cognito's discovery document has no end_session_endpoint; its logout takes logout_uri.
    metadataSeed: { end_session_endpoint: `${config.domain}/logout` },
  });

  if (location.pathname === callbackPath) {
    const user = await manager.signinRedirectCallback();
    const back = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
    history.replaceState(null, '', back.startsWith('/') ? back : '/');
  }
  const signIn = () => void manager.signinRedirect({ state: { returnTo: returnPath() } });
  const user = await manager.getUser();
  if (!user || user.expired) {
    signIn();
    return undefined;
  }
  return {
    kind: 'cognito',
    async token() {
      let current = await manager.getUser();
      if (!current || current.expired) current = await manager.signinSilent();
      if (!current?.id_token) throw new Error('signed out');
      return current.id_token;
    },
    reauthenticate: signIn,
    async signOut() {
      await manager.removeUser();
      await manager.signoutRedirect({
        extraQueryParams: { client_id: config.clientId, logout_uri: `${origin}/` },
      });
    },
  };
}
